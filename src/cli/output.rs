//! Everything the command line prints to standard output goes through here: text from
//! files (glossaries, dictionaries, notes, documents) is shown with its control characters
//! made visible, as `less` does (ESC as `^[`), so a file cannot send escape sequences to the
//! terminal; and every write is checked. A write error is an error (exit code 1); a closed
//! pipe (`| head`) ends the output quietly.

use std::borrow::Cow;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output was found closed (EPIPE): later output is dropped quietly.
static PIPE_CLOSED: AtomicBool = AtomicBool::new(false);

/// Control characters made visible: C0 controls except line feed and tab as caret notation
/// (`^[` for ESC, `^M` for a carriage return, `^@` for NUL), DEL as `^?`, C1 controls
/// (U+0080–U+009F) as U+FFFD. Everything else, „Anführungszeichen“, ß and umlauts included,
/// is kept.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let is_bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}';
    if !s.chars().any(is_bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{7f}' => out.push_str("^?"),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A write to standard output that failed (not a closed pipe).
#[derive(Debug, thiserror::Error)]
#[error("standard output: cannot write: {0}")]
pub struct WriteError(#[from] pub std::io::Error);

/// Write `text` to standard output, sanitized, and flush it. A closed pipe is not an error
/// (the rest of the output is dropped); any other write error is.
pub fn print(text: &str) -> Result<(), WriteError> {
    print_raw(&sanitize(text))
}

/// Write `text` as it is (text lesepult made itself, such as the coloured `--help`).
pub fn print_raw(text: &str) -> Result<(), WriteError> {
    write_to(&mut std::io::stdout().lock(), text)
}

/// [`print_raw`] into any writer (tests).
pub fn write_to(w: &mut impl Write, text: &str) -> Result<(), WriteError> {
    if PIPE_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    match w.write_all(text.as_bytes()).and_then(|()| w.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            PIPE_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(WriteError(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_less_shows_them() {
        assert_eq!(
            sanitize("a\x1b]0;GLOSSPWN\x07b\r\n\tc\x7f\u{9b}d\0"),
            "a^[]0;GLOSSPWN^Gb^M\n\tc^?\u{fffd}d^@"
        );
        let german = "„Größe“ und Maß — Übermaß\n\tÄrger";
        assert!(matches!(sanitize(german), Cow::Borrowed(_)));
        assert_eq!(sanitize(german), german);
    }

    proptest::proptest! {
        #[test]
        fn sanitized_text_has_no_control_but_newline_and_tab(s in "\\PC*|[\\x00-\\x20\\x7f-\\u{a0}]*") {
            let out = sanitize(&s);
            proptest::prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }

    #[test]
    fn a_full_device_is_an_error_and_a_closed_pipe_is_not() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::from_raw_os_error(28))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        assert!(write_to(&mut Full, "x\n").is_err());
    }
}
