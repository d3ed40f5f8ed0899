//! Text as people get it: copied from a web page (cells separated by tabs), extracted from a PDF
//! (cells separated by spaces, labels wrapped, page footers), rendered as markdown (`| 予以公开 |
//! 12 | 1 |`), or OCR output.

use super::{decode_text, Document};
use crate::import::{ImportError, LegacyDecoder, Line};

/// A text file's lines.
pub(crate) fn read(bytes: &[u8], legacy: LegacyDecoder) -> Result<Document, ImportError> {
    lines_of(&decode_text(bytes, legacy)?).map(Document::from)
}

/// The lines of a text; none in a text of white space.
pub(crate) fn lines_of(text: &str) -> Result<Vec<Line>, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(lines(text))
}

/// One [`Line`] per text line: tab-separated cells and markdown table rows are a table row (an
/// empty cell is a blank figure; a markdown rule `|---|---|` is no line of text); other lines are
/// split at spaces, where a PDF separates its cells. A table converted one cell a line, each ended
/// by a bar (`3001 |`, an empty cell `|`, the row padded to the table's width by bars, `0 | ||`),
/// reads as a table copied one cell per line.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    // Whether the last line with text was text not ended by a bar: a lone bar next ends its cell.
    let mut open = false;
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim_end_matches('\r');
            let was_open = std::mem::replace(&mut open, false);
            let (cells, row) = if let Some(cell) = cell_a_line(l) {
                let cells: Vec<String> = cell.split_whitespace().map(str::to_string).collect();
                let empty = cell.is_empty() && l.trim().matches(BARS).count() == 1 && !was_open;
                (if empty { vec![String::new()] } else { cells }, false)
            } else if let Some(cells) = markdown_row(l) {
                let rule = cells.iter().all(|c| c.chars().all(|c| matches!(c, '-' | ':' | ' ')));
                (if rule { Vec::new() } else { cells }, true)
            } else if l.contains('\t') {
                (l.split('\t').map(|c| c.trim().to_string()).collect(), true)
            } else {
                open = !l.trim().is_empty() || was_open;
                (l.split_whitespace().map(str::to_string).collect(), false)
            };
            Line { no: i + 1, cells, row }
        })
        .collect()
}

/// A cell of a table converted one cell a line: its text before a bar and nothing after but bars
/// (`3001 |`, `本年处理决定数量 | ||`), or none (`|`, and `||` padding a row).
fn cell_a_line(line: &str) -> Option<&str> {
    let t = line.trim();
    let (cell, bars) = t.split_at(t.find(BARS)?);
    bars.chars().all(|c| BARS.contains(&c) || c.is_whitespace()).then(|| cell.trim())
}

/// The cells of a table row drawn with bars: markdown's `| 予以公开 | 12 | 1 |`, or a site's text
/// copy with the bar on one side only (`规章 | 0 | 0 | 25 |`), in ASCII or full width.
fn markdown_row(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if !(t.starts_with(BARS) || t.ends_with(BARS)) || t.matches(BARS).count() < 2 {
        return None;
    }
    let inner = t.strip_prefix(BARS).unwrap_or(t);
    let inner = inner.strip_suffix(BARS).unwrap_or(inner);
    Some(inner.split(BARS).map(|c| c.trim().to_string()).collect())
}

/// The bars that draw a table's columns in text, in ASCII and full width.
const BARS: [char; 2] = ['|', '｜'];
