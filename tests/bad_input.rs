//! Hostile and broken input, case by case: each gets its exact outcome — a message in Chinese
//! naming what is wrong and where, or correct acceptance — and nothing panics, hangs or runs
//! out of stack. The hostile files are made here (none is committed); the inputs fuzzing found
//! are kept small in `tests/fuzz-corpus/<target>/` and replayed through the fuzz targets' own
//! code (`fuzz/targets.rs`).

#[path = "../fuzz/targets.rs"]
#[allow(dead_code)] // `lines_of` is for the fuzz crate's seeder
mod targets;

use nianbao::export::docx;
use nianbao::import::{self, ImportError};
use nianbao::json::{self, LoadError};
use nianbao::limits::MAX_FILE_BYTES;
use nianbao::report::Report;
use nianbao::rules;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/quangang-2023.json")).unwrap()
}

/// The fixture report with `key: value` added first.
fn fixture_with(key: &str, value: &str) -> String {
    fixture().replacen('{', &format!("{{\"{key}\": {value},"), 1)
}

fn load_error(text: &str) -> LoadError {
    json::from_str(text).expect_err("refused")
}

fn at(at: &str, message: &str) -> LoadError {
    LoadError { at: at.into(), message: message.into() }
}

/// The findings of one rule, as (cells, message).
fn findings(report: &Report, rule: &str) -> Vec<(Vec<String>, String)> {
    rules::check(report, None).into_iter().filter(|f| f.rule.id() == rule).map(|f| (f.cells, f.message)).collect()
}

/// A package of the given parts, deflated.
fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    targets::zip(parts, zip::CompressionMethod::Deflated)
}

fn fixture_docx() -> Vec<u8> {
    docx::write(&json::from_str(&fixture()).unwrap(), &docx::DocxOptions { wrapper: false })
}

// ---- JSON report files -------------------------------------------------------------------

#[test]
fn deep_json_is_refused_where_it_gets_too_deep() {
    let expected = at("第 1 行第 128 列", "不是有效的 JSON 文件：嵌套超过 128 层，不是报告文件");
    assert_eq!(load_error(&"[".repeat(100_000)), expected);
    assert_eq!(load_error(&format!("{}1{}", "[".repeat(200), "]".repeat(200))), expected);
    // Inside a report, under a key this version does not know.
    let deep = format!("{}{}", "{\"a\":".repeat(200), "}".repeat(200));
    let e = load_error(&fixture_with("x", &deep));
    assert_eq!((e.at.as_str(), e.message.as_str()), ("第 1 行第 637 列", expected.message.as_str()));
    // As deep as a real file may go, it is kept and written back.
    let kept = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let report = json::from_str(&fixture_with("x", &kept)).unwrap();
    assert_eq!(json::from_str(&json::to_string(&report)).unwrap(), report);
    assert_eq!(report.extra["x"], serde_json::from_str::<serde_json::Value>(&kept).unwrap());
}

#[test]
fn nul_bytes_in_a_report_file_are_refused_where_they_stand_unless_escaped() {
    let text = fixture().replacen("\"organ\": \"", "\"organ\": \"\0", 1);
    assert_eq!(
        load_error(&text),
        at("第 6 行第 13 列", "不是有效的 JSON 文件：文本中含有控制字符（如 NUL），须写作转义形式")
    );
    let text = fixture().replacen("\"year\"", "\0\"year\"", 1);
    let e = load_error(&text);
    assert_eq!(e.at, "第 5 行第 3 列");
    assert_eq!(e.message, "不是有效的 JSON 文件");
    // Escaped, NUL is a character like any other: read, and left out of the Word file's XML.
    let report = json::from_str(&fixture().replacen("\"organ\": \"", "\"organ\": \"\\u0000", 1)).unwrap();
    assert_eq!(report.organ, "\0泉州市泉港区人民政府");
    let xml = docx::document_xml(&report, &docx::DocxOptions { wrapper: false });
    assert!(roxmltree::Document::parse(&xml).is_ok() && !xml.contains('\0'));
}

