//! lesepult: a terminal reader for studying German texts.
//!
//! Layers, from the edge inwards: `cli` (the command line) and `runtime` (the event loop,
//! its queue, background jobs and effects) on top of `term` (the terminal); `app` holds the
//! state and the one `update` function that changes it, `ui` draws it, `keys` says which
//! key does what. Below them, knowing nothing of terminals: `document`, `layout`,
//! `glossary`, `german`, `dict`, `notes`, `vocab`, `storage`, `config`, and `input` (reading
//! files lesepult did not write: regular files only, with a limit).

pub mod anki_connect;
pub mod apkg;
pub mod app;
pub mod base64;
pub mod cli;
pub mod config;
pub mod dict;
pub mod document;
pub mod german;
pub mod glossary;
pub mod input;
pub mod keys;
pub mod layout;
pub mod location;
pub mod notes;
pub mod paths;
pub mod resume;
pub mod runtime;
pub mod sample;
pub mod sources;
pub mod storage;
pub mod term;
pub mod tools;
pub mod ui;
pub mod ui_text;
pub mod vocab;
