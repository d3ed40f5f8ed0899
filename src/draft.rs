//! Editing a report the way the page does, kept out of the browser so it is tested natively:
//! edits with an undo/redo history, where a block pasted from a spreadsheet lands, where the
//! arrow keys go, and which findings mark which cell. The web app only wires these to events.

use crate::form;
use crate::grid::{self, Content};
use crate::report::{Report, Scope};
use crate::rules::{Finding, Level, Rule};
use std::collections::HashMap;
use std::rc::Rc;

/// Keystrokes in one field closer together than this are one undo step.
pub const COALESCE_MS: f64 = 1000.0;
/// Undo steps kept; older ones are dropped so a long session stays small.
const HISTORY_LIMIT: usize = 300;
/// Cells remembered as recently edited, for where a difference most likely is.
const RECENT_LIMIT: usize = 64;

/// A change the user makes to the draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Cell {
        path: String,
        raw: String,
    },
    Text {
        key: &'static str,
        text: String,
    },
    Organ(String),
    Year(i32),
    Scope(Scope),
    /// A field of the 公文 wrapper ([`crate::report::Document`]), by its JSON key.
    Document {
        key: &'static str,
        value: String,
    },
    /// Several typed cells at once (a pasted block), by index into [`form::cells`]: one undo step.
    Cells(Vec<(usize, String)>),
    /// A whole other report (new, opened, started from last year's): undoable like any edit,
    /// so replacing the draft never loses it.
    Replace(Box<Report>),
}

impl Edit {
    /// The field a run of keystrokes stays in; edits without one never merge.
    fn field(&self) -> Option<String> {
        match self {
            Edit::Cell { path, .. } => Some(path.clone()),
            Edit::Text { key, .. } => Some(format!("text.{key}")),
            Edit::Organ(_) => Some("organ".into()),
            Edit::Year(_) => Some("year".into()),
            Edit::Document { key, .. } => Some(format!("document.{key}")),
            Edit::Scope(_) | Edit::Cells(_) | Edit::Replace(_) => None,
        }
    }
}

/// The report being edited and its history.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Draft {
    /// The report and its earlier and undone states are shared (`Rc`): the page's reducer copies
    /// the draft and renders it on every keystroke, and that costs pointers, not reports.
    pub report: Rc<Report>,
    undo: Vec<Rc<Report>>,
    redo: Vec<Rc<Report>>,
    /// The field and time of the last edit, to merge a run of typing into one step.
    last: Option<(String, f64)>,
    /// Typed cells in the order last edited (most recent last), by index into [`form::cells`].
    recent: Vec<usize>,
}

impl Draft {
    pub fn new(report: Report) -> Draft {
        Draft { report: Rc::new(report), ..Draft::default() }
    }

