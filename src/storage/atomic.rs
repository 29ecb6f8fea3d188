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

/// How many symbolic links are followed before a path is called a loop (as Linux does).
const MAX_LINKS: usize = 40;

/// Where a write to `path` lands, and what is there now. A symbolic link is followed to
/// its target (which may not exist yet: a dangling link names the file to make), so that a
/// data file kept elsewhere through a link stays a link.
fn resolve(path: &Path) -> std::io::Result<(PathBuf, Option<fs::Metadata>)> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(meta) => return Ok((current, Some(meta))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((current, None)),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// What a file that is not a regular file is, in words.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Refuse to replace anything but a regular file.
fn regular_or_refuse(meta: Option<&fs::Metadata>) -> std::io::Result<()> {
    match meta {
        Some(m) if !m.is_file() => Err(std::io::Error::other(format!(
            "it is {}, not a regular file (left as it is)",
            kind_of(m)
        ))),
        _ => Ok(()),
    }
}

/// Write `bytes` to a temp file beside `target` with `target`'s permissions (if it
/// exists), synced to disk. Returns the temp file's path.
fn write_temp(target: &Path, bytes: &[u8], old: Option<&fs::Metadata>) -> std::io::Result<PathBuf> {
    let temp = temp_path(target);
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        if let Some(old) = old {
            file.set_permissions(old.permissions())?;
        }
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Write `bytes` to `path` atomically. With `keep_backup`, the previous version is kept as
/// `NAME.bak` (itself replaced atomically). A symbolic link is written through to its
/// target; an existing file keeps its permissions; anything but a regular file (a folder,
/// a FIFO, a device) is refused and left as it is.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), WriteError> {
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let (target, old) = resolve(path).map_err(err)?;
    regular_or_refuse(old.as_ref()).map_err(err)?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(err)?;
    let temp = write_temp(&target, bytes, old.as_ref()).map_err(err)?;
    let result = (|| {
        if keep_backup && old.is_some() {
            let bak = backup_path(&target);
            let bak_temp = temp_path(&bak);
            let _ = fs::remove_file(&bak_temp);
            fs::hard_link(&target, &bak_temp)
                .or_else(|_| fs::copy(&target, &bak_temp).map(|_| ()))?;
            fs::rename(&bak_temp, &bak)?;
        }
        fs::rename(&temp, &target)?;
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
/// which fails if the name is taken, so nothing is replaced even in a race. A FIFO or a
/// character device (`/dev/stdout`, a pipe made with `mkfifo`) is written to as a stream,
/// never replaced; a symbolic link is written through to its target (and kept); an
/// existing file keeps its permissions; a folder, a block device or a socket is refused.
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
    let (target, old) = resolve(path).map_err(err)?;
    if let Some(meta) = &old {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() || t.is_char_device() {
            let mut stream = fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(err)?;
            stream.write_all(bytes).map_err(err)?;
            return stream.flush().map_err(|e| err(e).into());
        }
        regular_or_refuse(Some(meta)).map_err(err)?;
        if !overwrite {
            return Err(NewFileError::Exists(path.to_path_buf()));
        }
    } else if !overwrite && fs::symlink_metadata(path).is_ok() {
        // A dangling link: its name is taken.
        return Err(NewFileError::Exists(path.to_path_buf()));
    }
    let target_dir = target.parent().unwrap_or(Path::new("/"));
    if !target_dir.is_dir() {
        return Err(NewFileError::NoFolder(target_dir.to_path_buf()));
    }
    let temp = write_temp(&target, bytes, old.as_ref()).map_err(err)?;
    let placed = if overwrite {
        fs::rename(&temp, &target).map_err(|e| err(e).into())
    } else {
        match fs::hard_link(&temp, &target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(NewFileError::Exists(path.to_path_buf()))
            }
            // A file system without hard links: the name was free a moment ago.
            Err(_) if fs::symlink_metadata(&target).is_err() => {
                fs::rename(&temp, &target).map_err(|e| err(e).into())
            }
            Err(_) => Err(NewFileError::Exists(path.to_path_buf())),
        }
    };
    let _ = fs::remove_file(&temp);
    placed?;
    File::open(target_dir)
        .and_then(|d| d.sync_all())
        .map_err(err)?;
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

    #[test]
    fn a_link_is_written_through_and_permissions_are_kept() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("elsewhere.toml");
        fs::write(&real, "alt").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).expect("chmod");
        let link = dir.path().join("notes.toml");
        symlink(&real, &link).expect("symlink");
        write_atomic(&link, "neu „ß“".as_bytes(), true).expect("write through");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "neu „ß“");
        assert_eq!(fs::read_to_string(backup_path(&real)).expect("bak"), "alt");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);

        // An export over the link, asked to overwrite: the link stays, the target changes.
        write_new(&link, b"export", true).expect("overwrite through the link");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "export");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);

        // A dangling link names the file to make.
        let dangling = dir.path().join("dangling.toml");
        let missing = dir.path().join("missing.toml");
        symlink(&missing, &dangling).expect("symlink");
        assert!(matches!(
            write_new(&dangling, b"x", false),
            Err(NewFileError::Exists(_))
        ));
        write_atomic(&dangling, b"x", false).expect("write through a dangling link");
        assert!(
            fs::symlink_metadata(&dangling)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&missing).expect("read"), "x");
    }

    #[test]
    fn special_files_are_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = write_atomic(&fifo, b"x", false).expect_err("a FIFO is refused");
            assert!(err.to_string().contains("FIFO"), "{err}");
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || fs::read(&fifo).expect("read the FIFO"))
            };
            write_new(&fifo, "Export „ä“".as_bytes(), false).expect("streamed into the FIFO");
            assert_eq!(reader.join().expect("reader"), "Export „ä“".as_bytes());
            assert!(
                fs::symlink_metadata(&fifo)
                    .expect("meta")
                    .file_type()
                    .is_fifo()
            );
        }
        let folder = dir.path().join("folder");
        fs::create_dir(&folder).expect("mkdir");
        assert!(write_atomic(&folder, b"x", false).is_err());
        assert!(write_new(&folder, b"x", true).is_err());
        assert!(folder.is_dir());
        if Path::new("/dev/full").exists() {
            let err = write_new(Path::new("/dev/full"), b"x", true).expect_err("disk full");
            assert!(err.to_string().contains("/dev/full"), "{err}");
            assert!(
                fs::metadata("/dev/full")
                    .expect("meta")
                    .file_type()
                    .is_char_device()
            );
        }
    }
}
