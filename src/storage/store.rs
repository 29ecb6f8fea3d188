//! The one store for the files that lesepult reads at start and keeps writing: the notes of
//! a document, the vocabulary and the user's glossary. What differs between them (how a
//! file parses, how it is written, how two copies merge) is a [`StoredFile`]; the rules are
//! the same for all and live only here:
//!
//! - **Lock.** Every save of the file takes an exclusive lock on a separate `NAME.lock`
//!   beside it ([`super::lock`]), so two lesepult processes never write it at once.
//! - **Merge.** Under the lock the file is read again. If its bytes changed since this
//!   store last read or wrote them (another process saved in between), the other copy
//!   ("theirs") is merged with the one being saved ("mine") by [`StoredFile::merge`], and
//!   the merged copy is written and returned, so the caller can show it.
//! - **Atomic write with a backup.** [`super::write_atomic`]: temp file, fsync, rename,
//!   fsync of the folder; the previous version is kept as `NAME.bak`.
//! - **A file that does not parse is never overwritten.** Found at open, or found at a
//!   save (someone broke it meanwhile): the store turns to *recovery*, and every later
//!   save goes to `STEM.recovery.EXT` beside it (`notes.toml` → `notes.recovery.toml`).
//!   The caller gets the file's error (with its path) and tells the user.
//! - **Recovery is read back.** At open, a broken file's recovery copy is what is loaded
//!   (with the `.bak`, if it parses, offered as [`Unreadable::backup`]). Once the file is
//!   readable again (fixed by hand, or gone), the recovery copy is merged into what the
//!   file holds ([`Opened::from_recovery`], [`Store::has_merged_recovery`]), and the first
//!   successful save of the file removes the recovery file.
//!
//! Nothing here creates a file at open; the folder, the lock file and the file itself are
//! made by the first save.

use std::fmt;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::atomic::{WriteError, backup_path, write_atomic};
use super::lock::{LOCK_WAIT, LockError, lock_exclusive_within};
use crate::document::fnv1a;

/// One kind of stored file: how its bytes parse, how its content is written, and how two
/// copies merge. A value of this type may carry what the text needs besides the content
/// (the notes file's document id and title, for example).
pub trait StoredFile {
    /// What the file holds, as the program uses it. `Default` is the content of a file
    /// that does not exist yet.
    type Content: Clone + Default;
    /// Why a file cannot be used: it does not parse, or it cannot be read.
    type Error: fmt::Display + fmt::Debug;

    /// Parse a file's bytes. `path` is where they were read (the file itself, its
    /// recovery file or its backup), for messages only.
    fn parse(&self, path: &Path, bytes: &[u8]) -> Result<Self::Content, Self::Error>;

    /// The error for a file that exists but cannot be read at all (permissions, a folder in
    /// its place, …).
    fn cannot_read(&self, path: &Path, error: &std::io::Error) -> Self::Error;

    /// The file's text for `content`.
    fn to_text(&self, content: &Self::Content) -> String;

    /// Merge the copy being saved (`mine`) with the one another process wrote (`theirs`).
    /// `base` is what this store last read from or wrote to the file (empty when it knew
    /// nothing of it, as when a recovery file joins a fixed file), so that a three-way
    /// merge can tell "deleted by me" from "added by them"; a kind that records deletions
    /// in its content itself may ignore it.
    fn merge(
        &self,
        base: &Self::Content,
        mine: &Self::Content,
        theirs: &Self::Content,
    ) -> Self::Content;
}

/// A file that could not be used at open: it is left alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable<C, E> {
    pub path: PathBuf,
    pub error: E,
    /// The content of the file's `.bak`, if it parses: an offer to restore it.
    pub backup: Option<C>,
}

impl<C, E: fmt::Display> fmt::Display for Unreadable<C, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

/// What [`Store::open`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened<C, E> {
    /// The file's content; a broken file's recovery copy; merged with a recovery copy that
    /// waited for the file to be readable again; or empty.
    pub content: C,
    /// The file is broken: it is left as it is, and saves go to the recovery file.
    pub unreadable: Option<Unreadable<C, E>>,
    /// Content was read from the recovery file: instead of the broken file, or merged into
    /// the readable one (then `unreadable` is `None`).
    pub from_recovery: bool,
}

