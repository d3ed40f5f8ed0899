//! The document cut into the template's parts: at their headings (in their printed variants),
//! or, for a table without its heading, at the table's first label.

use super::clean::clean;
use super::labels::{normalise, similarity};
use crate::form::{self, Body, Layout, TABLES};
use crate::import::Line;

/// The part whose heading `line` is, if any: "二、主动公开政府信息情况", "### 二、主动公开…",
/// "二．主动公开政府信息情况", reworded ones of the 2019 format. Returns the text following the
/// heading on the same line, if any. `normal` is the line's text normalised.
pub(super) fn heading_of(line: &Line, normal: &str, part: usize) -> Option<String> {
    let filled: Vec<&String> = line.cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.len() != 1 && line.row {
        return None;
    }
    let text = clean(&line.text()).trim_matches('*').trim().to_string();
    let heading = form::PARTS[part].heading;
    let (numeral, rest) = heading.split_once('、')?;
    // Word's automatic numbering keeps "一、" out of the paragraph's text.
    if normal == normalise(rest) {
        return Some(String::new());
    }
    let after = text.strip_prefix(numeral)?;
    let sep = after.chars().next()?;
    if !matches!(sep, '、' | '.' | '．' | ',' | '，' | ' ' | '　' | ':' | '：') {
        return None;
    }
    let (want, got) = (normalise(rest), normalise(after));
    if got.starts_with(&want) {
        let tail = after.char_indices().scan(0, |n, (i, c)| {
            *n += usize::from(!normalise(&c.to_string()).is_empty());
            Some((i + c.len_utf8(), *n))
        });
        let cut = tail.filter(|&(_, n)| n == want.chars().count()).map(|(i, _)| i).next().unwrap_or(after.len());
        return Some(after[cut..].trim_start_matches(['。', '.', '：', ':', ' ']).trim().to_string());
    }
    let close = got.chars().count() <= want.chars().count() * 2 + 4 && similarity(&want, &got) >= 0.5;
    close.then(String::new)
}

/// Where a table starts when its heading is missing (a spreadsheet, a page copied without
/// headings): its first section heading, corner note or first row label, from the form. The
/// test takes a line and its text normalised.
pub(super) fn table_anchor(table: usize) -> impl Fn(&Line, &str) -> bool {
    let t = &TABLES[table];
    let s = &t.sections[0];
    let first: Vec<String> =
        [s.heading, t.corner, s.rows[0].label].iter().filter(|a| !a.is_empty()).map(|a| normalise(a)).collect();
    move |line, normal| {
        first.iter().any(|a| match t.layout {
            // 行政复议 is too common in prose: only a cell of its own starts table C.
            Layout::Across => line.cells.iter().any(|c| normalise(c) == *a),
            _ => normal.contains(a.as_str()),
        })
    }
}

/// Where a part is in the document: the line it begins at, and its content `start..end`.
#[derive(Clone, Copy)]
pub(super) struct Span {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// The lines of each part, in template order: the line it begins at (heading or anchor) and its
/// content `start..end` into `lines`, `None` if not found; and the text that followed each
/// heading on its own line.
pub(super) fn cut_parts(lines: &[Line]) -> (Vec<Option<Span>>, Vec<String>) {
    // Where each part begins: its heading line (excluded from it) or its table's anchor line (data).
    let mut found: Vec<Option<(usize, bool)>> = vec![None; form::PARTS.len()];
    let mut inline = vec![String::new(); form::PARTS.len()];
    let normal: Vec<String> = lines.iter().map(|l| normalise(&l.text())).collect();
    let mut from = 0;
    for (p, part) in form::PARTS.iter().enumerate() {
        let heading = (from..lines.len()).find_map(|i| heading_of(&lines[i], &normal[i], p).map(|rest| (i, rest)));
        let start = match (heading, &part.body) {
            (Some((i, rest)), _) => {
                inline[p] = rest;
                Some((i, true))
            }
            (None, Body::Table(t)) => {
                let anchor = table_anchor(*t);
                (from..lines.len()).find(|&i| anchor(&lines[i], &normal[i])).map(|i| (i, false))
            }
            (None, Body::Text(_)) => None,
        };
        if let Some((i, _)) = start {
            found[p] = start;
            from = i + 1;
        }
    }
    let bounds = (0..found.len())
        .map(|p| {
            let (i, heading) = found[p]?;
            let end = found[p + 1..].iter().flatten().next().map_or(lines.len(), |&(j, _)| j);
            Some(Span { line: i, start: i + usize::from(heading), end })
        })
        .collect();
    (bounds, inline)
}
