use super::*;
use crate::json;

fn fixture() -> Report {
    json::from_str(include_str!("../../tests/fixtures/quangang-2023.json")).expect("fixture loads")
}

fn rules_of(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule.id()).collect()
}

fn only(report: &Report, prev: Option<&Report>, rule: &str) -> Vec<Finding> {
    check(report, prev).into_iter().filter(|f| f.rule.id() == rule).collect()
}

#[test]
fn fixture_has_no_error() {
    // The published part 一 really is over the 1,000-字 guide; nothing else is found.
    let findings = check(&fixture(), None);
    assert_eq!(rules_of(&findings), ["text.overview_length"], "{findings:#?}");
    assert!(findings[0].message.contains("共 1289 字"));
}

fn errors(report: &Report) -> Vec<Finding> {
    check(report, None).into_iter().filter(|f| f.level() == Level::Error).collect()
}

#[test]
fn any_changed_cell_of_table_b_breaks_its_column_and_the_total() {
    let base = fixture();
    for (i, def) in form::cells().iter().enumerate() {
        if def.derived || def.table != 1 {
            continue;
        }
        let mut r = base.clone();
        let n = r.value(i).and_then(Value::as_count).unwrap();
        r.cells[i] = Some((n + 1).to_string());
        let findings = errors(&r);
        assert_eq!(rules_of(&findings), ["balance", "balance"], "{}: {findings:#?}", def.path);
        assert!(findings[0].message.starts_with(&format!("{}列", def.column().label)), "{}", findings[0].message);
        assert!(findings[1].message.starts_with("总计列"));
        assert!(findings[0].cells.contains(&format!("applications.new_received.{}", def.column().key)));
    }
}

#[test]
fn balance_message_names_rows_and_numbers() {
    let mut r = fixture();
    r.set("applications.granted.natural_person", "19");
    let f = &only(&r, None, "balance")[0];
    assert_eq!(f.level(), Level::Error);
    assert_eq!(
        f.message,
        "自然人列不平衡：收到的申请 26 件（一、本年新收 26 ＋ 二、上年结转 0），比办理和结转的 25 件（办理结果总计 25 ＋ \
         四、结转下年度继续办理 0）多 1 件。请先核对「四、结转下年度继续办理」，再核对“三、本年度办理结果”各项"
    );
    // Without a recent edit, the finding goes first to 四、结转下年度继续办理.
    assert_eq!(
        f.cells,
        [
            "applications.carried_forward.natural_person",
            "applications.new_received.natural_person",
            "applications.carried_over.natural_person",
            "applications.total.natural_person",
        ]
    );
}

#[test]
fn an_unbalanced_column_points_at_its_cell_edited_last() {
    let mut r = fixture();
    r.set("applications.partially_granted.natural_person", "9");
    let edited = [form::cell_index("applications.partially_granted.natural_person").unwrap(), 3];
    let f: Vec<Finding> = check_edited(&r, None, &edited).into_iter().filter(|f| f.rule == Rule::Balance).collect();
    assert_eq!(f.len(), 2, "the column and the 总计 column");
    for f in &f {
        assert_eq!(f.cells[0], "applications.partially_granted.natural_person", "{}", f.message);
        assert!(f.message.contains("少 "), "{}", f.message);
        assert!(
            f.message.ends_with("差额最可能在本列最近修改的「三、本年度办理结果 › （二）部分公开（区分处理的，只计这一情形，不计其他情形）」"),
            "{}",
            f.message
        );
    }
    // An edit in another column does not count for this one.
    let other = [form::cell_index("applications.granted.commercial").unwrap()];
    let f = check_edited(&r, None, &other).into_iter().find(|f| f.rule == Rule::Balance).unwrap();
    assert_eq!(f.cells[0], "applications.carried_forward.natural_person");
}

#[test]
fn a_column_is_not_judged_until_every_figure_of_it_is_filled() {
    let mut r = Report::new(2024);
    r.organ = "某局".into();
    r.set("applications.new_received.natural_person", "5");
    assert!(only(&r, None, "balance").is_empty(), "a column being typed is not an error");
    // Fill the rest of the column with 0: now it is complete and off by 5.
    for (i, def) in form::cells().iter().enumerate() {
        if def.table == 1 && !def.derived && def.column().key == "natural_person" && r.cells[i].is_none() {
            r.cells[i] = Some("0".into());
        }
    }
    let f = only(&r, None, "balance");
    assert_eq!(f.len(), 1, "the 总计 column still has blanks: {f:#?}");
    assert!(f[0].message.contains("多 5 件"), "{}", f[0].message);
}

