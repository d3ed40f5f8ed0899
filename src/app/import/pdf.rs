//! The PDF reader, loaded on first use: a second wasm bundle (`nianbao-pdf.js` and
//! `nianbao-pdf_bg.wasm`, built by trunk from `src/bin/pdf.rs` beside the app) that turns a
//! PDF's bytes into the report's text, which the app's own importer then reads. The app's wasm
//! does not carry the PDF code, so the first load does not grow.
//!
//! **The one hook**: the JS below is the only place that finds the reader. By default it
//! imports `nianbao-pdf.js` from beside the page. A build that cannot fetch files beside the
//! page (a single self-contained file opened from `file://`) defines, before the app starts,
//!
//! ```js
//! globalThis.nianbaoPdfReader = async () => ({ read_pdf(bytes) { … } });
//! ```
//!
//! a function returning (a promise of) an object whose `read_pdf(Uint8Array)` returns the text
//! or throws the message — e.g. `nianbao-pdf.js`'s code inlined as a module with its wasm as
//! embedded bytes: `await init({ module_or_path: bytes }); return { read_pdf };`.

use crate::import::ImportError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let reader;
export function pdf_reader() {
  if (!reader) {
    const hook = globalThis.nianbaoPdfReader;
    reader = hook
      ? Promise.resolve(hook())
      : import(new URL('nianbao-pdf.js', document.baseURI).href).then(async (m) => { await m.default(); return m; });
    reader.catch(() => { reader = undefined; });
  }
  return reader;
}
export function read_pdf(reader, bytes) { return reader.read_pdf(bytes); }
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn pdf_reader() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    fn read_pdf(reader: &JsValue, bytes: &[u8]) -> Result<String, JsValue>;
}

/// What the reader must be told to do instead.
const INSTEAD: &str = "请改用报告的 Word 文件（.docx），或从网页复制正文粘贴导入";

/// The PDF's text, as `import::pdf::text` gives it natively.
pub async fn text(bytes: &[u8]) -> Result<String, ImportError> {
    let reader = pdf_reader()
        .await
        .map_err(|e| ImportError::Pdf(format!("无法加载 PDF 读取器（{}）。{INSTEAD}", describe(&e))))?;
    read_pdf(&reader, bytes).map_err(|e| match e.as_string() {
        // The reader's own message: encrypted, damaged, a scan…
        Some(message) => ImportError::Pdf(message),
        // The reader stopped on something it could not handle (a trap, out of memory).
        None => ImportError::Pdf(format!("PDF 读取器未能读完此文件（{}）。{INSTEAD}", describe(&e))),
    })
}

fn describe(e: &JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default()
}
