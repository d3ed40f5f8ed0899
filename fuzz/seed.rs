//! Writes the starting corpus of every target into `fuzz/corpus/<target>/` from the project's
//! fixtures: the two published reports' text and JSON, the .docx, .xlsx and print view the
//! exporters make of them, the real PDFs, and small uncompressed PDFs of the published text (whose
//! operators and positions a mutation can change, where a real PDF's deflated streams only break).
//! `cargo +nightly run --example seed` in `fuzz/`.

use nianbao::export::{docx, print, xlsx};
use nianbao::json;
use nianbao_fuzz::targets::lines_of;
use std::io::Read;
use std::path::Path;

/// The project's test PDF writer (only its file and stream writers are needed here).
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
    for pdf in std::fs::read_dir(fixtures.join("pdf")).expect("pdf fixtures").flatten() {
        if pdf.path().extension().is_some_and(|e| e == "pdf") {
            write("pdf", &pdf.file_name().to_string_lossy(), &std::fs::read(pdf.path()).expect("pdf"));
        }
    }
    let reports =
        [("quangang", "quangang-2023.json", "泉港区-2023.txt"), ("huaian", "huaian-2024.json", "淮安市-2024.txt")];
    for (name, json_file, text_file) in reports {
        let text = read(json_file);
        let report = json::from_str(&String::from_utf8(text.clone()).expect("UTF-8")).expect("fixture report");
        write("json", name, &text);
        write("json", &format!("{name}-next"), json::to_string(&report.next_year()).as_bytes());
        write("text", name, &read(text_file));
        let published = String::from_utf8(read(text_file)).expect("UTF-8");
        write("pdf", &format!("{name}-plain.pdf"), &text_pdf(&published));
        write("html", name, print::html(&report).as_bytes());
        let saved = fixtures.join(format!("../routes/{}/page.mhtml", json_file.trim_end_matches(".json")));
        write("html", &format!("{name}.mhtml"), &std::fs::read(saved).expect("the page saved as .mhtml"));
        let word = docx::write(&report, &docx::DocxOptions { wrapper: true });
        write("docx", name, &[[0].as_slice(), &word].concat());
        let xml = docx::document_xml(&report, &docx::DocxOptions { wrapper: false });
        write("docx", &format!("{name}-xml"), &[[1].as_slice(), xml.as_bytes()].concat());
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
        write("rules", name, lines_of(&report).as_bytes());
        let next = report.next_year();
        write("rules", &format!("{name}-next"), format!("{}\0{}", lines_of(&next), lines_of(&report)).as_bytes());
    }
}

/// A PDF of `text` as a word processor lays it out, uncompressed: one CID font (Identity-H, a
/// ToUnicode CMap, widths), 40 lines a page, a markdown table row's cells side by side with a gap.
fn text_pdf(text: &str) -> Vec<u8> {
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
    chars.sort_unstable();
    chars.dedup();
    let cid = |c: char| chars.binary_search(&c).map_or(0, |i| i + 1);
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty() && !l.starts_with("|-") && !l.starts_with("| -"))
        .map(|l| l.trim_matches('|').split(['|', '\t']).map(str::trim).filter(|c| !c.is_empty()).collect())
        .collect();
    let pages: Vec<&[Vec<&str>]> = lines.chunks(40).collect();
    // Objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 ToUnicode, then a page and its content each.
    let mut objects: Vec<String> = Vec::new();
    let kids: Vec<String> = (0..pages.len()).map(|p| format!("{} 0 R", 6 + 2 * p)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()));
    objects.push("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>".into());
    objects.push(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 /W [1 [{}]] >>",
        chars.iter().map(|c| if c.is_ascii() { "500" } else { "1000" }).collect::<Vec<_>>().join(" ")
    ));
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
    for block in chars.chunks(100) {
        cmap += &format!("{} beginbfchar\n", block.len());
        for &c in block {
            let mut utf16 = [0u16; 2];
            let units: String = c.encode_utf16(&mut utf16).iter().map(|u| format!("{u:04X}")).collect();
            cmap += &format!("<{:04X}> <{units}>\n", cid(c));
        }
        cmap += "endbfchar\n";
    }
    cmap += "endcmap CMapName currentdict /CMap defineresource pop end end";
    objects.push(String::from_utf8(pdf_file::stream("", cmap.as_bytes())).expect("ASCII"));
    for (p, page) in pages.iter().enumerate() {
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>", 7 + 2 * p));
        let mut content = String::from("BT\n");
        for (l, cells) in page.iter().enumerate() {
            let y = 800 - 19 * l;
            let mut x = 56.0;
            for cell in cells {
                let hex: String = cell.chars().filter(|c| !c.is_control()).map(|c| format!("{:04X}", cid(c))).collect();
                content += &format!("/F1 10.5 Tf 1 0 0 1 {x} {y} Tm <{hex}> Tj\n");
                x += 24.0 + cell.chars().map(|c| if c.is_ascii() { 5.25 } else { 10.5 }).sum::<f64>();
            }
        }
        content += "ET";
        objects.push(String::from_utf8(pdf_file::stream("", content.as_bytes())).expect("ASCII"));
    }
    let objects: Vec<Vec<u8>> = objects.into_iter().map(String::into_bytes).collect();
    pdf_file::pdf(&objects, "")
}