/// A save that did not happen. Each carries the path it is about.
#[derive(Debug, thiserror::Error)]
pub enum SaveError<E: fmt::Display + fmt::Debug> {
    /// The file could not be read again, or its folder not made.
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The atomic write failed (the file is as it was).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The text made for the file would not read back (a bug in its writer): nothing was
    /// written, so the file on disk keeps what it had.
    #[error("{}: the text made for it does not read back ({error}); nothing was written", .path.display())]
    WouldNotReadBack { path: PathBuf, error: E },
    /// Another lesepult held the lock for longer than [`LOCK_WAIT`].
    #[error("{}: another lesepult holds the lock; try again", .0.display())]
    Locked(PathBuf),
    /// The file stopped parsing since it was read (edited by hand, damaged): it was not
    /// overwritten. The store is now in recovery and has written the copy being saved to
    /// `recovery_path` (as far as it could).
    #[error("{}: {error} (not overwritten; saved to {} instead)", .path.display(), .recovery_path.display())]
    BecameUnreadable {
        path: PathBuf,
        error: E,
        recovery_path: PathBuf,
    },
}

impl<E: fmt::Display + fmt::Debug> From<LockError> for SaveError<E> {
    fn from(e: LockError) -> Self {
        match e {
            LockError::Busy(path) => SaveError::Locked(path),
            LockError::Io(path, source) => SaveError::Io { path, source },
        }
    }
}

/// One stored file of kind `F`: where it is, what was last read or written, and whether
/// saves go to its recovery file.
pub struct Store<F: StoredFile> {
    /// The file.
    pub path: PathBuf,
    /// `STEM.recovery.EXT` beside it: where saves go while the file is broken.
    pub recovery_path: PathBuf,
    /// `NAME.lock` beside it.
    pub lock_path: PathBuf,
    /// Saves go to the recovery file (the file did not parse, or could not be read).
    pub recovery: bool,
    kind: F,
    /// Hash of the file's bytes when this store last read or wrote them (`None`: no file).
    loaded_hash: Option<u64>,
    /// The content of those bytes: the base of a three-way merge.
    base: F::Content,
    /// The recovery file's content was merged into the readable file's at open: the
    /// recovery file is removed once that is saved to the file.
    merged_recovery: bool,
    lock_wait: Duration,
}

impl<F: StoredFile + fmt::Debug> fmt::Debug for Store<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("recovery_path", &self.recovery_path)
            .field("recovery", &self.recovery)
            .field("kind", &self.kind)
            .field("loaded_hash", &self.loaded_hash)
            .field("merged_recovery", &self.merged_recovery)
            .finish_non_exhaustive()
    }
}

/// `STEM.recovery.EXT` beside `path` (`STEM.recovery` without an extension).
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut name = path.file_stem().unwrap_or_default().to_os_string();
    name.push(".recovery");
    if let Some(ext) = path.extension() {
        name.push(".");
        name.push(ext);
    }
    path.with_file_name(name)
}

/// `NAME.lock` beside `path`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

impl<F: StoredFile> Store<F> {
    /// Read the file at `path` (creating nothing). A missing file is empty content; a file
    /// that cannot be used puts the store in recovery (see the module's rules).
    pub fn open(path: PathBuf, kind: F) -> (Store<F>, Opened<F::Content, F::Error>) {
        let mut store = Store {
            recovery_path: recovery_path(&path),
            lock_path: lock_path(&path),
            path,
            recovery: false,
            kind,
            loaded_hash: None,
            base: F::Content::default(),
            merged_recovery: false,
            lock_wait: LOCK_WAIT,
        };
        let mut opened = Opened {
            content: F::Content::default(),
            unreadable: None,
            from_recovery: false,
        };
        match fs::read(&store.path) {
            Ok(bytes) => match store.kind.parse(&store.path, &bytes) {
                Ok(content) => {
                    store.loaded_hash = Some(fnv1a(&bytes));
                    store.base = content.clone();
                    opened.content = content;
                }
                Err(error) => store.read_aside(&mut opened, error),
            },
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => {
                let error = store.kind.cannot_read(&store.path, &e);
                store.read_aside(&mut opened, error);
            }
        }
        // What was saved to the recovery file while the file was broken joins the file's
        // content once it is readable again (fixed, or gone). Neither side knew the other,
        // so the merge has no base.
        if !store.recovery
            && let Some(recovered) = store.read_parsed(&store.recovery_path)
        {
            opened.content = store
                .kind
                .merge(&F::Content::default(), &opened.content, &recovered);
            opened.from_recovery = true;
            store.merged_recovery = true;
        }
        (store, opened)
    }

