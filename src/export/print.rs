//! A standalone print view: the page opens it and the browser's 打印 → 另存为 PDF gives the same
//! page, headings and tables as the .docx.

use super::{blocks, cell_text, column_weights, escape, repeated_header, title, Block};
use crate::grid::{self, Content};
use crate::report::Report;
use std::fmt::Write;

/// The print view's CSS, in its own file so the page's Content-Security-Policy can allow exactly
/// this `<style>` by its hash (scripts/bundle.mjs computes it).
const CSS: &str = include_str!("../../static/print.css");

/// The report as one HTML document with its CSS inside.
pub fn html(report: &Report) -> String {
    let title = escape(&title(report));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{CSS}</style></head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    );
    let mut blocks = blocks(report).into_iter();
    while let Some(block) = blocks.next() {
        match block {
            // A heading is kept on the page of what follows it (its table, its first paragraph):
            // Firefox ignores `break-after: avoid`, but not `break-inside: avoid` on a box of both.
            Block::Heading(h) => {
                let next = blocks.next().map(|b| block_html(report, b)).unwrap_or_default();
                write!(out, "<div class=\"keep\">\n<h2>{}</h2>\n{next}</div>\n", escape(h)).unwrap();
            }
            other => out.push_str(&block_html(report, other)),
        }
    }
    // One <main> holding the report: a screen reader's landmark (static/paging.js pages its children).
    out.push_str("</main>\n</body></html>\n");
    out
}

/// One block of the body as HTML.
fn block_html(report: &Report, block: Block) -> String {
    match block {
        Block::Heading(h) => format!("<h2>{}</h2>\n", escape(h)),
        Block::Subheading { head, rest } => {
            format!("<p><span class=\"sub\">{}</span>{}</p>\n", escape(head), escape(rest))
        }
        Block::Paragraph(p) => format!("<p>{}</p>\n", escape(p)),
        Block::Table(i) => table(report, i),
    }
}

/// A table drawn from its grid, whose lines are already HTML rows with rowspan/colspan.
fn table(report: &Report, ti: usize) -> String {
    let grid = grid::grid(ti);
    let weights = column_weights(grid);
    let total: u32 = weights.iter().sum();
    let mut out = String::from("<table><colgroup>");
    for w in &weights {
        // Hundredths of a percent in integers: no float formatting code in the wasm.
        let bp = w * 10_000 / total;
        // The width attribute, not a style attribute: the page's CSP allows no inline styles.
        write!(out, "<col width=\"{}.{:02}%\">", bp / 100, bp % 100).unwrap();
    }
    out.push_str("</colgroup>\n");
    let repeat = repeated_header(grid);
    for (y, line) in grid.lines.iter().enumerate() {
        match y {
            0 if repeat > 0 => out.push_str("<thead>"),
            _ if y == repeat => out.push_str("<tbody>"),
            _ => {}
        }
        out.push_str("<tr>");
        for cell in line {
            let (tag, class) = match cell.content {
                Content::Label(_) if cell.head => ("th", ""),
                Content::Label(_) if cell.rows > 1 => ("td", " class=\"c\""),
                Content::Label(_) => ("td", ""),
                Content::Figure(_) => ("td", " class=\"n\""),
            };
            let span = |name: &str, n: usize| if n > 1 { format!(" {name}=\"{n}\"") } else { String::new() };
            write!(
                out,
                "<{tag}{class}{}{}>{}</{tag}>",
                span("rowspan", cell.rows),
                span("colspan", cell.cols),
                escape(&cell_text(report, cell.content))
            )
            .unwrap();
        }
        out.push_str("</tr>\n");
        if y + 1 == repeat {
            out.push_str("</thead>");
        }
    }
    out.push_str("</tbody></table>\n");
    out
}
