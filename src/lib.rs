//! lesepult: a terminal reader for studying German texts.
//!
//! The pure parts (`document`, `layout`) know nothing of terminals; `app` holds the state
//! and the one `update` function; `ui` draws it; `run` wires them to a real terminal.

pub mod ansi;
pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod compact_backend;
pub mod config;
pub mod dict;
pub mod document;
pub mod effects;
pub mod german;
pub mod glossary;
pub mod layout;
pub mod location;
pub mod notes;
pub mod paths;
pub mod resume;
pub mod run;
pub mod sample;
pub mod sources;
pub mod storage;
pub mod terminal;
pub mod ui;
pub mod ui_text;
pub mod vocab;
