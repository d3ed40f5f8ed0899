//! A page's content stream, interpreted for what the importer needs: every glyph with its
//! position and size on the page, the straight lines ruled on it (table borders), and the largest
//! picture drawn on it (a scanned page is one). Colours, clipping and curves are skipped; Form
//! XObjects are followed.

use super::font::{self, deref, number, Font, GbkTable};
use super::{Limits, PdfError};
use crate::import::geometry::{Glyph, Page, Rule};
use crate::import::LegacyDecoder;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

use crate::limits::{MAX_FORM_DEPTH, MAX_PAGE_GLYPHS, MAX_SAVED_STATES};
/// Thicker than this, a filled rectangle is a shaded area, not a ruled line.
const RULE_THICKNESS: f32 = 2.5;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Matrix(pub [f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn from(ops: &[Object]) -> Option<Matrix> {
        let v: Vec<f32> = ops.iter().filter_map(number).collect();
        (v.len() == 6).then(|| Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self × o`: first this transformation, then `o`.
    pub fn then(self, o: Matrix) -> Matrix {
        let (a, b) = (self.0, o.0);
        Matrix([
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ])
    }

    pub fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let m = self.0;
        (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// The resource dictionaries in force, nearest first.
type Resources<'a> = Vec<&'a Dictionary>;

fn resource<'a>(doc: &'a Document, res: &Resources<'a>, kind: &[u8], name: &[u8]) -> Option<&'a Object> {
    res.iter().find_map(|r| {
        let group = deref(doc, r.get(kind).ok()?).as_dict().ok()?;
        Some(deref(doc, group.get(name).ok()?))
    })
}

/// Fonts read so far, by the address of their dictionary in the document (which outlives the
/// reading): a document's pages share them, and a font written inline in a page's resources is
/// read once, not at every `Tf` (100,000 of them over a font of 100,000 widths ran for minutes).
/// With them the shell's decoder of GBK, and its characters once a font has asked.
pub(super) struct Fonts<'d> {
    read: HashMap<usize, Rc<Font>>,
    legacy: LegacyDecoder<'d>,
    gbk: Option<Option<GbkTable>>,
}

impl<'d> Fonts<'d> {
    pub(super) fn new(legacy: LegacyDecoder<'d>) -> Fonts<'d> {
        Fonts { read: HashMap::new(), legacy, gbk: None }
    }
}

/// A picture drawn on a page: its image object, the share of the page it covers, and the
/// quarter turns clockwise that show it as it stands on the upright page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Drawn {
    pub id: ObjectId,
    pub cover: f32,
    pub turns: u8,
}

struct Interpreter<'a, 'l, 'd> {
    doc: &'a Document,
    limits: &'l mut Limits,
    fonts: &'l mut Fonts<'d>,
    page: Page,
    /// The page's upright width × height, for the share a picture covers.
    area: f32,
    picture: Option<Drawn>,
    state: State,
    saved: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<(f32, f32, f32, f32)>,
    /// Rectangles of the current path (corner, opposite corner), for thin filled ones.
    rects: Vec<(f32, f32, f32, f32)>,
    /// Whether the current path has a curve: then it draws a shape (a glyph a printer drew as
    /// outlines), not a table's borders.
    curved: bool,
    point: (f32, f32),
    start: (f32, f32),
}

/// Reads a page: its glyphs and ruled lines, and its largest picture.
pub(super) fn page(
    doc: &Document,
    id: ObjectId,
    limits: &mut Limits,
    fonts: &mut Fonts<'_>,
) -> Result<(Page, Option<Drawn>), PdfError> {
    let dict = doc.get_dictionary(id).map_err(|e| PdfError::Damaged(format!("页面对象 {} 无法读取（{e}）", id.0)))?;
    let (own, inherited) = doc.get_page_resources(id).unwrap_or((None, Vec::new()));
    let mut res: Resources = own.into_iter().collect();
    res.extend(inherited.iter().filter_map(|&r| doc.get_dictionary(r).ok()));
    let (width, height, rotate) = page_box(doc, dict);
    let content = doc.get_page_content_with_limit(id, limits.left()).map_err(|e| PdfError::from_lopdf(&e))?;
    limits.charge(content.len())?;
    let mut it = Interpreter {
        doc,
        limits,
        fonts,
        page: Page { height, ..Page::default() },
        area: (width * height).max(1.0),
        picture: None,
        state: State {
            ctm: rotate,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        },
        saved: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        path: Vec::new(),
        rects: Vec::new(),
        curved: false,
        point: (0.0, 0.0),
        start: (0.0, 0.0),
    };
    it.run(&content, &res, 0)?;
    Ok((it.page, it.picture))
}

/// The page's width and height, and the transformation that turns a rotated page upright.
fn page_box(doc: &Document, page: &Dictionary) -> (f32, f32, Matrix) {
    let mut media = None;
    let mut rotate = None;
    let mut node = Some(page);
    for _ in 0..32 {
        let Some(d) = node else { break };
        media = media.or_else(|| d.get(b"MediaBox").ok().map(|m| deref(doc, m)).and_then(|m| m.as_array().ok()));
        rotate = rotate.or_else(|| d.get(b"Rotate").ok().and_then(|r| deref(doc, r).as_i64().ok()));
        node = d.get(b"Parent").ok().map(|p| deref(doc, p)).and_then(|p| p.as_dict().ok());
    }
    let b: Vec<f32> = media.map(|m| m.iter().filter_map(|v| number(deref(doc, v))).collect()).unwrap_or_default();
    let (x0, y0, x1, y1) = match b[..] {
        [a, b, c, d] => (a.min(c), b.min(d), a.max(c), b.max(d)),
        _ => (0.0, 0.0, 595.0, 842.0),
    };
    let (w, h) = (x1 - x0, y1 - y0);
    let origin = Matrix::translate(-x0, -y0);
    match rotate.unwrap_or(0).rem_euclid(360) {
        90 => (h, w, origin.then(Matrix([0.0, -1.0, 1.0, 0.0, 0.0, w]))),
        180 => (w, h, origin.then(Matrix([-1.0, 0.0, 0.0, -1.0, w, h]))),
        270 => (h, w, origin.then(Matrix([0.0, 1.0, -1.0, 0.0, h, 0.0]))),
        _ => (w, h, origin),
    }
}

/// Where an image drawn through `ctm` stands: the unit square's sides are the picture's, its
/// top row at the square's top; the axis that points up the page says how the picture is turned.
fn placed(id: ObjectId, ctm: Matrix, page_area: f32) -> Drawn {
    let [a, b, c, d, ..] = ctm.0;
    let cover = ((a * d - b * c).abs() / page_area).min(1.0);
    // The picture's "up" (its y axis, (c, d)) on the page: up, right, down or left.
    let turns = if d.abs() >= c.abs() {
        if d >= 0.0 {
            0
        } else {
            2
        }
    } else if c < 0.0 {
        // Its top is to the left: a quarter turn anticlockwise, three clockwise.
        3
    } else {
        1
    };
    Drawn { id, cover, turns }
}

impl<'a> Interpreter<'a, '_, '_> {
    fn run(&mut self, content: &[u8], res: &Resources<'a>, depth: usize) -> Result<(), PdfError> {
        // A content stream that does not parse to the end still gives what came before the fault.
        let ops = Content::decode(content).map(|c| c.operations).unwrap_or_default();
        self.limits.count_ops(ops.len())?;
        for op in &ops {
            let o = &op.operands;
            let n = |i: usize| o.get(i).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if self.saved.len() < MAX_SAVED_STATES => self.saved.push(self.state.clone()),
                "Q" => {
                    if let Some(s) = self.saved.pop() {
                        self.state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from(o) {
                        self.state.ctm = m.then(self.state.ctm);
                    }
                }
                "BT" => {
                    self.tm = Matrix::IDENTITY;
                    self.tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    self.state.size = n(1);
                    self.state.font = match o.first().and_then(|f| f.as_name().ok()) {
                        Some(name) => self.font(res, name)?,
                        None => None,
                    };
                }
                "Tc" => self.state.char_space = n(0),
                "Tw" => self.state.word_space = n(0),
                "Tz" => self.state.scale = n(0) / 100.0,
                "TL" => self.state.leading = n(0),
                "Ts" => self.state.rise = n(0),
                "Td" => self.next_line(n(0), n(1)),
                "TD" => {
                    self.state.leading = -n(1);
                    self.next_line(n(0), n(1));
                }
                "Tm" => {
                    if let Some(m) = Matrix::from(o) {
                        self.tm = m;
                        self.tlm = m;
                    }
                }
                "T*" => self.next_line(0.0, -self.state.leading),
                "Tj" => self.show(o.first())?,
                "'" => {
                    self.next_line(0.0, -self.state.leading);
                    self.show(o.first())?;
                }
                "\"" => {
                    self.state.word_space = n(0);
                    self.state.char_space = n(1);
                    self.next_line(0.0, -self.state.leading);
                    self.show(o.get(2))?;
                }
                "TJ" => {
                    for item in o.first().and_then(|a| a.as_array().ok()).map_or(&[][..], |a| &a[..]) {
                        match number(item) {
                            Some(adjust) => {
                                let tx = -adjust / 1000.0 * self.state.size * self.state.scale;
                                self.tm = Matrix::translate(tx, 0.0).then(self.tm);
                            }
                            None => self.show(Some(item))?,
                        }
                    }
                }
                "m" => {
                    self.point = self.state.ctm.apply(n(0), n(1));
                    self.start = self.point;
                }
                "l" => {
                    let p = self.state.ctm.apply(n(0), n(1));
                    self.path.push((self.point.0, self.point.1, p.0, p.1));
                    self.point = p;
                }
                "c" | "v" | "y" => {
                    let k = o.len().saturating_sub(2);
                    self.point = self.state.ctm.apply(n(k), n(k + 1));
                    self.curved = true;
                }
                "h" => {
                    self.path.push((self.point.0, self.point.1, self.start.0, self.start.1));
                    self.point = self.start;
                }
                "re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let c = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].map(|(a, b)| self.state.ctm.apply(a, b));
                    for i in 0..4 {
                        let (p, q) = (c[i], c[(i + 1) % 4]);
                        self.path.push((p.0, p.1, q.0, q.1));
                    }
                    self.rects.push((c[0].0, c[0].1, c[2].0, c[2].1));
                    self.point = c[0];
                    self.start = c[0];
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => self.paint(true),
                "f" | "F" | "f*" => self.paint(false),
                "n" => self.paint_none(),
                "Do" => {
                    if let Some(name) = o.first().and_then(|f| f.as_name().ok()) {
                        self.draw_object(res, name, depth)?;
                    }
                }
                "BI" | "EI" => self.page.images += 1,
                _ => {}
            }
        }
        Ok(())
    }

    fn next_line(&mut self, x: f32, y: f32) {
        self.tlm = Matrix::translate(x, y).then(self.tlm);
        self.tm = self.tlm;
    }

    /// The font a `Tf` names, read once per file; `None` if the name is not a font.
    fn font(&mut self, res: &Resources<'a>, name: &[u8]) -> Result<Option<Rc<Font>>, PdfError> {
        let Some(Object::Dictionary(dict)) = resource(self.doc, res, b"Font", name) else { return Ok(None) };
        let key = std::ptr::from_ref(dict) as usize;
        if let Some(f) = self.fonts.read.get(&key) {
            return Ok(Some(f.clone()));
        }
        let (legacy, gbk) = (self.fonts.legacy, &mut self.fonts.gbk);
        let gbk = || {
            let text = gbk.get_or_insert_with(|| legacy(&font::gbk_codes()).map(|t| t.chars().collect()));
            text.clone()
        };
        let font = Rc::new(Font::load(self.doc, dict, self.limits, gbk)?);
        self.fonts.read.insert(key, font.clone());
        Ok(Some(font))
    }

    fn show(&mut self, string: Option<&Object>) -> Result<(), PdfError> {
        let (Some(font), Some(Ok(bytes))) = (self.state.font.clone(), string.map(Object::as_str)) else {
            return Ok(());
        };
        let s = &self.state;
        for (code, space) in font.codes(bytes) {
            let m = self.tm.then(s.ctm);
            let adv = (font.advance(code) * s.size + s.char_space + if space { s.word_space } else { 0.0 }) * s.scale;
            let (x, y) = m.apply(0.0, s.rise);
            let (x1, _) = m.apply(adv, s.rise);
            let size = s.size * (m.0[2] * m.0[2] + m.0[3] * m.0[3]).sqrt();
            if x.is_finite() && y.is_finite() && size.is_finite() {
                self.page.glyphs.push(Glyph { x, y, w: x1 - x, size, text: font.text(code) });
            }
            self.tm = Matrix::translate(adv, 0.0).then(self.tm);
        }
        if self.page.glyphs.len() > MAX_PAGE_GLYPHS {
            return Err(PdfError::TooComplex);
        }
        self.limits.count_glyphs(bytes.len())
    }

    /// A path painted: its horizontal and vertical strokes, or its thin filled rectangles, are
    /// ruled lines.
    fn paint(&mut self, stroke: bool) {
        let axis = |x0: f32, y0: f32, x1: f32, y1: f32| {
            let r = Rule { x0: x0.min(x1), y0: y0.min(y1), x1: x0.max(x1), y1: y0.max(y1) };
            let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
            (w.is_finite() && h.is_finite() && (w < 0.5 || h < 0.5) && w.max(h) > 1.0).then_some(r)
        };
        if stroke && !self.curved {
            let rules: Vec<Rule> = self.path.iter().filter_map(|&(a, b, c, d)| axis(a, b, c, d)).collect();
            self.page.rules.extend(rules);
        } else if !stroke {
            for &(x0, y0, x1, y1) in &self.rects {
                let r = Rule { x0: x0.min(x1), y0: y0.min(y1), x1: x0.max(x1), y1: y0.max(y1) };
                let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
                if h < RULE_THICKNESS && w > h * 2.0 {
                    let y = (r.y0 + r.y1) / 2.0;
                    self.page.rules.push(Rule { y0: y, y1: y, ..r });
                } else if w < RULE_THICKNESS && h > w * 2.0 {
                    let x = (r.x0 + r.x1) / 2.0;
                    self.page.rules.push(Rule { x0: x, x1: x, ..r });
                }
            }
        }
        self.paint_none();
    }

    fn paint_none(&mut self) {
        self.path.clear();
        self.rects.clear();
        self.curved = false;
    }

    /// `Do`: a Form XObject is run in place; an image is counted, and kept if it is the largest.
    fn draw_object(&mut self, res: &Resources<'a>, name: &[u8], depth: usize) -> Result<(), PdfError> {
        let Some(Object::Stream(s)) = resource(self.doc, res, b"XObject", name) else { return Ok(()) };
        match s.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                self.page.images += 1;
                let id = res.iter().find_map(|r| {
                    let group = deref(self.doc, r.get(b"XObject").ok()?).as_dict().ok()?;
                    group.get(name).ok()?.as_reference().ok()
                });
                let drawn = id.map(|id| placed(id, self.state.ctm, self.area));
                if drawn.is_some_and(|d| self.picture.is_none_or(|p| d.cover > p.cover)) {
                    self.picture = drawn;
                }
            }
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                let content = self.limits.inflate(s)?;
                let mut inner: Resources = Vec::new();
                if let Some(r) =
                    s.dict.get(b"Resources").ok().map(|r| deref(self.doc, r)).and_then(|r| r.as_dict().ok())
                {
                    inner.push(r);
                }
                inner.extend(res.iter().copied());
                let saved = (self.state.clone(), self.tm, self.tlm, self.saved.len());
                if let Some(m) =
                    s.dict.get(b"Matrix").ok().and_then(|m| m.as_array().ok()).and_then(|m| Matrix::from(m))
                {
                    self.state.ctm = m.then(self.state.ctm);
                }
                self.run(&content, &inner, depth + 1)?;
                (self.state, self.tm, self.tlm) = (saved.0, saved.1, saved.2);
                self.saved.truncate(saved.3);
            }
            _ => {}
        }
        Ok(())
    }
}
