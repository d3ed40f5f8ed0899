//! The 考核自查 panel: what assessors check, each point met or not ([`crate::selfcheck`]);
//! clicking a point goes to the finding that says what to fix.

use crate::report::Report;
use crate::rules::Finding;
use crate::selfcheck::{self, State};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SelfCheckProps {
    pub report: Rc<Report>,
    pub findings: Rc<Vec<Finding>>,
}

#[function_component]
pub fn SelfCheck(props: &SelfCheckProps) -> Html {
    let now = js_sys::Date::new_0();
    let today = (now.get_full_year() as i32, now.get_month() + 1, now.get_date());
    let points = selfcheck::points(&props.report, &props.findings, Some(today));
    let unmet = selfcheck::unmet(&points);
    let items = points.into_iter().map(|p| {
        let mark = match p.state {
            State::Met => "✓",
            State::NotMet => "✗",
            State::Unknown => "？",
        };
        let go = p.finding.clone().map(|f| Callback::from(move |_: MouseEvent| super::text::focus_finding(&f)));
        let title = if go.is_some() { "点击定位到需要修改的位置" } else { "" };
        html! {
            <li data-check={p.key} data-state={p.state.key()} class={classes!(p.state.key(), go.is_some().then_some("link"))}
                onclick={go} title={title}>
                <span class="mark" aria-hidden="true">{ mark }</span>
                <b>{ p.what }</b>
                <span class="detail">{ p.detail }</span>
            </li>
        }
    });
    html! {
        <details class="selfcheck" data-selfcheck="" open=true>
            <summary>{ "考核自查" }<span class="n" data-selfcheck-unmet={unmet.to_string()}>{ if unmet == 0 { "均已达到".to_string() } else { format!("{unmet} 项未达到") } }</span></summary>
            <ul>{ for items }</ul>
        </details>
    }
}
