//! AnkiConnect: the vocabulary sent straight into a running Anki (the AnkiConnect add-on
//! listens for JSON over HTTP POST, by default at <http://127.0.0.1:8765>, API version 6).
//!
//! A sync makes lesepult's vocabulary note type and the deck if Anki lacks them, finds
//! the notes it made before by their GUID (kept in the note type's hidden
//! [`ID_FIELD`](crate::apkg::ID_FIELD)), updates those whose fields or lesepult tags changed
//! (`updateNoteFields`, `addTags`, `removeTags`) and adds the new ones (`addNotes`). The
//! notes are the very ones of the `.apkg` export ([`crate::apkg::vocab_notes`]), with the
//! same GUIDs, so a package imported before and a sync agree. A new note gets the word
//! spoken by espeak-ng, when it is installed, as the package does (`storeMediaFile`); the
//! audio field of a note already in Anki is left as it is.
//!
//! HTTP is spoken over a plain `TcpStream` (AnkiConnect is on this machine: no TLS), with
//! timeouts on connecting, writing and reading.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use serde_json::{Value, json};

use crate::apkg::{AUDIO, ID_FIELD, Speaker, VOCAB_FIELDS, VOCAB_MODEL, VocabNote};

/// Where AnkiConnect listens unless configured otherwise.
pub const DEFAULT_URL: &str = "http://127.0.0.1:8765";

/// How long connecting may take (AnkiConnect is local: it answers at once or not at all).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// How long one request may take (adding a few hundred notes takes Anki a while).
const READ_TIMEOUT: Duration = Duration::from_secs(60);

/// The most of an answer that is read.
const MAX_ANSWER: usize = 256 << 20;

/// Notes per `addNotes` and `notesInfo` request.
const BATCH: usize = 200;

/// What can go wrong talking to AnkiConnect.
#[derive(Debug, thiserror::Error)]
pub enum AnkiError {
    #[error("Anki is not running, or AnkiConnect is not installed ({url})")]
    NotRunning { url: String },
    #[error("{url}: {why}")]
    BadUrl { url: String, why: String },
    #[error("AnkiConnect at {url} did not answer within {} s", .after.as_secs())]
    Timeout { url: String, after: Duration },
    #[error("talking to AnkiConnect at {url}: {source}")]
    Io {
        url: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{url} does not answer as AnkiConnect does: {what}")]
    Protocol { url: String, what: String },
    /// AnkiConnect answered with an error.
    #[error("Anki refused {action}: {message}")]
    Refused { action: String, message: String },
    #[error(
        "Anki's note type \"{VOCAB_MODEL}\" has no field {ID_FIELD} (it was made by an older \
         lesepult): rename that note type in Anki (Tools > Manage Note Types) and sync again"
    )]
    OldModel,
}

/// An AnkiConnect to talk to.
#[derive(Debug, Clone)]
pub struct Client {
    url: String,
    /// `host:port`, for the Host header.
    host: String,
    path: String,
    addrs: Vec<SocketAddr>,
    read_timeout: Duration,
    /// AnkiConnect's API key, sent with every request when set.
    key: Option<String>,
}

