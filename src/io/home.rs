//! Where napkin keeps sessions, history and the user's own packs.

use std::path::{Path, PathBuf};

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

/// Expands a leading `~` (alone or as `~/...`) to the user's home folder, as a
/// shell would for paths typed inside the app (`:w ~/designs/x.napkin.yaml`).
/// Anything else, or a machine without a home folder, is returned unchanged.
pub fn expand_user(path: &Path) -> PathBuf {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    expand_user_with(path, home.as_deref())
}

fn expand_user_with(path: &Path, home: Option<&Path>) -> PathBuf {
    let (Some(home), Ok(rest)) = (home, path.strip_prefix("~")) else {
        return path.to_path_buf();
    };
    home.join(rest)
}

#[cfg(test)]
mod expand_tests {
    use super::expand_user_with;
    use std::path::{Path, PathBuf};

    #[test]
    fn tilde_expands_only_as_a_leading_component() {
        let home = Some(Path::new("/home/ana"));
        let e = |p: &str| expand_user_with(Path::new(p), home);
        assert_eq!(e("~/d/x.yaml"), PathBuf::from("/home/ana/d/x.yaml"));
        assert_eq!(e("~"), PathBuf::from("/home/ana"));
        assert_eq!(e("~bob/x"), PathBuf::from("~bob/x"));
        assert_eq!(e("a/~/x"), PathBuf::from("a/~/x"));
        assert_eq!(e("x.yaml"), PathBuf::from("x.yaml"));
        assert_eq!(
            expand_user_with(Path::new("~/x"), None),
            PathBuf::from("~/x")
        );
    }
}
