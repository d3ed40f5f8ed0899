//! From a page's glyphs and ruled lines to the importer's lines, by geometry alone, whatever the
//! order the producer drew them in.
//!
//! Glyphs on one baseline make a line; a line is cut into runs where a ruled line crosses it or
//! a gap wider than a character opens. A run enclosed by ruled lines on all four sides is in a
//! table cell: the cell's runs are its text (a wrapped label is one label again), the cells
//! between the same two horizontal rules are a row, read left to right with the empty cells
//! kept (a blank figure), and a cell spanning several rows (a group label such as （五）不予处理)
//! is a line of its own before them. Everything else is a text line; a line whose runs stand
//! apart keeps its runs as cells. A table drawn without borders (a web page printed by
//! LibreOffice or a browser) is rebuilt from positions alone: figures that stand apart give the
//! columns (kept from page to page), a figure set close after a label starts a cell of its own
//! there, and a label wrapped above and below its figures joins their line.
//!
//! Nothing here knows the format the glyphs came from: the PDF reader gives them today, and
//! an OFD reader or OCR's boxes would give the same [`Page`].

mod headed;

use super::Line;
use crate::limits::{MAX_PAGE_CELLS as MAX_CELLS, MAX_PAGE_RULES as MAX_RULES};
use std::collections::{BTreeMap, HashMap};

/// Ruled lines closer than this (points) are the same line; a rule "covers" a point this near it.
const TOLERANCE: f32 = 1.5;

/// One glyph, in page space (points, y upwards): where its baseline starts, how far it
/// advances, its font size on the page, and the text it stands for (`None`: no Unicode known).
#[derive(Clone, Debug)]
pub(crate) struct Glyph {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub size: f32,
    pub text: Option<String>,
}

/// A horizontal or vertical line on the page, `x0 <= x1`, `y0 <= y1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        self.y1 - self.y0 < self.x1 - self.x0
    }
}

/// A page: its glyphs and ruled lines, its height (points).
#[derive(Default)]
pub(crate) struct Page {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Pictures drawn: a page of pictures and no glyphs is a scan.
    pub images: usize,
    pub height: f32,
}

/// Glyphs of one baseline that stand together.
#[derive(Debug)]
struct Run {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
}

impl Run {
    fn centre(&self) -> (f32, f32) {
        ((self.x0 + self.x1) / 2.0, self.y + self.size * 0.3)
    }
}

/// A table cell: its left, right, top and bottom rules.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cell {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

/// What a borderless table's pages before say of its columns: where figures standing apart start,
/// and the columns of the last header (a table continued on the next page keeps both).
#[derive(Default)]
pub(crate) struct Columns {
    figures: Vec<(f32, f32)>,
    headed: Option<Vec<(f32, f32)>>,
}

