//! The columns a borderless table's header gives. A figure the page left blank (a zero not
//! printed, a 法人 column empty all the way down) gives no column of its own, so counting a
//! row's figures from the left would move the figures after it; placed under the header words
//! they stand under, each keeps its column and the blank stays a blank cell.

use super::{is_figure, Run};

/// Lines above a table's first row looked at for its header.
pub(super) const MAX_HEADER_LINES: usize = 12;

/// A header's words are short: a longer run is prose or a title, not a header.
const MAX_HEADER_CHARS: usize = 10;

/// Whether a line is not a header's: a figure in it, or words longer than a header's, from `edge`
/// (where the table's figures start) rightwards.
pub(super) fn not_header(line: &[&Run], edge: f32) -> bool {
    line.iter().any(|r| r.x1 > edge && (is_figure(r) || r.text.chars().count() > MAX_HEADER_CHARS))
}

/// The header's lowest columns over the figures from `edge` rightwards, left to right as x-spans:
/// the words of one column (wrapped over lines) are one column, and a word over several columns
/// (申请人情况, 法人或其他组织) none. None unless two columns or more.
pub(super) fn columns<'a>(header: impl Iterator<Item = &'a Run>, edge: f32) -> Option<Vec<(f32, f32)>> {
    let mut words: Vec<&Run> = header.filter(|r| r.x0 >= edge - r.size * 0.5).collect();
    // Narrowest first: a column's own words come before the words spanning it.
    words.sort_by(|a, b| (a.x1 - a.x0).total_cmp(&(b.x1 - b.x0)));
    let mut columns: Vec<(f32, f32)> = Vec::new();
    for w in words {
        let over: Vec<usize> = (0..columns.len()).filter(|&c| overlap(columns[c], (w.x0, w.x1)) > 0.0).collect();
        match over[..] {
            [] => columns.push((w.x0, w.x1)),
            [c] => columns[c] = (columns[c].0.min(w.x0), columns[c].1.max(w.x1)),
            _ => {}
        }
    }
    columns.sort_by(|a, b| a.0.total_cmp(&b.0));
    (columns.len() >= 2).then_some(columns)
}

/// A row's figures under the header's columns, a blank cell for a column with none; None unless
/// each figure stands under one column (within half a character) of its own, left to right.
pub(super) fn slots(figures: &[&Run], columns: &[(f32, f32)]) -> Option<Vec<String>> {
    let mut out = vec![String::new(); columns.len()];
    let mut last: Option<usize> = None;
    for f in figures {
        // Under the one column it overlaps, or else the one it is nearer than half a character.
        let under = |by: f32| {
            let mut under = (0..columns.len()).filter(move |&c| overlap(columns[c], (f.x0, f.x1)) > by);
            (under.next(), under.next())
        };
        let c = match under(0.0) {
            (Some(c), None) => c,
            (None, _) => match under(-f.size * 0.5) {
                (Some(c), None) => c,
                _ => return None,
            },
            _ => return None,
        };
        if last.is_some_and(|l| c <= l) {
            return None;
        }
        last = Some(c);
        out[c] = f.text.clone();
    }
    Some(out)
}

/// How far two spans overlap (negative: the gap between them).
fn overlap(a: (f32, f32), b: (f32, f32)) -> f32 {
    a.1.min(b.1) - a.0.max(b.0)
}
