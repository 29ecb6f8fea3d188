//! Notes: the model, anchors that survive a changed text, the notes file, the store (lock,
//! merge, recovery) and the exporters. No terminal types here.

pub mod anchor;
pub mod export;
pub mod file;
mod model;
pub mod store;

pub use model::{Anchor, AnchorKind, Note, date_of, new_id, tags_of, timestamp};
pub use store::{Loaded, NotesStore, SaveError, Unreadable};
