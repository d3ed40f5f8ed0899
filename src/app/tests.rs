//! Component tests in headless Chromium: the page's logic as a user meets it.

use super::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, InputEvent};

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(10)).await;
}

async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    tick().await;
    root
}

fn cell(root: &Element, path: &str) -> HtmlInputElement {
    root.query_selector(&format!("[data-cell='{path}']")).unwrap().expect(path).unchecked_into()
}

async fn type_into(root: &Element, path: &str, value: &str) {
    let input = cell(root, path);
    input.set_value(value);
    input.dispatch_event(&InputEvent::new("input").unwrap()).unwrap();
    tick().await;
}

#[wasm_bindgen_test]
async fn typing_a_figure_updates_its_totals() {
    let root = mount().await;
    let typed = form::cells().iter().filter(|c| !c.derived).count();
    assert_eq!(root.query_selector_all("input[data-cell]:not([readonly])").unwrap().length() as usize, typed);
    type_into(&root, "applications.granted.natural_person", "20").await;
    assert_eq!(cell(&root, "applications.total.natural_person").value(), "20");
    assert_eq!(cell(&root, "applications.granted.total").value(), "20");
    assert!(cell(&root, "applications.total.total").read_only());
}
