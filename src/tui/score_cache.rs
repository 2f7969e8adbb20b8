//! The overall scores of saved sessions, remembered beside them in the
//! sessions folder ([`FILE`]), so the home screen does not judge every
//! session again at each start. A remembered score is used only while the
//! session file holds the same bytes and the same napkin build, catalog and
//! pack would judge it: a session edited by hand, or under a changed pack, is
//! scored again. Runs at the edge, never inside `update`.

use crate::model::{Catalog, Pack};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The file in the sessions folder; its name does not end in
/// `.napkin.yaml`, so it is never listed as a session.
pub const FILE: &str = ".scores.json";

/// Remembered scores by session file name.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ScoreCache {
    entries: BTreeMap<String, Remembered>,
    /// Something was added or dropped since it was read.
    #[serde(skip)]
    changed: bool,
}

/// One session's score and what it was worked out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Remembered {
    /// Fingerprint of the session file's bytes.
    file: u64,
    /// Fingerprint of what judged it (see [`judge_key`]).
    judge: u64,
    score: u32,
}

impl ScoreCache {
    /// The scores remembered in `dir`; none when the file is missing or
    /// not napkin's (it is only ever a shortcut).
    pub fn read(dir: &Path) -> ScoreCache {
        crate::io::load::read_bounded(&dir.join(FILE))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// The score remembered for the file `name` with these fingerprints.
    pub fn get(&self, name: &str, file: u64, judge: u64) -> Option<u32> {
        self.entries
            .get(name)
            .filter(|r| r.file == file && r.judge == judge)
            .map(|r| r.score)
    }

    /// Remembers a score just worked out.
    pub fn put(&mut self, name: &str, file: u64, judge: u64, score: u32) {
        let new = Remembered { file, judge, score };
        if self.entries.get(name) != Some(&new) {
            self.entries.insert(name.to_string(), new);
            self.changed = true;
        }
    }

    /// Forgets the files not in `names` (deleted or moved sessions).
    pub fn keep_only(&mut self, names: &[String]) {
        let before = self.entries.len();
        self.entries.retain(|k, _| names.contains(k));
        self.changed |= self.entries.len() != before;
    }

    /// Writes the scores to `dir` when they changed. A folder napkin may
    /// not write to only costs the next start the scoring again.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let text = serde_json::to_string(self).map_err(std::io::Error::other)?;
        crate::io::save::atomic_write(&dir.join(FILE), text.as_bytes())
    }
}

/// A fingerprint of what a score depends on besides the design: napkin's
/// version and build, the catalog's kinds and the scenario's pack.
pub fn judge_key(catalog: &Catalog, pack: Option<&Pack>) -> u64 {
    let mut text = String::from(env!("CARGO_PKG_VERSION"));
    text.push_str(build());
    text.push_str(&serde_json::to_string(catalog.kinds()).unwrap_or_default());
    if let Some(p) = pack {
        text.push_str(&serde_json::to_string(p).unwrap_or_default());
    }
    crate::io::save::fingerprint(text.as_bytes())
}

/// The running program's size and modification time: a rebuilt napkin may
/// judge differently under the same version number.
fn build() -> &'static str {
    static BUILD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BUILD.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| {
                let at = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!(" {} {at}", m.len())
            })
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_is_used_only_for_the_same_bytes_and_judge() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = ScoreCache::default();
        cache.put("a.napkin.yaml", 1, 2, 70);
        cache.write(dir.path()).unwrap();
        let read = ScoreCache::read(dir.path());
        assert_eq!(read.get("a.napkin.yaml", 1, 2), Some(70));
        assert_eq!(read.get("a.napkin.yaml", 9, 2), None, "file changed");
        assert_eq!(read.get("a.napkin.yaml", 1, 9), None, "judge changed");
        assert_eq!(read.get("b.napkin.yaml", 1, 2), None);
    }

    #[test]
    fn a_broken_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{ not json").unwrap();
        assert_eq!(ScoreCache::read(dir.path()).get("a", 1, 2), None);
    }

    #[test]
    fn a_different_pack_is_a_different_judge() {
        let lib = crate::tui::fixture::library();
        let pack = &lib.packs()[0].pack;
        let mut changed = pack.clone();
        changed.title.push('!');
        let with = judge_key(&lib.catalog, Some(pack));
        assert_ne!(with, judge_key(&lib.catalog, None));
        assert_ne!(with, judge_key(&lib.catalog, Some(&changed)));
        assert_eq!(with, judge_key(&lib.catalog, Some(pack)));
    }
}
