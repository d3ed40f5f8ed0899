//! Rules on the text parts: present, within the length guide, reporting the fee, not a copy of
//! last year's part 五, not still dated last year.

use super::{finding, Finding, Rule};
use crate::form::{self, Body};
use crate::report::Report;
use std::collections::HashSet;

/// Part 一 should not exceed this many characters (篇幅原则上不超过一千字).
pub const OVERVIEW_LIMIT: usize = 1000;

/// Characters as the template counts 字: everything but white space.
pub fn char_count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// `overview`: part 一 without white space (its length is its [`char_count`]).
pub(super) fn check(report: &Report, previous: Option<&Report>, overview: &[char], out: &mut Vec<Finding>) {
    for part in &form::PARTS {
        let Body::Text(t) = part.body else { continue };
        if report.text.get(t.key).is_some_and(|s| s.trim().is_empty()) {
            out.push(finding(Rule::TextRequired, vec![cell(t.key)], format!("「{}」尚未填写", part.heading)));
        }
    }
    let n = overview.len();
    if n > OVERVIEW_LIMIT {
        out.push(finding(
            Rule::TextOverviewLength,
            vec![cell("overview")],
            format!("「一、总体情况」共 {n} 字，超过“篇幅原则上不超过一千字”的要求"),
        ));
    }
    let other = &report.text.other;
    if !other.trim().is_empty() && !other.contains("处理费") {
        out.push(finding(
            Rule::TextFeeStatement,
            vec![cell("other")],
            "「六、其他需要报告的事项」未报告信息处理费收取情况（国办函〔2020〕109号），未收取也应写明".into(),
        ));
    }
    // Text copied from last year's report names its year, which need not be the year before.
    let last = previous.map(|p| p.year).filter(|&y| y > 0 && y < report.year).unwrap_or(report.year - 1);
    stale_year(report, last, overview, out);
    release_dates(report, out);
    page_furniture(report, out);
    if let Some(prev) = previous {
        let share = repeated_share(&report.text.problems, &prev.text.problems);
        if share > 0.5 {
            out.push(finding(
                Rule::TextRepeated,
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

/// The preamble and part 一 of a draft for year Y that still give Y−1 (`last`: the year of the
/// report it was started from, when known) as the reporting period:
/// 「统计期限自 Y−1 年 1 月 1 日起至 Y−1 年 12 月 31 日止」, a sentence opening 「Y−1年，…」 or
/// naming 「Y−1年（度）政府信息公开工作年度报告」. Other mentions of Y−1 (a comparison, a deadline,
/// anything in parts 五 and 六) are left alone.
fn stale_year(report: &Report, last: i32, overview: &[char], out: &mut Vec<Finding>) {
    if report.year <= 1 {
        return;
    }
    let last = last.to_string();
    for (heading, part) in form::text_parts().filter(|(_, p)| matches!(p.key, "preamble" | "overview")) {
        let text = report.text.get(part.key).map_or("", String::as_str);
        // Most parts never name last year: one pass, no sentence made plain.
        let named = match part.key {
            "overview" => mentions(overview.iter().map(|&c| narrow(c)), &last),
            _ => mentions(plain_chars(text), &last),
        };
        if !named {
            continue;
        }
        let stale: Vec<&str> =
            text.split(['。', '；', ';', '！', '？']).filter_map(|s| stale_phrase(s, &last)).collect();
        let Some(first) = stale.first() else { continue };
        let name = if heading.is_empty() { "开头部分" } else { heading };
        // Lines wrapped by a PDF are joined again for the quote.
        let first: String = first.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
        let quote: String = first.trim().chars().take(QUOTE_CHARS).collect();
        let ellipsis = if first.trim().chars().count() > QUOTE_CHARS { "…" } else { "" };
        let more = if stale.len() > 1 { format!("等 {} 处", stale.len()) } else { String::new() };
        out.push(finding(
            Rule::TextStaleYear,
            vec![cell(part.key)],
            format!(
                "「{name}」仍以{last}年为报告期：“{quote}{ellipsis}”{more}。本报告为{}年度，请把年份和日期改为{}年",
                report.year, report.year
            ),
        ));
    }
}

/// A line that is only a date (「（2026年1月23日）」, 「2026年1月23日」) on or before the end of the
/// reporting period: not this report's release date, which falls in the next year, but most
/// likely last year's report's, copied with its text. Looked for in every text part.
fn release_dates(report: &Report, out: &mut Vec<Finding>) {
    for (heading, part) in form::text_parts() {
        let text = report.text.get(part.key).map_or("", String::as_str);
        let Some(line) = text.lines().find(|l| date_line(l).is_some_and(|y| y <= report.year)) else { continue };
        let name = if heading.is_empty() { "开头部分" } else { heading };
        out.push(finding(
            Rule::TextStaleYear,
            vec![cell(part.key)],
            format!(
                "「{name}」的日期“{}”早于本报告的发布时间（{}年度报告应于{}年发布），多为上年报告的发布日期，请改为本报告的发布日期",
                line.trim(),
                report.year,
                report.year + 1
            ),
        ));
    }
}

/// Lines of a site's page left in a text part (text pasted from a web page by hand): 来源 and
/// 浏览次数 lines, share buttons, 备案号, markup. One finding a part, quoting the first.
fn page_furniture(report: &Report, out: &mut Vec<Finding>) {
    for (heading, part) in form::text_parts() {
        let text = report.text.get(part.key).map_or("", String::as_str);
        let lines: Vec<&str> = text.lines().filter(|l| crate::furniture::is_furniture(l)).collect();
        let Some(first) = lines.first() else { continue };
        let name = if heading.is_empty() { "开头部分" } else { heading };
        let more = if lines.len() > 1 { format!("等 {} 行", lines.len()) } else { String::new() };
        out.push(finding(
            Rule::TextPageFurniture,
            vec![cell(part.key)],
            format!("「{name}」中有网页上的内容而非报告正文：“{}”{more}，请删除", first.trim()),
        ));
    }
}

/// The year of a line that is a date alone, in brackets or not.
fn date_line(line: &str) -> Option<i32> {
    let s = plain(line);
    let s = s.strip_prefix(['（', '(']).unwrap_or(&s);
    let s = s.strip_suffix(['）', ')']).unwrap_or(s);
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let number = |t: &str, n: usize| t.len() <= n && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    (y.len() == 4 && number(y, 4) && number(m, 2) && number(d, 2)).then(|| y.parse().ok()).flatten()
}

/// How much of a stale sentence the message quotes.
const QUOTE_CHARS: usize = 60;

/// The part of a sentence that gives `year` as the reporting period, if it does: the sentence
/// for a statistics period or a report title, the line for a line opening with the year. Spaces,
/// line breaks and full-width digits, as in text copied from a PDF, are read through.
fn stale_phrase<'a>(sentence: &'a str, year: &str) -> Option<&'a str> {
    // Each case below names the year: most sentences are passed over here (3,000 reports are
    // checked at once in 汇总与核查).
    if !mentions(plain_chars(sentence), year) {
        return None;
    }
    let s = plain(sentence);
    let period = s.contains(&format!("{year}年1月1日")) && s.contains(&format!("{year}年12月31日"));
    let title = ["年政府信息公开工作年度报告", "年度政府信息公开工作年度报告"]
        .iter()
        .any(|t| s.contains(&format!("{year}{t}")));
    // 「截至2024年底」「截止到2024年12月31日」: the state at the end of last year given as this year's.
    let until = ["截至", "截止", "截至到", "截止到", "截止至"]
        .iter()
        .any(|w| ["年底", "年末", "年12月31日", "年12月底"].iter().any(|e| s.contains(&format!("{w}{year}{e}"))));
    if period || title || until {
        return Some(sentence);
    }
    // 「2024年，我县…」「2024年度，…」「2024年以来…」「2024年全县…」, not 「2024年12月31日前…」「2024年底…」.
    sentence.split('\n').find(|line| {
        plain(line).strip_prefix(year).and_then(|r| r.strip_prefix('年')).is_some_and(|r| {
            r.chars()
                .next()
                .is_some_and(|c| !c.is_ascii_digit() && !matches!(c, '底' | '末' | '前' | '至' | '到' | '起'))
        })
    })
}

/// Text as the year rules read it: white space left out, full-width digits as ASCII.
fn plain_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !c.is_whitespace()).map(narrow)
}

/// A full-width digit as its ASCII digit; any other character as it is.
fn narrow(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => c,
    }
}

