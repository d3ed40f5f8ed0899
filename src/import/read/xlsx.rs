//! Excel workbooks, such as the one the exporter writes for a department to fill in and send
//! back: each sheet's rows, strings resolved from the shared table, read as table rows and then
//! matched by their labels like any other document (cell positions are not relied on).

use super::package::{doctype, Package};
use super::Document;
use crate::import::{ImportError, LegacyDecoder, Line};
use crate::limits::{MAX_CELLS, MAX_COLUMNS, MAX_UNCOMPRESSED_BYTES};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The rows of an .xlsx file's sheets.
pub(crate) fn read(bytes: &[u8], _: LegacyDecoder) -> Result<Document, ImportError> {
    let mut package = Package::open(bytes)?;
    let shared = match package.read("xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let mut sheets: Vec<(u32, String)> = package
        .names()
        .filter_map(|n| {
            let number = n.strip_prefix("xl/worksheets/sheet")?.strip_suffix(".xml")?;
            Some((number.parse().ok()?, n.to_string()))
        })
        .collect();
    sheets.sort();
    if sheets.is_empty() {
        return Err(ImportError::Corrupt("缺少工作表（xl/worksheets），不是 Excel 工作簿".into()));
    }
    let mut lines = Vec::new();
    let mut read = Read::default();
    for (_, name) in sheets {
        if let Some(xml) = package.read(&name)? {
            rows(&xml, &name, &shared, &mut lines, &mut read)?;
        }
    }
    Ok(lines.into())
}

fn xml_error(part: &str, reader: &Reader<&[u8]>, e: impl std::fmt::Display) -> ImportError {
    ImportError::Corrupt(format!("{part} 第 {} 字节处 XML 有误（{e}）", reader.buffer_position()))
}

/// The text of every `<t>` in the events until `end` closes, for a shared or inline string.
fn texts_until(reader: &mut Reader<&[u8]>, part: &str, end: &[u8]) -> Result<String, ImportError> {
    let mut out = String::new();
    let mut in_t = false;
    loop {
        match reader.read_event().map_err(|e| xml_error(part, reader, e))? {
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_t = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_t = false,
            Event::End(e) if e.local_name().as_ref() == end => return Ok(out),
            Event::Text(t) if in_t => out.push_str(&t.unescape().map_err(|e| xml_error(part, reader, e))?),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn shared_strings(xml: &str) -> Result<Vec<String>, ImportError> {
    let part = "xl/sharedStrings.xml";
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| xml_error(part, &reader, e))? {
            Event::Start(e) if e.local_name().as_ref() == b"si" => out.push(texts_until(&mut reader, part, b"si")?),
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::DocType(_) => return Err(doctype(part)),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

/// The column index of a reference such as `AB12` (A = 0).
fn column(reference: &str) -> Option<usize> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic);
    let n =
        letters.fold(0usize, |n, b| n.saturating_mul(26).saturating_add((b.to_ascii_uppercase() - b'A' + 1) as usize));
    // The template is 16 columns wide; far-off references are not to be trusted with memory.
    (1..=MAX_COLUMNS).contains(&n).then(|| n - 1)
}

/// What the sheets have given so far, against the limits: a shared string is stored once but
/// may be used by every cell, so the text taken is counted like decompressed bytes.
#[derive(Default)]
struct Read {
    cells: usize,
    bytes: u64,
}

/// Appends one line per sheet row; cells keep their columns (a gap is a blank cell).
fn rows(xml: &str, part: &str, shared: &[String], out: &mut Vec<Line>, read: &mut Read) -> Result<(), ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut cells: Vec<String> = Vec::new();
    let mut current: Option<(usize, String)> = None; // column, type
    let mut in_value = false;
    let mut set = |cells: &mut Vec<String>, col: usize, text: String| {
        read.bytes += text.len() as u64;
        if read.bytes > MAX_UNCOMPRESSED_BYTES {
            return Err(ImportError::ZipBomb);
        }
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
        Ok(())
    };
    loop {
        match reader.read_event().map_err(|e| xml_error(part, &reader, e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"row" => cells.clear(),
                b"c" => {
                    let col = attr(&e, b"r").and_then(|r| column(&r)).unwrap_or(cells.len());
                    current = Some((col, attr(&e, b"t").unwrap_or_default()));
                }
                b"v" => in_value = true,
                b"is" => {
                    let text = texts_until(&mut reader, part, b"is")?;
                    if let Some((col, _)) = &current {
                        set(&mut cells, *col, text)?;
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_value => {
                let v = t.unescape().map_err(|e| xml_error(part, &reader, e))?;
                if let Some((col, kind)) = &current {
                    let text = match kind.as_str() {
                        "s" => v.trim().parse::<usize>().ok().and_then(|i| shared.get(i)).cloned().unwrap_or_default(),
                        _ => v.into_owned(),
                    };
                    set(&mut cells, *col, text)?;
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"v" => in_value = false,
                b"c" => current = None,
                b"row" => {
                    read.cells += cells.len();
                    if read.cells > MAX_CELLS {
                        return Err(ImportError::Corrupt(format!(
                            "{part} 的单元格超过 {MAX_CELLS} 个，不像是年度报告表格"
                        )));
                    }
                    let no = out.len() + 1;
                    out.push(Line { no, cells: std::mem::take(&mut cells), row: true });
                }
                _ => {}
            },
            Event::DocType(_) => return Err(doctype(part)),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}
