//! Text as a PDF viewer copies it when it puts no break between what it draws apart: Chromium's
//! (PDFium) runs a heading into the paragraph before it and a page number into the text after
//! it; in a table, a row's last figure into the next row's label and a header into the first
//! figure, several rows on one line, and two figures together when their cells are close
//! ("0 0 0 0 0 050（二）部分公开", "尚未审结总计72 64 …", "1 0 0 0 0 013.补正后…").
//!
//! Cells are cut only where nothing else can be meant: a figure before a numbered label
//! (（二）, 3., 四、, a vertical 三) or before what the template prints in its tables (行政强制,
//! 第二十条…), a header ending in an ideograph before a figure closing the cell, and a 0 before
//! another figure (no count is printed with a leading zero: "050" is 0 and 50). Figures run
//! together otherwise ("2528") stay one, which no row's sums accept; "2428条" stays text. A
//! label and its first figure a space apart in one cell ("规章 1") are two cells.

use super::clean::{classify, Cell};
use super::labels::normalise;
use super::Line;
use crate::form;
use std::sync::OnceLock;

/// Chinese numerals that begin a heading or a numbered label (四、, 三 of a vertical 三、本年度…).
const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// After a label's ordinal: "3.", "3．", "3、".
const ORDINAL_ENDS: &[char] = &['.', '．', '、'];

/// A line whose last text cell ends in figures after a space ("规章 1", from a PDF whose columns
/// stand a space apart, or a copy that put a space where the others have tabs), with only figures
/// after it: that cell split into its label and its figures.
pub(crate) fn label_and_figures(mut line: Line) -> Line {
    let cells: Vec<Cell> = line.cells.iter().map(|c| classify(c)).collect();
    let Some(at) = cells.iter().rposition(|c| matches!(c, Cell::Text)) else { return line };
    let tokens: Vec<&str> = line.cells[at].split_whitespace().collect();
    let kinds: Vec<Cell> = tokens.iter().map(|t| classify(t)).collect();
    let text = kinds.iter().rposition(|c| matches!(c, Cell::Text)).map_or(0, |i| i + 1);
    if text == 0 || text == tokens.len() || !kinds[text..].iter().any(|c| matches!(c, Cell::Figure(_))) {
        return line;
    }
    let split: Vec<String> =
        std::iter::once(tokens[..text].join(" ")).chain(tokens[text..].iter().map(|t| t.to_string())).collect();
    line.cells.splice(at..=at, split);
    line
}

/// The table's lines with cells run together cut apart, and each line holding several rows (a
/// figure followed by a label) cut after its figures; each with the index of its line.
pub(crate) fn table(lines: &[Line]) -> Vec<(usize, Line)> {
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if line.row {
            out.push((i, line.clone()));
            continue;
        }
        let cells = line.cells.iter().flat_map(|c| cell(c));
        let mut part = Line { no: line.no, cells: Vec::new(), row: false };
        let mut figures = false;
        for c in cells {
            let text = matches!(classify(&c), Cell::Text);
            if text && figures {
                out.push((i, std::mem::replace(&mut part, Line { no: line.no, cells: Vec::new(), row: false })));
            }
            figures = match classify(&c) {
                Cell::Figure(_) => true,
                Cell::Blank => figures,
                Cell::Text => false,
            };
            part.cells.push(c);
        }
        out.push((i, part));
    }
    out
}

