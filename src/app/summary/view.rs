//! What 汇总与核查 shows: the organ table (sortable, filterable, a row's report on click), the
//! 汇总 as the three tables with its notes and `aggregate.sum` findings, and the comparison with
//! its charts. Read-only: the draft changes only through `open_draft`.

use super::super::import::CellKey;
use super::detail::{finding_list, tables};
use super::organs::Organs;
use super::roster::{self, Choose};
use super::{indicators, offer_xlsx, storage, total_as_draft, Choices, Shared};
use crate::draft::file_name;
use crate::export::{docx, xlsx};
use crate::report::Report;
use crate::summary::compare::{Comparison, Line, HEADLINES};
use crate::summary::{chart, export, File, Role, State, Summary};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Organs,
    Indicators,
    Total,
    Compare,
}

#[derive(Properties, PartialEq)]
pub struct BodyProps {
    pub files: Shared<Vec<File>>,
    pub summary: Shared<Summary>,
    pub choices: Choices,
    pub choose: Choose,
    pub toggle: Callback<usize>,
    pub open_draft: Callback<(Report, String)>,
    /// Files are being read or compared (the bar above says how far): no "no files yet" hint.
    pub busy: bool,
}

/// The year summed as a control: the years the files give (with how many), the one chosen and
/// why in words; 自动 goes back to the year the files say.
fn year_control(s: &Summary, choices: &Choices, choose: &Choose) -> Html {
    let Some(year) = s.year else {
        return html! { <p class="summary-year muted" data-summary="year-reason">{ s.year_reason.describe(None) }</p> };
    };
    let mut years = s.years.clone();
    if !years.iter().any(|(y, _)| *y == year) {
        years.push((year, 0));
        years.sort_by_key(|(y, _)| std::cmp::Reverse(*y));
    }
    let onchange = {
        let choose = choose.clone();
        move |e: Event| {
            let value =
                e.target().and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok()).and_then(|v| v.as_string());
            let year = value.and_then(|v| v.parse::<i32>().ok());
            choose.emit(Box::new(move |c: &mut Choices| {
                c.year = year;
                // What was included was included for the other year.
                c.include.clear();
            }))
        }
    };
    let options = years.iter().map(|&(y, n)| {
        html! { <option value={y.to_string()} selected={y == year}>{ format!("{y} 年度（{n} 份）") }</option> }
    });
    let auto = choices.year.is_some().then(|| {
        let choose = choose.clone();
        let onclick = move |_| {
            choose.emit(Box::new(|c: &mut Choices| {
                c.year = None;
                c.include.clear();
            }))
        };
        html! { <button type="button" data-action="summary-year-auto" {onclick}>{ "按文件自动选择年度" }</button> }
    });
    let others: usize = years.iter().filter(|(y, _)| *y != year && *y != year - 1).map(|(_, n)| n).sum();
    html! {
        <div class="summary-year">
            <label for="summary-year">{ "汇总年度：" }</label>
            <select id="summary-year" data-action="summary-year" {onchange}>{ for options }</select>
            <span data-summary="year-reason">{ s.year_reason.describe(Some(year)) }</span>
            <span class="muted">
                { format!("；{} 年度的报告用于年度对比", year - 1) }
                if others > 0 { { format!("，其他年度的 {others} 份另列，未计入") } }
            </span>
            { for auto }
        </div>
    }
}

#[function_component]
pub fn Body(props: &BodyProps) -> Html {
    let tab = use_state(|| Tab::Organs);
    let panel = html! {
        <roster::Panel files={props.files.clone()} summary={props.summary.clone()} choices={props.choices.clone()} choose={props.choose.clone()} />
    };
    if props.files.is_empty() {
        return html! {
            <div class="summary-body">
                { panel }
                <p class="summary-empty muted" hidden={props.busy}>{ "尚未选择文件。汇总一个地区的报告：选择各部门、各下级政府的报告（可连同本级汇总报告、上年报告一起选择）。" }</p>
            </div>
        };
    }
    let s = &props.summary;
    let tab_button = |t: Tab, key: &'static str, label: String| {
        let tab = tab.clone();
        html! {
            <button type="button" role="tab" id={format!("summary-tab-{key}")} aria-selected={(*tab == t).to_string()}
                aria-controls="summary-panel" data-summary-tab={key} class={classes!((*tab == t).then_some("active"))}
                onclick={move |_| tab.set(t)}>{ label }</button>
        }
    };
    let errors = s.rows.iter().filter(|r| r.state != State::Passed).count();
    let summed = s.rows.iter().filter(|r| r.role == Role::Summed).count();
    let (body, key) = match *tab {
        Tab::Organs => (
            html! { <Organs files={props.files.clone()} summary={s.clone()} choices={props.choices.clone()} toggle={props.toggle.clone()} open_draft={props.open_draft.clone()} /> },
            "organs",
        ),
        Tab::Indicators => (indicators::view(&props.files, s), "indicators"),
        Tab::Total => (total(&props.files, s, &props.open_draft), "total"),
        Tab::Compare => (
            s.comparison.as_ref().map_or_else(
                || html! { <p class="muted">{ "没有上年的报告：请连同上年各机关的报告（或上年汇总报告）一起选择。" }</p> },
                comparison,
            ),
            "compare",
        ),
    };
    html! {
        <div class="summary-body">
            { year_control(s, &props.choices, &props.choose) }
            { panel }
            { roster::counts(&roster::PanelProps { files: props.files.clone(), summary: s.clone(), choices: props.choices.clone(), choose: props.choose.clone() }) }
            <div class="summary-tabs" role="tablist" aria-label="汇总与核查">
                { tab_button(Tab::Organs, "organs", format!("各机关（{} 份，{errors} 份有问题）", s.rows.len())) }
                { tab_button(Tab::Indicators, "indicators", "指标".into()) }
                { tab_button(Tab::Total, "total", format!("汇总（{summed} 份）")) }
                { tab_button(Tab::Compare, "compare", "年度对比".into()) }
            </div>
            <div role="tabpanel" id="summary-panel" aria-labelledby={format!("summary-tab-{key}")}>{ body }</div>
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
