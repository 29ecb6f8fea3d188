//! Carrying out the effects that `update` asks for: saving, exporting, looking up, the
//! external editor, starting background work. An effect reads the state, never writes
//! it: what came of it goes back to `update` as an action.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;

use super::events::{InputThread, Message};
use super::jobs::{Analyses, DictionaryLoader, SearchJob, ToolJob};
use super::startup;
use crate::app::outcome::{ExistingFile, Exported, LookedUp, NotesNotSaved, NotesSaved};
use crate::app::{Action, App, Effect};
use crate::glossary::Term;
use crate::glossary::user::UserGlossaryStore;
use crate::notes::{NotesStore, SaveError, export, file};
use crate::paths::Paths;
use crate::storage::{NewFileError, absolute, free_name, write_atomic, write_new};
use crate::term::TerminalGuard;
use crate::vocab::store::VocabStore;

/// What the effects work with: the stores, the dictionaries, the running jobs.
pub struct World<'a> {
    pub paths: &'a Paths,
    pub sender: Sender<Message>,
    /// The notes file, once it is read (for a long file, once the whole text is there).
    pub notes: Option<NotesStore>,
    pub vocab: Option<VocabStore>,
    pub glossary: Option<UserGlossaryStore>,
    pub lemmas: Option<crate::vocab::lemmas::LemmaStore>,
    pub dictionaries: Option<DictionaryLoader>,
    /// The folders to open the dictionaries from, until they are opened.
    pub dictionary_folders: Option<Vec<PathBuf>>,
    pub search: Option<SearchJob>,
    searches: u64,
    /// The lookup command running, if one is.
    pub tool: Option<ToolJob>,
    pub analyses: Analyses,
    pub input: Option<InputThread>,
    /// Go to the saved position when the notes are read (a long file's; a text read whole
    /// went there before its first frame).
    pub resume_on_open: bool,
}