/// `known`: the columns of the pages before, added to with this page's.
pub(crate) fn lines(page: &Page, known: &mut Columns) -> Vec<Line> {
    let mut rules = merge(&page.rules);
    if rules.len() > MAX_RULES {
        rules.clear();
    }
    let (h, v): (Vec<Rule>, Vec<Rule>) = rules.into_iter().partition(Rule::horizontal);
    let baselines = baselines(&page.glyphs);
    // (top of the item, order among items of the same top, line)
    let mut items: Vec<(f32, u8, Line)> = Vec::new();
    let mut cells: Vec<(Cell, Vec<&Run>)> = Vec::new();
    let mut index: HashMap<[u32; 4], usize> = HashMap::new();
    let runs: Vec<Vec<Run>> = baselines.iter().map(|line| runs(line, &v, None)).collect();
    // Without ruled lines a figure set close after a narrow label cell's text runs into it: where
    // figures standing apart start a column, a figure starting there starts a run of its own.
    // A table continued from an earlier page keeps its columns, though no figure stands apart.
    let columns = figure_columns(&runs, &mut known.figures);
    let runs: Vec<Vec<Run>> =
        if !v.is_empty() { runs } else { baselines.iter().map(|line| self::runs(line, &v, Some(&columns))).collect() };
    let mut free_lines: Vec<Vec<&Run>> = Vec::new();
    for line in &runs {
        let mut free: Vec<&Run> = Vec::new();
        for run in line {
            match cell_of(run, &h, &v, page.height) {
                Some(c) => {
                    let key = [c.left, c.right, c.top, c.bottom].map(f32::to_bits);
                    match index.get(&key) {
                        Some(&i) => cells[i].1.push(run),
                        None if cells.len() < MAX_CELLS => {
                            index.insert(key, cells.len());
                            cells.push((c, vec![run]));
                        }
                        None => free.push(run),
                    }
                }
                None => free.push(run),
            }
        }
        if !free.is_empty() {
            free_lines.push(free);
        }
    }
    for (top, out) in borderless(free_lines, &mut known.headed) {
        items.push((top, 2, out));
    }
    // Rows: the cells between the same two horizontal rules; a cell whose band holds a shorter
    // band is a group label spanning rows.
    let mut bands: Vec<(f32, f32)> = Vec::new();
    for (c, _) in &cells {
        if !bands.iter().any(|&(t, b)| t == c.top && b == c.bottom) {
            bands.push((c.top, c.bottom));
        }
    }
    let tall = |top: f32, bottom: f32| {
        bands.iter().any(|&(t, b)| t <= top + TOLERANCE && b >= bottom - TOLERANCE && t - b < top - bottom - TOLERANCE)
    };
    for &(top, bottom) in &bands {
        let in_band = cells.iter().filter(|(c, _)| c.top == top && c.bottom == bottom);
        if tall(top, bottom) {
            for (_, rs) in in_band {
                items.push((top, 0, Line { no: 0, cells: vec![cell_text(rs)], row: false }));
            }
            continue;
        }
        let members: Vec<&(Cell, Vec<&Run>)> = in_band.collect();
        let mid = (top + bottom) / 2.0;
        // The table's width at this row: the rules along its top and bottom, as far as they go.
        let (cx, _) = members[0].1[0].centre();
        let (x0, x1) = h
            .iter()
            .filter(|r| (r.y0 - top).abs() < TOLERANCE || (r.y0 - bottom).abs() < TOLERANCE)
            .filter(|r| r.x0 - TOLERANCE <= cx && cx <= r.x1 + TOLERANCE)
            .fold((f32::MAX, f32::MIN), |(a, b), r| (a.min(r.x0), b.max(r.x1)));
        let mut xs: Vec<f32> = v
            .iter()
            .filter(|r| r.y0 - TOLERANCE <= mid && mid <= r.y1 + TOLERANCE)
            .map(|r| r.x0)
            .filter(|&x| x >= x0 - TOLERANCE && x <= x1 + TOLERANCE)
            .collect();
        xs.sort_by(f32::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() < TOLERANCE);
        let texts: Vec<String> = xs
            .windows(2)
            .map(|w| {
                let inside: Vec<&Run> = members
                    .iter()
                    .filter(|(c, _)| (c.left + c.right) / 2.0 > w[0] && (c.left + c.right) / 2.0 < w[1])
                    .flat_map(|(_, rs)| rs.iter().copied())
                    .collect();
                cell_text(&inside)
            })
            .collect();
        items.push((top, 1, Line { no: 0, cells: texts, row: true }));
    }
    items.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    items.into_iter().map(|(_, _, out)| out).filter(|o| o.cells.iter().any(|c| !c.is_empty())).collect()
}

/// Whether a run is a figure: digits, with thousands separators or a decimal point.
fn is_figure(run: &Run) -> bool {
    run.text.chars().any(|c| c.is_ascii_digit()) && run.text.chars().all(|c| c.is_ascii_digit() || ",.，．".contains(c))
}

