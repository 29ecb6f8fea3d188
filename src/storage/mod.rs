//! How lesepult keeps its files safe.
//!
//! - [`atomic`]: the one way a file is written ([`write_atomic`]: temp file, fsync, rename,
//!   fsync of the folder, optionally a `.bak`), and the clean-up of temp files left by a
//!   killed process ([`remove_stale_temps`]); [`write_new`] for exports, which never
//!   replace a file unasked and never make a folder.
//! - [`lock`]: an exclusive lock between lesepult processes on a separate `.lock` file.
//! - [`store`]: the one store for the files lesepult keeps writing while it runs (notes,
//!   vocabulary, the user's glossary): lock, merge with another process's changes, atomic
//!   write with a backup, and a file that does not parse is never overwritten (a recovery
//!   file takes the writes, and is read back). Each file kind says only how it parses,
//!   is written and merges ([`StoredFile`]).

pub mod atomic;
pub mod lock;
pub mod store;

pub use atomic::{
    NewFileError, WriteError, absolute, backup_path, free_name, remove_stale_temps, write_atomic,
    write_new,
};
pub use lock::{LOCK_WAIT, LockError, lock_exclusive, lock_exclusive_within};
pub use store::{Opened, SaveError, Store, StoredFile, Unreadable};