    /// Applies `edit` made at `now_ms`; false if it changed nothing (no history entry then).
    pub fn apply(&mut self, edit: Edit, now_ms: f64) -> bool {
        let field = edit.field();
        let mut next = (*self.report).clone();
        let mut touched = Vec::new();
        match edit {
            Edit::Cell { path, raw } => {
                if next.set(&path, &raw) {
                    touched.extend(form::cell_index(&path));
                }
            }
            Edit::Text { key, text } => {
                if let Some(t) = next.text.get_mut(key) {
                    *t = text;
                }
            }
            Edit::Organ(organ) => next.organ = organ,
            Edit::Year(year) => next.year = year,
            Edit::Scope(scope) => next.scope = scope,
            Edit::Document { key, value } => {
                if let Some((_, field)) = next.document.fields_mut().into_iter().find(|(k, _)| *k == key) {
                    *field = value;
                }
            }
            Edit::Cells(cells) => {
                for (i, raw) in cells {
                    next.set(&form::cells()[i].path, &raw);
                    touched.push(i);
                }
            }
            Edit::Replace(report) => {
                next = *report;
                self.recent.clear();
            }
        }
        if next == *self.report {
            return false;
        }
        for i in touched {
            self.recent.retain(|&j| j != i);
            self.recent.push(i);
        }
        if self.recent.len() > RECENT_LIMIT {
            self.recent.drain(..self.recent.len() - RECENT_LIMIT);
        }
        let merge = matches!((&self.last, &field), (Some((f, t)), Some(g)) if f == g && now_ms - t < COALESCE_MS);
        let before = std::mem::replace(&mut self.report, Rc::new(next));
        if !merge {
            self.undo.push(before);
            if self.undo.len() > HISTORY_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last = field.map(|f| (f, now_ms));
        true
    }

    pub fn undo(&mut self) -> bool {
        let Some(before) = self.undo.pop() else { return false };
        self.redo.push(std::mem::replace(&mut self.report, before));
        self.last = None;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(after) = self.redo.pop() else { return false };
        self.undo.push(std::mem::replace(&mut self.report, after));
        self.last = None;
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The typed cells in the order last edited, the most recent last.
    pub fn recent(&self) -> &[usize] {
        &self.recent
    }
}

/// The typed figures left blank, of one table or (`None`) of the whole report: what 空白填 0
/// fills, after saying how many.
pub fn blank_cells(report: &Report, table: Option<usize>) -> Vec<usize> {
    form::cells()
        .iter()
        .enumerate()
        .filter(|(i, def)| !def.derived && table.is_none_or(|t| def.table == t) && report.cells[*i].is_none())
        .map(|(i, _)| i)
        .collect()
}

/// The figures of a table as drawn, one list per grid line that holds figures, left to right.
/// Pasting and arrow keys walk this, so they follow the printed form (totals included).
fn figure_lines(table: usize) -> Vec<Vec<usize>> {
    grid::grid(table)
        .lines
        .iter()
        .map(|line| {
            line.iter()
                .filter_map(|c| match c.content {
                    Content::Figure(i) => Some(i),
                    Content::Label(_) => None,
                })
                .collect::<Vec<_>>()
        })
        .filter(|figures| !figures.is_empty())
        .collect()
}

/// The figure lines of `index`'s table, with the line and position of `index` in them.
fn locate(index: usize) -> (Vec<Vec<usize>>, usize, usize) {
    let lines = figure_lines(form::cells()[index].table);
    let (y, x) = lines
        .iter()
        .enumerate()
        .find_map(|(y, l)| l.iter().position(|&i| i == index).map(|x| (y, x)))
        .expect("every figure is drawn in its table's grid");
    (lines, y, x)
}

/// Whether pasted text is a block of several cells (tabs or line breaks) rather than one value.
pub fn is_block(text: &str) -> bool {
    text.trim_end_matches(['\r', '\n']).contains(['\t', '\n'])
}

/// Rows of cells of text copied from Excel/WPS: tabs between cells, line breaks between rows,
/// without the line break spreadsheets add at the end.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    text.trim_end_matches(['\r', '\n'])
        .split('\n')
        .map(|line| line.trim_end_matches('\r').split('\t').map(|c| c.trim().to_string()).collect())
        .collect()
}

/// Where a pasted block lands.
#[derive(Debug, PartialEq, Eq)]
pub struct Paste {
    /// The typed cells it fills, by index into [`form::cells`], with their text.
    pub cells: Vec<(usize, String)>,
    /// Positions that fell on a total: those are computed, so what was pasted there is ignored.
    pub skipped_totals: usize,
    /// Row labels copied along with the figures (from a published table), left out.
    pub dropped_labels: bool,
}

/// A block larger than the table from the starting cell on: nothing is pasted.
#[derive(Debug, PartialEq, Eq)]
pub struct Overflow {
    pub rows: usize,
    pub cols: usize,
    pub fit_rows: usize,
    pub fit_cols: usize,
}

impl Overflow {
    pub fn message(&self) -> String {
        format!(
            "粘贴的数据有 {} 行 × {} 列，从此格起本表只容得下 {} 行 × {} 列，未粘贴。请从更靠左上的格子粘贴，或少复制几行几列。",
            self.rows, self.cols, self.fit_rows, self.fit_cols
        )
    }
}

impl Paste {
    pub fn message(&self) -> String {
        let mut s = format!("已粘贴 {} 格", self.cells.len());
        if self.dropped_labels {
            s += "（随数字复制的行标签已略去）";
        }
        if self.skipped_totals > 0 {
            s += &format!("（{} 格落在合计上，合计自动计算，已跳过）", self.skipped_totals);
        }
        s
    }
}

/// Rows copied with their labels — a published table's rows, "规章\t0\t0\t0" — lose the label
/// cells in front of their figures, so the figures land where the paste starts. Only when every
/// row opens with a label; text among figures (a typo like "12a") stays and is flagged.
fn without_labels(block: Vec<Vec<String>>) -> (Vec<Vec<String>>, bool) {
    let number = |c: &str| crate::report::parse_count(c).is_ok() || crate::report::parse_fee(c).is_ok();
    let label = |c: &String| !c.is_empty() && !number(c);
    let labelled = block.iter().all(|row| row.iter().find(|c| !c.is_empty()).is_some_and(label));
    if !labelled {
        return (block, false);
    }
    let rows =
        block.into_iter().map(|row| row.into_iter().skip_while(|c| c.is_empty() || label(c)).collect()).collect();
    (rows, true)
}

/// Where `n` pasted items go among `slots` (from the paste's start on): one slot each, in order,
/// except that `n` equal to the number of typed slots where that is fewer than all means a
/// block copied without the totals (a sheet's input rows, or without its 总计 column), which
/// lands on the typed slots only. `None` if it does not fit.
fn targets(slots: &[usize], typed: impl Fn(usize) -> bool, n: usize) -> Option<Vec<usize>> {
    let inputs: Vec<usize> = slots.iter().copied().filter(|&s| typed(s)).collect();
    if n == inputs.len() && n < slots.len() {
        Some(inputs)
    } else {
        (n <= slots.len()).then(|| slots[..n].to_vec())
    }
}

/// Lays a block copied from a spreadsheet over the drawn table with its top-left at `start`,
/// line by line and figure by figure as printed; a block of exactly the input lines or input
/// columns skips the totals ([`targets`]). Refuses (changing nothing) if any part of the block
/// would fall outside the table.
pub fn paste(start: usize, text: &str) -> Result<Paste, Overflow> {
    let (block, dropped_labels) = without_labels(parse_block(text));
    let (lines, y, x) = locate(start);
    let rows = block.len();
    let cols = block.iter().map(Vec::len).max().unwrap_or(0);
    let typed = |i: usize| !form::cells()[i].derived;
    let overflow = || {
        let fit_rows = lines.len() - y;
        let fit_cols = lines[y..].iter().take(rows).map(|l| l.len().saturating_sub(x)).min().unwrap_or(0);
        Overflow { rows, cols, fit_rows, fit_cols }
    };
    let line_slots: Vec<usize> = (y..lines.len()).collect();
    let to_lines = targets(&line_slots, |l| lines[l].iter().any(|&i| typed(i)), rows).ok_or_else(overflow)?;
    let mut out = Paste { cells: Vec::new(), skipped_totals: 0, dropped_labels };
    for (row, l) in block.into_iter().zip(to_lines) {
        let slots = lines[l].get(x..).unwrap_or_default();
        let to = targets(slots, typed, row.len()).ok_or_else(overflow)?;
        out.skipped_totals += to.iter().filter(|&&i| !typed(i)).count();
        out.cells.extend(to.into_iter().zip(row).filter(|&(i, _)| typed(i)));
    }
    Ok(out)
}

/// A move between figures, as the arrow keys, Enter and Shift+Enter ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
}