#[test]
fn a_typo_in_a_column_says_its_balance_waits_for_the_fix() {
    let mut r = fixture();
    r.set("applications.granted.natural_person", "12a");
    assert!(only(&r, None, "balance").is_empty(), "not judged while a figure is not one");
    let f = only(&r, None, "balance.pending");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].level(), Level::Warning);
    assert_eq!(f[0].cells, ["applications.granted.natural_person"]);
    assert!(
        f[0].message.starts_with("自然人列「（一）予以公开」“12a”不是有效数字，改正后才能核对"),
        "{}",
        f[0].message
    );
}

#[test]
fn an_empty_organ_is_a_warning() {
    let mut r = fixture();
    r.organ = " ".into();
    let f = only(&r, None, "meta.organ_missing");
    assert_eq!((f.len(), f[0].level()), (1, Level::Warning));
    assert_eq!(f[0].cells, ["organ"]);
    assert!(only(&fixture(), None, "meta.organ_missing").is_empty());
}

#[test]
fn text_still_dated_last_year_is_named() {
    let mut r = fixture().next_year();
    r.text.preamble =
        "本报告根据《条例》编制。本报告中所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。".into();
    r.text.overview = "（一）主动公开\n2023年，我区坚持以公开为常态。较2023年增长10%。二〇二三年底前完成。".into();
    r.text.problems = "2023年12月31日前完成整改。2023年，我区存在不足。".into();
    let f = only(&r, None, "text.stale_year");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert_eq!(f[0].cells, ["text.preamble"]);
    assert!(f[0].message.contains("“本报告中所列数据的统计期限自 2023 年 1 月 1 日起至"), "{}", f[0].message);
    assert!(f[0].message.contains("本报告为2024年度"), "{}", f[0].message);
    assert_eq!(f[1].cells, ["text.overview"]);
    assert!(f[1].message.contains("“2023年，我区坚持以公开为常态”"), "{}", f[1].message);
    for fine in [
        "统计期限自2024年1月1日起至2024年12月31日止。",
        "2023年12月31日前完成。",
        "较2023年增长10%。",
        "截至2024年底，现行有效规范性文件216件。",
        "2024年，我区坚持以公开为常态。",
    ] {
        r.text.preamble = fine.into();
        r.text.overview = fine.into();
        assert!(only(&r, None, "text.stale_year").is_empty(), "{fine}");
    }
    r.text.overview = "现将我区２０２３年度政府信息公开工作年度报告公布如下。".into();
    assert_eq!(only(&r, None, "text.stale_year").len(), 1, "full-width digits");
    // Text from a PDF: the period wrapped over two lines.
    r.text.overview = "报告所列统计期限自 2023 年 1 月 1 日至 2023\n年 12 月 31 日。".into();
    let f = only(&r, None, "text.stale_year");
    assert!(f[0].message.contains("“报告所列统计期限自 2023 年 1 月 1 日至 2023年 12 月 31 日”"), "{}", f[0].message);
}

/// A draft started in the season from an older report (2023's, for 2026): the copied text names
/// 2023, not the year before the draft's.
#[test]
fn text_dated_as_an_older_source_is_named() {
    let last = fixture();
    let mut r = last.next_year();
    r.year = 2026;
    r.text.preamble = "本报告中所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。".into();
    let preamble = |r: &Report| -> Vec<Finding> {
        only(r, Some(&last), "text.stale_year").into_iter().filter(|f| f.cells == ["text.preamble"]).collect()
    };
    let f = preamble(&r);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(
        f[0].message.contains("仍以2023年为报告期") && f[0].message.contains("本报告为2026年度"),
        "{}",
        f[0].message
    );
    r.text.preamble = "本报告中所列数据的统计期限自 2026 年 1 月 1 日起至 2026 年 12 月 31 日止。".into();
    assert!(preamble(&r).is_empty());
}

#[test]
fn cell_errors_keep_the_typed_text() {
    let mut r = fixture();
    r.set("proactive.licensing", "17l7");
    r.set("proactive.penalty", "-3");
    r.set("proactive.fees_wan_yuan", "1.1234567");
    r.set("proactive.coercion", "9999999999999");
    let f = errors(&r);
    let got: Vec<_> = f.iter().map(|f| (f.rule.id(), f.cells[0].as_str())).collect();
    assert_eq!(
        got,
        [
            ("cell.integer", "proactive.licensing"),
            ("cell.non_negative", "proactive.penalty"),
            ("cell.range", "proactive.coercion"),
            ("cell.decimal", "proactive.fees_wan_yuan"),
        ]
    );
    assert_eq!(f[0].message, "表A「行政许可」：“17l7”应为整数");
    assert!(f[3].message.contains("小数位数不能超过 6 位"));
}

#[test]
fn invalid_cells_do_not_double_report_balance() {
    let mut r = fixture();
    r.set("applications.granted.commercial", "x");
    assert_eq!(rules_of(&errors(&r)), ["cell.integer"]);
    assert!(only(&r, None, "balance").is_empty());
    assert_eq!(only(&r, None, "balance.pending").len(), 1, "one note for the column, none for 总计");
}

