//! How long the editor's per-keystroke work takes natively: parse the fixture, run every rule,
//! write the JSON. Run with `cargo bench --bench check`; prints microseconds per operation.

use nianbao::draft::{Draft, Edit};
use nianbao::{json, rules};
use std::hint::black_box;
use std::time::Instant;

fn time<T>(name: &str, runs: u32, mut f: impl FnMut() -> T) {
    f();
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / runs as f64;
    println!("{name:<34} {per:>9.1} µs");
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
    // The page's reducer clones its state on every keystroke: the history must stay cheap to copy.
    let mut draft = Draft::new(next.clone());
    for n in 0..300 {
        draft.apply(Edit::Cell { path: "proactive.licensing".into(), raw: n.to_string() }, n as f64 * 2000.0);
    }
    time("Draft clone (300 undo steps)", 2000, || draft.clone());
    time("Draft::apply (one keystroke)", 2000, || {
        draft.clone().apply(Edit::Cell { path: "proactive.penalty".into(), raw: "7".into() }, 1e9)
    });
}
