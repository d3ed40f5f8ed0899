//! PDF import: the real published PDFs (WPS) and PDFs of other producers import as printed, and
//! bad PDFs — encrypted, truncated, a scan, huge, deeply nested, a decompression bomb — get a
//! message that says what is wrong and what to do, without a panic.

use nianbao::form;
use nianbao::import::{self, ImportError, Imported};
use nianbao::json;
use nianbao::report::Report;
use nianbao::rules::Rule;
use std::time::Instant;

#[path = "support/pdf_file.rs"]
mod pdf_file;
use pdf_file::{pdf, stream};

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn expected(name: &str) -> Report {
    json::from_str(&String::from_utf8(fixture_bytes(name)).unwrap()).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The typed figures that differ from the expected report's: `(path, got, expected)`.
fn differences(got: &Imported, expected: &Report) -> Vec<(String, Option<String>, Option<String>)> {
    form::cells()
        .iter()
        .enumerate()
        .filter(|(i, d)| !d.derived && got.report.cells[*i] != expected.cells[*i])
        .map(|(i, d)| (d.path.clone(), got.report.cells[i].clone(), expected.cells[i].clone()))
        .collect()
}

#[test]
fn huaian_pdf_gives_the_text_fixtures_report() {
    let got = import::any("淮安市-2024.pdf", &fixture_bytes("pdf/淮安市-2024.pdf")).unwrap();
    let want = expected("huaian-2024.json");
    assert_eq!(differences(&got, &want), []);
    assert_eq!(got.recognised.len(), 166);
    assert!(got.missing.is_empty(), "{:?}", got.missing);
    assert_eq!((got.report.year, got.report.organ.as_str()), (want.year, want.organ.as_str()));
    for key in ["preamble", "overview", "problems", "other"] {
        assert_eq!(squash(got.report.text.get(key).unwrap()), squash(want.text.get(key).unwrap()), "{key}");
    }
    assert!(got.findings.iter().all(|f| f.rule != Rule::ImportTotalMismatch), "{:?}", got.findings);
    // The review points back into the PDF's text: 行政处罚 3985758 on its own table row.
    let penalty = got.recognised.iter().find(|r| r.path == "proactive.penalty").unwrap();
    assert_eq!(penalty.source_text, "行政处罚\t3985758");
}

/// 洪泽区 prints a label with a typo (2.其他法律行政止公开), spaces inside labels and
/// （六）其他处理 as one row of 0 without its items (each item is then 0, with a note): every
/// figure as printed, nothing missing.
#[test]
fn hongze_pdfs_import_exactly() {
    for (pdf, json) in
        [("pdf/洪泽区-2023.pdf", "pdf/hongze-2023.json"), ("pdf/洪泽区-2024.pdf", "pdf/hongze-2024.json")]
    {
        let got = import::any(pdf, &fixture_bytes(pdf)).unwrap();
        let want = expected(json);
        assert_eq!(differences(&got, &want), [], "{pdf}");
        assert!(got.missing.is_empty(), "{pdf}: {:?}", got.missing);
        assert_eq!((got.report.year, got.recognised.len()), (want.year, 166), "{pdf}");
    }
    // 2023's table C prints two group totals of 0 beside non-zero parts: both are reported.
    let got = import::any("洪泽区-2023.pdf", &fixture_bytes("pdf/洪泽区-2023.pdf")).unwrap();
    let mismatches: Vec<&[String]> =
        got.findings.iter().filter(|f| f.rule == Rule::ImportTotalMismatch).map(|f| &f.cells[..]).collect();
    assert_eq!(mismatches, [["appeals.review.total"], ["appeals.litigation_after_review.total"]]);
}

// ---- Bad PDFs, made here ----

/// A PDF from its objects (numbered from 1; object 1 is the catalog), with a correct
/// cross-reference table and `extra` in the trailer.
/// Catalog, pages, one page drawing `content` with font F1 (Helvetica) and image Im1.
fn one_page(content: &[u8], image: Vec<u8>) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>"
            .to_vec(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        image,
    ]
}

fn gray_image(bytes: usize) -> Vec<u8> {
    let side = (bytes as f64).sqrt().ceil() as usize;
    stream(
        &format!(
            "/Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray /BitsPerComponent 8"
        ),
        &vec![0x80; side * side],
    )
}

/// What importing `bytes` as a .pdf says, and how long it took.
fn refused(bytes: &[u8]) -> (String, f64) {
    let start = Instant::now();
    let e = import::any("报告.pdf", bytes).expect_err("a bad PDF must be refused");
    let secs = start.elapsed().as_secs_f64();
    match &e {
        ImportError::Pdf(_) | ImportError::TooLarge { .. } => {}
        other => panic!("not a PDF message: {other:?}"),
    }
    (e.to_string(), secs)
}

