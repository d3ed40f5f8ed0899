//! The text rules on real texts and variants made from them: the fixtures' parts, 洪泽区's two
//! consecutive years (imported from their PDFs' text), and tests/fixtures/texts/ (worded as
//! other provinces' organs word them).

use super::*;
use crate::import;
use crate::json;

fn load(json: &str) -> Report {
    json::from_str(json).expect("fixture loads")
}

fn hongze(year: i32) -> Report {
    let path = format!("{}/tests/routes/hongze-{year}/pdf.txt", env!("CARGO_MANIFEST_DIR"));
    import::any("pdf.txt", &std::fs::read(path).unwrap()).unwrap().report
}

/// Every real report with its texts.
fn reals() -> Vec<Report> {
    vec![
        load(include_str!("../../tests/fixtures/quangang-2023.json")),
        load(include_str!("../../tests/fixtures/huaian-2024.json")),
        hongze(2023),
        hongze(2024),
    ]
}

/// tests/fixtures/texts/: (name, part 一, part 五).
fn worded() -> Vec<(String, String, String)> {
    let dir = format!("{}/tests/fixtures/texts", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, rest) = text.split_once("## overview\n").unwrap();
        let (overview, problems) = rest.split_once("## problems\n").unwrap();
        out.push((path.file_name().unwrap().to_string_lossy().into_owned(), overview.into(), problems.into()));
    }
    assert!(out.len() >= 5);
    out
}

fn with_texts(overview: &str, problems: &str) -> Report {
    let mut r = Report::new(2024);
    r.organ = "某某区某某局".into();
    r.text.overview = overview.into();
    r.text.problems = problems.into();
    r
}

fn element_messages(r: &Report) -> Vec<String> {
    check(r, None).into_iter().filter(|f| f.rule.id() == "text.element_missing").map(|f| f.message).collect()
}

const ASPECTS: [&str; 5] = ["主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"];

#[test]
fn no_element_is_named_in_any_real_text() {
    for r in reals() {
        assert!(!r.text.overview.is_empty() && !r.text.problems.is_empty(), "{}", r.organ);
        assert_eq!(element_messages(&r), Vec::<String>::new(), "{} {}", r.organ, r.year);
    }
    for (name, overview, problems) in worded() {
        assert_eq!(element_messages(&with_texts(&overview, &problems)), Vec::<String>::new(), "{name}");
    }
}

/// Sentences of a text, each with its end.
fn sentences_of(text: &str) -> Vec<&str> {
    text.split_inclusive(['。', '；', '\n']).collect()
}

/// The aspects a message names, in the format's words between quotes.
fn named(message: &str) -> Vec<&'static str> {
    ASPECTS.iter().copied().filter(|a| message.contains(&format!("“{a}”"))).collect()
}

#[test]
fn each_aspect_left_out_is_named_in_the_formats_words_and_no_other() {
    let mut texts: Vec<(String, String)> = reals().into_iter().map(|r| (r.organ.clone(), r.text.overview)).collect();
    texts.extend(worded().into_iter().map(|(n, o, _)| (n, o)));
    for (name, overview) in &texts {
        for (k, aspect) in elements_words().iter().enumerate() {
            // Every sentence speaking of the aspect is left out, as a part that never covers it.
            let kept: String =
                sentences_of(overview).into_iter().filter(|s| !aspect.iter().any(|w| s.contains(w))).collect();
            let messages = element_messages(&with_texts(&kept, "问题是解读不够。下一步将增加图解解读。"));
            let plain: String = kept.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(messages.len(), 1, "{name} without {}: {messages:?}", ASPECTS[k]);
            let got = named(&messages[0]);
            assert!(got.contains(&ASPECTS[k]), "{name} without {}: {messages:?}", ASPECTS[k]);
            // Another aspect is named only if nothing of it is left either.
            for other in got.iter().filter(|a| **a != ASPECTS[k]) {
                let j = ASPECTS.iter().position(|a| a == other).unwrap();
                assert!(!elements_words()[j].iter().any(|w| plain.contains(w)), "{name}: {other} named but covered");
            }
        }
    }
}

#[test]
fn a_numbered_part_without_one_of_its_paragraphs_is_named() {
    // 乡镇's numbered part 一: each numbered paragraph is its aspect's only mention.
    let (_, overview, _) = worded().into_iter().find(|(n, _, _)| n == "town-numbered.txt").unwrap();
    let lines: Vec<&str> = overview.lines().collect();
    for (k, aspect) in ASPECTS.iter().enumerate() {
        let kept: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| *i != k).map(|(_, l)| *l).collect();
        let messages = element_messages(&with_texts(&kept.join("\n"), "问题是解读不够。下一步将增加图解解读。"));
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert_eq!(named(&messages[0]), [*aspect], "{}", messages[0]);
    }
}

fn elements_words() -> Vec<&'static [&'static str]> {
    elements::OVERVIEW.iter().map(|a| a.words).collect()
}

/// Part 五 cut where its 改进 half begins.
fn halves(problems: &str) -> (String, String) {
    let plain = problems.replace(['\u{3000}'], "");
    for cut in ["(二)", "（二）改进", "改进措施", "针对存在问题", "针对以上问题", "下一步"] {
        if let Some(at) = plain.find(cut) {
            return (plain[..at].to_string(), plain[at..].to_string());
        }
    }
    panic!("no 改进 half in {problems}");
}

fn problems_message(problems: &str) -> Vec<String> {
    let mut r = Report::new(2024);
    r.text.problems = problems.into();
    check(&r, None)
        .into_iter()
        .filter(|f| f.rule.id() == "text.element_missing" && f.cells == ["text.problems"])
        .map(|f| f.message)
        .collect()
}

