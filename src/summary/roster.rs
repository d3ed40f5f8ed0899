//! The roster (应报单位名单): the organs that must report. A 公开办 pastes it, opens the list it
//! sent with its notice (.txt, or the first column of an .xlsx/.xls), or takes last year's
//! organs. Each roster organ is matched to a report by its name folded for white space and
//! full/half width; a near match (某县教育局 / 某县教育体育局, an organ renamed) is only
//! suggested, never taken for the organ without the user saying so.

use crate::import::{self, ImportError};
use std::collections::HashMap;

/// An organ's name as compared: white space left out, full-width letters, digits and brackets
/// as half-width (（） as ()), so 「某县 教育局」, 「某县教育局 」 and 「某县教育局」 are one.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The organs that must report, each once, in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    /// As written (trimmed), for showing.
    pub organs: Vec<String>,
    /// Folded name → index into `organs`.
    index: HashMap<String, usize>,
}

/// Header cells of a list (序号, 单位名称…): not organs.
const HEADERS: &[&str] = &[
    "序号",
    "编号",
    "单位",
    "单位名称",
    "机关",
    "机关名称",
    "名称",
    "应报单位",
    "应报单位名称",
    "部门",
    "部门名称",
    "备注",
];

/// The organ a line or row names, or `None` (a header, a serial number, a blank): the first
/// cell that is not a number, its serial prefix (1. 1、 (1) 一、) taken off.
fn organ_of(cells: &[&str]) -> Option<String> {
    let cell = cells.iter().map(|c| c.trim()).find(|c| {
        !c.is_empty() && !c.chars().all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '、' | '０'..='９'))
    })?;
    let name = strip_serial(cell).trim();
    (!name.is_empty() && !HEADERS.contains(&fold(name).as_str())).then(|| name.to_string())
}

/// Text in UTF-8 or UTF-16 (by its byte-order mark), as Notepad and WPS save a list.
fn text(bytes: &[u8]) -> Option<String> {
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units).collect::<Result<String, _>>().ok()
    };
    match bytes {
        [0xef, 0xbb, 0xbf, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [0xff, 0xfe, rest @ ..] => utf16(rest, true),
        [0xfe, 0xff, rest @ ..] => utf16(rest, false),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

fn strip_serial(s: &str) -> &str {
    let digits = s.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let numerals = s.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    for rest in [digits, numerals] {
        if rest.len() < s.len() {
            if let Some(r) = rest.strip_prefix(['.', '、', '．', ')', '）', ' ', '\t']) {
                return r;
            }
        }
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some((n, r)) = s.strip_prefix(open).and_then(|r| r.split_once(close)) {
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)) {
                return r;
            }
        }
    }
    s
}

impl Roster {
    /// A roster of the names given, each once (by its folded name), empty names left out.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Roster {
        let mut roster = Roster::default();
        for name in names {
            let name = name.as_ref().trim();
            let key = fold(name);
            if !key.is_empty() && !roster.index.contains_key(&key) {
                roster.index.insert(key, roster.organs.len());
                roster.organs.push(name.to_string());
            }
        }
        roster
    }

    /// A pasted list: one organ a line; a line copied from a spreadsheet (cells split by tabs)
    /// or a numbered list gives its first cell that is a name. Also splits on 、，, within a
    /// line only when the line holds no other separator and reads as several names.
    pub fn parse(text: &str) -> Roster {
        Roster::new(text.lines().filter_map(|line| {
            let cells: Vec<&str> = line.split(['\t', ',', '，']).collect();
            organ_of(&cells)
        }))
    }

    /// A roster file: .xlsx/.xls (the first column that names organs, row by row), else text
    /// (UTF-8, UTF-16 or what `legacy` decodes, such as GBK).
    pub fn from_file(name: &str, bytes: &[u8], legacy: import::LegacyDecoder) -> Result<Roster, String> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let rows = if bytes.starts_with(b"PK\x03\x04") {
            import::read::xlsx::read(bytes, legacy)
        } else if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
            import::read::xls::read(bytes, legacy)
        } else if matches!(ext.as_str(), "xlsx" | "xls" | "et") {
            Err(ImportError::Corrupt(format!("扩展名为 .{ext}，但内容不是 Excel 工作簿")))
        } else {
            let text = text(bytes)
                .or_else(|| legacy(bytes))
                .ok_or_else(|| format!("{name}：无法识别文字编码，请另存为 UTF-8 文本，或直接粘贴名单"))?;
            return Roster::parse(&text).or_empty(name);
        };
        let rows = rows.map_err(|e| format!("{name}：{e}"))?.lines;
        Roster::new(rows.iter().filter_map(|row| organ_of(&row.cells.iter().map(String::as_str).collect::<Vec<_>>())))
            .or_empty(name)
    }

    fn or_empty(self, name: &str) -> Result<Roster, String> {
        if self.organs.is_empty() {
            Err(format!("{name}：没有找到单位名称（应每行一个单位，或表格第一列为单位名称）"))
        } else {
            Ok(self)
        }
    }

    /// The roster organ of this name (folded), if any.
    pub fn find(&self, organ: &str) -> Option<usize> {
        self.index.get(&fold(organ)).copied()
    }

    pub fn len(&self) -> usize {
        self.organs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.organs.is_empty()
    }

    /// The roster as a pasted list, one organ a line (what the page keeps for the next session).
    pub fn to_text(&self) -> String {
        self.organs.join("\n")
    }
}

/// How alike two names are, 0 to 1: the Dice coefficient of their character pairs, or, when
/// one name's characters all stand in order in the other (教育局 in 教育体育局), that one's
/// share of the longer.
pub fn likeness(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (fold(a).chars().collect(), fold(b).chars().collect());
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let pairs = |s: &[char]| s.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>();
    let (pa, mut pb) = (pairs(&a), pairs(&b));
    let total = pa.len() + pb.len();
    let mut common = 0;
    for p in pa {
        if let Some(at) = pb.iter().position(|q| *q == p) {
            pb.swap_remove(at);
            common += 1;
        }
    }
    let dice = 2.0 * common as f64 / total as f64;
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    let mut rest = long.iter();
    let within = short.len() >= 4 && short.iter().all(|c| rest.any(|d| d == c));
    if within {
        dice.max(short.len() as f64 / long.len() as f64 + 0.1)
    } else {
        dice
    }
}

/// A near match is suggested from this likeness up: 某县教育局 / 某县教育体育局 (0.8), never
/// 某县教育局 / 某县财政局 (0.25) or 某县第1局 / 某县第2局 (0.5).
pub const SUGGEST_FROM: f64 = 0.6;

/// The roster organ most like `organ` (at least [`SUGGEST_FROM`]), among `candidates`.
pub fn suggest(roster: &Roster, organ: &str, candidates: impl IntoIterator<Item = usize>) -> Option<usize> {
    candidates
        .into_iter()
        .map(|i| (i, likeness(organ, &roster.organs[i])))
        .filter(|&(_, l)| l >= SUGGEST_FROM)
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
        .map(|(i, _)| i)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
