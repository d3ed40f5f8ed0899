//! Comma-separated values (.csv): a sheet saved "as CSV" by Excel or WPS — in GBK on a Chinese
//! Windows, which `legacy` decodes — or a site's data download. Each record is a table row;
//! a quoted field may hold commas, doubled quotes and line breaks (RFC 4180).
//!
//! Written as the example of a new format: this file and one line in `formats::FORMATS`.

use super::{decode_text, Document};
use crate::import::{ImportError, LegacyDecoder, Line};

/// The rows of a CSV file.
pub(crate) fn read(bytes: &[u8], legacy: LegacyDecoder) -> Result<Document, ImportError> {
    let text = decode_text(bytes, legacy)?;
    let (mut lines, mut cells, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut no = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted || cell.trim().is_empty() => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell).trim().to_string()),
            '\n' if !quoted => {
                cells.push(std::mem::take(&mut cell).trim().to_string());
                lines.push(Line { no, cells: std::mem::take(&mut cells), row: true });
                no += 1;
            }
            '\r' if !quoted => {}
            '\n' => {
                no += 1;
                cell.push(' ');
            }
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell.trim().to_string());
        lines.push(Line { no, cells, row: true });
    }
    lines.retain(|l| l.cells.iter().any(|c| !c.is_empty()));
    Ok(lines.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_their_commas_quotes_and_breaks() {
        let csv = "标签,\"a,b\",\"他说\"\"好\"\"\"\r\n\"两\n行\",1,\n,,\n";
        let lines = read(csv.as_bytes(), &|_| None).unwrap().lines;
        let cells: Vec<Vec<String>> = lines.iter().map(|l| l.cells.clone()).collect();
        assert_eq!(cells, [vec!["标签", "a,b", "他说\"好\""], vec!["两 行", "1", ""]]);
        assert!(lines.iter().all(|l| l.row));
    }
}
