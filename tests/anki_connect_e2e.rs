//! End to end: `lesepult anki sync` and the `A` key against a small AnkiConnect written
//! here (HTTP on 127.0.0.1, the actions a sync uses, notes kept in memory): a first sync
//! adds every word, a second changes nothing, a changed meaning or status updates that
//! one note in place, a note Anki refuses is reported with Anki's reason, and nothing
//! listening gives one clear line and exit code 1.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Home, Session, run_plain};
use lesepult::vocab::{Status, VocabEntry, Vocabulary, key_of, stemmer};
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

/// A note in the fake Anki.
#[derive(Debug, Clone)]
struct Note {
    model: String,
    deck: String,
    /// In the model's field order.
    fields: Vec<(String, String)>,
    tags: Vec<String>,
}

impl Note {
    fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

#[derive(Debug, Default)]
struct State {
    /// Note types: name → field names.
    models: BTreeMap<String, Vec<String>>,
    decks: Vec<String>,
    notes: BTreeMap<i64, Note>,
    /// Media files: name → the base64 sent.
    media: BTreeMap<String, String>,
    next_id: i64,
    /// The actions called, in order.
    calls: Vec<String>,
    /// How long each answer waits (a slow Anki).
    delay: Duration,
    /// The API key every request must carry, if set (AnkiConnect's `apiKey`).
    key: Option<String>,
}

/// AnkiConnect, as far as a sync needs it.
struct FakeAnki {
    url: String,
    state: Arc<Mutex<State>>,
}

impl FakeAnki {
    fn start() -> FakeAnki {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(State {
            decks: vec!["Default".into()],
            next_id: 1_700_000_000_000,
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = serve(stream, &shared);
            }
        });
        FakeAnki { url, state }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("state")
    }

    fn notes(&self) -> Vec<Note> {
        self.state().notes.values().cloned().collect()
    }

    fn note(&self, lemma: &str) -> (i64, Note) {
        self.state()
            .notes
            .iter()
            .find(|(_, n)| n.field("Lemma") == lemma)
            .map(|(id, n)| (*id, n.clone()))
            .unwrap_or_else(|| panic!("no note for {lemma}"))
    }
}

/// One request: read it, answer it, close.
fn serve(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut length = 0usize;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    assert!(line.starts_with("POST / HTTP/1.1"), "{line}");
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let delay = state.lock().map(|s| s.delay).unwrap_or_default();
    std::thread::sleep(delay);
    let answer = {
        let mut s = state.lock().expect("state");
        let key_ok =
            s.key.is_none() || request.get("key").and_then(Value::as_str) == s.key.as_deref();
        match request.get("version").and_then(Value::as_i64) {
            Some(6) if !key_ok => {
                json!({"result": null, "error": "valid api key must be provided"})
            }
            Some(6) => {
                let action = request["action"].as_str().unwrap_or("").to_string();
                s.calls.push(action.clone());
                match act(&mut s, &action, &request["params"]) {
                    Ok(result) => json!({"result": result, "error": null}),
                    Err(e) => json!({"result": null, "error": e}),
                }
            }
            _ => json!({"result": null, "error": "version 6 expected"}),
        }
    }
    .to_string();
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{answer}",
        answer.len()
    )?;
    out.flush()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The search terms of a query: `"note:lesepult vocabulary" LesepultId:_*`.
fn terms(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn matches(note: &Note, term: &str) -> Result<bool, String> {
    let (key, value) = term
        .split_once(':')
        .ok_or_else(|| format!("search term without a colon: {term}"))?;
    if key == "note" {
        return Ok(note.model == value);
    }
    let Some((_, field)) = note
        .fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(key))
    else {
        return Ok(false);
    };
    Ok(if value == "_*" {
        !field.is_empty()
    } else {
        field.eq_ignore_ascii_case(value)
    })
}