#[test]
fn a_scan_is_told_to_use_the_word_file_or_the_web_page() {
    let scan = pdf(&one_page(b"q 595 0 0 842 0 0 cm /Im1 Do Q", gray_image(10_000)), "");
    let (msg, _) = refused(&scan);
    assert!(msg.contains("没有文字层") && msg.contains("扫描件"), "{msg}");
    assert!(msg.contains("Word 文件") && msg.contains("网页"), "{msg}");
    // The same page with one line of text reads (and is not a report).
    let text = pdf(&one_page(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET /Im1 Do", gray_image(100)), "");
    assert_eq!(import::read::pdf::text(&text, &import::gb18030).unwrap(), "Hello\n");
}

#[test]
fn an_encrypted_pdf_asks_for_the_password_to_be_removed() {
    let mut objects = one_page(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", gray_image(100));
    objects.push(
        format!("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <{0}> /U <{0}> >>", "7a".repeat(32)).into_bytes(),
    );
    let id = "0123456789abcdef0123456789abcdef";
    let (msg, _) = refused(&pdf(&objects, &format!("/Encrypt 7 0 R /ID [<{id}> <{id}>]")));
    assert!(msg.contains("已加密") && msg.contains("密码"), "{msg}");
}

#[test]
fn a_truncated_or_damaged_pdf_says_so() {
    let real = fixture_bytes("pdf/洪泽区-2024.pdf");
    for cut in [real.len() / 2, real.len() - 100, 2000, 10] {
        let (msg, _) = refused(&real[..cut]);
        assert!(msg.contains("损坏或不完整"), "{cut}: {msg}");
    }
    let (msg, _) = refused(b"%PDF-1.7\nthis is not a PDF at all\n%%EOF\n");
    assert!(msg.contains("损坏或不完整"), "{msg}");
    let (msg, _) = refused(b"<html>not a pdf</html>");
    assert!(msg.contains("不是 PDF"), "{msg}");
}

#[test]
fn a_huge_pdf_is_refused_or_read_quickly() {
    // Just under the 50 MB file limit, nearly all image: read (it is a scan) within the limits.
    let big = pdf(&one_page(b"/Im1 Do", gray_image(49 << 20)), "");
    assert!(big.len() > 49 << 20 && big.len() < nianbao::limits::MAX_FILE_BYTES);
    let (msg, secs) = refused(&big);
    assert!(msg.contains("没有文字层"), "{msg}");
    eprintln!("50 MB PDF: {secs:.2} s");
    // Beyond the package limit: refused before it is parsed.
    let mut huge = big;
    huge.resize(70 << 20, b' ');
    let (msg, _) = refused(&huge);
    assert!(msg.contains("文件过大"), "{msg}");
}

/// Raw deflate (zlib-wrapped) that inflates to `bytes` zeros: a literal then repeated copies of
/// 258 bytes, 13 bits each, so gigabytes take megabytes and no time to make.
fn deflate_bomb(bytes: u64) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let (mut acc, mut n) = (0u64, 0u32);
    let mut put = |out: &mut Vec<u8>, bits: u64, len: u32| {
        acc |= bits << n;
        n += len;
        while n >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            n -= 8;
        }
    };
    let rev = |code: u64, len: u32| (0..len).fold(0, |r, i| r | ((code >> i) & 1) << (len - 1 - i));
    put(&mut out, 0b011, 3); // final block, fixed Huffman codes
    put(&mut out, rev(0x30, 8), 8); // literal 0
    for _ in 0..bytes / 258 {
        put(&mut out, rev(0xc5, 8), 8); // length 258
        put(&mut out, 0, 5); // distance 1
    }
    put(&mut out, 0, 7); // end of block
    put(&mut out, 0, 7);
    out
}

#[test]
fn a_stream_that_inflates_to_gigabytes_is_stopped() {
    let bomb = deflate_bomb(2 << 30);
    assert!(bomb.len() < 20 << 20);
    // As the page's content, as a font's ToUnicode map, and as an object stream.
    let content = pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            stream("/Filter /FlateDecode", &bomb),
        ],
        "",
    );
    let (msg, secs) = refused(&content);
    assert!(msg.contains("解压后超过"), "{msg}");
    eprintln!("2 GB content stream: {secs:.2} s");
    let mut objects = one_page(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", gray_image(100));
    objects[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>".to_vec();
    objects.push(stream("/Filter /FlateDecode", &bomb));
    let (msg, _) = refused(&pdf(&objects, ""));
    assert!(msg.contains("解压后超过"), "{msg}");
}

#[test]
fn deep_nesting_and_cycles_end() {
    // An object nested a hundred thousand arrays deep, in the page's resources.
    let deep =
        format!("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /X {}{} >>", "[".repeat(100_000), "]".repeat(100_000));
    let mut objects = one_page(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", gray_image(100));
    objects[2] = deep.into_bytes();
    let r = import::any("deep.pdf", &pdf(&objects, ""));
    assert!(r.is_err());
    // A page tree whose kids point back at it, and a form that draws itself.
    let mut objects = one_page(b"/Fm1 Do", gray_image(100));
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>".to_vec();
    objects[2] = b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /Fm1 6 0 R >> >> >>".to_vec();
    objects[5] = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm1 6 0 R >> >>",
        b"/Fm1 Do",
    );
    let (msg, secs) = refused(&pdf(&objects, ""));
    assert!(msg.contains("没有可读取的文字"), "{msg}");
    assert!(secs < 10.0);
}

#[test]
fn fonts_that_map_the_whole_code_space_or_are_chosen_again_and_again_stay_cheap() {
    // Each once took minutes (and the first 12 GB); bench/scaling.rs times them at two sizes.
    let start = Instant::now();
    let r = import::any("fonts.pdf", &pdf_file::fonts_sharing_a_whole_cmap(2000));
    assert!(matches!(r, Err(ImportError::NotAReport)), "{:?}", r.map(|i| i.report.organ));
    let (msg, _) = refused(&pdf_file::inline_font_chosen(20_000));
    assert!(msg.contains("ToUnicode"), "{msg}");
    let (msg, _) = refused(&pdf_file::label_lines(20_000));
    assert!(msg.contains("ToUnicode"), "{msg}");
    assert!(start.elapsed().as_secs_f64() < 20.0, "{:?}", start.elapsed());
}

/// The real PDFs cut and damaged at many places: a result or a message, never a panic.
#[test]
fn damaged_real_pdfs_never_panic() {
    let real = fixture_bytes("pdf/洪泽区-2024.pdf");
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..25 {
        let mut bytes = real.clone();
        for _ in 0..1 + next() % 20 {
            let at = (next() % bytes.len() as u64) as usize;
            bytes[at] = next() as u8;
        }
        let _ = import::any("x.pdf", &bytes);
    }
}

/// Other producers, as a class: LibreOffice's PDF of our Word export and of our page (tables
/// without ruled lines), Chromium's PDF of our print view (made by tests/make-pdfs; Chromium's
/// fonts map some ideographs to radicals).
#[test]
fn pdfs_of_other_producers_import_exactly() {
    for (pdf, json) in [
        ("pdf/made-by/huaian-2024-libreoffice-docx.pdf", "huaian-2024.json"),
        ("pdf/made-by/quangang-2023-libreoffice-docx.pdf", "quangang-2023.json"),
        ("pdf/made-by/huaian-2024-chromium-html.pdf", "huaian-2024.json"),
        ("pdf/made-by/quangang-2023-libreoffice-html.pdf", "quangang-2023.json"),
    ] {
        let got = import::any(pdf, &fixture_bytes(pdf)).unwrap();
        let want = expected(json);
        assert_eq!(differences(&got, &want), [], "{pdf}");
        assert!(got.missing.is_empty(), "{pdf}: {:?}", got.missing);
        assert_eq!(got.report.year, want.year, "{pdf}");
        for key in ["overview", "problems", "other"] {
            assert_eq!(squash(got.report.text.get(key).unwrap()), squash(want.text.get(key).unwrap()), "{pdf}: {key}");
        }
    }
}

/// 洪泽区 2024's table pages through cairo (`pdftocairo -pdf`; Firefox prints through cairo too):
/// a glyph missing from its fonts is drawn as outlines, whose straight strokes once ruled a tiny
/// cell around a label, so that a row's figures lost it (自然人 0 for 95, the balance rule alone
/// saying so). A curved path draws a shape, never a border.
#[test]
fn glyphs_drawn_as_outlines_are_no_ruled_lines() {
    let pdf = "pdf/made-by/hongze-2024-cairo-tables.pdf";
    let got = import::any(pdf, &fixture_bytes(pdf)).unwrap();
    assert_eq!(differences(&got, &expected("pdf/hongze-2024.json")), []);
    assert_eq!(got.recognised.len(), 166);
}

/// A font that maps glyphs to U+FFFD itself (Firefox's print with some CJK fonts): the figures
/// read, and the review says how many characters could not be.
#[test]
fn characters_a_font_maps_to_nothing_are_counted_in_a_note() {
    let published = String::from_utf8(fixture_bytes("淮安市-2024.txt")).unwrap();
    let lossy: String =
        published.chars().enumerate().map(|(i, c)| if i % 40 == 3 && !c.is_ascii() { '\u{FFFD}' } else { c }).collect();
    let got = import::any("打印.pdf", &pdf_file::text_pdf(&lossy, pdf_file::Codes::Identity)).unwrap();
    assert!(got.recognised.len() > 100, "{}", got.recognised.len());
    assert!(got.notes.iter().any(|n| n.contains("个字符的字体未给出对应文字")), "{:?}", got.notes);
    let clean = import::any("打印.pdf", &pdf_file::text_pdf(&published, pdf_file::Codes::Identity)).unwrap();
    assert!(clean.notes.iter().all(|n| !n.contains("未给出对应文字")), "{:?}", clean.notes);
}

/// Pages that draw their text through a form XObject (`/Fm1 Do`), on pages a viewer turns
/// (`/Rotate` 90, 180, 270) to show them upright, read as upright pages that draw it themselves:
/// the same figures and texts.
#[test]
fn text_in_form_xobjects_and_on_turned_pages_reads_as_on_the_page() {
    for text in ["淮安市-2024.txt", "泉港区-2023.txt"] {
        let published = String::from_utf8(fixture_bytes(text)).unwrap();
        let want = import::any("r.pdf", &pdf_file::text_pdf(&published, pdf_file::Codes::Identity)).unwrap();
        assert!(want.recognised.len() > 100, "{text}: {} figures", want.recognised.len());
        for rotate in [0, 90, 180, 270] {
            let got = import::any("r.pdf", &pdf_file::text_pdf_in_forms(&published, rotate)).unwrap();
            assert_eq!(differences(&got, &want.report), [], "{text} turned {rotate}");
            let texts = (&got.report.organ, &got.report.text);
            assert_eq!(texts, (&want.report.organ, &want.report.text), "{text} turned {rotate}");
        }
    }
}

/// A PDF whose font has no map to Unicode of its own, only a predefined CMap's codes (a "print to
/// PDF" that left 宋体 unembedded: UCS-2 or GBK), reads as one with the map: the published text,
/// written in each way, imports alike, its text and its figures.
#[test]
fn fonts_printed_through_a_predefined_cmap_read_as_their_characters() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    for text in ["淮安市-2024.txt", "泉港区-2023.txt"] {
        let published = String::from_utf8(fixture_bytes(text)).unwrap();
        let read =
            |codes| import::any_decoding("printed.pdf", &pdf_file::text_pdf(&published, codes), &import::gb18030);
        let want = read(pdf_file::Codes::Identity).unwrap();
        assert!(want.recognised.len() > 100, "{text}: {} figures", want.recognised.len());
        for (codes, how) in [(pdf_file::Codes::Ucs2, "UCS-2"), (pdf_file::Codes::Gbk(&gbk), "GBK")] {
            let got = read(codes).unwrap();
            assert_eq!(differences(&got, &want.report), [], "{text} through {how}");
            assert_eq!(
                (&got.report.organ, &got.report.text),
                (&want.report.organ, &want.report.text),
                "{text} through {how}"
            );
        }
    }
    // The page's reader decodes through the browser: its e2e test reads this file, the writer's.
    let path = format!("{}/tests/fixtures/pdf/made-by/huaian-2024-gbk-unembedded.pdf", env!("CARGO_MANIFEST_DIR"));
    let made =
        pdf_file::text_pdf(&String::from_utf8(fixture_bytes("淮安市-2024.txt")).unwrap(), pdf_file::Codes::Gbk(&gbk));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &made).unwrap();
    }
    assert!(
        std::fs::read(&path).is_ok_and(|f| f == made),
        "{path} is the writer's (UPDATE_GOLDEN=1 cargo test writes it)"
    );
    // Without a decoder for GBK (as `import::any` has none), such a font's text is unknown: said so.
    let bytes = pdf_file::text_pdf("一、总体情况\n规章 1 0 11", pdf_file::Codes::Gbk(&gbk));
    assert!(matches!(import::any("printed.pdf", &bytes), Err(ImportError::Pdf(_))));
}

/// A page ruled into 6 400 cells, each with a figure: read as text within the limits, not
/// searched cell against cell.
#[test]
fn a_page_of_a_huge_grid_is_read_in_bounded_time() {
    let n = 80;
    let mut content = String::from("0.5 w ");
    for i in 0..=n {
        let at = 20.0 + i as f32 * 4.5;
        content += &format!("20 {at} m 560 {at} l S {at} 20 m {at} 560 l S ");
    }
    content += "BT /F1 3 Tf ";
    for row in 0..n {
        for col in 0..n {
            content +=
                &format!("1 0 0 1 {} {} Tm ({}) Tj ", 21.0 + col as f32 * 4.5, 21.0 + row as f32 * 4.5, col % 10);
        }
    }
    content += "ET";
    let bytes = pdf(&one_page(content.as_bytes(), gray_image(100)), "");
    let start = Instant::now();
    let text = import::read::pdf::text(&bytes, &import::gb18030).unwrap();
    eprintln!("{n}×{n} grid: {:.2} s", start.elapsed().as_secs_f64());
    assert_eq!(text.chars().filter(char::is_ascii_digit).count(), n * n);
}
