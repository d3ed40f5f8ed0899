//! Which year is summed: chosen by the user, or the newest year a fair share of the files report
//! — never simply the year most files report, which sums last year when this year's files are
//! still coming in beside last year's — or, with none, the year the season is for.

use std::collections::BTreeMap;

/// A year is "reported by a fair share of the files" from this fraction of the reports up: 13
/// current reports beside 14 of last year is this year, one misdated file among 40 is not.
pub const FAIR_SHARE: f64 = 0.25;

/// Why the year is the year, for the view and the CLI to say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum YearReason {
    /// The user chose it.
    Chosen,
    /// The newest year that at least a fair share of the reports give: `reports` of `of`.
    Newest { reports: usize, of: usize },
    /// No year has a fair share (or there are no reports): the year the season is for, from
    /// today's date as the shell gave it.
    Season { today: (i32, u32) },
    /// No fair share and no date: the year most reports give.
    MostCommon { reports: usize, of: usize },
    /// Nothing to go by.
    #[default]
    None,
}

impl YearReason {
    /// In words, with the year: 「2024 年度：27 份报告中 13 份为该年度，是其中最新的年度」.
    pub fn describe(&self, year: Option<i32>) -> String {
        let Some(year) = year else { return "未确定年度：没有可读取的报告".into() };
        match self {
            YearReason::Chosen => format!("{year} 年度（按所选年度）"),
            YearReason::Newest { reports, of } => {
                format!("{year} 年度：{of} 份报告中 {reports} 份为该年度，是占一定比例的报告中最新的年度")
            }
            YearReason::Season { today: (y, m) } => {
                format!("{year} 年度：按当前时间（{y}年{m}月）应汇总的年度（没有年度占到报告的四分之一）")
            }
            YearReason::MostCommon { reports, of } => {
                format!("{year} 年度：{of} 份报告中 {reports} 份为该年度（最多）")
            }
            YearReason::None => format!("{year} 年度"),
        }
    }
}

/// The year the 汇总 season of `today` (year, month) is for: in December the year ending, from
/// January (reports published by 31 January, 汇总 until 31 March) and for the rest of the year
/// the year just ended.
pub fn season_year((year, month): (i32, u32)) -> i32 {
    if month == 12 {
        year
    } else {
        year - 1
    }
}

/// The year to sum among the reports' years (one entry a report), and why.
pub fn choose(years: &[i32], chosen: Option<i32>, today: Option<(i32, u32)>) -> (Option<i32>, YearReason) {
    if let Some(year) = chosen {
        return (Some(year), YearReason::Chosen);
    }
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for &y in years {
        *counts.entry(y).or_default() += 1;
    }
    let of = years.len();
    let fair = counts.iter().rev().find(|(_, &n)| n as f64 >= FAIR_SHARE * of as f64);
    if let Some((&year, &reports)) = fair {
        return (Some(year), YearReason::Newest { reports, of });
    }
    if let Some(today) = today {
        return (Some(season_year(today)), YearReason::Season { today });
    }
    match counts.iter().max_by_key(|(y, n)| (**n, **y)) {
        Some((&year, &reports)) => (Some(year), YearReason::MostCommon { reports, of }),
        None => (None, YearReason::None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_year_with_a_fair_share_wins_over_the_most_common() {
        let years: Vec<i32> = [2024; 13].into_iter().chain([2023; 14]).collect();
        assert_eq!(choose(&years, None, None), (Some(2024), YearReason::Newest { reports: 13, of: 27 }));
        let years: Vec<i32> = [2025].into_iter().chain([2024; 39]).collect();
        assert_eq!(choose(&years, None, None).0, Some(2024), "one misdated file is not the year");
        assert_eq!(choose(&years, Some(2023), None), (Some(2023), YearReason::Chosen));
    }

    #[test]
    fn with_no_reports_the_season_says_the_year() {
        assert_eq!(choose(&[], None, Some((2027, 2))), (Some(2026), YearReason::Season { today: (2027, 2) }));
        assert_eq!(season_year((2026, 12)), 2026);
        assert_eq!(season_year((2027, 3)), 2026);
        assert_eq!(choose(&[], None, None), (None, YearReason::None));
        let even = [2020, 2021, 2022, 2023, 2024, 2020, 2021, 2022, 2023, 2024, 2019];
        assert_eq!(choose(&even, None, Some((2025, 1))).0, Some(2024), "none has a quarter: the season");
        assert!(YearReason::Newest { reports: 13, of: 27 }.describe(Some(2024)).contains("27 份报告中 13 份"));
    }
}
