//! 汇总与核查: choose or drop many reports (or a folder); each is read and checked in the page,
//! in slices so the page stays responsive, then [`crate::summary`] sorts, sums and compares
//! them. The draft is untouched until the user opens a report or the 汇总 as the draft.
//!
//! An on-demand chunk (`nianbao-summary`, `src/bin/summary.rs`): [`open`] mounts the view as a
//! Yew root of its own in the container the editor gives; a report goes back to the editor only
//! through [`chunk::hand_to_editor`].

mod detail;
mod indicators;
mod organs;
mod read;
mod roster;
#[cfg(test)]
mod tests;
mod view;

use super::{chunk, storage};
use crate::report::{Report, Scope};
use crate::summary::roster::Roster;
use crate::summary::{self, copies, CopySearch, File, Options, Summary};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;
use web_sys::{DragEvent, HtmlDialogElement, HtmlInputElement};
use yew::prelude::*;

/// A slice of reading runs this long before the page gets a turn (progress bar, input): well
/// under the 200 ms a task may take, even on a busy machine.
const SLICE_MS: f64 = 40.0;

/// How often the progress bar is redrawn while reading.
const PROGRESS_MS: f64 = 150.0;

fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// Gives the event loop a turn: resolves on a message posted to itself, a task of its own
/// (browsers hold a timeout set from a timeout, as each of these turns would be, for 4 ms).
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = gloo::utils::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            return;
        };
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::UNDEFINED);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Shared data compared by identity: a change is a new `Rc`, and comparing thousands of
/// reports on every render would cost more than drawing them.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared(Rc::default())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What the user decided about the files: the year, the roster, what is included against its
/// role, which suggested roster organs are accepted (and which refused).
#[derive(Clone, Default, PartialEq)]
pub struct Choices {
    pub year: Option<i32>,
    pub roster: Option<Shared<Roster>>,
    pub include: BTreeSet<usize>,
    pub accept: BTreeSet<usize>,
    /// Files whose suggested roster organ the user said is not theirs: the suggestion is no
    /// longer offered (the page's own; the core only knows what is accepted).
    pub refuse: BTreeSet<usize>,
}

impl Choices {
    fn options(&self, copies: CopySearch) -> Options {
        let today = js_sys::Date::new_0();
        Options {
            year: self.year,
            today: Some((today.get_full_year() as i32, today.get_month() + 1)),
            roster: self.roster.as_ref().map(|r| (*r.0).clone()),
            include: self.include.clone(),
            accept: self.accept.clone(),
            copies,
        }
    }
}

/// The last summary made, and of what; the copies found among the files, kept while the year
/// stays (looking for them is most of a summary's work, and is done in slices apart).
#[derive(Default)]
struct Summed {
    files: Option<Shared<Vec<File>>>,
    choices: Choices,
    summary: Shared<Summary>,
    found: Option<(Shared<Vec<File>>, Arc<copies::Found>)>,
}

impl Summed {
    /// The summary of `files` with `choices`: the one kept, or made anew.
    fn of(&mut self, files: &Shared<Vec<File>>, choices: &Choices) -> Shared<Summary> {
        if self.files.as_ref() != Some(files) || self.choices != *choices {
            let copies = match &self.found {
                Some((of, found)) if of == files => CopySearch::Found(found.clone()),
                _ => CopySearch::Later,
            };
            self.summary = Shared(Rc::new(summary::summarise_with(files, &[], &choices.options(copies))));
            (self.files, self.choices) = (Some(files.clone()), choices.clone());
        }
        self.summary.clone()
    }

    /// Keeps the copies found among `files`: the next summary is made with them.
    fn keep(&mut self, files: &Shared<Vec<File>>, found: copies::Found) {
        self.found = Some((files.clone(), Arc::new(found)));
        self.files = None;
    }
}

/// What the page is busy with, and how far it is.
#[derive(Clone, Default, PartialEq)]
struct Progress {
    done: usize,
    of: usize,
    /// Comparing the reports' texts (after reading, or for another year), not reading.
    comparing: bool,
}

