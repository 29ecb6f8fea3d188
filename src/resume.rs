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

/// The saved position, if there is a valid one for this very text.
pub fn load(dir: &Path, doc: &Document) -> Option<Anchor> {
    let text = std::fs::read_to_string(position_file(dir, doc)).ok()?;
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
        assert_eq!(load(dir.path(), &doc), Some(anchor));
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
}
