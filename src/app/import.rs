//! 从上年报告开始 (the page's one way in, `data-action="import-report"`): choose last year's report —
//! this tool's JSON, which starts the draft at once, or the published file — or paste its text;
//! a published one is reviewed cell by cell first, then taken as last year's report (the main
//! button), as this year's draft or as last year's reference.
//! The importer runs here in the page (nothing is sent anywhere), in the files chunk that opening
//! the dialog starts loading ([`files`]), and nothing touches the draft until the user chooses
//! one of the two.

use super::findings::mark_class;
use super::table::label_cell;
use super::{files, storage, toolbar, Action, Dispatch};
use crate::draft::{self, Mark};
use crate::form::{self, Body};
use crate::grid::{grid, Content};
use crate::import::{Format, Imported, Recognised};
use crate::report::Report;
use crate::rules::{char_count, Finding, Level};
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{HtmlDialogElement, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Below this share of the template's figures an import is called incomplete: the review says
/// what to try instead, and its main button is to go back rather than to use it.
const WEAK_PERCENT: usize = 80;

/// A finished import, where it came from, and how long the importer took (shown, and read by
/// the page tests as the in-browser timing).
pub struct Review {
    name: String,
    imported: Imported,
    ms: f64,
}

impl Review {
    /// The share of the template's typed figures recognised, in whole percent.
    fn percent(&self) -> usize {
        let (found, all) =
            (self.imported.recognised.len(), self.imported.recognised.len() + self.imported.missing.len());
        (found * 100).checked_div(all).unwrap_or(0)
    }

    /// The report as people name it (泉州市泉港区人民政府2023年报告), else the file it came from.
    fn what(&self) -> String {
        let r = &self.imported.report;
        match (r.organ.trim(), r.year) {
            ("", 0) => format!("「{}」", self.name),
            ("", y) => format!("「{}」（{y}年）", self.name),
            (organ, 0) => format!("{organ}的报告"),
            (organ, y) => format!("{organ}{y}年报告"),
        }
    }
}

enum Step {
    /// Pasting or choosing; with the message of a failed attempt.
    Input(Option<String>),
    /// A chosen file or the pasted text being read (the reader's chunk loads first if need be).
    Reading(String),
    Review(Rc<Review>),
}

/// Reads a chosen file or pasted text through [`files::read_report`], timing it for the review.
pub(super) async fn review_of(name: &str, bytes: &[u8]) -> Result<Rc<Review>, String> {
    let perf = gloo::utils::window().performance();
    let now = || perf.as_ref().map_or(0.0, |p| p.now());
    let start = now();
    match files::read_report(name, bytes).await {
        Ok(imported) => Ok(Rc::new(Review { name: name.to_string(), imported, ms: now() - start })),
        Err(e) => Err(format!("无法导入「{name}」：{e}。当前草稿未作改动。")),
    }
}

async fn run(name: &str, bytes: &[u8]) -> Step {
    match review_of(name, bytes).await {
        Ok(r) => Step::Review(r),
        Err(why) => Step::Input(Some(why)),
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    /// The current draft: whether replacing it needs a confirmation, and what 上年参照 keeps.
    pub report: Rc<Report>,
    pub dispatch: Dispatch,
    pub on_close: Callback<()>,
}

impl PartialEq for Review {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The modal dialog; mounted while open, so each opening starts afresh.
#[function_component]
pub fn ImportDialog(props: &ImportProps) -> Html {
    let step = use_state(|| Step::Input(None));
    let (dialog, text, chooser) = (use_node_ref(), use_node_ref(), use_node_ref());
    // Focus goes back where it came from (the toolbar button) when the dialog closes.
    use_effect_with((), |_| {
        let opener = gloo::utils::document().active_element();
        move || {
            // Closed first: while it is modal the page behind is inert and cannot take focus.
            if let Some(d) = gloo::utils::document().query_selector("dialog[data-import=\"dialog\"]").ok().flatten() {
                wasm_bindgen::JsCast::unchecked_into::<HtmlDialogElement>(d).close();
            }
            let back = opener
                .filter(|e| e.is_connected() && e.tag_name() != "BODY")
                .or_else(|| gloo::utils::document().query_selector("[data-action=\"import-report\"]").ok().flatten());
            if let Some(el) = back.and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok()) {
                let _ = el.focus();
            }
        }
    });
    let reviewing = matches!(*step, Step::Review(_));
    // The reader's chunk, fetched as the dialog opens; said while it loads.
    let loading = use_state(|| !files::ready());
    {
        let loading = loading.clone();
        use_effect_with((), move |_| {
            if *loading {
                wasm_bindgen_futures::spawn_local(async move {
                    files::wait().await;
                    loading.set(false);
                });
            }
        });
    }
    {
        // Opened modal (the page behind is inert); focus goes to the step's first control.
        let dialog = dialog.clone();
        use_effect_with(reviewing, move |_| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                if !d.open() {
                    let _ = d.show_modal();
                }
                if let Some(el) = d.query_selector("[data-focus]").ok().flatten() {
                    let _ = wasm_bindgen::JsCast::unchecked_into::<HtmlElement>(el).focus();
                }
            }
        });
    }
    let close = props.on_close.reform(|_: MouseEvent| ());
    let choose = {
        let chooser = chooser.clone();
        move |_| {
            if let Some(i) = chooser.cast::<HtmlInputElement>() {
                i.click();
            }
        }
    };
    let year = storage::default_year();
    let onkeydown = {
        let on_close = props.on_close.clone();
        move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_close.emit(());
            }
        }
    };
    let oncancel = {
        let on_close = props.on_close.clone();
        move |e: Event| {
            e.prevent_default();
            on_close.emit(());
        }
    };
    let recognise = {
        let (step, text) = (step.clone(), text.clone());
        move |_| {
            let value = text.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            if value.trim().is_empty() {
                step.set(Step::Input(Some("请先粘贴报告的正文，或选择报告文件。".into())));
            } else {
                let step = step.clone();
                let name = "粘贴的文本";
                step.set(Step::Reading(name.into()));
                wasm_bindgen_futures::spawn_local(async move { step.set(run(name, value.as_bytes()).await) });
            }
        }
    };
    let onchange = {
        let step = step.setter();
        let (dispatch, on_close) = (props.dispatch.clone(), props.on_close.clone());
        move |e: Event| {
            let (step, dispatch, on_close) = (step.clone(), dispatch.clone(), on_close.clone());
            let input: HtmlInputElement = e.target_unchecked_into();
            storage::read_chosen(&input, move |name, bytes| match bytes {
                // This tool's own file needs no review: it starts the draft at once.
                Ok(bytes) if toolbar::is_json(&name, &bytes) => {
                    toolbar::load(&dispatch, &name, &bytes, |last| next_year_draft(last, &format!("「{name}」")));
                    on_close.emit(());
                }
                Ok(bytes) => {
                    step.set(Step::Reading(name.clone()));
                    wasm_bindgen_futures::spawn_local(async move { step.set(run(&name, &bytes).await) });
                }
                Err(why) => step.set(Step::Input(Some(format!("无法读取「{name}」：{why}。当前草稿未作改动。")))),
            });
        }
    };
    let back = {
        let step = step.clone();
        move |_| step.set(Step::Input(None))
    };
    let error = match &*step {
        Step::Input(Some(why)) => html! { <p class="import-error" role="alert" data-import="error">{ why }</p> },
        Step::Reading(name) => {
            let wait = if *loading { "（首次使用，正在加载识别组件）" } else { "" };
            html! { <p class="hint" role="status" data-import="reading">{ format!("正在读取「{name}」……{wait}") }</p> }
        }
        Step::Input(None) if *loading => html! {
            <p class="hint" role="status" data-import="loading">{ "正在加载识别组件……可先粘贴正文或选择文件。" }</p>
        },
        _ => html! {},
    };
    let (body, buttons) = match &*step {
        Step::Review(r) => {
            // The main (blue) button is the likely choice: a weak import is to be tried again
            // another way; last year's report starts this year's draft; this year's is the draft.
            let weak = r.percent() < WEAK_PERCENT;
            let this_year = r.imported.report.year >= storage::default_year();
            let main = |is: bool| classes!(is.then_some("primary"));
            let focus = |is: bool| is.then_some("");
            let (new, draft, redo) = (!weak && !this_year, !weak && this_year, weak);
            (
                review(r, proposed_year(&r.imported.report)),
                html! {
                    <>
                        <button type="button" class={main(new)} data-action="import-as-last-year-new" data-focus={focus(new)}
                            title="以导入的报告为上年报告，新建下一年的草稿：机关名称、正文复制待修改，上年结转按上年结转下年度继续办理填入，各格下方灰字为上年数字"
                            onclick={accept_as_last_year_new(r.clone(), props)}>{ "以此为上年报告，新建本年草稿" }</button>
                        <button type="button" class={main(draft)} data-action="import-as-draft" data-focus={focus(draft)}
                            title="用导入的报告替换当前草稿（之后仍可撤销）"
                            onclick={accept_as_draft(r.clone(), props)}>{ "作为本年草稿" }</button>
                        <button type="button" data-action="import-as-previous"
                            title="保留当前草稿，以导入的报告作为上年数字对照；本年上年结转为空时按其结转下年度继续办理填入"
                            onclick={accept_as_previous(r.clone(), props)}>
                            { "作为上年参照" }</button>
                        <button type="button" class={main(redo)} data-action="import-back" data-focus={focus(redo)} onclick={back}>
                            { "返回重新识别" }</button>
                    </>
                },
            )
        }
        Step::Input(_) | Step::Reading(_) => (
            html! {},
            html! {
                <button type="button" data-action="import-run" disabled={matches!(*step, Step::Reading(_))}
                    onclick={recognise}>{ "识别" }</button>
            },
        ),
    };
    html! {
        <dialog class="import-dialog" ref={dialog} aria-labelledby="import-title" data-import="dialog" {onkeydown} {oncancel}>
            // Not <header>/<footer>: inside a dialog they would be taken for the page's own landmarks.
            <div class="dialog-head">
                <h2 id="import-title">{ "从上年报告开始" }</h2>
                <button type="button" class="close" title="关闭（Esc）" aria-label="关闭" onclick={close.clone()}>{ "×" }</button>
            </div>
            // The review scrolls: focusable, so it scrolls from the keyboard too.
            <div class="import-body" tabindex={reviewing.then_some("0")} role={reviewing.then_some("region")}
                aria-label={reviewing.then_some("识别结果")}>
                <section class="import-input" hidden={reviewing}>
                    <p class="import-what">
                        { format!("选择上年的报告，将新建{year}年草稿：机关名称和正文复制过来待修改，“二、上年结转”按上年“四、结转下年度继续办理”填好，各格下方显示上年数字，可对照核对。当前页面上的草稿会被替换，之后仍可按 Ctrl+Z 找回。") }
                    </p>
                    <p>
                        <button type="button" class={classes!((!reviewing).then_some("primary"))} data-action="start-from-last-year" data-focus={(!reviewing).then_some("")}
                            onclick={choose}>{ "选择上年报告文件…" }</button>
                        <span class="hint">{ "　本工具的留底文件（.json），或政府网站上发布的 PDF、Word（.docx/.doc）、网页（.html/.mht）、Excel（.xlsx/.xls）、文本（.txt）" }</span>
                        <input type="file" accept={crate::summary::accept(true)} data-file="import-report" hidden=true ref={chooser} {onchange} />
                    </p>
                    <p class="hint">
                        { "没有文件时，也可把上年报告的正文（从政府网站网页或 PDF 中全选复制）粘贴在下面，点“识别”。\
                           识别在本机浏览器中完成，不上传任何内容；已发布的报告先显示识别结果，确认后才新建草稿。" }
                    </p>
                    <label class="import-paste" for="import-text">{ "粘贴上年报告正文" }</label>
                    <textarea ref={text} id="import-text" data-import="text" placeholder="在此粘贴报告正文……" spellcheck="false" />
                    { error }
                </section>
                { body }
            </div>
            <div class="dialog-foot">
                { buttons }
                <span class="spacer"></span>
                <button type="button" data-action="import-cancel" onclick={close}>{ "取消" }</button>
            </div>
        </dialog>
    }
}

