//! The user's own glossary: one file in the data dir, shared by all documents, written
//! atomically with a backup. A file that does not parse is never overwritten.

use std::path::{Path, PathBuf};

use super::load::{self, GlossaryError};
use super::term::{Source, Term};
use crate::storage::{WriteError, write_atomic};

/// The user's glossary file.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("glossary.toml")
}

/// The user's terms; a missing file is an empty glossary.
pub fn load(file: &Path) -> Result<Vec<Term>, GlossaryError> {
    if !file.exists() {
        return Ok(Vec::new());
    }
    load::load(file, Source::User)
}

/// Write the user's terms.
pub fn save(file: &Path, terms: &[Term]) -> Result<(), WriteError> {
    write_atomic(file, load::to_toml(terms).as_bytes(), true)
}
