//! The report as the user gave it: metadata, text parts and one entry per template figure.
//!
//! A figure keeps the text as typed ("12a" stays "12a") so nothing is lost; turning it into a
//! number is [`parse_count`] / [`parse_fee`], and their failure is a finding, not a silent 0.
//! Totals are derived ([`Report::value`]), never stored.

use crate::form::{self, Kind};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use std::sync::LazyLock;

/// The years a report may be for: what the file reader, the editor, the importer and the CLI accept.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2200;

pub use crate::limits::{MAX_FEE_DECIMALS, MAX_FIGURE};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Scope {
    /// 本机关: the organ's own report.
    #[default]
    Own,
    /// 汇总: a government's aggregate of its departments and lower governments.
    Aggregate,
}

impl Scope {
    pub fn key(self) -> &'static str {
        match self {
            Scope::Own => "own",
            Scope::Aggregate => "aggregate",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Scope::Own => "本机关",
            Scope::Aggregate => "汇总",
        }
    }
    pub fn from_key(key: &str) -> Option<Scope> {
        [Scope::Own, Scope::Aggregate].into_iter().find(|s| s.key() == key)
    }
}

/// The four text fields, keyed as in the JSON contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    pub preamble: String,
    pub overview: String,
    pub problems: String,
    pub other: String,
}

impl Texts {
    pub fn get(&self, key: &str) -> Option<&String> {
        match key {
            "preamble" => Some(&self.preamble),
            "overview" => Some(&self.overview),
            "problems" => Some(&self.problems),
            "other" => Some(&self.other),
            _ => None,
        }
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut String> {
        match key {
            "preamble" => Some(&mut self.preamble),
            "overview" => Some(&mut self.overview),
            "problems" => Some(&mut self.problems),
            "other" => Some(&mut self.other),
            _ => None,
        }
    }
}

/// The 公文 wrapper a report is often issued in (an 印发通知, as in the fixture). Every field is
/// text as written; empty means absent, and the .docx falls back as each field says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// 发文机关 (泉州市泉港区人民政府办公室); the 发文机关标志 is it followed by 文件.
    pub issuer: String,
    /// 发文字号 (泉港政办〔2024〕3号).
    pub number: String,
    /// The notice's title; empty: 「<issuer>关于印发<report title>的通知」.
    pub title: String,
    /// 主送机关, printed flush left before the notice.
    pub addressees: String,
    /// The 印发通知 text, one paragraph a line.
    pub notice: String,
    /// 发文日期, `2024-01-10` or as written.
    pub date: String,
    /// 抄送.
    pub cc: String,
    /// 印发机关 in the 版记; empty: the issuer.
    pub printer: String,
    /// 印发日期; empty: the 发文日期.
    pub print_date: String,
}

impl Document {
    /// The fields with their JSON keys under `document`, in contract order.
    pub fn fields_mut(&mut self) -> [(&'static str, &mut String); 9] {
        [
            ("issuer", &mut self.issuer),
            ("number", &mut self.number),
            ("title", &mut self.title),
            ("addressees", &mut self.addressees),
            ("notice", &mut self.notice),
            ("date", &mut self.date),
            ("cc", &mut self.cc),
            ("printer", &mut self.printer),
            ("print_date", &mut self.print_date),
        ]
    }

    /// The filled fields with their JSON keys, in contract order.
    pub fn filled(&self) -> Vec<(&'static str, String)> {
        self.clone().fields_mut().into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k, v.clone())).collect()
    }

    /// Next year's wrapper: who issues it and to whom stay; number, text and dates are new.
    fn next_year(&self) -> Document {
        let Document { issuer, addressees, cc, printer, .. } = self.clone();
        Document { issuer, addressees, cc, printer, ..Document::default() }
    }
}

/// Serde gives its in-memory form, exactly (figures as typed), for passing it between the page's
/// wasm bundles; the file users keep is [`crate::json`]'s contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub year: i32,
    pub organ: String,
    pub scope: Scope,
    pub text: Texts,
    /// The 公文 wrapper (JSON key `document`), used when the .docx is exported with it.
    pub document: Document,
    /// What was entered for each template figure, aligned with [`form::cells`]; `None` is
    /// "not filled", which is not 0. Derived cells are always `None`.
    pub cells: Vec<Option<String>>,
    /// Last year's report, when the draft was started from it: the prev.* rules use it.
    pub previous: Option<Box<Report>>,
    /// Keys of the JSON file this version does not know, kept for the round trip.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The year a report started today is most likely for: offices draft it from the last quarter
