//! On-demand chunks: parts of the page only some users need (the readers and writers of files,
//! the PDF reader, 汇总与核查), each a wasm bundle of its own that trunk builds beside the app
//! from `src/bin/*.rs` as `nianbao-<name>.js` and `nianbao-<name>_bg.wasm`, so the first load
//! does not carry them.
//!
//! **The one hook**: [`load`] is the only place that finds a chunk. On a server it imports
//! `nianbao-<name>.js` from beside the page (the CSP's 'self'). The single file `nianbao.html`
//! (scripts/bundle.mjs) carries every chunk inline, its loader registered as
//! `globalThis.nianbaoChunks['nianbao-<name>.js']` (init from the embedded wasm, then its exports).
//!
//! **The one channel back**: a chunk with its own Yew root (汇总与核查) hands a report to the
//! editor by [`hand_to_editor`], a cancelable `nianbao-open` event on `window` whose detail is
//! `{ report: <the report as JSON>, note }`. The editor ([`use_reports_from_chunks`]) takes it
//! like an opened file: asks first if the draft has content, then replaces it undoably.

use super::{Action, Dispatch, Notice};
use crate::json;
use crate::report::Report;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

// Shared on `globalThis` by every bundle that loads chunks (the app, 汇总与核查), so a chunk is
// instantiated once. A failed load is forgotten, so the next use tries again, under another URL
// (`?retry=n`): Firefox keeps a failed module fetch failed for the page's lifetime.
#[wasm_bindgen(inline_js = r#"
const chunks = (globalThis.nianbaoLoading ??= { pending: new Map(), loaded: new Set(), failed: new Map() });
export function load(name) {
  let chunk = chunks.pending.get(name);
  if (!chunk) {
    const js = `nianbao-${name}.js`;
    const embedded = globalThis.nianbaoChunks?.[js];
    const tries = chunks.failed.get(name) ?? 0;
    const url = new URL(js, document.baseURI);
    if (tries) url.search = `?retry=${tries}`;
    chunk = embedded
      ? embedded()
      : import(url.href).then(async (m) => { await m.default(); return m; });
    chunk.then(() => chunks.loaded.add(name), () => {
      chunks.pending.delete(name);
      chunks.failed.set(name, tries + 1);
    });
    chunks.pending.set(name, chunk);
  }
  return chunk;
}
export function is_loaded(name) {
  return chunks.loaded.has(name);
}
"#)]
extern "C" {
    /// The chunk's module (its exports), loaded and instantiated once.
    #[wasm_bindgen(catch, js_name = load)]
    async fn load_js(name: &str) -> Result<JsValue, JsValue>;
    /// Whether the chunk is loaded and instantiated (using it waits for nothing).
    pub fn is_loaded(name: &str) -> bool;
}

/// Chunk `name`'s module, or why it could not be loaded (for a message to the user).
pub async fn load<T: JsCast>(name: &str) -> Result<T, String> {
    load_js(name).await.map(JsCast::unchecked_into).map_err(|e| describe(&e))
}

/// A JS error's message.
pub fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default()
}

/// The event that carries a report from a chunk to the editor.
const OPEN_EVENT: &str = "nianbao-open";

/// Asks the editor to make `report` the draft, telling the user `note`; false if the user
/// declined (or the editor could not take it).
pub fn hand_to_editor(report: &Report, note: &str) -> bool {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"report".into(), &json::to_string(report).into());
    let _ = js_sys::Reflect::set(&detail, &"note".into(), &note.into());
    let init = web_sys::CustomEventInit::new();
    init.set_cancelable(true);
    init.set_detail(&detail);
    match web_sys::CustomEvent::new_with_event_init_dict(OPEN_EVENT, &init) {
        Ok(event) => gloo::utils::window().dispatch_event(&event).unwrap_or(false),
        Err(_) => false,
    }
}

/// The editor's end of the channel: a report handed over replaces the draft (undoably), after a
/// confirmation when there is something to lose; declining cancels the event.
#[hook]
pub fn use_reports_from_chunks(report: &Rc<Report>, dispatch: &Dispatch) {
    let current = use_mut_ref(Rc::<Report>::default);
    *current.borrow_mut() = report.clone();
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let listener = gloo::events::EventListener::new_with_options(
            &gloo::utils::window(),
            OPEN_EVENT,
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |e| {
                let detail = e.unchecked_ref::<web_sys::CustomEvent>().detail();
                let field = |k: &str| js_sys::Reflect::get(&detail, &k.into()).ok().and_then(|v| v.as_string());
                let report = match json::from_str(&field("report").unwrap_or_default()) {
                    Ok(report) => report,
                    Err(why) => {
                        dispatch.dispatch(Action::Notice(Notice::error(format!(
                            "无法打开此报告：{why}。当前草稿未作改动。"
                        ))));
                        return e.prevent_default();
                    }
                };
                let ask = "将替换当前页面上的草稿（之后仍可用“撤销”找回）。确定吗？";
                if !current.borrow().is_blank() && !gloo::dialogs::confirm(ask) {
                    return e.prevent_default();
                }
                dispatch.dispatch(Action::Load(Box::new(report), field("note").unwrap_or_default()));
            },
        );
        move || drop(listener)
    });
}
