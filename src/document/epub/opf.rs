//! `META-INF/container.xml` (where the package document is) and the package document
//! (OPF): the metadata, the manifest, the spine and the navigation.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::BookError;
use super::path::resolve;

/// One file of the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its path inside the zip.
    pub path: String,
    pub media_type: String,
    pub properties: String,
}

/// What the package document says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Package {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub manifest: HashMap<String, Item>,
    /// Paths of the spine's items, in reading order (`linear="no"` ones too).
    pub spine: Vec<String>,
    /// Spine references to items the manifest does not have.
    pub unknown_spine: Vec<String>,
    /// The EPUB 3 navigation document's path.
    pub nav: Option<String>,
    /// The EPUB 2 NCX's path.
    pub ncx: Option<String>,
}

/// The path of the package document, from `META-INF/container.xml`.
pub fn rootfile(container: &str) -> Result<String, BookError> {
    let mut reader = Reader::from_str(container);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "rootfile" => {
                let media = attr(&e, "media-type");
                if let Some(path) = attr(&e, "full-path")
                    && media
                        .as_deref()
                        .is_none_or(|m| m == "application/oebps-package+xml")
                {
                    return Ok(path);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(xml_error("META-INF/container.xml", &reader, &e)),
        }
    }
    Err(BookError::NotEpub(
        "META-INF/container.xml names no package document (rootfile)".into(),
    ))
}

/// Read the package document at `opf_path` (hrefs are relative to it).
pub fn package(opf: &str, opf_path: &str) -> Result<Package, BookError> {
    let mut reader = Reader::from_str(opf);
    let mut p = Package::default();
    let mut spine_ids = Vec::new();
    let mut toc_id = None;
    // The metadata element being read (title, creator) and its text so far.
    let mut field: Option<(String, String)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(opf_path, &reader, &e))?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "title" | "creator" if field.is_none() => {
                        let role = attr(&e, "role");
                        if name == "title" || role.as_deref().is_none_or(|r| r == "aut") {
                            field = Some((name, String::new()));
                        }
                    }
                    "item" => {
                        // One pass over the attributes (a long book has thousands of items).
                        let [id, href, media_type, properties] =
                            attrs(&e, ["id", "href", "media-type", "properties"]);
                        if let (Some(id), Some(href)) = (id, href) {
                            let item = Item {
                                path: resolve(opf_path, &href),
                                media_type: media_type.unwrap_or_default(),
                                properties: properties.unwrap_or_default(),
                            };
                            p.manifest.insert(id, item);
                        }
                    }
                    "spine" => toc_id = attr(&e, "toc"),
                    "itemref" => {
                        if let Some(id) = attr(&e, "idref") {
                            spine_ids.push(id);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = &mut field {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, text)) = &mut field {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = &mut field {
                    push_ref(text, &r);
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                if let Some((f, text)) = field.take_if(|(f, _)| f == name.as_ref()) {
                    let text = crate::document::html::space::collapse(&text);
                    if text.is_empty() {
                    } else if f == "title" {
                        p.title.get_or_insert(text);
                    } else if !p.authors.contains(&text) {
                        p.authors.push(text);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for id in spine_ids {
        match p.manifest.get(&id) {
            Some(item) => p.spine.push(item.path.clone()),
            None => p.unknown_spine.push(id),
        }
    }
    p.nav = p
        .manifest
        .values()
        .find(|i| i.properties.split_whitespace().any(|w| w == "nav"))
        .map(|i| i.path.clone());
    p.ncx = toc_id
        .and_then(|id| p.manifest.get(&id))
        .or_else(|| {
            p.manifest
                .values()
                .find(|i| i.media_type == "application/x-dtbncx+xml")
        })
        .map(|i| i.path.clone());
    Ok(p)
}

/// An attribute's value, entities resolved.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let [value] = attrs(e, [name]);
    value
}

/// The values of the attributes `names` (by local name), in one pass.
pub fn attrs<const N: usize>(e: &BytesStart<'_>, names: [&str; N]) -> [Option<String>; N] {
    let mut out = [const { None }; N];
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name();
        if let Some(i) = names.iter().position(|n| *n == key.as_ref())
            && out[i].is_none()
        {
            out[i] = Some(if a.value.contains('&') {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
            } else {
                a.value.to_string()
            });
        }
    }
    out
}

/// An entity or character reference in text.
pub fn push_ref(text: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        text.push(c);
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r) {
        text.push_str(s);
    } else if let Some(c) = html_entity(r) {
        text.push(c);
    }
}

/// The HTML entities that EPUB 2 files use without declaring them.
fn html_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "mdash" => '—',
        "ndash" => '–',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "raquo" => '»',
        "laquo" => '«',
        "hellip" => '…',
        _ => return None,
    })
}

/// A malformed XML file, with the place.
pub fn xml_error(file: &str, reader: &Reader<&[u8]>, e: &quick_xml::Error) -> BookError {
    BookError::Malformed {
        entry: file.to_string(),
        place: format!("byte {}", reader.error_position()),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_names_the_package() {
        let c = r#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        assert_eq!(rootfile(c).expect("rootfile"), "OEBPS/content.opf");
    }

    #[test]
    fn package_reads_metadata_spine_and_nav() {
        let opf = r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
 <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>Die Verwandlung &amp; andere</dc:title>
  <dc:creator opf:role="aut">Franz Kafka</dc:creator>
 </metadata>
 <manifest>
  <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
  <item id="c1" href="Text/kapitel%201.xhtml" media-type="application/xhtml+xml"/>
  <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
 </manifest>
 <spine toc="ncx"><itemref idref="c1"/><itemref idref="gone"/></spine>
</package>"#;
        let p = package(opf, "OEBPS/content.opf").expect("package");
        assert_eq!(p.title.as_deref(), Some("Die Verwandlung & andere"));
        assert_eq!(p.authors, vec!["Franz Kafka".to_string()]);
        assert_eq!(p.spine, vec!["OEBPS/Text/kapitel 1.xhtml".to_string()]);
        assert_eq!(p.unknown_spine, vec!["gone".to_string()]);
        assert_eq!(p.nav.as_deref(), Some("OEBPS/nav.xhtml"));
        assert_eq!(p.ncx.as_deref(), Some("OEBPS/toc.ncx"));
    }
}
