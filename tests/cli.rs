//! The `nianbao` binary on hand-made files: output lines, JSON output and exit codes.

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Output};

const FIXTURE: &str = include_str!("fixtures/quangang-2023.json");

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

/// Writes `content` to a fresh file named `name` and returns its path.
fn file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn nianbao(args: &[&str]) -> (i32, String, String) {
    let Output { status, stdout, stderr } = Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().unwrap();
    (status.code().unwrap(), String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap())
}

fn check(name: &str, value: &Value) -> (i32, String, String) {
    let path = file(name, &value.to_string());
    nianbao(&["check", path.to_str().unwrap()])
}

#[test]
fn the_fixture_passes_with_its_one_warning() {
    let path = file("quangang.json", FIXTURE);
    let (code, out, _) = nianbao(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with(&format!("{}: 警告 text.overview_length text.overview: ", path.display())), "{out}");
}

#[test]
fn a_broken_balance_exits_1_with_one_line_per_finding() {
    let mut v = fixture();
    v["applications"]["granted"]["natural_person"] = json!(19);
    let (code, out, _) = check("balance.json", &v);
    assert_eq!(code, 1);
    let line = out.lines().find(|l| l.contains(" 错误 balance ")).expect(&out);
    assert!(line.contains("自然人列不平衡：收到的申请 26 件"), "{line}");
    assert!(line.contains("多 1 件"), "{line}");
    assert!(
        line.contains(" applications.carried_forward.natural_person,applications.new_received.natural_person,"),
        "{line}"
    );
    assert_eq!(out.lines().filter(|l| l.contains(" 错误 ")).count(), 2, "自然人 and 总计 columns");
}

