//! What a box says: the recognition model (CRNN with CTC) reads a strip 48 pixels high and
//! gives, for every 8 pixels of its width, how likely each character is; the likeliest path,
//! repeats and blanks dropped, is the text, each character where the model saw it.

use super::detect::TextBox;
use super::{OcrError, Text};
use image::{imageops, GrayImage};
use rten::Model;
use rten_tensor::prelude::*;
use rten_tensor::NdTensor;

/// The strip's height the model was trained on.
const HEIGHT: u32 = 48;
/// A strip wider than this (pixels at 48 high) is cut short: no line of a report is longer.
const MAX_WIDTH: u32 = 48 * 40;

/// The model's labels from its metadata (`character`, a character a line): blank first, a space last.
pub(super) fn labels(model: &Model) -> Result<Vec<char>, OcrError> {
    let keys = model
        .metadata()
        .fields()
        .find(|(k, _)| "character" == *k)
        .map(|(_, v)| v.to_string())
        .ok_or_else(|| OcrError::Models("识别模型中没有字符表（character）".into()))?;
    let mut labels = vec!['\0'];
    labels.extend(keys.lines().map(|l| l.chars().next().unwrap_or(' ')));
    labels.push(' ');
    Ok(labels)
}

/// The text in a box, or None if nothing was read.
pub(super) fn text(model: &Model, labels: &[char], page: &GrayImage, b: TextBox) -> Result<Option<Text>, OcrError> {
    let (x0, y0) = (b.x0.floor() as u32, b.y0.floor() as u32);
    let (w, h) = ((b.x1.ceil() as u32).saturating_sub(x0), (b.y1.ceil() as u32).saturating_sub(y0));
    if w < 2 || h < 2 {
        return Ok(None);
    }
    let crop = imageops::crop_imm(page, x0, y0, w, h).to_image();
    let sw = ((w as f32 * HEIGHT as f32 / h as f32).round() as u32).clamp(8, MAX_WIDTH);
    let strip = imageops::resize(&crop, sw, HEIGHT, imageops::FilterType::Triangle);
    let probs: NdTensor<f32, 3> = super::run(model, &strip)?;
    let probs = probs.slice(0);
    let steps = probs.size(0);
    let step_width = w as f32 / steps.max(1) as f32;
    let mut chars = Vec::new();
    let mut last = 0;
    for t in 0..steps {
        let row = probs.slice(t);
        let (label, p) =
            row.iter().copied().enumerate().fold((0, f32::MIN), |a, (i, p)| if p > a.1 { (i, p) } else { a });
        if label != last && label != 0 {
            if let Some(&c) = labels.get(label) {
                chars.push((c, x0 as f32 + (t as f32 + 0.5) * step_width, p));
            }
        }
        last = label;
    }
    // Spaces at either end say nothing.
    while chars.first().is_some_and(|c| c.0 == ' ') {
        chars.remove(0);
    }
    while chars.last().is_some_and(|c| c.0 == ' ') {
        chars.pop();
    }
    Ok((!chars.is_empty()).then_some(Text { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, chars }))
}
