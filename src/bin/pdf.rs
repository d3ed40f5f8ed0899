//! The page's PDF reader: a wasm bundle of its own (`nianbao-pdf.js`), which the app loads only
//! when a PDF is chosen (`app::files::read_report`), so the first load does not carry it.

#[cfg(target_arch = "wasm32")]
mod reader {
    use nianbao::app::files;
    use wasm_bindgen::prelude::*;

    /// The import of a PDF as JSON, as the files chunk gives other files; throws the message for
    /// the user. The PDF's text is read here too, so a PDF needs this one chunk.
    #[wasm_bindgen]
    pub fn read_report(_name: &str, bytes: &[u8]) -> Result<String, String> {
        files::answer(nianbao::import::pdf(bytes, &files::gb18030))
    }
}

fn main() {}
