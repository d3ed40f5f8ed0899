//! The web app: a thin Yew shell over the core. One reducer holds the [`Draft`]; components
//! render it and send edits; every total, finding, paste target and undo step comes from the
//! core ([`crate::report`], [`crate::rules`], [`crate::draft`]). Storage, files and other tabs
//! are effects at the edge ([`storage`]).

mod chunk;
mod display;
mod document;
mod durable;
mod export;
/// Reading and writing files: the app's calls, and the chunk's side (`src/bin/files.rs`).
pub mod files;
mod findings;
mod header;
mod import;
mod storage;
/// 汇总与核查: not linked into the app, but into its own chunk (`src/bin/summary.rs`).
pub mod summary;
mod table;
mod text;
mod tool_group;
mod toolbar;

use crate::draft::{self, Draft, Edit, Mark};
use crate::form::{self, Body};
use crate::report::Report;
use crate::rules::{self, Finding};
use findings::FindingsPanel;
use header::Header;
use std::collections::HashMap;
use std::rc::Rc;
use table::TableView;
use text::TextView;
use toolbar::Toolbar;
use yew::prelude::*;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// A message shown under the toolbar until dismissed or replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { error: false, text: text.into() }
    }
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { error: true, text: text.into() }
    }
}

/// Everything the page can be asked to do.
pub enum Action {
    Edit(Edit),
    Undo,
    Redo,
    /// Replace the draft with another report (undoable), telling the user what happened.
    Load(Box<Report>, String),
    /// The crash-safe copy, newer than the draft restored at load: it replaces the draft only if
    /// nothing has been edited since the page opened (it arrives a few ms later, asynchronously,
    /// and must never clobber what the user has begun typing).
    Recover(Box<Report>),
    Notice(Notice),
    DismissNotice,
    Saved(String),
    SaveFailed(String),
    OtherTab,
}

/// The page's state: the draft, its findings, and what the status line says.
#[derive(Clone, PartialEq)]
pub struct State {
    pub draft: Draft,
    pub findings: Rc<Vec<Finding>>,
    pub marks: Rc<HashMap<String, Mark>>,
    /// Bumped on every change of the report, so the autosave runs once per change.
    pub version: u64,
    pub notice: Option<Notice>,
    pub saved_at: Option<String>,
    pub save_error: Option<String>,
    pub other_tab: bool,
}

impl State {
    fn new(report: Report, notice: Option<Notice>) -> State {
        let mut s = State {
            draft: Draft::new(report),
            findings: Rc::default(),
            marks: Rc::default(),
            version: 0,
            notice,
            saved_at: None,
            save_error: None,
            other_tab: false,
        };
        s.revalidate();
        s
    }

    fn revalidate(&mut self) {
        let findings = rules::check_draft(&self.draft.report, self.draft.recent());
        self.marks = Rc::new(draft::marks(&findings));
        self.findings = Rc::new(findings);
        self.version += 1;
    }
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let changed = match action {
            Action::Edit(edit) => next.draft.apply(edit, js_sys::Date::now()),
            Action::Undo => next.draft.undo(),
            Action::Redo => next.draft.redo(),
            Action::Load(report, note) => {
                next.notice = Some(Notice::info(note));
                next.draft.apply(Edit::Replace(report), js_sys::Date::now());
                true
            }
            Action::Recover(_) if self.draft.can_undo() || self.draft.can_redo() => return self,
            Action::Recover(report) => {
                next.notice = Some(Notice::info(storage::RESTORED));
                next.draft.apply(Edit::Replace(report), js_sys::Date::now())
            }
            Action::Notice(n) => {
                next.notice = Some(n);
                false
            }
            Action::DismissNotice => {
                next.notice = None;
                false
            }
            // Said again on every save: the page is redrawn only when the text changes.
            Action::Saved(at) if self.save_error.is_none() && self.saved_at.as_ref() == Some(&at) => return self,
            Action::Saved(at) => {
                (next.saved_at, next.save_error) = (Some(at), None);
                false
            }
            Action::SaveFailed(why) => {
                next.save_error = Some(why);
                false
            }
            Action::OtherTab => {
                next.other_tab = true;
                false
            }
        };
        if changed {
            next.revalidate();
        }
        Rc::new(next)
    }
}

/// Sends actions to the reducer; what every component gets to report what the user did.
pub type Dispatch = UseReducerDispatcher<State>;

/// Focuses and scrolls to a figure (`applications.x.y`), a text part (`text.<key>`), the
/// 机关名称 field (`organ`) or the findings panel (`findings`).
pub fn focus(path: &str) {
    let selector = match path.strip_prefix("text.") {
        Some(key) => format!("[data-text=\"{key}\"]"),
        None if path == "organ" => "[data-field=\"organ\"]".to_string(),
        None if path == "findings" => "[data-findings]".to_string(),
        None => format!("[data-cell=\"{path}\"]"),
    };
    let Some(el) = gloo::utils::document().query_selector(&selector).ok().flatten() else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
        let _ = el.focus();
    }
}

/// How long a message that needs no action stays on screen; errors stay until dismissed.
const INFO_NOTICE_MS: u32 = 8_000;

