use super::compare::{change, Change};
use super::*;
use crate::json;
use crate::rules::Level;
use std::io::Read;

fn report(organ: &str, year: i32, scope: Scope, figures: &[(&str, &str)]) -> Report {
    let mut r = Report::new(year);
    r.organ = organ.into();
    r.scope = scope;
    for (path, raw) in figures {
        assert!(r.set(path, raw), "{path}");
    }
    r
}

/// A report with every figure filled (0 unless given): a finished one, not blank-heavy.
fn full(organ: &str, year: i32, scope: Scope, figures: &[(&str, &str)]) -> Report {
    let mut r = report(organ, year, scope, &[]);
    for def in crate::form::cells().iter().filter(|d| !d.derived) {
        r.set(&def.path, "0");
    }
    for (path, raw) in figures {
        assert!(r.set(path, raw), "{path}");
    }
    r
}

/// Typed figures of the template.
fn typed() -> usize {
    crate::form::cells().iter().filter(|d| !d.derived).count()
}

fn file(name: &str, r: &Report) -> File {
    File::json(name, json::to_string(r).as_bytes())
}

const NEW: &str = "applications.new_received.natural_person";
const GRANTED: &str = "applications.granted.natural_person";
const FEE: &str = "proactive.fees_wan_yuan";

fn dept(organ: &str, year: i32, new: u64, fee: &str) -> Report {
    let n = new.to_string();
    full(organ, year, Scope::Own, &[(NEW, &n), (GRANTED, &n), (FEE, fee)])
}

fn none() -> BTreeSet<usize> {
    BTreeSet::new()
}

#[test]
fn each_file_gets_a_role_and_only_the_years_reports_are_summed() {
    let files = vec![
        file("a.json", &dept("县教育局", 2024, 3, "0.1")),
        file("b.json", &dept("县财政局", 2024, 4, "0.2")),
        file("a-copy.json", &dept("县教育局", 2024, 30, "9")),
        file("old.json", &dept("县教育局", 2021, 50, "1")),
        file("last.json", &dept("县教育局", 2023, 2, "0")),
        File::json("broken.json", b"{\"schema\": \"nianbao.report\",,}"),
        File::imported("note.txt", crate::import::any("note.txt", "会议通知：请各单位按时参加。".as_bytes())),
    ];
    let s = summarise(&files, &[], &none());
    assert_eq!(s.year, Some(2024));
    let roles: Vec<&str> = s.rows.iter().map(|r| r.role.key()).collect();
    assert_eq!(roles, ["summed", "summed", "duplicate", "other-year", "last-year", "unreadable", "unreadable"]);
    assert_eq!(s.rows[2].role, Role::Duplicate(0));
    assert_eq!(s.rows[5].state, State::Unrecognised);
    assert!(files[5].read.as_ref().unwrap_err().contains("第 1 行"), "{:?}", files[5].read);
    let total = s.total.as_ref().unwrap();
    assert_eq!((total.scope, total.year), (Scope::Aggregate, 2024));
    assert_eq!(total.raw(NEW), Some("7"));
    assert_eq!(total.raw(FEE), Some("0.3"), "exact decimal sum");
    let noted: Vec<&str> = s.notes.iter().map(|n| n.source.as_str()).collect();
    assert_eq!(noted, ["a-copy.json", "old.json", "broken.json", "note.txt"]);
    assert!(s.notes[0].message.contains("与「a.json」重复"), "{}", s.notes[0].message);
    assert!(s.notes[1].message.contains("2021 年度"), "{}", s.notes[1].message);

    // Included by the user: summed after all, the other year's report as this year's figures.
    let s = summarise(&files, &[], &BTreeSet::from([2, 3]));
    assert_eq!(s.total.as_ref().unwrap().raw(NEW), Some("87"));
    assert!(s.rows[2].included && s.rows[3].included);
    assert_eq!(s.notes.len(), 2);
}

