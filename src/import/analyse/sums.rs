//! Placement by sums: a table's runs of figures, and whether whole rows of them add up to their
//! printed totals, which tells rows read across from rows read down and a row's place when its
//! label stands apart ([`super::arrange`] tries the arrangements).

use super::arrange;
use super::clean::{figures_only, trailing_figures};
use crate::form::Table;
use crate::import::Line;
use crate::report::parse_count;

/// The runs of figures that end a table's lines (figure-only lines joined), in order, with the
/// index of their line in the document; none if a cell is blank (its column is unknown).
pub(super) fn figure_runs(lines: &[(usize, Line)], offset: usize) -> Option<Vec<arrange::Run>> {
    join_figure_lines(lines)
        .into_iter()
        .filter_map(|(i, l)| trailing_figures(&l).map(|(_, run)| (run, i + offset)))
        .filter(|(run, _)| !run.is_empty())
        .map(|(run, i)| Some((run.into_iter().collect::<Option<Vec<_>>>()?, i)))
        .collect()
}

/// A table's lines, empty ones left out, with each run of lines holding nothing but figures (or
/// placeholders, or a converted table's empty cells) joined into one, keeping the index of its
/// first: a table copied one cell per line (as some browsers and PDF viewers give it) then reads
/// one row per line, and so does a row of figures a PDF wrapped.
pub(super) fn join_figure_lines(lines: &[(usize, Line)]) -> Vec<(usize, Line)> {
    let figures_line = |l: &Line| !l.row && !l.cells.is_empty() && figures_only(l);
    let mut out: Vec<(usize, Line)> = Vec::new();
    // Whether the last line out holds only figures (not tested again as it grows).
    let mut joining = false;
    // Empty lines (a PDF's blank line after each cell) separate nothing in a table.
    for (i, line) in lines.iter().filter(|(_, l)| !l.cells.is_empty()).map(|(i, l)| (*i, l)) {
        let figures = figures_line(line);
        match out.last_mut() {
            Some((_, last)) if figures && joining => last.cells.extend(line.cells.iter().cloned()),
            _ => out.push((i, line.clone())),
        }
        joining = figures;
    }
    out
}

/// Lines whose figures are several whole rows of a one-section table with totals (a PDF's figure
/// lines joined, rows whose labels are printed elsewhere) split into one line per row: the first
/// keeps the line's label, the others have none.
pub(super) fn split_rows(table: &Table, lines: Vec<(usize, Line)>) -> Vec<(usize, Line)> {
    let [section] = table.sections else { return lines };
    // Only rows with printed totals that add up: a block read down the columns would not.
    if !section.columns.last().is_some_and(|c| c.total) {
        return lines;
    }
    let w = section.columns.len();
    let mut out = Vec::with_capacity(lines.len());
    for (index, line) in lines {
        let figures = trailing_figures(&line).filter(|(start, run)| line.cells.len() - start == run.len());
        let width = figures
            .as_ref()
            .filter(|(_, run)| run.len() > w && run.len() % w == 0 && run.chunks(w).all(adds_up) && !down_too(run, w))
            .map(|_| w);
        let (Some((start, _)), Some(w)) = (figures, width) else {
            out.push((index, line));
            continue;
        };
        let mut first = line.clone();
        first.cells.truncate(start + w);
        out.push((index, first));
        for chunk in line.cells[start + w..].chunks(w) {
            out.push((index, Line { no: line.no, cells: chunk.to_vec(), row: line.row }));
        }
    }
    out
}

/// Whether a run of whole rows, read down its columns instead, also adds up row by row and reads
/// otherwise: then nothing tells which way it was printed.
pub(super) fn down_too(run: &[Option<String>], w: usize) -> bool {
    let k = run.len() / w;
    let down: Vec<Option<String>> = (0..run.len()).map(|i| run[(i % w) * k + i / w].clone()).collect();
    down != run && down.chunks(w).all(adds_up)
}

/// Whether a row's printed total (its last figure) is the sum of the figures before it.
pub(super) fn adds_up(run: &[Option<String>]) -> bool {
    let n: Vec<Option<u64>> = run.iter().map(|v| v.as_deref().and_then(|v| parse_count(v).ok())).collect();
    let Some((total, parts)) = n.split_last() else { return false };
    let parts: Option<u64> = parts.iter().copied().sum();
    parts.is_some() && parts == *total
}

/// How many figures each of the first rows of `queue` takes from `run`, if the run is exactly
/// whole rows of one section — the one whose heading precedes the run, if one does — starting at
/// its first row not yet `done` (else a row printed under another label could be among them): all
/// with their printed totals, which must then add up (figures read down a column would not), or
/// all without.
pub(super) fn columnar(
    table: &Table,
    rows: &[(usize, usize)],
    done: &[bool],
    queue: &[usize],
    (run, under): (&[Option<String>], Option<usize>),
) -> Option<Vec<usize>> {
    let &first = queue.first()?;
    let section = rows[first].0;
    if under.is_some_and(|s| s != section) || (0..first).any(|i| rows[i].0 == section && !done[i]) {
        return None;
    }
    let columns = table.sections[section].columns;
    let has_total = columns.last().is_some_and(|c| c.total);
    let same: Vec<usize> = queue.iter().take_while(|&&i| rows[i].0 == section).copied().collect();
    [columns.len(), columns.iter().filter(|c| !c.total).count()].into_iter().enumerate().find_map(|(pass, w)| {
        let n = (w > 0 && run.len() % w == 0).then_some(run.len() / w).filter(|&n| n >= 1 && n <= same.len())?;
        let totals_add_up = pass > 0 || !has_total || run.chunks(w).all(adds_up);
        // Without totals nothing tells rows read across from rows read down, unless both agree.
        let down = |i: usize| run[(i % w) * n + i / w].clone();
        let order_known =
            if pass == 0 { !down_too(run, w) } else { n == 1 || (0..run.len()).all(|i| run[i] == down(i)) };
        (totals_add_up && order_known && (pass == 0 || has_total)).then(|| vec![w; n])
    })
}
