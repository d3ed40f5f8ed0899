//! Word 97–2003 documents (.doc, and WPS's .wps that keep its layout), as many sites still attach
//! the report and many offices keep last year's file. `cfb` opens the compound file; the text is
//! the main document's characters through the piece table ([MS-DOC] 2.8.35), and a table's
//! structure is in its marks: each cell ends with 0x07, and so does each row, whose paragraph
//! the paragraph properties mark as a row's end (sprmPFTtp). Paragraphs become lines, rows
//! become table rows, as from a .docx.

use super::{compound, Document};
use crate::import::{ImportError, LegacyDecoder, Line};
use crate::limits::MAX_DOC_STREAM as MAX_STREAM;
use std::io::{Cursor, Read};

/// The lines of a compound file holding a Word document (a `WordDocument` stream).
pub(crate) fn read(bytes: &[u8], _: LegacyDecoder) -> Result<Document, ImportError> {
    let file = compound(bytes).ok_or_else(|| damaged("无法打开"))?;
    lines(file).map(Document::from)
}

fn damaged(why: &str) -> ImportError {
    ImportError::Corrupt(format!("Word 97–2003 文档（.doc）{why}"))
}

fn stream(file: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, ImportError> {
    let mut out = Vec::new();
    file.open_stream(name)
        .and_then(|s| s.take(MAX_STREAM).read_to_end(&mut out))
        .map_err(|e| damaged(&format!("缺少或无法读取 {name}（{e}）")))?;
    Ok(out)
}

/// Little-endian integers at a byte offset, as the Office 97–2003 formats store them.
pub(super) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// One piece of the text: characters `cp..cp_end` stored from byte `fc` of the WordDocument
/// stream, one byte each (compressed: Windows-1252) or two (UTF-16).
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// Paragraph runs by their bytes in the WordDocument stream: `fc..fc_end`, in a table, and a
/// row's end.
struct Run {
    fc: u32,
    fc_end: u32,
    in_table: bool,
    row_end: bool,
}

fn lines(mut file: cfb::CompoundFile<Cursor<&[u8]>>) -> Result<Vec<Line>, ImportError> {
    let word = stream(&mut file, "/WordDocument")?;
    if u16_at(&word, 0) != Some(0xA5EC) {
        return Err(damaged("的文件头不是 Word 文档"));
    }
    let flags = u16_at(&word, 0x0A).unwrap_or(0);
    if flags & 0x0100 != 0 {
        return Err(ImportError::Corrupt(
            "这份 .doc 文档已加密：请在 Word/WPS 中去掉密码，或另存为 .docx 后导入".into(),
        ));
    }
    let table = stream(&mut file, if flags & 0x0200 != 0 { "/1Table" } else { "/0Table" })?;
    // The FIB's variable parts: fibRgW, fibRgLw (ccpText, the main text's length), fibRgFcLcb.
    let short = || damaged("的文件信息块（FIB）不完整");
    let csw = usize::from(u16_at(&word, 32).ok_or_else(short)?);
    let lw = 34 + csw * 2;
    let cslw = usize::from(u16_at(&word, lw).ok_or_else(short)?);
    let ccp_text = u32_at(&word, lw + 2 + 12).ok_or_else(short)?;
    let fc_lcb = lw + 2 + cslw * 4 + 2;
    let pair = |i: usize| Some((u32_at(&word, fc_lcb + i * 8)?, u32_at(&word, fc_lcb + i * 8 + 4)?));
    let (fc_clx, lcb_clx) = pair(33).ok_or_else(short)?;
    let pieces = pieces(table.get(fc_clx as usize..).and_then(|t| t.get(..lcb_clx as usize)).unwrap_or(&[]))
        .ok_or_else(|| damaged("的文本索引（piece table）有误"))?;
    // The Data stream, where a wide table's row properties go; a document without one has none.
    let data = if file.is_stream("/Data") { stream(&mut file, "/Data")? } else { Vec::new() };
    let runs = pair(13).map(|(fc, lcb)| paragraph_runs(&word, &table, &data, fc, lcb)).unwrap_or_default();
    Ok(text_lines(&word, &pieces, &runs, ccp_text))
}

/// The piece table of the Clx: its Prc entries skipped, then the PlcPcd.
fn pieces(clx: &[u8]) -> Option<Vec<Piece>> {
    let mut at = 0;
    while clx.get(at) == Some(&1) {
        at += 3 + usize::from(u16_at(clx, at + 1)?);
    }
    if clx.get(at) != Some(&2) {
        return None;
    }
    let lcb = u32_at(clx, at + 1)? as usize;
    let plc = clx.get(at + 5..at + 5 + lcb)?;
    let n = lcb.checked_sub(4)? / 12;
    (0..n)
        .map(|i| {
            let (cp, cp_end) = (u32_at(plc, i * 4)?, u32_at(plc, i * 4 + 4)?);
            let fc = u32_at(plc, (n + 1) * 4 + i * 8 + 2)?;
            let compressed = fc & 0x4000_0000 != 0;
            let fc = fc & 0x3FFF_FFFF;
            Some(Piece { cp, cp_end: cp_end.max(cp), fc: if compressed { fc / 2 } else { fc }, compressed })
        })
        .collect()
}

/// The paragraph runs of every PAPX page (PlcBtePapx, then each 512-byte PapxFkp), sorted.
fn paragraph_runs(word: &[u8], table: &[u8], data: &[u8], fc: u32, lcb: u32) -> Vec<Run> {
    let Some(plc) = table.get(fc as usize..).and_then(|t| t.get(..lcb as usize)) else { return Vec::new() };
    let n = (plc.len().saturating_sub(4)) / 8;
    // Each page once (a hostile table may name one page a million times).
    let mut pages: Vec<usize> =
        (0..n).filter_map(|i| Some((u32_at(plc, (n + 1) * 4 + i * 4)? & 0x3F_FFFF) as usize)).collect();
    pages.sort_unstable();
    pages.dedup();
    let mut runs = Vec::new();
    for pn in pages {
        let start = pn * 512;
        let Some(fkp) = word.get(start..start + 512) else { continue };
        // A page holds 29 runs at most ([MS-DOC] 2.9.175).
        let crun = usize::from(fkp[511]).min(29);
        for r in 0..crun {
            let (Some(fc), Some(fc_end)) = (u32_at(fkp, r * 4), u32_at(fkp, r * 4 + 4)) else { break };
            let offset = usize::from(fkp.get((crun + 1) * 4 + r * 13).copied().unwrap_or(0)) * 2;
            let sprms = if offset == 0 { &[][..] } else { papx(fkp, offset).unwrap_or(&[]) };
            let (mut in_table, mut row_end) = (false, false);
            // A PAPX too large for its page (a wide table's row end) lies in the Data stream.
            let huge = Sprms(sprms).find(|s| s.0 == 0x6646).and_then(|(_, o)| {
                let at = u32_at(o, 0)? as usize;
                data.get(at + 2..at + 2 + usize::from(u16_at(data, at)?))
            });
            for (sprm, operand) in Sprms(sprms).chain(Sprms(huge.unwrap_or(&[]))) {
                match sprm {
                    0x2416 => in_table = operand.first().is_some_and(|&v| v != 0),
                    0x2417 => row_end = operand.first().is_some_and(|&v| v != 0),
                    _ => {}
                }
            }
            runs.push(Run { fc, fc_end, in_table: in_table || row_end, row_end });
        }
    }
    runs.sort_by_key(|r| r.fc);
    runs
}

/// The sprms of the PAPX at `offset` of a PapxFkp (after its style number).
fn papx(fkp: &[u8], offset: usize) -> Option<&[u8]> {
    let cb = usize::from(*fkp.get(offset)?);
    let (start, len) =
        if cb == 0 { (offset + 2, usize::from(*fkp.get(offset + 1)?) * 2) } else { (offset + 1, cb * 2 - 1) };
    fkp.get(start + 2..start + len)
}

/// A grpprl's sprms, each with its operand ([MS-DOC] 2.2.5.1); ends where one cannot be read.
struct Sprms<'a>(&'a [u8]);

