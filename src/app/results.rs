//! Applying what the world reports (files read, dictionaries opened, searches, saves) to
//! the state: the half of `update` that does not come from a key.

use super::effect::Effect;
use super::outcome::{
    Analysed, DictionariesOpened, Exported, LookedUp, NotesNotSaved, NotesOpened, NotesSaved,
    RestOfFile, SearchFound, Startup,
};
use super::{ANALYSE_IN_BACKGROUND, App, DictionaryStatus, Mode, UserGlossary, notes_keys, study};

/// The text is about to be shown: its notes are read after the first frame, its words
/// counted then too (or, for a long file, once it is whole).
pub fn opening(app: &mut App, whole_length: Option<usize>) {
    app.notebook.pending = true;
    match whole_length {
        None => app.terms.analysing = true,
        Some(length) => {
            app.partial_of = Some(length.max(app.doc.text.len()));
            app.info("Reading the rest of the file…");
        }
    }
    warn_of_parts(app);
}

/// What was wrong with parts of a file that opened (a book's missing chapter).
fn warn_of_parts(app: &mut App) {
    if !app.doc.warnings.is_empty() {
        let text = format!("{}; the rest opened.", app.doc.warnings.join(" · "));
        app.error(text);
    }
}

/// Go to the saved reading position.
pub fn resume(app: &mut App, resumed: crate::resume::Resumed) {
    app.go_to_anchor(resumed.anchor);
    let pct = app.percent();
    let found = if resumed.by_fingerprint {
        "; found by the text's fingerprint: the file was moved or copied"
    } else {
        ""
    };
    app.info(format!(
        "Resumed where you left off ({pct}%{found}). g goes to the start."
    ));
}

/// The glossaries and the vocabulary, read after the first frame.
pub fn started(app: &mut App, s: Startup, effects: &mut Vec<Effect>) {
    app.terms.user_file = Some(UserGlossary {
        path: s.user_glossary,
        broken: s.user_glossary_broken,
    });
    // The terms and the vocabulary are the app's from now on, also while the rest of a
    // long file is read (a status or a term set meanwhile is kept, and saved over nothing
    // older). A long text's occurrences and word counts are found in the background.
    let whole = app.partial_of.is_none();
    if whole && app.doc.text.len() <= ANALYSE_IN_BACKGROUND {
        app.set_glossary(s.document_terms, s.user_terms);
        app.learning.lemmas = s.lemmas;
        app.set_vocabulary(s.vocabulary);
        app.terms.analysing = false;
    } else {
        app.set_glossary_deferred(s.document_terms, s.user_terms);
        app.learning.lemmas = s.lemmas;
        app.learning.vocab = s.vocabulary;
    }
    if whole {
        effects.push(Effect::OpenNotes);
        if app.doc.text.len() > ANALYSE_IN_BACKGROUND {
            effects.push(Effect::Analyse);
        }
    }
    // Entries from before the lexicon, moved or marked doubtful: saved so (the file's
    // previous version stays as its backup) with the next save.
    if s.migration.is_some() {
        app.learning.unsaved = true;
    }
    let mut problems = s.problems;
    if problems.is_empty() {
        if let Some(m) = s.migration {
            app.info(m);
        }
    } else {
        problems.extend(s.migration);
        app.error(problems.join(" · "));
    }
}

/// The notes file (and, for a long file, the saved position), read once the whole text is
/// there.
pub fn notes_opened(app: &mut App, n: NotesOpened, effects: &mut Vec<Effect>) {
    if let Some(resumed) = n.resume {
        resume(app, resumed);
    }
    let count = n.notes.len();
    notes_keys::attach_notes(app, n.notes, n.deleted);
    if n.by_fingerprint {
        let noun = if count == 1 { "note" } else { "notes" };
        let found = format!(
            "{}: {count} {noun}.",
            crate::notes::store::FOUND_BY_FINGERPRINT
        );
        // Said with an error shown, not instead of it.
        match app
            .message
            .as_ref()
            .filter(|m| m.error)
            .map(|m| m.text.clone())
        {
            Some(error) => app.error(format!("{error} · {found}")),
            None => app.info(found),
        }
    }
    if n.merged_recovery {
        app.notebook.status.after_save =
            Some("Notes from the recovery file are back in the notes file.".to_string());
        push_once(effects, Effect::SaveNotes);
    }
    if let Some(recovery) = n.recovery {
        app.notebook.status.recovery = Some(recovery);
    }
    if let Some(backup) = n.backup.filter(|b| !b.is_empty()) {
        app.notebook.status.backup = Some(backup);
        app.mode = Mode::AskBackup;
    }
    if !n.problems.is_empty() {
        // Said after what the start-up said, not instead of it.
        let earlier = app
            .message
            .as_ref()
            .filter(|m| m.error)
            .map(|m| m.text.clone());
        let mut all: Vec<String> = earlier.into_iter().collect();
        all.extend(n.problems);
        app.error(all.join(" · "));
    }
    // Notes taken while a long file was still read.
    if app.notebook.status.unsaved {
        push_once(effects, Effect::SaveNotes);
    }
}

