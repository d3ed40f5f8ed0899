//! Excel 97–2003 workbooks (.xls, and WPS's .et in that layout): the sheet a 政务公开办 sends out
//! comes back from many offices saved in the older format, "for compatibility". The compound
//! file's Workbook stream is a run of BIFF8 records ([MS-XLS] 2.4): the shared strings (SST, its
//! strings split across CONTINUE records), then each sheet's cells: text (LABELSST, LABEL),
//! numbers (NUMBER, RK, MULRK) and the values formulas last gave (FORMULA, STRING). Each sheet's
//! rows become table rows, read by their labels as from an .xlsx.

use super::doc::{u16_at, u32_at};
use super::{compound, Document};
use crate::import::{ImportError, LegacyDecoder, Line};
use crate::limits::{MAX_CELLS, MAX_COLUMNS, MAX_UNCOMPRESSED_BYTES};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::Read;

/// The rows of a compound file holding a workbook (a `Workbook` or `Book` stream).
pub(crate) fn read(bytes: &[u8], _: LegacyDecoder) -> Result<Document, ImportError> {
    let mut file = compound(bytes).ok_or_else(|| damaged("无法打开"))?;
    if !file.is_stream("/Workbook") {
        return Err(old("Excel 5.0/95 格式"));
    }
    let mut stream = Vec::new();
    file.open_stream("/Workbook")
        .and_then(|s| s.take(MAX_UNCOMPRESSED_BYTES).read_to_end(&mut stream))
        .map_err(|e| damaged(&format!("的 Workbook 数据无法读取（{e}）")))?;
    lines(&stream).map(Document::from)
}

fn damaged(why: &str) -> ImportError {
    ImportError::Corrupt(format!("Excel 97–2003 工作簿（.xls）{why}"))
}

fn old(what: &str) -> ImportError {
    ImportError::Unsupported(format!("{what}的工作簿，请在 Excel/WPS 中另存为 .xlsx 后导入"))
}

/// Record types read; the others are passed over.
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const SST: u16 = 0x00FC;
const CONTINUE: u16 = 0x003C;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;

/// The stream's records in order: type and data, each record's CONTINUEs kept apart (a string
/// split across them starts each part with its own compression flag).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, Vec<&[u8]>)> {
    let mut at = 0;
    let mut next = move || {
        let head = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len).unwrap_or(&stream[at + 4..]);
        at += 4 + data.len();
        Some((kind, data))
    };
    let mut ahead = next();
    std::iter::from_fn(move || {
        let (kind, data) = ahead.take()?;
        let mut parts = vec![data];
        loop {
            ahead = next();
            match ahead {
                Some((CONTINUE, more)) => parts.push(more),
                _ => return Some((kind, parts)),
            }
        }
    })
}

/// What a cell holds, read from its record; a formula's text comes in the STRING record after it.
enum Value {
    Text(String),
    Number(f64),
    TextFollows,
}

/// An RK number: a 30-bit integer or a double's high 30 bits, perhaps divided by 100.
fn rk(v: u32) -> f64 {
    let n = if v & 2 != 0 { f64::from((v as i32) >> 2) } else { f64::from_bits(u64::from(v & !3) << 32) };
    if v & 1 != 0 {
        n / 100.0
    } else {
        n
    }
}

/// A number as the sheet shows it: a whole number as one, another to the six decimals a fee may
/// have (a formula's 0.30000000000000004 is 0.3). Not through core's float printing, which
/// would add 18 KB to the page's files chunk.
fn figure(n: f64) -> String {
    if !n.is_finite() {
        // No office program writes one; a damaged file's cell is left blank.
        return String::new();
    }
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return (n as i64).to_string();
    }
    match Decimal::try_from_i128_with_scale((n * 1e6).round() as i128, 6) {
        Ok(d) => d.normalize().to_string(),
        // Beyond 10^22, no report's figure: the rules say so.
        Err(_) => format!("{}", n as i128),
    }
}

