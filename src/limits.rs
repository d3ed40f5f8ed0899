//! The one size above which no file is read, in the page or the CLI: every format of a report
//! is at most a few MB, so a larger file was chosen by mistake (or made to hurt) and is refused
//! before its content is touched.

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
