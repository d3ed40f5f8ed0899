use super::*;

#[test]
fn names_fold_for_white_space_and_width() {
    assert_eq!(fold(" 某县\u{3000}教育局（２０２４） "), "某县教育局(2024)");
    let roster = Roster::new(["某县教育局", "某县 教育局", "某县财政局", ""]);
    assert_eq!(roster.organs, ["某县教育局", "某县财政局"], "each once, blanks left out");
    assert_eq!(roster.find("某县教育局\u{3000}"), Some(0));
    assert_eq!(roster.find("某县教育体育局"), None, "a near match is no match");
}

#[test]
fn a_pasted_list_gives_one_organ_a_line_without_headers_or_numbers() {
    let text = "序号\t单位名称\t联系人\n1\t某县教育局\t张三\n2.某县财政局\n（三）某县公安局\n\n3、某县民政局，备注\n   \n四、某县司法局\n";
    let roster = Roster::parse(text);
    assert_eq!(roster.organs, ["某县教育局", "某县财政局", "某县公安局", "某县民政局", "某县司法局"]);
    assert_eq!(Roster::parse(&roster.to_text()), roster, "kept as text and read back the same");
}

#[test]
fn a_roster_file_is_text_in_any_common_encoding_or_a_workbook() {
    let utf16: Vec<u8> =
        [0xff, 0xfe].into_iter().chain("某县教育局\r\n某县财政局".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let none: import::LegacyDecoder = &|_| None;
    assert_eq!(Roster::from_file("名单.txt", &utf16, none).unwrap().organs, ["某县教育局", "某县财政局"]);
    let gbk = import::gb18030;
    let bytes = [0xc4, 0xb3, 0xcf, 0xd8, 0xbd, 0xcc, 0xd3, 0xfd, 0xbe, 0xd6]; // 某县教育局 in GBK
    assert_eq!(Roster::from_file("名单.txt", &bytes, &gbk).unwrap().organs, ["某县教育局"]);
    assert!(Roster::from_file("名单.txt", &bytes, none).unwrap_err().contains("编码"));
    assert!(Roster::from_file("名单.txt", b"\n\n", none).unwrap_err().contains("没有找到单位名称"));

    // A workbook as the exporter writes one: a header row, then 序号 and 名称 columns.
    use crate::export::xlsx::{table, Cell};
    let t = |s: &str| Cell::Text(s.into());
    let rows = vec![
        vec![t("序号"), t("单位名称")],
        vec![Cell::Number("1".into()), t("某县教育局")],
        vec![Cell::Number("2".into()), t("某县财政局")],
    ];
    let book = table(&[("名单", rows)]);
    assert_eq!(Roster::from_file("名单.xlsx", &book, none).unwrap().organs, ["某县教育局", "某县财政局"]);
    assert!(Roster::from_file("名单.xlsx", b"not a workbook", none).is_err());
}

#[test]
fn an_xls_roster_reads_its_first_column_of_names() {
    let path = format!("{}/tests/fixtures/xls/quangang-2023.xls", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    // Not a roster, but a workbook: its rows' first names are read as the list.
    let roster = Roster::from_file("x.xls", &bytes, &|_| None).unwrap();
    assert!(!roster.is_empty());
}

#[test]
fn near_matches_are_suggested_only_when_alike() {
    assert!(likeness("某县教育局", "某县教育体育局") >= SUGGEST_FROM);
    assert!(likeness("某县教育局", "某县财政局") < SUGGEST_FROM);
    assert!(likeness("某县第1局", "某县第2局") < SUGGEST_FROM);
    assert!(likeness("某县市场监督管理局", "某县市场监管局") >= SUGGEST_FROM);
    let roster = Roster::new(["某县教育局", "某县财政局", "某县体育局"]);
    assert_eq!(suggest(&roster, "某县教育体育局", 0..3), Some(0));
    assert_eq!(suggest(&roster, "某县农业农村局", 0..3), None);
}
