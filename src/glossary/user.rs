//! The user's own glossary: one file in the data dir (`glossary.toml`), shared by all
//! documents and by every lesepult running at once. It is saved through the one store
//! ([`crate::storage::Store`]) with the rules of the notes: a lock on `glossary.toml.lock`,
//! a merge when another lesepult saved in between, an atomic write with `glossary.toml.bak`,
//! and a file that does not parse is never overwritten (saves go to
//! `glossary.recovery.toml`, which is read back).
//!
//! Terms are keyed by their lemma (as the app adds, replaces and deletes them). The file
//! keeps no record of deletions, so the merge is three-way against what this process last
//! read or wrote (the base); see [`merge`].

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use super::load::{self, GlossaryError};
use super::term::{Source, Term};
use crate::storage::{Store, StoredFile};

/// The user's glossary file.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("glossary.toml")
}

/// The user's terms, read only (for the commands); a missing file is an empty glossary.
pub fn load(file: &Path) -> Result<Vec<Term>, GlossaryError> {
    if !file.exists() {
        return Ok(Vec::new());
    }
    load::load(file, Source::User)
}

/// A term's key in the user's glossary: its lemma.
fn key(term: &Term) -> &str {
    &term.lemma
}

/// Merge the user's terms being saved (`mine`) with those another lesepult saved
/// (`theirs`), by lemma, against `base` (what this process last read or wrote):
///
/// - a term I did not change (as in `base`) takes their version, or goes if they deleted
///   it;
/// - a term I added or changed is mine (also when they changed it too);
/// - a term they added (in neither `mine` nor `base`) is added, after mine;
/// - a term I deleted stays deleted when they left it as it was, and comes back with
///   their version when they changed it (an edit is not lost to a deletion).
///
/// Order: mine, then theirs that are added.
pub fn merge(base: &[Term], mine: &[Term], theirs: &[Term]) -> Vec<Term> {
    let find = |terms: &'_ [Term], k: &str| -> Option<Term> {
        terms.iter().find(|t| key(t) == k).cloned()
    };
    let mut out: Vec<Term> = Vec::with_capacity(mine.len() + theirs.len());
    for m in mine {
        let k = key(m);
        let in_base = find(base, k);
        if in_base.as_ref() == Some(m) {
            // Unchanged by me: theirs decides.
            if let Some(t) = find(theirs, k) {
                out.push(t);
            }
        } else {
            out.push(m.clone());
        }
    }
    for t in theirs {
        let k = key(t);
        if mine.iter().any(|m| key(m) == k) || out.iter().any(|o| key(o) == k) {
            continue;
        }
        match find(base, k) {
            // Added by them.
            None => out.push(t.clone()),
            // Deleted by me, left alone by them.
            Some(b) if b == *t => {}
            // Deleted by me, changed by them.
            Some(_) => out.push(t.clone()),
        }
    }
    out
}

/// The user's glossary file as a kind of stored file.
#[derive(Debug, Clone, Copy)]
pub struct UserGlossaryFormat;

impl StoredFile for UserGlossaryFormat {
    type Content = Vec<Term>;
    type Error = GlossaryError;

    fn parse(&self, path: &Path, bytes: &[u8]) -> Result<Vec<Term>, GlossaryError> {
        let text = std::str::from_utf8(bytes).map_err(|e| GlossaryError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!(
                "not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        })?;
        load::parse(text, path, Source::User)
    }

    fn cannot_read(&self, path: &Path, error: &std::io::Error) -> GlossaryError {
        GlossaryError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!("cannot read: {error}"),
        }
    }

    fn to_text(&self, terms: &Vec<Term>) -> String {
        load::to_toml(terms)
    }

    fn merge(&self, base: &Vec<Term>, mine: &Vec<Term>, theirs: &Vec<Term>) -> Vec<Term> {
        merge(base, mine, theirs)
    }
}

/// The user's glossary file and what was last read from or written to it. It dereferences
/// to the one store, for `path`, `recovery_path` and `recovery` (true when the file did not
/// parse: saves then go to the recovery file).
#[derive(Debug)]
pub struct UserGlossaryStore {
    store: Store<UserGlossaryFormat>,
}

impl Deref for UserGlossaryStore {
    type Target = Store<UserGlossaryFormat>;

    fn deref(&self) -> &Self::Target {
        &self.store
    }
}

impl DerefMut for UserGlossaryStore {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.store
    }
}

impl UserGlossaryStore {
    /// Open `glossary.toml` in `data_dir` (creating nothing) and read the user's terms. A
    /// file that does not parse gives its error (with the path, line and column); the terms
    /// are then those of its recovery file, if there is one, and saves go there.
    pub fn open(data_dir: &Path) -> (UserGlossaryStore, Vec<Term>, Option<GlossaryError>) {
        let (store, opened) = Store::open(path(data_dir), UserGlossaryFormat);
        let problem = opened.unreadable.map(|bad| bad.error);
        (UserGlossaryStore { store }, opened.content, problem)
    }