impl Client {
    /// A client for `url` (`http://host[:port][/path]`; the host is resolved now).
    pub fn new(url: &str) -> Result<Client, AnkiError> {
        let bad = |why: &str| AnkiError::BadUrl {
            url: url.to_string(),
            why: why.to_string(),
        };
        let rest = url.trim().strip_prefix("http://").ok_or_else(|| {
            bad("give an http:// URL (AnkiConnect listens on http://127.0.0.1:8765)")
        })?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if authority.is_empty() {
            return Err(bad("no host in the URL"));
        }
        let with_port = if authority.rsplit_once(':').is_some_and(|(_, p)| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !p.contains(']')
        }) {
            authority.to_string()
        } else {
            format!("{authority}:80")
        };
        let addrs: Vec<SocketAddr> = with_port
            .to_socket_addrs()
            .map_err(|e| bad(&format!("cannot find the host: {e}")))?
            .collect();
        if addrs.is_empty() {
            return Err(bad("cannot find the host"));
        }
        Ok(Client {
            url: url.trim().to_string(),
            host: authority.to_string(),
            path: path.to_string(),
            addrs,
            read_timeout: READ_TIMEOUT,
            key: None,
        })
    }

    /// The same client, waiting at most `timeout` for an answer.
    pub fn with_timeout(mut self, timeout: Duration) -> Client {
        self.read_timeout = timeout;
        self
    }

    /// The same client, sending AnkiConnect's API key (its `apiKey`).
    pub fn with_key(mut self, key: Option<String>) -> Client {
        self.key = key;
        self
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Call one action; its result, or why there is none.
    pub fn call(&self, action: &str, params: Value) -> Result<Value, AnkiError> {
        let mut request = json!({"action": action, "version": 6, "params": params});
        if let (Some(key), Some(fields)) = (&self.key, request.as_object_mut()) {
            fields.insert("key".to_string(), Value::String(key.clone()));
        }
        let body = request.to_string();
        let answer = self.post(&body)?;
        let protocol = |what: String| AnkiError::Protocol {
            url: self.url.clone(),
            what,
        };
        let mut reply: serde_json::Map<String, Value> = serde_json::from_slice(&answer)
            .map_err(|e| protocol(format!("its answer to {action} is not a JSON object ({e})")))?;
        if !reply.contains_key("result") || !reply.contains_key("error") {
            return Err(protocol(format!(
                "its answer to {action} has no result and error (is it AnkiConnect, version 6 or later?)"
            )));
        }
        match reply.remove("error") {
            Some(Value::Null) | None => Ok(reply.remove("result").unwrap_or(Value::Null)),
            Some(Value::String(message)) => Err(AnkiError::Refused {
                action: action.to_string(),
                message,
            }),
            Some(other) => Err(AnkiError::Refused {
                action: action.to_string(),
                message: other.to_string(),
            }),
        }
    }

    /// POST `body`; the answer's body.
    fn post(&self, body: &str) -> Result<Vec<u8>, AnkiError> {
        let io = |source: std::io::Error| {
            if matches!(
                source.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) {
                AnkiError::Timeout {
                    url: self.url.clone(),
                    after: self.read_timeout,
                }
            } else {
                AnkiError::Io {
                    url: self.url.clone(),
                    source,
                }
            }
        };
        let mut stream = self.connect()?;
        stream
            .set_read_timeout(Some(self.read_timeout))
            .map_err(io)?;
        stream
            .set_write_timeout(Some(self.read_timeout))
            .map_err(io)?;
        let request = format!(
            "POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.path,
            self.host,
            body.len()
        );
        stream.write_all(request.as_bytes()).map_err(io)?;
        stream.flush().map_err(io)?;
        let mut data = Vec::new();
        let mut chunk = [0u8; 16 << 10];
        loop {
            let n = match stream.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io(e)),
            };
            if n == 0 {
                break;
            }
            data.extend_from_slice(&chunk[..n]);
            if data.len() > MAX_ANSWER {
                return Err(AnkiError::Protocol {
                    url: self.url.clone(),
                    what: format!("an answer longer than {} MB", MAX_ANSWER >> 20),
                });
            }
            if complete(&data).is_some() {
                break;
            }
        }
        let protocol = |what: &str| AnkiError::Protocol {
            url: self.url.clone(),
            what: what.to_string(),
        };
        let (status, body) = complete(&data)
            .or_else(|| parse_until_eof(&data))
            .ok_or_else(|| protocol("an incomplete HTTP answer"))?;
        if status != 200 {
            return Err(protocol(&format!("HTTP status {status}")));
        }
        Ok(body)
    }

    /// Connect to the first address that takes the connection.
    fn connect(&self) -> Result<TcpStream, AnkiError> {
        let mut last = None;
        for addr in &self.addrs {
            match TcpStream::connect_timeout(addr, CONNECT_TIMEOUT) {
                Ok(s) => return Ok(s),
                Err(e) => last = Some(e),
            }
        }
        Err(match last {
            Some(e)
                if !matches!(
                    e.kind(),
                    std::io::ErrorKind::ConnectionRefused
                        | std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::WouldBlock
                ) =>
            {
                AnkiError::Io {
                    url: self.url.clone(),
                    source: e,
                }
            }
            _ => AnkiError::NotRunning {
                url: self.url.clone(),
            },
        })
    }
}

