//! The exports read back as a user's program would: unzip the .docx/.xlsx, parse the XML, and
//! find the template's labels, the figures in their cells, the spans, fonts and page setup.

use nianbao::export::{self, docx, print, xlsx};
use nianbao::form;
use nianbao::grid::{self, Content};
use nianbao::json;
use nianbao::report::Report;
use roxmltree::{Document, Node};
use std::io::Read;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn fixture() -> Report {
    json::from_str(include_str!("fixtures/quangang-2023.json")).unwrap()
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut file = zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the package"));
    assert_eq!(file.compression(), zip::CompressionMethod::Deflated, "{name} is compressed");
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

fn w<'a, 'n>(node: Node<'a, 'a>, name: &'n str) -> impl Iterator<Item = Node<'a, 'a>> + use<'a, 'n> {
    node.descendants().filter(move |n| n.tag_name().namespace() == Some(W) && n.tag_name().name() == name)
}

fn attr<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn text(node: Node) -> String {
    w(node, "t").filter_map(|t| t.text()).collect()
}

/// The labels of a table's grid, in drawing order.
fn labels(ti: usize) -> Vec<&'static str> {
    grid::grid(ti)
        .lines
        .iter()
        .flatten()
        .filter_map(|c| match c.content {
            Content::Label(l) => Some(l),
            Content::Figure(_) => None,
        })
        .collect()
}

