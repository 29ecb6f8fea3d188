//! Work on background threads: opening the dictionaries, reading the rest of a long file,
//! analysing a long text, searching it. Each reports to the event queue when done.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::events::Message;
use crate::app::Action;
use crate::app::outcome::{Analysed, DictionariesOpened, SearchFound};
use crate::dict::Dictionaries;
use crate::document::{self, Document};
use crate::glossary::{Glossary, Term};
use crate::vocab::DocWords;

/// The dictionaries, opened on a thread: the first frame does not wait for them. The
/// index of their examples is read from the cache when it is there; else it is built on a
/// thread of its own at the first lookup, which does not wait for it (nor do the lookups
/// until it is ready: they rank the senses without it).
pub struct DictionaryLoader {
    handle: Option<std::thread::JoinHandle<Dictionaries>>,
    ready: Option<Arc<Dictionaries>>,
    usage_started: bool,
}

impl DictionaryLoader {
    /// Open the dictionaries in `folders`, with `cache` the folder of their examples'
    /// index; [`Message::DictionariesReady`] says when.
    pub fn start(
        folders: Vec<PathBuf>,
        cache: PathBuf,
        sender: Sender<Message>,
    ) -> DictionaryLoader {
        let handle = std::thread::spawn(move || {
            let mut d = Dictionaries::discover_german(&folders);
            d.usage_cache = Some(cache);
            d.usage_on_demand = true;
            d.usage_if_ready();
            let _ = sender.send(Message::DictionariesReady);
            d
        });
        DictionaryLoader {
            handle: Some(handle),
            ready: None,
            usage_started: false,
        }
    }

    /// The dictionaries, waiting for them if they are still being opened.
    pub fn get(&mut self) -> &Dictionaries {
        if let Some(h) = self.handle.take() {
            self.ready = Some(Arc::new(h.join().unwrap_or_default()));
        }
        self.ready
            .get_or_insert_with(|| Arc::new(Dictionaries::default()))
    }

    /// Build the examples' index on a thread of its own, once, unless it is ready.
    pub fn build_usage(&mut self) {
        self.get();
        let Some(d) = self.ready.as_ref() else {
            return;
        };
        if self.usage_started || d.usage_if_ready().is_some() {
            return;
        }
        self.usage_started = true;
        let d = Arc::clone(d);
        std::thread::spawn(move || {
            d.usage();
        });
    }

    /// What the app is told about them.
    pub fn opened(&mut self) -> DictionariesOpened {
        let d = self.get();
        DictionariesOpened {
            names: d.list.iter().map(|x| x.name().to_string()).collect(),
            problems: d.problems.iter().map(ToString::to_string).collect(),
        }
    }
}

/// What is still to be read of a text whose beginning is shown.
#[derive(Debug)]
pub enum Rest {
    /// A long regular file: read again, whole.
    File(PathBuf),
    /// Standard input, a FIFO or a device: read on from where the beginning ended.
    Stream(document::Stream),
}

