//! A scanned page's picture, taken out of the PDF as it is stored, for the OCR to decode: a JPEG
//! (DCTDecode, what colour and gray scans are), CCITT fax data (a black-and-white scan), or the
//! samples themselves (FlateDecode or none). Decoding pixels is the OCR's part (`crate::ocr`),
//! so the PDF reader carries no image decoders.

use super::font::deref;
use super::PdfError;
use crate::limits::{MAX_INFLATED, MAX_PDF_STREAM};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::io::Read;

/// A page's picture in the PDF's encoding, and how to turn it to stand upright.
#[derive(Clone, Debug, PartialEq)]
pub struct Scan {
    pub picture: Picture,
    /// Quarter turns clockwise that show the picture as it stands on the page.
    pub turns: u8,
}

/// A picture's data as the PDF stores it.
#[derive(Clone, Debug, PartialEq)]
pub enum Picture {
    /// A JPEG file.
    Jpeg { data: Vec<u8>, invert: bool },
    /// CCITT fax data (`k` < 0 is Group 4, 0 Group 3 one-dimensional, > 0 two-dimensional).
    Fax { width: u32, height: u32, k: i32, black_is_1: bool, byte_align: bool, data: Vec<u8>, invert: bool },
    /// Samples row by row, each row padded to a byte: `components` of `bits` (1 or 8) a pixel, or
    /// one palette index a pixel whose gray levels `palette` gives.
    Samples { width: u32, height: u32, bits: u8, components: u8, data: Vec<u8>, palette: Option<Vec<u8>>, invert: bool },
}

impl Picture {
    /// Its width and height where the PDF says them (a JPEG says its own).
    pub fn size(&self) -> Option<(u32, u32)> {
        match *self {
            Picture::Jpeg { .. } => None,
            Picture::Fax { width, height, .. } | Picture::Samples { width, height, .. } => Some((width, height)),
        }
    }
}

/// The picture of image object `id`, or why it cannot be read.
pub(super) fn take(doc: &Document, id: ObjectId, turns: u8) -> Result<Scan, PdfError> {
    let damaged = |what: &str| PdfError::Damaged(format!("扫描页的图片（对象 {}）{what}", id.0));
    let stream = doc.get_object(id).and_then(Object::as_stream).map_err(|_| damaged("无法读取"))?;
    let dict = &stream.dict;
    let int = |key: &[u8]| dict.get(key).ok().map(|v| deref(doc, v)).and_then(|v| v.as_i64().ok());
    let (width, height) = match (int(b"Width"), int(b"Height")) {
        (Some(w), Some(h)) if w > 0 && h > 0 && w <= i64::from(u32::MAX) && h <= i64::from(u32::MAX) => {
            (w as u32, h as u32)
        }
        _ => return Err(damaged("没有写明大小")),
    };
    let invert = decode_inverted(doc, dict);
    let mut filters = filters(doc, dict);
    let last = filters.pop();
    let parms = last.as_ref().map(|(_, p)| p.clone()).unwrap_or_default();
    let encoded = || -> Result<Vec<u8>, PdfError> {
        let mut data = stream.content.clone();
        for (name, _) in &filters {
            match name.as_slice() {
                b"FlateDecode" | b"Fl" => data = inflate(&data)?,
                other => return Err(unsupported(other)),
            }
        }
        Ok(data)
    };
    let picture = match last.as_ref().map(|(n, _)| n.as_slice()) {
        Some(b"DCTDecode" | b"DCT") => Picture::Jpeg { data: encoded()?, invert },
        Some(b"CCITTFaxDecode" | b"CCF") => {
            let p = |key: &[u8]| parms.get(key).ok().map(|v| deref(doc, v));
            let flag = |key: &[u8]| p(key).and_then(|v| v.as_bool().ok()).unwrap_or(false);
            Picture::Fax {
                width: p(b"Columns").and_then(|v| v.as_i64().ok()).map_or(width, |c| c.clamp(1, 1 << 20) as u32),
                height,
                k: p(b"K").and_then(|v| v.as_i64().ok()).unwrap_or(0).clamp(-1, 1 << 16) as i32,
                black_is_1: flag(b"BlackIs1"),
                byte_align: flag(b"EncodedByteAlign"),
                data: encoded()?,
                invert,
            }
        }
        Some(name @ (b"JPXDecode" | b"JBIG2Decode")) => return Err(unsupported(name)),
        _ => samples(doc, stream, width, height, invert)?,
    };
    Ok(Scan { picture, turns })
}

/// A picture stored as its samples: the colour space says how many a pixel has.
fn samples(doc: &Document, stream: &Stream, width: u32, height: u32, invert: bool) -> Result<Picture, PdfError> {
    let dict = &stream.dict;
    let mask = dict.get(b"ImageMask").ok().and_then(|v| deref(doc, v).as_bool().ok()).unwrap_or(false);
    let bits = if mask {
        1
    } else {
        dict.get(b"BitsPerComponent").ok().and_then(|v| deref(doc, v).as_i64().ok()).unwrap_or(8)
    };
    let (components, palette) = if mask { (1, None) } else { colour_space(doc, dict.get(b"ColorSpace").ok())? };
    if bits != 8 && (bits != 1 || palette.is_some()) {
        return Err(PdfError::Scan(format!(
            "扫描页的图片为每像素 {bits} 位，暂不能识别：请将该页另存为 JPEG、PNG 图片后导入"
        )));
    }
    let row = (u64::from(width) * u64::from(components) * bits as u64).div_ceil(8);
    let size = row * u64::from(height);
    if size > MAX_INFLATED as u64 {
        return Err(PdfError::Bomb);
    }
    // PNG predictors put a byte before each row while inflating.
    let limit = (row + 1) * u64::from(height) + 1;
    let data = stream.decompressed_content_with_limit(limit as usize).map_err(|e| PdfError::from_lopdf(&e))?;
    if (data.len() as u64) < size {
        return Err(PdfError::Damaged(format!("扫描页的图片数据不完整（应有 {size} 字节，只有 {} 字节）", data.len())));
    }
    Ok(Picture::Samples { width, height, bits: bits as u8, components, data, palette, invert })
}

