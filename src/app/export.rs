//! The 导出 group: the finished report as .docx and .xlsx downloads and a print view, all made in
//! the browser by [`crate::export`] (the .docx/.xlsx in the files chunk, [`files`], fetched when
//! a button is pointed at or focused). Errors block nothing (a draft may be exported to be
//! checked on paper), but the notice after an export says how many are left.

use super::tool_group::ToolGroup;
use super::{files, storage, Action, Dispatch, Notice};
use crate::draft;
use crate::export::print;
use crate::report::Report;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlIFrameElement, HtmlInputElement};
use yew::prelude::*;

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What the page says once an export is done: `done`, and the errors the report still has.
fn exported(errors: usize, done: String) -> Notice {
    match errors {
        0 => Notice::info(done),
        n => Notice::error(format!("{done}；报告仍有 {n} 个错误，请核对后再印发。")),
    }
}

/// Prints [`print::html`] from a hidden iframe: the browser's dialog applies the page's own
/// `@page` (A4, 公文 margins), 另存为 PDF gives the PDF, and no popup blocker is involved. The
/// previous print's frame is replaced, so at most one stays in the page.
fn print_report(report: &Report) {
    let document = gloo::utils::document();
    if let Some(old) = document.query_selector("iframe[data-print]").ok().flatten() {
        old.remove();
    }
    let frame: HtmlIFrameElement = document.create_element("iframe").unwrap().unchecked_into();
    frame.set_attribute("data-print", "").unwrap();
    frame.set_attribute("aria-hidden", "true").unwrap();
    frame.set_class_name("print-frame");
    let loaded = frame.clone();
    gloo::events::EventListener::once(&frame, "load", move |_| {
        if let Some(w) = loaded.content_window() {
            let _ = w.print();
        }
    })
    .forget();
    frame.set_srcdoc(&print::html(report));
    document.body().unwrap().append_child(&frame).unwrap();
}

/// How long after a change the print view for Ctrl+P is redrawn (it is redrawn before printing too).
const PRINT_VIEW_DELAY_MS: u32 = 500;

/// Ctrl+P (or the browser's 打印 menu) prints the report as 打印/PDF does, not the editing screen:
/// the print view's page and CSS stay in the document for print media only (style.css hides the
/// rest when printing), redrawn a moment after each change and at `beforeprint`. Where the
/// browser prints no page numbers (Firefox), static/paging.js then pages it (`nianbaoPaginate`).
#[hook]
pub fn use_print_view(report: &Rc<Report>) {
    use_effect_with(report.clone(), |report| {
        let r = report.clone();
        let timer = gloo::timers::callback::Timeout::new(PRINT_VIEW_DELAY_MS, move || render_print_view(&r));
        let r = report.clone();
        let window = gloo::utils::window();
        let listener = gloo::events::EventListener::new(&window.clone(), "beforeprint", move |_| {
            render_print_view(&r);
            if let Ok(paginate) = js_sys::Reflect::get(&window, &"nianbaoPaginate".into()) {
                if let Some(paginate) = paginate.dyn_ref::<js_sys::Function>() {
                    let _ = paginate.call0(&window);
                }
            }
        });
        move || drop((timer, listener))
    });
}

/// Puts [`print::html`]'s CSS (as print media) and body into the page.
fn render_print_view(report: &Report) {
    let html = print::html(report);
    let between = |open: &str, close: &str| {
        html.split_once(open).and_then(|(_, rest)| rest.split_once(close)).map_or("", |(inner, _)| inner)
    };
    let document = gloo::utils::document();
    // Filled before it is put in the page: the CSP allows the print CSS by its hash, and an empty
    // <style> going in first would be refused (and reported).
    let place = |selector: &str, tag: &str, parent: &web_sys::Node, fill: &dyn Fn(&web_sys::Element)| match document
        .query_selector(selector)
        .ok()
        .flatten()
    {
        Some(el) => fill(&el),
        None => {
            let el = document.create_element(tag).unwrap();
            fill(&el);
            parent.append_child(&el).unwrap();
        }
    };
    place("style[data-print-css]", "style", &document.head().unwrap(), &|style| {
        style.set_attribute("data-print-css", "").unwrap();
        style.set_attribute("media", "print").unwrap();
        // Set again only if it changed: replacing a connected <style>'s text empties it first,
        // which the CSP reports too.
        let css = between("<style>", "</style>");
        if style.text_content().as_deref() != Some(css) {
            style.set_text_content(Some(css));
        }
    });
    place("[data-print-root]", "div", &document.body().unwrap(), &|root| {
        root.set_attribute("data-print-root", "").unwrap();
        root.set_attribute("aria-hidden", "true").unwrap();
        root.set_inner_html(between("<body>", "</body>"));
    });
}

