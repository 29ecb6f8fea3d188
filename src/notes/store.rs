//! The notes store of one document: a thin user of the one store
//! ([`crate::storage::Store`]), which does the lock, the merge with another process's
//! changes, the atomic write with a `.bak`, and the recovery file for a notes file that
//! does not parse (`NAME.recovery.toml`; the notes file itself is never overwritten then).
//! Here is only what is particular to notes: the file's text ([`super::file`]), and the
//! merge by note id, in which deletions are kept as ids so a merge does not undo them.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use super::file::{self, FileError, NotesFile};
use super::model::Note;
use crate::document::Document;
use crate::storage::{self, Store, StoredFile};

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

impl From<storage::SaveError<FileError>> for SaveError {
    fn from(e: storage::SaveError<FileError>) -> Self {
        match e {
            storage::SaveError::Io { path, source }
            | storage::SaveError::Write(storage::WriteError { path, source }) => {
                SaveError::Io { path, source }
            }
            storage::SaveError::Locked(path) => SaveError::Locked(path),
            storage::SaveError::BecameUnreadable { path, error, .. } => {
                SaveError::BecameUnreadable(Unreadable {
                    path,
                    error,
                    backup: None,
                })
            }
        }
    }
}

/// The notes file as a kind of stored file: the notes and the ids of deleted notes, with
/// what the file says about its document.
#[derive(Debug, Clone)]
pub struct NotesFormat {
    document: String,
    title: String,
    text_hash: String,
}

impl StoredFile for NotesFormat {
    /// The notes and the ids of deleted notes.
    type Content = (Vec<Note>, Vec<String>);
    type Error = FileError;

    fn parse(&self, _path: &Path, bytes: &[u8]) -> Result<Self::Content, FileError> {
        file::parse(bytes).map(|f| (f.notes, f.deleted))
    }

    fn cannot_read(&self, _path: &Path, error: &std::io::Error) -> FileError {
        FileError {
            line: 0,
            column: 0,
            message: format!("cannot read: {error}"),
        }
    }

    fn to_text(&self, (notes, deleted): &Self::Content) -> String {
        file::to_string(&NotesFile {
            document: self.document.clone(),
            title: self.title.clone(),
            text_hash: self.text_hash.clone(),
            notes: notes.clone(),
            deleted: deleted.clone(),
        })
    }

    /// By note id ([`merge`]); deletions are in the content, so no base is needed.
    fn merge(
        &self,
        _base: &Self::Content,
        mine: &Self::Content,
        theirs: &Self::Content,
    ) -> Self::Content {
        merge(&mine.0, &mine.1, &theirs.0, &theirs.1)
    }
}

/// The store of one document's notes. It dereferences to the one store, for `path`,
/// `recovery_path`, `recovery`, `has_merged_recovery()` and `target()`.
#[derive(Debug)]
pub struct NotesStore {
    store: Store<NotesFormat>,
}

impl Deref for NotesStore {
    type Target = Store<NotesFormat>;

    fn deref(&self) -> &Self::Target {
        &self.store
    }
}

impl DerefMut for NotesStore {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.store
    }
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
        let format = NotesFormat {
            document: doc.id(),
            title: doc.title.clone(),
            text_hash: text_hash(doc),
        };
        let (store, opened) = Store::open(NotesStore::path_for(dir, doc), format);
        let (notes, deleted) = opened.content;
        let unreadable = opened.unreadable.map(|u| Unreadable {
            path: u.path,
            error: u.error,
            backup: u.backup.map(|(notes, _)| notes),
        });
        let loaded = Loaded {
            notes,
            deleted,
            unreadable,
            from_recovery: opened.from_recovery,
        };
        (NotesStore { store }, loaded)
    }

    /// Save `notes`. Returns the notes as saved: with another process's notes merged in if
    /// the file changed since it was read.
    pub fn save(
        &mut self,
        notes: &[Note],
        deleted: &[String],
    ) -> Result<(Vec<Note>, Vec<String>), SaveError> {
        Ok(self.store.save(&(notes.to_vec(), deleted.to_vec()))?)
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
