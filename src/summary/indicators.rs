//! The indicators offices and assessors watch, per organ and in total: 实质公开率, 纠错率, and the
//! shares of 无法提供 and 不予处理 among the applications handled, each flagged past its
//! threshold only when its base holds enough cases to mean something.

use crate::form;
use crate::report::Sheet;
use std::sync::LazyLock;

/// A share: `part` of `base` cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rate {
    pub part: u64,
    pub base: u64,
}

impl Rate {
    /// The fraction, 0 to 1; `None` when the base is 0.
    pub fn fraction(self) -> Option<f64> {
        (self.base > 0).then(|| self.part as f64 / self.base as f64)
    }

    /// As a percentage with one decimal (「37.5%」), or 「—」 with no base.
    pub fn percent(self) -> String {
        self.fraction().map_or_else(|| "—".into(), |f| format!("{:.1}%", f * 100.0))
    }

    fn add(self, other: Rate) -> Rate {
        Rate { part: self.part + other.part, base: self.base + other.base }
    }
}

/// Which indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    Disclosure,
    Correction,
    Unable,
    Unprocessed,
}

/// A threshold past which an indicator is flagged, from `min_cases` cases in its base.
pub struct Threshold {
    pub indicator: Indicator,
    pub label: &'static str,
    /// How it is computed, in the form's words.
    pub formula: &'static str,
    /// Flagged above (`true`) or below this fraction.
    pub above: bool,
    pub limit: f64,
    pub min_cases: u64,
    /// Its name in the CLI's JSON.
    pub key: &'static str,
}

impl Threshold {
    /// The threshold in words: 「纠错率高于 15%（被复议、诉讼不少于 30 件时）」.
    pub fn describe(&self) -> String {
        format!(
            "{}{}于 {}%（{}不少于 {} 件时）",
            self.label,
            if self.above { "高" } else { "低" },
            self.limit * 100.0,
            if self.indicator == Indicator::Correction {
                "行政复议、行政诉讼总计"
            } else {
                "办理结果总计"
            },
            self.min_cases
        )
    }
}

pub static THRESHOLDS: [Threshold; 4] = [
    Threshold {
        indicator: Indicator::Disclosure,
        label: "实质公开率",
        formula: "（（一）予以公开 ＋ （二）部分公开）÷ 办理结果总计",
        above: false,
        limit: 0.40,
        min_cases: 30,
        key: "disclosure_rate",
    },
    Threshold {
        indicator: Indicator::Correction,
        label: "纠错率",
        formula: "表C 各项「结果纠正」之和 ÷ 各项「总计」之和",
        above: true,
        limit: 0.15,
        min_cases: 30,
        key: "correction_rate",
    },
    Threshold {
        indicator: Indicator::Unable,
        label: "无法提供占比",
        formula: "（四）无法提供 ÷ 办理结果总计",
        above: true,
        limit: 0.30,
        min_cases: 30,
        key: "unable_share",
    },
    Threshold {
        indicator: Indicator::Unprocessed,
        label: "不予处理占比",
        formula: "（五）不予处理 ÷ 办理结果总计",
        above: true,
        limit: 0.20,
        min_cases: 30,
        key: "unprocessed_share",
    },
];

/// One organ's (or the total's) four rates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Indicators {
    pub disclosure: Rate,
    pub correction: Rate,
    pub unable: Rate,
    pub unprocessed: Rate,
}

struct Cells {
    disclosed: Vec<usize>,
    results: usize,
    unable: Vec<usize>,
    unprocessed: Vec<usize>,
    corrected: Vec<usize>,
    appeals: Vec<usize>,
}

static CELLS: LazyLock<Cells> = LazyLock::new(|| {
    let b = |row: &str| form::find("applications", row, "total").expect("table B row");
    let rows_with = |prefix: &str| {
        let section = &form::TABLES[1].sections[0];
        section.rows.iter().filter(|r| r.key.starts_with(prefix)).map(|r| b(r.key)).collect::<Vec<_>>()
    };
    let c = |col: &str| {
        ["review", "litigation_direct", "litigation_after_review"]
            .map(|row| form::find("appeals", row, col).expect("table C cell"))
            .to_vec()
    };
    Cells {
        disclosed: vec![b("granted"), b("partially_granted")],
        results: b("total"),
        unable: rows_with("unable_"),
        unprocessed: rows_with("rejected_"),
        corrected: c("corrected"),
        appeals: c("total"),
    }
});

impl Indicators {
    /// A report's rates, its figures not filled (or not valid) counted as 0.
    pub fn of(sheet: &Sheet) -> Indicators {
        let sum = |cells: &[usize]| cells.iter().map(|&i| sheet.count_or_zero(i).unwrap_or(0)).sum::<u64>();
        let c = &*CELLS;
        let results = sum(&[c.results]);
        let share = |cells: &[usize]| Rate { part: sum(cells), base: results };
        Indicators {
            disclosure: share(&c.disclosed),
            correction: Rate { part: sum(&c.corrected), base: sum(&c.appeals) },
            unable: share(&c.unable),
            unprocessed: share(&c.unprocessed),
        }
    }

    pub fn get(&self, i: Indicator) -> Rate {
        match i {
            Indicator::Disclosure => self.disclosure,
            Indicator::Correction => self.correction,
            Indicator::Unable => self.unable,
            Indicator::Unprocessed => self.unprocessed,
        }
    }

    /// The sum of many organs' rates: parts and bases added (Σ纠正 ÷ Σ总计), not rates averaged.
    pub fn plus(self, other: Indicators) -> Indicators {
        Indicators {
            disclosure: self.disclosure.add(other.disclosure),
            correction: self.correction.add(other.correction),
            unable: self.unable.add(other.unable),
            unprocessed: self.unprocessed.add(other.unprocessed),
        }
    }

    /// The thresholds it is past, in [`THRESHOLDS`] order.
    pub fn flagged(&self) -> Vec<&'static Threshold> {
        THRESHOLDS
            .iter()
            .filter(|t| {
                let rate = self.get(t.indicator);
                rate.base >= t.min_cases
                    && rate.fraction().is_some_and(|f| if t.above { f > t.limit } else { f < t.limit })
            })
            .collect()
    }
}

/// Items ranked by one indicator, worst first (lowest 实质公开率, highest of the others); those
/// with no base are left out, ties broken by the larger base.
pub fn ranking<T: Copy>(items: &[(T, Indicators)], by: Indicator) -> Vec<T> {
    let above = THRESHOLDS.iter().find(|t| t.indicator == by).is_some_and(|t| t.above);
    let mut ranked: Vec<(T, f64, u64)> = items
        .iter()
        .filter_map(|(t, ind)| {
            let r = ind.get(by);
            Some((*t, r.fraction()?, r.base))
        })
        .collect();
    ranked.sort_by(|a, b| {
        let order = if above { b.1.total_cmp(&a.1) } else { a.1.total_cmp(&b.1) };
        order.then(b.2.cmp(&a.2))
    });
    ranked.into_iter().map(|(t, _, _)| t).collect()
}