/// The head of an HTTP answer: its status, headers (lower-case names) and where its body
/// starts.
fn head(data: &[u8]) -> Option<(u16, HashMap<String, String>, usize)> {
    let end = data.windows(4).position(|w| w == b"\r\n\r\n")?;
    let text = std::str::from_utf8(&data[..end]).ok()?;
    let mut lines = text.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some((status, headers, end + 4))
}

/// The status and body, if the answer is complete (by its length, or its last chunk).
fn complete(data: &[u8]) -> Option<(u16, Vec<u8>)> {
    let (status, headers, start) = head(data)?;
    let body = &data[start..];
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        return dechunk(body).map(|b| (status, b));
    }
    let length: usize = headers.get("content-length")?.parse().ok()?;
    (body.len() >= length).then(|| (status, body[..length].to_vec()))
}

/// An answer without a length, ended by closing the connection.
fn parse_until_eof(data: &[u8]) -> Option<(u16, Vec<u8>)> {
    let (status, headers, start) = head(data)?;
    if headers.contains_key("content-length") || headers.contains_key("transfer-encoding") {
        return None;
    }
    Some((status, data[start..].to_vec()))
}

/// A chunked body, once its last chunk has come.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if body.len() < size + 2 {
            return None;
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size + 2..];
    }
}

/// A note that could not be added or updated, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSynced {
    pub lemma: String,
    pub reason: String,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: Vec<NotSynced>,
    /// New notes with the word spoken.
    pub audio: usize,
    /// What was made first: the note type, the deck.
    pub created: Vec<String>,
    pub deck: String,
    pub url: String,
}

impl SyncReport {
    /// "Anki: 3 added, 1 updated, 96 unchanged, 0 failed (deck lesepult::Vocabulary)."
    pub fn summary(&self) -> String {
        let audio = if self.audio > 0 {
            format!(" ({} with audio)", self.audio)
        } else {
            String::new()
        };
        let created = if self.created.is_empty() {
            String::new()
        } else {
            format!("; made {}", self.created.join(" and "))
        };
        format!(
            "Anki: {} added{audio}, {} updated, {} unchanged, {} failed (deck {}{created}).",
            self.added,
            self.updated,
            self.unchanged,
            self.failed.len(),
            self.deck
        )
    }
}

/// A note lesepult made before, as Anki has it now.
struct InAnki {
    id: i64,
    fields: HashMap<String, String>,
    tags: Vec<String>,
}

/// Send `notes` to Anki: make the note type and `deck` if missing, update the notes that
/// are there (found by their GUID) where they changed, add the others (with the word
/// spoken by `speak`, if it gives a WAV).
pub fn sync(
    client: &Client,
    notes: &[VocabNote],
    deck: &str,
    speak: Speaker<'_>,
) -> Result<SyncReport, AnkiError> {
    let mut report = SyncReport {
        deck: deck.to_string(),
        url: client.url().to_string(),
        ..SyncReport::default()
    };
    ensure_model(client, &mut report)?;
    let decks = client.call("deckNames", json!({}))?;
    if !strings(&decks).iter().any(|d| d == deck) {
        client.call("createDeck", json!({ "deck": deck }))?;
        report.created.push(format!("the deck {deck}"));
    }
    let there = in_anki(client)?;
    let mut new: Vec<VocabNote> = Vec::new();
    for note in notes {
        match there.get(&note.guid) {
            Some(old) => match update(client, note, old) {
                Ok(true) => report.updated += 1,
                Ok(false) => report.unchanged += 1,
                Err(AnkiError::Refused { message, .. }) => report.failed.push(NotSynced {
                    lemma: note.lemma.clone(),
                    reason: message,
                }),
                Err(e) => return Err(e),
            },
            None => new.push(note.clone()),
        }
    }
    for note in &mut new {
        if let Some(sound) = store_audio(client, note, speak)? {
            note.fields[AUDIO] = sound;
            report.audio += 1;
        }
    }
    let new: Vec<&VocabNote> = new.iter().collect();
    for batch in new.chunks(BATCH) {
        add(client, batch, deck, &mut report)?;
    }
    Ok(report)
}

