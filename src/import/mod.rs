//! Import what staff already have: last year's published report (text, .docx, web page, PDF…) or
//! the spreadsheet a department filled in.
//!
//! One pipeline: [`formats`] chooses the reader by content and name; each reader ([`read`])
//! turns the bytes into the same [`Line`]s (a paragraph, a text line, or a table row of cells) —
//! the PDF reader through [`geometry`], glyphs with positions to lines and cells — and
//! [`analyse`] does the rest: part headings, texts, and every figure matched to a template row by
//! its label, never by position alone. The result is an [`Imported`] for the review step: nothing
//! replaces the user's draft until they accept it.

mod analyse;
pub mod formats;
pub mod furniture;
pub(crate) mod geometry;
pub mod read;

use crate::limits::{MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES};
use crate::report::Report;
use crate::rules::Finding;
use read::Document;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which national format the document follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// 国办公开办函〔2021〕30号, the current template.
    Template2021,
    /// 国办公开办函〔2019〕60号 (试行): table A differs and （六）其他处理 has no sub-items, so only
    /// table B's other rows and table C are taken.
    Format2019,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Template2021 => "2021 年格式（国办公开办函〔2021〕30号）",
            Format::Format2019 => "2019 年试行格式（国办公开办函〔2019〕60号）",
        }
    }
}

/// One figure taken from the document, for the review step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recognised {
    /// The template path (`applications.new_received.natural_person`).
    pub path: String,
    /// The figure as printed in the document.
    pub raw: String,
    /// Where it was found: the line of a text file, or the paragraph/row number of a document.
    pub source_line: usize,
    /// That line as it reads, so the reviewer can compare.
    pub source_text: String,
    /// Why the figure's place is not certain, when it was placed by its position in the table
    /// rather than by its own label (a misprinted label, a group printed without its items).
    pub uncertain: Option<String>,
}

/// What an import found, shown before anything replaces the draft. Serde gives it whole, for
/// passing it from the page's reader (a wasm bundle of its own) to the review.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Imported {
    pub report: Report,
    pub recognised: Vec<Recognised>,
    /// Paths of the typed template figures that were not found.
    pub missing: Vec<String>,
    /// `import.total_mismatch` for printed totals that disagree, then the rules' findings.
    pub findings: Vec<Finding>,
    pub format: Format,
    /// What else the reviewer should know, in words (a table not found, the old format).
    pub notes: Vec<String>,
    /// Lines left out as the site's, not the report's (share buttons, 相关链接, 备案号…), in order.
    #[serde(default)]
    pub removed: Vec<String>,
}

impl Imported {
    /// The report to keep: one whose document did not say its year (`report.year` 0, shown as
    /// 未识别 in the review) gets `year`, since a report file must have one to be read again.
    pub fn report_or(&self, year: i32) -> Report {
        let mut report = self.report.clone();
        if report.year == 0 {
            report.year = year;
        }
        report
    }

    /// The figures not found, one entry a template row (表B「（五）不予处理 › 2.重复申请」) with the
    /// labels of its missing columns (none for a single-figure row), so the review reads as rows.
    pub fn missing_by_row(&self) -> Vec<(String, Vec<&'static str>)> {
        crate::form::by_row(
            self.missing.iter().filter_map(|p| crate::form::cell_index(p)).map(|i| &crate::form::cells()[i]),
        )
    }
}

