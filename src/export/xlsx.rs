//! The three tables as one .xlsx workbook, laid out as the template, for a department to fill
//! offline and send back: labels verbatim (the importer matches rows by label), figures as
//! numbers, the fee with the decimals it was entered with, totals as SUM formulas.

use super::{column_weights, escape, package};
use crate::form::{self, Body};
use crate::grid::{self, Content, GridCell};
use crate::report::{derived_parts, Entry, Report, Value};
use std::collections::HashMap;
use std::fmt::Write;

/// Cell styles, as indices into `cellXfs` of [`STYLES`].
const HEADING: usize = 1;
const HEAD: usize = 2;
const LABEL: usize = 3;
/// A count; the fee with `n` decimals uses `FIGURE + n`.
const FIGURE: usize = 4;

const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<numFmts count=\"6\"><numFmt numFmtId=\"164\" formatCode=\"0.0\"/><numFmt numFmtId=\"165\" formatCode=\"0.00\"/>",
    "<numFmt numFmtId=\"166\" formatCode=\"0.000\"/><numFmt numFmtId=\"167\" formatCode=\"0.0000\"/>",
    "<numFmt numFmtId=\"168\" formatCode=\"0.00000\"/><numFmt numFmtId=\"169\" formatCode=\"0.000000\"/></numFmts>",
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>",
    "<font><sz val=\"14\"/><name val=\"黑体\"/><charset val=\"134\"/></font></fonts>",
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>",
    "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>",
    "<border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/><diagonal/></border></borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    "<cellXfs count=\"11\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"left\" vertical=\"center\" wrapText=\"1\"/></xf>",
    "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>",
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>",
    "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>",
    "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>",
    "<xf numFmtId=\"167\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>",
    "<xf numFmtId=\"168\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>",
    "<xf numFmtId=\"169\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>",
    "</cellXfs>",
    // The default cell style Excel's own files carry (readers such as openpyxl expect it).
    "<cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
);

const NS: &str = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The sheets: one per table, named by its part heading (二、主动公开政府信息情况).
pub fn sheet_names() -> Vec<&'static str> {
    form::TABLES
        .iter()
        .enumerate()
        .map(|(ti, _)| {
            form::PARTS
                .iter()
                .find(|p| matches!(p.body, Body::Table(i) if i == ti))
                .expect("every table has a part")
                .heading
        })
        .collect()
}

/// The workbook as the bytes of an .xlsx file.
pub fn write(report: &Report) -> Vec<u8> {
    let sheets: Vec<(&str, String)> =
        sheet_names().into_iter().enumerate().map(|(ti, name)| (name, sheet(report, ti, name))).collect();
    workbook(&sheets)
}

/// A cell of a plain table sheet ([`table`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number as it should be stored (`12`, `-3`, `435.18246`).
    Number(String),
}

/// A workbook of plain tables (the 汇总与核查 organ table, findings, comparison): per sheet its
/// name and rows, the first row a header. Same package and styles as the report's workbook.
pub fn table(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let parts: Vec<(&str, String)> = sheets
        .iter()
        .map(|(name, rows)| {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            let mut widths = vec![6usize; width];
            let mut data = String::new();
            for (y, row) in rows.iter().enumerate() {
                write!(data, "<row r=\"{}\">", y + 1).unwrap();
                for (x, cell) in row.iter().enumerate() {
                    let r = reference(y, x);
                    match cell {
                        Cell::Text(t) => {
                            widths[x] = widths[x].max(text_width(t).min(60) + 2);
                            let s = if y == 0 { HEAD } else { LABEL };
                            write!(data, "<c r=\"{r}\" s=\"{s}\" t=\"inlineStr\"><is><t>{}</t></is></c>", escape(t))
                        }
                        Cell::Number(n) => write!(data, "<c r=\"{r}\" s=\"{FIGURE}\"><v>{n}</v></c>"),
                    }
                    .unwrap();
                }
                data.push_str("</row>");
            }
            let cols: String = widths
                .iter()
                .enumerate()
                .map(|(x, w)| format!("<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>", n = x + 1))
                .collect();
            let xml = format!(
                "{XML_HEAD}<worksheet {NS}><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" \
                 activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><cols>{cols}</cols>\
                 <sheetData>{data}</sheetData></worksheet>"
            );
            (*name, xml)
        })
        .collect();
    workbook(&parts)
}

