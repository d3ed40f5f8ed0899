//! The `nianbao` command line: check reports, start next year's draft, sum reports, import
//! published ones, export the finished report.

use clap::{Parser, Subcommand};
use nianbao::export;
use nianbao::json::{self, LoadError};
use nianbao::limits::{self, MAX_FILE_BYTES};
use nianbao::report::{Report, YEARS};
use nianbao::rules::{self, Level};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// 政府信息公开工作年度报告：校验与生成（国办公开办函〔2021〕30号格式）
#[derive(Parser)]
#[command(name = "nianbao", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 校验报告：每条发现一行；有错误时退出码为 1，文件无法读取时为 2
    Check {
        /// 上年报告（启用上年结转、现行有效、异常波动等跨年度规则）
        #[arg(long, value_name = "LAST.json")]
        previous: Option<PathBuf>,
        /// 以 JSON 数组输出
        #[arg(long)]
        json: bool,
        /// 报告文件；给出文件夹则取其中全部 .json
        #[arg(value_name = "FILE.json|DIR", required = true)]
        files: Vec<PathBuf>,
    },
    /// 以上年报告为基础新建本年草稿：年度加一，上年结转取自上年结转下年度继续办理
    New {
        #[arg(long, value_name = "LAST.json")]
        from: PathBuf,
        #[arg(short, value_name = "NEW.json")]
        o: PathBuf,
    },
    /// 汇总多份报告（各部门、下级政府）的数字，生成汇总报告草稿
    Aggregate {
        /// 汇总报告的机关名称，如“某某县人民政府”
        #[arg(long)]
        organ: String,
        #[arg(short, value_name = "OUT.json")]
        o: PathBuf,
        /// 报告文件；给出文件夹则取其中全部 .json
        #[arg(value_name = "FILE.json|DIR", required = true)]
        files: Vec<PathBuf>,
    },
    /// 导出成稿：Word 文档（公文格式）、Excel 表格、打印版 HTML（浏览器打印为 PDF）
    Export {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
        #[arg(long, value_name = "OUT.docx")]
        docx: Option<PathBuf>,
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
        /// Word 文档加印发通知（版头、发文字号、版记等，取自报告的 document）
        #[arg(long)]
        wrapper: bool,
    },
    // The formats listed are the importer's table's (`import::formats`).
    #[command(about = format!(
        "导入已发布的年度报告（{}）：列出识别结果、未找到的数字和发现的问题，并写出 JSON；文件无法读取或无法识别时退出码为 2",
        nianbao::import::formats::listed()
    ))]
    Import {
        /// 报告文件；扫描件或照片（.png/.jpg）可给多张，按页序
        #[arg(value_name = "FILE", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// 写出导入结果（JSON 数据文件）
        #[arg(short, value_name = "OUT.json")]
        o: Option<PathBuf>,
        /// 文件中未写明年度时，写出的报告所属年度
        #[arg(long, value_parser = clap::value_parser!(i32).range(*YEARS.start() as i64..=*YEARS.end() as i64))]
        year: Option<i32>,
    },
    #[command(about = format!(
        "汇总与核查：逐份校验各机关报告（JSON 及已发布的 {}），每份一行；有本级汇总报告时逐格核对其与各报告合计（aggregate.sum）；有上年报告时对比主要数字。有报告存在错误时退出码为 1，有文件无法读取或无法识别时为 2",
        nianbao::import::formats::listed()
    ))]
    Summary {
        /// 汇总的年度（默认：占报告四分之一以上的年度中最新的；都不足时按当前时间）
        #[arg(long, value_parser = clap::value_parser!(i32).range(*YEARS.start() as i64..=*YEARS.end() as i64))]
        year: Option<i32>,
        /// 应报单位名单（.txt 每行一个单位，或 .xlsx/.xls 第一列）：列出未报单位、名单外的报告
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// 写出问题清单（Excel：第一张表为各单位情况及未报单位，其后每个有问题的单位一张表）
        #[arg(long, value_name = "OUT.xlsx")]
        issues: Option<PathBuf>,
        /// 上年报告所在文件夹（或文件），用于年度对比
        #[arg(long, value_name = "DIR")]
        previous: Vec<PathBuf>,
        /// 将各机关情况表及校验发现写为 Excel 文件
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 报告文件；给出文件夹则取其中全部报告文件
        #[arg(value_name = "FILE|DIR", required = true)]
        files: Vec<PathBuf>,
    },
    /// 根据表格生成正文段落（依申请公开、规章和规范性文件、行政复议和行政诉讼、主动公开、信息处理费），
    /// 给出上年报告时写明较上年增减
    Text {
        /// 上年报告（写明较上年增减）；报告自带上年报告时可省略
        #[arg(long, value_name = "LAST.json")]
        previous: Option<PathBuf>,
        #[arg(value_name = "REPORT.json")]
        file: PathBuf,
    },
    /// 列出全部校验规则
    Rules,
}

