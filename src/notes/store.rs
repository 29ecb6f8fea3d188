//! The notes store of one document: load, save with a lock and a merge, recovery.
//!
//! Every save takes a lock on a separate `NAME.lock` file, re-reads the notes file, and if
//! another process changed it since it was read, merges by note id (deletions are kept as
//! ids, so they are not undone by a merge). The write goes through
//! [`crate::storage::write_atomic`] with a `.bak` of the previous version. A file that does
//! not parse is never overwritten: the store then writes to `NAME.recovery.toml` beside it.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::file::{self, FileError, NotesFile};
use super::model::Note;
use crate::document::{Document, fnv1a};
use crate::storage::{backup_path, write_atomic};

/// A notes file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub error: FileError,
    /// Notes in the backup, if it parses.
    pub backup: Option<Vec<Note>>,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = crate::location::place(&self.path, self.error.line, self.error.column);
        write!(f, "{place}: {}", self.error.message)
    }
}

/// What opening the store found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub notes: Vec<Note>,
    pub deleted: Vec<String>,
    /// The notes file is broken: it is left alone, notes go to the recovery file.
    pub unreadable: Option<Unreadable>,
    /// Notes were read from an earlier recovery file: instead of the broken notes file,
    /// or merged into the readable one (then `unreadable` is `None`).
    pub from_recovery: bool,
}

/// A save that did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path}: {source}", path = .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: another lesepult holds the lock; try again", .0.display())]
    Locked(PathBuf),
    #[error("{0} (not overwritten; your notes go to the recovery file)")]
    BecameUnreadable(Unreadable),
}

/// The store of one document's notes.
#[derive(Debug)]
pub struct NotesStore {
    pub path: PathBuf,
    pub recovery_path: PathBuf,
    lock_path: PathBuf,
    /// Hash of the file's bytes when it was last read or written (`None`: no file).
    loaded_hash: Option<u64>,
    /// Writing goes to the recovery file.
    pub recovery: bool,
    /// The recovery file's notes were merged into those of a readable notes file: it is
    /// removed once they are saved there.
    merged_recovery: bool,
    document: String,
    title: String,
    text_hash: String,
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_stem().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Hash of a document's text, as recorded in its notes file.
pub fn text_hash(doc: &Document) -> String {
    doc.text_hash().to_string()
}

impl NotesStore {
    /// The notes file of a document in `dir`.
    pub fn path_for(dir: &Path, doc: &Document) -> PathBuf {
        dir.join(format!("{}.toml", doc.id()))
    }

