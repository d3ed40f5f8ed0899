//! Every route a published report takes to the importer imports exactly: each file of
//! tests/routes/REPORT/ (generated from the real files by tests/routes/generate.sh — PDF text from
//! poppler in three orders, LibreOffice's text and PDF of a .docx, Chromium's PDF, copy and
//! markdown of a web page) gives every figure of tests/fixtures/REPORT.json, its year, and the
//! printed totals that disagree with their parts — no more, no less.

use nianbao::form;
use nianbao::import;
use nianbao::json;
use nianbao::report::Report;
use std::path::Path;

/// Routes not yet read exactly, with the figures they give now: PDF text in poppler's reading
/// order, where a table comes column by column, figures before their labels, and table C's
/// figures shuffled among its headers (the PDF reader rebuilds rows from positions instead).
/// These must still place no figure in a wrong cell, and give at least as many as listed.
const INCOMPLETE: &[(&str, usize)] = &[
    ("hongze-2023/pdf.txt", 3),
    ("hongze-2024/pdf.txt", 12),
    ("huaian-2024/page-pdf.txt", 150),
    ("huaian-2024/pdf.txt", 0),
    ("huaian-2024/word-pdf.txt", 15),
    ("quangang-2023/page-pdf.txt", 150),
    ("quangang-2023/word-pdf.txt", 15),
];

/// Printed totals that disagree with their parts in the published report itself.
const PRINTED_MISMATCHES: &[(&str, &[&str])] =
    &[("hongze-2023", &["appeals.review.total", "appeals.litigation_after_review.total"])];

struct Outcome {
    route: String,
    right: usize,
    expected: usize,
    /// Figures in a cell where the report has another figure, or none.
    wrong: Vec<String>,
    /// Figures not found, the year, printed totals that disagree.
    problems: Vec<String>,
}

fn check(report: &str, expected: &Report, file: &Path) -> Outcome {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let route = format!("{report}/{name}");
    let expected_count =
        form::cells().iter().enumerate().filter(|(i, d)| !d.derived && expected.cells[*i].is_some()).count();
    let mut problems = Vec::new();
    let got = match import::any(&name, &std::fs::read(file).unwrap()) {
        Ok(got) => got,
        Err(e) => {
            return Outcome {
                route,
                right: 0,
                expected: expected_count,
                wrong: Vec::new(),
                problems: vec![e.to_string()],
            }
        }
    };
    let (mut right, mut wrong) = (0, Vec::new());
    for (i, def) in form::cells().iter().enumerate().filter(|(_, d)| !d.derived) {
        let (g, e) = (&got.report.cells[i], &expected.cells[i]);
        if g == e {
            right += usize::from(e.is_some());
        } else if g.is_some() {
            wrong.push(format!("{}: {g:?} ≠ {e:?}", def.path));
        } else {
            problems.push(format!("{}: not found", def.path));
        }
    }
    if got.report.year != expected.year {
        problems.push(format!("year {} ≠ {}", got.report.year, expected.year));
    }
    let mut mismatches: Vec<&str> = got
        .findings
        .iter()
        .filter(|f| f.rule == "import.total_mismatch")
        .flat_map(|f| f.cells.iter().map(String::as_str))
        .collect();
    mismatches.sort_unstable();
    let mut want = PRINTED_MISMATCHES.iter().find(|(r, _)| *r == report).map_or(Vec::new(), |(_, m)| m.to_vec());
    want.sort_unstable();
    if mismatches != want {
        problems.push(format!("printed totals that disagree: {mismatches:?} ≠ {want:?}"));
    }
    Outcome { route, right, expected: expected_count, wrong, problems }
}

#[test]
fn every_route_imports_exactly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/routes");
    let mut reports: Vec<_> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    reports.sort();
    let mut outcomes = Vec::new();
    for dir in &reports {
        let report = dir.file_name().unwrap().to_string_lossy().into_owned();
        let fixture = root.join(format!("../fixtures/{report}.json"));
        let expected = json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
        let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        outcomes.extend(files.iter().map(|f| check(&report, &expected, f)));
    }
    assert!(outcomes.len() >= 30, "the corpus is there: {} routes", outcomes.len());
    for o in &outcomes {
        println!("{:<40} {:>3}/{}", o.route, o.right, o.expected);
    }
    let mut failed = Vec::new();
    for o in &outcomes {
        let incomplete = INCOMPLETE.iter().find(|(r, _)| *r == o.route).map(|&(_, n)| n);
        let why = match incomplete {
            _ if !o.wrong.is_empty() => o.wrong.join("\n  "),
            Some(_) if o.problems.is_empty() => "now exact: remove it from INCOMPLETE".to_string(),
            Some(n) if o.right < n => format!("{} figures, fewer than the {n} it gave", o.right),
            None if !o.problems.is_empty() => o.problems.join("\n  "),
            _ => continue,
        };
        failed.push(format!("✗ {} ({}/{}):\n  {why}", o.route, o.right, o.expected));
    }
    assert!(failed.is_empty(), "{} of {} routes differ:\n{}", failed.len(), outcomes.len(), failed.join("\n"));
}
