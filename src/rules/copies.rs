//! `text.similar_to_last_year`: the text parts together repeating last year's report.
//!
//! Assessors deduct for text 与往年雷同 (one local rule: 与上年度重复率大于50%). A copy re-dated
//! and re-numbered is still a copy, so the texts are compared as [`crate::similarity`] folds them
//! (years, figures and the organ's name normalised away, sentences every report carries by nature
//! — the fee statement, the statistics period — left out), by the share of this year's shingles
//! found in last year's.

use super::{finding, Finding, Rule};
use crate::report::Report;
use crate::similarity::{self, Shingles};

/// The parts compared: 一, 五, 六 (the preamble is boilerplate by nature).
const PARTS: [(&str, &str); 3] =
    [("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况"), ("other", "六、其他需要报告的事项")];

/// Above this share of last year's text the parts are a copy (与上年度重复率大于50%).
pub const COPY_SHARE: f64 = 0.5;

pub(super) fn check(report: &Report, prev: &Report, out: &mut Vec<Finding>) {
    // Each part folded once (this runs on every keystroke); the parts together are their union.
    let parts = |r: &Report| {
        PARTS.map(|(k, _)| similarity::folded([r.text.get(k).map_or("", String::as_str)], &r.organ).shingles())
    };
    let (now, then) = (parts(report), parts(prev));
    let Some(total) = share(&Shingles::union(&now), &Shingles::union(&then)) else { return };
    if total <= COPY_SHARE {
        return;
    }
    let copied: Vec<(&str, &str, f64)> = PARTS
        .iter()
        .zip(now.iter().zip(&then))
        .filter_map(|(&(k, h), (now, then))| Some((k, h, share(now, then)?)))
        .filter(|p| p.2 > COPY_SHARE)
        .collect();
    let each: Vec<String> = copied.iter().map(|(_, h, s)| format!("「{h}」{}%", percent(*s))).collect();
    let cells = if copied.is_empty() {
        vec!["text.overview".to_string()]
    } else {
        copied.iter().map(|(k, _, _)| format!("text.{k}")).collect()
    };
    let detail = if each.is_empty() { String::new() } else { format!("（{}）", each.join("，")) };
    out.push(finding(
        Rule::TextSimilarToLastYear,
        cells,
        format!(
            "正文有 {}% 与{}年报告相同{detail}（年份、数字和机关名称不计，信息处理费、统计期限等每年相同的句子不计）：考核中与上年度重复率超过一半的报告将扣分，请按本年情况改写",
            percent(total),
            prev.year
        ),
    ));
}

fn percent(share: f64) -> u32 {
    (share * 100.0).round() as u32
}

/// The share of this year's shingles found in last year's, if this year's text is long enough
/// to be called a copy of anything.
fn share(now: &Shingles, then: &Shingles) -> Option<f64> {
    (now.len() >= similarity::MIN_SHINGLES && !then.is_empty()).then(|| now.common(then) as f64 / now.len() as f64)
}
