//! Writes the starting corpus of every target into `fuzz/corpus/<target>/` from the project's
//! fixtures: the two published reports' text and JSON, the .docx, .xlsx and print view the
//! exporters make of them, their .doc and .xls (LibreOffice's), the real PDFs, and small uncompressed PDFs of the published text (whose
//! operators and positions a mutation can change, where a real PDF's deflated streams only break).
//! `cargo +nightly run --example seed` in `fuzz/`.

use nianbao::export::{docx, print, xlsx};
use nianbao::json;
use nianbao_fuzz::targets::lines_of;
use std::io::Read;
use std::path::Path;

/// The project's test PDF writer.
#[path = "../tests/support/pdf_file.rs"]
#[allow(dead_code)]
mod pdf_file;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("../tests/fixtures");
    let read = |name: &str| std::fs::read(fixtures.join(name)).expect("fixture");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = root.join("corpus").join(target);
        std::fs::create_dir_all(&dir).expect("corpus folder");
        std::fs::write(dir.join(name), bytes).expect("seed");
    };
    // Files of a fixture folder and its subfolders (`made-by/`, each route's renderings).
    let files = |dir: &Path| -> Vec<std::path::PathBuf> {
        let entries =
            |d: &Path| std::fs::read_dir(d).expect("fixture folder").flatten().map(|e| e.path()).collect::<Vec<_>>();
        entries(dir).into_iter().flat_map(|p| if p.is_dir() { entries(&p) } else { vec![p] }).collect()
    };
    let named = |path: &Path| path.strip_prefix(&fixtures).unwrap_or(path).to_string_lossy().replace(['/', '.'], "-");
    // The real PDFs and those other producers made of them (cairo, Chromium, LibreOffice, an
    // unembedded GBK font).
    for pdf in files(&fixtures.join("pdf")).iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
        write("pdf", &named(pdf), &std::fs::read(pdf).expect("pdf"));
    }
    // Every route's text as each copy route gives it (poppler's reading orders, browsers'
    // copies, markdown), and its web page: the shapes the importer reads beyond the two texts.
    for path in files(&fixtures.join("../routes")) {
        let target = match path.extension().and_then(|e| e.to_str()) {
            Some("txt" | "md") => "text",
            Some("html" | "mhtml") => "html",
            _ => continue,
        };
        write(target, &named(&path), &std::fs::read(&path).expect("route file"));
    }
    // A page as sites publish one that only links its report: a comment, character references,
    // a picture, attachments by quoted and bare links with escaped names.
    write(
        "html",
        "attachment-page",
        "<html><head><title>年报</title><!-- 统计代码 --></head><body><h1>某某局2024年政府信息公开工作年度报告&#x3000;&#20844;开</h1>\
         <p><img src=\"/a.png\">附件：<a href=\"/P0200125.pdf?v=1\">某某局2024年年报.pdf</a> \
         <a href=/up/%E5%B9%B4%E6%8A%A5.XLSX#t></a> <a href='/list.html'>更多</a></p></body></html>"
            .as_bytes(),
    );
    let reports =
        [("quangang", "quangang-2023.json", "泉港区-2023.txt"), ("huaian", "huaian-2024.json", "淮安市-2024.txt")];
    for (name, json_file, text_file) in reports {
        let text = read(json_file);
        let report = json::from_str(&String::from_utf8(text.clone()).expect("UTF-8")).expect("fixture report");
        write("json", name, &text);
        write("json", &format!("{name}-next"), json::to_string(&report.next_year()).as_bytes());
        write("text", name, &read(text_file));
        let published = String::from_utf8(read(text_file)).expect("UTF-8");
        write("pdf", &format!("{name}-plain.pdf"), &pdf_file::text_pdf(&published, pdf_file::Codes::Identity));
        write("pdf", &format!("{name}-ucs2.pdf"), &pdf_file::text_pdf(&published, pdf_file::Codes::Ucs2));
        write("pdf", &format!("{name}-forms.pdf"), &pdf_file::text_pdf_in_forms(&published, 0));
        write("pdf", &format!("{name}-turned.pdf"), &pdf_file::text_pdf_in_forms(&published, 90));
        write("html", name, print::html(&report).as_bytes());
        let saved = fixtures.join(format!("../routes/{}/page.mhtml", json_file.trim_end_matches(".json")));
        write("html", &format!("{name}.mhtml"), &std::fs::read(saved).expect("the page saved as .mhtml"));
        let word = docx::write(&report, &docx::DocxOptions { wrapper: true });
        write("docx", name, &[[0].as_slice(), &word].concat());
        let xml = docx::document_xml(&report, &docx::DocxOptions { wrapper: false });
        write("docx", &format!("{name}-xml"), &[[1].as_slice(), xml.as_bytes()].concat());
        let doc = fixtures.join(format!("doc/{}", json_file.replace(".json", ".doc")));
        write(
            "docx",
            &format!("{name}-doc"),
            &[[2].as_slice(), &std::fs::read(doc).expect("the .doc fixture")].concat(),
        );
        let book = xlsx::write(&report);
        write("xlsx", name, &[[0].as_slice(), &book].concat());
        let mut package = zip::ZipArchive::new(std::io::Cursor::new(&book)).expect("xlsx");
        let mut part = |name: &str| {
            let mut s = Vec::new();
            package.by_name(name).map(|mut f| f.read_to_end(&mut s).expect("part")).ok();
            s
        };
        let (shared, sheet) = (part("xl/sharedStrings.xml"), part("xl/worksheets/sheet2.xml"));
        write("xlsx", &format!("{name}-xml"), &[[1].as_slice(), &shared, &[0], &sheet].concat());
        let xls = fixtures.join(format!("xls/{}", json_file.replace(".json", ".xls")));
        write(
            "xlsx",
            &format!("{name}-xls"),
            &[[2].as_slice(), &std::fs::read(xls).expect("the .xls fixture")].concat(),
        );
        write("rules", name, lines_of(&report).as_bytes());
        let next = report.next_year();
        write("rules", &format!("{name}-next"), format!("{}\0{}", lines_of(&next), lines_of(&report)).as_bytes());
    }
}
