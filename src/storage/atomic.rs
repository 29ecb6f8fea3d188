//! The one way lesepult writes a file: a temp file in the same folder, fsync, rename over
//! the old file, fsync the folder. A crash leaves the old or the new version, never a mix.
//! Also the `.bak` beside a file and the clean-up of temp files left by a killed process.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a write failed, with the file's path.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", .path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

const TEMP_MARK: &str = ".tmp-";

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMP_MARK}{}", std::process::id()))
}

/// Write `bytes` to `path` atomically. With `keep_backup`, the previous version is kept as
/// `NAME.bak` (itself replaced atomically).
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), WriteError> {
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(err)?;
    let temp = temp_path(path);
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.exists() {
            let bak = backup_path(path);
            let bak_temp = temp_path(&bak);
            let _ = fs::remove_file(&bak_temp);
            fs::hard_link(path, &bak_temp).or_else(|_| fs::copy(path, &bak_temp).map(|_| ()))?;
            fs::rename(&bak_temp, &bak)?;
        }
        fs::rename(&temp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(err)
}

/// Why an export was not written: the file is there (and may not be replaced unasked),
/// its folder is missing (folders are never made unasked), or the write failed. Paths are
/// absolute.
#[derive(Debug, thiserror::Error)]
pub enum NewFileError {
    #[error("{} exists", .0.display())]
    Exists(PathBuf),
    #[error("folder {} does not exist (nothing was written)", .0.display())]
    NoFolder(PathBuf),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// `path` made absolute (against the current folder), for messages that say where a file
/// went.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Write a file the user asked for (an export) atomically, into a folder that must exist.
/// Unless `overwrite`, an existing file is left alone: the new file is linked into place,
/// which fails if the name is taken, so nothing is replaced even in a race.
pub fn write_new(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), NewFileError> {
    let path = &absolute(path);
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("/"));
    if !dir.is_dir() {
        return Err(NewFileError::NoFolder(dir.to_path_buf()));
    }
    if path.is_dir() {
        return Err(err(std::io::Error::other("it is a folder")).into());
    }
    if !overwrite && fs::symlink_metadata(path).is_ok() {
        return Err(NewFileError::Exists(path.to_path_buf()));
    }
    let temp = temp_path(path);
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(err(e).into());
    }
    let placed = if overwrite {
        fs::rename(&temp, path).map_err(|e| err(e).into())
    } else {
        match fs::hard_link(&temp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(NewFileError::Exists(path.to_path_buf()))
            }
            // A file system without hard links: the name was free a moment ago.
            Err(_) if fs::symlink_metadata(path).is_err() => {
                fs::rename(&temp, path).map_err(|e| err(e).into())
            }
            Err(_) => Err(NewFileError::Exists(path.to_path_buf())),
        }
    };
    let _ = fs::remove_file(&temp);
    placed?;
    File::open(dir).and_then(|d| d.sync_all()).map_err(err)?;
    Ok(())
}

/// A name beside `path` that is not taken: `NAME-2.EXT`, `NAME-3.EXT`… (the extension
/// after the first dot of the name, so `x.anki.txt` becomes `x-2.anki.txt`).
pub fn free_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = match name.find('.').filter(|&i| i > 0) {
        Some(i) => name.split_at(i),
        None => (name.as_str(), ""),
    };
    (2..)
        .map(|n| path.with_file_name(format!("{stem}-{n}{ext}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| path.to_path_buf())
}

/// `NAME.bak` beside `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Delete temp files left in `dir` by a process that died mid-write. Returns how many.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((_, pid)) = name.rsplit_once(TEMP_MARK) else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|p| Path::new(&format!("/proc/{p}")).exists() && p != 0);
        if name.starts_with('.') && !alive && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub").join("a.toml");
        write_atomic(&path, "„eins“".as_bytes(), true).expect("first write");
        write_atomic(&path, "zwei ß".as_bytes(), true).expect("second write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "zwei ß");
        assert_eq!(
            fs::read_to_string(backup_path(&path)).expect("bak"),
            "„eins“"
        );
        let leftovers: Vec<_> = fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(TEMP_MARK))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_new_file_never_replaces_one_and_never_makes_a_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.md");
        fs::write(&path, "alt „ß“").expect("write");
        let err = write_new(&path, b"neu", false).expect_err("exists");
        assert!(
            matches!(&err, NewFileError::Exists(p) if p == &path),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "alt „ß“");
        write_new(&path, "neu „ä“".as_bytes(), true).expect("overwrite");
        assert_eq!(fs::read_to_string(&path).expect("read"), "neu „ä“");
        let fresh = dir.path().join("frisch.md");
        write_new(&fresh, b"x", false).expect("a free name");
        assert_eq!(fs::read_to_string(&fresh).expect("read"), "x");

        let missing = dir.path().join("fehlt").join("unter");
        let err = write_new(&missing.join("x.md"), b"x", true).expect_err("no folder");
        assert!(
            matches!(&err, NewFileError::NoFolder(p) if p == &missing),
            "{err}"
        );
        assert!(err.to_string().contains("does not exist"));
        assert!(!dir.path().join("fehlt").exists());
        let leftovers = fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(TEMP_MARK))
            .count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn a_free_name_counts_up_before_the_extension() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.anki.txt");
        fs::write(&path, "").expect("write");
        assert_eq!(free_name(&path), dir.path().join("x-2.anki.txt"));
        fs::write(dir.path().join("x-2.anki.txt"), "").expect("write");
        assert_eq!(free_name(&path), dir.path().join("x-3.anki.txt"));
        assert_eq!(
            free_name(&dir.path().join("plain")),
            dir.path().join("plain-2")
        );
    }

    #[test]
    fn stale_temps_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stale = dir.path().join(format!(".a.toml{TEMP_MARK}999999999"));
        let live = dir
            .path()
            .join(format!(".a.toml{TEMP_MARK}{}", std::process::id()));
        fs::write(&stale, "x").expect("write");
        fs::write(&live, "x").expect("write");
        assert_eq!(remove_stale_temps(dir.path()), 1);
        assert!(!stale.exists());
        assert!(live.exists());
    }

    #[test]
    fn a_failed_write_names_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").expect("write");
        let err = write_atomic(&blocker.join("x.toml"), b"y", false).expect_err("not a dir");
        assert!(err.to_string().contains("x.toml"));
    }
}
