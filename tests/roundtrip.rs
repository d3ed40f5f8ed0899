//! What the exporters write, the importers read back: a department fills the .xlsx and sends it
//! back; last year's .docx is next year's starting point.

use nianbao::export::{docx, print, xlsx};
use nianbao::import;
use nianbao::rules::Rule;
use nianbao::{form, json};

fn fixture() -> nianbao::report::Report {
    json::from_str(include_str!("fixtures/quangang-2023.json")).unwrap()
}

fn assert_same_figures(got: &nianbao::report::Report, want: &nianbao::report::Report, what: &str) {
    for (i, def) in form::cells().iter().enumerate() {
        assert_eq!(got.value(i), want.value(i), "{what}: {}", def.path);
    }
}

#[test]
fn exported_xlsx_imports_to_the_same_figures() {
    let want = fixture();
    let got = import::any("报告.xlsx", &xlsx::write(&want)).unwrap();
    assert_same_figures(&got.report, &want, "xlsx");
    assert!(got.missing.is_empty(), "{:?}", got.missing);
    assert!(got.findings.iter().all(|f| f.rule != Rule::ImportTotalMismatch), "{:#?}", got.findings);
}

#[test]
fn exported_docx_imports_to_the_same_figures_and_texts() {
    let want = fixture();
    for wrapper in [false, true] {
        let got = import::any("报告.docx", &docx::write(&want, &docx::DocxOptions { wrapper })).unwrap();
        assert_same_figures(&got.report, &want, "docx");
        assert!(got.missing.is_empty(), "{:?}", got.missing);
        assert_eq!((got.report.year, got.report.organ.as_str()), (2023, "泉州市泉港区人民政府"));
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        for key in ["overview", "problems", "other"] {
            assert_eq!(squash(got.report.text.get(key).unwrap()), squash(want.text.get(key).unwrap()), "{key}");
        }
    }
}

#[test]
fn the_print_view_imports_as_a_web_page() {
    let want = fixture();
    let got = import::any("报告.html", print::html(&want).as_bytes()).unwrap();
    assert_same_figures(&got.report, &want, "html");
    assert!(got.missing.is_empty(), "{:?}", got.missing);
}

#[test]
fn a_web_page_that_leaves_zeros_blank_imports_them_as_zero_with_a_note() {
    // Some offices publish tables with empty cells for 0 (seen in a provincial 2019 report):
    // every row must still be read, whole blank rows included, and the user told.
    let want = fixture();
    let page = print::html(&want).replace(">0</td>", ">&nbsp;</td>");
    assert!(page.matches("&nbsp;</td>").count() > 100);
    let got = import::any("报告.html", page.as_bytes()).unwrap();
    assert_same_figures(&got.report, &want, "blank zeros");
    assert!(got.missing.is_empty(), "{:?}", got.missing);
    let note = got.notes.iter().find(|n| n.contains("空白单元格按 0 导入")).expect("a note on blanks");
    assert!(note.starts_with("原表中 "), "{note}");
}