/// Prints a line on stdout; a closed pipe (`nianbao check … | head`) ends the program quietly
/// instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod summary;

/// Why the command could not do its work; printed on stderr, exit code 2.
struct Failure(String);

/// A file's bytes, or why not: one over [`MAX_FILE_BYTES`] is refused before it is read (and one
/// that grows while read, such as a device, stops there).
fn file_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let failed = |e: std::io::Error| format!("无法读取：{e}");
    let file = std::fs::File::open(path).map_err(failed)?;
    let size = file.metadata().map_err(failed)?.len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(limits::too_large(size));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(failed)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(limits::too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`file_bytes`], the path named in the failure.
fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    file_bytes(path).map_err(|why| Failure(format!("{}: {why}", path.display())))
}

fn load(path: &Path) -> Result<Report, Failure> {
    let bytes = read(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure(format!(
            "{}: 无法读取：不是 UTF-8 编码的文本（第 {} 字节处）",
            path.display(),
            e.utf8_error().valid_up_to() + 1
        ))
    })?;
    json::from_str(&text).map_err(|e: LoadError| Failure(format!("{}: 无效的报告文件：{e}", path.display())))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { previous, json, files } => check(previous.as_deref(), json, &files),
        Command::New { from, o } => new(&from, &o),
        Command::Aggregate { organ, o, files } => aggregate(&organ, &o, &files),
        Command::Export { file, docx, xlsx, html, wrapper } => export(&file, docx, xlsx, html, wrapper),
        Command::Import { files, o, year } => import(&files, o.as_deref(), year),
        Command::Summary { year, roster, issues, previous, xlsx, json, files } => {
            summary::run(&summary::Args { year, roster, issues, xlsx, json }, &previous, &files)
        }
        Command::Text { previous, file } => text(&file, previous.as_deref()),
        Command::Rules => {
            for &r in rules::Rule::ALL {
                out!("{:<25} {}  {}", r.id(), r.level().label(), r.summary());
            }
            Ok(ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|Failure(msg)| {
        eprintln!("{msg}");
        ExitCode::from(2)
    })
}

/// The paragraphs drafted from the tables, under each text part's heading, then what was not drafted.
fn text(path: &Path, previous: Option<&Path>) -> Result<ExitCode, Failure> {
    let mut report = load(path)?;
    if let Some(prev) = previous {
        report.previous = Some(Box::new(load(prev)?));
    }
    for (heading, part) in nianbao::form::text_parts().filter(|(_, p)| nianbao::narrative_gen::KEYS.contains(&p.key)) {
        let drafted = nianbao::narrative_gen::draft(&report, part.key);
        out!("{}", if heading.is_empty() { "（开头部分）" } else { heading });
        if !drafted.text.is_empty() {
            out!("{}", drafted.text);
        }
        for note in &drafted.notes {
            out!("  注：{note}");
        }
        out!("");
    }
    Ok(ExitCode::SUCCESS)
}

