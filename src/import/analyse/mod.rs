//! From [`Line`]s to an [`Imported`] report: the same for every input format, in stages, a file
//! each: [`clean`] (radical forms, page furniture, footers; what a cell holds), [`parts`] (cut at
//! the part headings of [`form::PARTS`], or a table's first label), [`title`] (year and organ),
//! [`text`] (the text parts joined), and [`table`], reading each table: placement by labels
//! ([`labels`]: the label a line's text ends with decides the row, so wrapped labels, vertical
//! group labels and column headers before it do not matter), by position between them, and by
//! the sums ([`sums`], [`arrange`]), all into one [`sink::Sink`].

mod arrange;
mod clean;
mod glued;
mod labels;
mod parts;
mod radicals;
mod sink;
mod sums;
mod table;
mod text;
mod title;

use super::{Format, ImportError, Imported, Line, Recognised};
use crate::form::{self, Body, Layout, TABLES};
use crate::report::Report;
use crate::rules;
use clean::{is_footer, page_furniture, unify_radicals};
use labels::normalise;
use parts::{cut_parts, Span};
use sink::{printed_totals, Sink};
use std::collections::BTreeMap;
use text::{join_text, typical_width};
use title::{full_organ, scope_of, title, year_from_text};

/// Column and row labels of the 2019 trial format that the 2021 template dropped or renamed.
const FORMAT_2019_MARKERS: &[&str] =
    &["本年新制作数量", "对外公开总数量", "上一年项目数量", "第二十条第九项", "政府集中采购"];

/// The report a document's lines hold, in stages: clean, cut into parts, title, each text part
/// joined and each table read.
/// `meta_title`: the title the file's metadata gives, for a report whose text lost its own.
pub(crate) fn analyse(lines: Vec<Line>, meta_title: Option<&str>) -> Result<Imported, ImportError> {
    // A site's furniture (share bars, link lists, 备案号) out first, listed for the review.
    let (lines, removed) = super::furniture::strip(lines);
    // Radical and compatibility forms next: the headings run into text are found by their text.
    let lines = glued::headings(lines.into_iter().map(unify_radicals).collect());
    let furniture = page_furniture(&lines);
    let lines: Vec<Line> = lines
        .into_iter()
        .zip(furniture)
        .filter(|(_, furniture)| !furniture)
        .map(|(l, _)| l)
        .filter(|l| !((!l.row || l.cells.iter().filter(|c| !c.trim().is_empty()).count() <= 1) && is_footer(&l.text())))
        .map(glued::label_and_figures)
        .collect();
    if lines.iter().all(|l| l.cells.iter().all(|c| c.trim().is_empty())) {
        return Err(ImportError::Empty);
    }
    let (parts, inline) = cut_parts(&lines);
    let whole = normalise(&lines.iter().map(Line::text).collect::<String>());
    let format = if FORMAT_2019_MARKERS.iter().any(|m| whole.contains(&normalise(m))) {
        Format::Format2019
    } else {
        Format::Template2021
    };

    let heading_one = parts.iter().flatten().map(|p| p.line).next().unwrap_or(lines.len());
    let title = title(&lines[..heading_one]);
    // The metadata's title where the text has none, or none naming the organ, for the same year.
    let meta = meta_title
        .and_then(|t| self::title(&[Line { no: 0, cells: vec![t.to_string()], row: false }]))
        .filter(|m| title.as_ref().is_none_or(|t| t.organ.is_empty() && t.year == m.year));
    let year = title.as_ref().or(meta.as_ref()).map(|t| t.year);
    let mut report = Report::new(year.unwrap_or_else(|| year_from_text(&lines)));
    let organ = meta.as_ref().or(title.as_ref()).map(|t| t.organ.as_str());
    if let Some(organ) = organ {
        report.organ = full_organ(organ, &lines);
        report.scope = scope_of(&report.organ);
    }

    let width = typical_width(&lines);
    let pre_start = title.as_ref().map_or(0, |t| t.line + 1);
    let run_on = title.as_ref().map_or("", |t| t.rest.as_str());
    report.text.preamble = join_text(&lines[pre_start.min(heading_one)..heading_one], run_on, width);
    let mut notes = Vec::new();
    if let (Some(m), Some(t)) = (&meta, meta_title) {
        let (lack, what) = if title.is_some() {
            ("正文中的标题未写明机关", "机关名称")
        } else {
            ("正文中没有报告标题", "年度和机关名称")
        };
        let organ = if m.organ.is_empty() { String::new() } else { format!("（{}）", report.organ) };
        notes.push(format!("{lack}，{what}{organ}取自文件属性中的标题「{t}」，请核对"));
    }
    let mut sink = Sink::default();
    for (p, part) in form::PARTS.iter().enumerate() {
        let Some(Span { start, end, .. }) = parts[p] else {
            notes.push(format!("未找到“{}”", part.heading));
            continue;
        };
        match part.body {
            Body::Text(t) => {
                if let Some(field) = report.text.get_mut(t.key) {
                    *field = join_text(&lines[start..end], &inline[p], width);
                }
            }
            Body::Table(t) if format == Format::Format2019 && TABLES[t].layout == Layout::Sections => {
                notes.push(format!("{}为 2019 年试行格式，栏目与 2021 年格式不同，未导入", TABLES[t].name));
            }
            Body::Table(t) => table::read_table(t, &lines[start..end], start, format, &mut sink),
        }
    }
    if sink.found.is_empty() && parts.iter().all(Option::is_none) {
        return Err(ImportError::NotAReport);
    }
    notes.append(&mut sink.notes);
    if format == Format::Format2019 {
        notes.insert(0, format!("该报告为{}，已按 2021 年格式导入可对应的部分", format.label()));
    }

    notes.extend(sink.zero_blanks());

    let mut recognised = Vec::new();
    for (&cell, (raw, line)) in sink.found.iter().collect::<BTreeMap<_, _>>() {
        report.cells[cell] = Some(raw.clone());
        let l = &lines[*line];
        recognised.push(Recognised {
            path: form::cells()[cell].path.clone(),
            raw: raw.clone(),
            source_line: l.no,
            source_text: l.text(),
            uncertain: sink.uncertain.get(&cell).cloned(),
        });
    }
    let missing = form::cells()
        .iter()
        .enumerate()
        .filter(|(i, d)| !d.derived && !sink.found.contains_key(i))
        .map(|(_, d)| d.path.clone())
        .collect();
    let mut findings = printed_totals(&report, &sink.printed);
    findings.extend(rules::check(&report, None));
    Ok(Imported { report, recognised, missing, findings, format, notes, removed })
}

