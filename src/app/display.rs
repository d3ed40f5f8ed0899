//! 大字 and 高对比度 (适老化): two toggles in the toolbar that set `data-large` and
//! `data-contrast="high"` on the page's root, where the CSS makes the whole page larger (rem, so
//! every text grows with it) or starker. Remembered in localStorage and applied again as the
//! page opens.

use super::tool_group::ToolGroup;
use yew::prelude::*;

const KEY: &str = "nianbao.display";

#[derive(Clone, Copy, PartialEq, Default)]
struct Display {
    large: bool,
    contrast: bool,
}

fn stored() -> Display {
    let text = gloo::utils::window().local_storage().ok().flatten().and_then(|s| s.get_item(KEY).ok().flatten());
    let text = text.unwrap_or_default();
    Display { large: text.contains("large"), contrast: text.contains("contrast") }
}

fn apply(d: Display) {
    let root = gloo::utils::document_element();
    let _ = if d.large { root.set_attribute("data-large", "") } else { root.remove_attribute("data-large") };
    let _ =
        if d.contrast { root.set_attribute("data-contrast", "high") } else { root.remove_attribute("data-contrast") };
    let words =
        [d.large.then_some("large"), d.contrast.then_some("contrast")].into_iter().flatten().collect::<Vec<_>>();
    if let Some(s) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = s.set_item(KEY, &words.join(" "));
    }
}

/// The 显示 group: 大字 and 高对比度, each a toggle button (`aria-pressed`).
#[function_component]
pub fn DisplayGroup() -> Html {
    let display = use_state(stored);
    {
        let d = *display;
        use_effect_with(d, move |d| apply(*d));
    }
    let toggle = |f: fn(&mut Display)| {
        let display = display.clone();
        move |_| {
            let mut d = *display;
            f(&mut d);
            display.set(d);
        }
    };
    html! {
        <ToolGroup label="显示">
            <button type="button" data-action="large-text" aria-pressed={display.large.to_string()}
                title="放大整个页面的文字和按钮（适老化），再按一次恢复；本机记住此设置"
                onclick={toggle(|d| d.large = !d.large)}>{ "大字" }</button>
            <button type="button" data-action="high-contrast" aria-pressed={display.contrast.to_string()}
                title="黑白高对比度显示，再按一次恢复；本机记住此设置"
                onclick={toggle(|d| d.contrast = !d.contrast)}>{ "高对比度" }</button>
        </ToolGroup>
    }
}