/// The .xlsx package around worksheets given as (name, XML), in order.
fn workbook(worksheets: &[(&str, String)]) -> Vec<u8> {
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    let (mut sheets, mut rels) = (String::new(), String::new());
    let mut parts = Vec::new();
    for (ti, (name, xml)) in worksheets.iter().enumerate() {
        let n = ti + 1;
        write!(types, "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>").unwrap();
        write!(sheets, "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>", escape(name)).unwrap();
        write!(rels, "<Relationship Id=\"rId{n}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>")
            .unwrap();
        parts.push((format!("xl/worksheets/sheet{n}.xml"), xml.clone()));
    }
    types.push_str("</Types>");
    write!(rels, "<Relationship Id=\"rId{}\" Type=\"{REL}/styles\" Target=\"styles.xml\"/>", worksheets.len() + 1)
        .unwrap();
    let relationships = |body: &str| {
        format!("{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{body}</Relationships>")
    };
    let mut files = vec![
        ("[Content_Types].xml".to_string(), types),
        (
            "_rels/.rels".into(),
            relationships(&format!(
                "<Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/>"
            )),
        ),
        (
            "xl/workbook.xml".into(),
            format!("{XML_HEAD}<workbook {NS}><sheets>{sheets}</sheets><calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>"),
        ),
        ("xl/_rels/workbook.xml.rels".into(), relationships(&rels)),
        ("xl/styles.xml".into(), STYLES.into()),
    ];
    files.extend(parts);
    let files: Vec<(&str, String)> = files.iter().map(|(n, c)| (n.as_str(), c.clone())).collect();
    package(&files)
}

