//! No input worse than linear: every importer (and the JSON reader) is timed on inputs of size N
//! and 4N, in the shapes that once cost more than their size — tables nested without end, a
//! table one figure per line, a label-less line a megabyte long, a title repeated in one line,
//! a part 一 of keywords without punctuation, XML nested deep, a shared string used by every
//! cell, PDF fonts sharing one CMap of every code, a font chosen at every string, a page of
//! thousands of label lines. A ratio near 4 is linear; 16 would be quadratic. Run with `cargo bench --bench
//! scaling [FILTER]`; prints the sizes, the times (CPU time, best of a few runs) and the ratio of the
//! inputs whose name contains FILTER (all by default). `SCALE=0.1` makes every N ten times
//! smaller (to time code that is still quadratic).

use nianbao::{import, json, rules};
use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

#[path = "../tests/support/pdf_file.rs"]
#[allow(dead_code)]
mod pdf_file;

/// The CPU time this thread has run (`CLOCK_THREAD_CPUTIME_ID`, to the nanosecond): on a machine
/// shared with other work it varies far less than the time on the clock. (Linux's
/// `/proc/thread-self/schedstat` only moves at each 4 ms scheduler tick: runs of 10–20 ms read up
/// to a third short, the best of five shorter still, and 4N ratios came out 6–7 where the work is
/// linear.)
fn cpu_time() -> Option<Duration> {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into `t`, which outlives the call.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    ok.then(|| Duration::new(t.tv_sec as u64, t.tv_nsec as u32))
}

/// How long `f` takes: CPU time where known, else time on the clock.
fn took(f: &mut impl FnMut()) -> Duration {
    let (clock, cpu) = (Instant::now(), cpu_time());
    f();
    match (cpu, cpu_time()) {
        (Some(a), Some(b)) => b - a,
        _ => clock.elapsed(),
    }
}

/// Best of up to five runs, stopping early once a second has been spent.
fn best(mut f: impl FnMut()) -> Duration {
    let mut best = Duration::MAX;
    let started = Instant::now();
    for _ in 0..5 {
        best = best.min(took(&mut f));
        if started.elapsed() > Duration::from_secs(1) {
            break;
        }
    }
    best
}

/// Whether the input called `what` is to be timed this run.
fn wanted(what: &str) -> bool {
    std::env::args().skip(1).find(|a| !a.starts_with("--")).is_none_or(|f| what.contains(&f))
}

/// N as given, times `SCALE` if set.
fn sized(n: usize) -> usize {
    let scale: f64 = std::env::var("SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    ((n as f64 * scale) as usize).max(1)
}

/// Imports `name` with the bytes of `make(n)` and of `make(4n)` and prints both and the ratio.
fn scale(what: &str, name: &str, n: usize, make: impl Fn(usize) -> Vec<u8>) {
    if !wanted(what) {
        return;
    }
    let run = |bytes: &[u8]| best(|| drop(black_box(import::any(name, bytes))));
    let n = sized(n);
    let (small, large) = (make(n), make(4 * n));
    let (a, b) = (run(&small), run(&large));
    report(what, small.len(), large.len(), a, b);
}

fn report(what: &str, small: usize, large: usize, a: Duration, b: Duration) {
    let kb = |n: usize| n as f64 / 1024.0;
    println!(
        "{what:<44} {:>8.0} KB {:>9.1} ms   {:>8.0} KB {:>9.1} ms   ×{:.1}",
        kb(small),
        a.as_secs_f64() * 1e3,
        kb(large),
        b.as_secs_f64() * 1e3,
        b.as_secs_f64() / a.as_secs_f64()
    );
}

/// A .docx or .xlsx of the given parts.
fn zip(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[("word/document.xml", xml.into_bytes())])
}

fn xlsx(shared: &str, sheet: &str) -> Vec<u8> {
    zip(&[
        ("xl/workbook.xml", b"<workbook/>".to_vec()),
        ("xl/sharedStrings.xml", format!("<sst>{shared}</sst>").into_bytes()),
        ("xl/worksheets/sheet1.xml", format!("<worksheet><sheetData>{sheet}</sheetData></worksheet>").into_bytes()),
    ])
}

/// A BIFF8 record: its type, length and data.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    [&kind.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat()
}

