//! `text.similar_to_last_year`: the text parts together repeating last year's report.
//!
//! Assessors deduct for text 与往年雷同 (one local rule: 与上年度重复率大于50%). A copy re-dated
//! and re-numbered is still a copy, so years, figures and the organ's name are normalised away
//! before the texts are compared; sentences every report carries by nature (the fee statement,
//! the statistics period, the contact address, the legal basis) are left out, so a report that
//! changed all else is not called a copy for them.

use super::{finding, Finding, Rule};
use crate::report::Report;

/// The parts compared: 一, 五, 六 (the preamble is boilerplate by nature).
const PARTS: [(&str, &str); 3] =
    [("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况"), ("other", "六、其他需要报告的事项")];

/// Above this share of last year's text the parts are a copy (与上年度重复率大于50%).
pub const COPY_SHARE: f64 = 0.5;

/// Less text than this (characters, after normalising) is too little to call a copy.
const MIN_CHARS: usize = 120;

pub(super) fn check(report: &Report, prev: &Report, out: &mut Vec<Finding>) {
    let organs = [report.organ.as_str(), prev.organ.as_str()];
    let (mut now_all, mut then_all) = (String::new(), String::new());
    let mut parts = Vec::new();
    for (key, heading) in PARTS {
        let now = comparable(report.text.get(key).map_or("", String::as_str), &organs);
        let then = comparable(prev.text.get(key).map_or("", String::as_str), &organs);
        if now.chars().count() >= MIN_CHARS / 3 && !then.is_empty() {
            parts.push((key, heading, share(&now, &then)));
        }
        now_all.push_str(&now);
        now_all.push('\n');
        then_all.push_str(&then);
        then_all.push('\n');
    }
    if now_all.chars().count() < MIN_CHARS || then_all.trim().is_empty() {
        return;
    }
    let total = share(&now_all, &then_all);
    if total <= COPY_SHARE {
        return;
    }
    let copied: Vec<&(&str, &str, f64)> = parts.iter().filter(|p| p.2 > COPY_SHARE).collect();
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

/// The share of `now` repeating `then`.
fn share(now: &str, then: &str) -> f64 {
    super::text::repeated_share(now, then)
}

/// A part as compared: sentences every report carries by nature left out, the organ's names as
/// 本机关, every run of digits (years, figures) as one `#`.
pub fn comparable(text: &str, organs: &[&str]) -> String {
    let mut out = String::new();
    for sentence in text.split_inclusive(['。', '；', ';', '\n', '！', '？']) {
        if boilerplate(sentence) {
            continue;
        }
        out.push_str(sentence);
    }
    for organ in organs.iter().filter(|o| o.chars().count() >= 3) {
        out = out.replace(organ, "本机关");
        // 「淮安市洪泽区人民政府」 is also written 「洪泽区人民政府」 and 「洪泽区」.
        if let Some((_, short)) = organ.split_once(['省', '市']).filter(|(_, s)| s.chars().count() >= 3) {
            out = out.replace(short, "本机关");
        }
    }
    let mut normal = String::with_capacity(out.len());
    for c in out.chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '.';
        if !digit {
            normal.push(c);
        } else if !normal.ends_with('#') {
            normal.push('#');
        }
    }
    normal
}

/// A sentence reports carry every year by nature.
fn boilerplate(sentence: &str) -> bool {
    let s: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
    s.contains("处理费")
        || (s.contains("1月1日") && s.contains("12月31日"))
        || s.contains("统计期限")
        || ["电话", "邮箱", "邮编", "地址"].iter().filter(|w| s.contains(*w)).count() >= 2
        || s.starts_with("根据《中华人民共和国政府信息公开条例》")
}
