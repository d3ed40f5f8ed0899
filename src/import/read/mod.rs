//! The readers: each turns one format's bytes into the document's [`Line`]s (a paragraph, a text
//! line, or a table row of cells), in reading order, and says what else it saw. None analyses:
//! the pipeline ([`super::analyse`]) does that once for all of them, and [`super::formats`] says
//! which reader a file goes to.

pub mod csv;
pub mod doc;
pub mod docx;
pub mod html;
pub mod mhtml;
pub(crate) mod package;
pub mod pdf;
pub mod text;
pub mod xls;
pub mod xlsx;

use super::{ImportError, LegacyDecoder, Line};

/// What a reader gives the analyser.
#[derive(Default)]
pub(crate) struct Document {
    pub lines: Vec<Line>,
    /// Files the document links as the report (a web page with its report as an attachment).
    pub attachments: Vec<String>,
    /// Pictures in it: a table shown as a picture has figures that cannot be read.
    pub images: usize,
    /// What the reviewer should know about the reading itself (a PDF font without its characters).
    pub notes: Vec<String>,
    /// The title the file's metadata gives (a PDF's /Title): the report's, where its text lost it.
    pub title: Option<String>,
}

impl From<Vec<Line>> for Document {
    fn from(lines: Vec<Line>) -> Document {
        Document { lines, ..Document::default() }
    }
}

/// A reader: the file's bytes (and a decoder for text that is not UTF-8) to its document.
pub(crate) type Reader = fn(&[u8], LegacyDecoder) -> Result<Document, ImportError>;

/// Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or what `legacy` reads.
/// NUL is in no text file but in binary ones and in UTF-16 written without its BOM.
pub(crate) fn decode_text(bytes: &[u8], legacy: LegacyDecoder) -> Result<String, ImportError> {
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    if bytes.contains(&0) && !utf16 {
        return Err(ImportError::Encoding);
    }
    decode(bytes).or_else(|e| match e {
        ImportError::Encoding => legacy(bytes).ok_or(ImportError::Encoding),
        other => Err(other),
    })
}

/// Text from bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |le: bool| {
        let units = bytes[2..].chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| ImportError::Encoding)
    };
    match bytes {
        [0xff, 0xfe, ..] => utf16(true),
        [0xfe, 0xff, ..] => utf16(false),
        _ => std::str::from_utf8(bytes)
            .map(|s| s.trim_start_matches('\u{feff}').to_string())
            .map_err(|_| ImportError::Encoding),
    }
}

/// An Office 97–2003 compound file, opened.
pub(crate) fn compound(bytes: &[u8]) -> Option<cfb::CompoundFile<std::io::Cursor<&[u8]>>> {
    cfb::CompoundFile::open(std::io::Cursor::new(bytes)).ok()
}

/// A PDF natively; in the page the PDF reader is a separate bundle loaded on demand
/// (`app::files::read_report`, calling [`crate::import::pdf`]), so the other wasm bundles never
/// link it.
pub(crate) fn pdf_natively(bytes: &[u8], legacy: LegacyDecoder) -> Result<Document, ImportError> {
    #[cfg(not(target_arch = "wasm32"))]
    return pdf::document(bytes, legacy);
    #[cfg(target_arch = "wasm32")]
    {
        let _ = (bytes, legacy);
        Err(ImportError::Unsupported(".pdf 须经页面的 PDF 读取器导入".into()))
    }
}
