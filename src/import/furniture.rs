//! Page furniture out of a document's lines, where the readers' lines enter the analyser: the
//! site's lines (`crate::furniture`) and the short link lines under a 相关链接 heading. Every line
//! taken out is kept, for the import review.

use super::Line;
use crate::furniture::{is_furniture, is_link_line, LIST_HEADINGS};

/// The lines without furniture, and the furniture's text in order.
pub(crate) fn strip(lines: Vec<Line>) -> (Vec<Line>, Vec<String>) {
    let mut kept = Vec::with_capacity(lines.len());
    let mut removed = Vec::new();
    // Under a 相关链接 heading: short lines of no sentence until something else.
    let mut in_list = false;
    for line in lines {
        let text = line.text();
        let t = text.trim();
        let list_item = in_list && is_link_line(t);
        if t.is_empty() || !(list_item || is_furniture_line(&line)) {
            if !t.is_empty() {
                in_list = false;
            }
            kept.push(line);
            continue;
        }
        in_list = list_item || LIST_HEADINGS.iter().any(|h| t.contains(h));
        removed.push(t.to_string());
    }
    (kept, removed)
}

/// A line of a document that is the site's rather than the report's. A table row is when every
/// cell is.
fn is_furniture_line(line: &Line) -> bool {
    if line.row {
        let cells: Vec<&str> = line.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        return !cells.is_empty() && cells.iter().all(|c| is_furniture(c));
    }
    is_furniture(&line.text())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> Line {
        Line { no: 0, cells: vec![t.into()], row: false }
    }

    #[test]
    fn a_link_list_goes_with_its_heading_and_ends_at_report_text() {
        let lines: Vec<Line> = [
            "六、其他需要报告的事项",
            "2024年未收取信息处理费。",
            "相关链接",
            "中国政府网",
            "江苏省人民政府",
            "淮安市人民政府 2025-01-20",
            "扫一扫在手机上查看当前页面",
        ]
        .iter()
        .map(|t| line(t))
        .collect();
        let (kept, removed) = strip(lines);
        let kept: Vec<String> = kept.iter().map(Line::text).collect();
        assert_eq!(kept, ["六、其他需要报告的事项", "2024年未收取信息处理费。"]);
        assert_eq!(removed.len(), 5);
    }
}
