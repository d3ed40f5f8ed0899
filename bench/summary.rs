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
    let (copy, found) = median_ms(5, || copies::find(&files, &year_files, |r| summary::roster::fold(&r.organ)));
    println!("copy detection ({} reports)        {copy:>8.1} ms  ({} pairs)", year_files.len(), found.len());
    stages(&files, &year_files);
    let options = Options { roster: Some(roster), today: Some((2025, 2)), ..Options::default() };
    let (all, s) = median_ms(5, || summary::summarise_with(&files, &[], &options));
    let summed = s.rows.iter().filter(|r| r.role == Role::Summed).count();
    println!("summarise_with (roster, copies, sum)  {all:>8.1} ms  ({summed} summed, {} 未报)", s.missing().len());
    let (plain, _) = median_ms(5, || summary::summarise_with(&files, &[], &Options::default()));
    println!("summarise_with (no roster)           {plain:>8.1} ms");
}

/// Where copy detection's time goes: what each file's reading does for it, then the search.
fn stages(files: &[File], among: &[usize]) {
    use nianbao::similarity;
    let reports: Vec<_> = among.iter().filter_map(|&i| files[i].report()).collect();
    let t = cpu_ms();
    let folded: Vec<_> = reports.iter().map(|r| similarity::folded(summary::text_parts(r), &r.organ)).collect();
    println!("  at reading: fold {:.1} ms", cpu_ms() - t);
    let t = cpu_ms();
    let prints: Vec<_> = folded.iter().map(similarity::Folded::print).collect();
    println!("  at reading: print {:.1} ms", cpu_ms() - t);
    let t = cpu_ms();
    let counts = similarity::sentence_counts(prints.iter().map(|p| p.keys()));
    println!("  counts {:.1} ms", cpu_ms() - t);
    let t = cpu_ms();
    let common = (reports.len() / 10).max(5);
    let sh: Vec<_> = prints.iter().map(|p| p.shingles_without(|k| counts[&k] >= common)).collect();
    println!("  shingles {:.1} ms (avg {})", cpu_ms() - t, sh.iter().map(|s| s.len()).sum::<usize>() / sh.len());
    let t = cpu_ms();
    let sigs: Vec<_> = sh.iter().map(similarity::signature).collect();
    println!("  signatures {:.1} ms", cpu_ms() - t);
    let t = cpu_ms();
    let c = similarity::candidates(&sigs);
    println!("  candidates {:.1} ms ({})", cpu_ms() - t, c.len());
}
