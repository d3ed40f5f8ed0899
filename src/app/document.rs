//! 公文版头（可选）: the fields of the 印发通知 the .docx can be wrapped in ([`crate::report::Document`]),
//! folded away under the header because most of the year nobody needs them.

use super::{Action, Dispatch};
use crate::draft::Edit;
use crate::report::Report;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Each field's JSON key, label and hint, in the order they appear on the printed notice.
const FIELDS: [(&str, &str, &str); 9] = [
    ("issuer", "发文机关", "如：泉州市泉港区人民政府办公室"),
    ("number", "发文字号", "如：泉港政办〔2024〕3号"),
    ("title", "通知标题", "留空则为“发文机关关于印发……的通知”"),
    ("addressees", "主送机关", "如：各镇人民政府，区政府各部门："),
    ("notice", "印发通知正文", "一行一段"),
    ("date", "发文日期", "如：2024-01-10"),
    ("cc", "抄送", "如：市政府办公室"),
    ("printer", "印发机关", "留空则同发文机关"),
    ("print_date", "印发日期", "留空则同发文日期"),
];

#[derive(Properties, PartialEq)]
pub struct DocumentFieldsProps {
    pub report: Rc<Report>,
    pub dispatch: Dispatch,
}

#[function_component]
pub fn DocumentFields(props: &DocumentFieldsProps) -> Html {
    let mut document = props.report.document.clone();
    let values = document.fields_mut();
    let fields = FIELDS.iter().map(|&(key, label, hint)| {
        let value = values.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string()).unwrap_or_default();
        let d = props.dispatch.clone();
        let oninput = move |e: InputEvent| {
            let value = match e.target_dyn_into::<HtmlInputElement>() {
                Some(input) => input.value(),
                None => e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            };
            d.dispatch(Action::Edit(Edit::Document { key, value }));
        };
        let control = if key == "notice" {
            html! { <textarea data-document={key} placeholder={hint} rows="3" {value} {oninput} /> }
        } else {
            html! { <input data-document={key} placeholder={hint} {value} {oninput} /> }
        };
        html! { <label class={format!("doc-field doc-{key}")}><span>{ label }</span>{ control }</label> }
    });
    let doc = &props.report.document;
    let summary = match doc.issuer.trim() {
        "" => "未填写：导出的 Word 只含报告本身".to_string(),
        issuer => format!("{issuer}　{}", doc.number.trim()),
    };
    html! {
        <details class="document-fields" data-section="document">
            <summary>{ "公文版头（可选）" }<span class="hint">{ summary }</span></summary>
            <p class="hint">{ "填写发文机关后，“导出 Word”可勾选“含印发通知”：报告前加印发通知，文末加版记。" }</p>
            <div class="doc-grid">{ for fields }</div>
        </details>
    }
}
