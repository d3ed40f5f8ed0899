//! Paragraphs drafted from the tables: the sentences a report restates every year (依申请公开,
//! 政府信息管理, 行政复议/行政诉讼, 主动公开 of table A, the 信息处理费 for part 六), in standard
//! 公文 wording, with 较上年 changes when last year's report is loaded.
//!
//! Every figure stated is the table's, and each stands where `narrative.figure` reads it
//! (“keyword … N 件” opening its own clause, comparisons in clauses of their own), so the rule
//! finds nothing in the generated text and, once a figure in the table changes, points at the
//! sentence that now disagrees. A sentence whose figures are not all filled is left out and said.

use crate::form;
use crate::report::{Report, Scope, Sheet};
use crate::rules::filled;

/// What was drafted for one text part, and what was left out and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafted {
    /// Paragraphs, one a line.
    pub text: String,
    /// Sentences not drafted, in words for the user.
    pub notes: Vec<String>,
}

/// The text parts something can be drafted for, by key.
pub const KEYS: [&str; 3] = ["preamble", "overview", "other"];

/// Paragraphs for the text part `key` (`preamble`, `overview`, `other`) from the report's tables,
/// compared with `report.previous` when it carries last year's.
pub fn draft(report: &Report, key: &str) -> Drafted {
    let g = Gen { report, now: report.sheet(), then: report.previous.as_ref().map(|p| p.sheet()) };
    let mut d = Drafted::default();
    let paragraphs: Vec<Option<String>> = match key {
        "preamble" => vec![Some(g.preamble())],
        "overview" => vec![g.proactive(&mut d), g.management(&mut d), g.applications(&mut d), g.appeals(&mut d)],
        "other" => vec![g.fee(&mut d)],
        _ => {
            d.notes.push("这一部分写存在的问题和改进举措，表格中没有可据以生成的内容".into());
            vec![]
        }
    };
    d.text = paragraphs.into_iter().flatten().collect::<Vec<_>>().join("\n");
    d
}

/// `block` put into `text` at the character position `at` as paragraphs of their own; returns
/// the new text and where the inserted block ends (characters), for the caret.
pub fn insert(text: &str, at: usize, block: &str) -> (String, usize) {
    let at = at.min(text.chars().count());
    let split = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
    let (before, after) = text.split_at(split);
    let lead = if before.is_empty() || before.ends_with('\n') { "" } else { "\n" };
    let trail = if after.is_empty() || after.starts_with('\n') { "" } else { "\n" };
    let out = format!("{before}{lead}{block}{trail}{after}");
    let end = before.chars().count() + lead.chars().count() + block.chars().count();
    (out, end)
}

struct Gen<'a> {
    report: &'a Report,
    now: Sheet,
    then: Option<Sheet>,
}

