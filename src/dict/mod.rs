//! Offline dictionaries: dictd and StarDict files read directly (binary search over the
//! index, random access into `.dict.dz` by dictzip chunks), and the lookup chain: glossary,
//! exact headword, lemma, compound split. No terminal types here.

mod chain;
pub mod dictd;
pub mod dictzip;
pub mod entry;
pub mod files;
mod index_bytes;
pub mod rank;
pub mod rank_weights;
pub mod stardict;
pub mod usage;
mod verb_phrases;

use std::path::{Path, PathBuf};

pub use chain::{Found, Method, lookup, lookup_in};
pub use dictd::Dictd;
pub use entry::Entry;
pub use stardict::StarDict;

/// A dictionary file that cannot be used, or an entry that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", .path.display())]
pub struct DictError {
    pub path: PathBuf,
    pub message: String,
}

/// An entry as stored: the index headword and the entry's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry {
    pub key: String,
    pub text: String,
}

/// Whether a dictionary of this name translates from German (`freedict-deu-eng`,
/// `german-english`: yes; `english-german`, `eng-deu`: no); `None` when the name does not
/// say.
fn name_from_german(name: &str) -> Option<bool> {
    let name = name.to_lowercase();
    let name = name.strip_prefix("freedict-").unwrap_or(&name);
    let first = name.split(['-', '_', ' ']).next().unwrap_or("");
    match first {
        "deu" | "ger" | "de" | "german" | "deutsch" => Some(true),
        "" => None,
        other if other.len() <= 3 || other.ends_with("ish") || other == "english" => Some(false),
        _ => None,
    }
}

/// One dictionary of either format.
#[derive(Debug)]
pub enum Dictionary {
    Dictd(Dictd),
    StarDict(StarDict),
}

impl Dictionary {
    pub fn name(&self) -> &str {
        match self {
            Dictionary::Dictd(d) => &d.name,
            Dictionary::StarDict(d) => &d.name,
        }
    }

    pub fn format(&self) -> &'static str {
        match self {
            Dictionary::Dictd(_) => "dictd",
            Dictionary::StarDict(_) => "StarDict",
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            Dictionary::Dictd(d) => &d.index_path,
            Dictionary::StarDict(d) => &d.ifo_path,
        }
    }

    /// Whether the dictionary translates from German, read from its name
    /// (`freedict-deu-eng`, `german-english`: yes; `english-german`, `eng-deu`: no);
    /// `None` when the name does not say.
    pub fn from_german(&self) -> Option<bool> {
        name_from_german(self.name())
    }

    pub fn headwords(&self) -> usize {
        match self {
            Dictionary::Dictd(d) => d.len(),
            Dictionary::StarDict(d) => d.len(),
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        match self {
            Dictionary::Dictd(d) => d.contains(word),
            Dictionary::StarDict(d) => d.contains(word),
        }
    }

    /// Whether a headword starts with `prefix`, case-insensitively.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        match self {
            Dictionary::Dictd(d) => d.has_prefix(prefix),
            Dictionary::StarDict(d) => d.has_prefix(prefix),
        }
    }

    /// Forget the chunks of compressed data kept inflated.
    pub fn forget_recent(&self) {
        match self {
            Dictionary::Dictd(d) => d.forget_recent(),
            Dictionary::StarDict(d) => d.forget_recent(),
        }
    }

    /// Check the data whole (a dictzip file's CRC32): `dict list` lists a dictionary that
    /// fails as broken.
    pub fn verify(&self) -> Result<(), DictError> {
        match self {
            Dictionary::Dictd(d) => d.verify(),
            Dictionary::StarDict(d) => d.verify(),
        }
    }

    /// At most `limit` entries of a headword, and the read errors.
    pub fn entries_checked(&self, word: &str, limit: usize) -> (Vec<RawEntry>, Vec<DictError>) {
        match self {
            Dictionary::Dictd(d) => d.entries_checked(word, limit),
            Dictionary::StarDict(d) => d.entries_checked(word, limit),
        }
    }
}