#[test]
fn docx_has_every_label_in_order_and_every_figure_in_its_cell() {
    let r = fixture();
    let xml = unzip(&docx::write(&r, &docx::DocxOptions::default()), "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let paragraphs: Vec<String> = w(doc.root(), "p").map(text).collect();
    assert_eq!(paragraphs[0], "泉州市泉港区人民政府2023年政府信息公开工作年度报告");

    // The part headings and every table label, in template order.
    let mut expected = Vec::new();
    for part in &form::PARTS {
        expected.push(part.heading);
        if let form::Body::Table(ti) = part.body {
            expected.extend(labels(ti));
        }
    }
    let mut rest = paragraphs.iter();
    for label in &expected {
        assert!(rest.any(|p| p == label), "{label} missing or out of order");
    }

    let tables: Vec<_> = w(doc.root(), "tbl").collect();
    assert_eq!(tables.len(), 3);
    for (ti, table) in tables.iter().enumerate() {
        let g = grid::grid(ti);
        assert_eq!(w(*table, "gridCol").count(), g.width, "table {ti} grid");
        let rows: Vec<_> = table.children().filter(|n| n.has_tag_name((W, "tr"))).collect();
        assert_eq!(rows.len(), g.lines.len());
        for (y, (row, line)) in rows.iter().zip(g.positions()).enumerate() {
            assert!(w(*row, "cantSplit").next().is_some(), "rows never split");
            let mut x = 0;
            for tc in row.children().filter(|n| n.has_tag_name((W, "tc"))) {
                let (cell, origin) = line[x].unwrap();
                let span = w(tc, "gridSpan").next().and_then(|n| attr(n, "val")).map_or(1, |v| v.parse().unwrap());
                assert_eq!(span, cell.cols, "table {ti} line {y} column {x}");
                let merge = w(tc, "vMerge").next().map(|n| attr(n, "val").unwrap_or("continue"));
                let want = (cell.rows > 1).then_some(if origin { "restart" } else { "continue" });
                assert_eq!(merge, want, "table {ti} line {y} column {x}");
                let shown = if origin { export::cell_text(&r, cell.content) } else { String::new() };
                assert_eq!(text(tc), shown, "table {ti} line {y} column {x}");
                if let (Content::Figure(_), true) = (cell.content, origin) {
                    let jc = w(tc, "jc").next().and_then(|n| attr(n, "val"));
                    assert_eq!(jc, Some("right"), "figures are right-aligned");
                }
                x += cell.cols;
            }
            assert_eq!(x, g.width);
        }
    }
    let cell = |p: &str| export::figure_text(&r, form::cell_index(p).unwrap());
    assert_eq!(cell("proactive.fees_wan_yuan"), "435.18246", "the fee exactly as entered");
    assert_eq!(cell("applications.new_received.natural_person"), "26");
    assert_eq!(cell("applications.new_received.research"), "0", "0 is printed as 0");
    // Table B's header lines repeat on each page; table A's sections have their own headers.
    assert_eq!(w(tables[1], "tblHeader").count(), 3);
    assert_eq!(w(tables[0], "tblHeader").count(), 0);
}

#[test]
fn docx_blank_figures_stay_blank() {
    let mut r = Report::new(2024);
    r.organ = "某县人民政府".into();
    r.set("applications.new_received.natural_person", "0");
    let xml = docx::document_xml(&r, &docx::DocxOptions::default());
    let doc = Document::parse(&xml).unwrap();
    let table_b = w(doc.root(), "tbl").nth(1).unwrap();
    let first_figures: Vec<String> =
        table_b.children().filter(|n| n.has_tag_name((W, "tr"))).nth(3).unwrap().children().skip(2).map(text).collect();
    assert_eq!(first_figures, ["0", "", "", "", "", "", "0"], "a blank is not filled, the total counts it as 0");
}

#[test]
fn docx_page_setup_and_fonts_follow_gb_t_9704() {
    let bytes = docx::write(&fixture(), &docx::DocxOptions::default());
    let xml = unzip(&bytes, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let pg = w(doc.root(), "pgSz").next().unwrap();
    assert_eq!((attr(pg, "w"), attr(pg, "h")), (Some("11906"), Some("16838")), "A4");
    let mar = w(doc.root(), "pgMar").next().unwrap();
    let mm = |k| (attr(mar, k).unwrap().parse::<f64>().unwrap() / 1440.0 * 25.4).round();
    assert_eq!((mm("top"), mm("left")), (37.0, 28.0));
    assert_eq!((210.0 - mm("left") - mm("right"), 297.0 - mm("top") - mm("bottom")), (156.0, 225.0), "版心");
    assert_eq!(w(doc.root(), "footerReference").count(), 2, "odd and even page numbers");

    let styles = unzip(&bytes, "word/styles.xml");
    let styles = Document::parse(&styles).unwrap();
    let east_asia = |id: &str| {
        let node = if id.is_empty() {
            w(styles.root(), "rPrDefault").next().unwrap()
        } else {
            w(styles.root(), "style").find(|s| attr(*s, "styleId") == Some(id)).unwrap()
        };
        attr(w(node, "rFonts").next().unwrap(), "eastAsia").unwrap().to_string()
    };
    assert_eq!(east_asia(""), "仿宋_GB2312");
    assert_eq!(east_asia("Title"), "方正小标宋简体");
    assert_eq!(east_asia("Heading1"), "黑体");
    assert_eq!(east_asia("Subheading"), "楷体_GB2312");
    let default_size = w(styles.root(), "rPrDefault").next().map(|n| w(n, "sz").next().unwrap()).unwrap();
    assert_eq!(attr(default_size, "val"), Some("32"), "3号");
    let footer = unzip(&bytes, "word/footer1.xml");
    assert!(footer.contains("— </w:t>") && footer.contains(" PAGE ") && footer.contains("> —</w:t>"), "{footer}");
    assert!(unzip(&bytes, "word/fontTable.xml").contains("<w:altName w:val=\"仿宋\"/>"));
}

#[test]
fn docx_subheadings_are_kaiti_runs() {
    let xml = docx::document_xml(&fixture(), &docx::DocxOptions::default());
    let doc = Document::parse(&xml).unwrap();
    let sub = w(doc.root(), "p").find(|p| text(*p) == "（一）主动公开情况").unwrap();
    assert_eq!(w(sub, "rStyle").next().and_then(|n| attr(n, "val")), Some("Subheading"));
    let heading = w(doc.root(), "p").find(|p| text(*p) == "五、存在的主要问题及改进情况").unwrap();
    assert_eq!(w(heading, "pStyle").next().and_then(|n| attr(n, "val")), Some("Heading1"));
}

#[test]
fn docx_wrapper_is_the_fixture_notice() {
    let r = fixture();
    let xml = docx::document_xml(&r, &docx::DocxOptions { wrapper: true });
    let doc = Document::parse(&xml).unwrap();
    let paragraphs: Vec<String> = w(doc.root(), "p").map(text).collect();
    let wanted = [
        "泉州市泉港区人民政府办公室文件",
        "泉港政办〔2024〕3号",
        "泉港区人民政府办公室关于印发泉港区2023年度政府信息公开工作年度报告的通知",
        r.document.addressees.as_str(),
        r.document.notice.as_str(),
        "泉州市泉港区人民政府办公室",
        "2024年1月10日",
        "（此件主动公开）",
        "泉州市泉港区人民政府2023年政府信息公开工作年度报告",
    ];
    assert_eq!(paragraphs[..wanted.len()], wanted);
    assert_eq!(paragraphs[paragraphs.len() - 2..], ["抄送：市政府办公室", "泉港区人民政府办公室2024年1月10日印发"]);
    let mark = w(doc.root(), "p").next().unwrap();
    assert_eq!(w(mark, "color").next().and_then(|n| attr(n, "val")), Some("FF0000"), "发文机关标志 in red");
    assert!(w(doc.root(), "pageBreakBefore").next().is_some(), "the report starts on its own page");
    let plain = docx::document_xml(&r, &docx::DocxOptions::default());
    assert!(!plain.contains("FF0000") && !plain.contains("抄送：") && !plain.contains("pageBreakBefore"));
}

/// The fixture's document XML against the reviewed copy; `UPDATE_GOLDEN=1` rewrites it.
#[test]
fn docx_golden_document_xml() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden/quangang-2023.document.xml");
    let xml = docx::document_xml(&fixture(), &docx::DocxOptions { wrapper: true });
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &xml).unwrap();
    }
    let golden = std::fs::read_to_string(&path).expect("golden copy (UPDATE_GOLDEN=1 cargo test writes it)");
    if golden != xml {
        let line = golden.lines().zip(xml.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "document.xml differs from {} at line {}:\n  golden: {:.300}\n  now:    {:.300}\nReview, then UPDATE_GOLDEN=1 cargo test",
            path.display(),
            line + 1,
            golden.lines().nth(line).unwrap_or(""),
            xml.lines().nth(line).unwrap_or("")
        );
    }
    let size = docx::write(&fixture(), &docx::DocxOptions { wrapper: true }).len();
    assert!((5_000..60_000).contains(&size), "a compressed package of tens of KB, not {size} bytes");
}

