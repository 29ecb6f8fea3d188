//! The bytes of a dictionary's index: read from disk block by block where the index is
//! sorted (a look-up touches a few dozen blocks of a 13 MB file), or held whole in memory
//! where it must be sorted first. Both answer the same questions: where a line starts and
//! ends, and what a range of bytes holds.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::{Mutex, OnceLock, PoisonError};

/// Bytes read at once: one page.
const BLOCK: usize = 4096;

/// A file read on demand, block by block; a block once read is kept (at most the file's
/// size in all, a few hundred KB in a session's use, as look-ups share the first steps of
/// their binary searches), and read again without a lock.
#[derive(Debug)]
pub struct BlockFile {
    file: Mutex<File>,
    len: usize,
    blocks: Vec<OnceLock<Box<[u8]>>>,
}

impl BlockFile {
    pub fn new(file: File, len: usize) -> BlockFile {
        BlockFile {
            file: Mutex::new(file),
            len,
            blocks: (0..len.div_ceil(BLOCK)).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Block `n`, shorter at the end of the file. A read error gives an empty block, which
    /// reads as the end of the file: a look-up then finds nothing rather than failing.
    fn block(&self, n: usize) -> &[u8] {
        let Some(slot) = self.blocks.get(n) else {
            return &[];
        };
        slot.get_or_init(|| {
            let start = n * BLOCK;
            let mut buf = vec![0u8; BLOCK.min(self.len.saturating_sub(start))];
            let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
            let read = file
                .seek(SeekFrom::Start(start as u64))
                .and_then(|_| read_full(&mut file, &mut buf))
                .unwrap_or(0);
            buf.truncate(read);
            buf.into_boxed_slice()
        })
    }
}

/// Read until `buf` is full or the file ends (a file cut while it is read ends early).
fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        match file.read(&mut buf[done..]) {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// An index's bytes, on disk or in memory.
#[derive(Debug)]
pub enum IndexBytes {
    Disk(BlockFile),
    Memory(Vec<u8>),
}

impl IndexBytes {
    pub fn len(&self) -> usize {
        match self {
            IndexBytes::Disk(f) => f.len,
            IndexBytes::Memory(b) => b.len(),
        }
    }

    /// The position of the first line break (or, with `tab`, tab or line break) at or
    /// after `from`.
    fn find_forward(&self, from: usize, tab: bool) -> Option<usize> {
        let find = |hay: &[u8]| {
            if tab {
                memchr::memchr2(b'\t', b'\n', hay)
            } else {
                memchr::memchr(b'\n', hay)
            }
        };
        match self {
            IndexBytes::Memory(b) => find(b.get(from..)?).map(|i| from + i),
            IndexBytes::Disk(f) => {
                let mut at = from;
                while at < f.len {
                    let block = f.block(at / BLOCK);
                    let offset = at % BLOCK;
                    let hay = block.get(offset..).filter(|h| !h.is_empty())?;
                    if let Some(i) = find(hay) {
                        return Some(at + i);
                    }
                    at += hay.len();
                }
                None
            }
        }
    }

    /// The position of the last line break before `before`.
    fn newline_before(&self, before: usize) -> Option<usize> {
        let before = before.min(self.len());
        match self {
            IndexBytes::Memory(b) => memchr::memrchr(b'\n', &b[..before]),
            IndexBytes::Disk(f) => {
                let mut end = before;
                while end > 0 {
                    let n = (end - 1) / BLOCK;
                    let block = f.block(n);
                    let upto = (end - n * BLOCK).min(block.len());
                    if let Some(i) = memchr::memrchr(b'\n', &block[..upto]) {
                        return Some(n * BLOCK + i);
                    }
                    end = n * BLOCK;
                }
                None
            }
        }
    }

    /// The bytes from `start` to `end` (cut at the end of the file).
    pub fn range(&self, start: usize, end: usize) -> Cow<'_, [u8]> {
        let end = end.min(self.len());
        let start = start.min(end);
        match self {
            IndexBytes::Memory(b) => Cow::Borrowed(&b[start..end]),
            IndexBytes::Disk(f) => {
                let block = f.block(start / BLOCK);
                let offset = start % BLOCK;
                if let Some(within) = block.get(offset..offset + (end - start)) {
                    return Cow::Borrowed(within);
                }
                let mut out = Vec::with_capacity(end - start);
                let mut at = start;
                while at < end {
                    let block = f.block(at / BLOCK);
                    let offset = at % BLOCK;
                    let take = (end - at).min(block.len().saturating_sub(offset));
                    if take == 0 {
                        break;
                    }
                    out.extend_from_slice(&block[offset..offset + take]);
                    at += take;
                }
                Cow::Owned(out)
            }
        }
    }

    /// The start of the line that holds `at` (or ends just before it).
    pub fn line_start(&self, at: usize) -> usize {
        self.newline_before(at).map_or(0, |i| i + 1)
    }

    /// The start of the line after the one starting at `start`, or the end.
    pub fn next_line(&self, start: usize) -> usize {
        self.find_forward(start, false)
            .map_or(self.len(), |i| i + 1)
    }

    /// The line at `start`, without its line break.
    pub fn line(&self, start: usize) -> Cow<'_, [u8]> {
        let end = self.find_forward(start, false).unwrap_or(self.len());
        self.range(start, end)
    }

    /// The headword of the line at `start`: up to its first tab, or its end.
    pub fn key_at(&self, start: usize) -> Cow<'_, [u8]> {
        let end = self.find_forward(start, true).unwrap_or(self.len());
        self.range(start, end)
    }

    /// Every byte (to count lines): read whole for a file on disk.
    pub fn all(&self) -> Cow<'_, [u8]> {
        self.range(0, self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &[u8]) -> (tempfile::TempDir, IndexBytes, IndexBytes) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("i");
        std::fs::write(&path, text).expect("write");
        let file = File::open(&path).expect("open");
        (
            dir,
            IndexBytes::Disk(BlockFile::new(file, text.len())),
            IndexBytes::Memory(text.to_vec()),
        )
    }

    #[test]
    fn disk_and_memory_agree_across_block_edges() {
        // Lines of varied length, so that line breaks and tabs fall on and around block
        // edges, with „“ and umlauts split between blocks.
        let mut text = Vec::new();
        for i in 0..3000 {
            let word = "äöü„“ß".repeat(i % 7 + 1);
            text.extend_from_slice(format!("{word}{i}\tA{}\tB\n", "x".repeat(i % 13)).as_bytes());
        }
        let (_dir, disk, memory) = both(&text);
        assert_eq!(disk.len(), memory.len());
        for at in (0..text.len()).step_by(97).chain([0, text.len()]) {
            let start = memory.line_start(at);
            assert_eq!(disk.line_start(at), start, "line start at {at}");
            assert_eq!(disk.next_line(start), memory.next_line(start));
            assert_eq!(disk.line(start), memory.line(start));
            assert_eq!(disk.key_at(start), memory.key_at(start));
        }
        assert_eq!(disk.all(), memory.all());
    }

    #[test]
    fn a_file_cut_after_opening_reads_as_ending_early() {
        let text = b"a\t1\t2\nb\t3\t4\n".repeat(2000);
        let (dir, disk, _) = both(&text);
        std::fs::write(dir.path().join("i"), b"a\t1").expect("cut");
        let last = disk.line_start(text.len() - 1);
        assert!(disk.line(last).len() <= 6);
        assert_eq!(disk.next_line(last), text.len());
    }
}
