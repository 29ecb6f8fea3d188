//! EPUB 2 and 3 books into one document: the spine in reading order, each file through
//! the HTML converter, the chapters of the navigation (nav.xhtml or toc.ncx) as headings,
//! the title and author from the package metadata.
//!
//! `archive` reads the zip with size limits, `opf` the container and package documents,
//! `nav` the navigation, `chapters` hands each file its chapters, `path` resolves hrefs.

mod archive;
mod chapters;
mod nav;
mod opf;
mod path;

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;
use scraper::{ElementRef, Html};

use super::html::blocks::{Mode, Sink};
use super::{BlockKind, Document, Origin};

/// What can be wrong with a book (the file's name is added by the caller).
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    #[error("cannot read: {0}")]
    Io(std::io::Error),
    #[error("not an EPUB: {0}")]
    NotEpub(String),
    #[error(
        "the book is protected by DRM (META-INF/encryption.xml: {0} encrypted files); \
         lesepult cannot read it: open a copy without DRM"
    )]
    Drm(usize),
    #[error("{entry} unpacks to more than {limit_mb} MB: not opened (a zip bomb?)")]
    TooLarge { entry: String, limit_mb: u64 },
    #[error("{0}: cannot unpack: {1}")]
    Entry(String, String),
    #[error("{entry}: {place}: {message}")]
    Malformed {
        entry: String,
        place: String,
        message: String,
    },
}

/// A book read (maybe only its beginning), and what was wrong with parts of it.
#[derive(Debug)]
pub struct Book {
    pub doc: Document,
    pub warnings: Vec<String>,
    /// Whether every file of the spine was read.
    pub complete: bool,
}