/// (figures collected over the year) until it is published by 31 January of the next year.
pub fn year_to_report(year: i32, month: u32) -> i32 {
    if month >= 10 {
        year
    } else {
        year - 1
    }
}

impl Default for Report {
    fn default() -> Self {
        Report::new(0)
    }
}

/// Why a typed figure is not a valid number; each maps to a rule id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellError {
    /// Not a whole number (rule `cell.integer`).
    NotInteger,
    /// Below zero (rule `cell.non_negative`).
    Negative,
    /// Not a decimal, or more than [`MAX_FEE_DECIMALS`] decimals (rule `cell.decimal`).
    NotDecimal,
    TooManyDecimals,
    /// Above [`MAX_FIGURE`] (rule `cell.range`).
    TooLarge,
}

impl CellError {
    pub fn message(&self) -> String {
        match self {
            CellError::NotInteger => "应为整数".into(),
            CellError::Negative => "不能为负数".into(),
            CellError::NotDecimal => "应为数字（单位：万元）".into(),
            CellError::TooManyDecimals => format!("小数位数不能超过 {MAX_FEE_DECIMALS} 位"),
            CellError::TooLarge => "数值超出合理范围（不超过 10^12）".into(),
        }
    }
}

/// Whether a cell's text leaves it unfilled (blank): `raw.trim().is_empty()`, answered by the first
/// byte when it is a printable ASCII character, as in nearly every figure (the sum of 3,000
/// reports asks it of each).
pub fn unfilled(raw: &str) -> bool {
    match raw.as_bytes().first() {
        Some(b'!'..=b'~') => false,
        _ => raw.chars().all(char::is_whitespace),
    }
}

/// The text with what spreadsheets and 全角 input methods add taken out: surrounding spaces,
/// thousands separators, full-width digits and signs.
pub fn normalize_number(raw: &str) -> String {
    raw.trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '_' | ' ' | '\u{3000}' | '\u{a0}'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            _ => c,
        })
        .collect()
}

/// A whole count ≥ 0.
pub fn parse_count(raw: &str) -> Result<u64, CellError> {
    // Plain digits, what nearly every cell holds, need no normalising (this runs per keystroke).
    if (1..=12).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit()) {
        return raw.parse().map_err(|_| CellError::TooLarge);
    }
    let s = normalize_number(raw);
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    // "12.0" is a whole number as spreadsheets print it.
    let digits = digits.strip_suffix(".0").unwrap_or(digits);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CellError::NotInteger);
    }
    if negative && digits.bytes().any(|b| b != b'0') {
        return Err(CellError::Negative);
    }
    match digits.parse::<u64>() {
        Ok(n) if n <= MAX_FIGURE => Ok(n),
        _ => Err(CellError::TooLarge),
    }
}

/// An amount in 万元 ≥ 0 with at most six decimals, exactly as entered (its scale is kept).
pub fn parse_fee(raw: &str) -> Result<Decimal, CellError> {
    let s = normalize_number(raw);
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(&s);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let well_formed = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(unsigned.contains('.') && frac.is_empty());
    if !well_formed {
        return Err(CellError::NotDecimal);
    }
    if frac.len() > MAX_FEE_DECIMALS as usize {
        return Err(CellError::TooManyDecimals);
    }
    if int.trim_start_matches('0').len() > 13 {
        return Err(CellError::TooLarge);
    }
    let d = Decimal::from_str(&s).map_err(|_| CellError::NotDecimal)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(CellError::Negative);
    }
    if d > Decimal::from(MAX_FIGURE) {
        return Err(CellError::TooLarge);
    }
    Ok(d)
}

/// A figure's value once parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Count(u64),
    Fee(Decimal),
}

