//! Text as people get it: copied from a web page (cells separated by tabs), extracted from a PDF
//! (cells separated by spaces, labels wrapped, page footers), or OCR output.

use super::{analyse::analyse, check_size, ImportError, Imported, Line};

/// Imports a report from its text.
pub fn parse(text: &str) -> Result<Imported, ImportError> {
    check_size(text.len())?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    analyse(lines(text))
}

/// One [`Line`] per text line: tab-separated cells are a table row (an empty cell is a blank
/// figure); other lines are split at spaces, where a PDF separates its cells.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim_end_matches('\r');
            let row = l.contains('\t');
            let cells: Vec<String> = if row {
                l.split('\t').map(|c| c.trim().to_string()).collect()
            } else {
                l.split_whitespace().map(str::to_string).collect()
            };
            Line { no: i + 1, cells, row }
        })
        .collect()
}
