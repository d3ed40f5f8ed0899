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
pub mod picture;

use super::Document as Read;
use crate::import::geometry;
use crate::import::geometry::Page;
use crate::import::{check_size, ImportError, LegacyDecoder, Line};
use lopdf::{DecompressError, Document, Error as LoError, LoadOptions, Stream};
use picture::Scan;
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
    /// A scanned page's picture that cannot be read: says why and what to do.
    Scan(String),
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
            PdfError::Scan(why) => write!(f, "{why}"),
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
/// without its own map to Unicode may print in. A scanned page is left out and said (a PDF of
/// scans only is refused, as a scan): [`document_reading`] reads them.
pub(crate) fn document(bytes: &[u8], legacy: LegacyDecoder) -> Result<Read, ImportError> {
    check_size(bytes.len())?;
    let pages = pages(bytes, legacy)?;
    if pages.text_pages() == 0 {
        return Err(PdfError::NoText { pages: pages.pages.len(), images: pages.images }.into());
    }
    let unread: Vec<String> = pages.scans().map(|n| (n + 1).to_string()).collect();
    let mut read = finish(pages.lines(None)?, pages.title);
    if !unread.is_empty() {
        read.notes.push(format!(
            "第 {} 页是扫描的图片，其中的文字未读取：若有表格在这些页上，请对照原件录入",
            unread.join("、")
        ));
    }
    Ok(read)
}

/// What reads a scanned page: its picture (and how many scans the file has, for progress) to
/// the page's glyphs and rules (the OCR).
pub(crate) type Ocr<'o> = &'o mut dyn FnMut(Scan, usize) -> Result<Page, ImportError>;

/// [`document`], with each scanned page read by `ocr`, in its place among the others.
pub(crate) fn document_reading(bytes: &[u8], legacy: LegacyDecoder, ocr: Ocr) -> Result<(Read, usize), ImportError> {
    check_size(bytes.len())?;
    let pages = pages(bytes, legacy)?;
    let scans = pages.scans().count();
    if scans == 0 && pages.text_pages() == 0 {
        return Err(PdfError::NoText { pages: pages.pages.len(), images: pages.images }.into());
    }
    Ok((finish(pages.lines(Some(ocr))?, pages.title), scans))
}

/// The document of the pages' lines, numbered, with a note where some characters have no text.
fn finish(mut lines: Vec<Line>, title: Option<String>) -> Read {
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
    Read { lines, notes, title, ..Read::default() }
}

/// Whether a PDF has scanned pages (pictures of pages, no text on them), and how many pages in all.
pub fn scanned_pages(bytes: &[u8], legacy: LegacyDecoder) -> Result<(usize, usize), ImportError> {
    check_size(bytes.len())?;
    let pages = pages(bytes, legacy)?;
    Ok((pages.scans().count(), pages.pages.len()))
}

/// The report's text, a line each, a table row's cells separated by tabs (an empty cell is a
/// blank figure): what the tests and the route corpus compare.
pub fn text(bytes: &[u8], legacy: LegacyDecoder) -> Result<String, ImportError> {
    check_size(bytes.len())?;
    let pages = pages(bytes, legacy)?;
    if pages.text_pages() == 0 {
        return Err(PdfError::NoText { pages: pages.pages.len(), images: pages.images }.into());
    }
    let mut out = String::new();
    for line in pages.lines(None)? {
        out.push_str(&line.cells.join(if line.row { "\t" } else { " " }));
        out.push('\n');
    }
    Ok(out)
}

/// A page is a scan when its text is no more than a stamp's or a page number's and one picture
/// covers at least half of it.
const SCAN_TEXT: usize = 20;
const SCAN_COVER: f32 = 0.5;

/// A PDF read page by page: each page's geometry, with its picture where the page is a scan.
struct Pages {
    doc: Document,
    pages: Vec<(Page, Option<content::Drawn>)>,
    images: usize,
    title: Option<String>,
}

impl Pages {
    /// The scanned pages' indexes.
    fn scans(&self) -> impl Iterator<Item = usize> + '_ {
        self.pages.iter().enumerate().filter(|(_, (_, s))| s.is_some()).map(|(i, _)| i)
    }

    fn text_pages(&self) -> usize {
        self.pages.iter().filter(|(p, s)| s.is_none() && p.glyphs.iter().any(has_text)).count()
    }

    /// Every page's lines in order, the header columns carried from page to page; a scan read
    /// by `ocr`, or without one left out.
    fn lines(&self, mut ocr: Option<Ocr>) -> Result<Vec<Line>, ImportError> {
        let scans = self.scans().count();
        let mut out = Vec::new();
        let mut columns = geometry::Columns::default();
        for (page, scan) in &self.pages {
            match (scan, ocr.as_mut()) {
                (None, _) => out.extend(geometry::lines(page, &mut columns)),
                (Some(drawn), Some(ocr)) => {
                    let scan = picture::take(&self.doc, drawn.id, drawn.turns)?;
                    out.extend(geometry::lines(&ocr(scan, scans)?, &mut columns));
                }
                (Some(_), None) => {}
            }
        }
        Ok(out)
    }
}

fn has_text(g: &geometry::Glyph) -> bool {
    g.text.as_ref().is_some_and(|t| !t.trim().is_empty())
}

/// The pages, read within the limits, and the title in the document's information dictionary.
fn pages(bytes: &[u8], legacy: LegacyDecoder) -> Result<Pages, PdfError> {
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
    let ids = doc.get_pages();
    if ids.is_empty() {
        return Err(PdfError::Damaged("找不到任何页面".into()));
    }
    if ids.len() > MAX_PAGES {
        return Err(PdfError::TooComplex);
    }
    let mut limits = Limits::new();
    let mut fonts = content::Fonts::new(legacy);
    let (mut pages, mut glyphs, mut unmapped, mut images) = (Vec::new(), 0, 0, 0);
    for &id in ids.values() {
        let (page, drawn) = content::page(&doc, id, &mut limits, &mut fonts)?;
        images += page.images;
        let text = page.glyphs.iter().filter(|g| has_text(g)).count();
        let unknown = page.glyphs.iter().filter(|g| g.text.is_none()).count();
        let scan = drawn.filter(|d| d.cover >= SCAN_COVER && text <= SCAN_TEXT && unknown <= SCAN_TEXT);
        if scan.is_none() {
            glyphs += text;
            unmapped += unknown;
        }
        pages.push((page, scan));
    }
    if glyphs == 0 && unmapped == 0 && !pages.iter().any(|(_, s)| s.is_some()) {
        return Err(PdfError::NoText { pages: pages.len(), images });
    }
    if unmapped > glyphs {
        return Err(PdfError::Unmapped);
    }
    let title = info_title(&doc);
    Ok(Pages { doc, pages, images, title })
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
