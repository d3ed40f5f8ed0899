//! The page's PDF reader: a wasm bundle of its own (`nianbao-pdf.js`), which the app loads only
//! when a PDF is chosen (`app::import::pdf`), so the first load does not carry it.

#[cfg(target_arch = "wasm32")]
mod reader {
    use wasm_bindgen::prelude::*;

    /// The PDF's text as the importer reads text; throws the message for the user.
    #[wasm_bindgen]
    pub fn read_pdf(bytes: &[u8]) -> Result<String, String> {
        nianbao::import::pdf::text(bytes).map_err(|e| e.to_string())
    }
}

fn main() {}
