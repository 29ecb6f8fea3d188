//! StarDict dictionaries: `NAME.ifo` (metadata), `NAME.idx` (sorted headwords with offset
//! and size) and `NAME.dict` or `NAME.dict.dz`.

use std::path::{Path, PathBuf};

use super::dictzip::Data;
use super::{DictError, RawEntry};

/// A StarDict dictionary.
#[derive(Debug)]
pub struct StarDict {
    pub name: String,
    pub ifo_path: PathBuf,
    idx: Vec<u8>,
    /// (start of the word, offset, size), sorted by ASCII-case-folded word.
    words: Vec<(u32, u64, u32)>,
    same_type: Option<String>,
    data: Data,
}

fn word_at(idx: &[u8], start: u32) -> &[u8] {
    let rest = &idx[start as usize..];
    let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    &rest[..end]
}

fn fold(s: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(s).to_lowercase().into_bytes()
}

impl StarDict {
    pub fn forget_recent(&self) {
        self.data.forget_recent();
    }

    pub fn open(ifo_path: &Path) -> Result<StarDict, DictError> {
        let err = |path: &Path, message: String| DictError {
            path: path.to_path_buf(),
            message,
        };
        let ifo = super::files::read_regular(ifo_path, 1 << 20)
            .map_err(|e| err(ifo_path, e))
            .map(|b| String::from_utf8_lossy(&b).into_owned())?;
        if !ifo.starts_with("StarDict's dict ifo file") {
            return Err(err(
                ifo_path,
                "not a StarDict .ifo file (first line)".into(),
            ));
        }
        let field = |name: &str| {
            ifo.lines().find_map(|l| {
                l.strip_prefix(name)?
                    .strip_prefix('=')
                    .map(|v| v.trim().to_string())
            })
        };
        let offset_bits: usize = field("idxoffsetbits")
            .and_then(|v| v.parse().ok())
            .unwrap_or(32);
        let base = ifo_path.with_extension("");
        let idx_path = base.with_extension("idx");
        // Word starts are kept as u32: an index is read up to 4 GiB.
        let idx = super::files::read_regular(&idx_path, u64::from(u32::MAX))
            .map_err(|e| err(&idx_path, e))?;
        let dz = base.with_extension("dict.dz");
        let plain = base.with_extension("dict");
        let data_path = if dz.exists() {
            dz
        } else if plain.exists() {
            plain
        } else {
            return Err(err(
                ifo_path,
                format!("its data file is missing ({})", plain.display()),
            ));
        };
        let data = Data::open(&data_path).map_err(|e| DictError {
            path: e.path,
            message: e.message,
        })?;
        let off_len = if offset_bits == 64 { 8 } else { 4 };
        let mut words = Vec::new();
        let mut i = 0usize;
        while i < idx.len() {
            let Some(nul) = idx[i..].iter().position(|&b| b == 0) else {
                return Err(err(
                    &idx_path,
                    format!("truncated at byte {i}: a headword without its end"),
                ));
            };
            let after = i + nul + 1;
            let Some(fields) = idx.get(after..after + off_len + 4) else {
                return Err(err(
                    &idx_path,
                    format!("truncated at byte {after}: offset and size missing"),
                ));
            };
            let offset = if off_len == 8 {
                u64::from_be_bytes(fields[..8].try_into().unwrap_or([0; 8]))
            } else {
                u64::from(u32::from_be_bytes(fields[..4].try_into().unwrap_or([0; 4])))
            };
            let size =
                u32::from_be_bytes(fields[off_len..off_len + 4].try_into().unwrap_or([0; 4]));
            words.push((i as u32, offset, size));
            i = after + off_len + 4;
        }
        let sorted = words
            .windows(2)
            .all(|w| fold(word_at(&idx, w[0].0)) <= fold(word_at(&idx, w[1].0)));
        if !sorted {
            words.sort_by_key(|w| fold(word_at(&idx, w.0)));
        }
        Ok(StarDict {
            name: field("bookname").unwrap_or_else(|| {
                base.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            }),
            ifo_path: ifo_path.to_path_buf(),
            idx,
            words,
            same_type: field("sametypesequence"),
            data,
        })
    }

    /// Check the data file whole (a dictzip file's CRC32).
    pub fn verify(&self) -> Result<(), DictError> {
        self.data.verify().map_err(|e| DictError {
            path: e.path,
            message: e.message,
        })
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn range(&self, word: &str) -> std::ops::Range<usize> {
        let q = word.to_lowercase().into_bytes();
        let start = self
            .words
            .partition_point(|w| fold(word_at(&self.idx, w.0)) < q);
        let end =
            start + self.words[start..].partition_point(|w| fold(word_at(&self.idx, w.0)) == q);
        start..end
    }

    pub fn contains(&self, word: &str) -> bool {
        !self.range(word).is_empty()
    }

    /// Whether a headword starts with `prefix`, case-insensitively.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        let q = prefix.to_lowercase().into_bytes();
        let start = self
            .words
            .partition_point(|w| fold(word_at(&self.idx, w.0)) < q);
        self.words
            .get(start)
            .is_some_and(|w| fold(word_at(&self.idx, w.0)).starts_with(&q))
    }

