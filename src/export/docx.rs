//! The report as a .docx laid out per GB/T 9704-2012 (党政机关公文格式), written as OOXML by
//! hand: a docx library would cost ~240 KB gzip in the wasm, this costs the XML and `zip`.
//!
//! Lengths are in twips (1/20 pt, 1/1440 inch); font sizes in half-points. Chinese fonts go in
//! the `eastAsia` slot, or Word and WPS render Chinese in the Latin font's fallback.

use super::{
    blocks, cell_text, chinese_date, column_weights, escape, package, repeated_header, title, width_of, Block,
};
use crate::grid::{self, Content};
use crate::report::Report;
use std::fmt::Write;

/// A4.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
pub const MARGIN_TOP: u32 = 2098;
pub const MARGIN_LEFT: u32 = 1587;
pub const TEXT_WIDTH: u32 = 8844;
pub const TEXT_HEIGHT: u32 = 12756;
pub const MARGIN_RIGHT: u32 = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH;
pub const MARGIN_BOTTOM: u32 = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT;
/// 22 lines to the 版心: exactly 28.95 pt a line, set as exact line spacing. No line grid: in
/// LibreOffice it snaps a table line or a 2号 title line to two grid lines.
pub const LINE: u32 = TEXT_HEIGHT / 22;
/// 28 characters of 3号 to a line: 16 pt characters 0.25 pt closer (in 1/20 pt), 15.75 × 28 ≤
/// 156 mm. Set on the text rather than through a character grid (`docGrid linesAndChars`), which
/// LibreOffice lays out at half the characters per line.
pub const CHAR_SPACING: i32 = -5;

pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_HEADING: &str = "黑体";
pub const FONT_SUBHEADING: &str = "楷体_GB2312";
pub const FONT_TABLE: &str = "宋体";
const FONT_LATIN: &str = "Times New Roman";

/// 3号, 2号, 4号, 五号 in half-points.
const SIZE_BODY: u32 = 32;
const SIZE_TITLE: u32 = 44;
const SIZE_SMALL: u32 = 28;
const SIZE_TABLE: u32 = 21;
/// One character of body text and of 4号, for indents.
const CHAR: u32 = SIZE_BODY * 10;
const SMALL_CHAR: u32 = SIZE_SMALL * 10;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocxOptions {
    /// Wrap the report in its 印发通知 (版头, notice, signature, 版记) from [`Report::document`].
    pub wrapper: bool,
}

/// The report as the bytes of a .docx file.
pub fn write(report: &Report, opts: &DocxOptions) -> Vec<u8> {
    document(&core(&title(report), &report.organ), document_xml(report, opts))
}

/// A plain letter in the report's 公文 layout: its title, then headings (「一、…」) and
/// paragraphs — the 汇总与核查's 问题清单 sent back to an organ.
pub fn letter(title: &str, author: &str, blocks: &[Block]) -> Vec<u8> {
    let mut body = para(&styled("Title"), &run(title, ""));
    for block in blocks {
        match block {
            Block::Heading(h) => body.push_str(&para(&styled("Heading1"), &run(h, ""))),
            Block::Paragraph(p) => body.push_str(&para("", &run(p, ""))),
            Block::Subheading { head, rest } => {
                body.push_str(&para("", &(run(head, "<w:rStyle w:val=\"Subheading\"/>") + &run(rest, ""))))
            }
            Block::Table(_) => {}
        }
    }
    document(&core(title, author), wrap_body(&body))
}

/// The package around a `word/document.xml`.
fn document(core: &str, document_xml: String) -> Vec<u8> {
    let rels = |body: &str| format!("{XML_HEAD}<Relationships xmlns=\"{NS_PKG_RELS}\">{body}</Relationships>");
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        (
            "_rels/.rels",
            rels(&format!(
                "<Relationship Id=\"rId1\" Type=\"{NS_REL}/officeDocument\" Target=\"word/document.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            )),
        ),
        ("docProps/core.xml", core.to_string()),
        (
            "word/_rels/document.xml.rels",
            rels(&format!(
                "<Relationship Id=\"rId1\" Type=\"{NS_REL}/styles\" Target=\"styles.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"{NS_REL}/settings\" Target=\"settings.xml\"/>\
                 <Relationship Id=\"rId3\" Type=\"{NS_REL}/fontTable\" Target=\"fontTable.xml\"/>\
                 <Relationship Id=\"rId4\" Type=\"{NS_REL}/footer\" Target=\"footer1.xml\"/>\
                 <Relationship Id=\"rId5\" Type=\"{NS_REL}/footer\" Target=\"footer2.xml\"/>"
            )),
        ),
        ("word/document.xml", document_xml),
        ("word/styles.xml", styles()),
        ("word/settings.xml", format!("{XML_HEAD}<w:settings {NS_W}><w:evenAndOddHeaders/></w:settings>")),
        ("word/fontTable.xml", font_table()),
        // 页码: 4号 半角 "— N —", odd pages right and even pages left, one character in.
        ("word/footer1.xml", footer("right")),
        ("word/footer2.xml", footer("left")),
    ])
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS_W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "</Types>"
);

