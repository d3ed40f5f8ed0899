//! The findings panel: errors, then warnings, then what is still to fill, with counts; each
//! finding is a button that says where it goes and goes there. Below 1024 px (200 % zoom) the
//! panel is a bar at the foot of the window that folds open, so it stays in reach while typing.

use super::focus;
use crate::draft::Mark;
use crate::form;
use crate::grid::spoken;
use crate::rules::{Finding, Level, Rule};
use std::rc::Rc;
use yew::prelude::*;

/// Rules that only say something is not filled yet. An untouched report has nothing else to say,
/// so these are counted as work left (待填), in a quiet style, and never mark a field invalid: a
/// blank is not yet a mistake, and 166 「无效」 cells would bury the one real error.
pub fn to_fill(rule: Rule) -> bool {
    matches!(rule, Rule::CellMissing | Rule::TextRequired | Rule::MetaOrganMissing)
}

/// Whether a field's mark makes it invalid (`aria-invalid`): a finding other than "not filled".
pub fn shown_invalid(mark: &Mark) -> bool {
    !mark.rules.iter().all(|&r| to_fill(r))
}

/// The CSS class of a field's mark: its level, or `blank` when it is only still to fill.
pub fn mark_class(mark: &Mark) -> &'static str {
    match (shown_invalid(mark), mark.level) {
        (false, _) => "blank",
        (true, Level::Error) => "error",
        (true, Level::Warning) => "warning",
    }
}

/// Where a finding's button goes, as the user knows the place: a figure by its printed path,
/// a text part by its heading.
fn place(path: &str) -> String {
    if path == "organ" {
        return "机关名称".into();
    }
    if let Some(key) = path.strip_prefix("text.") {
        return form::text_parts()
            .find(|(_, p)| p.key == key)
            .map_or_else(|| key.to_string(), |(h, _)| if h.is_empty() { "开头部分".into() } else { h.to_string() });
    }
    form::cell_index(path).map_or_else(|| path.to_string(), |i| spoken(i).to_string())
}

/// Above this many rows not filled, they are one line of the panel, not one each.
const MISSING_LISTED: usize = 5;

fn item(rule: Rule, class: &'static str, message: String, target: Option<String>) -> Html {
    // A mark besides the colour; the group's heading says it in words.
    let icon = match class {
        "error" => "✕",
        _ => "!",
    };
    let go = target.as_ref().map(|t| format!("转到：{}", place(t)));
    let onclick = move |_| {
        if let Some(t) = &target {
            focus(t);
        }
    };
    html! {
        <li {class}>
            <button type="button" data-finding={rule.id()} {class} {onclick}>
                <span class="icon" aria-hidden="true">{ icon }</span>
                <span class="msg">{ message }</span>
                if let Some(go) = go { <span class="go">{ go }</span> }
            </button>
        </li>
    }
}

fn group(key: &'static str, label: &'static str, items: Vec<Html>, n: usize) -> Html {
    html! {
        <section class={classes!("finding-group", key)} data-level={key} aria-labelledby={format!("findings-{key}")}>
            <h3 id={format!("findings-{key}")}>{ label }<span class="n" data-count={key} data-empty={(n == 0).then_some("")}>{ n }</span></h3>
            if items.is_empty() {
                <p class="none">{ "无" }</p>
            } else {
                <ol>{ for items }</ol>
            }
        </section>
    }
}

#[function_component]
pub fn FindingsPanel(props: &FindingsProps) -> Html {
    let open = use_state(|| false);
    let f = &props.findings;
    let listed = |keep: &dyn Fn(&Finding) -> bool, class: &'static str| -> Vec<Html> {
        f.iter().filter(|x| keep(x)).map(|x| item(x.rule, class, x.message.clone(), x.cells.first().cloned())).collect()
    };
    let errors = listed(&|x| x.level() == Level::Error && !to_fill(x.rule), "error");
    let warnings = listed(&|x| x.level() == Level::Warning && !to_fill(x.rule), "warning");
    let missing: Vec<&Finding> = f.iter().filter(|x| x.rule == Rule::CellMissing).collect();
    let blank_cells: usize = missing.iter().map(|x| x.cells.len()).sum();
    let mut todo = listed(&|x| to_fill(x.rule) && x.rule != Rule::CellMissing, "warning");
    if missing.len() > MISSING_LISTED {
        let message = format!("还有 {blank_cells} 个数字未填写（{} 行）；空白不等于 0，没有的请填 0", missing.len());
        todo.push(item(Rule::CellMissing, "warning", message, missing[0].cells.first().cloned()));
    } else {
        todo.extend(listed(&|x| x.rule == Rule::CellMissing, "warning"));
    }
    let todo_n = f.iter().filter(|x| to_fill(x.rule) && x.rule != Rule::CellMissing).count() + blank_cells;
    let (ne, nw) = (errors.len(), warnings.len());
    let toggle = {
        let open = open.clone();
        move |_| open.set(!*open)
    };
    let summary = format!("错误 {ne}，警告 {nw}，待填 {todo_n}");
    html! {
        <aside class={classes!("findings", (*open).then_some("open"))} data-findings="" id="findings" tabindex="-1" aria-labelledby="findings-title">
            <div class="findings-head">
                <h2 id="findings-title">{ "校验结果" }</h2>
                // Said once per change, not the whole list: the counts are what changed.
                <span class="findings-counts" role="status" aria-live="polite">{ summary }</span>
                <button type="button" class="findings-toggle" data-action="toggle-findings" aria-expanded={(*open).to_string()}
                    aria-controls="findings-list" onclick={toggle}>{ if *open { "收起" } else { "展开" } }</button>
            </div>
            <div class="findings-list" id="findings-list">
                { group("error", "错误", errors, ne) }
                { group("warning", "警告", warnings, nw) }
                { group("todo", "待填", todo, todo_n) }
            </div>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Rc<Vec<Finding>>,
}