const S: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

fn sheet(bytes: &[u8], n: usize) -> String {
    unzip(bytes, &format!("xl/worksheets/sheet{n}.xml"))
}

fn cell<'a>(doc: &'a Document<'a>, reference: &str) -> Node<'a, 'a> {
    doc.descendants().find(|n| n.has_tag_name((S, "c")) && n.attribute("r") == Some(reference)).unwrap()
}

fn child_text<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.descendants().find(|n| n.has_tag_name((S, name))).and_then(|n| n.text())
}

#[test]
fn xlsx_lays_out_the_template_with_formulas() {
    let r = fixture();
    let bytes = xlsx::write(&r);
    let workbook = unzip(&bytes, "xl/workbook.xml");
    for name in xlsx::sheet_names() {
        assert!(workbook.contains(&format!("name=\"{name}\"")), "{name}");
    }
    assert_eq!(xlsx::sheet_names()[1], "三、收到和处理政府信息公开申请情况");
    for (ti, _) in form::TABLES.iter().enumerate() {
        let xml = sheet(&bytes, ti + 1);
        let doc = Document::parse(&xml).unwrap();
        let g = grid::grid(ti);
        // One merge per spanning cell, plus the two title lines.
        let spanning = g.lines.iter().flatten().filter(|c| c.rows > 1 || c.cols > 1).count();
        assert_eq!(doc.descendants().filter(|n| n.has_tag_name((S, "mergeCell"))).count(), spanning + 2);
        let texts: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name((S, "t"))).filter_map(|n| n.text()).collect();
        let mut rest = texts.iter();
        for label in labels(ti) {
            assert!(rest.any(|t| *t == label), "{label} in sheet {}", ti + 1);
        }
    }
    let b = sheet(&bytes, 2);
    let b = Document::parse(&b).unwrap();
    // Table B: the corner note over A3:C5, figures from D6; 一 is line 6, 总计 column J.
    assert!(b.descendants().any(|n| n.has_tag_name((S, "mergeCell")) && n.attribute("ref") == Some("A3:C5")));
    assert_eq!(child_text(cell(&b, "D6"), "v"), Some("26"));
    assert_eq!(child_text(cell(&b, "J6"), "f"), Some("SUM(D6:I6)"));
    assert_eq!(child_text(cell(&b, "J6"), "v"), Some("26"));
    assert_eq!(child_text(cell(&b, "D29"), "f"), Some("SUM(D8:D28)"), "（七）总计 sums the results");
    assert_eq!(child_text(cell(&b, "J29"), "f"), Some("SUM(D8:I28)"));
    assert_eq!(child_text(cell(&b, "A6"), "t"), Some("一、本年新收政府信息公开申请数量"));

    // Every sheet names its report: 机关 and 年度 in the first title line, the part under it.
    assert_eq!(child_text(cell(&b, "A1"), "t"), Some("泉州市泉港区人民政府2023年政府信息公开工作年度报告"));
    assert_eq!(child_text(cell(&b, "A2"), "t"), Some("三、收到和处理政府信息公开申请情况"));

    let a = sheet(&bytes, 1);
    let a = Document::parse(&a).unwrap();
    let fee = a.descendants().find(|n| n.has_tag_name((S, "v")) && n.text() == Some("435.18246")).unwrap();
    let style: usize = fee.parent().unwrap().attribute("s").unwrap().parse().unwrap();
    let styles = unzip(&bytes, "xl/styles.xml");
    let styles = Document::parse(&styles).unwrap();
    let xf = styles
        .descendants()
        .filter(|n| n.has_tag_name((S, "cellXfs")))
        .flat_map(|n| n.children())
        .filter(|n| n.is_element())
        .nth(style)
        .unwrap();
    let fmt = xf.attribute("numFmtId").unwrap();
    let code = styles.descendants().find(|n| n.has_tag_name((S, "numFmt")) && n.attribute("numFmtId") == Some(fmt));
    assert_eq!(code.and_then(|n| n.attribute("formatCode")), Some("0.00000"), "the fee keeps its five decimals");
    // The default cell style (常规/Normal) that Excel's own workbooks carry.
    let normal = styles.descendants().find(|n| n.has_tag_name((S, "cellStyle"))).expect("a default cell style");
    assert_eq!((normal.attribute("builtinId"), normal.attribute("xfId")), (Some("0"), Some("0")));
}

