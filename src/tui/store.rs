//! Sessions on disk: listing the saved ones for the home screen, and reading
//! a pack's reference design. Runs at the edge, never inside `update`.

use super::action::LoadedReference;
use super::score_cache::{ScoreCache, judge_key};
use super::state::SessionEntry;
use crate::engine::{AnalysisOptions, analyze};
use crate::io::Library;
use crate::io::load::load_design_str;
use crate::model::StageRef;
use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

/// Most sessions listed on the home screen.
pub const MAX_LISTED: usize = 50;

/// What is in the sessions folder.
#[derive(Debug, Default)]
pub struct Listing {
    /// Sessions that loaded, newest first.
    pub sessions: Vec<SessionEntry>,
    /// Every design file name in the folder, loaded or not.
    pub names: Vec<String>,
    /// Files that could not be read.
    pub warnings: Vec<String>,
    /// How many sessions were judged for this listing; the others' scores
    /// were remembered ([`super::score_cache`]).
    pub judged: usize,
}

/// Lists the saved sessions in `dir`, newest first.
pub fn list_sessions(dir: &Path, lib: &Library, now: SystemTime) -> Listing {
    let mut out = Listing::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut found: Vec<(SystemTime, std::path::PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(".napkin.yaml"))
        })
        .map(|p| {
            let modified = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (modified, p)
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut judging = Judging {
        cache: ScoreCache::read(dir),
        judges: HashMap::new(),
        judged: 0,
    };
    // Sessions are read (parsed and validated, the bulk of the start-up) a
    // batch at a time on every core, then listed in order here.
    let mut at = 0;
    while at < found.len() {
        let wanted = MAX_LISTED.saturating_sub(out.sessions.len());
        let end = if wanted == 0 {
            found.len()
        } else {
            (at + wanted).min(found.len())
        };
        let batch = &found[at..end];
        let mut reads = if wanted == 0 {
            Vec::new()
        } else {
            read_all(batch, lib)
        }
        .into_iter();
        at = end;
        for (modified, path) in batch {
            let (modified, path) = (*modified, path.clone());
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            out.names.push(name.clone());
            // Past the first MAX_LISTED sessions, files are only named.
            let Some(read) = reads.next() else {
                continue;
            };
            match read {
                Ok((loaded, fingerprint)) => {
                    // An interview short of wrap-up keeps its score to itself.
                    let hidden = loaded
                        .design
                        .session
                        .as_ref()
                        .and_then(|l| l.interview.as_ref())
                        .is_some_and(|i| !i.revealed());
                    let score = (!hidden).then(|| {
                        remembered_score(&loaded.design, &name, fingerprint, lib, &mut judging)
                    });
                    let secs = now
                        .duration_since(modified)
                        .map(|d| d.as_secs())
                        .unwrap_or(0);
                    out.sessions.push(SessionEntry {
                        fingerprint: Some(fingerprint),
                        path,
                        design: loaded.design,
                        score,
                        when: age(secs),
                    });
                }
                Err(e) if is_corrupt(&path) => {
                    let aside = aside_name(&path);
                    let why = first_line(&e.to_string()).to_string();
                    out.warnings.push(match std::fs::rename(&path, &aside) {
                        Ok(()) => format!(
                            "session {} is not a readable design ({why}); moved aside to {}",
                            path.display(),
                            aside.display()
                        ),
                        Err(move_error) => format!(
                            "skipped session {}: {why} (could not move it aside: {move_error})",
                            path.display()
                        ),
                    });
                }
                // A file that parses but does not validate (a pack that is gone,
                // a kind this napkin does not know) stays where it is.
                Err(e) => out.warnings.push(format!(
                    "skipped session {}: {}",
                    path.display(),
                    first_line(&e.to_string())
                )),
            }
        }
    }
    out.judged = judging.judged;
    judging.cache.keep_only(&out.names);
    // Only a shortcut for the next start: failing to write it costs nothing now.
    let _ = judging.cache.write(dir);
    out
}

/// The scores remembered and worked out while listing.
struct Judging {
    cache: ScoreCache,
    /// The judge key of each scenario (none for a design without one).
    judges: HashMap<Option<String>, u64>,
    /// Sessions judged in this listing.
    judged: usize,
}

/// A session's overall score: remembered, or judged now and remembered.
fn remembered_score(
    design: &crate::model::Design,
    name: &str,
    fingerprint: u64,
    lib: &Library,
    judging: &mut Judging,
) -> u32 {
    let pack = design
        .scenario
        .as_deref()
        .and_then(|id| lib.pack(id))
        .map(|p| &p.pack);
    let judge = *judging
        .judges
        .entry(design.scenario.clone())
        .or_insert_with(|| judge_key(&lib.catalog, pack));
    if let Some(score) = judging.cache.get(name, fingerprint, judge) {
        return score;
    }
    let score = analyze(design, &lib.catalog, pack, &AnalysisOptions::default())
        .scores
        .overall;
    judging.cache.put(name, fingerprint, judge, score);
    judging.judged += 1;
    score
}

/// What reading one session gave: the design and the file's fingerprint.
type Read = Result<(crate::io::load::LoadedDesign, u64), crate::io::load::LoadError>;

/// Reads and validates each file, one share of them per core, in order.
fn read_all(files: &[(SystemTime, std::path::PathBuf)], lib: &Library) -> Vec<Read> {
    let read = |path: &Path| -> Read {
        // One read gives both the design and its fingerprint.
        crate::io::load::read_bounded(path).and_then(|text| {
            let fingerprint = crate::io::save::fingerprint(text.as_bytes());
            load_design_str(&text, &path.display().to_string(), lib).map(|l| (l, fingerprint))
        })
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = files.len().div_ceil(cores.clamp(1, 8)).max(1);
    if files.len() <= 1 || cores == 1 {
        return files.iter().map(|(_, p)| read(p)).collect();
    }
    std::thread::scope(|scope| {
        let read = &read;
        let workers: Vec<_> = files
            .chunks(share)
            .map(|chunk| {
                let work = move || chunk.iter().map(|(_, p)| read(p)).collect::<Vec<Read>>();
                // Should a thread not start, its share is read here instead.
                std::thread::Builder::new()
                    .spawn_scoped(scope, work)
                    .map_err(|_| chunk)
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(chunk) => chunk.iter().map(|(_, p)| read(p)).collect(),
            })
            .collect()
    })
}

/// True when the file is not UTF-8 YAML of a design's shape at all (torn,
/// truncated, binary), as opposed to a design that no longer validates.
fn is_corrupt(path: &Path) -> bool {
    match crate::io::load::read_bounded(path) {
        Ok(text) => !crate::io::load::parses_as_design(&text),
        Err(crate::io::load::LoadError::Read { source, .. }) => {
            source.kind() == std::io::ErrorKind::InvalidData
        }
        Err(_) => false,
    }
}

/// `name.napkin.yaml.corrupt`, or `.corrupt-2`... when that is taken.
fn aside_name(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    crate::io::save::free_name(path, "corrupt", |tag| format!("{name}.{tag}"))
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default()
}

/// "just now", "5 min ago", "3 h ago", "2 days ago".
pub fn age(secs: u64) -> String {
    match secs {
        0..=59 => "just now".into(),
        60..=3599 => format!("{} min ago", secs / 60),
        3600..=86_399 => format!("{} h ago", secs / 3600),
        86_400..=172_799 => "yesterday".into(),
        _ => format!("{} days ago", secs / 86_400),
    }
}

/// Reads and judges the scenario's strong reference design, preferring the
/// one written for `stage`.
pub fn load_reference(
    lib: &Library,
    scenario: &str,
    stage: Option<&StageRef>,
) -> Result<LoadedReference, String> {
    let lp = lib
        .pack(scenario)
        .ok_or_else(|| format!("unknown scenario `{scenario}`"))?;
    let wanted = stage.and_then(|s| lp.pack.stage(s)).map(|s| s.id.clone());
    let mut loaded = Vec::new();
    let mut last_err = None;
    for r in lp
        .pack
        .references
        .iter()
        .filter(|r| r.verdict == crate::model::Verdict::Strong)
    {
        let text = match lp.read(&r.file) {
            Ok(t) => t,
            Err(e) => {
                last_err = Some(e.to_string());
                continue;
            }
        };
        match load_design_str(&text, &lp.file_name(&r.file), lib) {
            Ok(d) => loaded.push((r, d.design)),
            Err(e) => last_err = Some(first_line(&e.to_string()).to_string()),
        }
    }
    let pick = loaded
        .iter()
        .position(|(_, d)| {
            let s = d
                .stage
                .as_ref()
                .and_then(|s| lp.pack.stage(s))
                .map(|s| s.id.clone());
            s.is_some() && s == wanted
        })
        .unwrap_or(0);
    if loaded.is_empty() {
        return Err(
            last_err.unwrap_or_else(|| format!("`{scenario}` has no strong reference design"))
        );
    }
    let (r, design) = loaded.swap_remove(pick);
    let opts = AnalysisOptions {
        stage: stage.cloned(),
        ..AnalysisOptions::default()
    };
    let report = analyze(&design, &lib.catalog, Some(&lp.pack), &opts);
    Ok(LoadedReference {
        file: r.file.clone(),
        summary: r.summary.clone(),
        design,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(5), "just now");
        assert_eq!(age(300), "5 min ago");
        assert_eq!(age(7200), "2 h ago");
        assert_eq!(age(90_000), "yesterday");
        assert_eq!(age(3 * 86_400), "3 days ago");
    }

    #[test]
    fn lists_sessions_newest_first_and_warns_about_broken_ones() {
        let lib = crate::tui::fixture::library();
        let dir = tempfile::tempdir().unwrap();
        let good = crate::tui::fixture::REFERENCE_YAML;
        std::fs::write(dir.path().join("mini-notify-1.napkin.yaml"), good).unwrap();
        std::fs::write(dir.path().join("broken-1.napkin.yaml"), "components: [").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        // Parses, but names a scenario this napkin does not have: kept.
        let unknown = good.replace("scenario: mini-notify", "scenario: gone");
        assert_ne!(unknown, good);
        std::fs::write(dir.path().join("gone-1.napkin.yaml"), unknown).unwrap();
        let l = list_sessions(dir.path(), &lib, SystemTime::now());
        assert_eq!(l.sessions.len(), 1);
        assert_eq!(l.names.len(), 3);
        assert_eq!(l.warnings.len(), 2, "{:?}", l.warnings);
        assert!(
            l.warnings.iter().any(|w| w.contains("moved aside")),
            "{:?}",
            l.warnings
        );
        assert!(!dir.path().join("broken-1.napkin.yaml").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("broken-1.napkin.yaml.corrupt")).unwrap(),
            "components: ["
        );
        assert!(dir.path().join("gone-1.napkin.yaml").exists());
        assert!(l.sessions[0].score.is_some());
        assert_eq!(l.sessions[0].when, "just now");
        let none = list_sessions(&dir.path().join("missing"), &lib, SystemTime::now());
        assert!(none.sessions.is_empty());
    }

    /// What the engine says of this design text now.
    fn fresh_score(lib: &Library, text: &str) -> u32 {
        let d = load_design_str(text, "fresh.napkin.yaml", lib)
            .unwrap()
            .design;
        let pack = lib.pack("mini-notify").map(|p| &p.pack);
        analyze(&d, &lib.catalog, pack, &AnalysisOptions::default())
            .scores
            .overall
    }

    #[test]
    fn scores_are_remembered_until_the_session_changes() {
        let lib = crate::tui::fixture::library();
        let dir = tempfile::tempdir().unwrap();
        let good = crate::tui::fixture::REFERENCE_YAML;
        let file = dir.path().join("mini-notify-1.napkin.yaml");
        std::fs::write(&file, good).unwrap();
        std::fs::write(dir.path().join("mini-notify-2.napkin.yaml"), good).unwrap();
        let first = list_sessions(dir.path(), &lib, SystemTime::now());
        assert_eq!(first.judged, 2);
        assert_eq!(first.sessions[0].score, Some(fresh_score(&lib, good)));
        assert!(dir.path().join(crate::tui::score_cache::FILE).exists());

        // Nothing changed: nothing is judged again, the same scores show.
        let again = list_sessions(dir.path(), &lib, SystemTime::now());
        assert_eq!(again.judged, 0);
        assert_eq!(
            again.sessions.iter().map(|s| s.score).collect::<Vec<_>>(),
            first.sessions.iter().map(|s| s.score).collect::<Vec<_>>()
        );

        // Edited by hand (the database loses its replica and failover):
        // that session is judged again and shows its new score.
        let edited = good.replace(
            "managed: true, replicas: 2, stores: [orders, emails], props: { failover: automatic }",
            "stores: [orders, emails]",
        );
        assert_ne!(edited, good);
        let new_score = fresh_score(&lib, &edited);
        assert_ne!(
            new_score,
            fresh_score(&lib, good),
            "the edit changes the score"
        );
        std::fs::write(&file, &edited).unwrap();
        let after = list_sessions(dir.path(), &lib, SystemTime::now());
        assert_eq!(after.judged, 1);
        let shown = after.sessions.iter().find(|s| s.path == file).unwrap();
        assert_eq!(shown.score, Some(new_score));

        // A changed pack judges differently: every session is judged again.
        let mut changed = lib.clone();
        changed.packs_mut()[0].pack.title.push_str(" (revised)");
        let repacked = list_sessions(dir.path(), &changed, SystemTime::now());
        assert_eq!(repacked.judged, 2);
    }

    #[test]
    fn many_sessions_are_read_in_parallel_and_listed_in_order() {
        let lib = crate::tui::fixture::library();
        let dir = tempfile::tempdir().unwrap();
        let good = crate::tui::fixture::REFERENCE_YAML;
        for i in 0..MAX_LISTED + 7 {
            let text = if i % 9 == 4 {
                good.replace("scenario: mini-notify", "scenario: gone")
            } else {
                good.replace("Boring but right", &format!("attempt {i}"))
            };
            std::fs::write(dir.path().join(format!("s-{i:03}.napkin.yaml")), text).unwrap();
        }
        let l = list_sessions(dir.path(), &lib, SystemTime::now());
        assert_eq!(l.names.len(), MAX_LISTED + 7);
        assert_eq!(l.sessions.len(), MAX_LISTED, "{:?}", l.warnings);
        // Listed in the order of the folder's listing (newest first), each
        // with its own design, skipping the ones that do not load.
        let order: Vec<String> = l
            .sessions
            .iter()
            .map(|s| s.path.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        let expected: Vec<String> = l
            .names
            .iter()
            .filter(|n| !l.warnings.iter().any(|w| w.contains(n.as_str())))
            .take(MAX_LISTED)
            .cloned()
            .collect();
        assert_eq!(order, expected);
        for s in &l.sessions {
            let n: usize = s.path.file_name().unwrap().to_string_lossy()[2..5]
                .parse()
                .unwrap();
            assert_eq!(s.design.name, format!("attempt {n}"));
        }
    }

    #[test]
    fn reference_of_a_pack_without_files_is_an_error_not_a_panic() {
        let lib = crate::tui::fixture::library();
        // The fixture pack claims to be built in, but its file is not embedded.
        assert!(load_reference(&lib, "mini-notify", None).is_err());
        assert!(load_reference(&lib, "nope", None).is_err());
    }
}
