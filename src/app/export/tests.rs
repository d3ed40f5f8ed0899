//! Component tests of the 导出 group and the 公文版头 fields, and the exporters' time in the browser.

use super::super::tests::{mount, tick, Page, FIXTURE};
use crate::export::{docx, print, xlsx};
use crate::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

#[wasm_bindgen_test]
async fn the_wrapper_checkbox_follows_the_issuer() {
    let page = mount(None).await;
    let check = || page.el("[data-field='docx-wrapper']").unchecked_into::<HtmlInputElement>();
    assert!(check().disabled() && !check().checked(), "no 发文机关, no wrapper");
    page.type_into("[data-document='issuer']", "某县人民政府办公室").await;
    page.type_into("[data-document='notice']", "现将报告印发给你们。").await;
    assert!(!check().disabled() && check().checked(), "filling the 公文版头 means it is wanted");
    assert!(page.el("[data-section='document'] summary").text_content().unwrap().contains("某县人民政府办公室"));
    check().click();
    tick().await;
    assert!(!check().checked(), "unticked for a plain report");
    page.el("[data-action='import-report']").unchecked_into::<HtmlElement>().click();
    tick().await;
    assert_eq!(page.count("dialog[open]"), 1);
    assert!(!check().checked(), "the toolbar keeps its state while the import dialog opens");
    page.el("[data-action='import-cancel']").unchecked_into::<HtmlElement>().click();
    tick().await;
    assert!(!check().checked(), "and after it closes");
    let body = gloo::utils::document().body().unwrap();
    page.key(&body, "z", true).await;
    page.key(&body, "z", true).await;
    let issuer = page.el("[data-document='issuer']").unchecked_into::<HtmlInputElement>();
    assert_eq!(issuer.value(), "", "wrapper fields are undone like any edit");
    assert!(check().disabled());
}

/// The notice once it says `what` (the exports are async: the files chunk loads first); polls.
async fn notice_saying(page: &Page, what: &str) -> String {
    let notice = || page.root_query("[data-notice]").and_then(|n| n.text_content()).unwrap_or_default();
    for _ in 0..500 {
        if notice().contains(what) {
            break;
        }
        tick().await;
    }
    notice()
}

#[wasm_bindgen_test]
async fn an_export_says_how_many_errors_are_left() {
    let page = mount(Some(FIXTURE)).await;
    page.el("[data-action='download-xlsx']").unchecked_into::<HtmlElement>().click();
    let notice = notice_saying(&page, "已导出").await;
    assert_eq!(notice, "已导出「泉州市泉港区人民政府2023年政府信息公开工作年度报告.xlsx」×");
    page.type_into("[data-cell='proactive.penalty']", "-3").await;
    page.type_into("[data-cell='applications.granted.natural_person']", "1").await;
    let errors = page.el("[data-count='error']").text_content().unwrap();
    page.el("[data-action='download-docx']").unchecked_into::<HtmlElement>().click();
    let notice = notice_saying(&page, ".docx").await;
    assert_eq!(page.count("[data-notice='error']"), 1);
    assert!(notice.contains(&format!("；报告仍有 {errors} 个错误，请核对后再印发。")), "{notice}");
}

/// Logs the milliseconds each exporter takes for the fixture (best of five, after a warm-up).
#[wasm_bindgen_test]
fn exports_of_the_fixture_take_milliseconds() {
    let report = json::from_str(FIXTURE).unwrap();
    let performance = gloo::utils::window().performance().unwrap();
    let best = |f: &dyn Fn() -> usize| {
        f();
        (0..5)
            .map(|_| {
                let start = performance.now();
                assert!(f() > 0);
                performance.now() - start
            })
            .fold(f64::INFINITY, f64::min)
    };
    let wrapped = docx::DocxOptions { wrapper: true };
    let times = [
        ("docx", best(&|| docx::write(&report, &wrapped).len())),
        ("xlsx", best(&|| xlsx::write(&report).len())),
        ("print", best(&|| print::html(&report).len())),
    ];
    for (format, ms) in times {
        console_log!("export {format}: {ms:.1} ms");
        assert!(ms < 1000.0, "{format} took {ms} ms");
    }
}

#[wasm_bindgen_test]
async fn every_wrapper_field_is_saved_in_the_report() {
    let page = mount(None).await;
    assert_eq!(page.count("[data-document]"), 9);
    let keys: Vec<String> =
        crate::report::Document::default().fields_mut().iter().map(|(k, _)| k.to_string()).collect();
    for key in &keys {
        page.type_into(&format!("[data-document='{key}']"), &format!("填{key}")).await;
    }
    yew::platform::time::sleep(std::time::Duration::from_millis(500)).await;
    let storage = gloo::utils::window().local_storage().unwrap().unwrap();
    let mut saved = json::from_str(&storage.get_item(crate::app::storage::KEY).unwrap().unwrap()).unwrap().document;
    for (key, value) in saved.fields_mut() {
        assert_eq!(*value, format!("填{key}"));
    }
}
