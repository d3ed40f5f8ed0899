//! The toolbar: groups of buttons (each with a `data-action`) and the save status.
//! A feature adds its button to a group here (exporters: a 导出 group with 导出 Word/Excel, 打印;
//! 从上年报告开始 in 文件); the layout makes room by itself.

use super::chunk;
use super::display::DisplayGroup;
use super::export::ExportGroup;
use super::import::ImportDialog;
use super::tool_group::ToolGroup;
use super::{files, storage, Action, Dispatch, Notice};
use crate::draft::{self, Edit};
use crate::json;
use crate::report::Report;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct FileButtonProps {
    action: AttrValue,
    label: AttrValue,
    title: AttrValue,
    /// What the file chooser offers.
    accept: AttrValue,
    /// Gets the chosen file's name and bytes.
    on_file: Callback<(String, Vec<u8>)>,
    dispatch: Dispatch,
    /// Pointing at or focusing the button: a sign the user is about to choose a file.
    #[prop_or_default]
    on_intent: Callback<()>,
}

/// A button that opens the file chooser of a hidden `<input type=file data-action=…>`.
#[function_component]
fn FileButton(props: &FileButtonProps) -> Html {
    let input = use_node_ref();
    let onclick = {
        let input = input.clone();
        move |_| {
            if let Some(i) = input.cast::<HtmlInputElement>() {
                i.click();
            }
        }
    };
    let onchange = {
        let (on_file, dispatch) = (props.on_file.clone(), props.dispatch.clone());
        move |e: Event| {
            let (on_file, dispatch) = (on_file.clone(), dispatch.clone());
            storage::read_chosen(&e.target_unchecked_into(), move |name, bytes| match bytes {
                Ok(bytes) => on_file.emit((name, bytes)),
                Err(why) => dispatch
                    .dispatch(Action::Notice(Notice::error(format!("无法读取「{name}」：{why}。当前草稿未作改动。")))),
            });
        }
    };
    html! {
        <>
            <button type="button" data-action={props.action.clone()} title={props.title.clone()} {onclick}
                onpointerenter={props.on_intent.reform(|_| ())} onfocus={props.on_intent.reform(|_| ())}>{ props.label.clone() }</button>
            <input type="file" accept={props.accept.clone()} hidden=true data-file={props.action.clone()} ref={input} {onchange} />
        </>
    }
}

/// Whether a chosen file is one of this tool's JSON reports rather than a published report.
pub(super) fn is_json(name: &str, bytes: &[u8]) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
        || bytes.iter().find(|b| !b.is_ascii_whitespace() && **b != 0xef && **b != 0xbb && **b != 0xbf) == Some(&b'{')
}