#[test]
fn part_five_without_its_problems_or_its_steps_says_which() {
    let mut texts: Vec<String> = reals().into_iter().map(|r| r.text.problems).collect();
    texts.extend(worded().into_iter().map(|(_, _, p)| p));
    for text in texts {
        let (problems, steps) = halves(&text);
        let m = problems_message(&problems);
        assert!(m.len() == 1 && m[0].contains("未写明改进举措"), "{problems}: {m:?}");
        let m = problems_message(&steps);
        assert!(m.len() == 1 && m[0].contains("未写明存在的主要问题"), "{steps}: {m:?}");
    }
}

#[test]
fn part_five_in_general_words_only_is_named() {
    for (text, what) in [
        ("我单位政府信息公开工作还存在一些不足，与上级要求还有一定差距。下一步，我们将进一步加强政府信息公开工作，不断提高工作水平。", "只有笼统表述"),
        ("工作仍有差距。下一步将增加政策图解解读，每月更新公开目录。", "所写问题只有笼统表述"),
        ("政策解读形式单一，公开栏更新不及时。今后将继续努力，把工作做得更好。", "所写改进举措只有笼统表述"),
        ("全年工作顺利。", "未写明存在的问题和改进举措"),
    ] {
        let m = problems_message(text);
        assert!(m.len() == 1 && m[0].contains(what), "{text}: {m:?}");
    }
}

#[test]
fn a_release_date_and_the_end_of_last_year_are_stale() {
    let mut r = load(include_str!("../../tests/fixtures/huaian-2024.json"));
    r.year = 2025;
    r.text.preamble = r.text.preamble.replace("2024", "2025");
    r.text.overview = r.text.overview.replace("2024 年，", "2025 年，");
    assert!(only_rule(&r, "text.stale_year").is_empty(), "{:?}", only_rule(&r, "text.stale_year"));
    r.text.preamble.push_str("\n（2025年1月23日）");
    let f = only_rule(&r, "text.stale_year");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("“（2025年1月23日）”") && f[0].message.contains("应于2026年发布"),
        "{}",
        f[0].message
    );
    r.text.overview.push_str("截至 2024 年底，全市在运维政务新媒体共计 95 个。");
    let f = only_rule(&r, "text.stale_year");
    assert_eq!(f.len(), 2, "{f:#?}");
    // This year's release date (in the next year) and 截至 this year are not.
    r.text.preamble = r.text.preamble.replace("（2025年1月23日）", "（2026年1月20日）");
    r.text.overview = r.text.overview.replace("截至 2024 年底", "截至 2025 年底");
    assert!(only_rule(&r, "text.stale_year").is_empty());
}

fn only_rule(r: &Report, rule: &str) -> Vec<Finding> {
    check(r, r.previous.as_deref()).into_iter().filter(|f| f.rule.id() == rule).collect()
}

#[test]
fn stale_year_comes_first_among_the_warnings() {
    let mut r = Report::new(2025);
    r.organ = "某某区人民政府".into();
    r.text.preamble = "本报告所列数据统计期限自2024年1月1日起至2024年12月31日止。".into();
    let findings = check(&r, None);
    let first = findings.iter().position(|f| f.level() == Level::Warning).unwrap();
    assert_eq!(findings[first].rule.id(), "text.stale_year");
    assert!(findings.iter().filter(|f| f.rule.id() == "cell.missing").count() > 20);
}

/// Last year's report as a copy for this year: years moved on, figures changed.
fn redated(prev: &Report) -> Report {
    let mut r = prev.clone();
    r.year = prev.year + 1;
    for key in ["preamble", "overview", "problems", "other"] {
        let t = r.text.get_mut(key).unwrap();
        *t = t.replace(&prev.year.to_string(), &r.year.to_string()).replace(['2', '6'], "7");
    }
    r
}

#[test]
fn a_redated_copy_of_last_year_is_similar_and_real_consecutive_years_are_not() {
    for prev in reals() {
        let copy = redated(&prev);
        let f = only_rule_with(&copy, &prev, "text.similar_to_last_year");
        assert_eq!(f.len(), 1, "{}", prev.organ);
        assert!(f[0].message.contains(&format!("与{}年报告相同", prev.year)), "{}", f[0].message);
    }
    let (then, now) = (hongze(2023), hongze(2024));
    assert_eq!(only_rule_with(&now, &then, "text.similar_to_last_year"), []);
}

#[test]
fn the_fee_statement_and_period_alone_are_no_copy() {
    let prev = load(include_str!("../../tests/fixtures/huaian-2024.json"));
    let mut now = Report::new(2025);
    now.organ = prev.organ.clone();
    now.text.preamble = prev.text.preamble.replace("2024", "2025");
    now.text.other = prev.text.other.replace("2024", "2025");
    now.text.overview = "2025 年，我市围绕优化营商环境推进政务公开，新建企业服务专区，开展政策直播解读 14 场，\
        办理政府信息公开申请的答复时限平均缩短到 9 个工作日，全年对 11 个县区开展两轮交叉检查。"
        .into();
    now.text.problems = "基层公开目录更新不及时。下一步将按季度抽查目录，并把抽查结果纳入考核。".into();
    assert_eq!(only_rule_with(&now, &prev, "text.similar_to_last_year"), []);
}

fn only_rule_with(r: &Report, prev: &Report, rule: &str) -> Vec<Finding> {
    check(r, Some(prev)).into_iter().filter(|f| f.rule.id() == rule).collect()
}
