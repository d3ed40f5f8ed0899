//! Figures printed apart from their labels, placed by the form's own sums.
//!
//! A PDF's reading order (poppler's `pdftotext` without `-layout`, some viewers' copy) may give a
//! table's figures away from its labels: table B a block of rows column by column, table C's
//! groups shuffled. The runs of figures still come whole, so every way such an order can cut and
//! turn them is tried, and an arrangement is taken only when the sums the template defines — each
//! row's 总计, the （七）总计 row of each column, each table C group's 总计 — confirm it, and every
//! arrangement they confirm gives the same figures. Otherwise table B is left to its labels;
//! table C, printed in the form's order by every report, is taken in the order printed where that
//! order is one the sums allow, or where none adds up (a misprinted 总计) — every figure so placed
//! marked, never a silent guess.

use super::labels::normalise;
use crate::form::{Row, Section};
use crate::report::parse_count;

/// A row as the document prints it: a row of the section, or a group printed as one row without
/// its items (洪泽区's （六）其他处理), by its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Printed {
    Row(usize),
    Group(&'static str),
}

/// One printed row's figures, each column's or each typed column's, and the line they start on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placed {
    pub row: Printed,
    pub values: Vec<String>,
    pub line: usize,
}

use crate::limits::{MAX_ARRANGEMENTS, MAX_READINGS};

/// A run of figures read in document order, and the line it starts on.
pub(crate) type Run = (Vec<String>, usize);

/// All the runs' figures in order: each as printed, its count, its line.
struct Figures<'a> {
    raw: Vec<&'a String>,
    count: Vec<u64>,
    line: Vec<usize>,
}

impl Figures<'_> {
    fn of(runs: &[Run]) -> Option<Figures<'_>> {
        let mut f = Figures { raw: Vec::new(), count: Vec::new(), line: Vec::new() };
        for (values, line) in runs {
            for v in values {
                f.count.push(parse_count(v).ok()?);
                f.raw.push(v);
                f.line.push(*line);
            }
        }
        Some(f)
    }

    /// Whether two arrangements (which figure goes in each cell, row after row) read the same.
    fn same(&self, a: &[usize], b: &[usize]) -> bool {
        a.iter().zip(b).all(|(&x, &y)| self.count[x] == self.count[y])
    }

    /// Whether each row's last figure is the sum of the others.
    fn rows_add_up(&self, cells: &[usize], w: usize) -> bool {
        cells
            .chunks(w)
            .all(|r| r[..w - 1].iter().fold(0u64, |a, &i| a.saturating_add(self.count[i])) == self.count[r[w - 1]])
    }

    /// The rows of an arrangement, each with the line its first figure is on.
    fn placed(&self, rows: impl Iterator<Item = Printed>, cells: &[usize], w: usize) -> Vec<Placed> {
        rows.zip(cells.chunks(w))
            .map(|(row, r)| Placed {
                row,
                values: r.iter().map(|&i| self.raw[i].clone()).collect(),
                line: self.line[r[0]],
            })
            .collect()
    }
}

/// Table B's rows (one section drawn as a grid) from all the figures under it, in order: runs
/// follow the rows, each run whole rows, some read across, some down their columns. `text` is
/// the table's text, normalised: a group whose items' labels it lacks but whose own label it has
/// is printed as one row. The rows' order is the template's: the sums confirm how each run is
/// turned, not which row comes first, so every figure placed here is marked for the reviewer.
pub(crate) fn grid(section: &Section, text: &str, runs: &[Run]) -> Option<Vec<Placed>> {
    let figures = Figures::of(runs)?;
    let printed = printed_rows(section, text);
    let total_row = printed.iter().position(|p| matches!(p, Printed::Row(r) if section.rows[*r].total));
    let has_total = section.columns.last().is_some_and(|c| c.total);
    let mut found: Option<(Vec<usize>, usize)> = None;
    for row_total in [true, false] {
        let w = section.columns.len() - usize::from(has_total && !row_total);
        // Nothing would confirm the arrangement.
        if (row_total && !has_total) || figures.count.len() != printed.len() * w || (!row_total && total_row.is_none())
        {
            continue;
        }
        let Some(blocks) = blocks(runs, w) else { continue };
        let options: Option<Vec<_>> =
            blocks.into_iter().map(|(at, k)| readings(&figures, at, k, w, row_total)).collect();
        let Some(options) = options else { continue };
        let count = options.iter().try_fold(1usize, |n, o| n.checked_mul(o.len())).unwrap_or(usize::MAX);
        if count == 0 || count > MAX_ARRANGEMENTS {
            continue;
        }
        let mut choice = vec![0; options.len()];
        for _ in 0..count {
            let cells: Vec<usize> = options.iter().zip(&choice).flat_map(|(o, &c)| o[c].iter().copied()).collect();
            if total_row.is_none_or(|t| columns_add_up(section, &printed, &figures, &cells, w, t)) {
                match &found {
                    Some((f, _)) if !figures.same(f, &cells) => return None,
                    Some(_) => {}
                    None => found = Some((cells, w)),
                }
            }
            // The next combination of options.
            for (c, o) in choice.iter_mut().zip(&options) {
                *c += 1;
                if *c < o.len() {
                    break;
                }
                *c = 0;
            }
        }
    }
    found.map(|(cells, w)| figures.placed(printed.into_iter(), &cells, w))
}

