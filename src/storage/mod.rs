//! How lesepult keeps its files safe.
//!
//! - [`atomic`]: the one way a file is written ([`write_atomic`]: temp file, fsync, rename,
//!   fsync of the folder, optionally a `.bak`), and the clean-up of temp files left by a
//!   killed process ([`remove_stale_temps`]).
//! - [`lock`]: an exclusive lock between lesepult processes on a separate `.lock` file.

pub mod atomic;
pub mod lock;

pub use atomic::{WriteError, backup_path, remove_stale_temps, write_atomic};
pub use lock::{LOCK_WAIT, LockError, lock_exclusive, lock_exclusive_within};
