//! From a page's glyphs and ruled lines to the importer's lines, by geometry alone, whatever the
//! order the producer drew them in.
//!
//! Glyphs on one baseline make a line; a line is cut into runs where a ruled line crosses it or
//! a gap wider than a character opens. A run enclosed by ruled lines on all four sides is in a
//! table cell: the cell's runs are its text (a wrapped label is one label again), the cells
//! between the same two horizontal rules are a row, read left to right with the empty cells
//! kept (a blank figure), and a cell spanning several rows (a group label such as （五）不予处理)
//! is a line of its own before them. Everything else is a text line; a line whose runs stand
//! apart (a table drawn without borders) keeps its runs as cells.

use super::content::{Glyph, Page, Rule};
use std::collections::{BTreeMap, HashMap};

/// Ruled lines closer than this (points) are the same line; a rule "covers" a point this near it.
const TOLERANCE: f32 = 1.5;
/// More ruled lines or table cells than this on one page is not a report's table (a report's
/// page has a few hundred): the page is read as text, which keeps the work bounded.
const MAX_RULES: usize = 4000;
const MAX_CELLS: usize = 4000;

/// A line of the page: its cells, and whether it is a table row (cells kept apart).
#[derive(Debug, PartialEq)]
pub(super) struct Out {
    pub cells: Vec<String>,
    pub row: bool,
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

pub(super) fn lines(page: &Page) -> Vec<Out> {
    let mut rules = merge(&page.rules);
    if rules.len() > MAX_RULES {
        rules.clear();
    }
    let (h, v): (Vec<Rule>, Vec<Rule>) = rules.into_iter().partition(Rule::horizontal);
    let baselines = baselines(&page.glyphs);
    // (top of the item, order among items of the same top, line)
    let mut items: Vec<(f32, u8, Out)> = Vec::new();
    let mut cells: Vec<(Cell, Vec<&Run>)> = Vec::new();
    let mut index: HashMap<[u32; 4], usize> = HashMap::new();
    let runs: Vec<Vec<Run>> = baselines.iter().map(|line| runs(line, &v)).collect();
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
        if let Some(first) = free.first() {
            let top = first.y + first.size;
            let texts: Vec<String> = free.iter().map(|r| r.text.clone()).collect();
            items.push((top, 2, Out { row: texts.len() > 1, cells: texts }));
        }
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
                items.push((top, 0, Out { cells: vec![cell_text(rs)], row: false }));
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
        items.push((top, 1, Out { cells: texts, row: true }));
    }
    items.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    items.into_iter().map(|(_, _, out)| out).filter(|o| o.cells.iter().any(|c| !c.is_empty())).collect()
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

/// A baseline cut into runs at ruled lines and at gaps wider than a character; space glyphs
/// and the wider of the smaller gaps are one space.
fn runs(line: &[&Glyph], v: &[Rule]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut space = false;
    for g in line {
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
            if !ruled && gap < em * 1.2 {
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
        let out = lines(&page);
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
        let out = lines(&page);
        assert_eq!(out[0], Out { cells: vec!["总体 情况".into()], row: false });
        assert_eq!(out[1], Out { cells: vec!["规章".into(), "0".into(), "15".into()], row: true });
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
