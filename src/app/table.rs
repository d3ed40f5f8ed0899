//! One of the three tables, drawn from the shared grid with an input per figure.

use super::Edit;
use crate::form;
use crate::grid::{grid, Content};
use crate::report::Report;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub index: usize,
    pub report: Rc<Report>,
    pub on_edit: Callback<Edit>,
}

#[function_component]
pub fn TableView(props: &TableProps) -> Html {
    let g = grid(props.index);
    let lines = g.lines.iter().map(|line| {
        let cells = line.iter().map(|c| {
            let (rows, cols) = (c.rows.to_string(), c.cols.to_string());
            match c.content {
                Content::Label(text) if c.head => html! { <th rowspan={rows} colspan={cols}>{ text }</th> },
                Content::Label(text) => html! { <th class="row" rowspan={rows} colspan={cols}>{ text }</th> },
                Content::Figure(i) => {
                    let def = &form::cells()[i];
                    let path = def.path.clone();
                    if def.derived {
                        let value = props.report.value(i).map(|v| v.to_string()).unwrap_or_else(|| "?".into());
                        html! { <td colspan={cols}><input data-cell={path} readonly=true tabindex="-1" value={value} /></td> }
                    } else {
                        let value = props.report.cells[i].clone().unwrap_or_default();
                        let on_edit = props.on_edit.clone();
                        let oninput = Callback::from(move |e: InputEvent| {
                            let input: HtmlInputElement = e.target_unchecked_into();
                            on_edit.emit(Edit::Cell { path: path.clone(), raw: input.value() });
                        });
                        html! { <td colspan={cols}><input data-cell={def.path.clone()} inputmode="decimal" {value} {oninput} /></td> }
                    }
                }
            }
        });
        html! { <tr>{ for cells }</tr> }
    });
    html! { <table class={format!("form-table t{}", props.index)}>{ for lines }</table> }
}