#[test]
fn a_newer_schema_version_is_refused_by_name() {
    let text = fixture().replacen("\"schema_version\": 1", "\"schema_version\": 99", 1);
    assert_eq!(
        load_error(&text),
        at(
            "schema_version",
            "此文件由较新版本的 nianbao 生成（schema_version 99），本版本只能读取 1 及以下，请更新 nianbao 后再打开"
        )
    );
}

#[test]
fn absurd_figures_are_read_and_each_gets_its_finding() {
    let set = |path: &str, value: &str| {
        let mut v: serde_json::Value = serde_json::from_str(&fixture()).unwrap();
        let (parents, leaf) = path.rsplit_once('.').unwrap();
        let mut here = &mut v;
        for key in parents.split('.') {
            here = &mut here[key];
        }
        here[leaf] = serde_json::from_str(value).unwrap();
        json::from_str(&v.to_string()).unwrap()
    };
    let count = "applications.new_received.natural_person";
    let r = set(count, "1e20");
    assert_eq!(r.raw(count), Some("1e+20"), "a JSON number, as serde_json writes it");
    assert_eq!(
        findings(&r, "cell.integer"),
        [(vec![count.to_string()], "表B「一、本年新收政府信息公开申请数量」行「自然人」列：“1e+20”应为整数".into())]
    );
    let r = set(count, "9999999999999");
    assert_eq!(
        findings(&r, "cell.range"),
        [(
            vec![count.to_string()],
            "表B「一、本年新收政府信息公开申请数量」行「自然人」列：“9999999999999”数值超出合理范围（不超过 10^12）"
                .into()
        )]
    );
    let fee = "proactive.fees_wan_yuan";
    let describe = "表A「行政事业性收费」";
    for (value, rule, why) in [
        ("\"1e400\"", "cell.decimal", "“1e400”应为数字（单位：万元）"),
        ("\"-0.000001\"", "cell.non_negative", "“-0.000001”不能为负数"),
        ("\"0.1234567\"", "cell.decimal", "“0.1234567”小数位数不能超过 6 位"),
    ] {
        let r = set(fee, value);
        assert_eq!(findings(&r, rule), [(vec![fee.to_string()], format!("{describe}：{why}"))], "{value}");
    }
    // 1e400 as a JSON number is out of any range: the file itself is refused, at the number.
    let text = fixture().replacen("\"fees_wan_yuan\": \"", "\"fees_wan_yuan\": 1e400, \"x\": \"", 1);
    let e = load_error(&text);
    assert_eq!(e.message, "不是有效的 JSON 文件：数字超出可表示的范围");
    assert!(e.at.starts_with("第 "), "{e}");
}

#[test]
fn a_30_mb_report_file_is_read_and_kept() {
    let big = format!("\"{}\"", "年报".repeat(5 << 20));
    let text = fixture_with("attachment", &big);
    assert!(text.len() > 30 << 20);
    let report = json::from_str(&text).unwrap();
    assert_eq!(report.extra["attachment"].as_str().map(str::len), Some(30 << 20));
    assert_eq!(rules::check(&report, None), rules::check(&json::from_str(&fixture()).unwrap(), None));
}

// ---- Office packages ----------------------------------------------------------------------