/// The lines of every worksheet, a row a line, cells in their columns.
fn lines(stream: &[u8]) -> Result<Vec<Line>, ImportError> {
    let mut shared: Vec<String> = Vec::new();
    let mut cells: BTreeMap<(usize, u16), Vec<String>> = BTreeMap::new();
    // The substreams open (BOF) and not yet closed (EOF), by kind: a chart may sit in a sheet.
    let (mut sheet, mut open): (usize, Vec<u16>) = (0, Vec::new());
    let (mut count, mut bytes) = (0usize, 0u64);
    let mut pending: Option<(u16, usize)> = None;
    for (kind, parts) in records(stream) {
        let data = parts[0];
        let cell = |v: Value| Some((u16_at(data, 0)?, usize::from(u16_at(data, 2)?), v));
        let found: Vec<(u16, usize, Value)> = match kind {
            BOF => {
                let version = u16_at(data, 0).unwrap_or(0);
                if version != 0x0600 {
                    return Err(old("Excel 5.0/95 或更早格式"));
                }
                sheet += 1;
                open.push(u16_at(data, 2).unwrap_or(0));
                continue;
            }
            EOF => {
                open.pop();
                continue;
            }
            FILEPASS => {
                return Err(ImportError::Corrupt(
                    "这份 .xls 工作簿已加密：请在 Excel/WPS 中去掉密码，或另存为 .xlsx 后导入".into(),
                ))
            }
            SST => {
                shared = shared_strings(&parts);
                continue;
            }
            // Cells of worksheets only (0x0010), not of charts or macro sheets.
            _ if open.last() != Some(&0x0010) => continue,
            LABELSST => {
                let text = u32_at(data, 6).and_then(|i| shared.get(i as usize)).cloned().unwrap_or_default();
                cell(Value::Text(text)).into_iter().collect()
            }
            LABEL | RSTRING => {
                let text = data.get(6..).map(|s| Strings::new(&[s]).unicode_string(false)).unwrap_or_default();
                cell(Value::Text(text)).into_iter().collect()
            }
            NUMBER => {
                let n = data.get(6..14).map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")));
                n.and_then(|n| cell(Value::Number(n))).into_iter().collect()
            }
            RK => u32_at(data, 6).and_then(|v| cell(Value::Number(rk(v)))).into_iter().collect(),
            MULRK => {
                let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else { continue };
                let entries = data.get(4..data.len().saturating_sub(2)).unwrap_or_default().chunks_exact(6);
                (usize::from(first)..)
                    .zip(entries)
                    .map(|(col, e)| (row, col, Value::Number(rk(u32_at(e, 2).unwrap_or(0)))))
                    .collect()
            }
            FORMULA => {
                let Some(result) = data.get(6..14) else { continue };
                let value = match result {
                    [0, .., 0xFF, 0xFF] => Value::TextFollows,
                    // A true/false, an error (#DIV/0!) or an empty text.
                    [.., 0xFF, 0xFF] => continue,
                    _ => Value::Number(f64::from_le_bytes(result.try_into().expect("8 bytes"))),
                };
                cell(value).into_iter().collect()
            }
            STRING => {
                let Some((row, col)) = pending.take() else { continue };
                vec![(row, col, Value::Text(Strings::new(&parts).unicode_string(false)))]
            }
            _ => continue,
        };
        for (row, col, value) in found {
            let text = match value {
                Value::Text(t) => t,
                Value::Number(n) => figure(n),
                Value::TextFollows => {
                    pending = Some((row, col));
                    continue;
                }
            };
            if col >= MAX_COLUMNS {
                continue;
            }
            count += 1;
            bytes += text.len() as u64;
            if count > MAX_CELLS || bytes > MAX_UNCOMPRESSED_BYTES {
                return Err(damaged(&format!(
                    "的单元格超过 {MAX_CELLS} 个或文字超过 {} MB，不像是年度报告表格",
                    MAX_UNCOMPRESSED_BYTES >> 20
                )));
            }
            let line = cells.entry((sheet, row)).or_default();
            if line.len() <= col {
                line.resize(col + 1, String::new());
            }
            line[col] = text;
        }
    }
    if sheet == 0 {
        return Err(damaged("的 Workbook 数据不是 BIFF 记录"));
    }
    Ok(cells.into_values().enumerate().map(|(i, cells)| Line { no: i + 1, cells, row: true }).collect())
}

/// The shared string table: its count, then the strings, read across its CONTINUE records. What
/// cannot be read (a table cut short) is left out; cells pointing there are blank.
fn shared_strings(parts: &[&[u8]]) -> Vec<String> {
    let mut s = Strings::new(parts);
    let unique = s.take(8).and_then(|b| u32_at(&b, 4)).unwrap_or(0);
    let mut out = Vec::new();
    // Each string takes at least three bytes: a hostile count allocates nothing.
    while (out.len() as u32) < unique && !s.at_end() {
        out.push(s.unicode_string(true));
    }
    out
}

/// A reader over a record and its CONTINUEs, as one run of bytes but for character data: a
/// string's characters that cross into the next part start it with a flag byte saying whether
/// they are one byte each (Latin-1) or two (UTF-16).
struct Strings<'a> {
    parts: &'a [&'a [u8]],
    part: usize,
    at: usize,
}