impl<'a> Iterator for Sprms<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let sprm = u16_at(self.0, 0)?;
        let (skip, len) = match sprm >> 13 {
            0 | 1 => (2, 1),
            2 | 4 | 5 => (2, 2),
            3 => (2, 4),
            7 => (2, 3),
            // sprmTDefTable gives its size in two bytes (the operand one byte shorter).
            _ if sprm == 0xD608 => (4, usize::from(u16_at(self.0, 2)?).saturating_sub(1)),
            _ => (3, usize::from(*self.0.get(2)?)),
        };
        let operand = self.0.get(skip..skip + len)?;
        self.0 = &self.0[skip + len..];
        Some((sprm, operand))
    }
}

/// Windows-1252's characters for bytes 0x80–0x9F (0 where none).
const CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0,
    0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The main document's text as lines: paragraphs, and table rows of cells. Field codes are left
/// out (their results kept), and so are pictures' and objects' anchors.
fn text_lines(word: &[u8], pieces: &[Piece], runs: &[Run], ccp_text: u32) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let (mut text, mut cells) = (String::new(), Vec::new());
    // A high surrogate waiting for its pair (a character beyond the BMP).
    let mut high: Option<u16> = None;
    // Open fields: whether each is still in its code (before its separator 0x14).
    let mut fields: Vec<bool> = Vec::new();
    let push = |out: &mut Vec<Line>, cells: Vec<String>, row: bool| {
        let no = out.len() + 1;
        out.push(Line { no, cells, row });
    };
    // No more characters than the stream has bytes, however the pieces overlap.
    let mut budget = word.len();
    for piece in pieces.iter().filter(|p| p.cp < ccp_text) {
        let width: u32 = if piece.compressed { 1 } else { 2 };
        let count = (piece.cp_end.min(ccp_text) - piece.cp) as usize;
        budget = match budget.checked_sub(count) {
            Some(left) => left,
            None => break,
        };
        for k in 0..count as u32 {
            let fc = piece.fc.saturating_add(k * width);
            let Some(unit) = (if piece.compressed {
                word.get(fc as usize).map(|&b| match b {
                    0x80..=0x9F => CP1252[usize::from(b - 0x80)],
                    _ => u16::from(b),
                })
            } else {
                u16_at(word, fc as usize)
            }) else {
                break;
            };
            let run = runs.partition_point(|r| r.fc <= fc).checked_sub(1).map(|i| &runs[i]).filter(|r| fc < r.fc_end);
            match unit {
                0x13 => fields.push(true),
                0x14 => {
                    if let Some(code) = fields.last_mut() {
                        *code = false;
                    }
                }
                0x15 => {
                    fields.pop();
                }
                _ if fields.last() == Some(&true) => {}
                0x07 if run.is_some_and(|r| r.row_end) => {
                    text.clear();
                    push(&mut out, std::mem::take(&mut cells), true);
                }
                0x07 => cells.push(std::mem::take(&mut text).trim().to_string()),
                0x0D | 0x0C if run.is_some_and(|r| r.in_table) => text.push(' '),
                0x0D | 0x0C => push(&mut out, vec![std::mem::take(&mut text)], false),
                0x09 | 0x0B | 0xA0 => text.push(' '),
                0x1E => text.push('-'),
                0x00..=0x1F => {}
                0xD800..=0xDBFF => high = Some(unit),
                u => {
                    let pair = high.take().filter(|_| (0xDC00..=0xDFFF).contains(&u)).into_iter().chain([u]);
                    text.extend(char::decode_utf16(pair).map(|c| c.unwrap_or('\u{FFFD}')));
                }
            }
        }
    }
    if !text.trim().is_empty() {
        push(&mut out, vec![text], false);
    }
    out
}
