//! Reading published reports and writing .docx/.xlsx (`nianbao::app::files`): a wasm bundle of
//! its own (`nianbao-files.js`), which the app loads on intent (导入 or 导出 pointed at, the
//! import dialog opened), so the first load does not carry the readers and writers.

#[cfg(target_arch = "wasm32")]
mod files {
    use nianbao::app::files;
    use wasm_bindgen::prelude::*;

    /// The import of a report file (not a PDF) as JSON; throws the message for the user.
    #[wasm_bindgen]
    pub fn read_report(name: &str, bytes: &[u8]) -> Result<String, String> {
        files::read(name, bytes)
    }

    /// A roster file (汇总与核查's 应报单位名单) as one organ a line; throws the message for the user.
    #[wasm_bindgen]
    pub fn read_roster(name: &str, bytes: &[u8]) -> Result<String, String> {
        files::roster(name, bytes)
    }

    /// The .docx of a report (serde JSON).
    #[wasm_bindgen]
    pub fn write_docx(report: &str, wrapper: bool) -> Result<Vec<u8>, String> {
        files::docx(report, wrapper)
    }

    /// The .xlsx of a report (serde JSON).
    #[wasm_bindgen]
    pub fn write_xlsx(report: &str) -> Result<Vec<u8>, String> {
        files::xlsx(report)
    }
}

fn main() {}