/// The lines with a page number that a copy ran into the text after it ("- 5-法提供") on a line
/// of its own, and each part heading run into the text before it ("…联系）。一、总体情况",
/// "… 0 0 00四、政府信息公开行政复议、行政诉讼情况行政复议 …") beginning one, a table's heading
/// ending it too. Only after a sentence, a bracket or a figure: a heading quoted in prose
/// (见“四、…”) is not one.
pub(crate) fn headings(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for mut line in lines {
        if line.row {
            out.push(line);
            continue;
        }
        if let Some(at) = page_number(&line.text()) {
            let text = line.text();
            out.push(Line { no: line.no, cells: vec![text[..at].to_string()], row: false });
            let rest = &text[at..];
            line.cells = if line.cells.len() == 1 {
                vec![rest.to_string()]
            } else {
                rest.split_whitespace().map(String::from).collect()
            };
        }
        let mut part = Line { no: line.no, cells: Vec::new(), row: false };
        for cell in line.cells {
            // Every heading run into the cell, in order, found in one pass each.
            let starts_line = part.cells.is_empty();
            let mut cuts: Vec<(usize, &form::Part)> = form::PARTS
                .iter()
                .flat_map(|p| cell.match_indices(p.heading).map(move |(at, _)| (at, p)))
                .filter(|&(at, _)| run_in(&cell[..at], starts_line))
                .collect();
            cuts.sort_by_key(|c| c.0);
            let mut from = 0;
            for (at, p) in cuts {
                if at < from {
                    continue;
                }
                if at > from {
                    part.cells.push(cell[from..at].to_string());
                }
                if !part.cells.is_empty() {
                    out.push(std::mem::replace(&mut part, Line { no: line.no, cells: Vec::new(), row: false }));
                }
                if let form::Body::Table(_) = p.body {
                    out.push(Line { no: line.no, cells: vec![p.heading.to_string()], row: false });
                } else {
                    part.cells.push(p.heading.to_string());
                }
                from = at + p.heading.len();
            }
            // An empty cell too: a table's blank cell, one a line (`text::lines`).
            if from < cell.len() || cell.is_empty() {
                part.cells.push(cell[from..].to_string());
            }
        }
        if !part.cells.is_empty() {
            out.push(part);
        }
    }
    out
}

/// Where the text after a page number that begins `text` ("- 5-", "—5—") and runs into it starts.
fn page_number(text: &str) -> Option<usize> {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let t = text.trim_start();
    let t = t.strip_prefix(dash)?.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let t = t[digits..].trim_start().strip_prefix(dash)?;
    let next = t.chars().next()?;
    ((1..=3).contains(&digits) && !next.is_whitespace() && !next.is_ascii_digit() && !dash(next))
        .then(|| text.len() - t.len())
}

/// Whether a heading after `before` (in its cell) was run into it: after a sentence, a bracket
/// or a figure, or at the cell's start when the line has text before it.
fn run_in(before: &str, starts_line: bool) -> bool {
    match before.chars().next_back() {
        None => !starts_line,
        Some(c) => c.is_ascii_digit() || matches!(c, '。' | '；' | '）' | ')'),
    }
}

/// A cell cut where a copy ran cells together (see the module), or the cell as it is.
fn cell(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let lead = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut pieces: Vec<String> = Vec::new();
    if lead > 0 && lead < chars.len() {
        let rest = &chars[lead..];
        let ordinal = ORDINAL_ENDS.contains(&rest[0]) && !digit(lead + 1) && rest.len() > 1;
        let label = matches!(rest[0], '（' | '(')
            || (NUMERALS.contains(&rest[0]) && (rest.len() == 1 || ORDINAL_ENDS.contains(&rest[1])))
            || (is_ideograph(rest[0]) && printed(&rest.iter().collect::<String>()));
        if ordinal && lead >= 2 {
            // "013.补正后…": the figure, then the label with its one-digit ordinal.
            pieces.push(chars[..lead - 1].iter().collect());
            pieces.push(chars[lead - 1..].iter().collect());
        } else if label {
            pieces.push(chars[..lead].iter().collect());
            pieces.push(rest.iter().collect());
        }
    } else if lead == 0 {
        let tail = chars.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let before = chars.len().checked_sub(tail + 1).map(|i| chars[i]);
        if tail > 0 && before.is_some_and(is_ideograph) {
            // "总计72": a header, then the first figure.
            pieces.push(chars[..chars.len() - tail].iter().collect());
            pieces.push(chars[chars.len() - tail..].iter().collect());
        }
    }
    if pieces.is_empty() {
        pieces.push(text.to_string());
    }
    pieces.into_iter().flat_map(zeros).collect()
}

