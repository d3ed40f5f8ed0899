//! The organ table with its findings, the 问题清单 (a first sheet of all organs, a sheet per
//! organ with problems) and the comparison, as .xlsx workbooks through the report exporter's
//! plain-table writer ([`crate::export::xlsx::table`]); each organ's letter as .docx. Every
//! problem in the form's words ([`super::problems`]): no rule id, no cell key.

use super::compare::{Comparison, Line, HEADLINES};
use super::indicators::{Indicators, THRESHOLDS};
use super::problems::{self, Problem};
use super::{File, Role, Row, State, Summary};
use crate::export::xlsx::{self, Cell};
use crate::export::Block;

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: impl ToString) -> Cell {
    Cell::Number(n.to_string())
}

fn head(labels: &[&str]) -> Vec<Cell> {
    labels.iter().map(|l| text(*l)).collect()
}

/// 各机关 (one row per file, with its flags and rates) and 校验发现 (one row per problem, in words).
pub fn organ_table(files: &[File], summary: &Summary) -> Vec<u8> {
    let mut organs = vec![head(&[
        "文件",
        "机关",
        "年度",
        "本机关/汇总",
        "来源",
        "识别数字",
        "错误",
        "警告",
        "状态",
        "汇总中",
        "标记",
        "实质公开率",
        "纠错率",
    ])];
    let mut found = vec![head(&["文件", "机关", "级别", "位置", "问题及核查要求"])];
    for row in &summary.rows {
        let f = &files[row.file];
        let mut line = vec![text(&f.name)];
        match &f.read {
            Ok(l) => {
                let r = &l.report;
                line.extend([
                    text(&r.organ),
                    number(r.year),
                    text(r.scope.label()),
                    text(f.kind),
                    number(l.figures),
                    number(l.errors()),
                    number(l.warnings()),
                ]);
            }
            Err(_) => line.extend([text(""), text(""), text(""), text(f.kind), number(0), text(""), text("")]),
        }
        let role = match &f.read {
            Err(why) => format!("无法读取：{why}"),
            Ok(_) => row.role.label(files),
        };
        let flags: Vec<String> = row.flags.iter().map(|x| x.label(files)).collect();
        line.extend([text(row.state.label()), text(role), text(flags.join("；"))]);
        line.extend(rates(row.indicators.as_ref()));
        organs.push(line);
        for p in problems::of_row(files, summary, row) {
            found.push(vec![
                text(&f.name),
                text(problems::organ_name(files, row)),
                text(p.level),
                text(p.place),
                text(p.message),
            ]);
        }
    }
    xlsx::table(&[("各机关", organs), ("校验发现", found)])
}

fn rates(ind: Option<&Indicators>) -> [Cell; 2] {
    match ind {
        Some(i) => [text(i.disclosure.percent()), text(i.correction.percent())],
        None => [text(""), text("")],
    }
}

/// A roster organ's or a file's state in the 问题清单: 已报 / 未报 / 有错误 / 重复 / 名单外 / ….
pub fn state_of(row: &Row) -> &'static str {
    match (&row.role, row.state) {
        (_, State::Unrecognised) => "无法读取",
        (Role::Duplicate(_), _) => "重复",
        (Role::OffRoster, _) => "名单外",
        (Role::BlankHeavy, _) => "未填写较多",
        (Role::LastYear | Role::OtherYear, _) => "年度不符",
        (_, State::Errors) => "有错误",
        _ => "已报",
    }
}

/// A sheet name Excel takes: at most 31 characters, none of []:*?/\, unique in the book.
fn sheet_name(name: &str, taken: &mut Vec<String>) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    let clean = if clean.trim().is_empty() { "单位".to_string() } else { clean };
    let mut out = clean.clone();
    let mut n = 2;
    while taken.contains(&out) {
        out = format!("{clean}{n}");
        n += 1;
    }
    taken.push(out.clone());
    out
}

fn problem_rows(list: &[Problem]) -> Vec<Vec<Cell>> {
    let mut rows = vec![head(&["序号", "级别", "位置", "问题及核查要求"])];
    for (n, p) in list.iter().enumerate() {
        rows.push(vec![number(n + 1), text(p.level), text(&p.place), text(&p.message)]);
    }
    rows
}

/// The rows with problems to send back: every row but last year's and the parent's, with its
/// problems, in the organ table's order.
pub fn to_send(files: &[File], summary: &Summary) -> Vec<(usize, Vec<Problem>)> {
    summary
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !matches!(r.role, Role::LastYear))
        .map(|(n, r)| (n, problems::of_row(files, summary, r)))
        .filter(|(_, p)| !p.is_empty())
        .collect()
}

