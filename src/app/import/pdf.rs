//! The PDF reader, loaded on first use: a second wasm bundle (`nianbao-pdf.js` and
//! `nianbao-pdf_bg.wasm`, built by trunk from `src/bin/pdf.rs` beside the app) that turns a
//! PDF's bytes into the report's text, which the app's own importer then reads. The app's wasm
//! carries none of the PDF code: the first load holds only this loader.
//!
//! **The one hook**: the JS below is the only place that finds the reader. By default it
//! imports `nianbao-pdf.js` from beside the page. A build that cannot fetch files beside the
//! page (a single self-contained file opened from `file://`) defines, before a PDF is chosen,
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
const instead = '请改用报告的 Word 文件（.docx），或从网页复制正文粘贴导入';
function load() {
  const hook = globalThis.nianbaoPdfReader;
  return hook
    ? Promise.resolve(hook())
    : import(new URL('nianbao-pdf.js', document.baseURI).href).then(async (m) => { await m.default(); return m; });
}
export function read_pdf(view) {
  const bytes = view.slice(); // the view into the app's memory may not outlive this call
  if (!reader) {
    reader = load().catch((e) => { reader = undefined; throw `无法加载 PDF 读取器（${e?.message ?? e}）。${instead}`; });
  }
  // A string thrown is the reader's message (encrypted, damaged, a scan…); anything else
  // means it stopped on something it could not handle (a trap, out of memory).
  return reader.then((r) => r.read_pdf(bytes)).catch((e) => {
    throw typeof e === 'string' ? e : `PDF 读取器未能读完此文件（${e?.message ?? e}）。${instead}`;
  });
}
"#)]
extern "C" {
    fn read_pdf(bytes: &[u8]) -> js_sys::Promise;
}

/// The PDF's text, as `import::pdf::text` gives it natively; the reader's message if none.
pub async fn text(bytes: &[u8]) -> Result<String, ImportError> {
    let text = wasm_bindgen_futures::JsFuture::from(read_pdf(bytes)).await;
    text.map(|t| t.as_string().unwrap_or_default()).map_err(|e| ImportError::Pdf(e.as_string().unwrap_or_default()))
}
