//! The comparison's charts as SVG text, drawn here rather than by a chart crate (a few KB of
//! wasm instead of a library): organs ranked by 新收申请, the outcome mix as stacked bars, the
//! total over the years. Colours are attributes, not styles, so they print and need no CSS.

use super::compare::{Comparison, Figures, Line, HEADLINES};
use crate::export::escape;
use std::fmt::Write;

const WIDTH: u32 = 640;
const LABEL: u32 = 190;
const ROW: u32 = 24;
const NOW: &str = "#2f6db5";
const THEN: &str = "#a9c2e0";
/// 予以公开, 部分公开, 不予公开, 无法提供.
const MIX: [(usize, &str); 4] = [(1, "#3a8d5c"), (2, "#9cc86f"), (3, "#d9822b"), (4, "#b94a48")];

fn open(height: u32, chart: &str, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" \
         role=\"img\" aria-label=\"{t}\" data-chart=\"{chart}\" font-size=\"12\" font-family=\"sans-serif\"><title>{t}</title>",
        t = escape(title)
    )
}

fn label(out: &mut String, y: u32, text: &str) {
    let short: String = text.chars().take(14).collect();
    let short = if short.len() < text.len() { format!("{short}…") } else { short };
    write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
        LABEL - 6,
        y,
        escape(text),
        escape(&short)
    )
    .unwrap();
}

fn legend(out: &mut String, y: u32, items: &[(&str, &str)]) {
    let mut x = LABEL;
    for (name, colour) in items {
        write!(out, "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"{y}\">{name}</text>", y - 9, x + 14).unwrap();
        x += 14 + 13 * name.chars().count() as u32 + 16;
    }
}

/// Organs ranked by this year's 新收申请 (the first `max`), last year's as a paler bar under each.
pub fn ranking(c: &Comparison, max: usize) -> String {
    let lines: Vec<&Line> = c.organs.iter().take(max).collect();
    let top = lines.iter().flat_map(|l| [l.now[0], l.then.and_then(|t| t[0])]).flatten().max().unwrap_or(0).max(1);
    let height = 30 + ROW * lines.len() as u32;
    let mut out = open(height, "ranking", &format!("各机关{}年新收政府信息公开申请数量（浅色为上年）", c.year));
    legend(&mut out, 14, &[(&format!("{}年", c.year), NOW), (&format!("{}年", c.year - 1), THEN)]);
    let span = (WIDTH - LABEL - 50) as u64;
    for (k, l) in lines.iter().enumerate() {
        let y = 24 + ROW * k as u32;
        label(&mut out, y + 12, &l.organ);
        let now = l.now[0].unwrap_or(0);
        let w = (now * span / top) as u32;
        write!(out, "<rect x=\"{LABEL}\" y=\"{}\" width=\"{w}\" height=\"12\" fill=\"{NOW}\"/>", y + 2).unwrap();
        write!(out, "<text x=\"{}\" y=\"{}\">{now}</text>", LABEL + w + 4, y + 12).unwrap();
        if let Some(then) = l.then.and_then(|t| t[0]) {
            write!(
                out,
                "<rect x=\"{LABEL}\" y=\"{}\" width=\"{}\" height=\"5\" fill=\"{THEN}\"/>",
                y + 15,
                then * span / top
            )
            .unwrap();
        }
    }
    out + "</svg>"
}

/// The outcome mix (予以公开, 部分公开, 不予公开, 无法提供 as shares of their sum): the total this
/// year and last, then each organ of the ranking.
pub fn outcomes(c: &Comparison, max: usize) -> String {
    let mut bars: Vec<(String, Figures)> = vec![(format!("合计 {}年", c.year), c.total.now)];
    if let Some(then) = c.total.then {
        bars.push((format!("合计 {}年", c.year - 1), then));
    }
    bars.extend(c.organs.iter().take(max).map(|l| (l.organ.clone(), l.now)));
    let height = 30 + ROW * bars.len() as u32;
    let mut out = open(height, "outcomes", &format!("{}年办理结果构成", c.year));
    let names: Vec<(&str, &str)> = MIX.iter().map(|&(h, colour)| (HEADLINES[h].label, colour)).collect();
    legend(&mut out, 14, &names);
    let span = WIDTH - LABEL - 10;
    for (k, (name, f)) in bars.iter().enumerate() {
        let y = 24 + ROW * k as u32;
        label(&mut out, y + 12, name);
        let parts: Vec<u64> = MIX.iter().map(|&(h, _)| f[h].unwrap_or(0)).collect();
        let sum: u64 = parts.iter().sum();
        if sum == 0 {
            write!(out, "<text x=\"{LABEL}\" y=\"{}\" fill=\"#777\">无办理结果</text>", y + 12).unwrap();
            continue;
        }
        let mut x = 0u64;
        for (part, (_, colour)) in parts.iter().zip(MIX) {
            let (from, to) = (x * span as u64 / sum, (x + part) * span as u64 / sum);
            if to > from {
                write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{colour}\"><title>{part}</title></rect>",
                    LABEL as u64 + from,
                    y + 1,
                    to - from
                )
                .unwrap();
            }
            x += part;
        }
    }
    out + "</svg>"
}

/// 新收申请 in total, one column per year among the files.
pub fn years(c: &Comparison) -> String {
    let height = 200;
    let mut out = open(height, "years", "历年新收政府信息公开申请数量合计");
    let top = c.years.iter().filter_map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let n = c.years.len().max(1) as u32;
    let slot = ((WIDTH - 40) / n).min(120);
    for (k, (year, count)) in c.years.iter().enumerate() {
        let x = 20 + slot * k as u32;
        let count = count.unwrap_or(0);
        let h = (count * 140 / top) as u32;
        let colour = if *year == c.year { NOW } else { THEN };
        write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{h}\" fill=\"{colour}\"/>",
            x + slot / 5,
            170 - h,
            slot * 3 / 5
        )
        .unwrap();
        write!(out, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{count}</text>", x + slot / 2, 165 - h).unwrap();
        write!(out, "<text x=\"{}\" y=\"188\" text-anchor=\"middle\">{year}年</text>", x + slot / 2).unwrap();
    }
    write!(out, "<line x1=\"10\" y1=\"170\" x2=\"{}\" y2=\"170\" stroke=\"#555\"/>", WIDTH - 10).unwrap();
    out + "</svg>"
}
