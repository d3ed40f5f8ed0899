//! A table's ruled lines in the picture: long straight runs of dark pixels, across or down.
//! They give the geometry its cells, so a figure the recogniser missed leaves an empty cell in
//! its column instead of moving the row's other figures.

use image::GrayImage;

/// A pixel darker than this is ink.
const INK: u8 = 128;

/// A ruled line, in the picture's pixels (y downwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Runs of ink at least this long (pixels), the longer of 40 and a 40th of the page's width:
/// longer than any stroke of a character at the sizes reports print in.
fn min_run(picture: &GrayImage) -> u32 {
    (picture.width() / 40).max(40)
}

/// The ruled lines across and down the picture, each a run of ink, the runs of neighbouring
/// rows (or columns) that overlap joined into one line of their thickness.
pub(super) fn find(picture: &GrayImage) -> Vec<Rule> {
    let (w, h) = picture.dimensions();
    let ink = |x: u32, y: u32| picture.get_pixel(x, y).0[0] < INK;
    let long = min_run(picture);
    let mut out = runs(w, h, long, ink, false);
    out.extend(runs(h, w, long, |a, b| ink(b, a), true));
    out
}

/// Runs along `along` (length `len`) in each of `across` lines; `down`: runs are columns.
fn runs(len: u32, across: u32, long: u32, ink: impl Fn(u32, u32) -> bool, down: bool) -> Vec<Rule> {
    // (start, end, first line, last line) of runs still growing.
    let mut open: Vec<(u32, u32, u32, u32)> = Vec::new();
    let mut done = Vec::new();
    for line in 0..across {
        let mut found = Vec::new();
        let mut start = None;
        for i in 0..=len {
            let dark = i < len && ink(i, line);
            match (dark, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if i - s >= long {
                        found.push((s, i));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        let mut next = Vec::new();
        for (s, e) in found {
            match open.iter().position(|o| o.3 + 1 == line && o.0 < e && s < o.1) {
                Some(k) => {
                    let o = open.swap_remove(k);
                    next.push((o.0.min(s), o.1.max(e), o.2, line));
                }
                None => next.push((s, e, line, line)),
            }
        }
        done.append(&mut open);
        open = next;
    }
    done.extend(open);
    done.into_iter()
        .map(|(s, e, a, b)| {
            let mid = (a + b) as f32 / 2.0 + 0.5;
            if down {
                Rule { x0: mid, x1: mid, y0: s as f32, y1: e as f32 }
            } else {
                Rule { x0: s as f32, x1: e as f32, y0: mid, y1: mid }
            }
        })
        .collect()
}
