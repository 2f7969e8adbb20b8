//! The interactive terminal app, Elm style: terminal events become
//! [`action::Action`]s, [`update::update`] changes the [`state::App`] and
//! returns effects, [`view::View`] draws it.
//!
//! - `action`: the vocabulary (also the names used by `keys.yaml`)
//! - `keys`: default bindings and user overrides
//! - `interview_mode`: interviews: phases on the clock, typed questions,
//!   dealt options, and what waits for wrap-up (drawn by `view::interview`)
//! - `estimator`: back-of-the-envelope figures, graded against the stage
//!   (drawn by `view::estimator`, keys in `update::estimator`)
//! - `growth`: "a year later": a stage move and what changed (`view::growth`)
//! - `progress`: the level judged at, and the record of a finished session
//!   for `napkin history` (the home screen's panel is `view::progress`)
//! - `mentor`: the mentor view (`--mentor`), notes and named attempts
//!   (drawn by `view::mentor`)
//! - `state`: the app as plain data
//! - `update`: the pure state machine; `edit` and `command` are its helpers
//! - `diagram_state`: the diagram's mode, pan and cached layout (drawn by
//!   `view::diagram_pane` with `crate::widgets::Diagram`, keys in `update::diagram_keys`)
//! - `view`: one widget per screen, plus overlays and chrome
//! - `store`: sessions on disk and reference designs (edge); `score_cache`
//!   remembers their scores between starts
//! - `terminal`: setup, teardown, the event loop (edge)

#![warn(missing_docs)]

pub mod action;
pub mod command;
pub mod diagram_state;
pub mod edit;
pub mod estimator;
#[doc(hidden)]
pub mod fixture;
pub mod followups;
pub mod growth;
pub mod interview_mode;
pub mod keys;
pub mod mentor;
pub mod progress;
pub mod score_cache;
pub mod state;
pub mod store;
pub mod terminal;
pub mod update;
pub mod view;

use crate::io::Library;
use crate::io::home::Home;
use crate::io::load::LoadError;
use crate::model::Design;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Where the app starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Launch {
    /// The home screen: pick a scenario or resume a session.
    Home,
    /// A new practice session on a pack.
    Practice(String),
    /// A new interview on a pack, in this many minutes (the pack's when absent).
    Interview(String, Option<u32>),
    /// Edit a design file in place (created on the first save if missing).
    Open(PathBuf),
    /// Edit a design file the caller has already read and checked: its
    /// path, the design and the text it came from, so it is not parsed again.
    Loaded(PathBuf, Box<crate::model::Design>, String),
}

/// True unless `NO_COLOR` is set to something non-empty.
pub fn color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Reads `keys.yaml` from the config folder. A file that cannot be used is
/// an error with every problem placed, so the app does not start with keys
/// the user did not ask for.
pub fn load_keys(home: Option<&Home>) -> Result<keys::Keymap, LoadError> {
    let Some(path) = home.map(Home::keys) else {
        return Ok(keys::Keymap::defaults());
    };
    if !path.exists() {
        return Ok(keys::Keymap::defaults());
    }
    let text = crate::io::load::read_bounded(&path)?;
    keys::Keymap::with_overrides(&text, &path.display().to_string()).map_err(LoadError::Invalid)
}

/// Builds the app for a launch: lists sessions, reads key bindings, opens
/// the scenario or file. Everything but the terminal; errors here happen
/// before the screen changes.
pub fn prepare(lib: Library, home: Option<&Home>, launch: Launch) -> anyhow::Result<state::App> {
    prepare_at(lib, home, launch, None)
}