/// Make lesepult's note type if Anki has none of that name; refuse one without the id
/// field.
fn ensure_model(client: &Client, report: &mut SyncReport) -> Result<(), AnkiError> {
    let models = client.call("modelNames", json!({}))?;
    if strings(&models).iter().any(|m| m == VOCAB_MODEL) {
        let fields = client.call("modelFieldNames", json!({ "modelName": VOCAB_MODEL }))?;
        if !strings(&fields).iter().any(|f| f == ID_FIELD) {
            return Err(AnkiError::OldModel);
        }
        return Ok(());
    }
    let templates: Vec<Value> = crate::apkg::VOCAB_TEMPLATES
        .iter()
        .map(|(name, front, back)| json!({"Name": name, "Front": front, "Back": back}))
        .collect();
    client.call(
        "createModel",
        json!({
            "modelName": VOCAB_MODEL,
            "inOrderFields": VOCAB_FIELDS,
            "css": crate::apkg::CSS,
            "isCloze": false,
            "cardTemplates": templates,
        }),
    )?;
    report
        .created
        .push(format!("the note type \"{VOCAB_MODEL}\""));
    Ok(())
}

/// Anki's search for the notes of lesepult's type that have a GUID (its field not
/// empty: `field:_*`; a term with a space is quoted whole).
pub fn notes_query() -> String {
    format!("\"note:{VOCAB_MODEL}\" {ID_FIELD}:_*")
}

/// The notes of lesepult's type that have a GUID, by GUID.
fn in_anki(client: &Client) -> Result<HashMap<String, InAnki>, AnkiError> {
    let found = client.call("findNotes", json!({ "query": notes_query() }))?;
    let ids: Vec<i64> = found
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    let mut there = HashMap::new();
    for batch in ids.chunks(BATCH) {
        let infos = client.call("notesInfo", json!({ "notes": batch }))?;
        for info in infos.as_array().map(Vec::as_slice).unwrap_or_default() {
            let Some(id) = info.get("noteId").and_then(Value::as_i64) else {
                continue;
            };
            let fields: HashMap<String, String> = info
                .get("fields")
                .and_then(Value::as_object)
                .map(|f| {
                    f.iter()
                        .map(|(name, v)| {
                            let value = v.get("value").and_then(Value::as_str).unwrap_or("");
                            (name.clone(), value.to_string())
                        })
                        .collect()
                })
                .unwrap_or_default();
            let tags = info.get("tags").map(strings).unwrap_or_default();
            if let Some(guid) = fields.get(ID_FIELD).filter(|g| !g.is_empty()) {
                there.insert(guid.clone(), InAnki { id, fields, tags });
            }
        }
    }
    Ok(there)
}

/// Bring a note in Anki up to date; whether anything changed. The audio field is left as
/// it is; of the tags, lesepult's own (`status::`, `doc::`) are replaced, the user's kept.
fn update(client: &Client, note: &VocabNote, old: &InAnki) -> Result<bool, AnkiError> {
    let changed: BTreeMap<&str, &str> = VOCAB_FIELDS
        .iter()
        .zip(&note.fields)
        .enumerate()
        .filter(|(i, (name, new))| {
            *i != AUDIO && old.fields.get(**name) != Some(&as_anki_stores(new))
        })
        .map(|(_, (name, new))| (*name, new.as_str()))
        .collect();
    let fold = |t: &String| as_anki_stores(&t.to_lowercase());
    let theirs: Vec<String> = old.tags.iter().map(fold).collect();
    let ours: Vec<String> = note.tags.iter().map(fold).collect();
    let missing: Vec<&str> = note
        .tags
        .iter()
        .filter(|t| !theirs.contains(&fold(t)))
        .map(String::as_str)
        .collect();
    let stale: Vec<&str> = old
        .tags
        .iter()
        .filter(|t| {
            let t = fold(t);
            (t.starts_with("status::") || t.starts_with("doc::")) && !ours.contains(&t)
        })
        .map(String::as_str)
        .collect();
    if !changed.is_empty() {
        client.call(
            "updateNoteFields",
            json!({"note": {"id": old.id, "fields": changed}}),
        )?;
    }
    if !stale.is_empty() {
        client.call(
            "removeTags",
            json!({"notes": [old.id], "tags": stale.join(" ")}),
        )?;
    }
    if !missing.is_empty() {
        client.call(
            "addTags",
            json!({"notes": [old.id], "tags": missing.join(" ")}),
        )?;
    }
    Ok(!changed.is_empty() || !stale.is_empty() || !missing.is_empty())
}