/// An .xls: a compound file whose Workbook stream holds the shared strings (one SST record) and
/// one worksheet of the given cell records.
fn xls(shared: &[&str], cells: &[u8]) -> Vec<u8> {
    let bof = |dt: u16| record(0x0809, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0; 12]].concat());
    let count = (shared.len() as u32).to_le_bytes();
    let mut sst = [count, count].concat();
    for s in shared {
        let units: Vec<u16> = s.encode_utf16().collect();
        sst.extend((units.len() as u16).to_le_bytes());
        sst.push(1);
        sst.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    }
    let eof = record(0x000A, &[]);
    let stream = [bof(0x0005), record(0x00FC, &sst), eof.clone(), bof(0x0010), cells.to_vec(), eof].concat();
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// LABELSST (shared string 0) and NUMBER (1) cells, one row each, for `n` rows; at most 65,536
/// rows as the format allows.
fn xls_rows(n: usize, number: bool) -> Vec<u8> {
    (0..n as u16)
        .flat_map(|row| {
            let at = [row.to_le_bytes(), [0, 0], [0, 0]].concat();
            let label = record(0x00FD, &[&at[..], &[0, 0, 0, 0]].concat());
            let figure = record(0x0203, &[&[at[0], at[1], 1, 0, 0, 0][..], &1f64.to_le_bytes()].concat());
            if number {
                [label, figure].concat()
            } else {
                label
            }
        })
        .collect()
}

