//! PDF files as organs publish them (WPS, Word, LibreOffice, a browser's "save as PDF"): the
//! text layer read with positions and rebuilt into lines and table rows by geometry
//! ([`crate::import::geometry`]), which the analyser reads as any other reader's lines.
//!
//! lopdf parses the file (cross-reference tables and streams, object streams, filters,
//! encryption with an empty password); [`content`] interprets the pages and [`font`] maps
//! character codes to Unicode. Everything read is bounded ([`Limits`]): a hostile or broken
//! file gets a message, never a hang, an exhausted memory or a panic.
//!
//! In the page this module is a separate wasm bundle loaded only when a PDF is chosen
//! (`src/bin/pdf.rs`); its one entry there is [`crate::import::pdf`].

mod content;
mod font;

use super::Document as Read;
use crate::import::geometry;
use crate::import::{check_size, ImportError, LegacyDecoder, Line};
use lopdf::{DecompressError, Document, Error as LoError, LoadOptions, Stream};
use std::fmt;

use crate::limits::{MAX_GLYPHS, MAX_INFLATED, MAX_OPS, MAX_PAGES, MAX_PDF_STREAM as MAX_STREAM};

/// Why a PDF gives no text, in words for the user (each says what to do instead).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    Encrypted,
    /// Not a PDF, or broken beyond repair: what failed.
    Damaged(String),
    /// A stream that inflates beyond the limits (a decompression bomb).
    Bomb,
    /// More pages or drawing operations than any report has.
    TooComplex,
    /// No text layer: a scan or a picture of the pages.
    NoText {
        pages: usize,
        images: usize,
    },
    /// Text whose fonts do not say which characters they draw.
    Unmapped,
}

const INSTEAD: &str = "改用报告的 Word 文件（.docx），或从政府网站打开该报告的网页、全选复制正文后粘贴导入";

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Encrypted => write!(f, "PDF 已加密，需要密码才能打开。请{INSTEAD}"),
            PdfError::Damaged(what) => {
                write!(f, "PDF 文件已损坏或不完整（{what}），无法读取。请重新下载该文件，或{INSTEAD}")
            }
            PdfError::Bomb => write!(f, "PDF 中的数据解压后超过 {} MB，疑似异常文件，已停止读取", MAX_INFLATED >> 20),
            PdfError::TooComplex => write!(f, "PDF 超过 {MAX_PAGES} 页或内容过于复杂，不像是一份年度报告，已停止读取"),
            PdfError::NoText { pages, images } if *images > 0 => {
                write!(f, "这份 PDF 没有文字层（共 {pages} 页，只有图片，应是扫描件），无法读出文字。请{INSTEAD}")
            }
            PdfError::NoText { pages, .. } => write!(f, "这份 PDF 没有可读取的文字（共 {pages} 页）。请{INSTEAD}"),
            PdfError::Unmapped => {
                write!(f, "这份 PDF 的字体未说明所用的字符（缺少 ToUnicode 映射），读出的文字无法辨认。请{INSTEAD}")
            }
        }
    }
}

impl PdfError {
    fn from_lopdf(e: &LoError) -> PdfError {
        match e {
            LoError::Decompress(DecompressError::MemoryLimitExceeded { .. }) => PdfError::Bomb,
            LoError::InvalidPassword | LoError::Decryption(_) => PdfError::Encrypted,
            other => PdfError::Damaged(format!("{other}").chars().take(120).collect()),
        }
    }
}

impl From<PdfError> for ImportError {
    fn from(e: PdfError) -> ImportError {
        ImportError::Pdf(e.to_string())
    }
}

/// What reading one file may still cost.
pub(super) struct Limits {
    inflated: usize,
    ops: usize,
    glyphs: usize,
}

impl Limits {
    fn new() -> Limits {
        Limits { inflated: 0, ops: 0, glyphs: 0 }
    }

    /// What the next stream may inflate to.
    fn left(&self) -> usize {
        MAX_INFLATED.saturating_sub(self.inflated).min(MAX_STREAM)
    }

    fn charge(&mut self, bytes: usize) -> Result<(), PdfError> {
        self.inflated += bytes;
        if self.inflated > MAX_INFLATED {
            return Err(PdfError::Bomb);
        }
        Ok(())
    }

    /// A stream's content, decoded within the limits; a stream that does not decode is empty
    /// (a damaged part of a page should not hide the rest).
    fn inflate(&mut self, s: &Stream) -> Result<Vec<u8>, PdfError> {
        match s.decompressed_content_with_limit(self.left()) {
            Ok(data) => {
                self.charge(data.len())?;
                Ok(data)
            }
            Err(LoError::Decompress(DecompressError::MemoryLimitExceeded { .. })) => Err(PdfError::Bomb),
            Err(_) => Ok(Vec::new()),
        }
    }