/// [`prepare`], with sessions started judged at `level` (`--level`; the
/// default level when `None`).
pub fn prepare_at(
    lib: Library,
    home: Option<&Home>,
    launch: Launch,
    level: Option<crate::model::level::Level>,
) -> anyhow::Result<state::App> {
    let keymap = load_keys(home)?;
    let mut warnings: Vec<String> = lib.warnings().iter().map(ToString::to_string).collect();
    let sessions_dir = home.map(Home::sessions);
    let listing = match &sessions_dir {
        Some(d) => store::list_sessions(d, &lib, std::time::SystemTime::now()),
        None => store::Listing::default(),
    };
    warnings.extend(listing.warnings);
    let mut app = state::App::new(lib, keymap, sessions_dir, listing.sessions);
    // Interviews deal prompt options from this: a different order per run.
    app.seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() ^ (d.as_secs() as u32))
        .unwrap_or(0);
    app.taken.extend(listing.names);
    app.epoch_s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    app.home.level = level.unwrap_or_default();
    if let Some(h) = home {
        let (history, problems) = crate::io::history::load(&crate::io::history::dir(&h.data));
        app.home.history = history;
        warnings.extend(problems);
    }
    app.warnings = warnings;
    match launch {
        Launch::Home => {}
        Launch::Practice(id) => app.start_practice(&id).map_err(anyhow::Error::msg)?,
        Launch::Interview(id, minutes) => app
            .start_interview(&id, minutes)
            .map_err(anyhow::Error::msg)?,
        Launch::Loaded(path, design, text) => open_in(&mut app, path, *design, Some(text)),
        Launch::Open(path) => {
            let (design, text) = open_file(&app.lib, &path)?;
            open_in(&mut app, path, design, text);
        }
    }
    if app.message.is_none() {
        if home.is_none() && !matches!(app.session.as_ref().map(|s| s.path.is_some()), Some(true)) {
            app.info("no home folder: autosave is off (set NAPKIN_HOME); :w FILE saves a copy");
        } else if !app.warnings.is_empty() {
            let n = app.warnings.len();
            app.error(format!(
                "{n} problem{} at start-up; ? lists them",
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    Ok(app)
}

/// Opens `design`, read from `path` (`text` is what the file held; `None`
/// for a file not yet written), in the app.
fn open_in(
    app: &mut state::App,
    path: PathBuf,
    design: crate::model::Design,
    text: Option<String>,
) {
    let fresh = text.is_none();
    app.open_design(design, Some(path.clone()));
    if let Some(s) = app.session.as_mut() {
        s.on_disk = !fresh;
        s.disk = text
            .as_ref()
            .map(|t| crate::io::save::fingerprint(t.as_bytes()));
        s.source = text;
    }
    if fresh {
        app.info(format!(
            "new design: {} is written on the first edit",
            path.display()
        ));
    } else if std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
        app.error(format!(
            "{} is read-only: edits are not saved to it; :w FILE saves a copy",
            path.display()
        ));
    }
}

/// The design at `path` with the text that was read, or a new empty design
/// (no text) when there is no file yet.
fn open_file(lib: &Library, path: &Path) -> anyhow::Result<(Design, Option<String>)> {
    if !path.exists() {
        let stem = path
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".napkin.yaml")
                    .trim_end_matches(".yaml")
                    .to_string()
            })
            .unwrap_or_default();
        return Ok((
            Design {
                name: stem,
                ..Design::default()
            },
            None,
        ));
    }
    let text = crate::io::load::read_bounded(path)?;
    let loaded = crate::io::load::load_design_str(&text, &path.display().to_string(), lib)?;
    Ok((loaded.design, Some(text)))
}

/// Runs the app in the terminal until the user quits.
pub fn run(lib: Library, home: Option<Home>, launch: Launch) -> anyhow::Result<()> {
    run_at(lib, home, launch, None, false)
}

/// Turns on the mentor view of a prepared app (`--mentor`), with the
/// session's reference design read for it.
pub fn with_mentor(app: &mut state::App) {
    mentor::enable(app);
    let scenario = app.pack().map(|p| p.id.clone());
    let stage = app.session.as_ref().and_then(|s| s.design.stage.clone());
    if let Some(scenario) = scenario
        && let Ok(r) = store::load_reference(&app.lib, &scenario, stage.as_ref())
    {
        mentor::reference_ready(app, r);
    }
}

/// [`run`], with sessions judged at `level` (`--level`) and the mentor
/// view when `mentor` is set (`--mentor`).
pub fn run_at(
    lib: Library,
    home: Option<Home>,
    launch: Launch,
    level: Option<crate::model::level::Level>,
    mentor: bool,
) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the interactive app needs a terminal; for scripts see `napkin score`, `napkin validate` and `napkin --help`"
        );
    }
    let mut app = prepare_at(lib, home.as_ref(), launch, level)?;
    if mentor {
        with_mentor(&mut app);
    }
    let outcome = terminal::run(&mut app, color_from_env())?;
    for p in &outcome.saved {
        eprintln!(
            "napkin: saved {}",
            crate::text::line(&p.display().to_string())
        );
    }
    if let Some((path, e)) = outcome.failed.first() {
        anyhow::bail!(
            "could not save {}: {}",
            crate::text::line(path),
            crate::text::line(e)
        );
    }
    Ok(())
}
