//! lesepult: a terminal reader for studying German texts.
//!
//! The pure parts (`document`, `layout`) know nothing of terminals; `app` holds the state
//! and the one `update` function; `ui` draws it; `run` wires them to a real terminal.

pub mod app;
pub mod cli;
pub mod config;
pub mod dict;
pub mod document;
pub mod german;
pub mod glossary;
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
pub mod ui;
pub mod ui_text;
pub mod vocab;
