//! A file's detail beside the organ table: what it is to the sum, its problems in the form's
//! words, its tables marked, 在编辑器中打开. Focused when opened, so the keyboard lands on it;
//! 关闭详情 goes back to the row.

use super::super::import::{review_table, CellKey};
use super::super::storage;
use super::organs::flag_labels;
use super::{Choices, Shared};
use crate::draft;
use crate::form::{self, Body as PartBody};
use crate::report::Report;
use crate::rules::{Finding, Level, Rule};
use crate::summary::{export, problems, File, Summary};
use std::collections::HashMap;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Findings as a list in the form's words (the rule a finding comes from is kept for the tests
/// as an attribute, never shown).
pub fn finding_list(findings: &[Finding]) -> Html {
    let items = findings.iter().map(|f| {
        let class = if f.level() == Level::Error { "error" } else { "warning" };
        let level = if f.level() == Level::Error { "错误" } else { "警告" };
        html! { <li {class} data-summary-finding={f.rule.id()}><span class="level">{ level }</span>{ &f.message }</li> }
    });
    html! { <ul class="import-findings">{ for items }</ul> }
}

/// The three tables of a report, read-only, marked with its findings.
pub fn tables(report: &Report, findings: &[Finding], key: CellKey) -> Html {
    let marks = draft::marks(findings);
    let sources = HashMap::new();
    let tables = form::PARTS.iter().filter_map(|p| match p.body {
        PartBody::Table(t) => Some(html! {
            <>
                <h4>{ p.heading }</h4>
                { review_table(t, report, &sources, &marks, key) }
            </>
        }),
        PartBody::Text(_) => None,
    });
    html! { <div class="import-tables">{ for tables }</div> }
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub files: Shared<Vec<File>>,
    /// Index of the file shown.
    pub file: usize,
    pub summary: Shared<Summary>,
    pub choices: Choices,
    pub open_draft: Callback<(Report, String)>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn Detail(props: &DetailProps) -> Html {
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.file, move |_| {
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let f = &props.files[props.file];
    let row = props.summary.rows.iter().find(|r| r.file == props.file);
    let flags = row.map(|r| flag_labels(&props.files, r, &props.choices)).unwrap_or_default();
    let role = row.map(|r| r.role.label(&props.files));
    let head = html! {
        <>
            if let Some(role) = role { <p class="summary-role" data-summary="detail-role">{ role }</p> }
            if !flags.is_empty() {
                <ul class="flags">{ for flags.iter().map(|(k, l)| html! { <li data-flag={*k}>{ l }</li> }) }</ul>
            }
        </>
    };
    let row_index = props.summary.rows.iter().position(|r| r.file == props.file);
    let (pending, wait) = super::copies_wait(&props.summary);
    let letter = |n: usize| {
        let (files, summary) = (props.files.clone(), props.summary.clone());
        move |_: MouseEvent| {
            let organ = problems::organ_name(&files, &summary.rows[n]).to_string();
            storage::offer(
                &format!("{}.docx", export::letter_title(&organ, summary.year)),
                &export::letter(&files, &summary, n),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        }
    };
    let body = match &f.read {
        Err(why) => html! { <p class="import-error">{ format!("无法读取：{why}") }</p> },
        Ok(l) => {
            let open = {
                let (report, name, open_draft) = (l.report.clone(), f.name.clone(), props.open_draft.clone());
                move |_| {
                    let note = format!("已打开「{name}」（如需回到原草稿，可按 Ctrl+Z 撤销）。");
                    open_draft.emit((report.clone(), note))
                }
            };
            // Its findings among the others (copies) first, then its own; blanks are counted, not listed.
            let among = row.map(|r| r.findings.as_slice()).unwrap_or_default();
            let shown: Vec<Finding> =
                among.iter().chain(l.findings.iter().filter(|x| x.rule != Rule::CellMissing)).cloned().collect();
            let missing = l.findings.iter().filter(|x| x.rule == Rule::CellMissing).count();
            html! {
                <>
                    <p>
                        { format!("{} {}年（{}），{} 个数字，", l.report.organ, l.report.year, l.report.scope.label(), l.figures) }
                        { format!("错误 {}，警告 {}", l.errors(), l.warnings()) }
                        if missing > 0 { { format!("（其中 {missing} 行未填写）") } }
                    </p>
                    <div class="summary-detail-actions">
                        <button type="button" class="primary" data-action="summary-open-in-editor" onclick={open}>{ "在编辑器中打开" }</button>
                        if let Some(n) = row_index {
                            <button type="button" data-action="summary-letter" onclick={letter(n)} disabled={pending} title={wait}>{ "下载本单位问题清单（Word）" }</button>
                        }
                    </div>
                    { finding_list(&shown) }
                    { tables(&l.report, &l.findings, CellKey::Review) }
                </>
            }
        }
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="summary-detail" id="summary-detail" data-summary="detail" aria-labelledby="summary-detail-title">
            <div class="summary-detail-head">
                <h3 id="summary-detail-title" tabindex="-1" ref={heading}>{ &f.name }</h3>
                <button type="button" data-action="summary-detail-close" onclick={close}>{ "关闭详情，返回列表" }</button>
            </div>
            { head }
            { body }
        </section>
    }
}
