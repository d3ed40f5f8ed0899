//! Fonts as the text layer needs them: which bytes make one character code, the Unicode text
//! it stands for (the ToUnicode CMap, which WPS, Word, LibreOffice and Chromium all write for
//! their CID fonts; else a predefined CMap's own codes: UCS-2, or GBK from a "print to PDF" that
//! left 宋体 unembedded), and how far each glyph advances, so that the glyphs of one string get
//! their own positions.

use super::Limits;
use lopdf::{Dictionary, Document, Object};
use std::rc::Rc;

use crate::limits::MAX_MAPPINGS;

/// Codes mapped as the font writes them: single codes and ranges, a range of 65 536 codes one
/// entry (expanded, a few hundred fonts naming one such CMap took gigabytes), sorted by first
/// code and found by halving. Where entries overlap (no real font's do), the one starting last
/// before the code decides.
struct Ranges<T>(Vec<(u32, u32, T)>);

impl<T> Ranges<T> {
    fn new() -> Ranges<T> {
        Ranges(Vec::new())
    }

    fn push(&mut self, lo: u32, hi: u32, value: T) {
        if self.0.len() < MAX_MAPPINGS && lo <= hi {
            self.0.push((lo, hi, value));
        }
    }

    fn full(&self) -> bool {
        self.0.len() >= MAX_MAPPINGS
    }

    /// Sorted for [`Ranges::get`]; entries of the same first code keep their order, so the later wins.
    fn sorted(mut self) -> Ranges<T> {
        self.0.sort_by_key(|e| e.0);
        self
    }

    /// The entry holding `code`, and how far into it the code lies.
    fn get(&self, code: u32) -> Option<(u32, &T)> {
        let (lo, hi, value) = &self.0[self.0.partition_point(|e| e.0 <= code).checked_sub(1)?];
        (code <= *hi).then(|| (code - lo, value))
    }
}

/// What a ToUnicode entry maps to: text, or the UTF-16 of a range's first code, whose last unit
/// counts up along the range.
enum Target {
    Text(String),
    Counting(Vec<u8>),
}

/// The characters of GBK's two-byte codes, in code order ([`gbk_index`]): decoded once per file,
/// by the shell's decoder, when a font needs them.
pub(super) type GbkTable = Rc<[char]>;

/// Where a two-byte GBK code's character stands in a [`GbkTable`]: lead bytes 0x81–0xFE, trail
/// bytes 0x40–0xFE but 0x7F.
fn gbk_index(code: u32) -> Option<usize> {
    let (lead, trail) = ((code >> 8) as usize, (code & 0xFF) as usize);
    ((0x81..=0xFE).contains(&lead) && (0x40..=0xFE).contains(&trail) && trail != 0x7F)
        .then(|| (lead - 0x81) * 190 + trail - 0x40 - usize::from(trail > 0x7F))
}

/// Every two-byte GBK code, in the order of [`gbk_index`], for the decoder to read at once.
pub(super) fn gbk_codes() -> Vec<u8> {
    (0x81..=0xFEu8).flat_map(|lead| (0x40..=0xFEu8).filter(|&t| t != 0x7F).flat_map(move |t| [lead, t])).collect()
}

/// How a font's codes are read.
#[derive(Clone, Copy, PartialEq)]
enum Codes {
    /// Bytes per code: 2 for a composite (Type0) font, 1 for a simple one.
    Fixed(usize),
    /// GBK's: a byte below 0x81 alone, else two (the predefined GB…-EUC CMaps).
    Gbk,
}

pub(super) struct Font {
    codes: Codes,
    /// Code → text, from the ToUnicode CMap.
    unicode: Ranges<Target>,
    /// A composite font whose codes are UCS-2 themselves (the predefined Uni…-UCS2/UTF16 CMaps).
    ucs2: bool,
    /// A composite font whose codes are GBK, with their characters when the file has any.
    gbk: Option<GbkTable>,
    widths: Ranges<f32>,
    default_width: f32,
    /// Glyph space to text space (1/1000 except in Type3 fonts).
    scale: f32,
}