/// The year a draft started from `last` is for: the reporting season's (in December to March the
/// year just ended), so a report two years old still makes this season's draft; at least the year
/// after `last`.
fn proposed_year(last: &Report) -> i32 {
    let season = storage::default_year();
    if last.year == 0 {
        season
    } else {
        season.max(last.year + 1)
    }
}

/// Replaces the draft (undoably), after a confirmation when there is something to lose.
fn accept_as_draft(r: Rc<Review>, props: &ImportProps) -> Callback<MouseEvent> {
    let (report, dispatch, on_close) = (props.report.clone(), props.dispatch.clone(), props.on_close.clone());
    Callback::from(move |_| {
        let ask = "导入的报告将替换当前页面上的草稿（之后仍可用“撤销”找回）。确定替换吗？";
        if !report.is_blank() && !gloo::dialogs::confirm(ask) {
            return;
        }
        let note = format!("已导入{}作为本年草稿（如需回到原草稿，可按 Ctrl+Z 撤销）。", r.what());
        dispatch.dispatch(Action::Load(Box::new(r.imported.report_or(report.year)), note));
        on_close.emit(());
    })
}

/// Starts next year's draft from the import, as 以上年报告为基础新建 does from a JSON file
/// ([`next_year_draft`]), after a confirmation when the current draft has something to lose.
fn accept_as_last_year_new(r: Rc<Review>, props: &ImportProps) -> Callback<MouseEvent> {
    let (report, dispatch, on_close) = (props.report.clone(), props.dispatch.clone(), props.on_close.clone());
    Callback::from(move |_| {
        let ask = "将以导入的报告为上年报告新建草稿，替换当前页面上的草稿（之后仍可用“撤销”找回）。确定吗？";
        if !report.is_blank() && !gloo::dialogs::confirm(ask) {
            return;
        }
        let (next, note) = next_year_draft(r.imported.report.clone(), &r.what());
        dispatch.dispatch(Action::Load(Box::new(next), note));
        on_close.emit(());
    })
}

