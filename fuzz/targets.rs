//! What each fuzz target does with its input, and what must hold for any input: shared by the
//! libFuzzer targets in `fuzz/fuzz_targets/` and by `tests/bad_input.rs`, which replays the
//! inputs kept in `tests/fuzz-corpus/<target>/` on stable.
//!
//! Whatever the bytes, a reader either gives a report that the JSON contract writes and reads
//! back unchanged, or fails with a message; it never panics, hangs or exhausts the stack.

use nianbao::import::{self, ImportError};
use nianbao::report::{self, Report};
use nianbao::{form, json, rules};
use std::io::Write;

/// A fuzz target: any input either reads or gets a message; a panic is the finding.
pub type Target = fn(&[u8]);

/// The targets by name, as `cargo fuzz run <name>` and the corpus folders call them.
pub const TARGETS: &[(&str, Target)] =
    &[("json", json), ("text", text), ("html", html), ("docx", docx), ("xlsx", xlsx), ("pdf", pdf), ("rules", rules)];

/// A report file as the page opens it (bytes read as UTF-8, invalid sequences replaced).
pub fn json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let read = json::from_str(&text);
    // Read straight into the report or through the tree of values: the same report, with its
    // unknown keys in the same order (maps compare equal in any order, what they print does not),
    // or the same message.
    assert_eq!(format!("{:?}", json::from_str_fast(&text)), format!("{read:?}"));
    match read {
        Ok(report) => {
            written_back(&report);
            rules::check(&report, report.previous.as_deref());
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
}

/// Pasted or chosen text.
pub fn text(data: &[u8]) {
    imported(import::text(&String::from_utf8_lossy(data)));
}

/// A web page, or one saved as a single file (.mhtml) when it starts as a MIME message.
pub fn html(data: &[u8]) {
    if data.starts_with(b"MIME-Version") || data.starts_with(b"From:") {
        return imported(import::any("page.mhtml", data));
    }
    imported(import::html(&String::from_utf8_lossy(data)));
}

/// A Word document: the bytes of the .docx itself when the first byte is 0 mod 3, the rest
/// `word/document.xml` when 1 (so that the XML is reached past the zip's checksums), a Word
/// 97–2003 .doc when 2.
pub fn docx(data: &[u8]) {
    let bytes = match data.split_first() {
        Some((mode, xml)) if mode % 3 == 1 => zip(&[("word/document.xml", xml)], zip::CompressionMethod::Stored),
        Some((mode, doc)) if mode % 3 == 2 => return imported(import::any("report.doc", doc)),
        Some((_, package)) => package.to_vec(),
        None => return,
    };
    imported(import::docx(&bytes));
}

/// An Excel workbook: the .xlsx itself when the first byte is 0 mod 3; when 1, the rest is
/// `xl/sharedStrings.xml`, a NUL, and `xl/worksheets/sheet1.xml`; an Excel 97–2003 .xls when 2.
pub fn xlsx(data: &[u8]) {
    let bytes = match data.split_first() {
        Some((mode, book)) if mode % 3 == 2 => return imported(import::any("report.xls", book)),
        Some((mode, xml)) if mode % 3 == 1 => {
            let at = xml.iter().position(|&b| b == 0).unwrap_or(xml.len());
            let sheet = xml.get(at + 1..).unwrap_or_default();
            zip(
                &[("xl/sharedStrings.xml", &xml[..at]), ("xl/worksheets/sheet1.xml", sheet)],
                zip::CompressionMethod::Stored,
            )
        }
        Some((_, package)) => package.to_vec(),
        None => return,
    };
    imported(import::xlsx(&bytes));
}

/// A PDF (its objects, streams, fonts and content, then the text's layout).
pub fn pdf(data: &[u8]) {
    imported(import::pdf(data, &import::gb18030));
}

/// The rules, next year's draft and the JSON contract on any report: this year's in the
/// [`report_from_lines`] form, then after a NUL last year's.
pub fn rules(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (now, then) = text.split_once('\0').map_or((&*text, None), |(a, b)| (a, Some(b)));
    let mut report = report_from_lines(now);
    if let Some(then) = then {
        report.set_previous(&report_from_lines(then));
    }
    rules::check(&report, report.previous.as_deref());
    rules::check(&report.next_year(), Some(&report));
    written_back(&report);
}

/// A report from one value a line: the year (2024 unless one the page can hold, `report::YEARS`),
/// then each typed figure of the template in order (an empty line is not filled), then the texts
/// (preamble, overview, problems, other).
pub fn report_from_lines(text: &str) -> Report {
    let mut lines = text.split('\n');
    let year = lines.next().and_then(|y| y.trim().parse().ok()).filter(|y| report::YEARS.contains(y));
    let mut report = Report::new(year.unwrap_or(2024));
    for (i, _) in form::cells().iter().enumerate().filter(|(_, d)| !d.derived) {
        report.cells[i] = lines.next().filter(|l| !l.is_empty()).map(str::to_string);
    }
    for key in ["preamble", "overview", "problems", "other"] {
        *report.text.get_mut(key).expect("text part") = lines.next().unwrap_or_default().to_string();
    }
    report
}

/// [`report_from_lines`]' form of a report, to seed the rules target with real reports.
pub fn lines_of(report: &Report) -> String {
    let mut lines = vec![report.year.to_string()];
    let typed = form::cells().iter().enumerate().filter(|(_, d)| !d.derived);
    lines.extend(typed.map(|(i, _)| report.cells[i].clone().unwrap_or_default()));
    for key in ["preamble", "overview", "problems", "other"] {
        lines.push(report.text.get(key).expect("text part").replace('\n', " "));
    }
    lines.join("\n")
}

/// An import's outcome: a message, or a report that, kept as the page and the CLI keep it, is
/// written and read back unchanged.
fn imported(result: Result<import::Imported, ImportError>) {
    match result {
        Ok(imported) => {
            written_back(&imported.report_or(2024));
            assert!(imported.recognised.iter().all(|r| form::cell_index(&r.path).is_some()));
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// The JSON contract holds for `report`: once written, it reads back and writes the same again.
fn written_back(report: &Report) {
    let written = json::to_string(report);
    let back = json::from_str(&written).unwrap_or_else(|e| panic!("a written report reads back: {e}\n{written}"));
    assert_eq!(json::to_string(&back), written, "written twice the same");
}

/// A zip package (what .docx and .xlsx files are) of the given parts: stored for the fuzzer, whose
/// mutations then reach the XML itself; deflated for the bad-input suite's bombs.
pub fn zip(parts: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip").into_inner()
}
