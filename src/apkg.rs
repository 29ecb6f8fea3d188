//! Anki packages (`.apkg`): a zip holding a `collection.anki2` SQLite database (Anki's
//! schema 11, which every Anki since 2.1 and AnkiDroid import) and the media files.
//!
//! lesepult's own note types: **lesepult vocabulary** (lemma, article, plural, part of
//! speech, meaning, the sentence with the word marked, the sentence with a gap, source,
//! audio) with a recognition card and a cloze card, and **lesepult note** (front, back,
//! source) for the notes and glossary terms of a text. The note types' ids are fixed and
//! every note's GUID is derived from what it is about (the word's lemma key, the note's
//! id), so importing a newer package updates the notes already there instead of adding
//! them again.

use std::io::{Cursor, Write};

use crate::notes::export::{anki_field, anki_field_untrimmed};
use crate::vocab::{VocabEntry, Vocabulary};

/// The id of the vocabulary note type (fixed: a re-import must find it again).
pub const VOCAB_MODEL_ID: i64 = 1_733_000_000_001;
/// The id of the notes note type.
pub const NOTES_MODEL_ID: i64 = 1_733_000_000_002;

/// The vocabulary note type's fields, in order. The last, not shown on any card, holds
/// the note's GUID: AnkiConnect finds a note again by it (`crate::anki_connect`).
pub const VOCAB_FIELDS: [&str; 10] = [
    "Lemma",
    "Article",
    "Plural",
    "PartOfSpeech",
    "Meaning",
    "Sentence",
    "Cloze",
    "Source",
    "Audio",
    ID_FIELD,
];

/// The field of the vocabulary type that holds the note's GUID.
pub const ID_FIELD: &str = "LesepultId";

/// The index of the audio field in [`VOCAB_FIELDS`].
pub const AUDIO: usize = 8;

/// The name of the vocabulary note type.
pub const VOCAB_MODEL: &str = "lesepult vocabulary";

const NOTES_FIELDS: [&str; 3] = ["Front", "Back", "Source"];

pub const CSS: &str = ".card { font-family: sans-serif; font-size: 22px; text-align: center; \
color: black; background-color: white; }\n\
.lemma { font-size: 30px; }\n.sentence { margin-top: 12px; font-style: italic; }\n\
.gap { color: #1565c0; font-weight: bold; }\n.meta { color: #777; font-size: 16px; }\n";

/// The vocabulary type's cards: recognition (the word → its meaning) and cloze (the
/// sentence with a gap → the word), the latter only where there is a sentence.
pub const VOCAB_TEMPLATES: [(&str, &str, &str); 2] = [
    (
        "Recognition",
        "<div class=lemma>{{#Article}}{{Article}} {{/Article}}{{Lemma}}</div>\
         {{#Sentence}}<div class=sentence>{{Sentence}}</div>{{/Sentence}}",
        "{{FrontSide}}<hr id=answer><div>{{Meaning}}</div>\
         <div class=meta>{{PartOfSpeech}}{{#Plural}} · Pl. {{Plural}}{{/Plural}}</div>\
         {{Audio}}<div class=meta>{{Source}}</div>",
    ),
    (
        "Cloze",
        "{{#Cloze}}<div class=sentence>{{Cloze}}</div><div class=meta>{{Meaning}}</div>{{/Cloze}}",
        "{{FrontSide}}<hr id=answer>\
         <div class=lemma>{{#Article}}{{Article}} {{/Article}}{{Lemma}}</div>\
         <div class=sentence>{{Sentence}}</div>{{Audio}}<div class=meta>{{Source}}</div>",
    ),
];

const NOTES_TEMPLATES: [(&str, &str, &str); 1] = [(
    "Note",
    "<div>{{Front}}</div>",
    "{{FrontSide}}<hr id=answer><div>{{Back}}</div><div class=meta>{{Source}}</div>",
)];

/// A package's bytes and what it holds.
#[derive(Debug, Clone)]
pub struct Package {
    pub bytes: Vec<u8>,
    pub notes: usize,
    pub cards: usize,
    pub audio: usize,
}

impl Package {
    /// "100 words (200 cards, 100 with audio)".
    pub fn what(&self, things: &str) -> String {
        let audio = if self.audio > 0 {
            format!(", {} with audio", self.audio)
        } else {
            String::new()
        };
        format!("{} {things} ({} cards{audio})", self.notes, self.cards)
    }
}

/// A note to write: its type, GUID, fields (HTML) and tags.
struct NoteRow {
    model: i64,
    guid: String,
    fields: Vec<String>,
    tags: Vec<String>,
    /// The templates (by number) it makes a card of.
    cards: Vec<i64>,
}

/// A media file: its name in the collection and its bytes.
pub struct Media {
    pub name: String,
    pub data: Vec<u8>,
}

