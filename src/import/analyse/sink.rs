//! Where the figures read go: each cell's figure and its line, the printed totals to compare,
//! the blank cells, and why a figure's place is uncertain — the placement every stage of reading
//! a table shares.

use super::glued;
use super::sums::adds_up;
use crate::form::{self, TABLES};
use crate::report::{derived_parts, parse_count, Entry, Report};
use crate::rules::{Finding, Rule};
use std::collections::{BTreeMap, HashMap};

/// Why a figure placed by the sums is marked, before its row's label.
pub(super) const BY_SUMS: &str = "原文中数字与标签分开排列（如逐列或分块），按表中位置计入，已由合计核对：";

/// Why figures are marked when two of them were printed as one and the sums cut them apart.
pub(super) const GLUED: &str = "原文中两个数字连在一起（如从 PDF 阅读器复制的文字），已按合计拆开，请核对：";

/// Why table C's figures are marked when several arrangements add up (which group is which).
pub(super) const GROUPS_AS_PRINTED: &str =
    "原文中数字与标签分开排列，各组合计可有多种排列（如不能确认哪组是哪一栏）：按原文中各组（总计）印出的先后顺序计入：";

/// Why table C's figures are marked when no arrangement adds up (a printed 总计 disagrees).
pub(super) const AS_PRINTED: &str =
    "原文中数字与标签分开排列，且合计与各项之和不符，无法核对：按原文印出的顺序逐个计入：";

/// Figures found so far: typed cells, and printed totals to compare (cell index → text, line).
#[derive(Default)]
pub(super) struct Sink {
    pub found: HashMap<usize, (String, usize)>,
    pub printed: HashMap<usize, (String, usize)>,
    /// Typed cells left blank in a row that was read (cell index → line).
    pub blank: BTreeMap<usize, usize>,
    /// Cells placed by their position in the table rather than by their own label: why.
    pub uncertain: HashMap<usize, String>,
    /// What the reviewer should know about how a table was read.
    pub notes: Vec<String>,
    /// Tables (one section with a 总计 column) printing it on a row that adds up: a row of
    /// one figure fewer there lost one to its label (a figure run into the label's text), not
    /// its 总计.
    pub full: Vec<usize>,
}

impl Sink {
    /// Whether the figures found for a row are `values` (each column's, or each typed column's).
    /// Whether the figures found for a row by its label are `values` (each column's, or each
    /// typed column's); those placed by position are not compared.
    pub(super) fn holds(&self, table: usize, section: usize, row: usize, values: &[String]) -> bool {
        let columns = TABLES[table].sections[section].columns;
        let cols = (0..columns.len()).filter(|&c| values.len() == columns.len() || !columns[c].total);
        cols.zip(values).all(|(c, v)| {
            let cell = form::cell_at(table, section, row, c);
            self.uncertain.contains_key(&cell)
                || [&self.found, &self.printed].iter().all(|m| m.get(&cell).is_none_or(|(got, _)| got == v))
        })
    }

