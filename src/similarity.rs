//! How much of one report's text is another's: assessors deduct points for reports 与往年或与其他
//! 单位雷同, and a 公开办 with 3,000 reports cannot read them side by side.
//!
//! A text is first folded to what a copier would not change: white space and punctuation left
//! out, full-width letters and digits as half-width, every run of digits (years, dates, figures)
//! as one `#`, the organ's own name left out — so a text taken from another organ and given its
//! own name and this year's dates is still the same text. Sentences every report carries by
//! nature (the statistics period, the fee statement, where the report is published, the
//! template's headings) are dropped ([`is_stock`]); the caller may drop more, such as sentences
//! that many of its reports share ([`Folded::without`]).
//!
//! What remains is cut into overlapping shingles of [`SHINGLE`] characters, hashed. The share of
//! A in B is the fraction of A's shingles that B has too. To find the pairs worth that exact
//! count among thousands of texts without comparing all pairs, each text gets a min-hash
//! signature ([`signature`], one permutation split into [`BINS`] bins) and texts that agree on
//! all [`ROWS`] values of any of the [`BANDS`] bands are candidates ([`candidates`]): near-linear
//! in the number of texts.

use crate::words::Words;
use std::collections::HashMap;

/// Characters to a shingle: a phrase, long enough that the stock phrases of government prose
/// ("政府信息公开工作") alone seldom make one.
pub const SHINGLE: usize = 9;

/// A text with fewer shingles than this (about 60 characters of its own) never matches another:
/// empty and near-empty texts are no copies.
pub const MIN_SHINGLES: usize = 60;

/// Min-hash bins, and the bands they are cut into for candidates: a pair whose shingle sets
/// overlap by a Jaccard index of 0.5 is a candidate with probability 1 − (1 − 0.5³)³² ≈ 0.986,
/// one of 0.1 with 0.03.
pub const BINS: usize = 96;
pub const ROWS: usize = 3;
pub const BANDS: usize = BINS / ROWS;

/// A text folded, as its sentences: each sentence's characters and a key to count it by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    pub sentences: Vec<Sentence>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub chars: Vec<char>,
    /// A hash of the folded characters: the same sentence in two reports has the same key.
    pub key: u64,
}

/// Splits a text into its sentences, at the marks that end one and at line ends.
#[allow(clippy::manual_pattern_char_comparison)] // a match: faster than a char array here
fn raw_sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c| matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n' | '\r'))
}

/// A character as a copier would leave it: full-width ASCII as ASCII, letters lower-cased;
/// `None` for white space and punctuation.
fn fold_char(c: char) -> Option<char> {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    };
    match c {
        // CJK and ASCII first: nearly every character, without the Unicode tables.
        '\u{4e00}'..='\u{9fff}' | '0'..='9' | 'a'..='z' => Some(c),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        _ if c.is_ascii() => None,
        _ => c.is_alphanumeric().then_some(c),
    }
}

/// Chinese numerals as written in years (二〇二三年): a run of four is a year.
fn is_chinese_digit(c: char) -> bool {
    matches!(c, '〇' | '○' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九')
}

/// The folded characters of a piece of text: digit runs and four-numeral years as `#`.
pub fn fold(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 3 + 4);
    fold_into(text, &mut out);
    out
}

/// [`fold`] into `out` (emptied first). One pass, and no allocation once `out` is large enough:
/// this runs over every character of thousands of reports.
fn fold_into(text: &str, out: &mut Vec<char>) {
    out.clear();
    let mut numerals = false;
    for c in text.chars() {
        let Some(c) = fold_char(c) else { continue };
        if c.is_ascii_digit() {
            if out.last() != Some(&'#') {
                out.push('#');
            }
            continue;
        }
        numerals |= is_chinese_digit(c);
        out.push(c);
    }
    if numerals {
        years_in_words(out);
    }
}

/// 二〇二三年 as #年, in place. Most sentences hold a numeral (一 is one) but no year in words:
/// they are left as they are, without a copy.
fn years_in_words(chars: &mut Vec<char>) {
    let year_at = |i: usize| {
        chars.get(i + 4) == Some(&'年')
            && chars[i..i + 4].iter().all(|&c| is_chinese_digit(c))
            && (i == 0 || !is_chinese_digit(chars[i - 1]))
    };
    if !(0..chars.len().saturating_sub(4)).any(year_at) {
        return;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| is_chinese_digit(c)).count();
        if run == 4 && chars.get(i + 4) == Some(&'年') {
            out.push('#');
            i += 4;
        } else {
            out.extend_from_slice(&chars[i..i + run.max(1)]);
            i += run.max(1);
        }
    }
    *chars = out;
}

/// The organ's own name and its last part (某县教育局 → 教育局), folded: left out of its text,
/// so the same text under two organs' names is the same.
fn own_names(organ: &str) -> Vec<Vec<char>> {
    let full = fold(organ);
    let mut names = vec![];
    // The part after the last place name (县, 区, 市, 州, 旗, 镇, 乡, 街道), when it is a name of
    // its own (教育局), as the text often names the organ by it alone.
    let cut = full.iter().rposition(|c| matches!(c, '省' | '市' | '县' | '区' | '州' | '旗' | '镇' | '乡' | '道'));
    if let Some(cut) = cut.filter(|&c| full.len() - c > 2) {
        names.push(full[cut + 1..].to_vec());
    }
    if full.len() >= 2 {
        names.insert(0, full);
    }
    names
}