impl Value {
    pub fn as_count(self) -> Option<u64> {
        match self {
            Value::Count(n) => Some(n),
            Value::Fee(_) => None,
        }
    }
    /// The value as a decimal, for comparisons across kinds (outliers).
    pub fn as_decimal(self) -> Decimal {
        match self {
            Value::Count(n) => Decimal::from(n),
            Value::Fee(d) => d,
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::Fee(d) => write!(f, "{d}"),
        }
    }
}

/// What one cell amounts to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Not filled (blank is not 0).
    Missing,
    Invalid(CellError),
    Valid(Value),
}

impl Entry {
    pub fn value(&self) -> Option<Value> {
        match self {
            Entry::Valid(v) => Some(*v),
            Entry::Missing | Entry::Invalid(_) => None,
        }
    }
}

/// A report with every cell evaluated: typed entries and all values, derived ones included.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// What each typed cell amounts to (derived cells: `Missing`).
    pub entries: Vec<Entry>,
    /// The value of every cell; derived totals count unfilled parts as 0.
    pub values: Vec<Option<Value>>,
}

impl Sheet {
    /// A count by index for arithmetic: unfilled counts as 0, invalid is `None`.
    pub fn count_or_zero(&self, index: usize) -> Option<u64> {
        match (&self.entries[index], form::cells()[index].derived) {
            (Entry::Missing, false) => Some(0),
            _ => self.values[index].and_then(Value::as_count),
        }
    }
    /// A count by path, typed or derived.
    pub fn count(&self, path: &str) -> Option<u64> {
        form::cell_index(path).and_then(|i| self.values[i]).and_then(Value::as_count)
    }
}

/// A derived total from its parts' entries: unfilled parts count as 0, an invalid one makes it unknown.
fn derive(index: usize, entry: impl Fn(usize) -> Entry) -> Option<Value> {
    let mut sum = 0u64;
    for part in derived_parts(index) {
        match entry(part) {
            Entry::Valid(v) => sum += v.as_count()?,
            Entry::Missing => {}
            Entry::Invalid(_) => return None,
        }
    }
    Some(Value::Count(sum))
}

impl Report {
    /// An empty report for `year`: every figure not filled.
    pub fn new(year: i32) -> Report {
        Report {
            year,
            organ: String::new(),
            scope: Scope::Own,
            text: Texts::default(),
            document: Document::default(),
            cells: vec![None; form::cells().len()],
            previous: None,
            extra: Default::default(),
        }
    }

    /// The raw text of a typed cell, by path.
    pub fn raw(&self, path: &str) -> Option<&str> {
        form::cell_index(path).and_then(|i| self.cells[i].as_deref())
    }

    /// Sets a typed cell by path; blank text clears it. Returns false for an unknown or derived path.
    pub fn set(&mut self, path: &str, raw: &str) -> bool {
        match form::cell_index(path) {
            Some(i) if !form::cells()[i].derived => {
                self.cells[i] = (!raw.trim().is_empty()).then(|| raw.to_string());
                true
            }
            _ => false,
        }
    }

    /// What a typed cell amounts to.
    pub fn entry(&self, index: usize) -> Entry {
        let def = &form::cells()[index];
        let raw = match &self.cells[index] {
            Some(raw) if !unfilled(raw) => raw,
            _ => return Entry::Missing,
        };
        let parsed = match def.kind {
            Kind::Count => parse_count(raw).map(Value::Count),
            Kind::Fee => parse_fee(raw).map(Value::Fee),
        };
        match parsed {
            Ok(v) => Entry::Valid(v),
            Err(e) => Entry::Invalid(e),
        }
    }

    /// The value of any cell, typed or derived. A derived total counts unfilled cells as 0 and
    /// is `None` while any of its parts is invalid; a typed cell is `None` unless valid.
    /// To read many cells, take a [`Sheet`] once instead.
    pub fn value(&self, index: usize) -> Option<Value> {
        if form::cells()[index].derived {
            derive(index, |j| self.entry(j))
        } else {
            self.entry(index).value()
        }
    }