/// The speech of a word: gets the lemma (as written for the card), gives WAV bytes, or
/// `None` (espeak-ng missing or failing: the card has no audio).
pub type Speaker<'a> = &'a mut dyn FnMut(&str) -> Option<Vec<u8>>;

/// The deck of the vocabulary.
pub const VOCAB_DECK: &str = "lesepult::Vocabulary";

/// A word of the vocabulary as a note of the vocabulary type: what a package holds and
/// what AnkiConnect adds or updates (one source for both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabNote {
    /// Stable: from the word's lemma key.
    pub guid: String,
    /// The lemma, as the reports name the note.
    pub lemma: String,
    /// In [`VOCAB_FIELDS`]' order (HTML); the audio field empty.
    pub fields: Vec<String>,
    /// `lesepult`, `status::…`, `doc::…` and the word's category.
    pub tags: Vec<String>,
}

/// The words being learned and the known ones, each as a note of the vocabulary type.
pub fn vocab_notes(vocab: &Vocabulary) -> Vec<VocabNote> {
    vocab
        .entries
        .values()
        .filter(|e| crate::vocab::anki::in_deck(e))
        .map(|e| {
            let guid = crate::notes::export::guid("vocabulary", "apkg", &e.key);
            let fields = vocab_fields(e, String::new(), &guid);
            let mut tags = vec![
                "lesepult".to_string(),
                format!("status::{}", e.status.tag()),
            ];
            if !e.document.is_empty() {
                tags.push(format!("doc::{}", tag(&e.document)));
            }
            if !e.category.is_empty() {
                tags.push(tag(&e.category));
            }
            VocabNote {
                guid,
                lemma: e.lemma.clone(),
                fields,
                tags,
            }
        })
        .collect()
}

/// The name of a note's spoken word in Anki's media folder.
pub fn audio_name(guid: &str) -> String {
    format!("lesepult-{guid}.wav")
}

/// Whether the vocabulary type makes a cloze card of a note with these fields.
pub fn has_cloze(fields: &[String]) -> bool {
    fields.get(6).is_some_and(|f| !f.is_empty())
}

/// The vocabulary as a package: the words being learned and the known ones (as the text
/// deck), each a note of the vocabulary type. `now` in seconds since 1970.
pub fn vocabulary(vocab: &Vocabulary, speak: Speaker<'_>, now: i64) -> Result<Package, String> {
    let mut rows = Vec::new();
    let mut media = Vec::new();
    for note in vocab_notes(vocab) {
        let VocabNote {
            guid,
            lemma,
            mut fields,
            tags,
        } = note;
        if let Some(data) = speak(&lemma) {
            let name = audio_name(&guid);
            media.push(Media {
                name: name.clone(),
                data,
            });
            fields[AUDIO] = format!("[sound:{name}]");
        }
        let mut cards = vec![0];
        if has_cloze(&fields) {
            cards.push(1);
        }
        rows.push(NoteRow {
            model: VOCAB_MODEL_ID,
            guid,
            fields,
            tags,
            cards,
        });
    }
    package(&rows, &media, VOCAB_DECK, now)
}

/// The notes of a text (and, with a glossary, its terms) as a package of the notes type.
pub fn notes(
    doc: &crate::document::Document,
    notes: &[crate::notes::Note],
    glossary: Option<&crate::glossary::Glossary>,
    now: i64,
) -> Result<Package, String> {
    let source = anki_field(&doc.title);
    let rows: Vec<NoteRow> = crate::notes::export::anki_rows(doc, notes, glossary)
        .into_iter()
        .map(|r| NoteRow {
            model: NOTES_MODEL_ID,
            guid: r.guid,
            fields: vec![r.front, r.back, source.clone()],
            tags: r.tags,
            cards: vec![0],
        })
        .collect();
    package(&rows, &[], &crate::notes::export::notes_deck(doc), now)
}

