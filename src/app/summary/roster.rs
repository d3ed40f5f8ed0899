//! The roster (应报单位名单) in the view: pasted, opened from a .txt/.xlsx/.xls, or taken from
//! last year's organs; kept in the browser for the next session; and against the year's files,
//! the counts at the top (已报 / 未报 / 有错误 / 重复 / 名单外), 未报 by name, and each near match
//! offered with 确认 / 不是 — never taken by itself.

use super::super::{files, storage};
use super::{Choices, Shared};
use crate::summary::roster::Roster;
use crate::summary::{File, Role, Summary};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Where the roster is kept between sessions, as one organ a line.
const KEY: &str = "nianbao.summary.roster";

/// The roster kept from the last session, if any.
pub fn stored() -> Option<Roster> {
    let text = storage::local_storage().ok()?.get_item(KEY).ok()??;
    Some(Roster::parse(&text)).filter(|r| !r.is_empty())
}

/// Keeps the roster for the next session (or forgets it). A browser that will not store it
/// (private mode, storage full) only loses it for next time: the view goes on with it.
pub fn store(roster: Option<&Roster>) {
    if let Ok(s) = storage::local_storage() {
        let _ = match roster {
            Some(r) => s.set_item(KEY, &r.to_text()),
            None => s.remove_item(KEY),
        };
    }
}

/// A change to the user's choices, applied by the view.
pub type Choose = Callback<Box<dyn Fn(&mut Choices)>>;

fn set_roster(choose: &Choose, roster: Option<Roster>) {
    let roster = roster.map(|r| Shared(Rc::new(r)));
    choose.emit(Box::new(move |c: &mut Choices| {
        c.roster = roster.clone();
        // Accepted suggestions were for the old roster's organs.
        c.accept.clear();
        c.refuse.clear();
    }));
}

/// Last year's organs among the files, as a roster (「取上年机关」).
fn last_years(files: &[File], summary: &Summary) -> Roster {
    Roster::new(
        summary
            .rows
            .iter()
            .filter(|r| r.role == Role::LastYear)
            .filter_map(|r| files[r.file].report())
            .map(|r| &r.organ),
    )
}

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub files: Shared<Vec<File>>,
    pub summary: Shared<Summary>,
    pub choices: Choices,
    pub choose: Choose,
}

/// The roster: what it holds, and the ways to give one.
#[function_component]
pub fn Panel(props: &PanelProps) -> Html {
    let editing = use_state(|| false);
    let error = use_state(|| None::<String>);
    let text = use_node_ref();
    let roster = props.choices.roster.as_ref();
    let from_last = last_years(&props.files, &props.summary);
    let use_text = {
        let (text, choose, editing, error) = (text.clone(), props.choose.clone(), editing.clone(), error.clone());
        move |_| {
            let Some(area) = text.cast::<HtmlTextAreaElement>() else { return };
            let roster = Roster::parse(&area.value());
            if roster.is_empty() {
                error.set(Some("粘贴的内容中没有单位名称：请每行粘贴一个单位".into()));
                return;
            }
            error.set(None);
            editing.set(false);
            set_roster(&choose, Some(roster));
        }
    };
    let open_file = {
        let (choose, editing, error) = (props.choose.clone(), editing.clone(), error.clone());
        move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (choose, editing, error) = (choose.clone(), editing.clone(), error.clone());
            storage::read_chosen(&input, move |name, bytes| {
                wasm_bindgen_futures::spawn_local(async move {
                    let read = match bytes {
                        Ok(b) => files::read_roster(&name, &b).await,
                        Err(why) => Err(why),
                    };
                    match read {
                        Ok(text) => {
                            error.set(None);
                            editing.set(false);
                            set_roster(&choose, Some(Roster::parse(&text)));
                        }
                        Err(why) => error.set(Some(format!("名单文件无法读取：{why}"))),
                    }
                });
            });
        }
    };
    let take_last = {
        let (choose, editing, roster) = (props.choose.clone(), editing.clone(), from_last.clone());
        move |_| {
            editing.set(false);
            set_roster(&choose, Some(roster.clone()));
        }
    };
    let forget = {
        let choose = props.choose.clone();
        move |_| set_roster(&choose, None)
    };
    let error = (*error).clone().map(|e| html! { <p class="import-error" role="alert">{ e }</p> });
    let form = (roster.is_none() || *editing).then(|| {
        let current = roster.map(|r| r.to_text()).unwrap_or_default();
        html! {
            <div class="summary-roster-form">
                <label for="summary-roster-text">{ "粘贴应报单位名单（每行一个单位，可从 Excel 复制一列）：" }</label>
                <textarea id="summary-roster-text" data-action="summary-roster-text" rows="3" ref={text} defaultvalue={current} />
                <div class="summary-detail-actions">
                    <button type="button" class="primary" data-action="summary-roster-use" onclick={use_text}>{ "使用此名单" }</button>
                    <label class="import-file">{ "或打开名单文件（.txt、.xlsx、.xls）：" }
                        <input type="file" data-action="summary-roster-file" accept=".txt,.csv,.xlsx,.xls,.et" onchange={open_file} />
                    </label>
                    if !from_last.is_empty() {
                        <button type="button" data-action="summary-roster-last" onclick={take_last}>
                            { format!("取上年机关（{} 个）", from_last.len()) }</button>
                    }
                    if *editing {
                        <button type="button" onclick={let e = editing.clone(); move |_| e.set(false)}>{ "取消" }</button>
                    }
                </div>
            </div>
        }
    });
    html! {
        <section class="summary-roster" aria-labelledby="summary-roster-title" data-summary="roster">
            <h3 id="summary-roster-title">{ "应报单位名单" }</h3>
            if let Some(r) = roster {
                <p>
                    { format!("名单共 {} 个单位（保存在本浏览器中，下次打开仍在）。", r.len()) }
                    if !*editing {
                        <button type="button" data-action="summary-roster-edit" onclick={let e = editing.clone(); move |_| e.set(true)}>{ "修改名单" }</button>
                        { " " }
                        <button type="button" data-action="summary-roster-clear" onclick={forget}>{ "不用名单" }</button>
                    }
                </p>
            } else {
                <p class="muted">{ "给出名单，即可看到哪些单位未报、哪些文件不在名单中。" }</p>
            }
            { for form }
            { for error }
        </section>
    }
}