/// Read the book at `path`; with `enough`, stop after the file that brings the text to
/// that many bytes (the first screens of a long book, the rest read later).
pub fn load(path: &Path, enough: Option<usize>) -> Result<Book, BookError> {
    let mut zip = archive::Archive::open(path)?;
    let container = zip
        .read_text("META-INF/container.xml")?
        .ok_or_else(|| BookError::NotEpub("a zip without META-INF/container.xml".into()))?;
    check_drm(&mut zip)?;
    let opf_path = opf::rootfile(&container)?;
    let opf_text = zip
        .read_text(&opf_path)?
        .ok_or_else(|| BookError::NotEpub(format!("the package document {opf_path} is missing")))?;
    let package = opf::package(&opf_text, &opf_path)?;
    let mut warnings = Vec::new();
    for id in &package.unknown_spine {
        warnings.push(format!(
            "the spine names „{id}“, which the manifest lacks (skipped)"
        ));
    }
    let spine = &package.spine;
    // A long book's first screen needs the chapters of its first files only: those
    // planned to be read (by their sizes), and more if they hold less text.
    let mut planned = match enough {
        Some(n) => first_files(&mut zip, spine, 0, n),
        None => spine.len(),
    };
    let keep = if planned < spine.len() {
        nav::Keep::Files(&spine[..planned])
    } else {
        nav::Keep::All
    };
    let found = navigation(&mut zip, &package, keep, &mut warnings);
    let mut sink = Sink::new(Mode::Book);
    sink.has_toc = found.any;
    let mut chapters = chapters::Chapters::new(found.points);
    let title = package.title.clone().unwrap_or_else(|| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    sink.push_block(BlockKind::Title, &title);
    let author = (!package.authors.is_empty()).then(|| package.authors.join(", "));
    if let Some(a) = &author {
        sink.push_block(BlockKind::Lead, a);
    }
    let mut complete = true;
    for (i, file) in spine.iter().enumerate() {
        if i == planned {
            let n = enough.unwrap_or(0).saturating_sub(sink.text.len());
            planned = first_files(&mut zip, spine, i, n);
            // A file read before takes no chapters again.
            let more: Vec<String> = spine[i..planned]
                .iter()
                .filter(|f| !spine[..i].contains(f))
                .cloned()
                .collect();
            let found = navigation(&mut zip, &package, nav::Keep::Files(&more), &mut Vec::new());
            chapters = chapters::Chapters::new(found.points);
        }
        let Some(source) = zip.read_text(file)? else {
            warnings.push(format!("{file} is missing from the book (skipped)"));
            // Its chapters of the navigation still get their headings.
            sink.start_file(file, chapters.take(file));
            sink.end_file();
            continue;
        };
        let html = Html::parse_document(&source);
        let body = body_of(&html);
        sink.start_file(file, chapters.take(file));
        sink.root(body);
        sink.end_file();
        if enough.is_some_and(|n| sink.text.len() >= n) && i + 1 < spine.len() {
            complete = false;
            break;
        }
    }
    if sink.text.is_empty() {
        return Err(BookError::NotEpub("the spine holds no text".into()));
    }
    let last = sink.blocks.len().saturating_sub(1);
    let links: Vec<(std::ops::Range<usize>, usize)> = sink
        .note_refs
        .iter()
        .filter_map(|(range, file, href)| {
            let (target, fragment) = path::split(file, href);
            let key = if fragment.is_empty() {
                target
            } else {
                format!("{target}#{fragment}")
            };
            sink.ids.get(&key).map(|&b| (range.clone(), b.min(last)))
        })
        .collect();
    let doc = sink
        .into_document(title, author, Origin::File(path.to_path_buf()))
        .with_note_links(links);
    Ok(Book {
        doc,
        warnings,
        complete,
    })
}

/// The end of the files from `from` on that declare (unpacked) twice `text` bytes: the
/// files to read for that much text, if their markup is not more than half of them.
fn first_files(zip: &mut archive::Archive, spine: &[String], from: usize, text: usize) -> usize {
    let mut bytes = 0;
    let mut end = from;
    while end < spine.len() && (end == from || bytes < 2 * text as u64) {
        bytes += zip.size(&spine[end]);
        end += 1;
    }
    end
}

/// The chapters from the navigation document, else the NCX; a broken one is a warning.
fn navigation(
    zip: &mut archive::Archive,
    package: &opf::Package,
    keep: nav::Keep<'_>,
    warnings: &mut Vec<String>,
) -> nav::Found {
    if let Some(path) = &package.nav {
        match zip.read_text(path) {
            Ok(Some(text)) => {
                let found = nav::nav_document(&text, path, keep);
                if found.any {
                    return found;
                }
            }
            Ok(None) => warnings.push(format!("the navigation {path} is missing")),
            Err(e) => warnings.push(e.to_string()),
        }
    }
    if let Some(path) = &package.ncx {
        match zip
            .read_text(path)
            .map(|t| t.map(|t| nav::ncx(&t, path, keep)))
        {
            Ok(Some(Ok(found))) => return found,
            Ok(Some(Err(e))) | Err(e) => warnings.push(e.to_string()),
            Ok(None) => warnings.push(format!("the table of contents {path} is missing")),
        }
    }
    nav::Found::default()
}

/// The `<body>` of a parsed file (its root if it has none).
fn body_of(html: &Html) -> ElementRef<'_> {
    let root = html.root_element();
    root.children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(root)
}

/// Font obfuscation (IDPF, Adobe) is not DRM; any other encrypted file is.
const FONT_OBFUSCATION: &[&str] = &[
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

/// Refuse a book whose files are encrypted (fonts obfuscated are fine).
fn check_drm(zip: &mut archive::Archive) -> Result<(), BookError> {
    let Some(text) = zip.read_text("META-INF/encryption.xml")? else {
        return Ok(());
    };
    let mut reader = Reader::from_str(&text);
    let mut encrypted = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == "EncryptionMethod" =>
            {
                let algorithm = opf::attr(&e, "Algorithm").unwrap_or_default();
                if !FONT_OBFUSCATION.contains(&algorithm.as_str()) {
                    encrypted += 1;
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            // An encryption file that does not parse: the book is not readable as it is.
            Err(_) => {
                encrypted += 1;
                break;
            }
        }
    }
    if encrypted > 0 {
        Err(BookError::Drm(encrypted))
    } else {
        Ok(())
    }
}

/// Whether a path names an EPUB (by its extension).
pub fn is_epub(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("epub"))
}

#[cfg(test)]
mod tests;