impl Gen<'_> {
    /// A filled count of this year, by path.
    fn n(&self, path: &str) -> Option<u64> {
        filled(&self.now, form::cell_index(path)?)
    }

    /// A sum of filled rows' 总计, e.g. every （三）不予公开 row.
    fn rows(&self, sheet: &Sheet, table: &str, prefix: &str) -> Option<u64> {
        let t = form::TABLES.iter().find(|t| t.key == table)?;
        t.sections[0]
            .rows
            .iter()
            .filter(|r| r.key.starts_with(prefix))
            .map(|r| filled(sheet, form::cell_index(&format!("{table}.{}.total", r.key))?))
            .sum()
    }

    /// The change against last year's figure at `path`, if last year's is loaded and filled.
    fn change(&self, path: &str, now: u64) -> String {
        let then = self.then.as_ref().and_then(|s| filled(s, form::cell_index(path)?));
        change_words(now, then)
    }

    fn year(&self) -> i32 {
        self.report.year
    }

    /// Who acts: 「全区」 for a 汇总 report of a 区人民政府, else 「本机关」.
    fn subject(&self) -> String {
        if self.report.scope == Scope::Aggregate {
            if let Some(c) = self.report.organ.strip_suffix("人民政府").and_then(|o| o.chars().last()) {
                if matches!(c, '区' | '县' | '市' | '省' | '旗' | '州' | '盟') {
                    return format!("全{c}");
                }
            }
        }
        "本机关".into()
    }

    fn preamble(&self) -> String {
        let organ = if self.report.organ.trim().is_empty() { "本机关" } else { self.report.organ.trim() };
        let y = self.year();
        format!(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求，由{organ}编制。报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
        )
    }

    /// Table A's decisions and fees.
    fn proactive(&self, d: &mut Drafted) -> Option<String> {
        let (a, b, c) = (self.n("proactive.licensing"), self.n("proactive.penalty"), self.n("proactive.coercion"));
        let fee = form::cell_index("proactive.fees_wan_yuan").and_then(|i| self.now.values[i]).map(|v| v.to_string());
        let (Some(a), Some(b), Some(c), Some(fee)) = (a, b, c, fee) else {
            d.notes.push("表A 第二十条第（五）（六）（八）项未填完，主动公开一段未生成".into());
            return None;
        };
        Some(format!(
            "{}年，{}主动公开的处理决定中，行政许可 {a} 件，行政处罚 {b} 件，行政强制 {c} 件；行政事业性收费 {fee} 万元。",
            self.year(),
            self.subject()
        ))
    }

    /// Table A's 规章 and 规范性文件.
    fn management(&self, d: &mut Drafted) -> Option<String> {
        let get = |row: &str| -> Option<[u64; 3]> {
            Some([
                self.n(&format!("proactive.{row}.issued"))?,
                self.n(&format!("proactive.{row}.repealed"))?,
                self.n(&format!("proactive.{row}.in_force"))?,
            ])
        };
        let (Some([ri, rr, rf]), Some([ni, nr, nf])) = (get("regulations"), get("normative_documents")) else {
            d.notes.push("表A 第二十条第（一）项未填完，规章和行政规范性文件一段未生成".into());
            return None;
        };
        Some(format!(
            "本年制发规章 {ri} 件，废止规章 {rr} 件，现行有效规章 {rf} 件；制发行政规范性文件 {ni} 件，废止行政规范性文件 {nr} 件，现行有效行政规范性文件 {nf} 件{}。",
            self.change("proactive.normative_documents.in_force", nf)
        ))
    }

    /// Table B: received by kind of applicant, carried over, outcomes, carried forward.
    fn applications(&self, d: &mut Drafted) -> Option<String> {
        let a = "applications";
        let all = (|| {
            Some((
                self.n("applications.new_received.total")?,
                self.n("applications.new_received.natural_person")?,
                self.n("applications.carried_over.total")?,
                self.n("applications.granted.total")?,
                self.n("applications.partially_granted.total")?,
                self.rows(&self.now, a, "denied_")?,
                self.rows(&self.now, a, "unable_")?,
                self.rows(&self.now, a, "rejected_")?,
                self.rows(&self.now, a, "other_")?,
                self.n("applications.carried_forward.total")?,
            ))
        })();
        let Some((new, people, over, granted, partly, denied, unable, rejected, other, forward)) = all else {
            d.notes.push("表B 未填完，依申请公开一段未生成".into());
            return None;
        };
        let orgs = new - people;
        Some(format!(
            "本年度新收政府信息公开申请 {new} 件（自然人 {people} 件，法人或其他组织 {orgs} 件）{}，上年结转政府信息公开申请 {over} 件。办理结果：予以公开 {granted} 件，部分公开 {partly} 件，不予公开 {denied} 件，无法提供 {unable} 件，不予处理 {rejected} 件，其他处理 {other} 件，结转下年度继续办理 {forward} 件。",
            self.change("applications.new_received.total", new)
        ))
    }

    /// Table C: reviews and suits, their outcomes.
    fn appeals(&self, d: &mut Drafted) -> Option<String> {
        let group = |g: &str| -> Option<[u64; 5]> {
            let c = |col: &str| self.n(&format!("appeals.{g}.{col}"));
            Some([c("upheld")?, c("corrected")?, c("other")?, c("pending")?, c("total")?])
        };
        let (Some(review), Some(direct), Some(after)) =
            (group("review"), group("litigation_direct"), group("litigation_after_review"))
        else {
            d.notes.push("表C 未填完，行政复议、行政诉讼一段未生成".into());
            return None;
        };
        let suits: [u64; 5] = std::array::from_fn(|i| direct[i] + after[i]);
        let outcomes = |o: [u64; 5]| {
            if o[4] == 0 {
                String::new()
            } else {
                format!("（结果维持 {} 件，结果纠正 {} 件，其他结果 {} 件，尚未审结 {} 件）", o[0], o[1], o[2], o[3])
            }
        };
        let review_change = self.change("appeals.review.total", review[4]);
        let then_suits = self.then.as_ref().and_then(|s| self.rows(s, "appeals", "litigation_"));
        let suit_change = change_words(suits[4], then_suits);
        Some(format!(
            "本年度因政府信息公开工作被申请行政复议 {} 件{}{review_change}，被提起行政诉讼 {} 件{}{suit_change}。",
            review[4],
            outcomes(review),
            suits[4],
            outcomes(suits),
        ))
    }

    /// Part 六's 信息处理费 sentence: by table B's 逾期未按收费通知缴纳费用 row, notices were sent or not.
    fn fee(&self, d: &mut Drafted) -> Option<String> {
        let Some(unpaid) = self.n("applications.other_unpaid_fee.total") else {
            d.notes
                .push("表B「（六）其他处理 › 2.申请人逾期未按收费通知要求缴纳费用」未填，信息处理费一句未生成".into());
            return None;
        };
        let (y, who) = (self.year(), self.subject());
        d.notes.push("信息处理费一句按表B 生成，实际收取金额请按财务记录核对".into());
        Some(if unpaid == 0 {
            format!("{y}年，{who}依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），未收取信息处理费。")
        } else {
            format!(
                "{y}年，{who}依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）向申请人发出收费通知，申请人逾期未缴纳费用、不再处理的申请 {unpaid} 件；全年收取信息处理费　　元。"
            )
        })
    }
}