/// Reads a report file; a bad one leaves the draft as it is and says what is wrong.
pub(super) fn load(dispatch: &Dispatch, name: &str, bytes: &[u8], then: impl FnOnce(Report) -> (Report, String)) {
    match json::from_str(&String::from_utf8_lossy(bytes)) {
        Ok(report) => {
            let (report, note) = then(report);
            dispatch.dispatch(Action::Load(Box::new(report), note));
        }
        Err(e) => {
            dispatch.dispatch(Action::Notice(Notice::error(format!("无法打开「{name}」：{e}。当前草稿未作改动。"))))
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub report: Rc<Report>,
    /// Errors among the current findings (the exports say how many remain).
    pub errors: usize,
    pub can_undo: bool,
    pub can_redo: bool,
    pub saved_at: Option<String>,
    pub save_error: Option<String>,
    pub other_tab: bool,
    pub dispatch: Dispatch,
}

/// Keeps `--toolbar-h` on the page at the toolbar's height (it wraps on narrow screens), so the
/// findings beside the paper stay in view just under it. Measured on load and on resize only,
/// never per keystroke.
#[hook]
fn use_toolbar_height(toolbar: &NodeRef) {
    let toolbar = toolbar.clone();
    use_effect_with((), move |_| {
        let set = move || {
            if let Some(el) = toolbar.cast::<web_sys::HtmlElement>() {
                // Through the CSSOM: the page's CSP refuses style attributes.
                let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(gloo::utils::document_element());
                let _ = root.style().set_property("--toolbar-h", &format!("{}px", el.offset_height()));
            }
        };
        set();
        let listener = gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| set());
        move || drop(listener)
    });
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let d = props.dispatch.clone();
    let bar = use_node_ref();
    use_toolbar_height(&bar);
    let new_report = {
        let d = d.clone();
        move |_| {
            if gloo::dialogs::confirm("新建报告将清空当前页面上的草稿（之后仍可用“撤销”找回）。确定新建吗？")
            {
                d.dispatch(Action::Load(Box::new(storage::blank()), "已新建空白报告。".into()));
            }
        }
    };
    let open = {
        let d = d.clone();
        Callback::from(move |(name, bytes): (String, Vec<u8>)| {
            load(&d, &name, &bytes, |r| (r, format!("已打开「{name}」（如需回到原草稿，可按 Ctrl+Z 撤销）。")))
        })
    };
    // 从上年报告开始: the dialog that takes last year's report as a file (JSON or published) or
    // as pasted text, reviews a published one, and starts this year's draft from it.
    let importing = use_state(|| false);
    let download = {
        let (report, d) = (props.report.clone(), d.clone());
        move |_| {
            storage::download(&report);
            d.dispatch(Action::Notice(Notice::info(saved_note(&report))));
        }
    };
    let import_dialog = (*importing).then(|| {
        let importing = importing.clone();
        let on_close = Callback::from(move |()| importing.set(false));
        html! { <ImportDialog report={props.report.clone()} dispatch={d.clone()} {on_close} /> }
    });
    let fill_zeros = {
        let (report, d) = (props.report.clone(), d.clone());
        move |_| fill_zeros(&report, None, &d)
    };
    chunk::use_reports_from_chunks(&props.report, &d);
    let summary_root = use_node_ref();
    let open_summary = {
        let (root, d) = (summary_root.clone(), d.clone());
        move |_| {
            let (root, d) = (root.clone(), d.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match chunk::load::<SummaryChunk>("summary").await {
                    Ok(view) => view.open(&root.cast().expect("the summary container is in the page")),
                    Err(why) => d.dispatch(Action::Notice(Notice::error(format!(
                        "无法加载“汇总与核查”（{why}），请刷新页面后重试。"
                    )))),
                }
            });
        }
    };
    let (undo, redo) = (d.clone(), d.clone());
    let status = if let Some(why) = &props.save_error {
        html! {
            <span class="status error" role="alert" data-status="save-failed">
                { format!("自动保存失败（{why}），请下载留底文件保存到本机 ") }
                <button type="button" data-action="download-json-rescue" onclick={download.clone()}>{ "下载留底文件" }</button>
            </span>
        }
    } else {
        let text = props.saved_at.as_ref().map_or_else(|| "尚未保存".to_string(), |t| format!("已自动保存 {t}"));
        html! { <span class="status" data-status="saved">{ text }</span> }
    };
    let other_tab = props.other_tab.then(|| {
        html! {
            <span class="status warn" role="alert" data-status="other-tab">
                { "此草稿也在另一个标签页中打开，两处编辑会互相覆盖，请只保留一个" }
            </span>
        }
    });
    html! {
        <header class="toolbar" ref={bar}>
            <span class="brand">{ "年报" }</span>
            <ToolGroup label="文件">
                <button type="button" data-action="new-report" onclick={new_report}>{ "新建" }</button>
                <FileButton action="open-report" label="打开" title="打开本工具的留底文件（.json），接着编辑" accept=".json,application/json"
                    on_file={open} dispatch={d.clone()} />
                <button type="button" data-action="import-report"
                    title="选择上年的报告（本工具的留底文件，或政府网站上发布的 Word、PDF、网页、Excel、文本），新建本年草稿：机关和正文复制过来，上年结转自动填好，各格下方显示上年数字"
                    onpointerenter={files::on_intent()} onfocus={files::on_intent()}
                    onclick={let importing = importing.clone(); move |_| importing.set(true)}>{ "从上年报告开始" }</button>
                <button type="button" data-action="download-json"
                    title="把本报告下载为留底文件（.json）：请保存好，明年点“从上年报告开始”选择它，即可接着做" onclick={download}>{ "下载留底文件" }</button>
            </ToolGroup>
            <ToolGroup label="编辑">
                <button type="button" data-action="undo" title="撤销（Ctrl+Z）" disabled={!props.can_undo}
                    onclick={move |_| undo.dispatch(Action::Undo)}>{ "撤销" }</button>
                <button type="button" data-action="redo" title="重做（Ctrl+Y）" disabled={!props.can_redo}
                    onclick={move |_| redo.dispatch(Action::Redo)}>{ "重做" }</button>
                <button type="button" data-action="fill-zeros" title="把整份报告中所有空白的数字格填为 0（先确认，可撤销）"
                    onclick={fill_zeros}>{ "空白填 0" }</button>
            </ToolGroup>
            <ExportGroup report={props.report.clone()} errors={props.errors} dispatch={d.clone()} />
            <ToolGroup label="汇总">
                <button type="button" data-action="summary" title="汇总与核查：一次选择多个机关的报告，逐份校验、汇总、与上年对比"
                    onclick={open_summary}>{ "汇总与核查" }</button>
            </ToolGroup>
            <DisplayGroup />
            <span class="spacer"></span>
            // Placeholders when absent, not `for`: Yew matches unkeyed children from the end, so a
            // child appearing here would remount the groups before it (an export waiting for its
            // chunk, the wrapper checkbox, would lose their state).
            { other_tab.unwrap_or_default() }
            { status }
            { import_dialog.unwrap_or_default() }
            // The 汇总与核查 chunk's own Yew root: this app never draws inside it.
            <div class="summary-root" data-chunk="summary" ref={summary_root}></div>
        </header>
    }
}