    /// Open (without creating anything) and read the notes of `doc`.
    pub fn open(dir: &Path, doc: &Document) -> (NotesStore, Loaded) {
        let path = NotesStore::path_for(dir, doc);
        let mut store = NotesStore {
            recovery_path: sibling(&path, ".recovery.toml"),
            lock_path: sibling(&path, ".toml.lock"),
            path,
            loaded_hash: None,
            recovery: false,
            merged_recovery: false,
            document: doc.id(),
            title: doc.title.clone(),
            text_hash: text_hash(doc),
        };
        let mut loaded = Loaded {
            notes: Vec::new(),
            deleted: Vec::new(),
            unreadable: None,
            from_recovery: false,
        };
        match std::fs::read(&store.path) {
            Ok(bytes) => match file::parse(&bytes) {
                Ok(f) => {
                    store.loaded_hash = Some(fnv1a(&bytes));
                    loaded.notes = f.notes;
                    loaded.deleted = f.deleted;
                }
                Err(error) => store.read_aside(&mut loaded, error),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => store.read_aside(
                &mut loaded,
                FileError {
                    line: 0,
                    column: 0,
                    message: format!("cannot read: {e}"),
                },
            ),
        }
        // Notes saved to the recovery file while the notes file was broken join the notes
        // file's once it is readable again (fixed, or gone).
        if !store.recovery
            && let Some(f) = std::fs::read(&store.recovery_path)
                .ok()
                .and_then(|b| file::parse(&b).ok())
        {
            (loaded.notes, loaded.deleted) =
                merge(&loaded.notes, &loaded.deleted, &f.notes, &f.deleted);
            loaded.from_recovery = true;
            store.merged_recovery = true;
        }
        (store, loaded)
    }

    /// The notes file cannot be used (`error`): it is left alone, saves go to the recovery
    /// file, the backup is offered if it parses, and the recovery file's notes are read.
    fn read_aside(&mut self, loaded: &mut Loaded, error: FileError) {
        self.recovery = true;
        let backup = std::fs::read(backup_path(&self.path))
            .ok()
            .and_then(|b| file::parse(&b).ok())
            .map(|f| f.notes);
        loaded.unreadable = Some(Unreadable {
            path: self.path.clone(),
            error,
            backup,
        });
        if let Some(f) = std::fs::read(&self.recovery_path)
            .ok()
            .and_then(|b| file::parse(&b).ok())
        {
            loaded.notes = f.notes;
            loaded.deleted = f.deleted;
            loaded.from_recovery = true;
        }
    }

    /// Whether the recovery file's notes were merged in and wait to be saved.
    pub fn has_merged_recovery(&self) -> bool {
        self.merged_recovery
    }

    /// Where the next save goes.
    pub fn target(&self) -> &Path {
        if self.recovery {
            &self.recovery_path
        } else {
            &self.path
        }
    }

    fn contents(&self, notes: &[Note], deleted: &[String]) -> String {
        file::to_string(&NotesFile {
            document: self.document.clone(),
            title: self.title.clone(),
            text_hash: self.text_hash.clone(),
            notes: notes.to_vec(),
            deleted: deleted.to_vec(),
        })
    }

    /// Save `notes`. Returns the notes as saved: with another process's notes merged in if
    /// the file changed since it was read.
    pub fn save(
        &mut self,
        notes: &[Note],
        deleted: &[String],
    ) -> Result<(Vec<Note>, Vec<String>), SaveError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SaveError::Io { path, source }
        };
        if self.recovery {
            let text = self.contents(notes, deleted);
            write_atomic(&self.recovery_path, text.as_bytes(), true).map_err(|e| {
                SaveError::Io {
                    path: e.path,
                    source: e.source,
                }
            })?;
            return Ok((notes.to_vec(), deleted.to_vec()));
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let lock = self.lock()?;
        let mut notes = notes.to_vec();
        let mut deleted = deleted.to_vec();
        match std::fs::read(&self.path) {
            Ok(bytes) if Some(fnv1a(&bytes)) != self.loaded_hash => match file::parse(&bytes) {
                Ok(theirs) => {
                    (notes, deleted) = merge(&notes, &deleted, &theirs.notes, &theirs.deleted);
                }
                Err(error) => {
                    self.recovery = true;
                    drop(lock);
                    let unreadable = Unreadable {
                        path: self.path.clone(),
                        error,
                        backup: None,
                    };
                    let _ = self.save(&notes, &deleted);
                    return Err(SaveError::BecameUnreadable(unreadable));
                }
            },
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&self.path)(e)),
        }
        let text = self.contents(&notes, &deleted);
        write_atomic(&self.path, text.as_bytes(), true).map_err(|e| SaveError::Io {
            path: e.path,
            source: e.source,
        })?;
        self.loaded_hash = Some(fnv1a(text.as_bytes()));
        drop(lock);
        if self.merged_recovery {
            // Its notes are in the notes file now.
            self.merged_recovery = false;
            let _ = std::fs::remove_file(&self.recovery_path);
        }
        Ok((notes, deleted))
    }

    fn lock(&self) -> Result<File, SaveError> {
        crate::storage::lock_exclusive(&self.lock_path).map_err(|e| match e {
            crate::storage::LockError::Busy(p) => SaveError::Locked(p),
            crate::storage::LockError::Io(path, source) => SaveError::Io { path, source },
        })
    }
}

/// Merge two copies by note id: every note of either, the later `updated` winning, minus
/// the notes either side deleted. Sorted by place in the text.
pub fn merge(
    mine: &[Note],
    my_deleted: &[String],
    theirs: &[Note],
    their_deleted: &[String],
) -> (Vec<Note>, Vec<String>) {
    let mut deleted: Vec<String> = my_deleted.to_vec();
    for d in their_deleted {
        if !deleted.contains(d) {
            deleted.push(d.clone());
        }
    }
    let mut out: Vec<Note> = Vec::new();
    for n in mine.iter().chain(theirs) {
        if deleted.contains(&n.id) {
            continue;
        }
        match out.iter_mut().find(|o| o.id == n.id) {
            Some(o) if n.updated > o.updated => *o = n.clone(),
            Some(_) => {}
            None => out.push(n.clone()),
        }
    }
    sort_notes(&mut out);
    (out, deleted)
}

