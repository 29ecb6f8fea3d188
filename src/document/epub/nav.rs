//! The book's chapters from its navigation: the EPUB 3 navigation document (`<nav
//! epub:type="toc">`) or the EPUB 2 NCX (`<navMap>`), with their nesting.

use quick_xml::Reader;
use quick_xml::events::Event;
use scraper::{ElementRef, Html};

use super::BookError;
use super::opf::{attr, attrs, push_ref, xml_error};
use super::path::{names, split};
use crate::document::html::space::{collapse, collapse_owned, is_space};

/// One chapter of the navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub label: String,
    /// 1 at the top.
    pub level: u8,
    /// The zip path of its file.
    pub file: String,
    /// The element id in it (`""`: the file's start).
    pub fragment: String,
}

/// Nesting deeper than this is read at this depth.
const MAX_LEVEL: usize = 6;

/// Which chapters to keep: all, or those in some files only (the first files of a long
/// book, read before its first screen).
#[derive(Debug, Clone, Copy)]
pub enum Keep<'f> {
    All,
    Files(&'f [String]),
}

impl Keep<'_> {
    /// Whether a chapter at `href` in the file at `base` is kept.
    fn keeps(self, base: &str, href: &str) -> bool {
        let Keep::Files(files) = self else {
            return true;
        };
        match href.split_once('#').map_or(href, |(file, _)| file) {
            "" => files.iter().any(|f| f == base),
            file => files.iter().any(|f| names(base, file, f)),
        }
    }
}

/// The chapters kept, and whether the navigation has any at all.
#[derive(Debug, Default)]
pub struct Found {
    pub points: Vec<Point>,
    pub any: bool,
}

impl Found {
    fn keeping(mut points: Vec<Point>, keep: Keep<'_>) -> Found {
        let any = !points.is_empty();
        if let Keep::Files(files) = keep {
            points.retain(|p| files.contains(&p.file));
        }
        Found { points, any }
    }
}

/// The chapters of an EPUB 3 navigation document at `path`: read as XML (quick), or as
/// HTML if it is not well-formed.
pub fn nav_document(source: &str, path: &str, keep: Keep<'_>) -> Found {
    nav_xml(source, path, keep).unwrap_or_else(|| Found::keeping(nav_html(source, path), keep))
}

/// A link of the navigation being read.
struct Link {
    /// Its href, if it is kept.
    href: Option<String>,
    /// Whether it has an href.
    has_href: bool,
}