/// The typed figure next to `index` as drawn, skipping totals; `None` at the edge of the form.
/// Going up or down into a shorter line lands on its last figure (table A's single figures);
/// past a table's last line down (or first line up) is the next (previous) table, as on paper.
pub fn neighbor(index: usize, mv: Move) -> Option<usize> {
    let mut table = form::cells()[index].table;
    let (mut lines, mut y, mut x) = locate(index);
    loop {
        match mv {
            Move::Up if y == 0 => {
                table = table.checked_sub(1)?;
                lines = figure_lines(table);
                y = lines.len() - 1;
            }
            Move::Up => y -= 1,
            Move::Down if y + 1 == lines.len() => {
                table = Some(table + 1).filter(|&t| t < form::TABLES.len())?;
                lines = figure_lines(table);
                y = 0;
            }
            Move::Down => y += 1,
            Move::Left => x = x.checked_sub(1)?,
            Move::Right => x = Some(x + 1).filter(|&x| x < lines[y].len())?,
        }
        let i = lines[y][x.min(lines[y].len() - 1)];
        if !form::cells()[i].derived {
            return Some(i);
        }
    }
}

/// How a cell or text part with findings is shown: its rules (most severe first), the level of
/// the most severe, and every message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub rules: Vec<Rule>,
    pub level: Level,
    pub messages: Vec<String>,
}

