//! The terminal edge: setup and guaranteed teardown, the event loop, and
//! carrying out effects. The terminal is restored on quit, on error (the
//! guard's `Drop`), on panic (ratatui's hook plus ours), on Ctrl-C (a key in
//! raw mode, mapped to quit) and on SIGTERM/SIGHUP/SIGINT (a flag the loop
//! polls, which quits through the same path and so also autosaves).

use super::action::Action;
use super::state::App;
use super::update::{Effect, update};
use super::view::View;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute};
use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long the loop waits for input before checking signals and the clock.
const POLL: Duration = Duration::from_millis(200);

/// Owns the terminal while the app runs; restores it when dropped.
pub struct Guard {
    terminal: DefaultTerminal,
    #[cfg(unix)]
    signals: Vec<signal_hook::SigId>,
    /// Set by SIGTERM, SIGHUP or SIGINT.
    pub stop: Arc<AtomicBool>,
}

impl Guard {
    /// Enters raw mode and the alternate screen, enables bracketed paste and
    /// mouse reports, and installs the panic hook and signal handlers.
    pub fn new() -> std::io::Result<Guard> {
        let terminal = match ratatui::try_init() {
            Ok(t) => t,
            Err(e) => {
                ratatui::restore();
                return Err(e);
            }
        };
        // Ratatui's hook restores raw mode and the screen; ours also turns
        // off bracketed paste and shows the cursor, then calls it.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(
                stdout(),
                DisableMouseCapture,
                DisableBracketedPaste,
                cursor::Show
            );
            previous(info);
        }));
        let _ = execute!(stdout(), EnableBracketedPaste, EnableMouseCapture);
        let stop = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        let signals = {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            [SIGTERM, SIGHUP, SIGINT]
                .into_iter()
                .filter_map(|s| signal_hook::flag::register(s, Arc::clone(&stop)).ok())
                .collect()
        };
        Ok(Guard {
            terminal,
            #[cfg(unix)]
            signals,
            stop,
        })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = execute!(
            stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            cursor::Show
        );
        ratatui::restore();
        #[cfg(unix)]
        for id in self.signals.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// What happened while the app ran, for a line on stderr afterwards.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written by autosave or `:w`.
    pub saved: Vec<std::path::PathBuf>,
    /// Files whose last write failed, with the error.
    pub failed: Vec<(String, String)>,
}

/// Runs the app until it quits.
pub fn run(app: &mut App, color: bool) -> anyhow::Result<Outcome> {
    let mut guard = Guard::new()?;
    let mut outcome = Outcome::default();
    let start = Instant::now();
    let mut last_tick = 0u64;
    let mut redraw = true;
    if let Ok(size) = guard.terminal.size() {
        dispatch(
            app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
            &mut outcome,
        );
    }
    loop {
        if guard.stop.load(Ordering::Relaxed) {
            guard.stop.store(false, Ordering::Relaxed);
            if dispatch(app, Action::Quit, &mut outcome) {
                break;
            }
        }
        if redraw {
            guard
                .terminal
                .draw(|f| f.render_widget(&View::new(app, color), f.area()))?;
            redraw = false;
        }
        if event::poll(POLL)? {
            let action = match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    app.keys.translate(&k, app.text_mode())
                }
                Event::Paste(text) => Some(Action::Paste(text)),
                // The wheel moves through lists like the arrow keys.
                Event::Mouse(m) => match m.kind {
                    MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                        x: m.column,
                        y: m.row,
                    }),
                    MouseEventKind::ScrollUp => Some(Action::MoveUp),
                    MouseEventKind::ScrollDown => Some(Action::MoveDown),
                    _ => None,
                },
                Event::Resize(width, height) => {
                    redraw = true;
                    Some(Action::Resize { width, height })
                }
                _ => None,
            };
            if let Some(a) = action {
                redraw = true;
                if dispatch(app, a, &mut outcome) {
                    break;
                }
            }
        }
        let now = start.elapsed().as_secs();
        if now != last_tick {
            last_tick = now;
            redraw = true;
            if dispatch(app, Action::Tick(now), &mut outcome) {
                break;
            }
        }
    }
    drop(guard);
    Ok(outcome)
}

/// Updates the app and carries out the effects; true when it should quit.
pub fn dispatch(app: &mut App, action: Action, outcome: &mut Outcome) -> bool {
    let mut queue: std::collections::VecDeque<Effect> = update(app, action).into();
    let mut quit = false;
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Write {
                path,
                text,
                autosave,
            } => {
                let path = crate::io::home::expand_user(&path);
                let error = crate::io::save::atomic_write(&path, text.as_bytes())
                    .err()
                    .map(|e| e.to_string());
                let shown = path.display().to_string();
                match &error {
                    None => {
                        outcome.failed.retain(|(p, _)| *p != shown);
                        if !outcome.saved.contains(&path) {
                            outcome.saved.push(path.clone());
                        }
                    }
                    Some(e) => {
                        outcome.failed.retain(|(p, _)| *p != shown);
                        outcome.failed.push((shown, e.clone()));
                    }
                }
                queue.extend(update(
                    app,
                    Action::Saved {
                        path,
                        error,
                        autosave,
                    },
                ));
            }
            Effect::LoadReference { scenario } => {
                let stage = app.session.as_ref().and_then(|s| s.design.stage.clone());
                let result =
                    super::store::load_reference(&app.lib, &scenario, stage.as_ref()).map(Box::new);
                queue.extend(update(app, Action::ReferenceLoaded(result)));
            }
            Effect::Quit => quit = true,
        }
    }
    quit
}
