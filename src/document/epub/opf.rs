//! `META-INF/container.xml` (where the package document is) and the package document
//! (OPF): the metadata, the manifest, the spine and the navigation.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::BookError;
use super::path::resolve;

/// What the package document says (the manifest only as far as the spine and the
/// navigation need it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Package {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// Paths of the spine's items, in reading order (`linear="no"` ones too).
    pub spine: Vec<String>,
    /// Spine references to items the manifest does not have.
    pub unknown_spine: Vec<String>,
    /// The EPUB 3 navigation document's path.
    pub nav: Option<String>,
    /// The EPUB 2 NCX's path.
    pub ncx: Option<String>,
}

/// A metadata element whose text is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Creator,
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

/// Read the package document at `opf_path` (hrefs are relative to it). A long book's
/// manifest has thousands of items: each is kept as its id and href only, and only the
/// spine's are resolved to paths.
pub fn package(opf: &str, opf_path: &str) -> Result<Package, BookError> {
    let mut reader = Reader::from_str(opf);
    let mut p = Package::default();
    // The manifest: id → href, as written.
    let mut hrefs: HashMap<String, String> = HashMap::new();
    let mut nav_href = None;
    let mut ncx_href = None;
    let mut spine_ids = Vec::new();
    let mut toc_id = None;
    // The metadata element being read and its text so far.
    let mut field: Option<(Field, String)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(opf_path, &reader, &e))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "title" if field.is_none() => field = Some((Field::Title, String::new())),
                "creator" if field.is_none() && attr(&e, "role").is_none_or(|r| r == "aut") => {
                    field = Some((Field::Creator, String::new()));
                }
                "item" => {
                    let [id, href, media_type, properties] =
                        attrs(&e, ["id", "href", "media-type", "properties"]);
                    if let (Some(id), Some(href)) = (id, href) {
                        let href = href.into_owned();
                        if nav_href.is_none()
                            && properties.is_some_and(|p| p.split_whitespace().any(|w| w == "nav"))
                        {
                            nav_href = Some(href.clone());
                        }
                        if ncx_href.is_none()
                            && media_type.as_deref() == Some("application/x-dtbncx+xml")
                        {
                            ncx_href = Some(href.clone());
                        }
                        hrefs.insert(id.into_owned(), href);
                    }
                }
                "spine" => toc_id = attr(&e, "toc"),
                "itemref" => {
                    if let Some(id) = attr(&e, "idref") {
                        spine_ids.push(id);
                    }
                }
                _ => {}
            },
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
                let name = match e.local_name().as_ref() {
                    "title" => Some(Field::Title),
                    "creator" => Some(Field::Creator),
                    _ => None,
                };
                if let Some((f, text)) = field.take_if(|(f, _)| Some(*f) == name) {
                    let text = crate::document::html::space::collapse(&text);
                    if text.is_empty() {
                    } else if f == Field::Title {
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
        match hrefs.get(&id) {
            Some(href) => p.spine.push(resolve(opf_path, href)),
            None => p.unknown_spine.push(id),
        }
    }
    p.nav = nav_href.map(|h| resolve(opf_path, &h));
    p.ncx = toc_id
        .and_then(|id| hrefs.get(&id).cloned())
        .or(ncx_href)
        .map(|h| resolve(opf_path, &h));
    Ok(p)
}

/// An attribute's value, entities resolved.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let [value] = attrs(e, [name]);
    value.map(Cow::into_owned)
}

/// The values of the attributes `names` (by local name), in one pass, borrowed from the
/// element where they have no entities.
pub fn attrs<'e, const N: usize>(
    e: &'e BytesStart<'_>,
    names: [&str; N],
) -> [Option<Cow<'e, str>>; N] {
    let mut out = [const { None }; N];
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name();
        if let Some(i) = names.iter().position(|n| *n == key.as_ref())
            && out[i].is_none()
        {
            out[i] = Some(if a.value.contains('&') {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_or_else(
                        |_| Cow::Owned(a.value.to_string()),
                        |v| Cow::Owned(v.into_owned()),
                    )
            } else {
                a.value
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