impl Mark {
    /// The `data-rule` attribute: the rule ids, space-separated (so `[data-rule~=id]` finds each).
    pub fn rule_attr(&self) -> String {
        self.rules.iter().map(|r| r.id()).collect::<Vec<_>>().join(" ")
    }
}

/// Marks by cell path (or `text.<key>`), from findings sorted errors first.
pub fn marks(findings: &[Finding]) -> HashMap<String, Mark> {
    let mut out: HashMap<String, Mark> = HashMap::new();
    for f in findings {
        for cell in &f.cells {
            let m =
                out.entry(cell.clone()).or_insert_with(|| Mark { rules: vec![], level: f.level(), messages: vec![] });
            if !m.rules.contains(&f.rule) {
                m.rules.push(f.rule);
            }
            m.level = m.level.min(f.level());
            m.messages.push(f.message.clone());
        }
    }
    out
}

/// The download name, `<机关><年度>年政府信息公开工作年度报告.<ext>` (json, docx, xlsx), without
/// characters Windows refuses.
pub fn file_name(report: &Report, ext: &str) -> String {
    let organ: String = report.organ.trim().chars().filter(|c| !r#"\/:*?"<>|"#.contains(*c)).collect();
    format!("{organ}{}年{}.{ext}", report.year, form::TITLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str) -> usize {
        form::cell_index(path).unwrap()
    }

    fn cell(path: &str, raw: &str) -> Edit {
        Edit::Cell { path: path.into(), raw: raw.into() }
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut d = Draft::new(Report::new(2024));
        assert!(!d.can_undo());
        assert!(d.apply(cell("proactive.licensing", "12"), 0.0));
        assert!(d.apply(Edit::Text { key: "overview", text: "总体".into() }, 5000.0));
        assert!(d.apply(Edit::Organ("某局".into()), 9000.0));
        assert!(d.undo());
        assert_eq!(d.report.organ, "");
        assert!(d.undo());
        assert_eq!(d.report.text.overview, "");
        assert_eq!(d.report.raw("proactive.licensing"), Some("12"));
        assert!(d.redo());
        assert_eq!(d.report.text.overview, "总体");
        assert!(d.undo() && d.undo());
        assert_eq!(*d.report, Report::new(2024));
        assert!(!d.undo());
        assert!(d.redo() && d.redo() && d.redo() && !d.redo());
        assert_eq!(d.report.organ, "某局");
    }

    #[test]
    fn a_run_of_typing_in_one_field_is_one_step() {
        let mut d = Draft::new(Report::new(2024));
        for (t, raw) in [(0.0, "1"), (200.0, "12"), (400.0, "123")] {
            d.apply(cell("proactive.licensing", raw), t);
        }
        // Another field, or a pause, starts a new step.
        d.apply(cell("proactive.penalty", "5"), 600.0);
        d.apply(cell("proactive.penalty", "56"), 5000.0);
        d.undo();
        assert_eq!(d.report.raw("proactive.penalty"), Some("5"));
        d.undo();
        assert_eq!(d.report.raw("proactive.penalty"), None);
        assert_eq!(d.report.raw("proactive.licensing"), Some("123"));
        d.undo();
        assert_eq!(d.report.raw("proactive.licensing"), None);
    }

    #[test]
    fn an_edit_that_changes_nothing_is_not_a_step_and_a_new_edit_clears_redo() {
        let mut d = Draft::new(Report::new(2024));
        assert!(!d.apply(cell("applications.total.total", "5"), 0.0), "derived cells are not typed");
        assert!(!d.can_undo());
        d.apply(cell("proactive.licensing", "1"), 0.0);
        d.undo();
        assert!(d.can_redo());
        d.apply(cell("proactive.penalty", "2"), 5000.0);
        assert!(!d.can_redo());
    }

    #[test]
    fn replacing_the_report_can_be_undone() {
        let mut d = Draft::new(Report::new(2024));
        d.apply(cell("proactive.licensing", "7"), 0.0);
        d.apply(Edit::Replace(Box::new(Report::new(2025))), 10.0);
        assert_eq!(d.report.year, 2025);
        d.undo();
        assert_eq!(d.report.raw("proactive.licensing"), Some("7"));
    }

    #[test]
    fn blocks_from_spreadsheets() {
        assert!(is_block("1\t2"));
        assert!(is_block("1\r\n2\r\n"));
        assert!(!is_block("12\r\n"));
        assert_eq!(parse_block("1\t 2\r\n3\t4\r\n"), vec![vec!["1", "2"], vec!["3", "4"]]);
    }

    #[test]
    fn a_3x6_block_fills_three_rows_of_applicants() {
        let text = "26\t0\t0\t0\t0\t0\n0\t0\t0\t0\t0\t0\n10\t1\t0\t0\t0\t2\n";
        let p = paste(at("applications.new_received.natural_person"), text).unwrap();
        assert_eq!(p.skipped_totals, 0);
        assert_eq!(p.cells.len(), 18);
        assert_eq!(p.cells[0], (at("applications.new_received.natural_person"), "26".into()));
        assert_eq!(p.cells[6], (at("applications.carried_over.natural_person"), "0".into()));
        assert_eq!(p.cells[17], (at("applications.granted.other_org"), "2".into()));
        let mut d = Draft::new(Report::new(2024));
        d.apply(Edit::Cells(p.cells), 0.0);
        assert_eq!(d.report.count("applications.granted.total"), Some(13));
        d.undo();
        assert_eq!(*d.report, Report::new(2024), "a paste is one undo step");
    }

    #[test]
    fn totals_in_a_pasted_block_are_skipped() {
        // A row copied with its 总计, and a column running over （七）总计.
        let p = paste(at("applications.new_received.natural_person"), "1\t2\t3\t4\t5\t6\t21").unwrap();
        assert_eq!((p.cells.len(), p.skipped_totals), (6, 1));
        let p = paste(at("applications.other_other.commercial"), "1\n99\n2").unwrap();
        assert_eq!(
            p.cells,
            vec![
                (at("applications.other_other.commercial"), "1".into()),
                (at("applications.carried_forward.commercial"), "2".into())
            ]
        );
        assert_eq!(p.message(), "已粘贴 2 格（1 格落在合计上，合计自动计算，已跳过）");
        // Table C is one line of 15: three blocks of four figures and a total.
        let p = paste(at("appeals.review.upheld"), "0\t0\t0\t0\t0\t1\t3\t0\t0").unwrap();
        assert_eq!(p.cells.last().unwrap().0, at("appeals.litigation_direct.pending"));
    }

    #[test]
    fn a_block_of_the_input_rows_or_columns_only_skips_the_totals() {
        // Table B's 24 input rows (no （七）总计) from 一: the last lands on 四, not on the total.
        let block: String = (1..=24).map(|n| format!("{n}\t0\t0\t0\t0\t0\n")).collect();
        let p = paste(at("applications.new_received.natural_person"), &block).unwrap();
        assert_eq!((p.cells.len(), p.skipped_totals), (144, 0));
        assert_eq!(p.cells[138], (at("applications.carried_forward.natural_person"), "24".into()));
        assert_eq!(p.cells[132], (at("applications.other_other.natural_person"), "23".into()));
        // The 21 result rows and 四 from （一）予以公开, one column.
        let block: String = (1..=22).map(|n| format!("{n}\n")).collect();
        let p = paste(at("applications.granted.commercial"), &block).unwrap();
        assert_eq!(p.cells.last().unwrap(), &(at("applications.carried_forward.commercial"), "22".into()));
        // Table C's 12 input columns (no 总计): each group's four figures.
        let p = paste(at("appeals.review.upheld"), "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12").unwrap();
        assert_eq!(p.skipped_totals, 0);
        assert_eq!(p.cells[4], (at("appeals.litigation_direct.upheld"), "5".into()));
        assert_eq!(p.cells[11], (at("appeals.litigation_after_review.pending"), "12".into()));
        // With the totals included, positions are kept as printed.
        let p = paste(at("appeals.review.upheld"), &["1"; 15].join("\t")).unwrap();
        assert_eq!((p.cells.len(), p.skipped_totals), (12, 3));
    }

    #[test]
    fn blank_figures_of_a_table_or_of_the_report() {
        let mut r = Report::new(2024);
        r.set("appeals.review.upheld", "2");
        let c = blank_cells(&r, Some(2));
        assert_eq!(c.len(), 11);
        assert!(c.iter().all(|&i| form::cells()[i].table == 2 && !form::cells()[i].derived));
        let typed = form::cells().iter().filter(|d| !d.derived).count();
        assert_eq!(blank_cells(&r, None).len(), typed - 1);
        let mut d = Draft::new(r);
        d.apply(Edit::Cells(blank_cells(&d.report, Some(2)).into_iter().map(|i| (i, "0".into())).collect()), 0.0);
        assert_eq!(d.report.count("appeals.review.total"), Some(2));
        assert!(blank_cells(&d.report, Some(2)).is_empty());
        d.undo();
        assert_eq!(blank_cells(&d.report, Some(2)).len(), 11, "one undo step");
    }

    #[test]
    fn recent_edits_are_remembered_in_order() {
        let mut d = Draft::new(Report::new(2024));
        d.apply(cell("proactive.licensing", "1"), 0.0);
        d.apply(cell("proactive.penalty", "1"), 10.0);
        d.apply(cell("proactive.licensing", "12"), 20.0);
        assert_eq!(d.recent(), [at("proactive.penalty"), at("proactive.licensing")]);
        d.apply(Edit::Replace(Box::new(Report::new(2025))), 30.0);
        assert!(d.recent().is_empty(), "another report starts afresh");
    }

    #[test]
    fn a_block_that_overflows_pastes_nothing() {
        let e = paste(at("applications.new_received.other_org"), "1\t2\t3").unwrap_err();
        assert_eq!(e, Overflow { rows: 1, cols: 3, fit_rows: 25, fit_cols: 2 });
        assert!(e.message().contains("1 行 × 3 列") && e.message().contains("未粘贴"), "{}", e.message());
        let e = paste(at("applications.carried_forward.natural_person"), "1\n2").unwrap_err();
        assert_eq!((e.rows, e.fit_rows), (2, 1));
        assert!(paste(at("proactive.licensing"), "1\t2").is_err(), "one figure in that line");
    }

    #[test]
    fn table_a_pastes_down_its_lines() {
        let p = paste(at("proactive.regulations.issued"), "0\t0\t5\n11\t38\t216\n1717").unwrap();
        assert_eq!(p.cells[5], (at("proactive.normative_documents.in_force"), "216".into()));
        assert_eq!(p.cells[6], (at("proactive.licensing"), "1717".into()));
    }

    #[test]
    fn rows_copied_with_their_labels_paste_their_figures() {
        // As copied from a published page: the label cell(s), then the figures.
        let text = "规章\t0\t0\t0\n行政规范性文件\t11\t38\t216\n";
        let p = paste(at("proactive.regulations.issued"), text).unwrap();
        assert!(p.dropped_labels);
        assert_eq!(p.cells.len(), 6);
        assert_eq!(p.cells[5], (at("proactive.normative_documents.in_force"), "216".into()));
        assert!(p.message().contains("行标签已略去"), "{}", p.message());
        // Table B rows with one or two label cells (the group label stands on the first only).
        let text = "三、本年度办理结果\t（一）予以公开\t20\t0\t0\t0\t0\t0\t20\n\t（二）部分公开\t2\t0\t0\t0\t0\t0\t2";
        let p = paste(at("applications.granted.natural_person"), text).unwrap();
        assert_eq!(p.cells.len(), 12);
        assert_eq!(p.skipped_totals, 2);
        assert_eq!(p.cells[6], (at("applications.partially_granted.natural_person"), "2".into()));
        // A typo among figures is pasted as typed, to be flagged.
        let p = paste(at("proactive.regulations.issued"), "0\t1a\t0").unwrap();
        assert!(!p.dropped_labels);
        assert_eq!(p.cells[1].1, "1a");
    }

    #[test]
    fn arrows_move_between_typed_figures() {
        let n = |p: &str, m| neighbor(at(p), m).map(|i| form::cells()[i].path.as_str());
        assert_eq!(
            n("applications.new_received.natural_person", Move::Down),
            Some("applications.carried_over.natural_person")
        );
        // Between tables, as on paper: down from table A's last figure into table B, and on.
        assert_eq!(n("applications.new_received.natural_person", Move::Up), Some("proactive.fees_wan_yuan"));
        assert_eq!(n("proactive.fees_wan_yuan", Move::Down), Some("applications.new_received.natural_person"));
        assert_eq!(n("applications.carried_forward.commercial", Move::Down), Some("appeals.review.corrected"));
        assert_eq!(n("appeals.review.upheld", Move::Up), Some("applications.carried_forward.natural_person"));
        assert_eq!(n("proactive.regulations.issued", Move::Up), None, "the top of the form");
        assert_eq!(n("appeals.litigation_after_review.pending", Move::Down), None, "the end of the form");
        assert_eq!(n("applications.new_received.natural_person", Move::Left), None);
        assert_eq!(
            n("applications.new_received.commercial", Move::Left),
            Some("applications.new_received.natural_person")
        );
        assert_eq!(n("applications.new_received.other_org", Move::Right), None, "the 总计 column is skipped");
        assert_eq!(n("applications.other_other.research", Move::Down), Some("applications.carried_forward.research"));
        assert_eq!(n("proactive.normative_documents.in_force", Move::Down), Some("proactive.licensing"));
        assert_eq!(n("proactive.licensing", Move::Down), Some("proactive.penalty"));
        assert_eq!(n("appeals.review.pending", Move::Right), Some("appeals.litigation_direct.upheld"));
    }

    #[test]
    fn marks_keep_the_most_severe_rule_and_every_message() {
        let mut r = Report::new(2024);
        r.set("applications.new_received.natural_person", "5");
        r.set("applications.carried_over.natural_person", "x");
        let m = marks(&crate::rules::check(&r, None));
        let bad = &m["applications.carried_over.natural_person"];
        assert_eq!((bad.rule_attr().as_str(), bad.level), ("cell.integer balance.pending", Level::Error));
        assert_eq!(bad.messages.len(), 2, "the typo, and that the column waits for it");
        let blank = &m["applications.carried_over.commercial"];
        assert_eq!((blank.rule_attr().as_str(), blank.level), ("cell.missing", Level::Warning));
        assert_eq!(m["text.overview"].rule_attr(), "text.required");
        for i in blank_cells(&r, Some(1)) {
            r.cells[i] = Some("0".into());
        }
        r.set("applications.carried_over.natural_person", "0");
        let m = marks(&crate::rules::check(&r, None));
        assert_eq!(m["applications.new_received.natural_person"].rule_attr(), "balance");
        assert_eq!(m["applications.total.natural_person"].rule_attr(), "balance");
    }

    #[test]
    fn file_names_follow_the_convention() {
        let mut r = Report::new(2023);
        r.organ = " 泉州市泉港区人民政府 ".into();
        assert_eq!(file_name(&r, "json"), "泉州市泉港区人民政府2023年政府信息公开工作年度报告.json");
        r.organ = "A/B:局".into();
        assert_eq!(file_name(&r, "docx"), "AB局2023年政府信息公开工作年度报告.docx");
    }

    #[test]
    fn wrapper_fields_are_undoable_edits() {
        let mut d = Draft::new(Report::new(2023));
        let doc = |key, value: &str| Edit::Document { key, value: value.into() };
        assert!(d.apply(doc("issuer", "某县"), 0.0));
        assert!(d.apply(doc("issuer", "某县人民政府办公室"), 300.0), "typing on in the field");
        assert!(d.apply(doc("number", "某政办〔2024〕3号"), 400.0));
        assert!(!d.apply(doc("unknown", "x"), 500.0), "an unknown key changes nothing");
        assert_eq!(
            d.report.document.filled(),
            [("issuer", "某县人民政府办公室".to_string()), ("number", "某政办〔2024〕3号".to_string())]
        );
        assert!(d.undo());
        assert_eq!((d.report.document.issuer.as_str(), d.report.document.number.as_str()), ("某县人民政府办公室", ""));
        assert!(d.undo());
        assert_eq!(d.report.document, Default::default(), "one keystroke run is one step");
    }
}
