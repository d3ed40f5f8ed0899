//! Reading one table: placement by labels (the label a line's text ends with decides its row),
//! then by position between rows found by their labels, then by the sums, then the groups
//! printed only by their totals, and table C's line of figures.

use super::arrange;
use super::clean::trailing_figures;
use super::glued;
use super::labels::{normalise, similarity, unnumbered_is, Matcher};
use super::sink::{Sink, AS_PRINTED, BY_SUMS, GLUED, GROUPS_AS_PRINTED};
use super::sums::{adds_up, columnar, figure_runs, join_figure_lines, split_rows};
use crate::form::{self, Layout, Row, Table, TABLES};
use crate::import::{Format, Line};
use crate::report::parse_count;

/// The group of table B that the 2019 format printed as a single row.
pub(super) const FORMAT_2019_SINGLE_ROW: &str = "（六）其他处理";

/// Label text kept while looking for a row: longer than any label with its wrapped group labels.
pub(super) const BUFFER_CHARS: usize = 160;

/// Between two rows found by their labels, the rows not found and the figure runs under no label
/// correspond one to one, in order, when there are as many of each and every run fits its row
/// (its printed total, if any, adding up): a PDF's reading order that gives some labels apart
/// from their figures. Returns the runs left unplaced.
pub(super) fn fill_gaps(
    table: usize,
    rows: &[(usize, usize)],
    anchors: &[(usize, usize)],
    runs: Vec<(Vec<Option<String>>, usize)>,
    done: &mut [bool],
    sink: &mut Sink,
) -> Vec<(Vec<Option<String>>, usize)> {
    let t = &TABLES[table];
    let mut bounds: Vec<(Option<usize>, usize)> = vec![(None, 0)];
    bounds.extend(anchors.iter().map(|&(i, l)| (Some(i), l)));
    bounds.push((Some(rows.len()), usize::MAX));
    let fits = |i: usize, run: &[Option<String>]| {
        let columns = t.sections[rows[i].0].columns;
        let total = columns.last().is_some_and(|c| c.total);
        (run.len() == columns.len() && (!total || adds_up(run)))
            || (run.len() == columns.iter().filter(|c| !c.total).count() && !total)
    };
    let mut left = Vec::new();
    for pair in bounds.windows(2) {
        let ((from_row, from_line), (to_row, to_line)) = (pair[0], pair[1]);
        let from_row = from_row.map_or(0, |r| r + 1);
        let gap_runs: Vec<_> = runs.iter().filter(|(_, l)| (from_line..to_line).contains(l)).cloned().collect();
        let Some(to_row) = to_row.filter(|&to| to >= from_row) else {
            left.extend(gap_runs);
            continue;
        };
        let gap_rows: Vec<usize> = (from_row..to_row).filter(|&i| !done[i]).collect();
        if gap_runs.is_empty()
            || gap_rows.len() != gap_runs.len()
            || !gap_rows.iter().zip(&gap_runs).all(|(&i, (run, _))| fits(i, run))
        {
            left.extend(gap_runs);
            continue;
        }
        for (&i, (run, line)) in gap_rows.iter().zip(&gap_runs) {
            let why = format!(
                "原文中这行数字未紧随其标签，按它在表中的位置计入「{}」",
                t.sections[rows[i].0].rows[rows[i].1].label
            );
            sink.fill(table, rows[i].0, rows[i].1, run, *line, Some(&why));
            done[i] = true;
        }
    }
    left
}

/// Reads one table from its lines into `sink`; `offset` is the index of its first line in the
/// document. The stages, in order: by the labels, by position between rows found by their labels,
/// by the sums, the groups printed only by their totals, and table C's line of figures.
pub(super) fn read_table(table: usize, lines: &[Line], offset: usize, format: Format, sink: &mut Sink) {
    let mut reading = Reading::new(table, lines, offset, format, sink);
    reading.by_labels();
    reading.by_position();
    reading.by_sums();
    reading.groups_by_totals();
    reading.table_c_in_a_line();
    reading.say_unplaced();
}

