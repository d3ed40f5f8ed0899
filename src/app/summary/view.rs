//! What 汇总与核查 shows: the organ table (sortable, filterable, a row's report on click), the
//! 汇总 as the three tables with its notes and `aggregate.sum` findings, and the comparison with
//! its charts. Read-only: the draft changes only through `open_draft`.

use super::super::import::CellKey;
use super::detail::{finding_list, tables};
use super::organs::Organs;
use super::{offer_xlsx, storage, total_as_draft, Shared};
use crate::draft::file_name;
use crate::export::{docx, xlsx};
use crate::report::Report;
use crate::summary::compare::{Comparison, Line, HEADLINES};
use crate::summary::{chart, export, File, Role, State, Summary};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Organs,
    Total,
    Compare,
}

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
