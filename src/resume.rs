//! Reading positions, kept per document in the state dir as (block, byte offset).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::layout::Anchor;
use crate::storage::{WriteError, write_atomic};

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Saved {
    version: u32,
    block: usize,
    offset: usize,
    /// Hash of the text the position was taken in; a changed text starts at the top.
    text_hash: String,
}

/// The position file of a document.
pub fn position_file(dir: &Path, doc: &Document) -> PathBuf {
    dir.join(format!("{}.toml", doc.id()))
}

fn text_hash(doc: &Document) -> String {
    doc.text_hash().to_string()
}

/// A saved position to go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resumed {
    pub anchor: Anchor,
    /// The document has no position file of its own: this one was taken in the very same
    /// text under another name (the file was moved, renamed or copied).
    pub by_fingerprint: bool,
}

/// The saved position, if there is a valid one for this very text: the document's own
/// (by its id), or, when it has none, the last one saved for the same text under another
/// name (found by the text's hash, which every position file records).
pub fn load(dir: &Path, doc: &Document) -> Option<Resumed> {
    let own = position_file(dir, doc);
    if own.exists() {
        return read(&own, doc).map(|anchor| Resumed {
            anchor,
            by_fingerprint: false,
        });
    }
    let anchor = by_fingerprint(dir, doc, &own)?;
    Some(Resumed {
        anchor,
        by_fingerprint: true,
    })
}

/// The position in `path`, if it was taken in this very text and still fits it.
fn read(path: &Path, doc: &Document) -> Option<Anchor> {
    let text = std::fs::read_to_string(path).ok()?;
    let saved: Saved = toml::from_str(&text).ok()?;
    let block = doc.blocks.get(saved.block)?;
    let valid = saved.version == 1
        && saved.text_hash == text_hash(doc)
        && saved.offset <= block.text.len()
        && doc.text.is_char_boundary(block.text.start + saved.offset);
    valid.then_some(Anchor {
        block: saved.block,
        offset: saved.offset,
    })
}

/// The position saved last for this text under another name. The folder's files are tiny;
/// the text is hashed only if there is one (and only once: the document keeps its hash).
fn by_fingerprint(dir: &Path, doc: &Document, own: &Path) -> Option<Anchor> {
    if doc.text.is_empty() {
        return None;
    }
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p != own && p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| {
            let anchor = read(&p, doc)?;
            let written = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
            Some((written, p, anchor))
        })
        .max_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)))
        .map(|(_, _, anchor)| anchor)
}

/// Save a position atomically.
pub fn save(dir: &Path, doc: &Document, anchor: Anchor) -> Result<(), WriteError> {
    let saved = Saved {
        version: 1,
        block: anchor.block,
        offset: anchor.offset,
        text_hash: text_hash(doc),
    };
    let text = toml::to_string(&saved).unwrap_or_default();
    write_atomic(&position_file(dir, doc), text.as_bytes(), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::bundled;

    #[test]
    fn save_then_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = bundled();
        let anchor = Anchor {
            block: 5,
            offset: 0,
        };
        save(dir.path(), &doc, anchor).expect("save");
        assert_eq!(
            load(dir.path(), &doc),
            Some(Resumed {
                anchor,
                by_fingerprint: false
            })
        );
    }

    #[test]
    fn garbage_or_out_of_range_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = bundled();
        let file = position_file(dir.path(), &doc);
        std::fs::write(&file, "\0\0\0").expect("write");
        assert_eq!(load(dir.path(), &doc), None);
        let far = Anchor {
            block: 10_000,
            offset: 0,
        };
        save(dir.path(), &doc, far).expect("save");
        assert_eq!(load(dir.path(), &doc), None);
    }

    #[test]
    fn a_moved_text_finds_its_position_by_its_fingerprint() {
        let dir = tempfile::tempdir().expect("tempdir");
        let texts = tempfile::tempdir().expect("tempdir");
        let text = "Titel\n\nDer erste Absatz über die Straße.\n\nDer zweite Absatz.\n";
        let old = texts.path().join("alt.txt");
        std::fs::write(&old, text).expect("write");
        let doc = crate::document::load_path(&old).expect("load");
        let anchor = Anchor {
            block: 2,
            offset: 4,
        };
        save(dir.path(), &doc, anchor).expect("save");
        let new = texts.path().join("neu.txt");
        std::fs::rename(&old, &new).expect("move");
        let moved = crate::document::load_path(&new).expect("load");
        assert_ne!(moved.id(), doc.id());
        assert_eq!(
            load(dir.path(), &moved),
            Some(Resumed {
                anchor,
                by_fingerprint: true
            })
        );
        // Another text finds nothing; once the moved one has its own file, that is read.
        std::fs::write(&old, "Ein anderer Text\n\nMit anderem Inhalt.\n").expect("write");
        let other = crate::document::load_path(&old).expect("load");
        assert_eq!(load(dir.path(), &other), None);
        let mine = Anchor {
            block: 1,
            offset: 0,
        };
        save(dir.path(), &moved, mine).expect("save");
        assert_eq!(
            load(dir.path(), &moved).map(|r| (r.anchor, r.by_fingerprint)),
            Some((mine, false))
        );
    }
}
