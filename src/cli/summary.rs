//! `nianbao summary`: the page's 汇总与核查 on a folder — the year and why, one line per file
//! with its flags, 未报 organs of the roster, copies between organs, the `aggregate.sum`
//! findings, last year's comparison, the organ table and the 问题清单 as .xlsx.

use super::{expand, file_bytes, Failure};
use nianbao::import;
use nianbao::summary::{self, compare::HEADLINES, indicators::THRESHOLDS, roster::Roster, File, Options, Role, State};
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

/// The options of `nianbao summary` besides its files.
pub struct Args {
    pub year: Option<i32>,
    pub roster: Option<PathBuf>,
    pub issues: Option<PathBuf>,
    pub xlsx: Option<PathBuf>,
    pub json: bool,
}

/// Today's (year, month) in UTC, from the system clock (days to a civil date, after H. Hinnant).
fn today() -> Option<(i32, u32)> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Some((year, month))
}

fn write(out: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(out, bytes).map_err(|e| Failure(format!("{}: 无法写入：{e}", out.display())))?;
    eprintln!("已写出：{}", out.display());
    Ok(())
}

pub fn run(args: &Args, previous: &[PathBuf], paths: &[PathBuf]) -> Result<ExitCode, Failure> {
    let roster = match &args.roster {
        Some(path) => {
            let bytes = file_bytes(path).map_err(|why| Failure(format!("{}: {why}", path.display())))?;
            let name = path.display().to_string();
            Some(Roster::from_file(&name, &bytes, &import::gb18030).map_err(Failure)?)
        }
        None => None,
    };
    let files: Vec<File> = expand(paths, summary::report_files())?.iter().map(|p| read(p)).collect();
    let previous: Vec<File> = if previous.is_empty() {
        Vec::new()
    } else {
        expand(previous, summary::report_files())?.iter().map(|p| read(p)).collect()
    };
    let options = Options { year: args.year, today: today(), roster, ..Options::default() };
    let s = summary::summarise_with(&files, &previous, &options);
    if args.json {
        out!("{}", serde_json::to_string_pretty(&to_json(&files, &s)).expect("summary serializes"));
    } else {
        print(&files, &s);
    }
    if let Some(out) = &args.xlsx {
        write(out, &summary::export::organ_table(&files, &s))?;
    }
    if let Some(out) = &args.issues {
        write(out, &summary::export::issues(&files, &s))?;
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
    out!("汇总年度：{}", s.year_reason.describe(s.year));
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
                for flag in row
                    .flags
                    .iter()
                    .filter(|f| !matches!(f, summary::Flag::Copy { .. } | summary::Flag::SameTables { .. }))
                {
                    out!("{}: 标记 {}", f.name, flag.label(files));
                }
                for x in &row.findings {
                    out!("{}: {} {} {organ}：{}", f.name, x.level().label(), x.rule, x.message);
                }
                if let Some(ind) = row.indicators.as_ref().filter(|_| row.role != Role::LastYear) {
                    for t in ind.flagged() {
                        let rate = ind.get(t.indicator);
                        out!(
                            "{}: 指标 {} {}（{}/{}），关注线：{}",
                            f.name,
                            t.label,
                            rate.percent(),
                            rate.part,
                            rate.base,
                            t.describe()
                        );
                    }
                }
            }
            Err(why) => out!("{}: {}：{why}", f.name, State::Unrecognised.label()),
        }
    }
    if let Some(p) = s.parent {
        for m in &s.mismatches {
            out!("{}: {} {} {}: {}", files[p].name, m.level().label(), m.rule, m.cells.join(","), m.message);
        }
    }
    for organ in s.missing() {
        out!("未报：{organ}");
    }
    let c = s.counts();
    if s.roster.is_some() {
        out!(
            "已报 {}，未报 {}，有错误 {}，重复 {}，名单外 {}",
            c.reported,
            c.missing,
            c.errors,
            c.duplicates,
            c.off_roster
        );
    }
    for n in &s.notes {
        eprintln!("{}: {}", n.source, n.message);
    }
    if let Some(c) = &s.comparison {
        if !c.lacking.is_empty() {
            out!("对比 上年缺少：{}（上年合计不含这些单位）", c.lacking.join("、"));
        }
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
            v["flags"] = row
                .flags
                .iter()
                .map(|x| serde_json::json!({ "kind": x.key(), "message": x.label(files) }))
                .collect::<Vec<_>>()
                .into();
            v["findings"] = serde_json::to_value(&row.findings).expect("findings serialize");
            if let Some(ind) = &row.indicators {
                let rates: serde_json::Map<_, _> =
                    THRESHOLDS.iter().map(|t| (t.key.to_string(), ind.get(t.indicator).fraction().into())).collect();
                v["indicators"] = rates.into();
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
    let copies: Vec<_> = s
        .copies
        .iter()
        .map(|c| {
            let organ = |i: usize| files[i].report().map_or(String::new(), |r| r.organ.clone());
            let mut v = serde_json::json!({
                "files": [files[c.a].name, files[c.b].name], "organs": [organ(c.a), organ(c.b)],
            });
            match c.kind {
                summary::copies::Kind::Text { a_in_b, b_in_a } => {
                    v["kind"] = "text".into();
                    v["shares"] = serde_json::json!([a_in_b, b_in_a]);
                }
                summary::copies::Kind::Tables => v["kind"] = "tables".into(),
            }
            v
        })
        .collect();
    let total: serde_json::Map<_, _> =
        THRESHOLDS.iter().map(|t| (t.key.to_string(), s.indicators.get(t.indicator).fraction().into())).collect();
    serde_json::json!({
        "year": s.year,
        "year_reason": s.year_reason.describe(s.year),
        "missing": s.missing(),
        "copies": copies,
        "indicators": total,
        "files": rows,
        "aggregate_sum": s.mismatches,
        "notes": s.notes.iter().map(|n| serde_json::json!({ "file": n.source, "message": n.message })).collect::<Vec<_>>(),
        "comparison": comparison,
    })
}