impl<'a> Strings<'a> {
    fn new(parts: &'a [&'a [u8]]) -> Self {
        Strings { parts, part: 0, at: 0 }
    }

    fn at_end(&mut self) -> bool {
        while self.part < self.parts.len() && self.at >= self.parts[self.part].len() {
            self.part += 1;
            self.at = 0;
        }
        self.part >= self.parts.len()
    }

    fn byte(&mut self) -> Option<u8> {
        if self.at_end() {
            return None;
        }
        self.at += 1;
        Some(self.parts[self.part][self.at - 1])
    }

    fn take(&mut self, n: usize) -> Option<Vec<u8>> {
        (0..n).map(|_| self.byte()).collect()
    }

    fn skip(&mut self, n: usize) {
        for _ in 0..n {
            if self.byte().is_none() {
                return;
            }
        }
    }

    /// An XLUnicodeString (`rich` false) or XLUnicodeRichExtendedString (`rich` true): its
    /// length in characters, flags, then (rich) its formatting runs and phonetic data, skipped.
    fn unicode_string(&mut self, rich: bool) -> String {
        let Some(len) = self.take(2).map(|b| u16::from_le_bytes([b[0], b[1]])) else { return String::new() };
        let Some(flags) = self.byte() else { return String::new() };
        let (mut wide, runs, ext) = (flags & 1 != 0, rich && flags & 8 != 0, rich && flags & 4 != 0);
        let runs = if runs { self.take(2).map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]]))) } else { 0 };
        let ext =
            if ext { self.take(4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize) } else { 0 };
        let mut units = Vec::with_capacity(usize::from(len));
        let mut part = self.part;
        for _ in 0..len {
            if self.at_end() {
                break;
            }
            if self.part != part {
                // Characters continued in the next record: its first byte is their flag.
                part = self.part;
                match self.byte() {
                    Some(f) => wide = f & 1 != 0,
                    None => break,
                }
                if self.at_end() {
                    break;
                }
            }
            let unit = if wide {
                match self.take(2) {
                    Some(b) => u16::from_le_bytes([b[0], b[1]]),
                    None => break,
                }
            } else {
                self.byte().map_or(0, u16::from)
            };
            units.push(unit);
        }
        self.skip(runs * 4);
        self.skip(ext);
        String::from_utf16_lossy(&units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    /// A shared string split in the middle: Latin-1 before the CONTINUE, UTF-16 after it.
    #[test]
    fn a_shared_string_continues_in_the_next_record_with_its_own_width() {
        let mut sst = vec![1, 0, 0, 0, 1, 0, 0, 0];
        sst.extend([5, 0, 0]); // five characters, one byte each
        sst.extend(b"ab");
        let mut more = vec![1]; // the rest two bytes each
        for c in "行政许".encode_utf16() {
            more.extend(c.to_le_bytes());
        }
        let strings = shared_strings(&[&sst, &more]);
        assert_eq!(strings, ["ab行政许"]);
    }

    /// LibreOffice's .xls of the exporter's workbook with a sheet of sixty notes after the tables:
    /// its shared strings fill several records, and every note comes back whole, in its row.
    #[test]
    fn shared_strings_continued_by_office_software_read_whole() {
        let bytes = include_bytes!("../../../tests/fixtures/xls/huaian-2024-notes.xls");
        let mut file = cfb::CompoundFile::open(std::io::Cursor::new(&bytes[..])).unwrap();
        let mut stream = Vec::new();
        file.open_stream("/Workbook").unwrap().read_to_end(&mut stream).unwrap();
        assert!(records(&stream).any(|(kind, parts)| kind == SST && parts.len() > 2));
        let notes: Vec<String> = lines(&stream)
            .unwrap()
            .into_iter()
            .filter(|l| l.cells[0].starts_with("填表说明"))
            .map(|l| l.text())
            .collect();
        let filler = "请各单位认真核对本表所填数字，确保与政府信息公开工作年度报告正文一致，如有疑问请与本级政务公开办公室联系。";
        let expected: Vec<String> = (1..=60).map(|i| format!("填表说明第{i}条：{}", filler.repeat(3))).collect();
        assert_eq!(notes, expected);
    }

    #[test]
    fn numbers_print_as_the_sheet_shows_them() {
        assert_eq!(figure(12.0), "12");
        assert_eq!(figure(-0.0), "0");
        assert_eq!(figure(3.5), "3.5");
        assert_eq!(figure(0.1 + 0.2), "0.3");
        assert_eq!(figure(0.07), "0.07");
        assert_eq!(figure(123456.654321), "123456.654321");
        assert_eq!(figure(2e15), "2000000000000000");
        assert_eq!(figure(1e30), "1000000000000000019884624838656");
        assert_eq!(figure(f64::NAN), "");
    }

    /// One long shared string put in many cells is counted as the text it gives, and stopped.
    #[test]
    fn a_shared_string_repeated_past_the_limit_is_stopped() {
        let bof = |dt: u16| record(BOF, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes()].concat());
        let mut sst = vec![1, 0, 0, 0, 1, 0, 0, 0, 0x60, 0xEA, 0]; // 60,000 characters, one byte each
        sst.extend(std::iter::repeat_n(b'a', 60_000));
        let cells: Vec<u8> = (0..900u16)
            .flat_map(|row| record(LABELSST, &[&row.to_le_bytes()[..], &[0, 0, 0, 0, 0, 0, 0, 0]].concat()))
            .collect();
        let stream = [bof(0x0005), record(SST, &sst), record(EOF, &[]), bof(0x0010), cells, record(EOF, &[])].concat();
        let message = lines(&stream).unwrap_err().to_string();
        assert!(message.contains("文字超过 50 MB"), "{message}");
    }

    /// Excel's shared strings carry formatting runs and phonetic data (typed through an input
    /// method) after their characters: skipped by their lengths, the next string reads whole.
    #[test]
    fn formatting_runs_and_phonetic_data_are_skipped() {
        let mut sst = vec![2, 0, 0, 0, 2, 0, 0, 0];
        sst.extend([2, 0, 0x0D, 1, 0, 4, 0, 0, 0]); // 2 characters, two bytes each; 1 run; 4 bytes phonetic
        for c in "规章".encode_utf16() {
            sst.extend(c.to_le_bytes());
        }
        sst.extend([0, 0, 1, 0, 9, 9, 9, 9]);
        sst.extend([3, 0, 0]);
        sst.extend(b"abc");
        assert_eq!(shared_strings(&[&sst]), ["规章", "abc"]);
    }

    #[test]
    fn rk_numbers_as_integers_doubles_and_hundredths() {
        assert_eq!(rk((12 << 2) | 2), 12.0);
        assert_eq!(rk((350 << 2) | 3), 3.5);
        assert_eq!(rk(((-7i32) << 2) as u32 | 2), -7.0);
        let half = (0.5f64.to_bits() >> 32) as u32;
        assert_eq!(rk(half), 0.5);
    }

    /// Formulas give the value they last had: a number, or a text in the STRING record after them;
    /// a true/false is left out.
    #[test]
    fn formulas_give_their_last_values() {
        let bof = record(BOF, &[0x00, 0x06, 0x10, 0x00]);
        let formula =
            |col: u8, result: [u8; 8]| record(FORMULA, &[&[0, 0, col, 0, 0, 0][..], &result, &[0; 6]].concat());
        let stream = [
            bof,
            formula(0, 7.0f64.to_le_bytes()),
            formula(1, [0, 0, 0, 0, 0, 0, 0xFF, 0xFF]),
            record(STRING, &[2, 0, 0, b'o', b'k']),
            formula(2, [1, 0, 1, 0, 0, 0, 0xFF, 0xFF]),
            formula(3, 0.25f64.to_le_bytes()),
            record(EOF, &[]),
        ]
        .concat();
        let got: Vec<Vec<String>> = lines(&stream).unwrap().into_iter().map(|l| l.cells).collect();
        assert_eq!(got, [vec!["7", "ok", "", "0.25"]]);
    }

    #[test]
    fn cells_of_each_worksheet_become_rows_and_charts_are_passed_over() {
        let bof = |dt: u16| record(BOF, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes()].concat());
        let mut sst = vec![1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0];
        sst.extend(b"ok");
        let label = record(LABELSST, &[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
        let number = record(NUMBER, &[&[0, 0, 2, 0, 0, 0][..], &2.5f64.to_le_bytes()].concat());
        let mulrk = record(
            MULRK,
            &[
                &[1, 0, 0, 0][..],
                &[0, 0],
                &((3 << 2) | 2u32).to_le_bytes(),
                &[0, 0],
                &((4 << 2) | 2u32).to_le_bytes(),
                &[1, 0],
            ]
            .concat(),
        );
        let stream = [
            bof(0x0005),
            record(SST, &sst),
            record(EOF, &[]),
            bof(0x0020),
            label.clone(),
            record(EOF, &[]),
            bof(0x0010),
            label,
            number,
            mulrk,
            record(EOF, &[]),
        ]
        .concat();
        let got: Vec<Vec<String>> = lines(&stream).unwrap().into_iter().map(|l| l.cells).collect();
        assert_eq!(got, [vec!["", "ok", "2.5"], vec!["3", "4"]]);
    }
}
