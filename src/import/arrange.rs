//! Figures printed apart from their labels, placed by the form's own sums.
//!
//! A PDF's reading order (poppler's `pdftotext` without `-layout`, some viewers' copy) may give a
//! table's figures away from its labels: table B a block of rows column by column, table C's
//! groups shuffled. The runs of figures still come whole, so every way such an order can cut and
//! turn them is tried, and an arrangement is taken only when the sums the template defines — each
//! row's 总计, the （七）总计 row of each column, each table C group's 总计 — confirm it, and every
//! arrangement they confirm gives the same figures. Otherwise nothing is placed: never a guess.

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

/// More arrangements than this are not tried: the table is left to the labels.
const MAX_ARRANGEMENTS: usize = 20_000;

/// A run of figures read in document order, and the line it starts on.
pub(crate) type Run = (Vec<String>, usize);

/// Table B's rows (one section drawn as a grid) from all the figures under it, in order: runs
/// follow the rows, each run whole rows, some read across, some down their columns. `text` is
/// the table's text, normalised: a group whose items' labels it lacks but whose own label it has
/// is printed as one row. The rows' order is the template's: the sums confirm how each run is
/// turned, not which row comes first, so every figure placed here is marked for the reviewer.
pub(crate) fn grid(section: &Section, text: &str, runs: &[Run]) -> Option<Vec<Placed>> {
    let printed = printed_rows(section, text);
    let total_row = printed.iter().position(|p| matches!(p, Printed::Row(r) if section.rows[*r].total));
    let n: usize = runs.iter().map(|r| r.0.len()).sum();
    let mut found: Option<Vec<Placed>> = None;
    for with_total in [true, false] {
        let has_total = section.columns.last().is_some_and(|c| c.total);
        let w = section.columns.len() - usize::from(has_total && !with_total);
        if (!with_total && !has_total) || w == 0 || n != printed.len() * w {
            continue;
        }
        let row_total = with_total && has_total;
        // Nothing would confirm the arrangement.
        if !row_total && total_row.is_none() {
            continue;
        }
        let Some(blocks) = blocks(runs, w) else { continue };
        let Some(options) = blocks.iter().map(|(values, _)| readings(values, w, row_total)).collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let count = options.iter().try_fold(1usize, |n, o| n.checked_mul(o.len())).unwrap_or(usize::MAX);
        if count == 0 || count > MAX_ARRANGEMENTS {
            continue;
        }
        let mut choice = vec![0; options.len()];
        for _ in 0..count {
            let rows: Vec<&Vec<String>> = options.iter().zip(&choice).flat_map(|(o, &c)| o[c].iter()).collect();
            if total_row.is_none_or(|t| columns_add_up(section, &printed, &rows, t)) {
                let lines = blocks.iter().flat_map(|(v, line)| std::iter::repeat_n(*line, v.len() / w));
                let placed: Vec<Placed> = printed
                    .iter()
                    .zip(&rows)
                    .zip(lines)
                    .map(|((&row, values), line)| Placed { row, values: values.to_vec(), line })
                    .collect();
                match &found {
                    Some(f) if *f != placed => return None,
                    _ => found = Some(placed),
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
    found
}

/// Table C's rows (one section printed across, each row a group of columns ending in its 总计)
/// from runs of figures in any order: each order of the runs, read across; only with totals.
pub(crate) fn across(section: &Section, runs: &[Run]) -> Option<Vec<Placed>> {
    let w = section.columns.len();
    let n: usize = runs.iter().map(|r| r.0.len()).sum();
    if !section.columns.last().is_some_and(|c| c.total) || n != w * section.rows.len() || runs.len() > 7 {
        return None;
    }
    let mut found: Option<Vec<Placed>> = None;
    for order in permutations(runs.len()) {
        let figures: Vec<(&String, usize)> =
            order.iter().flat_map(|&r| runs[r].0.iter().map(move |v| (v, runs[r].1))).collect();
        let rows: Vec<&[(&String, usize)]> = figures.chunks(w).collect();
        if !rows.iter().all(|r| adds_up(&r.iter().map(|(v, _)| v.to_string()).collect::<Vec<_>>())) {
            continue;
        }
        let placed: Vec<Placed> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| Placed {
                row: Printed::Row(i),
                values: r.iter().map(|(v, _)| v.to_string()).collect(),
                line: r[0].1,
            })
            .collect();
        match &found {
            Some(f) if f.iter().map(|p| &p.values).ne(placed.iter().map(|p| &p.values)) => return None,
            Some(_) => {}
            None => found = Some(placed),
        }
    }
    found
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

/// Runs joined until they are whole rows of `w` figures.
fn blocks(runs: &[Run], w: usize) -> Option<Vec<(Vec<String>, usize)>> {
    let mut out: Vec<(Vec<String>, usize)> = Vec::new();
    let mut open = false;
    for (values, line) in runs {
        match out.last_mut() {
            Some(last) if open => last.0.extend(values.iter().cloned()),
            _ => out.push((values.clone(), *line)),
        }
        open = out.last().is_some_and(|l| l.0.len() % w != 0);
    }
    (!open).then_some(out)
}

/// The rows a block of figures may stand for: cut into parts, each one row read across or several
/// read down their columns, every row adding up to its 总计 when `row_total`. None when more than
/// [`MAX_READINGS`] differ (nothing to confirm one).
fn readings(values: &[String], w: usize, row_total: bool) -> Option<Vec<Vec<Vec<String>>>> {
    let k = values.len() / w;
    // What rows `j..k` may be, for each j from the end.
    let mut suffix: Vec<Vec<Vec<Vec<String>>>> = vec![Vec::new(); k + 1];
    suffix[k] = vec![Vec::new()];
    for j in (0..k).rev() {
        let mut here: Vec<Vec<Vec<String>>> = Vec::new();
        for m in 1..=k - j {
            let part: Vec<Vec<String>> =
                (0..m).map(|r| (0..w).map(|c| values[j * w + c * m + r].clone()).collect()).collect();
            if row_total && !part.iter().all(|r| adds_up(r)) {
                continue;
            }
            for rest in &suffix[j + m] {
                here.push(part.iter().chain(rest).cloned().collect());
            }
            here.sort();
            here.dedup();
            if here.len() > MAX_READINGS {
                return None;
            }
        }
        suffix[j] = here;
    }
    Some(std::mem::take(&mut suffix[0]))
}

/// More readings of one block than this are not compared.
const MAX_READINGS: usize = 64;

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

/// Whether a row's last figure is the sum of the others.
pub(crate) fn adds_up(row: &[String]) -> bool {
    let n: Option<Vec<u64>> = row.iter().map(|v| parse_count(v).ok()).collect();
    n.as_deref().and_then(<[u64]>::split_last).is_some_and(|(total, parts)| parts.iter().sum::<u64>() == *total)
}

/// Whether the total row `t` of `printed` is, in each column, the sum of the rows of its group.
fn columns_add_up(section: &Section, printed: &[Printed], rows: &[&Vec<String>], t: usize) -> bool {
    let outer = |p: &Printed| match *p {
        Printed::Row(r) => section.rows[r].groups.first().copied(),
        Printed::Group(g) => {
            section.rows.iter().find(|r| r.groups.get(1) == Some(&g)).and_then(|r| r.groups.first().copied())
        }
    };
    let group = outer(&printed[t]);
    let parts: Vec<usize> = (0..printed.len()).filter(|&i| i != t && outer(&printed[i]) == group).collect();
    (0..rows[t].len()).all(|c| {
        let sum: Option<u64> = parts.iter().map(|&i| parse_count(&rows[i][c]).ok()).sum();
        sum.is_some() && sum == parse_count(&rows[t][c]).ok()
    })
}
