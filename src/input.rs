//! Reading files that lesepult did not write (dictionaries, glossaries): regular files
//! only, symbolic links followed (a FIFO would block the open, a device such as `/dev/zero`
//! would be read forever), and read whole only up to a limit.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// What a file is that is not a regular file, for the message.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        return "a directory";
    }
    "not a regular file"
}

/// Open a regular file (symbolic links followed) and give its size; anything else is
/// refused before it is opened, so a FIFO cannot block.
pub fn open_regular(path: &Path) -> Result<(File, u64), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{}: only regular files are read; skipped",
            kind(&meta)
        ));
    }
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    // The file may have been replaced between the two looks.
    let meta = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{}: only regular files are read; skipped",
            kind(&meta)
        ));
    }
    Ok((file, meta.len()))
}

/// A whole regular file, refused if longer than `max` bytes (also when it grows while it
/// is read).
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let (file, len) = open_regular(path)?;
    if len > max {
        return Err(format!("{len} bytes, larger than the {max} bytes read"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!("grew past the {max} bytes read"));
    }
    Ok(bytes)
}
