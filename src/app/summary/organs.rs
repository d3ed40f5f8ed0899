//! The organ table: a row per file, sortable and filterable, each row's report opened beside it
//! (or, on a narrow screen or at a large zoom, in its place) by a click or from the keyboard.

use super::detail::Detail;
use super::{Choices, Shared};
use crate::report::Report;
use crate::summary::{export, File, Flag, Role, Row, State, Summary};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

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

/// The organ a file gives, for names read aloud (a checkbox's, a row button's).
fn organ_of(f: &File) -> &str {
    f.report().map(|r| r.organ.trim()).filter(|o| !o.is_empty()).unwrap_or("机关未识别")
}

/// Moves the focus from a row's button to the one above or below (↑/↓), as in a list.
fn move_focus(e: KeyboardEvent) {
    let step = match e.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(button) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else { return };
    let Some(row) = button.closest("tr").ok().flatten() else { return };
    let next = if step > 0 { row.next_element_sibling() } else { row.previous_element_sibling() };
    if let Some(target) = next.and_then(|r| r.query_selector("[data-action='summary-row']").ok().flatten()) {
        e.prevent_default();
        let _ = target.unchecked_into::<HtmlElement>().focus();
    }
}

/// What to say about a row, in words: the core's flags, a suggestion the user refused no longer
/// offered.
pub fn flag_labels(files: &[File], row: &Row, choices: &Choices) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for flag in &row.flags {
        let label = match flag {
            Flag::OffRoster { suggestion: Some(_) } if choices.refuse.contains(&row.file) => {
                Flag::OffRoster { suggestion: None }.label(files)
            }
            flag => flag.label(files),
        };
        out.push((flag.key(), label));
    }
    out
}

/// Which list a row stands in: the year's files (and those not read), last year's, other years'.
fn group(files: &[File], row: &Row, year: Option<i32>) -> usize {
    match (files[row.file].report(), year) {
        (Some(r), Some(y)) if r.year == y - 1 && !row.included => 1,
        (Some(r), Some(y)) if r.year != y && !row.included => 2,
        _ => 0,
    }
}

#[derive(Properties, PartialEq)]
pub struct OrgansProps {
    pub files: Shared<Vec<File>>,
    pub summary: Shared<Summary>,
    pub choices: Choices,
    pub toggle: Callback<usize>,
    pub open_draft: Callback<(Report, String)>,
}

