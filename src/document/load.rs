//! Reading a document from disk, with errors a user can act on.

use std::path::{Path, PathBuf};

use super::epub::{self, BookError};
use super::{Document, Origin, html, man, markdown, plain};

/// The name (and document id) of the bundled article.
pub const BUNDLED_NAME: &str = "deepseek-boeing-moment";
const BUNDLED_TEXT: &str = include_str!("../../seeds/deepseek-boeing-moment.txt");

/// Why a file could not be opened. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file", .0.display())]
    Missing(PathBuf),
    #[error("{}: is a directory, not a text file", .0.display())]
    Directory(PathBuf),
    #[error("{}: binary file (NUL byte at byte {offset}), not a UTF-8 text", .path.display())]
    Binary { path: PathBuf, offset: usize },
    #[error(
        "{}: not valid UTF-8 (invalid byte at offset {offset}, line {line}); if it is \
         Latin-1 or Windows-1252, convert it: iconv -f windows-1252 -t utf-8",
        .path.display()
    )]
    InvalidUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
    /// An EPUB that cannot be read: not an EPUB, DRM, a zip bomb, a malformed package.
    #[error("{}: {error}", .path.display())]
    Book { path: PathBuf, error: BookError },
    // The I/O error is part of the message, not a `source`: an error chain printed with
    // its causes would say it twice.
    #[error("{}: cannot read: {error}", .path.display())]
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// The bundled article.
pub fn bundled() -> Document {
    plain::parse(
        BUNDLED_TEXT.to_string(),
        Origin::Bundled(BUNDLED_NAME),
        BUNDLED_NAME,
    )
}

/// What error messages call standard input.
const STDIN_NAME: &str = "standard input";

/// Read a text from standard input (`lesepult -`, or a pipe), with the checks a file gets.
/// Markdown is told by its first line: a `#` heading or front matter; a man page by its
/// layout (`MANPAGER=lesepult man ls`, `man ls | lesepult`).
pub fn load_stdin() -> Result<Document, LoadError> {
    use std::io::Read;
    let name = Path::new(STDIN_NAME);
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(name, e))?;
    if starts_like_html(&bytes) {
        let text = decode_html(name, &bytes)?;
        return Ok(html::page(&text, Origin::Stdin, STDIN_NAME));
    }
    let text = decode(name, bytes)?;
    let first = text.trim_start().lines().next().unwrap_or("");
    let markdown = first.starts_with("# ") || first == "---";
    Ok(parse_str(text, Origin::Stdin, STDIN_NAME, markdown))
}

/// Open a `.txt` or `.md` file. Any other extension is read as plain text.
pub fn load_path(path: &Path) -> Result<Document, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::Directory(path.to_path_buf()));
    }
    if epub::is_epub(path) || is_zip(path) {
        return load_book(path, None).map(|(doc, _)| doc);
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    let fallback_title = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if is_html(path) || (!is_text_extension(path) && starts_like_html(&bytes)) {
        let text = decode_html(path, &bytes)?;
        return Ok(html::page(
            &text,
            Origin::File(path.to_path_buf()),
            &fallback_title,
        ));
    }
    let text = decode(path, bytes)?;
    Ok(parse_str(
        text,
        Origin::File(path.to_path_buf()),
        &fallback_title,
        is_markdown(path),
    ))
}

/// The first `max_bytes` of a long file, ready to show at once: `None` if the file is not
/// longer than `long` bytes (then read it whole with [`load_path`]). The check for a binary
/// file and for invalid UTF-8 covers this part; [`load_path`] checks the rest.
pub fn load_prefix(
    path: &Path,
    long: usize,
    max_bytes: usize,
) -> Result<Option<Document>, LoadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::Directory(path.to_path_buf()));
    }
    if meta.len() <= long.max(max_bytes) as u64
        || is_markdown(path)
        || is_html(path)
        || epub::is_epub(path)
        || is_zip(path)
    {
        return Ok(None);
    }
    let mut file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut bytes = vec![0u8; max_bytes];
    let mut filled = 0;
    while filled < max_bytes {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) => return Err(io_error(path, e)),
        }
    }
    bytes.truncate(filled);
    // Whole lines only (whole paragraphs if the text has blank lines between them).
    let cut = find_last(&bytes, b"\n\n")
        .map(|i| i + 2)
        .or_else(|| bytes.iter().rposition(|&b| b == b'\n').map(|i| i + 1))
        .unwrap_or(bytes.len());
    bytes.truncate(cut);
    let text = decode(path, bytes)?;
    let fallback_title = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(Some(plain::parse_prefix(
        text,
        Origin::File(path.to_path_buf()),
        &fallback_title,
    )))
}

