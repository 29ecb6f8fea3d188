//! dictd dictionaries: `NAME.index` (headword, base64 offset, base64 length per line)
//! and `NAME.dict` or `NAME.dict.dz`. Look-ups are binary searches over the index's lines,
//! by lower-cased headword: over the file on disk, block by block, where it is sorted so
//! already (as FreeDict's and Ding's are), or over a sorted table of its lines in memory.

use std::path::{Path, PathBuf};

use super::dictzip::Data;
use super::index_bytes::{BlockFile, IndexBytes};
use super::{DictError, RawEntry};

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The value of each base64 digit, 255 for bytes that are not one.
const B64_VALUE: [u8; 256] = {
    let mut table = [255u8; 256];
    let mut i = 0;
    while i < 64 {
        table[B64[i] as usize] = i as u8;
        i += 1;
    }
    table
};

fn b64(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 10 {
        return None;
    }
    s.iter()
        .try_fold(0u64, |n, &c| match B64_VALUE[c as usize] {
            255 => None,
            v => Some(n * 64 + u64::from(v)),
        })
}

/// A dictd dictionary.
#[derive(Debug)]
pub struct Dictd {
    pub name: String,
    pub index_path: PathBuf,
    index: IndexBytes,
    /// `None`: the index is sorted by lower-case headword already (as FreeDict's is), and
    /// look-ups binary-search its bytes on disk: opening reads a sample of its lines.
    /// `Some`: line starts sorted by lower-cased headword, for any other index, which is
    /// then read whole into memory.
    lines: Option<Vec<u32>>,
    data: Data,
    /// Index lines that could not be read (reported once).
    pub skipped: usize,
}

fn lower_bytes(s: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(s).to_lowercase().into_bytes()
}

/// A key compared in lower case with a lower-case query, without allocating where the
/// key is valid UTF-8 (the index is searched so on every look-up). Chars compare as their
/// UTF-8 bytes do.
fn cmp_lower(key: &[u8], q: &str) -> std::cmp::Ordering {
    match std::str::from_utf8(key) {
        Ok(k) => k.chars().flat_map(char::to_lowercase).cmp(q.chars()),
        Err(_) => lower_bytes(key).as_slice().cmp(q.as_bytes()),
    }
}

/// Whether a key in lower case starts with a lower-case query.
fn starts_with_lower(key: &[u8], q: &str) -> bool {
    match std::str::from_utf8(key) {
        Ok(k) => {
            let mut lowered = k.chars().flat_map(char::to_lowercase);
            q.chars().all(|c| lowered.next() == Some(c))
        }
        Err(_) => lower_bytes(key).starts_with(q.as_bytes()),
    }
}

fn has_upper(key: &[u8]) -> bool {
    key.iter().any(u8::is_ascii_uppercase)
        || (key.iter().any(|&c| c >= 0x80)
            && std::str::from_utf8(key).map_or(true, |k| k.chars().any(char::is_uppercase)))
}

/// Whether a line is `headword TAB base64 TAB base64`.
fn line_ok(line: &[u8]) -> bool {
    let mut fields = line.split(|&c| c == b'\t');
    fields.next().is_some()
        && fields.next().and_then(b64).is_some()
        && fields.next().and_then(b64).is_some()
}

/// Lines checked when an index is opened: enough to trust its order and form without
/// reading every line (each costs a block read).
const SAMPLE: usize = 512;

