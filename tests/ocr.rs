//! Scans made from the real published PDFs: each page with a title or a table rendered by
//! poppler's pdftoppm at 200 dpi in gray (as an office scanner saves), and the same pages as
//! JPEG at quality 60 after a slight blur (a scan sent by e-mail). Read by the OCR engine with
//! PP-OCRv4's models (`scripts/ocr-models` puts them in .tools/ocr), through the one pipeline:
//! no figure may be wrong, each figure is marked as read from a picture, and the figures right
//! must not fall below what they are today.

use image::codecs::jpeg::JpegEncoder;
use nianbao::import;
use nianbao::json;
use nianbao::report::Report;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

/// (published PDF, its fixture, figures right today on the rendered and on the JPEG pages)
const SCANS: &[(&str, &str, usize, usize)] = &[
    ("洪泽区-2023.pdf", "hongze-2023", 166, 160),
    ("洪泽区-2024.pdf", "hongze-2024", 166, 166),
    ("淮安市-2024.pdf", "huaian-2024", 158, 107),
];

static ENGINE: LazyLock<nianbao::ocr::Engine> = LazyLock::new(|| {
    let dir = std::env::var_os("NIANBAO_OCR_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/ocr"));
    let read = |name: &str| {
        std::fs::read(dir.join(name))
            .unwrap_or_else(|e| panic!("{}: {e} — run scripts/ocr-models", dir.join(name).display()))
    };
    nianbao::ocr::Engine::load(read(nianbao::ocr::DETECTOR), read(nianbao::ocr::RECOGNISER)).unwrap()
});

/// The pages of a PDF that hold its title or a table (1-based).
fn table_pages(pdf: &Path) -> Vec<usize> {
    let text = |page: usize| {
        let out = Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string(), "-enc", "UTF-8"])
            .arg(pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let info = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils)");
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    let wanted = ["年度报告", "信息内容", "申请人情况", "行政复议", "本年新收", "维持"];
    (1..=pages).filter(|&p| wanted.iter().any(|w| text(p).contains(w))).collect()
}

/// The pages of a PDF that hold its title or a table, rendered at 200 dpi in gray (PNG).
fn scanned_pages(pdf: &Path) -> Vec<Vec<u8>> {
    let dir = std::env::temp_dir().join(format!("nianbao-ocr-{}", pdf.file_stem().unwrap().to_string_lossy()));
    std::fs::create_dir_all(&dir).unwrap();
    table_pages(pdf)
        .into_iter()
        .map(|p| {
            let prefix = dir.join(format!("p{p}"));
            let status = Command::new("pdftoppm")
                .args(["-r", "200", "-gray", "-png", "-singlefile", "-f", &p.to_string(), "-l", &p.to_string()])
                .arg(pdf)
                .arg(&prefix)
                .status()
                .expect("pdftoppm (poppler-utils)");
            assert!(status.success());
            std::fs::read(prefix.with_extension("png")).unwrap()
        })
        .collect()
}

/// A page as a scan sent on: a slight blur, JPEG at quality 60.
fn as_jpeg(png: &[u8]) -> Vec<u8> {
    let page = image::load_from_memory(png).unwrap().to_luma8();
    let blurred = image::imageops::blur(&page, 0.7);
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 60).encode_image(&blurred).unwrap();
    out
}

/// (right, wrong figures as "path: got ≠ expected")
fn compare(got: &import::Imported, expected: &Report) -> (usize, Vec<String>) {
    let mut right = 0;
    let mut wrong = Vec::new();
    for (i, def) in nianbao::form::cells().iter().enumerate().filter(|(_, d)| !d.derived) {
        match (&got.report.cells[i], &expected.cells[i]) {
            (Some(g), Some(e)) if g == e => right += 1,
            (Some(g), e) => wrong.push(format!("{}: {g} ≠ {e:?}", def.path)),
            _ => {}
        }
    }
    (right, wrong)
}

/// An import of a scan checked against the report: the organ and year right, every figure
/// marked as read from a picture; what failed (a wrong figure, fewer right than `least`), if anything.
fn check(got: &import::Imported, expected: &Report, what: &str, least: usize) -> Option<String> {
    let (right, wrong) = compare(got, expected);
    println!("{what}: {right} right, {} wrong, {} not found", wrong.len(), got.missing.len());
    assert_eq!((got.report.organ.as_str(), got.report.year), (expected.organ.as_str(), expected.year), "{what}");
    assert!(got.recognised.iter().all(|r| r.uncertain.as_deref().is_some_and(|u| u.starts_with(import::FROM_PICTURE))));
    (!wrong.is_empty() || right < least).then(|| format!("{what}: {right} right (at least {least}), wrong: {wrong:?}"))
}