/// Lines outside ruled cells, top to bottom, as items: each its runs as cells (a line whose runs
/// stand apart is a row), except that a table drawn without borders is rebuilt row by row — a
/// row's label wrapped over lines above and below its figures (LibreOffice's and browsers' PDFs
/// of a web page) is joined to the line of figures it is nearest, when nothing but such label
/// lines lies between them and they keep left of its first figure. A row's figures stand under
/// the columns of the header above (`headed`, kept from the page before), blank cells kept.
fn borderless(lines: Vec<Vec<&Run>>, headed: &mut Option<Vec<(f32, f32)>>) -> Vec<(f32, Line)> {
    // Where each line's trailing figures begin (x), if it ends in figures.
    let figures_at: Vec<Option<f32>> = lines
        .iter()
        .map(|l| {
            let first = l.iter().rposition(|r| !is_figure(r)).map_or(0, |i| i + 1);
            (first < l.len()).then(|| l[first].x0)
        })
        .collect();
    let top = |l: &[&Run]| l[0].y + l[0].size;
    let size = |l: &[&Run]| l.iter().map(|r| r.size).fold(0.0, f32::max);
    // A label line joins the figure line `f` if it is all left of its figures and near it.
    let joins = |i: usize, f: usize| {
        let x = figures_at[f].unwrap_or(f32::MIN);
        figures_at[i].is_none()
            && lines[i].iter().all(|r| r.x1 < x && !is_figure(r))
            && (lines[i][0].y - lines[f][0].y).abs() < size(&lines[f]).max(size(&lines[i])) * 2.6
    };
    // The nearest figure line above and below each label line with only joinable label lines
    // between, in one pass each way (a page of many thousand lines is no longer quadratic).
    let n = lines.len();
    let mut above: Vec<Option<usize>> = vec![None; n];
    let mut figures = None;
    for i in 0..n {
        if figures_at[i].is_some() {
            figures = Some(i);
        } else {
            above[i] = figures.filter(|&f| (f + 1 == i || above[i - 1] == Some(f)) && joins(i, f));
        }
    }
    let mut below: Vec<Option<usize>> = vec![None; n];
    let mut figures = None;
    for i in (0..n).rev() {
        if figures_at[i].is_some() {
            figures = Some(i);
        } else {
            below[i] = figures.filter(|&f| (i + 1 == f || below[i + 1] == Some(f)) && joins(i, f));
        }
    }
    let mut owned: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut owner: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let distance = |f: usize| (lines[i][0].y - lines[f][0].y).abs();
        owner[i] = match (above[i], below[i]) {
            (Some(a), Some(b)) => Some(if distance(a) < distance(b) { a } else { b }),
            (a, b) => a.or(b),
        };
        if let Some(f) = owner[i] {
            owned[f].push(i);
        }
    }
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if owner[i].is_some() {
            continue;
        }
        // Above the row and its label's wrapped lines.
        let above = (0..i).rev().find(|&j| owner[j] != Some(i));
        match figures_at[i] {
            // A table's first row: the header above it, if there is one, gives its columns.
            Some(_) if above.is_none_or(|j| figures_at[j].is_none() && owner[j].is_none()) => {
                let top = above.map_or(0, |j| j + 1);
                // Where the table's figures start: the leftmost of its rows' (a row's first may be blank).
                let rows = (i..n).take_while(|&k| figures_at[k].is_some() || owner[k].is_some());
                let edge = rows.filter_map(|k| figures_at[k]).fold(f32::MAX, f32::min);
                let header = (top.saturating_sub(headed::MAX_HEADER_LINES)..top).rev().take_while(|&j| {
                    figures_at[j].is_none() && owner[j].is_none() && !headed::not_header(&lines[j], edge)
                });
                if let Some(columns) = headed::columns(header.flat_map(|j| lines[j].iter().copied()), edge) {
                    *headed = Some(columns);
                }
            }
            // Prose across the table's columns: the table has ended.
            None if headed.as_ref().is_some_and(|h| headed::not_header(line, h[0].0)) => *headed = None,
            _ => {}
        }
        let joined: Vec<&Run> = owned[i].iter().flat_map(|&j| lines[j].iter().copied()).collect();
        let x = figures_at[i].unwrap_or(f32::MAX);
        let figures: Vec<&Run> = line.iter().copied().filter(|r| r.x0 >= x).collect();
        let slots = headed.as_deref().filter(|_| !figures.is_empty()).and_then(|h| headed::slots(&figures, h));
        if joined.is_empty() && slots.is_none() {
            let texts: Vec<String> = line.iter().map(|r| r.text.clone()).collect();
            out.push((top(line), Line { no: 0, row: texts.len() > 1, cells: texts }));
            continue;
        }
        // The label: its runs column by column (a group label's column first), each top to bottom.
        let mut label: Vec<&Run> = line.iter().copied().filter(|r| r.x0 < x).chain(joined).collect();
        label.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut columns: Vec<Vec<&Run>> = Vec::new();
        for r in label {
            match columns.last_mut() {
                Some(c) if r.x0 - c[0].x0 < r.size * 1.5 => c.push(r),
                _ => columns.push(vec![r]),
            }
        }
        let text: Vec<String> = columns.iter().map(|c| cell_text(c)).collect();
        let mut cells = vec![text.join("")];
        match slots {
            Some(slots) => cells.extend(slots),
            None => cells.extend(figures.iter().map(|r| r.text.clone())),
        }
        out.push((top(line), Line { no: 0, cells, row: true }));
    }
    out
}

