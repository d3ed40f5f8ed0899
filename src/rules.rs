//! The rules: a pure function from a report (and last year's, when given) to findings.
//!
//! Every finding names its stable rule id, its level, the cells it concerns (template paths,
//! or `text.<key>` for a text part) and a message in Chinese that names rows, columns and both
//! numbers. Errors block nothing: a draft with errors can still be saved and exported.

mod copies;
mod elements;
mod narrative;
mod rule;
mod text;

pub use copies::COPY_SHARE;
pub use narrative::filled;
pub use rule::Rule;
pub use text::{char_count, OVERVIEW_LIMIT};

use crate::form::{self, Kind, Layout, TABLES};
use crate::report::{derived_parts, CellError, Entry, Report, Sheet, Value};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "错误",
            Level::Warning => "警告",
        }
    }
}

/// The rule a figure's error breaks.
fn cell_rule(e: &CellError) -> Rule {
    match e {
        CellError::NotInteger => Rule::CellInteger,
        CellError::Negative => Rule::CellNonNegative,
        CellError::NotDecimal | CellError::TooManyDecimals => Rule::CellDecimal,
        CellError::TooLarge => Rule::CellRange,
    }
}

/// A finding: its rule (which fixes its level), the cells it concerns and a message in words.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "Read")]
pub struct Finding {
    pub rule: Rule,
    pub cells: Vec<String>,
    pub message: String,
}

impl Finding {
    pub fn new(rule: Rule, cells: Vec<String>, message: String) -> Finding {
        Finding { rule, cells, message }
    }
    /// Its rule's level: a finding has no other.
    pub fn level(&self) -> Level {
        self.rule.level()
    }
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut f = s.serialize_struct("Finding", 4)?;
        f.serialize_field("rule", &self.rule)?;
        f.serialize_field("level", &self.level())?;
        f.serialize_field("cells", &self.cells)?;
        f.serialize_field("message", &self.message)?;
        f.end()
    }
}

/// A finding as written (passed between the page's wasm bundles): its level follows its rule.
#[derive(Deserialize)]
struct Read {
    rule: Rule,
    cells: Vec<String>,
    message: String,
}

impl From<Read> for Finding {
    fn from(r: Read) -> Finding {
        Finding { rule: r.rule, cells: r.cells, message: r.message }
    }
}

fn finding(rule: Rule, cells: Vec<String>, message: String) -> Finding {
    Finding { rule, cells, message }
}

/// Every finding for `report`; `previous` is last year's report for the prev.* rules and
/// outliers. Errors come first, then warnings, each in template order.
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    check_edited(report, previous, &[])
}

/// [`check`] knowing which cells the user edited last (indices into [`form::cells`], the most
/// recent last): a column that does not balance points first at the cell of it edited last,
/// the likeliest place of the difference.
pub fn check_edited(report: &Report, previous: Option<&Report>, recent: &[usize]) -> Vec<Finding> {
    let mut out = Vec::new();
    let sheet = report.sheet();
    if report.organ.trim().is_empty() {
        out.push(finding(
            Rule::MetaOrganMissing,
            vec!["organ".into()],
            "机关名称未填写：报告标题和导出的文件名中将缺少机关名称".into(),
        ));
    }
    cell_rules(report, &sheet, &mut out);
    balance(report, &sheet, recent, &mut out);
    if let Some(prev) = previous {
        let last = prev.sheet();
        let years = Years { now: &sheet, then: &last, year: prev.year };
        carried_over(&years, &mut out);
        in_force(&years, &mut out);
        outliers(&years, &mut out);
    }
    // Part 一 without white space, as the length guide, the year and the figures rules read it:
    // taken once (for 3,000 reports at once, going over the text was most of the time).
    let overview: Vec<char> = report.text.overview.chars().filter(|c| !c.is_whitespace()).collect();
    text::check(report, previous, &overview, &mut out);
    elements::check(report, &overview, &mut out);
    if let Some(prev) = previous {
        copies::check(report, prev, &mut out);
    }
    narrative::check(&overview, &sheet, &mut out);
    // A text still dated last year is the first thing to fix in a draft begun from last year's:
    // it stands before the figures not yet filled.
    out.sort_by_key(|f| (f.level(), f.rule != Rule::TextStaleYear));
    out
}

/// [`check_edited`] against the previous year the draft carries, if any.
pub fn check_draft(report: &Report, recent: &[usize]) -> Vec<Finding> {
    check_edited(report, report.previous.as_deref(), recent)
}

/// This year's and last year's figures, for the cross-year rules.
struct Years<'a> {
    now: &'a Sheet,
    then: &'a Sheet,
    year: i32,
}