/// The dictionaries found, and what was wrong with the ones that could not be opened.
#[derive(Debug, Default)]
pub struct Dictionaries {
    pub list: Vec<Dictionary>,
    pub problems: Vec<DictError>,
    /// The folders that were searched.
    pub folders: Vec<PathBuf>,
    /// Where the index of the dictionaries' examples is kept ([`usage::Usage`]); without
    /// one it is built in memory.
    pub usage_cache: Option<PathBuf>,
    /// Whether a lookup goes on without the index while it is being built (the app,
    /// which builds it on a thread of its own: [`Dictionaries::usage_if_ready`]) rather
    /// than wait for it (the command line).
    pub usage_on_demand: bool,
    usage: std::sync::OnceLock<usage::Usage>,
}

/// The folders to search: the standard ones (`/usr/share/dictd`,
/// `/usr/share/stardict/dic`, `$XDG_DATA_HOME/stardict/dic`) unless turned off, then the
/// configured ones.
pub fn folders(data_home: Option<&Path>, configured: &[PathBuf], standard: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if standard {
        out.push(PathBuf::from("/usr/share/dictd"));
        out.push(PathBuf::from("/usr/share/stardict/dic"));
        if let Some(home) = data_home {
            out.push(home.join("stardict").join("dic"));
        }
    }
    out.extend(configured.iter().cloned());
    out
}

impl Dictionaries {
    /// Open every dictionary in the folders (StarDict folders may nest one level).
    pub fn discover(folders: &[PathBuf]) -> Dictionaries {
        Dictionaries::discover_where(folders, |_| true)
    }

