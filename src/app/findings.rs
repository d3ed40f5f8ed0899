//! The findings panel: errors, then warnings, with counts; clicking one goes to its cell.

use super::focus;
use crate::rules::{Finding, Level};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Rc<Vec<Finding>>,
}

fn group(findings: &[Finding], level: Level) -> Html {
    let items: Vec<&Finding> = findings.iter().filter(|f| f.level() == level).collect();
    let class = match level {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let list = items.iter().map(|f| {
        let target = f.cells.first().cloned();
        let go = move || {
            if let Some(t) = &target {
                focus(t);
            }
        };
        let onclick = {
            let go = go.clone();
            move |_| go()
        };
        let onkeydown = move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                go();
            }
        };
        html! {
            <li data-finding={f.rule.id()} class={class} {onclick} {onkeydown} tabindex="0" title="点击定位到相应位置">{ &f.message }</li>
        }
    });
    html! {
        <section class={classes!("finding-group", class)} data-level={class}>
            <h3>{ level.label() }<span class="n" data-count={class} data-empty={items.is_empty().then_some("")}>{ items.len() }</span></h3>
            if items.is_empty() {
                <p class="none">{ "无" }</p>
            } else {
                <ol>{ for list }</ol>
            }
        </section>
    }
}

#[function_component]
pub fn FindingsPanel(props: &FindingsProps) -> Html {
    html! {
        <aside class="findings" data-findings="" aria-label="校验结果" aria-live="polite">
            <h2>{ "校验结果" }</h2>
            { group(&props.findings, Level::Error) }
            { group(&props.findings, Level::Warning) }
        </aside>
    }
}
