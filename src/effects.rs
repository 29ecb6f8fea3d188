//! Carrying out the effects that `update` asks for: saving notes, exporting, writing the
//! notes elsewhere, the external editor. Results go back to the state as messages.

use std::path::Path;

use crate::app::{App, DictionaryStatus, Mode, notes_keys, study};
use crate::dict::{self, Dictionaries};
use crate::notes::{NotesStore, SaveError, export, file};
use crate::storage::write_atomic;
use crate::terminal::TerminalGuard;

/// Save the notes. "Saved" is shown only after the write (temp file, fsync, rename, fsync
/// of the folder) succeeded; on failure the notes stay in memory and the next change
/// tries again.
pub fn save_notes(app: &mut App, store: &mut NotesStore) {
    let before = app.notes.len();
    match store.save(&app.notes, &app.notes_deleted) {
        Ok((notes, deleted)) => {
            let merged = notes.len().saturating_sub(before);
            notes_keys::set_notes(app, notes, deleted);
            app.notes_status.unsaved = false;
            app.notes_status.error = None;
            let target = if store.recovery {
                format!(" to the recovery file {}", store.recovery_path.display())
            } else {
                String::new()
            };
            let merged = if merged > 0 {
                format!(" ({merged} from another lesepult merged in)")
            } else {
                String::new()
            };
            match app.notes_status.after_save.take() {
                Some(said) if target.is_empty() && merged.is_empty() => {
                    app.info(format!("{said} Saved."));
                }
                _ => app.info(format!("Saved{target}{merged}.")),
            }
        }
        Err(e) => {
            if let SaveError::BecameUnreadable(_) = &e {
                app.notes_status.recovery = Some(store.recovery_path.clone());
            }
            let text =
                format!("Notes NOT saved: {e}. They stay in memory; the next change tries again.");
            app.notes_status.error = Some(e.to_string());
            app.error(text);
        }
    }
}

/// Export the notes to a file.
pub fn export(app: &mut App, format: export::Format, path: &str) {
    let text = match format {
        export::Format::AnkiVocab => crate::vocab::anki::deck(&app.vocab),
        _ => export::render(format, &app.doc, &app.notes, Some(&app.glossary)),
    };
    let target = expand_home(path);
    match write_atomic(&target, text.as_bytes(), false) {
        Ok(()) => app.info(format!(
            "Exported {} as {} to {}.",
            if format == export::Format::AnkiVocab {
                format!("{} words", crate::vocab::anki::words_in_deck(&app.vocab))
            } else {
                format!("{} notes", app.notes.len())
            },
            format.name(),
            target.display()
        )),
        Err(e) => app.error(format!("Export failed: {e}")),
    }
}

/// Write the notes (in the notes-file format) to another place; quit after success.
pub fn write_notes_to(app: &mut App, path: &str) {
    let contents = file::to_string(&file::NotesFile {
        document: app.doc.id(),
        title: app.doc.title.clone(),
        text_hash: crate::notes::store::text_hash(&app.doc),
        notes: app.notes.clone(),
        deleted: app.notes_deleted.clone(),
    });
    let target = expand_home(path);
    match write_atomic(&target, contents.as_bytes(), false) {
        Ok(()) => {
            app.notes_status.unsaved = false;
            app.info(format!("Notes written to {}.", target.display()));
            app.quit = true;
        }
        Err(e) => {
            app.error(format!("Could not write there either: {e}"));
            app.mode = Mode::ConfirmQuit;
        }
    }
}

fn expand_home(path: &str) -> std::path::PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|h| Path::new(&h).join(rest))
            .unwrap_or_else(|| Path::new(path).to_path_buf()),
        None => Path::new(path).to_path_buf(),
    }
}

/// Open the note being edited in `$VISUAL` / `$EDITOR` (else `vi`), the way `git commit`
/// does: the terminal is handed over and taken back.
pub fn external_editor(app: &mut App, guard: &mut TerminalGuard) {
    let Some(editor) = &app.editor else {
        return;
    };
    let program = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let dir = std::env::temp_dir();
    let file = dir.join(format!("lesepult-note-{}.md", std::process::id()));
    if let Err(e) = std::fs::write(&file, editor.text()) {
        app.error(format!("Cannot write {}: {e}", file.display()));
        return;
    }
    guard.suspend();
    let mut parts = program.split_whitespace();
    let status = match parts.next() {
        Some(cmd) => std::process::Command::new(cmd)
            .args(parts)
            .arg(&file)
            .status(),
        None => Err(std::io::Error::other("no editor")),
    };
    let resumed = guard.resume();
    let text = std::fs::read_to_string(&file);
    let _ = std::fs::remove_file(&file);
    if let Err(e) = resumed {
        app.error(format!("Could not take the terminal back: {e}"));
    }
    match (status, text) {
        (Ok(s), Ok(text)) if s.success() => {
            if let Some(editor) = &mut app.editor {
                editor.set_text(text.trim_end_matches('\n'));
            }
            app.info("Back from the editor: Ctrl-s saves the note.");
        }
        (Ok(s), _) => app.error(format!("{program} exited with {s}; the note is unchanged.")),
        (Err(e), _) => app.error(format!(
            "Cannot run {program}: {e}. Set $VISUAL or $EDITOR."
        )),
    }
}