#[test]
fn scans_of_real_reports_place_no_wrong_figure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failed = Vec::new();
    for &(pdf, fixture, png_right, jpeg_right) in SCANS {
        let expected: Report =
            json::from_str(&std::fs::read_to_string(root.join(format!("{fixture}.json"))).unwrap()).unwrap();
        let pngs = scanned_pages(&root.join("pdf").join(pdf));
        let jpegs: Vec<Vec<u8>> = pngs.iter().map(|p| as_jpeg(p)).collect();
        for (kind, pages, least) in [("png", &pngs, png_right), ("jpeg", &jpegs, jpeg_right)] {
            let pages: Vec<&[u8]> = pages.iter().map(Vec::as_slice).collect();
            let got = import::pictures(&pages, &ENGINE, &mut |_, _| {}).unwrap();
            failed.extend(check(&got, &expected, &format!("{pdf} {kind} ({} pages)", pages.len()), least));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// A scanned PDF of the pages that hold the title or a table, as scanners and their software
/// write them (img2pdf keeps each picture's encoding as it is):
/// `g4` — black and white at 300 dpi, CCITT Group 4 (an office scanner's B/W mode);
/// `jpeg` — gray at 200 dpi, JPEG quality 60 (its colour or gray mode);
/// `flate` — gray PNG at 200 dpi, stored deflated with PNG predictors;
/// `turned` — the JPEG pages stored a quarter turn anticlockwise, the page's /Rotate turning them back.
fn scanned_pdf(pdf: &Path, kind: &str) -> Vec<u8> {
    let stem = pdf.file_stem().unwrap().to_string_lossy().into_owned();
    let dir = std::env::temp_dir().join(format!("nianbao-scan-{stem}-{kind}"));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |cmd: &mut Command| {
        let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e} (poppler-utils, libtiff-tools, img2pdf)"));
        assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let mut pictures = Vec::new();
    for p in table_pages(pdf) {
        let prefix = dir.join(format!("p{p}"));
        let page = p.to_string();
        let render = |args: &[&str]| {
            run(Command::new("pdftoppm")
                .args(args)
                .args(["-singlefile", "-f", &page, "-l", &page])
                .arg(pdf)
                .arg(&prefix))
        };
        let picture = match kind {
            "g4" => {
                render(&["-r", "300", "-mono", "-tiff"]);
                let g4 = dir.join(format!("g4-{p}.tif"));
                run(Command::new("tiffcp").args(["-c", "g4"]).arg(prefix.with_extension("tif")).arg(&g4));
                g4
            }
            "flate" => {
                render(&["-r", "200", "-gray", "-png"]);
                prefix.with_extension("png")
            }
            _ => {
                render(&["-r", "200", "-gray", "-png"]);
                let mut page = image::open(prefix.with_extension("png")).unwrap().to_luma8();
                if kind == "turned" {
                    page = image::imageops::rotate270(&page);
                }
                let jpeg = dir.join(format!("p{p}.jpg"));
                JpegEncoder::new_with_quality(std::fs::File::create(&jpeg).unwrap(), 60).encode_image(&page).unwrap();
                jpeg
            }
        };
        pictures.push(picture);
    }
    let out = dir.join("scan.pdf");
    let rotation = if kind == "turned" { "90" } else { "0" };
    run(Command::new("img2pdf").arg("--rotation").arg(rotation).args(&pictures).arg("-o").arg(&out));
    std::fs::read(out).unwrap()
}

/// (published PDF, its fixture, kind of scan, figures right today)
const SCANNED_PDFS: &[(&str, &str, &str, usize)] = &[
    ("洪泽区-2023.pdf", "hongze-2023", "g4", 163),
    ("洪泽区-2023.pdf", "hongze-2023", "turned", 154),
    ("洪泽区-2024.pdf", "hongze-2024", "flate", 166),
    ("淮安市-2024.pdf", "huaian-2024", "g4", 153),
];

#[test]
fn scanned_pdfs_are_read_page_by_page_in_every_encoding() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failed = Vec::new();
    for &(pdf, fixture, kind, least) in SCANNED_PDFS {
        let expected: Report =
            json::from_str(&std::fs::read_to_string(root.join(format!("{fixture}.json"))).unwrap()).unwrap();
        let scan = scanned_pdf(&root.join("pdf").join(pdf), kind);
        // Without the OCR the scan is said to be one, and nothing is placed.
        let err = import::any("scan.pdf", &scan).unwrap_err().to_string();
        assert!(err.contains("扫描件"), "{pdf} {kind}: {err}");
        let mut told = Vec::new();
        let got =
            import::pdf_scanned(&scan, &import::gb18030, &ENGINE, &mut |done, all| told.push((done, all))).unwrap();
        let pages = told.last().map_or(0, |&(_, all)| all);
        assert_eq!(told, (1..=pages).map(|d| (d, pages)).collect::<Vec<_>>(), "progress after each page");
        assert!(pages > 0);
        assert!(got.notes[0].contains("页是扫描的图片"), "{:?}", got.notes);
        failed.extend(check(&got, &expected, &format!("{pdf} scanned PDF ({kind})"), least));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_picture_that_is_not_one_is_said_so() {
    let err = import::pictures(&[b"not a picture".as_slice()], &ENGINE, &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("图片无法读取"), "{err}");
    // A PNG header that claims a picture too large to read is refused before it is decoded.
    let mut huge = Vec::new();
    image::codecs::png::PngEncoder::new(&mut huge).write_image(&[0u8; 4], 2, 2, image::ExtendedColorType::L8).unwrap();
    // IHDR's width and height (bytes 16..24) made 40,000 × 40,000, its CRC (29..33) made again.
    huge[16..20].copy_from_slice(&40_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&40_000u32.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    let err = import::pictures(&[huge.as_slice()], &ENGINE, &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("40000 × 40000 像素，超过可识别的大小"), "{err}");
    // More pictures than a report has pages: refused before any is read.
    let many = vec![b"x".as_slice(); nianbao::limits::MAX_PAGES + 1];
    let err = import::pictures(&many, &ENGINE, &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("超过一份报告可有的"), "{err}");
}

use image::ImageEncoder;