fn core(title: &str, creator: &str) -> String {
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>",
        escape(title),
        escape(creator)
    )
}

fn fonts(east_asia: &str) -> String {
    format!("<w:rFonts w:ascii=\"{FONT_LATIN}\" w:hAnsi=\"{FONT_LATIN}\" w:cs=\"{FONT_LATIN}\" w:eastAsia=\"{east_asia}\"/>")
}

/// Paragraph styles (Normal = 正文 仿宋 3号, 28.95 pt a line, two characters in), the title, the
/// 一、 headings, the （一） character style, table text and the footer.
fn styles() -> String {
    let style = |kind: &str, id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            "<w:style w:type=\"{kind}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/>\
             <w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
        .replace("<w:pPr></w:pPr>", "")
    };
    let size = |half_points: u32| format!("<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>");
    let flush = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    [
        format!(
            "{XML_HEAD}<w:styles {NS_W}><w:docDefaults><w:rPrDefault><w:rPr>{}{}\
             <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>\
             <w:pPrDefault><w:pPr><w:spacing w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
            fonts(FONT_BODY),
            size(SIZE_BODY)
        ),
        format!(
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>\
             <w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"{}\"/></w:pPr><w:rPr><w:spacing w:val=\"{CHAR_SPACING}\"/></w:rPr></w:style>",
            2 * CHAR
        ),
        style(
            "paragraph",
            "Title",
            "Title",
            &format!("<w:keepNext/><w:spacing w:after=\"{LINE}\"/>{flush}<w:jc w:val=\"center\"/>"),
            &format!("{}{}", fonts(FONT_TITLE), size(SIZE_TITLE)),
        ),
        style("paragraph", "Heading1", "heading 1", "<w:keepNext/><w:outlineLvl w:val=\"0\"/>", &fonts(FONT_HEADING)),
        style("character", "Subheading", "楷体小标题", "", &fonts(FONT_SUBHEADING)),
        style(
            "paragraph",
            "TableText",
            "表格文字",
            &format!("<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>{flush}<w:jc w:val=\"center\"/>"),
            &format!("{}<w:spacing w:val=\"0\"/>{}", fonts(FONT_TABLE), size(SIZE_TABLE)),
        ),
        style("paragraph", "Footer", "footer", flush, &format!("{}{}", fonts(FONT_TABLE), size(SIZE_SMALL))),
        "</w:styles>".into(),
    ]
    .concat()
}

/// The fonts with the names a machine without the GB2312 editions knows them by.
fn font_table() -> String {
    let font = |name: &str, alt: &str, family: &str| {
        format!(
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/></w:font>"
        )
    };
    [
        format!("{XML_HEAD}<w:fonts {NS_W}>"),
        font(FONT_BODY, "仿宋", "modern"),
        font(FONT_TITLE, "宋体", "roman"),
        font(FONT_HEADING, "SimHei", "modern"),
        font(FONT_SUBHEADING, "楷体", "modern"),
        font(FONT_TABLE, "SimSun", "roman"),
        "</w:fonts>".into(),
    ]
    .concat()
}

fn footer(side: &str) -> String {
    format!(
        "{XML_HEAD}<w:ftr {NS_W}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:ind w:{side}=\"{SMALL_CHAR}\"/><w:jc w:val=\"{side}\"/></w:pPr>\
         {}<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>{}</w:p></w:ftr>",
        run("— ", ""),
        run(" —", "")
    )
}