impl<'a> World<'a> {
    pub fn new(paths: &'a Paths, sender: Sender<Message>) -> World<'a> {
        World {
            paths,
            sender,
            notes: None,
            vocab: None,
            glossary: None,
            lemmas: None,
            dictionaries: None,
            dictionary_folders: None,
            search: None,
            searches: 0,
            tool: None,
            analyses: Analyses::default(),
            input: None,
            resume_on_open: false,
        }
    }

    /// Open the dictionaries in the background, if that has not been started.
    pub fn open_dictionaries(&mut self) -> &mut DictionaryLoader {
        let folders = self.dictionary_folders.take().unwrap_or_default();
        let sender = self.sender.clone();
        let cache = self.paths.cache_dir.clone();
        self.dictionaries
            .get_or_insert_with(|| DictionaryLoader::start(folders, cache, sender))
    }

    /// Whether `job` is the search running now.
    pub fn is_current_search(&self, job: u64) -> bool {
        self.search.as_ref().is_some_and(|s| s.id == job)
    }

    /// Carry out one effect; what came of it, if anything, as an action.
    pub fn perform(
        &mut self,
        effect: Effect,
        app: &App,
        terminal: Option<&mut TerminalGuard>,
    ) -> Option<Action> {
        match effect {
            // The loop throttles saving the position and leaves on `app.quit`.
            Effect::SavePosition(_) | Effect::Quit => None,
            Effect::SaveUserGlossary => Some(Action::UserGlossarySaved(save_user_glossary(
                app,
                self.glossary.as_mut(),
            ))),
            Effect::SaveNotes => Some(match &mut self.notes {
                Some(store) => Action::NotesSaved(save_notes(app, store)),
                None => Action::Report {
                    text: "Notes are saved as soon as the whole text is loaded.".to_string(),
                    error: false,
                },
            }),
            Effect::Export {
                format,
                path,
                with_glossary,
                overwrite,
            } => Some(Action::Exported(export(
                app,
                format,
                &path,
                with_glossary,
                overwrite,
            ))),
            Effect::WriteNotesTo(path) => {
                Some(Action::NotesWrittenElsewhere(write_notes_to(app, &path)))
            }
            Effect::ExternalEditor => external_editor(app, terminal?, self.input.as_ref()),
            Effect::Suspend => {
                let terminal = terminal?;
                if let Some(input) = &self.input {
                    input.pause();
                }
                terminal.suspend();
                super::events::stop_until_continued();
                let resumed = terminal.resume();
                if let Some(input) = &self.input {
                    input.resume();
                }
                resumed.err().map(|e| Action::Report {
                    text: format!("Could not take the terminal back: {e}"),
                    error: true,
                })
            }
            Effect::RetakeTerminal => terminal?.resume().err().map(|e| Action::Report {
                text: format!("Could not take the terminal back: {e}"),
                error: true,
            }),
            Effect::Lookup(word) => Some(Action::LookedUp(self.lookup(app, word))),
            Effect::SaveVocab => self
                .vocab
                .as_mut()
                .map(|store| Action::VocabSaved(store.save(&app.learning.vocab))),
            Effect::SaveLemmas => self
                .lemmas
                .as_mut()
                .map(|store| Action::LemmasSaved(store.save(&app.learning.lemmas))),
            Effect::Search(query) => {
                if let Some(job) = self.search.take() {
                    job.cancel();
                }
                self.searches += 1;
                self.search = Some(SearchJob::start(
                    self.searches,
                    Arc::clone(&app.doc),
                    query,
                    self.sender.clone(),
                ));
                None
            }
            Effect::CancelSearch => {
                if let Some(job) = self.search.take() {
                    job.cancel();
                }
                None
            }
            Effect::Speak(text) => Some(speak(&text)),
            Effect::RunTool(run) => {
                if let Some(job) = self.tool.take() {
                    job.cancel();
                }
                self.tool = Some(ToolJob::start(run, self.sender.clone()));
                None
            }
            Effect::CancelTool => {
                if let Some(job) = self.tool.take() {
                    job.cancel();
                }
                None
            }
            Effect::Copy(text) => copy(&text),
            Effect::Analyse => {
                self.analyses.start(
                    Arc::clone(&app.doc),
                    app.terms.user.clone(),
                    app.terms.document.clone(),
                    self.sender.clone(),
                );
                None
            }
            Effect::AnkiSync => {
                super::jobs::anki_sync(
                    app.learning.vocab.clone(),
                    app.config.anki.clone(),
                    speaker(true),
                    self.sender.clone(),
                );
                None
            }
            Effect::OpenNotes => {
                let (opened, store) =
                    startup::open_notes(&app.doc, self.paths, self.resume_on_open);
                self.notes = Some(store);
                Some(Action::NotesOpened(Box::new(opened)))
            }
        }
    }

    /// Look a word up in its sentence (waiting for the dictionaries if they are still being
    /// opened).
    fn lookup(&mut self, app: &App, word: String) -> LookedUp {
        let context = app
            .terms
            .lookup
            .as_ref()
            .filter(|l| l.word == word)
            .and_then(|l| l.context.clone());
        let loader = self.open_dictionaries();
        let (results, problems) = crate::dict::lookup_in(
            &word,
            context.as_ref().map(|(s, at)| (s.as_str(), *at)),
            None,
            loader.get(),
        );
        loader.build_usage();
        LookedUp {
            word,
            results,
            problem: problems.first().map(ToString::to_string),
        }
    }
}

/// Save the notes (lock, merge with another lesepult's, temp file, fsync, rename, fsync of
/// the folder).
fn save_notes(app: &App, store: &mut NotesStore) -> Result<NotesSaved, NotesNotSaved> {
    match store.save(&app.notebook.notes, &app.notebook.deleted) {
        Ok((notes, deleted)) => Ok(NotesSaved {
            notes,
            deleted,
            recovery: store.recovery.then(|| store.recovery_path.clone()),
        }),
        Err(e) => Err(NotesNotSaved {
            recovery: matches!(e, SaveError::BecameUnreadable(_))
                .then(|| store.recovery_path.clone()),
            reason: e.to_string(),
        }),
    }
}

/// Write the user's glossary (lock, merge with another lesepult's terms, atomic write),
/// unless its file could not be read (then it is kept as it is). Returns the terms as
/// saved.
fn save_user_glossary(
    app: &App,
    store: Option<&mut UserGlossaryStore>,
) -> Result<Vec<Term>, String> {
    let (Some(user), Some(store)) = (&app.terms.user_file, store) else {
        return Ok(app.terms.user.clone());
    };
    if user.broken.is_some() {
        return Err(format!(
            "{} could not be read, so it is not overwritten; fix it and restart.",
            user.path.display()
        ));
    }
    store.save(&app.terms.user).map_err(|e| {
        format!("Not saved: {e}. Your term stays in memory; it is written with the next change.")
    })
}

/// Export the notes (or the vocabulary) to a file: never over an existing file unless
/// `overwrite` (the app asks first), never into a missing folder. What to say about it
/// names the file's absolute path.
fn export(
    app: &App,
    format: export::Format,
    path: &str,
    with_glossary: bool,
    overwrite: bool,
) -> Exported {
    let now = chrono::Utc::now().timestamp();
    let (text, what) = match format {
        export::Format::AnkiVocab => {
            let deck = crate::vocab::anki::export(&app.learning.vocab);
            (deck.text.into_bytes(), format!("{} words", deck.words))
        }
        export::Format::ApkgVocab => {
            let mut speak = speaker(true);
            match crate::apkg::vocabulary(&app.learning.vocab, &mut speak, now) {
                Ok(p) => {
                    let what = p.what("words");
                    (p.bytes, what)
                }
                Err(e) => return Exported::Failed(e),
            }
        }
        export::Format::Apkg => {
            let glossary = with_glossary.then_some(&app.terms.glossary);
            match crate::apkg::notes(&app.doc, &app.notebook.notes, glossary, now) {
                Ok(p) => {
                    let what = p.what("notes");
                    (p.bytes, what)
                }
                Err(e) => return Exported::Failed(e),
            }
        }
        _ => {
            let glossary =
                (format == export::Format::Anki && with_glossary).then_some(&app.terms.glossary);
            let rendered = export::render(format, &app.doc, &app.notebook.notes, glossary);
            let what = rendered.what();
            (rendered.text.into_bytes(), what)
        }
    };
    let target = absolute(&expand_home(path));
    match write_new(&target, &text, overwrite) {
        Ok(()) => Exported::Written(format!(
            "Exported {what} as {} to {}.",
            format.name(),
            target.display()
        )),
        Err(NewFileError::Exists(file)) => {
            let free = free_name(&file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // The free name in the form the path was typed in.
            let free = match path.rfind('/') {
                Some(i) => format!("{}{free}", &path[..=i]),
                None => free,
            };
            Exported::Exists(ExistingFile {
                format,
                path: path.to_string(),
                with_glossary,
                file,
                free,
            })
        }
        Err(e) => Exported::Failed(e.to_string()),
    }
}

/// Write the notes (in the notes-file format) to another place.
fn write_notes_to(app: &App, path: &str) -> Result<PathBuf, String> {
    let contents = file::to_string(&file::NotesFile {
        document: app.doc.id(),
        title: app.doc.title.clone(),
        text_hash: crate::notes::store::text_hash(&app.doc),
        notes: app.notebook.notes.clone(),
        deleted: app.notebook.deleted.clone(),
    });
    let target = expand_home(path);
    write_atomic(&target, contents.as_bytes(), false).map_err(|e| e.to_string())?;
    Ok(target)
}

/// `~/` at the start of a typed path is the home folder, as in a shell.
fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|h| Path::new(&h).join(rest))
            .unwrap_or_else(|| Path::new(path).to_path_buf()),
        None => Path::new(path).to_path_buf(),
    }
}