fn push_once(effects: &mut Vec<Effect>, effect: Effect) {
    if !effects.contains(&effect) {
        effects.push(effect);
    }
}

/// The dictionaries opened in the background; broken ones are named.
pub fn dictionaries_opened(app: &mut App, d: DictionariesOpened) {
    if app.terms.dictionaries.is_some() {
        return;
    }
    app.terms.dictionaries = Some(DictionaryStatus {
        count: d.names.len(),
        names: d.names,
    });
    if let Some(first) = d.problems.first() {
        let more = d.problems.len() - 1;
        let more = if more > 0 {
            format!(" (and {more} more; `lesepult dict list`)")
        } else {
            String::new()
        };
        app.error(format!("Dictionary not usable: {first}{more}"));
    }
}

/// The whole of a long file: shown in place of its beginning, then its notes are read.
pub fn rest_of_file(app: &mut App, rest: RestOfFile, effects: &mut Vec<Effect>) {
    match rest {
        Ok(doc) => {
            app.replace_document(*doc);
            app.info("The whole text is loaded.");
            warn_of_parts(app);
        }
        Err(e) => {
            app.partial_of = None;
            app.error(format!("{e}: only the beginning is shown."));
        }
    }
    app.partial_of = None;
    effects.push(Effect::OpenNotes);
    if app.doc.text.len() > ANALYSE_IN_BACKGROUND {
        effects.push(Effect::Analyse);
    }
}

pub fn search_found(app: &mut App, s: SearchFound) {
    app.add_search_results(&s.query, s.matches, s.percent, s.finished);
}

pub fn analysed(app: &mut App, a: Analysed) {
    app.finish_analysis(a.glossary, a.words);
}

/// A lookup's results in the glossary pane; meanings found for words with a status are
/// saved with them.
pub fn looked_up(app: &mut App, l: LookedUp, effects: &mut Vec<Effect>) {
    if study::show_lookup(app, &l.word, l.results) {
        effects.push(Effect::SaveVocab);
    }
    app.keep_cursor_in_view();
    if let Some(p) = l.problem {
        app.error(format!("A dictionary entry could not be read: {p}"));
    }
}

/// "Saved" is shown only after the write succeeded; on failure the notes stay in memory
/// and the next change tries again.
pub fn notes_saved(app: &mut App, saved: Result<NotesSaved, NotesNotSaved>) {
    match saved {
        Ok(s) => {
            let merged = s.notes.len().saturating_sub(app.notebook.notes.len());
            notes_keys::set_notes(app, s.notes, s.deleted);
            app.notebook.status.unsaved = false;
            app.notebook.status.error = None;
            let target = match &s.recovery {
                Some(path) => format!(" to the recovery file {}", path.display()),
                None => String::new(),
            };
            let merged = if merged > 0 {
                format!(" ({merged} from another lesepult merged in)")
            } else {
                String::new()
            };
            match app.notebook.status.after_save.take() {
                Some(said) if target.is_empty() && merged.is_empty() => {
                    app.info(format!("{said} Saved."));
                }
                _ => app.info(format!("Saved{target}{merged}.")),
            }
        }
        Err(e) => {
            if let Some(recovery) = e.recovery {
                app.notebook.status.recovery = Some(recovery);
            }
            app.error(format!(
                "Notes NOT saved: {}. They stay in memory; the next change tries again.",
                e.reason
            ));
            app.notebook.status.error = Some(e.reason);
        }
    }
}