fn run(text: &str, rpr: &str) -> String {
    let rpr = if rpr.is_empty() { String::new() } else { format!("<w:rPr>{rpr}</w:rPr>") };
    format!("<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(text))
}

/// A paragraph on its own line of the XML, so the golden copy diffs line by line.
fn para(ppr: &str, runs: &str) -> String {
    let ppr = if ppr.is_empty() { String::new() } else { format!("<w:pPr>{ppr}</w:pPr>") };
    format!("<w:p>{ppr}{runs}</w:p>\n")
}

fn styled(style: &str) -> String {
    format!("<w:pStyle w:val=\"{style}\"/>")
}

/// `word/document.xml`: [wrapper,] title, body blocks, [版记,] and the page setup.
pub fn document_xml(report: &Report, opts: &DocxOptions) -> String {
    let mut body = String::new();
    if opts.wrapper {
        body.push_str(&front(report));
    }
    let page_break = if opts.wrapper { "<w:pageBreakBefore/>" } else { "" };
    body.push_str(&para(&format!("{}{page_break}", styled("Title")), &run(&title(report), "")));
    for block in blocks(report) {
        match block {
            Block::Heading(h) => body.push_str(&para(&styled("Heading1"), &run(h, ""))),
            Block::Subheading { head, rest } => {
                let keep = if rest.is_empty() { "<w:keepNext/>" } else { "" };
                body.push_str(&para(keep, &(run(head, "<w:rStyle w:val=\"Subheading\"/>") + &run(rest, ""))));
            }
            Block::Paragraph(p) => body.push_str(&para("", &run(p, ""))),
            Block::Table(i) => body.push_str(&table(report, i)),
        }
    }
    if opts.wrapper {
        body.push_str(&colophon(report));
    }
    wrap_body(&body)
}

/// `word/document.xml` around a body: A4, the 版心, the page numbers.
fn wrap_body(body: &str) -> String {
    format!(
        "{XML_HEAD}<w:document {NS_W}><w:body>\n{body}<w:sectPr>\
         <w:footerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"even\" r:id=\"rId5\"/>\
         <w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" \
         w:header=\"851\" w:footer=\"{FOOTER}\" w:gutter=\"0\"/>\
         <w:docGrid w:linePitch=\"{LINE}\"/></w:sectPr></w:body></w:document>\n"
    )
}

/// The footer's distance from the page edge: its line (one body line high) starts 7 mm under
/// the 版心, as GB/T 9704 places the page number.
const FOOTER: u32 = MARGIN_BOTTOM - 397 - LINE;

/// A table drawn from its grid: merged cells as gridSpan/vMerge, figures right-aligned, rows
/// never split, kept on one page with its heading when it fits (keepNext down to the last
/// line), and the header lines repeated on each page when the header is only at the top.
fn table(report: &Report, ti: usize) -> String {
    let grid = grid::grid(ti);
    let weights = column_weights(grid);
    let total: u32 = weights.iter().sum();
    let mut widths: Vec<u32> = weights.iter().map(|w| w * TEXT_WIDTH / total).collect();
    widths[0] += TEXT_WIDTH - widths.iter().sum::<u32>();
    let repeat = repeated_header(grid);
    let border = |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>");
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{}</w:tblBorders>\
         <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/><w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr><w:tblGrid>{}</w:tblGrid>\n",
        ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).concat(),
        widths.iter().map(|w| format!("<w:gridCol w:w=\"{w}\"/>")).collect::<String>()
    );
    for (y, line) in grid.positions().iter().enumerate() {
        let head = if y < repeat { "<w:tblHeader/>" } else { "" };
        let keep = if y + 1 < grid.lines.len() { "<w:keepNext/>" } else { "" };
        write!(out, "<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>").unwrap();
        let mut x = 0;
        while x < grid.width {
            let (cell, origin) = line[x].expect("every position of a grid is covered");
            let width: u32 = widths[x..x + cell.cols].iter().sum();
            let span = if cell.cols > 1 { format!("<w:gridSpan w:val=\"{}\"/>", cell.cols) } else { String::new() };
            let merge = match (cell.rows > 1, origin) {
                (false, _) => "",
                (true, true) => "<w:vMerge w:val=\"restart\"/>",
                (true, false) => "<w:vMerge/>",
            };
            let align = match cell.content {
                Content::Figure(_) => "right",
                Content::Label(_) if cell.head || cell.rows > 1 => "center",
                Content::Label(_) => "left",
            };
            let text = if origin { run(&cell_text(report, cell.content), "") } else { String::new() };
            write!(
                out,
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{span}{merge}<w:vAlign w:val=\"center\"/></w:tcPr>\
                 <w:p><w:pPr>{}{keep}<w:jc w:val=\"{align}\"/></w:pPr>{text}</w:p></w:tc>",
                styled("TableText")
            )
            .unwrap();
            x += cell.cols;
        }
        out.push_str("</w:tr>\n");
    }
    out.push_str("</w:tbl>\n");
    out
}

