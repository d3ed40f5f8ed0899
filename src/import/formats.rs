//! The one table of the formats a report is read from: each line names the kind, the file
//! extensions, how the content is told apart whatever the name says, and the reader. The
//! importer's choice of reader ([`choose`]), the file choosers' `accept`, the summary's kinds of
//! file and the CLI's help are all read from it, so a new format is a reader and a line here.

use super::read::{self, Document, Reader};
use super::{ImportError, LegacyDecoder};

/// One format the importer reads (or, with no reader, the tool's own JSON, which the summary
/// reads and a file chooser offers).
pub struct FileFormat {
    /// The kind in words, as the summary's table names it (several formats share one).
    pub kind: &'static str,
    /// What a file of it is, in words ("Word 文档").
    pub name: &'static str,
    /// The extensions, lower case, the usual one first.
    pub extensions: &'static [&'static str],
    pub sniff: Sniff,
    /// What to do with a file named so that holds something else (an Office 97–2003 name on a
    /// file that is no compound file).
    pub advice: &'static str,
    /// Whether the importer reads it (its reader is [`reader`]'s, kept out of this table).
    pub reads: bool,
}

/// How a format is told by its content.
pub enum Sniff {
    /// The file starts with these bytes.
    Magic(&'static [u8]),
    /// A zip package holding this part.
    Zip(&'static str),
    /// An Office 97–2003 compound file holding one of these streams.
    Compound(&'static [&'static str]),
    /// By a look at its first bytes.
    Content(fn(&[u8]) -> bool),
    /// By its name alone.
    Name,
    /// Any text: what nothing else claims.
    Text,
}

/// Declares [`FORMATS`] and [`reader`] from one list. The readers stand apart from the table so
/// that what only describes the formats (the file choosers' `accept`, the kinds) links none of
/// them: the editor's first load shows a file chooser, and every reader in it would cost some
/// 120 KB gzip there (measured) instead of in the files chunk.
macro_rules! formats {
    ($($kind:literal, $name:literal, [$($ext:literal),*], $sniff:expr, $advice:literal, $read:expr;)*) => {
        /// Every format, in the order a file's content is tried against them.
        pub static FORMATS: &[FileFormat] = &[
            $(FileFormat { kind: $kind, name: $name, extensions: &[$($ext),*], sniff: $sniff, advice: $advice, reads: reads($read) },)*
        ];

        /// The reader of a format (by its place in [`FORMATS`]).
        fn reader(i: usize) -> Option<Reader> {
            const READERS: &[Option<Reader>] = &[$($read),*];
            READERS[i]
        }
    };
}

/// Whether a line of the table has a reader: evaluated when compiling, so the table itself holds
/// no reader.
const fn reads(reader: Option<Reader>) -> bool {
    reader.is_some()
}

// kind, name, extensions, sniff, advice, reader
#[rustfmt::skip]
formats! {
    "PDF", "PDF 文件", ["pdf"], Sniff::Magic(b"%PDF"), "", Some(read::pdf_natively);
    "Word", "Word 文档", ["docx", "docm"], Sniff::Zip("word/document.xml"), "", Some(read::docx::read);
    "Excel", "Excel 工作簿", ["xlsx", "xlsm"], Sniff::Zip("xl/workbook.xml"), "", Some(read::xlsx::read);
    "Word", "Word 文档", ["doc", "wps"], Sniff::Compound(&["/WordDocument"]), "请在 Word/WPS 中另存为 .docx 后导入", Some(read::doc::read);
    "Excel", "Excel 工作簿", ["xls", "et"], Sniff::Compound(&["/Workbook", "/Book"]), "请在 Excel/WPS 中另存为 .xlsx 后导入", Some(read::xls::read);
    "网页", "单个文件网页", ["mht", "mhtml"], Sniff::Content(read::mhtml::is_mime), "", Some(read::mhtml::read);
    "网页", "网页", ["html", "htm", "xhtml"], Sniff::Content(read::html::looks_like), "", Some(read::html::read);
    "Excel", "CSV 表格", ["csv"], Sniff::Name, "", Some(read::csv::read);
    "文本", "文本", ["txt"], Sniff::Text, "", Some(read::text::read);
    "JSON", "本工具的 JSON 文件", ["json"], Sniff::Name, "", None;
}

/// A file name's extension, lower case ("" for none).
pub fn extension(name: &str) -> String {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// The format a file's name says.
pub fn by_name(name: &str) -> Option<&'static FileFormat> {
    let ext = extension(name);
    FORMATS.iter().find(|f| f.extensions.contains(&ext.as_str()))
}

/// The kind of a file by its name, in words ("文本" for a name that says none).
pub fn kind_of(name: &str) -> &'static str {
    by_name(name).map_or("文本", |f| f.kind)
}

/// Whether a file found in a folder is one the tool reads, by its name.
pub fn is_report_file(name: &str) -> bool {
    by_name(name).is_some()
}

/// A file chooser's `accept`: every extension read, with or without the tool's own JSON files
/// (the importer looks at the content too, whatever the name). Made once: the toolbar that
/// shows it redraws on every keystroke.
pub fn accept(json: bool) -> &'static str {
    static ACCEPT: std::sync::OnceLock<[String; 2]> = std::sync::OnceLock::new();
    let lists = ACCEPT.get_or_init(|| {
        [false, true].map(|json| {
            let formats = FORMATS.iter().filter(|f| json || f.reads);
            formats.flat_map(|f| f.extensions).map(|e| format!(".{e}")).collect::<Vec<_>>().join(",")
        })
    });
    &lists[usize::from(json)]
}

