//! Reading a picture of a page: PP-OCRv4's detection and recognition models (PaddleOCR, Apache-2.0,
//! as ONNX files from PyPI's `rapidocr-onnxruntime`) run by rten, and the table's ruled lines
//! found in the picture. The result is a [`Page`] of glyphs and rules like a text PDF's, so the one
//! geometry → lines → analyser pipeline reads a scan as it reads a PDF.

mod detect;
pub mod picture;
mod recognise;
mod rules;

use crate::import::geometry::{Glyph, Page};
use image::GrayImage;
use rten::Model;
use rten_tensor::prelude::*;
use rten_tensor::NdTensor;
use std::fmt;

/// The model files, as `rapidocr-onnxruntime` names them.
pub const DETECTOR: &str = "ch_PP-OCRv4_det_infer.onnx";
pub const RECOGNISER: &str = "ch_PP-OCRv4_rec_infer.onnx";

/// Pictures larger than this (pixels, either side) are refused before they are decoded.
pub const MAX_SIDE: u32 = 12_000;
/// And this many pixels in all (a 600 dpi A3 page is 70 M).
pub const MAX_PIXELS: u64 = 80_000_000;

/// Why a picture could not be read.
#[derive(Debug)]
pub enum OcrError {
    /// The model files could not be loaded (missing, damaged, another model).
    Models(String),
    /// Not a picture the reader knows, or damaged, or cut short.
    Picture(String),
    /// Wider, taller or larger than [`MAX_SIDE`] / [`MAX_PIXELS`].
    TooLarge { width: u32, height: u32 },
    /// The engine failed while reading.
    Engine(String),
}

impl fmt::Display for OcrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OcrError::Models(e) => write!(f, "文字识别模型无法载入：{e}"),
            OcrError::Picture(e) => write!(f, "图片无法读取（{e}）：文件可能已损坏或不完整"),
            OcrError::TooLarge { width, height } => write!(
                f,
                "图片为 {width} × {height} 像素，超过可识别的大小（每边不超过 {MAX_SIDE} 像素、共 {} 万像素）：请以 200–300 dpi 重新扫描",
                MAX_PIXELS / 10_000
            ),
            OcrError::Engine(e) => write!(f, "文字识别出错：{e}"),
        }
    }
}

impl std::error::Error for OcrError {}

/// A piece of text read from the picture, where it stands (pixels, y downwards), with each
/// character's centre and the recogniser's confidence in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// (character, its centre's x, confidence 0–1)
    pub chars: Vec<(char, f32, f32)>,
}

impl Text {
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.0).collect()
    }
}

/// The two models and the recogniser's characters, loaded once and used for every page.
pub struct Engine {
    detector: Model,
    recogniser: Model,
    /// The recogniser's labels: 0 is CTC's blank, then the dictionary, then a space.
    labels: Vec<char>,
}

impl Engine {
    /// The engine from the bytes of PP-OCRv4's detection and recognition ONNX files.
    pub fn load(detector: Vec<u8>, recogniser: Vec<u8>) -> Result<Engine, OcrError> {
        let load = |bytes, what: &str| Model::load(bytes).map_err(|e| OcrError::Models(format!("{what}：{e}")));
        let detector = load(detector, "检测模型")?;
        let recogniser = load(recogniser, "识别模型")?;
        let labels = recognise::labels(&recogniser)?;
        Ok(Engine { detector, recogniser, labels })
    }

    /// Every piece of text on a page, top to bottom.
    pub fn read(&self, page: &GrayImage) -> Result<Vec<Text>, OcrError> {
        let boxes = detect::boxes(&self.detector, page)?;
        let mut out = Vec::with_capacity(boxes.len());
        for b in boxes {
            if let Some(t) = recognise::text(&self.recogniser, &self.labels, page, b)? {
                out.push(t);
            }
        }
        out.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
        Ok(out)
    }

    /// A page's glyphs and ruled lines, in the geometry's page space (points, y upwards).
    pub(crate) fn page(&self, picture: &GrayImage) -> Result<Page, OcrError> {
        Ok(to_page(picture, &self.read(picture)?))
    }
}

/// A model's one output for a gray picture, given as the three equal channels (scaled to −1…1)
/// both PP-OCR models were trained on.
fn run<const N: usize>(model: &Model, picture: &GrayImage) -> Result<NdTensor<f32, N>, OcrError> {
    let (w, h) = (picture.width() as usize, picture.height() as usize);
    let mut input = NdTensor::<f32, 4>::zeros([1, 3, h, w]);
    for (x, y, p) in picture.enumerate_pixels() {
        let v = p.0[0] as f32 / 127.5 - 1.0;
        for c in 0..3 {
            input[[0, c, y as usize, x as usize]] = v;
        }
    }
    let engine = |e: &dyn fmt::Display| OcrError::Engine(e.to_string());
    let out = model.run_one(input.view().into(), None).map_err(|e| engine(&e))?;
    out.try_into().map_err(|e: rten::TryFromValueError| engine(&e))
}

/// A picture decoded to gray, refused before decoding if it is too large.
pub fn decode(bytes: &[u8]) -> Result<GrayImage, OcrError> {
    let reader = || {
        image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| OcrError::Picture(e.to_string()))
            .and_then(|r| match r.format() {
                Some(_) => Ok(r),
                None => Err(OcrError::Picture("不是可识别的图片格式（JPEG、PNG）".into())),
            })
    };
    let (width, height) = reader()?.into_dimensions().map_err(|e| OcrError::Picture(e.to_string()))?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(OcrError::TooLarge { width, height });
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    let mut reader = reader()?;
    reader.limits(limits);
    reader.decode().map(|i| i.to_luma8()).map_err(|e| OcrError::Picture(e.to_string()))
}

/// The page as the geometry reads a PDF's: one glyph per character, spread over its text's box
/// between the centres the recogniser gives; the picture's ruled lines. Scaled so that the page
/// is an A4 page's width in points, whatever the resolution.
fn to_page(picture: &GrayImage, texts: &[Text]) -> Page {
    let scale = 595.0 / picture.width().max(1) as f32;
    let height = picture.height() as f32 * scale;
    let mut glyphs = Vec::new();
    for t in texts {
        let size = (t.y1 - t.y0) * 0.8 * scale;
        let y = height - (t.y1 - (t.y1 - t.y0) * 0.2) * scale;
        let n = t.chars.len();
        for (i, &(c, centre, _)) in t.chars.iter().enumerate() {
            let left = if i == 0 { t.x0 } else { (t.chars[i - 1].1 + centre) / 2.0 };
            let right = if i + 1 == n { t.x1 } else { (t.chars[i + 1].1 + centre) / 2.0 };
            glyphs.push(Glyph {
                x: left * scale,
                y,
                w: (right - left).max(1.0) * scale,
                size,
                text: Some(c.to_string()),
            });
        }
    }
    let rules = rules::find(picture)
        .into_iter()
        .map(|r| crate::import::geometry::Rule {
            x0: r.x0 * scale,
            x1: r.x1 * scale,
            y0: height - r.y1 * scale,
            y1: height - r.y0 * scale,
        })
        .collect();
    Page { glyphs, rules, images: 0, height }
}