fn or<'a>(value: &'a str, fallback: &'a str) -> &'a str {
    if value.trim().is_empty() {
        fallback
    } else {
        value
    }
}

/// 版头 and 印发通知: 发文机关标志 in red, 发文字号 over the red line, the notice's title,
/// 主送机关, text, signature and date, 公开方式.
fn front(report: &Report) -> String {
    let d = &report.document;
    let mark = format!("{}文件", d.issuer);
    // As large as 2号 allows up to 36 pt, shrunk to stay on one line of the 版心.
    let mark_size = (TEXT_WIDTH / 10 / width_of(&mark).max(1)).clamp(SIZE_TITLE, 72);
    let red = "<w:color w:val=\"FF0000\"/>";
    let flush = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    let notice_title = if d.title.is_empty() {
        format!("{}关于印发{}的通知", d.issuer, title(report))
    } else {
        d.title.clone()
    };
    let date = chinese_date(&d.date);
    // 不加盖印章: the signature two characters from the right, the date under it starting two
    // characters further right, unless the date is longer.
    let (issuer_w, date_w) = (width_of(&d.issuer), width_of(&date));
    let date_right = (issuer_w.saturating_sub(date_w)).max(2);
    let issuer_right = 2 + (date_w + 2).saturating_sub(issuer_w);
    let right = |chars: u32| {
        format!("<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\" w:right=\"{}\"/><w:jc w:val=\"right\"/>", chars * CHAR)
    };
    let mut out = [
        para(
            &format!("<w:spacing w:before=\"1984\" w:line=\"240\" w:lineRule=\"auto\"/>{flush}<w:jc w:val=\"center\"/>"),
            &run(&mark, &format!("{}{red}<w:sz w:val=\"{mark_size}\"/><w:szCs w:val=\"{mark_size}\"/>", fonts(FONT_TITLE))),
        ),
        para(
            &format!(
                "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"11\" w:color=\"FF0000\"/></w:pBdr><w:spacing w:before=\"{}\"/>{flush}<w:jc w:val=\"center\"/>",
                2 * LINE
            ),
            &run(&d.number, ""),
        ),
        para(&format!("{}<w:spacing w:before=\"{}\" w:after=\"{LINE}\"/>", styled("Title"), 2 * LINE), &run(&notice_title, "")),
        para(flush, &run(&d.addressees, "")),
    ]
    .concat();
    for line in d.notice.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str(&para("", &run(line, "")));
    }
    out.push_str(&para(&format!("<w:spacing w:before=\"{LINE}\"/>{}", right(issuer_right)), &run(&d.issuer, "")));
    out.push_str(&para(&right(date_right), &run(&date, "")));
    // 附注, on the line under the date.
    out.push_str(&para("", &run("（此件主动公开）", "")));
    out
}

/// 版记: 抄送 and 印发机关/印发日期 between the thick first and last lines, a thin line between,
/// one line under the text. (A frame pinned to the foot of the page, as GB/T 9704 places it,
/// loses its lines and position in LibreOffice.)
fn colophon(report: &Report) -> String {
    let d = &report.document;
    let line =
        |side: &str, sz: u32| format!("<w:{side} w:val=\"single\" w:sz=\"{sz}\" w:space=\"1\" w:color=\"000000\"/>");
    let small = format!("<w:sz w:val=\"{SIZE_SMALL}\"/><w:szCs w:val=\"{SIZE_SMALL}\"/>");
    let ind =
        format!("<w:ind w:left=\"{SMALL_CHAR}\" w:right=\"{SMALL_CHAR}\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>");
    let mut out = para("", "");
    let printed = format!("{}印发", chinese_date(or(&d.print_date, &d.date)));
    let top = line("top", 8);
    if !d.cc.is_empty() {
        out.push_str(&para(
            &format!("<w:keepNext/><w:pBdr>{top}{}</w:pBdr>{ind}", line("bottom", 4)),
            &run(&format!("抄送：{}", d.cc), &small),
        ));
    }
    let first = if d.cc.is_empty() { top.as_str() } else { "" };
    out.push_str(&para(
        &format!(
            "<w:pBdr>{first}{}</w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs>{ind}",
            line("bottom", 8),
            TEXT_WIDTH - 2 * SMALL_CHAR
        ),
        &format!(
            "{}<w:r><w:rPr>{small}</w:rPr><w:tab/></w:r>{}",
            run(or(&d.printer, &d.issuer), &small),
            run(&printed, &small)
        ),
    ));
    out
}
