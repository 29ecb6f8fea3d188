//! Reading a document from disk, with errors a user can act on.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
        "{}: {what}; convert it: iconv -f utf-16 -t utf-8",
        .path.display()
    )]
    Utf16 { path: PathBuf, what: String },
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
    #[error(
        "{}: longer than {} MB, the most lesepult reads (`max_input_mb` under [reading] in \
         the config raises it)",
        .path.display(), .limit >> 20
    )]
    TooLarge { path: PathBuf, limit: u64 },
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

/// The most a document is read to, unless the config says otherwise
/// (`reading.max_input_mb`): also an endless input (`/dev/zero`, `yes |`) ends.
pub const DEFAULT_MAX_INPUT: u64 = 512 << 20;

static MAX_INPUT: AtomicU64 = AtomicU64::new(DEFAULT_MAX_INPUT);

/// Set the most a document is read to (from the config, before anything is read).
pub fn set_max_input(bytes: u64) {
    MAX_INPUT.store(bytes.max(1), Ordering::Relaxed);
}

/// The most a document is read to, in bytes.
pub fn max_input() -> u64 {
    MAX_INPUT.load(Ordering::Relaxed)
}

/// Read from `reader` into `bytes` (which may hold a beginning already) until the end or
/// until `want` bytes are there, at most [`max_input`]: a NUL byte is found as soon as it
/// is read (`/dev/zero` is a binary file at once), and an endless input ends with
/// [`LoadError::TooLarge`]. Returns whether the end was reached.
fn read_some(
    reader: &mut dyn Read,
    path: &Path,
    bytes: &mut Vec<u8>,
    want: u64,
) -> Result<bool, LoadError> {
    let limit = max_input();
    let mut buf = vec![0u8; 64 << 10];
    while (bytes.len() as u64) < want {
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(true),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_error(path, e)),
        };
        if let Some(at) = buf[..n].iter().position(|&b| b == 0) {
            // UTF-16 has NUL bytes: with its byte-order mark it is read (by `decode`);
            // without one it is named.
            let start: &[u8] = if bytes.is_empty() { &buf[..n] } else { bytes };
            if !(start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF])) {
                if looks_like_utf16(start) {
                    return Err(LoadError::Utf16 {
                        path: path.to_path_buf(),
                        what: "UTF-16 without a byte-order mark".into(),
                    });
                }
                return Err(LoadError::Binary {
                    path: path.to_path_buf(),
                    offset: bytes.len() + at,
                });
            }
        }
        if bytes.len() as u64 + n as u64 > limit {
            return Err(LoadError::TooLarge {
                path: path.to_path_buf(),
                limit,
            });
        }
        bytes.extend_from_slice(&buf[..n]);
    }
    Ok(false)
}

/// All of `reader`, at most [`max_input`] bytes.
fn read_bounded(reader: &mut dyn Read, path: &Path) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    read_some(reader, path, &mut bytes, u64::MAX)?;
    Ok(bytes)
}

/// A text read from a stream (standard input, a FIFO, a device) whose beginning is shown
/// while the rest is read by [`Stream::finish`] on a thread.
pub struct Stream {
    head: Vec<u8>,
    reader: Box<dyn Read + Send>,
    path: PathBuf,
    origin: Origin,
    fallback_title: String,
    markdown: bool,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Stream({}, {} bytes read)",
            self.path.display(),
            self.head.len()
        )
    }
}

impl Stream {
    /// Read on to the end (at most [`max_input`] bytes) and parse the whole text.
    pub fn finish(mut self) -> Result<Document, LoadError> {
        read_some(&mut self.reader, &self.path, &mut self.head, u64::MAX)?;
        let text = decode(&self.path, self.head)?;
        Ok(parse_str(
            text,
            self.origin,
            &self.fallback_title,
            self.markdown,
        ))
    }
}

