//! 汇总与核查: many organs' reports at once — each file read and checked, the year's reports
//! summed ([`crate::aggregate`]), a government's own 汇总 report compared with that sum (rule
//! `aggregate.sum`), and the headline figures set against last year's ([`compare`]).
//!
//! Pure: the shells read the files (the page in slices, the CLI from disk) into [`File`]s and
//! call [`summarise`] again whenever the user includes or leaves out a file.

pub mod chart;
pub mod compare;
pub mod export;

use crate::aggregate::{self, Note};
use crate::form;
use crate::import::{ImportError, Imported};
use crate::json;
use crate::report::{Entry, Report, Scope, Sheet};
use crate::rules::{self, Finding, Level, Rule};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// One file as read: its report and findings, or why it is not one.
#[derive(Clone, Debug)]
pub struct File {
    pub name: String,
    /// What kind of file it is, in words (JSON, Word, 网页, 文本, Excel, PDF).
    pub kind: &'static str,
    pub read: Result<Loaded, String>,
}

/// A report read from a file, checked once.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub report: Report,
    /// The rules' findings (an imported file's include `import.total_mismatch`).
    pub findings: Vec<Finding>,
    /// Typed figures the file gave (filled cells).
    pub figures: usize,
}

impl Loaded {
    fn new(report: Report, findings: Vec<Finding>) -> Loaded {
        let figures = report.cells.iter().filter(|c| c.is_some()).count();
        Loaded { report, findings, figures }
    }
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.level() == Level::Error).count()
    }
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// The kinds of file, the extensions a folder is read for and the choosers' `accept`: the
/// importer's formats table, which the tool's JSON is a line of.
pub use crate::import::formats::{accept, is_report_file, kind_of};

/// What a folder stands for (the CLI's and the page's alike): every kind of file the tool reads.
/// Other files in it (pictures, `.DS_Store`) are skipped, and counted.
pub fn report_files() -> &'static [&'static str] {
    crate::import::formats::extensions()
}

/// Whether a file is one of this tool's JSON reports rather than a published document.
pub fn is_json(name: &str, bytes: &[u8]) -> bool {
    kind_of(name) == "JSON" || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

impl File {
    /// A JSON report file, checked against the last year it carries.
    pub fn json(name: &str, bytes: &[u8]) -> File {
        let read = std::str::from_utf8(bytes)
            .map_err(|_| "不是 UTF-8 编码的 JSON 报告文件".to_string())
            .and_then(|text| json::from_str_fast(text).map_err(|e| format!("无效的报告文件：{e}")))
            .map(|report| {
                let findings = rules::check_draft(&report, &[]);
                Loaded::new(report, findings)
            });
        File { name: name.into(), kind: "JSON", read }
    }

    /// A published report as the importer read it (or why not: an [`ImportError`], or the page's
    /// message when its reader could not be loaded).
    pub fn imported(name: &str, imported: Result<Imported, impl std::fmt::Display>) -> File {
        let read = imported.map(|i| Loaded::new(i.report, i.findings)).map_err(|e| e.to_string());
        File { name: name.into(), kind: kind_of(name), read }
    }

    /// Any file, the importer given for what is not JSON (the page's is async and runs first).
    pub fn read(name: &str, bytes: &[u8], import: impl FnOnce() -> Result<Imported, ImportError>) -> File {
        if is_json(name, bytes) {
            File::json(name, bytes)
        } else {
            File::imported(name, import())
        }
    }

    pub fn report(&self) -> Option<&Report> {
        self.read.as_ref().ok().map(|l| &l.report)
    }
}

/// What a file is to the sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Summed into the 汇总.
    Summed,
    /// The government's own 汇总 report of the year: compared with the sum, not added to it.
    Parent,
    /// Same organ and year as an earlier file (its index): left out until included.
    Duplicate(usize),
    /// Last year's report: used for the year-over-year comparison.
    LastYear,
    /// Another year: left out until included.
    OtherYear,
    /// Not a report, or not readable: its reason is in the file.
    Unreadable,
}

impl Role {
    /// In words, for the organ table.
    pub fn label(&self, files: &[File]) -> String {
        match self {
            Role::Summed => "计入汇总".into(),
            Role::Parent => "上级汇总报告：与合计核对".into(),
            Role::Duplicate(of) => format!("与「{}」重复（同一机关同一年度），未计入", files[*of].name),
            Role::LastYear => "上年报告：用于年度对比".into(),
            Role::OtherYear => "其他年度，未计入".into(),
            Role::Unreadable => "无法读取，未计入".into(),
        }
    }
    pub fn key(&self) -> &'static str {
        match self {
            Role::Summed => "summed",
            Role::Parent => "parent",
            Role::Duplicate(_) => "duplicate",
            Role::LastYear => "last-year",
            Role::OtherYear => "other-year",
            Role::Unreadable => "unreadable",
        }
    }
}

