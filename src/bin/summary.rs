//! 汇总与核查 (`nianbao::app::summary`): a wasm bundle of its own (`nianbao-summary.js`), which
//! the app loads only when the view is first opened, so the first load does not carry it.

#[cfg(target_arch = "wasm32")]
mod view {
    use wasm_bindgen::prelude::*;

    /// Opens the view in `container` (mounted on the first call, shown again after).
    #[wasm_bindgen]
    pub fn open_summary(container: web_sys::Element) {
        nianbao::app::summary::open(container);
    }
}

fn main() {}
