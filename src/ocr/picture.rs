//! A scanned PDF page's picture decoded to gray, turned to stand as it does on the page: a JPEG
//! by the image decoder, CCITT fax data by hayro-ccitt, samples by their colour space's gray.

use super::{OcrError, MAX_PIXELS, MAX_SIDE};
use crate::import::read::pdf::picture::{gray_of, Picture, Scan};
use image::{imageops, GrayImage};

/// The picture as gray pixels, upright.
pub fn gray(scan: &Scan) -> Result<GrayImage, OcrError> {
    if let Some((width, height)) = scan.picture.size() {
        if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(OcrError::TooLarge { width, height });
        }
    }
    let mut page = match &scan.picture {
        Picture::Jpeg { data, invert } => {
            let mut page = super::decode(data)?;
            if *invert {
                imageops::invert(&mut page);
            }
            page
        }
        Picture::Fax { width, height, k, black_is_1, byte_align, data, invert } => {
            fax(*width, *height, *k, *byte_align, data, *black_is_1 != *invert)?
        }
        Picture::Samples { width, height, bits, components, data, palette, invert } => {
            samples(*width, *height, *bits, *components, data, palette.as_deref(), *invert)
        }
    };
    for _ in 0..scan.turns % 4 {
        page = imageops::rotate90(&page);
    }
    Ok(page)
}

/// Fax data to gray: by default a 0 bit is black (PDF's `BlackIs1 false`); `inverted` turns it.
fn fax(width: u32, height: u32, k: i32, byte_align: bool, data: &[u8], inverted: bool) -> Result<GrayImage, OcrError> {
    use hayro_ccitt::{DecodeSettings, DecoderContext, EncodingMode};
    struct Pixels {
        out: Vec<u8>,
        row: usize,
        width: usize,
        rows: usize,
    }
    impl Pixels {
        fn push(&mut self, white: bool, n: usize) {
            if self.row < self.rows {
                let end = (self.row + 1) * self.width;
                let take = n.min(end - self.out.len().min(end));
                self.out.extend(std::iter::repeat_n(if white { 255 } else { 0 }, take));
            }
        }
    }
    impl hayro_ccitt::Decoder for Pixels {
        fn push_pixel(&mut self, white: bool) {
            self.push(white, 1);
        }
        fn push_pixel_chunk(&mut self, white: bool, chunk_count: u32) {
            self.push(white, chunk_count as usize * 8);
        }
        fn next_line(&mut self) {
            self.row += 1;
            self.out.resize((self.row * self.width).min(self.rows * self.width), 255);
        }
    }
    let encoding = match k {
        k if k < 0 => EncodingMode::Group4,
        0 => EncodingMode::Group3_1D,
        k => EncodingMode::Group3_2D { k: k as u32 },
    };
    let settings = DecodeSettings {
        columns: width,
        rows: height,
        end_of_block: true,
        end_of_line: false,
        rows_are_byte_aligned: byte_align,
        encoding,
        invert_black: inverted,
    };
    let (w, h) = (width as usize, height as usize);
    let mut pixels = Pixels { out: Vec::with_capacity(w * h), row: 0, width: w, rows: h };
    let decoded = hayro_ccitt::decode(data, &mut pixels, &mut DecoderContext::new(settings));
    // A damaged stream still gives the rows before the damage; none at all is an error.
    if let Err(e) = decoded {
        if pixels.row == 0 {
            return Err(OcrError::Picture(format!("黑白扫描（CCITT）数据无法解码：{e}")));
        }
    }
    pixels.out.resize(w * h, 255);
    Ok(GrayImage::from_raw(width, height, pixels.out).expect("width × height pixels"))
}

/// Samples to gray: 1 bit a pixel (0 black), 8 bits a component, or a palette index.
fn samples(
    width: u32,
    height: u32,
    bits: u8,
    components: u8,
    data: &[u8],
    palette: Option<&[u8]>,
    invert: bool,
) -> GrayImage {
    let (w, n) = (width as usize, usize::from(components.max(1)));
    let row = (w * n * usize::from(bits)).div_ceil(8);
    let mut out = Vec::with_capacity(w * height as usize);
    for r in data.chunks(row).take(height as usize) {
        match (bits, palette) {
            (1, _) => {
                out.extend(
                    (0..w).map(|x| if r.get(x / 8).is_some_and(|b| b >> (7 - x % 8) & 1 == 1) { 255 } else { 0 }),
                )
            }
            (_, Some(p)) => out.extend(r.iter().take(w).map(|&i| p.get(usize::from(i)).copied().unwrap_or(255))),
            _ => out.extend(r.chunks(n).take(w).map(gray_of)),
        }
        out.resize(out.len().next_multiple_of(w), 255);
    }
    out.resize(w * height as usize, 255);
    let mut page = GrayImage::from_raw(width, height, out).expect("width × height pixels");
    if invert {
        imageops::invert(&mut page);
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_of_every_kind_become_the_same_gray() {
        // Two pixels: black, white.
        let gray = samples(2, 1, 8, 1, &[0, 255], None, false);
        let rgb = samples(2, 1, 8, 3, &[0, 0, 0, 255, 255, 255], None, false);
        let cmyk = samples(2, 1, 8, 4, &[0, 0, 0, 255, 0, 0, 0, 0], None, false);
        let bit = samples(2, 1, 1, 1, &[0b0100_0000], None, false);
        let indexed = samples(2, 1, 8, 1, &[1, 0], Some(&[255, 0]), false);
        for page in [&gray, &rgb, &cmyk, &bit, &indexed] {
            assert_eq!(page.as_raw(), &vec![0, 255]);
        }
        assert_eq!(samples(2, 1, 8, 1, &[0, 255], None, true).as_raw(), &vec![255, 0], "/Decode [1 0]");
        assert_eq!(samples(2, 2, 8, 1, &[0], None, false).as_raw(), &vec![0, 255, 255, 255], "short data is white");
    }

    #[test]
    fn a_picture_is_turned_as_it_stands_on_the_page() {
        // A 2 × 1 picture drawn a quarter turn clockwise stands 1 wide and 2 tall.
        let scan = Scan {
            picture: Picture::Samples {
                width: 2,
                height: 1,
                bits: 8,
                components: 1,
                data: vec![0, 255],
                palette: None,
                invert: false,
            },
            turns: 1,
        };
        let page = gray(&scan).unwrap();
        assert_eq!((page.dimensions(), page.as_raw().clone()), ((1, 2), vec![0, 255]));
    }

    #[test]
    fn a_picture_too_large_is_refused_before_it_is_decoded() {
        let scan = Scan {
            picture: Picture::Fax {
                width: 20_000,
                height: 20_000,
                k: -1,
                black_is_1: false,
                byte_align: false,
                data: vec![0; 16],
                invert: false,
            },
            turns: 0,
        };
        let e = gray(&scan).unwrap_err().to_string();
        assert!(e.contains("20000 × 20000 像素"), "{e}");
    }
}