/// How table C's figures were placed: what the reviewer is told about each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Across {
    /// The groups' totals confirm one arrangement.
    Confirmed,
    /// Several arrangements add up (which group is which, or more): the one the print's order gives.
    GroupsAsPrinted,
    /// No arrangement adds up (a printed total disagrees with its parts): the figures as printed.
    AsPrinted,
}

/// Table C's rows (one section printed across, each row a group of columns ending in its 总计)
/// from runs of figures in any order: each order of the runs, read across; only with totals.
/// Where several arrangements add up, the figures are taken as printed if that order is one of
/// them, or else, if they differ only by which group is which, the groups in the order they are
/// printed — the form's own order — when none is printed among another's figures; where none
/// adds up, the figures are taken as printed, row after row.
pub(crate) fn across(section: &Section, runs: &[Run]) -> Option<(Vec<Placed>, Across)> {
    let w = section.columns.len();
    let figures = Figures::of(runs)?;
    if !section.columns.last().is_some_and(|c| c.total) || figures.count.len() != w * section.rows.len() {
        return None;
    }
    let printed: Vec<usize> = (0..figures.count.len()).collect();
    let rows = (0..section.rows.len()).map(Printed::Row);
    // Too many runs to try each order: only as printed.
    if runs.len() > 7 {
        let adds_up = figures.rows_add_up(&printed, w);
        return adds_up.then(|| (figures.placed(rows, &printed, w), Across::GroupsAsPrinted));
    }
    let starts: Vec<usize> = runs.iter().scan(0, |at, r| Some(std::mem::replace(at, *at + r.0.len()))).collect();
    // Every arrangement that adds up, and how many read differently.
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut readings = 0;
    for order in permutations(runs.len()) {
        let cells: Vec<usize> = order.iter().flat_map(|&r| starts[r]..starts[r] + runs[r].0.len()).collect();
        if figures.rows_add_up(&cells, w) {
            readings += usize::from(!found.iter().any(|f| figures.same(f, &cells)));
            found.push(cells);
        }
    }
    let (cells, how) = match readings {
        0 => (printed, Across::AsPrinted),
        1 => (found.remove(0), Across::Confirmed),
        _ => {
            let cells = if found.contains(&printed) { printed } else { groups_as_printed(&figures, &found, w)? };
            (cells, Across::GroupsAsPrinted)
        }
    };
    Some((figures.placed(rows, &cells, w), how))
}

/// Of arrangements that all add up, the one whose groups come in the order they are printed, each
/// group's figures all before the next's, or else each group's figures in order and its 总计
/// before the next's, if all such read alike (a reading order that takes a group's parts out of
/// place, as poppler's does with 淮安市's, keeps the totals in order); only if the others differ
/// from it by nothing but the order of whole groups.
fn groups_as_printed(figures: &Figures, found: &[Vec<usize>], w: usize) -> Option<Vec<usize>> {
    let in_order = |cells: &Vec<usize>| {
        cells.chunks(w).collect::<Vec<_>>().windows(2).all(|p| p[0].iter().max() < p[1].iter().min())
    };
    let totals_in_order = |cells: &Vec<usize>| {
        let groups: Vec<&[usize]> = cells.chunks(w).collect();
        groups.iter().all(|g| g.is_sorted()) && groups.windows(2).all(|p| p[0][w - 1] < p[1][w - 1])
    };
    let by_totals = || {
        let mut readings = found.iter().filter(|c| totals_in_order(c));
        let first = readings.next()?;
        readings.all(|c| figures.same(c, first)).then_some(first)
    };
    let printed = found.iter().find(|c| in_order(c)).or_else(by_totals)?;
    let values = |cells: &[usize]| {
        let mut rows: Vec<Vec<u64>> = cells.chunks(w).map(|r| r.iter().map(|&i| figures.count[i]).collect()).collect();
        rows.sort_unstable();
        rows
    };
    let groups = values(printed);
    found.iter().all(|c| values(c) == groups).then(|| printed.clone())
}

