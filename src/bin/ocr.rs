//! The page's OCR of scans: a wasm bundle of its own (`nianbao-ocr.js`) that runs in a Web
//! Worker (`static/ocr-worker.js`), fetched with the models only when a scan is chosen. It reads
//! pictures of pages, and PDFs whose pages are scans, through the same import as the CLI.

#[cfg(target_arch = "wasm32")]
mod reader {
    use nianbao::app::files;
    use nianbao::ocr::Engine;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;

    thread_local! {
        /// Loaded once a worker: the models take a second to load and 60 MB.
        static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    }

    /// Loads the engine from the two model files (a second call does nothing).
    #[wasm_bindgen]
    pub fn load(detector: Vec<u8>, recogniser: Vec<u8>) -> Result<(), String> {
        ENGINE.with_borrow_mut(|engine| {
            if engine.is_none() {
                *engine = Some(Engine::load(detector, recogniser).map_err(|e| e.to_string())?);
            }
            Ok(())
        })
    }

    fn with_engine(read: impl FnOnce(&Engine) -> Result<String, String>) -> Result<String, String> {
        ENGINE.with_borrow(|engine| read(engine.as_ref().ok_or("文字识别模型尚未载入")?))
    }

    /// `progress(done, all)` after each page.
    fn told(progress: &js_sys::Function) -> impl FnMut(usize, usize) + '_ {
        move |done, all| {
            let _ = progress.call2(&JsValue::NULL, &(done as u32).into(), &(all as u32).into());
        }
    }

    /// The import of pictures of a report's pages, in order, as JSON.
    #[wasm_bindgen]
    pub fn read_pictures(pages: Vec<js_sys::Uint8Array>, progress: &js_sys::Function) -> Result<String, String> {
        let pages: Vec<Vec<u8>> = pages.iter().map(js_sys::Uint8Array::to_vec).collect();
        let pages: Vec<&[u8]> = pages.iter().map(Vec::as_slice).collect();
        with_engine(|engine| files::answer(nianbao::import::pictures(&pages, engine, &mut told(progress))))
    }

    /// The import of a PDF with scanned pages, as JSON.
    #[wasm_bindgen]
    pub fn read_pdf(bytes: &[u8], progress: &js_sys::Function) -> Result<String, String> {
        with_engine(|engine| {
            files::answer(nianbao::import::pdf_scanned(bytes, &files::gb18030, engine, &mut told(progress)))
        })
    }
}

fn main() {}