/// Whether `hay` holds `needle` at `at`: its first character compared before the rest, as most
/// places differ there (a slice compare per place was most of the time).
fn holds_at(hay: &[char], at: usize, needle: &[char]) -> bool {
    hay[at] == needle[0] && hay.len() - at >= needle.len() && hay[at + 1..at + needle.len()] == needle[1..]
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && (0..hay.len()).any(|at| holds_at(hay, at, needle))
}

fn remove_all(chars: &mut Vec<char>, name: &[char]) {
    if name.is_empty() || !contains(chars, name) {
        return;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if holds_at(chars, i, name) {
            i += name.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    *chars = out;
}

/// Markers of the sentences every report carries by the template's or the law's demand, folded:
/// the statistics period (本报告中所列数据的统计期限自…), where it is published and whom to ask,
/// the fee statement (信息处理费, 国办函〔2020〕109号).
const STOCK_MARKERS: &[&str] = &[
    "统计期限",
    "统计时限",
    "统计时间",
    "信息处理费",
    "收费",
    "收取费用",
    "本报告",
    "本年度报告",
    "联系电话",
    "电子邮箱",
    "邮编",
    "邮政编码",
    "如对",
];

/// Sentences shorter than this are headings or fragments (（一）主动公开情况, 无): no copy.
const MIN_SENTENCE: usize = 8;

/// Whether a folded sentence is one every report carries by nature, or a heading of the template.
pub fn is_stock(sentence: &[char]) -> bool {
    static MARKERS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| {
        let headings = crate::form::PARTS.iter().map(|p| p.heading).chain(crate::form::TABLES.iter().map(|t| t.name));
        Words::of_chars(STOCK_MARKERS.iter().copied().chain(headings).map(fold))
    });
    sentence.len() < MIN_SENTENCE || MARKERS.in_chars(sentence)
}

fn key_of(chars: &[char]) -> u64 {
    chars.iter().fold(0xcbf29ce484222325u64, |h, &c| (h ^ c as u64).wrapping_mul(0x100000001b3))
}

/// A report's text parts folded for comparison: `organ`'s names left out, stock sentences
/// dropped.
pub fn folded<'a>(parts: impl IntoIterator<Item = &'a str>, organ: &str) -> Folded {
    let mut sentences = Vec::new();
    each_sentence(parts, organ, |chars| sentences.push(Sentence { key: key_of(chars), chars: chars.to_vec() }));
    Folded { sentences }
}

/// The keys of [`folded`]'s sentences alone, its characters not kept: to count sentences.
pub fn sentence_keys<'a>(parts: impl IntoIterator<Item = &'a str>, organ: &str) -> Vec<u64> {
    let mut keys = Vec::new();
    each_sentence(parts, organ, |chars| keys.push(key_of(chars)));
    keys
}

/// Calls `each` with every sentence of `parts` folded, `organ`'s names left out, stock ones
/// dropped; one buffer for them all.
fn each_sentence<'a>(parts: impl IntoIterator<Item = &'a str>, organ: &str, mut each: impl FnMut(&[char])) {
    let names = own_names(organ);
    let mut chars = Vec::new();
    for text in parts {
        for s in raw_sentences(text) {
            fold_into(s, &mut chars);
            for name in &names {
                remove_all(&mut chars, name);
            }
            if !is_stock(&chars) {
                each(&chars);
            }
        }
    }
}

impl Folded {
    /// The text without the sentences whose key `drop` says.
    pub fn without(mut self, drop: impl Fn(u64) -> bool) -> Folded {
        self.sentences.retain(|s| !drop(s.key));
        self
    }