/// Why nothing could be imported, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    /// Above [`MAX_FILE_BYTES`]: not read at all.
    TooLarge {
        bytes: usize,
    },
    /// Not UTF-8/UTF-16 text, nor what the caller's [`LegacyDecoder`] reads.
    Encoding,
    /// A .docx/.xlsx that cannot be opened; says which part and why.
    Corrupt(String),
    /// Parts of a package that would decompress beyond [`MAX_UNCOMPRESSED_BYTES`].
    ZipBomb,
    /// A file type that is not read (e.g. .doc, .pdf).
    Unsupported(String),
    /// Readable, but no report heading or table was recognised.
    NotAReport,
    /// A PDF that gives no text (encrypted, damaged, a scan): says why and what to do instead.
    Pdf(String),
    /// A page saved as one file (.mht) without a readable page in it: says why.
    SavedPage(String),
    /// A web page with no report in it but links to files (its report as an attachment).
    Attachment(Vec<String>),
    /// A picture (a scan, a photo) that could not be read: says why.
    Picture(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "文件为空，没有可导入的内容"),
            ImportError::TooLarge { bytes } => write!(f, "{}", crate::limits::too_large(*bytes as u64)),
            ImportError::Encoding => {
                write!(f, "无法识别文本编码（不是 UTF-8，也不是 GBK/GB18030）：请将文件另存为 UTF-8 编码的文本（.txt）后再导入")
            }
            ImportError::Corrupt(what) => write!(f, "文件已损坏或不是有效的 Office 文档：{what}"),
            ImportError::ZipBomb => {
                write!(f, "文档解压后超过 {} MB，疑似异常文件（压缩炸弹），已停止读取", MAX_UNCOMPRESSED_BYTES >> 20)
            }
            ImportError::Unsupported(what) => write!(f, "不支持的文件类型：{what}"),
            ImportError::Pdf(why) | ImportError::Picture(why) => write!(f, "{why}"),
            ImportError::SavedPage(why) => {
                write!(
                    f,
                    "单个文件网页（.mht）{why}：请在浏览器中打开该网页，全选复制正文后粘贴导入，或另存为 .html 后导入"
                )
            }
            ImportError::Attachment(files) => write!(
                f,
                "这个网页没有报告正文，只附有文件「{}」：请在网页上下载该附件，再导入下载的文件",
                files.join("」「")
            ),
            ImportError::NotAReport => write!(
                f,
                "未识别到政府信息公开工作年度报告：找不到“一、总体情况”等章节标题，也找不到表A、表B、表C 的任何一行"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// A unit of a document: a text line or paragraph (one cell), or a table row (its cells).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Line {
    /// 1-based line (text) or block (document) number, shown in the review.
    pub no: usize,
    pub cells: Vec<String>,
    /// A table row from markup or a tab-separated line: empty cells are blank figures.
    pub row: bool,
}

impl Line {
    pub fn text(&self) -> String {
        if self.cells.len() == 1 {
            return self.cells[0].clone();
        }
        self.cells.join(if self.row { "\t" } else { " " })
    }
}

/// Imports a file by its name and content: every format in [`formats::FORMATS`].
pub fn any(name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    any_decoding(name, bytes, &|_| None)
}

/// Decodes text that is not UTF-8: GB18030 (which covers GBK and GB2312), what Windows Notepad's
/// "ANSI" and many government sites write. The shell supplies it — the browser's own TextDecoder
/// in the page, so the wasm carries no encoding tables; [`gb18030`] in the CLI.
pub type LegacyDecoder<'a> = &'a dyn Fn(&[u8]) -> Option<String>;

/// GB18030 text, for the native CLI.
#[cfg(not(target_arch = "wasm32"))]
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(|s| s.into_owned())
}

/// [`any`], with a decoder for text that is not UTF-8.
pub fn any_decoding(name: &str, bytes: &[u8], legacy: LegacyDecoder) -> Result<Imported, ImportError> {
    check_size(bytes.len())?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    analysed(formats::read(name, bytes, legacy)?)
}

/// A report from its text (pasted, or a .txt file's).
pub fn text(text: &str) -> Result<Imported, ImportError> {
    check_size(text.len())?;
    analysed(read::text::lines_of(text)?.into())
}

/// A report from the markup of a web page.
pub fn html(html: &str) -> Result<Imported, ImportError> {
    check_size(html.len())?;
    analysed(read::html::page(html))
}

/// A report from the bytes of a .docx file.
pub fn docx(bytes: &[u8]) -> Result<Imported, ImportError> {
    analysed(read::docx::read(bytes, &|_| None)?)
}

/// A report from the bytes of an .xlsx file.
pub fn xlsx(bytes: &[u8]) -> Result<Imported, ImportError> {
    analysed(read::xlsx::read(bytes, &|_| None)?)
}

/// A report from the bytes of a PDF file; `legacy` decodes GBK, which a font without its own map
/// to Unicode may print in. The page's PDF bundle calls this; the others never link it.
pub fn pdf(bytes: &[u8], legacy: LegacyDecoder) -> Result<Imported, ImportError> {
    analysed(read::pdf::document(bytes, legacy)?)
}

/// Told after each page the OCR has read: (pages read, pages to read).
pub type Progress<'p> = &'p mut dyn FnMut(usize, usize);