/// Whether a row is not in the format at all: the 2019 format has （六）其他处理 as one row,
/// without its three items, never looked for.
fn not_in(format: Format, row: &Row) -> bool {
    format == Format::Format2019 && row.groups.get(1) == Some(&FORMAT_2019_SINGLE_ROW)
}

/// A table being read: what its template says, its lines, and what the stages have placed.
struct Reading<'a> {
    table: usize,
    t: &'static Table,
    format: Format,
    /// The index of the table's first line in the document.
    offset: usize,
    /// Every (section, row) of the table, in order.
    rows: Vec<(usize, usize)>,
    /// Groups of items (（六）其他处理), labels too: a report may print one as a single row.
    groups: Vec<&'static str>,
    /// Each section's heading, normalised.
    headings: Vec<String>,
    /// Each row's names (its label, and what else reports print), normalised.
    names: Vec<Vec<String>>,
    /// The rows' names and then the groups'.
    matcher: Matcher,
    /// The table's lines as printed, and with figures a copy ran together cut apart.
    all: &'a [Line],
    lines: Vec<(usize, Line)>,
    sink: &'a mut Sink,
    /// Rows whose figures are placed.
    done: Vec<bool>,
    /// Groups printed as one row: the group, its figures, their line.
    alone: Vec<(usize, Vec<Option<String>>, usize)>,
    /// Runs of figures under no label they fit, in reading order, and their lines.
    unlabelled: Vec<(Vec<Option<String>>, usize)>,
    /// Rows found by their own labels, and their lines.
    anchors: Vec<(usize, usize)>,
}

