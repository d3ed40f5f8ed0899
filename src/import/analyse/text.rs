//! The text parts: lines a PDF wrapped joined again, the document's closing lines dropped.

use super::clean::clean;
use super::labels::normalise;
use super::title::year_in;
use crate::import::Line;

/// Display width of a line (CJK counts two), to tell lines wrapped by a PDF from paragraphs.
pub(super) fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The usual width of full lines: PDF text wraps at it, so a line that reaches it without ending
/// a sentence continues on the next.
pub(super) fn typical_width(lines: &[Line]) -> usize {
    let mut w: Vec<usize> =
        lines.iter().filter(|l| !l.row).map(|l| width(clean(&l.text()))).filter(|&w| w >= 30).collect();
    w.sort_unstable();
    w.get(w.len() / 2).copied().unwrap_or(usize::MAX)
}

/// What ends a document after its last part: rules, 抄送, the issuing office and date.
pub(super) fn is_tail(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let n = t.chars().count();
    t.is_empty()
        || t.chars().all(|c| matches!(c, '-' | '—' | '*' | '_' | '='))
        || t.starts_with("抄送")
        || t.starts_with("抄报")
        || t.ends_with("印发")
        || (t.starts_with('（') && t.contains("公开") && n <= 12)
        || (year_in(&t).is_some() && t.ends_with('日') && n <= 14)
        || (n <= 25
            && normalise(&t).chars().count() == n
            && ["政府", "办公室", "办公厅", "局", "委员会", "厅", "中心"].iter().any(|e| t.ends_with(e)))
}

/// A text part from its lines: heading marks removed, lines wrapped by a PDF joined, the
/// document's closing lines dropped.
pub(super) fn join_text(lines: &[Line], first: &str, width_full: usize) -> String {
    let mut texts: Vec<String> = std::iter::once(first.to_string())
        .chain(lines.iter().map(|l| clean(&l.text()).to_string()))
        .filter(|t| !t.is_empty())
        .collect();
    while texts.last().is_some_and(|t| is_tail(t)) {
        texts.pop();
    }
    let mut out = String::new();
    let mut wrapped = false;
    for t in texts {
        if !out.is_empty() && !wrapped {
            out.push('\n');
        }
        out.push_str(&t);
        let ends_sentence = t.ends_with(['。', '！', '？', '；', '：', '」', '”', '）', ')', '!', '?', ';', ':']);
        wrapped = !ends_sentence && width(&t).saturating_mul(10) >= width_full.saturating_mul(8);
    }
    out
}
