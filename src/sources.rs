//! Where a document's glossary comes from: the bundled one, `--glossary PATH`, or
//! `NAME.glossary.toml` beside `NAME.txt`; and the user's own glossary.

use std::path::{Path, PathBuf};

use crate::document::{Document, Origin};
use crate::glossary::{self, GlossaryError, Source, Term};

/// The glossary file that belongs beside a document file.
pub fn beside(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.glossary.toml"))
}

/// The document's terms. A broken file is an error for the caller to show; the document
/// still opens without those terms.
pub fn document_terms(doc: &Document, explicit: Option<&Path>) -> Result<Vec<Term>, GlossaryError> {
    if let Some(path) = explicit {
        return glossary::load::load(path, Source::Document);
    }
    match &doc.origin {
        Origin::Bundled(_) => Ok(glossary::bundled()),
        Origin::Stdin => Ok(Vec::new()),
        Origin::File(path) => {
            let file = beside(path);
            if file.exists() {
                glossary::load::load(&file, Source::Document)
            } else {
                Ok(Vec::new())
            }
        }
    }
}