fn cell_rules(report: &Report, sheet: &Sheet, out: &mut Vec<Finding>) {
    let mut missing: Vec<usize> = Vec::new();
    let cells = form::cells();
    for (i, def) in cells.iter().enumerate() {
        if def.derived {
            continue;
        }
        match &sheet.entries[i] {
            Entry::Invalid(e) => {
                let raw = report.cells[i].as_deref().unwrap_or_default();
                out.push(finding(
                    cell_rule(e),
                    vec![def.path.clone()],
                    format!("{}：“{}”{}", def.describe(), raw, e.message()),
                ));
            }
            Entry::Missing => missing.push(i),
            Entry::Valid(_) => {}
        }
    }
    // One warning per row, so a blank table is a short list rather than 150 lines.
    for group in missing.chunk_by(|&a, &b| {
        let (a, b) = (&cells[a], &cells[b]);
        (a.table, a.section, a.row) == (b.table, b.section, b.row)
    }) {
        let first = &cells[group[0]];
        let (t, r) = (first.table(), first.row());
        let what = match (t.layout, first.column().key.is_empty()) {
            (Layout::Sections | Layout::Grid, true) => first.describe(),
            (Layout::Sections | Layout::Grid, false) => {
                let cols: Vec<&str> = group.iter().map(|&i| cells[i].column().label).collect();
                format!("{}「{}」行：{}", t.name, r.label, cols.join("、"))
            }
            (Layout::Across, _) => {
                let cols: Vec<&str> = group.iter().map(|&i| cells[i].column().label).collect();
                format!("{}「{}」：{}", t.name, r.label, cols.join("、"))
            }
        };
        let paths = group.iter().map(|&i| cells[i].path.clone()).collect();
        out.push(finding(Rule::CellMissing, paths, format!("{what} 未填写（空白不等于 0，没有请填 0）")));
    }
}

/// Table B's 勾稽关系 per column: 一 + 二 = 三（七）总计 + 四. A column is judged once every figure
/// it sums is filled (until then its blanks are listed as not filled); while one of them is not
/// a number, a note says the column cannot be checked yet, so fixing the typo brings no surprise.
fn balance(report: &Report, sheet: &Sheet, recent: &[usize], out: &mut Vec<Finding>) {
    let cells = form::cells();
    let name = |i: usize| {
        let row = cells[i].row();
        if row.short.is_empty() {
            row.label
        } else {
            row.short
        }
    };
    for table in &TABLES {
        let Some(rule) = &table.balance else { continue };
        for section in table.sections {
            // The 结转下年度 cell of the first column found out of balance: where the 总计 column points.
            let mut first_off = None;
            for column in section.columns {
                let side = |keys: &'static [&'static str]| -> Vec<usize> {
                    keys.iter().map(|key| form::find(table.key, key, column.key).expect("balance rows exist")).collect()
                };
                let (lhs, rhs) = (side(rule.lhs), side(rule.rhs));
                // The typed figures the column sums: its rows, and the parts of its totals.
                let parts: Vec<usize> = lhs
                    .iter()
                    .chain(&rhs)
                    .flat_map(|&i| if cells[i].derived { derived_parts(i).collect() } else { vec![i] })
                    .collect();
                let invalid: Vec<usize> =
                    parts.iter().copied().filter(|&i| matches!(sheet.entries[i], Entry::Invalid(_))).collect();
                if !invalid.is_empty() {
                    // The 总计 column is unknown then too; the applicant column's note says it.
                    if !column.total {
                        let what: Vec<String> = invalid
                            .iter()
                            .map(|&i| {
                                format!(
                                    "「{}」“{}”",
                                    cells[i].row().label,
                                    report.cells[i].as_deref().unwrap_or_default()
                                )
                            })
                            .collect();
                        out.push(Finding {
                            rule: Rule::BalancePending,
                            cells: invalid.iter().map(|&i| cells[i].path.clone()).collect(),
                            message: format!(
                                "{}列{}不是有效数字，改正后才能核对本列是否平衡（{}）",
                                column.label,
                                what.join("、"),
                                BALANCE_WORDS
                            ),
                        });
                    }
                    continue;
                }
                if parts.iter().any(|&i| sheet.entries[i] == Entry::Missing) {
                    continue;
                }
                let sum =
                    |side: &[usize]| side.iter().map(|&i| sheet.count_or_zero(i).unwrap_or_default()).sum::<u64>();
                let (l, r) = (sum(&lhs), sum(&rhs));
                if l == r {
                    continue;
                }
                let forward = *rhs.last().expect("四 closes the right side");
                if !column.total {
                    first_off.get_or_insert(forward);
                }
                let terms = |side: &[usize]| {
                    side.iter()
                        .map(|&i| format!("{} {}", name(i), sheet.count_or_zero(i).unwrap_or_default()))
                        .collect::<Vec<_>>()
                        .join(" ＋ ")
                };
                let (more, diff) = if l > r { ("多", l - r) } else { ("少", r - l) };
                let edited = recent.iter().rev().copied().find(|i| parts.contains(i));
                let likely = edited.or(first_off.filter(|_| column.total)).unwrap_or(forward);
                let likely = if cells[likely].derived { forward } else { likely };
                let hint = match edited {
                    Some(i) => format!("差额最可能在本列最近修改的「{}」", row_words(i)),
                    None => format!("请先核对「{}」，再核对“三、本年度办理结果”各项", row_words(likely)),
                };
                let msg = format!(
                    "{}列不平衡：收到的申请 {l} 件（{}），比办理和结转的 {r} 件（{}）{more} {diff} 件。{hint}",
                    column.label,
                    terms(&lhs),
                    terms(&rhs),
                );
                let mut paths = vec![cells[likely].path.clone()];
                paths.extend(lhs.iter().chain(&rhs).filter(|&&i| i != likely).map(|&i| cells[i].path.clone()));
                out.push(finding(Rule::Balance, paths, msg));
            }
        }
    }
}