#[test]
fn zip_bombs_stop_at_the_decompression_budget() {
    let spaces = vec![b' '; 60 << 20];
    let bomb = zip(&[("word/document.xml", &spaces)]);
    assert!(bomb.len() < 1 << 20);
    let message = "文档解压后超过 50 MB，疑似异常文件（压缩炸弹），已停止读取";
    for name in ["bomb.docx", "bomb.zip"] {
        let e = import::any(name, &bomb).unwrap_err();
        assert_eq!((&e, e.to_string().as_str()), (&ImportError::ZipBomb, message), "{name}");
    }
    let sheet = zip(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/sheet1.xml", &spaces)]);
    assert_eq!(import::any("bomb.xlsx", &sheet).unwrap_err(), ImportError::ZipBomb);
    // A small package whose one shared string, 1 MB, is used by 60 cells: the text it expands to
    // is counted against the same budget.
    let shared = format!("<sst><si><t>{}</t></si></sst>", "a".repeat(1 << 20));
    let rows = "<row><c t=\"s\"><v>0</v></c></row>".repeat(60);
    let sheet = format!("<worksheet><sheetData>{rows}</sheetData></worksheet>");
    let amplified = zip(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/sharedStrings.xml", shared.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    assert!(amplified.len() < 64 << 10);
    assert_eq!(import::any("shared.xlsx", &amplified).unwrap_err(), ImportError::ZipBomb);
}

#[test]
fn xml_entity_expansion_is_refused_at_the_doctype() {
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]>";
    let document = format!("{laughs}<w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>");
    let e = import::any("lol.docx", &zip(&[("word/document.xml", document.as_bytes())])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "文件已损坏或不是有效的 Office 文档：word/document.xml 含有 DOCTYPE 声明（Office 文档中不会有），疑似恶意构造的文件，已停止读取"
    );
    let shared = format!("{laughs}<sst><si><t>&lol2;</t></si></sst>");
    let book = zip(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/sharedStrings.xml", shared.as_bytes()),
        ("xl/worksheets/sheet1.xml", b"<worksheet/>"),
    ]);
    assert_eq!(
        import::any("lol.xlsx", &book).unwrap_err(),
        ImportError::Corrupt(
            "xl/sharedStrings.xml 含有 DOCTYPE 声明（Office 文档中不会有），疑似恶意构造的文件，已停止读取".into()
        )
    );
    // An entity no DOCTYPE declares is a plain error, at its place.
    let document = "<w:document><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>";
    let e = import::any("lol.docx", &zip(&[("word/document.xml", document.as_bytes())])).unwrap_err();
    assert!(e.to_string().starts_with("文件已损坏或不是有效的 Office 文档：word/document.xml 文本有误"), "{e}");
}

#[test]
fn truncated_damaged_and_disguised_documents_say_so() {
    let word = fixture_docx();
    for cut in [word.len() / 2, word.len() - 30, 100] {
        let e = import::any("report.docx", &word[..cut]).unwrap_err();
        assert!(matches!(e, ImportError::Corrupt(_)), "{cut}: {e:?}");
        assert!(e.to_string().starts_with("文件已损坏或不是有效的 Office 文档：无法打开压缩包（"), "{cut}: {e}");
    }
    // The directory intact, the compressed document damaged: its checksum or its deflate fails.
    let mut damaged = word.clone();
    let data = damaged.windows(17).position(|w| w == b"word/document.xml").unwrap() + 17;
    damaged[data + 40..data + 60].fill(0x55);
    let e = import::any("report.docx", &damaged).unwrap_err();
    assert!(e.to_string().starts_with("文件已损坏或不是有效的 Office 文档：word/document.xml"), "{e}");
    assert_eq!(
        import::any("report.docx", "这不是 Word 文档".as_bytes()).unwrap_err().to_string(),
        "文件已损坏或不是有效的 Office 文档：扩展名为 .docx，但内容不是 Office 文档（zip）"
    );
    assert_eq!(
        import::any("report.xlsx", b"<html>").unwrap_err(),
        ImportError::Corrupt("扩展名为 .xlsx，但内容不是 Office 文档（zip）".into())
    );
}

// ---- Text and web pages -------------------------------------------------------------------

#[test]
fn nul_bytes_mean_not_text() {
    let message = "无法识别文本编码（不是 UTF-8，也不是 GBK/GB18030）：请将文件另存为 UTF-8 编码的文本（.txt）后再导入";
    let text = std::fs::read(root().join("tests/fixtures/泉港区-2023.txt")).unwrap();
    let with_nul = [&text[..200], b"\0", &text[200..]].concat();
    // UTF-16 written without its byte order mark.
    let utf16: Vec<u8> = "一、总体情况".encode_utf16().flat_map(u16::to_le_bytes).collect();
    for (name, bytes) in [("r.txt", with_nul.as_slice()), ("r.txt", &utf16), ("r.html", b"<p>\0</p>")] {
        let e = import::any_decoding(name, bytes, &import::gb18030).unwrap_err();
        assert_eq!((&e, e.to_string().as_str()), (&ImportError::Encoding, message));
    }
    // With its mark, UTF-16 is text.
    let marked: Vec<u8> = [0xff, 0xfe].into_iter().chain(utf16).collect();
    assert_eq!(import::any("r.txt", &marked).unwrap().report.text.overview, "");
}

