//! Paths inside an EPUB: an href relative to the file that holds it, percent-decoded,
//! `..` resolved.

use std::borrow::Cow;

/// The zip path of `href` (no fragment) as written in the file at `base`.
pub fn resolve(base: &str, href: &str) -> String {
    let href = decode(href);
    if is_plain(&href) {
        return match base.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{href}"),
            None => href.into_owned(),
        };
    }
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

/// The usual href (`k1.xhtml`, `Text/k1.xhtml`): relative, without `.`, `..` or empty
/// parts; its path is the base's folder and the href.
fn is_plain(href: &str) -> bool {
    !href.starts_with('/') && href.split('/').all(|p| !matches!(p, "" | "." | ".."))
}

/// Whether `href` (no fragment) in the file at `base` names the zip path `target`; a
/// plain href is compared without building its path.
pub fn names(base: &str, href: &str, target: &str) -> bool {
    if href.contains('%') || !is_plain(href) {
        return resolve(base, href) == target;
    }
    match base.rsplit_once('/') {
        Some((folder, _)) => target
            .strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|rest| rest == href),
        None => target == href,
    }
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
    (path, decode(fragment).into_owned())
}

/// `%20` and the like decoded (bytes that do not make UTF-8 are kept as written).
fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
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
    String::from_utf8(out).map_or(Cow::Borrowed(s), Cow::Owned)
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
        assert_eq!(resolve("OEBPS/content.opf", "./a.xhtml"), "OEBPS/a.xhtml");
        assert_eq!(resolve("OEBPS/content.opf", "/b/a.xhtml"), "b/a.xhtml");
        assert_eq!(resolve("/content.opf", "a.xhtml"), "/a.xhtml");
        assert_eq!(
            resolve("OEBPS/x/nav.xhtml", "a//b.xhtml"),
            "OEBPS/x/a/b.xhtml"
        );
        assert_eq!(resolve("a/b/c.opf", "../../../d.xhtml"), "d.xhtml");
        for (base, href) in [
            ("OEBPS/nav.xhtml", "Text/a.xhtml"),
            ("OEBPS/nav.xhtml", "../OEBPS/Text/a.xhtml"),
            ("OEBPS/nav.xhtml", "Text/a%2Exhtml"),
            ("nav.xhtml", "a.xhtml"),
            ("OEBPS/nav.xhtml", "a.xhtml"),
        ] {
            for target in ["OEBPS/Text/a.xhtml", "a.xhtml", "OEBPS/a.xhtml"] {
                assert_eq!(
                    names(base, href, target),
                    resolve(base, href) == target,
                    "{base} {href} {target}"
                );
            }
        }
        assert_eq!(
            split("OEBPS/a.xhtml", "#fn1"),
            ("OEBPS/a.xhtml".to_string(), "fn1".to_string())
        );
    }
}
