//! The PDF reader, loaded on first use: a second wasm bundle (`nianbao-pdf.js` and
//! `nianbao-pdf_bg.wasm`, built by trunk from `src/bin/pdf.rs` beside the app) that turns a
//! PDF's bytes into the report's text, which the app's own importer then reads. The app's wasm
//! does not carry the PDF code, so the first load does not grow.
//!
//! It is loaded by [`chunk::load`], the one place that finds a chunk.

use super::super::chunk;
use crate::import::ImportError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `nianbao-pdf.js`'s exports (`src/bin/pdf.rs`).
    type Reader;
    #[wasm_bindgen(method, catch)]
    fn read_pdf(this: &Reader, bytes: &[u8]) -> Result<String, JsValue>;
}

/// What the reader must be told to do instead.
const INSTEAD: &str = "请改用报告的 Word 文件（.docx），或从网页复制正文粘贴导入";

/// The PDF's text, as `import::pdf::text` gives it natively.
pub async fn text(bytes: &[u8]) -> Result<String, ImportError> {
    let reader: Reader =
        chunk::load("pdf").await.map_err(|e| ImportError::Pdf(format!("无法加载 PDF 读取器（{e}）。{INSTEAD}")))?;
    reader.read_pdf(bytes).map_err(|e| match e.as_string() {
        // The reader's own message: encrypted, damaged, a scan…
        Some(message) => ImportError::Pdf(message),
        // The reader stopped on something it could not handle (a trap, out of memory).
        None => ImportError::Pdf(format!("PDF 读取器未能读完此文件（{}）。{INSTEAD}", chunk::describe(&e))),
    })
}
