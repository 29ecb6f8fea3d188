//! An exclusive lock between lesepult processes, on a separate `NAME.lock` file.
//!
//! A lock file is used because a save renames a new file over the data file, and a lock on
//! the old inode would no longer exclude anyone. The lock is advisory (`flock`): it only
//! keeps out other lesepult processes, which is all it is for.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long [`lock_exclusive`] waits for another lesepult before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(3);

/// Why a lock could not be taken. Both carry the lock file's path.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds it (after waiting).
    #[error("{}: another lesepult holds the lock", .0.display())]
    Busy(PathBuf),
    #[error("{}: {}", .0.display(), .1)]
    Io(PathBuf, #[source] std::io::Error),
}

/// Take an exclusive lock on `lock_path` (created if missing, never removed), waiting up to
/// [`LOCK_WAIT`] for another lesepult. The lock is released when the returned file is
/// dropped (or the process dies).
pub fn lock_exclusive(lock_path: &Path) -> Result<File, LockError> {
    lock_exclusive_within(lock_path, LOCK_WAIT)
}

/// [`lock_exclusive`], waiting at most `wait`.
pub fn lock_exclusive_within(lock_path: &Path, wait: Duration) -> Result<File, LockError> {
    if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| LockError::Io(dir.to_path_buf(), e))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)
        .map_err(|e| LockError::Io(lock_path.to_path_buf(), e))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => return Err(LockError::Busy(lock_path.to_path_buf())),
            Err(TryLockError::Error(e)) => return Err(LockError::Io(lock_path.to_path_buf(), e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_busy_until_it_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub").join("a.toml.lock");
        let held = lock_exclusive(&path).expect("first lock");
        // `flock` locks belong to an open file, so a second open in this process conflicts
        // like another process would.
        let err = lock_exclusive_within(&path, Duration::from_millis(50)).expect_err("busy");
        assert!(matches!(&err, LockError::Busy(p) if p == &path));
        assert!(err.to_string().contains("a.toml.lock"), "{err}");
        drop(held);
        lock_exclusive_within(&path, Duration::from_millis(50)).expect("free again");
    }
}
