//! The PDF reader, loaded on first use: a second wasm bundle (`nianbao-pdf.js` and
//! `nianbao-pdf_bg.wasm`, built by trunk from `src/bin/pdf.rs` beside the app) that turns a
//! PDF's bytes into the report's text, which the app's own importer then reads. The app's wasm
//! carries none of the PDF code: the first load holds only this loader.
//!
//! **The one hook**: `load` below is the only place that finds the reader. Served, it imports
//! `nianbao-pdf.js` from beside the page (the CSP's 'self'). In the single file `nianbao.html`
//! (scripts/bundle.mjs inlines this snippet and every JS chunk of the build) the chunk's loader
//! is registered as `globalThis.nianbaoChunks['nianbao-pdf.js']`, which inits it from the
//! embedded wasm.

use crate::import::ImportError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let reader;
const instead = '请改用报告的 Word 文件（.docx），或从网页复制正文粘贴导入';
async function load() {
  // nianbao.html (scripts/bundle.mjs) carries the chunk inline, its loader registered by name.
  const embedded = globalThis.nianbaoChunks?.['nianbao-pdf.js'];
  if (embedded) return embedded();
  const m = await import(new URL('nianbao-pdf.js', document.baseURI).href);
  await m.default();
  return m;
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
