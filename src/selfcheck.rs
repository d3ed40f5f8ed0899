//! 考核自查: what assessors check in a report, each met or not, in a clerk's words — 要素齐全,
//! 数据勾稽, 与上年重复率, 信息处理费, 篇幅, and the date it is due by (本机关 1月31日; 汇总 县
//! 2月20日 / 市 3月10日 / 省 3月31日). Read from the findings, so each point links to the finding
//! that says what to fix.

use crate::report::{Report, Scope};
use crate::rules::{char_count, Finding, Level, Rule, OVERVIEW_LIMIT};

/// Whether a point is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Met,
    NotMet,
    /// Cannot be told yet (no last year's report loaded, no date known).
    Unknown,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Met => "met",
            State::NotMet => "unmet",
            State::Unknown => "unknown",
        }
    }
}

/// One point of the check.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// A stable key for the page (`elements`, `figures`, `copies`, `fee`, `length`, `due`).
    pub key: &'static str,
    /// What assessors look at, in their words.
    pub what: &'static str,
    pub state: State,
    /// What was found, in words.
    pub detail: String,
    /// The finding to go to, if any.
    pub finding: Option<Finding>,
}

/// The findings of these rules make a point not met; the first of them is its link.
fn point(key: &'static str, what: &'static str, findings: &[Finding], rules: &[Rule], met: &str) -> Point {
    let found: Vec<&Finding> = findings.iter().filter(|f| rules.contains(&f.rule)).collect();
    match found.first() {
        None => Point { key, what, state: State::Met, detail: met.into(), finding: None },
        Some(first) => Point {
            key,
            what,
            state: State::NotMet,
            detail: if found.len() > 1 {
                format!("{}（共 {} 处）", first.message, found.len())
            } else {
                first.message.clone()
            },
            finding: Some((*first).clone()),
        },
    }
}

/// The points for `report`, from its `findings`; `today` (year, month, day) for the due date.
pub fn points(report: &Report, findings: &[Finding], today: Option<(i32, u32, u32)>) -> Vec<Point> {
    let mut out = vec![point(
        "elements",
        "要素齐全",
        findings,
        &[Rule::TextRequired, Rule::TextElementMissing, Rule::TextPageFurniture],
        "总体情况的五个方面、存在的问题和改进举措都已写到",
    )];
    let mut figures = point(
        "figures",
        "数据勾稽",
        findings,
        &[
            Rule::Balance,
            Rule::BalancePending,
            Rule::PrevCarriedOver,
            Rule::PrevInForce,
            Rule::NarrativeFigure,
            Rule::ImportTotalMismatch,
            Rule::CellInteger,
            Rule::CellNonNegative,
            Rule::CellDecimal,
            Rule::CellRange,
        ],
        "三张表的勾稽关系相符，正文中的数字与表格一致",
    );
    let missing: Vec<&Finding> = findings.iter().filter(|f| f.rule == Rule::CellMissing).collect();
    if figures.state == State::Met && !missing.is_empty() {
        figures.state = State::NotMet;
        figures.detail = format!("还有 {} 行数字未填写，填完后才能全部核对", missing.len());
        figures.finding = Some(missing[0].clone());
    }
    out.push(figures);
    let mut copies = point(
        "copies",
        "与上年重复率",
        findings,
        &[Rule::TextStaleYear, Rule::TextSimilarToLastYear, Rule::TextRepeated],
        "正文与上年报告重复未超过一半，没有留下上年的年份和日期",
    );
    if copies.state == State::Met && report.previous.is_none() {
        copies.state = State::Unknown;
        copies.detail = "载入上年报告后才能核对（以上年报告为基础新建，或导入上年报告“作为上年参照”）".into();
    }
    out.push(copies);
    let mut fee = point("fee", "信息处理费", findings, &[Rule::TextFeeStatement], "第六部分已报告信息处理费收取情况");
    if report.text.other.trim().is_empty() {
        fee.state = State::NotMet;
        fee.detail = "「六、其他需要报告的事项」尚未填写，须报告信息处理费收取情况（未收取也应写明）".into();
        fee.finding = findings.iter().find(|f| f.rule == Rule::TextRequired && f.cells == ["text.other"]).cloned();
    }
    out.push(fee);
    let n = char_count(&report.text.overview);
    let mut length = point(
        "length",
        "篇幅",
        findings,
        &[Rule::TextOverviewLength],
        &format!("「一、总体情况」{n} 字，未超过一千字"),
    );
    if length.state == State::NotMet {
        length.detail = format!("「一、总体情况」{n} 字，超过原则上不超过 {OVERVIEW_LIMIT} 字的要求");
    }
    out.push(length);
    out.push(due(report, today));
    out
}

/// The date the report is due by its scope and level, and how far off it is.
fn due(report: &Report, today: Option<(i32, u32, u32)>) -> Point {
    let y = report.year + 1;
    let (month, day, whose) = match report.scope {
        Scope::Own => (1, 31, "本机关年度报告"),
        Scope::Aggregate => level_due(&report.organ),
    };
    let mut detail = format!("{whose}应于{y}年{month}月{day}日前公布");
    if report.scope == Scope::Aggregate {
        detail.push_str("（汇总报告：县级 2月20日，设区的市 3月10日，省级 3月31日）");
    }
    let mut state = State::Unknown;
    if let Some(today) = today {
        let left = days_between(today, (y, month, day));
        if left < 0 {
            state = State::NotMet;
            detail.push_str(&format!("，已过 {} 天", -left));
        } else {
            state = State::Met;
            detail.push_str(&format!("，还有 {left} 天"));
        }
    }
    Point { key: "due", what: "报送时限", state, detail, finding: None }
}

