//! A text part: the template's guidance, a text area and its character count (part 一 against
//! the 1,000-字 guide), marked like a cell when it has findings.

use super::findings::{mark_class, shown_invalid};
use super::{Action, Dispatch};
use crate::draft::{Edit, Mark};
use crate::form::TextPart;
use crate::report::Report;
use crate::rules::{char_count, OVERVIEW_LIMIT};
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextProps {
    pub part: TextPart,
    pub report: Rc<Report>,
    pub marks: Rc<HashMap<String, Mark>>,
    pub dispatch: Dispatch,
}

#[function_component]
pub fn TextView(props: &TextProps) -> Html {
    let key = props.part.key;
    let text = props.report.text.get(key).cloned().unwrap_or_default();
    let n = char_count(&text);
    let limited = key == "overview";
    let count = if limited { format!("{n} / {OVERVIEW_LIMIT} 字") } else { format!("{n} 字") };
    let mark = props.marks.get(&format!("text.{key}"));
    let oninput = {
        let d = props.dispatch.clone();
        move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            d.dispatch(Action::Edit(Edit::Text { key, text }));
        }
    };
    html! {
        <div class={classes!("text-part", mark.map(mark_class))}>
            // Named by its visible heading (the preamble has none: said so), described by its hint.
            <textarea data-text={key} rows="6" placeholder={props.part.hint} value={text}
                aria-labelledby={(key != "preamble").then(|| format!("heading-{key}"))}
                aria-label={(key == "preamble").then_some("开头部分（报告导语）")} aria-describedby={format!("hint-{key}")}
                aria-invalid={mark.filter(|m| shown_invalid(m)).map(|_| "true")} data-rule={mark.map(|m| m.rule_attr())}
                title={mark.map(|m| m.messages.join("\n"))} {oninput} />
            <div class="text-foot">
                <span class="hint" id={format!("hint-{key}")}>{ props.part.hint }</span>
                <span class={classes!("count", (limited && n > OVERVIEW_LIMIT).then_some("over"))} data-count={key}>{ count }</span>
            </div>
        </div>
    }
}
