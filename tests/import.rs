//! Importing published reports: the fixtures import exactly, and so do the forms users make of
//! them (tab- or space-separated text, a web page, a Word document); bad input gets a message.

use nianbao::form::{self, Body};
use nianbao::grid::{grid, Content, GridCell};
use nianbao::import::{self, Format, ImportError, Imported};
use nianbao::json;
use nianbao::rules::Rule;

use nianbao::report::Report;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every typed figure and the four texts equal the expected report's.
fn assert_same(got: &Imported, expected: &Report, what: &str) {
    let mut wrong = Vec::new();
    for (i, def) in form::cells().iter().enumerate() {
        if !def.derived && got.report.cells[i] != expected.cells[i] {
            wrong.push(format!("{}: {:?} ≠ {:?}", def.path, got.report.cells[i], expected.cells[i]));
        }
    }
    assert!(wrong.is_empty(), "{what}: {} cells differ:\n{}", wrong.len(), wrong.join("\n"));
    for key in ["preamble", "overview", "problems", "other"] {
        let (g, e) = (got.report.text.get(key).unwrap(), expected.text.get(key).unwrap());
        assert_eq!(squash(g), squash(e), "{what}: text {key}");
    }
    assert_eq!(got.report.year, expected.year, "{what}: year");
    assert_eq!(got.report.organ, expected.organ, "{what}: organ");
    assert_eq!(got.report.scope, expected.scope, "{what}: scope");
    assert_eq!(got.format, Format::Template2021);
    let expected_missing: Vec<_> = form::cells()
        .iter()
        .enumerate()
        .filter(|(i, d)| !d.derived && expected.cells[*i].is_none())
        .map(|(_, d)| d.path.clone())
        .collect();
    assert_eq!(got.missing, expected_missing, "{what}: missing");
    assert!(got.findings.iter().all(|f| f.rule != Rule::ImportTotalMismatch), "{what}: {:?}", got.findings);
}

fn quangang() -> Report {
    json::from_str(&fixture("quangang-2023.json")).unwrap()
}

#[test]
fn quangang_imports_exactly() {
    let got = import::text(&fixture("泉港区-2023.txt")).unwrap();
    assert_same(&got, &quangang(), "泉港区");
    assert_eq!(got.recognised.len(), 166);
}

#[test]
fn huaian_imports_exactly() {
    let expected = json::from_str(&fixture("huaian-2024.json")).unwrap();
    let got = import::text(&fixture("淮安市-2024.txt")).unwrap();
    assert_same(&got, &expected, "淮安市");
    // Each figure points back to its line: 行政处罚 3985758 is on line 75 of the PDF text.
    let penalty = got.recognised.iter().find(|r| r.path == "proactive.penalty").unwrap();
    assert_eq!((penalty.raw.as_str(), penalty.source_line), ("3985758", 75));
}

/// A figure as the document prints it: typed text, or the computed total.
fn figure_text(r: &Report, i: usize) -> String {
    if form::cells()[i].derived {
        r.value(i).map(|v| v.to_string()).unwrap_or_default()
    } else {
        r.cells[i].clone().unwrap_or_default()
    }
}

fn content_text(r: &Report, c: &GridCell) -> String {
    match c.content {
        Content::Label(l) => l.to_string(),
        Content::Figure(i) => figure_text(r, i),
    }
}

/// The parts of a report in order, each a heading and its body: text or a table index.
fn parts(r: &Report) -> Vec<(&'static str, Result<String, usize>)> {
    form::PARTS
        .iter()
        .map(|p| match p.body {
            Body::Text(t) => (p.heading, Ok(r.text.get(t.key).unwrap().clone())),
            Body::Table(t) => (p.heading, Err(t)),
        })
        .collect()
}

/// As copied from a web page: one line per grid line, tab between positions.
fn as_tab_text(r: &Report) -> String {
    let mut out = format!("{} {} 年度政府信息公开工作年度报告\n{}\n", r.organ, r.year, r.text.preamble);
    for (heading, body) in parts(r) {
        out += &format!("{heading}\n");
        match body {
            Ok(text) => out += &format!("{text}\n"),
            Err(t) => {
                for line in grid(t).positions() {
                    let cells: Vec<String> = line
                        .iter()
                        .map(|p| match p {
                            Some((c, true)) => content_text(r, c),
                            _ => String::new(),
                        })
                        .collect();
                    out += &format!("{}\n", cells.join("\t"));
                }
            }
        }
    }
    out
}

/// What OCR and PDF extraction do to a label.
fn garble(label: &str) -> String {
    label
        .replace('（', "(")
        .replace('）', ") ")
        .replace("1.", "1、")
        .replace("本年废止件数", "本年度止件数")
        .replace('，', ", ")
}

/// A figure with thousands separators or in full-width digits, as some documents print them.
fn styled_figure(s: &str, n: usize) -> String {
    match (s.parse::<u64>(), n % 3) {
        (Ok(v), _) if v >= 1000 => {
            let d = v.to_string();
            let mut out = String::new();
            for (i, ch) in d.chars().enumerate() {
                if i > 0 && (d.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(ch);
            }
            out
        }
        (Ok(_), 0) => s.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()).collect(),
        _ => s.to_string(),
    }
}

