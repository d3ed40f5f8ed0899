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