/// Text order: by block and start; detached notes last.
pub fn sort_notes(notes: &mut [Note]) {
    notes.sort_by(|a, b| {
        (a.detached, a.anchor.block, a.anchor.start, &a.created).cmp(&(
            b.detached,
            b.anchor.block,
            b.anchor.start,
            &b.created,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::super::model::{Anchor, AnchorKind};
    use super::*;
    use crate::document::bundled;

    fn note(id: &str, updated: &str, text: &str) -> Note {
        Note {
            id: id.into(),
            created: "2026-01-01T00:00:00Z".into(),
            updated: updated.into(),
            text: text.into(),
            anchor: Anchor {
                kind: AnchorKind::Word,
                block: 2,
                start: 5,
                end: 9,
                quote: "Wort".into(),
                before: String::new(),
                after: String::new(),
                section: String::new(),
                term: None,
            },
            detached: false,
        }
    }

    #[test]
    fn merge_keeps_both_sides_and_respects_deletions() {
        let mine = vec![
            note("a", "2026-01-02T00:00:00Z", "mine, newer"),
            note("b", "2026-01-01T00:00:00Z", "b"),
        ];
        let theirs = vec![
            note("a", "2026-01-01T12:00:00Z", "theirs, older"),
            note("c", "2026-01-01T00:00:00Z", "c"),
            note("d", "2026-01-01T00:00:00Z", "d"),
        ];
        let (merged, deleted) = merge(&mine, &["d".into()], &theirs, &[]);
        let ids: Vec<&str> = merged.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids.len(), 3);
        assert!(ids.contains(&"a") && ids.contains(&"b") && ids.contains(&"c"));
        assert_eq!(
            merged.iter().find(|n| n.id == "a").map(|n| n.text.as_str()),
            Some("mine, newer")
        );
        assert_eq!(deleted, vec!["d".to_string()]);
    }

    #[test]
    fn two_stores_on_one_file_keep_each_others_notes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = bundled();
        let (mut one, _) = NotesStore::open(dir.path(), &doc);
        let (mut two, _) = NotesStore::open(dir.path(), &doc);
        let (saved, _) = one
            .save(&[note("one", "2026-01-01T00:00:00Z", "eins")], &[])
            .expect("save one");
        assert_eq!(saved.len(), 1);
        let (saved, _) = two
            .save(&[note("two", "2026-01-01T00:00:00Z", "zwei")], &[])
            .expect("save two");
        assert_eq!(
            saved.len(),
            2,
            "the second store merged the first one's note"
        );
        let (_, loaded) = NotesStore::open(dir.path(), &doc);
        assert_eq!(loaded.notes.len(), 2);
    }

    #[test]
    fn a_broken_file_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = bundled();
        let path = NotesStore::path_for(dir.path(), &doc);
        let broken = b"version = 1\ndocument = \"x\"\ncount = 2\n[[note]]\nid = \"a\"\n";
        std::fs::write(&path, broken).expect("write");
        let (mut store, loaded) = NotesStore::open(dir.path(), &doc);
        assert!(loaded.unreadable.is_some());
        assert!(store.recovery);
        store
            .save(&[note("new", "2026-01-01T00:00:00Z", "neu")], &[])
            .expect("save");
        assert_eq!(std::fs::read(&path).expect("read"), broken.to_vec());
        let recovered =
            file::parse(&std::fs::read(&store.recovery_path).expect("recovery")).expect("parses");
        assert_eq!(recovered.notes.len(), 1);
        // The next start reads the recovery file.
        let (_, again) = NotesStore::open(dir.path(), &doc);
        assert!(again.from_recovery && again.notes.len() == 1);
    }

    #[test]
    fn a_notes_file_that_cannot_be_read_offers_its_backup() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = bundled();
        let path = NotesStore::path_for(dir.path(), &doc);
        let (mut first, _) = NotesStore::open(dir.path(), &doc);
        first
            .save(&[note("a", "2026-01-01T00:00:00Z", "eins")], &[])
            .expect("save");
        first
            .save(&[note("b", "2026-01-02T00:00:00Z", "zwei")], &[])
            .expect("save again: the first is the backup");
        std::fs::remove_file(&path).expect("remove");
        std::fs::create_dir(&path).expect("a directory in its place");
        let (store, loaded) = NotesStore::open(dir.path(), &doc);
        let bad = loaded.unreadable.expect("unreadable");
        assert!(store.recovery);
        assert_eq!(
            bad.backup.map(|b| b.len()),
            Some(1),
            "the backup is offered"
        );
    }

    #[test]
    fn recovered_notes_join_the_notes_file_once_it_is_readable_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = bundled();
        let path = NotesStore::path_for(dir.path(), &doc);
        let (mut first, _) = NotesStore::open(dir.path(), &doc);
        first
            .save(&[note("old", "2026-01-01T00:00:00Z", "alt")], &[])
            .expect("save");
        let good = std::fs::read(&path).expect("read");
        // The file breaks; a note goes to the recovery file.
        std::fs::write(&path, b"kaputt").expect("break");
        let (mut broken, _) = NotesStore::open(dir.path(), &doc);
        broken
            .save(&[note("new", "2026-01-02T00:00:00Z", "neu")], &[])
            .expect("save to the recovery file");
        // The user puts the good file back: both notes are there, and saving them moves
        // the recovered one into the notes file.
        std::fs::write(&path, &good).expect("fix");
        let (mut fixed, loaded) = NotesStore::open(dir.path(), &doc);
        assert!(loaded.unreadable.is_none() && loaded.from_recovery);
        let mut ids: Vec<&str> = loaded.notes.iter().map(|n| n.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["new", "old"]);
        assert!(fixed.has_merged_recovery());
        fixed.save(&loaded.notes, &loaded.deleted).expect("save");
        assert!(
            !fixed.recovery_path.exists(),
            "its notes are in the notes file now"
        );
        let saved = file::parse(&std::fs::read(&path).expect("read")).expect("parses");
        assert_eq!(saved.notes.len(), 2);
        // With the notes file gone instead of fixed, the recovered notes are read too.
        std::fs::remove_file(&path).expect("remove");
        broken.recovery = true;
        broken
            .save(&[note("third", "2026-01-03T00:00:00Z", "drei")], &[])
            .expect("save");
        let (_, alone) = NotesStore::open(dir.path(), &doc);
        assert_eq!(alone.notes.len(), 1);
        assert!(alone.from_recovery);
    }
}
