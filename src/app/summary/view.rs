//! What 汇总与核查 shows: the organ table (sortable, filterable, a row's report on click), the
//! 汇总 as the three tables with its notes and `aggregate.sum` findings, and the comparison with
//! its charts. Read-only: the draft changes only through `open_draft`.

use super::super::import::{review_table, CellKey};
use super::{offer_xlsx, storage, total_as_draft, Shared};
use crate::draft::{self, file_name};
use crate::export::{docx, xlsx};
use crate::form::{self, Body as PartBody};
use crate::report::Report;
use crate::rules::{Finding, Level};
use crate::summary::compare::{Comparison, Line, HEADLINES};
use crate::summary::{chart, export, File, Role, Row, State, Summary};
use std::collections::HashMap;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Organs,
    Total,
    Compare,
}

/// The organ table's columns, by key (`data-sort`) and heading.
const COLUMNS: [(&str, &str); 10] = [
    ("name", "文件"),
    ("organ", "机关"),
    ("year", "年度"),
    ("scope", "本机关/汇总"),
    ("kind", "来源"),
    ("figures", "识别数字"),
    ("errors", "错误"),
    ("warnings", "警告"),
    ("state", "状态"),
    ("role", "汇总中"),
];

/// The first rows drawn; more on request, so thousands of files do not make one long render
/// (measured: 300 rows of 3,000 took 170–330 ms to draw and as long again to lay out under load).
/// Sorting and the filter still go over every row.
const PAGE: usize = 100;

#[derive(Properties, PartialEq)]
pub struct BodyProps {
    pub files: Shared<Vec<File>>,
    pub summary: Shared<Summary>,
    pub toggle: Callback<usize>,
    pub open_draft: Callback<(Report, String)>,
}

#[function_component]
pub fn Body(props: &BodyProps) -> Html {
    let tab = use_state(|| Tab::Organs);
    if props.files.is_empty() {
        return html! { <p class="summary-empty muted">{ "尚未选择文件。汇总一个地区的报告：选择各部门、各下级政府的报告（可连同本级汇总报告、上年报告一起选择）。" }</p> };
    }
    let s = &props.summary;
    let tab_button = |t: Tab, key: &'static str, label: String| {
        let tab = tab.clone();
        html! {
            <button type="button" role="tab" aria-selected={(*tab == t).to_string()} data-summary-tab={key}
                class={classes!((*tab == t).then_some("active"))} onclick={move |_| tab.set(t)}>{ label }</button>
        }
    };
    let errors = s.rows.iter().filter(|r| r.state != State::Passed).count();
    let summed = s.rows.iter().filter(|r| r.role == Role::Summed).count();
    let body = match *tab {
        Tab::Organs => {
            html! { <Organs files={props.files.clone()} summary={s.clone()} toggle={props.toggle.clone()} open_draft={props.open_draft.clone()} /> }
        }
        Tab::Total => total(&props.files, s, &props.open_draft),
        Tab::Compare => s.comparison.as_ref().map_or_else(
            || html! { <p class="muted">{ "没有上年的报告：请连同上年各机关的报告（或上年汇总报告）一起选择。" }</p> },
            comparison,
        ),
    };
    html! {
        <div class="summary-body">
            <div class="summary-tabs" role="tablist">
                { tab_button(Tab::Organs, "organs", format!("各机关（{} 份，{errors} 份有问题）", s.rows.len())) }
                { tab_button(Tab::Total, "total", format!("汇总（{summed} 份）")) }
                { tab_button(Tab::Compare, "compare", "年度对比".into()) }
                if let Some(y) = s.year { <span class="muted">{ format!("汇总年度：{y}年") }</span> }
            </div>
            { body }
        </div>
    }
}

fn sort_key(files: &[File], row: &Row, column: &str) -> (i64, String) {
    let f = &files[row.file];
    let loaded = f.read.as_ref().ok();
    let n = |v: usize| (v as i64, String::new());
    match column {
        "organ" => (0, loaded.map_or_else(String::new, |l| l.report.organ.clone())),
        "year" => n(loaded.map_or(0, |l| l.report.year as usize)),
        "scope" => (0, loaded.map_or("", |l| l.report.scope.label()).into()),
        "kind" => (0, f.kind.into()),
        "figures" => n(loaded.map_or(0, |l| l.figures)),
        "errors" => n(loaded.map_or(0, |l| l.errors())),
        "warnings" => n(loaded.map_or(0, |l| l.warnings())),
        "state" => n(row.state as usize),
        "role" => (0, row.role.key().into()),
        _ => (0, f.name.clone()),
    }
}

#[derive(Properties, PartialEq)]
struct OrgansProps {
    files: Shared<Vec<File>>,
    summary: Shared<Summary>,
    toggle: Callback<usize>,
    open_draft: Callback<(Report, String)>,
}

