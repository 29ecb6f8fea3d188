//! Keys as data: the commands (`command`), the key chords bound to them (`keymap`) and
//! the layers of prompts, forms and dialogs (`layers`); below both the config (which reads
//! bindings) and the app (whose router picks the layers).

mod chord;
mod command;
mod keymap;
mod layers;

pub use chord::{KeyChord, UnknownKey};
pub use command::Command;
pub use keymap::Keymap;
pub use layers::{Answer, Binding, EDITOR_COMMANDS, EXPORT_EXISTS, Layer, answer};