/// Open the note being edited in `$VISUAL` / `$EDITOR` (else `vi`), the way `git commit`
/// does: the terminal (and its input) is handed over and taken back.
fn external_editor(
    app: &App,
    terminal: &mut TerminalGuard,
    input: Option<&InputThread>,
) -> Option<Action> {
    let editor = app.notebook.editor.as_ref()?;
    let program = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let file = std::env::temp_dir().join(format!("lesepult-note-{}.md", std::process::id()));
    if let Err(e) = std::fs::write(&file, editor.text()) {
        return Some(Action::EditorClosed(Err(format!(
            "Cannot write {}: {e}",
            file.display()
        ))));
    }
    if let Some(input) = input {
        input.pause();
    }
    terminal.suspend();
    let mut parts = program.split_whitespace();
    let status = match parts.next() {
        Some(cmd) => std::process::Command::new(cmd)
            .args(parts)
            .arg(&file)
            .status(),
        None => Err(std::io::Error::other("no editor")),
    };
    let resumed = terminal.resume();
    if let Some(input) = input {
        input.resume();
    }
    let text = std::fs::read_to_string(&file);
    let _ = std::fs::remove_file(&file);
    let result = match (resumed, status, text) {
        (Err(e), _, _) => Err(format!("Could not take the terminal back: {e}")),
        (Ok(()), Ok(s), Ok(text)) if s.success() => Ok(text),
        (Ok(()), Ok(s), _) => Err(format!("{program} exited with {s}; the note is unchanged.")),
        (Ok(()), Err(e), _) => Err(format!(
            "Cannot run {program}: {e}. Set $VISUAL or $EDITOR."
        )),
    };
    Some(Action::EditorClosed(result))
}

/// Speak German text with espeak-ng, without waiting for it.
fn speak(text: &str) -> Action {
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
            Action::Report {
                text: format!("Speaking „{text}“…"),
                error: false,
            }
        }
        Err(_) => Action::Report {
            text: "espeak-ng is not installed: apt install espeak-ng (then p speaks the word)."
                .to_string(),
            error: true,
        },
    }
}

/// The speech of German words for an Anki package: espeak-ng's WAV (`--stdout`), while
/// espeak-ng runs; after the first failure (not installed) no more tries.
pub fn speaker(enabled: bool) -> impl FnMut(&str) -> Option<Vec<u8>> {
    let mut available = enabled;
    move |text: &str| {
        if !available {
            return None;
        }
        let out = std::process::Command::new("espeak-ng")
            .args(["-v", "de", "--stdout", "--", text])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output();
        match out {
            Ok(o) if o.status.success() && o.stdout.starts_with(b"RIFF") => Some(o.stdout),
            Ok(_) => None,
            Err(_) => {
                available = false;
                None
            }
        }
    }
}

/// Put text on the clipboard with OSC 52: the terminal does it (over ssh too; in tmux with
/// `set-clipboard on`). The app says what was copied; only a failure is reported.
fn copy(text: &str) -> Option<Action> {
    use std::io::Write;
    let sequence = osc52(text);
    let mut out = std::io::stdout();
    match out
        .write_all(sequence.as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => None,
        Err(e) => Some(Action::Report {
            text: format!("Not copied: {e}"),
            error: true,
        }),
    }
}

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", crate::base64::encode(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn osc52_carries_base64() {
        assert_eq!(super::osc52("Grüße"), "\x1b]52;c;R3LDvMOfZQ==\x07");
    }
}