/// Read the rest of a text on a thread; [`Action::RestOfFile`] brings the whole.
pub fn read_rest(rest: Rest, sender: Sender<Message>) {
    // For the end-to-end tests only: a slow disk, so that keys come while the file is read.
    let delay = std::env::var("LESEPULT_TEST_SLOW_LOAD_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map(Duration::from_millis);
    std::thread::spawn(move || {
        if let Some(delay) = delay {
            std::thread::sleep(delay);
        }
        let loaded = match rest {
            Rest::File(path) => document::load_path(&path),
            Rest::Stream(stream) => stream.finish(),
        };
        let loaded = loaded.map(Box::new).map_err(|e| e.to_string());
        let _ = sender.send(Message::Action(Action::RestOfFile(loaded)));
    });
}

/// Analyses of a long text: each newer one makes the older ones' results stale.
#[derive(Default)]
pub struct Analyses {
    latest: Arc<AtomicU64>,
}

impl Analyses {
    /// Find the terms in the text and count its words on a thread; the result is sent only
    /// if no newer analysis was started meanwhile.
    pub fn start(
        &self,
        doc: Arc<Document>,
        user: Vec<Term>,
        document_terms: Vec<Term>,
        sender: Sender<Message>,
    ) {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let latest = Arc::clone(&self.latest);
        std::thread::spawn(move || {
            let glossary = Glossary::build(&doc, user, document_terms);
            let words = DocWords::build(&doc, Some(&glossary));
            if latest.load(Ordering::SeqCst) == generation {
                let result = Analysed { glossary, words };
                let _ = sender.send(Message::Action(Action::Analysed(Box::new(result))));
            }
        });
    }
}

/// A search running on a thread: matches arrive in batches with the percent done, as
/// [`Message::Searched`] with the job's number (a cancelled job's last batch may still
/// be in the queue: the loop drops what is not from the current job).
pub struct SearchJob {
    pub id: u64,
    cancel: Arc<AtomicBool>,
}

/// How often a running search reports what it found so far.
const SEARCH_BATCH: Duration = Duration::from_millis(50);

impl SearchJob {
    /// Search the whole document for `query` on a thread.
    pub fn start(id: u64, doc: Arc<Document>, query: String, sender: Sender<Message>) -> SearchJob {
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        std::thread::spawn(move || {
            let folded = document::search::fold_query(&query);
            let total = doc.blocks.len().max(1);
            let mut batch = Vec::new();
            let mut last_send = Instant::now();
            let send = |matches, percent, finished| {
                let found = SearchFound {
                    query: query.clone(),
                    matches,
                    percent,
                    finished,
                };
                sender.send(Message::Searched { job: id, found }).is_ok()
            };
            for b in 0..doc.blocks.len() {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let stopped = || stop.load(Ordering::Relaxed);
                match document::search::find_in_block_until(&doc, b, &folded, &stopped) {
                    Some(found) => batch.extend(found),
                    None => return,
                }
                if last_send.elapsed() > SEARCH_BATCH {
                    let done = (b * 100 / total) as u8;
                    if !send(std::mem::take(&mut batch), done, false) {
                        return;
                    }
                    last_send = Instant::now();
                }
            }
            if !stop.load(Ordering::Relaxed) {
                send(batch, 100, true);
            }
        });
        SearchJob { id, cancel }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// One of the user's lookup commands, running on a thread: its output arrives as
/// [`Action::ToolFinished`]; a stopped one sends nothing.
pub struct ToolJob {
    cancel: Arc<AtomicBool>,
}

/// How often a running command is checked for its end, a stop or its timeout.
const TOOL_POLL: Duration = Duration::from_millis(5);

impl ToolJob {
    /// Run `run` (no shell: its argument vector as it is, the context in its environment,
    /// stdin empty) and report its cleaned output.
    pub fn start(run: crate::tools::Invocation, sender: Sender<Message>) -> ToolJob {
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        std::thread::spawn(move || {
            let id = run.id;
            let result = run_tool(&run, &stop);
            if !stop.load(Ordering::Relaxed) {
                let done = crate::app::outcome::ToolFinished { id, result };
                let _ = sender.send(Message::Action(Action::ToolFinished(done)));
            }
        });
        ToolJob { cancel }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Run a command to its end, its timeout or a stop; its cleaned output or what went wrong.
fn run_tool(run: &crate::tools::Invocation, stop: &AtomicBool) -> Result<String, String> {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let (program, args) = run
        .argv
        .split_first()
        .ok_or_else(|| "no command given".to_string())?;
    let mut child = Command::new(program)
        .args(args)
        .envs(run.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e} (is it installed and on $PATH?)"))?;
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p
                    .by_ref()
                    .take(crate::tools::MAX_OUTPUT as u64 + 1)
                    .read_to_end(&mut out);
                // Drain the rest so that the command is not blocked on a full pipe.
                let _ = std::io::copy(&mut p, &mut std::io::sink());
            }
            out
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => return Err(format!("{program}: {e}")),
        }
        if stop.load(Ordering::Relaxed) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("stopped".to_string());
        }
        if started.elapsed() > run.timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "no answer within {:.1} s: stopped (raise timeout_seconds in its [[tool]])",
                run.timeout.as_secs_f64()
            ));
        }
        std::thread::sleep(TOOL_POLL);
    };
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    if status.success() {
        let text = crate::tools::clean_output(&out);
        if text.is_empty() {
            Ok(crate::tools::clean_output(&err))
        } else {
            Ok(text)
        }
    } else {
        let said = crate::tools::clean_output(if err.is_empty() { &out } else { &err });
        Err(format!("{program} failed ({status}): {said}"))
    }
}

/// Send the vocabulary to Anki through AnkiConnect on a thread, new words spoken by
/// `speak`; [`Action::AnkiSynced`] brings what it did (every request has its timeouts:
/// the thread ends).
pub fn anki_sync(
    vocab: crate::vocab::Vocabulary,
    anki: crate::config::AnkiConfig,
    mut speak: impl FnMut(&str) -> Option<Vec<u8>> + Send + 'static,
    sender: Sender<Message>,
) {
    std::thread::spawn(move || {
        let result = crate::anki_connect::Client::new(&anki.url)
            .map(|client| client.with_key(anki.key))
            .and_then(|client| {
                let notes = crate::apkg::vocab_notes(&vocab);
                crate::anki_connect::sync(&client, &notes, &anki.deck, &mut speak)
            })
            .map_err(|e| e.to_string());
        let _ = sender.send(Message::Action(Action::AnkiSynced(result)));
    });
}

#[cfg(test)]
mod tool_tests {
    use super::*;

    fn invocation(argv: &[&str], timeout_ms: u64) -> crate::tools::Invocation {
        crate::tools::Invocation {
            id: 1,
            name: "t".into(),
            argv: argv.iter().map(ToString::to_string).collect(),
            env: vec![("LESEPULT_WORD".into(), "Haus; rm -rf /".into())],
            timeout: Duration::from_millis(timeout_ms),
        }
    }

    #[test]
    fn a_command_gets_its_environment_and_its_output_is_cleaned() {
        let stop = AtomicBool::new(false);
        let run = invocation(
            &[
                "sh",
                "-c",
                "printf '\\033[1mWort:\\033[0m %s\\n' \"$LESEPULT_WORD\"",
            ],
            5000,
        );
        assert_eq!(run_tool(&run, &stop).as_deref(), Ok("Wort: Haus; rm -rf /"));
    }

    #[test]
    fn failures_timeouts_and_missing_programs_say_so() {
        let stop = AtomicBool::new(false);
        let failed = run_tool(
            &invocation(&["sh", "-c", "echo kaputt >&2; exit 3"], 5000),
            &stop,
        );
        assert!(
            failed.as_ref().is_err_and(|e| e.contains("kaputt")),
            "{failed:?}"
        );
        let started = Instant::now();
        let slow = run_tool(&invocation(&["sleep", "5"], 100), &stop);
        assert!(
            slow.as_ref().is_err_and(|e| e.contains("no answer")),
            "{slow:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
        let missing = run_tool(&invocation(&["lesepult-no-such-program"], 100), &stop);
        assert!(
            missing.as_ref().is_err_and(|e| e.contains("cannot run")),
            "{missing:?}"
        );
    }
}