    /// A row of a one-section table placed by position given the figures the sums confirm.
    pub(super) fn replace(&mut self, table: usize, row: usize, values: &[Option<String>], line: usize, why: &str) {
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

    /// A published table leaves zeros blank (no report is issued with unknown figures): a blank
    /// cell of a row that was read is 0, said once in the notes and shown in the review — unless
    /// a printed total over it says otherwise (more than the sum of its other parts: the blank
    /// hides a figure the reading lost). Such a cell is left unplaced, and said. The notes.
    pub(super) fn zero_blanks(&mut self) -> Vec<String> {
        let blanks: BTreeMap<usize, usize> =
            self.blank.iter().filter(|(c, _)| !self.found.contains_key(c)).map(|(&c, &l)| (c, l)).collect();
        let count = |cell: &usize| self.found.get(cell).and_then(|(v, _)| parse_count(v).ok());
        let mut hidden: BTreeMap<usize, (usize, u64, u64)> = BTreeMap::new();
        // In the form's order: a row's own total is named before its column's.
        for (&total, (raw, _)) in self.printed.iter().collect::<BTreeMap<_, _>>() {
            let Ok(printed) = parse_count(raw) else { continue };
            let parts: Vec<usize> = derived_parts(total).collect();
            let sum: Option<u64> = parts.iter().map(|p| if blanks.contains_key(p) { Some(0) } else { count(p) }).sum();
            match sum {
                Some(sum) if sum < printed => {
                    for &p in parts.iter().filter(|p| blanks.contains_key(p)) {
                        hidden.entry(p).or_insert((total, printed, sum));
                    }
                }
                _ => {}
            }
        }
        let mut notes = Vec::new();
        let zeros: Vec<(usize, usize)> =
            blanks.iter().filter(|(c, _)| !hidden.contains_key(c)).map(|(&c, &l)| (c, l)).collect();
        if let Some(&(first, _)) = zeros.first() {
            notes.push(format!(
                "原表中 {} 个空白单元格按 0 导入（如{}），请核对",
                zeros.len(),
                form::cells()[first].describe()
            ));
        }
        for (cell, line) in zeros {
            self.found.insert(cell, ("0".into(), line));
        }
        for (cell, (total, printed, sum)) in hidden {
            let cells = form::cells();
            notes.push(format!(
                "{}读出为空白，但{}印出 {printed}，比各项之和 {sum} 多 {}：该格未按 0 导入，请按原表填写",
                cells[cell].describe(),
                cells[total].describe(),
                printed - sum
            ));
        }
        notes
    }

    /// The first sum a placement of `cells` takes part in that does not hold, in words: a printed
    /// total over them (its parts as read, blank cells as 0), or the table's balance in a column.
    /// Sums with a part not read yet are not judged.
    pub(super) fn broken_sum(&self, table: usize, cells: &[usize]) -> Option<String> {
        let defs = form::cells();
        let value = |cell: usize| -> Option<u64> {
            let typed = |p: usize| match self.found.get(&p) {
                Some((v, _)) => parse_count(v).ok(),
                None => self.blank.contains_key(&p).then_some(0),
            };
            if defs[cell].derived {
                derived_parts(cell).map(typed).sum()
            } else {
                typed(cell)
            }
        };
        let touches = |cell: usize| {
            cells.contains(&cell) || defs[cell].derived && derived_parts(cell).any(|p| cells.contains(&p))
        };
        let mut printed: Vec<(&usize, &(String, usize))> = self.printed.iter().collect();
        printed.sort_by_key(|(&i, _)| i);
        for (&total, (raw, _)) in printed {
            let (Ok(printed), Some(sum)) = (parse_count(raw), value(total)) else { continue };
            if defs[total].table == table && touches(total) && sum != printed {
                return Some(format!("{}印出 {printed}，按此计算为 {sum}", defs[total].describe()));
            }
        }
        let t = &TABLES[table];
        let rule = t.balance.as_ref()?;
        for column in t.sections.iter().flat_map(|s| s.columns) {
            let side = |keys: &[&str]| -> Vec<usize> {
                keys.iter().filter_map(|key| form::find(t.key, key, column.key)).collect()
            };
            let (lhs, rhs) = (side(rule.lhs), side(rule.rhs));
            if !lhs.iter().chain(&rhs).any(|&i| touches(i)) {
                continue;
            }
            let sum = |side: &[usize]| side.iter().map(|&i| value(i)).sum::<Option<u64>>();
            if let (Some(l), Some(r)) = (sum(&lhs), sum(&rhs)) {
                if l != r {
                    return Some(format!(
                        "{}「{}」列收到的申请 {l} 件，与办理和结转的 {r} 件不符",
                        t.name, column.label
                    ));
                }
            }
        }
        None
    }

    /// Puts a row's figures in its cells, with why their place is uncertain if it is; false if
    /// their number fits neither the typed columns nor the typed columns with their printed totals.
    pub(super) fn fill(
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
        // Unless the row is as wide as the table, in a table that prints its totals, and ends in
        // one: then a leading blank is the first column's, a figure the reading lost or a zero
        // left blank (`zero_blanks` tells which), not a label cell.
        let whole = run.len() == s.columns.len()
            && s.columns.last().is_some_and(|c| c.total)
            && self.full.contains(&table)
            && run.last().is_some_and(Option::is_some);
        let run = if whole {
            run
        } else if [s.columns.len(), typed].contains(&(run.len() - lead)) {
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

/// `import.total_mismatch` for each printed total whose parts were all read and whose sum differs.
pub(super) fn printed_totals(report: &Report, printed: &HashMap<usize, (String, usize)>) -> Vec<Finding> {
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