#[test]
fn missing_cells_warn_once_per_row() {
    let mut r = fixture();
    r.set("applications.granted.research", "");
    r.set("applications.granted.other_org", "");
    r.set("appeals.review.pending", "");
    let f = only(&r, None, "cell.missing");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].level(), Level::Warning);
    assert_eq!(f[0].message, "表B「（一）予以公开」行：科研机构、其他 未填写（空白不等于 0，没有请填 0）");
    assert_eq!(f[1].cells, ["appeals.review.pending"]);
    let blank = Report::new(2024);
    let rows =
        form::TABLES.iter().flat_map(|t| t.sections).map(|s| s.rows.iter().filter(|r| !r.total).count()).sum::<usize>();
    assert_eq!(only(&blank, None, "cell.missing").len(), rows);
}

#[test]
fn carried_over_must_match_last_year() {
    let mut last = fixture();
    last.set("applications.carried_forward.natural_person", "3");
    last.set("applications.total.natural_person", "");
    let mut this = last.next_year();
    assert!(only(&this, this.previous.as_deref(), "prev.carried_over").is_empty());
    this.set("applications.carried_over.natural_person", "2");
    let f = only(&this, this.previous.as_deref(), "prev.carried_over");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].cells, ["applications.carried_over.natural_person"]);
    assert_eq!(
        f[0].message,
        "自然人列：本年「二、上年结转政府信息公开申请数量」（2）应等于2023年「四、结转下年度继续办理」（3）"
    );
    assert!(only(&this, None, "prev.carried_over").is_empty(), "no previous year, no rule");
}

#[test]
fn in_force_follows_issued_and_repealed() {
    let last = fixture();
    let mut this = last.next_year();
    this.set("proactive.normative_documents.issued", "10");
    this.set("proactive.normative_documents.repealed", "6");
    this.set("proactive.normative_documents.in_force", "220");
    this.set("proactive.regulations.issued", "0");
    this.set("proactive.regulations.repealed", "0");
    this.set("proactive.regulations.in_force", "0");
    assert!(only(&this, Some(&last), "prev.in_force").is_empty());
    this.set("proactive.normative_documents.in_force", "181");
    let f = only(&this, Some(&last), "prev.in_force");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].level(), Level::Warning);
    assert!(
        f[0].message.contains("现行有效件数（181）不等于2023年现行有效（216）加本年制发（10）减本年废止（6）＝220"),
        "{}",
        f[0].message
    );
}

#[test]
fn outliers_need_both_years_at_least_100() {
    let last = fixture();
    let mut this = last.next_year();
    this.set("proactive.licensing", "17170");
    this.set("proactive.penalty", "3000");
    this.set("proactive.coercion", "240");
    this.set("proactive.fees_wan_yuan", "43.5");
    let f = only(&this, Some(&last), "cell.outlier");
    let cells: Vec<_> = f.iter().map(|f| f.cells[0].as_str()).collect();
    // licensing ×10.0 exactly is not over; penalty 336 → 3000 is ×8.9; coercion 23 < 100.
    assert_eq!(cells, Vec::<&str>::new());
    this.set("proactive.licensing", "17171000");
    this.set("proactive.fees_wan_yuan", "0.5");
    let f = only(&this, Some(&last), "cell.outlier");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("本年 17171000，2023年 1717"));
    this.set("proactive.fees_wan_yuan", "43.0");
    this.set("proactive.licensing", "171");
    assert_eq!(only(&this, Some(&last), "cell.outlier").len(), 1, "1717 → 171 is under a tenth");
}

#[test]
fn text_rules() {
    let mut r = fixture();
    r.text.problems = " \n".into();
    let f = only(&r, None, "text.required");
    assert_eq!((f.len(), f[0].cells[0].as_str()), (1, "text.problems"));

    let mut r = fixture();
    r.text.overview = "字".repeat(1001);
    assert_eq!(only(&r, None, "text.overview_length").len(), 1);
    r.text.overview = format!("{}\n\n", "字".repeat(1000));
    assert!(only(&r, None, "text.overview_length").is_empty(), "white space does not count");

    let mut r = fixture();
    r.text.other = "本年度无其他需要报告的事项。".into();
    assert_eq!(only(&r, None, "text.fee_statement").len(), 1);
    r.text.other = "本年度未收取信息处理费。".into();
    assert!(only(&r, None, "text.fee_statement").is_empty());
}