    /// Every cell evaluated once: what the rules and the views read.
    pub fn sheet(&self) -> Sheet {
        let cells = form::cells();
        let entries: Vec<Entry> =
            (0..cells.len()).map(|i| if cells[i].derived { Entry::Missing } else { self.entry(i) }).collect();
        let values = (0..cells.len())
            .map(|i| if cells[i].derived { derive(i, |j| entries[j].clone()) } else { entries[i].value() })
            .collect();
        Sheet { entries, values }
    }

    /// A count by path (typed or derived), for rules and messages.
    pub fn count(&self, path: &str) -> Option<u64> {
        form::cell_index(path).and_then(|i| self.value(i)).and_then(Value::as_count)
    }

    /// Next year's draft: year + 1, 上年结转 from this year's 结转下年度继续办理, the text parts
    /// copied for editing, and this report kept as `previous` for the prev.* rules.
    pub fn next_year(&self) -> Report {
        let mut next = Report::new(self.year + 1);
        next.organ = self.organ.clone();
        next.scope = self.scope;
        next.text = self.text.clone();
        next.document = self.document.next_year();
        next.extra = self.extra.clone();
        next.set_previous(self);
        next
    }

    /// Takes `last` as last year's report (the prev.* rules, the muted figures under each cell).
    /// 二、上年结转 is filled from its 结转下年度继续办理 only while no 上年结转 figure is filled,
    /// so nothing the user typed is overwritten. Returns whether it was filled.
    pub fn set_previous(&mut self, last: &Report) -> bool {
        let carry: Vec<(usize, usize)> = form::cells()
            .iter()
            .enumerate()
            .filter(|(_, def)| !def.derived)
            .filter_map(|(i, def)| {
                let rest = def.path.strip_prefix("applications.carried_over.")?;
                Some((i, form::cell_index(&format!("applications.carried_forward.{rest}"))?))
            })
            .collect();
        let fill = carry.iter().all(|&(to, _)| self.cells[to].is_none());
        if fill {
            for &(to, from) in &carry {
                self.cells[to] = last.value(from).map(|v| v.to_string());
            }
        }
        self.previous = Some(Box::new(Report { previous: None, ..last.clone() }));
        fill && carry.iter().any(|&(to, _)| self.cells[to].is_some())
    }

    /// Nothing entered yet: replacing it loses nothing, so no confirmation is asked.
    pub fn is_blank(&self) -> bool {
        self.organ.is_empty()
            && self.text == Texts::default()
            && self.document == Document::default()
            && self.cells.iter().all(Option::is_none)
            && self.previous.is_none()
    }
}

/// The typed cells a derived cell sums: the other columns of its row (总计 column), or the other
/// rows of its group (（七）总计), or both for the corner total. Empty for a typed cell.
pub fn derived_parts(index: usize) -> impl Iterator<Item = usize> {
    DERIVED_PARTS[index].iter().copied()
}