/// Every extension, of the formats read and the tool's JSON.
pub fn extensions() -> &'static [&'static str] {
    static ALL: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| FORMATS.iter().flat_map(|f| f.extensions.iter().copied()).collect())
}

/// The usual extension of every format read, as the CLI's help and the README list them
/// (`.pdf/.docx/…`).
pub fn listed() -> String {
    FORMATS.iter().filter(|f| f.reads).map(|f| format!(".{}", f.extensions[0])).collect::<Vec<_>>().join("/")
}

/// The reader for a file, by its content first and its name where the content allows either;
/// or why none reads it.
pub(crate) fn choose(name: &str, bytes: &[u8]) -> Result<Reader, ImportError> {
    let named = by_name(name);
    let ext = extension(name);
    let unsupported = || ImportError::Unsupported(format!(".{ext}"));
    let reader = |f: &FileFormat| reader(index(f)).ok_or_else(unsupported);
    let readable = || FORMATS.iter().filter(|f| f.reads);
    for f in readable() {
        if let Sniff::Magic(magic) = f.sniff {
            if bytes.starts_with(magic) || named.is_some_and(|n| std::ptr::eq(n, f)) {
                return reader(f);
            }
        }
    }
    let zips = || readable().filter_map(|f| if let Sniff::Zip(part) = f.sniff { Some((f, part)) } else { None });
    if bytes.starts_with(b"PK\x03\x04") {
        if let Some((f, _)) = zips().find(|(f, _)| named.is_some_and(|n| std::ptr::eq(n, *f))) {
            return reader(f);
        }
        let package = read::package::Package::open(bytes)?;
        let has = |part: &str| package.names().any(|n| n == part);
        return match zips().find(|(_, part)| has(part)) {
            Some((f, _)) => reader(f),
            None => Err(ImportError::Unsupported(format!(
                "压缩包中既没有{}",
                zips().map(|(f, _)| f.name).collect::<Vec<_>>().join("也没有")
            ))),
        };
    }
    // Word and Excel 97–2003 (and WPS's .wps and .et in their layouts) by content, whatever the
    // name says.
    let compound = bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]);
    if let Some(file) = compound.then(|| read::compound(bytes)).flatten() {
        for f in readable() {
            if let Sniff::Compound(streams) = f.sniff {
                if streams.iter().any(|s| file.is_stream(s)) {
                    return reader(f);
                }
            }
        }
    }
    match named.map(|f| &f.sniff) {
        Some(Sniff::Compound(_)) => {
            let (what, advice) = named.map_or(("", ""), |f| (f.name, f.advice));
            return Err(ImportError::Unsupported(format!(".{ext} 文件不是可读取的 {what}，{advice}")));
        }
        Some(Sniff::Zip(_)) => {
            return Err(ImportError::Corrupt(format!("扩展名为 .{ext}，但内容不是 Office 文档（zip）")));
        }
        _ => {}
    }
    if compound {
        return Err(ImportError::Unsupported(
            "这个旧版 Office 文件既不是 Word 文档也不是 Excel 工作簿，请另存为 .docx 或 .xlsx 后导入".into(),
        ));
    }
    for f in readable() {
        let by_content = match f.sniff {
            Sniff::Content(test) => test(bytes),
            Sniff::Text => true,
            _ => false,
        };
        let by_name = matches!(f.sniff, Sniff::Content(_) | Sniff::Name) && named.is_some_and(|n| std::ptr::eq(n, f));
        if by_content || by_name {
            return reader(f);
        }
    }
    Err(unsupported())
}

/// A format's place in [`FORMATS`].
fn index(f: &FileFormat) -> usize {
    FORMATS.iter().position(|g| std::ptr::eq(g, f)).expect("a format of the table")
}

/// Reads a file with the reader its content and name choose.
pub(crate) fn read(name: &str, bytes: &[u8], legacy: LegacyDecoder) -> Result<Document, ImportError> {
    choose(name, bytes)?(bytes, legacy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_names_one_format() {
        let all = extensions();
        assert!(all.iter().enumerate().all(|(i, e)| !all[..i].contains(e) && *e == e.to_ascii_lowercase()), "{all:?}");
        assert_eq!(kind_of("报告.DOCX"), "Word");
        assert_eq!(kind_of("报告"), "文本");
        assert!(accept(true).contains(".json") && !accept(false).contains(".json"));
    }

    /// The README's list of what `nianbao import` reads is the table's.
    #[test]
    fn the_readme_lists_the_formats_read() {
        let readme = include_str!("../../README.md");
        assert!(readme.contains(&format!("a published report ({})", listed())), "README.md: {}", listed());
    }

    #[test]
    fn content_chooses_the_reader_whatever_the_name() {
        let reader = |name: &str, bytes: &[u8]| choose(name, bytes).map(|r| r as usize);
        let named = |ext: &str| by_name(&format!("a.{ext}")).and_then(|f| super::reader(index(f))).map(|r| r as usize);
        assert_eq!(reader("a.txt", b"%PDF-1.7").ok(), named("pdf"));
        assert_eq!(reader("a.txt", b"<!DOCTYPE html><p>x").ok(), named("html"));
        assert_eq!(reader("a.html", b"plain").ok(), named("html"));
        assert_eq!(reader("a.csv", b"a,b").ok(), named("csv"));
        assert_eq!(reader("a", b"a,b").ok(), named("txt"));
        assert!(matches!(choose("a.xls", b"plain"), Err(ImportError::Unsupported(_))));
        assert!(matches!(choose("a.docx", b"plain"), Err(ImportError::Corrupt(_))));
    }
}
