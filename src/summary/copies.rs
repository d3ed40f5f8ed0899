//! Copies between organs (assessors' 雷同): pairs of the year's reports whose text parts, taken
//! together, are mostly the same ([`crate::similarity`]), and pairs whose tables are identical
//! cell for cell while holding real figures.

use super::{organ_key, File};
use crate::form;
use crate::report::Report;
use crate::rules::{Finding, Rule};
use crate::similarity::{self, Shingles};
use std::collections::{HashMap, HashSet};

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

/// The copies found among the reports of a year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub year: i32,
    pub copies: Vec<Copy>,
}

/// The search for copies among every report of a year, a report at a time ([`Finder::step`]):
/// the page runs it in slices, so thousands of reports never hold the page for long, and keeps
/// what it found while the user changes anything but the year. Nothing is kept of a text but
/// its signature: each is read once to count its sentences and folded once to be signed, and the
/// few candidate pairs again to be counted exactly.
pub struct Finder {
    year: i32,
    /// The year's reports (file indices), the same organ's together; and their organs' keys (the
    /// same organ twice is a duplicate, not a copy).
    among: Vec<usize>,
    organs: Vec<String>,
    /// Reports done: counted for the first `among.len()` steps, signed for the next.
    done: usize,
    /// Per sentence key, the organs whose reports carry it; the sentences of the organ being
    /// counted, so that its duplicates count once.
    counts: HashMap<u64, usize>,
    organ_seen: HashSet<u64>,
    common: usize,
    signatures: Vec<Option<similarity::Signature>>,
}

impl Finder {
    pub fn new(files: &[File], year: i32) -> Finder {
        let mut among: Vec<(String, usize)> = (0..files.len())
            .filter_map(|i| files[i].report().filter(|r| r.year == year).map(|r| (organ_key(r), i)))
            .collect();
        among.sort();
        let (organs, among) = among.into_iter().unzip();
        Finder {
            year,
            among,
            organs,
            done: 0,
            counts: HashMap::new(),
            organ_seen: HashSet::new(),
            common: 0,
            signatures: Vec::new(),
        }
    }

    /// Steps in all, and done: for progress.
    pub fn len(&self) -> usize {
        2 * self.among.len()
    }
    pub fn done(&self) -> usize {
        self.done
    }
    pub fn is_empty(&self) -> bool {
        self.among.is_empty()
    }

    /// One report's share of the work; `false` once every step is done.
    pub fn step(&mut self, files: &[File]) -> bool {
        let n = self.among.len();
        if self.done >= 2 * n {
            return false;
        }
        if self.done < n {
            let k = self.done;
            if k == 0 || self.organs[k] != self.organs[k - 1] {
                self.organ_seen.clear();
            }
            let r = files[self.among[k]].report().expect("the year's reports are read");
            for key in similarity::sentence_keys(super::text_parts(r), &r.organ) {
                if self.organ_seen.insert(key) {
                    *self.counts.entry(key).or_default() += 1;
                }
            }
        } else {
            if self.done == n {
                let organs =
                    self.organs.iter().enumerate().filter(|(k, o)| *k == 0 || self.organs[k - 1] != **o).count();
                self.common = COMMON_MIN.max((COMMON_SHARE * organs as f64).ceil() as usize);
            }
            let shingles = self.shingles(files, self.done - n);
            self.signatures.push(similarity::signature(&shingles));
        }
        self.done += 1;
        self.done < 2 * n
    }

    /// A report's text without the sentences a fair share of the year's organs carry.
    fn shingles(&self, files: &[File], k: usize) -> Shingles {
        folded(files, self.among[k]).without(|key| self.counts.get(&key).is_some_and(|&n| n >= self.common)).shingles()
    }

    /// The copies, once every step is done (the rest done now if not): the candidate pairs
    /// counted exactly, and the identical tables.
    pub fn finish(mut self, files: &[File]) -> Found {
        while self.step(files) {}
        let same = |a: usize, b: usize| self.organs[a] == self.organs[b];
        let mut out: Vec<Copy> =
            similarity::similar_pairs(&self.signatures, SIMILAR_SHARE, same, |k| self.shingles(files, k))
                .into_iter()
                .map(|p| pair(self.among[p.a], self.among[p.b], Kind::Text { a_in_b: p.a_in_b, b_in_a: p.b_in_a }))
                .collect();
        // Grouped by the hash taken when each was read, then compared figure for figure.
        let mut by_tables: HashMap<u64, Vec<usize>> = HashMap::new();
        for (k, &i) in self.among.iter().enumerate() {
            if let Some(key) = files[i].read.as_ref().ok().and_then(|l| l.tables) {
                by_tables.entry(key).or_default().push(k);
            }
        }
        let report = |k: usize| files[self.among[k]].report().expect("read");
        for same in by_tables.values().filter(|v| v.len() > 1) {
            for (x, &m) in same.iter().enumerate() {
                for &n in &same[x + 1..] {
                    if self.organs[m] != self.organs[n] && typed(report(m)).eq(typed(report(n))) {
                        out.push(pair(self.among[m], self.among[n], Kind::Tables));
                    }
                }
            }
        }
        out.sort_by_key(|c| (c.a, c.b, matches!(c.kind, Kind::Tables)));
        Found { year: self.year, copies: out }
    }
}

fn folded(files: &[File], i: usize) -> similarity::Folded {
    let r = files[i].report().expect("the year's reports are read");
    similarity::folded(super::text_parts(r), &r.organ)
}

/// The pair in file order, the shares with it.
fn pair(a: usize, b: usize, kind: Kind) -> Copy {
    match kind {
        Kind::Text { a_in_b, b_in_a } if b < a => {
            Copy { a: b, b: a, kind: Kind::Text { a_in_b: b_in_a, b_in_a: a_in_b } }
        }
        _ => Copy { a: a.min(b), b: a.max(b), kind },
    }
}

/// The copies among every report of `year` in `files`, at once (the CLI; the page steps a
/// [`Finder`]).
pub fn find(files: &[File], year: i32) -> Found {
    Finder::new(files, year).finish(files)
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