/// As extracted from a PDF: spaces between cells, long labels wrapped, the tall group label one
/// character a line, page footers anywhere, text hard-wrapped at 30 characters.
fn as_pdf_text(r: &Report) -> String {
    let wrap = |s: &str, w: usize| -> Vec<String> {
        s.chars().collect::<Vec<_>>().chunks(w).map(|c| c.iter().collect()).collect()
    };
    let mut lines = vec!["- 1 -".to_string(), r.organ.clone(), format!("{} 年政府信息公开工作年度报告", r.year)];
    let text = |t: &str, lines: &mut Vec<String>| {
        for para in t.lines() {
            lines.extend(wrap(para, 30));
        }
    };
    text(&r.text.preamble, &mut lines);
    let mut n = 0;
    for (heading, body) in parts(r) {
        lines.push(heading.to_string());
        match body {
            Ok(t) => text(&t, &mut lines),
            Err(t) => {
                for line in &grid(t).lines {
                    let mut out: Vec<String> = Vec::new();
                    for c in line {
                        match c.content {
                            Content::Label(l) if c.rows > 10 => lines.extend(l.chars().map(String::from)),
                            Content::Label(l) if l.chars().count() > 14 && !c.head => {
                                let mut parts = wrap(&garble(l), 12);
                                let last = parts.pop().unwrap();
                                lines.extend(parts);
                                out.push(last);
                            }
                            Content::Label(l) => out.push(garble(l)),
                            Content::Figure(i) => {
                                n += 1;
                                out.push(styled_figure(&figure_text(r, i), n));
                            }
                        }
                    }
                    lines.push(out.join(" "));
                    if lines.len() % 7 == 0 {
                        lines.push(format!("- {} -", lines.len() / 7));
                    }
                }
            }
        }
    }
    lines.join("\n")
}

fn huaian() -> Report {
    json::from_str(&fixture("huaian-2024.json")).unwrap()
}

