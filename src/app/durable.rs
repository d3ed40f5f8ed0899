//! The crash-safe copy of the draft, in IndexedDB. localStorage is written at once, but Chromium
//! keeps the write in memory for seconds before it reaches disk (measured: a browser killed 0.3–1 s
//! after a write comes back without it); an IndexedDB transaction with strict durability is on
//! disk when it completes, a few milliseconds later. Every save goes to both, stamped with its
//! time; at load the newer copy wins. While one write is being committed, only the latest of the
//! changes made meanwhile waits for it.

use js_sys::{Array, Function};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbTransaction};

const DB: &str = "nianbao";
const STORE: &str = "draft";
const RECORD: &str = "draft";

/// A write waiting for its turn: the stamp, the report's JSON, and what to do once it is on disk.
type Write = (f64, String, Box<dyn FnOnce()>);

#[derive(Default)]
struct Writer {
    db: Option<IdbDatabase>,
    /// The database could not be opened: writes are done with at once (localStorage has them).
    unavailable: bool,
    busy: bool,
    next: Option<Write>,
}

thread_local!(static WRITER: RefCell<Writer> = RefCell::default());

fn callback(f: impl FnOnce() + 'static) -> Function {
    Closure::once_into_js(f).unchecked_into()
}

/// Opens the database and reads the stored copy first (before any write): `newer` gets its text
/// when its stamp is later than `than`, the stamp of the copy the page was restored from.
pub fn open(than: f64, newer: impl FnOnce(String) + 'static) {
    let request = gloo::utils::window().indexed_db().ok().flatten().and_then(|f| f.open_with_u32(DB, 1).ok());
    let Some(request) = request else { return give_up() };
    let upgrade = request.clone();
    request.set_onupgradeneeded(Some(&callback(move || {
        if let Ok(db) = upgrade.result() {
            let _ = db.unchecked_into::<IdbDatabase>().create_object_store(STORE);
        }
    })));
    let opened = request.clone();
    request.set_onsuccess(Some(&callback(move || {
        let Ok(db) = opened.result().map(JsCast::unchecked_into::<IdbDatabase>) else { return give_up() };
        if let Ok(read) =
            db.transaction_with_str(STORE).and_then(|t| t.object_store(STORE)).and_then(|s| s.get(&RECORD.into()))
        {
            let done = read.clone();
            read.set_onsuccess(Some(&callback(move || {
                let record: Array = done.result().unwrap_or_default().dyn_into().unwrap_or_default();
                if let (Some(stamp), Some(text)) = (record.get(0).as_f64(), record.get(1).as_string()) {
                    if stamp > than {
                        newer(text);
                    }
                }
            })));
        }
        WRITER.with(|w| w.borrow_mut().db = Some(db));
        flush();
    })));
    request.set_onerror(Some(&callback(give_up)));
}

fn give_up() {
    WRITER.with(|w| w.borrow_mut().unavailable = true);
    flush();
}

/// Writes the report's JSON with its stamp; `done` runs once it is on disk (or cannot be).
pub fn write(stamp: f64, text: String, done: impl FnOnce() + 'static) {
    WRITER.with(|w| w.borrow_mut().next = Some((stamp, text, Box::new(done))));
    flush();
}

/// Starts the waiting write unless one is being committed or the database is not open yet.
fn flush() {
    let ready = WRITER.with(|w| {
        let mut w = w.borrow_mut();
        if w.busy || (w.db.is_none() && !w.unavailable) {
            return None;
        }
        let next = w.next.take()?;
        w.busy = w.db.is_some();
        Some((w.db.clone(), next))
    });
    let Some((db, (stamp, text, done))) = ready else { return };
    let Some(db) = db else { return done() };
    let finish = move || {
        WRITER.with(|w| w.borrow_mut().busy = false);
        done();
        flush();
    };
    let put = (|| {
        // db.transaction(STORE, "readwrite", { durability: "strict" }): web-sys has the options
        // only among its unstable APIs.
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())?;
        let transaction: Function = js_sys::Reflect::get(&db, &"transaction".into())?.unchecked_into();
        let t: IdbTransaction = transaction.call3(&db, &STORE.into(), &"readwrite".into(), &options)?.unchecked_into();
        t.object_store(STORE)?.put_with_key(&Array::of2(&stamp.into(), &text.into()), &RECORD.into())?;
        Ok::<_, JsValue>(t)
    })();
    match put {
        Ok(t) => {
            // Exactly one of these runs.
            let finish = callback(finish);
            t.set_oncomplete(Some(&finish));
            t.set_onabort(Some(&finish));
        }
        Err(_) => finish(),
    }
}