    /// Folded characters left, for "near-empty".
    pub fn len(&self) -> usize {
        self.sentences.iter().map(|s| s.chars.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Its shingles, hashed, sorted, each once. A shingle runs across sentence ends (the text as
    /// one run), so a text re-cut into other sentences still matches.
    pub fn shingles(&self) -> Shingles {
        let chars: Vec<char> = self.sentences.iter().flat_map(|s| s.chars.iter().copied()).collect();
        if chars.len() < SHINGLE {
            return Shingles(Vec::new());
        }
        // A polynomial rolling hash over the window, then mixed: O(1) a character.
        const P: u64 = 0x100000001b3;
        let top = (1..SHINGLE).fold(1u64, |p, _| p.wrapping_mul(P));
        let mut h = chars[..SHINGLE].iter().fold(0u64, |h, &c| h.wrapping_mul(P).wrapping_add(c as u64));
        let mut out = Vec::with_capacity(chars.len() - SHINGLE + 1);
        out.push(mix(h) as u32);
        for i in SHINGLE..chars.len() {
            h = h
                .wrapping_sub((chars[i - SHINGLE] as u64).wrapping_mul(top))
                .wrapping_mul(P)
                .wrapping_add(chars[i] as u64);
            out.push(mix(h) as u32);
        }
        out.sort_unstable();
        out.dedup();
        Shingles(out)
    }
}

/// splitmix64's finaliser: every input bit moves every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// A text's shingle hashes, sorted, each once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shingles(pub Vec<u32>);

impl Shingles {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Shingles in both (a merge of the two sorted lists).
    pub fn common(&self, other: &Shingles) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// The shingles of several texts taken together (their sorted lists merged).
    pub fn union<'a>(all: impl IntoIterator<Item = &'a Shingles>) -> Shingles {
        let mut out: Vec<u32> = all.into_iter().flat_map(|s| s.0.iter().copied()).collect();
        out.sort_unstable();
        out.dedup();
        Shingles(out)
    }

    /// What fraction of this text's shingles the other has: 0 for a near-empty text.
    pub fn share_in(&self, other: &Shingles) -> f64 {
        if self.len() < MIN_SHINGLES || other.len() < MIN_SHINGLES {
            return 0.0;
        }
        self.common(other) as f64 / self.len() as f64
    }
}

/// The share of `a`'s text found in `b`'s, each given as its parts with its organ.
pub fn share<'a>(
    a: impl IntoIterator<Item = &'a str>,
    a_organ: &str,
    b: impl IntoIterator<Item = &'a str>,
    b_organ: &str,
) -> f64 {
    folded(a, a_organ).shingles().share_in(&folded(b, b_organ).shingles())
}

/// A min-hash signature: per bin, the least hash of the shingles that fall in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; BINS]);

/// The signature of a text with enough shingles to be compared; `None` for a near-empty one.
pub fn signature(shingles: &Shingles) -> Option<Signature> {
    if shingles.len() < MIN_SHINGLES {
        return None;
    }
    let mut bins = [u32::MAX; BINS];
    for &h in &shingles.0 {
        let m = mix(u64::from(h));
        let bin = (((m >> 32) * BINS as u64) >> 32) as usize;
        bins[bin] = bins[bin].min(m as u32);
    }
    Some(Signature(bins))
}

/// A bucket of more texts than this (a model report every organ copied, or one organ's report
/// sent a thousand times) pairs each of them only with its first few texts that are not the same
/// as each other: every copy is still found, in linear time, where all pairs would be millions.
pub const BUCKET_PAIRS: usize = 8;

/// The pairs (i < j) of signatures that agree on a whole band: the candidates to compare
/// exactly, but those `same` says (one organ's). A band holding an empty bin is passed over (no
/// shingle fell in it: too little text).
pub fn candidates(signatures: &[Option<Signature>], same: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut push = |i: usize, j: usize| {
        if i != j && !same(i, j) {
            pairs.push((i.min(j), i.max(j)));
        }
    };
    for band in 0..BANDS {
        buckets.clear();
        for (i, sig) in signatures.iter().enumerate() {
            let Some(sig) = sig else { continue };
            let rows = &sig.0[band * ROWS..(band + 1) * ROWS];
            if rows.contains(&u32::MAX) {
                continue;
            }
            let key = rows.iter().fold(band as u64, |h, &v| mix(h ^ u64::from(v)));
            buckets.entry(key).or_default().push(i);
        }
        for docs in buckets.values().filter(|d| d.len() > 1) {
            if docs.len() <= BUCKET_PAIRS {
                for (x, &i) in docs.iter().enumerate() {
                    docs[x + 1..].iter().for_each(|&j| push(i, j));
                }
                continue;
            }
            let mut firsts: Vec<usize> = Vec::new();
            for &i in docs {
                if firsts.len() == BUCKET_PAIRS {
                    break;
                }
                if !firsts.iter().any(|&f| same(f, i)) {
                    firsts.push(i);
                }
            }
            for &i in docs {
                firsts.iter().for_each(|&f| push(f, i));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Two texts, and the share of each found in the other.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    /// Fraction of `a`'s shingles in `b`, and of `b`'s in `a`.
    pub a_in_b: f64,
    pub b_in_a: f64,
}

/// The pairs of texts of which one is at least `min_share` the other's: the [`candidates`] of
/// their signatures, counted exactly on their shingles, which `shingles` gives (once a text: the
/// caller need not keep every text's). `same` tells pairs not to report (the same organ).
pub fn similar_pairs(
    signatures: &[Option<Signature>],
    min_share: f64,
    same: impl Fn(usize, usize) -> bool,
    mut shingles: impl FnMut(usize) -> Shingles,
) -> Vec<Pair> {
    let mut texts: HashMap<usize, Shingles> = HashMap::new();
    let mut out = Vec::new();
    for (a, b) in candidates(signatures, &same) {
        for i in [a, b] {
            texts.entry(i).or_insert_with(|| shingles(i));
        }
        let (ta, tb) = (&texts[&a], &texts[&b]);
        let common = ta.common(tb) as f64;
        let pair = Pair { a, b, a_in_b: common / ta.len() as f64, b_in_a: common / tb.len() as f64 };
        if pair.a_in_b.max(pair.b_in_a) >= min_share {
            out.push(pair);
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
