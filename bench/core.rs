//! How long the core's work takes natively: what the editor does per keystroke (rules, a draft
//! edit), reading and writing the JSON, importing and exporting. Run with `cargo bench --bench core`; prints
//! microseconds per operation. The page runs the same code as wasm, about 4–8× slower.

use nianbao::draft::{Draft, Edit};
use nianbao::export::{docx, xlsx};
use nianbao::{import, json, rules};
use std::hint::black_box;
use std::time::Instant;

fn time<T>(name: &str, runs: u32, mut f: impl FnMut() -> T) {
    f();
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / runs as f64;
    println!("{name:<38} {per:>9.1} µs");
}

fn main() {
    let text = include_str!("../tests/fixtures/quangang-2023.json");
    let report = json::from_str(text).unwrap();
    let next = report.next_year();
    time("json::from_str (fixture)", 2000, || json::from_str(text).unwrap());
    time("Report::sheet (fixture)", 2000, || report.sheet());
    time("rules::check (fixture)", 2000, || rules::check(&report, None));
    let mut figures_only = report.clone();
    figures_only.text = Default::default();
    time("rules::check (figures only)", 2000, || rules::check(&figures_only, None));
    let mut overview_only = figures_only.clone();
    overview_only.text.overview = report.text.overview.clone();
    time("rules::check (figures + part 一)", 2000, || rules::check(&overview_only, None));
    time("rules::check (with previous year)", 2000, || rules::check(&next, next.previous.as_deref()));
    time("json::to_string (fixture)", 2000, || json::to_string(&report));
    // 汇总与核查 reads and checks thousands of these at once.
    time("summary::File::json (fixture)", 2000, || nianbao::summary::File::json("r.json", text.as_bytes()));
    // The page's reducer clones its state on every keystroke: the history must stay cheap to copy.
    let mut draft = Draft::new(next.clone());
    for n in 0..300 {
        draft.apply(Edit::Cell { path: "proactive.licensing".into(), raw: n.to_string() }, n as f64 * 2000.0);
    }
    // What the page does per render besides the rules: read every total (the tables show them
    // and last year's).
    let derived: Vec<usize> =
        nianbao::form::cells().iter().enumerate().filter(|(_, d)| d.derived).map(|(i, _)| i).collect();
    time("Report::value of every total", 2000, || derived.iter().filter_map(|&i| report.value(i)).count());
    time("Draft clone (300 undo steps)", 2000, || draft.clone());
    time("Draft::apply (one keystroke)", 2000, || {
        draft.clone().apply(Edit::Cell { path: "proactive.penalty".into(), raw: "7".into() }, 1e9)
    });

    // Import: the published text, the same report grown past 20,000 characters (the issue's
    // bound is 20 ms), and the .docx the exporter writes.
    let published = include_str!("../tests/fixtures/泉港区-2023.txt");
    time("import text (fixture, 4,714 chars)", 200, || import::text(published).unwrap());
    let long = published.replacen(
        "全年未发生政府信息公开工作责任追究情况。",
        &format!(
            "全年未发生政府信息公开工作责任追究情况。\n{}",
            "加强政务新媒体管理，规范网站信息内容发布。".repeat(740)
        ),
        1,
    );
    assert!(long.chars().count() >= 20_000);
    time("import text (20,000+ chars)", 100, || import::text(&long).unwrap());
    let word = docx::write(&report, &docx::DocxOptions { wrapper: true });
    time("import .docx (fixture)", 200, || import::any("r.docx", &word).unwrap());
    let doc = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/doc/quangang-2023.doc")).unwrap();
    time("import .doc (LibreOffice's of the fixture)", 200, || import::any("r.doc", &doc).unwrap());
    let book = xlsx::write(&report);
    time("import .xlsx (fixture)", 200, || import::any("r.xlsx", &book).unwrap());
    let xls = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/xls/quangang-2023.xls")).unwrap();
    time("import .xls (LibreOffice's of the fixture's .xlsx)", 200, || import::any("r.xls", &xls).unwrap());
    time("export .docx (fixture, with wrapper)", 200, || docx::write(&report, &docx::DocxOptions { wrapper: true }));
    time("export .xlsx (fixture)", 200, || xlsx::write(&report));
}