fn plain(text: &str) -> String {
    plain_chars(text).collect()
}

/// Whether the [`plain_chars`] of a text contain `year` (an `i32` written out: 1 to 11 ASCII
/// characters), found without making the plain text: bit i of `d` says the last i + 1
/// characters read are the first i + 1 of `year` (the shift-and search).
fn mentions(plain: impl Iterator<Item = char>, year: &str) -> bool {
    let (year, last) = (year.as_bytes(), year.len() - 1);
    let mut d = 0u64;
    for c in plain {
        let at = year.iter().enumerate().filter(|&(_, &b)| char::from(b) == c).fold(0u64, |m, (i, _)| m | 1 << i);
        d = ((d << 1) | 1) & at;
        if d & 1 << last != 0 {
            return true;
        }
    }
    false
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The search without a copy finds the year exactly where the plain text holds it:
        /// digits, full-width digits and white space mixed, years overlapping themselves (2020).
        #[test]
        fn mentions_is_contains_on_the_plain_text(
            pieces in prop::collection::vec("20|２０|2|0|２|3|-|年| |\n|\u{3000}|[0-9０-９]", 0..16),
            year in prop_oneof![2018i32..2026, -30i32..2100],
        ) {
            let (text, year) = (pieces.concat(), year.to_string());
            prop_assert_eq!(mentions(plain_chars(&text), &year), plain(&text).contains(&year));
        }
    }
}
