//! The import dialog in headless Chromium: paste → review → accept, and bad input.

use crate::app::tests::{mount, tick, Page};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

const TEXT: &str = include_str!("../../../tests/fixtures/泉港区-2023.txt");

async fn click(page: &Page, selector: &str) {
    page.el(selector).unchecked_into::<HtmlElement>().click();
    tick().await;
}

/// Clicks 识别 and waits (polling) for the review or the error: reading is async (the files chunk).
async fn run(page: &Page) {
    click(page, "[data-action='import-run']").await;
    for _ in 0..500 {
        if page.count("[data-import='review'], [data-import='error']") > 0 {
            break;
        }
        tick().await;
    }
}

async fn recognise(page: &Page, text: &str) {
    click(page, "[data-action='import-report']").await;
    page.type_into("[data-import='text']", text).await;
    run(page).await;
}

fn text(page: &Page, selector: &str) -> String {
    page.el(selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_pasted_report_is_reviewed_then_becomes_the_draft() {
    let page = mount(None).await;
    click(&page, "[data-action='import-report']").await;
    // The dialog opens on its first control, the file chooser; the text is pasted below it.
    let focused = gloo::utils::document().active_element().and_then(|e| e.get_attribute("data-action"));
    assert_eq!(focused.as_deref(), Some("start-from-last-year"), "focus goes into the dialog");
    page.type_into("[data-import='text']", TEXT).await;
    run(&page).await;
    assert_eq!(text(&page, "[data-review='recognised']"), "166");
    assert_eq!(text(&page, "[data-review='missing']"), "0");
    assert_eq!(page.cell("applications.new_received.natural_person").value(), "", "not yet in the draft");

    click(&page, "[data-action='import-as-draft']").await;
    assert_eq!(page.count("dialog"), 0);
    assert_eq!(page.cell("applications.new_received.natural_person").value(), "26");
    assert_eq!(page.cell("applications.total.total").value(), "26");
    assert_eq!(page.cell("proactive.fees_wan_yuan").value(), "435.18246");
    assert!(text(&page, "[data-notice='info']").contains("作为本年草稿"));
}

#[wasm_bindgen_test]
async fn as_last_years_reference_a_typed_carry_over_is_kept() {
    let page = mount(None).await;
    page.type_into("[data-cell='applications.carried_over.natural_person']", "5").await;
    recognise(&page, TEXT).await;
    click(&page, "[data-action='import-as-previous']").await;
    assert_eq!(page.count("dialog"), 0);
    assert_eq!(page.cell("applications.carried_over.natural_person").value(), "5");
    assert_eq!(page.cell("applications.carried_over.commercial").value(), "", "not filled: one was typed");
    assert!(page.count("[data-finding='prev.carried_over']") > 0, "5 ≠ last year's 结转 0");
    let notice = text(&page, "[data-notice='info']");
    assert!(notice.contains("上年参照") && !notice.contains("已按上年"), "{notice}");
}

#[wasm_bindgen_test]
async fn bad_input_says_why_and_esc_closes() {
    let page = mount(None).await;
    page.type_into("[data-cell='applications.granted.natural_person']", "7").await;
    recognise(&page, "一篇与年报无关的文章。\n第二段。").await;
    assert!(text(&page, "[data-import='error']").contains("未识别到"));
    assert_eq!(page.count("[data-import='review']"), 0);
    page.key(&page.el("[data-import='text']"), "Escape", false).await;
    assert_eq!(page.count("dialog"), 0);
    assert_eq!(page.cell("applications.granted.natural_person").value(), "7");
}

#[wasm_bindgen_test]
async fn figures_placed_by_position_are_marked_and_wrong_totals_reported() {
    // 洪泽区 2023 as pdftotext -layout gives it: a misprinted label (2.其他法律行政止公开) and
    // two 总计 of table C printed as 0 beside non-zero parts.
    let page = mount(None).await;
    recognise(&page, include_str!("../../../tests/routes/hongze-2023/pdf-layout.txt")).await;
    let cell = page.el("[data-review-cell='applications.denied_prohibited_by_law.natural_person']");
    assert!(cell.has_attribute("data-uncertain"));
    assert!(
        text(&page, "[data-review-cell='applications.denied_prohibited_by_law.natural_person'] .uncertain-mark") == "?"
    );
    let title = cell.get_attribute("title").unwrap_or_default();
    assert!(title.contains("按位置识别") && title.contains("「2.其他法律行政法规禁止公开」"), "{title}");
    assert!(title.contains("2.其他法律行政止公开"), "the line it came from: {title}");
    assert_eq!(text(&page, "[data-review='uncertain']"), "6", "the six typed columns of that row");
    let granted = page.el("[data-review-cell='applications.granted.natural_person']");
    assert!(!granted.has_attribute("data-uncertain"), "found by its label");
    assert_eq!(page.count("[data-import-finding='import.total_mismatch']"), 2);
}