/// A report from pictures of its pages (a scan, photos), in order, read by `engine`.
#[cfg(any(not(target_arch = "wasm32"), feature = "ocr-reader"))]
pub fn pictures(pages: &[&[u8]], engine: &crate::ocr::Engine, progress: Progress) -> Result<Imported, ImportError> {
    if pages.len() > crate::limits::MAX_PAGES {
        return Err(ImportError::Picture(format!(
            "共 {} 张图片，超过一份报告可有的 {} 页：请只选择报告的各页",
            pages.len(),
            crate::limits::MAX_PAGES
        )));
    }
    for bytes in pages {
        check_size(bytes.len())?;
    }
    let mut lines = Vec::new();
    let mut columns = geometry::Columns::default();
    for (i, bytes) in pages.iter().enumerate() {
        let picture = crate::ocr::decode(bytes).map_err(|e| ImportError::Picture(e.to_string()))?;
        let page = engine.page(&picture).map_err(|e| ImportError::Picture(e.to_string()))?;
        lines.extend(geometry::lines(&page, &mut columns));
        progress(i + 1, pages.len());
    }
    for (i, line) in lines.iter_mut().enumerate() {
        line.no = i + 1;
    }
    let read = format!("本报告从 {} 页图片中识别文字（扫描件或照片）", pages.len());
    Ok(marked(analysed(Document::from(lines))?, read))
}

/// A report from a PDF whose pages are scans, all or some: each scanned page read by `engine`
/// in its place among the pages of text.
#[cfg(any(not(target_arch = "wasm32"), feature = "ocr-reader"))]
pub fn pdf_scanned(
    bytes: &[u8],
    legacy: LegacyDecoder,
    engine: &crate::ocr::Engine,
    progress: Progress,
) -> Result<Imported, ImportError> {
    let mut done = 0;
    let mut ocr = |scan: read::pdf::picture::Scan, scans: usize| {
        let picture = crate::ocr::picture::gray(&scan).map_err(|e| ImportError::Picture(e.to_string()))?;
        let page = engine.page(&picture).map_err(|e| ImportError::Picture(e.to_string()));
        done += 1;
        progress(done, scans);
        page
    };
    let (doc, scans) = read::pdf::document_reading(bytes, legacy, &mut ocr)?;
    let imported = analysed(doc)?;
    Ok(match scans {
        0 => imported,
        n => marked(imported, format!("这份 PDF 有 {n} 页是扫描的图片，已从图片中识别文字")),
    })
}

/// Every figure of a report read from pictures marked so, for the reviewer to compare with the
/// pictures, and a note saying what was read.
fn marked(mut imported: Imported, read: String) -> Imported {
    for r in &mut imported.recognised {
        let why = r.uncertain.take().map_or_else(String::new, |w| format!("；{w}"));
        r.uncertain = Some(format!("{FROM_PICTURE}{why}"));
    }
    imported.notes.insert(0, format!("{read}：识别出的每个数字均已标出，请对照原件逐一核对"));
    imported
}

/// Why a figure read from a picture is marked in the review.
pub const FROM_PICTURE: &str = "从图片识别（扫描件或照片），请对照原件核对";

/// Whether a file is a PDF, by its name or its content.
pub fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    formats::extension(name) == "pdf" || bytes.starts_with(b"%PDF")
}

/// The analyser's report from a reader's document. A document that only links the report (an
/// attachment) says which file to import instead; one whose tables are pictures says that their
/// figures cannot be read.
fn analysed(doc: Document) -> Result<Imported, ImportError> {
    let Document { lines, attachments, images, notes, title } = doc;
    match analyse::analyse(lines, title.as_deref()) {
        Err(ImportError::NotAReport) if !attachments.is_empty() => Err(ImportError::Attachment(attachments)),
        Ok(mut imported) => {
            if imported.recognised.is_empty() {
                if images > 0 {
                    imported.notes.push(format!(
                        "网页中没有可读取数字的表格，但有 {images} 张图片：表格若是图片，其中的数字无法读取，请导入报告的 PDF 或 Word 文件，或对照图片录入"
                    ));
                }
                if !attachments.is_empty() {
                    imported.notes.push(format!("网页附有「{}」：请下载后导入该文件", attachments.join("」「")));
                }
            }
            imported.notes.extend(notes);
            Ok(imported)
        }
        other => other,
    }
}

/// Refuses input above [`MAX_FILE_BYTES`] before it is looked at.
fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes });
    }
    Ok(())
}