    /// Save the user's terms. Returns the terms as saved: merged with another lesepult's
    /// changes (see [`merge`]) if the file changed since it was read. The error names the
    /// file.
    pub fn save(&mut self, terms: &[Term]) -> Result<Vec<Term>, String> {
        self.store.save(&terms.to_vec()).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::super::term::PartOfSpeech;
    use super::*;

    fn term(lemma: &str, english: &str) -> Term {
        Term {
            lemma: lemma.into(),
            pos: PartOfSpeech::Noun,
            gender: None,
            plural: None,
            singular_only: false,
            english: vec![english.into()],
            explanation_de: String::new(),
            explanation_en: String::new(),
            category: String::new(),
            forms: vec![],
            note: "„Größe“".into(),
            source: Source::User,
        }
    }

    fn lemmas(terms: &[Term]) -> Vec<&str> {
        terms.iter().map(|t| t.lemma.as_str()).collect()
    }

    #[test]
    fn two_stores_on_one_dir_keep_each_others_terms() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut one, a, problem) = UserGlossaryStore::open(dir.path());
        assert!(a.is_empty() && problem.is_none());
        let (mut two, _, _) = UserGlossaryStore::open(dir.path());
        let saved = one.save(&[term("Haus", "house")]).expect("save one");
        assert_eq!(lemmas(&saved), ["Haus"]);
        let saved = two.save(&[term("Baum", "tree")]).expect("save two");
        assert_eq!(lemmas(&saved), ["Baum", "Haus"], "two kept one's term");
        // One deletes nothing and adds another: two's term arrives.
        let saved = one
            .save(&[term("Haus", "house"), term("Maus", "mouse")])
            .expect("save one again");
        assert_eq!(lemmas(&saved), ["Haus", "Maus", "Baum"]);
        let (_, loaded, _) = UserGlossaryStore::open(dir.path());
        assert_eq!(loaded, saved);
        // Two deletes "Haus" (which one left as it was): it stays deleted, and one's
        // "Maus" arrives.
        let saved = two.save(&[term("Baum", "tree")]).expect("two deletes Haus");
        assert_eq!(lemmas(&saved), ["Baum", "Maus"]);
        let saved = one
            .save(&[
                term("Haus", "house"),
                term("Maus", "mouse"),
                term("Baum", "tree"),
            ])
            .expect("one saves what it has");
        assert_eq!(lemmas(&saved), ["Maus", "Baum"], "Haus stays deleted");
        let (_, loaded, _) = UserGlossaryStore::open(dir.path());
        assert_eq!(lemmas(&loaded), ["Maus", "Baum"]);
    }

    #[test]
    fn merge_by_lemma_against_the_base() {
        let base = vec![term("A", "a"), term("B", "b"), term("C", "c")];
        // Mine: A changed, B deleted, C as it was, D added.
        let mine = vec![term("A", "a, mine"), term("C", "c"), term("D", "d")];
        // Theirs: A changed, B as it was, C changed, E added.
        let theirs = vec![
            term("A", "a, theirs"),
            term("B", "b"),
            term("C", "c, theirs"),
            term("E", "e"),
        ];
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(lemmas(&merged), ["A", "C", "D", "E"]);
        assert_eq!(merged[0].english, ["a, mine"], "both changed: mine");
        assert_eq!(merged[1].english, ["c, theirs"], "only theirs changed");
        // A term I deleted that they changed comes back; one they deleted goes.
        let theirs = vec![term("B", "b, theirs")];
        let merged = merge(&base, &[term("C", "c")], &theirs);
        assert_eq!(lemmas(&merged), ["B"]);
    }

    #[test]
    fn a_broken_glossary_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = path(dir.path());
        std::fs::write(&file, "version = 1\n[[term]]\nlemma = \"x\"\n").expect("write");
        let (mut store, terms, problem) = UserGlossaryStore::open(dir.path());
        let problem = problem.expect("broken");
        assert!(problem.to_string().contains("glossary.toml:"), "{problem}");
        assert!(terms.is_empty() && store.recovery);
        store.save(&[term("Haus", "house")]).expect("to recovery");
        assert_eq!(
            std::fs::read_to_string(&file).expect("read"),
            "version = 1\n[[term]]\nlemma = \"x\"\n"
        );
        let (_, again, problem) = UserGlossaryStore::open(dir.path());
        assert!(problem.is_some());
        assert_eq!(lemmas(&again), ["Haus"], "read back from the recovery file");
    }
}
