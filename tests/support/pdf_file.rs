//! Small PDFs written byte by byte, for the tests and the benches: the file around numbered
//! objects, and pages built to cost what they once did.

/// A PDF of `objects` (numbered from 1, the first the catalog), `extra` in its trailer.
pub fn pdf(objects: &[Vec<u8>], extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R {extra} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}

pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend(data);
    s.extend(b"\nendstream");
    s
}

/// One page of `content` with the fonts `fonts` (`/F1 … R` entries) and the objects after it.
fn page(fonts: &str, content: &str, rest: impl IntoIterator<Item = Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << {fonts} >> >> /Contents 4 0 R >>")
            .into_bytes(),
        stream("", format!("BT {content} ET").as_bytes()),
    ];
    objects.extend(rest);
    pdf(&objects, "")
}

/// `n` fonts sharing one ToUnicode CMap, and widths, that cover all 65,536 codes.
pub fn fonts_sharing_a_whole_cmap(n: usize) -> Vec<u8> {
    let fonts: String = (0..n).map(|i| format!("/F{i} {} 0 R ", 6 + i)).collect();
    let content: String = (0..n).map(|i| format!("/F{i} 10 Tf 1 0 0 1 50 {} Tm <0041> Tj ", 700 - i % 600)).collect();
    let cmap = stream("", b"begincmap 1 beginbfrange <0000> <FFFF> <4E00> endbfrange endcmap");
    let font = b"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode 5 0 R \
        /DescendantFonts [<< /Subtype /CIDFontType2 /W [0 65535 500] >>] >>";
    page(&fonts, &content, std::iter::once(cmap).chain((0..n).map(|_| font.to_vec())))
}

/// One font of `n` widths written inside the page's resources, chosen `n` times.
pub fn inline_font_chosen(n: usize) -> Vec<u8> {
    let font =
        format!("<< /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [<< /W [0 [{}]] >>] >>", "500 ".repeat(n));
    page(&format!("/F1 {font}"), &"/F1 10 Tf 1 0 0 1 50 700 Tm <0041> Tj ".repeat(n), [])
}

/// `n` lines of one glyph each, none a figure: every line a label line for the borderless
/// table reader.
pub fn label_lines(n: usize) -> Vec<u8> {
    let font = "<< /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [<< /W [] >>] >>";
    page(&format!("/F1 {font}"), &format!("/F1 10 Tf {}", "0 -12 Td <0041> Tj ".repeat(n)), [])
}

/// How [`text_pdf`] writes its characters: as word processors do (Identity-H codes, a ToUnicode
/// CMap, widths), or, as a "print to PDF" that left 宋体 unembedded, through a predefined CMap
/// with no map to Unicode, whose codes are the characters' UCS-2 or GBK (given by the encoder).
pub enum Codes<'e> {
    Identity,
    Ucs2,
    Gbk(&'e dyn Fn(&str) -> Vec<u8>),
}

/// A PDF of `text` as a word processor lays it out, uncompressed: one CID font, 40 lines a page,
/// a markdown table row's cells side by side with a gap.
pub fn text_pdf(text: &str, codes: Codes) -> Vec<u8> {
    text_pdf_drawn(text, codes, None)
}

/// [`text_pdf`] with each page's text in a form XObject the page draws (`/Fm1 Do`), as some
/// producers write their pages, on a page turned by `/Rotate` (0, 90, 180 or 270) and drawn turned
/// back, so that it shows upright: a landscape sheet a viewer turns to portrait.
pub fn text_pdf_in_forms(text: &str, rotate: u16) -> Vec<u8> {
    text_pdf_drawn(text, Codes::Identity, Some(rotate))
}