#[test]
fn tables_nested_without_end_are_read_flat() {
    // The page of 200,000 unclosed tables (1.4 MB), and 40,000 with text in their cells, that
    // once took minutes or overflowed the stack.
    let tables = "<table>".repeat(200_000);
    assert_eq!(import::any("t.html", tables.as_bytes()).unwrap_err(), ImportError::Empty);
    let cells = "<table><tr><td>文字".repeat(40_000);
    assert_eq!(import::any("t.html", cells.as_bytes()).unwrap_err(), ImportError::NotAReport);
    let closed = format!("{}{}", "<table><tr><td>文字".repeat(40_000), "</td></tr></table>".repeat(40_000));
    assert_eq!(import::any("t.html", closed.as_bytes()).unwrap_err(), ImportError::NotAReport);
    // A report inside deep page layout is still read in full.
    let text = std::fs::read_to_string(root().join("tests/fixtures/泉港区-2023.txt")).unwrap();
    let rows: String = text
        .lines()
        .map(|l| {
            let cells: String = l.split('\t').map(|c| format!("<td>{c}</td>")).collect();
            if l.contains('\t') {
                format!("<table><tr>{cells}</tr></table>")
            } else {
                format!("<p>{l}</p>")
            }
        })
        .collect();
    let page = format!("{}{rows}", "<table><tr><td>".repeat(50_000));
    assert_eq!(import::any("deep.html", page.as_bytes()).unwrap().recognised.len(), 166);
    // Word's tables nested as deep.
    let body = format!(
        "{}{}",
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>文字</w:t></w:r></w:p>".repeat(40_000),
        "</w:tc></w:tr></w:tbl>".repeat(40_000)
    );
    let document = format!("<w:document><w:body>{body}</w:body></w:document>");
    let word = zip(&[("word/document.xml", document.as_bytes())]);
    assert_eq!(import::any("deep.docx", &word).unwrap_err(), ImportError::NotAReport);
}

#[test]
fn a_document_without_its_year_is_kept_with_the_year_the_user_works_in() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/泉港区-2023.txt")).unwrap();
    let no_year = (1990..2100).fold(text, |t, y| t.replace(&y.to_string(), "本"));
    let imported = import::text(&no_year).unwrap();
    assert_eq!(imported.report.year, 0, "unknown: the review says 未识别");
    let kept = imported.report_or(2025);
    assert_eq!((kept.year, kept.cells.clone()), (2025, imported.report.cells.clone()));
    assert_eq!(json::from_str(&json::to_string(&kept)).unwrap(), kept);
}

/// Keys this version does not know, among the ones it does, are written back in their own order,
/// and the same at every later save (fuzzing, `json`: taking the known keys out reordered the
/// rest, so each save of such a file changed it).
#[test]
fn unknown_keys_are_written_back_in_their_order_at_every_save() {
    let text = std::fs::read_to_string(root().join("tests/fuzz-corpus/json/unknown-keys-order.json")).unwrap();
    let written = json::to_string(&json::from_str(&text).unwrap());
    assert!(written.contains("\"other\": \"\",\n    \"x\": 1,\n    \"y\": 2\n  }"), "{written}");
    assert_eq!(json::to_string(&json::from_str(&written).unwrap()), written);
}

/// A number under a key this version does not know is written back exactly as it was read
/// (fuzzing, `json`: serde_json's fast float parsing read 4.4444444444444445e+92 one digit off, so
/// every save of such a file changed it; `float_roundtrip` parses exactly).
#[test]
fn unknown_numbers_are_written_back_exactly() {
    let text = std::fs::read_to_string(root().join("tests/fuzz-corpus/json/unknown-float.json")).unwrap();
    let written = json::to_string(&json::from_str(&text).unwrap());
    for number in ["4.4444444444444445e+92", "0.1", "1e-7"] {
        assert!(written.contains(&format!(": {number}")), "{number} in {written}");
    }
    assert_eq!(json::to_string(&json::from_str(&written).unwrap()), written);
}