fn tag(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// The vocabulary note's fields (HTML), in [`VOCAB_FIELDS`]' order.
fn vocab_fields(e: &VocabEntry, audio: String, guid: &str) -> Vec<String> {
    let word = crate::document::word_ranges(&e.sentence)
        .into_iter()
        .find(|r| !e.form.is_empty() && e.sentence[r.clone()] == e.form);
    let (marked, cloze) = match &word {
        Some(r) => (
            format!(
                "{}<b>{}</b>{}",
                anki_field_untrimmed(&e.sentence[..r.start]),
                anki_field_untrimmed(&e.sentence[r.clone()]),
                anki_field_untrimmed(&e.sentence[r.end..])
            )
            .trim()
            .to_string(),
            format!(
                "{}<span class=gap>[…]</span>{}",
                anki_field_untrimmed(&e.sentence[..r.start]),
                anki_field_untrimmed(&e.sentence[r.end..])
            )
            .trim()
            .to_string(),
        ),
        None => (anki_field(&e.sentence), String::new()),
    };
    let pos = crate::german::analysis::analyse_word(&e.sentence, &e.form)
        .filter(|a| a.lemma == e.lemma && a.pos != crate::german::Pos::Unknown)
        .map(|a| a.pos.name().to_string())
        .unwrap_or_default();
    vec![
        anki_field(&e.lemma),
        anki_field(&e.article),
        if e.plural.is_empty() {
            String::new()
        } else {
            anki_field(&crate::glossary::plural_with_article(&e.plural))
        },
        pos,
        anki_field(&e.meaning),
        marked,
        cloze,
        anki_field(&e.document),
        audio,
        guid.to_string(),
    ]
}

/// A stable positive id from a name (decks).
fn id_of(name: &str) -> i64 {
    // 2^50 > any fnv fold below; above 1 (Anki's default deck).
    (crate::document::fnv1a(name.as_bytes()) % (1 << 50)) as i64 + 2
}

/// Write the collection and zip it with the media.
fn package(rows: &[NoteRow], media: &[Media], deck: &str, now: i64) -> Result<Package, String> {
    let db =
        collection(rows, deck, now).map_err(|e| format!("cannot build the collection: {e}"))?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut index = serde_json::Map::new();
    let mut add = |name: &str, data: &[u8]| -> Result<(), String> {
        zip.start_file(name, options)
            .and_then(|()| zip.write_all(data).map_err(Into::into))
            .map_err(|e| format!("cannot write the package: {e}"))
    };
    add("collection.anki2", &db)?;
    for (i, m) in media.iter().enumerate() {
        add(&i.to_string(), &m.data)?;
        index.insert(i.to_string(), serde_json::Value::String(m.name.clone()));
    }
    add(
        "media",
        serde_json::Value::Object(index).to_string().as_bytes(),
    )?;
    let bytes = zip
        .finish()
        .map_err(|e| format!("cannot write the package: {e}"))?
        .into_inner();
    Ok(Package {
        bytes,
        notes: rows.len(),
        cards: rows.iter().map(|r| r.cards.len()).sum(),
        audio: media.len(),
    })
}

const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null,
  factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// A note type as Anki's `col.models` JSON holds it.
fn model(
    id: i64,
    name: &str,
    fields: &[&str],
    templates: &[(&str, &str, &str)],
    deck: i64,
    now: i64,
) -> serde_json::Value {
    use serde_json::json;
    json!({
        "id": id,
        "name": name,
        "type": 0,
        "mod": now,
        "usn": -1,
        "sortf": 0,
        "did": deck,
        "tags": [],
        "vers": [],
        "css": CSS,
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}",
        "latexsvg": false,
        "req": templates.iter().enumerate().map(|(i, _)| {
            // Recognition needs the lemma (field 0); the cloze card its gap (field 6).
            let field = if id == VOCAB_MODEL_ID && i == 1 { 6 } else { 0 };
            json!([i, "any", [field]])
        }).collect::<Vec<_>>(),
        "flds": fields.iter().enumerate().map(|(i, f)| json!({
            "name": f, "ord": i, "sticky": false, "rtl": false, "font": "Arial",
            "size": 20, "media": []
        })).collect::<Vec<_>>(),
        "tmpls": templates.iter().enumerate().map(|(i, (n, q, a))| json!({
            "name": n, "ord": i, "qfmt": q, "afmt": a, "did": null,
            "bqfmt": "", "bafmt": "", "bfont": "", "bsize": 0
        })).collect::<Vec<_>>(),
    })
}

