//! Year over year: the headline figures an office answers for — 新收申请, the outcomes, 复议,
//! 诉讼, 被纠错 — this year and last, per organ and in total, with the swings that need a word.

use super::Loaded;
use crate::form;
use crate::report::Sheet;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// A headline figure: its name and the template cells it adds up.
pub struct Headline {
    pub label: &'static str,
    cells: Cells,
}

/// The cells a headline adds up: listed, or the 总计 of every row of one of table B's row groups
/// (（三）不予公开, （四）无法提供), as `form` has them.
enum Cells {
    Listed(&'static [(&'static str, &'static str, &'static str)]),
    Group(&'static str),
}

macro_rules! totals {
    ($($row:expr),*) => { Cells::Listed(&[$(("applications", $row, "total")),*]) };
}

pub static HEADLINES: [Headline; 8] = [
    Headline { label: "新收申请", cells: totals!("new_received") },
    Headline { label: "予以公开", cells: totals!("granted") },
    Headline { label: "部分公开", cells: totals!("partially_granted") },
    Headline { label: "不予公开", cells: Cells::Group("（三）不予公开") },
    Headline { label: "无法提供", cells: Cells::Group("（四）无法提供") },
    Headline { label: "复议", cells: Cells::Listed(&[("appeals", "review", "total")]) },
    Headline {
        label: "诉讼",
        cells: Cells::Listed(&[
            ("appeals", "litigation_direct", "total"),
            ("appeals", "litigation_after_review", "total"),
        ]),
    },
    Headline {
        label: "被纠错",
        cells: Cells::Listed(&[
            ("appeals", "review", "corrected"),
            ("appeals", "litigation_direct", "corrected"),
            ("appeals", "litigation_after_review", "corrected"),
        ]),
    },
];

static INDICES: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
    HEADLINES
        .iter()
        .map(|h| match h.cells {
            Cells::Listed(cells) => {
                cells.iter().map(|(t, r, c)| form::find(t, r, c).expect("headline cells exist")).collect()
            }
            Cells::Group(group) => {
                let in_group = form::cells()
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| d.table().key == "applications" && d.column().key == "total")
                    .filter(|(_, d)| d.row().groups.contains(&group))
                    .map(|(i, _)| i)
                    .collect::<Vec<_>>();
                assert!(!in_group.is_empty(), "table B has the group {group}");
                in_group
            }
        })
        .collect()
});

/// The eight headline figures of a report; unknown where a cell is not a valid number.
pub type Figures = [Option<u64>; 8];

pub fn figures(sheet: &Sheet) -> Figures {
    std::array::from_fn(|h| INDICES[h].iter().map(|&i| sheet.count_or_zero(i)).sum())
}

/// The figures of many reports added up.
fn add(a: Figures, b: Figures) -> Figures {
    std::array::from_fn(|h| Some(a[h]? + b[h]?))
}

/// One line of the comparison: an organ (or 合计), this year and last.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub organ: String,
    pub now: Figures,
    /// `None`: the organ has no report last year.
    pub then: Option<Figures>,
}

/// A change worth a word: over half up or down and at least ten cases.
pub const SWING_SHARE: u64 = 50;
pub const SWING_CASES: u64 = 10;

/// Change from last year to this: the difference, the percentage (none from 0), and whether it
/// is a swing to answer for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub diff: i64,
    pub percent: Option<i64>,
    pub swing: bool,
}

pub fn change(now: u64, then: u64) -> Change {
    let diff = now as i64 - then as i64;
    let percent = (then > 0).then(|| (diff * 100) / then as i64);
    let swing = diff.unsigned_abs() >= SWING_CASES && (then == 0 || diff.unsigned_abs() * 100 > then * SWING_SHARE);
    Change { diff, percent, swing }
}

impl Line {
    /// The change of headline `h`, when both years are known.
    pub fn change(&self, h: usize) -> Option<Change> {
        Some(change(self.now[h]?, self.then?[h]?))
    }
}

/// This year against last: per organ (ranked by 新收申请) and the total, the 新收申请 of each
/// year among the same organs' reports, and the organs with no report last year.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub year: i32,
    pub organs: Vec<Line>,
    pub total: Line,
    /// (year, 新收申请 total) for each year with reports of these organs, oldest first.
    pub years: Vec<(i32, Option<u64>)>,
    /// This year's organs without a report last year: the total's last year lacks them.
    pub lacking: Vec<String>,
}

/// The comparison, when there is anything of last year to compare with. Reports come keyed by
/// their organ (folded name, or roster organ): last year's — and older years', `older` — count
/// only for organs summed this year, each organ once a year, so last year's total is of the
/// same organs and never another organ's or a government's 汇总 report.
pub fn compare(
    year: i32,
    this: &[(String, &Loaded)],
    last: &[(String, &Loaded)],
    older: &[(String, &Loaded)],
) -> Option<Comparison> {
    let organs_now: HashMap<&str, &Loaded> = this.iter().map(|(k, r)| (k.as_str(), *r)).collect();
    let mut last_by_organ: HashMap<&str, Figures> = HashMap::new();
    for (k, r) in last.iter().filter(|(k, _)| organs_now.contains_key(k.as_str())) {
        last_by_organ.entry(k.as_str()).or_insert(r.headline);
    }
    if last_by_organ.is_empty() {
        return None;
    }
    let mut organs: Vec<Line> = this
        .iter()
        .map(|(k, r)| Line {
            organ: r.report.organ.trim().to_string(),
            now: r.headline,
            then: last_by_organ.get(k.as_str()).copied(),
        })
        .collect();
    let lacking = organs.iter().filter(|l| l.then.is_none()).map(|l| l.organ.clone()).collect();
    organs.sort_by_key(|l| std::cmp::Reverse(l.now[0]));
    let now = organs.iter().map(|l| l.now).fold([Some(0); 8], add);
    let then = last_by_organ.values().copied().fold([Some(0); 8], add);
    let total = Line { organ: "合计".into(), now, then: Some(then) };
    let mut by_year: BTreeMap<i32, HashMap<&str, Figures>> = BTreeMap::new();
    for (k, r) in older.iter().filter(|(k, r)| organs_now.contains_key(k.as_str()) && r.report.year < year - 1) {
        by_year.entry(r.report.year).or_default().entry(k.as_str()).or_insert(r.headline);
    }
    let mut years: Vec<(i32, Option<u64>)> = by_year
        .values()
        .zip(by_year.keys())
        .map(|(f, y)| (*y, f.values().copied().fold([Some(0); 8], add)[0]))
        .collect();
    years.extend([(year - 1, then[0]), (year, now[0])]);
    Some(Comparison { year, organs, total, years, lacking })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 不予公开 and 无法提供 add up every row `form` puts in their group: eight and three.
    #[test]
    fn grouped_headlines_take_their_rows_from_the_form() {
        let rows = |h: usize| INDICES[h].iter().map(|&i| form::cells()[i].row().key).collect::<Vec<_>>();
        assert_eq!(rows(3).len(), 8);
        assert!(rows(3).iter().all(|k| k.starts_with("denied_")), "{:?}", rows(3));
        assert_eq!(rows(4), ["unable_not_held", "unable_needs_creation", "unable_unclear"]);
    }
}