/// This season's draft from last year's report (`what` names it in the notice): 机关 and the texts
/// copied, 上年结转 filled, last year's figures under the cells; the year from [`proposed_year`],
/// the source's year said when they are not consecutive. A report whose year was not recognised
/// is taken as the year before the draft's.
pub(super) fn next_year_draft(mut last: Report, what: &str) -> (Report, String) {
    let year = proposed_year(&last);
    let mut note = String::new();
    if last.year == 0 {
        last.year = year - 1;
        note = format!("未识别出年度，按{}年处理。", last.year);
    }
    let mut next = last.next_year();
    if next.year != year {
        note = format!("所选报告为{}年；按当前填报时间新建{year}年报告，如需其他年度请在“年度”中修改。", last.year);
        next.year = year;
    }
    note = format!(
        "{note}已以{what}为基础新建{year}年报告：机关名称和正文已复制，请把正文中的年份和日期改为{year}年；上年结转已按上年“四、结转下年度继续办理”填入；各格下方灰字为上年数字（按 Ctrl+Z 可回到原草稿）。"
    );
    (next, note)
}

/// Keeps the draft and takes the import as its `previous`: last year's figures under each cell,
/// the prev.* rules, and 上年结转 filled if it was entirely empty.
fn accept_as_previous(r: Rc<Review>, props: &ImportProps) -> Callback<MouseEvent> {
    let (report, dispatch, on_close) = (props.report.clone(), props.dispatch.clone(), props.on_close.clone());
    Callback::from(move |_| {
        let last = &r.imported.report_or(report.year - 1);
        let mut next = (*report).clone();
        let filled = next.set_previous(last);
        let mut note = format!("已将{}作为上年参照：各格下方灰字为上年数字，上年结转按上年报告核对。", r.what());
        if filled {
            note += "本年“二、上年结转”原为空，已按上年“四、结转下年度继续办理”填入。";
        }
        if last.year + 1 != next.year {
            note += &format!("请注意：当前草稿为{}年，导入的报告为{}年。", next.year, last.year);
        }
        dispatch.dispatch(Action::Load(Box::new(next), note));
        on_close.emit(());
    })
}

