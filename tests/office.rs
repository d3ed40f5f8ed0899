//! The exports as real office software makes of them: LibreOffice opens the exported .docx and
//! .xlsx and saves them again (`soffice --headless --convert-to docx|xlsx`), and what it wrote
//! must hold the same tables — every cell's text, its column and row spans — the same merged
//! ranges and styles (fonts and sizes, borders, alignment, number formats; the body's 仿宋), and
//! import back to the same figures.
//!
//! Runs where LibreOffice is installed (`scripts/setup --test` installs it for CI); elsewhere
//! each test says it was skipped.

use nianbao::export::{docx, xlsx};
use nianbao::import;
use nianbao::json;
use nianbao::report::Report;
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const S: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

fn fixture() -> Report {
    json::from_str(include_str!("fixtures/quangang-2023.json")).unwrap()
}

fn soffice() -> Option<PathBuf> {
    ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// `bytes` saved as `name`, opened and saved again by LibreOffice as `to`; `None` without it.
fn resaved(bytes: &[u8], name: &str, to: &str) -> Option<Vec<u8>> {
    let Some(soffice) = soffice() else {
        eprintln!("LibreOffice (soffice) is not installed: skipped");
        return None;
    };
    let dir = std::env::temp_dir().join(format!("nianbao-office-{}-{to}", std::process::id()));
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let input = dir.join(name);
    std::fs::write(&input, bytes).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let status = Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", to, "--outdir"])
        .arg(&out)
        .arg(&input)
        .output()
        .expect("soffice runs");
    let written = out.join(Path::new(name).with_extension(to).file_name().unwrap());
    let bytes = std::fs::read(&written)
        .unwrap_or_else(|e| panic!("LibreOffice wrote no {}: {e}; {status:?}", written.display()));
    std::fs::remove_dir_all(&dir).ok();
    Some(bytes)
}

fn part(package: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package)).unwrap();
    let mut file = zip.by_name(name).ok()?;
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    Some(s)
}

fn named<'a>(node: Node<'a, 'a>, ns: &'static str, name: &'static str) -> impl Iterator<Item = Node<'a, 'a>> {
    node.descendants().filter(move |n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name)
}

fn children<'a>(node: Node<'a, 'a>, ns: &'static str, name: &'static str) -> impl Iterator<Item = Node<'a, 'a>> {
    node.children().filter(move |n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name)
}

/// A Word cell: its text, the columns it spans, and whether it continues a cell above.
type WordCell = (String, u32, bool);

