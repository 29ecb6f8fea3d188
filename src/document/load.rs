//! Reading a document from disk, with errors a user can act on.

use std::path::{Path, PathBuf};

use super::{Document, Origin, man, markdown, plain};

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
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    let text = decode(path, bytes)?;
    let fallback_title = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
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
    if meta.len() <= long.max(max_bytes) as u64 || is_markdown(path) {
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