/// The review: what the document is, how many figures were found, what is wrong or missing,
/// and the three tables as recognised (hover a figure for the line it came from).
fn review(r: &Review, draft_year: i32) -> Html {
    let imp = &r.imported;
    let report = &imp.report;
    let unknown = || html! { <span class="muted">{ "未识别" }</span> };
    let organ = if report.organ.is_empty() {
        unknown()
    } else {
        html! { report.organ.clone() }
    };
    let year = if report.year == 0 {
        unknown()
    } else {
        html! { format!("{}年", report.year) }
    };
    let old = imp.format == Format::Format2019;
    let texts = form::text_parts().map(|(heading, part)| {
        let name = if heading.is_empty() { "开头" } else { heading };
        match char_count(report.text.get(part.key).map_or("", String::as_str)) {
            0 => html! { <li class="muted" data-review-text={part.key}>{ format!("{name}：未找到") }</li> },
            n => html! { <li data-review-text={part.key}>{ format!("{name}：{n} 字") }</li> },
        }
    });
    // Missing figures are listed by row below, not once more as findings.
    let findings: Vec<Finding> =
        imp.findings.iter().filter(|f| f.rule != crate::rules::Rule::CellMissing).cloned().collect();
    let finding_list = findings.iter().map(|f| {
        let class = if f.level() == Level::Error { "error" } else { "warning" };
        html! { <li class={class} data-import-finding={f.rule.id()}>{ &f.message }</li> }
    });
    let missing = imp.missing_by_row().into_iter().map(|(row, cols)| {
        let cols = if cols.is_empty() { String::new() } else { format!("：{}", cols.join("、")) };
        html! { <li>{ row }{ cols }</li> }
    });
    let uncertain = imp.recognised.iter().filter(|s| s.uncertain.is_some()).count();
    let sources: HashMap<&str, &Recognised> = imp.recognised.iter().map(|s| (s.path.as_str(), s)).collect();
    let marks = draft::marks(&findings);
    let tables = form::PARTS.iter().filter_map(|p| match p.body {
        Body::Table(t) => Some(html! {
            <>
                <h3>{ p.heading }</h3>
                { review_table(t, report, &sources, &marks, CellKey::Review) }
            </>
        }),
        Body::Text(_) => None,
    });
    let weak = (r.percent() < WEAK_PERCENT).then(|| {
        html! {
            <p class="import-weak" role="alert" data-review="weak">
                { format!("只识别出 {} 个数字中的 {} 个（{}%），导入的报告不完整。", imp.recognised.len() + imp.missing.len(), imp.recognised.len(), r.percent()) }
                { "建议换一种来源重新导入：上年报告的 Word 文件（.docx），政府网站上的网页（另存为 .html，或全选复制后粘贴），或 PDF 原件。" }
            </p>
        }
    });
    html! {
        <section class="import-review" data-import="review">
            <div class="import-facts">
                { for weak }
                <dl>
                    <dt>{ "机关" }</dt><dd data-review="organ">{ organ }</dd>
                    <dt>{ "年度" }</dt><dd data-review="year">{ year }</dd>
                    <dt>{ "类型" }</dt><dd data-review="scope">{ report.scope.label() }</dd>
                    <dt>{ "格式" }</dt>
                    <dd data-review="format" class={classes!(old.then_some("old"))}>
                        { imp.format.label() }
                        if old { <strong>{ "：旧格式，只导入能对应 2021 年格式的部分" }</strong> }
                    </dd>
                    <dt>{ "来源" }</dt><dd>{ format!("{}（识别用时 ", r.name) }<span data-review="ms">{ (r.ms.round() as u64).to_string() }</span>{ " 毫秒）" }</dd>
                    <dt>{ "数字" }</dt>
                    <dd>
                        { "识别 " }<b data-review="recognised">{ imp.recognised.len() }</b>{ " 个，未找到 " }
                        <b data-review="missing" class={classes!((!imp.missing.is_empty()).then_some("warn"))}>{ imp.missing.len() }</b>{ " 个" }
                        if uncertain > 0 {
                            { "；其中 " }<b data-review="uncertain" class="warn">{ uncertain }</b>{ " 个按位置识别，请核对（表中带“?”）" }
                        }
                    </dd>
                    <dt>{ "正文" }</dt><dd><ul class="plain">{ for texts }</ul></dd>
                    <dt>{ "新建年度" }</dt>
                    <dd data-review="draft-year">{ format!("{draft_year}年（按当前填报时间；新建后可在“年度”中修改）") }</dd>
                </dl>
                <h3>{ "校验" }<span class={classes!("n", findings.iter().any(|f| f.level() == Level::Error).then_some("error"))} data-review="findings">{ findings.len() }</span></h3>
                if findings.is_empty() { <p class="muted">{ "无错误" }</p> } else { <ul class="import-findings">{ for finding_list }</ul> }
                if !imp.notes.is_empty() {
                    <h3>{ "说明" }</h3>
                    <ul class="import-notes">{ for imp.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                }
                <h3>{ "未找到的数字" }</h3>
                if imp.missing.is_empty() { <p class="muted">{ "无" }</p> } else { <ul class="import-missing" data-review="missing-rows">{ for missing }</ul> }
            </div>
            <div class="import-tables">
                <p class="hint">{ "以下为识别出的数字（只读）；鼠标停在数字上可见其在原文中的位置。灰底为计算得出的合计，“—”为未找到，带“?”的是按表中位置而非标签识别的数字，请对照原文核对。" }</p>
                { for tables }
            </div>
        </section>
    }
}

/// Which attribute names a figure of a read-only table: the import review's own, or the
/// editor's `data-cell` (the 汇总 of 汇总与核查, which the page contract addresses so).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CellKey {
    Review,
    Cell,
}

