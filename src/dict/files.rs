//! Opening dictionary files safely: regular files only (a FIFO would block the open, a
//! device such as `/dev/zero` would be read forever), read with a limit, and an entry shown
//! only up to a size that the screen can take.

#[cfg(test)]
use std::path::Path;

/// The longest entry shown (bytes): a longer one is cut, with a note saying so. Real
/// entries are a few KB; a 50 MB one took seconds to lay out on every key.
pub const MAX_ENTRY: usize = 256 << 10;

pub use crate::input::{open_regular, read_regular};

/// Whether the bytes of a text entry are damaged: control characters other than tab, line
/// and page breaks (what a corrupt compressed file inflates to) are never in a
/// dictionary's text.
pub fn looks_damaged(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
}

/// An entry's text from its bytes: a character cut at the end of a shortened entry is
/// dropped, and a shortened entry says so at its end.
pub fn entry_text(bytes: &[u8], full_len: u64) -> String {
    let cut = (bytes.len() as u64) < full_len;
    let bytes = if cut {
        // Drop a character cut in half at the end.
        match std::str::from_utf8(bytes) {
            Ok(_) => bytes,
            Err(e) if e.error_len().is_none() => &bytes[..e.valid_up_to()],
            Err(_) => bytes,
        }
    } else {
        bytes
    };
    let mut text = String::from_utf8_lossy(bytes).into_owned();
    if cut {
        text.push_str(&cut_note(full_len, bytes.len()));
    }
    text
}

/// What a shortened entry says at its end.
pub fn cut_note(full_len: u64, shown: usize) -> String {
    format!("\n[… entry cut: {full_len} bytes, the first {shown} are shown]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_and_a_device_are_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("x.index");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = read_regular(&fifo, 1 << 20).expect_err("a FIFO");
            assert!(e.contains("a FIFO"), "{e}");
        }
        let zero = dir.path().join("zero.index");
        if std::os::unix::fs::symlink("/dev/zero", &zero).is_ok() && Path::new("/dev/zero").exists()
        {
            let e = read_regular(&zero, 1 << 20).expect_err("a device");
            assert!(e.contains("character device"), "{e}");
        }
        let big = dir.path().join("big.index");
        std::fs::write(&big, vec![b'a'; 100]).expect("write");
        assert!(read_regular(&big, 99).is_err());
        assert_eq!(read_regular(&big, 100).expect("read").len(), 100);
    }

    #[test]
    fn a_cut_entry_says_so_and_drops_half_a_character() {
        let text = entry_text("Größe".as_bytes().get(..3).unwrap_or_default(), 7);
        assert!(text.starts_with("Gr\n[… entry cut: 7 bytes"), "{text}");
        assert_eq!(entry_text("Maß".as_bytes(), 4), "Maß");
    }
}