/// A row's state: 通过 / 有错误 / 未识别.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Errors,
    Unrecognised,
    Passed,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::Passed => "通过",
            State::Errors => "有错误",
            State::Unrecognised => "未识别",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            State::Passed => "passed",
            State::Errors => "errors",
            State::Unrecognised => "unrecognised",
        }
    }
}

/// One line of the organ table: a file, what it is to the sum, its state.
#[derive(Clone, Debug)]
pub struct Row {
    /// Index into the files.
    pub file: usize,
    pub role: Role,
    pub state: State,
    /// Whether the user included it against its default role.
    pub included: bool,
}

impl File {
    pub fn state(&self) -> State {
        match &self.read {
            Err(_) => State::Unrecognised,
            Ok(l) if l.errors() > 0 => State::Errors,
            Ok(_) => State::Passed,
        }
    }
    /// The rule ids of its errors, once each, in order (for the row: "balance cell.integer").
    pub fn error_rules(&self) -> Vec<Rule> {
        let mut out: Vec<Rule> = Vec::new();
        for f in self.read.iter().flat_map(|l| &l.findings).filter(|f| f.level() == Level::Error) {
            if !out.contains(&f.rule) {
                out.push(f.rule);
            }
        }
        out
    }
}

/// Everything the view and the CLI show.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// The year being summed: the most common year among the reports (the latest on a tie).
    pub year: Option<i32>,
    pub rows: Vec<Row>,
    /// The sum of the summed reports, as a 汇总 report (organ left for the user).
    pub total: Option<Report>,
    /// Figures and files left out of the sum, and why.
    pub notes: Vec<Note>,
    /// The government's own 汇总 report, compared with the sum.
    pub parent: Option<usize>,
    /// `aggregate.sum`: the parent's cells that differ from the sum.
    pub mismatches: Vec<Finding>,
    pub comparison: Option<compare::Comparison>,
}

/// Sorts the files into roles and sums them. `include` holds files the user included against
/// their default role (a duplicate, another year, the parent). `previous` are last year's files
/// given apart (the CLI's `--previous`); last year's files among `files` count as well.
pub fn summarise(files: &[File], previous: &[File], include: &BTreeSet<usize>) -> Summary {
    let mut years: HashMap<i32, usize> = HashMap::new();
    for r in files.iter().filter_map(File::report) {
        *years.entry(r.year).or_default() += 1;
    }
    let Some(year) = years.iter().max_by_key(|(y, n)| (**n, **y)).map(|(y, _)| *y) else {
        let rows = files
            .iter()
            .enumerate()
            .map(|(i, f)| Row { file: i, role: Role::Unreadable, state: f.state(), included: false })
            .collect();
        return Summary { rows, ..Summary::default() };
    };
    let parent = parent_of(files, year, include);
    let key = |r: &Report| (r.organ.trim().to_string(), r.year, r.scope.key());
    // Another copy of the parent (its PDF beside its JSON) is a duplicate of it, wherever it lies.
    let mut seen: HashMap<(String, i32, &str), usize> =
        parent.and_then(|p| Some((key(files[p].report()?), p))).into_iter().collect();
    let rows: Vec<Row> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let role = match f.report() {
                None => Role::Unreadable,
                Some(_) if Some(i) == parent => Role::Parent,
                Some(r) => match seen.get(&key(r)) {
                    Some(&first) => Role::Duplicate(first),
                    None => {
                        seen.insert(key(r), i);
                        if r.year == year {
                            Role::Summed
                        } else if r.year == year - 1 {
                            Role::LastYear
                        } else {
                            Role::OtherYear
                        }
                    }
                },
            };
            let included = include.contains(&i) && role != Role::Unreadable;
            let role = if included { Role::Summed } else { role };
            Row { file: i, role, state: f.state(), included }
        })
        .collect();

    // Borrowed, not copied (thousands of reports); one of another year the user included is
    // copied to be summed as this year's.
    let summed: Vec<(String, Cow<Report>)> = rows
        .iter()
        .filter(|r| r.role == Role::Summed)
        .map(|r| {
            let f = &files[r.file];
            let report = f.report().expect("summed files are read");
            let report =
                if report.year == year { Cow::Borrowed(report) } else { Cow::Owned(Report { year, ..report.clone() }) };
            (f.name.clone(), report)
        })
        .collect();
    let mut notes: Vec<Note> = rows
        .iter()
        .filter(|r| !matches!(r.role, Role::Summed | Role::Parent | Role::LastYear))
        .map(|r| Note { source: files[r.file].name.clone(), message: left_out(&files[r.file], &r.role, files) })
        .collect();
    let total = aggregate::aggregate("", &summed).ok().map(|(total, invalid)| {
        notes.extend(invalid);
        total
    });
    let mismatches = match (parent, &total) {
        (Some(p), Some(total)) => differences(files[p].report().expect("the parent is read"), total),
        _ => Vec::new(),
    };
    let this: Vec<&Report> =
        rows.iter().filter(|r| r.role == Role::Summed).filter_map(|r| files[r.file].report()).collect();
    let last: Vec<&Report> = rows
        .iter()
        .filter(|r| r.role == Role::LastYear)
        .filter_map(|r| files[r.file].report())
        .chain(previous.iter().filter_map(File::report).filter(|r| r.year == year - 1))
        .collect();
    let all: Vec<&Report> = files.iter().chain(previous).filter_map(File::report).collect();
    let comparison = compare::compare(year, &this, &last, &all);
    Summary { year: Some(year), rows, total, notes, parent, mismatches, comparison }
}