/// One table as recognised, read-only, on the same grid as the editor.
pub fn review_table(
    t: usize,
    report: &Report,
    sources: &HashMap<&str, &Recognised>,
    marks: &HashMap<String, Mark>,
    key: CellKey,
) -> Html {
    let lines = grid(t).lines.iter().map(|line| {
        let cells = line.iter().map(|c| {
            let cols = c.cols.to_string();
            let i = match c.content {
                Content::Label(text) => return label_cell(c, text),
                Content::Figure(i) => i,
            };
            let def = &form::cells()[i];
            let mark = marks.get(&def.path);
            let (value, mut title) = if def.derived {
                let v = report.value(i).map_or_else(|| "?".into(), |v| v.to_string());
                (v, format!("{}（计算得出）", def.describe()))
            } else {
                match (&report.cells[i], sources.get(def.path.as_str())) {
                    (Some(v), Some(s)) => (v.clone(), format!("第 {} 行：{}", s.source_line, s.source_text)),
                    (Some(v), None) => (v.clone(), def.describe()),
                    (None, _) => ("—".into(), format!("{}：未找到", def.describe())),
                }
            };
            // Placed by its position in the table, not by its label: marked, and the tooltip says why.
            let uncertain = sources.get(def.path.as_str()).and_then(|s| s.uncertain.as_deref()).filter(|_| !def.derived);
            if let Some(why) = uncertain {
                title = format!("{title}\n按位置识别，请核对：{why}");
            }
            if let Some(m) = mark {
                title = format!("{title}\n{}", m.messages.join("\n"));
            }
            let class = classes!(
                def.derived.then_some("total"),
                report.cells[i].is_none().then_some("missing").filter(|_| !def.derived),
                uncertain.is_some().then_some("uncertain"),
                mark.map(mark_class)
            );
            let path = |k: CellKey| (key == k).then(|| def.path.clone());
            html! {
                <td {class} colspan={cols} {title} data-review-cell={path(CellKey::Review)} data-cell={path(CellKey::Cell)}
                    data-rule={mark.map(|m| m.rule_attr())} data-uncertain={uncertain.map(|_| "")}>
                    if uncertain.is_some() { <span class="uncertain-mark" aria-label="按位置识别">{ "?" }</span> }
                    { value }
                </td>
            }
        });
        html! { <tr>{ for cells }</tr> }
    });
    html! { <table class={classes!("review-table", format!("t{t}"))}>{ for lines }</table> }
}

#[cfg(test)]
mod tests;