/// The word of a new note spoken, stored in Anki's media folder: its `[sound:…]`, or
/// `None` (no speech, or Anki refused the file: the note comes without).
fn store_audio(
    client: &Client,
    note: &VocabNote,
    speak: Speaker<'_>,
) -> Result<Option<String>, AnkiError> {
    let Some(wav) = speak(&note.lemma) else {
        return Ok(None);
    };
    let name = crate::apkg::audio_name(&note.guid);
    let stored = client.call(
        "storeMediaFile",
        json!({"filename": name, "data": crate::base64::encode(&wav)}),
    );
    match stored {
        Ok(_) => Ok(Some(format!("[sound:{name}]"))),
        Err(AnkiError::Refused { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Text as Anki keeps it: in Unicode's composed form (NFC; Anki normalises what it is
/// given), so that a text written decomposed does not count as changed at every sync.
fn as_anki_stores(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// A new note as AnkiConnect takes it.
fn new_note(note: &VocabNote, deck: &str) -> Value {
    let fields: serde_json::Map<String, Value> = VOCAB_FIELDS
        .iter()
        .zip(&note.fields)
        .map(|(name, value)| ((*name).to_string(), Value::String(value.clone())))
        .collect();
    json!({
        "deckName": deck,
        "modelName": VOCAB_MODEL,
        "fields": fields,
        "tags": note.tags,
        "options": {"allowDuplicate": false, "duplicateScope": "deck"},
    })
}

/// Add new notes: all at once, or, if Anki refuses the batch, one by one (to say which
/// were refused, and why).
fn add(
    client: &Client,
    notes: &[&VocabNote],
    deck: &str,
    report: &mut SyncReport,
) -> Result<(), AnkiError> {
    let batch: Vec<Value> = notes.iter().map(|n| new_note(n, deck)).collect();
    match client.call("addNotes", json!({ "notes": batch })) {
        Ok(ids) => {
            let ids = ids.as_array().cloned().unwrap_or_default();
            for (i, note) in notes.iter().enumerate() {
                if ids.get(i).and_then(Value::as_i64).is_some() {
                    report.added += 1;
                } else {
                    report.failed.push(NotSynced {
                        lemma: note.lemma.clone(),
                        reason: "Anki did not add it".to_string(),
                    });
                }
            }
            Ok(())
        }
        Err(AnkiError::Refused { .. }) => {
            for note in notes {
                match client.call("addNote", json!({ "note": new_note(note, deck) })) {
                    Ok(_) => report.added += 1,
                    Err(AnkiError::Refused { message, .. }) => report.failed.push(NotSynced {
                        lemma: note.lemma.clone(),
                        reason: message,
                    }),
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The strings of a JSON array (names of models, decks, fields, tags).
fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_need_http_and_a_host() {
        assert!(Client::new("http://127.0.0.1:8765").is_ok());
        assert!(Client::new("http://localhost:8765/").is_ok());
        assert!(matches!(
            Client::new("https://127.0.0.1:8765"),
            Err(AnkiError::BadUrl { .. })
        ));
        assert!(matches!(
            Client::new("http://"),
            Err(AnkiError::BadUrl { .. })
        ));
    }

    #[test]
    fn answers_end_by_length_chunks_or_close() {
        let by_length = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcdEXTRA";
        assert_eq!(complete(by_length), Some((200, b"abcd".to_vec())));
        assert_eq!(
            complete(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabcd"),
            None
        );
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        assert_eq!(complete(chunked), Some((200, b"abcde".to_vec())));
        let closed = b"HTTP/1.0 500 Oops\r\n\r\nbody";
        assert_eq!(parse_until_eof(closed), Some((500, b"body".to_vec())));
    }

    #[test]
    fn text_compares_as_anki_keeps_it() {
        // "Brücke" with a combining diaeresis, as Anki stores it: composed.
        assert_eq!(as_anki_stores("Bru\u{308}cke"), "Br\u{fc}cke");
        assert_eq!(as_anki_stores("<b>Haus</b>"), "<b>Haus</b>");
    }

    #[test]
    fn nobody_listening_is_anki_not_running() {
        // A port that was free a moment ago.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let client = Client::new(&format!("http://127.0.0.1:{port}")).expect("client");
        let e = client.call("version", json!({})).expect_err("nobody there");
        assert!(matches!(e, AnkiError::NotRunning { .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("Anki is not running, or AnkiConnect is not installed")
        );
    }
}