/// The text of a cell: its runs top to bottom, left to right; wrapped lines join without a
/// space except between two Latin letters or digits.
fn cell_text(runs: &[&Run]) -> String {
    let mut rs: Vec<&&Run> = runs.iter().collect();
    rs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut out = String::new();
    let mut last_y = None;
    for r in rs {
        let same_line = last_y.is_some_and(|y: f32| (y - r.y).abs() < r.size * 0.5);
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if !out.is_empty() && (same_line || (latin(out.chars().last()) && latin(r.text.chars().next()))) {
            out.push(' ');
        }
        out.push_str(&r.text);
        last_y = Some(r.y);
    }
    out
}

/// The glyphs grouped by baseline, top to bottom, each line left to right; a glyph drawn twice
/// over itself (bold faked by overprinting) once.
fn baselines(glyphs: &[Glyph]) -> Vec<Vec<&Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().collect();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    let mut line_y = f32::NAN;
    for g in sorted {
        match lines.last_mut() {
            Some(line) if (line_y - g.y).abs() <= g.size.max(1.0) * 0.35 => line.push(g),
            _ => {
                lines.push(vec![g]);
                line_y = g.y;
            }
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        line.dedup_by(|b, a| a.text == b.text && (a.x - b.x).abs() < a.size * 0.3);
    }
    lines
}

/// The x where figures standing apart on their lines start, found on two lines or more, or once
/// on a line of figures standing in such columns (a table of two rows, its other row's first
/// figure run into its label).
fn figure_columns(lines: &[Vec<Run>], known: &mut Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32, usize)> = lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().filter(|r| is_figure(r)).map(move |r| (r.x0, r.x1, i)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    // (x0, x1, the lines it is found on)
    let mut out: Vec<(f32, f32, Vec<usize>)> = Vec::new();
    for (x0, x1, line) in spans {
        match out.last_mut() {
            Some(c) if x0 <= c.1 + TOLERANCE => {
                c.1 = c.1.max(x1);
                c.2.push(line);
            }
            _ => out.push((x0, x1, vec![line])),
        }
    }
    let confirmed: Vec<bool> = out.iter().map(|c| c.2.len() >= 2).collect();
    // How many confirmed columns each line has a figure in (once a line per column).
    let mut in_confirmed = vec![0usize; lines.len()];
    for (c, _) in out.iter_mut().zip(&confirmed).filter(|(_, &k)| k) {
        c.2.sort_unstable();
        c.2.dedup();
        c.2.iter().for_each(|&l| in_confirmed[l] += 1);
    }
    let columns: Vec<(f32, f32)> = out
        .iter()
        .zip(&confirmed)
        .filter(|(c, &k)| k || in_confirmed[c.2[0]] >= 2)
        .map(|(&(a, b, _), _)| (a, b))
        .collect();
    known.extend(columns);
    known.sort_by(|a, b| a.0.total_cmp(&b.0));
    known.dedup_by(|b, a| (a.0 - b.0).abs() < TOLERANCE && (a.1 - b.1).abs() < TOLERANCE);
    known.clone()
}

