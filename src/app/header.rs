//! The report's title and header fields: 机关名称, 年度, 本机关/汇总, and the folded 公文版头.

use super::document::DocumentFields;
use super::{Action, Dispatch};
use crate::draft::Edit;
use crate::form;
use crate::report::{Report, Scope, YEARS};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub report: Rc<Report>,
    pub dispatch: Dispatch,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let r = &props.report;
    let edit = |make: fn(String) -> Option<Edit>| {
        let d = props.dispatch.clone();
        move |e: InputEvent| {
            if let Some(edit) = make(e.target_unchecked_into::<HtmlInputElement>().value()) {
                d.dispatch(Action::Edit(edit));
            }
        }
    };
    let scopes = [Scope::Own, Scope::Aggregate].map(|s| {
        let d = props.dispatch.clone();
        html! {
            <label class="choice">
                <input type="radio" name="scope" data-field="scope" value={s.key()} checked={r.scope == s}
                    onchange={move |_| d.dispatch(Action::Edit(Edit::Scope(s)))} />
                { s.label() }
            </label>
        }
    });
    html! {
        <div class="report-head">
            <h1>{ format!("{}{}年{}", r.organ.trim(), r.year, form::TITLE) }</h1>
            <div class="fields">
                <label>{ "机关名称" }
                    <input class="organ" data-field="organ" placeholder="如：泉州市泉港区人民政府" value={r.organ.clone()}
                        oninput={edit(|v| Some(Edit::Organ(v)))} />
                </label>
                <label>{ "年度" }
                    <input class="year" type="number" min={YEARS.start().to_string()} max={YEARS.end().to_string()} data-field="year" value={r.year.to_string()}
                        oninput={edit(|v| v.parse().ok().filter(|y| YEARS.contains(y)).map(Edit::Year))} />
                </label>
                <span class="scope" role="radiogroup" aria-label="报告类型">{ for scopes }</span>
            </div>
            <DocumentFields report={r.clone()} dispatch={props.dispatch.clone()} />
        </div>
    }
}
