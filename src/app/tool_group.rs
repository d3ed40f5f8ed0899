//! A labelled run of the toolbar's buttons: the toolbar draws its groups with it, and a feature
//! its own (the 导出 group), without the two using each other.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolGroupProps {
    pub label: AttrValue,
    pub children: Html,
}

/// A labelled run of buttons.
#[function_component]
pub fn ToolGroup(props: &ToolGroupProps) -> Html {
    html! { <div class="tool-group" role="group" aria-label={props.label.clone()}>{ props.children.clone() }</div> }
}
