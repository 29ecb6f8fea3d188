//! What is read from disk when a text opens: the glossaries and the vocabulary right after
//! the first frame, the notes file once the whole text is there. Read here, applied by
//! `update` as [`Action::Started`](crate::app::Action::Started) and
//! [`Action::NotesOpened`](crate::app::Action::NotesOpened).

use std::path::Path;

use crate::app::outcome::{NotesOpened, Startup};
use crate::document::Document;
use crate::german::corrections::Corrections;
use crate::glossary::user::UserGlossaryStore;
use crate::notes::NotesStore;
use crate::paths::Paths;
use crate::vocab::lemmas::LemmaStore;
use crate::vocab::store::VocabStore;
use crate::{resume, sources, storage};

/// Read the glossaries and the vocabulary. A broken file is a problem to report, and the
/// text opens all the same.
pub fn read_startup(
    doc: &Document,
    paths: &Paths,
    glossary_file: Option<&Path>,
) -> (Startup, Stores) {
    storage::remove_stale_temps(&paths.positions_dir());
    storage::remove_stale_temps(&paths.data_dir);
    let mut problems = Vec::new();
    let document_terms = sources::document_terms(doc, glossary_file).unwrap_or_else(|e| {
        problems.push(e.to_string());
        Vec::new()
    });
    let (glossary_store, user_terms, broken) = UserGlossaryStore::open(&paths.data_dir);
    if let Some(e) = &broken {
        problems.push(format!("{e} (your glossary; it will not be overwritten)"));
    }
    let (vocab_store, mut vocabulary, vocab_problem) = VocabStore::open(&paths.data_dir);
    problems.extend(vocab_problem);
    // Lemma corrections first: the migration and every analysis after it use them.
    let (lemma_store, lemmas, lemma_problem) = LemmaStore::open(&paths.data_dir);
    problems.extend(lemma_problem);
    crate::german::corrections::install(Corrections::new(lemmas.clone()));
    // Entries from before the lexicon: moved to their right lemma or marked doubtful.
    let migration = crate::vocab::migrate::migrate(&mut vocabulary);
    let startup = Startup {
        document_terms,
        user_terms,
        user_glossary: glossary_store.path.clone(),
        user_glossary_broken: broken.map(|e| e.to_string()),
        vocabulary,
        lemmas,
        migration: (!migration.is_empty()).then(|| migration.message()),
        problems,
    };
    (
        startup,
        Stores {
            vocab: vocab_store,
            glossary: glossary_store,
            lemmas: lemma_store,
        },
    )
}

/// The stores opened at start-up (the notes file's comes later).
pub struct Stores {
    pub vocab: VocabStore,
    pub glossary: UserGlossaryStore,
    pub lemmas: LemmaStore,
}

/// Open the notes file of the text (and read its saved position when `resume`).
pub fn open_notes(doc: &Document, paths: &Paths, resume: bool) -> (NotesOpened, NotesStore) {
    let notes_dir = paths.notes_dir();
    storage::remove_stale_temps(&notes_dir);
    let (store, loaded) = NotesStore::open_own(&notes_dir, doc);
    let mut opened = NotesOpened {
        notes: loaded.notes,
        deleted: loaded.deleted,
        resume: if resume {
            resume::load(&paths.positions_dir(), doc)
        } else {
            None
        },
        merged_recovery: store.has_merged_recovery(),
        by_fingerprint: loaded.by_fingerprint.is_some(),
        ..NotesOpened::default()
    };
    if let Some(bad) = &loaded.unreadable {
        opened.recovery = Some(store.recovery_path.clone());
        let from = if loaded.from_recovery {
            format!(" Notes were read from {}.", store.recovery_path.display())
        } else {
            String::new()
        };
        opened.problems.push(format!(
            "Notes file broken: {bad}. It is left as it is; new notes go to {}.{from}",
            store.recovery_path.display()
        ));
        opened.backup = bad.backup.clone();
    }
    (opened, store)
}
