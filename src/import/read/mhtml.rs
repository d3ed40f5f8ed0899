//! A web page saved as one file (.mht/.mhtml: 「网页，单个文件」 in Chromium, Edge and 360, 「单个
//! 文件网页」 in Word and WPS): a MIME message whose first text/html part is the page. The part is
//! unwrapped here (quoted-printable or base64) and then read like any web page; its charset is
//! told by the bytes, as for a page saved on its own.

use super::{decode as text_of, html, Document};
use crate::import::{ImportError, LegacyDecoder};
use base64::Engine;

/// Whether a file is a saved single-file page by a MIME header at its top.
pub(crate) fn is_mime(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]).to_ascii_lowercase();
    head.contains("mime-version:") && head.contains("multipart/related")
}

/// The lines of the page in the message, its charset told by its bytes.
pub(crate) fn read(bytes: &[u8], legacy: LegacyDecoder) -> Result<Document, ImportError> {
    let page = page(bytes)?;
    let text = text_of(&page).or_else(|_| legacy(&page).ok_or(ImportError::Encoding))?;
    Ok(html::page(&text))
}

/// The bytes of the page in the message.
pub fn page(bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let damaged = |why: &str| ImportError::SavedPage(why.to_string());
    let (headers, body) = split_headers(bytes);
    let content_type = header(&headers, "content-type").unwrap_or_default();
    let Some(boundary) = parameter(&content_type, "boundary") else {
        // A message of one part: the page itself.
        return decode(&headers, body).ok_or_else(|| damaged("的正文编码无法识别"));
    };
    let delimiter = format!("--{boundary}");
    parts(body, delimiter.as_bytes())
        .into_iter()
        .map(split_headers)
        .find(|(h, _)| header(h, "content-type").is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html")))
        .ok_or_else(|| damaged("中没有网页正文"))
        .and_then(|(h, b)| decode(&h, b).ok_or_else(|| damaged("的正文编码无法识别")))
}

/// A part's header lines (continuations unfolded) and its body.
fn split_headers(part: &[u8]) -> (Vec<String>, &[u8]) {
    let part = part.strip_prefix(b"\r\n").or_else(|| part.strip_prefix(b"\n")).unwrap_or(part);
    let end = (0..part.len())
        .find_map(|i| {
            if part[i..].starts_with(b"\r\n\r\n") {
                Some((i, i + 4))
            } else if part[i..].starts_with(b"\n\n") {
                Some((i, i + 2))
            } else {
                None
            }
        })
        .unwrap_or((part.len(), part.len()));
    let mut headers: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&part[..end.0]).lines() {
        match headers.last_mut() {
            Some(last) if line.starts_with([' ', '\t']) => last.push_str(line),
            _ => headers.push(line.to_string()),
        }
    }
    (headers, &part[end.1..])
}

/// A header's value, by its name in any case.
fn header(headers: &[String], name: &str) -> Option<String> {
    headers.iter().find_map(|h| {
        let (n, v) = h.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// A parameter of a header value: `boundary="----=_NextPart_01D…"`.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').find_map(|p| {
        let (n, v) = p.split_once('=')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The bodies between the delimiter lines, up to the closing one.
fn parts<'a>(body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut at: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(k) = body[i..].windows(delimiter.len()).position(|w| w == delimiter) {
        at.push(i + k);
        i += k + delimiter.len();
    }
    at.windows(2).map(|w| &body[w[0] + delimiter.len()..w[1]]).collect()
}

/// A part's body as its transfer encoding wrote it: quoted-printable, base64, or as is.
fn decode(headers: &[String], body: &[u8]) -> Option<Vec<u8>> {
    match header(headers, "content-transfer-encoding").map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("quoted-printable") => Some(quoted_printable(body)),
        Some("base64") => {
            let compact: Vec<u8> = body.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
            base64::engine::general_purpose::STANDARD.decode(compact).ok()
        }
        _ => Some(body.to_vec()),
    }
}

/// `=E6=B7=AE` a byte each, `=` at a line's end a soft break.
fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        match body[i..] {
            [b'=', b'\r', b'\n', ..] => i += 3,
            [b'=', b'\n', ..] => i += 2,
            [b'=', h, l, ..] if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            [b, ..] => {
                out.push(b);
                i += 1;
            }
            [] => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_undoes_escapes_and_soft_breaks() {
        assert_eq!(quoted_printable(b"=E6=B7=AE=\r\n=E5=AE=89 a=3Db=\nc"), "淮安 a=bc".as_bytes());
        assert_eq!(quoted_printable(b"50=25 =Z"), b"50% =Z", "a stray = is kept");
    }

    #[test]
    fn the_first_html_part_is_the_page() {
        let message = "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----=_Part_1\"\r\n\r\n\
            ------=_Part_1\r\nContent-Type: text/css\r\n\r\np{}\r\n\
            ------=_Part_1\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+5reu\r\n5a6JPC9wPg==\r\n\
            ------=_Part_1--\r\n";
        assert!(is_mime(message.as_bytes()));
        assert_eq!(page(message.as_bytes()).unwrap(), "<p>淮安</p>".as_bytes());
        let no_page = message.replace("text/html", "image/png");
        let said = page(no_page.as_bytes()).unwrap_err().to_string();
        assert!(said.starts_with("单个文件网页（.mht）中没有网页正文：请在浏览器中打开该网页"), "{said}");
    }
}