    /// Wait at most `wait` for another process's lock at a save (default [`LOCK_WAIT`]).
    pub fn with_lock_wait(mut self, wait: Duration) -> Self {
        self.lock_wait = wait;
        self
    }

    /// The kind of file, with whatever it carries.
    pub fn kind(&self) -> &F {
        &self.kind
    }

    /// Whether a recovery file's content was merged in at open and waits to be saved to
    /// the file (the save then removes the recovery file).
    pub fn has_merged_recovery(&self) -> bool {
        self.merged_recovery
    }

    /// Where the next save goes: the file, or its recovery file.
    pub fn target(&self) -> &Path {
        if self.recovery {
            &self.recovery_path
        } else {
            &self.path
        }
    }

    /// The file (or a backup, or a recovery file) at `path`, if it can be read and parses.
    fn read_parsed(&self, path: &Path) -> Option<F::Content> {
        let bytes = fs::read(path).ok()?;
        self.kind.parse(path, &bytes).ok()
    }

    /// The file cannot be used (`error`): it is left alone, saves go to the recovery file,
    /// the backup is offered if it parses, and the recovery file's content is read.
    fn read_aside(&mut self, opened: &mut Opened<F::Content, F::Error>, error: F::Error) {
        self.recovery = true;
        let backup = self.read_parsed(&backup_path(&self.path));
        opened.unreadable = Some(Unreadable {
            path: self.path.clone(),
            error,
            backup,
        });
        if let Some(recovered) = self.read_parsed(&self.recovery_path) {
            opened.content = recovered;
            opened.from_recovery = true;
        }
    }

    /// The file's text for `content`, parsed back before it is written: a text that would
    /// not read back is never written (it would lose what the file held).
    fn checked_text(
        &self,
        path: &Path,
        content: &F::Content,
    ) -> Result<String, SaveError<F::Error>> {
        let text = self.kind.to_text(content);
        match self.kind.parse(path, text.as_bytes()) {
            Ok(_) => Ok(text),
            Err(error) => Err(SaveError::WouldNotReadBack {
                path: path.to_path_buf(),
                error,
            }),
        }
    }