impl Font {
    /// The font a `Tf` names; a font that cannot be read still gives codes and widths. `gbk`
    /// gives GBK's characters, for a font that needs them.
    pub(super) fn load(
        doc: &Document,
        dict: &Dictionary,
        limits: &mut Limits,
        gbk: impl FnOnce() -> Option<GbkTable>,
    ) -> Result<Font, super::PdfError> {
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let encoding = dict.get(b"Encoding").ok().map(|e| deref(doc, e));
        let composite = subtype == b"Type0";
        let mut font = Font {
            codes: Codes::Fixed(if composite { 2 } else { 1 }),
            unicode: Ranges::new(),
            ucs2: false,
            gbk: None,
            widths: Ranges::new(),
            default_width: if composite { 1000.0 } else { 500.0 },
            scale: 0.001,
        };
        if composite {
            if let Some(Object::Name(name)) = encoding {
                font.ucs2 = name.starts_with(b"Uni") && (name.windows(4).any(|w| w == b"UCS2" || w == b"UTF1"));
                // GB-EUC, GBpc-EUC, GBK-EUC, GBKp-EUC (-H or -V): GB2312 and GBK as bytes.
                if name.starts_with(b"GB") && name.windows(4).any(|w| w == b"-EUC") {
                    font.codes = Codes::Gbk;
                    font.gbk = gbk();
                }
            }
            let descendant = dict
                .get(b"DescendantFonts")
                .map(|d| deref(doc, d))
                .ok()
                .and_then(|d| d.as_array().ok())
                .and_then(|a| a.first())
                .map(|d| deref(doc, d))
                .and_then(|d| d.as_dict().ok());
            if let Some(d) = descendant {
                if let Some(dw) = d.get(b"DW").ok().and_then(number) {
                    font.default_width = dw;
                }
                if let Ok(w) = d.get(b"W").map(|w| deref(doc, w)).and_then(Object::as_array) {
                    font.read_cid_widths(doc, w);
                }
            }
        } else {
            if subtype == b"Type3" {
                if let Some(m) = dict.get(b"FontMatrix").ok().and_then(|m| m.as_array().ok()) {
                    font.scale = m.first().and_then(number).unwrap_or(0.001);
                }
            }
            let first = dict.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
            if let Ok(widths) = dict.get(b"Widths").map(|w| deref(doc, w)).and_then(Object::as_array) {
                for (i, w) in widths.iter().take(256).enumerate() {
                    if let Some(w) = number(deref(doc, w)) {
                        let code = first.saturating_add(i as u32);
                        font.widths.push(code, code, w);
                    }
                }
            }
        }
        if let Ok(Object::Stream(s)) = dict.get(b"ToUnicode").map(|t| deref(doc, t)) {
            let bytes = limits.inflate(s)?;
            font.unicode = parse_to_unicode(&bytes);
        }
        font.widths = font.widths.sorted();
        Ok(font)
    }

    /// `/W [c [w1 w2 …] cfirst clast w …]`.
    fn read_cid_widths(&mut self, doc: &Document, w: &[Object]) {
        let mut i = 0;
        while i < w.len() && !self.widths.full() {
            let Some(first) = number(deref(doc, &w[i])) else { break };
            match w.get(i + 1).map(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, v) in list.iter().take(MAX_MAPPINGS).enumerate() {
                        if let Some(v) = number(deref(doc, v)) {
                            let code = (first as u32).saturating_add(k as u32);
                            self.widths.push(code, code, v);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(v)) = (number(last), w.get(i + 2).map(|o| deref(doc, o)).and_then(number))
                    else {
                        break;
                    };
                    self.widths.push(first as u32, last as u32, v);
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// The character codes in a shown string.
    pub(super) fn codes<'a>(&self, bytes: &'a [u8]) -> impl Iterator<Item = (u32, bool)> + 'a {
        let codes = self.codes;
        let mut rest = bytes;
        std::iter::from_fn(move || {
            let len = match codes {
                Codes::Fixed(len) => len,
                Codes::Gbk => 1 + usize::from(*rest.first()? >= 0x81),
            };
            let (c, next) = rest.split_at(len.min(rest.len()));
            rest = next;
            let code = c.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b));
            // Word spacing applies to the single-byte code 32 only.
            (!c.is_empty()).then_some((code, c.len() == 1 && code == 32))
        })
    }

    /// What a code reads as: its ToUnicode text, a UCS-2 or GBK code, or for a simple font the
    /// byte itself (Latin-1, which covers the ASCII digits of reports); `None` when unknown.
    pub(super) fn text(&self, code: u32) -> Option<String> {
        // Radical forms (⼈) are made ideographs by the analyser, for every source alike.
        if let Some(t) = text_of(&self.unicode, code) {
            return Some(t);
        }
        let char = match self.codes {
            _ if self.ucs2 => char::from_u32(code),
            Codes::Fixed(1) => char::from_u32(code),
            Codes::Gbk if code < 0x80 => char::from_u32(code),
            Codes::Gbk => gbk_index(code).and_then(|i| self.gbk.as_ref()?.get(i).copied()),
            Codes::Fixed(_) => None,
        };
        char.filter(|c| !c.is_control()).map(String::from)
    }

    /// How far a code advances, in text space units per unit of font size. Widths are given by
    /// glyph number, which a predefined CMap's code is not: there ASCII is Adobe-GB1's first 95
    /// glyphs (half the default width if not given), any other character the default width.
    pub(super) fn advance(&self, code: u32) -> f32 {
        let width = if !(self.ucs2 || self.codes == Codes::Gbk) {
            self.widths.get(code).map_or(self.default_width, |(_, w)| *w)
        } else if (0x20..0x7F).contains(&code) {
            self.widths.get(code - 0x1F).map_or(self.default_width / 2.0, |(_, w)| *w)
        } else {
            self.default_width
        };
        width * self.scale
    }
}

/// An object with its references followed (lopdf bounds the chain); `null` if it is missing.
pub(super) fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map_or(&Object::Null, |(_, o)| o)
}

pub(super) fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
    .filter(|n| n.is_finite())
}