/// `A1`-style reference of a zero-based row and column.
pub fn reference(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut c = col + 1;
    while c > 0 {
        letters.insert(0, char::from(b'A' + ((c - 1) % 26) as u8));
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// The cells a total adds up, as one range when they fill a rectangle, else listed.
fn sum_formula(cells: &[(usize, usize)]) -> String {
    let (r0, r1) = (cells.iter().map(|c| c.0).min().unwrap_or(0), cells.iter().map(|c| c.0).max().unwrap_or(0));
    let (c0, c1) = (cells.iter().map(|c| c.1).min().unwrap_or(0), cells.iter().map(|c| c.1).max().unwrap_or(0));
    if (r1 - r0 + 1) * (c1 - c0 + 1) == cells.len() {
        format!("SUM({}:{})", reference(r0, c0), reference(r1, c1))
    } else {
        format!("SUM({})", cells.iter().map(|&(r, c)| reference(r, c)).collect::<Vec<_>>().join(","))
    }
}

/// The grid starts under the title lines: the report's title (机关 and 年度, so workbooks from
/// many departments are told apart by content) and the part heading.
const TOP: usize = 2;

fn sheet(report: &Report, ti: usize, heading: &str) -> String {
    let grid = grid::grid(ti);
    let positions = grid.positions();
    let at: HashMap<usize, (usize, usize)> = positions
        .iter()
        .enumerate()
        .flat_map(|(y, line)| line.iter().enumerate().map(move |(x, p)| (y, x, *p)))
        .filter_map(|(y, x, p)| match p {
            Some((cell, true)) => match cell.content {
                Content::Figure(i) => Some((i, (y + TOP, x))),
                Content::Label(_) => None,
            },
            _ => None,
        })
        .collect();
    let mut merges: Vec<String> =
        (0..TOP).map(|y| format!("{}:{}", reference(y, 0), reference(y, grid.width - 1))).collect();
    let mut rows: String = [super::title(report), heading.to_string()]
        .iter()
        .enumerate()
        .map(|(y, text)| {
            format!(
                "<row r=\"{n}\"><c r=\"A{n}\" s=\"{HEADING}\" t=\"inlineStr\"><is><t>{}</t></is></c></row>",
                escape(text),
                n = y + 1
            )
        })
        .collect();
    let widths: Vec<usize> = column_weights(grid).iter().map(|w| *w as usize * 5 / 2 + 2).collect();
    for (y, line) in positions.iter().enumerate() {
        let row = y + TOP;
        // Spreadsheets do not grow a row for wrapped text on opening: give rows with long labels
        // the height their lines need (11 pt 宋体 takes about 14.25 pt a line).
        let lines = line
            .iter()
            .enumerate()
            .filter_map(|(x, p)| match p {
                Some((GridCell { content: Content::Label(l), rows: 1, cols, .. }, true)) => {
                    Some(text_width(l).div_ceil(widths[x..x + cols].iter().sum::<usize>().max(1)))
                }
                _ => None,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            write!(rows, "<row r=\"{}\" ht=\"{}\" customHeight=\"1\">", row + 1, lines * 57 / 4).unwrap();
        } else {
            write!(rows, "<row r=\"{}\">", row + 1).unwrap();
        }
        for (x, pos) in line.iter().enumerate() {
            let r = reference(row, x);
            let Some((cell, true)) = pos else {
                // Covered by a merge: styled so the merged cell's border is whole.
                let style = pos.map_or(LABEL, |(c, _)| style_of(report, c));
                write!(rows, "<c r=\"{r}\" s=\"{style}\"/>").unwrap();
                continue;
            };
            if cell.rows > 1 || cell.cols > 1 {
                merges.push(format!("{r}:{}", reference(row + cell.rows - 1, x + cell.cols - 1)));
            }
            let s = style_of(report, *cell);
            match cell.content {
                Content::Label(l) => {
                    write!(rows, "<c r=\"{r}\" s=\"{s}\" t=\"inlineStr\"><is><t>{}</t></is></c>", escape(l))
                }
                Content::Figure(i) if form::cells()[i].derived => {
                    let parts: Vec<(usize, usize)> = derived_parts(i).map(|p| at[&p]).collect();
                    let cached = report.value(i).map(|v| format!("<v>{v}</v>")).unwrap_or_default();
                    write!(rows, "<c r=\"{r}\" s=\"{s}\"><f>{}</f>{cached}</c>", sum_formula(&parts))
                }
                Content::Figure(i) => match report.entry(i) {
                    Entry::Valid(v) => write!(rows, "<c r=\"{r}\" s=\"{s}\"><v>{v}</v></c>"),
                    Entry::Missing => write!(rows, "<c r=\"{r}\" s=\"{s}\"/>"),
                    // Kept as typed, so the text is not lost and the importer reports it again.
                    Entry::Invalid(_) => write!(
                        rows,
                        "<c r=\"{r}\" s=\"{s}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                        escape(report.cells[i].as_deref().unwrap_or_default())
                    ),
                },
            }
            .unwrap();
        }
        rows.push_str("</row>");
    }
    let cols: String = widths
        .iter()
        .enumerate()
        .map(|(x, w)| format!("<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>", n = x + 1))
        .collect();
    // Printed one page wide (a wide table such as C turns the page), as many pages long as needed.
    let orientation = if widths.iter().sum::<usize>() > 110 { "landscape" } else { "portrait" };
    format!(
        "{XML_HEAD}<worksheet {NS}><sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><cols>{cols}</cols>\
         <sheetData>{rows}</sheetData><mergeCells count=\"{}\">{}</mergeCells>\
         <pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>\
         <pageSetup paperSize=\"9\" orientation=\"{orientation}\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>",
        merges.len(),
        merges.iter().map(|m| format!("<mergeCell ref=\"{m}\"/>")).collect::<String>()
    )
}

/// A text's width in spreadsheet character units: a Chinese character takes two.
fn text_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Labels heading columns or spanning rows are centred, like the template's.
fn style_of(report: &Report, cell: GridCell) -> usize {
    match cell.content {
        Content::Label(_) if cell.head || cell.rows > 1 => HEAD,
        Content::Label(_) => LABEL,
        Content::Figure(i) => match report.value(i) {
            Some(Value::Fee(d)) => FIGURE + d.scale() as usize,
            _ => FIGURE,
        },
    }
}