/// Each table of a document: its rows of cells.
fn word_tables(document: &str) -> Vec<Vec<Vec<WordCell>>> {
    let doc = Document::parse(document).unwrap();
    let tables = named(doc.root(), W, "tbl");
    tables
        .map(|tbl| {
            children(tbl, W, "tr")
                .map(|tr| {
                    children(tr, W, "tc")
                        .map(|tc| {
                            let text: String = named(tc, W, "t").filter_map(|t| t.text()).collect();
                            let span = named(tc, W, "gridSpan")
                                .next()
                                .and_then(|g| g.attribute((W, "val")))
                                .map_or(1, |v| v.parse().unwrap());
                            let merge = named(tc, W, "vMerge").next();
                            let continued =
                                merge.is_some_and(|m| m.attribute((W, "val")).is_none_or(|v| v == "continue"));
                            (text.trim().to_string(), span, continued)
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The East Asian fonts a document's runs and styles name.
fn east_asian_fonts(package: &[u8]) -> BTreeSet<String> {
    ["word/document.xml", "word/styles.xml"]
        .iter()
        .filter_map(|p| part(package, p))
        .flat_map(|xml| {
            let doc = Document::parse(&xml).unwrap();
            named(doc.root(), W, "rFonts")
                .filter_map(|f| f.attribute((W, "eastAsia")).map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_docx_resaved_by_libreoffice_keeps_its_tables_spans_fonts_and_figures() {
    let report = fixture();
    for wrapper in [false, true] {
        let ours = docx::write(&report, &docx::DocxOptions { wrapper });
        let Some(theirs) = resaved(&ours, "报告.docx", "docx") else { return };
        let tables = |p: &[u8]| word_tables(&part(p, "word/document.xml").unwrap());
        assert_eq!(tables(&theirs), tables(&ours), "the tables, cell by cell, with their spans");
        let fonts = east_asian_fonts(&ours);
        assert!(fonts.iter().any(|f| f.contains("仿宋")), "{fonts:?}");
        let kept = east_asian_fonts(&theirs);
        assert!(fonts.is_subset(&kept), "fonts ours {fonts:?}, LibreOffice's {kept:?}");
        let back = import::any("报告.docx", &theirs).unwrap();
        assert_eq!(back.report.cells, report.cells, "figures read back (wrapper {wrapper})");
        assert_eq!(back.report.organ, report.organ);
    }
}

/// A workbook's sheets by name: each cell's value (shared strings resolved), its merged ranges,
/// and each cell's style as it shows (font and size, border, alignment, number format).
#[derive(Debug, PartialEq)]
struct Sheet {
    values: BTreeMap<String, String>,
    merged: BTreeSet<String>,
    styles: BTreeMap<String, String>,
}

/// What each of a workbook's cell formats (`cellXfs`) shows, in words.
fn cell_styles(styles: &str) -> Vec<String> {
    let doc = Document::parse(styles).unwrap();
    let root = doc.root();
    let section = |name: &'static str, item: &'static str| -> Vec<Node> {
        named(root, S, name).next().map(|n| children(n, S, item).collect()).unwrap_or_default()
    };
    let val = |n: Node, child: &'static str| {
        children(n, S, child).next().and_then(|c| c.attribute("val")).unwrap_or("").to_string()
    };
    // The size and weight, not the name: LibreOffice writes the font it substituted for one not
    // installed (黑体 on a machine without it is saved as its fallback).
    let fonts: Vec<String> = section("fonts", "font")
        .into_iter()
        .map(|f| format!("{}{}", val(f, "sz"), if children(f, S, "b").next().is_some() { " bold" } else { "" }))
        .collect();
    let borders: Vec<String> = section("borders", "border")
        .into_iter()
        .map(|b| {
            ["left", "right", "top", "bottom"]
                .map(|side| children(b, S, side).next().and_then(|s| s.attribute("style")).unwrap_or("none"))
                .join("/")
        })
        .collect();
    let formats: BTreeMap<String, String> = section("numFmts", "numFmt")
        .into_iter()
        .filter_map(|f| Some((f.attribute("numFmtId")?.to_string(), f.attribute("formatCode")?.to_string())))
        .collect();
    let at = |list: &[String], id: Option<&str>| {
        id.and_then(|i| list.get(i.parse::<usize>().ok()?)).cloned().unwrap_or_default()
    };
    section("cellXfs", "xf")
        .into_iter()
        .map(|xf| {
            let align = children(xf, S, "alignment").next();
            let horizontal = align.and_then(|a| a.attribute("horizontal")).unwrap_or("general");
            let format = xf.attribute("numFmtId").unwrap_or("0");
            // A built-in format by its id, one the file defines by its code ("General" either way).
            let format = match formats.get(format) {
                Some(code) => code.clone(),
                None => match format {
                    "0" => "General",
                    "1" => "0",
                    "2" => "0.00",
                    "3" => "#,##0",
                    "4" => "#,##0.00",
                    "49" => "@",
                    other => other,
                }
                .to_string(),
            };
            format!(
                "{} | {} | {horizontal} | {format}",
                at(&fonts, xf.attribute("fontId")),
                at(&borders, xf.attribute("borderId"))
            )
        })
        .collect()
}

fn sheets(package: &[u8]) -> BTreeMap<String, Sheet> {
    let shared: Vec<String> = part(package, "xl/sharedStrings.xml").map_or_else(Vec::new, |xml| {
        let doc = Document::parse(&xml).unwrap();
        children(doc.root_element(), S, "si").map(|si| named(si, S, "t").filter_map(|t| t.text()).collect()).collect()
    });
    let xfs = cell_styles(&part(package, "xl/styles.xml").unwrap());
    let book = part(package, "xl/workbook.xml").unwrap();
    let book = Document::parse(&book).unwrap();
    let names: Vec<String> =
        named(book.root(), S, "sheet").filter_map(|s| s.attribute("name").map(str::to_string)).collect();
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let xml = part(package, &format!("xl/worksheets/sheet{}.xml", i + 1)).unwrap();
            let doc = Document::parse(&xml).unwrap();
            let mut values = BTreeMap::new();
            let mut styles = BTreeMap::new();
            for c in named(doc.root(), S, "c") {
                let at = c.attribute("r").unwrap().to_string();
                let raw = named(c, S, "v").next().and_then(|v| v.text()).map(str::to_string);
                let inline: Option<String> =
                    named(c, S, "is").next().map(|is| named(is, S, "t").filter_map(|t| t.text()).collect());
                let value = match c.attribute("t") {
                    Some("s") => raw.and_then(|i| shared.get(i.parse::<usize>().ok()?).cloned()),
                    Some("inlineStr") => inline,
                    _ => raw,
                };
                let style = c.attribute("s").and_then(|s| xfs.get(s.parse::<usize>().ok()?)).cloned();
                if let Some(v) = value.filter(|v| !v.is_empty()) {
                    values.insert(at.clone(), v);
                }
                styles.insert(at, style.unwrap_or_else(|| xfs.first().cloned().unwrap_or_default()));
            }
            let merged =
                named(doc.root(), S, "mergeCell").filter_map(|m| m.attribute("ref").map(str::to_string)).collect();
            (name, Sheet { values, merged, styles })
        })
        .collect()
}

#[test]
fn the_xlsx_resaved_by_libreoffice_keeps_its_cells_merges_styles_and_figures() {
    let report = fixture();
    let ours = xlsx::write(&report);
    let Some(theirs) = resaved(&ours, "报告.xlsx", "xlsx") else { return };
    let (ours_sheets, theirs_sheets) = (sheets(&ours), sheets(&theirs));
    assert_eq!(ours_sheets.keys().collect::<Vec<_>>(), theirs_sheets.keys().collect::<Vec<_>>());
    for (name, sheet) in &ours_sheets {
        let kept = &theirs_sheets[name];
        assert!(!sheet.merged.is_empty(), "{name}: the export merges");
        assert!(sheet.styles.values().any(|s| s.starts_with("14 ")), "{name}: its heading in 14 pt");
        assert_eq!(kept.merged, sheet.merged, "{name}: merged ranges");
        for (at, style) in &sheet.styles {
            assert_eq!(kept.styles.get(at), Some(style), "{name}: {at}'s style");
        }
        assert_eq!(kept.values, sheet.values, "{name}: every cell's value");
    }
    let back = import::any("报告.xlsx", &theirs).unwrap();
    assert_eq!(back.report.cells, report.cells, "figures read back");
}