/// A token of a CMap: a hex string, an array bracket, or a word (operator, name, number).
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(&'a [u8]),
}

fn tokens(src: &[u8]) -> impl Iterator<Item = Token<'_>> {
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let b = *src.get(i)?;
        match b {
            b'%' => {
                while src.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'<' if src.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if src.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = src[i..].iter().position(|&c| c == b'>').map_or(src.len(), |p| i + p);
                let digits: Vec<u8> =
                    src[i + 1..end].iter().filter_map(|c| (*c as char).to_digit(16)).map(|d| d as u8).collect();
                i = end + 1;
                let mut bytes: Vec<u8> = digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect();
                bytes.truncate(1024);
                return Some(Token::Hex(bytes));
            }
            b'[' => {
                i += 1;
                return Some(Token::Open);
            }
            b']' => {
                i += 1;
                return Some(Token::Close);
            }
            b'(' | b')' | b'{' | b'}' | b'>' => i += 1,
            c if c.is_ascii_whitespace() || c == 0 => i += 1,
            _ => {
                let start = i;
                i += 1;
                while src.get(i).is_some_and(|&c| !c.is_ascii_whitespace() && !b"<>[]()/{}%".contains(&c)) {
                    i += 1;
                }
                return Some(Token::Word(&src[start..i]));
            }
        }
    })
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |n, &b| (n << 8) | u32::from(b))
}

fn utf16(bytes: &[u8]) -> String {
    let units = bytes.chunks(2).map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]));
    char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect()
}

/// The text a ToUnicode map gives `code`.
fn text_of(map: &Ranges<Target>, code: u32) -> Option<String> {
    Some(match map.get(code)? {
        (_, Target::Text(t)) => t.clone(),
        (k, Target::Counting(first)) => {
            let mut d = first.clone();
            let n = d.len();
            let last = u16::from_be_bytes([d[n - 2], d[n - 1]]).wrapping_add(k as u16);
            d[n - 2..].copy_from_slice(&last.to_be_bytes());
            utf16(&d)
        }
    })
}

/// The `bfchar` and `bfrange` mappings of a ToUnicode CMap (ISO 32000 9.10.3).
fn parse_to_unicode(src: &[u8]) -> Ranges<Target> {
    let mut map = Ranges::new();
    let mut toks = tokens(src).peekable();
    while let Some(t) = toks.next() {
        match t {
            Token::Word(b"beginbfchar") => {
                while let (Some(Token::Hex(code)), Some(Token::Hex(dst))) = (toks.next(), toks.next()) {
                    let code = code_of(&code);
                    map.push(code, code, Target::Text(utf16(&dst)));
                    if !matches!(toks.peek(), Some(Token::Hex(_))) {
                        break;
                    }
                }
            }
            Token::Word(b"beginbfrange") => {
                while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) = (toks.next(), toks.next()) {
                    let (lo, hi) = (code_of(&lo), code_of(&hi));
                    match toks.next() {
                        Some(Token::Hex(dst)) if dst.len() >= 2 => map.push(lo, hi, Target::Counting(dst)),
                        Some(Token::Open) => {
                            let mut code = lo;
                            while let Some(Token::Hex(dst)) = toks.next() {
                                if code <= hi {
                                    map.push(code, code, Target::Text(utf16(&dst)));
                                }
                                code = code.saturating_add(1);
                            }
                        }
                        _ => break,
                    }
                    if !matches!(toks.peek(), Some(Token::Hex(_))) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    map.sorted()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_chars_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0E85> <653F> <0010> <0032> endbfchar\n\
            2 beginbfrange <0013> <0015> <0030> <0020> <0021> [<5E74> <D840DC00>] endbfrange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let map = parse_to_unicode(cmap);
        let text = |code| text_of(&map, code);
        assert_eq!(text(0x0e85).as_deref(), Some("政"));
        assert_eq!(text(0x0010).as_deref(), Some("2"));
        assert_eq!((text(0x0013).as_deref(), text(0x0015).as_deref()), (Some("0"), Some("2")));
        assert_eq!((text(0x0020).as_deref(), text(0x0021).as_deref()), (Some("年"), Some("\u{20000}")));
        assert_eq!((text(0x0012), text(0x0016), text(0x0e86)), (None, None, None));
    }

    #[test]
    fn a_cmap_of_garbage_maps_nothing_and_a_huge_range_is_bounded() {
        assert!(parse_to_unicode(b"beginbfrange <00> ] [ <<>> ( endbfrange beginbfchar <").0.is_empty());
        // The whole code space in one entry, its last unit counting up (and wrapping).
        let map = parse_to_unicode(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(map.0.len(), 1);
        assert_eq!((text_of(&map, 1).as_deref(), text_of(&map, 0x1_0000).as_deref()), (Some("B"), Some("A")));
        let many =
            format!("{} beginbfchar {} endbfchar", MAX_MAPPINGS + 10, "<0001> <0041> ".repeat(MAX_MAPPINGS + 10));
        assert_eq!(parse_to_unicode(many.as_bytes()).0.len(), MAX_MAPPINGS);
    }
}