/// Add a note as Anki does: its type and deck must exist, its first field must not be
/// empty or (unless allowed) a duplicate in the deck.
fn add_note(s: &mut State, n: &Value) -> Result<i64, String> {
    let model = n["modelName"].as_str().unwrap_or("");
    let deck = n["deckName"].as_str().unwrap_or("");
    let names = s.models.get(model).ok_or("model was not found")?.clone();
    if !s.decks.iter().any(|d| d == deck) {
        return Err("deck was not found".into());
    }
    let given = n["fields"].as_object().ok_or("no fields")?;
    for k in given.keys() {
        if !names.contains(k) {
            return Err(format!("field {k} does not exist"));
        }
    }
    let fields: Vec<(String, String)> = names
        .iter()
        .map(|name| {
            // Anki keeps text composed (NFC).
            let v = given.get(name).and_then(Value::as_str).unwrap_or("");
            (name.clone(), v.nfc().collect())
        })
        .collect();
    let first = fields.first().map(|(_, v)| v.clone()).unwrap_or_default();
    if first.is_empty() {
        return Err("cannot create note because it is empty".into());
    }
    let allow = n["options"]["allowDuplicate"].as_bool().unwrap_or(false);
    if !allow
        && s.notes.values().any(|o| {
            o.model == model && o.deck == deck && o.fields.first().map(|f| &f.1) == Some(&first)
        })
    {
        return Err("cannot create note because it is a duplicate".into());
    }
    s.next_id += 1;
    let id = s.next_id;
    s.notes.insert(
        id,
        Note {
            model: model.into(),
            deck: deck.into(),
            fields,
            tags: strings(&n["tags"]),
        },
    );
    Ok(id)
}