    /// Open the dictionaries a German word may be looked up in: all but those whose file
    /// name says they translate from another language (Ding's `english-german`, whose
    /// 13 MB index a German lookup never reads).
    pub fn discover_german(folders: &[PathBuf]) -> Dictionaries {
        Dictionaries::discover_where(folders, |p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_none_or(|s| name_from_german(s) != Some(false))
        })
    }

    fn discover_where(folders: &[PathBuf], keep: impl Fn(&Path) -> bool) -> Dictionaries {
        let mut set = Dictionaries {
            folders: folders.to_vec(),
            ..Dictionaries::default()
        };
        for folder in folders {
            let Ok(read) = std::fs::read_dir(folder) else {
                continue;
            };
            let mut paths: Vec<PathBuf> = Vec::new();
            for entry in read.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    if let Ok(inner) = std::fs::read_dir(&p) {
                        paths.extend(inner.flatten().map(|e| e.path()));
                    }
                } else {
                    paths.push(p);
                }
            }
            paths.sort();
            for p in paths.into_iter().filter(|p| keep(p)) {
                let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
                let opened = match ext {
                    "index" => Some(Dictd::open(&p).map(Dictionary::Dictd)),
                    "ifo" => Some(StarDict::open(&p).map(Dictionary::StarDict)),
                    _ => None,
                };
                match opened {
                    Some(Ok(d)) => {
                        if let Dictionary::Dictd(dd) = &d
                            && dd.skipped > 0
                        {
                            set.problems.push(DictError {
                                path: p.clone(),
                                message: format!(
                                    "{} index lines could not be read and were skipped",
                                    dd.skipped
                                ),
                            });
                        }
                        set.list.push(d);
                    }
                    Some(Err(e)) => set.problems.push(e),
                    None => {}
                }
            }
        }
        set
    }

    /// Forget every dictionary's inflated chunks (benchmarks measure a cold lookup so).
    pub fn forget_recent(&self) {
        self.list.iter().for_each(Dictionary::forget_recent);
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The dictionaries a German word is looked up in: all but those that name another
    /// source language (an English–German dictionary answers "die" with "sterben").
    pub fn german(&self) -> impl Iterator<Item = &Dictionary> {
        self.list.iter().filter(|d| d.from_german() != Some(false))
    }

    /// Whether a StarDict dictionary is among them: it keys a headword as written
    /// ("etw. auf den Markt bringen"), where a dictd index keys letters and spaces only.
    pub fn any_stardict(&self) -> bool {
        self.german().any(|d| matches!(d, Dictionary::StarDict(_)))
    }

    /// Whether any dictionary has the headword.
    pub fn contains(&self, word: &str) -> bool {
        self.german().any(|d| d.contains(word))
    }

    /// Whether any dictionary has a headword that starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.german().any(|d| d.has_prefix(prefix))
    }

    /// The German dictd dictionaries, whose headwords hold the examples.
    fn german_dictd(&self) -> Vec<&Dictd> {
        self.german()
            .filter_map(|d| match d {
                Dictionary::Dictd(dd) => Some(dd),
                Dictionary::StarDict(_) => None,
            })
            .collect()
    }

    /// The index of the examples, where it is built or in the cache already (opening a
    /// cache file reads its header only); `None` while it is still to be built.
    pub fn usage_if_ready(&self) -> Option<&usage::Usage> {
        if let Some(u) = self.usage.get() {
            return Some(u);
        }
        let dictd = self.german_dictd();
        if dictd.is_empty() {
            return Some(self.usage.get_or_init(usage::Usage::empty));
        }
        let path = self
            .usage_cache
            .as_deref()?
            .join(usage::file_name(fingerprint(&dictd)));
        let opened = usage::Usage::open(&path).ok()?;
        Some(self.usage.get_or_init(|| opened))
    }

    /// The index for a lookup: waited for, or (where [`Dictionaries::usage_on_demand`])
    /// only if it is ready.
    pub fn usage_for_lookup(&self) -> Option<&usage::Usage> {
        if self.usage_on_demand {
            self.usage_if_ready()
        } else {
            Some(self.usage())
        }
    }

    /// The index of the examples the German dictionaries list as headwords, built on
    /// first use (or read from [`Dictionaries::usage_cache`]).
    pub fn usage(&self) -> &usage::Usage {
        self.usage.get_or_init(|| {
            let dictd = self.german_dictd();
            let Ok(lex) = crate::german::lexicon() else {
                return usage::Usage::empty();
            };
            if dictd.is_empty() {
                return usage::Usage::empty();
            }
            usage::Usage::cached(self.usage_cache.as_deref(), fingerprint(&dictd), || {
                let mut pairs: Vec<(String, String)> = Vec::new();
                let mut frames: Vec<(String, String)> = Vec::new();
                for d in &dictd {
                    // An unreadable data file gives no examples; the lookup reports it.
                    let _ = d.for_each_entry(|key, text| {
                        if key.contains(' ') {
                            let e = entry::parse(key, text);
                            if let Some(verb) = usage::noted_frame(&e.headword, lex) {
                                frames.push((verb, key.to_string()));
                            }
                            pairs.push((e.headword, e.senses.join("; ")));
                        }
                    });
                }
                usage::Usage::build_with_frames(pairs, frames, lex)
            })
        })
    }

    /// Parsed entries of a headword in every dictionary, at most `limit` from each:
    /// (dictionary name, entry).
    pub fn entries(&self, word: &str, limit: usize) -> (Vec<(String, Entry)>, Vec<DictError>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for d in self.german() {
            let (raw, errs) = d.entries_checked(word, limit);
            problems.extend(errs);
            out.extend(
                raw.iter()
                    .map(|r| (d.name().to_string(), entry::parse(&r.key, &r.text))),
            );
        }
        (out, problems)
    }
}

/// What the usage index is built from: the way it is built, each dictionary's files, sizes
/// and times (FNV-1a).
fn fingerprint(dicts: &[&Dictd]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    add(usage::HEADER.as_bytes());
    for d in dicts {
        for path in [d.index_path(), d.data_path()] {
            add(path.to_string_lossy().as_bytes());
            if let Ok(meta) = std::fs::metadata(path) {
                add(&meta.len().to_le_bytes());
                let secs = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_secs());
                add(&secs.to_le_bytes());
            }
        }
    }
    hash
}