fn text_pdf_drawn(text: &str, codes: Codes, forms: Option<u16>) -> Vec<u8> {
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
    chars.sort_unstable();
    chars.dedup();
    let cid = |c: char| chars.binary_search(&c).map_or(0, |i| i + 1);
    let hex = |cell: &str| -> String {
        let cell: String = cell.chars().filter(|c| !c.is_control()).collect();
        match &codes {
            Codes::Identity => cell.chars().map(|c| format!("{:04X}", cid(c))).collect(),
            Codes::Ucs2 => cell.encode_utf16().map(|u| format!("{u:04X}")).collect(),
            Codes::Gbk(encode) => encode(&cell).iter().map(|b| format!("{b:02X}")).collect(),
        }
    };
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty() && !l.starts_with("|-") && !l.starts_with("| -"))
        .map(|l| l.trim_matches('|').split(['|', '\t']).map(str::trim).filter(|c| !c.is_empty()).collect())
        .collect();
    let pages: Vec<&[Vec<&str>]> = lines.chunks(40).collect();
    // Objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 ToUnicode, then a page and its content each.
    let mut objects: Vec<String> = Vec::new();
    // Each page is its object and its content, and with `forms` the form its content draws.
    let per_page = if forms.is_some() { 3 } else { 2 };
    let kids: Vec<String> = (0..pages.len()).map(|p| format!("{} 0 R", 6 + per_page * p)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()));
    let (encoding, to_unicode, widths) = match codes {
        Codes::Identity => (
            "Identity-H",
            "/ToUnicode 5 0 R",
            chars.iter().map(|c| if c.is_ascii() { "500" } else { "1000" }).collect::<Vec<_>>().join(" "),
        ),
        Codes::Ucs2 => ("UniGB-UCS2-H", "", String::new()),
        Codes::Gbk(_) => ("GBK-EUC-H", "", String::new()),
    };
    objects.push(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /{encoding} /DescendantFonts [4 0 R] {to_unicode} >>"
    ));
    objects.push(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 [{widths}]] >>"
    ));
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
    for block in chars.chunks(100) {
        cmap += &format!("{} beginbfchar\n", block.len());
        for &c in block {
            let mut utf16 = [0u16; 2];
            let units: String = c.encode_utf16(&mut utf16).iter().map(|u| format!("{u:04X}")).collect();
            cmap += &format!("<{:04X}> <{units}>\n", cid(c));
        }
        cmap += "endbfchar\n";
    }
    cmap += "endcmap CMapName currentdict /CMap defineresource pop end end";
    objects.push(String::from_utf8(stream("", cmap.as_bytes())).expect("ASCII"));
    for (p, page) in pages.iter().enumerate() {
        let at = 6 + per_page * p;
        objects.push(if let Some(rotate) = forms {
            let media = if rotate % 180 == 0 { "595 842" } else { "842 595" };
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {media}] /Rotate {rotate} /Resources << /XObject << /Fm1 {} 0 R >> >> /Contents {} 0 R >>", at + 2, at + 1)
        } else {
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>", at + 1)
        });
        let mut content = String::from("BT\n");
        for (l, cells) in page.iter().enumerate() {
            let y = 800 - 19 * l;
            let mut x = 56.0;
            for cell in cells {
                content += &format!("/F1 10.5 Tf 1 0 0 1 {x} {y} Tm <{}> Tj\n", hex(cell));
                x += 24.0 + cell.chars().map(|c| if c.is_ascii() { 5.25 } else { 10.5 }).sum::<f64>();
            }
        }
        content += "ET";
        if let Some(rotate) = forms {
            // The upright page's coordinates in the turned one's.
            let turn = match rotate {
                90 => "0 1 -1 0 842 0",
                180 => "-1 0 0 -1 595 842",
                270 => "0 -1 1 0 0 595",
                _ => "1 0 0 1 0 0",
            };
            objects.push(String::from_utf8(stream("", format!("q {turn} cm /Fm1 Do Q").as_bytes())).expect("ASCII"));
            let form = "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>";
            objects.push(String::from_utf8(stream(form, content.as_bytes())).expect("ASCII"));
        } else {
            objects.push(String::from_utf8(stream("", content.as_bytes())).expect("ASCII"));
        }
    }
    let objects: Vec<Vec<u8>> = objects.into_iter().map(String::into_bytes).collect();
    pdf(&objects, "")
}