/// The `collection.anki2` database, serialised.
fn collection(rows: &[NoteRow], deck: &str, now: i64) -> rusqlite::Result<Vec<u8>> {
    use serde_json::json;
    let mut db = rusqlite::Connection::open_in_memory()?;
    db.execute_batch(SCHEMA)?;
    let did = id_of(deck);
    let models = json!({
        VOCAB_MODEL_ID.to_string(): model(VOCAB_MODEL_ID, VOCAB_MODEL, &VOCAB_FIELDS, &VOCAB_TEMPLATES, did, now),
        NOTES_MODEL_ID.to_string(): model(NOTES_MODEL_ID, "lesepult note", &NOTES_FIELDS, &NOTES_TEMPLATES, did, now),
    });
    let deck_json = |id: i64, name: &str| {
        json!({
            "id": id, "name": name, "mod": now, "usn": -1, "desc": "", "dyn": 0, "conf": 1,
            "collapsed": false, "browserCollapsed": false, "extendNew": 0, "extendRev": 0,
            "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0]
        })
    };
    let decks = json!({
        "1": deck_json(1, "Default"),
        did.to_string(): deck_json(did, deck),
    });
    let dconf = json!({"1": {
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true,
        "timer": 0, "replayq": true, "dyn": false,
        "new": {"delays": [1, 10], "ints": [1, 4, 7], "initialFactor": 2500, "order": 1, "perDay": 20, "bury": false},
        "rev": {"perDay": 200, "ease4": 1.3, "maxIvl": 36500, "hardFactor": 1.2, "bury": false},
        "lapse": {"delays": [10], "mult": 0, "minInt": 1, "leechFails": 8, "leechAction": 1}
    }});
    let conf = json!({
        "activeDecks": [1], "curDeck": 1, "newSpread": 0, "collapseTime": 1200,
        "timeLim": 0, "estTimes": true, "dueCounts": true, "curModel": null,
        "nextPos": rows.len() + 1, "sortType": "noteFld", "sortBackwards": false,
        "addToCur": true
    });
    db.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?3, 11, 0, 0, 0, ?4, ?5, ?6, ?7, '{}')",
        rusqlite::params![
            now / 86_400 * 86_400,
            now * 1000,
            now * 1000,
            conf.to_string(),
            models.to_string(),
            decks.to_string(),
            dconf.to_string()
        ],
    )?;
    // Note and card ids only have to be unique in the package: Anki finds a note again by
    // its GUID.
    let base = now * 1000;
    let mut card_id = base;
    for (n, row) in rows.iter().enumerate() {
        let note_id = base + n as i64;
        let tags = if row.tags.is_empty() {
            String::new()
        } else {
            format!(" {} ", row.tags.join(" "))
        };
        db.execute(
            "INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')",
            rusqlite::params![
                note_id,
                row.guid,
                row.model,
                now,
                tags,
                row.fields.join("\u{1f}"),
                strip_html(row.fields.first().map_or("", String::as_str)),
                checksum(row.fields.first().map_or("", String::as_str)),
            ],
        )?;
        for &ord in &row.cards {
            card_id += 1;
            db.execute(
                "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, 0, 0, ?6, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                rusqlite::params![card_id, note_id, did, ord, now, n as i64 + 1],
            )?;
        }
    }
    let data = db.serialize("main")?;
    Ok(data.to_vec())
}

/// A field without its HTML tags (the sort field).
fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Anki's first-field checksum: the first 8 hex digits of the SHA-1 of the stripped
/// field, as a number (Anki uses it to find duplicates).
fn checksum(field: &str) -> i64 {
    let digest = sha1(strip_html(field).as_bytes());
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

/// SHA-1 (for the checksum only).
fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut message = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_be_bytes());
    for chunk in message.chunks(64) {
        let mut w = [0u32; 80];
        for (i, word) in chunk.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Status;

    pub(crate) fn entry(lemma: &str, form: &str, sentence: &str) -> VocabEntry {
        VocabEntry {
            key: lemma.to_lowercase(),
            lemma: lemma.into(),
            status: Status::L2,
            updated: "2026-11-30T07:00:00Z".into(),
            learned: None,
            article: String::new(),
            plural: String::new(),
            meaning: "something".into(),
            category: String::new(),
            sentence: sentence.into(),
            form: form.into(),
            document: "doc".into(),
            review: None,
            doubtful: false,
        }
    }

    #[test]
    fn sha1_is_sha1() {
        let hex = |d: [u8; 20]| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(
            hex(sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(hex(sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    }

    #[test]
    fn a_word_has_its_sentence_marked_and_gapped() {
        let mut e = entry("Haus", "Häuser", "Die Häuser sind alt.");
        e.article = "das".into();
        e.plural = "Häuser".into();
        let f = vocab_fields(&e, String::new(), "g");
        assert_eq!(f[0], "Haus");
        assert_eq!(f[1], "das");
        assert_eq!(f[3], "noun");
        assert_eq!(f[5], "Die <b>Häuser</b> sind alt.");
        assert_eq!(f[6], "Die <span class=gap>[…]</span> sind alt.");
    }

    #[test]
    fn a_package_is_a_zip_with_the_collection_and_the_media() {
        let mut v = Vocabulary::default();
        for e in [
            entry("Haus", "Häuser", "Die Häuser sind alt."),
            entry("gehen", "geht", ""),
        ] {
            v.entries.insert(e.key.clone(), e);
        }
        let mut speak = |_: &str| Some(b"RIFF".to_vec());
        let p = vocabulary(&v, &mut speak, 1_764_000_000).expect("package");
        assert_eq!((p.notes, p.cards, p.audio), (2, 3, 2));
        let mut zip = zip::ZipArchive::new(Cursor::new(p.bytes)).expect("zip");
        let names: Vec<String> = zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.to_string()))
            .collect();
        assert!(names.contains(&"collection.anki2".to_string()), "{names:?}");
        assert!(names.contains(&"media".to_string()));
        let mut media = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("media").expect("media"), &mut media)
            .expect("read");
        assert!(media.contains(".wav"), "{media}");
    }
}