    fn count_ops(&mut self, n: usize) -> Result<(), PdfError> {
        self.ops += n;
        (self.ops <= MAX_OPS).then_some(()).ok_or(PdfError::TooComplex)
    }

    fn count_glyphs(&mut self, n: usize) -> Result<(), PdfError> {
        self.glyphs += n;
        (self.glyphs <= MAX_GLYPHS).then_some(()).ok_or(PdfError::TooComplex)
    }
}

/// The lines of a PDF file as its pages' geometry gives them; `legacy` decodes GBK, which a font
/// without its own map to Unicode may print in.
pub(crate) fn document(bytes: &[u8], legacy: LegacyDecoder) -> Result<Read, ImportError> {
    check_size(bytes.len())?;
    let (mut lines, title) = read(bytes, legacy)?;
    lines.retain(|l| !l.cells.is_empty());
    for (i, line) in lines.iter_mut().enumerate() {
        line.no = i + 1;
    }
    // A font may map some glyphs to U+FFFD itself (Firefox's print with some CJK fonts): the
    // figures read, the words with those characters do not.
    let (unknown, all) = lines
        .iter()
        .flat_map(|l| &l.cells)
        .flat_map(|c| c.chars())
        .fold((0, 0), |(u, a), c| (u + usize::from(c == '\u{FFFD}'), a + usize::from(!c.is_whitespace())));
    let mut notes = Vec::new();
    if unknown * 100 > all {
        notes.push(format!(
            "这份 PDF 有 {unknown} 个字符的字体未给出对应文字（显示为 �），机关名称、正文和部分标签可能读不全，请核对；报告的 Word 文件或网页更准确"
        ));
    }
    Ok(Read { lines, notes, title, ..Read::default() })
}

/// The report's text, a line each, a table row's cells separated by tabs (an empty cell is a
/// blank figure): what the tests and the route corpus compare.
pub fn text(bytes: &[u8], legacy: LegacyDecoder) -> Result<String, ImportError> {
    check_size(bytes.len())?;
    let (lines, _) = read(bytes, legacy)?;
    let mut out = String::new();
    for line in lines {
        out.push_str(&line.cells.join(if line.row { "\t" } else { " " }));
        out.push('\n');
    }
    Ok(out)
}

/// The pages' lines, and the title in the document's information dictionary.
fn read(bytes: &[u8], legacy: LegacyDecoder) -> Result<(Vec<Line>, Option<String>), PdfError> {
    if !bytes.get(..1024).unwrap_or(bytes).windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::Damaged("文件开头没有 %PDF 标记，不是 PDF 文件".into()));
    }
    // A download cut short: lopdf would rebuild what it can, and the report would read as if
    // its last pages were never written.
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Damaged("文件不完整，末尾缺少 %%EOF 标记，可能没有下载完".into()));
    }
    let options = LoadOptions { max_decompressed_size: Some(MAX_STREAM), ..LoadOptions::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| PdfError::from_lopdf(&e))?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Damaged("找不到任何页面".into()));
    }
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooComplex);
    }
    let mut limits = Limits::new();
    let mut fonts = content::Fonts::new(legacy);
    let (mut out, mut glyphs, mut unmapped, mut images) = (Vec::new(), 0, 0, 0);
    let mut columns = geometry::Columns::default();
    for &id in pages.values() {
        let page = content::page(&doc, id, &mut limits, &mut fonts)?;
        images += page.images;
        for g in &page.glyphs {
            match &g.text {
                Some(t) if t.trim().is_empty() => {}
                Some(_) => glyphs += 1,
                None => unmapped += 1,
            }
        }
        out.extend(geometry::lines(&page, &mut columns));
    }
    if glyphs == 0 && unmapped == 0 {
        return Err(PdfError::NoText { pages: pages.len(), images });
    }
    if unmapped > glyphs {
        return Err(PdfError::Unmapped);
    }
    Ok((out, info_title(&doc)))
}

/// The /Title of the document's information dictionary: a web page printed to PDF carries the
/// page's title there even where its text lost it (LibreOffice prints a page's heading off the page).
fn info_title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        lopdf::Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let title = lopdf::decode_text_string(info.as_dict().ok()?.get(b"Title").ok()?).ok()?;
    let title = title.trim();
    (!title.is_empty() && title.chars().count() <= 200).then(|| title.to_string())
}
