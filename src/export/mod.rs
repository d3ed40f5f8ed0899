//! The finished report: .docx in 公文 style, a print view for PDF, and an .xlsx of the tables.
//!
//! Pure functions from a [`Report`] to bytes or text, so the page and the CLI share them. All
//! three walk the same [`blocks`] (headings, paragraphs, tables in template order) and draw each
//! table from [`crate::grid`], so their content cannot drift apart.

pub mod docx;
pub mod print;
pub mod xlsx;

use crate::form::{self, Body};
use crate::grid::{Content, Grid};
use crate::report::Report;
use std::io::Write;

/// "<机关><年度>年政府信息公开工作年度报告", the title of every export.
pub fn title(report: &Report) -> String {
    format!("{}{}年政府信息公开工作年度报告", report.organ, report.year)
}

/// One piece of the report body, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    /// A part heading of the template (一、总体情况), verbatim.
    Heading(&'static str),
    /// A line of the user's text opening with （一）…: `head` up to its first 。 (or the whole
    /// line) is the subheading, `rest` runs on in body text.
    Subheading {
        head: &'a str,
        rest: &'a str,
    },
    Paragraph(&'a str),
    /// A table, by index into [`form::TABLES`].
    Table(usize),
}

/// The body: the preamble's paragraphs, then each part's heading and its text or table.
pub fn blocks(report: &Report) -> Vec<Block<'_>> {
    let mut out = paragraphs(&report.text.preamble);
    for part in &form::PARTS {
        out.push(Block::Heading(part.heading));
        match part.body {
            Body::Text(t) => out.extend(paragraphs(report.text.get(t.key).map_or("", String::as_str))),
            Body::Table(i) => out.push(Block::Table(i)),
        }
    }
    out
}

fn paragraphs(text: &str) -> Vec<Block<'_>> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(block_of_line).collect()
}

fn block_of_line(line: &str) -> Block<'_> {
    let numbered = line
        .strip_prefix('（')
        .and_then(|l| l.split_once('）'))
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)));
    if !numbered {
        return Block::Paragraph(line);
    }
    let cut = line.find('。').map_or(line.len(), |i| i + '。'.len_utf8());
    let (head, rest) = line.split_at(cut);
    Block::Subheading { head, rest }
}

/// What a figure prints: its value (0 as 0, the fee exactly as entered), the typed text if it is
/// not a valid number (a draft may be exported), nothing if not filled.
pub fn figure_text(report: &Report, index: usize) -> String {
    match report.value(index) {
        Some(v) => v.to_string(),
        None => report.cells[index].clone().unwrap_or_default(),
    }
}

/// The text of a grid cell.
pub fn cell_text(report: &Report, content: Content) -> String {
    match content {
        Content::Label(l) => l.to_string(),
        Content::Figure(i) => figure_text(report, i),
    }
}

/// Relative widths of a grid's columns: a column holding figures gets a fixed share, a column of
/// labels grows with its longest label, within bounds.
pub fn column_weights(grid: &Grid) -> Vec<u32> {
    const FIGURE: u32 = 3;
    let mut weights = vec![0u32; grid.width];
    for line in grid.positions() {
        for (x, pos) in line.iter().enumerate() {
            let Some((cell, true)) = pos else { continue };
            if cell.cols != 1 {
                continue;
            }
            let w = match cell.content {
                Content::Figure(_) => FIGURE,
                Content::Label(l) if cell.head => (width_of(l) / 2).clamp(2, FIGURE),
                // A label down the side of several rows wraps over them, but not to a sliver.
                Content::Label(l) => width_of(l).div_ceil(cell.rows.min(2) as u32).clamp(2, 12),
            };
            weights[x] = weights[x].max(w);
        }
    }
    weights.iter().map(|&w| w.max(2)).collect()
}

/// How many lines at the top of a grid are its header and repeat on each page: all header
/// lines, when headers stand only at the top (table A's sections each have their own, so none).
pub fn repeated_header(grid: &Grid) -> usize {
    let header = grid.lines.iter().take_while(|l| l.iter().all(|c| c.head)).count();
    if grid.lines[header..].iter().flatten().any(|c| c.head) {
        0
    } else {
        header
    }
}

/// Display width in full-width characters (ASCII counts half, rounded up).
pub fn width_of(s: &str) -> u32 {
    let halves: u32 = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    halves.div_ceil(2)
}

/// `s` with the XML specials escaped and the characters XML 1.0 forbids left out.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// An OOXML package: the named parts, deflate-compressed.
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).expect("writing to memory");
        zip.write_all(content.as_bytes()).expect("writing to memory");
    }
    zip.finish().expect("writing to memory").into_inner()
}

/// `2024-01-10` as 2024年1月10日; any other text as written.
pub fn chinese_date(date: &str) -> String {
    let parts: Vec<&str> = date.trim().split('-').collect();
    match parts[..] {
        [y, m, d] if [y, m, d].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) => {
            format!("{y}年{}月{}日", m.trim_start_matches('0'), d.trim_start_matches('0'))
        }
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subheadings_split_at_their_first_full_stop() {
        assert_eq!(block_of_line("（一）主动公开情况"), Block::Subheading { head: "（一）主动公开情况", rest: "" });
        assert_eq!(
            block_of_line("（二）依申请公开。全年受理26件。"),
            Block::Subheading { head: "（二）依申请公开。", rest: "全年受理26件。" }
        );
        assert_eq!(block_of_line("（注）说明"), Block::Paragraph("（注）说明"));
        assert_eq!(block_of_line("1. 深化"), Block::Paragraph("1. 深化"));
    }

    #[test]
    fn blocks_follow_the_template() {
        let mut r = Report::new(2023);
        r.text.preamble = "根据\n\n联系".into();
        r.text.other = "（一）信息处理费收取情况\n未收取。".into();
        let b = blocks(&r);
        assert_eq!(b[..3], [Block::Paragraph("根据"), Block::Paragraph("联系"), Block::Heading("一、总体情况")]);
        assert_eq!(b.iter().filter(|b| matches!(b, Block::Heading(_))).count(), 6);
        assert_eq!(b.iter().filter(|b| matches!(b, Block::Table(_))).count(), 3);
        assert_eq!(b.last(), Some(&Block::Paragraph("未收取。")));
    }

    #[test]
    fn dates_and_escaping() {
        assert_eq!(chinese_date("2024-01-10"), "2024年1月10日");
        assert_eq!(chinese_date("2024年1月"), "2024年1月");
        assert_eq!(escape("a<b>&\"c\u{1}"), "a&lt;b&gt;&amp;&quot;c");
    }

    #[test]
    fn figures_print_as_entered() {
        let mut r = Report::new(2023);
        r.set("proactive.fees_wan_yuan", "96171.60");
        r.set("proactive.licensing", "0");
        r.set("proactive.penalty", "12a");
        let at = |p| figure_text(&r, form::cell_index(p).unwrap());
        assert_eq!(at("proactive.fees_wan_yuan"), "96171.60");
        assert_eq!(at("proactive.licensing"), "0");
        assert_eq!(at("proactive.penalty"), "12a");
        assert_eq!(at("proactive.coercion"), "");
        assert_eq!(at("appeals.review.total"), "0");
    }
}
