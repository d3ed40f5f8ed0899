//! One file of many as read: its report, its findings, and what the summary needs of it, worked
//! out once when it is read (the page reads in slices; the summary runs again on every choice).

use super::indicators::Indicators;
use super::{compare, form};
use crate::import::{ImportError, Imported};
use crate::json;
use crate::report::Report;
use crate::rules::{self, Finding, Level, Rule};

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
    /// Typed figures not filled.
    pub blanks: usize,
    pub indicators: Indicators,
    /// The headline figures 年度对比 sets against last year's.
    pub headline: compare::Figures,
    /// Its tables as copy detection compares them ([`super::copies::tables_key`]).
    pub tables: Option<u64>,
}

impl Loaded {
    fn new(report: Report, findings: Vec<Finding>) -> Loaded {
        let figures = report.cells.iter().filter(|c| c.is_some()).count();
        let blanks = form::cells().iter().zip(&report.cells).filter(|(d, c)| !d.derived && c.is_none()).count();
        let sheet = report.sheet();
        let (indicators, headline) = (Indicators::of(&sheet), compare::figures(&sheet));
        let tables = super::copies::tables_key(&report);
        Loaded { report, findings, figures, blanks, indicators, headline, tables }
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
    /// Typed figures not filled (a report not read has none to count).
    pub fn blanks(&self) -> usize {
        self.read.as_ref().map_or(0, |l| l.blanks)
    }
}

/// A report's text parts, as copies between organs are looked for in them.
pub fn text_parts(r: &Report) -> [&str; 4] {
    [&r.text.preamble, &r.text.overview, &r.text.problems, &r.text.other].map(String::as_str)
}
