//! Importing published reports: the fixtures import exactly, and so do the forms users make of
//! them (tab- or space-separated text, a web page, a Word document); bad input gets a message.

use nianbao::form;
use nianbao::import::{self, Format, Imported};
use nianbao::json;
use nianbao::report::Report;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every typed figure and the four texts equal the expected report's.
fn assert_same(got: &Imported, expected: &Report, what: &str) {
    let mut wrong = Vec::new();
    for (i, def) in form::cells().iter().enumerate() {
        if !def.derived && got.report.cells[i] != expected.cells[i] {
            wrong.push(format!("{}: {:?} ≠ {:?}", def.path, got.report.cells[i], expected.cells[i]));
        }
    }
    assert!(wrong.is_empty(), "{what}: {} cells differ:\n{}", wrong.len(), wrong.join("\n"));
    for key in ["preamble", "overview", "problems", "other"] {
        let (g, e) = (got.report.text.get(key).unwrap(), expected.text.get(key).unwrap());
        assert_eq!(squash(g), squash(e), "{what}: text {key}");
    }
    assert_eq!(got.report.year, expected.year, "{what}: year");
    assert_eq!(got.report.organ, expected.organ, "{what}: organ");
    assert_eq!(got.report.scope, expected.scope, "{what}: scope");
    assert_eq!(got.format, Format::Template2021);
    let expected_missing: Vec<_> = form::cells()
        .iter()
        .enumerate()
        .filter(|(i, d)| !d.derived && expected.cells[*i].is_none())
        .map(|(_, d)| d.path.clone())
        .collect();
    assert_eq!(got.missing, expected_missing, "{what}: missing");
    assert!(got.findings.iter().all(|f| f.rule != "import.total_mismatch"), "{what}: {:?}", got.findings);
}

fn quangang() -> Report {
    json::from_str(&fixture("quangang-2023.json")).unwrap()
}

#[test]
fn quangang_imports_exactly() {
    let got = import::text::parse(&fixture("泉港区-2023.txt")).unwrap();
    assert_same(&got, &quangang(), "泉港区");
    assert_eq!(got.recognised.len(), 166);
}

#[test]
fn huaian_imports_exactly() {
    let expected = json::from_str(&fixture("huaian-2024.json")).unwrap();
    let got = import::text::parse(&fixture("淮安市-2024.txt")).unwrap();
    assert_same(&got, &expected, "淮安市");
    // Each figure points back to its line: 行政处罚 3985758 is on line 75 of the PDF text.
    let penalty = got.recognised.iter().find(|r| r.path == "proactive.penalty").unwrap();
    assert_eq!((penalty.raw.as_str(), penalty.source_line), ("3985758", 75));
}