    /// Save `mine`. Returns the content as saved: `mine`, or `mine` merged with another
    /// process's changes if the file changed since this store read or wrote it. In
    /// recovery the content goes to the recovery file as it is.
    pub fn save(&mut self, mine: &F::Content) -> Result<F::Content, SaveError<F::Error>> {
        if self.recovery {
            let text = self.checked_text(&self.recovery_path, mine)?;
            write_atomic(&self.recovery_path, text.as_bytes(), true)?;
            return Ok(mine.clone());
        }
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|source| SaveError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let lock = lock_exclusive_within(&self.lock_path, self.lock_wait)?;
        let mut content = mine.clone();
        match fs::read(&self.path) {
            Ok(bytes) if Some(fnv1a(&bytes)) != self.loaded_hash => {
                match self.kind.parse(&self.path, &bytes) {
                    Ok(theirs) => content = self.kind.merge(&self.base, mine, &theirs),
                    Err(error) => {
                        // Never overwrite it: from now on saves go to the recovery file,
                        // starting with this one.
                        self.recovery = true;
                        drop(lock);
                        let _ = self.save(mine);
                        return Err(SaveError::BecameUnreadable {
                            path: self.path.clone(),
                            error,
                            recovery_path: self.recovery_path.clone(),
                        });
                    }
                }
            }
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(source) => {
                return Err(SaveError::Io {
                    path: self.path.clone(),
                    source,
                });
            }
        }
        let text = self.checked_text(&self.path, &content)?;
        write_atomic(&self.path, text.as_bytes(), true)?;
        self.loaded_hash = Some(fnv1a(text.as_bytes()));
        self.base = content.clone();
        drop(lock);
        if self.merged_recovery {
            // Its content is in the file now.
            self.merged_recovery = false;
            let _ = fs::remove_file(&self.recovery_path);
        }
        Ok(content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test kind: one word a line, between a `words` header and an `end` line (a file
    /// cut short does not parse). Merge: the union, in mine's order, minus what `base` had
    /// and mine no longer has.
    #[derive(Debug)]
    struct Words;

    impl StoredFile for Words {
        type Content = Vec<String>;
        type Error = String;

        fn parse(&self, _path: &Path, bytes: &[u8]) -> Result<Vec<String>, String> {
            let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
            let mut lines: Vec<&str> = text.lines().collect();
            if lines.first() != Some(&"words") || lines.last() != Some(&"end") {
                return Err("not a words file".into());
            }
            lines.pop();
            Ok(lines.iter().skip(1).map(|l| (*l).to_string()).collect())
        }

        fn cannot_read(&self, _path: &Path, error: &std::io::Error) -> String {
            format!("cannot read: {error}")
        }

        fn to_text(&self, content: &Vec<String>) -> String {
            let mut out = String::from("words\n");
            for w in content {
                out.push_str(w);
                out.push('\n');
            }
            out + "end\n"
        }

        fn merge(
            &self,
            base: &Vec<String>,
            mine: &Vec<String>,
            theirs: &Vec<String>,
        ) -> Vec<String> {
            let mut out = mine.clone();
            for w in theirs {
                if !out.contains(w) && !base.contains(w) {
                    out.push(w.clone());
                }
            }
            out
        }
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_string()).collect()
    }

    fn open(dir: &Path) -> (Store<Words>, Opened<Vec<String>, String>) {
        Store::open(dir.join("words.txt"), Words)
    }

    #[test]
    fn paths_beside_the_file() {
        let path = Path::new("/d/notes/doc.toml");
        assert_eq!(recovery_path(path), Path::new("/d/notes/doc.recovery.toml"));
        assert_eq!(lock_path(path), Path::new("/d/notes/doc.toml.lock"));
        assert_eq!(recovery_path(Path::new("x")), Path::new("x.recovery"));
    }

    #[test]
    fn open_creates_nothing_and_a_save_creates_the_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("sub");
        let (mut store, opened) = open(&sub);
        assert!(opened.content.is_empty() && opened.unreadable.is_none());
        assert!(!sub.exists());
        let saved = store.save(&words(&["eins"])).expect("save");
        assert_eq!(saved, words(&["eins"]));
        assert_eq!(
            fs::read_to_string(&store.path).expect("read"),
            "words\neins\nend\n"
        );
        store.save(&words(&["zwei"])).expect("save again");
        assert_eq!(
            fs::read_to_string(backup_path(&store.path)).expect("backup"),
            "words\neins\nend\n"
        );
    }

    #[test]
    fn a_concurrent_write_is_merged_with_what_was_loaded_as_base() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut first, _) = open(dir.path());
        first.save(&words(&["alt", "weg"])).expect("save");
        let (mut one, a) = open(dir.path());
        let (mut two, b) = open(dir.path());
        assert_eq!(a.content, b.content);
        // One adds a word and removes another; then two adds a word without knowing.
        one.save(&words(&["alt", "eins"])).expect("save one");
        let merged = two.save(&words(&["alt", "weg", "zwei"])).expect("save two");
        // Two kept its own (with "weg", which it still has) and took one's new word.
        assert_eq!(merged, words(&["alt", "weg", "zwei", "eins"]));
        let (_, again) = open(dir.path());
        assert_eq!(again.content, merged);
        // One saves again: two's word arrives; the base is what one wrote last, so the
        // word one removed ("weg") is a word two has, and it is kept.
        let merged = one.save(&words(&["alt", "eins"])).expect("save one again");
        assert_eq!(merged, words(&["alt", "eins", "weg", "zwei"]));
        // Without a change by anyone else there is no merge: a removal sticks.
        let saved = one.save(&words(&["eins"])).expect("remove");
        assert_eq!(saved, words(&["eins"]));
    }

    #[test]
    fn an_unreadable_file_is_never_overwritten_and_its_recovery_is_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("words.txt");
        fs::write(&path, "words\nhalb").expect("write");
        let (mut store, opened) = open(dir.path());
        let bad = opened.unreadable.expect("unreadable");
        assert_eq!(bad.path, path);
        assert!(bad.to_string().contains("words.txt"), "{bad}");
        assert!(store.recovery && store.target() == store.recovery_path);
        store
            .save(&words(&["neu"]))
            .expect("save to the recovery file");
        assert_eq!(fs::read_to_string(&path).expect("read"), "words\nhalb");
        assert_eq!(store.recovery_path, dir.path().join("words.recovery.txt"));
        // The next open reads the recovery file, and still leaves the file alone.
        let (_, again) = open(dir.path());
        assert!(again.unreadable.is_some() && again.from_recovery);
        assert_eq!(again.content, words(&["neu"]));
        // Fixed by hand: the recovery file's words join the file's, and the first save
        // moves them there and removes the recovery file.
        fs::write(&path, "words\nalt\nend\n").expect("fix");
        let (mut fixed, joined) = open(dir.path());
        assert!(joined.unreadable.is_none() && joined.from_recovery);
        assert!(fixed.has_merged_recovery());
        assert_eq!(joined.content, words(&["alt", "neu"]));
        fixed.save(&joined.content).expect("save");
        assert!(!fixed.has_merged_recovery() && !fixed.recovery_path.exists());
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "words\nalt\nneu\nend\n"
        );
    }

    #[test]
    fn a_file_broken_after_open_is_not_overwritten_either() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut store, _) = open(dir.path());
        store.save(&words(&["eins"])).expect("save");
        fs::write(&store.path, "kaputt").expect("break");
        let err = store.save(&words(&["zwei"])).expect_err("refused");
        assert!(matches!(err, SaveError::BecameUnreadable { .. }));
        assert!(err.to_string().contains("words.txt"), "{err}");
        assert!(err.to_string().contains("words.recovery.txt"), "{err}");
        assert_eq!(fs::read_to_string(&store.path).expect("read"), "kaputt");
        assert!(store.recovery);
        assert_eq!(
            store.read_parsed(&store.recovery_path),
            Some(words(&["zwei"])),
            "what was to be saved went to the recovery file"
        );
    }

    #[test]
    fn a_file_that_cannot_be_read_offers_its_backup() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut store, _) = open(dir.path());
        store.save(&words(&["eins"])).expect("save");
        store
            .save(&words(&["zwei"]))
            .expect("save: the first is the backup");
        fs::remove_file(&store.path).expect("remove");
        fs::create_dir(&store.path).expect("a folder in its place");
        let (again, opened) = open(dir.path());
        let bad = opened.unreadable.expect("unreadable");
        assert!(bad.error.starts_with("cannot read"), "{}", bad.error);
        assert_eq!(bad.backup, Some(words(&["eins"])));
        assert!(again.recovery);
    }

    #[test]
    fn a_busy_lock_fails_the_save_with_the_lock_files_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (store, _) = open(dir.path());
        let mut store = store.with_lock_wait(Duration::from_millis(50));
        let held = super::super::lock::lock_exclusive(&store.lock_path).expect("lock");
        let err = store.save(&words(&["eins"])).expect_err("locked");
        assert!(matches!(&err, SaveError::Locked(p) if *p == store.lock_path));
        assert!(err.to_string().contains("words.txt.lock"), "{err}");
        assert!(!store.path.exists(), "nothing written");
        drop(held);
        store.save(&words(&["eins"])).expect("free again");
    }
}