/// A book (EPUB, or any zip): read whole, or with `enough` only its first files up to
/// that many bytes of text. Also says whether the whole book was read. A part that could
/// not be read (a missing chapter) is a warning of the document.
pub fn load_book(path: &Path, enough: Option<usize>) -> Result<(Document, bool), LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::Directory(path.to_path_buf()));
    }
    let book = epub::load(path, enough).map_err(|error| match error {
        BookError::Io(e) => io_error(path, e),
        error => LoadError::Book {
            path: path.to_path_buf(),
            error,
        },
    })?;
    Ok((book.doc.with_warnings(book.warnings), book.complete))
}

/// Whether the file is a book to read with [`load_book`]: an `.epub`, or a zip by its
/// first bytes.
pub fn is_book(path: &Path) -> bool {
    epub::is_epub(path) || is_zip(path)
}

/// Whether the file starts as a zip archive does.
fn is_zip(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| &magic == b"PK\x03\x04")
}

/// Whether bytes start as an HTML page does (a doctype, `<html>`, after a BOM and space).
fn starts_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    html::looks_like_html(&head)
}

/// An HTML page's bytes as text, in the encoding it declares.
fn decode_html(path: &Path, bytes: &[u8]) -> Result<String, LoadError> {
    html::charset::decode(bytes).map_err(|nul| LoadError::Binary {
        path: path.to_path_buf(),
        offset: nul.offset,
    })
}

fn is_html(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "html" | "htm" | "xhtml" | "shtml"
        )
    })
}

/// Extensions that say the file is a text, whatever it starts with.
fn is_text_extension(path: &Path) -> bool {
    is_markdown(path)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Parse text that is already in memory: Markdown if asked, a man page (what `man` sends
/// to a pager) if it looks like one, else plain text.
pub fn parse_str(text: String, origin: Origin, fallback_title: &str, markdown: bool) -> Document {
    if markdown {
        markdown::parse(&text, origin, fallback_title)
    } else if man::looks_like_man(&text) {
        man::parse(&text, origin, fallback_title)
    } else {
        plain::parse(text, origin, fallback_title)
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown"))
}

fn io_error(path: &Path, error: std::io::Error) -> LoadError {
    match error.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing(path.to_path_buf()),
        std::io::ErrorKind::IsADirectory => LoadError::Directory(path.to_path_buf()),
        _ => LoadError::Unreadable {
            path: path.to_path_buf(),
            error,
        },
    }
}

/// Check for NUL bytes and decode UTF-8 (a leading BOM is dropped).
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(LoadError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        LoadError::InvalidUtf8 {
            path: path.to_path_buf(),
            offset,
            line,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_text_is_the_seed() {
        assert_eq!(bundled().text, BUNDLED_TEXT);
    }

    #[test]
    fn an_io_error_is_said_once_in_the_chain() {
        let e = LoadError::Unreadable {
            path: PathBuf::from("/tmp/x.txt"),
            error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        let text = format!("{:#}", anyhow::Error::from(e));
        assert_eq!(text.matches("permission denied").count(), 1, "{text}");
    }

    #[test]
    fn errors_name_the_problem() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nope.txt");
        assert!(matches!(load_path(&missing), Err(LoadError::Missing(_))));
        assert!(matches!(
            load_path(dir.path()),
            Err(LoadError::Directory(_))
        ));

        let binary = dir.path().join("bin.txt");
        std::fs::write(&binary, b"abc\0def").expect("write");
        let err = load_path(&binary).expect_err("binary");
        assert!(err.to_string().contains("NUL byte at byte 3"), "{err}");

        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, b"Gr\xc3\xb6\xc3e\nx").expect("write");
        let err = load_path(&bad).expect_err("utf8");
        assert!(
            err.to_string().contains("invalid byte at offset 4"),
            "{err}"
        );

        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, b"").expect("write");
        assert!(load_path(&empty).expect("empty opens").is_empty());
    }
}
