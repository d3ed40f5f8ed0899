//! The first stage: a document's lines made plain — radical forms as their ideographs, page
//! furniture and footers dropped — and what a cell holds (a figure, a placeholder, text), which
//! every later stage asks.

use super::radicals;
use crate::import::Line;
use crate::report::normalize_number;
use std::collections::HashMap;

/// Characters printed in a figure cell to say "nothing here".
pub(super) const PLACEHOLDERS: &[&str] = &["-", "—", "——", "–", "－", "/", "／", "\\", "…"];

/// Units a figure cell may print after its figure.
pub(super) const UNITS: &[&str] = &["件", "条", "个", "次", "项", "万元"];

/// What a cell holds, for finding the figures at the end of a row.
pub(super) enum Cell {
    Text,
    Figure(String),
    Blank,
}

pub(super) fn classify(cell: &str) -> Cell {
    let t = cell.trim();
    if t.is_empty() || PLACEHOLDERS.contains(&t) {
        return Cell::Blank;
    }
    // A figure printed with its unit ("12件", "3.5万元"); not 元 alone, a tenth-thousandth of 万元.
    let t = UNITS.iter().find_map(|u| t.strip_suffix(u).map(str::trim_end)).filter(|f| !f.is_empty()).unwrap_or(t);
    if t.chars().any(char::is_whitespace) {
        return Cell::Text;
    }
    let n = normalize_number(t);
    let digits = n.strip_prefix('-').unwrap_or(&n);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if numeric(int) && numeric(frac) {
        Cell::Figure(n)
    } else {
        Cell::Text
    }
}

/// The figures a line ends with (blank cells inside them kept as `None`), and where they start.
pub(super) fn trailing_figures(line: &Line) -> Option<(usize, Vec<Option<String>>)> {
    let cells: Vec<Cell> = line.cells.iter().map(|c| classify(c)).collect();
    // In a table row, blank cells after the last figure are columns left blank (a published table
    // may leave zeros empty). Elsewhere every cell was printed: a placeholder ("/", "—"), or a
    // cell a line ended by a bar, empty (`text::lines`).
    if line.row {
        line.cells.iter().rposition(|c| !c.trim().is_empty())?;
    }
    let end = cells.len().checked_sub(1)?;
    let start = cells[..=end].iter().rposition(|c| matches!(c, Cell::Text)).map_or(0, |i| i + 1);
    if start > end {
        return None;
    }
    // Outside a table row a placeholder stands where its zero would: it is that zero, so that a
    // PDF's figures in reading order add up and arrange as printed. (In a table row it is a blank
    // cell, imported as 0 and said so in the review.)
    let run = cells[start..=end]
        .iter()
        .zip(&line.cells[start..=end])
        .map(|(c, text)| match c {
            Cell::Figure(n) => Some(n.clone()),
            Cell::Blank if !line.row && !text.trim().is_empty() => Some("0".to_string()),
            _ => None,
        })
        .collect::<Vec<_>>();
    Some((start, run))
}

/// Whether a line holds nothing but figures and placeholders.
pub(super) fn figures_only(line: &Line) -> bool {
    line.cells.iter().all(|c| !matches!(classify(c), Cell::Text))
}

/// A page footer or number that PDF extraction leaves between lines: "- 5 -", "第 5 页 共 9 页",
/// "3/9". Not a line of a table's figures with placeholders for zeros ("— — — 0", "1 / 11"):
/// a page number has a dash on both sides, is no 0, and "3/9" is one word.
pub(super) fn is_footer(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let inner = t.trim_matches(dash);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (t.starts_with(dash) && t.ends_with(dash) && digits(inner) && inner.bytes().any(|b| b != b'0'))
        || (t.starts_with('第')
            && t.contains('页')
            && t.chars().filter(|c| c.is_ascii_digit()).count() > 0
            && t.chars().count() < 14)
        || (!text.trim().contains(char::is_whitespace)
            && t.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b)))
}

/// A line with radical forms as their ideographs (`radicals`): text copied from a PDF whose
/// producer mapped glyphs to them (pdf.js, like a paste from it into Word, keeps what the map says).
pub(super) fn unify_radicals(mut line: Line) -> Line {
    for cell in line.cells.iter_mut().filter(|c| c.chars().any(|c| c != radicals::unify(c))) {
        *cell = cell.chars().map(radicals::unify).collect();
    }
    line
}

/// A line as text for the reader: markdown heading marks and surrounding space removed.
pub(super) fn clean(text: &str) -> &str {
    text.trim().trim_start_matches(['#', '>']).trim()
}

/// Which lines a page prints again and again: a flipbook's "Page 8 - 标题" and "P. 8", a running
/// header or footer with the page's number, or the report's title as a running header. Such a
/// line is told by its text, the same but for its figures, on lines a page apart (the last page
/// may be short): with different figures each, or, the title, the same (its first is kept: the
/// title itself).
pub(super) fn page_furniture(lines: &[Line]) -> Vec<bool> {
    /// More lines than a table's section headings ("第二十条第(5)项", "(6)") stand apart.
    const PAGE_LINES: usize = 12;
    let mut by_shape: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    // A line of figures is a table's (figures printed with a unit, 「9件 0件」, have letters too).
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.row && !figures_only(l)) {
        let text: String = line.text().chars().filter(|c| !c.is_whitespace()).collect();
        let figures: String = text.chars().map(|c| if c.is_ascii_digit() { c } else { ' ' }).collect();
        let shape: String = text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect();
        let kept = shape.chars().count() <= 80 && shape.chars().any(char::is_alphabetic);
        if kept && (shape.contains('#') || shape.contains("报告")) {
            by_shape.entry(shape).or_default().push((i, figures));
        }
    }
    let mut furniture = vec![false; lines.len()];
    for (shape, seen) in by_shape.iter().filter(|(_, s)| s.len() >= 2) {
        let apart = |same: bool| {
            seen.windows(2).enumerate().all(|(k, w)| {
                let short = k > 0 && k + 2 == seen.len();
                w[1].0 - w[0].0 >= if short { 2 } else { PAGE_LINES } && (w[1].1 == w[0].1) == same
            })
        };
        let numbered = apart(false);
        let title = !numbered && shape.contains("报告") && apart(true);
        for &(i, _) in seen.iter().skip(usize::from(title)).filter(|_| numbered || title) {
            furniture[i] = true;
        }
    }
    furniture
}