#[test]
fn malformed_json_exits_2_with_line_and_column() {
    let path = file("broken.json", "{\n  \"schema\": \"nianbao.report\",\n  \"year\": 2023,,\n}");
    let (code, out, err) = nianbao(&["check", path.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("第 3 行第 16 列"), "{err}");
    assert!(err.contains("不是有效的 JSON"), "{err}");
}

#[test]
fn a_missing_required_key_exits_2_naming_it() {
    let mut v = fixture();
    v.as_object_mut().unwrap().remove("year");
    let (code, _, err) = check("noyear.json", &v);
    assert_eq!(code, 2);
    assert!(err.contains("year：缺少年度"), "{err}");
}

#[test]
fn a_missing_figure_is_a_warning() {
    let mut v = fixture();
    v["appeals"]["review"].as_object_mut().unwrap().remove("pending");
    let (code, out, _) = check("nofigure.json", &v);
    assert_eq!(code, 0);
    assert!(out.contains("警告 cell.missing appeals.review.pending: 表C「行政复议」：尚未审结 未填写"), "{out}");
}

#[test]
fn a_wrong_type_exits_2_with_its_path() {
    let mut v = fixture();
    v["applications"]["new_received"]["commercial"] = json!([0]);
    let (code, _, err) = check("wrongtype.json", &v);
    assert_eq!(code, 2);
    assert!(err.contains("applications.new_received.commercial：表B「一、本年新收政府信息公开申请数量」行「商业企业」列 应为数字，实为数组"), "{err}");
}

#[test]
fn a_negative_count_and_a_seven_decimal_fee_are_errors() {
    let mut v = fixture();
    v["proactive"]["penalty"] = json!(-2);
    v["proactive"]["fees_wan_yuan"] = json!("435.1824601");
    let (code, out, _) = check("values.json", &v);
    assert_eq!(code, 1);
    assert!(out.contains("错误 cell.non_negative proactive.penalty: 表A「行政处罚」：“-2”不能为负数"), "{out}");
    assert!(
        out.contains(
            "错误 cell.decimal proactive.fees_wan_yuan: 表A「行政事业性收费」：“435.1824601”小数位数不能超过 6 位"
        ),
        "{out}"
    );
}

#[test]
fn a_newer_schema_version_is_refused() {
    let mut v = fixture();
    v["schema_version"] = json!(99);
    let (code, _, err) = check("v99.json", &v);
    assert_eq!(code, 2);
    assert!(err.contains("schema_version：此文件由较新版本的 nianbao 生成（schema_version 99）"), "{err}");
}

#[test]
fn json_output_lists_findings() {
    let mut v = fixture();
    v["applications"]["granted"]["commercial"] = json!(1);
    let path = file("forjson.json", &v.to_string());
    let (code, out, _) = nianbao(&["check", "--json", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = list.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        ["balance", "balance", "text.overview_length", "narrative.figure"],
        "予以公开 20 件 in the text is now 21"
    );
    assert_eq!(list[0]["level"], "error");
    // The finding goes first to 四、结转下年度继续办理, where a difference most often is.
    assert_eq!(list[0]["cells"][0], "applications.carried_forward.commercial");
    assert_eq!(list[0]["file"], path.display().to_string());
}

#[test]
fn new_starts_next_year_and_previous_is_checked() {
    let mut last = fixture();
    last["applications"]["carried_forward"]["natural_person"] = json!(2);
    last["applications"]["new_received"]["natural_person"] = json!(28);
    let last_path = file("last.json", &last.to_string());
    let new_path = last_path.with_file_name("new.json");
    let (code, _, err) = nianbao(&["new", "--from", last_path.to_str().unwrap(), "-o", new_path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let draft: Value = serde_json::from_str(&std::fs::read_to_string(&new_path).unwrap()).unwrap();
    assert_eq!(draft["year"], 2024);
    assert_eq!(draft["applications"]["carried_over"]["natural_person"], 2);
    assert_eq!(draft["applications"]["carried_over"]["commercial"], 0);
    assert!(draft["applications"]["new_received"].as_object().unwrap().is_empty(), "this year's figures start blank");
    assert_eq!(draft["text"], last["text"]);
    assert_eq!(draft["previous"]["year"], 2023);
    assert_eq!(draft["document"]["issuer"], last["document"]["issuer"], "the issuer stays");
    assert!(draft["document"].get("number").is_none(), "next year's 发文字号 is new");

    // The draft's own previous year drives prev.*; an explicit --previous replaces it.
    let mut edited = draft.clone();
    edited["applications"]["carried_over"]["natural_person"] = json!(5);
    let edited_path = file("edited.json", &edited.to_string());
    let (code, out, _) = nianbao(&["check", edited_path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("错误 prev.carried_over applications.carried_over.natural_person: 自然人列：本年「二、上年结转政府信息公开申请数量」（5）应等于2023年「四、结转下年度继续办理」（2）"), "{out}");
    let other_last = file("other.json", FIXTURE);
    let (_, out, _) = nianbao(&["check", "--previous", other_last.to_str().unwrap(), edited_path.to_str().unwrap()]);
    assert!(out.contains("（5）应等于2023年「四、结转下年度继续办理」（0）"), "{out}");
}

#[test]
fn an_unreadable_file_exits_2() {
    let (code, _, err) = nianbao(&["check", "/nonexistent/x.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("无法读取"), "{err}");
}

#[test]
fn aggregate_sums_reports_into_a_balanced_total() {
    let a = file("dept-a.json", FIXTURE);
    let b = a.with_file_name("dept-b.json");
    std::fs::write(&b, FIXTURE).unwrap();
    let out = a.with_file_name("county.json");
    let (code, _, err) = nianbao(&[
        "aggregate",
        "--organ",
        "某县人民政府",
        "-o",
        out.to_str().unwrap(),
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("已汇总 2 份 2023 年度报告"), "{err}");
    let total: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(total["scope"], "aggregate");
    assert_eq!(total["applications"]["new_received"]["natural_person"], 52);
    assert_eq!(total["proactive"]["fees_wan_yuan"], "870.36492");
    let (code, out_lines, _) = nianbao(&["check", out.to_str().unwrap()]);
    assert!(!out_lines.contains(" 错误 "), "a sum of balanced reports balances: {out_lines}");
    assert_eq!(code, 0);
}

#[test]
fn export_writes_the_three_formats() {
    let path = file("export.json", FIXTURE);
    let out = path.with_file_name("报告.docx");
    let (xlsx, html) = (out.with_extension("xlsx"), out.with_extension("html"));
    let (code, _, err) = nianbao(&[
        "export",
        path.to_str().unwrap(),
        "--wrapper",
        "--docx",
        out.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("已导出"), "{err}");
    for p in [&out, &xlsx] {
        assert_eq!(&std::fs::read(p).unwrap()[..2], b"PK", "{} is a zip package", p.display());
    }
    assert!(std::fs::read_to_string(&html).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn export_exits_2_on_unreadable_input_or_no_output() {
    let (code, _, err) = nianbao(&["export", "/nonexistent/r.json", "--docx", "/tmp/x.docx"]);
    assert_eq!(code, 2);
    assert!(err.contains("无法读取"), "{err}");
    let path = file("no-output.json", FIXTURE);
    let (code, _, err) = nianbao(&["export", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("请至少指定一种输出"), "{err}");
}

#[test]
fn a_folder_stands_for_its_json_reports() {
    let a = file("folder-a.json", FIXTURE);
    let dir = a.parent().unwrap().to_path_buf();
    let mut broken = fixture();
    broken["applications"]["granted"]["natural_person"] = json!(19);
    std::fs::write(dir.join("folder-b.json"), broken.to_string()).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a report").unwrap();
    let (code, out, _) = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "folder-b has a balance error");
    let files: std::collections::BTreeSet<&str> = out.lines().filter_map(|l| l.split(": ").next()).collect();
    assert!(files.iter().all(|f| f.ends_with(".json")), "{files:?}");
    assert!(out.contains("folder-b.json: 错误 balance"), "{out}");

    let empty = std::env::temp_dir().join(format!("nianbao-cli-{}-empty-dir", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let (code, _, err) = nianbao(&["check", empty.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("文件夹中没有 .json 报告文件"), "{err}");
}

/// A folder of department reports made from the fixture: organ, scope and 新收 (自然人) set.
fn department(dir: &std::path::Path, name: &str, organ: &str, year: i64, new: u64) -> Value {
    let mut v = fixture();
    v["organ"] = json!(organ);
    v["scope"] = json!("own");
    v["year"] = json!(year);
    let granted = v["applications"]["granted"]["natural_person"].as_u64().unwrap();
    let was = v["applications"]["new_received"]["natural_person"].as_u64().unwrap();
    v["applications"]["new_received"]["natural_person"] = json!(new);
    v["applications"]["granted"]["natural_person"] = json!(granted + new - was);
    std::fs::write(dir.join(name), v.to_string()).unwrap();
    v
}

fn summary_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}-summary-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every figure of a report doubled (the fee as a decimal string): the 汇总 of two copies.
fn doubled(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_u64().unwrap() * 2),
        Value::String(s) if s.parse::<f64>().is_ok() => {
            let (int, frac) = s.split_once('.').unwrap_or((s, ""));
            let scaled: u128 = format!("{int}{frac}").parse().unwrap();
            let d = (scaled * 2).to_string();
            let d = format!("{:0>width$}", d, width = frac.len() + 1);
            let (i, f) = d.split_at(d.len() - frac.len());
            json!(if f.is_empty() { i.to_string() } else { format!("{i}.{f}") })
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), doubled(v))).collect()),
        other => other.clone(),
    }
}

#[test]
fn summary_lists_one_line_per_file_and_exits_by_the_worst() {
    let dir = summary_dir("rows");
    department(&dir, "a.json", "泉港区教育局", 2023, 26);
    let mut bad = department(&dir, "b.json", "泉港区财政局", 2023, 26);
    bad["applications"]["granted"]["natural_person"] = json!(19);
    std::fs::write(dir.join("b.json"), bad.to_string()).unwrap();
    department(&dir, "c.json", "泉港区教育局", 2023, 15);
    std::fs::write(dir.join("d.txt"), "会议通知：请各单位按时参加。").unwrap();
    let (code, out, err) = nianbao(&["summary", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "a file that is not a report: {out}{err}");
    assert!(out.starts_with("汇总年度：2023 年度："), "{out}");
    // a and b carry the fixture's text under two organs' names: a copy, each naming the other.
    assert!(
        out.contains("a.json: 警告 text.similar_to_other_organ 泉港区教育局：与泉港区财政局报告正文重复 100%"),
        "{out}"
    );
    assert!(
        out.contains("b.json: 警告 text.similar_to_other_organ 泉港区财政局：与泉港区教育局报告正文重复 100%"),
        "{out}"
    );
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("汇总年度") && !l.contains(": 警告 text.similar") && !l.contains(": 指标 "))
        .filter(|l| !l.contains(": 标记 "))
        .collect();
    assert_eq!(lines.len(), 4, "{out}");
    let a = dir.join("a.json");
    assert!(
        lines[0].starts_with(&format!("{}: 泉港区教育局 2023年 本机关 错误 0 警告 1 通过（计入汇总）", a.display())),
        "{out}"
    );
    assert!(lines[1].contains(" 错误 2 警告 ") && lines[1].ends_with(" 有错误 balance（计入汇总）"), "{out}");
    assert!(lines[2].contains("与「") && lines[2].contains("a.json」重复"), "{out}");
    assert!(lines[3].contains("d.txt: 未识别：未识别到政府信息公开工作年度报告"), "{out}");
    assert!(err.contains("c.json: 与「"), "the duplicate is noted as left out: {err}");

    std::fs::remove_file(dir.join("d.txt")).unwrap();
    assert_eq!(nianbao(&["summary", dir.to_str().unwrap()]).0, 1, "a report with errors");
    std::fs::remove_file(dir.join("b.json")).unwrap();
    assert_eq!(nianbao(&["summary", dir.to_str().unwrap()]).0, 0);
}

#[test]
fn summary_compares_the_aggregate_report_cell_by_cell() {
    let dir = summary_dir("parent");
    let a = department(&dir, "a.json", "泉港区教育局", 2023, 26);
    department(&dir, "b.json", "泉港区财政局", 2023, 26);
    let mut parent = a.clone();
    for part in ["proactive", "applications", "appeals"] {
        parent[part] = doubled(&a[part]);
    }
    parent["organ"] = json!("泉州市泉港区人民政府");
    parent["scope"] = json!("aggregate");
    parent["year"] = json!(2023);
    let xlsx = summary_dir("parent-out").join("out.xlsx");
    std::fs::write(dir.join("parent.json"), parent.to_string()).unwrap();
    let (code, out, _) = nianbao(&["summary", "--xlsx", xlsx.to_str().unwrap(), dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("aggregate.sum"), "two copies doubled agree, the fee too: {out}");
    assert!(out.contains("上级汇总报告：与合计核对"), "{out}");

    parent["appeals"]["review"]["corrected"] = json!(parent["appeals"]["review"]["corrected"].as_u64().unwrap() + 1);
    std::fs::write(dir.join("parent.json"), parent.to_string()).unwrap();
    let (code, out, _) = nianbao(&["summary", "--json", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "aggregate.sum is a warning");
    let v: Value = serde_json::from_str(&out).unwrap();
    let found = v["aggregate_sum"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{out}");
    assert_eq!(found[0]["cells"][0], "appeals.review.corrected");
    assert_eq!(found[0]["message"], "表C「行政复议」结果纠正：汇总报告为 1，各报告合计为 0");
    assert_eq!(v["files"].as_array().unwrap().iter().filter(|f| f["role"] == "parent").count(), 1);

    let book = std::fs::read(&xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert!(sheet.contains("泉港区财政局") && sheet.contains("上级汇总报告"), "{sheet}");
}

#[test]
fn summary_with_last_year_prints_the_comparison() {
    let (dir, last) = (summary_dir("now"), summary_dir("last"));
    department(&dir, "a.json", "泉港区教育局", 2023, 26);
    department(&dir, "b.json", "泉港区财政局", 2023, 40);
    department(&last, "a.json", "泉港区教育局", 2022, 20);
    department(&last, "b.json", "泉港区财政局", 2022, 10);
    let (code, out, err) = nianbao(&["summary", "--previous", last.to_str().unwrap(), dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("对比 合计 新收申请: 2023年 66 2022年 30 增减 +36（+120%） 异常波动"), "{out}");
    assert!(out.contains("对比 泉港区财政局 新收申请: 2023年 40 2022年 10 增减 +30（+300%） 异常波动"), "{out}");
    assert!(!out.contains("对比 泉港区教育局 新收申请"), "26 against 20 is no swing: {out}");
}

#[test]
fn text_prints_the_paragraphs_drafted_from_the_tables_and_check_finds_them_true() {
    let path = file("quangang-text.json", FIXTURE);
    let (code, out, err) = nianbao(&["text", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("一、总体情况\n2023年，全区主动公开的处理决定中，行政许可 1717 件"), "{out}");
    assert!(out.contains("本年度新收政府信息公开申请 26 件"), "{out}");
    assert!(out.contains("六、其他需要报告的事项\n2023年，全区依据《政府信息公开信息处理费管理办法》"), "{out}");
    assert!(!out.contains("较上年"), "no last year, no change: {out}");
    // With last year's: the changes; and the paragraphs agree with the tables.
    let mut last = fixture();
    last["year"] = json!(2022);
    last["applications"]["new_received"]["natural_person"] = json!(20);
    let last_path = file("quangang-last.json", &last.to_string());
    let (_, out, _) = nianbao(&["text", "--previous", last_path.to_str().unwrap(), path.to_str().unwrap()]);
    assert!(
        out.contains("新收政府信息公开申请 26 件（自然人 26 件，法人或其他组织 0 件），较上年增加 6 件、增长 30.0%"),
        "{out}"
    );
    let overview = out.split("一、总体情况\n").nth(1).unwrap().split("\n\n").next().unwrap();
    let mut v = fixture();
    v["text"]["overview"] = json!(overview);
    let (_, out, _) = check("drafted.json", &v);
    assert!(!out.contains("narrative.figure"), "{out}");
    // A file that is not a report exits 2.
    let bad = file("bad.json", "{");
    assert_eq!(nianbao(&["text", bad.to_str().unwrap()]).0, 2);
}

#[test]
fn rules_lists_the_text_rules() {
    let (code, out, _) = nianbao(&["rules"]);
    assert_eq!(code, 0);
    for id in ["text.element_missing", "text.similar_to_last_year", "text.page_furniture", "text.stale_year"] {
        assert!(out.lines().any(|l| l.starts_with(id)), "{id}: {out}");
    }
}

#[test]
fn summary_of_a_county_with_its_roster_lists_who_has_not_reported_and_writes_the_issues() {
    let bases: Vec<_> =
        [FIXTURE, include_str!("fixtures/huaian-2024.json")].map(|t| nianbao::json::from_str(t).unwrap()).to_vec();
    let county = nianbao::summary::sample::county(&bases, 40, 2024, 9);
    let dir = summary_dir("county");
    for (name, bytes) in &county.files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let roster = summary_dir("county-roster").join("名单.txt");
    std::fs::write(
        &roster,
        format!(
            "序号\t单位名称\n{}",
            county.roster.iter().enumerate().map(|(i, o)| format!("{}\t{o}\n", i + 1)).collect::<String>()
        ),
    )
    .unwrap();
    let issues = summary_dir("county-out").join("问题清单.xlsx");
    let (_, out, err) = nianbao(&[
        "summary",
        "--roster",
        roster.to_str().unwrap(),
        "--issues",
        issues.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert!(out.starts_with("汇总年度：2024 年度："), "{out}{err}");
    for organ in &county.missing {
        assert!(out.lines().any(|l| l == format!("未报：{organ}")), "未报：{organ} in {out}");
    }
    let (a, b) = (&county.copies[0], &county.copies[1]);
    let organ = |f: &str| f.split_once('-').unwrap().1.trim_end_matches(".json").to_string();
    assert!(
        out.contains(&format!("{a}: 警告 text.similar_to_other_organ {}：与{}报告正文重复", organ(a), organ(b))),
        "{out}"
    );
    assert_eq!(out.matches("text.similar_to_other_organ").count(), 2, "only the copied pair: {out}");
    assert!(out.contains(&format!("标记 不在应报单位名单中（可能是名单中的「{}」，请确认）", county.renamed_organ.1)));
    let book = std::fs::read(&issues).unwrap();
    assert!(book.starts_with(b"PK"), "{err}");

    let (_, json_out, _) = nianbao(&["summary", "--json", "--roster", roster.to_str().unwrap(), dir.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&json_out).unwrap();
    let mut missing: Vec<&str> = v["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    missing.sort();
    let mut expected: Vec<&str> = county.missing.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(missing, expected);
    let file =
        v["files"].as_array().unwrap().iter().find(|f| f["file"].as_str().unwrap().ends_with(a.as_str())).unwrap();
    let rate = file["indicators"]["disclosure_rate"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&rate), "{rate}");
    assert!(file["indicators"]["correction_rate"].is_null() || file["indicators"]["correction_rate"].is_f64());
    assert_eq!(v["copies"].as_array().unwrap().len(), 1, "{}", v["copies"]);
}
