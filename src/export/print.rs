//! A standalone print view: the page opens it and the browser's 打印 → 另存为 PDF gives the same
//! page, headings and tables as the .docx.

use super::{blocks, cell_text, column_weights, escape, repeated_header, title, Block};
use crate::grid::{self, Content};
use crate::report::Report;
use std::fmt::Write;

/// Font stacks: the GB2312 editions offices have, then what Windows, macOS and Linux ship.
const CSS: &str = r#"
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font: 14pt "Times New Roman", "宋体", SimSun, serif; } }
body { margin: 0; font: 16pt/28.95pt "Times New Roman", "仿宋_GB2312", FangSong_GB2312, "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif; text-align: justify; }
@media screen { body { width: 156mm; margin: 20mm auto; } }
h1 { font: 22pt/28.95pt "方正小标宋简体", "小标宋", "华文中宋", STZhongsong, "Noto Serif CJK SC", serif; text-align: center; margin: 0 0 28.95pt; }
h2 { font: 16pt/28.95pt "黑体", SimHei, "Noto Sans CJK SC", sans-serif; margin: 0; text-indent: 2em; break-after: avoid; }
p { margin: 0; text-indent: 2em; }
.sub { font-family: "楷体_GB2312", KaiTi_GB2312, "楷体", KaiTi, STKaiti, serif; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; font: 10.5pt/1.2 "宋体", SimSun, "Noto Serif CJK SC", serif; text-align: left; }
th, td { border: 0.5pt solid #000; padding: 0.5pt 2pt; vertical-align: middle; font-weight: normal; }
th, td.c { text-align: center; }
td.n { text-align: right; }
tr { break-inside: avoid; }
/* Like the .docx (keepNext down the rows): a table that fits a page is not split. Chromium cannot
   break inside a rowspan, so table B (三、本年度办理结果 spans 22 rows) would otherwise leave its
   first two rows alone on a page; the tight line height above makes it fit one page with its heading. */
table { break-inside: avoid; }
"#;

/// The report as one HTML document with its CSS inside.
pub fn html(report: &Report) -> String {
    let title = escape(&title(report));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{CSS}</style></head>\n<body>\n<h1>{title}</h1>\n"
    );
    for block in blocks(report) {
        match block {
            Block::Heading(h) => writeln!(out, "<h2>{}</h2>", escape(h)),
            Block::Subheading { head, rest } => {
                writeln!(out, "<p><span class=\"sub\">{}</span>{}</p>", escape(head), escape(rest))
            }
            Block::Paragraph(p) => writeln!(out, "<p>{}</p>", escape(p)),
            Block::Table(i) => out.write_str(&table(report, i)),
        }
        .expect("writing to a String");
    }
    out.push_str("</body></html>\n");
    out
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
        write!(out, "<col style=\"width:{}.{:02}%\">", bp / 100, bp % 100).unwrap();
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
