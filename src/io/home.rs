//! Where napkin keeps sessions, history and the user's own packs.

use std::path::PathBuf;

/// Folders napkin reads and writes.
#[derive(Debug, Clone)]
pub struct Home {
    /// Sessions and history.
    pub data: PathBuf,
    /// `keys.yaml` and the user's packs (`scenarios/`).
    pub config: PathBuf,
}

impl Home {
    /// `NAPKIN_HOME` if set (both folders under it), else the platform folders.
    /// `None` when neither can be found (no home directory).
    pub fn discover(napkin_home: Option<PathBuf>) -> Option<Home> {
        if let Some(root) = napkin_home {
            return Some(Home {
                data: root.clone(),
                config: root,
            });
        }
        let dirs = directories::ProjectDirs::from("dev", "napkin", "napkin")?;
        Some(Home {
            data: dirs.data_dir().to_path_buf(),
            config: dirs.config_dir().to_path_buf(),
        })
    }

    /// Reads `NAPKIN_HOME` from the environment (only called at the edge).
    pub fn from_env() -> Option<Home> {
        Home::discover(std::env::var_os("NAPKIN_HOME").map(PathBuf::from))
    }

    /// Where autosaved sessions live.
    pub fn sessions(&self) -> PathBuf {
        self.data.join("sessions")
    }

    /// Where the user's own packs live.
    pub fn packs(&self) -> PathBuf {
        self.config.join("scenarios")
    }

    /// The key bindings file.
    pub fn keys(&self) -> PathBuf {
        self.config.join("keys.yaml")
    }
}
