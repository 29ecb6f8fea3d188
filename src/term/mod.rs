//! The terminal layer: raw mode and the alternate screen (`guard`), a ratatui backend that
//! writes a frame in one go (`compact_backend`) and the escape codes it writes (`ansi`).
//! Nothing here knows the app.

pub mod ansi;
pub mod compact_backend;
mod guard;

pub use guard::{TerminalGuard, Tui, restore};