/// The section's rows as printed: a group whose own label is in `text` and none of whose items'
/// labels are is one row.
fn printed_rows(section: &Section, text: &str) -> Vec<Printed> {
    let has = |r: &Row| std::iter::once(r.label).chain(r.also.iter().copied()).any(|l| text.contains(&normalise(l)));
    let mut out = Vec::new();
    for (i, row) in section.rows.iter().enumerate() {
        let group = row.groups.get(1).copied();
        let alone = group.is_some_and(|g| {
            text.contains(&normalise(g)) && !section.rows.iter().filter(|r| r.groups.get(1) == Some(&g)).any(has)
        });
        match group.filter(|_| alone) {
            Some(g) if out.last() == Some(&Printed::Group(g)) => {}
            Some(g) => out.push(Printed::Group(g)),
            None => out.push(Printed::Row(i)),
        }
    }
    out
}

/// The runs joined until they are whole rows of `w` figures: where each block starts among all
/// the figures, and its rows.
fn blocks(runs: &[Run], w: usize) -> Option<Vec<(usize, usize)>> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let (mut at, mut open) = (0, 0);
    for (values, _) in runs {
        open += values.len();
        if open % w == 0 {
            out.push((at, open / w));
            at += open;
            open = 0;
        }
    }
    (open == 0).then_some(out)
}

/// The arrangements a block of `k` rows starting at figure `at` may stand for: cut into parts,
/// each one row read across or several read down their columns, every row adding up to its 总计
/// when `row_total`; each reading once. None when more than [`MAX_READINGS`] differ.
fn readings(figures: &Figures, at: usize, k: usize, w: usize, row_total: bool) -> Option<Vec<Vec<usize>>> {
    // What rows `j..k` may be, for each j from the end.
    let mut suffix: Vec<Vec<Vec<usize>>> = vec![Vec::new(); k + 1];
    suffix[k] = vec![Vec::new()];
    for j in (0..k).rev() {
        let mut here: Vec<Vec<usize>> = Vec::new();
        for m in 1..=k - j {
            let part: Vec<usize> = (0..m).flat_map(|r| (0..w).map(move |c| at + j * w + c * m + r)).collect();
            if row_total && !figures.rows_add_up(&part, w) {
                continue;
            }
            for rest in &suffix[j + m] {
                let reading: Vec<usize> = part.iter().chain(rest).copied().collect();
                if !here.iter().any(|h| figures.same(h, &reading)) {
                    here.push(reading);
                }
            }
            if here.len() > MAX_READINGS {
                return None;
            }
        }
        suffix[j] = here;
    }
    Some(std::mem::take(&mut suffix[0]))
}

/// Every order of `n` things.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    permutations(n - 1)
        .into_iter()
        .flat_map(|p| {
            (0..n).map(move |at| {
                let mut q = p.clone();
                q.insert(at, n - 1);
                q
            })
        })
        .collect()
}

/// Whether the total row `t` of `printed` is, in each column, the sum of the rows of its group.
fn columns_add_up(
    section: &Section,
    printed: &[Printed],
    figures: &Figures,
    cells: &[usize],
    w: usize,
    t: usize,
) -> bool {
    let outer = |p: &Printed| match *p {
        Printed::Row(r) => section.rows[r].groups.first().copied(),
        Printed::Group(g) => {
            section.rows.iter().find(|r| r.groups.get(1) == Some(&g)).and_then(|r| r.groups.first().copied())
        }
    };
    let group = outer(&printed[t]);
    let parts: Vec<usize> = (0..printed.len()).filter(|&i| i != t && outer(&printed[i]) == group).collect();
    (0..w).all(|c| {
        parts.iter().fold(0u64, |a, &i| a.saturating_add(figures.count[cells[i * w + c]]))
            == figures.count[cells[t * w + c]]
    })
}