/// Looks for copies among the reports of `year`, a report at a time, giving the page a turn
/// every slice and the bar its progress.
async fn find_copies(files: &[File], year: i32, progress: &UseStateHandle<Progress>) -> copies::Found {
    let mut finder = copies::Finder::new(files, year);
    let (mut slice, mut shown) = (now(), now());
    while finder.step(files) {
        if now() - slice > SLICE_MS {
            if now() - shown > PROGRESS_MS {
                progress.set(Progress { done: finder.done(), of: finder.len(), comparing: true });
                shown = now();
            }
            yield_now().await;
            slice = now();
        }
    }
    finder.finish(files)
}

thread_local! {
    /// The mounted view and how many times it was opened.
    static MOUNTED: RefCell<Option<(yew::AppHandle<Root>, u32)>> = const { RefCell::new(None) };
}

/// Opens the view: mounted into `container` on the first call, shown again (its files kept) after.
pub fn open(container: web_sys::Element) {
    MOUNTED.with_borrow_mut(|mounted| match mounted {
        Some((app, opens)) => {
            *opens += 1;
            app.update(RootProps { opens: *opens });
        }
        None => {
            // Yew numbers its roots from 1 in each wasm instance and tells them apart by that
            // number on the DOM: the editor's root (the body, no portals) is 1, so a throwaway
            // root takes 1 here and the view's root, inside the editor's, gets 2.
            let scratch = gloo::utils::document().create_element("div").unwrap();
            yew::Renderer::<Root>::with_root_and_props(scratch, RootProps { opens: 0 }).render().destroy();
            *mounted =
                Some((yew::Renderer::<Root>::with_root_and_props(container, RootProps { opens: 1 }).render(), 1));
        }
    });
}

#[derive(Properties, PartialEq)]
struct RootProps {
    /// Bumped on every opening.
    opens: u32,
}

#[function_component]
fn Root(props: &RootProps) -> Html {
    let open = use_state(|| false);
    {
        let open = open.clone();
        use_effect_with(props.opens, move |opens| open.set(*opens > 0));
    }
    let shown = *open;
    let on_close = Callback::from(move |()| open.set(false));
    html! { <SummaryView open={shown} {on_close} /> }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    open: bool,
    on_close: Callback<()>,
}