#[test]
fn rows_say_errors_and_their_rules() {
    let mut bad = dept("县公安局", 2024, 5, "0");
    bad.set("applications.granted.natural_person", "4");
    bad.set("proactive.licensing", "1两");
    let files = vec![file("bad.json", &bad), file("ok.json", &dept("县民政局", 2024, 1, "0"))];
    let s = summarise(&files, &[], &none());
    assert_eq!(s.rows[0].state, State::Errors);
    assert_eq!(files[0].error_rules(), [Rule::CellInteger, Rule::Balance]);
    assert_eq!(s.rows[1].state, State::Passed);
    assert_eq!(files[1].error_rules(), []);
    assert_eq!(s.total.unwrap().raw("proactive.licensing"), Some("0"), "the invalid figure is left out");
    assert!(s.notes.iter().any(|n| n.source == "bad.json" && n.message.contains("“1两”应为整数，未计入汇总")));
}

#[test]
fn the_governments_own_aggregate_is_compared_cell_by_cell() {
    let a = dept("县教育局", 2024, 3, "0.1");
    let b = dept("县财政局", 2024, 4, "0.25");
    let mut parent = full("某县人民政府", 2024, Scope::Aggregate, &[(NEW, "7"), (GRANTED, "7"), (FEE, "0.350")]);
    let files = |p: &Report| vec![file("a.json", &a), file("汇总.json", p), file("b.json", &b)];
    let s = summarise(&files(&parent), &[], &none());
    assert_eq!(s.parent, Some(1));
    assert_eq!(s.rows[1].role, Role::Parent);
    assert_eq!(s.total.as_ref().unwrap().raw(NEW), Some("7"), "the parent is not summed");
    assert!(s.mismatches.is_empty(), "0.350 is 0.35: {:?}", s.mismatches);

    parent.set(GRANTED, "8");
    let s = summarise(&files(&parent), &[], &none());
    assert_eq!(s.mismatches.len(), 1, "{:?}", s.mismatches);
    let m = &s.mismatches[0];
    assert_eq!((m.rule, m.level()), (Rule::AggregateSum, Level::Warning));
    assert_eq!(m.cells[0], GRANTED);
    assert!(m.cells.contains(&"applications.granted.total".to_string()), "the totals that follow: {:?}", m.cells);
    assert_eq!(m.message, "表B「（一）予以公开」行「自然人」列：汇总报告为 8，各报告合计为 7");

    // Included, it is summed like the others and nothing is compared.
    let s = summarise(&files(&parent), &[], &BTreeSet::from([1]));
    assert_eq!((s.parent, s.total.unwrap().raw(NEW)), (None, Some("14")));

    // The parent twice (its PDF beside its JSON), before or after it: the other copy is its
    // duplicate, never summed into what it is compared with.
    for copy_at in [0, 3] {
        let mut files = files(&parent);
        files.insert(copy_at, file("汇总.pdf", &parent));
        let s = summarise(&files, &[], &none());
        let p = s.parent.expect("a parent");
        let copies: Vec<&Role> =
            s.rows.iter().filter(|r| files[r.file].name.starts_with("汇总")).map(|r| &r.role).collect();
        assert!(
            copies.contains(&&Role::Parent) && copies.contains(&&Role::Duplicate(p)),
            "copy at {copy_at}: {copies:?}"
        );
        assert_eq!(s.total.as_ref().unwrap().raw(NEW), Some("7"), "copy at {copy_at}");
    }
}

#[test]
fn a_figure_only_one_side_filled_differs() {
    let parent = report("某县", 2024, Scope::Aggregate, &[("proactive.penalty", "3")]);
    let sum = report("", 2024, Scope::Aggregate, &[("proactive.licensing", "2")]);
    let found = differences(&parent, &sum);
    let msgs: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        msgs,
        ["表A「行政许可」：汇总报告为 未填写，各报告合计为 2", "表A「行政处罚」：汇总报告为 3，各报告合计为 未填写"]
    );
}