#[test]
fn print_view_has_the_page_labels_and_figures() {
    let r = fixture();
    let html = print::html(&r);
    assert!(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm;"));
    assert!(html.contains("<h1>泉州市泉港区人民政府2023年政府信息公开工作年度报告</h1>"));
    let mut rest = html.as_str();
    for part in &form::PARTS {
        let mut wanted = vec![part.heading];
        if let form::Body::Table(ti) = part.body {
            wanted.extend(labels(ti));
        }
        for label in wanted {
            let at = rest.find(&format!(">{label}<")).unwrap_or_else(|| panic!("{label} missing or out of order"));
            rest = &rest[at..];
        }
    }
    // Each heading in a box with what follows it, kept on one page (Firefox ignores break-after).
    for part in &form::PARTS {
        let at = html.find(&format!("<h2>{}</h2>", part.heading)).unwrap();
        assert!(html[..at].ends_with("<div class=\"keep\">\n"), "{}", part.heading);
        let next = if matches!(part.body, form::Body::Table(_)) { "<table>" } else { "<p>" };
        assert!(html[at..].split_once("</h2>\n").unwrap().1.starts_with(next), "{}", part.heading);
    }
    assert!(html.contains("<td class=\"n\" colspan=\"3\">435.18246</td>"));
    assert!(html.contains("<td class=\"n\">26</td>"));
    assert!(html.contains("<th rowspan=\"3\" colspan=\"3\">（本列数据的勾稽关系为"));
    assert!(html.contains("<td class=\"c\" rowspan=\"22\">三、本年度办理结果</td>"));
    assert!(html.contains("<p><span class=\"sub\">（一）主动公开情况</span></p>"));
}

/// Child order of the OOXML elements the exporter writes (ECMA-376 sequences, the elements we use
/// and their neighbours). LibreOffice reads children in any order; Word refuses a file whose
/// properties are out of sequence ("unreadable content"), so every property list is checked.
const SEQUENCES: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
        ],
    ),
    (
        "rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
        ],
    ),
    ("pBdr", &["top", "left", "bottom", "right", "between", "bar"]),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
        ],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    ("tblBorders", &["top", "left", "start", "bottom", "right", "end", "insideH", "insideV"]),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
        ],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
        ],
    ),
    ("docDefaults", &["rPrDefault", "pPrDefault"]),
    ("font", &["altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig"]),
    ("tbl", &["tblPr", "tblGrid", "tr"]),
];

