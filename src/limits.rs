//! Every bound on what is read, in one place: the one size above which no file is read, in the
//! page or the CLI (every format of a report is at most a few MB, so a larger file was chosen by
//! mistake or made to hurt, and is refused before its content is touched), then what each reader
//! and the analyser do at most, so a hostile or broken file gets a message, never a hang, an
//! exhausted memory or a panic; and the figures a report may hold.

/// The largest file read, in bytes.
pub const MAX_FILE_BYTES: usize = 50 << 20;

/// Why a file of `bytes` is refused, with its size.
pub fn too_large(bytes: u64) -> String {
    format!(
        "文件过大（约 {} MB，上限 {} MB），不像是一份年度报告，未读取",
        bytes.div_ceil(1 << 20),
        MAX_FILE_BYTES >> 20
    )
}

// Office packages and workbooks.

/// What the parts read from a package may decompress to, in total: a guard against zip bombs.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 50 << 20;
/// Columns and cells read at most (.xlsx and .xls): a report's sheets have a few dozen columns and
/// rows.
pub const MAX_COLUMNS: usize = 256;
pub const MAX_CELLS: usize = 1_000_000;
/// Bytes of one stream of a Word 97–2003 document read at most (the file itself is bounded by
/// [`MAX_FILE_BYTES`]).
pub const MAX_DOC_STREAM: u64 = 64 << 20;

// PDF.

/// Pages read at most: a report has about ten.
pub const MAX_PAGES: usize = 500;
/// Bytes all streams read may inflate to, together, and one stream alone.
pub const MAX_INFLATED: usize = 128 << 20;
pub const MAX_PDF_STREAM: usize = 16 << 20;
/// Content-stream operations interpreted, and glyphs shown, in the whole file.
pub const MAX_OPS: usize = 4_000_000;
pub const MAX_GLYPHS: usize = 2_000_000;
/// Form XObjects inside Form XObjects, and `q` inside `q`, at most.
pub const MAX_FORM_DEPTH: usize = 8;
pub const MAX_SAVED_STATES: usize = 256;
/// Glyphs on one page at most: a report's page has a few thousand.
pub const MAX_PAGE_GLYPHS: usize = 200_000;
/// Entries read from one CMap or widths array at most (a range of codes is one entry).
pub const MAX_MAPPINGS: usize = 1 << 17;

// Geometry (glyphs and rules to lines).

/// More ruled lines or table cells than this on one page is not a report's table (a report's
/// page has a few hundred): the page is read as text, which keeps the work bounded.
pub const MAX_PAGE_RULES: usize = 4000;
pub const MAX_PAGE_CELLS: usize = 4000;

// The analyser.

/// More arrangements of a table's figures than this are not tried: the table is left to the labels.
pub const MAX_ARRANGEMENTS: usize = 20_000;
/// More readings of one block than this are not compared.
pub const MAX_READINGS: usize = 64;

// Figures.

/// Counts and fees above this are refused: no real figure comes near, and sums cannot overflow.
pub const MAX_FIGURE: u64 = 1_000_000_000_000;
/// Fees are kept to at most this many decimals (real reports print 1–6).
pub const MAX_FEE_DECIMALS: u32 = 6;