#[function_component]
fn Organs(props: &OrgansProps) -> Html {
    let sort = use_state(|| ("", true));
    let errors_only = use_state(|| false);
    let selected = use_state(|| None::<usize>);
    let shown = use_state(|| PAGE);
    let files = &props.files;
    let mut rows: Vec<&Row> = props.summary.rows.iter().filter(|r| !*errors_only || r.state != State::Passed).collect();
    let (column, ascending) = *sort;
    if !column.is_empty() {
        rows.sort_by_cached_key(|r| sort_key(files, r, column));
        if !ascending {
            rows.reverse();
        }
    }
    let count = rows.len();
    let heads = COLUMNS.iter().map(|&(key, label)| {
        let sort = sort.clone();
        let mark = match *sort {
            (c, true) if c == key => " ▲",
            (c, false) if c == key => " ▼",
            _ => "",
        };
        let onclick = move |_| {
            let (c, asc) = *sort;
            sort.set((key, if c == key { !asc } else { true }));
        };
        html! { <th data-sort={key} {onclick} title="点击排序">{ label }{ mark }</th> }
    });
    let lines = rows.iter().take(*shown).map(|row| {
        let f = &files[row.file];
        let i = row.file;
        let onclick = {
            let selected = selected.clone();
            move |_| selected.set(Some(i))
        };
        let include =
            matches!(row.role, Role::Duplicate(_) | Role::OtherYear | Role::Parent | Role::LastYear) || row.included;
        let toggle = props.toggle.clone();
        let role = html! {
            <>
                { row.role.label(files) }
                if include {
                    <label class="include" onclick={|e: MouseEvent| e.stop_propagation()}>
                        <input type="checkbox" data-action="summary-include" checked={row.included}
                            onchange={move |_| toggle.emit(i)} />{ "计入汇总" }
                    </label>
                }
            </>
        };
        let class = classes!(row.state.key(), (*selected == Some(i)).then_some("selected"));
        let rules = f.error_rules().iter().map(|r| r.id()).collect::<Vec<_>>().join(" ");
        let cells = match &f.read {
            Ok(l) => {
                let r = &l.report;
                html! {
                    <>
                        <td>{ if r.organ.trim().is_empty() { "（未填）" } else { r.organ.as_str() } }</td>
                        <td>{ r.year }</td>
                        <td>{ r.scope.label() }</td>
                        <td>{ f.kind }</td>
                        <td class="n">{ l.figures }</td>
                        <td class="n">{ l.errors() }</td>
                        <td class="n">{ l.warnings() }</td>
                        <td class="state" title={rules.clone()}>{ row.state.label() }
                            if !rules.is_empty() { <span class="rules">{ format!(" {rules}") }</span> }</td>
                    </>
                }
            }
            Err(why) => html! {
                <>
                    <td colspan="3" class="reason" data-reason="">{ why }</td>
                    <td>{ f.kind }</td>
                    <td class="n">{ "—" }</td><td class="n">{ "—" }</td><td class="n">{ "—" }</td>
                    <td class="state">{ row.state.label() }</td>
                </>
            },
        };
        html! {
            <tr {class} {onclick} data-file-row={f.name.clone()} data-state={row.state.key()} data-role={row.role.key()}
                data-rules={rules.clone()}>
                <td class="file">{ &f.name }</td>
                { cells }
                <td class="role">{ role }</td>
            </tr>
        }
    });
    let more = (count > *shown).then(|| {
        let (n, shown) = (*shown, shown.clone());
        html! {
            <button type="button" data-action="summary-more" onclick={move |_| shown.set(n + PAGE)}>
                { format!("再显示 {} 行（共 {count} 行）", PAGE.min(count - n)) }</button>
        }
    });
    let export = {
        let (files, summary) = (files.clone(), props.summary.clone());
        move |_| offer_xlsx("各机关报告核查情况.xlsx", export::organ_table(&files, &summary))
    };
    let detail = selected.and_then(|i| files.get(i)).map(|f| detail(f, &props.open_draft));
    html! {
        <div class="summary-organs">
            <div class="summary-actions">
                <label><input type="checkbox" data-action="summary-errors-only" checked={*errors_only}
                    onchange={let e = errors_only.clone(); move |_| e.set(!*e)} />{ "只看有错误的" }</label>
                <span class="muted">{ format!("显示 {} 行", count.min(*shown)) }</span>
                <span class="spacer"></span>
                <button type="button" data-action="summary-xlsx" onclick={export}>{ "导出各机关情况（Excel）" }</button>
            </div>
            <div class={classes!("summary-split", detail.is_some().then_some("with-detail"))}>
                <div class="summary-table-wrap">
                    <table class="summary-table" data-summary="organs">
                        <thead><tr>{ for heads }</tr></thead>
                        <tbody>{ for lines }</tbody>
                    </table>
                    { for more }
                </div>
                { for detail }
            </div>
        </div>
    }
}

