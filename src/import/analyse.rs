//! From [`Line`]s to an [`Imported`] report: the same for every input format.
//!
//! The document is cut at the part headings of [`form::PARTS`] (or, for a table without its
//! heading, at the table's first label). Text parts are the lines between headings. In a table,
//! label text accumulates line by line until a line ends in figures; the label the text ends with
//! decides the row (so wrapped labels, vertical group labels and column headers before it do not
//! matter), and the figures fill its columns in order.

use super::arrange;
use super::glued;
use super::labels::{normalise, similarity, unnumbered_is, Matcher};
use super::radicals;
use super::{Format, ImportError, Imported, Line, Recognised};
use crate::form::{self, Body, Layout, Table, TABLES};
use crate::report::{derived_parts, normalize_number, parse_count, Entry, Report, Scope};
use crate::rules::{self, Finding, Rule};
use std::collections::{BTreeMap, HashMap};

/// Column and row labels of the 2019 trial format that the 2021 template dropped or renamed.
const FORMAT_2019_MARKERS: &[&str] =
    &["本年新制作数量", "对外公开总数量", "上一年项目数量", "第二十条第九项", "政府集中采购"];

/// The group of table B that the 2019 format printed as a single row.
const FORMAT_2019_SINGLE_ROW: &str = "（六）其他处理";

/// Characters printed in a figure cell to say "nothing here".
const PLACEHOLDERS: &[&str] = &["-", "—", "——", "–", "－", "/", "／", "\\", "…"];

/// Units a figure cell may print after its figure.
const UNITS: &[&str] = &["件", "条", "个", "次", "项", "万元"];