/// The corner note of table B in the words of the form.
const BALANCE_WORDS: &str = "一、本年新收加二、上年结转，应等于办理结果总计加四、结转下年度继续办理";

/// A row of table B as the form names it: 三、本年度办理结果 ›（二）部分公开.
fn row_words(i: usize) -> String {
    let row = form::cells()[i].row();
    row.groups.iter().copied().chain([row.label]).collect::<Vec<_>>().join(" › ")
}

fn carried_over(y: &Years, out: &mut Vec<Finding>) {
    for (i, def) in form::cells().iter().enumerate() {
        let Some(col) = def.path.strip_prefix("applications.carried_over.") else { continue };
        if def.derived {
            continue;
        }
        let from = form::find("applications", "carried_forward", col).expect("template row");
        let (Some(now), Some(then)) = (y.now.values[i], y.then.values[from]) else { continue };
        if now != then {
            let msg = format!(
                "{}列：本年「{}」（{now}）应等于{}年「{}」（{then}）",
                def.column().label,
                def.row().label,
                y.year,
                form::cells()[from].row().label
            );
            out.push(finding(Rule::PrevCarriedOver, vec![def.path.clone()], msg));
        }
    }
}

fn in_force(y: &Years, out: &mut Vec<Finding>) {
    let table = &TABLES[0];
    for section in table.sections {
        for row in section.rows {
            let idx = |col| form::find(table.key, row.key, col);
            let (Some(issued), Some(repealed), Some(now)) = (idx("issued"), idx("repealed"), idx("in_force")) else {
                continue;
            };
            let get = |s: &Sheet, i: usize| s.values[i].and_then(Value::as_count);
            let (Some(base), Some(add), Some(sub), Some(have)) =
                (get(y.then, now), get(y.now, issued), get(y.now, repealed), get(y.now, now))
            else {
                continue;
            };
            let expected = (base + add).checked_sub(sub);
            if expected != Some(have) {
                let expected = expected.map_or_else(|| "负数".to_string(), |e| e.to_string());
                let msg = format!(
                    "{}「{}」：现行有效件数（{have}）不等于{}年现行有效（{base}）加本年制发（{add}）减本年废止（{sub}）＝{expected}；如经集中清理，请在正文中说明",
                    table.name, row.label, y.year
                );
                out.push(finding(Rule::PrevInForce, vec![form::cells()[now].path.clone()], msg));
            }
        }
    }
}

fn outliers(y: &Years, out: &mut Vec<Finding>) {
    let hundred = Decimal::from(100);
    let ten = Decimal::from(10);
    for (i, def) in form::cells().iter().enumerate() {
        if def.derived {
            continue;
        }
        let (Some(now), Some(then)) = (y.now.values[i], y.then.values[i]) else { continue };
        let (a, b) = (now.as_decimal(), then.as_decimal());
        if a >= hundred && b >= hundred && (a > b * ten || a * ten < b) {
            let unit = if def.kind == Kind::Fee { " 万元" } else { "" };
            let msg = format!("{}：本年 {now}{unit}，{}年 {then}{unit}，相差十倍以上，请核实", def.describe(), y.year);
            out.push(finding(Rule::CellOutlier, vec![def.path.clone()], msg));
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod text_tests;