#[test]
fn docx_elements_follow_the_schema_order() {
    let report = fixture();
    for wrapper in [false, true] {
        let bytes = docx::write(&report, &docx::DocxOptions { wrapper });
        for part in
            ["word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml", "word/fontTable.xml"]
        {
            let xml = unzip(&bytes, part);
            let doc = Document::parse(&xml).unwrap();
            for node in doc.descendants().filter(|n| n.tag_name().namespace() == Some(W)) {
                // headerReference and footerReference may interleave: one rank for both.
                let rank = |order: &[&str], name: &str| {
                    let name = if name == "headerReference" { "footerReference" } else { name };
                    order.iter().position(|o| *o == name)
                };
                let Some((parent, order)) = SEQUENCES.iter().find(|(p, _)| *p == node.tag_name().name()) else {
                    continue;
                };
                let children: Vec<&str> =
                    node.children().filter(|c| c.is_element()).map(|c| c.tag_name().name()).collect();
                let ranks: Vec<usize> = children
                    .iter()
                    .map(|c| {
                        rank(order, c).unwrap_or_else(|| panic!("{part}: <w:{c}> is not expected in <w:{parent}>"))
                    })
                    .collect();
                assert!(
                    ranks.windows(2).all(|w| w[0] <= w[1]),
                    "{part}: <w:{parent}> children out of order: {children:?}"
                );
            }
        }
    }
}

#[test]
fn xlsx_elements_follow_the_schema_order() {
    // Excel, like Word, refuses parts whose elements are out of their ECMA-376 sequence.
    const ORDERS: &[(&str, &[&str])] = &[
        (
            "worksheet",
            &[
                "sheetPr",
                "dimension",
                "sheetViews",
                "sheetFormatPr",
                "cols",
                "sheetData",
                "sheetCalcPr",
                "sheetProtection",
                "protectedRanges",
                "scenarios",
                "autoFilter",
                "sortState",
                "dataConsolidate",
                "customSheetViews",
                "mergeCells",
                "phoneticPr",
                "conditionalFormatting",
                "dataValidations",
                "hyperlinks",
                "printOptions",
                "pageMargins",
                "pageSetup",
                "headerFooter",
            ],
        ),
        (
            "styleSheet",
            &["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles"],
        ),
        ("workbook", &["fileVersion", "workbookPr", "bookViews", "sheets", "definedNames", "calcPr"]),
        ("c", &["f", "v", "is"]),
        ("xf", &["alignment", "protection"]),
    ];
    let bytes = xlsx::write(&fixture());
    let parts = ["xl/workbook.xml", "xl/styles.xml"].into_iter().map(String::from);
    let sheets = (1..=xlsx::sheet_names().len()).map(|n| format!("xl/worksheets/sheet{n}.xml"));
    for part in parts.chain(sheets) {
        let xml = unzip(&bytes, &part);
        let doc = Document::parse(&xml).unwrap();
        for node in doc.descendants().filter(|n| n.tag_name().namespace() == Some(S)) {
            let Some((parent, order)) = ORDERS.iter().find(|(p, _)| *p == node.tag_name().name()) else { continue };
            let children: Vec<&str> = node.children().filter(|c| c.is_element()).map(|c| c.tag_name().name()).collect();
            let ranks: Vec<usize> = children
                .iter()
                .map(|c| order.iter().position(|o| o == c).unwrap_or_else(|| panic!("{part}: <{c}> in <{parent}>")))
                .collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{part}: <{parent}> children out of order: {children:?}");
        }
    }
}

#[test]
fn xlsx_prints_one_page_wide_with_rows_tall_enough_for_their_labels() {
    let bytes = xlsx::write(&fixture());
    let xml = sheet(&bytes, 2);
    let doc = Document::parse(&xml).unwrap();
    let setup = doc.descendants().find(|n| n.has_tag_name((S, "pageSetup"))).unwrap();
    assert_eq!((setup.attribute("fitToWidth"), setup.attribute("fitToHeight")), (Some("1"), Some("0")));
    assert!(doc.descendants().any(|n| n.has_tag_name((S, "pageSetUpPr")) && n.attribute("fitToPage") == Some("1")));
    let row_of = |label: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name((S, "row")))
            .find(|r| r.descendants().any(|t| t.has_tag_name((S, "t")) && t.text() == Some(label)))
            .unwrap_or_else(|| panic!("{label}"))
    };
    // The longest label of table B wraps: its row is given the height; a short one is left alone.
    let long = row_of("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请");
    assert_eq!(long.attribute("customHeight"), Some("1"));
    assert!(long.attribute("ht").unwrap().parse::<f32>().unwrap() >= 28.0);
    assert_eq!(row_of("2.重复申请").attribute("ht"), None);
}
