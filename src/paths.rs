//! Where lesepult keeps things: XDG directories through `directories`.

use std::path::PathBuf;

use directories::ProjectDirs;

/// The locations this user's run will use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub data_dir: PathBuf,
    pub state_dir: PathBuf,
    /// What can be built again: the index of the dictionaries' examples.
    pub cache_dir: PathBuf,
}

impl Paths {
    /// Resolve from the environment (`$XDG_CONFIG_HOME`, `$XDG_DATA_HOME`,
    /// `$XDG_STATE_HOME`, `$XDG_CACHE_HOME`, else below `$HOME`).
    pub fn from_env() -> anyhow::Result<Paths> {
        let dirs = ProjectDirs::from("", "", "lesepult").ok_or_else(|| {
            anyhow::anyhow!("cannot find a home directory: set HOME or the XDG_* variables")
        })?;
        let state_dir = dirs
            .state_dir()
            .map(PathBuf::from)
            .unwrap_or_else(|| dirs.data_local_dir().join("state"));
        Ok(Paths {
            config_file: dirs.config_dir().join("config.toml"),
            data_dir: dirs.data_dir().to_path_buf(),
            state_dir,
            cache_dir: dirs.cache_dir().to_path_buf(),
        })
    }

    /// Reading positions, one small file per document.
    pub fn positions_dir(&self) -> PathBuf {
        self.state_dir.join("positions")
    }

    /// Notes, one file per document.
    pub fn notes_dir(&self) -> PathBuf {
        self.data_dir.join("notes")
    }
}