/// The files named, a folder standing for the files in it with one of the extensions `exts`
/// (sorted): offices keep one folder of reports, and Windows' cmd does not expand `*.json`.
fn expand(paths: &[PathBuf], exts: &[&str]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(path).map_err(|e| Failure(format!("{}: 无法读取文件夹：{e}", path.display())))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| exts.iter().any(|e| x.eq_ignore_ascii_case(e))))
            .collect();
        if found.is_empty() {
            return Err(Failure(format!("{}: 文件夹中没有 .{} 报告文件", path.display(), exts.join("、."))));
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

fn check(previous: Option<&Path>, as_json: bool, files: &[PathBuf]) -> Result<ExitCode, Failure> {
    let files = &expand(files, &["json"])?;
    let previous = previous.map(load).transpose()?;
    let (mut unreadable, mut errors) = (false, false);
    let mut listed = Vec::new();
    for file in files {
        let report = match load(file) {
            Ok(r) => r,
            Err(Failure(msg)) => {
                eprintln!("{msg}");
                unreadable = true;
                continue;
            }
        };
        let prev = previous.as_ref().or(report.previous.as_deref());
        for f in rules::check(&report, prev) {
            errors |= f.level() == Level::Error;
            if as_json {
                listed.push(serde_json::json!({
                    "file": file.display().to_string(),
                    "rule": f.rule, "level": f.level(), "cells": f.cells, "message": f.message,
                }));
            } else {
                out!("{}: {} {} {}: {}", file.display(), f.level().label(), f.rule, f.cells.join(","), f.message);
            }
        }
    }
    if as_json {
        out!("{}", serde_json::to_string_pretty(&listed).expect("findings serialize"));
    }
    Ok(ExitCode::from(if unreadable {
        2
    } else if errors {
        1
    } else {
        0
    }))
}

fn aggregate(organ: &str, out: &Path, files: &[PathBuf]) -> Result<ExitCode, Failure> {
    let reports = expand(files, &["json"])?
        .iter()
        .map(|f| Ok((f.display().to_string(), load(f)?)))
        .collect::<Result<Vec<_>, Failure>>()?;
    let (total, notes) = nianbao::aggregate::aggregate(organ, &reports).map_err(Failure)?;
    for n in &notes {
        eprintln!("{}: {}", n.source, n.message);
    }
    save(out, &total)?;
    eprintln!("已汇总 {} 份 {} 年度报告：{}", reports.len(), total.year, out.display());
    Ok(ExitCode::SUCCESS)
}

fn save(out: &Path, report: &Report) -> Result<(), Failure> {
    std::fs::write(out, json::to_string(report)).map_err(|e| Failure(format!("{}: 无法写入：{e}", out.display())))
}

fn new(from: &Path, out: &Path) -> Result<ExitCode, Failure> {
    let next = load(from)?.next_year();
    save(out, &next)?;
    eprintln!("已生成 {} 年草稿：{}", next.year, out.display());
    Ok(ExitCode::SUCCESS)
}

fn export(
    file: &Path,
    docx: Option<PathBuf>,
    xlsx: Option<PathBuf>,
    html: Option<PathBuf>,
    wrapper: bool,
) -> Result<ExitCode, Failure> {
    if docx.is_none() && xlsx.is_none() && html.is_none() {
        return Err(Failure("请至少指定一种输出：--docx、--xlsx 或 --html".into()));
    }
    let report = load(file)?;
    let outputs = [
        docx.map(|p| (p, export::docx::write(&report, &export::docx::DocxOptions { wrapper }))),
        xlsx.map(|p| (p, export::xlsx::write(&report))),
        html.map(|p| (p, export::print::html(&report).into_bytes())),
    ];
    for (path, bytes) in outputs.into_iter().flatten() {
        std::fs::write(&path, &bytes).map_err(|e| Failure(format!("{}: 无法写入：{e}", path.display())))?;
        eprintln!("已导出：{}（{} 字节）", path.display(), bytes.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn import(files: &[PathBuf], out: Option<&Path>, year: Option<i32>) -> Result<ExitCode, Failure> {
    // Reading a scan takes seconds a page: say how far it is.
    let mut page_read = |done: usize, all: usize| eprintln!("文字识别：第 {done} / {all} 页");
    let file = &files[0];
    let picture = |f: &PathBuf| {
        let ext = f.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        matches!(ext.as_str(), "png" | "jpg" | "jpeg")
    };
    let imported = if files.iter().all(picture) {
        let pages: Vec<Vec<u8>> = files.iter().map(|f| read(f)).collect::<Result<_, _>>()?;
        let engine = ocr_engine()?;
        let pages: Vec<&[u8]> = pages.iter().map(Vec::as_slice).collect();
        nianbao::import::pictures(&pages, &engine, &mut page_read)
    } else if files.len() > 1 {
        return Err(Failure("一次导入一份报告；多个文件只能是同一份扫描件的各页图片（.png/.jpg）".into()));
    } else {
        let bytes = read(file)?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let legacy = &nianbao::import::gb18030;
        // A PDF with scanned pages is read with the OCR, which needs its models.
        let scanned = nianbao::import::is_pdf(&name, &bytes)
            && nianbao::import::read::pdf::scanned_pages(&bytes, legacy).is_ok_and(|(scans, _)| scans > 0);
        if scanned {
            nianbao::import::pdf_scanned(&bytes, legacy, &ocr_engine()?, &mut page_read)
        } else {
            nianbao::import::any_decoding(&name, &bytes, legacy)
        }
    }
    .map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let r = &imported.report;
    out!("{}: {} {} 年（{}），{}", file.display(), r.organ, r.year, r.scope.label(), imported.format.label());
    out!("识别数字 {} 个，未找到 {} 个", imported.recognised.len(), imported.missing.len());
    for note in &imported.notes {
        out!("说明：{note}");
    }
    // Missing figures by row: a table not found is one line per row, not 150 paths.
    let mut rows: Vec<String> = Vec::new();
    for def in imported.missing.iter().filter_map(|p| nianbao::form::cell_index(p)).map(|i| &nianbao::form::cells()[i])
    {
        let row = format!("{}「{}」", def.table().name, def.row().label);
        if rows.last() != Some(&row) {
            rows.push(row);
        }
    }
    if !rows.is_empty() {
        out!("未找到：{}", rows.join("、"));
    }
    // Unfilled cells are the rows just listed.
    for f in imported.findings.iter().filter(|f| f.rule != rules::Rule::CellMissing) {
        out!("{} {} {}: {}", f.level().label(), f.rule, f.cells.join(","), f.message);
    }
    if let Some(out) = out {
        let r = match year {
            Some(y) => imported.report_or(y),
            None if r.year == 0 => {
                return Err(Failure(format!("{}: 文件中未写明年度，请用 --year 指定后再写出 JSON", file.display())))
            }
            None => r.clone(),
        };
        std::fs::write(out, json::to_string(&r)).map_err(|e| Failure(format!("{}: 无法写入：{e}", out.display())))?;
        eprintln!("已写出：{}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The OCR engine from the model files in `$NIANBAO_OCR_MODELS`, or in `ocr/` beside the program.
fn ocr_engine() -> Result<nianbao::ocr::Engine, Failure> {
    // Or, in a checkout, where scripts/ocr-models puts them.
    let dirs: Vec<PathBuf> = std::env::var_os("NIANBAO_OCR_MODELS")
        .map(PathBuf::from)
        .into_iter()
        .chain(std::env::current_exe().ok().and_then(|e| e.parent().map(|d| d.join("ocr"))))
        .chain([PathBuf::from(".tools/ocr")])
        .collect();
    let load = |name: &str| {
        dirs.iter().find_map(|d| std::fs::read(d.join(name)).ok()).ok_or_else(|| {
            Failure(format!(
                "识别扫描件需要文字识别模型 {name}：运行 scripts/ocr-models 取得，或将 NIANBAO_OCR_MODELS 设为模型所在的目录"
            ))
        })
    };
    let (det, rec) = (load(nianbao::ocr::DETECTOR)?, load(nianbao::ocr::RECOGNISER)?);
    nianbao::ocr::Engine::load(det, rec).map_err(|e| Failure(e.to_string()))
}