/// A figure holding only blanks (here a vertical tab) is not filled: it is saved so and reads back
/// the same (fuzzing, `rules`: it was written as "\u000b" and read back as not filled, so a draft
/// changed between saving and reopening).
#[test]
fn a_blank_figure_is_saved_as_not_filled() {
    let data = std::fs::read_to_string(root().join("tests/fuzz-corpus/rules/blank-cell.txt")).unwrap();
    let report = targets::report_from_lines(&data);
    assert_eq!(report.cells[0].as_deref(), Some("\u{b}"));
    let written = json::to_string(&report);
    assert_eq!(written, json::to_string(&Report::new(2024)));
    assert_eq!(json::from_str(&written).unwrap().cells[0], None);
}

/// Last year's report in a file is held to the years of this one: 78 is refused where it stands
/// (fuzzing, `rules`: its harness made a last year of 78, which no reader, editor or CLI path
/// can; it now keeps to `report::YEARS` as they do).
#[test]
fn a_last_year_outside_1990_to_2200_is_refused_where_it_stands() {
    let text =
        fixture().replacen('{', r#"{"previous": {"schema": "nianbao.report", "schema_version": 1, "year": 78},"#, 1);
    assert_eq!(load_error(&text), at("previous.year", "年度应为四位年份，实为 78"));
    let kept = std::fs::read_to_string(root().join("tests/fuzz-corpus/rules/last-year-78.txt")).unwrap();
    let (_, then) = kept.split_once('\0').unwrap();
    assert_eq!(targets::report_from_lines(then).year, 2024);
}

// ---- Size ----------------------------------------------------------------------------------

#[test]
fn files_over_50_mb_are_refused_with_their_size_before_they_are_read() {
    let big = vec![b' '; MAX_FILE_BYTES + 1];
    let message = "文件过大（约 51 MB，上限 50 MB），不像是一份年度报告，未读取";
    for name in ["big.txt", "big.docx", "big.html", "big.xlsx"] {
        let e = import::any(name, &big).unwrap_err();
        assert_eq!((&e, e.to_string().as_str()), (&ImportError::TooLarge { bytes: big.len() }, message), "{name}");
    }
    assert!(import::any("limit.txt", &vec![b' '; MAX_FILE_BYTES]).is_err_and(|e| e == ImportError::Empty));
}

/// A sparse file of `len` bytes (no disk used), in a fresh folder.
fn sparse(name: &str, len: u64) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-bad-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().set_len(len).unwrap();
    path
}

fn nianbao(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn the_cli_refuses_files_over_50_mb_before_reading_them() {
    for (name, command) in [("big.json", "check"), ("big.txt", "import"), ("big.docx", "import")] {
        let path = sparse(name, 60 << 20);
        let (code, stderr) = nianbao(&[command.as_ref(), path.as_os_str()]);
        let expected = format!("{}: 文件过大（约 60 MB，上限 50 MB），不像是一份年度报告，未读取\n", path.display());
        assert_eq!((code, stderr), (Some(2), expected), "{command} {name}");
        std::fs::remove_dir_all(path.parent().unwrap()).ok();
    }
    // A device reports no size; reading it stops at the limit.
    let (code, stderr) = nianbao(&["import".as_ref(), "/dev/zero".as_ref()]);
    assert_eq!(
        (code, stderr.as_str()),
        (Some(2), "/dev/zero: 文件过大（约 51 MB，上限 50 MB），不像是一份年度报告，未读取\n")
    );
}

// ---- What fuzzing found ---------------------------------------------------------------------

/// Every input kept in `tests/fuzz-corpus/<target>/` goes through its target again: each once
/// made it panic, hang or break the JSON contract.
#[test]
fn the_fuzz_corpus_replays_cleanly() {
    let mut replayed = 0;
    for (name, target) in targets::TARGETS {
        let dir = root().join("tests/fuzz-corpus").join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} fails again", path.display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "the corpus is empty");
}