#[cfg(test)]
mod tests {
    use super::clean::{is_footer, trailing_figures};
    use super::parts::heading_of;
    use super::*;
    use crate::report::Scope;

    fn line(text: &str) -> Line {
        crate::import::read::text::lines(text).remove(0)
    }

    #[test]
    fn headings_in_their_variants() {
        let heading_of = |line: &Line, part| heading_of(line, &normalise(&line.text()), part);
        for h in [
            "二、主动公开政府信息情况",
            "### 二、主动公开政府信息情况",
            "二．主动公开政府信息情况",
            "二、 主动公开政府信息情况",
            "**二、主动公开政府信息情况**",
        ] {
            assert_eq!(heading_of(&line(h), 1).as_deref(), Some(""), "{h}");
        }
        assert_eq!(heading_of(&line("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"), 3).as_deref(), Some(""));
        assert_eq!(heading_of(&line("总体情况"), 0).as_deref(), Some(""), "automatic numbering");
        assert_eq!(heading_of(&line("一、总体情况。2024年，本局…"), 0).as_deref(), Some("2024年，本局…"));
        assert_eq!(heading_of(&line("二、上年结转政府信息公开申请数量\t0\t0"), 1), None);
        assert_eq!(heading_of(&line("（二）主动公开政府信息情况"), 1), None);
        assert_eq!(heading_of(&line("一是主动公开政府信息情况良好"), 1), None);
    }

    #[test]
    fn figures_end_a_row() {
        let figures = |t: &str| {
            trailing_figures(&line(t))
                .map(|(start, run)| (start, run.into_iter().map(|v| v.unwrap_or_default()).collect::<Vec<_>>()))
        };
        assert_eq!(figures("规章 1 0 １１"), Some((1, vec!["1".into(), "0".into(), "11".into()])));
        assert_eq!(figures("行政许可 447,228"), Some((1, vec!["447228".into()])));
        // In a row, cells after the last figure are columns too (a placeholder or left blank).
        assert_eq!(
            figures("（七）总计\t\t26\t\t0\t—\t"),
            Some((1, vec!["".into(), "26".into(), "".into(), "0".into(), "".into(), "".into()]))
        );
        assert_eq!(figures("1. 属于国家秘密"), None, "a numbering is not a figure");
        assert_eq!(figures("新收 26 件，结转 0 件"), None);
        assert_eq!(figures("行政事业性收费 435.18246"), Some((1, vec!["435.18246".into()])));
    }

    #[test]
    fn footers_are_recognised() {
        for f in ["- 5 -", "— 12 —", "第 3 页 共 9 页", "3/9"] {
            assert!(is_footer(f), "{f}");
        }
        for t in ["5", "-", "一、总体情况", "第二十条第（一）项", "— — — — — — 0", "— 0 —", "1 / 11", "0 / 0"]
        {
            assert!(!is_footer(t), "{t}");
        }
    }

