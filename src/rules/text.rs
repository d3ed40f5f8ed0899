//! Rules on the text parts: present, within the length guide, reporting the fee, not a copy of
//! last year's part 五.

use super::{finding, Finding};
use crate::form::{self, Body};
use crate::report::Report;
use std::collections::HashSet;

/// Part 一 should not exceed this many characters (篇幅原则上不超过一千字).
pub const OVERVIEW_LIMIT: usize = 1000;

/// Characters as the template counts 字: everything but white space.
pub fn char_count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

pub(super) fn check(report: &Report, previous: Option<&Report>, out: &mut Vec<Finding>) {
    for part in &form::PARTS {
        let Body::Text(t) = part.body else { continue };
        if report.text.get(t.key).is_some_and(|s| s.trim().is_empty()) {
            out.push(finding("text.required", vec![cell(t.key)], format!("「{}」尚未填写", part.heading)));
        }
    }
    let n = char_count(&report.text.overview);
    if n > OVERVIEW_LIMIT {
        out.push(finding(
            "text.overview_length",
            vec![cell("overview")],
            format!("「一、总体情况」共 {n} 字，超过“篇幅原则上不超过一千字”的要求"),
        ));
    }
    let other = &report.text.other;
    if !other.trim().is_empty() && !other.contains("处理费") {
        out.push(finding(
            "text.fee_statement",
            vec![cell("other")],
            "「六、其他需要报告的事项」未报告信息处理费收取情况（国办函〔2020〕109号），未收取也应写明".into(),
        ));
    }
    if let Some(prev) = previous {
        let share = repeated_share(&report.text.problems, &prev.text.problems);
        if share > 0.5 {
            out.push(finding(
                "text.repeated",
                vec![cell("problems")],
                format!(
                    "「五、存在的主要问题及改进情况」有 {}% 的内容与{}年报告相同，不得年年雷同",
                    (share * 100.0).round() as u32,
                    prev.year
                ),
            ));
        }
    }
}

fn cell(key: &str) -> String {
    format!("text.{key}")
}

/// Each sentence as a hash of its letters and digits (punctuation and spaces left out, so
/// re-wrapping or a changed comma still match) with its length; no allocation per sentence, as
/// this runs on every keystroke.
fn sentences(text: &str) -> impl Iterator<Item = (u64, usize)> + '_ {
    text.split(['。', '；', ';', '\n', '！', '？'])
        .map(|s| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .fold((0xcbf29ce484222325u64, 0), |(h, n), c| ((h ^ c as u64).wrapping_mul(0x100000001b3), n + 1))
        })
        .filter(|&(_, n)| n >= 6)
}

/// The share of this year's text (in characters) made of sentences found word for word last year.
pub fn repeated_share(now: &str, then: &str) -> f64 {
    let old: HashSet<u64> = sentences(then).map(|(h, _)| h).collect();
    let (mut same, mut all) = (0usize, 0usize);
    for (h, n) in sentences(now) {
        all += n;
        if old.contains(&h) {
            same += n;
        }
    }
    if all == 0 {
        0.0
    } else {
        same as f64 / all as f64
    }
}