/// The counts at the top, 未报 by name, and the near matches to confirm (a function, not a
/// component: it keeps no state, and each component costs the chunk its own glue).
pub fn counts(props: &PanelProps) -> Html {
    let s = &props.summary;
    let c = s.counts();
    let missing = s.missing();
    let count = |key: &'static str, label: &str, n: usize| {
        html! { <span class={classes!("count", key, (n > 0 && key != "reported").then_some("some"))} data-count={key}>{ format!("{label} {n}") }</span> }
    };
    let suggestions = s.roster.iter().flat_map(|state| {
        state.suggestions.iter().enumerate().filter_map(move |(k, f)| Some((state.roster.organs[k].clone(), (*f)?)))
    });
    let suggestions: Vec<Html> = suggestions
        .filter(|(_, f)| !props.choices.refuse.contains(f))
        .map(|(organ, f)| {
            let file = &props.files[f];
            let theirs = file.report().map(|r| r.organ.clone()).unwrap_or_default();
            let accept = {
                let choose = props.choose.clone();
                move |_| {
                    choose.emit(Box::new(move |c: &mut Choices| {
                        c.accept.insert(f);
                    }))
                }
            };
            let refuse = {
                let choose = props.choose.clone();
                move |_| {
                    choose.emit(Box::new(move |c: &mut Choices| {
                        c.refuse.insert(f);
                    }))
                }
            };
            html! {
                <li data-suggestion={organ.clone()}>
                    { format!("名单中的「{organ}」可能就是报告中的「{theirs}」（{}）", file.name) }
                    <button type="button" data-action="summary-accept" onclick={accept}
                        aria-label={format!("确认「{theirs}」就是名单中的「{organ}」")}>{ "确认" }</button>
                    <button type="button" data-action="summary-refuse" onclick={refuse}
                        aria-label={format!("「{theirs}」不是名单中的「{organ}」")}>{ "不是" }</button>
                </li>
            }
        })
        .collect();
    html! {
        <div class="summary-status" data-summary="counts">
            <p class="summary-counts">
                { count("reported", "已报", c.reported) }
                if s.roster.is_some() { { count("missing", "未报", c.missing) } }
                { count("errors", "有错误", c.errors) }
                { count("duplicates", "重复", c.duplicates) }
                if s.roster.is_some() { { count("off-roster", "名单外", c.off_roster) } }
            </p>
            if !missing.is_empty() {
                <p class="summary-missing" data-summary="missing">{ format!("未报（{} 个）：{}", missing.len(), missing.join("、")) }</p>
            }
            if !suggestions.is_empty() {
                <div class="summary-suggestions">
                    <p>{ "以下名称相近，请确认是否为同一单位（确认前不计为已报）：" }</p>
                    <ul data-summary="suggestions">{ for suggestions }</ul>
                </div>
            }
        </div>
    }
}
