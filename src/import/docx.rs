//! Word documents: the tables' cells straight from Word's table XML (`w:tbl/w:tr/w:tc`), the
//! body paragraphs for the text parts.
//!
//! Merged cells need no layout: a cell spanning columns (`w:gridSpan`) is one cell and a
//! vertically merged continuation (`w:vMerge`) is an empty one. Rows are matched by their labels
//! and figures taken in order, so where a label cell spans does not matter.

use super::analyse::analyse;
use super::package::{doctype, Package};
use super::{ImportError, Imported, Line};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Imports a report from the bytes of a .docx file.
pub fn parse(bytes: &[u8]) -> Result<Imported, ImportError> {
    let mut package = Package::open(bytes)?;
    let xml = package
        .read("word/document.xml")?
        .ok_or_else(|| ImportError::Corrupt("缺少 word/document.xml，不是 Word 文档".into()))?;
    analyse(lines(&xml)?)
}

/// The body as lines: a paragraph each, a table row each (nested tables' text joins its cell).
fn lines(xml: &str) -> Result<Vec<Line>, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut depth = 0usize; // tables open
    let mut in_text = false;
    let mut para = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
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
                b"tbl" => depth += 1,
                b"tr" if depth == 1 => cells.clear(),
                b"tc" if depth == 1 => cell.clear(),
                b"t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" | b"br" | b"cr" if depth == 0 => para.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let t = t.unescape().map_err(|e| ImportError::Corrupt(format!("word/document.xml 文本有误（{e}）")))?;
                if depth == 0 {
                    para.push_str(&t);
                } else {
                    cell.push_str(&t);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" if depth == 0 => push(&mut out, vec![std::mem::take(&mut para)], false),
                b"tc" if depth == 1 => cells.push(std::mem::take(&mut cell)),
                b"tr" if depth == 1 => push(&mut out, std::mem::take(&mut cells), true),
                b"tbl" => depth = depth.saturating_sub(1),
                _ => {}
            },
            Event::DocType(_) => return Err(doctype("word/document.xml")),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