/// A text from a stream: whole if it ends within `first` bytes, else its beginning (whole
/// lines) and the [`Stream`] to read the rest from.
fn stream_prefix(
    mut reader: Box<dyn Read + Send>,
    path: &Path,
    origin: Origin,
    fallback_title: &str,
    markdown: Option<bool>,
    first: usize,
) -> Result<(Document, Option<Stream>), LoadError> {
    let mut head = Vec::new();
    let mut ended = read_some(&mut reader, path, &mut head, first as u64)?;
    // A web page is read whole (at most the input limit): its main text is found in all
    // of it.
    if starts_like_html(&head) {
        if !ended {
            ended = read_some(&mut reader, path, &mut head, u64::MAX)?;
        }
        debug_assert!(ended);
        let text = decode_html(path, &head)?;
        return Ok((html::page(&text, origin, fallback_title), None));
    }
    let markdown = markdown.unwrap_or_else(|| {
        let start = String::from_utf8_lossy(&head[..head.len().min(4096)]).into_owned();
        let first_line = start.trim_start().lines().next().unwrap_or("").to_string();
        first_line.starts_with("# ") || first_line == "---"
    });
    if ended {
        let text = decode(path, head)?;
        return Ok((parse_str(text, origin, fallback_title, markdown), None));
    }
    let mut part = head.clone();
    let cut = find_last(&part, b"\n\n")
        .map(|i| i + 2)
        .or_else(|| part.iter().rposition(|&b| b == b'\n').map(|i| i + 1))
        .unwrap_or(part.len());
    part.truncate(cut);
    // One long line: cut at a character's end.
    if let Err(e) = std::str::from_utf8(&part)
        && e.error_len().is_none()
    {
        part.truncate(e.valid_up_to());
    }
    let text = decode(path, part)?;
    let doc = if markdown {
        markdown::parse(&text, origin.clone(), fallback_title)
    } else if man::looks_like_man(&text) {
        man::parse(&text, origin.clone(), fallback_title)
    } else {
        plain::parse_prefix(text, origin.clone(), fallback_title)
    };
    Ok((
        doc,
        Some(Stream {
            head,
            reader,
            path: path.to_path_buf(),
            origin,
            fallback_title: fallback_title.to_string(),
            markdown,
        }),
    ))
}

/// Standard input for the interactive session: its first `first` bytes shown at once if
/// it goes on (`yes | lesepult`), the rest read by the returned [`Stream`].
pub fn stdin_prefix(first: usize) -> Result<(Document, Option<Stream>), LoadError> {
    stream_prefix(
        Box::new(std::io::stdin()),
        Path::new(STDIN_NAME),
        Origin::Stdin,
        STDIN_NAME,
        None,
        first,
    )
}

/// A file that is not a regular file (a FIFO, `/dev/urandom`) for the interactive
/// session, as [`stdin_prefix`]; `None` for a regular file.
pub fn special_prefix(
    path: &Path,
    first: usize,
) -> Result<Option<(Document, Option<Stream>)>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::Directory(path.to_path_buf()));
    }
    if meta.is_file() {
        return Ok(None);
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    stream_prefix(
        Box::new(file),
        path,
        Origin::File(path.to_path_buf()),
        &fallback_title(path),
        Some(is_markdown(path)),
        first,
    )
    .map(Some)
}