/// Label text kept while looking for a row: longer than any label with its wrapped group labels.
const BUFFER_CHARS: usize = 160;

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
fn trailing_figures(line: &Line) -> Option<(usize, Vec<Option<String>>)> {
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
fn figures_only(line: &Line) -> bool {
    line.cells.iter().all(|c| !matches!(classify(c), Cell::Text))
}

/// A page footer or number that PDF extraction leaves between lines: "- 5 -", "第 5 页 共 9 页",
/// "3/9". Not a line of a table's figures with placeholders for zeros ("— — — 0", "1 / 11"):
/// a page number has a dash on both sides, is no 0, and "3/9" is one word.
fn is_footer(text: &str) -> bool {
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
fn unify_radicals(mut line: Line) -> Line {
    for cell in line.cells.iter_mut().filter(|c| c.chars().any(|c| c != radicals::unify(c))) {
        *cell = cell.chars().map(radicals::unify).collect();
    }
    line
}

/// A line as text for the reader: markdown heading marks and surrounding space removed.
fn clean(text: &str) -> &str {
    text.trim().trim_start_matches(['#', '>']).trim()
}

/// The part whose heading `line` is, if any: "二、主动公开政府信息情况", "### 二、主动公开…",
/// "二．主动公开政府信息情况", reworded ones of the 2019 format. Returns the text following the
/// heading on the same line, if any. `normal` is the line's text normalised.
fn heading_of(line: &Line, normal: &str, part: usize) -> Option<String> {
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
fn table_anchor(table: usize) -> impl Fn(&Line, &str) -> bool {
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
struct Span {
    line: usize,
    start: usize,
    end: usize,
}

/// The lines of each part, in template order: the line it begins at (heading or anchor) and its
/// content `start..end` into `lines`, `None` if not found; and the text that followed each
/// heading on its own line.
fn cut_parts(lines: &[Line]) -> (Vec<Option<Span>>, Vec<String>) {
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

/// Which lines a page prints again and again: a flipbook's "Page 8 - 标题" and "P. 8", a running
/// header or footer with the page's number, or the report's title as a running header. Such a
/// line is told by its text, the same but for its figures, on lines a page apart (the last page
/// may be short): with different figures each, or, the title, the same (its first is kept: the
/// title itself).
fn page_furniture(lines: &[Line]) -> Vec<bool> {
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

pub(crate) fn analyse(lines: Vec<Line>) -> Result<Imported, ImportError> {
    // Radical and compatibility forms first: the headings run into text are found by their text.
    let lines = glued::headings(lines.into_iter().map(unify_radicals).collect());
    let furniture = page_furniture(&lines);
    let lines: Vec<Line> = lines
        .into_iter()
        .zip(furniture)
        .filter(|(_, furniture)| !furniture)
        .map(|(l, _)| l)
        .filter(|l| !((!l.row || l.cells.iter().filter(|c| !c.trim().is_empty()).count() <= 1) && is_footer(&l.text())))
        .map(glued::label_and_figures)
        .collect();
    if lines.iter().all(|l| l.cells.iter().all(|c| c.trim().is_empty())) {
        return Err(ImportError::Empty);
    }
    let (parts, inline) = cut_parts(&lines);
    let whole = normalise(&lines.iter().map(Line::text).collect::<String>());
    let format = if FORMAT_2019_MARKERS.iter().any(|m| whole.contains(&normalise(m))) {
        Format::Format2019
    } else {
        Format::Template2021
    };

    let heading_one = parts.iter().flatten().map(|p| p.line).next().unwrap_or(lines.len());
    let title = title(&lines[..heading_one]);
    let mut report = Report::new(title.as_ref().map_or_else(|| year_from_text(&lines), |t| t.year));
    if let Some(t) = &title {
        report.organ = full_organ(&t.organ, &lines);
        report.scope = scope_of(&report.organ);
    }

    let width = typical_width(&lines);
    let pre_start = title.as_ref().map_or(0, |t| t.line + 1);
    let run_on = title.as_ref().map_or("", |t| t.rest.as_str());
    report.text.preamble = join_text(&lines[pre_start.min(heading_one)..heading_one], run_on, width);
    let mut notes = Vec::new();
    let mut sink = Sink::default();
    for (p, part) in form::PARTS.iter().enumerate() {
        let Some(Span { start, end, .. }) = parts[p] else {
            notes.push(format!("未找到“{}”", part.heading));
            continue;
        };
        match part.body {
            Body::Text(t) => {
                if let Some(field) = report.text.get_mut(t.key) {
                    *field = join_text(&lines[start..end], &inline[p], width);
                }
            }
            Body::Table(t) if format == Format::Format2019 && TABLES[t].layout == Layout::Sections => {
                notes.push(format!("{}为 2019 年试行格式，栏目与 2021 年格式不同，未导入", TABLES[t].name));
            }
            Body::Table(t) => read_table(t, &lines[start..end], start, format, &mut sink),
        }
    }
    if sink.found.is_empty() && parts.iter().all(Option::is_none) {
        return Err(ImportError::NotAReport);
    }
    notes.append(&mut sink.notes);
    if format == Format::Format2019 {
        notes.insert(0, format!("该报告为{}，已按 2021 年格式导入可对应的部分", format.label()));
    }

    // A published table leaves zeros blank (no report is issued with unknown figures): a blank
    // cell of a row that was read is 0, said once in the notes and shown in the review.
    let blanks: Vec<(usize, usize)> =
        sink.blank.iter().filter(|(c, _)| !sink.found.contains_key(c)).map(|(&c, &l)| (c, l)).collect();
    if let Some(&(first, _)) = blanks.first() {
        notes.push(format!(
            "原表中 {} 个空白单元格按 0 导入（如{}），请核对",
            blanks.len(),
            form::cells()[first].describe()
        ));
    }
    for (cell, line) in blanks {
        sink.found.insert(cell, ("0".into(), line));
    }

    let mut recognised = Vec::new();
    for (&cell, (raw, line)) in sink.found.iter().collect::<BTreeMap<_, _>>() {
        report.cells[cell] = Some(raw.clone());
        let l = &lines[*line];
        recognised.push(Recognised {
            path: form::cells()[cell].path.clone(),
            raw: raw.clone(),
            source_line: l.no,
            source_text: l.text(),
            uncertain: sink.uncertain.get(&cell).cloned(),
        });
    }
    let missing = form::cells()
        .iter()
        .enumerate()
        .filter(|(i, d)| !d.derived && !sink.found.contains_key(i))
        .map(|(_, d)| d.path.clone())
        .collect();
    let mut findings = printed_totals(&report, &sink.printed);
    findings.extend(rules::check(&report, None));
    Ok(Imported { report, recognised, missing, findings, format, notes })
}

/// Why a figure placed by the sums is marked, before its row's label.
const BY_SUMS: &str = "原文中数字与标签分开排列（如逐列或分块），按表中位置计入，已由合计核对：";

/// Why figures are marked when two of them were printed as one and the sums cut them apart.
const GLUED: &str = "原文中两个数字连在一起（如从 PDF 阅读器复制的文字），已按合计拆开，请核对：";

/// Why table C's figures are marked when several arrangements add up (which group is which).
const GROUPS_AS_PRINTED: &str =
    "原文中数字与标签分开排列，各组合计可有多种排列（如不能确认哪组是哪一栏）：按原文中各组（总计）印出的先后顺序计入：";

/// Why table C's figures are marked when no arrangement adds up (a printed 总计 disagrees).
const AS_PRINTED: &str = "原文中数字与标签分开排列，且合计与各项之和不符，无法核对：按原文印出的顺序逐个计入：";

/// The runs of figures that end a table's lines (figure-only lines joined), in order, with the
/// index of their line in the document; none if a cell is blank (its column is unknown).
fn figure_runs(lines: &[(usize, Line)], offset: usize) -> Option<Vec<arrange::Run>> {
    join_figure_lines(lines)
        .into_iter()
        .filter_map(|(i, l)| trailing_figures(&l).map(|(_, run)| (run, i + offset)))
        .filter(|(run, _)| !run.is_empty())
        .map(|(run, i)| Some((run.into_iter().collect::<Option<Vec<_>>>()?, i)))
        .collect()
}

/// Figures found so far: typed cells, and printed totals to compare (cell index → text, line).
#[derive(Default)]
struct Sink {
    found: HashMap<usize, (String, usize)>,
    printed: HashMap<usize, (String, usize)>,
    /// Typed cells left blank in a row that was read (cell index → line).
    blank: BTreeMap<usize, usize>,
    /// Cells placed by their position in the table rather than by their own label: why.
    uncertain: HashMap<usize, String>,
    /// What the reviewer should know about how a table was read.
    notes: Vec<String>,
    /// Tables (one section with a 总计 column) printing it on a row that adds up: a row of
    /// one figure fewer there lost one to its label (a figure run into the label's text), not
    /// its 总计.
    full: Vec<usize>,
}

impl Sink {
    /// Whether the figures found for a row are `values` (each column's, or each typed column's).
    /// Whether the figures found for a row by its label are `values` (each column's, or each
    /// typed column's); those placed by position are not compared.
    fn holds(&self, table: usize, section: usize, row: usize, values: &[String]) -> bool {
        let columns = TABLES[table].sections[section].columns;
        let cols = (0..columns.len()).filter(|&c| values.len() == columns.len() || !columns[c].total);
        cols.zip(values).all(|(c, v)| {
            let cell = form::cell_at(table, section, row, c);
            self.uncertain.contains_key(&cell)
                || [&self.found, &self.printed].iter().all(|m| m.get(&cell).is_none_or(|(got, _)| got == v))
        })
    }

    /// A row of a one-section table placed by position given the figures the sums confirm.
    fn replace(&mut self, table: usize, row: usize, values: &[Option<String>], line: usize, why: &str) {
        let columns = TABLES[table].sections[0].columns;
        let cols = (0..columns.len()).filter(|&c| values.len() == columns.len() || !columns[c].total);
        for (c, v) in cols.zip(values) {
            let cell = form::cell_at(table, 0, row, c);
            let Some(v) = v else { continue };
            if form::cells()[cell].derived {
                self.printed.insert(cell, (v.clone(), line));
            } else {
                self.found.insert(cell, (v.clone(), line));
                self.uncertain.insert(cell, why.to_string());
            }
        }
    }

    /// Puts a row's figures in its cells, with why their place is uncertain if it is; false if
    /// their number fits neither the typed columns nor the typed columns with their printed totals.
    fn fill(
        &mut self,
        table: usize,
        section: usize,
        row: usize,
        run: &[Option<String>],
        line: usize,
        uncertain: Option<&str>,
    ) -> bool {
        let s = &TABLES[table].sections[section];
        let typed = s.columns.iter().filter(|c| !c.total).count();
        // A row padded past its total (a converted table's cells to the table's width): the total
        // is its last figure, whatever blank cells come before.
        let last = run.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
        let run = if s.columns.last().is_some_and(|c| c.total) && last >= s.columns.len() { &run[..last] } else { run };
        // Blank cells between a label and its figures (a merged label cell) are not columns,
        // unless more figures follow than the row has columns.
        let lead = run.iter().take_while(|v| v.is_none()).count();
        // Blank cells past the section's width (a spreadsheet's empty styled cells) are not columns.
        let surplus =
            run.iter().rev().take_while(|v| v.is_none()).count().min(run.len().saturating_sub(lead + s.columns.len()));
        let run = &run[..run.len() - surplus];
        let run = if [s.columns.len(), typed].contains(&(run.len() - lead)) {
            &run[lead..]
        } else {
            &run[lead.min(run.len().saturating_sub(s.columns.len()))..]
        };
        let cols: Vec<usize> = if run.len() == s.columns.len() {
            (0..s.columns.len()).collect()
        } else if run.len() == typed && !self.full.contains(&table) {
            (0..s.columns.len()).filter(|&c| !s.columns[c].total).collect()
        } else {
            // Two figures a copy ran together ("25 28" as "2528"), if the row's total tells which.
            let total = s.columns.last().is_some_and(|c| c.total) && self.full.contains(&table);
            let figures: Option<Vec<String>> = run.iter().cloned().collect();
            let split = figures
                .filter(|f| total && f.len() + 1 == s.columns.len())
                .and_then(|f| Some((glued::split_pair(&f, adds_up)?, f)));
            let Some(((at, a, b), mut f)) = split else { return false };
            f.splice(at..=at, [a, b]);
            let why = format!("{GLUED}「{}」", s.rows[row].label);
            return self.fill(table, section, row, &f.into_iter().map(Some).collect::<Vec<_>>(), line, Some(&why));
        };
        for (&c, value) in cols.iter().zip(run) {
            let cell = form::cell_at(table, section, row, c);
            let Some(value) = value else {
                if !form::cells()[cell].derived {
                    self.blank.entry(cell).or_insert(line);
                }
                continue;
            };
            let target = if form::cells()[cell].derived { &mut self.printed } else { &mut self.found };
            target.entry(cell).or_insert_with(|| (value.clone(), line));
            if let Some(why) = uncertain.filter(|_| !form::cells()[cell].derived) {
                self.uncertain.entry(cell).or_insert_with(|| why.to_string());
            }
        }
        true
    }
}

/// A table's lines, empty ones left out, with each run of lines holding nothing but figures (or
/// placeholders, or a converted table's empty cells) joined into one, keeping the index of its
/// first: a table copied one cell per line (as some browsers and PDF viewers give it) then reads
/// one row per line, and so does a row of figures a PDF wrapped.
fn join_figure_lines(lines: &[(usize, Line)]) -> Vec<(usize, Line)> {
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
fn split_rows(table: &Table, lines: Vec<(usize, Line)>) -> Vec<(usize, Line)> {
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
fn down_too(run: &[Option<String>], w: usize) -> bool {
    let k = run.len() / w;
    let down: Vec<Option<String>> = (0..run.len()).map(|i| run[(i % w) * k + i / w].clone()).collect();
    down != run && down.chunks(w).all(adds_up)
}

/// Whether a row's printed total (its last figure) is the sum of the figures before it.
fn adds_up(run: &[Option<String>]) -> bool {
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
fn columnar(
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

/// Between two rows found by their labels, the rows not found and the figure runs under no label
/// correspond one to one, in order, when there are as many of each and every run fits its row
/// (its printed total, if any, adding up): a PDF's reading order that gives some labels apart
/// from their figures. Returns the runs left unplaced.
fn fill_gaps(
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
/// document.
fn read_table(table: usize, lines: &[Line], offset: usize, format: Format, sink: &mut Sink) {
    let t = &TABLES[table];
    let rows: Vec<(usize, usize)> =
        t.sections.iter().enumerate().flat_map(|(s, sec)| (0..sec.rows.len()).map(move |r| (s, r))).collect();
    let row_of = |i: usize| &t.sections[rows[i].0].rows[rows[i].1];
    // Groups of items (（六）其他处理) are labels too: a report may print one as a single row.
    let mut groups: Vec<&str> = (0..rows.len()).filter_map(|i| row_of(i).groups.get(1).copied()).collect();
    groups.dedup();
    let headings: Vec<String> = t.sections.iter().map(|s| normalise(s.heading)).collect();
    // Each row's names (its label, and what else reports print), normalised.
    let names: Vec<Vec<String>> = (0..rows.len())
        .map(|i| std::iter::once(row_of(i).label).chain(row_of(i).also.iter().copied()).map(normalise).collect())
        .collect();
    let matcher = Matcher::new(
        (0..rows.len())
            .map(|i| std::iter::once(row_of(i).label).chain(row_of(i).also.iter().copied()).collect::<Vec<_>>())
            .chain(groups.iter().map(|&g| vec![g])),
    );
    // The 2019 format has （六）其他处理 as one row, without its three items: never look for them.
    let excluded = |i: usize| format == Format::Format2019 && row_of(i).groups.get(1) == Some(&FORMAT_2019_SINGLE_ROW);
    let mut done = vec![false; rows.len()];
    let mut alone: Vec<(usize, Vec<Option<String>>, usize)> = Vec::new();
    let mut previous = None;
    let mut buffer: Vec<char> = Vec::new();
    let mut unlabelled: Vec<(Vec<Option<String>>, usize)> = Vec::new();
    let mut stray: Option<(Vec<Option<String>>, usize)> = None;
    let mut queue: Vec<usize> = Vec::new();
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut under_label: Vec<usize> = Vec::new();
    let all = lines;
    let lines = glued::table(lines);
    if let [section] = t.sections {
        let w = section.columns.len();
        let full = |(_, l): &(usize, Line)| trailing_figures(l).is_some_and(|(_, run)| run.len() == w && adds_up(&run));
        if t.layout != Layout::Across && section.columns.last().is_some_and(|c| c.total) && lines.iter().any(full) {
            sink.full.push(table);
        }
    }
    let joined = join_figure_lines(&lines);
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
        let taken =
            if shifted.is_some() { None } else { columnar(t, &rows, &done, &queue, (&run, under)) }.unwrap_or_default();
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
                let earlier =
                    (0..i).rev().find(|&j| !done[j] && !excluded(j) && before.contains(&normalise(row_of(j).label)));
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
    if t.layout != Layout::Across {
        unlabelled = fill_gaps(table, &rows, &anchors, unlabelled, &mut done, sink);
    }
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
        let placed = figure_runs(&lines, offset).and_then(|runs| arrange::grid(&t.sections[0], &text, &runs));
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
            for &i in &items {
                sink.fill(table, rows[i].0, rows[i].1, if i == r { &run } else { &zeros }, index, Some(&why));
            }
            sink.notes.push(format!("{why}，请核对"));
        } else {
            sink.notes
                .push(format!("原表{name}只印出合计（{}），未分项：未导入，请按原表填写其下各项", shown.join("、")));
        }
    }
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
            for (run, _) in &mut unlabelled {
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

/// `import.total_mismatch` for each printed total whose parts were all read and whose sum differs.
fn printed_totals(report: &Report, printed: &HashMap<usize, (String, usize)>) -> Vec<Finding> {
    let mut cells: Vec<_> = printed.iter().collect();
    cells.sort_by_key(|(&i, _)| i);
    cells
        .into_iter()
        .filter_map(|(&i, (raw, _))| {
            let all_read = derived_parts(i).all(|p| matches!(report.entry(p), Entry::Valid(_)));
            let printed = parse_count(raw).ok()?;
            let computed = report.value(i)?.as_count()?;
            (all_read && printed != computed).then(|| {
                let def = &form::cells()[i];
                Finding {
                    rule: Rule::ImportTotalMismatch,
                    cells: vec![def.path.clone()],
                    message: format!("{}：文件中印出 {printed}，按各项计算为 {computed}", def.describe()),
                }
            })
        })
        .collect()
}

struct Title {
    line: usize,
    organ: String,
    year: i32,
    /// The text a copy ran into the title on its line ("…年度报告本报告由…"): the preamble's start.
    rest: String,
}

/// A year written as "2023 年" / "2023年度".
fn year_in(text: &str) -> Option<(usize, usize, i32)> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        // Four ASCII digits: `i` and `i + 4` are char boundaries.
        if !b[i..i + 4].iter().all(u8::is_ascii_digit) || (i > 0 && b[i - 1].is_ascii_digit()) {
            return None;
        }
        let after = text[i + 4..].trim_start();
        let year: i32 = text[i..i + 4].parse().ok()?;
        (after.starts_with('年') && crate::report::YEARS.contains(&year))
            .then(|| (i, text.len() - after.len() + '年'.len_utf8(), year))
    })
}

/// The report's title ("泉港区 2023 年度政府信息公开工作年度报告", or the organ on the line
/// above "2024 年政府信息公开工作年度报告"): the last such line before part 一.
fn title(lines: &[Line]) -> Option<Title> {
    let is_title = |t: &str| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        (t.ends_with("年度报告") || t.ends_with("年报"))
            && t.contains("政府信息公开")
            && !t.contains(['《', '“', '，', '。'])
            && !t.contains("关于")
            && t.chars().count() <= 60
    };
    // A title set over two lines ("2024 年某某委政府信息公开工作" / "年度报告") is read joined; one
    // that a copy ran into the text after it, up to its end.
    let (line, text, (start, end, year), rest) = lines.iter().enumerate().rev().find_map(|(i, l)| {
        let t = clean(&l.text()).to_string();
        let joined = lines.get(i + 1).map(|n| (i + 1, format!("{t}{}", clean(&n.text()))));
        let run_on = |(i, t): (usize, String)| {
            let cut = t.find("年度报告").map(|at| at + "年度报告".len()).filter(|&at| at < t.len());
            let cut = cut.map(|at| (i, t[..at].to_string(), t[at..].trim().to_string()));
            std::iter::once((i, t, String::new())).chain(cut)
        };
        [(i, t)].into_iter().chain(joined).flat_map(run_on).find_map(|(i, t, rest)| {
            let year = is_title(&t).then(|| year_in(&t)).flatten()?;
            Some((i, t, year, rest))
        })
    })?;
    let mut organ = unnumbered(&text[..start]).to_string();
    if organ.is_empty() {
        let after = text[end..].trim_start_matches('度');
        organ = after.split("政府信息公开").next().unwrap_or_default().trim().to_string();
    }
    if organ.is_empty() {
        let above =
            lines[..line].iter().rev().map(|l| unnumbered(clean(&l.text())).to_string()).find(|t| !t.is_empty());
        organ = above
            .filter(|t| t.chars().count() <= 30 && normalise(t).chars().count() == t.chars().count())
            .unwrap_or_default();
    }
    Some(Title { line, organ, year, rest })
}

/// Text without a page number a copy ran into its start ("- 1-淮安市…", "—1—").
fn unnumbered(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        (c.is_ascii() && !c.is_ascii_alphabetic()) || matches!(c, '—' | '–' | '－' | '　')
    })
    .trim()
}

fn year_from_text(lines: &[Line]) -> i32 {
    lines
        .iter()
        .find_map(|l| {
            let t = l.text();
            t.contains("统计").then(|| year_in(&t)).flatten().map(|(_, _, y)| y)
        })
        .unwrap_or(0)
}

/// A region or its government named in the title ("泉港区", "泉港区人民政府") as the government the
/// document names in full elsewhere ("泉州市泉港区人民政府"); other organs as written.
fn full_organ(organ: &str, lines: &[Line]) -> String {
    const REGION_ENDS: &[char] = &['省', '市', '区', '县', '州', '旗', '盟'];
    let region = organ.strip_suffix("人民政府").unwrap_or(organ);
    if !region.ends_with(REGION_ENDS) {
        return organ.to_string();
    }
    let government = format!("{region}人民政府");
    let delimiters = |c: char| !c.is_alphanumeric() || "在于向与经由及和的".contains(c);
    let mut best = government.clone();
    for line in lines {
        let text = line.text();
        for (at, _) in text.match_indices(&government) {
            let before = &text[..at];
            // At most one character more than a prefix may have: the rest is never looked at.
            let prefix: String = before
                .chars()
                .rev()
                .take_while(|&c| !delimiters(c))
                .take(8)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let n = prefix.chars().count();
            if (2..=7).contains(&n)
                && prefix.ends_with(REGION_ENDS)
                && n + government.chars().count() > best.chars().count()
            {
                best = format!("{prefix}{government}");
            }
        }
    }
    best
}

/// A government of a county or above publishes the aggregate (汇总) report; others their own.
fn scope_of(organ: &str) -> Scope {
    let region = organ.strip_suffix("人民政府");
    if region.is_some_and(|r| r.ends_with(['省', '市', '区', '县', '州', '旗', '盟'])) {
        Scope::Aggregate
    } else {
        Scope::Own
    }
}

/// Display width of a line (CJK counts two), to tell lines wrapped by a PDF from paragraphs.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The usual width of full lines: PDF text wraps at it, so a line that reaches it without ending
/// a sentence continues on the next.
fn typical_width(lines: &[Line]) -> usize {
    let mut w: Vec<usize> =
        lines.iter().filter(|l| !l.row).map(|l| width(clean(&l.text()))).filter(|&w| w >= 30).collect();
    w.sort_unstable();
    w.get(w.len() / 2).copied().unwrap_or(usize::MAX)
}

/// What ends a document after its last part: rules, 抄送, the issuing office and date.
fn is_tail(text: &str) -> bool {
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
fn join_text(lines: &[Line], first: &str, width_full: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        super::super::text::lines(text).remove(0)
    }

    #[test]
    fn headings_in_their_variants() {
        let heading_of = |line: &Line, part| heading_of(line, &normalise(&line.text()), part);
        for h in [
            "二、主动公开政府信息情况",
            "### 二、主动公开政府信息情况",
            "二．主动公开政府信息情况",
            "二、 主动公开政府信息情况",
            "**二、主动公开政府信息情况**",
        ] {
            assert_eq!(heading_of(&line(h), 1).as_deref(), Some(""), "{h}");
        }
        assert_eq!(heading_of(&line("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"), 3).as_deref(), Some(""));
        assert_eq!(heading_of(&line("总体情况"), 0).as_deref(), Some(""), "automatic numbering");
        assert_eq!(heading_of(&line("一、总体情况。2024年，本局…"), 0).as_deref(), Some("2024年，本局…"));
        assert_eq!(heading_of(&line("二、上年结转政府信息公开申请数量\t0\t0"), 1), None);
        assert_eq!(heading_of(&line("（二）主动公开政府信息情况"), 1), None);
        assert_eq!(heading_of(&line("一是主动公开政府信息情况良好"), 1), None);
    }

    #[test]
    fn figures_end_a_row() {
        let figures = |t: &str| {
            trailing_figures(&line(t))
                .map(|(start, run)| (start, run.into_iter().map(|v| v.unwrap_or_default()).collect::<Vec<_>>()))
        };
        assert_eq!(figures("规章 1 0 １１"), Some((1, vec!["1".into(), "0".into(), "11".into()])));
        assert_eq!(figures("行政许可 447,228"), Some((1, vec!["447228".into()])));
        // In a row, cells after the last figure are columns too (a placeholder or left blank).
        assert_eq!(
            figures("（七）总计\t\t26\t\t0\t—\t"),
            Some((1, vec!["".into(), "26".into(), "".into(), "0".into(), "".into(), "".into()]))
        );
        assert_eq!(figures("1. 属于国家秘密"), None, "a numbering is not a figure");
        assert_eq!(figures("新收 26 件，结转 0 件"), None);
        assert_eq!(figures("行政事业性收费 435.18246"), Some((1, vec!["435.18246".into()])));
    }

    #[test]
    fn footers_are_recognised() {
        for f in ["- 5 -", "— 12 —", "第 3 页 共 9 页", "3/9"] {
            assert!(is_footer(f), "{f}");
        }
        for t in ["5", "-", "一、总体情况", "第二十条第（一）项", "— — — — — — 0", "— 0 —", "1 / 11", "0 / 0"]
        {
            assert!(!is_footer(t), "{t}");
        }
    }

    #[test]
    fn radical_forms_read_as_their_ideographs() {
        let text = "淮安市⼈⺠政府\n2024 年政府信息公开工作年度报告\n⼀、总体情况\n本年…";
        let got = analyse(super::super::text::lines(text)).unwrap();
        assert_eq!((got.report.organ.as_str(), got.report.year), ("淮安市人民政府", 2024));
        assert_eq!(got.report.text.overview, "本年…");
    }

    #[test]
    fn organ_named_in_full() {
        let lines = super::super::text::lines("本报告全文在泉州市泉港区人民政府网站公布");
        assert_eq!(full_organ("泉港区", &lines), "泉州市泉港区人民政府");
        assert_eq!(full_organ("泉港区", &[]), "泉港区人民政府");
        assert_eq!(full_organ("泉港区人民政府", &lines), "泉州市泉港区人民政府", "a title naming the government");
        assert_eq!(full_organ("某市交通运输局", &lines), "某市交通运输局");
        assert_eq!(scope_of("泉州市泉港区人民政府"), Scope::Aggregate);
        assert_eq!(scope_of("某镇人民政府"), Scope::Own);
    }
}