/// A figure printed with leading zeros as the zeros and the figure they ran into: "050" → 0, 50.
fn zeros(piece: String) -> Vec<String> {
    if piece.len() < 2 || !piece.bytes().all(|b| b.is_ascii_digit()) {
        return vec![piece];
    }
    let n = piece.bytes().take_while(|&b| b == b'0').count().min(piece.len() - 1);
    let mut out = vec!["0".to_string(); n];
    out.push(piece[n..].to_string());
    out
}

/// Where two figures were printed as one ("620" for 6 and 20), when exactly one way of cutting one
/// figure of `run` in two makes `fits` hold (a row's total, table C's groups' totals): that
/// figure's index and its two. A piece never begins with 0 unless it is 0.
pub(crate) fn split_pair(run: &[String], fits: impl Fn(&[Option<String>]) -> bool) -> Option<(usize, String, String)> {
    let mut found = None;
    // No count has more digits than a u64 (nor is a longer one tried, cut by cut).
    let digits = |f: &&String| f.len() <= 20 && f.bytes().all(|b| b.is_ascii_digit());
    for (i, figure) in run.iter().enumerate().filter(|(_, f)| digits(f)) {
        for k in 1..figure.len() {
            let (a, b) = figure.split_at(k);
            if b.len() > 1 && b.starts_with('0') {
                continue;
            }
            let pieces = [a, b].map(|p| Some(p.to_string()));
            let candidate: Vec<Option<String>> = run[..i]
                .iter()
                .cloned()
                .map(Some)
                .chain(pieces)
                .chain(run[i + 1..].iter().cloned().map(Some))
                .collect();
            if fits(&candidate) {
                if found.is_some() {
                    return None;
                }
                found = Some((i, a.to_string(), b.to_string()));
            }
        }
    }
    found
}

