//! `nianbao summary`: the page's 汇总与核查 on a folder — one line per file, the `aggregate.sum`
//! findings, last year's comparison, the organ table as .xlsx.

use super::{expand, file_bytes, Failure};
use nianbao::import;
use nianbao::summary::{self, compare::HEADLINES, File, Role, State};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn read(path: &Path) -> File {
    let name = path.display().to_string();
    match file_bytes(path) {
        Ok(bytes) => {
            let base = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            File::read(&name, &bytes, || import::any_decoding(&base, &bytes, &import::gb18030))
        }
        Err(why) => File { name, kind: summary::kind_of(&path.display().to_string()), read: Err(why) },
    }
}

pub fn run(previous: &[PathBuf], xlsx: Option<&Path>, as_json: bool, paths: &[PathBuf]) -> Result<ExitCode, Failure> {
    let files: Vec<File> = expand(paths, summary::report_files())?.iter().map(|p| read(p)).collect();
    let previous: Vec<File> = if previous.is_empty() {
        Vec::new()
    } else {
        expand(previous, summary::report_files())?.iter().map(|p| read(p)).collect()
    };
    let s = summary::summarise(&files, &previous, &BTreeSet::new());
    if as_json {
        out!("{}", serde_json::to_string_pretty(&to_json(&files, &s)).expect("summary serializes"));
    } else {
        print(&files, &s);
    }
    if let Some(out) = xlsx {
        let bytes = summary::export::organ_table(&files, &s);
        std::fs::write(out, &bytes).map_err(|e| Failure(format!("{}: 无法写入：{e}", out.display())))?;
        eprintln!("已写出：{}", out.display());
    }
    let has = |state| s.rows.iter().any(|r| r.state == state);
    Ok(ExitCode::from(if has(State::Unrecognised) {
        2
    } else if has(State::Errors) {
        1
    } else {
        0
    }))
}

fn print(files: &[File], s: &summary::Summary) {
    for row in &s.rows {
        let f = &files[row.file];
        match &f.read {
            Ok(l) => {
                let r = &l.report;
                let organ = if r.organ.trim().is_empty() { "（未填机关）" } else { r.organ.trim() };
                let rules = f.error_rules();
                let rules = if rules.is_empty() {
                    String::new()
                } else {
                    format!(" {}", rules.iter().map(|r| r.id()).collect::<Vec<_>>().join(","))
                };
                out!(
                    "{}: {organ} {}年 {} 错误 {} 警告 {} {}{rules}（{}）",
                    f.name,
                    r.year,
                    r.scope.label(),
                    l.errors(),
                    l.warnings(),
                    row.state.label(),
                    row.role.label(files)
                );
            }
            Err(why) => out!("{}: {}：{why}", f.name, State::Unrecognised.label()),
        }
    }
    if let Some(p) = s.parent {
        for m in &s.mismatches {
            out!("{}: {} {} {}: {}", files[p].name, m.level().label(), m.rule, m.cells.join(","), m.message);
        }
    }
    for n in &s.notes {
        eprintln!("{}: {}", n.source, n.message);
    }
    if let Some(c) = &s.comparison {
        for line in std::iter::once(&c.total).chain(&c.organs) {
            for (h, headline) in HEADLINES.iter().enumerate() {
                let Some(change) = line.change(h) else { continue };
                if line.organ != c.total.organ && !change.swing {
                    continue;
                }
                let percent = change.percent.map_or_else(String::new, |p| format!("（{p:+}%）"));
                out!(
                    "对比 {} {}: {}年 {} {}年 {} 增减 {:+}{percent}{}",
                    line.organ,
                    headline.label,
                    c.year,
                    line.now[h].unwrap_or_default(),
                    c.year - 1,
                    line.then.and_then(|t| t[h]).unwrap_or_default(),
                    change.diff,
                    if change.swing { " 异常波动" } else { "" }
                );
            }
        }
    }
}

fn to_json(files: &[File], s: &summary::Summary) -> serde_json::Value {
    let rows: Vec<_> = s
        .rows
        .iter()
        .map(|row| {
            let f = &files[row.file];
            let mut v = serde_json::json!({
                "file": f.name, "kind": f.kind, "state": row.state.key(), "role": row.role.key(),
            });
            match &f.read {
                Ok(l) => {
                    let r = &l.report;
                    v["organ"] = r.organ.clone().into();
                    v["year"] = r.year.into();
                    v["scope"] = r.scope.key().into();
                    v["figures"] = l.figures.into();
                    v["errors"] = l.errors().into();
                    v["warnings"] = l.warnings().into();
                    v["rules"] = f.error_rules().iter().map(|r| r.id()).collect::<Vec<_>>().into();
                }
                Err(why) => v["reason"] = why.clone().into(),
            }
            if let Role::Duplicate(of) = row.role {
                v["duplicate_of"] = files[of].name.clone().into();
            }
            v
        })
        .collect();
    let comparison = s.comparison.as_ref().map(|c| {
        let line = |l: &summary::compare::Line| {
            let figures: serde_json::Map<_, _> = HEADLINES
                .iter()
                .enumerate()
                .map(|(h, headline)| {
                    let change = l.change(h);
                    (
                        headline.label.to_string(),
                        serde_json::json!({
                            "now": l.now[h], "then": l.then.and_then(|t| t[h]),
                            "change": change.map(|c| c.diff), "percent": change.and_then(|c| c.percent),
                            "swing": change.is_some_and(|c| c.swing),
                        }),
                    )
                })
                .collect();
            serde_json::json!({ "organ": l.organ, "figures": figures })
        };
        serde_json::json!({
            "year": c.year, "total": line(&c.total), "organs": c.organs.iter().map(line).collect::<Vec<_>>(),
        })
    });
    serde_json::json!({
        "year": s.year,
        "files": rows,
        "aggregate_sum": s.mismatches,
        "notes": s.notes.iter().map(|n| serde_json::json!({ "file": n.source, "message": n.message })).collect::<Vec<_>>(),
        "comparison": comparison,
    })
}
