//! The main text of a web page, readability-style: the `<article>` (or `<main>`) with
//! the most text, else the element whose paragraphs hold the most text; navigation,
//! header and footer, asides, forms, cookie banners and share buttons are clutter.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};

/// Words in a class or id that mark a box around the text, not the text.
const CLUTTER: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "newsletter",
    "subscribe",
    "share",
    "social",
    "comment",
    "related",
    "recommend",
    "promo",
    "advert",
    "sponsor",
    "teaser-list",
    "breadcrumb",
    "sidebar",
    "popup",
    "modal",
    "paywall",
    "navigation",
    "navbar",
    "menu",
    "skip-link",
    "footer",
    "masthead",
];

/// Whether an element of a page is clutter around the text.
pub fn is_clutter(el: ElementRef<'_>) -> bool {
    let e = el.value();
    if matches!(e.name(), "nav" | "footer" | "aside" | "form" | "dialog") {
        return true;
    }
    // The page's header is clutter; an article's own header holds its title and lead.
    if e.name() == "header" {
        return !el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| matches!(a.value().name(), "article" | "main"));
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = e.attr("role")
        && matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert" | "menu"
        )
    {
        return true;
    }
    let mut names = String::new();
    if let Some(id) = e.id() {
        names.push_str(id);
    }
    for class in e.classes() {
        names.push(' ');
        names.push_str(class);
    }
    let names = names.to_ascii_lowercase();
    // "article-footer" is clutter, "has-sidebar" on the body is not: the body and the
    // main text are never clutter.
    !matches!(e.name(), "body" | "html" | "main" | "article")
        && CLUTTER.iter().any(|w| names.contains(w))
}

/// The element that holds the page's text.
pub fn main_text(doc: &Html) -> ElementRef<'_> {
    let root = doc.root_element();
    let body = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    // The article (or main) with the most text; an article inside main that holds most
    // of its text is the innermost such.
    let candidates: Vec<(ElementRef<'_>, usize, usize)> = body
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|el| {
            matches!(el.value().name(), "article" | "main")
                || el.value().attr("role") == Some("main")
        })
        .map(|el| (el, paragraph_text(el), el.ancestors().count()))
        .collect();
    let most = candidates.iter().map(|c| c.1).max().unwrap_or(0);
    if most >= 200
        && let Some((el, _, _)) = candidates
            .iter()
            .filter(|c| c.1 * 10 >= most * 8)
            .max_by_key(|c| c.2)
    {
        return *el;
    }
    densest(body).unwrap_or(body)
}

/// The element whose paragraphs hold the most text (a paragraph counts for its parent,
/// half for its grandparent), as readability scores candidates.
fn densest(body: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<ego_id::Id, (ElementRef<'_>, usize)> = HashMap::new();
    for node in body.descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if !matches!(el.value().name(), "p" | "pre" | "blockquote" | "li") {
            continue;
        }
        if el.ancestors().filter_map(ElementRef::wrap).any(is_clutter) {
            continue;
        }
        let len: usize = text_len(el);
        if len < 25 {
            continue;
        }
        let mut parents = el.ancestors().filter_map(ElementRef::wrap);
        if let Some(parent) = parents.next() {
            scores.entry(ego_id::of(parent)).or_insert((parent, 0)).1 += len;
            if let Some(grand) = parents.next() {
                scores.entry(ego_id::of(grand)).or_insert((grand, 0)).1 += len / 2;
            }
        }
    }
    // A short page is read whole.
    scores
        .into_values()
        .max_by_key(|(el, score)| (*score, std::cmp::Reverse(ego_id::of(*el))))
        .filter(|(_, score)| *score >= 200)
        .map(|(el, _)| el)
}

/// Node ids of the tree, to key scores by element.
mod ego_id {
    use scraper::ElementRef;

    pub type Id = usize;

    /// The element's place in the tree (its address: stable while the tree lives).
    pub fn of(el: ElementRef<'_>) -> Id {
        std::ptr::from_ref(el.value()) as usize
    }
}

/// Characters of text in paragraphs (and list items, quotes) inside `el`, outside clutter.
fn paragraph_text(el: ElementRef<'_>) -> usize {
    let mut len = 0;
    for node in el.descendants() {
        if let Some(p) = ElementRef::wrap(node)
            && p.value().name() == "p"
        {
            len += text_len(p);
        }
    }
    len
}

fn text_len(el: ElementRef<'_>) -> usize {
    el.descendants()
        .map(|n| match n.value() {
            Node::Text(t) => t.trim().chars().count(),
            _ => 0,
        })
        .sum()
}

/// The page's title: `og:title`, else `<title>` without the site's name after ` | `, ` – `
/// or ` - `.
pub fn title(doc: &Html) -> Option<String> {
    let mut title = None;
    let mut og = None;
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        match el.value().name() {
            "title" if title.is_none() => {
                title = Some(super::space::collapse(&el.text().collect::<String>()));
            }
            "meta" if el.value().attr("property") == Some("og:title") => {
                og = el.value().attr("content").map(super::space::collapse);
            }
            "body" => break,
            _ => {}
        }
    }
    let t = og.or(title).filter(|t| !t.is_empty())?;
    for sep in [" | ", " – ", " — ", " - "] {
        if let Some(i) = t.rfind(sep) {
            let head = t[..i].trim();
            if head.chars().count() >= 10 {
                return Some(head.to_string());
            }
        }
    }
    Some(t)
}