    #[test]
    fn radical_forms_read_as_their_ideographs() {
        let text = "淮安市⼈⺠政府\n2024 年政府信息公开工作年度报告\n⼀、总体情况\n本年…";
        let got = analyse(crate::import::read::text::lines(text), None).unwrap();
        assert_eq!((got.report.organ.as_str(), got.report.year), ("淮安市人民政府", 2024));
        assert_eq!(got.report.text.overview, "本年…");
    }

    /// A web page printed by LibreOffice loses its heading but keeps the page's title in the PDF's
    /// metadata: the title there names the organ, unless the text names one, or another year.
    #[test]
    fn the_metadata_title_names_the_organ_the_text_lost() {
        let body = "告\n根据《中华人民共和国政府信息公开条例》编制本报告，统计期限自 2023 年 1 月 1 日起。\n一、总体情况\n本年…";
        let meta = Some("泉州市泉港区人民政府2023年政府信息公开工作年度报告");
        let read = |text: &str, meta| {
            let got = analyse(crate::import::read::text::lines(text), meta).unwrap();
            (got.report.organ, got.report.year)
        };
        assert_eq!(read(body, meta), ("泉州市泉港区人民政府".to_string(), 2023));
        let got = analyse(crate::import::read::text::lines(body), meta).unwrap();
        assert!(
            got.notes
                .iter()
                .any(|n| n.contains("取自文件属性中的标题「泉州市泉港区人民政府2023年") && n.contains("请核对")),
            "the organ taken from the metadata is said: {:?}",
            got.notes
        );
        assert_eq!(read(body, None), (String::new(), 2023), "the year from the text, no organ");
        let titled = format!("洪泽区2023年政府信息公开工作年度报告\n{body}");
        assert_eq!(read(&titled, meta), ("洪泽区人民政府".to_string(), 2023), "the text's own title first");
        let untitled = "2023年政府信息公开工作年度报告\n一、总体情况\n本年…";
        assert_eq!(read(untitled, meta).0, "泉州市泉港区人民政府", "a title without its organ");
        let other_year = Some("泉州市泉港区人民政府2022年政府信息公开工作年度报告");
        assert_eq!(read(untitled, other_year), (String::new(), 2023), "another year's title is not this report's");
        assert_eq!(read(body, Some("Microsoft Word - 文档1")).0, "", "a title that is no report's");
    }

    /// The class the printed pages gave: the prose names the government after a word of its own
    /// (根据, 现将, 按照…), which is never taken as part of the name; real place names starting
    /// with such a character stay whole.
    #[test]
    fn the_word_before_a_governments_name_is_not_its_name() {
        for (title, full) in
            [("泉港区", "泉州市泉港区人民政府"), ("洪泽区", "淮安市洪泽区人民政府"), ("将乐县", "三明市将乐县人民政府")]
        {
            let region = full.strip_suffix("人民政府").unwrap();
            let prefix = region.strip_suffix(title).unwrap();
            for lead in
                ["根据", "现将", "按照", "依据", "经", "由", "受", "请", "对", "现将根据", "根据按照", "我区", "全市"]
            {
                let prose = format!("{lead}{full}办公室《关于做好政府信息公开工作年度报告的通知》要求编制本报告。");
                let lines = crate::import::read::text::lines(&prose);
                assert_eq!(full_organ(title, &lines), full, "{prose}");
            }
            let lines = crate::import::read::text::lines(&format!("{prefix}{title}人民政府门户网站"));
            assert_eq!(full_organ(title, &lines), full);
        }
        // A name that starts like a lead word is still a name.
        let lines = crate::import::read::text::lines("本报告由全州县人民政府办公室编制");
        assert_eq!(full_organ("全州县", &lines), "全州县人民政府");
        let lines = crate::import::read::text::lines("为本溪市溪湖区人民政府网站");
        assert_eq!(full_organ("溪湖区", &lines), "本溪市溪湖区人民政府");
    }

    #[test]
    fn organ_named_in_full() {
        let lines = crate::import::read::text::lines("本报告全文在泉州市泉港区人民政府网站公布");
        assert_eq!(full_organ("泉港区", &lines), "泉州市泉港区人民政府");
        assert_eq!(full_organ("泉港区", &[]), "泉港区人民政府");
        assert_eq!(full_organ("泉港区人民政府", &lines), "泉州市泉港区人民政府", "a title naming the government");
        assert_eq!(full_organ("某市交通运输局", &lines), "某市交通运输局");
        assert_eq!(scope_of("泉州市泉港区人民政府"), Scope::Aggregate);
        assert_eq!(scope_of("某镇人民政府"), Scope::Own);
    }
}