/// Findings as a list, each with its rule.
fn finding_list(findings: &[Finding]) -> Html {
    let items = findings.iter().map(|f| {
        let class = if f.level() == Level::Error { "error" } else { "warning" };
        html! { <li {class} data-summary-finding={f.rule.id()}>{ &f.message }<span class="muted">{ format!("（{}）", f.rule) }</span></li> }
    });
    html! { <ul class="import-findings">{ for items }</ul> }
}

/// The three tables of a report, read-only, marked with its findings.
fn tables(report: &Report, findings: &[Finding], key: CellKey) -> Html {
    let marks = draft::marks(findings);
    let sources = HashMap::new();
    let tables = form::PARTS.iter().filter_map(|p| match p.body {
        PartBody::Table(t) => Some(html! {
            <>
                <h3>{ p.heading }</h3>
                { review_table(t, report, &sources, &marks, key) }
            </>
        }),
        PartBody::Text(_) => None,
    });
    html! { <div class="import-tables">{ for tables }</div> }
}

/// A clicked row: its findings and tables, and 在编辑器中打开.
fn detail(f: &File, open_draft: &Callback<(Report, String)>) -> Html {
    let body = match &f.read {
        Err(why) => html! { <p class="import-error" role="alert">{ format!("无法读取：{why}") }</p> },
        Ok(l) => {
            let open = {
                let (report, name, open_draft) = (l.report.clone(), f.name.clone(), open_draft.clone());
                move |_| {
                    let note = format!("已打开「{name}」（如需回到原草稿，可按 Ctrl+Z 撤销）。");
                    open_draft.emit((report.clone(), note))
                }
            };
            let shown: Vec<Finding> =
                l.findings.iter().filter(|x| x.rule != crate::rules::Rule::CellMissing).cloned().collect();
            let missing = l.findings.len() - shown.len();
            html! {
                <>
                    <p>
                        { format!("{} {}年（{}），{} 个数字，", l.report.organ, l.report.year, l.report.scope.label(), l.figures) }
                        { format!("错误 {}，警告 {}", l.errors(), l.warnings()) }
                        if missing > 0 { { format!("（其中 {missing} 行未填写）") } }
                    </p>
                    <button type="button" class="primary" data-action="summary-open-in-editor" onclick={open}>{ "在编辑器中打开" }</button>
                    { finding_list(&shown) }
                    { tables(&l.report, &l.findings, CellKey::Review) }
                </>
            }
        }
    };
    html! {
        <aside class="summary-detail" data-summary="detail">
            <h3>{ &f.name }</h3>
            { body }
        </aside>
    }
}