/// Whether `text` begins with what the template prints in a table (a row's label or other name,
/// a group's, a section's heading, a header), or is the start of it.
fn printed(text: &str) -> bool {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut words: Vec<String> = form::TABLES
            .iter()
            .flat_map(|t| t.sections)
            .flat_map(|s| {
                let rows = s.rows.iter().flat_map(|r| r.groups.iter().chain(r.also).chain([&r.label]));
                let columns = s.columns.iter().flat_map(|c| c.groups.iter().chain([&c.label]));
                rows.chain(columns).chain([&s.heading, &s.row_head]).map(|w| normalise(w))
            })
            .filter(|w| w.chars().count() >= 2)
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    });
    // Or its start, when a space cuts it ("第二十条 第（六）项").
    let text = normalise(text);
    words.iter().any(|w| text.starts_with(w.as_str()) || (text.chars().nth(1).is_some() && w.starts_with(&text)))
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<Vec<String>> {
        let lines = crate::import::read::text::lines(text);
        table(&lines).into_iter().map(|(_, l)| l.cells).collect()
    }

    #[test]
    fn cells_run_together_are_cut_apart() {
        for (glued, cells) in [
            ("050（二）部分公开", &["0", "50", "（二）部分公开"][..]),
            ("013.补正后申请内容仍不明确", &["0", "1", "3.补正后申请内容仍不明确"]),
            ("0102.没有现成信息", &["0", "10", "2.没有现成信息"]),
            ("095四、结转下年度继续办理", &["0", "95", "四、结转下年度继续办理"]),
            ("00三", &["0", "0", "三"]),
            ("尚未审结总计72", &["尚未审结总计", "72"]),
            ("03五、存在的主要问题", &["0", "3", "五、存在的主要问题"]),
            ("00", &["0", "0"]),
            ("4119行政强制", &["4119", "行政强制"]),
            ("84第二十条第（八）项", &["84", "第二十条第（八）项"]),
            ("447228第二十条", &["447228", "第二十条"]),
        ] {
            assert_eq!(cell(glued), cells, "{glued}");
        }
    }

    #[test]
    fn what_a_report_prints_is_left_whole() {
        for text in [
            "2.其他法律行政法规禁止公开",
            "10",
            "0",
            "96171.6",
            "0.5",
            "447,228",
            "0517-87290606",
            "2428条",
            "第20条",
            "（2）部分公开",
            "5-法提供",
            "1、申请人无正当理由逾期不补",
            "2528",
        ] {
            assert_eq!(cell(text), [text], "{text}");
        }
    }

    #[test]
    fn figures_run_together_are_cut_where_the_total_tells() {
        let run = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let adds_up = |r: &[Option<String>]| {
            let n: Vec<u64> = r.iter().map(|v| v.as_deref().unwrap().parse().unwrap()).collect();
            n[..n.len() - 1].iter().sum::<u64>() == n[n.len() - 1]
        };
        assert_eq!(split_pair(&run(&["3", "0", "2528"]), adds_up), Some((2, "25".into(), "28".into())));
        assert_eq!(split_pair(&run(&["12", "1", "1", "620"]), adds_up), Some((3, "6".into(), "20".into())));
        assert_eq!(split_pair(&run(&["1", "05"]), adds_up), None, "no piece begins with 0");
        assert_eq!(split_pair(&run(&["0", "1111"]), adds_up), Some((1, "11".into(), "11".into())));
        assert_eq!(split_pair(&run(&["2", "1234"]), adds_up), None, "no cut adds up");
        assert_eq!(split_pair(&run(&["9", "918"]), adds_up), Some((1, "9".into(), "18".into())));
        // Two cuts that add up: which is meant is not known.
        assert_eq!(split_pair(&run(&["0", "11", "0", "22"]), adds_up), None);
    }

    #[test]
    fn a_page_number_run_into_text_is_a_line_of_its_own() {
        let cut =
            |t: &str| headings(crate::import::read::text::lines(t)).into_iter().map(|l| l.text()).collect::<Vec<_>>();
        assert_eq!(cut("- 5-法提供 2.没有现成信息 11 0"), ["- 5-", "法提供 2.没有现成信息 11 0"]);
        assert_eq!(cut("—1—淮安市人民政府"), ["—1—", "淮安市人民政府"]);
        assert_eq!(cut("- 5 -"), ["- 5 -"]);
        assert_eq!(cut("— 3 — 0 1"), ["— 3 — 0 1"], "placeholders among figures");
        assert_eq!(cut("联系。一、总体情况 2024 年"), ["联系。", "一、总体情况 2024 年"],);
        assert_eq!(
            cut("0 00四、政府信息公开行政复议、行政诉讼情况行政复议 行政诉讼"),
            ["0 00", "四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼"],
        );
        assert_eq!(cut("见“四、政府信息公开行政复议、行政诉讼情况”"), ["见“四、政府信息公开行政复议、行政诉讼情况”"]);
    }

    #[test]
    fn a_line_of_several_rows_is_cut_after_each_rows_figures() {
        assert_eq!(
            cut("1.属于国家秘密 1 0 0 0 0 012.其他法律行政止公开 0 0 0 0 0 00（四）无法提供"),
            [
                vec!["1.属于国家秘密", "1", "0", "0", "0", "0", "0", "1"],
                vec!["2.其他法律行政止公开", "0", "0", "0", "0", "0", "0", "0"],
                vec!["（四）无法提供"],
            ]
        );
        assert_eq!(cut("规章 0 — 5"), [vec!["规章", "0", "—", "5"]], "a placeholder among figures");
        assert_eq!(cut("本年\t1\t2\t说明"), [vec!["本年", "1", "2", "说明"]], "a table row stays whole");
    }
}
