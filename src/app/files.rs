//! Reading published reports and writing the .docx/.xlsx downloads: the heavy work of importing
//! and exporting, done in an on-demand chunk (`nianbao-files`, `src/bin/files.rs`; a PDF in
//! `nianbao-pdf`, `src/bin/pdf.rs`) so that the first load carries neither the readers (the
//! analyser, zip, inflate, quick-xml) nor the writers (deflate, the packages).
//!
//! Both ends are here, so what crosses matches: the app's `async` calls, which load the chunk
//! through [`chunk::load`], and the chunk's plain functions, which its bin exposes (the app's
//! wasm links none of them). A report crosses as serde JSON (its in-memory form, exact), an
//! import back as JSON too, a file as bytes; a failure as the user's message.
//!
//! The chunk is fetched on intent ([`prefetch`]: pointing at or focusing 导入/导出, opening the
//! import dialog), never on idle, so a user who only types never downloads it.

use super::chunk;
use crate::export::{docx, xlsx};
use crate::import::{self, ImportError, Imported};
use crate::report::Report;
use wasm_bindgen::prelude::*;

/// The chunk's name for [`chunk::load`] (`nianbao-files.js`).
const FILES: &str = "files";

#[wasm_bindgen]
extern "C" {
    /// `nianbao-files.js`'s (and `nianbao-pdf.js`'s `read_report`) exports.
    type Files;
    #[wasm_bindgen(method, catch)]
    fn read_report(this: &Files, name: &str, bytes: &[u8]) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn read_roster(this: &Files, name: &str, bytes: &[u8]) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn write_docx(this: &Files, report: &str, wrapper: bool) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn write_xlsx(this: &Files, report: &str) -> Result<Vec<u8>, JsValue>;
}

/// Starts fetching the chunk now that the user is about to need it.
pub fn prefetch() {
    if !ready() {
        wasm_bindgen_futures::spawn_local(async {
            let _ = chunk::load::<Files>(FILES).await;
        });
    }
}

/// A listener for pointing at or focusing a control that will need the chunk: [`prefetch`].
pub fn on_intent<E>() -> yew::Callback<E> {
    yew::Callback::from(|_| prefetch())
}

/// Whether the chunk is loaded (no wait to say).
pub fn ready() -> bool {
    chunk::is_loaded(FILES)
}

/// Waits for the chunk (the result is for [`read_report`] and the exports to say).
pub async fn wait() {
    let _ = chunk::load::<Files>(FILES).await;
}

/// Reads a report file of any kind the importer knows: the one way the page reads a chosen file
/// or pasted text (导入已发布报告, 以上年报告为基础新建, 汇总与核查). A PDF goes to the PDF
/// reader's chunk, everything else to the files chunk. The error is the user's message.
pub async fn read_report(name: &str, bytes: &[u8]) -> Result<Imported, String> {
    let pdf = import::is_pdf(name, bytes);
    let (chunk, what, instead) = if pdf {
        ("pdf", "PDF 读取器", "请改用报告的 Word 文件（.docx），或从网页复制正文粘贴导入")
    } else {
        (FILES, "导入组件", "请检查网络连接后重试")
    };
    let reader: Files = chunk::load(chunk).await.map_err(|e| format!("无法加载{what}（{e}）。{instead}"))?;
    let json = reader.read_report(name, bytes).map_err(|e| match e.as_string() {
        // The reader's own message: not a report, damaged, encrypted, a scan…
        Some(message) => message,
        // It stopped on something it could not handle (a trap, out of memory).
        None => format!("{what}未能读完此文件（{}）。{instead}", chunk::describe(&e)),
    })?;
    serde_json::from_str(&json).map_err(|e| format!("{what}的结果无法读取（{e}）"))
}

/// A roster file (.txt, .xlsx, .xls) read in the files chunk, which has the spreadsheet readers
/// (汇总与核查 would otherwise carry them), as one organ a line.
pub async fn read_roster(name: &str, bytes: &[u8]) -> Result<String, String> {
    let reader: Files =
        chunk::load(FILES).await.map_err(|e| format!("无法加载导入组件（{e}），请检查网络连接后重试"))?;
    reader
        .read_roster(name, bytes)
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("名单文件未能读完（{}）", chunk::describe(&e))))
}

/// The report as a Word file (with the 公文 wrapper when `wrapper`).
pub async fn write_docx(report: &Report, wrapper: bool) -> Result<Vec<u8>, String> {
    let files = writer().await?;
    files.write_docx(&to_json(report), wrapper).map_err(|e| failed(&e))
}

/// The report as an Excel workbook.
pub async fn write_xlsx(report: &Report) -> Result<Vec<u8>, String> {
    let files = writer().await?;
    files.write_xlsx(&to_json(report)).map_err(|e| failed(&e))
}

async fn writer() -> Result<Files, String> {
    chunk::load(FILES).await.map_err(|e| format!("导出组件未能加载（{e}），请检查网络连接后重试"))
}

fn failed(e: &JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("导出组件出错（{}）", chunk::describe(e)))
}

fn to_json(report: &Report) -> String {
    serde_json::to_string(report).expect("a report always serializes")
}

// The chunks' end: what `src/bin/files.rs` and `src/bin/pdf.rs` expose.

/// An import (or why not, in words) as the app's [`read_report`] takes it.
pub fn answer(imported: Result<Imported, ImportError>) -> Result<String, String> {
    imported.map(|i| serde_json::to_string(&i).expect("an import always serializes")).map_err(|e| e.to_string())
}

/// Reads any report file but a PDF, GBK/GB18030 text through the browser's own decoder.
pub fn read(name: &str, bytes: &[u8]) -> Result<String, String> {
    answer(import::any_decoding(name, bytes, &gb18030))
}

/// A roster file as one organ a line, for [`read_roster`].
pub fn roster(name: &str, bytes: &[u8]) -> Result<String, String> {
    crate::summary::roster::Roster::from_file(name, bytes, &gb18030).map(|r| r.to_text())
}

/// GBK/GB18030 text through the browser's TextDecoder (no encoding tables in the wasm).
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

fn from_json(report: &str) -> Result<Report, String> {
    serde_json::from_str(report).map_err(|e| format!("导出组件收到的报告无法读取（{e}）"))
}

/// The .docx of a report given by [`write_docx`].
pub fn docx(report: &str, wrapper: bool) -> Result<Vec<u8>, String> {
    Ok(docx::write(&from_json(report)?, &docx::DocxOptions { wrapper }))
}

/// The .xlsx of a report given by [`write_xlsx`].
pub fn xlsx(report: &str) -> Result<Vec<u8>, String> {
    Ok(xlsx::write(&from_json(report)?))
}
