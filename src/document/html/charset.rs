//! The character encoding of an HTML or XHTML file: a byte order mark wins, then the
//! `<meta charset>` or `http-equiv` of the page (or an XML declaration's `encoding`),
//! then UTF-8 if the bytes are UTF-8, else Windows-1252 (what browsers assume).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the file the encoding is looked for (browsers look at 1024 bytes; saved
/// pages often have a long head).
const PRESCAN: usize = 4096;

/// Why bytes are not a text page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotText {
    /// Where the first NUL byte is.
    pub offset: usize,
}

/// The bytes decoded as the page says; a NUL byte (outside UTF-16) makes them binary.
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(NotText { offset });
    }
    let encoding = declared(&bytes[..bytes.len().min(PRESCAN)]).unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            UTF_8
        } else {
            WINDOWS_1252
        }
    });
    // A page that says UTF-16 but has no BOM is ASCII-compatible here (as browsers do).
    let encoding = if encoding.is_single_byte() || encoding == UTF_8 {
        encoding
    } else if encoding.output_encoding() == UTF_8 {
        UTF_8
    } else {
        encoding
    };
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// The encoding the page declares in its first bytes.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    // <?xml version="1.0" encoding="iso-8859-1"?>
    if lower.starts_with(b"<?xml")
        && let Some(end) = find(&lower, b"?>", 0)
        && let Some(at) = find(&lower[..end], b"encoding", 0)
        && let Some(e) = value_after(&lower[at + 8..end])
    {
        return Encoding::for_label(e);
    }
    let mut from = 0;
    while let Some(at) = find(&lower, b"<meta", from) {
        let end = find(&lower, b">", at).unwrap_or(lower.len());
        let tag = &lower[at..end];
        if let Some(c) = find(tag, b"charset", 0)
            && let Some(label) = value_after(&tag[c + 7..])
            && let Some(e) = Encoding::for_label(label)
        {
            return Some(e);
        }
        from = end;
    }
    None
}

/// The value after `=` (quoted or not), skipping spaces: `= "utf-8"` → `utf-8`.
fn value_after(s: &[u8]) -> Option<&[u8]> {
    let s = trim_start(s);
    let s = trim_start(s.strip_prefix(b"=")?);
    let s = s
        .strip_prefix(b"\"")
        .or_else(|| s.strip_prefix(b"'"))
        .unwrap_or(s);
    let end = s
        .iter()
        .position(|&b| {
            matches!(
                b,
                b'"' | b'\'' | b';' | b' ' | b'/' | b'>' | b'\t' | b'\n' | b'\r'
            )
        })
        .unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1252() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>Gr\xf6\xdfe</body>";
        assert!(decode(page).expect("text").contains("Größe"));
    }

    #[test]
    fn http_equiv_latin1() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>\xc4rger</body>";
        assert!(decode(page).expect("text").contains("Ärger"));
    }

    #[test]
    fn bom_wins_over_meta() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=\"windows-1252\"><p>Größe".as_bytes());
        assert!(decode(&page).expect("text").contains("Größe"));
    }

    #[test]
    fn utf8_without_declaration_and_latin1_fallback() {
        assert!(
            decode("<p>Straße".as_bytes())
                .expect("text")
                .contains("Straße")
        );
        assert!(decode(b"<p>Stra\xdfe").expect("text").contains("Straße"));
    }

    #[test]
    fn xml_declaration() {
        let page =
            b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><html><body>\xfcber</body></html>";
        assert!(decode(page).expect("text").contains("über"));
    }

    #[test]
    fn nul_is_binary() {
        assert_eq!(decode(b"<html>\0\x01"), Err(NotText { offset: 6 }));
    }
}
