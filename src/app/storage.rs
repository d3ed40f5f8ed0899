//! The edges where the draft meets the browser: localStorage (restore, a save on every change),
//! other tabs (BroadcastChannel), and files (read an upload, download the JSON and the exports).

use super::{durable, Action, Dispatch, Notice, State};
use crate::draft;
use crate::json;
use crate::limits::{self, MAX_FILE_BYTES};
use crate::report::Report;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the draft lives between visits.
pub const KEY: &str = "nianbao.draft";
/// When the stored draft was saved (ms since 1970), to compare it with the crash-safe copy.
pub(super) const STAMP_KEY: &str = "nianbao.draft.stamp";
/// A stored draft that could not be read is moved here rather than overwritten.
const DAMAGED_KEY: &str = "nianbao.draft.damaged";

pub(super) fn local_storage() -> Result<web_sys::Storage, String> {
    match gloo::utils::window().local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("浏览器未提供本地存储".into()),
        Err(e) => Err(js_message(&e)),
    }
}

fn js_message(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{e:?}"))
}

/// The year a new draft is for, by today's date.
pub fn default_year() -> i32 {
    let today = js_sys::Date::new_0();
    crate::report::year_to_report(today.get_full_year() as i32, today.get_month() + 1)
}

/// A blank report for the year just ended.
pub fn blank() -> Report {
    Report::new(default_year())
}

/// Set while a page is open, taken away when it is closed or reloaded (`pagehide`): found at load,
/// the last page was not closed — the browser or the machine went down — and the draft it had is
/// what the user gets back, which the page says.
pub(super) const OPEN_KEY: &str = "nianbao.open";

/// What the page says when the last one ended without closing.
pub const RESTORED: &str =
    "已恢复上次未保存的草稿：上次页面没有正常关闭（浏览器或电脑意外关闭），已恢复到最后一次输入。";

/// The state at page load: the stored draft if there is one, else a blank report.
pub fn restore() -> State {
    let stored = local_storage().ok().and_then(|s| s.get_item(KEY).ok().flatten().map(|text| (s, text)));
    let Some((storage, text)) = stored else { return State::new(blank(), None) };
    let crashed = storage.get_item(OPEN_KEY).ok().flatten().is_some();
    match json::from_str(&text) {
        Ok(report) => {
            let note = (crashed && !report.is_blank()).then(|| Notice::info(RESTORED));
            State::new(report, note)
        }
        Err(e) => {
            let _ = storage.set_item(DAMAGED_KEY, &text);
            let note = format!("本机保存的草稿无法读取（{e}），已另存为“{DAMAGED_KEY}”，现从空白报告开始。");
            State::new(blank(), Some(Notice::error(note)))
        }
    }
}

fn now_hms() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}

/// Writes the draft to localStorage (read back synchronously at load) and hands it to the
/// crash-safe copy ([`durable`]); `done` runs once that copy is on disk.
fn save(report: &Report, done: impl FnOnce() + 'static) -> Result<(), String> {
    let (text, stamp) = (json::to_string(report), js_sys::Date::now());
    let storage = local_storage()?;
    storage
        .set_item(KEY, &text)
        .and_then(|()| storage.set_item(STAMP_KEY, &stamp.to_string()))
        .map_err(|e| js_message(&e))?;
    durable::write(stamp, text, done);
    Ok(())
}

/// Writes the draft on every change. Yew runs effects right after rendering, in the task of the
/// input event that made the change or, when the render takes over 16 ms, in the next ones (several
/// changes in one task render, and are saved, once), so nothing waits for a timer. "已自动保存" is said once the crash-safe copy is on disk.
#[hook]
pub fn use_autosave(state: &State, dispatch: &Dispatch) {
    let report = state.draft.report.clone();
    let save_error = state.save_error.clone();
    let dispatch = dispatch.clone();
    use_effect_with(state.version, move |_| {
        let saved = dispatch.clone();
        match save(&report, move || saved.dispatch(Action::Saved(now_hms()))) {
            Ok(()) => {}
            Err(why) if save_error.as_ref() != Some(&why) => dispatch.dispatch(Action::SaveFailed(why)),
            Err(_) => {}
        }
    });
}

/// After a crash the crash-safe copy can be newer than localStorage's: it replaces the restored
/// draft (undoably) unless the user has already edited it, and the page says so.
#[hook]
pub fn use_recovery(dispatch: &Dispatch) {
    // Read at the first render, before the first save overwrites it.
    let restored_stamp = *use_memo((), |_| {
        local_storage()
            .ok()
            .and_then(|s| s.get_item(STAMP_KEY).ok().flatten())
            .and_then(|t| t.parse().ok())
            .unwrap_or(0.0)
    });
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        if let Ok(s) = local_storage() {
            let _ = s.set_item(OPEN_KEY, "1");
        }
        EventListener::new(&gloo::utils::window(), "pagehide", |_| {
            if let Ok(s) = local_storage() {
                let _ = s.remove_item(OPEN_KEY);
            }
        })
        .forget();
        durable::open(restored_stamp, move |text| {
            if let Ok(report) = json::from_str(&text) {
                dispatch.dispatch(Action::Recover(Box::new(report)));
            }
        });
    });
}

/// Warns when the draft is open in another tab too: each tab announces itself on opening and
/// answers the announcements of later ones, so both learn of each other.
#[hook]
pub fn use_other_tabs(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let channel = web_sys::BroadcastChannel::new(KEY).ok();
        let listener = channel.as_ref().map(|c| {
            let reply = c.clone();
            EventListener::new(c, "message", move |e| {
                let e: &web_sys::MessageEvent = e.unchecked_ref();
                if e.data().as_string().as_deref() == Some("open") {
                    let _ = reply.post_message(&"here".into());
                }
                dispatch.dispatch(Action::OtherTab);
            })
        });
        if let Some(c) = &channel {
            let _ = c.post_message(&"open".into());
        }
        move || {
            drop(listener);
            if let Some(c) = channel {
                c.close();
            }
        }
    });
}

/// Offers the report as `<机关><年度>年政府信息公开工作年度报告.json`.
pub fn download(report: &Report) {
    offer(&draft::file_name(report, "json"), json::to_string(report).as_bytes(), "application/json");
}

/// Offers `bytes` as a download named `name`.
pub fn offer(name: &str, bytes: &[u8], mime: &str) {
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let a: web_sys::HtmlAnchorElement = gloo::utils::document().create_element("a").unwrap().unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoking the URL at once can cancel the download in some browsers.
    Timeout::new(10_000, move || drop(url)).forget();
}

/// Reads the file chosen in `input` (its bytes: .docx/.xlsx are binary), then clears the input so
/// the same file can be chosen again. A file over [`MAX_FILE_BYTES`] is not read at all. `done`
/// gets the file name and its bytes, or a message why it could not be read.
pub fn read_chosen(input: &web_sys::HtmlInputElement, done: impl FnOnce(String, Result<Vec<u8>, String>) + 'static) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
    input.set_value("");
    if file.size() > MAX_FILE_BYTES as f64 {
        return done(file.name(), Err(limits::too_large(file.size() as u64)));
    }
    wasm_bindgen_futures::spawn_local(async move {
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        done(file.name(), buffer.map(|b| js_sys::Uint8Array::new(&b).to_vec()).map_err(|e| js_message(&e)));
    });
}
