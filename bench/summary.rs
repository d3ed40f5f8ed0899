//! 汇总与核查 natively on a generated county of 3,000 organs (`nianbao::summary::sample`: this
//! year's and last year's reports mixed, organs missing, duplicates, a copied pair), with the
//! roster and copy detection on. Run with `cargo bench --bench summary`; prints the thread's CPU
//! milliseconds, the median of a few runs. The page's budget is 2 s for all of it with no task over 200 ms;
//! its wasm runs this code 1.5–3× slower.

use nianbao::summary::{self, copies, roster::Roster, sample, File, Options, Role};

/// The thread's CPU time: the machine is shared, and time on the clock counts the others' work.
fn cpu_ms() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into `t`, which outlives the call.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    assert!(ok, "clock_gettime");
    t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
}

/// The median CPU time of `runs` runs, in milliseconds, and the last result.
fn median_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..runs {
        let start = cpu_ms();
        out = Some(f());
        times.push(cpu_ms() - start);
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], out.expect("ran"))
}

fn main() {
    let bases: Vec<_> =
        [include_str!("../tests/fixtures/quangang-2023.json"), include_str!("../tests/fixtures/huaian-2024.json")]
            .map(|t| nianbao::json::from_str(t).unwrap())
            .to_vec();
    let organs = 3000;
    let county = sample::county(&bases, organs, 2024, 1);
    println!("{} files for {} roster organs", county.files.len(), county.roster.len());
    let (read, files) = median_ms(3, || {
        county.files.iter().map(|(n, b)| File::read(n, b, || nianbao::import::any(n, b))).collect::<Vec<File>>()
    });
    println!("read and check every file            {read:>8.1} ms");
    let roster = Roster::new(&county.roster);
    let (parse, _) = median_ms(5, || Roster::parse(&roster.to_text()));
    println!("roster parsed from a pasted list     {parse:>8.1} ms");
    let year_files: Vec<usize> =
        (0..files.len()).filter(|&i| files[i].report().is_some_and(|r| r.year == 2024)).collect();
    let (copy, found) = median_ms(5, || copies::find(&files, 2024));
    println!("copy detection ({} reports)        {copy:>8.1} ms  ({} pairs)", year_files.len(), found.copies.len());
    stages(&files);
    let options = Options { roster: Some(roster), today: Some((2025, 2)), ..Options::default() };
    let (all, s) = median_ms(5, || summary::summarise_with(&files, &[], &options));
    let summed = s.rows.iter().filter(|r| r.role == Role::Summed).count();
    println!("summarise_with (roster, copies, sum)  {all:>8.1} ms  ({summed} summed, {} 未报)", s.missing().len());
    let (plain, _) = median_ms(5, || summary::summarise_with(&files, &[], &Options::default()));
    println!("summarise_with (no roster)           {plain:>8.1} ms");
    // The page's: the copies found apart, in slices, and kept while the year stays.
    let found = std::sync::Arc::new(found);
    let options = Options { copies: summary::CopySearch::Found(found), ..options };
    let (kept, _) = median_ms(5, || summary::summarise_with(&files, &[], &options));
    println!("summarise_with (roster, copies kept) {kept:>8.1} ms");
}

/// Where copy detection's time goes: the finder's steps (each report folded to count its
/// sentences, then folded again and signed), and its finish (candidates counted exactly, tables).
fn stages(files: &[File]) {
    let mut finder = copies::Finder::new(files, 2024);
    let n = finder.len() / 2;
    let (mut longest, t) = (0.0f64, cpu_ms());
    for _ in 0..finder.len() {
        let s = cpu_ms();
        finder.step(files);
        longest = longest.max(cpu_ms() - s);
    }
    println!("  {n} reports counted and signed {:.1} ms (longest step {longest:.2} ms)", cpu_ms() - t);
    let t = cpu_ms();
    finder.finish(files);
    println!("  finish {:.1} ms", cpu_ms() - t);
}