/// The 汇总: notes, the parent's differences, the three tables, and what to do with it.
fn total(files: &[File], s: &Shared<Summary>, open_draft: &Callback<(Report, String)>) -> Html {
    let Some(report) = &s.total else {
        return html! { <p class="muted">{ "没有可汇总的报告。" }</p> };
    };
    let as_draft = {
        let (s, open_draft) = (s.clone(), open_draft.clone());
        move |_| {
            if let Some(draft) = total_as_draft(&s) {
                open_draft.emit(draft);
            }
        }
    };
    let named = |mut r: Report| {
        if r.organ.is_empty() {
            r.organ = "汇总".into();
        }
        r
    };
    let word = {
        let r = named(report.clone());
        move |_| {
            let bytes = docx::write(&r, &docx::DocxOptions { wrapper: false });
            storage::offer(
                &file_name(&r, "docx"),
                &bytes,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        }
    };
    let excel = {
        let r = named(report.clone());
        move |_| offer_xlsx(&file_name(&r, "xlsx"), xlsx::write(&r))
    };
    let notes = s
        .notes
        .iter()
        .map(|n| html! { <li data-summary-note={n.source.clone()}>{ format!("{}：{}", n.source, n.message) }</li> });
    let parent = s.parent.map(|p| {
        let name = &files[p].name;
        html! {
            <section class="summary-parent" data-summary="parent">
                <h3>{ format!("本级汇总报告「{name}」与各报告合计核对") }</h3>
                if s.mismatches.is_empty() {
                    <p class="ok">{ "各格一致。" }</p>
                } else {
                    <p>{ format!("{} 处不一致（表中以颜色标出，鼠标停留可见两个数字）：", s.mismatches.len()) }</p>
                    { finding_list(&s.mismatches) }
                }
            </section>
        }
    });
    html! {
        <div class="summary-total">
            <div class="summary-actions">
                <span>{ format!("{} 份报告的合计（收费金额按小数精确相加）", s.rows.iter().filter(|r| r.role == Role::Summed).count()) }</span>
                <span class="spacer"></span>
                <button type="button" class="primary" data-action="summary-as-draft" onclick={as_draft}>{ "作为本年草稿" }</button>
                <button type="button" data-action="summary-docx" onclick={word}>{ "导出 Word" }</button>
                <button type="button" data-action="summary-total-xlsx" onclick={excel}>{ "导出 Excel" }</button>
            </div>
            { for parent }
            if !s.notes.is_empty() {
                <details class="summary-notes" open={s.notes.len() <= 8}>
                    <summary>{ format!("未计入的文件和数字（{} 条）", s.notes.len()) }</summary>
                    <ul>{ for notes }</ul>
                </details>
            }
            <div data-summary="total">{ tables(report, &s.mismatches, CellKey::Cell) }</div>
        </div>
    }
}

fn change_cell(line: &Line, h: usize) -> Html {
    let now = line.now[h].map_or_else(|| "—".to_string(), |n| n.to_string());
    let Some(c) = line.change(h) else {
        return html! { <td class="n">{ now }<small>{ "上年无" }</small></td> };
    };
    let pct = c.percent.map_or_else(|| "—".to_string(), |p| format!("{p:+}%"));
    let then = line.then.and_then(|t| t[h]).unwrap_or_default();
    html! {
        <td class={classes!("n", c.swing.then_some("swing"))} data-swing={c.swing.then_some("")}
            title={format!("上年 {then}，增减 {:+}（{pct}）", c.diff)}>
            { now }<small>{ format!("{:+} {pct}", c.diff) }</small>
        </td>
    }
}

/// The comparison: the total line by line, every organ's headlines, and the charts.
fn comparison(c: &Comparison) -> Html {
    let (now, then) = (format!("{}年", c.year), format!("{}年", c.year - 1));
    let total_rows = HEADLINES.iter().enumerate().map(|(h, headline)| {
        let ch = c.total.change(h);
        let known = |v: Option<u64>| v.map_or_else(|| "—".to_string(), |n| n.to_string());
        html! {
            <tr class={classes!(ch.is_some_and(|c| c.swing).then_some("swing"))} data-compare-total={headline.label}>
                <th>{ headline.label }</th>
                <td class="n">{ known(c.total.now[h]) }</td>
                <td class="n">{ known(c.total.then.and_then(|t| t[h])) }</td>
                <td class="n">{ ch.map_or_else(String::new, |c| format!("{:+}", c.diff)) }</td>
                <td class="n">{ ch.and_then(|c| c.percent).map_or_else(|| "—".to_string(), |p| format!("{p:+}%")) }</td>
            </tr>
        }
    });
    let organ_rows = c.organs.iter().map(|line| {
        html! {
            <tr data-compare-organ={line.organ.clone()}>
                <th>{ &line.organ }</th>
                { for (0..HEADLINES.len()).map(|h| change_cell(line, h)) }
            </tr>
        }
    });
    let export = {
        let c = c.clone();
        move |_| offer_xlsx(&format!("{}年与{}年主要数字对比.xlsx", c.year, c.year - 1), export::comparison(&c))
    };
    let svg = |s: String| Html::from_html_unchecked(AttrValue::from(s));
    html! {
        <div class="summary-compare" data-summary="compare">
            <div class="summary-actions">
                <span>{ format!("异常波动：增减超过 50% 且不少于 10 件（标色）。") }</span>
                <span class="spacer"></span>
                <button type="button" data-action="summary-print" onclick={|_| { let _ = gloo::utils::window().print(); }}>{ "打印" }</button>
                <button type="button" data-action="summary-comparison-xlsx" onclick={export}>{ "导出对比（Excel）" }</button>
            </div>
            <div class="summary-charts">
                <figure><figcaption>{ "历年新收申请合计" }</figcaption>{ svg(chart::years(c)) }</figure>
                <figure><figcaption>{ "各机关新收申请（前 20 名，浅色为上年）" }</figcaption>{ svg(chart::ranking(c, 20)) }</figure>
                <figure><figcaption>{ "办理结果构成" }</figcaption>{ svg(chart::outcomes(c, 20)) }</figure>
            </div>
            <h3>{ "合计" }</h3>
            <table class="summary-table compare">
                <thead><tr><th>{ "指标" }</th><th>{ now }</th><th>{ then }</th><th>{ "增减" }</th><th>{ "增减%" }</th></tr></thead>
                <tbody>{ for total_rows }</tbody>
            </table>
            <h3>{ "各机关（按新收申请排序；小字为较上年增减）" }</h3>
            <table class="summary-table compare">
                <thead><tr><th>{ "机关" }</th>{ for HEADLINES.iter().map(|h| html! { <th>{ h.label }</th> }) }</tr></thead>
                <tbody>{ for organ_rows }</tbody>
            </table>
        </div>
    }
}
