//! The report's title: its year and its organ, named in full where the document does so.

use super::clean::clean;
use super::labels::normalise;
use crate::import::Line;
use crate::report::Scope;

pub(super) struct Title {
    pub line: usize,
    pub organ: String,
    pub year: i32,
    /// The text a copy ran into the title on its line ("…年度报告本报告由…"): the preamble's start.
    pub rest: String,
}

/// A year written as "2023 年" / "2023年度".
pub(super) fn year_in(text: &str) -> Option<(usize, usize, i32)> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        // Four ASCII digits: `i` and `i + 4` are char boundaries.
        if !b[i..i + 4].iter().all(u8::is_ascii_digit) || (i > 0 && b[i - 1].is_ascii_digit()) {
            return None;
        }
        let after = text[i + 4..].trim_start();
        let year: i32 = text[i..i + 4].parse().ok()?;
        (after.starts_with('年') && crate::report::YEARS.contains(&year))
            .then(|| (i, text.len() - after.len() + '年'.len_utf8(), year))
    })
}

/// The report's title ("泉港区 2023 年度政府信息公开工作年度报告", or the organ on the line
/// above "2024 年政府信息公开工作年度报告"): the last such line before part 一.
pub(super) fn title(lines: &[Line]) -> Option<Title> {
    let is_title = |t: &str| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        (t.ends_with("年度报告") || t.ends_with("年报"))
            && t.contains("政府信息公开")
            && !t.contains(['《', '“', '，', '。'])
            && !t.contains("关于")
            && t.chars().count() <= 60
    };
    // A title set over two lines ("2024 年某某委政府信息公开工作" / "年度报告") is read joined; one
    // that a copy ran into the text after it, up to its end.
    let (line, text, (start, end, year), rest) = lines.iter().enumerate().rev().find_map(|(i, l)| {
        let t = clean(&l.text()).to_string();
        let joined = lines.get(i + 1).map(|n| (i + 1, format!("{t}{}", clean(&n.text()))));
        let run_on = |(i, t): (usize, String)| {
            let cut = t.find("年度报告").map(|at| at + "年度报告".len()).filter(|&at| at < t.len());
            let cut = cut.map(|at| (i, t[..at].to_string(), t[at..].trim().to_string()));
            std::iter::once((i, t, String::new())).chain(cut)
        };
        [(i, t)].into_iter().chain(joined).flat_map(run_on).find_map(|(i, t, rest)| {
            let year = is_title(&t).then(|| year_in(&t)).flatten()?;
            Some((i, t, year, rest))
        })
    })?;
    let mut organ = unnumbered(&text[..start]).to_string();
    if organ.is_empty() {
        let after = text[end..].trim_start_matches('度');
        organ = after.split("政府信息公开").next().unwrap_or_default().trim().to_string();
    }
    if organ.is_empty() {
        let above =
            lines[..line].iter().rev().map(|l| unnumbered(clean(&l.text())).to_string()).find(|t| !t.is_empty());
        organ = above
            .filter(|t| t.chars().count() <= 30 && normalise(t).chars().count() == t.chars().count())
            .unwrap_or_default();
    }
    Some(Title { line, organ, year, rest })
}

/// Text without a page number a copy ran into its start ("- 1-淮安市…", "—1—").
pub(super) fn unnumbered(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        (c.is_ascii() && !c.is_ascii_alphabetic()) || matches!(c, '—' | '–' | '－' | '　')
    })
    .trim()
}

pub(super) fn year_from_text(lines: &[Line]) -> i32 {
    lines
        .iter()
        .find_map(|l| {
            let t = l.text();
            t.contains("统计").then(|| year_in(&t)).flatten().map(|(_, _, y)| y)
        })
        .unwrap_or(0)
}

/// A region or its government named in the title ("泉港区", "泉港区人民政府") as the government the
/// document names in full elsewhere ("泉州市泉港区人民政府"); other organs as written.
pub(super) fn full_organ(organ: &str, lines: &[Line]) -> String {
    const REGION_ENDS: &[char] = &['省', '市', '区', '县', '州', '旗', '盟'];
    let region = organ.strip_suffix("人民政府").unwrap_or(organ);
    if !region.ends_with(REGION_ENDS) {
        return organ.to_string();
    }
    let government = format!("{region}人民政府");
    let delimiters = |c: char| !c.is_alphanumeric() || "在于向与经由及和的".contains(c);
    let mut best = government.clone();
    for line in lines {
        let text = line.text();
        for (at, _) in text.match_indices(&government) {
            let before = &text[..at];
            // At most one character more than a prefix may have: the rest is never looked at.
            let prefix: String = before
                .chars()
                .rev()
                .take_while(|&c| !delimiters(c))
                .take(8)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let prefix = without_lead_words(&prefix);
            let n = prefix.chars().count();
            if (2..=7).contains(&n)
                && prefix.ends_with(REGION_ENDS)
                && n + government.chars().count() > best.chars().count()
            {
                best = format!("{prefix}{government}");
            }
        }
    }
    best
}

/// Words the report's prose puts before a government's name (「根据泉州市泉港区人民政府…」,
/// 「现将泉州市…」, 「我区泉港区…」): never part of it. Single characters only where no place name starts with
/// them (全州县, 本溪市, 从江县, 将乐县, 自贡市, 特克斯县 do).
const LEAD_WORDS: &[&str] = &[
    "根据", "按照", "依据", "依照", "遵照", "现将", "特将", "谨将", "经过", "通过", "关于", "报经", "对于", "由于",
    "为了", "围绕", "会同", "联合", "配合", "协助", "及时", "认真", "积极", "今年", "本年", "全省", "全市", "全区",
    "全县", "本省", "本市", "本区", "本县", "我省", "我市", "我区", "我县", "该市", "该区", "该县", "据", "受", "请",
    "对", "为", "被", "把", "给", "使", "按", "现",
];

/// `prefix` without the words prose puts before a name, however many.
fn without_lead_words(mut prefix: &str) -> &str {
    while let Some(rest) = LEAD_WORDS.iter().find_map(|w| prefix.strip_prefix(w)) {
        prefix = rest;
    }
    prefix
}

/// A government of a county or above publishes the aggregate (汇总) report; others their own.
pub(super) fn scope_of(organ: &str) -> Scope {
    let region = organ.strip_suffix("人民政府");
    if region.is_some_and(|r| r.ends_with(['省', '市', '区', '县', '州', '旗', '盟'])) {
        Scope::Aggregate
    } else {
        Scope::Own
    }
}