#[derive(Properties, PartialEq)]
pub struct ExportGroupProps {
    pub report: Rc<Report>,
    /// Errors among the page's current findings, said after an export.
    pub errors: usize,
    pub dispatch: Dispatch,
}

/// 导出 Word (with the 公文 wrapper checkbox), 导出 Excel, 打印/PDF.
#[function_component]
pub fn ExportGroup(props: &ExportGroupProps) -> Html {
    // The wrapper needs its 发文机关; once that is filled it is wanted unless unticked here.
    let untick = use_state(|| false);
    let available = !props.report.document.issuer.trim().is_empty();
    let wrapper = available && !*untick;
    let on_wrapper = {
        let untick = untick.clone();
        move |e: Event| untick.set(!e.target_unchecked_into::<HtmlInputElement>().checked())
    };
    let errors = props.errors;
    // The export waiting for the files chunk: its button says so and takes no second click.
    let busy = use_state(|| None::<&'static str>);
    let export = |ext: &'static str, mime: &'static str| {
        let (report, dispatch, busy) = (props.report.clone(), props.dispatch.clone(), busy.clone());
        move |_| {
            let (report, dispatch, busy) = (report.clone(), dispatch.clone(), busy.clone());
            busy.set(Some(ext));
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match ext {
                    "docx" => files::write_docx(&report, wrapper).await,
                    _ => files::write_xlsx(&report).await,
                };
                let name = draft::file_name(&report, ext);
                let notice = match bytes {
                    Ok(bytes) => {
                        storage::offer(&name, &bytes, mime);
                        exported(errors, format!("已导出「{name}」"))
                    }
                    Err(why) => Notice::error(format!("无法导出「{name}」：{why}。草稿未作改动。")),
                };
                busy.set(None);
                dispatch.dispatch(Action::Notice(notice));
            });
        }
    };
    let label = |ext: &str, idle: &'static str| if *busy == Some(ext) { "正在导出……" } else { idle };
    let print = {
        let (report, dispatch) = (props.report.clone(), props.dispatch.clone());
        move |_| {
            print_report(&report);
            let done = "已打开打印：在打印对话框的“目标打印机”中选“另存为 PDF”即得 PDF".to_string();
            dispatch.dispatch(Action::Notice(exported(errors, done)));
        }
    };
    let wrapper_title = if available {
        "在 Word 文件前加印发通知（版头、发文字号、主送机关、通知正文、落款），文末加版记"
    } else {
        "先在标题下方“公文版头（可选）”中填写发文机关"
    };
    html! {
        <ToolGroup label="导出">
            <button type="button" data-action="download-docx" title="下载 Word 文件（.docx），按公文格式排版"
                disabled={busy.is_some()} aria-busy={(*busy == Some("docx")).then_some("true")}
                onpointerenter={files::on_intent()} onfocus={files::on_intent()} onclick={export("docx", DOCX_MIME)}>{ label("docx", "导出 Word") }</button>
            <label class="check" title={wrapper_title}>
                <input type="checkbox" data-field="docx-wrapper" checked={wrapper} disabled={!available} onchange={on_wrapper} />
                { "含印发通知" }
            </label>
            <button type="button" data-action="download-xlsx" title="下载 Excel 文件（.xlsx）：三张表，合计为公式"
                disabled={busy.is_some()} aria-busy={(*busy == Some("xlsx")).then_some("true")}
                onpointerenter={files::on_intent()} onfocus={files::on_intent()} onclick={export("xlsx", XLSX_MIME)}>{ label("xlsx", "导出 Excel") }</button>
            <button type="button" data-action="print" title="按 A4 公文版式打印；打印对话框中选“另存为 PDF”可存为 PDF"
                onclick={print}>{ "打印/PDF" }</button>
        </ToolGroup>
    }
}

#[cfg(test)]
mod tests;
