//! Word documents: the tables' cells straight from Word's table XML (`w:tbl/w:tr/w:tc`), the
//! body paragraphs for the text parts.
//!
//! Merged cells need no layout: a cell spanning columns (`w:gridSpan`) is one cell and a
//! vertically merged continuation (`w:vMerge`) is an empty one. Rows are matched by their labels
//! and figures taken in order, so where a label cell spans does not matter.

use super::package::{doctype, Package};
use super::Document;
use crate::import::{ImportError, LegacyDecoder, Line};
use quick_xml::events::Event;
use quick_xml::Reader;

/// The lines of a .docx file.
pub(crate) fn read(bytes: &[u8], _: LegacyDecoder) -> Result<Document, ImportError> {
    let mut package = Package::open(bytes)?;
    let xml = package
        .read("word/document.xml")?
        .ok_or_else(|| ImportError::Corrupt("缺少 word/document.xml，不是 Word 文档".into()))?;
    lines(&xml).map(Document::from)
}

/// A table being read: where its lines begin in the output, its rows, and whether a table closed
/// inside it (then it is page layout, as a web page pasted into Word keeps it, and its lines stay).
#[derive(Default)]
struct Table {
    start: usize,
    layout: bool,
    rows: Vec<Vec<String>>,
    cells: Vec<String>,
    cell: String,
}

/// The body as lines: a paragraph each, a table row each. A table holding tables is layout: read
/// through, its paragraphs lines and the tables inside it rows.
fn lines(xml: &str) -> Result<Vec<Line>, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Line> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut in_text = false;
    let mut para = String::new();
    let push = |out: &mut Vec<Line>, cells: Vec<String>, row: bool| {
        let no = out.len() + 1;
        out.push(Line { no, cells, row });
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            ImportError::Corrupt(format!("word/document.xml 第 {} 字节处 XML 有误（{e}）", reader.buffer_position()))
        })?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tbl" => tables.push(Table { start: out.len(), ..Table::default() }),
                b"t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" | b"br" | b"cr" if tables.is_empty() => para.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let t = t.unescape().map_err(|e| ImportError::Corrupt(format!("word/document.xml 文本有误（{e}）")))?;
                para.push_str(&t);
                if let Some(table) = tables.last_mut() {
                    table.cell.push_str(&t);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let p = std::mem::take(&mut para);
                    if tables.is_empty() || !p.trim().is_empty() {
                        push(&mut out, vec![p], false);
                    }
                }
                b"tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = std::mem::take(&mut t.cell);
                        t.cells.push(cell);
                    }
                }
                b"tr" => {
                    if let Some(t) = tables.last_mut() {
                        let cells = std::mem::take(&mut t.cells);
                        t.rows.push(cells);
                    }
                }
                b"tbl" => {
                    let Some(t) = tables.pop() else { continue };
                    if let Some(outer) = tables.last_mut() {
                        outer.layout = true;
                    }
                    if !t.layout {
                        out.truncate(t.start);
                        for row in t.rows {
                            push(&mut out, row, true);
                        }
                    }
                }
                _ => {}
            },
            Event::DocType(_) => return Err(doctype("word/document.xml")),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
