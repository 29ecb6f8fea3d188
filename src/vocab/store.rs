//! Saving the vocabulary with the rules of the notes, through the one store
//! ([`crate::storage::Store`]): a lock on a separate file, a merge when another lesepult
//! wrote in between (by word, the later `updated` winning), an atomic write with a backup,
//! and a file that does not parse is never overwritten (a recovery file beside it takes the
//! writes, and its words are read back).

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use super::{Vocabulary, file};
use crate::storage::{self, Store, StoredFile};

/// The vocabulary file as a kind of stored file.
#[derive(Debug, Clone, Copy)]
pub struct VocabFormat;

impl StoredFile for VocabFormat {
    type Content = Vocabulary;
    type Error = String;

    fn parse(&self, _path: &Path, bytes: &[u8]) -> Result<Vocabulary, String> {
        file::parse(bytes)
    }

    fn cannot_read(&self, _path: &Path, error: &std::io::Error) -> String {
        format!("cannot read: {error}")
    }

    fn to_text(&self, content: &Vocabulary) -> String {
        file::to_string(content)
    }

    /// By key, the later `updated` winning ([`file::merge`]); no base is needed.
    fn merge(&self, _base: &Vocabulary, mine: &Vocabulary, theirs: &Vocabulary) -> Vocabulary {
        file::merge(mine, theirs)
    }
}

/// The vocabulary file and what was read from it. It dereferences to the one store, for
/// `path`, `recovery_path` and `recovery`.
#[derive(Debug)]
pub struct VocabStore {
    store: Store<VocabFormat>,
}

impl Deref for VocabStore {
    type Target = Store<VocabFormat>;

    fn deref(&self) -> &Self::Target {
        &self.store
    }
}

impl DerefMut for VocabStore {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.store
    }
}

impl VocabStore {
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join("vocabulary.toml")
    }

    /// Open and read; a broken file gives its message and the recovery file's words.
    pub fn open(data_dir: &Path) -> (VocabStore, Vocabulary, Option<String>) {
        let (store, opened) = Store::open(VocabStore::path_in(data_dir), VocabFormat);
        let message = opened.unreadable.map(|bad| {
            format!(
                "{bad}. It is left as it is; word statuses go to {}",
                store.recovery_path.display()
            )
        });
        (VocabStore { store }, opened.content, message)
    }

    /// Save; returns the vocabulary as saved (merged with another process's changes).
    pub fn save(&mut self, vocab: &Vocabulary) -> Result<Vocabulary, String> {
        self.store.save(vocab).map_err(|e| match e {
            storage::SaveError::BecameUnreadable { path, error, .. } => format!(
                "{}: {error} (not overwritten; statuses go to the recovery file)",
                path.display()
            ),
            other => other.to_string(),
        })
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
