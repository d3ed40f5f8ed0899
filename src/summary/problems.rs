//! What each organ must fix, in the form's words — the table, the row and column as printed,
//! the figures, what to check — never a rule id or a cell key: the lines of the 问题清单
//! workbook and of each organ's letter, and of the organ table's findings sheet.

use super::{File, Flag, Role, Row, Summary};
use crate::form;
use crate::rules::{Finding, Level};

/// One problem of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 错误 / 警告 / 提示.
    pub level: &'static str,
    /// Where, as the form prints it: 表B「（一）予以公开」行「自然人」列, 「一、总体情况」, or
    /// 全文 / 表格 for the whole.
    pub place: String,
    /// What is wrong and what to check.
    pub message: String,
}

/// Where a finding points, in the form's words.
pub fn place(cells: &[String]) -> String {
    let Some(first) = cells.first() else { return "全文".into() };
    if let Some(key) = first.strip_prefix("text.") {
        let names: Vec<&str> = cells
            .iter()
            .filter_map(|c| c.strip_prefix("text."))
            .filter_map(|k| form::text_parts().find(|(_, t)| t.key == k))
            .map(|(heading, _)| if heading.is_empty() { "开头部分" } else { heading })
            .collect();
        return match names.len() {
            0 => key.to_string(),
            n if n == form::text_parts().count() => "正文各部分".into(),
            _ => names.iter().map(|n| format!("「{n}」")).collect::<Vec<_>>().join(""),
        };
    }
    match form::cell_index(first) {
        Some(i) => form::cells()[i].describe(),
        None if first == "organ" || first.starts_with("meta") => "机关名称".into(),
        None => "全文".into(),
    }
}

fn of_finding(f: &Finding) -> Problem {
    let level = if f.level() == Level::Error { "错误" } else { "警告" };
    Problem { level, place: place(&f.cells), message: f.message.clone() }
}

/// The blank figures of a report, a line per row of the form: 表C「行政复议」：结果维持、总计….
fn blanks(file: &File) -> Vec<String> {
    let Some(r) = file.report() else { return Vec::new() };
    let rows =
        form::by_row(form::cells().iter().zip(&r.cells).filter(|(d, c)| !d.derived && c.is_none()).map(|(d, _)| d));
    rows.into_iter()
        .map(|(row, cols)| if cols.is_empty() { row } else { format!("{row}：{}", cols.join("、")) })
        .collect()
}

/// The problems of a row: what keeps it out of the sum or marks it (in words), then its
/// findings (errors first), then the copies found among the others.
pub fn of_row(files: &[File], s: &Summary, row: &Row) -> Vec<Problem> {
    let file = &files[row.file];
    let mut out = Vec::new();
    if let Err(why) = &file.read {
        out.push(Problem {
            level: "错误",
            place: "全文".into(),
            message: format!("文件无法读取：{why}。请重新报送可读取的报告文件"),
        });
        return out;
    }
    for flag in &row.flags {
        let (level, place, message) = match flag {
            Flag::BlankHeavy { blanks: n } => (
                "错误",
                "表格".to_string(),
                format!(
                    "{n} 个数字未填写（空白不等于 0，未计入汇总）：{}。请逐项填写，没有的填 0",
                    blanks(file).join("；")
                ),
            ),
            Flag::WrongYear { year, summed } => {
                ("错误", "全文".into(), format!("报送的是 {year} 年度报告，应报送 {summed} 年度报告"))
            }
            Flag::Renamed { named, year } => (
                "警告",
                "全文".into(),
                format!("文件名为 {named} 年，内容却是 {year} 年度报告：请核对是否报送了旧报告"),
            ),
            Flag::OffRoster { suggestion } => (
                "警告",
                "机关名称".into(),
                match suggestion {
                    Some(s) => {
                        format!("机关名称「{}」不在应报单位名单中，可能是名单中的「{s}」：请核对机关名称", organ(file))
                    }
                    None => format!("机关名称「{}」不在应报单位名单中：请核对是否报错单位", organ(file)),
                },
            ),
            Flag::Duplicate { of } => (
                "警告",
                "全文".into(),
                format!("与「{}」为同一机关同一年度的报告，只计入一份：请确认以哪一份为准", files[*of].name),
            ),
            // Said by the copy findings below, with the share and what to check.
            Flag::Copy { .. } | Flag::SameTables { .. } => continue,
        };
        out.push(Problem { level, place, message });
    }
    let own = file.read.as_ref().map(|l| l.findings.as_slice()).unwrap_or_default();
    let mut findings: Vec<&Finding> = own.iter().chain(&row.findings).collect();
    findings.sort_by_key(|f| f.level() != Level::Error);
    out.extend(findings.into_iter().map(of_finding));
    if let Some(ind) = &row.indicators {
        for t in ind.flagged() {
            let rate = ind.get(t.indicator);
            out.push(Problem {
                level: "提示",
                place: if t.indicator == super::indicators::Indicator::Correction {
                    "表C".into()
                } else {
                    "表B".into()
                },
                message: format!(
                    "{} {}（{} ÷ {}，{}）：超出关注线「{}」，请核实数字并在正文中说明原因",
                    t.label,
                    rate.percent(),
                    rate.part,
                    rate.base,
                    t.formula,
                    t.describe()
                ),
            });
        }
    }
    if row.role == Role::Parent {
        out.extend(s.mismatches.iter().map(of_finding));
    }
    out
}

fn organ(file: &File) -> &str {
    file.report().map(|r| r.organ.trim()).filter(|o| !o.is_empty()).unwrap_or(&file.name)
}

/// The name a row's organ goes by in the lists: its report's organ, else the file's name.
pub fn organ_name<'a>(files: &'a [File], row: &Row) -> &'a str {
    organ(&files[row.file])
}
