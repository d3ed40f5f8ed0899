//! A text part: the template's guidance, a text area and its character count (part 一 against
//! the 1,000-字 guide), marked like a cell when it has findings; 「根据表格生成」 puts the
//! paragraphs drafted from the tables at the caret ([`crate::narrative_gen`]).

use super::findings::{mark_class, shown_invalid};
use super::{Action, Dispatch, Notice};
use crate::draft::{Edit, Mark};
use crate::form::TextPart;
use crate::narrative_gen;
use crate::report::Report;
use crate::rules::{char_count, quoted_span, Finding, Rule, OVERVIEW_LIMIT};
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
    let area = use_node_ref();
    let generate = narrative_gen::KEYS.contains(&key).then(|| {
        let (d, report, area) = (props.dispatch.clone(), props.report.clone(), area.clone());
        let onclick = move |_| {
            let drafted = narrative_gen::draft(&report, key);
            if drafted.text.is_empty() {
                d.dispatch(Action::Notice(Notice::error(format!("无法生成：{}", drafted.notes.join("；")))));
                return;
            }
            let el = area.cast::<HtmlTextAreaElement>();
            let now = report.text.get(key).cloned().unwrap_or_default();
            // The caret stays in a text area after it loses focus; one never used has it at the end.
            let at = el.as_ref().and_then(|e| e.selection_end().ok().flatten()).map_or(usize::MAX, |u| chars_at(&now, u));
            let (next, end) = narrative_gen::insert(&now, at, &drafted.text);
            d.dispatch(Action::Edit(Edit::Insert { key, at, text: drafted.text }));
            let mut said = "已根据表格生成并插入光标处（可直接修改，Ctrl+Z 撤销）".to_string();
            if !drafted.notes.is_empty() {
                said = format!("{said}。{}", drafted.notes.join("；"));
            }
            d.dispatch(Action::Notice(Notice::info(said)));
            if let Some(el) = el {
                let end = utf16_at(&next, end);
                gloo::timers::callback::Timeout::new(0, move || {
                    let _ = el.focus();
                    let _ = el.set_selection_range(end, end);
                })
                .forget();
            }
        };
        // Named for its part: three of them stand on the page.
        let part = crate::form::text_parts().find(|(_, p)| p.key == key).map(|(h, _)| h).filter(|h| !h.is_empty());
        let name = format!("根据表格生成：{}", part.unwrap_or("开头部分"));
        html! {
            <button type="button" class="part-tool" data-action="generate-text" data-generate={key} aria-label={name}
                title="根据表A、表B、表C 的数字生成标准表述的段落，插入光标处（可修改，可撤销）" {onclick}>{ "根据表格生成" }</button>
        }
    });
    html! {
        <div class={classes!("text-part", mark.map(mark_class))}>
            // Named by its visible heading (the preamble has none: said so), described by its hint.
            <textarea data-text={key} rows="6" placeholder={props.part.hint} value={text} ref={area}
                aria-labelledby={(key != "preamble").then(|| format!("heading-{key}"))}
                aria-label={(key == "preamble").then_some("开头部分（报告导语）")} aria-describedby={format!("hint-{key}")}
                aria-invalid={mark.filter(|m| shown_invalid(m)).map(|_| "true")} data-rule={mark.map(|m| m.rule_attr())}
                title={mark.map(|m| m.messages.join("\n"))} {oninput} />
            <div class="text-foot">
                { for generate }
                <span class="hint" id={format!("hint-{key}")}>{ props.part.hint }</span>
                <span class={classes!("count", (limited && n > OVERVIEW_LIMIT).then_some("over"))} data-count={key}>{ count }</span>
            </div>
        </div>
    }
}

/// The character position of a UTF-16 offset (what a text area's selection counts in).
fn chars_at(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        if units >= utf16 as usize {
            return i;
        }
        units += c.len_utf16();
    }
    text.chars().count()
}

/// The UTF-16 offset of a character position.
fn utf16_at(text: &str, chars: usize) -> u32 {
    text.chars().take(chars).map(char::len_utf16).sum::<usize>() as u32
}

/// Goes to a finding's place `target` ([`super::focus`]) and, in a text part, selects the
/// phrase its message quotes (the stale year, the figure that disagrees, the site's line).
pub fn focus_quote(target: &str, rule: Rule, message: &str) {
    super::focus(target);
    let Some(key) = target.strip_prefix("text.") else { return };
    let selector = format!("[data-text=\"{key}\"]");
    let Some(el) = gloo::utils::document().query_selector(&selector).ok().flatten() else { return };
    let Ok(el) = wasm_bindgen::JsCast::dyn_into::<HtmlTextAreaElement>(el) else { return };
    let value = el.value();
    if let Some((a, b)) = quoted_span(rule, message, &value) {
        let _ = el.set_selection_range(utf16_at(&value, a), utf16_at(&value, b));
    }
}

/// [`focus_quote`] for a finding.
pub fn focus_finding(f: &Finding) {
    if let Some(target) = f.cells.first() {
        focus_quote(target, f.rule, &f.message);
    }
}
