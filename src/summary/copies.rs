//! Copies between organs (assessors' 雷同): pairs of the year's reports whose text parts, taken
//! together, are mostly the same ([`crate::similarity`]), and pairs whose tables are identical
//! cell for cell while holding real figures.

use super::{File, Loaded};
use crate::form;
use crate::report::Report;
use crate::rules::{Finding, Rule};
use crate::similarity::{self, Shingles};
use std::collections::HashMap;

/// Two organs' texts are a copy from this share of one found in the other.
pub const SIMILAR_SHARE: f64 = 0.8;

/// A sentence that this many of the year's reports carry (at least [`COMMON_MIN`]) is the
/// office's model wording or the like, not one organ's copy of another's.
pub const COMMON_SHARE: f64 = 0.1;
pub const COMMON_MIN: usize = 5;

/// Identical tables are a copy only with at least this many figures other than 0 filled.
pub const MIN_TABLE_FIGURES: usize = 8;

/// What two files have in common.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// Their texts: the share of `a`'s text found in `b`'s and of `b`'s in `a`'s.
    Text { a_in_b: f64, b_in_a: f64 },
    /// Their three tables, cell for cell.
    Tables,
}

/// A pair of files (indices, `a < b`) of different organs that copy one another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Copy {
    pub a: usize,
    pub b: usize,
    pub kind: Kind,
}

/// The copies among `files` (those listed in `among`: the year's reports), organs told apart by
/// `organ_key` (the same organ twice is a duplicate, not a copy).
pub fn find(files: &[File], among: &[usize], organ_key: impl Fn(&Report) -> String) -> Vec<Copy> {
    let loaded: Vec<(usize, &Loaded)> = among.iter().filter_map(|&i| Some((i, files[i].read.as_ref().ok()?))).collect();
    let reports: Vec<(usize, &Report)> = loaded.iter().map(|&(i, l)| (i, &l.report)).collect();
    let keys: Vec<String> = reports.iter().map(|(_, r)| organ_key(r)).collect();
    // Folded and shingled when each file was read: here only what depends on the others.
    let counts = similarity::sentence_counts(loaded.iter().map(|(_, l)| l.print.keys()));
    let common = COMMON_MIN.max((COMMON_SHARE * reports.len() as f64).ceil() as usize);
    let shingles: Vec<Shingles> = loaded
        .iter()
        .map(|(_, l)| l.print.shingles_without(|k| counts.get(&k).is_some_and(|&n| n >= common)))
        .collect();
    let mut out: Vec<Copy> = similarity::similar_pairs(&shingles, SIMILAR_SHARE, |a, b| keys[a] == keys[b])
        .into_iter()
        .map(|p| Copy { a: reports[p.a].0, b: reports[p.b].0, kind: Kind::Text { a_in_b: p.a_in_b, b_in_a: p.b_in_a } })
        .collect();
    // Grouped by the hash taken when each was read, then compared figure for figure.
    let mut by_tables: HashMap<u64, Vec<usize>> = HashMap::new();
    for (n, (_, l)) in loaded.iter().enumerate() {
        if let Some(key) = l.tables {
            by_tables.entry(key).or_default().push(n);
        }
    }
    for same in by_tables.values().filter(|v| v.len() > 1) {
        for (x, &m) in same.iter().enumerate() {
            for &n in &same[x + 1..] {
                if keys[m] != keys[n] && typed(&loaded[m].1.report).eq(typed(&loaded[n].1.report)) {
                    out.push(Copy { a: reports[m].0, b: reports[n].0, kind: Kind::Tables });
                }
            }
        }
    }
    out.sort_by_key(|c| (c.a, c.b, matches!(c.kind, Kind::Tables)));
    out
}

/// The typed figures as written (white space trimmed).
fn typed(r: &Report) -> impl Iterator<Item = Option<&str>> {
    form::cells().iter().zip(&r.cells).filter(|(d, _)| !d.derived).map(|(_, raw)| raw.as_deref().map(str::trim))
}

/// A hash of the typed figures as written, when at least [`MIN_TABLE_FIGURES`] of them are other
/// than 0: a copy is the same tables, figure for figure. Taken when a file is read.
pub fn tables_key(r: &Report) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let zero = |v: &str| v.chars().all(|c| c == '0' || c == '.');
    let nonzero = typed(r).filter(|raw| raw.is_some_and(|v| !v.is_empty() && !zero(v))).count();
    (nonzero >= MIN_TABLE_FIGURES).then(|| {
        let mut h = std::hash::DefaultHasher::new();
        typed(r).for_each(|raw| raw.hash(&mut h));
        h.finish()
    })
}

fn percent(f: f64) -> u32 {
    (f * 100.0).floor() as u32
}

/// The finding a copy gives the file `me` (one of its pair), naming the other organ.
pub fn finding(copy: &Copy, me: usize, files: &[File]) -> Finding {
    let other = if copy.a == me { copy.b } else { copy.a };
    let name = files[other].report().map_or("", |r| r.organ.trim());
    let name = if name.is_empty() { files[other].name.as_str() } else { name };
    match copy.kind {
        Kind::Text { a_in_b, b_in_a } => {
            let (mine, theirs) = if copy.a == me { (a_in_b, b_in_a) } else { (b_in_a, a_in_b) };
            let message = if mine >= SIMILAR_SHARE {
                format!("与{name}报告正文重复 {}%：请核实是否照抄其他单位的报告，按本机关实际情况撰写", percent(mine))
            } else {
                format!(
                    "{name}报告正文的 {}% 与本报告相同（本报告正文的 {}% 见于该报告）：请核实两份报告是否雷同",
                    percent(theirs),
                    percent(mine)
                )
            };
            let cells = form::text_parts().map(|(_, t)| format!("text.{}", t.key)).collect();
            Finding::new(Rule::TextSimilarToOtherOrgan, cells, message)
        }
        Kind::Tables => Finding::new(
            Rule::TablesIdenticalToOtherOrgan,
            Vec::new(),
            format!("表A、表B、表C的数字与{name}的报告逐格相同：请核实是否误用其他单位的数据"),
        ),
    }
}