/// The navigation document read as XML; `None` if it is not well-formed or has no toc.
/// The chapters not kept cost no allocation.
fn nav_xml(source: &str, path: &str, keep: Keep<'_>) -> Option<Found> {
    let mut reader = Reader::from_str(source);
    let mut found = Found::default();
    // Whether the toc's `<nav>` is open.
    let mut in_toc = false;
    let mut lists = 0usize;
    // The link being read, and its label so far.
    let mut link: Option<Link> = None;
    let mut label = String::new();
    let mut seen_toc = false;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "nav" => {
                    let [kind] = attrs(&e, ["type"]);
                    let toc = kind.is_some_and(|t| t.split_whitespace().any(|w| w == "toc"));
                    if toc && !seen_toc {
                        in_toc = true;
                        seen_toc = true;
                        lists = 0;
                    }
                }
                "ol" | "ul" if in_toc => lists += 1,
                "a" | "span" if in_toc && link.is_none() => {
                    let [href] = attrs(&e, ["href"]);
                    let href = href.unwrap_or_default();
                    label.clear();
                    link = Some(Link {
                        has_href: !href.is_empty(),
                        href: keep.keeps(path, &href).then(|| href.into_owned()),
                    });
                }
                _ => {}
            },
            Event::Text(t) if link.is_some() => label.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if link.is_some() => push_ref(&mut label, &r),
            Event::End(e) => match e.local_name().as_ref() {
                "nav" => in_toc = false,
                "ol" | "ul" if in_toc => lists = lists.saturating_sub(1),
                "a" | "span" if in_toc => {
                    if let Some(link) = link.take()
                        && link.has_href
                        && label.split(is_space).any(|w| !w.is_empty())
                    {
                        found.any = true;
                        if let Some(href) = link.href {
                            let (file, fragment) = split(path, &href);
                            found.points.push(Point {
                                label: collapse_owned(label.clone()),
                                level: lists.clamp(1, MAX_LEVEL) as u8,
                                file,
                                fragment,
                            });
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (seen_toc && found.any).then_some(found)
}

/// The navigation document read as HTML, leniently.
fn nav_html(source: &str, path: &str) -> Vec<Point> {
    let html = Html::parse_document(source);
    let navs: Vec<ElementRef<'_>> = html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "nav")
        .collect();
    let toc = navs
        .iter()
        .find(|n| {
            n.value()
                .attr("epub:type")
                .is_some_and(|t| t.split_whitespace().any(|w| w == "toc"))
        })
        .or(navs.first());
    let mut out = Vec::new();
    if let Some(nav) = toc
        && let Some(list) = nav
            .children()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "ol" || e.value().name() == "ul")
    {
        list_points(list, 1, path, &mut out);
    }
    out
}

fn list_points(list: ElementRef<'_>, level: usize, path: &str, out: &mut Vec<Point>) {
    for li in list
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "li")
    {
        for child in li.children().filter_map(ElementRef::wrap) {
            match child.value().name() {
                "a" | "span" => {
                    let label = collapse(&child.text().collect::<String>());
                    if let Some(href) = child.value().attr("href")
                        && !label.is_empty()
                    {
                        let (file, fragment) = split(path, href);
                        out.push(Point {
                            label,
                            level: level.min(MAX_LEVEL) as u8,
                            file,
                            fragment,
                        });
                    }
                }
                "ol" | "ul" => list_points(child, level + 1, path, out),
                _ => {}
            }
        }
    }
}

/// The chapters of an EPUB 2 NCX at `path` (all read, then those not kept dropped).
pub fn ncx(source: &str, path: &str, keep: Keep<'_>) -> Result<Found, BookError> {
    ncx_points(source, path).map(|points| Found::keeping(points, keep))
}

fn ncx_points(source: &str, path: &str) -> Result<Vec<Point>, BookError> {
    let mut reader = Reader::from_str(source);
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Per open navPoint: its label so far, and its point's index once its content is seen.
    let mut open: Vec<(String, Option<usize>)> = Vec::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(path, &reader, &e))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "navPoint" => {
                    depth += 1;
                    open.push((String::new(), None));
                }
                "text" if !open.is_empty() => in_text = true,
                "navList" | "pageList" if open.is_empty() => break,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "content" => {
                if let (Some(src), Some((label, point))) = (attr(&e, "src"), open.last_mut()) {
                    let (file, fragment) = split(path, &src);
                    *point = Some(out.len());
                    out.push(Point {
                        label: collapse(label),
                        level: depth.min(MAX_LEVEL) as u8,
                        file,
                        fragment,
                    });
                }
            }
            Event::Text(t) if in_text => {
                if let Some((label, _)) = open.last_mut() {
                    label.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some((label, _)) = open.last_mut() {
                    push_ref(label, &r);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "text" => in_text = false,
                "navPoint" => {
                    depth = depth.saturating_sub(1);
                    if let Some((label, Some(i))) = open.pop()
                        && let Some(p) = out.get_mut(i)
                    {
                        // The label may come after the content element.
                        p.label = collapse_owned(label);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out.retain(|p| !p.label.is_empty());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nav_document_nests() {
        let nav = r#"<html xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="landmarks"><ol><li><a href="x.xhtml">Cover</a></li></ol></nav>
<nav epub:type="toc"><ol>
 <li><a href="Text/k1.xhtml">Erstes Kapitel</a>
   <ol><li><a href="Text/k1.xhtml#s2">Ein Abschnitt</a></li></ol></li>
 <li><a href="Text/k2.xhtml">Zweites Kapitel</a></li>
</ol></nav></body></html>"#;
        let points = nav_document(nav, "OEBPS/nav.xhtml", Keep::All).points;
        let got: Vec<(&str, u8, &str, &str)> = points
            .iter()
            .map(|p| {
                (
                    p.label.as_str(),
                    p.level,
                    p.file.as_str(),
                    p.fragment.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("Erstes Kapitel", 1, "OEBPS/Text/k1.xhtml", ""),
                ("Ein Abschnitt", 2, "OEBPS/Text/k1.xhtml", "s2"),
                ("Zweites Kapitel", 1, "OEBPS/Text/k2.xhtml", ""),
            ]
        );
    }

    #[test]
    fn only_the_chapters_of_the_files_kept_are_read() {
        let nav = r#"<html xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="toc"><ol>
 <li><a href="Text/k2.xhtml">Zweites</a></li>
 <li><a href="../OEBPS/Text/k1.xhtml#s2">Abschnitt</a></li>
 <li><a href="Text/k1.xhtml"> Erstes  Kapitel </a></li>
</ol></nav></body></html>"#;
        let files = ["OEBPS/Text/k1.xhtml".to_string()];
        let found = nav_document(nav, "OEBPS/nav.xhtml", Keep::Files(&files));
        let labels: Vec<&str> = found.points.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, vec!["Abschnitt", "Erstes Kapitel"]);
        assert!(found.any);
        let none = nav_document(nav, "OEBPS/nav.xhtml", Keep::Files(&[]));
        assert!(none.any && none.points.is_empty());
    }

    #[test]
    fn a_malformed_navigation_is_read_as_html() {
        let nav = r#"<html><body><nav epub:type="toc"><h1>Inhalt<br></h1><ol>
 <li><a href="k1.xhtml">Erstes &amp; Kapitel</a><ol><li><a href="k1.xhtml#s2">Abschnitt</a></li></ol>
 <li><a href="k2.xhtml">Zweites</ol></nav></body></html>"#;
        let points = nav_document(nav, "nav.xhtml", Keep::All).points;
        let got: Vec<(&str, u8)> = points.iter().map(|p| (p.label.as_str(), p.level)).collect();
        assert_eq!(
            got,
            vec![("Erstes & Kapitel", 1), ("Abschnitt", 2), ("Zweites", 1)]
        );
    }

    #[test]
    fn ncx_nests() {
        let ncx_text = r#"<?xml version="1.0"?><ncx><navMap>
<navPoint id="a" playOrder="1"><navLabel><text>Erstes Kapitel</text></navLabel><content src="k1.xhtml"/>
  <navPoint id="b" playOrder="2"><navLabel><text>Stra&#223;e</text></navLabel><content src="k1.xhtml#s2"/></navPoint>
</navPoint>
<navPoint id="c" playOrder="3"><navLabel><text>Zweites</text></navLabel><content src="k2.xhtml"/></navPoint>
</navMap></ncx>"#;
        let points = ncx(ncx_text, "OEBPS/toc.ncx", Keep::All)
            .expect("ncx")
            .points;
        let got: Vec<(&str, u8, &str)> = points
            .iter()
            .map(|p| (p.label.as_str(), p.level, p.fragment.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Erstes Kapitel", 1, ""),
                ("Straße", 2, "s2"),
                ("Zweites", 1, "")
            ]
        );
    }
}