pub fn vocab_saved(app: &mut App, saved: Result<crate::vocab::Vocabulary, String>) {
    match saved {
        Ok(merged) => {
            app.learning.vocab = merged;
            app.learning.unsaved = false;
            app.learning.save_error = None;
            app.refresh_vocab_numbers();
        }
        Err(e) => {
            app.error(format!(
                "Word statuses NOT saved: {e}. They stay in memory; the next change tries again."
            ));
            app.learning.save_error = Some(e);
        }
    }
}

/// The user's glossary saved; terms another lesepult added meanwhile are found in the
/// text too.
pub fn user_glossary_saved(
    app: &mut App,
    saved: Result<Vec<crate::glossary::Term>, String>,
    effects: &mut Vec<Effect>,
) {
    let note = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    match saved {
        Ok(terms) if terms != app.terms.user => {
            app.terms.save_error = None;
            app.terms.user = terms;
            app.terms_changed(effects);
            app.info(
                format!("{note} (saved, with another lesepult's changes)")
                    .trim()
                    .to_string(),
            );
        }
        Ok(_) => {
            app.terms.save_error = None;
            app.info(format!("{note} (saved)").trim().to_string());
        }
        Err(e) => {
            app.error(e.clone());
            app.terms.save_error = Some(e);
        }
    }
}

/// An export written, or its file exists (ask), or why not.
pub fn exported(app: &mut App, result: Exported) {
    match result {
        Exported::Written(said) => app.info(said),
        Exported::Exists(existing) => notes_keys::ask_overwrite(app, existing),
        Exported::Failed(e) => app.error(format!("Export failed: {e}")),
    }
}

/// The unsaved notes written elsewhere at quit: leave; if that failed too, ask again.
pub fn notes_written_elsewhere(
    app: &mut App,
    result: Result<std::path::PathBuf, String>,
    effects: &mut Vec<Effect>,
) {
    match result {
        Ok(path) => {
            app.notebook.status.unsaved = false;
            app.info(format!("Notes written to {}.", path.display()));
            app.quit = true;
            effects.push(Effect::Quit);
        }
        Err(e) => {
            app.error(format!("Could not write there either: {e}"));
            app.mode = Mode::ConfirmQuit;
        }
    }
}

pub fn editor_closed(app: &mut App, result: Result<String, String>) {
    match result {
        Ok(text) => {
            if let Some(editor) = &mut app.notebook.editor {
                editor.set_text(text.trim_end_matches('\n'));
            }
            app.info("Back from the editor: Ctrl-s saves the note.");
        }
        Err(e) => app.error(e),
    }
}

