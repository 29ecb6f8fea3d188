//! Paths inside an EPUB: an href relative to the file that holds it, percent-decoded,
//! `..` resolved.

/// The zip path of `href` (no fragment) as written in the file at `base`.
pub fn resolve(base: &str, href: &str) -> String {
    let href = decode(href);
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = base.split('/').collect();
        p.pop();
        p
    };
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// An href split into the file's zip path and the fragment (`""` if none); an href to
/// the same file (`#note3`) is `base`'s.
pub fn split(base: &str, href: &str) -> (String, String) {
    let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = if file.is_empty() {
        base.to_string()
    } else {
        resolve(base, file)
    };
    (path, decode(fragment))
}

/// `%20` and the like decoded (bytes that do not make UTF-8 are kept as written).
fn decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve() {
        assert_eq!(
            resolve("OEBPS/content.opf", "Text/a.xhtml"),
            "OEBPS/Text/a.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/Text/nav.xhtml", "../Text/b%20c.xhtml"),
            "OEBPS/Text/b c.xhtml"
        );
        assert_eq!(resolve("content.opf", "a.xhtml"), "a.xhtml");
        assert_eq!(
            split("OEBPS/a.xhtml", "#fn1"),
            ("OEBPS/a.xhtml".to_string(), "fn1".to_string())
        );
    }
}
