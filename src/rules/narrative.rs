//! `narrative.figure`: figures stated in part 一 that contradict the tables.
//!
//! Deliberately conservative: a claim is read only where a keyword is followed, through a short
//! list of connecting words, by a number and 件 (“新收 26 件”, “予以公开”的 20 件), and never in a
//! clause that talks of a part or a comparison (其中, 同比, 较上年). A false alarm teaches users to
//! ignore warnings, so anything unclear is left alone.

use super::{finding, Finding, Rule};
use crate::form::{self, TABLES};
use crate::report::{derived_parts, normalize_number, Entry, Sheet, Value};
use std::sync::LazyLock;

/// Where a stated figure should come from: one cell, or the 总计 of every row whose key starts
/// with a prefix (the sub-items of （三）不予公开, or both kinds of 行政诉讼).
enum Target {
    Cell(&'static str),
    Rows { table: &'static str, prefix: &'static str },
}

struct Claim {
    keywords: &'static [&'static str],
    target: Target,
    /// Only when the keyword opens a clause or follows 我/全/本 (“我区现行有效…”), since
    /// “区政府现行有效规范性文件181件” counts a part of the whole.
    whole_only: bool,
}

const CLAIMS: &[Claim] = &[
    Claim { keywords: &["新收"], target: Target::Cell("applications.new_received.total"), whole_only: false },
    Claim {
        keywords: &["上一年度结转", "上年度结转", "上一年结转", "上年结转"],
        target: Target::Cell("applications.carried_over.total"),
        whole_only: false,
    },
    Claim { keywords: &["予以公开"], target: Target::Cell("applications.granted.total"), whole_only: false },
    Claim {
        keywords: &["部分公开"], target: Target::Cell("applications.partially_granted.total"), whole_only: false
    },
    Claim {
        keywords: &["不予公开"],
        target: Target::Rows { table: "applications", prefix: "denied_" },
        whole_only: false,
    },
    Claim {
        keywords: &["无法提供"],
        target: Target::Rows { table: "applications", prefix: "unable_" },
        whole_only: false,
    },
    Claim {
        keywords: &["不予处理"],
        target: Target::Rows { table: "applications", prefix: "rejected_" },
        whole_only: false,
    },
    Claim {
        keywords: &["其他处理"],
        target: Target::Rows { table: "applications", prefix: "other_" },
        whole_only: false,
    },
    Claim {
        keywords: &["结转下年度继续办理", "结转下年度"],
        target: Target::Cell("applications.carried_forward.total"),
        whole_only: false,
    },
    Claim { keywords: &["行政复议"], target: Target::Cell("appeals.review.total"), whole_only: false },
    Claim {
        keywords: &["行政诉讼"],
        target: Target::Rows { table: "appeals", prefix: "litigation_" },
        whole_only: false,
    },
    Claim {
        keywords: &["现行有效的行政规范性文件", "现行有效行政规范性文件", "现行有效的规范性文件", "现行有效规范性文件"],
        target: Target::Cell("proactive.normative_documents.in_force"),
        whole_only: true,
    },
    Claim {
        keywords: &["现行有效规章"], target: Target::Cell("proactive.regulations.in_force"), whole_only: true
    },
    Claim {
        keywords: &["制发行政规范性文件", "制发规范性文件"],
        target: Target::Cell("proactive.normative_documents.issued"),
        whole_only: true,
    },
    Claim {
        keywords: &["废止行政规范性文件", "废止规范性文件"],
        target: Target::Cell("proactive.normative_documents.repealed"),
        whole_only: true,
    },
    Claim { keywords: &["制发规章"], target: Target::Cell("proactive.regulations.issued"), whole_only: true },
    Claim { keywords: &["废止规章"], target: Target::Cell("proactive.regulations.repealed"), whole_only: true },
    Claim { keywords: &["行政许可"], target: Target::Cell("proactive.licensing"), whole_only: true },
    Claim { keywords: &["行政处罚"], target: Target::Cell("proactive.penalty"), whole_only: true },
    Claim { keywords: &["行政强制"], target: Target::Cell("proactive.coercion"), whole_only: true },
];

