//! Where the text is: the detection model's map of how likely each pixel is text (DBNet), cut
//! into boxes. A box is a connected region of likely pixels, grown back by the margin the model
//! was trained to shrink text by.

use super::OcrError;
use image::{imageops, GrayImage};
use rten::Model;
use rten_tensor::prelude::*;
use rten_tensor::NdTensor;

/// The longest side the detector sees (pixels): a 200 dpi A4 page is 2,339 tall; its text is
/// still 20 pixels high at this size, and the detector's time grows with the area.
const MAX_DETECT_SIDE: u32 = 1600;
/// A pixel at least this likely is text (PaddleOCR's `thresh`).
const PIXEL: f32 = 0.3;
/// A region whose pixels are this likely on average is a box (`box_thresh`).
const REGION: f32 = 0.5;
/// How far the region is grown back: area × this / perimeter (`unclip_ratio`).
const UNCLIP: f32 = 1.6;

/// A box around a piece of text, in the picture's pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct TextBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// The boxes of a page's text, in no particular order.
pub(super) fn boxes(model: &Model, page: &GrayImage) -> Result<Vec<TextBox>, OcrError> {
    let (w, h) = page.dimensions();
    let scale = (MAX_DETECT_SIDE as f32 / w.max(h) as f32).min(1.0);
    // The network wants sides a multiple of 32.
    let side = |v: u32| (((v as f32 * scale) / 32.0).round() as u32).max(1) * 32;
    let (dw, dh) = (side(w), side(h));
    let small = imageops::resize(page, dw, dh, imageops::FilterType::Triangle);
    let map: NdTensor<f32, 4> = super::run(model, &small)?;
    let map = map.slice((0, 0));
    let (mh, mw) = (map.size(0), map.size(1));
    let (sx, sy) = (w as f32 / mw as f32, h as f32 / mh as f32);
    let likely: Vec<bool> = map.iter().map(|&p| p > PIXEL).collect();
    let mut seen = vec![false; likely.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..likely.len() {
        if !likely[start] || seen[start] {
            continue;
        }
        // One region: its pixels' bounds and their likelihood.
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        let (mut sum, mut n) = (0.0f32, 0usize);
        seen[start] = true;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % mw, i / mw);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            sum += map[[y, x]];
            n += 1;
            let mut visit = |j: usize| {
                if likely[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < mw {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - mw);
            }
            if y + 1 < mh {
                visit(i + mw);
            }
        }
        let (bw, bh) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
        if bw.min(bh) < 2.0 || sum / (n as f32) < REGION {
            continue;
        }
        let grow = bw * bh * UNCLIP / (2.0 * (bw + bh));
        out.push(TextBox {
            x0: ((x0 as f32 - grow) * sx).max(0.0),
            y0: ((y0 as f32 - grow) * sy).max(0.0),
            x1: ((x1 as f32 + 1.0 + grow) * sx).min(w as f32),
            y1: ((y1 as f32 + 1.0 + grow) * sy).min(h as f32),
        });
    }
    Ok(out)
}