/// The dictionaries, opened on a background thread at start-up.
pub struct DictionaryLoader {
    handle: Option<std::thread::JoinHandle<Dictionaries>>,
    ready: Option<Dictionaries>,
}

impl DictionaryLoader {
    pub fn start(folders: Vec<std::path::PathBuf>) -> DictionaryLoader {
        DictionaryLoader {
            handle: Some(std::thread::spawn(move || Dictionaries::discover(&folders))),
            ready: None,
        }
    }

    /// Take the dictionaries over once they are open, and tell the user about broken ones;
    /// `true` if that changed what is shown.
    pub fn poll(&mut self, app: &mut App) -> bool {
        if self.handle.as_ref().is_some_and(|h| h.is_finished()) {
            self.finish();
        }
        let Some(d) = &self.ready else {
            return false;
        };
        if app.dictionaries.is_none() {
            app.dictionaries = Some(DictionaryStatus {
                count: d.list.len(),
                names: d.list.iter().map(|x| x.name().to_string()).collect(),
            });
            if !d.problems.is_empty() {
                let first = d.problems[0].to_string();
                let more = d.problems.len() - 1;
                let more = if more > 0 {
                    format!(" (and {more} more; `lesepult dict list`)")
                } else {
                    String::new()
                };
                app.error(format!("Dictionary not usable: {first}{more}"));
            }
            return true;
        }
        false
    }

    fn finish(&mut self) {
        if let Some(h) = self.handle.take() {
            self.ready = Some(h.join().unwrap_or_default());
        }
    }

    /// The dictionaries, waiting for them if they are still being opened.
    pub fn get(&mut self) -> &Dictionaries {
        self.finish();
        self.ready.get_or_insert_with(Dictionaries::default)
    }
}

/// Look a word up in the dictionaries and show the results in the glossary pane. Returns
/// whether vocabulary entries got their meaning from it (to be saved).
pub fn lookup(app: &mut App, dictionaries: &Dictionaries, word: &str) -> bool {
    let context = app
        .lookup
        .as_ref()
        .filter(|l| l.word == word)
        .and_then(|l| l.context.clone());
    let (results, problems) = dict::lookup_in(
        word,
        context.as_ref().map(|(s, at)| (s.as_str(), *at)),
        None,
        dictionaries,
    );
    let filled = study::show_lookup(app, word, results);
    if let Some(p) = problems.first() {
        app.error(format!("A dictionary entry could not be read: {p}"));
    }
    filled
}

/// Save the word statuses (lock, merge with another lesepult's changes, atomic write).
pub fn save_vocab(app: &mut App, store: &mut crate::vocab::store::VocabStore) {
    match store.save(&app.vocab) {
        Ok(merged) => {
            app.vocab = merged;
            app.vocab_unsaved = false;
            app.refresh_vocab_numbers();
        }
        Err(e) => app.error(format!(
            "Word statuses NOT saved: {e}. They stay in memory; the next change tries again."
        )),
    }
}

/// Speak German text with espeak-ng, without waiting for it.
pub fn speak(app: &mut App, text: &str) {
    let spawned = std::process::Command::new("espeak-ng")
        .args(["-v", "de", text])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            // Reap it in the background so no zombie is left.
            std::thread::spawn(move || child.wait());
            app.info(format!("Speaking „{text}“…"));
        }
        Err(_) => {
            app.error("espeak-ng is not installed: apt install espeak-ng (then p speaks the word).")
        }
    }
}

/// What a poll of background work found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Nothing new.
    Waiting,
    /// New results; more may come.
    Changed,
    /// The last results: the work is over.
    Finished,
}

/// A search running on a thread: matches arrive in batches with the percent done.
pub struct SearchJob {
    query: String,
    cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    results: std::sync::mpsc::Receiver<(Vec<crate::document::search::Match>, u8, bool)>,
}

impl SearchJob {
    /// Search the whole document for `query` on a thread.
    pub fn start(doc: std::sync::Arc<crate::document::Document>, query: String) -> SearchJob {
        use std::sync::atomic::Ordering;
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (tx, rx) = std::sync::mpsc::channel();
        let (stop, q) = (std::sync::Arc::clone(&cancel), query.clone());
        std::thread::spawn(move || {
            let folded = crate::document::search::fold_query(&q);
            let total = doc.blocks.len().max(1);
            let mut batch = Vec::new();
            let mut last_send = std::time::Instant::now();
            for b in 0..doc.blocks.len() {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                batch.extend(crate::document::search::find_in_block(&doc, b, &folded));
                if last_send.elapsed() > std::time::Duration::from_millis(50) {
                    let done = (b * 100 / total) as u8;
                    if tx.send((std::mem::take(&mut batch), done, false)).is_err() {
                        return;
                    }
                    last_send = std::time::Instant::now();
                }
            }
            let _ = tx.send((batch, 100, true));
        });
        SearchJob {
            query,
            cancel,
            results: rx,
        }
    }

    pub fn cancel(&self) {
        self.cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Hand the matches found so far to the app.
    pub fn poll(&self, app: &mut App) -> Progress {
        let mut progress = Progress::Waiting;
        while let Ok((found, done, finished)) = self.results.try_recv() {
            app.add_search_results(&self.query, found, done, finished);
            if finished {
                return Progress::Finished;
            }
            progress = Progress::Changed;
        }
        progress
    }
}