/// Components a pixel has in a colour space, and for an indexed one the gray of each index.
fn colour_space(doc: &Document, space: Option<&Object>) -> Result<(u8, Option<Vec<u8>>), PdfError> {
    let Some(space) = space.map(|s| deref(doc, s)) else { return Ok((1, None)) };
    if let Ok(name) = space.as_name() {
        return match name {
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Ok((3, None)),
            b"DeviceCMYK" | b"CMYK" => Ok((4, None)),
            _ => Ok((1, None)),
        };
    }
    let parts = space.as_array().map_err(|_| PdfError::Damaged("扫描页图片的颜色空间无法识别".into()))?;
    let kind = parts.first().and_then(|k| k.as_name().ok()).unwrap_or_default();
    match kind {
        b"ICCBased" => {
            let n = parts.get(1).map(|s| deref(doc, s)).and_then(|s| s.as_stream().ok());
            let n = n.and_then(|s| s.dict.get(b"N").ok()).and_then(|n| n.as_i64().ok()).unwrap_or(3);
            Ok((n.clamp(1, 4) as u8, None))
        }
        b"CalRGB" | b"Lab" => Ok((3, None)),
        b"CalGray" | b"Separation" => Ok((1, None)),
        b"Indexed" | b"I" => {
            let (base, _) = colour_space(doc, parts.get(1))?;
            let lookup = match parts.get(3).map(|l| deref(doc, l)) {
                Some(Object::String(s, _)) => s.clone(),
                Some(Object::Stream(s)) => s.decompressed_content_with_limit(MAX_PDF_STREAM).unwrap_or_default(),
                _ => Vec::new(),
            };
            let palette = lookup.chunks_exact(usize::from(base)).map(gray_of).collect();
            Ok((1, Some(palette)))
        }
        other => Err(unsupported(other)),
    }
}

/// The gray of one pixel's components (gray, RGB or CMYK).
pub fn gray_of(c: &[u8]) -> u8 {
    match *c {
        [r, g, b] => ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8,
        [c, m, y, k] => {
            let ink = (u32::from(c) * 30 + u32::from(m) * 59 + u32::from(y) * 11) / 100 + u32::from(k);
            255 - ink.min(255) as u8
        }
        [v, ..] => v,
        [] => 255,
    }
}

/// The filters in order with their parameters.
fn filters(doc: &Document, dict: &Dictionary) -> Vec<(Vec<u8>, Dictionary)> {
    let list = |key: &[u8]| -> Vec<Object> {
        match dict.get(key).ok().map(|v| deref(doc, v)) {
            Some(Object::Array(a)) => a.iter().map(|v| deref(doc, v).clone()).collect(),
            Some(other) => vec![other.clone()],
            None => Vec::new(),
        }
    };
    let parms = list(b"DecodeParms");
    list(b"Filter")
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let parm = parms.get(i).and_then(|p| p.as_dict().ok()).cloned().unwrap_or_default();
            f.as_name().ok().map(|n| (n.to_vec(), parm))
        })
        .collect()
}

/// Whether `/Decode [1 0]` turns the picture's dark and light around.
fn decode_inverted(doc: &Document, dict: &Dictionary) -> bool {
    let decode = dict.get(b"Decode").ok().map(|d| deref(doc, d)).and_then(|d| d.as_array().ok());
    let first: Vec<f32> =
        decode.map(|d| d.iter().take(2).filter_map(super::font::number).collect()).unwrap_or_default();
    matches!(first[..], [a, b] if a > b)
}

fn inflate(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let read = flate2::read::ZlibDecoder::new(data).take(MAX_INFLATED as u64 + 1).read_to_end(&mut out);
    match read {
        Ok(_) if out.len() > MAX_INFLATED => Err(PdfError::Bomb),
        Ok(_) => Ok(out),
        Err(e) => Err(PdfError::Damaged(format!("扫描页的图片数据无法解压（{e}）"))),
    }
}

fn unsupported(filter: &[u8]) -> PdfError {
    let name = String::from_utf8_lossy(filter);
    let what = match filter {
        b"JPXDecode" => "JPEG 2000（JPXDecode）".to_string(),
        b"JBIG2Decode" => "JBIG2（JBIG2Decode）".to_string(),
        _ => name.into_owned(),
    };
    PdfError::Scan(format!(
        "扫描页的图片以 {what} 编码，暂不能识别：请用扫描仪的“彩色”或“灰度”模式重新扫描，或将该页另存为 JPEG、PNG 图片后导入"
    ))
}