/// Why a file is not in the sum, for the notes under the 汇总.
fn left_out(file: &File, role: &Role, files: &[File]) -> String {
    match (&file.read, role) {
        (Err(why), _) => format!("无法读取，未计入：{why}"),
        (Ok(l), Role::OtherYear) => format!("为 {} 年度报告，未计入", l.report.year),
        (Ok(_), role) => role.label(files),
    }
}

/// The government's own 汇总 report of `year`, compared rather than summed: of the 汇总 reports
/// of the year (a city's files hold its counties' 汇总 reports too), the one with the most
/// applications, as the parent's count includes its children's. One the user included is summed.
fn parent_of(files: &[File], year: i32, include: &BTreeSet<usize>) -> Option<usize> {
    let new_received = form::cell_index("applications.new_received.total").expect("template cell");
    files
        .iter()
        .enumerate()
        .filter(|(i, _)| !include.contains(i))
        .filter_map(|(i, f)| Some((i, f.report()?)))
        .filter(|(_, r)| r.scope == Scope::Aggregate && r.year == year)
        .max_by_key(|(i, r)| (r.value(new_received).and_then(|v| v.as_count()), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// `aggregate.sum`: each typed cell where the 汇总 report differs from the sum, with both
/// numbers; the derived totals that differ because of it are named with it.
pub fn differences(parent: &Report, sum: &Report) -> Vec<Finding> {
    let (p, s) = (parent.sheet(), sum.sheet());
    let cells = form::cells();
    let differs = |i: usize, a: &Sheet, b: &Sheet| match (&a.entries[i], &b.entries[i]) {
        (Entry::Invalid(_), _) | (_, Entry::Invalid(_)) => false,
        _ if cells[i].derived => a.values[i].map(|v| v.as_decimal()) != b.values[i].map(|v| v.as_decimal()),
        (Entry::Missing, Entry::Missing) => false,
        (x, y) => x.value().map(|v| v.as_decimal()) != y.value().map(|v| v.as_decimal()),
    };
    let shown = |v: Option<crate::report::Value>| v.map_or_else(|| "未填写".to_string(), |v| v.to_string());
    let mut derived_of = vec![Vec::new(); cells.len()];
    for d in (0..cells.len()).filter(|&d| cells[d].derived) {
        for part in crate::report::derived_parts(d) {
            derived_of[part].push(d);
        }
    }
    cells
        .iter()
        .enumerate()
        .filter(|(i, def)| !def.derived && differs(*i, &p, &s))
        .map(|(i, def)| {
            let mut paths = vec![def.path.clone()];
            paths.extend(derived_of[i].iter().filter(|&&d| differs(d, &p, &s)).map(|&d| cells[d].path.clone()));
            let message = format!(
                "{}：汇总报告为 {}，各报告合计为 {}",
                def.describe(),
                shown(p.entries[i].value()),
                shown(s.entries[i].value())
            );
            Finding::new(Rule::AggregateSum, paths, message)
        })
        .collect()
}

// Native: they read the workbooks back with roxmltree.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
