//! The organ table with its findings, and the comparison, as .xlsx workbooks through the
//! report exporter's plain-table writer ([`crate::export::xlsx::table`]).

use super::compare::{Comparison, Line, HEADLINES};
use super::{File, Summary};
use crate::export::xlsx::{self, Cell};

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: impl ToString) -> Cell {
    Cell::Number(n.to_string())
}

fn head(labels: &[&str]) -> Vec<Cell> {
    labels.iter().map(|l| text(*l)).collect()
}

/// 各机关 (one row per file) and 校验发现 (one row per finding, `aggregate.sum` included).
pub fn organ_table(files: &[File], summary: &Summary) -> Vec<u8> {
    let mut organs =
        vec![head(&["文件", "机关", "年度", "本机关/汇总", "来源", "识别数字", "错误", "警告", "状态", "汇总中"])];
    let mut findings = vec![head(&["文件", "机关", "级别", "规则", "格子", "说明"])];
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
                for x in &l.findings {
                    findings.push(vec![
                        text(&f.name),
                        text(&r.organ),
                        text(x.level().label()),
                        text(x.rule.id()),
                        text(x.cells.join(",")),
                        text(&x.message),
                    ]);
                }
            }
            Err(_) => line.extend([text(""), text(""), text(""), text(f.kind), number(0), text(""), text("")]),
        }
        let role = match &f.read {
            Err(why) => format!("无法读取：{why}"),
            Ok(_) => row.role.label(files),
        };
        line.extend([text(row.state.label()), text(role)]);
        organs.push(line);
    }
    if let Some(p) = summary.parent {
        let (name, organ) = (&files[p].name, files[p].report().map_or("", |r| r.organ.as_str()));
        for x in &summary.mismatches {
            findings.push(vec![
                text(name),
                text(organ),
                text(x.level().label()),
                text(x.rule.id()),
                text(x.cells.join(",")),
                text(&x.message),
            ]);
        }
    }
    xlsx::table(&[("各机关", organs), ("校验发现", findings)])
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