impl Dictd {
    /// Open `NAME.index` and its data file beside it.
    pub fn open(index_path: &Path) -> Result<Dictd, DictError> {
        let err = |message: String| DictError {
            path: index_path.to_path_buf(),
            message,
        };
        // Line starts are kept as u32: an index is read up to 4 GiB.
        let (file, len) = super::files::open_regular(index_path).map_err(err)?;
        if len > u64::from(u32::MAX) {
            return Err(err(format!(
                "{len} bytes, larger than the {} bytes read",
                u32::MAX
            )));
        }
        let index = IndexBytes::Disk(BlockFile::new(file, len as usize));
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
        let mut d = Dictd {
            name: base
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            index_path: index_path.to_path_buf(),
            index,
            lines: None,
            data,
            skipped: 0,
        };
        // Check a sample of lines (and the last, where a cut file breaks): their form, that
        // headwords are lower case, and that they are in order.
        let len = d.index.len();
        let step = (len / SAMPLE).max(1);
        let mut trusted = true;
        let mut at = 0;
        let mut previous: Option<usize> = None;
        while at < len {
            let start = d.line_start(at);
            if previous != Some(start) {
                let line = d.index.line(start);
                if !line.is_empty() && !line_ok(&line) {
                    trusted = false;
                }
                let key = d.index.key_at(start);
                if has_upper(&key) {
                    trusted = false;
                }
                let next = d.index.next_line(start);
                if next < len && d.index.key_at(next) < key {
                    trusted = false;
                }
                previous = Some(start);
            }
            at += step;
        }
        if len > 0 && !line_ok(&d.index.line(d.line_start(len - 1))) {
            trusted = false;
        }
        if !trusted {
            let whole = super::files::read_regular(index_path, u64::from(u32::MAX)).map_err(err)?;
            d.index = IndexBytes::Memory(whole);
            d.build_table();
        }
        // The dictionary's short name, under its own key only: a dictfmt index without it
        // keys the long description "00databaseshort".
        let (named, _) = d.read_entries(d.matches_key("00-database-short"), 1);
        if let Some(short) = named.first()
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

    /// Read every line, drop the ones that cannot be read, sort by lower-cased headword.
    fn build_table(&mut self) {
        let mut lines = Vec::new();
        let mut start = 0usize;
        let mut skipped = 0;
        while start < self.index.len() {
            let line = self.index.line(start);
            if !line.is_empty() {
                if line_ok(&line) {
                    lines.push(start as u32);
                } else {
                    skipped += 1;
                }
            }
            start = self.next_line(start);
        }
        let mut keyed: Vec<(Vec<u8>, u32)> = lines
            .iter()
            .map(|&l| (lower_bytes(&self.index.key_at(l as usize)), l))
            .collect();
        keyed.sort();
        self.lines = Some(keyed.into_iter().map(|(_, l)| l).collect());
        self.skipped = skipped;
    }

    fn line_start(&self, at: usize) -> usize {
        self.index.line_start(at)
    }

    fn next_line(&self, start: usize) -> usize {
        self.index.next_line(start)
    }

    /// Number of headword lines (counted when asked: `dict list` and tests).
    pub fn len(&self) -> usize {
        match &self.lines {
            Some(lines) => lines.len(),
            None => self
                .index
                .all()
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Start offsets of the index lines whose headword is `word`, case-insensitively; where
    /// it has none, those of its letters, digits and spaces, as dictfmt keys a headword
    /// with punctuation ("email" for *E-Mail*).
    fn matches(&self, word: &str) -> Vec<usize> {
        let found = self.matches_key(word);
        if !found.is_empty() || word.chars().all(|c| c.is_alphanumeric() || c == ' ') {
            return found;
        }
        let keyed: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .collect();
        if keyed.is_empty() {
            return found;
        }
        self.matches_key(&keyed)
    }

    /// Start offsets of the index lines whose key is `word`, case-insensitively.
    fn matches_key(&self, word: &str) -> Vec<usize> {
        let lowered = word.to_lowercase();
        let q = lowered.as_bytes();
        match &self.lines {
            Some(lines) => {
                let cmp = |l: u32| cmp_lower(&self.index.key_at(l as usize), &lowered);
                let start = lines.partition_point(|&l| cmp(l).is_lt());
                lines[start..]
                    .iter()
                    .take_while(|&&l| cmp(l).is_eq())
                    .map(|&l| l as usize)
                    .collect()
            }
            None => {
                let mut out = Vec::new();
                let mut at = self.first_not_below(q);
                while at < self.index.len() && *self.index.key_at(at) == *q {
                    out.push(at);
                    at = self.next_line(at);
                }
                out
            }
        }
    }

    /// Binary search over the bytes of an index with lower-case keys: the start of the
    /// first line whose key is not below `q`.
    fn first_not_below(&self, q: &[u8]) -> usize {
        let (mut lo, mut hi) = (0usize, self.index.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = self.line_start(mid);
            if *self.index.key_at(start) < *q {
                lo = self.next_line(start).max(lo + 1);
            } else {
                hi = start;
            }
        }
        self.line_start(lo)
    }

    /// Whether a headword starts with `prefix`, case-insensitively (no data is read).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        let lowered = prefix.to_lowercase();
        let q = lowered.as_bytes();
        match &self.lines {
            Some(lines) => {
                let start = lines.partition_point(|&l| {
                    cmp_lower(&self.index.key_at(l as usize), &lowered).is_lt()
                });
                lines
                    .get(start)
                    .is_some_and(|&l| starts_with_lower(&self.index.key_at(l as usize), &lowered))
            }
            None => {
                let at = self.first_not_below(q);
                at < self.index.len() && self.index.key_at(at).starts_with(q)
            }
        }
    }

    /// Whether a headword exists (no data is read).
    pub fn contains(&self, word: &str) -> bool {
        !self.matches(word).is_empty()
    }

    /// The entries of a headword, case-insensitively. Entries that cannot be read are left
    /// out.
    pub fn entries(&self, word: &str) -> Vec<RawEntry> {
        self.entries_checked(word, usize::MAX).0
    }

    /// The first `limit` entries and the read errors.
    pub fn entries_checked(&self, word: &str, limit: usize) -> (Vec<RawEntry>, Vec<DictError>) {
        self.read_entries(self.matches(word), limit)
    }

    /// The entries read from index lines.
    fn read_entries(&self, lines: Vec<usize>, limit: usize) -> (Vec<RawEntry>, Vec<DictError>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for start in lines.into_iter().take(limit) {
            let line = self.index.line(start);
            let mut fields = line.split(|&c| c == b'\t');
            let key = fields.next().unwrap_or(&[]);
            let (Some(offset), Some(len)) =
                (fields.next().and_then(b64), fields.next().and_then(b64))
            else {
                problems.push(DictError {
                    path: self.index_path.clone(),
                    message: format!("the index line at byte {start} cannot be read"),
                });
                continue;
            };
            match self.data.read_entry(offset, len) {
                Ok(bytes) if super::files::looks_damaged(&bytes) => problems.push(DictError {
                    path: self.data.path().to_path_buf(),
                    message: format!(
                        "damaged: the entry of „{}“ at {offset} is not text",
                        String::from_utf8_lossy(key)
                    ),
                }),
                Ok(bytes) => out.push(RawEntry {
                    key: String::from_utf8_lossy(key).into_owned(),
                    text: super::files::entry_text(&bytes, len),
                }),
                Err(e) => problems.push(DictError {
                    path: e.path,
                    message: e.message,
                }),
            }
        }
        (out, problems)
    }

    pub fn forget_recent(&self) {
        self.data.forget_recent();
    }

    /// Every entry, in index order: (index headword, text). The data is read whole, once
    /// (the usage index is built so); an entry that cannot be read is left out.
    pub fn for_each_entry(&self, mut f: impl FnMut(&str, &str)) -> Result<(), DictError> {
        let size = usize::try_from(self.data.size()).unwrap_or(usize::MAX);
        let data = self.data.read(0, size).map_err(|e| DictError {
            path: e.path,
            message: e.message,
        })?;
        let index = self.index.all();
        for line in index.split(|&b| b == b'\n') {
            let mut fields = line.split(|&c| c == b'\t');
            let key = fields.next().unwrap_or(&[]);
            let (Some(offset), Some(len)) =
                (fields.next().and_then(b64), fields.next().and_then(b64))
            else {
                continue;
            };
            let (Ok(start), Ok(len)) = (usize::try_from(offset), usize::try_from(len)) else {
                continue;
            };
            let Some(bytes) = start.checked_add(len).and_then(|end| data.get(start..end)) else {
                continue;
            };
            f(
                &String::from_utf8_lossy(key),
                &String::from_utf8_lossy(bytes),
            );
        }
        Ok(())
    }

    /// Check the data file whole (a dictzip file's CRC32).
    pub fn verify(&self) -> Result<(), DictError> {
        self.data.verify().map_err(|e| DictError {
            path: e.path,
            message: e.message,
        })
    }

    pub fn data_path(&self) -> &Path {
        self.data.path()
    }

    pub fn index_path(&self) -> &Path {
        &self.index_path
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_entry_is_cut_with_a_note() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().join("deu-eng");
        let long = format!("Wort\n{}", "sehr lang „Größe“ ".repeat(100_000));
        for chunk in [None, Some(30_000)] {
            write_dictd(&base, &[("Wort", &long)], chunk).expect("write");
            let d = Dictd::open(&base.with_extension("index")).expect("open");
            let e = d.entries("Wort");
            assert_eq!(e.len(), 1);
            assert!(e[0].text.len() < crate::dict::files::MAX_ENTRY + 200);
            assert!(
                e[0].text.ends_with("are shown]"),
                "{}",
                &e[0].text[e[0].text.len() - 80..]
            );
            assert!(!e[0].text.contains('\u{fffd}'));
            let _ = std::fs::remove_file(base.with_extension("dict"));
            let _ = std::fs::remove_file(base.with_extension("dict.dz"));
        }
    }

    #[test]
    fn a_headword_with_punctuation_is_found_under_its_letters() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().join("deu-eng");
        write_dictd(
            &base,
            &[
                ("email", "E-Mail\nelectronic mail\n"),
                (
                    "00databaseshort",
                    "00-database-short\n   A Long Description\n",
                ),
            ],
            None,
        )
        .expect("write");
        let d = Dictd::open(&base.with_extension("index")).expect("open");
        assert_eq!(d.entries("E-Mail").len(), 1);
        assert!(d.contains("e-mail"));
        assert!(!d.contains("E-Post"));
        // The short name is read under its own key only.
        assert_ne!(d.name, "A Long Description");
    }

    #[test]
    fn a_prefix_is_found_where_a_headword_starts_with_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().join("deu-eng");
        write_dictd(
            &base,
            &[
                (
                    "jdn vor etw warnen",
                    "jdn. vor etw. warnen
warn sb. of sth.
",
                ),
                (
                    "Übel",
                    "Übel
evil
",
                ),
            ],
            None,
        )
        .expect("write");
        let d = Dictd::open(&base.with_extension("index")).expect("open");
        assert!(d.has_prefix("jdn vor "));
        assert!(d.has_prefix("übe"));
        assert!(!d.has_prefix("jdn von "));
        assert!(!d.has_prefix("zzz"));
    }

    proptest::proptest! {
        /// Any index against a small data file: opening, counting and looking up never
        /// panic and never allocate more than the data holds.
        #[test]
        fn any_dictd_index_never_panics(
            lines in proptest::collection::vec("[a-zA-Zäöß]{0,6}\t[A-Za-z0-9+/]{0,12}\t[A-Za-z0-9+/]{0,12}|[^\n]{0,20}", 0..30),
            word in "[a-zäöß]{1,6}",
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            let base = dir.path().join("p");
            std::fs::write(base.with_extension("index"), lines.join("\n")).expect("write");
            std::fs::write(base.with_extension("dict"), "Wort\nword\n".repeat(10)).expect("write");
            if let Ok(d) = Dictd::open(&base.with_extension("index")) {
                let _ = d.len();
                let _ = d.entries_checked(&word, 10);
                for l in &lines {
                    if let Some(k) = l.split('\t').next() {
                        let _ = d.entries_checked(k, 10);
                    }
                }
            }
        }
    }
}