/// Words that may stand between a keyword and its number.
const CONNECTORS: &[&str] = &[
    "政府信息公开申请",
    "信息公开申请",
    "申请",
    "案件",
    "件数",
    "数量",
    "共计",
    "合计",
    "总计",
    "共",
    "为",
    "的",
    "有",
    "”",
    "」",
    "\"",
    "’",
    "类",
];

/// Clause openers that make a figure a part, a comparison or a cause-qualified count (“因本机关不
/// 掌握等原因无法提供 265 件” counts one row of （四）) rather than the year's total.
const QUALIFIERS: &[&str] = &["其中", "同比", "较上年", "比上年", "去年", "环比", "累计", "原因"];

/// The qualifiers as characters, compared at every position of the text that holds one's last
/// character.
static QUALIFIER_CHARS: LazyLock<(Vec<Vec<char>>, CharSet)> = LazyLock::new(|| {
    let chars: Vec<Vec<char>> = QUALIFIERS.iter().map(|q| q.chars().collect()).collect();
    let ends = CharSet::of(chars.iter().map(|q| *q.last().expect("qualifiers are words")));
    (chars, ends)
});

/// What ends a clause.
fn is_break(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | '（' | '(' | '、' | '！' | '？')
}

/// `text`: part 一 without white space.
pub(super) fn check(text: &[char], sheet: &Sheet, out: &mut Vec<Finding>) {
    for (claim, start, end, stated) in stated_figures(text) {
        let Some((table_value, where_)) = resolve(sheet, &claim.target) else { continue };
        if stated != table_value {
            let quote: String = text[start..end].iter().collect();
            let msg = format!("「一、总体情况」写“{quote}”，而{where_}为 {table_value}，请核对");
            out.push(finding(Rule::NarrativeFigure, vec!["text.overview".into(), first_cell(&claim.target)], msg));
        }
    }
}

fn first_cell(target: &Target) -> String {
    match target {
        Target::Cell(p) => p.to_string(),
        Target::Rows { table, prefix } => {
            let t = TABLES.iter().find(|t| t.key == *table).expect("table");
            let row = t.sections[0].rows.iter().find(|r| r.key.starts_with(prefix)).expect("rows");
            format!("{table}.{}.total", row.key)
        }
    }
}

/// A figure the text can be held to: typed, or a total whose parts are all typed (a table
/// still being filled, as in a draft just started from last year's text, is not compared).
pub fn filled(sheet: &Sheet, i: usize) -> Option<u64> {
    let parts = if form::cells()[i].derived { derived_parts(i).collect() } else { vec![i] };
    if parts.iter().any(|&p| sheet.entries[p] == Entry::Missing) {
        return None;
    }
    sheet.values[i].and_then(Value::as_count)
}

/// The table's figure for a target and how to name it, if every part of it is filled and valid.
fn resolve(sheet: &Sheet, target: &Target) -> Option<(u64, String)> {
    match target {
        Target::Cell(path) => {
            let i = form::cell_index(path)?;
            let def = &form::cells()[i];
            let name = format!("{}「{}」{}", def.table().name, def.row().label, def.column().label);
            Some((filled(sheet, i)?, name))
        }
        Target::Rows { table, prefix } => {
            let t = TABLES.iter().find(|t| t.key == *table)?;
            let rows: Vec<_> = t.sections[0].rows.iter().filter(|r| r.key.starts_with(prefix)).collect();
            let mut sum = 0;
            for r in &rows {
                sum += filled(sheet, form::cell_index(&format!("{table}.{}.total", r.key))?)?;
            }
            let group = rows.first()?.groups.last().copied().unwrap_or(t.sections[0].rows[0].label);
            Some((sum, format!("{}「{}」各项合计", t.name, group)))
        }
    }
}

/// A few characters, such as the first characters of the keywords, one bit each by code point
/// mod 256 (so others may seem to be in it too): most positions of a text are passed over with
/// a single test (the keywords' eight first characters pass one character in 32 of other text;
/// by code point mod 64, one in 8).
struct CharSet([u64; 4]);

impl CharSet {
    fn of(chars: impl Iterator<Item = char>) -> CharSet {
        let mut set = CharSet([0; 4]);
        for c in chars {
            set.0[(c as usize >> 6) & 3] |= 1 << (c as u32 & 63);
        }
        set
    }

    fn may_hold(&self, c: char) -> bool {
        self.0[(c as usize >> 6) & 3] & 1 << (c as u32 & 63) != 0
    }
}

