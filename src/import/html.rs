//! Web pages: the report as published on a government site. A small tolerant scanner (real pages
//! are rarely well-formed XML) collects paragraphs and tables; a table whose cells hold other
//! tables is page layout and is read through, a table without is data and gives one row per `tr`.
//! As in Word documents, `colspan`/`rowspan` need no layout because rows are matched by label.

use super::analyse::analyse;
use super::{check_size, ImportError, Imported, Line, MAX_TEXT_BYTES};

/// Imports a report from the markup of a web page.
pub fn parse(html: &str) -> Result<Imported, ImportError> {
    check_size(html.len(), MAX_TEXT_BYTES)?;
    let mut lines = Vec::new();
    flatten(&blocks(html), &mut lines);
    analyse(lines)
}

enum Block {
    Para(String),
    /// Rows of cells, each cell its own blocks.
    Table(Vec<Vec<Vec<Block>>>),
}

/// Where text goes: a list of blocks and the paragraph being gathered.
#[derive(Default)]
struct Container {
    blocks: Vec<Block>,
    text: String,
}

impl Container {
    fn flush(&mut self) {
        let t = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            self.blocks.push(Block::Para(t));
        }
        self.text.clear();
    }
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Vec<Block>>>,
    row: Option<Vec<Vec<Block>>>,
    cell: Option<Container>,
}

impl TableBuilder {
    fn close_cell(&mut self) {
        if let Some(mut c) = self.cell.take() {
            c.flush();
            self.row.get_or_insert_with(Vec::new).push(c.blocks);
        }
    }
    fn close_row(&mut self) {
        self.close_cell();
        if let Some(r) = self.row.take() {
            self.rows.push(r);
        }
    }
}

struct Scanner {
    body: Container,
    tables: Vec<TableBuilder>,
}

impl Scanner {
    fn container(&mut self) -> &mut Container {
        match self.tables.iter_mut().rev().find_map(|t| t.cell.as_mut()) {
            Some(c) => c,
            None => &mut self.body,
        }
    }

    fn tag(&mut self, name: &str, closing: bool) {
        match (name, closing) {
            ("table", false) => {
                self.container().flush();
                self.tables.push(TableBuilder::default());
            }
            ("table", true) => {
                if let Some(mut t) = self.tables.pop() {
                    t.close_row();
                    let c = self.container();
                    c.flush();
                    c.blocks.push(Block::Table(t.rows));
                }
            }
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
                        t.cell = Some(Container::default());
                    }
                }
            }
            (
                "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section" | "article" | "pre",
                _,
            ) => self.container().flush(),
            _ => {}
        }
    }
}

/// The page's paragraphs and tables, in order; script, style and head content skipped.
fn blocks(html: &str) -> Vec<Block> {
    let mut s = Scanner { body: Container::default(), tables: Vec::new() };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        s.container().text.push_str(&decode(text));
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
        s.tag(&name, closing);
    }
    s.container().text.push_str(&decode(rest));
    while !s.tables.is_empty() {
        s.tag("table", true);
    }
    s.body.flush();
    s.body.blocks
}

/// Where an ASCII `needle` first occurs in `hay`, ignoring ASCII case.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Lines from blocks: a data table's rows as rows, everything else as paragraphs in order.
fn flatten(blocks: &[Block], out: &mut Vec<Line>) {
    let push = |out: &mut Vec<Line>, cells: Vec<String>, row: bool| {
        let no = out.len() + 1;
        out.push(Line { no, cells, row });
    };
    for b in blocks {
        match b {
            Block::Para(t) => push(out, vec![t.clone()], false),
            Block::Table(rows) => {
                let layout = rows.iter().flatten().flatten().any(|b| matches!(b, Block::Table(_)));
                for row in rows {
                    if layout {
                        row.iter().for_each(|cell| flatten(cell, out));
                    } else {
                        let cells = row.iter().map(|cell| cell_text(cell)).collect();
                        push(out, cells, true);
                    }
                }
            }
        }
    }
}

fn cell_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(t) => Some(t.as_str()),
            Block::Table(_) => None,
        })
        .collect::<Vec<_>>()
        .join("")
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