#[test]
fn tab_and_pdf_renderings_import_exactly() {
    for (name, r) in [("泉港区", quangang()), ("淮安市", huaian())] {
        let tab = as_tab_text(&r);
        assert_same(&import::text(&tab).unwrap(), &r, &format!("{name} tab"));
        let pdf = as_pdf_text(&r);
        assert_same(&import::text(&pdf).unwrap(), &r, &format!("{name} pdf:\n{pdf}"));
        // Some browsers and PDF viewers copy a table one cell per line.
        let per_cell: String = tab.lines().flat_map(|l| l.split('\t').filter(|c| !c.trim().is_empty())).fold(
            String::new(),
            |mut out, c| {
                out.push_str(c);
                out.push('\n');
                out
            },
        );
        assert_same(&import::text(&per_cell).unwrap(), &r, &format!("{name} one cell per line"));
        // A row's label and its first figure a space apart, the other cells a tab (a PDF whose
        // columns stand close, a copy that mixes the two).
        let glued: String = tab
            .lines()
            .map(|l| {
                let cells: Vec<&str> = l.split('\t').collect();
                let figure = |c: &&str| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit() || ch == '.');
                match cells.iter().position(figure) {
                    Some(i) if i > 0 && !cells[i - 1].is_empty() => {
                        format!("{} {}\t{}\n", cells[..i].join("\t"), cells[i], cells[i + 1..].join("\t"))
                    }
                    _ => format!("{l}\n"),
                }
            })
            .collect();
        let joined = |l: &str| l.split('\t').any(|c| c.contains(' ') && c.ends_with(|c: char| c.is_ascii_digit()));
        assert!(glued.lines().filter(|l| joined(l)).count() > 20, "{glued}");
        assert_same(&import::text(&glued).unwrap(), &r, &format!("{name} label and figure a space apart"));
        // A site's table converted one cell a line, each ended by a bar: zeros left blank (`|`),
        // cells under a merged label not printed, each row padded to its table's width by bars on
        // a line of their own (`||`) or after its last cell (`0 | ||`); a label whose cell ended
        // with a line break has its bar on the next line.
        // Or every cell's bar on the next line, and no padding (a site that ends each cell so).
        for (padding, label_break, all_break) in [("\n", false, false), (" ", true, false), ("", true, true)] {
            let mut bars = String::new();
            let mut lines = tab.lines().peekable();
            while let Some(l) = lines.next() {
                if !l.contains('\t') {
                    bars += &format!("{l}\n");
                    continue;
                }
                let mut table = vec![l];
                while let Some(l) = lines.next_if(|l| l.contains('\t')) {
                    table.push(l);
                }
                let width = table.iter().map(|l| l.split('\t').count()).max().unwrap_or(0);
                for l in table {
                    let cells: Vec<&str> = l.split('\t').skip_while(|c| c.is_empty()).collect();
                    let mut out: Vec<String> = cells
                        .iter()
                        .map(|&c| match c {
                            "" | "0" => "|".to_string(),
                            _ if all_break || (label_break && c.parse::<f64>().is_err()) => format!("{c}\n|"),
                            _ => format!("{c} |"),
                        })
                        .collect();
                    if let Some(last) = out.last_mut().filter(|_| cells.len() < width && !all_break) {
                        *last += &format!("{padding}{}", "|".repeat(width - cells.len()));
                    }
                    bars += &(out.join("\n") + "\n");
                }
            }
            let what =
                format!("{name} one cell a line, bars, padding {padding:?}, breaks {label_break} {all_break}:\n{bars}");
            assert_same(&import::text(&bars).unwrap(), &r, &what);
        }
        // Figures printed with their unit: 件 for counts, 万元 for the fee.
        let units: String = tab
            .lines()
            .map(|l| {
                let cells = l.split('\t').map(|c| match c.parse::<f64>() {
                    Ok(_) if c.contains('.') || l.contains("行政事业性收费") => format!("{c}万元"),
                    Ok(_) => format!("{c}件"),
                    Err(_) => c.to_string(),
                });
                cells.collect::<Vec<_>>().join("\t") + "\n"
            })
            .collect();
        assert!(units.contains("件\t") && units.contains("万元"), "{units}");
        assert_same(&import::text(&units).unwrap(), &r, &format!("{name} figures with units"));
        // Rows drawn with bars on one side only, as some sites' text copies give them, or in full width.
        for (open, close) in [("", " |"), ("| ", ""), ("｜", "｜")] {
            let bars: String = tab
                .lines()
                .map(|l| {
                    if l.contains('\t') {
                        format!("{open}{}{close}\n", l.replace('\t', " | "))
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            assert_same(&import::text(&bars).unwrap(), &r, &format!("{name} rows as {open}…{close}"));
        }
    }
}

/// A PDF font with a second glyph of an ideograph maps it to a CJK Compatibility Ideograph
/// (行 U+FA08, 不 U+F967, 年 U+F98E, 度 U+FA01): the labels read as printed.
#[test]
fn compatibility_ideographs_read_as_their_ideographs() {
    for (name, r) in [("泉港区", quangang()), ("淮安市", huaian())] {
        let text = as_tab_text(&r).replace('行', "\u{fa08}").replace('不', "\u{f967}").replace('年', "\u{f98e}");
        let text = text.replace('度', "\u{fa01}");
        assert!(text.contains("\u{fa08}政许可"));
        assert_same(&import::text(&text).unwrap(), &r, &format!("{name} in compatibility ideographs"));
    }
}

/// Many reports print a zero as a placeholder ("/", "—"); copied as tabs, as spaces (a PDF's text,
/// a paste into a text box) or one cell per line, each placeholder is its cell, left blank.
#[test]
fn zeros_printed_as_placeholders_import_exactly() {
    // Most organs had no appeal: table C then prints nothing but placeholders.
    let mut no_appeals = huaian();
    for c in form::cells().iter().filter(|c| c.table == 2 && !c.derived) {
        assert!(no_appeals.set(&c.path, "0"));
    }
    for (name, r) in [("泉港区", quangang()), ("淮安市", huaian()), ("淮安市（无复议诉讼）", no_appeals)]
    {
        // Left empty too, in a table copied with its cells (tabs).
        for mark in ["/", "／", "—", "——", "-", "－", ""] {
            let tab: String = as_tab_text(&r)
                .lines()
                .map(|l| l.split('\t').map(|c| if c == "0" { mark } else { c }).collect::<Vec<_>>().join("\t") + "\n")
                .collect();
            assert!(tab.matches("\t0\t").count() == 0, "{name}: zeros printed as {mark}");
            let routes = [
                ("tabs", tab.clone()),
                ("spaces", tab.replace('\t', " ")),
                ("one cell per line", tab.replace('\t', "\n")),
            ];
            for (route, text) in routes.into_iter().take(if mark.is_empty() { 1 } else { 3 }) {
                let imported = import::text(&text).unwrap();
                assert_same(&imported, &r, &format!("{name}, zeros as {mark}, {route}"));
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// As a government site publishes it: headings and paragraphs, tables with rowspan/colspan,
/// the whole inside a layout table, entities and scripts here and there.
fn as_html(r: &Report) -> String {
    let para =
        |t: &str| t.lines().map(|l| format!("<p style=\"text-indent:2em\">{}</p>\n", escape(l))).collect::<String>();
    let mut body = format!(
        "<h1>{}{}年度政府信息公开工作年度报告</h1>\n<script>var a = '<p>一、总体情况</p>';</script>\n{}",
        r.organ,
        r.year,
        para(&r.text.preamble)
    );
    for (heading, part) in parts(r) {
        body += &format!("<h2><strong>{heading}</strong></h2>\n");
        match part {
            Ok(t) => body += &para(&t),
            Err(t) => {
                body += "<table border=\"1\" cellspacing=\"0\">\n";
                for line in &grid(t).lines {
                    body += "<tr>";
                    for c in line {
                        let tag = if c.head { "th" } else { "td" };
                        body += &format!(
                            "<{tag} rowspan=\"{}\" colspan=\"{}\"><p><span>{}</span></p></{tag}>",
                            c.rows,
                            c.cols,
                            escape(&content_text(r, c)).replace('“', "&ldquo;").replace('”', "&#8221;")
                        );
                    }
                    body += "</tr>\n";
                }
                body += "</table>\n";
            }
        }
    }
    format!(
        "<!DOCTYPE html><html><head><title>年报</title><style>p {{ margin: 0 }}</style></head><body>\
         <table class=\"layout\"><tr><td>导航</td></tr><tr><td>\n{body}</td></tr></table><!-- footer --></body></html>"
    )
}

fn w_para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", escape(text))
}

/// A Word document body as Word writes it: merged cells by gridSpan and vMerge, headings with
/// automatic numbering (no "一、" in the text), paragraphs of runs.
fn as_document_xml(r: &Report) -> String {
    let mut body = w_para(&r.organ) + &w_para(&format!("{}年政府信息公开工作年度报告", r.year));
    body += &r.text.preamble.lines().map(w_para).collect::<String>();
    for (heading, part) in parts(r) {
        let numbered = heading.split_once('、').unwrap().1;
        body += &format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>{numbered}</w:t></w:r></w:p>"
        );
        match part {
            Ok(t) => body += &t.lines().map(w_para).collect::<String>(),
            Err(t) => {
                body += "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>";
                for line in grid(t).positions() {
                    body += "<w:tr>";
                    let mut x = 0;
                    while x < line.len() {
                        let Some((c, origin)) = line[x] else {
                            body += "<w:tc><w:p/></w:tc>";
                            x += 1;
                            continue;
                        };
                        let merge = match (c.rows > 1, origin) {
                            (false, _) => "",
                            (true, true) => "<w:vMerge w:val=\"restart\"/>",
                            (true, false) => "<w:vMerge/>",
                        };
                        // Items numbered "1." … by Word's automatic numbering, outside the text.
                        let content = content_text(r, &c);
                        let text = match content.split_once('.') {
                            _ if !origin => "<w:p/>".to_string(),
                            Some((n, item)) if n.parse::<u8>().is_ok() => format!(
                                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{n}\"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
                                escape(item)
                            ),
                            _ => w_para(&content),
                        };
                        body +=
                            &format!("<w:tc><w:tcPr><w:gridSpan w:val=\"{}\"/>{merge}</w:tcPr>{text}</w:tc>", c.cols);
                        x += c.cols;
                    }
                    body += "</w:tr>";
                }
                body += "</w:tbl>";
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn as_docx(r: &Report) -> Vec<u8> {
    let xml = as_document_xml(r);
    zip_parts(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", xml.as_bytes())])
}

fn column_name(mut x: usize) -> String {
    let mut s = String::new();
    x += 1;
    while x > 0 {
        s.insert(0, (b'A' + ((x - 1) % 26) as u8) as char);
        x = (x - 1) / 26;
    }
    s
}

/// A workbook laid out as the printed template, one sheet per table: labels as shared strings,
/// typed figures as numbers, totals as formulas (with or without a cached value).
fn as_xlsx(r: &Report, cached_totals: bool) -> Vec<u8> {
    let mut strings: Vec<String> = Vec::new();
    let mut sheets = Vec::new();
    for t in 0..form::TABLES.len() {
        let mut rows = String::new();
        for (y, line) in grid(t).positions().iter().enumerate() {
            rows += &format!("<row r=\"{}\">", y + 3);
            for (x, p) in line.iter().enumerate() {
                let Some((c, true)) = p else { continue };
                let at = format!("{}{}", column_name(x), y + 3);
                match c.content {
                    Content::Label(l) => {
                        strings.push(l.to_string());
                        rows += &format!("<c r=\"{at}\" t=\"s\"><v>{}</v></c>", strings.len() - 1);
                    }
                    Content::Figure(i) if form::cells()[i].derived => {
                        let v = if cached_totals { format!("<v>{}</v>", figure_text(r, i)) } else { String::new() };
                        rows += &format!("<c r=\"{at}\"><f>SUM(C{0}:H{0})</f>{v}</c>", y + 3);
                    }
                    Content::Figure(i) => rows += &format!("<c r=\"{at}\"><v>{}</v></c>", figure_text(r, i)),
                }
            }
            rows += "</row>";
        }
        let title = form::PARTS.iter().find(|p| matches!(p.body, Body::Table(x) if x == t)).unwrap().heading;
        strings.push(title.to_string());
        let head = format!("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>{}</v></c></row>", strings.len() - 1);
        sheets.push(format!("<worksheet><sheetData>{head}{rows}</sheetData></worksheet>"));
    }
    let sst = format!(
        "<sst count=\"{0}\" uniqueCount=\"{0}\">{1}</sst>",
        strings.len(),
        strings.iter().map(|s| format!("<si><t>{}</t></si>", escape(s))).collect::<String>()
    );
    let names: Vec<String> = (1..=sheets.len()).map(|i| format!("xl/worksheets/sheet{i}.xml")).collect();
    let mut parts: Vec<(&str, &[u8])> =
        vec![("xl/workbook.xml", b"<workbook/>"), ("xl/sharedStrings.xml", sst.as_bytes())];
    parts.extend(names.iter().zip(&sheets).map(|(n, s)| (n.as_str(), s.as_bytes())));
    zip_parts(&parts)
}

#[test]
fn html_docx_renderings_import_exactly() {
    for (name, r) in [("泉港区", quangang()), ("淮安市", huaian())] {
        let html = as_html(&r);
        assert_same(&import::any("report.html", html.as_bytes()).unwrap(), &r, &format!("{name} html"));
        let docx = as_docx(&r);
        assert_same(&import::any("report.docx", &docx).unwrap(), &r, &format!("{name} docx"));
        assert_same(&import::any("无扩展名", &docx).unwrap(), &r, &format!("{name} docx sniffed"));
        // A web page pasted into Word keeps the page's layout table around the whole report.
        let xml = as_document_xml(&r);
        let (start, end) = (xml.find("<w:body>").unwrap() + 8, xml.find("<w:sectPr/>").unwrap());
        let wrapped = format!(
            "{}<w:tbl><w:tr><w:tc>{}<w:p/></w:tc></w:tr></w:tbl>{}",
            &xml[..start],
            &xml[start..end],
            &xml[end..]
        );
        let docx = zip_parts(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", wrapped.as_bytes())]);
        assert_same(&import::any("report.docx", &docx).unwrap(), &r, &format!("{name} docx in a layout table"));
    }
}

/// Figures and totals only: a spreadsheet has no text parts.
fn assert_same_figures(got: &Imported, expected: &Report, what: &str) {
    for (i, def) in form::cells().iter().enumerate() {
        if !def.derived {
            assert_eq!(got.report.cells[i], expected.cells[i], "{what}: {}", def.path);
        }
    }
    assert!(got.missing.is_empty(), "{what}: {:?}", got.missing);
}

#[test]
fn xlsx_imports_by_labels() {
    for r in [quangang(), huaian()] {
        for cached in [true, false] {
            let got = import::any("表格.xlsx", &as_xlsx(&r, cached)).unwrap();
            assert_same_figures(&got, &r, "xlsx");
            assert!(got.findings.iter().all(|f| f.rule != Rule::ImportTotalMismatch));
        }
    }
}

#[test]
fn a_printed_total_that_disagrees_is_reported() {
    let text = fixture("泉港区-2023.txt")
        .replace("⇥(七) 总计⇥⇥26⇥0⇥0⇥0⇥0⇥0⇥26".replace('⇥', "\t").as_str(), "\t(七) 总计\t\t27\t0\t0\t0\t0\t0\t27");
    let got = import::text(&text).unwrap();
    let mismatch: Vec<_> = got.findings.iter().filter(|f| f.rule == Rule::ImportTotalMismatch).collect();
    let cells: Vec<&str> = mismatch.iter().map(|f| f.cells[0].as_str()).collect();
    assert_eq!(cells, ["applications.total.natural_person", "applications.total.total"]);
    assert!(mismatch[0].message.contains("27") && mismatch[0].message.contains("26"), "{}", mismatch[0].message);
    // The printed total is kept nowhere: the figures are as typed, the total still computed.
    assert_eq!(got.report.count("applications.total.natural_person"), Some(26));
}

#[test]
fn a_report_in_the_2019_format_is_recognised() {
    let r = huaian();
    let text = as_tab_text(&r)
        .replace("本年制发件数\t本年废止件数\t现行有效件数", "本年新制作数量\t本年新公开数量\t对外公开总数量")
        .lines()
        .filter(|l| !l.contains("申请人逾期未按") && !l.contains("\t3.其他\t"))
        .map(|l| {
            if l.contains("申请人无正当理由") {
                "\t（六）其他处理\t\t181\t5\t0\t0\t1\t0\t187".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let got = import::text(&text).unwrap();
    assert_eq!(got.format, Format::Format2019);
    assert!(got.notes[0].contains("2019"), "{:?}", got.notes);
    let missing: Vec<&str> = got.missing.iter().map(String::as_str).collect();
    assert!(missing.iter().all(|p| p.starts_with("proactive.")), "{missing:?}");
    assert_eq!(missing.len(), 10);
    let rows = got.missing_by_row();
    assert_eq!(rows.len(), 6, "each row of table A once: {rows:?}");
    assert_eq!(rows[2], ("表A「行政许可」".to_string(), vec![]));
    assert_eq!(got.report.raw("applications.granted.natural_person"), Some("1288"));
    assert_eq!(got.report.raw("appeals.review.other"), Some("178"));
    // （六）其他处理, one row in that format, goes to its 3.其他 (the others 0), marked and noted.
    assert_eq!(got.report.raw("applications.other_other.natural_person"), Some("181"));
    assert_eq!(got.report.raw("applications.other_no_correction.natural_person"), Some("0"));
    let marked = got.recognised.iter().filter(|r| r.path.starts_with("applications.other_") && r.uncertain.is_some());
    assert_eq!(marked.count(), 3 * 6);
    assert!(got.notes.iter().any(|n| n.contains("（六）其他处理") && n.contains("3.其他")), "{:?}", got.notes);
    assert!(got.findings.iter().all(|f| f.rule != Rule::ImportTotalMismatch), "（七）总计 keeps its printed sum");
}

#[test]
fn a_missing_table_is_listed() {
    let text = fixture("淮安市-2024.txt");
    let lines: Vec<&str> = text.lines().collect();
    // Drop table C with its heading (lines 143–173).
    let cut = [&lines[..142], &lines[173..]].concat().join("\n");
    let got = import::text(&cut).unwrap();
    assert_eq!(got.missing.len(), 12);
    assert!(got.missing.iter().all(|p| p.starts_with("appeals.")));
    assert!(got.notes.iter().any(|n| n.contains("四、政府信息公开行政复议、行政诉讼情况")), "{:?}", got.notes);
    assert_eq!(got.recognised.len(), 166 - 12);
    let rows = got.missing_by_row();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0], ("表C「行政复议」".to_string(), vec!["结果维持", "结果纠正", "其他结果", "尚未审结"]));
    assert_eq!(rows[2].0, "表C「行政诉讼 › 复议后起诉」");
}

#[test]
fn unrelated_and_malformed_input_gets_a_message() {
    let novel =
        "第一章\n\n天色已晚，他走进了那家小酒馆。\t老板抬头看了他一眼，说：“还是老样子？”\n他点了点头，坐到窗边。\n"
            .repeat(200);
    assert_eq!(import::any("小说.txt", novel.as_bytes()).unwrap_err(), ImportError::NotAReport);
    assert_eq!(import::any("empty.txt", b"").unwrap_err(), ImportError::Empty);
    assert_eq!(import::any("blank.docx", b"  \n").unwrap_err(), ImportError::Empty);
    let big = vec![b'a'; nianbao::limits::MAX_FILE_BYTES + 1];
    assert_eq!(import::any("big.txt", &big).unwrap_err(), ImportError::TooLarge { bytes: big.len() });
    assert_eq!(import::any("gbk.txt", &[0xc4, 0xea, 0xb1, 0xa8, 0x0a]).unwrap_err(), ImportError::Encoding);
    assert!(matches!(import::any("x.docx", b"PK\x03\x04garbage"), Err(ImportError::Corrupt(_))));
    assert!(matches!(import::any("x.docx", b"not a zip"), Err(ImportError::Corrupt(_))));
    assert!(matches!(import::any("x.pdf", b"%PDF-1.7"), Err(ImportError::Pdf(_))));
    assert!(matches!(import::any("x.doc", b"\xd0\xcf\x11\xe0"), Err(ImportError::Unsupported(_))));
    let no_document = zip_parts(&[("word/other.xml", b"<x/>")]);
    assert!(matches!(import::any("x.docx", &no_document), Err(ImportError::Corrupt(_))));
    let broken_xml = zip_parts(&[("word/document.xml", b"<w:document><w:body><w:p><w:t>a</w:p></w:body>")]);
    assert!(import::any("x.docx", &broken_xml).is_err());
    for e in [ImportError::Empty, ImportError::NotAReport, ImportError::ZipBomb, ImportError::Encoding] {
        assert!(!e.to_string().is_empty());
    }
}

/// Word 97–2003 files (.doc), as LibreOffice writes them ("MS Word 97") from the exporter's .docx
/// and from the web page (its tables merged by rowspan and colspan): every figure and text as
/// from the .docx, whatever the file is called; a damaged or encrypted one gets a message, never
/// a panic.
#[test]
fn word_97_documents_import_as_their_docx() {
    let files = [
        ("doc/huaian-2024.doc", huaian()),
        ("doc/quangang-2023.doc", quangang()),
        ("doc/huaian-2024-page.doc", huaian()),
        ("doc/quangang-2023-page.doc", quangang()),
    ];
    for (file, r) in files {
        let bytes = std::fs::read(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        for name in ["报告.doc", "报告.wps", "报告"] {
            assert_same(&import::any(name, &bytes).unwrap(), &r, &format!("{file} as {name}"));
        }
        for cut in (1..8).map(|k| bytes.len() * k / 8) {
            if let Err(e) = import::any("报告.doc", &bytes[..cut]) {
                assert!(e.to_string().contains(".doc") || e.to_string().contains("Office"), "{cut}: {e}");
            }
        }
        // The FIB's fEncrypted bit (the WordDocument stream starts a sector after the header).
        let mut encrypted = bytes.clone();
        let at = encrypted.windows(2).position(|w| w == [0xEC, 0xA5]).unwrap();
        encrypted[at + 0x0B] |= 0x01;
        assert!(import::any("报告.doc", &encrypted).unwrap_err().to_string().contains("加密"));
    }
    let not_word = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    assert!(import::any("表.xls", &not_word).unwrap_err().to_string().contains(".xlsx"));
    assert!(import::any("报告.doc", &not_word).unwrap_err().to_string().contains(".docx"));
}

/// Excel 97–2003 workbooks (.xls; WPS's .et keeps that layout), as LibreOffice writes them ("MS
/// Excel 97") from the exporter's .xlsx, one with a sheet of sixty notes after the tables (its
/// shared strings continued over several records): every figure as from the .xlsx, whatever the
/// file is called; one cut short or encrypted gets a message, never a panic.
#[test]
fn excel_97_workbooks_import_as_their_xlsx() {
    let files = [
        ("xls/huaian-2024.xls", huaian()),
        ("xls/quangang-2023.xls", quangang()),
        ("xls/huaian-2024-notes.xls", huaian()),
    ];
    for (file, r) in files {
        let bytes = std::fs::read(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let xlsx = import::any("表格.xlsx", &nianbao::export::xlsx::write(&r)).unwrap();
        for name in ["表格.xls", "表格.et", "表格"] {
            let got = import::any(name, &bytes).unwrap();
            assert_same_figures(&got, &r, &format!("{file} as {name}"));
            assert_eq!(json::to_string(&got.report), json::to_string(&xlsx.report), "{file} as {name}");
            assert!(got.findings.iter().all(|f| f.rule != Rule::ImportTotalMismatch), "{file}: {:?}", got.findings);
        }
        for cut in (1..8).map(|k| bytes.len() * k / 8) {
            if let Err(e) = import::any("表格.xls", &bytes[..cut]) {
                assert!(e.to_string().contains(".xls") || e.to_string().contains("Office"), "{cut}: {e}");
            }
        }
        // A FILEPASS record where the workbook's first record after its BOF stands.
        let mut encrypted = bytes.clone();
        let bof = encrypted.windows(6).position(|w| w == [0x09, 0x08, 0x10, 0x00, 0x00, 0x06]).unwrap();
        encrypted[bof + 20..bof + 22].copy_from_slice(&[0x2F, 0x00]);
        assert!(import::any("表格.xls", &encrypted).unwrap_err().to_string().contains("加密"));
    }
}

/// A first-year user saves the page the report was published on; many sites show only a link to
/// the report's file, or the tables as pictures. Either is said, naming the file to import.
#[test]
fn a_page_that_only_links_its_report_or_shows_pictures_says_what_to_import() {
    let page = |body: &str| {
        format!("<html><head><title>年报</title></head><body><div>首页 &gt; 年度报告</div>{body}</body></html>")
    };
    let linked = page(
        "<h1>某某局2024年政府信息公开工作年度报告</h1><p>附件：<a href=\"/P0200125.pdf?v=1\">某某局2024年年报.pdf</a>\
         <a href='/up/%E5%B9%B4%E6%8A%A5%E8%A1%A8%E6%A0%BC.XLSX'></a><a href=\"/list.html\">更多</a></p>",
    );
    let message = import::html(&linked).unwrap_err().to_string();
    assert!(message.contains("「某某局2024年年报.pdf」「年报表格.XLSX」") && message.contains("下载"), "{message}");
    // A saved single-file page says the same.
    let mhtml = format!("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{linked}\r\n--b--\r\n");
    assert_eq!(import::any("年报.mhtml", mhtml.as_bytes()).unwrap_err().to_string(), message);
    // The text, and the tables as pictures.
    let parts = [
        "<p>一、总体情况</p><p>2024年，我局认真贯彻落实条例。</p>",
        "<p>二、主动公开政府信息情况</p><p><img src=\"/a.png\"></p>",
        "<p>三、收到和处理政府信息公开申请情况</p><p><IMG SRC=\"/b.png\"></p>",
        "<p>四、政府信息公开行政复议、行政诉讼情况</p><p><img src=\"/c.png\"/></p>",
        "<p>五、存在的主要问题及改进情况</p><p>一是培训不足。</p><p>六、其他需要报告的事项</p><p>未收取信息处理费。</p>",
    ];
    let got = import::html(&page(&parts.concat())).unwrap();
    assert!(got.recognised.is_empty());
    assert_eq!(got.report.text.problems, "一是培训不足。");
    assert!(got.notes.iter().any(|n| n.contains("3 张图片") && n.contains("PDF 或 Word")), "{:?}", got.notes);
}

#[test]
fn a_zip_bomb_docx_is_stopped() {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(false);
    w.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..60 {
        w.write_all(&chunk).unwrap();
    }
    let bomb = w.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    assert_eq!(import::any("bomb.docx", &bomb).unwrap_err(), ImportError::ZipBomb);
}

#[test]
fn the_cli_imports_and_writes_json() {
    let dir = std::env::temp_dir().join(format!("nianbao-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("out.json");
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().unwrap()
    };
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/泉港区-2023.txt");
    let o = run(&["import".as_ref(), fixture.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("识别数字 166 个，未找到 0 个"), "{stdout}");
    let written = json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written.cells, quangang().cells);
    let missing = dir.join("none.txt");
    assert_eq!(run(&["import".as_ref(), missing.as_os_str()]).status.code(), Some(2));
    let novel = dir.join("novel.txt");
    std::fs::write(&novel, "很久很久以前。").unwrap();
    let o = run(&["import".as_ref(), novel.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("未识别到"));
    std::fs::remove_dir_all(&dir).ok();
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces real reports are made of, so random text reaches deep into the analyser.
    fn piece() -> impl Strategy<Value = String> {
        let labels: Vec<String> = form::TABLES
            .iter()
            .flat_map(|t| t.sections.iter().flat_map(|s| s.rows.iter().map(|r| r.label.to_string())))
            .chain(form::PARTS.iter().map(|p| p.heading.to_string()))
            .collect();
        prop_oneof![
            proptest::sample::select(labels),
            "[0-9０-９,.\\-—/]{0,8}",
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just(" ".to_string()),
            Just("- 5 -\n".to_string()),
            Just("2023 年度政府信息公开工作年度报告\n".to_string()),
            "\\PC{0,6}",
            "<(/?)(table|tr|td|p|br|script)( rowspan=\"2\")?>",
            "&(#x?[0-9a-f]{0,8}|nbsp|amp)?;?",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

        #[test]
        fn on_report_like_text(pieces in proptest::collection::vec(piece(), 0..200)) {
            let text: String = pieces.concat();
            let _ = import::text(&text);
            let _ = import::html(&text);
        }

        #[test]
        fn on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000), ext in "(txt|html|docx|xlsx|bin)") {
            let _ = import::any(&format!("f.{ext}"), &bytes);
            let mut zipped = b"PK\x03\x04".to_vec();
            zipped.extend(&bytes);
            let _ = import::any(&format!("f.{ext}"), &zipped);
        }

        #[test]
        fn on_random_office_xml(pieces in proptest::collection::vec(piece(), 0..100)) {
            let body: String = pieces.iter().map(|p| format!("<w:tr><w:tc><w:p><w:r><w:t>{p}</w:t></w:r></w:p></w:tc></w:tr>")).collect();
            let docx = zip_parts(&[("word/document.xml", format!("<w:document><w:body><w:tbl>{body}</w:tbl></w:body></w:document>").as_bytes())]);
            let _ = import::docx(&docx);
            let cells: String = pieces.iter().enumerate().map(|(i, p)| format!("<row><c r=\"A{i}\" t=\"inlineStr\"><is><t>{p}</t></is></c><c r=\"ZZZZ9\" t=\"s\"><v>{i}</v></c></row>")).collect();
            let xlsx = zip_parts(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/sheet1.xml", format!("<worksheet><sheetData>{cells}</sheetData></worksheet>").as_bytes())]);
            let _ = import::xlsx(&xlsx);
        }

        #[test]
        fn on_a_damaged_fixture(cut in 0usize..30_000, len in 0usize..3000, insert in "\\PC{0,20}") {
            let text = fixture("淮安市-2024.txt");
            let chars: Vec<char> = text.chars().collect();
            let cut = cut.min(chars.len());
            let end = (cut + len).min(chars.len());
            let damaged: String = chars[..cut].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(&chars[end..]).collect();
            if let Ok(got) = import::text(&damaged) {
                prop_assert!(got.recognised.len() + got.missing.len() == 166);
            }
        }
    }
}

#[test]
fn gbk_text_and_pages_import_with_a_decoder() {
    // Windows Notepad's "ANSI" and many government sites (charset=gb2312) write GB18030/GBK.
    let text = fixture("泉港区-2023.txt");
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(&text);
    assert!(!lossy);
    assert_eq!(import::any("2023.txt", &gbk).unwrap_err(), ImportError::Encoding, "UTF-8 only without a decoder");
    assert_same(&import::any_decoding("2023.txt", &gbk, &import::gb18030).unwrap(), &quangang(), "GBK text");

    let page = format!("<html><head><meta charset=\"gb2312\"></head><body>{}</body></html>", as_html(&huaian()));
    let (gbk_page, _, lossy) = encoding_rs::GB18030.encode(&page);
    assert!(!lossy);
    assert_same(&import::any_decoding("报告.htm", &gbk_page, &import::gb18030).unwrap(), &huaian(), "GBK page");

    // Bytes that are text in neither encoding are still refused with the message.
    let e = import::any_decoding("x.txt", &[0x81, 0x20, 0xff, 0xfe, 0x80], &import::gb18030).unwrap_err();
    assert_eq!(e, ImportError::Encoding);
    assert!(e.to_string().contains("GBK/GB18030"), "{e}");
}

/// In the page an import is made in a chunk of its own and crosses to the review as serde JSON
/// (`app::files`), as a report crosses to the exporters: nothing may change on the way.
#[test]
fn an_import_crosses_between_the_page_bundles_unchanged() {
    let routes = format!("{}/tests/routes/hongze-2023/pdf-layout.txt", env!("CARGO_MANIFEST_DIR"));
    let hongze = import::text(&std::fs::read_to_string(routes).unwrap()).unwrap();
    assert!(hongze.findings.iter().any(|f| f.rule == Rule::ImportTotalMismatch));
    assert!(hongze.recognised.iter().any(|r| r.uncertain.is_some()));
    let old = import::text(&fixture("泉港区-2023.txt").replace("国办公开办函〔2021〕30号", "")).unwrap();
    for got in [import::text(&fixture("泉港区-2023.txt")).unwrap(), hongze, old] {
        let text = serde_json::to_string(&got).unwrap();
        let back: Imported = serde_json::from_str(&text).unwrap();
        assert_eq!(back.report, got.report);
        assert_eq!(back.recognised, got.recognised);
        assert_eq!(
            (&back.missing, &back.findings, back.format, &back.notes),
            (&got.missing, &got.findings, got.format, &got.notes)
        );
    }
    // A draft as typed: a figure that is not a number, last year's report, keys of a newer version.
    let mut draft = quangang().next_year();
    draft.set("proactive.penalty", "12a");
    draft.extra.insert("later".into(), serde_json::json!({ "kept": [1, 2] }));
    let back: Report = serde_json::from_str(&serde_json::to_string(&draft).unwrap()).unwrap();
    assert_eq!(back, draft);
    let unknown = serde_json::json!({ "rule": "no.such_rule", "level": "error", "cells": [], "message": "?" });
    assert!(serde_json::from_value::<nianbao::rules::Finding>(unknown).is_err(), "only the rules there are");
}

/// A sheet saved as CSV (the example reader, `import/read/csv.rs`): the tab rendering's cells,
/// quoted where they hold a comma or a quote, read exactly — in UTF-8 and in GBK, as Excel on a
/// Chinese Windows saves it.
#[test]
fn csv_imports_exactly() {
    for (name, r) in [("泉港区", quangang()), ("淮安市", huaian())] {
        let quote = |c: &str| if c.contains([',', '"']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.into() };
        let csv: String =
            as_tab_text(&r).lines().map(|l| l.split('\t').map(quote).collect::<Vec<_>>().join(",") + "\r\n").collect();
        assert_same(&import::any("报告.csv", csv.as_bytes()).unwrap(), &r, &format!("{name} csv"));
        let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
        assert_same(
            &import::any_decoding("报告.csv", &gbk, &import::gb18030).unwrap(),
            &r,
            &format!("{name} csv, GBK"),
        );
    }
}

/// A figure read as a blank cell where the row's printed total shows it (a PDF's cell lost, a
/// copy that dropped it) is not imported as 0: it is left unplaced, and the note says where
/// and what the total says; the total itself stays as printed.
#[test]
fn a_blank_cell_that_its_printed_total_contradicts_is_not_zero() {
    let text = fixture("泉港区-2023.txt");
    let row = "\t(一) 予以公开\t20\t0\t0\t0\t0\t0\t20\t";
    assert!(text.contains(row));
    let got = import::text(&text.replace(row, "\t(一) 予以公开\t\t0\t0\t0\t0\t0\t20\t")).unwrap();
    let path = "applications.granted.natural_person";
    assert_eq!(got.report.cells[form::cell_index(path).unwrap()], None, "not a silent 0");
    assert!(got.missing.iter().any(|p| p == path));
    assert!(got.notes.iter().any(|n| n.contains("读出为空白") && n.contains("印出 20")), "{:?}", got.notes);
    // Blank cells no total contradicts are still the zeros the table left blank.
    let blanked = import::text(&text.replace(row, "\t(一) 予以公开\t20\t\t\t\t\t\t20\t")).unwrap();
    assert_same(&blanked, &quangang(), "blank zeros");
}