static DERIVED_PARTS: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
    form::cells()
        .iter()
        .map(|def| {
            if !def.derived {
                return Vec::new();
            }
            let section = def.section();
            let row = def.row();
            let group = row.groups.first();
            let rows: Vec<usize> = if row.total {
                (0..section.rows.len())
                    .filter(|&r| !section.rows[r].total && group.is_some() && section.rows[r].groups.first() == group)
                    .collect()
            } else {
                vec![def.row]
            };
            let cols: Vec<usize> = if def.column().total {
                (0..section.columns.len()).filter(|&c| !section.columns[c].total).collect()
            } else {
                vec![def.col]
            };
            rows.iter().flat_map(|&r| cols.iter().map(move |&c| form::cell_at(def.table, def.section, r, c))).collect()
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_years_report_fills_an_empty_carry_over_only() {
        let mut last = Report::new(2023);
        last.set("applications.carried_forward.natural_person", "3");
        last.set("applications.carried_forward.commercial", "1");

        let mut blank = Report::new(2024);
        assert!(blank.is_blank());
        assert!(blank.set_previous(&last));
        assert_eq!(blank.raw("applications.carried_over.natural_person"), Some("3"));
        assert_eq!(blank.raw("applications.carried_over.commercial"), Some("1"));
        assert_eq!(blank.raw("applications.carried_over.research"), None, "unfilled stays unfilled, not 0");
        assert_eq!(blank.previous.as_deref().map(|p| p.year), Some(2023));
        assert!(!blank.is_blank());

        let mut typed = Report::new(2024);
        typed.set("applications.carried_over.other_org", "5");
        assert!(!typed.set_previous(&last), "a typed 上年结转 is kept");
        assert_eq!(typed.raw("applications.carried_over.natural_person"), None);
        assert_eq!(typed.raw("applications.carried_over.other_org"), Some("5"));
        assert!(typed.previous.is_some());
    }

    #[test]
    fn counts_parse_like_people_type_them() {
        assert_eq!(parse_count("26"), Ok(26));
        assert_eq!(parse_count(" 3,985,758 "), Ok(3_985_758));
        assert_eq!(parse_count("１２"), Ok(12));
        assert_eq!(parse_count("7.0"), Ok(7));
        assert_eq!(parse_count("-0"), Ok(0));
        assert_eq!(parse_count("12a"), Err(CellError::NotInteger));
        assert_eq!(parse_count("2.5"), Err(CellError::NotInteger));
        assert_eq!(parse_count("-3"), Err(CellError::Negative));
        assert_eq!(parse_count("1000000000001"), Err(CellError::TooLarge));
        assert_eq!(parse_count("99999999999999999999999"), Err(CellError::TooLarge));
    }

    #[test]
    fn fees_keep_their_decimals() {
        assert_eq!(parse_fee("435.18246").unwrap().to_string(), "435.18246");
        assert_eq!(parse_fee("96171.60").unwrap().to_string(), "96171.60");
        assert_eq!(parse_fee("5,949.088667").unwrap().to_string(), "5949.088667");
        assert_eq!(parse_fee("1.1234567"), Err(CellError::TooManyDecimals));
        assert_eq!(parse_fee("-1"), Err(CellError::Negative));
        assert_eq!(parse_fee("1e3"), Err(CellError::NotDecimal));
        assert_eq!(parse_fee("12."), Err(CellError::NotDecimal));
        assert_eq!(parse_fee("2000000000000"), Err(CellError::TooLarge));
    }

    #[test]
    fn totals_are_derived() {
        let mut r = Report::new(2023);
        r.set("applications.granted.natural_person", "20");
        r.set("applications.partially_granted.natural_person", "2");
        r.set("applications.granted.commercial", "1");
        assert_eq!(r.count("applications.total.natural_person"), Some(22));
        assert_eq!(r.count("applications.granted.total"), Some(21));
        assert_eq!(r.count("applications.total.total"), Some(23));
        assert_eq!(r.count("applications.new_received.total"), Some(0));
        assert!(!r.set("applications.total.total", "5"), "derived cells cannot be typed");
        r.set("applications.granted.research", "x");
        assert_eq!(r.count("applications.total.total"), None, "an invalid part leaves the total unknown");
        r.set("appeals.review.upheld", "3");
        r.set("appeals.review.pending", "1");
        assert_eq!(r.count("appeals.review.total"), Some(4));
    }

    #[test]
    fn a_new_draft_is_for_the_year_being_reported() {
        assert_eq!(year_to_report(2026, 11), 2026, "drafted in November for the year ending");
        assert_eq!(year_to_report(2027, 1), 2026, "published by 31 January");
        assert_eq!(year_to_report(2027, 3), 2026, "aggregates until 31 March");
        assert_eq!(year_to_report(2027, 9), 2026);
        assert_eq!(year_to_report(2027, 10), 2027);
    }

    #[test]
    fn next_year_carries_over() {
        let mut r = Report::new(2023);
        r.organ = "某区人民政府".into();
        r.text.problems = "问题".into();
        r.set("applications.carried_forward.natural_person", "3");
        r.set("applications.carried_forward.commercial", "0");
        let n = r.next_year();
        assert_eq!(n.year, 2024);
        assert_eq!(n.raw("applications.carried_over.natural_person"), Some("3"));
        assert_eq!(n.raw("applications.carried_over.commercial"), Some("0"));
        assert_eq!(n.raw("applications.carried_over.research"), None);
        assert_eq!(n.text.problems, "问题");
        assert_eq!(n.previous.as_ref().unwrap().year, 2023);
        assert!(n.next_year().previous.unwrap().previous.is_none(), "only one year back is kept");
    }
}