fn main() {
    let published = include_str!("../tests/fixtures/泉港区-2023.txt");
    let sentence = "加强政务新媒体管理，规范网站信息内容发布。";
    println!("{:<44} {:>11} {:>12}   {:>11} {:>12}   ratio", "input", "N", "time", "4N", "time");

    // Text.
    scale("text: the report, part 一 grown", "r.txt", 2_000, |n| {
        published.replacen("全年未发生政府信息公开工作责任追究情况。", &sentence.repeat(n), 1).into_bytes()
    });
    scale("text: a table one figure per line", "r.txt", 50_000, |n| {
        format!("二、主动公开政府信息情况\n规章\n{}", "1\n".repeat(n)).into_bytes()
    });
    scale("text: rows of a label and a figure", "r.txt", 5_000, |n| {
        format!("二、主动公开政府信息情况\n{}", "行政规范性文件 1\n".repeat(n)).into_bytes()
    });
    scale("text: one line of words, no figure", "r.txt", 50_000, |n| {
        format!("二、主动公开政府信息情况\n{}1", "规章 ".repeat(n)).into_bytes()
    });
    scale("text: a title's region repeated in one line", "r.txt", 50_000, |n| {
        format!("泉港区2023年政府信息公开工作年度报告\n{}\n一、总体情况\n", "泉港区人民政府".repeat(n)).into_bytes()
    });
    scale("text: part 一 of keywords, no punctuation", "r.txt", 50_000, |n| {
        format!("一、总体情况\n{}\n二、主动公开政府信息情况\n", "新收申请".repeat(n)).into_bytes()
    });
    // As Chromium's PDF viewer copies: rows run together on one line, headings into the text.
    scale("text: rows run together on one line", "r.txt", 2_000, |n| {
        format!("三、收到和处理政府信息公开申请情况\n{}", "（一）予以公开 1 0 0 0 0 01".repeat(n)).into_bytes()
    });
    scale("text: headings run into one line", "r.txt", 20_000, |n| "联系。一、总体情况".repeat(n).into_bytes());
    scale("text: figures run together, a row short", "r.txt", 20_000, |n| {
        format!("三、收到和处理政府信息公开申请情况\n（一）予以公开 1 0 0 0 0 {}", "12".repeat(n)).into_bytes()
    });
    // A site's text conversion, one cell a line ended by a bar, empty cells and a row's padding.
    scale("text: one cell a line, bars", "r.txt", 5_000, |n| {
        format!("三、收到和处理政府信息公开申请情况\n{}", "（一）予以公开 |\n1 |\n|\n|\n0 |\n||\n".repeat(n))
            .into_bytes()
    });
    // What a page prints on every page, numbered: the lines a page apart grouped by their shape.
    scale("text: a numbered footer every page", "r.txt", 1_000, |n| {
        let page = |i: usize| format!("某某局办公室 第{i}页\n{}", "（一）予以公开 1 0 0 0 0 0 1\n".repeat(12));
        format!("三、收到和处理政府信息公开申请情况\n{}", (1..=n).map(page).collect::<String>()).into_bytes()
    });

    // Web pages.
    scale("html: <table> nested, never closed", "r.html", 50_000, |n| "<table>".repeat(n).into_bytes());
    scale("html: nested tables with text in cells", "r.html", 20_000, |n| "<table><tr><td>文字".repeat(n).into_bytes());
    scale("html: a data table of many rows", "r.html", 20_000, |n| {
        format!("<p>二、主动公开政府信息情况</p><table>{}</table>", "<tr><td>规章</td><td>1</td></tr>".repeat(n))
            .into_bytes()
    });
    scale("html: text of entities", "r.html", 100_000, |n| {
        format!("<p>一、总体情况</p><p>{}</p>", "&amp;&#x4e00;&nbsp;".repeat(n)).into_bytes()
    });
    scale("mhtml: the page after many parts, quoted-printable", "r.mhtml", 20_000, |n| {
        let part = |kind: &str, body: &str| format!("--B\r\nContent-Type: {kind}\r\n\r\n{body}\r\n");
        let page = "Content-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E4=B8=80=E3=80=81=\r\n</p>";
        format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n{}--B\r\nContent-Type: text/html\r\n{page}\r\n--B--\r\n",
            part("text/css", "p{}").repeat(n)
        )
        .into_bytes()
    });

    // PDF: what once cost more than its size.
    scale("pdf: fonts sharing a whole-code-space CMap", "r.pdf", 250, pdf_file::fonts_sharing_a_whole_cmap);
    scale("pdf: an inline font chosen at every string", "r.pdf", 5_000, pdf_file::inline_font_chosen);
    scale("pdf: lines of labels, no figure", "r.pdf", 5_000, pdf_file::label_lines);

    // Word.
    scale("docx: paragraphs", "r.docx", 20_000, |n| {
        docx(&format!(
            "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>{}",
            "<w:p><w:r><w:t>规章 1</w:t></w:r></w:p>".repeat(n)
        ))
    });
    scale("docx: tables nested deep", "r.docx", 20_000, |n| {
        docx(&format!(
            "{}{}",
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>文字</w:t></w:r></w:p>".repeat(n),
            "</w:tc></w:tr></w:tbl>".repeat(n)
        ))
    });
    scale("docx: one row of many cells", "r.docx", 20_000, |n| {
        docx(&format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>".repeat(n)))
    });

    // Excel.
    scale("xlsx: rows of a label and a figure", "r.xlsx", 20_000, |n| {
        xlsx("<si><t>规章</t></si>", &"<row><c t=\"s\"><v>0</v></c><c><v>1</v></c></row>".repeat(n))
    });
    scale("xlsx: a long shared string in every cell", "r.xlsx", 1_000, |n| {
        xlsx(&format!("<si><t>{}</t></si>", "规章".repeat(1_000)), &"<row><c t=\"s\"><v>0</v></c></row>".repeat(n))
    });

    scale("xls: rows of a label and a figure", "r.xls", 10_000, |n| xls(&["规章"], &xls_rows(n, true)));
    scale("xls: a long shared string in every cell", "r.xls", 1_000, |n| {
        xls(&["规章".repeat(1_000).as_str()], &xls_rows(n, false))
    });

    // The JSON readers (through the tree, and straight into the report as 汇总与核查 reads) and
    // the rules on what they read.
    let fixture = include_str!("../tests/fixtures/quangang-2023.json");
    let json_scale = |what: &str, n: usize, make: &dyn Fn(usize) -> String| {
        let n = sized(n);
        let (small, large) = (make(n), make(4 * n));
        for (reader, read) in [("", json::from_str as fn(&str) -> _), (" (fast)", json::from_str_fast)] {
            let what = format!("{what}{reader}");
            if !wanted(&what) {
                continue;
            }
            let run = |text: &str| {
                best(|| {
                    if let Ok(r) = read(text) {
                        black_box(rules::check(&r, None));
                    }
                })
            };
            report(&what, small.len(), large.len(), run(&small), run(&large));
        }
    };
    let with = |key: &str, value: String| fixture.replacen('{', &format!("{{\"{key}\": {value},"), 1);
    json_scale("json: part 一 long", 100_000, &|n| {
        fixture.replacen("\"overview\": \"", &format!("\"overview\": \"{}", "新收申请26件，".repeat(n)), 1)
    });
    // Memory-bound, not super-linear: 42 % of it is IndexMap's inserts and rehashes (perf), whose
    // table outgrows the caches between N and 4N (×5–10 measured on a busy machine).
    json_scale("json: many unknown keys", 50_000, &|n| {
        with("x", format!("{{{}\"end\": 0}}", (0..n).map(|i| format!("\"k{i}\": {i},")).collect::<String>()))
    });
    // Past the step where the parsed array outgrows the caches (between 0.8 and 1.6 MB of input
    // here: ×3.5 below it, ×3.9 above, ×7 across it), so that the ratio is the code's.
    json_scale("json: a long array", 800_000, &|n| with("x", format!("[{}0]", "1.5,".repeat(n))));
}