/// The view, a full-page dialog; kept mounted when closed so the files stay.
#[function_component]
fn SummaryView(props: &SummaryProps) -> Html {
    let files = use_state(|| Shared(Rc::new(Vec::<File>::new())));
    let choices = use_state(|| Choices { roster: roster::stored().map(|r| Shared(Rc::new(r))), ..Choices::default() });
    let progress = use_state(Progress::default);
    // Files of chosen or dropped folders that are not report files.
    let skipped = use_state(Vec::<String>::new);
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with(props.open, move |open| {
            // What Ctrl+P prints while the view is open (style.css), without a costly body:has().
            let root = gloo::utils::document_element();
            let _ = if *open { root.set_attribute("data-view", "summary") } else { root.remove_attribute("data-view") };
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                match (*open, d.open()) {
                    (true, false) => {
                        let _ = d.show_modal();
                    }
                    (false, true) => d.close(),
                    _ => {}
                }
            }
        });
    }
    // The summary of the files and inclusions drawn, kept until either changes. Reading files
    // sums them in a task of its own before they are drawn, so neither task is long.
    let summed = use_mut_ref(Summed::default);
    let summary = summed.borrow_mut().of(&files, &choices);
    {
        let (files, progress, summed) = (files.clone(), progress.clone(), summed.clone());
        let wanted = summary.year.filter(|_| summary.copies_pending && progress.of == 0);
        use_effect_with(((*files).clone(), wanted), move |(_, wanted)| {
            if let Some(year) = *wanted {
                let files = (*files).clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let found = find_copies(&files, year, &progress).await;
                    // Kept only if the files are still those shown (not cleared or added to meanwhile).
                    if summed.borrow().files.as_ref() == Some(&files) {
                        summed.borrow_mut().keep(&files, found);
                    }
                    progress.set(Progress::default());
                });
            }
        });
    }
    let add = {
        let (files, progress, skipped, summed) = (files.clone(), progress.clone(), skipped.clone(), summed.clone());
        Callback::from(move |chosen: Vec<read::Chosen>| {
            let choice = read::Choice::new(chosen);
            if !choice.skipped.is_empty() {
                skipped.set([(*skipped).clone(), choice.skipped].concat());
            }
            let chosen = choice.files;
            if chosen.is_empty() {
                return;
            }
            let (files, progress, summed) = (files.clone(), progress.clone(), summed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut read: Vec<File> = files.0.to_vec();
                let done_before = read.len();
                let of = chosen.len();
                progress.set(Progress { done: 0, of, comparing: false });
                let sizes: Vec<f64> = chosen.iter().map(|c| c.file.as_ref().map_or(0.0, |f| f.size())).collect();
                let (mut slice, mut shown) = (now(), now());
                let batches: Vec<&[read::Chosen]> = read::batches(&sizes).into_iter().map(|b| &chosen[b]).collect();
                let mut fetches = batches.iter().map(|&batch| (batch, read::Fetch::start(batch)));
                let mut next = fetches.next();
                while let Some((batch, fetch)) = next {
                    let bytes = fetch.bytes().await;
                    // The next batch is read from disk while this one is checked.
                    next = fetches.next();
                    for (f, bytes) in batch.iter().zip(bytes) {
                        read.push(read::read_one(f, bytes).await);
                        if now() - slice > SLICE_MS {
                            // The bar is redrawn a few times a second, not at every turn.
                            if now() - shown > PROGRESS_MS {
                                progress.set(Progress { done: read.len() - done_before, of, comparing: false });
                                shown = now();
                            }
                            yield_now().await;
                            slice = now();
                        }
                    }
                }
                let read = Shared(Rc::new(read));
                let choices = summed.borrow().choices.clone();
                // The copies first, in slices, so that the summary drawn has them.
                if let (Some(year), _) = summary::year_of(&read, &choices.options(CopySearch::Later)) {
                    let found = find_copies(&read, year, &progress).await;
                    summed.borrow_mut().keep(&read, found);
                }
                summed.borrow_mut().of(&read, &choices);
                yield_now().await;
                progress.set(Progress::default());
                files.set(read);
            });
        })
    };
    let onchange = {
        let add = add.clone();
        move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                add.emit(read::from_list(&list));
            }
            input.set_value("");
        }
    };
    let ondrop = {
        let add = add.clone();
        move |e: DragEvent| {
            e.prevent_default();
            if let Some(data) = e.data_transfer() {
                let dropped = read::dropped(&data);
                let add = add.clone();
                wasm_bindgen_futures::spawn_local(async move { add.emit(dropped.await) });
            }
        }
    };
    let clear = {
        let (files, choices, skipped) = (files.clone(), choices.clone(), skipped.clone());
        move |_| {
            files.set(Shared(Rc::default()));
            // The roster and the year stay: they are about the season, not these files.
            choices.set(Choices { roster: choices.roster.clone(), year: choices.year, ..Choices::default() });
            skipped.set(Vec::new());
        }
    };
    let toggle = {
        let choices = choices.clone();
        Callback::from(move |i: usize| {
            let mut next = (*choices).clone();
            if !next.include.remove(&i) {
                next.include.insert(i);
            }
            choices.set(next);
        })
    };
    let choose = {
        let choices = choices.clone();
        Callback::from(move |change: Box<dyn Fn(&mut Choices)>| {
            let mut next = (*choices).clone();
            change(&mut next);
            if next.roster != choices.roster {
                roster::store(next.roster.as_deref());
            }
            choices.set(next);
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let oncancel = {
        let on_close = props.on_close.clone();
        move |e: Event| {
            e.prevent_default();
            on_close.emit(());
        }
    };
    let busy = progress.of > 0;
    let bar = busy.then(|| {
        html! {
            <div class="summary-progress" role="status" data-summary="progress">
                <progress max={progress.of.to_string()} value={progress.done.to_string()}></progress>
                { if progress.comparing {
                    format!(" 正在比对各报告正文是否雷同 {} / {}……", progress.done / 2, progress.of / 2)
                } else {
                    format!(" 正在读取 {} / {} 个文件……", progress.done, progress.of)
                } }
            </div>
        }
    });
    let open_draft = open_as_draft(props);
    html! {
        <dialog class="import-dialog summary-dialog" ref={dialog} aria-labelledby="summary-title" data-summary="dialog" {oncancel}>
            <header>
                <h2 id="summary-title">{ "汇总与核查" }</h2>
                <button type="button" class="close" title="关闭（Esc）" onclick={close.clone()}>{ "×" }</button>
            </header>
            <div class="summary-input" ondragover={|e: DragEvent| e.prevent_default()} {ondrop} data-summary="drop">
                <label class="import-file">{ "选择报告文件（可多选）：" }
                    <input type="file" multiple=true data-action="summary-files" onchange={onchange.clone()}
                        accept={crate::summary::accept(true)} />
                </label>
                <label class="import-file">{ "或选择文件夹：" }
                    <input type="file" webkitdirectory=true data-action="summary-folder" {onchange} />
                </label>
                <span class="hint">{ "也可将文件或文件夹拖放到此处。JSON 报告及已发布报告（PDF、Word、网页、文本、Excel）均可，在本机浏览器中读取，不上传。" }</span>
                <span class="spacer"></span>
                <button type="button" data-action="summary-clear" onclick={clear} disabled={files.is_empty() || busy}>{ "清空" }</button>
            </div>
            { for bar }
            if !skipped.is_empty() {
                <p class="summary-skipped muted" data-summary="skipped" title={skipped.join("\n")}>
                    { format!("文件夹中有 {} 个文件不是报告文件（只读取 {}），已跳过：{}", skipped.len(),
                        summary::report_files().iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join("、"), skipped_names(&skipped)) }
                </p>
            }
            // Drawn only while open: closed, its files stay but no second `[data-cell]` is in the page.
            if props.open {
                <view::Body files={(*files).clone()} summary={summary} choices={(*choices).clone()} {choose} {toggle} {open_draft} {busy} />
            }
            <footer>
                <span class="spacer"></span>
                <button type="button" data-action="summary-close" onclick={close}>{ "关闭" }</button>
            </footer>
        </dialog>
    }
}

/// The first few skipped files, by name.
fn skipped_names(skipped: &[String]) -> String {
    const SHOWN: usize = 5;
    let names = skipped.iter().take(SHOWN).map(String::as_str).collect::<Vec<_>>().join("、");
    if skipped.len() > SHOWN {
        format!("{names} 等")
    } else {
        names
    }
}

/// Hands a report to the editor as the draft; the view closes unless the user declined there.
fn open_as_draft(props: &SummaryProps) -> Callback<(Report, String)> {
    let on_close = props.on_close.clone();
    Callback::from(move |(report, note): (Report, String)| {
        if chunk::hand_to_editor(&report, &note) {
            on_close.emit(());
        }
    })
}

/// The 汇总 as this year's draft: scope 汇总, the organ asked for.
fn total_as_draft(summary: &Summary) -> Option<(Report, String)> {
    let mut total = summary.total.clone()?;
    let organ = gloo::dialogs::prompt("汇总报告的机关名称（如“某某县人民政府”）：", Some(""))?;
    total.organ = organ.trim().to_string();
    total.scope = Scope::Aggregate;
    let n = summary.rows.iter().filter(|r| r.role == summary::Role::Summed).count();
    let note =
        format!("已将 {n} 份报告的汇总作为本年草稿（汇总）：请补充正文后导出（如需回到原草稿，可按 Ctrl+Z 撤销）。");
    Some((total, note))
}

/// Whether the downloads of problems wait for the copies being looked for, and the tooltip
/// that says so.
fn copies_wait(summary: &Summary) -> (bool, Option<&'static str>) {
    let pending = summary.copies_pending;
    (pending, pending.then_some("正在比对各报告正文是否雷同，完成后即可下载"))
}

/// Offers an .xlsx made in the page.
fn offer_xlsx(name: &str, bytes: Vec<u8>) {
    storage::offer(name, &bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}