fn act(s: &mut State, action: &str, p: &Value) -> Result<Value, String> {
    match action {
        "modelNames" => Ok(json!(s.models.keys().collect::<Vec<_>>())),
        "modelFieldNames" => s
            .models
            .get(p["modelName"].as_str().unwrap_or(""))
            .map(|f| json!(f))
            .ok_or_else(|| "model was not found".into()),
        "createModel" => {
            let name = p["modelName"].as_str().unwrap_or("").to_string();
            if s.models.contains_key(&name) {
                return Err("Model name already exists".into());
            }
            let fields = strings(&p["inOrderFields"]);
            let templates = p["cardTemplates"].as_array().map_or(0, Vec::len);
            if fields.is_empty() || templates == 0 || p["css"].as_str().is_none() {
                return Err("fields, templates and css expected".into());
            }
            s.models.insert(name.clone(), fields);
            Ok(json!({"name": name}))
        }
        "deckNames" => Ok(json!(s.decks)),
        "createDeck" => {
            let deck = p["deck"].as_str().unwrap_or("").to_string();
            if !s.decks.contains(&deck) {
                s.decks.push(deck);
            }
            Ok(json!(s.decks.len()))
        }
        "findNotes" => {
            let terms = terms(p["query"].as_str().unwrap_or(""));
            let mut ids = Vec::new();
            for (id, n) in &s.notes {
                let mut all = true;
                for t in &terms {
                    all &= matches(n, t)?;
                }
                if all {
                    ids.push(*id);
                }
            }
            Ok(json!(ids))
        }
        "notesInfo" => {
            let ids: Vec<i64> = p["notes"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default();
            Ok(Value::Array(
                ids.iter()
                    .filter_map(|id| s.notes.get(id).map(|n| (id, n)))
                    .map(|(id, n)| {
                        let fields: serde_json::Map<String, Value> = n
                            .fields
                            .iter()
                            .enumerate()
                            .map(|(i, (k, v))| (k.clone(), json!({"value": v, "order": i})))
                            .collect();
                        json!({"noteId": id, "modelName": n.model, "tags": n.tags,
                               "fields": fields, "cards": []})
                    })
                    .collect(),
            ))
        }
        // As AnkiConnect since 2023: one refused note fails the call, with every reason.
        "addNotes" => {
            let notes = p["notes"].as_array().cloned().unwrap_or_default();
            let mut ids = Vec::new();
            let mut errors = Vec::new();
            for n in &notes {
                match add_note(s, n) {
                    Ok(id) => ids.push(json!(id)),
                    Err(e) => {
                        ids.push(Value::Null);
                        errors.push(e);
                    }
                }
            }
            if errors.is_empty() {
                Ok(Value::Array(ids))
            } else {
                // Nothing stays added when the call fails.
                for id in ids.iter().filter_map(Value::as_i64) {
                    s.notes.remove(&id);
                }
                Err(format!("{errors:?}"))
            }
        }
        "addNote" => add_note(s, &p["note"]).map(|id| json!(id)),
        "storeMediaFile" => {
            let name = p["filename"].as_str().ok_or("no filename")?.to_string();
            let data = p["data"].as_str().ok_or("only data is supported here")?;
            s.media.insert(name.clone(), data.to_string());
            Ok(json!(name))
        }
        "updateNoteFields" => {
            let id = p["note"]["id"].as_i64().ok_or("no id")?;
            let note = s.notes.get_mut(&id).ok_or("note was not found")?;
            let given = p["note"]["fields"].as_object().ok_or("no fields")?;
            for (k, v) in given {
                let slot = note
                    .fields
                    .iter_mut()
                    .find(|(n, _)| n == k)
                    .ok_or_else(|| format!("field {k} does not exist"))?;
                slot.1 = v.as_str().unwrap_or("").nfc().collect();
            }
            Ok(Value::Null)
        }
        "addTags" | "removeTags" => {
            let tags: Vec<String> = p["tags"]
                .as_str()
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            for id in p["notes"].as_array().cloned().unwrap_or_default() {
                let id = id.as_i64().ok_or("bad note id")?;
                let note = s.notes.get_mut(&id).ok_or("note was not found")?;
                for t in &tags {
                    note.tags.retain(|x| !x.eq_ignore_ascii_case(t));
                    if action == "addTags" {
                        note.tags.push(t.clone());
                    }
                }
            }
            Ok(Value::Null)
        }
        other => Err(format!("unsupported action: {other}")),
    }
}

fn entry(lemma: &str, status: Status, meaning: &str) -> VocabEntry {
    VocabEntry {
        key: key_of(&stemmer(), lemma),
        lemma: lemma.into(),
        status,
        updated: "2026-11-30T07:00:00Z".into(),
        learned: None,
        article: String::new(),
        plural: String::new(),
        meaning: meaning.into(),
        category: String::new(),
        sentence: format!("Hier steht das Wort {lemma} in einem Satz."),
        form: lemma.into(),
        document: "wortliste".into(),
        review: None,
        doubtful: false,
    }
}

fn write_vocabulary(home: &Home, entries: &[VocabEntry]) {
    let mut v = Vocabulary::default();
    for e in entries {
        v.entries.insert(e.key.clone(), e.clone());
    }
    let dir = home.path().join("data/lesepult");
    std::fs::create_dir_all(&dir).expect("data dir");
    std::fs::write(
        dir.join("vocabulary.toml"),
        lesepult::vocab::file::to_string(&v),
    )
    .expect("vocabulary");
}

fn words() -> Vec<VocabEntry> {
    vec![
        entry("Haus", Status::L1, "house"),
        entry("Baum", Status::L2, "tree"),
        entry("Brücke", Status::L3, "bridge"),
    ]
}

/// A home whose config points `[anki]` at `url`.
fn home_for(url: &str) -> Home {
    let home = Home::without_dictionaries();
    std::fs::write(
        home.config_file(),
        format!("[dictionaries]\nstandard_folders = false\n\n[anki]\nurl = \"{url}\"\n"),
    )
    .expect("config");
    home
}

/// The URL of a port nobody listens on (it was free a moment ago).
fn nobody_there() -> String {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    format!("http://127.0.0.1:{port}")
}

/// Whether espeak-ng speaks here (new notes get audio then).
fn espeak() -> bool {
    std::process::Command::new("espeak-ng")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn sync(home: &Home, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["anki", "sync"];
    args.extend_from_slice(extra);
    run_plain(home, &args)
}

#[test]
fn a_sync_adds_the_words_then_updates_only_what_changed() {
    let anki = FakeAnki::start();
    let home = home_for(&anki.url);
    write_vocabulary(&home, &words());

    let (code, out, err) = sync(&home, &[]);
    assert_eq!(code, 0, "{out}{err}");
    let added = if espeak() {
        "Anki: 3 added (3 with audio), 0 updated"
    } else {
        eprintln!("espeak-ng is not installed: the notes have no audio");
        "Anki: 3 added, 0 updated"
    };
    assert!(
        out.contains(&format!(
            "{added}, 0 unchanged, 0 failed (deck lesepult::Vocabulary"
        )),
        "{out}"
    );
    assert!(out.contains("made the note type"), "{out}");
    {
        let s = anki.state();
        let fields = &s.models["lesepult vocabulary"];
        assert_eq!(fields.len(), 10, "{fields:?}");
        assert_eq!(fields.last().map(String::as_str), Some("LesepultId"));
        assert!(s.decks.contains(&"lesepult::Vocabulary".to_string()));
    }
    let notes = anki.notes();
    assert_eq!(notes.len(), 3);
    let (haus_id, haus) = anki.note("Haus");
    assert_eq!(haus.field("Meaning"), "house");
    assert_eq!(
        haus.field("Sentence"),
        "Hier steht das Wort <b>Haus</b> in einem Satz."
    );
    assert!(haus.field("LesepultId").starts_with("ls"), "{haus:?}");
    assert!(haus.tags.contains(&"status::1".to_string()), "{haus:?}");
    if espeak() {
        let name = format!("lesepult-{}.wav", haus.field("LesepultId"));
        assert_eq!(haus.field("Audio"), format!("[sound:{name}]"));
        let wav = anki.state().media.get(&name).cloned().unwrap_or_default();
        assert!(wav.starts_with("UklGR"), "a WAV in base64: {wav:.20}");
    }
    // The same GUIDs as the .apkg export.
    let mut v = Vocabulary::default();
    for e in words() {
        v.entries.insert(e.key.clone(), e);
    }
    let guids: Vec<String> = lesepult::apkg::vocab_notes(&v)
        .into_iter()
        .map(|n| n.guid)
        .collect();
    for n in &notes {
        assert!(guids.contains(&n.field("LesepultId").to_string()), "{n:?}");
    }

    // Again: nothing to do.
    anki.state().calls.clear();
    let (code, out, _) = sync(&home, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 added, 0 updated, 3 unchanged, 0 failed"),
        "{out}"
    );
    let calls = anki.state().calls.clone();
    assert!(
        !calls
            .iter()
            .any(|c| c.starts_with("add") || c.starts_with("update") || c.starts_with("create")),
        "{calls:?}"
    );
    assert_eq!(anki.notes().len(), 3);

    // In Anki the learner adds a tag and a recording: a sync keeps both.
    {
        let mut s = anki.state();
        let note = s.notes.get_mut(&haus_id).expect("Haus");
        note.tags.push("meins".into());
        if let Some(audio) = note.fields.iter_mut().find(|(n, _)| n == "Audio") {
            audio.1 = "[sound:haus.mp3]".into();
        }
    }
    let (code, out, _) = sync(&home, &[]);
    assert_eq!(code, 0);
    assert!(out.contains("0 added, 0 updated, 3 unchanged"), "{out}");

    // A new meaning and a new status: that note is updated in place, the others not.
    let mut changed = words();
    changed[0].meaning = "house, home".into();
    changed[0].status = Status::L4;
    write_vocabulary(&home, &changed);
    anki.state().calls.clear();
    let (code, out, _) = sync(&home, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 added, 1 updated, 2 unchanged, 0 failed"),
        "{out}"
    );
    let calls = anki.state().calls.clone();
    assert_eq!(
        calls.iter().filter(|c| *c == "updateNoteFields").count(),
        1,
        "{calls:?}"
    );
    let (id, haus) = anki.note("Haus");
    assert_eq!(id, haus_id, "the same note");
    assert_eq!(haus.field("Meaning"), "house, home");
    assert_eq!(
        haus.field("Audio"),
        "[sound:haus.mp3]",
        "the recording stays"
    );
    assert!(haus.tags.contains(&"status::4".to_string()), "{haus:?}");
    assert!(!haus.tags.contains(&"status::1".to_string()), "{haus:?}");
    assert!(haus.tags.contains(&"meins".to_string()), "{haus:?}");

    // A status alone is a change too; a new word is added; --url wins over the config.
    changed[1].status = Status::Known;
    changed.push(entry("Fenster", Status::L1, "window"));
    write_vocabulary(&home, &changed);
    let elsewhere = home_for("http://127.0.0.1:9");
    write_vocabulary(&elsewhere, &changed);
    let (code, out, err) = sync(&elsewhere, &["--url", &anki.url, "--no-audio"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 added, 1 updated, 2 unchanged, 0 failed"),
        "{out}"
    );
    assert_eq!(anki.notes().len(), 4);
    let (_, baum) = anki.note("Baum");
    assert!(baum.tags.contains(&"status::known".to_string()), "{baum:?}");
}

#[test]
fn text_written_decomposed_is_not_changed_at_every_sync() {
    let anki = FakeAnki::start();
    let home = home_for(&anki.url);
    // "Brücke" with a combining diaeresis (as some Mac files have it); Anki composes it.
    let mut word = entry("Brücke", Status::L1, "bridge");
    word.meaning = "bridge (Bru\u{308}cke)".into();
    write_vocabulary(&home, &[word]);
    let (code, out, _) = sync(&home, &["--no-audio"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Anki: 1 added, 0 updated"), "{out}");
    let (code, out, _) = sync(&home, &["--no-audio"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 added, 0 updated, 1 unchanged"), "{out}");
}

#[test]
fn the_api_key_of_the_config_is_sent() {
    let anki = FakeAnki::start();
    anki.state().key = Some("geheim".into());
    let home = home_for(&anki.url);
    write_vocabulary(&home, &words());
    let (code, _, err) = sync(&home, &["--no-audio"]);
    assert_eq!(code, 1);
    assert!(err.contains("valid api key must be provided"), "{err}");
    std::fs::write(
        home.config_file(),
        format!("[anki]\nurl = \"{}\"\nkey = \"geheim\"\n", anki.url),
    )
    .expect("config");
    let (code, out, err) = sync(&home, &["--no-audio"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Anki: 3 added, 0 updated"), "{out}");
}

#[test]
fn a_note_anki_refuses_is_reported_with_its_reason() {
    let anki = FakeAnki::start();
    let home = home_for(&anki.url);
    write_vocabulary(&home, &words());
    // A note of lesepult's type for „Baum“ without a GUID (typed in by hand) in the deck:
    // Anki refuses the duplicate.
    {
        let mut s = anki.state();
        let fields: Vec<String> = lesepult::apkg::VOCAB_FIELDS
            .iter()
            .map(|f| (*f).to_string())
            .collect();
        s.models
            .insert("lesepult vocabulary".into(), fields.clone());
        s.decks.push("Deutsch".into());
        s.notes.insert(
            1,
            Note {
                model: "lesepult vocabulary".into(),
                deck: "Deutsch".into(),
                fields: fields
                    .iter()
                    .map(|f| (f.clone(), if f == "Lemma" { "Baum" } else { "" }.into()))
                    .collect(),
                tags: Vec::new(),
            },
        );
    }
    let (code, out, err) = sync(&home, &["--deck", "Deutsch", "--no-audio"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("Anki: 2 added, 0 updated, 0 unchanged, 1 failed (deck Deutsch)"),
        "{out}"
    );
    assert!(
        out.contains("not synced: Baum: cannot create note because it is a duplicate"),
        "{out}"
    );
    assert!(err.contains("Anki refused 1 of the notes"), "{err}");
    assert_eq!(anki.notes().len(), 3);
}

#[test]
fn a_note_type_without_the_id_field_is_not_touched() {
    let anki = FakeAnki::start();
    let home = home_for(&anki.url);
    write_vocabulary(&home, &words());
    anki.state().models.insert(
        "lesepult vocabulary".into(),
        vec!["Lemma".into(), "Meaning".into()],
    );
    let (code, _, err) = sync(&home, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("has no field LesepultId"), "{err}");
    assert!(anki.notes().is_empty());
}

#[test]
fn nothing_listening_is_one_clear_line_and_exit_1() {
    let url = nobody_there();
    let home = home_for(&url);
    write_vocabulary(&home, &words());
    let (code, out, err) = sync(&home, &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        err.trim(),
        format!("lesepult: error: Anki is not running, or AnkiConnect is not installed ({url})")
    );
    assert!(out.is_empty(), "{out}");
    let (code, _, err) = sync(&home, &["--url", "https://127.0.0.1:8765"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("http://"), "{err}");
}

#[test]
fn the_key_syncs_in_the_background_and_reports_in_the_status_line() {
    let anki = FakeAnki::start();
    // A slow Anki: each answer takes 150 ms (a sync makes 6 requests).
    anki.state().delay = Duration::from_millis(150);
    let home = home_for(&anki.url);
    write_vocabulary(&home, &words());
    let mut s = Session::start(&home, &[], 140, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("A");
    s.wait_for("Sending 3 words to Anki");
    // The app answers keys meanwhile.
    let started = std::time::Instant::now();
    s.send("?");
    s.wait_for("Scroll down one line");
    assert!(
        started.elapsed() < Duration::from_millis(600),
        "help took {:?}",
        started.elapsed()
    );
    s.send("\x1b");
    let screen = s.wait_for("0 updated, 0 unchanged, 0 failed");
    assert!(screen.contains("Anki: 3 added"), "{screen}");
    assert!(!screen.contains("Sending 3 words"), "{screen}");
    assert_eq!(anki.notes().len(), 3);
    s.send("A");
    s.wait_for("Anki: 0 added, 0 updated, 3 unchanged, 0 failed");
    s.send("q");
    s.wait_exit();
}

#[test]
fn the_key_says_when_anki_is_not_running() {
    let home = home_for(&nobody_there());
    write_vocabulary(&home, &words());
    let mut s = Session::start(&home, &[], 140, 40);
    s.wait_for("Wettbewerbsvorteil");
    s.settle();
    s.send("A");
    s.wait_for("Anki is not running, or AnkiConnect is not installed");
    s.send("q");
    s.wait_exit();
}