/// The 问题清单 workbook: 汇总情况 (the year and why, the counts, every organ with its state and
/// counts, the 未报 among them), then a sheet per organ with problems.
pub fn issues(files: &[File], summary: &Summary) -> Vec<u8> {
    let c = summary.counts();
    let year = summary.year_reason.describe(summary.year);
    let mut first = vec![
        head(&["单位", "状态", "文件", "错误", "警告", "问题", "实质公开率", "纠错率"]),
        vec![text(format!("汇总年度：{year}"))],
        vec![text(format!(
            "已报 {}，未报 {}，有错误 {}，重复 {}，名单外 {}",
            c.reported, c.missing, c.errors, c.duplicates, c.off_roster
        ))],
        vec![text(format!("关注线：{}", THRESHOLDS.iter().map(|t| t.describe()).collect::<Vec<_>>().join("；")))],
    ];
    let sent = to_send(files, summary);
    let count = |n: usize| sent.iter().find(|(m, _)| *m == n).map_or(0, |(_, p)| p.len());
    for (n, row) in summary.rows.iter().enumerate().filter(|(_, r)| r.role != Role::LastYear) {
        let f = &files[row.file];
        let (errors, warnings) = f.read.as_ref().map_or((0, 0), |l| (l.errors(), l.warnings()));
        let mut line = vec![
            text(problems::organ_name(files, row)),
            text(state_of(row)),
            text(&f.name),
            number(errors),
            number(warnings + row.findings.len()),
            number(count(n)),
        ];
        line.extend(rates(row.indicators.as_ref()));
        first.push(line);
    }
    for organ in summary.missing() {
        first.push(vec![text(organ), text("未报"), text(""), text(""), text(""), text("")]);
    }
    let mut taken = vec!["汇总情况".to_string()];
    let mut sheets: Vec<(String, Vec<Vec<Cell>>)> = vec![("汇总情况".into(), first)];
    for (n, list) in &sent {
        let name = sheet_name(problems::organ_name(files, &summary.rows[*n]), &mut taken);
        sheets.push((name, problem_rows(list)));
    }
    let sheets: Vec<(&str, Vec<Vec<Cell>>)> = sheets.iter().map(|(n, r)| (n.as_str(), r.clone())).collect();
    xlsx::table(&sheets)
}

/// The title of an organ's letter: 关于某某单位年报问题的清单.
pub fn letter_title(organ: &str, year: Option<i32>) -> String {
    let year = year.map_or_else(String::new, |y| format!("{y}年度"));
    format!("关于{organ}{year}政府信息公开工作年度报告问题的清单")
}

/// An organ's letter (.docx): its problems by level, each with where and what to check.
pub fn letter(files: &[File], summary: &Summary, row: usize) -> Vec<u8> {
    let r = &summary.rows[row];
    let organ = problems::organ_name(files, r);
    let list = problems::of_row(files, summary, r);
    let lines: Vec<String> =
        list.iter().enumerate().map(|(n, p)| format!("{}. 【{}】{}：{}", n + 1, p.level, p.place, p.message)).collect();
    let intro = format!(
        "{organ}：经核查，你单位报送的年度报告（文件「{}」）存在以下 {} 个问题，请逐项核实修改后重新报送。",
        files[r.file].name,
        list.len()
    );
    let mut blocks = vec![Block::Paragraph(&intro)];
    if lines.is_empty() {
        blocks.push(Block::Paragraph("未发现问题。"));
    }
    blocks.extend(lines.iter().map(|l| Block::Paragraph(l)));
    crate::export::docx::letter(&letter_title(organ, summary.year), organ, &blocks)
}

/// 年度对比: per organ and in total, each headline this year, last year, change and %.
pub fn comparison(c: &Comparison) -> Vec<u8> {
    let (now, then) = (format!("{}年", c.year), format!("{}年", c.year - 1));
    let mut rows = vec![head(&["机关", "指标", &now, &then, "增减", "增减%", "异常波动"])];
    for line in std::iter::once(&c.total).chain(&c.organs) {
        rows.extend(lines(line));
    }
    xlsx::table(&[("年度对比", rows)])
}

fn lines(line: &Line) -> Vec<Vec<Cell>> {
    let blank = || text("");
    HEADLINES
        .iter()
        .enumerate()
        .map(|(h, headline)| {
            let known = |v: Option<u64>| v.map_or_else(|| text("—"), number);
            let mut row =
                vec![text(&line.organ), text(headline.label), known(line.now[h]), known(line.then.and_then(|t| t[h]))];
            match line.change(h) {
                Some(c) => row.extend([
                    number(c.diff),
                    c.percent.map_or_else(blank, number),
                    text(if c.swing { "是" } else { "" }),
                ]),
                None => row.extend([blank(), blank(), blank()]),
            }
            row
        })
        .collect()
}
