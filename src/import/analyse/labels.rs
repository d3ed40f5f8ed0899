//! The label matcher shared by every importer: a row is found by its label from [`crate::form`],
//! normalised on both sides so that what OCR, PDF extraction and web copies do to a label
//! (spaces, half-width brackets, "1、" for "1.", wrapped lines) does not matter.

/// OCR and typing confusions seen in published reports, mapped to the template's wording.
/// Applied after normalisation, so they are written without spaces or punctuation.
const CONFUSIONS: &[(&str, &str)] = &[("本年度止", "本年废止"), ("己获取", "已获取"), ("末审结", "未审结")];

/// A label reduced to what identifies it: letters and digits only, full-width digits made ASCII,
/// ASCII letters lower-cased, known OCR confusions repaired.
pub fn normalise(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xfee0).map(|c| c.to_ascii_lowercase()),
            '〇' => Some('零'),
            // Most of a report: answered before the Unicode tables are searched.
            '\u{4e00}'..='\u{9fff}' => Some(c),
            c if c.is_ascii() => c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase()),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect();
    for (from, to) in CONFUSIONS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// The fewest edits that turn an ending of `text` (of any length) into `label`, if at most `tol`.
/// One edit-distance table over both reversed, so that its last row holds every ending's
/// distance at once, kept to the band of cells within `tol` of the diagonal and given up as soon
/// as a row has nothing within `tol`: this runs for every label at every line of every import.
fn suffix_distance(text: &[char], label: &[char], tol: usize) -> Option<usize> {
    let over = tol + 1;
    let width = text.len().min(label.len() + tol);
    let (text, label) = (&text[text.len() - width..], label);
    let mut prev: Vec<usize> = (0..=width).map(|j| j.min(over)).collect();
    let mut cur = vec![over; width + 1];
    for (i, ca) in label.iter().rev().enumerate() {
        let row = i + 1;
        let (lo, hi) = (row.saturating_sub(tol), (row + tol).min(width));
        if lo > hi {
            return None;
        }
        if lo > 0 {
            cur[lo - 1] = over;
        }
        let mut least = over;
        for j in lo..=hi {
            let d = if j == 0 {
                row.min(over)
            } else {
                let cb = text[width - j];
                (prev[j - 1] + usize::from(*ca != cb)).min(prev[j] + 1).min(cur[j - 1] + 1).min(over)
            };
            cur[j] = d;
            least = least.min(d);
        }
        if hi < width {
            cur[hi + 1] = over;
        }
        if least > tol {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let first = label.len().saturating_sub(tol).max(1);
    (first <= width).then(|| prev[first..=width].iter().copied().min()).flatten().filter(|&d| d <= tol)
}

/// How many edits a label of `len` characters may need and still be recognised: none for short
/// labels (规章 must not match 规划), about one in six for long ones.
fn tolerance(len: usize) -> usize {
    if len < 6 {
        0
    } else {
        len / 6
    }
}

/// A normalised label without its leading ordinal ("1", "一", "（二）" once normalised), for
/// documents whose numbering Word generates outside the text.
fn unnumbered(label: &[char]) -> Option<Vec<char>> {
    let digits = label.iter().take_while(|c| c.is_ascii_digit()).count();
    let skip = if digits > 0 {
        digits
    } else {
        usize::from(label.first().is_some_and(|c| "一二三四五六七八九十".contains(*c)))
    };
    (skip > 0 && skip < label.len()).then(|| label[skip..].to_vec())
}

/// Whether `label` without its ordinal reads `word` ("3.其他" is 其他).
pub fn unnumbered_is(label: &str, word: &str) -> bool {
    let label: Vec<char> = normalise(label).chars().collect();
    unnumbered(&label).is_some_and(|u| u.iter().collect::<String>() == normalise(word))
}

/// An unnumbered label this short ("其他", "总计") is also a column header: it is taken only
/// right after the row that precedes it in the template.
const SHORT_UNNUMBERED: usize = 4;

/// A set of labels to recognise at the end of accumulated text; an entry may have other names
/// (a row's [`crate::form::Row::also`]).
pub struct Matcher {
    /// Each name: the entry it stands for, the name normalised, and the name without its ordinal.
    names: Vec<(usize, Vec<char>, Option<Vec<char>>)>,
}

impl Matcher {
    pub fn new<'a, E: IntoIterator<Item = &'a str>>(entries: impl IntoIterator<Item = E>) -> Matcher {
        let names = entries
            .into_iter()
            .enumerate()
            .flat_map(|(i, names)| names.into_iter().map(move |n| (i, normalise(n).chars().collect::<Vec<_>>())))
            .map(|(i, label)| {
                let unnumbered = unnumbered(&label);
                (i, label, unnumbered)
            })
            .collect();
        Matcher { names }
    }

    /// Which entry the normalised `text` ends with a name of, among those `allowed`: an exact
    /// ending wins (the longest), else the closest within tolerance. Text before the label
    /// (group labels, column headers, a wrapped vertical label) is ignored.
    /// `previous` is the entry matched last, if any.
    pub fn suffix(&self, text: &[char], previous: Option<usize>, allowed: impl Fn(usize) -> bool) -> Option<usize> {
        let mut best: Option<(usize, usize, usize)> = None; // (distance, -len as rank, index)
        for (i, label, unnumbered) in &self.names {
            let i = *i;
            if label.is_empty() || !allowed(i) {
                continue;
            }
            let tol = tolerance(label.len());
            let mut d_best = suffix_distance(text, label, tol).unwrap_or(usize::MAX);
            // A PDF may print the figures beside the first line of a wrapped label: most of the
            // label, ending the text, will do.
            let in_order = i > 0 && previous == Some(i - 1);
            let unnumbered = unnumbered.as_ref().filter(|u| u.len() >= SHORT_UNNUMBERED || in_order);
            if d_best > tol && unnumbered.is_some_and(|u| text.ends_with(u)) {
                d_best = tol;
            }
            if d_best > tol {
                let k = (label.len() * 2).div_ceil(3).max(6);
                if k < label.len() && (k..label.len()).rev().any(|k| text.ends_with(&label[..k])) {
                    d_best = tol;
                }
            }
            if d_best <= tol {
                let rank = (d_best, usize::MAX - label.len(), i);
                if best.is_none_or(|b| rank < b) {
                    best = Some(rank);
                }
            }
        }
        best.map(|(_, _, i)| i)
    }
}

/// Similarity of two normalised texts by shared character pairs (Dice coefficient), for
/// headings that real reports reword ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况").
pub fn similarity(a: &str, b: &str) -> f32 {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        let mut p: Vec<_> = c.windows(2).map(|w| (w[0], w[1])).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let (pa, pb) = (pairs(a), pairs(b));
    if pa.is_empty() || pb.is_empty() {
        return 0.0;
    }
    let shared = pa.iter().filter(|p| pb.binary_search(p).is_ok()).count();
    2.0 * shared as f32 / (pa.len() + pb.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        normalise(s).chars().collect()
    }

    /// proptest is a native dev-dependency: the wasm component tests build this module too.
    #[cfg(not(target_arch = "wasm32"))]
    mod property {
        use super::*;

        /// The edit distance by the textbook table.
        fn distance(a: &[char], b: &[char]) -> usize {
            let mut prev: Vec<usize> = (0..=b.len()).collect();
            for (i, ca) in a.iter().enumerate() {
                let mut cur = vec![i + 1; b.len() + 1];
                for (j, cb) in b.iter().enumerate() {
                    cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
                }
                prev = cur;
            }
            prev[b.len()]
        }

        proptest::proptest! {
            /// The banded table over reversed text finds what trying every ending's length finds.
            #[test]
            fn suffix_distance_is_the_least_over_endings(
                text in "[公开其]{0,30}",
                label in "[公开其]{1,24}",
                tol in 0usize..5,
            ) {
                let (text, label): (Vec<char>, Vec<char>) = (text.chars().collect(), label.chars().collect());
                let brute = (label.len().saturating_sub(tol).max(1)..=label.len() + tol)
                    .filter(|&len| len <= text.len())
                    .map(|len| distance(&text[text.len() - len..], &label))
                    .min()
                    .filter(|&d| d <= tol);
                proptest::prop_assert_eq!(suffix_distance(&text, &label, tol), brute);
            }
        }
    }

    #[test]
    fn variants_normalise_alike() {
        assert_eq!(
            normalise("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"),
            normalise("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
        );
        assert_eq!(normalise("1、其他"), normalise("1.其他"));
        assert_eq!(normalise("本年度止件数"), normalise("本年废止件数"));
        assert_eq!(normalise("３.危及“三安全一稳定”"), "3危及三安全一稳定");
    }

    #[test]
    fn suffix_ignores_what_precedes() {
        let m = Matcher::new([["1.本机关不掌握相关政府信息"], ["2.没有现成信息需要另行制作"], ["规章"], ["3.其他"]]);
        assert_eq!(m.suffix(&chars("（四）无 1.本机关不掌握相关政府信息"), None, |_| true), Some(0));
        assert_eq!(m.suffix(&chars("法提供 2.没有现成信息需要另行制"), None, |_| true), Some(1), "one character lost");
        assert_eq!(m.suffix(&chars("现行有效件数规章"), None, |_| true), Some(2));
        assert_eq!(m.suffix(&chars("规划"), None, |_| true), None);
        assert_eq!(m.suffix(&chars("3、其他"), None, |i| i != 3), None);
        assert_eq!(
            m.suffix(&chars("（四）无法提供 1.本机关不掌握相关"), None, |_| true),
            Some(0),
            "the rest wraps below"
        );
        assert_eq!(m.suffix(&chars("1.本机关"), None, |_| true), None, "too little of it");
        assert_eq!(m.suffix(&chars("没有现成信息需要另行制作"), None, |_| true), Some(1), "numbered by Word");
        assert_eq!(m.suffix(&chars("法律服务机构其他"), None, |_| true), None, "其他 alone is a column");
        assert_eq!(m.suffix(&chars("其他"), Some(2), |_| true), Some(3), "…but not after the row before it");
    }

    #[test]
    fn other_names_match_their_entry() {
        let m = Matcher::new([vec!["规章"], vec!["行政规范性文件", "规范性文件"]]);
        assert_eq!(m.suffix(&chars("规范性文件"), Some(0), |_| true), Some(1), "the 2019 name");
        assert_eq!(m.suffix(&chars("行政规范性文件"), Some(0), |_| true), Some(1));
        assert!(unnumbered_is("3.其他", "其他") && !unnumbered_is("（六）其他处理", "其他"));
    }

    #[test]
    fn reworded_headings_are_similar() {
        let h = normalise("四、政府信息公开行政复议、行政诉讼情况");
        assert!(similarity(&h, &normalise("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")) > 0.5);
        let h2 = normalise("二、主动公开政府信息情况");
        assert!(similarity(&h2, &normalise("二、上年结转政府信息公开申请数量")) < 0.5);
    }
}