/// 「，较上年增加 3 件、增长 13.0%」「，较上年减少 2 件、下降 8.3%」「，与上年持平」, or nothing
/// without last year's figure. A clause of its own, so `narrative.figure` never reads it.
fn change_words(now: u64, then: Option<u64>) -> String {
    let Some(then) = then else { return String::new() };
    let (word, rate, d) = match now.cmp(&then) {
        std::cmp::Ordering::Equal => return "，与上年持平".into(),
        std::cmp::Ordering::Greater => ("增加", "增长", now - then),
        std::cmp::Ordering::Less => ("减少", "下降", then - now),
    };
    let pct = if then == 0 { String::new() } else { format!("、{rate} {:.1}%", d as f64 * 100.0 / then as f64) };
    format!("，较上年{word} {d} 件{pct}")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::json;
    use crate::rules::{self, Finding};

    fn reals() -> Vec<Report> {
        [
            include_str!("../tests/fixtures/quangang-2023.json"),
            include_str!("../tests/fixtures/huaian-2024.json"),
            include_str!("../tests/fixtures/hongze-2023.json"),
            include_str!("../tests/fixtures/hongze-2024.json"),
        ]
        .iter()
        .map(|j| json::from_str(j).unwrap())
        .collect()
    }

    fn figures(r: &Report) -> Vec<Finding> {
        rules::check(r, None).into_iter().filter(|f| f.rule.id() == "narrative.figure").collect()
    }

    /// The report with its part 一 (and 六) as drafted.
    fn drafted(r: &Report) -> Report {
        let mut r = r.clone();
        r.text.overview = draft(&r, "overview").text;
        r.text.other = draft(&r, "other").text;
        r.text.preamble = draft(&r, "preamble").text;
        r
    }

    #[test]
    fn every_figure_drafted_agrees_with_the_tables() {
        for r in reals() {
            let d = draft(&r, "overview");
            assert_eq!(d.text.lines().count(), 4, "{}: {d:?}", r.organ);
            let r = drafted(&r);
            assert_eq!(figures(&r), [], "{}", r.text.overview);
            let text = rules::check(&r, None);
            for rule in ["text.stale_year", "text.fee_statement", "text.required"] {
                assert!(text.iter().all(|f| f.rule.id() != rule || f.cells != ["text.overview"]), "{rule}: {text:#?}");
            }
        }
        let q = drafted(&reals()[0]);
        assert!(q.text.overview.contains("本年度新收政府信息公开申请 26 件（自然人 26 件，法人或其他组织 0 件），上年结转政府信息公开申请 0 件。"), "{}", q.text.overview);
        assert!(q.text.overview.contains("现行有效行政规范性文件 216 件。"));
        assert!(
            q.text.overview.starts_with("2023年，全区主动公开的处理决定中，行政许可 1717 件，"),
            "{}",
            q.text.overview
        );
        assert!(q
            .text
            .overview
            .contains("被提起行政诉讼 4 件（结果维持 1 件，结果纠正 3 件，其他结果 0 件，尚未审结 0 件）"));
        assert_eq!(
            q.text.other,
            "2023年，全区依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），未收取信息处理费。"
        );
        assert!(q
            .text
            .preamble
            .contains("由泉州市泉港区人民政府编制。报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"));
    }

    #[test]
    fn a_figure_changed_after_drafting_is_found_once_in_its_sentence() {
        for r in reals().into_iter().take(2) {
            let base = drafted(&r);
            for (i, def) in form::cells().iter().enumerate().filter(|(_, d)| !d.derived && d.kind == form::Kind::Count)
            {
                let mut changed = base.clone();
                let n = changed.value(i).and_then(|v| v.as_count()).unwrap();
                changed.cells[i] = Some((n + 1).to_string());
                let f = figures(&changed);
                assert_eq!(f.len(), 1, "{}: {f:#?}", def.path);
                // The quote is the drafted clause stating the old figure.
                let quote = f[0].message.split('“').nth(1).unwrap().split('”').next().unwrap();
                let plain: String = base.text.overview.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(plain.contains(quote), "{}: {quote}", def.path);
                assert!(f[0].message.contains("为 "), "{}", f[0].message);
            }
        }
    }

    #[test]
    fn with_last_year_the_changes_are_stated_and_still_agree() {
        let (then, now): (Report, Report) = (reals()[2].clone(), reals()[3].clone());
        let mut r = now.clone();
        r.previous = Some(Box::new(then.clone()));
        let d = draft(&r, "overview");
        let (a, b) = (
            then.count("applications.new_received.total").unwrap(),
            now.count("applications.new_received.total").unwrap(),
        );
        let words = change_words(b, Some(a));
        assert!(d.text.contains(&format!("（自然人 ")) && d.text.contains(&words), "{}", d.text);
        r.text.overview = d.text;
        assert_eq!(figures(&r), []);
        assert_eq!(change_words(23, Some(20)), "，较上年增加 3 件、增长 15.0%");
        assert_eq!(change_words(18, Some(24)), "，较上年减少 6 件、下降 25.0%");
        assert_eq!(change_words(5, Some(0)), "，较上年增加 5 件");
        assert_eq!(change_words(5, Some(5)), "，与上年持平");
        assert_eq!(change_words(5, None), "");
    }

    #[test]
    fn what_is_not_filled_is_not_drafted_and_said() {
        let mut r = reals()[0].clone();
        r.set("applications.granted.commercial", "");
        let d = draft(&r, "overview");
        assert_eq!(d.text.lines().count(), 3);
        assert!(d.notes.iter().any(|n| n.contains("表B 未填完")), "{:?}", d.notes);
        let empty = draft(&Report::new(2025), "overview");
        assert_eq!(empty.text, "");
        assert_eq!(empty.notes.len(), 4);
        assert!(draft(&r, "problems").text.is_empty());
    }

    #[test]
    fn a_block_goes_in_at_the_caret_as_paragraphs_of_its_own() {
        assert_eq!(insert("", 0, "甲。"), ("甲。".into(), 2));
        assert_eq!(insert("前文。\n后文。", 4, "甲。"), ("前文。\n甲。\n后文。".into(), 6));
        assert_eq!(insert("前文。后文。", 3, "甲。"), ("前文。\n甲。\n后文。".into(), 6));
        assert_eq!(insert("前文。", 99, "甲。"), ("前文。\n甲。".into(), 6));
        assert_eq!(insert("前文。", 0, "甲。"), ("甲。\n前文。".into(), 2));
    }
}