/// An aggregate report's due date by the government's level, told from its name.
fn level_due(organ: &str) -> (u32, u32, &'static str) {
    let name = organ.trim().trim_end_matches("人民政府").trim_end_matches("办公室").trim_end_matches("办公厅");
    let province =
        ["省", "自治区"].iter().any(|e| name.ends_with(e)) || ["北京市", "天津市", "上海市", "重庆市"].contains(&name);
    if province {
        (3, 31, "省级汇总报告")
    } else if name.ends_with('市') && !name.trim_end_matches('市').contains(['市', '县', '区']) {
        (3, 10, "设区的市汇总报告（县级市为 2月20日）")
    } else {
        (2, 20, "县级汇总报告")
    }
}

/// Days from `a` to `b` (civil dates).
fn days_between(a: (i32, u32, u32), b: (i32, u32, u32)) -> i64 {
    days(b) - days(a)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
fn days((y, m, d): (i32, u32, u32)) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// How many points are not met, for the panel's heading.
pub fn unmet(points: &[Point]) -> usize {
    points.iter().filter(|p| p.state == State::NotMet).count()
}

/// Whether a point's finding is an error (shown so).
pub fn is_error(point: &Point) -> bool {
    point.finding.as_ref().is_some_and(|f| f.level() == Level::Error)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::json;
    use crate::rules;

    fn fixture() -> Report {
        json::from_str(include_str!("../tests/fixtures/huaian-2024.json")).unwrap()
    }

    fn state(points: &[Point], key: &str) -> State {
        points.iter().find(|p| p.key == key).unwrap().state
    }

    #[test]
    fn a_published_report_meets_the_points_and_says_what_it_cannot_tell() {
        let r = fixture();
        let p = points(&r, &rules::check(&r, None), Some((2025, 2, 1)));
        let got: Vec<(&str, State)> = p.iter().map(|p| (p.key, p.state)).collect();
        assert_eq!(
            got,
            [
                ("elements", State::Met),
                ("figures", State::Met),
                ("copies", State::Unknown),
                ("fee", State::Met),
                ("length", State::NotMet),
                ("due", State::Met),
            ]
        );
        let due = &p[5];
        assert!(
            due.detail.starts_with("设区的市汇总报告（县级市为 2月20日）应于2025年3月10日前公布"),
            "{}",
            due.detail
        );
        assert!(due.detail.ends_with("还有 37 天"), "{}", due.detail);
        assert!(p[4].detail.contains("字，超过原则上不超过 1000 字"));
    }

    #[test]
    fn each_point_follows_its_findings_and_links_the_first() {
        let mut r = fixture();
        r.text.overview = "2024年，我市主动公开政府信息5500条。".into();
        r.text.other.clear();
        r.set("applications.granted.natural_person", "1");
        r.previous = Some(Box::new(fixture()));
        r.year = 2025;
        let findings = rules::check(&r, r.previous.as_deref());
        let p = points(&r, &findings, Some((2026, 3, 12)));
        for key in ["elements", "figures", "copies", "fee", "due"] {
            assert_eq!(state(&p, key), State::NotMet, "{key}: {p:#?}");
        }
        assert_eq!(state(&p, "length"), State::Met);
        let elements = &p[0];
        // 六 left empty and 一 lacking four aspects: the first of the two is the link.
        assert_eq!(elements.finding.as_ref().unwrap().cells, ["text.other"]);
        assert!(elements.detail.ends_with("（共 2 处）"), "{}", elements.detail);
        assert!(is_error(&p[1]), "the balance error");
        assert!(p[2].detail.contains("2024"), "{}", p[2].detail);
        assert!(p[5].detail.ends_with("已过 2 天"), "{}", p[5].detail);
        assert_eq!(unmet(&p), 5);
    }

    #[test]
    fn due_dates_by_scope_and_level() {
        let mut r = Report::new(2025);
        assert!(due(&r, None).detail.starts_with("本机关年度报告应于2026年1月31日前公布"));
        r.scope = Scope::Aggregate;
        for (organ, words) in [
            ("淮安市洪泽区人民政府", "县级汇总报告应于2026年2月20日"),
            ("某某县人民政府", "县级汇总报告应于2026年2月20日"),
            ("淮安市人民政府", "设区的市汇总报告"),
            ("江苏省人民政府", "省级汇总报告应于2026年3月31日"),
            ("上海市人民政府", "省级汇总报告应于2026年3月31日"),
        ] {
            r.organ = organ.into();
            assert!(due(&r, None).detail.starts_with(words), "{organ}: {}", due(&r, None).detail);
        }
        assert_eq!(days_between((2025, 2, 1), (2025, 3, 10)), 37);
        assert_eq!(days_between((2024, 2, 28), (2024, 3, 1)), 2);
    }
}
