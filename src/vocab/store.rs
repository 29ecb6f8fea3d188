//! Saving the vocabulary with the rules of the notes: a lock on a separate file, a merge
//! when another lesepult wrote in between, an atomic write with a backup, and a file that
//! does not parse is never overwritten (a recovery file beside it takes the writes).

use std::path::{Path, PathBuf};

use super::{Vocabulary, file};
use crate::document::fnv1a;
use crate::storage::{LockError, lock_exclusive, write_atomic};

/// The vocabulary file and what was read from it.
#[derive(Debug)]
pub struct VocabStore {
    pub path: PathBuf,
    pub recovery_path: PathBuf,
    lock_path: PathBuf,
    loaded_hash: Option<u64>,
    /// The file did not parse: writes go to the recovery file.
    pub recovery: bool,
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_stem().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

impl VocabStore {
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join("vocabulary.toml")
    }

    /// Open and read; a broken file gives its message and the recovery file's words.
    pub fn open(data_dir: &Path) -> (VocabStore, Vocabulary, Option<String>) {
        let path = VocabStore::path_in(data_dir);
        let mut store = VocabStore {
            recovery_path: sibling(&path, ".recovery.toml"),
            lock_path: sibling(&path, ".toml.lock"),
            path,
            loaded_hash: None,
            recovery: false,
        };
        match std::fs::read(&store.path) {
            Ok(bytes) => match file::parse(&bytes) {
                Ok(v) => {
                    store.loaded_hash = Some(fnv1a(&bytes));
                    (store, v, None)
                }
                Err(e) => {
                    store.recovery = true;
                    let recovered = std::fs::read(&store.recovery_path)
                        .ok()
                        .and_then(|b| file::parse(&b).ok())
                        .unwrap_or_default();
                    let message = format!(
                        "{}: {e}. It is left as it is; word statuses go to {}",
                        store.path.display(),
                        store.recovery_path.display()
                    );
                    (store, recovered, Some(message))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (store, Vocabulary::default(), None)
            }
            Err(e) => {
                store.recovery = true;
                let message = format!("{}: cannot read: {e}", store.path.display());
                (store, Vocabulary::default(), Some(message))
            }
        }
    }

    /// Save; returns the vocabulary as saved (merged with another process's changes).
    pub fn save(&mut self, vocab: &Vocabulary) -> Result<Vocabulary, String> {
        if self.recovery {
            write_atomic(&self.recovery_path, file::to_string(vocab).as_bytes(), true)
                .map_err(|e| e.to_string())?;
            return Ok(vocab.clone());
        }
        let _lock = lock_exclusive(&self.lock_path).map_err(|e| match e {
            LockError::Busy(p) => format!("{}: another lesepult holds the lock", p.display()),
            LockError::Io(p, e) => format!("{}: {e}", p.display()),
        })?;
        let mut merged = vocab.clone();
        match std::fs::read(&self.path) {
            Ok(bytes) if Some(fnv1a(&bytes)) != self.loaded_hash => match file::parse(&bytes) {
                Ok(theirs) => merged = file::merge(vocab, &theirs),
                Err(e) => {
                    self.recovery = true;
                    drop(_lock);
                    let _ = self.save(vocab);
                    return Err(format!(
                        "{}: {e} (not overwritten; statuses go to the recovery file)",
                        self.path.display()
                    ));
                }
            },
            _ => {}
        }
        let text = file::to_string(&merged);
        write_atomic(&self.path, text.as_bytes(), true).map_err(|e| e.to_string())?;
        self.loaded_hash = Some(fnv1a(text.as_bytes()));
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Status, VocabEntry};
    use super::*;

    fn entry(key: &str, status: Status, updated: &str) -> VocabEntry {
        VocabEntry {
            key: key.into(),
            lemma: key.into(),
            status,
            updated: updated.into(),
            learned: None,
            article: String::new(),
            plural: String::new(),
            meaning: "„Größe“\tmit Tab".into(),
            category: String::new(),
            sentence: String::new(),
            form: String::new(),
            document: String::new(),
            review: None,
            doubtful: false,
        }
    }

    #[test]
    fn save_load_merge_and_refuse_broken_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut one, v, problem) = VocabStore::open(dir.path());
        assert!(v.entries.is_empty() && problem.is_none());
        let (mut two, _, _) = VocabStore::open(dir.path());
        let mut a = Vocabulary::default();
        a.entries.insert(
            "haus".into(),
            entry("haus", Status::Known, "2026-01-02T00:00:00Z"),
        );
        one.save(&a).expect("save one");
        let mut b = Vocabulary::default();
        b.entries.insert(
            "baum".into(),
            entry("baum", Status::L2, "2026-01-02T00:00:00Z"),
        );
        let merged = two.save(&b).expect("save two");
        assert_eq!(merged.entries.len(), 2, "both kept");
        let (_, loaded, _) = VocabStore::open(dir.path());
        assert_eq!(loaded, merged);

        // A file cut short is refused and left alone; writes go to the recovery file.
        let path = VocabStore::path_in(dir.path());
        let text = std::fs::read_to_string(&path).expect("read");
        let cut = &text[..text.len() / 2];
        std::fs::write(&path, cut).expect("write");
        let (mut store, _, problem) = VocabStore::open(dir.path());
        assert!(problem.is_some());
        store.save(&a).expect("recovery save");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), cut);
        assert!(store.recovery_path.exists());
    }
}