#[test]
fn repeated_problems_are_flagged() {
    let last = fixture();
    let mut this = last.next_year();
    assert_eq!(only(&this, Some(&last), "text.repeated").len(), 1, "a copied part 五 repeats");
    this.text.problems = format!("{}\n一、新问题：政策解读质量仍需提升，解读形式单一，图解视频较少。二、改进：开发更多可读可视的解读产品，建立解读审核机制，按季度通报。", last.text.problems.lines().next().unwrap());
    assert!(only(&this, Some(&last), "text.repeated").is_empty());
}

#[test]
fn narrative_figures_are_compared_conservatively() {
    let r = fixture();
    assert!(only(&r, None, "narrative.figure").is_empty());
    let mut r = fixture();
    r.text.overview = r.text.overview.replace("共新收 26 件", "共新收 27 件");
    let f = only(&r, None, "narrative.figure");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].cells, ["text.overview", "applications.new_received.total"]);
    assert!(f[0].message.contains("“新收27件”") && f[0].message.contains("为 26"), "{}", f[0].message);

    let mut r = fixture();
    r.text.overview = r.text.overview.replace("“不予公开”的 2 件", "“不予公开”的 3 件");
    let f = only(&r, None, "narrative.figure");
    assert_eq!((f.len(), f[0].cells[1].as_str()), (1, "applications.denied_state_secret.total"));

    for harmless in [
        "其中区公安局新收申请 10 件。",
        "同比新收申请增加 5 件。",
        "区政府现行有效规范性文件 181 件。",
        "新收申请二十六件。",
        "行政复议和行政诉讼 9 件。",
        "不予以公开的 1 件。",
        "因本机关不掌握等原因无法提供 265 件。",
    ] {
        let mut r = fixture();
        r.text.overview = harmless.into();
        assert!(only(&r, None, "narrative.figure").is_empty(), "{harmless}");
    }
    let mut r = fixture();
    r.text.overview = "截至12月31日，现行有效规范性文件 200 件；我区现行有效行政规范性文件共 216 件。".into();
    let f = only(&r, None, "narrative.figure");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("200"));
}

#[test]
fn every_rule_is_known_and_levels_match_the_spec() {
    let errors = [
        "cell.integer",
        "cell.non_negative",
        "cell.decimal",
        "cell.range",
        "balance",
        "prev.carried_over",
        "import.total_mismatch",
    ];
    for &r in Rule::ALL {
        assert_eq!(r.level() == Level::Error, errors.contains(&r.id()), "{r}");
        assert_eq!(Rule::from_id(r.id()), Some(r));
    }
    assert_eq!(Rule::ALL.iter().map(|r| r.id()).collect::<std::collections::HashSet<_>>().len(), Rule::ALL.len());
}

#[test]
fn a_new_draft_with_last_years_text_is_not_held_to_its_blank_tables() {
    let next = fixture().next_year();
    assert!(only(&next, next.previous.as_deref(), "narrative.figure").is_empty());
    // Once table B's figures are in, the text is compared again.
    let mut filled = next.clone();
    for (i, def) in form::cells().iter().enumerate() {
        if !def.derived && def.table == 1 {
            filled.cells[i] = Some("0".into());
        }
    }
    assert!(!only(&filled, None, "narrative.figure").is_empty(), "新收26件 against 0");
}

#[test]
fn the_second_real_report_has_no_false_alarm() {
    // 淮安市 2024 states 上年度结转 34 件, 行政复议 351 件, 行政诉讼 46 件 in part 一: all agree.
    let r = json::from_str(include_str!("../../tests/fixtures/huaian-2024.json")).unwrap();
    assert_eq!(rules_of(&check(&r, None)), ["text.overview_length"]);
    let mut wrong = r.clone();
    wrong.text.overview = wrong.text.overview.replace("行政诉讼 46", "行政诉讼 47");
    assert_eq!(only(&wrong, None, "narrative.figure").len(), 1);
}

/// docs/FORMAT.md's rule table is the list users and other tools read: it names every rule with
/// its level, and no rule that is not one.
#[test]
fn the_format_docs_list_every_rule_at_its_level() {
    let doc = include_str!("../../docs/FORMAT.md");
    let table = doc.split("\n## Rules").nth(1).expect("docs/FORMAT.md has a Rules section");
    let table = table.split("\n## ").next().unwrap_or_default();
    let mut listed = std::collections::BTreeMap::new();
    for line in table.lines().filter(|l| l.starts_with("| ")) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let level = match cols[2] {
            "error" => Level::Error,
            "warning" => Level::Warning,
            _ => continue,
        };
        for id in cols[1].split(" / ") {
            let rule = Rule::from_id(id).unwrap_or_else(|| panic!("docs/FORMAT.md lists {id}, which is no rule"));
            listed.insert(rule, level);
        }
    }
    for &r in Rule::ALL {
        assert_eq!(listed.get(&r), Some(&r.level()), "docs/FORMAT.md: {r}");
    }
}