/// A keyword as characters, with its claim (an index into [`CLAIMS`]).
type Keyword = (usize, Vec<char>);

/// Every keyword as characters with its claim, longest first within a claim (as listed), and
/// the keywords' first characters.
static KEYWORDS: LazyLock<(Vec<Keyword>, CharSet)> = LazyLock::new(|| {
    let keywords: Vec<Keyword> =
        CLAIMS.iter().enumerate().flat_map(|(i, c)| c.keywords.iter().map(move |k| (i, k.chars().collect()))).collect();
    let firsts = CharSet::of(keywords.iter().map(|(_, k)| k[0]));
    (keywords, firsts)
});

/// Figures the text states, in one pass: the claim, start, end and number of each
/// “keyword … N件”. Runs on every keystroke, so positions are first filtered by first character.
fn stated_figures(text: &[char]) -> Vec<(&'static Claim, usize, usize, u64)> {
    let mut found = Vec::new();
    let (keywords, firsts) = &*KEYWORDS;
    let mut clauses = Clauses { text, at: 0, start: 0, qualifier: None };
    let mut i = 0;
    while i < text.len() {
        if !firsts.may_hold(text[i]) {
            i += 1;
            continue;
        }
        let Some((claim, kw)) = keywords.iter().find(|(_, k)| k[0] == text[i] && text[i..].starts_with(k)) else {
            i += 1;
            continue;
        };
        let (claim, grant) = (&CLAIMS[*claim], kw[0] == '予');
        let after = i + kw.len();
        let (clause_start, qualified) = clauses.before(i);
        let before = text[..i].last();
        // “不予以公开” is not “予以公开”; “复议和诉讼 9 件” counts two things at once.
        let negated = before == Some(&'不') && grant;
        let joined = before.is_some_and(|c| matches!(c, '和' | '及' | '与' | '或' | '、'));
        let whole = !claim.whole_only || opens_clause(text, i, clause_start);
        if !negated && !joined && !qualified && whole {
            if let Some((end, n)) = number_after(text, after) {
                found.push((claim, i, end, n));
            }
        }
        i = after;
    }
    found
}

/// The clause before a position, found by one forward pass over the text: a text of many
/// keywords and no punctuation costs no more than one with a clause each.
struct Clauses<'a> {
    text: &'a [char],
    /// How far the text has been read.
    at: usize,
    /// Where the clause being read starts.
    start: usize,
    /// The start of the latest qualifier read.
    qualifier: Option<usize>,
}

impl Clauses<'_> {
    /// Where the clause holding `i` starts and whether a qualifier stands in it before `i`
    /// (positions only move forward).
    fn before(&mut self, i: usize) -> (usize, bool) {
        let (qualifiers, ends) = &*QUALIFIER_CHARS;
        while self.at < i {
            let c = self.text[self.at];
            if is_break(c) {
                self.start = self.at + 1;
            }
            self.at += 1;
            if !ends.may_hold(c) {
                continue;
            }
            let read = &self.text[..self.at];
            for q in qualifiers.iter().filter(|q| read.ends_with(q)) {
                self.qualifier = self.qualifier.max(Some(read.len() - q.len()));
            }
        }
        (self.start, self.qualifier.is_some_and(|q| q >= self.start))
    }
}

fn opens_clause(text: &[char], i: usize, clause_start: usize) -> bool {
    i == clause_start || (i >= 2 && i - 2 >= clause_start && matches!(text[i - 2], '我' | '全' | '本'))
}

fn starts_with(text: &[char], at: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(k, c)| text.get(at + k) == Some(&c))
}

/// After a keyword: connectors, then a number followed by 件. Returns the end and the number.
fn number_after(text: &[char], mut at: usize) -> Option<(usize, u64)> {
    for _ in 0..6 {
        if text.get(at).is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c)) {
            break;
        }
        let w = CONNECTORS.iter().find(|w| starts_with(text, at, w))?;
        at += w.chars().count();
    }
    let start = at;
    while text.get(at).is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c) || *c == ',') {
        at += 1;
    }
    if at == start || text.get(at) != Some(&'件') {
        return None;
    }
    let digits: String = text[start..at].iter().collect();
    let n = normalize_number(&digits).parse().ok()?;
    Some((at + 1, n))
}
