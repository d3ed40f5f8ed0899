//! How long reading a PDF takes natively (`cargo bench --bench pdf`): the three real published
//! PDFs and the PDFs other producers make, from bytes to the recognised report, and the text
//! layer alone. The page runs the same code as wasm (bench/pdf-browser.mjs times it there).

use nianbao::import;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .chain(std::fs::read_dir(format!("{dir}/made-by")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let runs = 20;
        let start = Instant::now();
        for _ in 0..runs {
            black_box(import::read::pdf::text(&bytes, &import::gb18030).unwrap());
        }
        let text = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
        let start = Instant::now();
        for _ in 0..runs {
            black_box(import::any_decoding(&name, &bytes, &import::gb18030).unwrap());
        }
        let all = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
        println!("{name:<42} {:>5} KB  text layer {text:>6.1} ms  whole import {all:>6.1} ms", bytes.len() >> 10);
    }
}