/// A baseline cut into runs at ruled lines and at gaps wider than a character; space glyphs
/// and the wider of the smaller gaps are one space. On a page without ruled lines (`borderless`,
/// with the spans of its figure columns), digits after a label's letters starting a column, or ending
/// their text inside one, or after other digits and a space, are a run of their own.
fn runs(line: &[&Glyph], v: &[Rule], borderless: Option<&[(f32, f32)]>) -> Vec<Run> {
    let columns = borderless.unwrap_or_default();
    let mut out: Vec<Run> = Vec::new();
    let mut space = false;
    // Whether the last run is digits split off at a column.
    let mut split = false;
    let digit = |t: &str| t.chars().all(|c| c.is_ascii_digit() || c == '.');
    for (i, g) in line.iter().enumerate() {
        let text = g.text.as_deref().unwrap_or("\u{fffd}");
        let (x0, x1) = (g.x.min(g.x + g.w), g.x.max(g.x + g.w));
        if text.chars().all(char::is_whitespace) {
            space = true;
            continue;
        }
        let text: String = text.chars().map(|c| if c.is_whitespace() || c.is_control() { ' ' } else { c }).collect();
        if let Some(run) = out.last_mut() {
            let em = run.size.max(g.size);
            let gap = x0 - run.x1;
            let ruled = v.iter().any(|r| {
                r.x0 > run.x1 - TOLERANCE && r.x0 < x0 + TOLERANCE.min(g.w.abs() / 2.0) && r.y0 <= g.y && g.y <= r.y1
            });
            // Digits ending the text of their line's part: nothing close after them.
            let ends = || {
                let mut rest = line[i..].iter().filter(|g| g.text.as_deref().is_some_and(|t| !t.trim().is_empty()));
                let last = rest.by_ref().take_while(|g| g.text.as_deref().is_some_and(digit)).last();
                let next =
                    line[i..].iter().find(|g| g.text.as_deref().is_some_and(|t| !t.trim().is_empty() && !digit(t)));
                last.zip(next).is_none_or(|(l, n)| n.x - (l.x + l.w) > em * 1.2)
            };
            let at_column = digit(&text)
                && run.text.ends_with(|c: char| c.is_alphanumeric() && !c.is_ascii_digit())
                && columns.iter().any(|&(lo, hi)| {
                    (lo - x0).abs() < TOLERANCE || (lo - TOLERANCE <= x0 && x0 <= hi + TOLERANCE && ends())
                });
            // Two figures a space apart in a table without borders are two cells.
            let apart = borderless.is_some()
                && digit(&text)
                && run.text.ends_with(|c: char| c.is_ascii_digit())
                && (space || gap > em * 0.45);
            let at_column = at_column || apart;
            let after_split = split && !digit(&text);
            split = (split && !after_split) || at_column;
            if !ruled && gap < em * 1.2 && !at_column && !after_split {
                // Justified Chinese spreads its characters apart: a gap is a space only between
                // Latin letters and digits, or when it is wide.
                let latin = run.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && text.starts_with(|c: char| c.is_ascii_alphanumeric());
                let gap_space = gap > em * if latin { 0.2 } else { 0.6 };
                if (space || gap_space) && !run.text.ends_with(' ') {
                    run.text.push(' ');
                }
                run.text.push_str(&text);
                run.x1 = run.x1.max(x1);
                run.size = em;
                space = false;
                continue;
            }
        }
        out.push(Run { x0, x1, y: g.y, size: g.size, text });
        space = false;
    }
    for r in &mut out {
        r.text = r.text.trim().to_string();
    }
    out
}

/// The cell enclosing a run: the nearest rules above, below, left and right that reach it.
fn cell_of(run: &Run, h: &[Rule], v: &[Rule], page_height: f32) -> Option<Cell> {
    let (cx, cy) = run.centre();
    let reaches_x = |r: &&Rule| r.x0 - TOLERANCE <= cx && cx <= r.x1 + TOLERANCE;
    let reaches_y = |r: &&Rule| r.y0 - TOLERANCE <= cy && cy <= r.y1 + TOLERANCE;
    let top = h.iter().filter(reaches_x).map(|r| r.y0).filter(|&y| y > cy).fold(None, min)?;
    let bottom = h.iter().filter(reaches_x).map(|r| r.y0).filter(|&y| y < cy).fold(None, max)?;
    let left = v.iter().filter(reaches_y).map(|r| r.x0).filter(|&x| x < cx).fold(None, max)?;
    let right = v.iter().filter(reaches_y).map(|r| r.x0).filter(|&x| x > cx).fold(None, min)?;
    // A frame around the whole page is not a table.
    (top - bottom < page_height * 0.6).then_some(Cell { left, right, top, bottom })
}