pub fn report(app: &mut App, text: String, error: bool) {
    if error {
        app.error(text);
    } else {
        app.info(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::outcome::{DictionariesOpened, NotesNotSaved, NotesOpened, SearchFound};
    use crate::app::{Action, Search, t0, update};
    use crate::config::Config;
    use crate::document::{Origin, bundled, parse_str};

    fn app() -> App {
        App::new(bundled(), Config::builtin(), 120, 40)
    }

    fn said(app: &App) -> (String, bool) {
        app.message
            .as_ref()
            .map(|m| (m.text.clone(), m.error))
            .unwrap_or_default()
    }

    #[test]
    fn dictionaries_arriving_are_counted_and_broken_ones_named() {
        let mut a = app();
        assert!(a.terms.dictionaries.is_none());
        let opened = DictionariesOpened {
            names: vec!["freedict-deu-eng".into(), "german-english".into()],
            problems: vec!["/x/broken.index: not a dictd index".into()],
        };
        let effects = update(&mut a, Action::DictionariesOpened(opened), t0());
        assert!(effects.is_empty());
        let d = a.terms.dictionaries.clone().unwrap_or_default();
        assert_eq!(d.count, 2);
        assert_eq!(d.names[1], "german-english");
        let (text, error) = said(&a);
        assert!(error);
        assert!(
            text.contains("/x/broken.index: not a dictd index"),
            "{text}"
        );
    }

    #[test]
    fn the_rest_of_a_long_file_replaces_its_beginning_and_opens_the_notes() {
        let whole: String = (1..=400)
            .map(|i| format!("Absatz {i}: Die Firma baut Chips.\n\n"))
            .collect();
        let first = whole[..whole.len() / 4].to_string();
        let cut = first.rfind("\n\n").map_or(first.len(), |i| i + 2);
        let origin = || Origin::File("buch.txt".into());
        let beginning = parse_str(first[..cut].to_string(), origin(), "buch.txt", false);
        let mut a = App::new(beginning, Config::builtin(), 120, 40);
        update(
            &mut a,
            Action::Opening {
                whole_length: Some(whole.len()),
            },
            t0(),
        );
        assert_eq!(a.partial_of, Some(whole.len()));
        let shown = a.doc.blocks.len();
        let full = parse_str(whole.clone(), origin(), "buch.txt", false);
        let blocks = full.blocks.len();
        let effects = update(&mut a, Action::RestOfFile(Ok(Box::new(full))), t0());
        assert!(blocks > shown);
        assert_eq!(a.doc.blocks.len(), blocks);
        assert_eq!(a.partial_of, None);
        assert_eq!(said(&a), ("The whole text is loaded.".to_string(), false));
        assert!(effects.contains(&Effect::OpenNotes), "{effects:?}");
    }

    #[test]
    fn a_long_file_that_cannot_be_read_whole_keeps_its_beginning() {
        let mut a = app();
        update(
            &mut a,
            Action::Opening {
                whole_length: Some(1 << 30),
            },
            t0(),
        );
        let blocks = a.doc.blocks.len();
        update(
            &mut a,
            Action::RestOfFile(Err("buch.txt: invalid UTF-8 at byte 70000".into())),
            t0(),
        );
        assert_eq!(a.doc.blocks.len(), blocks);
        assert_eq!(a.partial_of, None);
        let (text, error) = said(&a);
        assert!(
            error && text.contains("only the beginning is shown"),
            "{text}"
        );
    }

    fn searching(a: &mut App, query: &str) {
        a.search = Some(Search {
            query: query.to_string(),
            progress: Some(0),
            ..Search::default()
        });
    }

    #[test]
    fn a_search_finishing_in_the_background_shows_its_first_match() {
        let mut a = app();
        searching(&mut a, "Boeing");
        let folded = crate::document::search::fold_query("Boeing");
        let matches: Vec<_> = (0..a.doc.blocks.len())
            .flat_map(|b| crate::document::search::find_in_block(&a.doc, b, &folded))
            .collect();
        assert!(!matches.is_empty());
        let (half, rest) = matches.split_at(matches.len() / 2);
        let batch = |matches: &[crate::document::search::Match], percent, finished| {
            Action::SearchFound(SearchFound {
                query: "Boeing".into(),
                matches: matches.to_vec(),
                percent,
                finished,
            })
        };
        update(&mut a, batch(half, 50, false), t0());
        assert_eq!(a.search.as_ref().and_then(|s| s.progress), Some(50));
        update(&mut a, batch(rest, 100, true), t0());
        let s = a.search.clone().unwrap_or_default();
        assert_eq!(s.matches.len(), matches.len());
        assert_eq!(s.progress, None);
        assert_eq!(s.current, Some(0));
        // Results of another query (a search replaced meanwhile) change nothing.
        let other = Action::SearchFound(SearchFound {
            query: "Airbus".into(),
            matches: matches.clone(),
            percent: 100,
            finished: true,
        });
        update(&mut a, other, t0());
        assert_eq!(a.search.map(|s| s.matches.len()), Some(matches.len()));
    }

    #[test]
    fn a_search_that_finds_nothing_says_so() {
        let mut a = app();
        searching(&mut a, "Zeppelin");
        let done = SearchFound {
            query: "Zeppelin".into(),
            matches: Vec::new(),
            percent: 100,
            finished: true,
        };
        update(&mut a, Action::SearchFound(done), t0());
        assert_eq!(said(&a), ("Pattern not found: Zeppelin".to_string(), true));
    }

    #[test]
    fn a_failed_save_keeps_the_notes_unsaved_and_says_why() {
        let mut a = app();
        a.notebook.status.unsaved = true;
        let failed = NotesNotSaved {
            reason: "/data/notes/x.toml: No space left on device".into(),
            recovery: None,
        };
        update(&mut a, Action::NotesSaved(Err(failed)), t0());
        assert!(a.notebook.status.unsaved);
        assert_eq!(
            a.notebook.status.error.as_deref(),
            Some("/data/notes/x.toml: No space left on device")
        );
        let (text, error) = said(&a);
        assert!(
            error && text.starts_with("Notes NOT saved: /data/notes/x.toml"),
            "{text}"
        );
        // The word statuses likewise.
        a.learning.unsaved = true;
        update(&mut a, Action::VocabSaved(Err("disk full".into())), t0());
        assert!(a.learning.unsaved);
        assert!(said(&a).0.contains("Word statuses NOT saved: disk full"));
    }

    #[test]
    fn a_save_that_became_a_recovery_file_says_where_notes_go() {
        let mut a = app();
        let failed = NotesNotSaved {
            reason: "the notes file was changed and does not parse".into(),
            recovery: Some("/data/notes/x.recovery.toml".into()),
        };
        update(&mut a, Action::NotesSaved(Err(failed)), t0());
        assert_eq!(
            a.notebook.status.recovery,
            Some(std::path::PathBuf::from("/data/notes/x.recovery.toml"))
        );
    }

    #[test]
    fn notes_found_by_the_fingerprint_say_so() {
        let mut a = app();
        let opened = NotesOpened {
            resume: Some(crate::resume::Resumed {
                anchor: crate::layout::Anchor {
                    block: 3,
                    offset: 0,
                },
                by_fingerprint: true,
            }),
            by_fingerprint: true,
            ..NotesOpened::default()
        };
        update(&mut a, Action::NotesOpened(Box::new(opened)), t0());
        assert_eq!(a.top.block, 3);
        assert_eq!(
            said(&a),
            (
                "Notes found by the text's fingerprint (the file was moved or copied): 0 notes."
                    .to_string(),
                false
            )
        );
        // The position alone says it too.
        let mut b = app();
        let resumed = crate::resume::Resumed {
            anchor: crate::layout::Anchor {
                block: 3,
                offset: 0,
            },
            by_fingerprint: true,
        };
        update(&mut b, Action::Resume(resumed), t0());
        assert!(
            said(&b).0.contains("found by the text's fingerprint"),
            "{:?}",
            said(&b)
        );
    }

    #[test]
    fn a_broken_notes_file_with_a_backup_asks_about_it() {
        let mut a = app();
        let note = crate::notes::Note {
            id: "n1".into(),
            created: "2026-11-28T20:01:02Z".into(),
            updated: "2026-11-28T20:01:02Z".into(),
            text: "Notiz".into(),
            anchor: crate::notes::Anchor {
                kind: crate::notes::AnchorKind::Paragraph,
                block: 2,
                start: 0,
                end: 10,
                quote: "Das chines".into(),
                before: String::new(),
                after: String::new(),
                section: String::new(),
                term: None,
            },
            detached: false,
        };
        let opened = NotesOpened {
            backup: Some(vec![note]),
            recovery: Some("/data/notes/x.recovery.toml".into()),
            problems: vec!["Notes file broken: line 3".into()],
            ..NotesOpened::default()
        };
        update(&mut a, Action::NotesOpened(Box::new(opened)), t0());
        assert_eq!(a.mode, Mode::AskBackup);
        assert!(a.notebook.status.backup.is_some());
        assert!(said(&a).0.contains("Notes file broken: line 3"));
    }

    #[test]
    fn the_files_read_at_start_up_give_the_glossary_and_open_the_notes() {
        let mut a = app();
        update(&mut a, Action::Opening { whole_length: None }, t0());
        let terms = crate::glossary::load::parse(
            "version = 1\n[[term]]\nlemma = \"Durchbruch\"\npos = \"noun\"\ngender = \"m\"\nplural = \"Durchbrüche\"\nenglish = [\"breakthrough\"]\n",
            std::path::Path::new("g.toml"),
            crate::glossary::Source::Document,
        );
        assert!(terms.is_ok(), "{terms:?}");
        let startup = Startup {
            document_terms: terms.unwrap_or_default(),
            problems: vec!["glossary.toml: line 2: expected `=`".into()],
            ..Startup::default()
        };
        let effects = update(&mut a, Action::Started(Box::new(startup)), t0());
        assert!(effects.contains(&Effect::OpenNotes));
        assert!(!a.terms.analysing);
        assert!(!a.terms.glossary.is_empty());
        assert!(a.terms.glossary.occurrences_of(0).next().is_some());
        assert!(said(&a).0.contains("glossary.toml: line 2"));
    }
}