#[test]
fn swings_are_over_half_and_at_least_ten_cases() {
    assert_eq!(change(30, 20), Change { diff: 10, percent: Some(50), swing: false }, "exactly half is not over");
    assert_eq!(change(31, 20), Change { diff: 11, percent: Some(55), swing: true });
    assert_eq!(change(9, 1), Change { diff: 8, percent: Some(800), swing: false }, "fewer than ten cases");
    assert_eq!(change(0, 40), Change { diff: -40, percent: Some(-100), swing: true });
    assert_eq!(change(12, 0), Change { diff: 12, percent: None, swing: true });
}

#[test]
fn last_years_files_give_the_comparison_per_organ_and_in_total() {
    let mut big = dept("县公安局", 2024, 40, "0");
    big.set("appeals.review.corrected", "2");
    big.set("appeals.litigation_direct.upheld", "1");
    big.set("applications.denied_third_party.natural_person", "3");
    let files = vec![
        file("a.json", &dept("县教育局", 2024, 3, "0")),
        file("b.json", &big),
        file("a-2023.json", &dept("县教育局", 2023, 5, "0")),
    ];
    let previous = vec![
        file("b-2023.json", &dept("县公安局", 2023, 20, "0")),
        file("c-2022.json", &dept("县公安局", 2022, 9, "0")),
    ];
    let s = summarise(&files, &previous, &none());
    let c = s.comparison.expect("last year is there");
    assert_eq!(c.year, 2024);
    let organs: Vec<&str> = c.organs.iter().map(|l| l.organ.as_str()).collect();
    assert_eq!(organs, ["县公安局", "县教育局"], "ranked by 新收申请");
    let police = &c.organs[0];
    assert_eq!(police.now, [Some(40), Some(40), Some(0), Some(3), Some(0), Some(2), Some(1), Some(2)]);
    assert_eq!(police.change(0), Some(Change { diff: 20, percent: Some(100), swing: true }));
    assert_eq!(c.total.now[0], Some(43));
    assert_eq!(c.total.then.unwrap()[0], Some(25));
    assert_eq!(c.years, [(2022, Some(9)), (2023, Some(25)), (2024, Some(43))]);

    let none_last = summarise(&files[..2], &[], &none());
    assert!(none_last.comparison.is_none());
}

#[test]
fn charts_are_svg_with_a_bar_per_organ() {
    let files: Vec<File> = (0..5)
        .map(|i| file(&format!("{i}.json"), &dept(&format!("机关{i}<&>"), 2024, i * 10, "0")))
        .chain((0..5).map(|i| file(&format!("{i}-old.json"), &dept(&format!("机关{i}<&>"), 2023, 7, "0"))))
        .collect();
    let c = summarise(&files, &[], &none()).comparison.unwrap();
    for (svg, bars) in [(chart::ranking(&c, 3), 3 + 3 + 2), (chart::outcomes(&c, 20), 4 + 2 + 4), (chart::years(&c), 2)]
    {
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        let rects = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
        assert_eq!(rects, bars, "{svg}");
    }
    assert!(chart::ranking(&c, 3).contains("机关4&lt;&amp;&gt;"));
}

/// The cells of a sheet of an .xlsx, row by row, as text.
pub fn sheet_rows(xlsx: &[u8], n: usize) -> Vec<Vec<String>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap().read_to_string(&mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("row"))
        .map(|row| {
            row.children()
                .filter(|c| c.has_tag_name("c"))
                .map(|c| c.descendants().filter(|t| t.is_text()).map(|t| t.text().unwrap()).collect())
                .collect()
        })
        .collect()
}

