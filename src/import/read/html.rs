//! Web pages: the report as published on a government site. A small tolerant scanner (real pages
//! are rarely well-formed XML) collects paragraphs and tables; a table whose cells hold other
//! tables is page layout and is read through, a table without is data and gives one row per `tr`.
//! As in Word documents, `colspan`/`rowspan` need no layout because rows are matched by label.
//!
//! Pages nest tables as deep as they like (an unclosed `<table>` is common), so the scanner keeps
//! no tree and never recurses: lines go straight into one list in document order, and a data
//! table, when it closes, turns its own paragraphs at the end of that list into its rows. Each
//! tag and character costs the same at any depth.

use super::{decode_text, Document};
use crate::import::{ImportError, LegacyDecoder, Line};

/// A web page's lines, and the files it links as the report and its pictures.
pub(crate) fn read(bytes: &[u8], legacy: LegacyDecoder) -> Result<Document, ImportError> {
    Ok(page(&decode_text(bytes, legacy)?))
}

/// The document in a page's markup.
pub(crate) fn page(html: &str) -> Document {
    let page = scan(html);
    Document { lines: page.out, attachments: page.attachments, images: page.images, ..Document::default() }
}

/// Whether text is markup, by its first 2,000 characters.
pub(crate) fn looks_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8000)];
    let head = match head {
        [0xff, 0xfe, ..] | [0xfe, 0xff, ..] => {
            let le = head[0] == 0xff;
            let units = head[2..].chunks_exact(2).map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            });
            char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect()
        }
        _ => String::from_utf8_lossy(head).into_owned(),
    };
    let head = head.chars().take(2000).collect::<String>().to_ascii_lowercase();
    head.contains("<html") || head.contains("<table") || head.contains("<!doctype html")
}

/// What a link ends with when it is the report as a file.
const ATTACHMENTS: &[&str] = &[".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".ofd", ".txt"];

/// A table being read: where its lines begin in the output, and its rows as data in case no
/// table turns up inside it.
#[derive(Default)]
struct Table {
    start: usize,
    /// A table closed inside this one: it is layout, its lines stay as they are.
    layout: bool,
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    /// The open cell's text: its paragraphs joined.
    cell: Option<String>,
    /// Paragraphs outside any cell (browsers show them before the table).
    stray: Vec<String>,
}

impl Table {
    fn close_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            self.row.get_or_insert_with(Vec::new).push(c);
        }
    }
    fn close_row(&mut self) {
        self.close_cell();
        if let Some(r) = self.row.take() {
            self.rows.push(r);
        }
    }
}

/// Tags that end the paragraph being gathered.
const BREAKS: &[&str] = &[
    "table", "tr", "td", "th", "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "pre",
];

#[derive(Default)]
struct Scanner {
    out: Vec<Line>,
    /// Open tables, innermost last.
    tables: Vec<Table>,
    /// The paragraph being gathered.
    text: String,
    /// Files the page links (its report as an attachment), by their link's text or name.
    attachments: Vec<String>,
    /// Where the text of an open link to a file begins in `text`, and the file's name.
    link: Option<(usize, String)>,
    images: usize,
}

impl Scanner {
    /// Ends the paragraph being gathered: a line, and part of the open cell's text if any.
    fn flush(&mut self) {
        let t = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.text.clear();
        if t.is_empty() {
            return;
        }
        match self.tables.last_mut() {
            Some(Table { cell: Some(c), .. }) => c.push_str(&t),
            Some(table) => table.stray.push(t.clone()),
            None => {}
        }
        self.out.push(Line { no: 0, cells: vec![t], row: false });
    }

    fn tag(&mut self, name: &str, closing: bool, attributes: &str) {
        if BREAKS.contains(&name) {
            self.flush();
        }
        match (name, closing) {
            ("a", false) => self.link = attachment(attributes).map(|file| (self.text.len(), file)),
            ("a", true) => {
                if let Some((start, file)) = self.link.take() {
                    let text = self.text.get(start..).unwrap_or("").trim();
                    let name = if text.is_empty() { file } else { text.to_string() };
                    if !self.attachments.contains(&name) {
                        self.attachments.push(name);
                    }
                }
            }
            ("img", false) => self.images += 1,
            ("table", false) => self.tables.push(Table { start: self.out.len(), ..Table::default() }),
            ("table", true) => self.close_table(),
            ("tr", _) => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                    if !closing {
                        t.row = Some(Vec::new());
                    }
                }
            }
            ("td" | "th", _) => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                    if !closing {
                        t.cell = Some(String::new());
                    }
                }
            }
            _ => {}
        }
    }

    /// A layout table leaves its lines; a data table's lines (its own paragraphs only) become
    /// its stray paragraphs, then its rows.
    fn close_table(&mut self) {
        let Some(mut t) = self.tables.pop() else { return };
        if let Some(outer) = self.tables.last_mut() {
            outer.layout = true;
        }
        if t.layout {
            return;
        }
        t.close_row();
        self.out.truncate(t.start);
        let stray = t.stray.into_iter().map(|p| Line { no: 0, cells: vec![p], row: false });
        let rows = t.rows.into_iter().map(|cells| Line { no: 0, cells, row: true });
        self.out.extend(stray.chain(rows));
    }
}

/// The file a link's `href` names, if it is a document (an attachment): its last path segment.
fn attachment(attributes: &str) -> Option<String> {
    let at = find_ignoring_case(attributes, "href=")?;
    let value = attributes[at + 5..].trim_start();
    let value = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
        _ => value.split_whitespace().next().unwrap_or(""),
    };
    let path = value.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    ATTACHMENTS
        .iter()
        .any(|e| lower.ends_with(e))
        .then(|| unescape_url(&decode(path.rsplit('/').next().unwrap_or(path))))
}

/// A URL's %-escapes undone (`%E5%B9%B4` is 年), as the name of the file is shown.
fn unescape_url(name: &str) -> String {
    let b = name.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (b[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The page's paragraphs and table rows, in order, numbered; script, style and head content
/// skipped.
fn scan(html: &str) -> Scanner {
    let mut s = Scanner::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        s.text.push_str(&decode(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let inner = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && matches!(name.as_str(), "script" | "style" | "head" | "noscript" | "template" | "title") {
            let end = format!("</{name}");
            rest = find_ignoring_case(rest, &end).map_or("", |i| &rest[i..]);
            continue;
        }
        s.tag(&name, closing, &inner[name.len() + usize::from(closing)..]);
    }
    s.text.push_str(&decode(rest));
    s.flush();
    while !s.tables.is_empty() {
        s.close_table();
    }
    for (i, line) in s.out.iter_mut().enumerate() {
        line.no = i + 1;
    }
    s
}

/// Where an ASCII `needle` first occurs in `hay`, ignoring ASCII case.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Character references and the common named entities.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "nbsp" | "ensp" | "emsp" => Some(' '),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "mdash" => Some('—'),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