#[wasm_bindgen]
extern "C" {
    /// `nianbao-summary.js`'s exports (`src/bin/summary.rs`).
    type SummaryChunk;
    #[wasm_bindgen(method, js_name = open_summary)]
    fn open(this: &SummaryChunk, container: &web_sys::Element);
}

/// What 下载留底文件 (the report's JSON) saved, so the user knows which file holds what.
fn saved_note(report: &Report) -> String {
    let figures = report.cells.iter().filter(|c| c.is_some()).count();
    let typed = crate::form::cells().iter().filter(|c| !c.derived).count();
    let texts =
        crate::form::text_parts().filter(|(_, p)| report.text.get(p.key).is_some_and(|t| !t.trim().is_empty())).count();
    format!(
        "已下载留底文件「{}」：{}年报告，已填 {figures}/{typed} 个数字、{texts} 段正文{}。请保存好，明年点“从上年报告开始”选择此文件即可接着做。",
        draft::file_name(report, "json"),
        report.year,
        if report.previous.is_some() { "，含上年报告（供核对）" } else { "" }
    )
}

/// 空白填 0: fills every blank figure of `table` (or of the whole report) with 0 after asking,
/// naming how many; one undo step.
pub fn fill_zeros(report: &Report, table: Option<usize>, dispatch: &Dispatch) {
    let blank = draft::blank_cells(report, table);
    let place = table.map_or("整份报告".to_string(), |t| crate::form::TABLES[t].name.to_string());
    if blank.is_empty() {
        dispatch.dispatch(Action::Notice(Notice::info(format!("{place}没有空白的数字格。"))));
        return;
    }
    let n = blank.len();
    if !gloo::dialogs::confirm(&format!("将把{place}中 {n} 个空白的数字格填为 0。之后仍可用“撤销”恢复。确定吗？"))
    {
        return;
    }
    dispatch.dispatch(Action::Edit(Edit::Cells(blank.into_iter().map(|i| (i, "0".to_string())).collect())));
    dispatch.dispatch(Action::Notice(Notice::info(format!("已将{place}中 {n} 个空白格填为 0（按 Ctrl+Z 可撤销）。"))));
}
