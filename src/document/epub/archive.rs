//! The zip container of an EPUB, read with limits: no entry and not all entries together
//! may unpack to more than a limit (a zip bomb is refused, by its declared size and by
//! the bytes actually read).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use zip::ZipArchive;

use super::BookError;

/// The most one entry may unpack to.
pub const MAX_ENTRY: u64 = 128 << 20;
/// The most all entries read may unpack to together.
pub const MAX_TOTAL: u64 = 512 << 20;

/// An opened EPUB zip.
pub struct Archive {
    zip: ZipArchive<BufReader<File>>,
    /// Bytes unpacked so far.
    total: u64,
    max_entry: u64,
    max_total: u64,
}

impl Archive {
    pub fn open(path: &Path) -> Result<Archive, BookError> {
        let file = File::open(path).map_err(BookError::Io)?;
        let zip = ZipArchive::new(BufReader::new(file))
            .map_err(|e| BookError::NotEpub(format!("not a zip archive ({e})")))?;
        Ok(Archive {
            zip,
            total: 0,
            max_entry: MAX_ENTRY,
            max_total: MAX_TOTAL,
        })
    }

    /// Lower limits (for the tests).
    #[cfg(test)]
    pub fn with_limits(mut self, entry: u64, total: u64) -> Archive {
        self.max_entry = entry;
        self.max_total = total;
        self
    }

    /// The size that entry `name` declares unpacked (0 if there is none).
    pub fn size(&mut self, name: &str) -> u64 {
        self.zip
            .index_for_name(name)
            .and_then(|i| self.zip.by_index_raw(i).ok())
            .map_or(0, |entry| entry.size())
    }

    /// The bytes of entry `name`; `Ok(None)` if there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, BookError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| BookError::Entry(name.to_string(), e.to_string()))?;
        let declared = entry.size();
        let room = self
            .max_entry
            .min(self.max_total.saturating_sub(self.total));
        let limit_mb = self.max_entry.min(self.max_total) >> 20;
        let too_large = || BookError::TooLarge {
            entry: name.to_string(),
            limit_mb,
        };
        if declared > room {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(1 << 24));
        // The declared size may lie: never read more than the room left.
        entry
            .take(room + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| BookError::Entry(name.to_string(), e.to_string()))?;
        let read = bytes.len() as u64;
        if read > room {
            return Err(too_large());
        }
        self.total += read;
        Ok(Some(bytes))
    }

    /// The text of entry `name` (decoded as its XML declaration or meta says).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, BookError> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        crate::document::html::charset::decode(&bytes)
            .map(Some)
            .map_err(|nul| {
                BookError::Entry(
                    name.to_string(),
                    format!("binary data (NUL byte at byte {}), not a text", nul.offset),
                )
            })
    }
}