#[function_component]
pub fn Organs(props: &OrgansProps) -> Html {
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
        let (mark, order) = match *sort {
            (c, true) if c == key => (" ▲", "ascending"),
            (c, false) if c == key => (" ▼", "descending"),
            _ => ("", "none"),
        };
        let onclick = move |_| {
            let (c, asc) = *sort;
            sort.set((key, if c == key { !asc } else { true }));
        };
        html! {
            <th scope="col" aria-sort={order}>
                <button type="button" class="sort" data-sort={key} {onclick} title="点击排序">{ label }{ mark }</button>
            </th>
        }
    });
    let year = props.summary.year;
    rows.sort_by_key(|r| group(files, r, year));
    let line = |row: &&Row| {
        let f = &files[row.file];
        let i = row.file;
        let is_selected = *selected == Some(i);
        let onclick = {
            let selected = selected.clone();
            move |_| selected.set(Some(i))
        };
        let include = !matches!(row.role, Role::Summed | Role::Unreadable) || row.included;
        let flags = flag_labels(files, row, &props.choices);
        let keys = flags.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(" ");
        let toggle = props.toggle.clone();
        let role = html! {
            <>
                { row.role.label(files) }
                if !flags.is_empty() {
                    <ul class="flags">{ for flags.iter().map(|(k, l)| html! { <li data-flag={*k}>{ l }</li> }) }</ul>
                }
                if include {
                    <label class="include" onclick={|e: MouseEvent| e.stop_propagation()}>
                        <input type="checkbox" data-action="summary-include" checked={row.included}
                            aria-label={format!("计入汇总：{}（{}）", organ_of(f), f.name)}
                            onchange={move |_| toggle.emit(i)} />{ "计入汇总" }
                    </label>
                }
            </>
        };
        let class = classes!(row.state.key(), is_selected.then_some("selected"));
        let rules = f.error_rules().iter().map(|r| r.id()).collect::<Vec<_>>().join(" ");
        let cells = match &f.read {
            Ok(l) => {
                let r = &l.report;
                html! {
                    <>
                        <td class="organ">{ if r.organ.trim().is_empty() { "（未填）" } else { r.organ.as_str() } }</td>
                        <td>{ r.year }</td>
                        <td>{ r.scope.label() }</td>
                        <td class="kind">{ f.kind }</td>
                        <td class="n">{ l.figures }</td>
                        <td class="n">{ l.errors() }</td>
                        <td class="n">{ l.warnings() }</td>
                        <td class="state">{ row.state.label() }</td>
                    </>
                }
            }
            Err(why) => html! {
                <>
                    <td colspan="3" class="reason" data-reason="">{ why }</td>
                    <td class="kind">{ f.kind }</td>
                    <td class="n">{ "—" }</td><td class="n">{ "—" }</td><td class="n">{ "—" }</td>
                    <td class="state">{ row.state.label() }</td>
                </>
            },
        };
        html! {
            <tr {class} onclick={onclick.clone()} data-file-row={f.name.clone()} data-state={row.state.key()} data-role={row.role.key()}
                data-rules={rules} data-flags={keys}>
                <th scope="row" class="file">
                    <button type="button" class="row-open" data-action="summary-row" aria-expanded={is_selected.to_string()}
                        aria-controls="summary-detail" onclick={move |e: MouseEvent| { e.stop_propagation(); onclick(e) }}
                        onkeydown={move_focus}>{ &f.name }</button>
                </th>
                { cells }
                <td class="role">{ role }</td>
            </tr>
        }
    };
    let drawn = &rows[..count.min(*shown)];
    let titles = year.map(|y| {
        [
            format!("{y} 年度的文件"),
            format!("{} 年度的报告（上年，用于年度对比，不计入汇总）", y - 1),
            "其他年度的报告（另列，未计入）".to_string(),
        ]
    });
    let bodies = (0..3).filter_map(|g| {
        let these: Vec<&&Row> = drawn.iter().filter(|r| group(files, r, year) == g).collect();
        if these.is_empty() {
            return None;
        }
        let title = titles.as_ref().map(|t| t[g].clone());
        Some(html! {
            <tbody data-group={g.to_string()}>
                if let Some(title) = title {
                    <tr class="group"><th colspan={COLUMNS.len().to_string()} scope="colgroup">{ format!("{title}（{} 份）", these.len()) }</th></tr>
                }
                { for these.into_iter().map(line) }
            </tbody>
        })
    });
    let more = (count > *shown).then(|| {
        let (n, shown) = (*shown, shown.clone());
        html! {
            <button type="button" data-action="summary-more" onclick={move |_| shown.set(n + PAGE)}>
                { format!("再显示 {} 行（共 {count} 行）", PAGE.min(count - n)) }</button>
        }
    });
    // Sent before the copies are found, a 问题清单 would lack them without a word.
    let (pending, wait) = super::copies_wait(&props.summary);
    let issues = {
        let (files, summary) = (files.clone(), props.summary.clone());
        move |_| {
            let year = summary.year.map_or_else(String::new, |y| format!("{y}年度"));
            super::offer_xlsx(&format!("{year}政府信息公开工作年度报告问题清单.xlsx"), export::issues(&files, &summary))
        }
    };
    let export = {
        let (files, summary) = (files.clone(), props.summary.clone());
        move |_| super::offer_xlsx("各机关报告核查情况.xlsx", export::organ_table(&files, &summary))
    };
    let detail = selected.and_then(|i| files.get(i).map(|f| (i, f))).map(|(i, f)| {
        let selected = selected.clone();
        let name = f.name.clone();
        let on_close = Callback::from(move |()| {
            selected.set(None);
            focus_row(&name);
        });
        html! { <Detail key={i} files={files.clone()} file={i} summary={props.summary.clone()} choices={props.choices.clone()} open_draft={props.open_draft.clone()} {on_close} /> }
    });
    html! {
        <div class="summary-organs">
            <div class="summary-actions">
                <label><input type="checkbox" data-action="summary-errors-only" checked={*errors_only}
                    onchange={let e = errors_only.clone(); move |_| e.set(!*e)} />{ "只看有错误的" }</label>
                <span class="muted">{ format!("显示 {} 行", count.min(*shown)) }</span>
                <span class="spacer"></span>
                <button type="button" class="primary" data-action="summary-issues" onclick={issues} disabled={pending} title={wait}>{ "下载问题清单（Excel）" }</button>
                <button type="button" data-action="summary-xlsx" onclick={export} disabled={pending} title={wait}>{ "导出各机关情况（Excel）" }</button>
            </div>
            <div class={classes!("summary-split", detail.is_some().then_some("with-detail"))}>
                <div class="summary-table-wrap">
                    <table class="summary-table" data-summary="organs" aria-label="各机关报告文件">
                        <thead><tr>{ for heads }</tr></thead>
                        { for bodies }
                    </table>
                    { for more }
                </div>
                { for detail }
            </div>
        </div>
    }
}

/// Focuses the row button of file `name` once it is drawn again (after the detail closes).
fn focus_row(name: &str) {
    let selector = format!("[data-file-row=\"{}\"] [data-action='summary-row']", name.replace('"', "\\\""));
    let focus = move || {
        if let Some(b) = gloo::utils::document().query_selector(&selector).ok().flatten() {
            let _ = b.unchecked_into::<HtmlElement>().focus();
        }
    };
    gloo::timers::callback::Timeout::new(0, focus).forget();
}
