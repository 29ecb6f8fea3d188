//! Keys as data: the commands (`command`) and the key chords bound to them (`keymap`),
//! below both the config (which reads bindings) and the app (which routes keys).

mod command;
mod keymap;

pub use command::Command;
pub use keymap::{KeyChord, Keymap, UnknownKey};
