//! The toolbar: groups of buttons (each with a `data-action`) and the save status.
//! A feature adds its button to a group here (exporters: a 导出 group with 导出 Word/Excel, 打印;
//! importers: 导入已发布报告 in 文件); the layout makes room by itself.

use super::export::ExportGroup;
use super::import::ImportDialog;
use super::summary::SummaryView;
use super::{storage, Action, Dispatch, Notice};
use crate::json;
use crate::report::Report;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolGroupProps {
    pub label: AttrValue,
    pub children: Html,
}

/// A labelled run of buttons.
#[function_component]
pub fn ToolGroup(props: &ToolGroupProps) -> Html {
    html! { <div class="tool-group" role="group" aria-label={props.label.clone()}>{ props.children.clone() }</div> }
}

#[derive(Properties, PartialEq)]
struct FileButtonProps {
    action: AttrValue,
    label: AttrValue,
    title: AttrValue,
    /// Gets the chosen file's name and text.
    on_text: Callback<(String, String)>,
    dispatch: Dispatch,
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
        let (on_text, dispatch) = (props.on_text.clone(), props.dispatch.clone());
        move |e: Event| {
            let (on_text, dispatch) = (on_text.clone(), dispatch.clone());
            storage::read_chosen(&e.target_unchecked_into(), storage::MAX_JSON_BYTES, move |name, bytes| match bytes {
                Ok(bytes) => on_text.emit((name, String::from_utf8_lossy(&bytes).into_owned())),
                Err(why) => dispatch.dispatch(Action::Notice(Notice::error(format!("无法读取「{name}」：{why}")))),
            });
        }
    };
    html! {
        <>
            <button type="button" data-action={props.action.clone()} title={props.title.clone()} {onclick}>{ props.label.clone() }</button>
            <input type="file" accept=".json,application/json" hidden=true data-file={props.action.clone()} ref={input} {onchange} />
        </>
    }
}

/// Reads a report file; a bad one leaves the draft as it is and says what is wrong.
fn load(dispatch: &Dispatch, name: &str, text: &str, then: impl FnOnce(Report) -> (Report, String)) {
    match json::from_str(text) {
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

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let d = props.dispatch.clone();
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
        Callback::from(move |(name, text): (String, String)| {
            load(&d, &name, &text, |r| (r, format!("已打开「{name}」（如需回到原草稿，可按 Ctrl+Z 撤销）。")))
        })
    };
    let from_last_year = {
        let d = d.clone();
        Callback::from(move |(name, text): (String, String)| {
            load(&d, &name, &text, |last| {
                let note = format!(
                    "已以「{name}」（{}年）为基础新建{}年报告：上年结转已填入，正文已复制待修改，各格下方灰字为上年数字。",
                    last.year,
                    last.year + 1
                );
                (last.next_year(), note)
            })
        })
    };
    let download = {
        let report = props.report.clone();
        move |_| storage::download(&report)
    };
    let importing = use_state(|| false);
    let import_dialog = importing.then(|| {
        let importing = importing.clone();
        let on_close = Callback::from(move |()| importing.set(false));
        html! { <ImportDialog report={props.report.clone()} dispatch={d.clone()} {on_close} /> }
    });
    // Mounted on first opening, then kept (closed) so its files stay for the next opening.
    let summary = use_state(|| None::<bool>);
    let (undo, redo) = (d.clone(), d.clone());
    let status = if let Some(why) = &props.save_error {
        html! {
            <span class="status error" role="alert" data-status="save-failed">
                { format!("自动保存失败（{why}），请下载 JSON 保存到本机 ") }
                <button type="button" data-action="download-json-rescue" onclick={download.clone()}>{ "下载 JSON" }</button>
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
        <header class="toolbar">
            <span class="brand">{ "年报" }</span>
            <ToolGroup label="文件">
                <button type="button" data-action="new-report" onclick={new_report}>{ "新建报告" }</button>
                <FileButton action="open-report" label="打开报告" title="打开本工具保存的 JSON 报告文件" on_text={open} dispatch={d.clone()} />
                <FileButton action="start-from-last-year" label="以上年报告为基础新建" title="选择上年的 JSON 报告：结转上年数据，对照上年数字"
                    on_text={from_last_year} dispatch={d.clone()} />
                <button type="button" data-action="import-report" title="从上年已发布的报告（Word、网页、PDF 复制的文字）识别数字和正文"
                    onclick={let importing = importing.clone(); move |_| importing.set(true)}>{ "导入已发布报告" }</button>
                <button type="button" data-action="download-json" title="下载 JSON 文件，明年可据此新建" onclick={download}>{ "下载 JSON" }</button>
            </ToolGroup>
            <ToolGroup label="编辑">
                <button type="button" data-action="undo" title="撤销（Ctrl+Z）" disabled={!props.can_undo}
                    onclick={move |_| undo.dispatch(Action::Undo)}>{ "撤销" }</button>
                <button type="button" data-action="redo" title="重做（Ctrl+Y）" disabled={!props.can_redo}
                    onclick={move |_| redo.dispatch(Action::Redo)}>{ "重做" }</button>
            </ToolGroup>
            <ExportGroup report={props.report.clone()} errors={props.errors} dispatch={d.clone()} />
            <ToolGroup label="汇总">
                <button type="button" data-action="summary" title="汇总与核查：一次选择多个机关的报告，逐份校验、汇总、与上年对比"
                    onclick={let s = summary.clone(); move |_| s.set(Some(true))}>{ "汇总与核查" }</button>
            </ToolGroup>
            <span class="spacer"></span>
            { for other_tab }
            { status }
            { for import_dialog }
            if let Some(open) = *summary {
                <SummaryView {open} report={props.report.clone()} dispatch={d.clone()}
                    on_close={let s = summary.clone(); Callback::from(move |()| s.set(Some(false)))} />
            }
        </header>
    }
}
