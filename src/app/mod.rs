//! The web app: a thin Yew shell over the core. State is one [`Report`]; components render
//! it and send edits; every total and finding comes from the core.

mod table;

use crate::form::{self, Body};
use crate::report::Report;
use std::rc::Rc;
use table::TableView;
use yew::prelude::*;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// An edit the user made.
pub enum Edit {
    Cell { path: String, raw: String },
}

impl Reducible for Draft {
    type Action = Edit;
    fn reduce(self: Rc<Self>, action: Edit) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Edit::Cell { path, raw } => {
                next.report.set(&path, &raw);
            }
        }
        Rc::new(next)
    }
}

#[derive(Clone, PartialEq, Default)]
pub struct Draft {
    pub report: Report,
}

#[function_component]
pub fn App() -> Html {
    let draft = use_reducer(Draft::default);
    let on_edit = {
        let draft = draft.dispatcher();
        Callback::from(move |e: Edit| draft.dispatch(e))
    };
    let parts = form::PARTS.iter().map(|part| {
        let body = match part.body {
            Body::Text(t) => html! { <p class="hint">{ t.hint }</p> },
            Body::Table(i) => {
                html! { <TableView index={i} report={Rc::new(draft.report.clone())} on_edit={on_edit.clone()} /> }
            }
        };
        html! { <section class="part"><h2>{ part.heading }</h2>{ body }</section> }
    });
    html! {
        <main>
            <h1>{ "政府信息公开工作年度报告" }</h1>
            { for parts }
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::{HtmlInputElement, InputEvent};

    wasm_bindgen_test_configure!(run_in_browser);

    fn cell(root: &web_sys::Element, path: &str) -> HtmlInputElement {
        root.query_selector(&format!("[data-cell='{path}']")).unwrap().expect(path).unchecked_into()
    }

    #[wasm_bindgen_test]
    async fn typing_a_figure_updates_its_totals() {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<App>::with_root(root.clone()).render();
        yew::platform::time::sleep(Duration::from_millis(10)).await;

        let typed = form::cells().iter().filter(|c| !c.derived).count();
        assert_eq!(root.query_selector_all("input[data-cell]:not([readonly])").unwrap().length() as usize, typed);
        let input = cell(&root, "applications.granted.natural_person");
        input.set_value("20");
        input.dispatch_event(&InputEvent::new("input").unwrap()).unwrap();
        yew::platform::time::sleep(Duration::from_millis(10)).await;
        assert_eq!(cell(&root, "applications.total.natural_person").value(), "20");
        assert_eq!(cell(&root, "applications.granted.total").value(), "20");
        assert!(cell(&root, "applications.total.total").read_only());
    }
}