#[test]
fn the_organ_table_and_comparison_export_as_workbooks() {
    let mut bad = dept("县公安局", 2024, 5, "0");
    bad.set("applications.granted.natural_person", "4");
    let files = vec![
        file("ok.json", &dept("县教育局", 2024, 3, "0")),
        file("bad.json", &bad),
        File::json("broken.json", b"{"),
        file("old.json", &dept("县教育局", 2023, 30, "0")),
    ];
    let s = summarise(&files, &[], &none());
    let book = export::organ_table(&files, &s);
    let organs = sheet_rows(&book, 1);
    assert_eq!(organs.len(), 5);
    assert_eq!(organs[0][..3], ["文件", "机关", "年度"]);
    let figures = typed().to_string();
    assert_eq!(
        organs[2][..7],
        ["bad.json", "县公安局", "2024", "本机关", "JSON", figures.as_str(), "2"].map(String::from)
    );
    assert_eq!(organs[2][8], "有错误");
    assert!(organs[3][9].starts_with("无法读取："), "{:?}", organs[3]);
    let findings = sheet_rows(&book, 2);
    assert!(
        findings.iter().any(|r| r[0] == "bad.json" && r[3].starts_with("表B「") && r[4].starts_with("自然人列不平衡")),
        "in words, no rule id: {findings:?}"
    );

    let book = export::comparison(s.comparison.as_ref().unwrap());
    let rows = sheet_rows(&book, 1);
    assert_eq!(rows[0], ["机关", "指标", "2024年", "2023年", "增减", "增减%", "异常波动"]);
    assert_eq!(rows[1], ["合计", "新收申请", "8", "30", "-22", "-73", "是"]);
    assert_eq!(rows.len(), 1 + 8 * 3);
}

#[test]
fn with_a_roster_another_governments_aggregate_is_off_the_roster_not_the_parent() {
    let roster = roster::Roster::new(["某县教育局", "某县财政局"]);
    let files = [
        file("a.json", &full("某县教育局", 2024, Scope::Own, &[(NEW, "3"), (GRANTED, "3")])),
        file("b.json", &full("某县财政局", 2024, Scope::Own, &[(NEW, "2"), (GRANTED, "2")])),
        file("c.json", &full("淮安市洪泽区人民政府", 2024, Scope::Aggregate, &[(NEW, "9"), (GRANTED, "9")])),
        file("d.json", &full("某县人民政府", 2024, Scope::Aggregate, &[(NEW, "5"), (GRANTED, "5")])),
    ];
    let options = Options { roster: Some(roster), ..Options::default() };
    let s = summarise_with(&files, &[], &options);
    assert_eq!(s.parent, Some(3), "the county's own 汇总 report, by the place its organs share");
    assert_eq!(s.rows[2].role, Role::OffRoster);
    assert!(s.rows[2].flags.iter().any(|f| matches!(f, Flag::OffRoster { .. })));
    // Without a roster nothing tells them apart: the larger is the parent, as before.
    assert_eq!(summarise(&files, &[], &none()).parent, Some(2));
}

#[test]
fn last_years_report_of_an_organ_leaves_it_free_for_a_near_match() {
    let roster = roster::Roster::new(["某县教育局", "某县财政局"]);
    let files = [
        file("a-2023.json", &full("某县教育局", 2023, Scope::Own, &[])),
        file("a-2024.json", &full("某县教育体育局", 2024, Scope::Own, &[])),
        file("b-2024.json", &full("某县财政局", 2024, Scope::Own, &[])),
    ];
    let s = summarise_with(&files, &[], &Options { roster: Some(roster), ..Options::default() });
    let state = s.roster.as_ref().expect("a roster");
    assert_eq!(state.suggestions[0], Some(1), "某县教育体育局 suggested for 某县教育局");
    assert_eq!(s.missing(), vec!["某县教育局"], "until the user confirms it");
}

mod copies;
mod county;

#[test]
fn the_year_a_file_name_gives_is_four_digits_alone_in_the_files_own_name() {
    assert_eq!(year_in_name("部门/某县财政局2024年政府信息公开工作年度报告.docx"), Some(2024));
    assert_eq!(year_in_name("2024-某县教育局.pdf"), Some(2024));
    assert_eq!(year_in_name("2023/某县教育局报告.json"), None, "the folder's year is not the file's");
    assert_eq!(year_in_name("某县第12024号.json"), None, "five digits are no year");
    assert_eq!(year_in_name("某县3456局.json"), None, "not a year of this era");
}