fn fallback_title(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
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
    let name = Path::new(STDIN_NAME);
    let bytes = read_bounded(&mut std::io::stdin().lock(), name)?;
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
    let limit = max_input();
    if meta.is_file() && meta.len() > limit {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    if epub::is_epub(path) || is_zip(path) {
        return load_book(path, None).map(|(doc, _)| doc);
    }
    let mut file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let bytes = read_bounded(&mut file, path)?;
    if is_html(path) || (!is_text_extension(path) && starts_like_html(&bytes)) {
        let text = decode_html(path, &bytes)?;
        return Ok(html::page(
            &text,
            Origin::File(path.to_path_buf()),
            &fallback_title(path),
        ));
    }
    let text = decode(path, bytes)?;
    Ok(parse_str(
        text,
        Origin::File(path.to_path_buf()),
        &fallback_title(path),
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
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::Directory(path.to_path_buf()));
    }
    if meta.len() <= long.max(max_bytes) as u64
        || is_markdown(path)
        || is_html(path)
        || epub::is_epub(path)
        || is_zip(path)
        || !meta.is_file()
    {
        return Ok(None);
    }
    if meta.len() > max_input() {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            limit: max_input(),
        });
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
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        // UTF-16 is read whole (its line ends are two bytes).
        return Ok(None);
    }
    // Whole lines only (whole paragraphs if the text has blank lines between them).
    let cut = find_last(&bytes, b"\n\n")
        .map(|i| i + 2)
        .or_else(|| bytes.iter().rposition(|&b| b == b'\n').map(|i| i + 1))
        .unwrap_or(bytes.len());
    bytes.truncate(cut);
    // One long line: cut at a character's end.
    if let Err(e) = std::str::from_utf8(&bytes)
        && e.error_len().is_none()
    {
        bytes.truncate(e.valid_up_to());
    }
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

/// Check for NUL bytes and decode UTF-8 (a leading BOM is dropped). A text with a UTF-16
/// byte-order mark is read as UTF-16.
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Some(text) = decode_utf16(path, &bytes) {
        return text;
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        if looks_like_utf16(&bytes) {
            return Err(LoadError::Utf16 {
                path: path.to_path_buf(),
                what: "UTF-16 without a byte-order mark".into(),
            });
        }
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

/// UTF-16 told by its byte-order mark (FF FE little-endian, FE FF big-endian): the text,
/// or why it is not one; `None` without the mark.
fn decode_utf16(path: &Path, bytes: &[u8]) -> Option<Result<String, LoadError>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let body = &bytes[2..];
    let units = body.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let error = |what: String| LoadError::Utf16 {
        path: path.to_path_buf(),
        what,
    };
    if body.len() % 2 == 1 {
        return Some(Err(error("UTF-16 with an odd number of bytes".into())));
    }
    let mut text = String::with_capacity(body.len() / 2);
    for (n, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok('\0') => {
                return Some(Err(error(format!(
                    "UTF-16 with a NUL character at byte {}",
                    2 + 2 * n
                ))));
            }
            Ok(c) => text.push(c),
            Err(_) => {
                return Some(Err(error(format!(
                    "not valid UTF-16 (a lone surrogate at byte {})",
                    2 + 2 * n
                ))));
            }
        }
    }
    Some(Ok(text))
}

/// Mostly ASCII text in UTF-16 without a mark: every other byte of the start is NUL.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(512) & !1];
    if start.len() < 8 {
        return false;
    }
    let pairs = start.len() / 2;
    let even = start.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = start.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    even.max(odd) * 10 >= pairs * 9 && even.min(odd) * 10 <= pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_byte_order_mark_is_read_and_without_one_is_named() {
        let text = "Titel „Größe“\n\nÄpfel und ß.\n";
        let dir = tempfile::tempdir().expect("tempdir");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (name, bytes) in [("le.txt", &le), ("be.txt", &be)] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            let doc = load_path(&path).expect(name);
            assert_eq!(doc.text, text, "{name}");
        }
        let bare = dir.path().join("bare.txt");
        std::fs::write(&bare, &le[2..]).expect("write");
        let err = load_path(&bare).expect_err("no mark").to_string();
        assert!(err.contains("UTF-16 without a byte-order mark"), "{err}");
        assert!(err.contains("bare.txt"), "{err}");
        let odd = dir.path().join("odd.txt");
        std::fs::write(&odd, &le[..le.len() - 1]).expect("write");
        assert!(load_path(&odd).is_err());
    }

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
    fn the_beginning_of_one_long_line_is_cut_at_a_character() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("zeile.txt");
        // „ö“ is two bytes: the first part ends inside one.
        std::fs::write(&path, format!("a{}", "ö".repeat(100_000))).expect("write");
        let doc = load_prefix(&path, 1000, 1000)
            .expect("opens")
            .expect("a part");
        assert_eq!(doc.text.trim_end().len(), 999);
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
