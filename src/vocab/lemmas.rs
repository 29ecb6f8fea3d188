//! The user's lemma corrections on disk: `lemmas.toml` in the data dir, shared by all
//! documents, saved through the one store ([`crate::storage::Store`]) with the rules of the
//! notes (a lock, a merge with another lesepult's changes, an atomic write with a backup, a
//! broken file never overwritten). The analysis uses them through
//! [`crate::german::corrections`].
//!
//! ```toml
//! [lemmas]
//! "Jungen" = "Junge"
//! ```

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::german::corrections::Corrections;
use crate::storage::{self, Store, StoredFile};

/// Word forms (as written) → the lemmas the user gave them.
pub type Lemmas = BTreeMap<String, String>;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LemmaFile {
    #[serde(default)]
    lemmas: Lemmas,
}

/// The file's text for `lemmas`.
pub fn to_text(lemmas: &Lemmas) -> String {
    let body = toml::to_string(&LemmaFile {
        lemmas: lemmas.clone(),
    })
    .unwrap_or_default();
    format!(
        "# lesepult: your corrections of lemmas, a word as written = its lemma (key L in the \
         app).\n{body}"
    )
}

/// Parse the file; an empty form or lemma is an error with its line.
pub fn parse(text: &str) -> Result<Lemmas, String> {
    let file: LemmaFile = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        match line {
            Some(l) => format!("line {l}: {}", e.message()),
            None => e.message().to_string(),
        }
    })?;
    if let Some((form, _)) = file
        .lemmas
        .iter()
        .find(|(f, l)| f.trim().is_empty() || l.trim().is_empty())
    {
        return Err(format!("„{form}“: a form and its lemma must not be empty"));
    }
    Ok(file.lemmas)
}

/// Merge by form against `base` (what this process last read or wrote): a form I did not
/// touch takes theirs (or goes if they removed it); mine wins where I changed it.
pub fn merge(base: &Lemmas, mine: &Lemmas, theirs: &Lemmas) -> Lemmas {
    let mut out = theirs.clone();
    let forms = base.keys().chain(mine.keys());
    for form in forms {
        let (b, m) = (base.get(form), mine.get(form));
        if b == m {
            continue;
        }
        match m {
            Some(lemma) => {
                out.insert(form.clone(), lemma.clone());
            }
            None => {
                // Removed by me: gone unless they changed it meanwhile.
                if out.get(form) == b {
                    out.remove(form);
                }
            }
        }
    }
    out
}

/// The lemma file as a kind of stored file.
#[derive(Debug, Clone, Copy)]
pub struct LemmaFormat;

impl StoredFile for LemmaFormat {
    type Content = Lemmas;
    type Error = String;

    fn parse(&self, _path: &Path, bytes: &[u8]) -> Result<Lemmas, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            )
        })?;
        parse(text)
    }

    fn cannot_read(&self, _path: &Path, error: &std::io::Error) -> String {
        format!("cannot read: {error}")
    }

    fn to_text(&self, content: &Lemmas) -> String {
        to_text(content)
    }

    fn merge(&self, base: &Lemmas, mine: &Lemmas, theirs: &Lemmas) -> Lemmas {
        merge(base, mine, theirs)
    }
}

/// The lemma file and what was last read from or written to it.
#[derive(Debug)]
pub struct LemmaStore {
    store: Store<LemmaFormat>,
}

impl Deref for LemmaStore {
    type Target = Store<LemmaFormat>;

    fn deref(&self) -> &Self::Target {
        &self.store
    }
}

impl DerefMut for LemmaStore {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.store
    }
}

impl LemmaStore {
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join("lemmas.toml")
    }

    /// Open and read; a broken file gives its message (it is left alone, and corrections
    /// go to its recovery file).
    pub fn open(data_dir: &Path) -> (LemmaStore, Lemmas, Option<String>) {
        let (store, opened) = Store::open(LemmaStore::path_in(data_dir), LemmaFormat);
        let message = opened.unreadable.map(|bad| {
            format!(
                "{bad}. It is left as it is; lemma corrections go to {}",
                store.recovery_path.display()
            )
        });
        (LemmaStore { store }, opened.content, message)
    }

    /// Save; returns the corrections as saved (merged with another process's changes).
    pub fn save(&mut self, lemmas: &Lemmas) -> Result<Lemmas, String> {
        self.store.save(lemmas).map_err(|e| match e {
            storage::SaveError::BecameUnreadable { path, error, .. } => format!(
                "{}: {error} (not overwritten; corrections go to the recovery file)",
                path.display()
            ),
            other => other.to_string(),
        })
    }
}

/// Read the user's corrections from `data_dir` and make them the process's (for the
/// commands); a broken file is reported and left alone.
pub fn install_from(data_dir: &Path) -> Option<String> {
    let (_, lemmas, problem) = LemmaStore::open(data_dir);
    crate::german::corrections::install(Corrections::new(lemmas));
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemmas(pairs: &[(&str, &str)]) -> Lemmas {
        pairs
            .iter()
            .map(|(f, l)| (f.to_string(), l.to_string()))
            .collect()
    }

    #[test]
    fn the_file_reads_back_what_was_written() {
        let l = lemmas(&[("Jungen", "Junge"), ("„Größe“ = x", "Größe\n")]);
        assert_eq!(parse(&to_text(&l)), Ok(l));
        assert!(parse("[lemmas]\nJungen = \"\"\n").is_err());
        let e = parse("[lemmas]\n\nJungen = Junge\n").unwrap_err();
        assert!(e.starts_with("line 3"), "{e}");
    }

    #[test]
    fn a_merge_keeps_both_sides_changes() {
        let base = lemmas(&[("a", "1"), ("b", "2"), ("c", "3")]);
        // I change a and remove b; they add d and change c.
        let mine = lemmas(&[("a", "10"), ("c", "3")]);
        let theirs = lemmas(&[("a", "1"), ("b", "2"), ("c", "30"), ("d", "4")]);
        assert_eq!(
            merge(&base, &mine, &theirs),
            lemmas(&[("a", "10"), ("c", "30"), ("d", "4")])
        );
    }

    #[test]
    fn two_stores_on_one_dir_keep_each_others_corrections() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut one, l, problem) = LemmaStore::open(dir.path());
        assert!(l.is_empty() && problem.is_none());
        let (mut two, _, _) = LemmaStore::open(dir.path());
        one.save(&lemmas(&[("Jungen", "Junge")])).expect("save one");
        let saved = two
            .save(&lemmas(&[("Preisen", "Preis")]))
            .expect("save two");
        assert_eq!(saved, lemmas(&[("Jungen", "Junge"), ("Preisen", "Preis")]));
        // A broken file is left alone.
        let path = LemmaStore::path_in(dir.path());
        std::fs::write(&path, "[lemmas\n").expect("write");
        let (mut store, _, problem) = LemmaStore::open(dir.path());
        assert!(problem.is_some_and(|p| p.contains("lemmas.toml")));
        store.save(&lemmas(&[("x", "y")])).expect("recovery save");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "[lemmas\n");
    }
}