fn min(a: Option<f32>, b: f32) -> Option<f32> {
    Some(a.map_or(b, |a| a.min(b)))
}

fn max(a: Option<f32>, b: f32) -> Option<f32> {
    Some(a.map_or(b, |a| a.max(b)))
}

/// Ruled lines drawn in pieces (one border per cell, as WPS and Word draw them) joined into
/// one line each, so that a table's rows and columns line up.
fn merge(rules: &[Rule]) -> Vec<Rule> {
    let mut groups: BTreeMap<(bool, i64), Vec<Rule>> = BTreeMap::new();
    for r in rules {
        let horizontal = r.horizontal();
        let at = if horizontal { (r.y0 + r.y1) / 2.0 } else { (r.x0 + r.x1) / 2.0 };
        let r = if horizontal { Rule { y0: at, y1: at, ..*r } } else { Rule { x0: at, x1: at, ..*r } };
        groups.entry((horizontal, (at / TOLERANCE).round() as i64)).or_default().push(r);
    }
    let mut out: Vec<Rule> = Vec::new();
    for ((horizontal, _), mut rs) in groups {
        let lo = |r: &Rule| if horizontal { r.x0 } else { r.y0 };
        let hi = |r: &Rule| if horizontal { r.x1 } else { r.y1 };
        rs.sort_by(|a, b| lo(a).total_cmp(&lo(b)));
        let mut current: Option<Rule> = None;
        for r in rs {
            current = match current {
                Some(mut c) if lo(&r) <= hi(&c) + TOLERANCE * 2.0 => {
                    if horizontal {
                        c.x1 = c.x1.max(r.x1);
                    } else {
                        c.y1 = c.y1.max(r.y1);
                    }
                    Some(c)
                }
                Some(c) => {
                    out.push(c);
                    Some(r)
                }
                None => Some(r),
            };
        }
        out.extend(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph { x: x + i as f32 * size, y, w: size, size, text: Some(c.to_string()) })
            .collect()
    }

    fn hline(y: f32, x0: f32, x1: f32) -> Rule {
        Rule { x0, y0: y, x1, y1: y }
    }

    fn vline(x: f32, y0: f32, y1: f32) -> Rule {
        Rule { x0: x, y0, x1: x, y1 }
    }

    /// A table drawn cell by cell: a group label spanning two rows, a label wrapped in its cell
    /// with its figure centred between the two lines, a blank figure cell.
    #[test]
    fn cells_rows_wrapped_labels_and_group_labels() {
        let mut page = Page { height: 842.0, ..Page::default() };
        // Rows: 700–680 and 680–640; columns 50 | 100 | 200 | 250 | 300.
        for (y, x0) in [(700.0, 50.0), (680.0, 100.0), (640.0, 50.0)] {
            for x in [x0, 100.0, 200.0, 250.0].into_iter().filter(|&x| x >= x0) {
                page.rules.push(hline(
                    y,
                    x,
                    x + if x < 100.0 {
                        50.0
                    } else if x < 200.0 {
                        100.0
                    } else {
                        50.0
                    },
                ));
            }
        }
        for x in [50.0, 100.0, 200.0, 250.0, 300.0] {
            page.rules.push(vline(x, 640.0, 700.0));
        }
        page.glyphs.extend(glyphs("分组", 55.0, 666.0, 10.0));
        page.glyphs.extend(glyphs("甲项", 105.0, 686.0, 10.0));
        page.glyphs.extend(glyphs("12", 205.0, 686.0, 5.0));
        page.glyphs.extend(glyphs("3", 255.0, 686.0, 5.0));
        page.glyphs.extend(glyphs("乙项目的", 105.0, 665.0, 10.0));
        page.glyphs.extend(glyphs("名称", 105.0, 652.0, 10.0));
        page.glyphs.extend(glyphs("7", 205.0, 658.0, 5.0));
        page.glyphs.extend(glyphs("第 1 页", 150.0, 40.0, 10.0));
        let out = lines(&page, &mut Columns::default());
        let cells: Vec<Vec<&str>> = out.iter().map(|o| o.cells.iter().map(String::as_str).collect()).collect();
        assert_eq!(
            cells,
            vec![vec!["分组"], vec!["", "甲项", "12", "3"], vec!["", "乙项目的名称", "7", ""], vec!["第 1 页"],]
        );
        assert_eq!(out.iter().map(|o| o.row).collect::<Vec<_>>(), [false, true, true, false]);
    }

    #[test]
    fn borderless_columns_stay_apart_and_overprinted_bold_is_read_once() {
        let mut page = Page { height: 842.0, ..Page::default() };
        page.glyphs.extend(glyphs("规章", 50.0, 500.0, 10.0));
        page.glyphs.extend(glyphs("规章", 50.3, 500.0, 10.0));
        page.glyphs.extend(glyphs("0", 200.0, 500.0, 10.0));
        page.glyphs.extend(glyphs("15", 300.0, 500.1, 10.0));
        page.glyphs.extend(glyphs("总体", 50.0, 600.0, 10.0));
        page.glyphs.extend(glyphs("情况", 78.0, 600.0, 10.0));
        let out = lines(&page, &mut Columns::default());
        assert_eq!(out[0], Line { no: 0, cells: vec!["总体 情况".into()], row: false });
        assert_eq!(out[1], Line { no: 0, cells: vec!["规章".into(), "0".into(), "15".into()], row: true });
    }

    /// A table without ruled lines as LibreOffice and browsers print a web page's: a label
    /// wrapped above and below its figures, a figure set close after its label's text, two
    /// figures a space apart.
    #[test]
    fn borderless_rows_are_rebuilt_from_positions() {
        let mut page = Page { height: 842.0, ..Page::default() };
        page.glyphs.extend(glyphs("一、本年", 150.0, 700.0, 10.0));
        page.glyphs.extend(glyphs("3001", 202.0, 686.0, 10.0));
        page.glyphs.extend(glyphs("53", 262.0, 686.0, 10.0));
        page.glyphs.extend(glyphs("3119", 322.0, 686.0, 10.0));
        page.glyphs.extend(glyphs("新收", 150.0, 672.0, 10.0));
        page.glyphs.extend(glyphs("行政", 150.0, 640.0, 10.0));
        page.glyphs.extend(glyphs("规范性文", 160.0, 626.0, 10.0));
        page.glyphs.extend(glyphs("8", 202.0, 626.0, 10.0));
        page.glyphs.extend(glyphs("26", 262.0, 626.0, 10.0));
        page.glyphs.extend(glyphs("66", 322.0, 626.0, 10.0));
        page.glyphs.extend(glyphs("件", 150.0, 612.0, 10.0));
        page.glyphs.extend(glyphs("规章", 150.0, 590.0, 10.0));
        page.glyphs.extend(glyphs("1", 202.0, 590.0, 10.0));
        page.glyphs.extend(glyphs("0", 262.0, 590.0, 10.0));
        page.glyphs.extend(glyphs("11", 277.0, 590.0, 10.0));
        page.glyphs.extend(glyphs("说明文字一行。", 150.0, 560.0, 10.0));
        let mut known = Columns::default();
        let out = lines(&page, &mut known);
        let cells: Vec<Vec<&str>> = out.iter().map(|o| o.cells.iter().map(String::as_str).collect()).collect();
        assert_eq!(
            cells,
            vec![
                vec!["一、本年新收", "3001", "53", "3119"],
                vec!["行政规范性文件", "8", "26", "66"],
                vec!["规章", "1", "0", "11"],
                vec!["说明文字一行。"],
            ]
        );
        assert!(known.figures.iter().any(|&(lo, _)| (lo - 202.0).abs() < TOLERANCE), "columns kept for the next page");
        // The next page continues the table: no figure stands apart there, the columns still hold.
        let mut next = Page { height: 842.0, ..Page::default() };
        next.glyphs.extend(glyphs("行政", 150.0, 700.0, 10.0));
        next.glyphs.extend(glyphs("处罚", 182.0, 686.0, 10.0));
        next.glyphs.extend(glyphs("7", 202.0, 686.0, 10.0));
        let out = lines(&next, &mut known);
        assert_eq!(out, [Line { no: 0, cells: vec!["行政处罚".into(), "7".into()], row: true }]);
    }

    /// A borderless table whose 科研 column is blank all the way down and whose figures leave other
    /// cells blank: each figure goes under the header word above it, the blanks stay blank cells;
    /// a word over several columns gives none; a figure between two columns keeps the old reading.
    #[test]
    fn borderless_figures_stand_under_their_header_words() {
        let mut page = Page { height: 842.0, ..Page::default() };
        page.glyphs.extend(glyphs("三、申请情况说明文字的标题", 50.0, 760.0, 10.0));
        page.glyphs.extend(glyphs("法人或其他组织", 250.0, 740.0, 10.0));
        for (word, x) in [("自然人", 200.0), ("商业", 250.0), ("科研", 285.0), ("其他", 320.0), ("总计", 355.0)]
        {
            page.glyphs.extend(glyphs(word, x, 725.0, 10.0));
        }
        let row = |page: &mut Page, label: &str, y: f32, figures: &[(&str, f32)]| {
            page.glyphs.extend(glyphs(label, 50.0, y, 10.0));
            for &(f, x) in figures {
                page.glyphs.extend(glyphs(f, x, y, 5.0));
            }
        };
        row(&mut page, "一、本年新收", 700.0, &[("30", 200.0), ("5", 250.0), ("1", 320.0), ("36", 355.0)]);
        row(&mut page, "二、上年结转", 680.0, &[("4", 200.0), ("4", 355.0)]);
        row(&mut page, "（一）予以公开", 660.0, &[("7", 250.0), ("7", 355.0)]);
        // Between 商业 (250–270) and 科研 (285–305), nearer neither by half a character.
        row(&mut page, "（二）部分公开", 640.0, &[("2", 276.0), ("2", 355.0)]);
        let out = lines(&page, &mut Columns::default());
        let rows: Vec<Vec<&str>> =
            out.iter().filter(|o| o.row).map(|o| o.cells.iter().map(String::as_str).collect()).collect();
        assert_eq!(
            rows,
            vec![
                vec!["自然人", "商业", "科研", "其他", "总计"],
                vec!["一、本年新收", "30", "5", "", "1", "36"],
                vec!["二、上年结转", "4", "", "", "", "4"],
                vec!["（一）予以公开", "", "7", "", "", "7"],
                vec!["（二）部分公开", "2", "2"],
            ]
        );
    }

    /// A table of two rows, the second's first figure set close after its label: the first row's
    /// figures, standing in columns the second row confirms, give the first column too.
    #[test]
    fn a_figure_alone_in_its_column_is_split_from_its_label() {
        let mut page = Page { height: 842.0, ..Page::default() };
        page.glyphs.extend(glyphs("规章", 50.0, 700.0, 10.0));
        page.glyphs.extend(glyphs("行政规范性文", 50.0, 680.0, 10.0));
        page.glyphs.extend(glyphs("件", 50.0, 668.0, 10.0));
        for (x, top, bottom) in [(110.0, "0", "3"), (150.0, "0", "0"), (190.0, "0", "8")] {
            page.glyphs.extend(glyphs(top, x, 700.0, 5.0));
            page.glyphs.extend(glyphs(bottom, x, 680.0, 5.0));
        }
        let out = lines(&page, &mut Columns::default());
        let cells: Vec<Vec<&str>> = out.iter().map(|o| o.cells.iter().map(String::as_str).collect()).collect();
        assert_eq!(cells, vec![vec!["规章", "0", "0", "0"], vec!["行政规范性文件", "3", "0", "8"]]);
    }

    #[test]
    fn pieces_of_a_border_are_one_rule() {
        let merged = merge(&[
            hline(100.0, 0.0, 50.0),
            hline(100.4, 50.5, 90.0),
            hline(100.0, 200.0, 250.0),
            vline(10.0, 0.0, 5.0),
        ]);
        assert!(merged.contains(&hline(100.0, 0.0, 90.0)) || merged.iter().any(|r| r.x0 == 0.0 && r.x1 == 90.0));
        assert_eq!(merged.len(), 3);
    }
}