    pub fn entries_checked(&self, word: &str, limit: usize) -> (Vec<RawEntry>, Vec<DictError>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for &(start, offset, size) in self.words[self.range(word)].iter().take(limit) {
            let key = String::from_utf8_lossy(word_at(&self.idx, start)).into_owned();
            match self.data.read_entry(offset, u64::from(size)) {
                Ok(bytes) => match self.decode(&bytes) {
                    Some(mut text) => {
                        if (bytes.len() as u64) < u64::from(size) {
                            text.push_str(&super::files::cut_note(u64::from(size), bytes.len()));
                        }
                        out.push(RawEntry { key, text })
                    }
                    None => problems.push(DictError {
                        path: self.data.path().to_path_buf(),
                        message: format!("damaged: the entry of „{key}“ at {offset} is not text"),
                    }),
                },
                Err(e) => problems.push(DictError {
                    path: e.path,
                    message: e.message,
                }),
            }
        }
        (out, problems)
    }

    /// The text fields of an entry (types m, t, y, l, g, x, h: text; others skipped);
    /// `None` if a text field is damaged (holds control characters).
    fn decode(&self, bytes: &[u8]) -> Option<String> {
        let damaged = std::cell::Cell::new(false);
        let text = |b: &[u8], kind: u8| {
            if super::files::looks_damaged(b) {
                damaged.set(true);
            }
            let s = String::from_utf8_lossy(b).into_owned();
            if matches!(kind, b'h' | b'g' | b'x') {
                strip_tags(&s)
            } else {
                s
            }
        };
        let out = match &self.same_type {
            Some(types) if types.len() == 1 => text(bytes, types.as_bytes()[0]),
            Some(types) => {
                let mut out = Vec::new();
                let mut rest = bytes;
                for (n, &kind) in types.as_bytes().iter().enumerate() {
                    let last = n + 1 == types.len();
                    let end = if last {
                        rest.len()
                    } else {
                        rest.iter().position(|&b| b == 0).unwrap_or(rest.len())
                    };
                    if kind.is_ascii_lowercase() {
                        out.push(text(&rest[..end], kind));
                    }
                    rest = rest.get(end + 1..).unwrap_or(&[]);
                }
                out.join("\n")
            }
            None => {
                let mut out = Vec::new();
                let mut rest = bytes;
                while let Some((&kind, tail)) = rest.split_first() {
                    let end = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
                    if kind.is_ascii_lowercase() {
                        out.push(text(&tail[..end], kind));
                    }
                    rest = tail.get(end + 1..).unwrap_or(&[]);
                }
                out.join("\n")
            }
        };
        (!damaged.get()).then_some(out)
    }
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Write a StarDict dictionary with plain-text entries (tests and benchmarks).
pub fn write_stardict(
    base: &Path,
    name: &str,
    entries: &[(&str, &str)],
    dictzip_chunk: Option<usize>,
) -> std::io::Result<()> {
    let mut sorted: Vec<&(&str, &str)> = entries.iter().collect();
    sorted.sort_by_key(|(w, _)| (w.to_ascii_lowercase(), w.to_string()));
    let mut data = Vec::new();
    let mut idx = Vec::new();
    for (word, text) in sorted {
        idx.extend_from_slice(word.as_bytes());
        idx.push(0);
        idx.extend_from_slice(&(data.len() as u32).to_be_bytes());
        idx.extend_from_slice(&(text.len() as u32).to_be_bytes());
        data.extend_from_slice(text.as_bytes());
    }
    std::fs::write(
        base.with_extension("ifo"),
        format!(
            "StarDict's dict ifo file\nversion=2.4.2\nbookname={name}\nwordcount={}\nidxfilesize={}\nsametypesequence=m\n",
            entries.len(),
            idx.len()
        ),
    )?;
    std::fs::write(base.with_extension("idx"), idx)?;
    match dictzip_chunk {
        Some(chunk) => super::dictzip::write_dictzip(&base.with_extension("dict.dz"), &data, chunk),
        None => std::fs::write(base.with_extension("dict"), data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any .ifo and .idx against a small data file: opening and looking up never panic.
        #[test]
        fn any_stardict_files_never_panic(
            ifo in "StarDict's dict ifo file\n(bookname=[a-z]{0,5}\n|idxoffsetbits=(32|64|7)\n|sametypesequence=[a-zA-Z]{0,3}\n){0,4}",
            idx in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
            data in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            let base = dir.path().join("s");
            std::fs::write(base.with_extension("ifo"), &ifo).expect("write");
            std::fs::write(base.with_extension("idx"), &idx).expect("write");
            std::fs::write(base.with_extension("dict"), &data).expect("write");
            if let Ok(d) = StarDict::open(&base.with_extension("ifo")) {
                let words: Vec<String> = idx
                    .split(|&b| b == 0)
                    .map(|w| String::from_utf8_lossy(w).into_owned())
                    .collect();
                for w in words.iter().take(20) {
                    let _ = d.entries_checked(w, 5);
                }
            }
        }
    }

    #[test]
    fn an_entry_past_the_end_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().join("s");
        write_stardict(&base, "t", &[("Wort", "word")], None).expect("write");
        let mut idx = b"Wort\0".to_vec();
        idx.extend_from_slice(&0u32.to_be_bytes());
        idx.extend_from_slice(&u32::MAX.to_be_bytes());
        std::fs::write(base.with_extension("idx"), idx).expect("write");
        let d = StarDict::open(&base.with_extension("ifo")).expect("open");
        let (found, problems) = d.entries_checked("Wort", 5);
        assert!(found.is_empty());
        assert!(problems[0].message.contains("past the end"), "{problems:?}");
    }
}
