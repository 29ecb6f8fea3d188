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
    /// The document has no notes file of its own, and these notes are those of another
    /// notes file made on the very same text (the file was moved, renamed or copied).
    pub by_fingerprint: Option<PathBuf>,
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
    /// The text made for the notes file would not read back: nothing was written.
    #[error("{path}: the notes could not be written in a form that reads back ({error}); nothing was written", path = .path.display())]
    WouldNotReadBack { path: PathBuf, error: FileError },
}

impl From<storage::SaveError<FileError>> for SaveError {
    fn from(e: storage::SaveError<FileError>) -> Self {
        match e {
            storage::SaveError::Io { path, source }
            | storage::SaveError::Write(storage::WriteError { path, source }) => {
                SaveError::Io { path, source }
            }
            storage::SaveError::Locked(path) => SaveError::Locked(path),
            storage::SaveError::WouldNotReadBack { path, error } => {
                SaveError::WouldNotReadBack { path, error }
            }
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

/// What a notes file found by its text's fingerprint says: what to tell the user.
pub const FOUND_BY_FINGERPRINT: &str =
    "Notes found by the text's fingerprint (the file was moved or copied)";

impl NotesStore {
    /// The notes file of a document in `dir` (by its id).
    pub fn path_for(dir: &Path, doc: &Document) -> PathBuf {
        dir.join(format!("{}.toml", doc.id()))
    }

    /// Open (without creating anything) and read the notes of `doc`: its own notes file
    /// (by the document's id), or, when it has none (nor a recovery file), the notes file
    /// made on the very same text ([`find_by_fingerprint`]). The store then reads and
    /// writes that file: right for `lesepult notes` and `export`, which only read; a
    /// session takes its own copy with [`NotesStore::open_own`].
    pub fn open(dir: &Path, doc: &Document) -> (NotesStore, Loaded) {
        let own = NotesStore::path_for(dir, doc);
        let found = if own.exists() || storage::store::recovery_path(&own).exists() {
            None
        } else {
            find_by_fingerprint(dir, doc)
        };
        let path = found.clone().unwrap_or(own);
        let document = path
            .file_stem()
            .map_or_else(|| doc.id(), |s| s.to_string_lossy().into_owned());
        let (store, mut loaded) = NotesStore::open_at(path, document, doc);
        loaded.by_fingerprint = found;
        (store, loaded)
    }

    /// Like [`NotesStore::open`], but notes found by the fingerprint are copied to the
    /// document's own notes file at once, and the store keeps that one: from now on this
    /// file's notes are its own, even once its text is changed, and the other file's are
    /// the other's. If the copy cannot be written, the store keeps the file it found.
    pub fn open_own(dir: &Path, doc: &Document) -> (NotesStore, Loaded) {
        let (store, loaded) = NotesStore::open(dir, doc);
        if loaded.by_fingerprint.is_none() || loaded.unreadable.is_some() {
            return (store, loaded);
        }
        let (mut own, _) = NotesStore::open_at(NotesStore::path_for(dir, doc), doc.id(), doc);
        match own.save(&loaded.notes, &loaded.deleted) {
            Ok(_) => (own, loaded),
            Err(_) => (store, loaded),
        }
    }

    fn open_at(path: PathBuf, document: String, doc: &Document) -> (NotesStore, Loaded) {
        let format = NotesFormat {
            document,
            title: doc.title.clone(),
            text_hash: text_hash(doc),
        };
        let (store, opened) = Store::open(path, format);
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
            by_fingerprint: None,
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

/// The notes file in `dir` made on the very same text as `doc` (the `text_hash` it
/// records is the text's), with notes in it: the one written last, if several are (copies
/// of one text). Cheap: the folder holds a few small files, each is read only if it names
/// the hash, and the text is hashed once (the document keeps its hash), only when there is
/// a file to compare with. An empty text has no fingerprint.
pub fn find_by_fingerprint(dir: &Path, doc: &Document) -> Option<PathBuf> {
    if doc.text.is_empty() {
        return None;
    }
    let candidates: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.ends_with(".toml") && !n.ends_with(".recovery.toml") && !n.starts_with('.')
            })
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let needle = format!("text_hash = \"{}\"", doc.text_hash());
    candidates
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let text = std::str::from_utf8(&bytes).ok()?;
            if !text.contains(&needle) {
                return None;
            }
            let f = file::parse(&bytes).ok()?;
            if f.text_hash != doc.text_hash() || f.notes.is_empty() {
                return None;
            }
            let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            Some((written, path))
        })
        .max()
        .map(|(_, path)| path)
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
    use std::path::Path;

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

    /// A text file in `dir`, loaded.
    fn text_at(dir: &Path, name: &str, text: &str) -> Document {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        crate::document::load_path(&path).expect("load")
    }

    const TEXT: &str = "Die Führung\n\nEin Absatz über die Straße und „Größe“.\n\nNoch einer.\n";

    #[test]
    fn a_moved_text_finds_its_notes_by_its_fingerprint() {
        let notes = tempfile::tempdir().expect("tempdir");
        let texts = tempfile::tempdir().expect("tempdir");
        let doc = text_at(texts.path(), "alt.txt", TEXT);
        let (mut store, loaded) = NotesStore::open(notes.path(), &doc);
        assert!(loaded.notes.is_empty() && loaded.by_fingerprint.is_none());
        store
            .save(&[note("a", "2026-01-01T00:00:00Z", "eins")], &[])
            .expect("save");
        let old_file = NotesStore::path_for(notes.path(), &doc);
        std::fs::rename(texts.path().join("alt.txt"), texts.path().join("neu.txt")).expect("move");
        let moved = crate::document::load_path(&texts.path().join("neu.txt")).expect("load");
        assert_ne!(moved.id(), doc.id());
        // Read where they are (the commands only read)...
        let (shared, loaded) = NotesStore::open(notes.path(), &moved);
        assert_eq!(loaded.by_fingerprint.as_deref(), Some(old_file.as_path()));
        assert_eq!(loaded.notes.len(), 1);
        assert_eq!(shared.path, old_file);
        assert!(!NotesStore::path_for(notes.path(), &moved).exists());
        // ...and a session takes them as its own.
        let (own, loaded) = NotesStore::open_own(notes.path(), &moved);
        assert_eq!(loaded.notes.len(), 1);
        assert!(loaded.by_fingerprint.is_some());
        assert_eq!(own.path, NotesStore::path_for(notes.path(), &moved));
        let saved = file::parse(&std::fs::read(&own.path).expect("read")).expect("parses");
        assert_eq!((saved.document, saved.notes.len()), (moved.id(), 1));
        // Changed after the move, the text still has its notes: by its own id now.
        let changed = text_at(
            texts.path(),
            "neu.txt",
            &format!("{TEXT}\nEin neuer Absatz.\n"),
        );
        let (_, loaded) = NotesStore::open(notes.path(), &changed);
        assert!(loaded.by_fingerprint.is_none());
        assert_eq!(loaded.notes.len(), 1);
    }

    #[test]
    fn a_copy_starts_with_the_notes_and_keeps_its_own() {
        let notes = tempfile::tempdir().expect("tempdir");
        let texts = tempfile::tempdir().expect("tempdir");
        let original = text_at(texts.path(), "text.txt", TEXT);
        let (mut store, _) = NotesStore::open(notes.path(), &original);
        store
            .save(&[note("a", "2026-01-01T00:00:00Z", "eins")], &[])
            .expect("save");
        let copy = text_at(texts.path(), "kopie.txt", TEXT);
        let (mut theirs, loaded) = NotesStore::open_own(notes.path(), &copy);
        assert_eq!(loaded.notes.len(), 1);
        theirs
            .save(
                &[
                    loaded.notes[0].clone(),
                    note("b", "2026-01-02T00:00:00Z", "zwei"),
                ],
                &[],
            )
            .expect("save");
        let (_, mine) = NotesStore::open(notes.path(), &original);
        assert_eq!(mine.notes.len(), 1, "the original's notes are its own");
        let (_, again) = NotesStore::open(notes.path(), &copy);
        assert_eq!((again.notes.len(), again.by_fingerprint), (2, None));
        // A third copy finds the notes written last.
        let third = text_at(texts.path(), "dritte.txt", TEXT);
        let (_, found) = NotesStore::open(notes.path(), &third);
        assert_eq!(
            found.by_fingerprint,
            Some(NotesStore::path_for(notes.path(), &copy))
        );
    }

    #[test]
    fn only_a_readable_notes_file_with_notes_on_the_same_text_is_taken() {
        let notes = tempfile::tempdir().expect("tempdir");
        let texts = tempfile::tempdir().expect("tempdir");
        let doc = text_at(texts.path(), "text.txt", TEXT);
        let hash = doc.text_hash().to_string();
        let other = text_at(texts.path(), "anders.txt", "Ein anderer Text\n\nAnders.\n");
        let with = |document: &str, text_hash: &str, notes: Vec<Note>| {
            file::to_string(&NotesFile {
                document: document.into(),
                title: "t".into(),
                text_hash: text_hash.into(),
                notes,
                deleted: Vec::new(),
            })
        };
        let dir = notes.path();
        std::fs::write(dir.join("leer.toml"), with("leer", &hash, Vec::new())).expect("w");
        std::fs::write(
            dir.join("anders.toml"),
            with(
                "anders",
                other.text_hash(),
                vec![note("x", "2026-01-01T00:00:00Z", "x")],
            ),
        )
        .expect("w");
        let broken = with(
            "kaputt",
            &hash,
            vec![note("y", "2026-01-01T00:00:00Z", "y")],
        );
        std::fs::write(dir.join("kaputt.toml"), &broken[..broken.len() - 12]).expect("w");
        std::fs::write(
            dir.join("x.recovery.toml"),
            with("x", &hash, vec![note("z", "2026-01-01T00:00:00Z", "z")]),
        )
        .expect("w");
        assert_eq!(find_by_fingerprint(dir, &doc), None);
        let (_, loaded) = NotesStore::open(dir, &doc);
        assert!(loaded.notes.is_empty() && loaded.by_fingerprint.is_none());
        // An empty text has no fingerprint; a missing folder finds nothing.
        let empty = text_at(texts.path(), "leer.txt", "");
        assert_eq!(find_by_fingerprint(dir, &empty), None);
        assert_eq!(find_by_fingerprint(&dir.join("nicht-da"), &doc), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_has_the_id_of_its_file() {
        let texts = tempfile::tempdir().expect("tempdir");
        let doc = text_at(texts.path(), "text.txt", TEXT);
        let link = texts.path().join("verweis.txt");
        std::os::unix::fs::symlink(texts.path().join("text.txt"), &link).expect("symlink");
        let linked = crate::document::load_path(&link).expect("load");
        assert_eq!(linked.id(), doc.id());
    }
}
