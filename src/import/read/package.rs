//! Reading parts of an Office package (.docx, .xlsx: zip files of XML) within fixed limits, so
//! that a zip bomb or a huge file stops with a message instead of exhausting memory.

use crate::import::{check_size, ImportError};
use crate::limits::MAX_UNCOMPRESSED_BYTES;
use std::io::{Cursor, Read};
use zip::ZipArchive;

pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// What may still be decompressed, in bytes.
    budget: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, ImportError> {
        check_size(bytes.len())?;
        let archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Corrupt(format!("无法打开压缩包（{e}）")))?;
        Ok(Package { archive, budget: MAX_UNCOMPRESSED_BYTES })
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.archive.file_names()
    }

    /// A part's text, `None` if absent. Reads at most the remaining budget, whatever the zip
    /// headers claim, and fails once it is exceeded.
    pub fn read(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        let file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(ImportError::Corrupt(format!("{name}（{e}）"))),
        };
        let mut data = Vec::new();
        file.take(self.budget + 1)
            .read_to_end(&mut data)
            .map_err(|e| ImportError::Corrupt(format!("{name} 解压失败（{e}）")))?;
        if data.len() as u64 > self.budget {
            return Err(ImportError::ZipBomb);
        }
        self.budget -= data.len() as u64;
        String::from_utf8(data).map(Some).map_err(|_| ImportError::Corrupt(format!("{name} 不是 UTF-8 编码的 XML")))
    }
}

/// Office never writes a DOCTYPE: one in a part is there to declare entities (the "billion
/// laughs" expansion), so the part is refused, whatever the XML reader would make of it.
pub(crate) fn doctype(part: &str) -> ImportError {
    ImportError::Corrupt(format!("{part} 含有 DOCTYPE 声明（Office 文档中不会有），疑似恶意构造的文件，已停止读取"))
}