impl<'a> Reading<'a> {
    fn new(table: usize, all: &'a [Line], offset: usize, format: Format, sink: &'a mut Sink) -> Reading<'a> {
        let t = &TABLES[table];
        let rows: Vec<(usize, usize)> =
            t.sections.iter().enumerate().flat_map(|(s, sec)| (0..sec.rows.len()).map(move |r| (s, r))).collect();
        let row_of = |i: usize| &t.sections[rows[i].0].rows[rows[i].1];
        let mut groups: Vec<&str> = (0..rows.len()).filter_map(|i| row_of(i).groups.get(1).copied()).collect();
        groups.dedup();
        let headings: Vec<String> = t.sections.iter().map(|s| normalise(s.heading)).collect();
        let names: Vec<Vec<String>> = (0..rows.len())
            .map(|i| std::iter::once(row_of(i).label).chain(row_of(i).also.iter().copied()).map(normalise).collect())
            .collect();
        let matcher = Matcher::new(
            (0..rows.len())
                .map(|i| std::iter::once(row_of(i).label).chain(row_of(i).also.iter().copied()).collect::<Vec<_>>())
                .chain(groups.iter().map(|&g| vec![g])),
        );
        let lines = glued::table(all);
        if let [section] = t.sections {
            let w = section.columns.len();
            let full =
                |(_, l): &(usize, Line)| trailing_figures(l).is_some_and(|(_, run)| run.len() == w && adds_up(&run));
            if t.layout != Layout::Across && section.columns.last().is_some_and(|c| c.total) && lines.iter().any(full) {
                sink.full.push(table);
            }
        }
        let done = vec![false; rows.len()];
        Reading {
            table,
            t,
            format,
            offset,
            rows,
            groups,
            headings,
            names,
            matcher,
            all,
            lines,
            sink,
            done,
            alone: Vec::new(),
            unlabelled: Vec::new(),
            anchors: Vec::new(),
        }
    }

    /// Placement by labels, line by line: label text accumulates until a line ends in figures,
    /// and the label the text ends with decides the row; figures under no label wait.
    fn by_labels(&mut self) {
        let (table, t, format, offset) = (self.table, self.t, self.format, self.offset);
        let Reading { rows, headings, names, matcher, lines, sink, done, alone, unlabelled, anchors, .. } = self;
        let row_of = |i: usize| &t.sections[rows[i].0].rows[rows[i].1];
        let excluded = |i: usize| not_in(format, row_of(i));
        let mut previous = None;
        let mut buffer: Vec<char> = Vec::new();
        let mut stray: Option<(Vec<Option<String>>, usize)> = None;
        let mut queue: Vec<usize> = Vec::new();
        let mut under_label: Vec<usize> = Vec::new();
        let joined = join_figure_lines(lines);
        let joined = if t.layout == Layout::Across { joined } else { split_rows(t, joined) };
        // Table C's line of figures: as many cells as it has figures.
        let line_of_c = (t.layout == Layout::Across).then(|| t.sections[0].columns.len() * rows.len());
        // Such a line of empty cells, when table C has no figures at all: no appeal was made.
        let mut empty_c = None;
        for (index, line) in joined {
            let index = index + offset;
            let line = &line;
            let figures = trailing_figures(line);
            if figures.is_none() && line.row && Some(line.cells.len()) == line_of_c {
                empty_c.get_or_insert((vec![None; line.cells.len()], index));
            }
            let (start, run) = figures.unwrap_or((line.cells.len(), Vec::new()));
            buffer.extend(normalise(&line.cells[..start].join("")).chars());
            if buffer.len() > BUFFER_CHARS {
                buffer.drain(..buffer.len() - BUFFER_CHARS);
            }
            let allowed = |i: usize| match i.checked_sub(rows.len()) {
                None => !done[i] && !excluded(i),
                Some(g) => alone.iter().all(|a| a.0 != g),
            };
            let blank = run.iter().all(Option::is_none);
            // Table C's labels are headers, and so are its blank cells, unless they fill its line of
            // figures (all zero).
            let across = line_of_c.is_some();
            if blank && (run.is_empty() || (across && Some(run.len()) != line_of_c)) {
                continue;
            }
            let matched = if blank && line.row && !across {
                // A table row whose cells were all left blank counts only under a label of its own line.
                let own: Vec<char> = normalise(&line.cells[..start].join("")).chars().collect();
                let Some(i) = matcher.suffix(&own, previous, allowed) else { continue };
                Some(i)
            } else {
                matcher.suffix(&buffer, previous, allowed)
            };
            // Placeholders ("/", "—") outside a table row were printed: under a label they count as
            // figures do; under none (a header's empty cells, one a line) they are no row's.
            if blank && matched.is_none() && !across {
                continue;
            }
            // Figures of the same shape just before, alone on their line under no label: in reading
            // order a PDF may give a row's figures before its label, so these may be this row's and
            // the line's the next.
            let shifted = match stray.take() {
                Some((r, l)) if r.len() == run.len() && matched.is_some_and(|i| i < rows.len()) => Some((r, l)),
                other => {
                    unlabelled.extend(other);
                    None
                }
            };
            // Labels printed as a column with their figures after them (a PDF's reading order): two
            // or more labels with no figures between queue up, and take the runs that follow in
            // order, whole rows at a time — unless figures already wait for labels (`fill_gaps`).
            let text: String = buffer.iter().collect();
            // The section whose heading (第二十条第（五）项) the text names last.
            let named = |(s, h): (usize, &String)| Some((text.rfind(h.as_str()).filter(|_| !h.is_empty())?, s));
            let under = headings.iter().enumerate().filter_map(named).max().map(|(_, s)| s);
            // Rows before the last found by its label are late labels, for figures read earlier.
            let after = anchors.last().map_or(0, |a| a.0 + 1);
            let mut listed: Vec<(usize, usize)> = (after..rows.len())
                .filter(|&i| !done[i] && !excluded(i))
                .filter_map(|i| names[i].iter().filter_map(|n| text.find(n.as_str())).min().map(|at| (at, i)))
                .collect();
            // The label the text ends with, however printed (a vertical group label inside it).
            if let Some(i) = matched.filter(|&i| i < rows.len() && listed.iter().all(|l| l.1 != i)) {
                listed.push((text.len(), i));
            }
            listed.sort_unstable();
            let since = anchors.last().map_or(0, |a| a.1);
            // Figures that came under a label of their own but did not fit it wait for no label.
            // Both lists grow in reading order, and each line of `under_label` has one entry in
            // `unlabelled`: counted from `since` by halving, not by a pass over every earlier line.
            let from = |lines: &[usize]| lines.len() - lines.partition_point(|&l| l < since);
            let free = unlabelled.len() - unlabelled.partition_point(|(_, l)| *l < since) > from(&under_label);
            let waiting = free || stray.as_ref().is_some_and(|(_, l)| *l >= since);
            // Several rows named since the last figures while others wait for theirs: whose figures
            // these are is not told by the label the text ends with (the sums may tell, below).
            let unsure = waiting && t.layout != Layout::Across && listed.len() >= 2 && shifted.is_none();
            if waiting || t.layout == Layout::Across || (listed.len() < 2 && matched.is_some()) {
                queue.clear();
            } else if listed.len() >= 2 {
                queue = listed.into_iter().map(|(_, i)| i).collect();
            }
            let matched = matched.filter(|&i| !unsure || i >= rows.len());
            let taken = if shifted.is_some() { None } else { columnar(t, rows, done, &queue, (&run, under)) }
                .unwrap_or_default();
            if taken.is_empty() {
                // Figures under a later section's heading: the queue waits there for its own.
                match under {
                    Some(u) => queue.retain(|&i| rows[i].0 >= u),
                    None => queue.clear(),
                }
            }
            match matched {
                Some(i) if i >= rows.len() => alone.push((i - rows.len(), run, index)),
                Some(i) if shifted.is_some() => {
                    // Two labels before these figures: the first takes the stray figures (by
                    // position), the second these. One label: which figures are its is unknown.
                    let (stray_run, stray_line) = shifted.unwrap_or_default();
                    let before: String = buffer.iter().collect();
                    let label = normalise(row_of(i).label);
                    let before = before.strip_suffix(label.as_str()).unwrap_or(&before);
                    let earlier = (0..i)
                        .rev()
                        .find(|&j| !done[j] && !excluded(j) && before.contains(&normalise(row_of(j).label)));
                    if let Some(j) = earlier {
                        let why = format!("原文中这行数字在标签「{}」之前，按位置计入", row_of(j).label);
                        if sink.fill(table, rows[j].0, rows[j].1, &stray_run, stray_line, Some(&why)) {
                            done[j] = true;
                        }
                        if sink.fill(table, rows[i].0, rows[i].1, &run, index, None) {
                            done[i] = true;
                            previous = Some(i);
                        }
                    } else {
                        unlabelled.push((stray_run, stray_line));
                        stray = Some((run, index));
                    }
                }
                _ if !taken.is_empty() => {
                    let why = "原文中标签与数字分开排列，按标签的先后顺序对应";
                    let mut at = 0;
                    for (i, w) in queue.drain(..taken.len()).zip(taken) {
                        sink.fill(table, rows[i].0, rows[i].1, &run[at..at + w], index, Some(why));
                        done[i] = true;
                        previous = Some(i);
                        at += w;
                    }
                }
                Some(i) if sink.fill(table, rows[i].0, rows[i].1, &run, index, None) => {
                    done[i] = true;
                    previous = Some(i);
                    queue.clear();
                    anchors.push((i, index));
                }
                _ => {
                    // A label misprinted beyond recognition ("2.其他法律行政止公开") in the place of the
                    // next row, and still like it: that row, marked for the reviewer.
                    let next = (previous.map_or(0, |p| p + 1)..rows.len()).find(|&i| !done[i] && !excluded(i));
                    let similar = |i: usize| {
                        let label = normalise(row_of(i).label);
                        let tail: String =
                            buffer[buffer.len().saturating_sub(label.chars().count() + 4)..].iter().collect();
                        // Not when the text ends with the start of a later row's label (its first
                        // line, the rest printed below): these figures are that row's.
                        let later = (i + 1..rows.len()).filter(|&j| !done[j]).any(|j| {
                            let start: Vec<char> = names[j][0].chars().collect();
                            (4..start.len()).any(|k| buffer.ends_with(&start[..k]))
                        });
                        similarity(&tail, &label) >= 0.5 && !later
                    };
                    let why = |i: usize| match previous {
                        Some(p) => format!(
                            "原文此处的标签与模板不完全一致，按表中位置（「{}」之后）计入「{}」",
                            row_of(p).label,
                            row_of(i).label
                        ),
                        None => format!("原文此处的标签与模板不完全一致，按表中位置计入「{}」", row_of(i).label),
                    };
                    match next.filter(|&i| t.layout != Layout::Across && similar(i)) {
                        Some(i) if sink.fill(table, rows[i].0, rows[i].1, &run, index, Some(&why(i))) => {
                            done[i] = true;
                            previous = Some(i);
                        }
                        // Figures alone on their line, under label text that names no row (the rest
                        // of a wrapped label), may be the next label's (see `shifted`).
                        _ if start == 0 && !buffer.is_empty() => unlabelled.extend(stray.replace((run, index))),
                        _ => {
                            if matched.is_some() {
                                under_label.push(index);
                            }
                            unlabelled.push((run, index))
                        }
                    }
                }
            }
            buffer.clear();
        }
        unlabelled.extend(stray);
        if unlabelled.is_empty() {
            unlabelled.extend(empty_c);
        }
    }

    /// Placement by position: between two rows found by their labels, the rows not found take
    /// the runs under no label, one to one (`fill_gaps`).
    fn by_position(&mut self) {
        let (table, t) = (self.table, self.t);
        let Reading { rows, sink, done, unlabelled, anchors, .. } = self;
        if t.layout != Layout::Across {
            *unlabelled = fill_gaps(table, rows, anchors, std::mem::take(unlabelled), done, sink);
        }
    }

    /// Placement by sums: rows still without figures, or figures placed by position, placed
    /// where the form's sums confirm.
    fn by_sums(&mut self) {
        let (table, t, format, offset) = (self.table, self.t, self.format, self.offset);
        let Reading { rows, groups, all, lines, sink, done, alone, .. } = self;
        let row_of = |i: usize| &t.sections[rows[i].0].rows[rows[i].1];
        let excluded = |i: usize| not_in(format, row_of(i));
        // Rows still without figures (not a group printed alone), or figures placed by position: the
        // figures may be all there, in an order the form's sums can tell (a PDF's reading order,
        // table B down its columns); what they confirm replaces what position alone suggested.
        let pending =
            |i: usize| !done[i] && !excluded(i) && alone.iter().all(|a| row_of(i).groups.get(1) != Some(&groups[a.0]));
        let by_position: Vec<bool> = (0..rows.len())
            .map(|i| {
                let width = t.sections[rows[i].0].columns.len();
                (0..width).any(|c| sink.uncertain.contains_key(&form::cell_at(table, rows[i].0, rows[i].1, c)))
            })
            .collect();
        if t.layout == Layout::Grid && t.sections.len() == 1 && (0..rows.len()).any(|i| pending(i) || by_position[i]) {
            let text = normalise(&all.iter().map(Line::text).collect::<String>());
            let placed = figure_runs(lines, offset).and_then(|runs| arrange::grid(&t.sections[0], &text, &runs));
            let agrees = |p: &arrange::Placed| match p.row {
                arrange::Printed::Row(r) => !done[r] || sink.holds(table, 0, r, &p.values),
                arrange::Printed::Group(_) => true,
            };
            if let Some(placed) = placed.filter(|p| p.iter().all(agrees)) {
                for p in placed {
                    let values: Vec<Option<String>> = p.values.into_iter().map(Some).collect();
                    let why = |r: usize| format!("{BY_SUMS}「{}」", row_of(r).label);
                    match p.row {
                        arrange::Printed::Row(r) if !done[r] => {
                            done[r] = sink.fill(table, 0, r, &values, p.line, Some(&why(r)));
                        }
                        arrange::Printed::Row(r) if by_position[r] => sink.replace(table, r, &values, p.line, &why(r)),
                        arrange::Printed::Group(g) => {
                            let gi = groups.iter().position(|&x| x == g).unwrap_or_default();
                            if alone.iter().all(|a| a.0 != gi) {
                                alone.push((gi, values, p.line));
                            }
                        }
                        arrange::Printed::Row(_) => {}
                    }
                }
            }
        }
    }

    /// Groups printed only by their total: 0 in each item, or the total in 其他 where the 2021
    /// format split items off it, or left unplaced and said.
    fn groups_by_totals(&mut self) {
        let (table, t) = (self.table, self.t);
        let Reading { rows, groups, sink, done, alone, .. } = self;
        let row_of = |i: usize| &t.sections[rows[i].0].rows[rows[i].1];
        let alone = std::mem::take(alone);
        for (g, run, index) in alone {
            let items: Vec<usize> = (0..rows.len()).filter(|&i| row_of(i).groups.get(1) == Some(&groups[g])).collect();
            if items.iter().any(|&i| done[i]) {
                continue;
            }
            let shown: Vec<&str> = run.iter().map(|v| v.as_deref().unwrap_or("空")).collect();
            let zero = |v: &Option<String>| v.as_deref().is_none_or(|v| parse_count(v) == Ok(0));
            let residual = items.last().copied().filter(|&i| unnumbered_is(row_of(i).label, "其他"));
            let zeros: Vec<Option<String>> = run.iter().map(|v| v.as_ref().map(|_| "0".to_string())).collect();
            let name = format!("{}「{}」", t.name, groups[g]);
            if run.iter().all(zero) {
                // Counts are never negative: a group of 0 is 0 in each of its items.
                for &i in &items {
                    sink.fill(table, rows[i].0, rows[i].1, &run, index, None);
                }
                sink.notes.push(format!("{name}只印出一行（均为 0），未分项：其下各项按 0 导入"));
            } else if let Some(r) = residual {
                // Its items are what the 2021 format split off from it; the rest stays in 其他, so
                // the group and 总计 keep the printed sums.
                let why = format!(
                    "原表{name}只印出合计（{}），未分项：按合计计入「{}」，其余各项按 0",
                    shown.join("、"),
                    row_of(r).label
                );
                // Checked against every sum it takes part in: a total printed for another group
                // (a misread row) would break the 总计 row or the balance.
                let cells: Vec<usize> = items
                    .iter()
                    .flat_map(|&i| (0..t.sections[rows[i].0].columns.len()).map(move |c| (i, c)))
                    .map(|(i, c)| form::cell_at(table, rows[i].0, rows[i].1, c))
                    .filter(|c| {
                        !sink.found.contains_key(c) && !sink.printed.contains_key(c) && !sink.blank.contains_key(c)
                    })
                    .collect();
                for &i in &items {
                    sink.fill(table, rows[i].0, rows[i].1, if i == r { &run } else { &zeros }, index, Some(&why));
                }
                match sink.broken_sum(table, &cells) {
                    None => sink.notes.push(format!("{why}，请核对")),
                    Some(broken) => {
                        for c in &cells {
                            sink.found.remove(c);
                            sink.printed.remove(c);
                            sink.blank.remove(c);
                            sink.uncertain.remove(c);
                        }
                        sink.notes.push(format!(
                            "原表{name}只印出合计（{}），未分项；按合计计入「{}」后{broken}：未导入，请按原表填写其下各项",
                            shown.join("、"),
                            row_of(r).label
                        ));
                    }
                }
            } else {
                sink.notes.push(format!(
                    "原表{name}只印出合计（{}），未分项：未导入，请按原表填写其下各项",
                    shown.join("、")
                ));
            }
        }
    }

    /// Figures left under no row while rows wait for theirs: said, with the first of them, so a
    /// row the reading could not place (its blank cells not printed, so its figures fit no
    /// column) is never lost in silence.
    fn say_unplaced(&mut self) {
        let (t, format) = (self.t, self.format);
        let Reading { rows, sink, done, unlabelled, .. } = self;
        let waiting = (0..rows.len()).any(|i| !done[i] && !not_in(format, &t.sections[rows[i].0].rows[rows[i].1]));
        let runs: Vec<&(Vec<Option<String>>, usize)> =
            unlabelled.iter().filter(|(run, _)| run.iter().any(Option::is_some)).collect();
        if t.layout == Layout::Across || !waiting || runs.is_empty() || done.iter().all(|d| !d) && runs.len() < 2 {
            return;
        }
        let shown: Vec<&str> = runs[0].0.iter().map(|v| v.as_deref().unwrap_or("空")).collect();
        sink.notes.push(format!(
            "{}中有 {} 行数字无法确定所在的栏目（如「{}」），可能是原表的空白单元格未印出：未导入，请按原表填写",
            t.name,
            runs.len(),
            shown.join(" ")
        ));
    }

    /// Table C printed as one line of fifteen figures under its headers.
    fn table_c_in_a_line(&mut self) {
        let (table, t) = (self.table, self.t);
        let Reading { sink, done, unlabelled, .. } = self;
        // Table C is often printed as one line of fifteen figures under its headers.
        if t.layout == Layout::Across && !done.iter().any(|&d| d) {
            let mut figures: Vec<(Option<String>, usize)> =
                unlabelled.iter().flat_map(|(run, l)| run.iter().map(move |v| (v.clone(), *l))).collect();
            let s = &t.sections[0];
            let typed = s.columns.iter().filter(|c| !c.total).count();
            let w = s.columns.len();
            let one_short = figures.len() + 1 == w * s.rows.len() && s.columns.last().is_some_and(|c| c.total);
            // Two figures a copy ran together ("6 20" as "620"), if the groups' totals tell which.
            let values: Option<Vec<String>> = figures.iter().map(|f| f.0.clone()).collect();
            let split = values.filter(|_| one_short).and_then(|v| glued::split_pair(&v, |r| r.chunks(w).all(adds_up)));
            let marked = split.as_ref().map(|_| format!("{GLUED}「{}」", t.name));
            if let Some((at, a, b)) = split {
                let mut flat = 0;
                for (run, _) in unlabelled.iter_mut() {
                    let len = run.len();
                    if (flat..flat + len).contains(&at) {
                        run.splice(at - flat..=at - flat, [Some(a.clone()), Some(b.clone())]);
                    }
                    flat += len;
                }
                figures = unlabelled.iter().flat_map(|(run, l)| run.iter().map(move |v| (v.clone(), *l))).collect();
            } else if one_short {
                // A blank last total (a formula without its value) is cut off with the line's end.
                let line = figures.last().map_or(0, |f| f.1);
                figures.push((None, line));
            }
            // Figures gathered from several lines may be in another order than the table's (a PDF's
            // reading order): taken only if each group's printed total is the sum of its parts.
            let one_line = figures.windows(2).all(|w| w[0].1 == w[1].1);
            for per_row in [s.columns.len(), typed] {
                if figures.len() == per_row * s.rows.len() {
                    if !one_line && per_row == s.columns.len() {
                        // Runs of figures (a PDF's blocks) in some order: the one the groups' totals confirm.
                        let runs: Option<Vec<arrange::Run>> = unlabelled
                            .iter()
                            .map(|(run, l)| Some((run.iter().cloned().collect::<Option<Vec<_>>>()?, *l)))
                            .collect();
                        match runs.and_then(|runs| arrange::across(s, &runs)) {
                            Some((placed, how)) => {
                                let by = match how {
                                    arrange::Across::Confirmed => BY_SUMS,
                                    arrange::Across::GroupsAsPrinted => GROUPS_AS_PRINTED,
                                    arrange::Across::AsPrinted => AS_PRINTED,
                                };
                                for p in placed {
                                    let arrange::Printed::Row(r) = p.row else { continue };
                                    let why = format!("{by}「{}」", s.rows[r].label);
                                    sink.fill(
                                        table,
                                        0,
                                        r,
                                        &p.values.into_iter().map(Some).collect::<Vec<_>>(),
                                        p.line,
                                        Some(&why),
                                    );
                                }
                            }
                            None => sink.notes.push(format!(
                                "{}的数字分散在多行，各组合计可有多种排列，原文顺序也不能确定各组，无法确定每个数字所在的栏目，未导入",
                                t.name
                            )),
                        }
                        break;
                    }
                    for (r, chunk) in figures.chunks(per_row).enumerate() {
                        let run: Vec<Option<String>> = chunk.iter().map(|(v, _)| v.clone()).collect();
                        sink.fill(table, 0, r, &run, chunk[0].1, marked.as_deref());
                    }
                    break;
                }
            }
        }
    }
}