/// Takes an informational notice away after a while, so it does not keep covering the page.
#[hook]
fn use_fading_notice(notice: Option<Notice>, dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    use_effect_with(notice, move |notice| {
        let timer = notice.as_ref().filter(|n| !n.error).map(|_| {
            gloo::timers::callback::Timeout::new(INFO_NOTICE_MS, move || dispatch.dispatch(Action::DismissNotice))
        });
        move || drop(timer)
    });
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(storage::restore);
    let dispatch = state.dispatcher();
    storage::use_recovery(&dispatch);
    storage::use_autosave(&state, &dispatch);
    storage::use_other_tabs(&dispatch);
    use_undo_keys(&dispatch);
    export::use_print_view(&state.draft.report);

    let report = state.draft.report.clone();
    let all = use_first_paint_done();
    // Until then only the parts down to the first table are drawn (see [`use_first_paint_done`]).
    let first_table = form::PARTS.iter().position(|p| matches!(p.body, Body::Table(_))).unwrap_or(0);
    let parts = form::PARTS.iter().take(if all { form::PARTS.len() } else { first_table + 1 }).map(|part| {
        let body = match part.body {
            Body::Text(t) => html! { <TextView part={t} report={report.clone()} marks={state.marks.clone()} dispatch={dispatch.clone()} /> },
            Body::Table(i) => html! {
                <TableView index={i} report={report.clone()} marks={state.marks.clone()} dispatch={dispatch.clone()} />
            },
        };
        let zeros = match part.body {
            Body::Table(i) => {
                let (report, d) = (report.clone(), dispatch.clone());
                html! {
                    <button type="button" class="part-tool" data-action="fill-zeros-table" data-table={form::TABLES[i].key}
                        title="把本表所有空白的数字格填为 0（先确认，可撤销）" aria-label={format!("本表空白填 0（{}）", form::TABLES[i].name)}
                        onclick={move |_| toolbar::fill_zeros(&report, Some(i), &d)}>{ "本表空白填 0" }</button>
                }
            }
            Body::Text(_) => html! {},
        };
        // Headings name the text areas under them and are where the skip link lands.
        let id = match part.body {
            Body::Text(t) => format!("heading-{}", t.key),
            Body::Table(i) => format!("heading-{}", form::TABLES[i].key),
        };
        html! { <section class="part"><div class="part-head"><h2 {id}>{ part.heading }</h2>{ zeros }</div>{ body }</section> }
    });
    use_fading_notice(state.notice.clone(), &dispatch);
    let notice = state.notice.as_ref().map(|n| {
        let close = dispatch.clone();
        html! {
            <div class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}
                 data-notice={if n.error { "error" } else { "info" }}>
                <span>{ &n.text }</span>
                <button type="button" class="close" title="关闭" aria-label="关闭此提示" onclick={move |_| close.dispatch(Action::DismissNotice)}>{ "×" }</button>
            </div>
        }
    });
    // Skip links, the first Tab stops: past the toolbar and the header to the first figure, or to
    // the findings.
    let skip = |path: &'static str| {
        move |e: MouseEvent| {
            e.prevent_default();
            focus(path);
        }
    };
    let first_figure = form::cells().iter().find(|c| !c.derived).map_or("", |c| c.path.as_str());
    html! {
        <>
            <nav class="skip" aria-label="跳转">
                <a href="#heading-proactive" data-action="skip-to-tables" onclick={skip(first_figure)}>{ "跳到表格" }</a>
                <a href="#findings" data-action="skip-to-findings" onclick={skip("findings")}>{ "跳到校验结果" }</a>
            </nav>
            <Toolbar report={report.clone()} errors={state.findings.iter().filter(|f| f.level() == rules::Level::Error).count()} can_undo={state.draft.can_undo()} can_redo={state.draft.can_redo()}
                saved_at={state.saved_at.clone()} save_error={state.save_error.clone()} other_tab={state.other_tab}
                dispatch={dispatch.clone()} />
            <div class="layout">
                <main class="paper">
                    <Header report={report.clone()} dispatch={dispatch.clone()} />
                    <TextView part={form::PREAMBLE} report={report.clone()} marks={state.marks.clone()} dispatch={dispatch.clone()} />
                    { for parts }
                </main>
                // Notices stand above the findings, beside the paper, so they never cover a cell.
                <div class="side">
                    { for notice }
                    <FindingsPanel findings={state.findings.clone()} />
                </div>
            </div>
        </>
    }
}

/// False for the first render, true once it has been painted. The page is drawn in two steps:
/// the header, the texts and table A first (the first screen, usable at once), the rest of the
/// form in the next task after that frame, before anyone can scroll to it. Most of the first
/// render's time was style, layout and DOM for tables B and C, far below the fold.
#[hook]
fn use_first_paint_done() -> bool {
    let done = use_state(|| false);
    {
        let done = done.clone();
        use_effect_with((), move |_| {
            let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
                gloo::timers::callback::Timeout::new(0, move || done.set(true)).forget();
            });
            let _ = gloo::utils::window().request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&after_paint));
        });
    }
    *done
}

/// Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) anywhere on the page undo and redo the draft's edits,
/// instead of the browser's per-field undo that knows nothing of the draft.
#[hook]
fn use_undo_keys(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let listener = gloo::events::EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |e| {
                let e: &web_sys::KeyboardEvent = wasm_bindgen::JsCast::unchecked_ref(e);
                if !(e.ctrl_key() || e.meta_key()) {
                    return;
                }
                let action = match (e.key().to_lowercase().as_str(), e.shift_key()) {
                    ("z", false) => Action::Undo,
                    ("z", true) | ("y", _) => Action::Redo,
                    _ => return,
                };
                e.prevent_default();
                dispatch.dispatch(action);
            },
        );
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests;
