//! dictd dictionaries: `NAME.index` (headword, base64 offset, base64 length per line)
//! and `NAME.dict` or `NAME.dict.dz`. The index is read once; lookups are binary searches
//! over its lines, by lower-cased headword.

use std::path::{Path, PathBuf};

use super::dictzip::Data;
use super::{DictError, RawEntry};

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 10 {
        return None;
    }
    s.iter().try_fold(0u64, |n, &c| {
        let v = B64.iter().position(|&b| b == c)? as u64;
        Some(n * 64 + v)
    })
}

/// A dictd dictionary.
#[derive(Debug)]
pub struct Dictd {
    pub name: String,
    pub index_path: PathBuf,
    index: Vec<u8>,
    /// Start of each usable line, sorted by lower-cased headword.
    lines: Vec<u32>,
    /// All headwords are lower case already (as in FreeDict): compare bytes directly.
    lower: bool,
    data: Data,
    /// Lines of the index that could not be read (reported once).
    pub skipped: usize,
}

fn lower_bytes(s: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(s).to_lowercase().into_bytes()
}

impl Dictd {
    /// Open `NAME.index` and its data file beside it.
    pub fn open(index_path: &Path) -> Result<Dictd, DictError> {
        let err = |message: String| DictError {
            path: index_path.to_path_buf(),
            message,
        };
        let index = std::fs::read(index_path).map_err(|e| err(format!("cannot read: {e}")))?;
        if index.len() > u32::MAX as usize {
            return Err(err("index larger than 4 GiB".into()));
        }
        let base = index_path.with_extension("");
        let dz = base.with_extension("dict.dz");
        let plain = base.with_extension("dict");
        let data_path = if dz.exists() {
            dz
        } else if plain.exists() {
            plain
        } else {
            return Err(err(format!(
                "its data file is missing ({} or {})",
                plain.display(),
                dz.display()
            )));
        };
        let data = Data::open(&data_path).map_err(|e| DictError {
            path: e.path,
            message: e.message,
        })?;
        let mut lines = Vec::new();
        let mut skipped = 0;
        let mut start = 0usize;
        let mut lower = true;
        for (i, &b) in index
            .iter()
            .enumerate()
            .chain(std::iter::once((index.len(), &b'\n')))
        {
            if b != b'\n' {
                continue;
            }
            let line = &index[start..i];
            if !line.is_empty() {
                let mut fields = line.split(|&c| c == b'\t');
                let key = fields.next().unwrap_or(&[]);
                let ok =
                    fields.next().and_then(b64).is_some() && fields.next().and_then(b64).is_some();
                if ok {
                    if lower
                        && (key.iter().any(u8::is_ascii_uppercase)
                            || (key.iter().any(|&c| c >= 0x80) && lower_bytes(key) != key))
                    {
                        lower = false;
                    }
                    lines.push(start as u32);
                } else {
                    skipped += 1;
                }
            }
            start = i + 1;
        }
        let mut d = Dictd {
            name: base
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            index_path: index_path.to_path_buf(),
            index,
            lines,
            lower,
            data,
            skipped,
        };
        if !d.is_sorted() {
            let mut keyed: Vec<(Vec<u8>, u32)> =
                d.lines.iter().map(|&l| (d.folded_key(l), l)).collect();
            keyed.sort();
            d.lines = keyed.into_iter().map(|(_, l)| l).collect();
        }
        if let Some(short) = d.entries("00-database-short").first()
            && let Some(name) = short
                .text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with("00-database"))
        {
            d.name = name.to_string();
        }
        Ok(d)
    }

    fn key(&self, line: u32) -> &[u8] {
        let rest = &self.index[line as usize..];
        let end = rest.iter().position(|&b| b == b'\t').unwrap_or(rest.len());
        &rest[..end]
    }

    fn folded_key(&self, line: u32) -> Vec<u8> {
        if self.lower {
            self.key(line).to_vec()
        } else {
            lower_bytes(self.key(line))
        }
    }

    fn is_sorted(&self) -> bool {
        if self.lower {
            self.lines
                .windows(2)
                .all(|w| self.key(w[0]) <= self.key(w[1]))
        } else {
            self.lines
                .windows(2)
                .all(|w| self.folded_key(w[0]) <= self.folded_key(w[1]))
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The index lines whose headword is `word`, case-insensitively.
    fn range(&self, word: &str) -> std::ops::Range<usize> {
        let q = word.to_lowercase().into_bytes();
        let cmp_key = |line: u32| -> std::cmp::Ordering {
            if self.lower {
                self.key(line).cmp(&q[..])
            } else {
                lower_bytes(self.key(line)).cmp(&q)
            }
        };
        let start = self
            .lines
            .partition_point(|&l| cmp_key(l) == std::cmp::Ordering::Less);
        let end = start
            + self.lines[start..].partition_point(|&l| cmp_key(l) == std::cmp::Ordering::Equal);
        start..end
    }

    /// Whether a headword exists (no data is read).
    pub fn contains(&self, word: &str) -> bool {
        !self.range(word).is_empty()
    }

    /// The entries of a headword, case-insensitively. Entries that cannot be read are left
    /// out (their error is in `problems`).
    pub fn entries(&self, word: &str) -> Vec<RawEntry> {
        self.entries_checked(word).0
    }

    /// The entries and the read errors.
    pub fn entries_checked(&self, word: &str) -> (Vec<RawEntry>, Vec<DictError>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for &line in &self.lines[self.range(word)] {
            let rest = &self.index[line as usize..];
            let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            let mut fields = rest[..end].split(|&c| c == b'\t');
            let key = fields.next().unwrap_or(&[]);
            let (Some(offset), Some(len)) =
                (fields.next().and_then(b64), fields.next().and_then(b64))
            else {
                continue;
            };
            match self.data.read(offset, len as usize) {
                Ok(bytes) => out.push(RawEntry {
                    key: String::from_utf8_lossy(key).into_owned(),
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                }),
                Err(e) => problems.push(DictError {
                    path: e.path,
                    message: e.message,
                }),
            }
        }
        (out, problems)
    }

    pub fn data_path(&self) -> &Path {
        self.data.path()
    }
}

/// Write a dictd dictionary (tests and benchmarks): entries are (headword, text).
pub fn write_dictd(
    base: &Path,
    entries: &[(&str, &str)],
    dictzip_chunk: Option<usize>,
) -> std::io::Result<()> {
    fn enc(mut n: u64) -> String {
        let mut out = Vec::new();
        loop {
            out.push(B64[(n % 64) as usize]);
            n /= 64;
            if n == 0 {
                break;
            }
        }
        out.reverse();
        String::from_utf8(out).unwrap_or_default()
    }
    let mut data = Vec::new();
    let mut index: Vec<(String, u64, u64)> = Vec::new();
    for (word, text) in entries {
        let offset = data.len() as u64;
        data.extend_from_slice(text.as_bytes());
        index.push((word.to_lowercase(), offset, text.len() as u64));
    }
    index.sort();
    let mut idx = String::new();
    for (w, o, l) in index {
        idx.push_str(&format!("{w}\t{}\t{}\n", enc(o), enc(l)));
    }
    std::fs::write(base.with_extension("index"), idx)?;
    match dictzip_chunk {
        Some(chunk) => super::dictzip::write_dictzip(&base.with_extension("dict.dz"), &data, chunk),
        None => std::fs::write(base.with_extension("dict"), data),
    }
}
