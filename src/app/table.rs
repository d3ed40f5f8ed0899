//! One of the three tables, drawn from the shared grid with an input per figure. Figures with
//! findings are marked; last year's figure (when the draft has one) stands muted below.
//! Enter and the arrow keys move as in a spreadsheet; a pasted block fills from the cell.

use super::findings::{mark_class, shown_invalid};
use super::{focus, Action, Dispatch, Notice};
use crate::draft::{self, Edit, Mark, Move};
use crate::form;
use crate::grid::{grid, spoken, Content, GridCell};
use crate::report::Report;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{ClipboardEvent, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub index: usize,
    pub report: Rc<Report>,
    pub marks: Rc<HashMap<String, Mark>>,
    pub dispatch: Dispatch,
}

/// The move a key asks for; left and right only once the caret is at the edge of the text.
fn key_move(e: &KeyboardEvent, input: &HtmlInputElement) -> Option<Move> {
    if e.is_composing() || e.alt_key() || e.ctrl_key() || e.meta_key() {
        return None;
    }
    let caret = input.selection_start().ok().flatten().zip(input.selection_end().ok().flatten());
    let len = input.value().encode_utf16().count() as u32;
    match e.key().as_str() {
        "Enter" if e.shift_key() => Some(Move::Up),
        "Enter" | "ArrowDown" => Some(Move::Down),
        "ArrowUp" => Some(Move::Up),
        "ArrowLeft" if caret == Some((0, 0)) => Some(Move::Left),
        "ArrowRight" if caret == Some((len, len)) => Some(Move::Right),
        _ => None,
    }
}

fn onkeydown(index: usize) -> impl Fn(KeyboardEvent) {
    move |e: KeyboardEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(mv) = key_move(&e, &input) {
            e.prevent_default();
            if let Some(next) = draft::neighbor(index, mv) {
                focus(&form::cells()[next].path);
            }
        }
    }
}

fn onpaste(index: usize, dispatch: Dispatch) -> impl Fn(Event) {
    move |e: Event| {
        let e: &ClipboardEvent = wasm_bindgen::JsCast::unchecked_ref(&e);
        let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else { return };
        if !draft::is_block(&text) {
            return;
        }
        e.prevent_default();
        match draft::paste(index, &text) {
            Ok(p) => {
                dispatch.dispatch(Action::Notice(Notice::info(p.message())));
                dispatch.dispatch(Action::Edit(Edit::Cells(p.cells)));
            }
            Err(overflow) => dispatch.dispatch(Action::Notice(Notice::error(overflow.message()))),
        }
    }
}

/// A label of the grid as drawn in the page: headers centred, side labels left, and side labels
/// spanning several rows (groups such as 三、本年度办理结果) narrow.
pub fn label_cell(c: &GridCell, text: &'static str) -> Html {
    let class = (!c.head).then(|| classes!("row", (c.rows > 1).then_some("group")));
    html! { <th {class} rowspan={c.rows.to_string()} colspan={c.cols.to_string()}>{ text }</th> }
}

#[function_component]
pub fn TableView(props: &TableProps) -> Html {
    let g = grid(props.index);
    let previous = props.report.previous.as_deref();
    let lines = g.lines.iter().map(|line| {
        let cells = line.iter().map(|c| {
            let cols = c.cols.to_string();
            let i = match c.content {
                Content::Label(text) => return label_cell(c, text),
                Content::Figure(i) => i,
            };
            let def = &form::cells()[i];
            let mark = props.marks.get(&def.path);
            let class = classes!(def.derived.then_some("total"), mark.map(mark_class));
            // Heard as the printed form's path; the tooltip adds what is wrong.
            let name = spoken(i);
            let title = mark.map(|m| m.messages.join("\n")).unwrap_or_else(|| def.describe());
            let (aria_invalid, rule) = (mark.filter(|m| shown_invalid(m)).map(|_| "true"), mark.map(|m| m.rule_attr()));
            let prev = previous.map(|p| {
                let v = if def.derived { p.value(i).map(|v| v.to_string()) } else { p.cells[i].clone() };
                html! { <span class="prev" title={format!("{}年数字", p.year)}>{ v.unwrap_or_else(|| "—".into()) }</span> }
            });
            let input = if def.derived {
                let value = props.report.value(i).map(|v| v.to_string());
                // A total with an unreadable part is unknown, not a guess: say why.
                let title = if value.is_some() {
                    title
                } else {
                    format!("{title}\n有格子不是有效数字，暂无法合计")
                };
                let value = value.unwrap_or_else(|| "?".into());
                html! {
                    <input data-cell={def.path.clone()} readonly=true tabindex="-1" {value} {title}
                        aria-invalid={aria_invalid} data-rule={rule} aria-label={format!("{name}（合计）")} />
                }
            } else {
                let value = props.report.cells[i].clone().unwrap_or_default();
                let (path, d) = (def.path.clone(), props.dispatch.clone());
                let oninput = move |e: InputEvent| {
                    let raw = e.target_unchecked_into::<HtmlInputElement>().value();
                    d.dispatch(Action::Edit(Edit::Cell { path: path.clone(), raw }));
                };
                html! {
                    <input data-cell={def.path.clone()} inputmode="decimal" autocomplete="off" {value} {title}
                        aria-invalid={aria_invalid} data-rule={rule} aria-label={name}
                        {oninput} onkeydown={onkeydown(i)} onpaste={onpaste(i, props.dispatch.clone())} />
                }
            };
            html! { <td {class} colspan={cols}>{ input }{ for prev }</td> }
        });
        html! { <tr>{ for cells }</tr> }
    });
    html! {
        <table class={classes!("form-table", format!("t{}", props.index), previous.is_some().then_some("with-prev"))}
            aria-labelledby={format!("heading-{}", form::TABLES[props.index].key)}>
            { for lines }
        </table>
    }
}
