//! The terminal edge: setup and guaranteed teardown, the event loop, and
//! carrying out effects. The terminal is restored on quit, on error (the
//! guard's `Drop`), on panic (ratatui's hook plus ours), on Ctrl-C (a key in
//! raw mode, mapped to quit) and on SIGTERM/SIGHUP/SIGINT (a flag the loop
//! polls, which quits through the same path and so also autosaves). When the
//! terminal itself goes away (its window closed, its tmux session killed),
//! input ends: the loop sees the hangup before crossterm reads, saves and
//! exits, and a failed draw does the same.

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
            let drawn = guard
                .terminal
                .draw(|f| f.render_widget(&View::new(app, color), f.area()));
            if let Err(e) = drawn {
                // The terminal is gone: keep the work, then report.
                dispatch(app, Action::Quit, &mut outcome);
                drop(guard);
                if outcome.saved.is_empty() {
                    return Err(e.into());
                }
                return Ok(outcome);
            }
            redraw = false;
        }
        match input(POLL) {
            Input::Closed => {
                dispatch(app, Action::Quit, &mut outcome);
                break;
            }
            Input::Idle => {}
            Input::Ready => {
                // Crossterm reads every waiting byte at once and queues the
                // events: drain its queue, checking for a hangup between
                // reads so its reader never meets the end of the input.
                let mut quit = false;
                loop {
                    if matches!(input(Duration::ZERO), Input::Closed) {
                        dispatch(app, Action::Quit, &mut outcome);
                        quit = true;
                        break;
                    }
                    if !event::poll(Duration::ZERO)? {
                        break;
                    }
                    if let Some(a) = action_of(app, event::read()?, &mut redraw) {
                        redraw = true;
                        if dispatch(app, a, &mut outcome) {
                            quit = true;
                            break;
                        }
                    }
                }
                if quit {
                    break;
                }
            }
        }
        let now = start.elapsed().as_secs();
        if now != last_tick {
            last_tick = now;
            let ticked = tick(app, now, &mut outcome);
            redraw |= ticked.redraw;
            if ticked.quit {
                break;
            }
        }
    }
    drop(guard);
    Ok(outcome)
}

/// What a tick of the clock did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticked {
    /// The app should quit.
    pub quit: bool,
    /// Something on screen changed: the frame needs drawing.
    pub redraw: bool,
}

/// One tick of the clock (`now` seconds since the start): autosave when it
/// is due, and a redraw only when what the tick can change on screen did.
pub fn tick(app: &mut App, now: u64, outcome: &mut Outcome) -> Ticked {
    let before = super::view::tick_face(app);
    let quit = dispatch(app, Action::Tick(now), outcome);
    Ticked {
        quit,
        redraw: super::view::tick_face(app) != before,
    }
}

/// The action a terminal event stands for, if any.
fn action_of(app: &App, event: Event, redraw: &mut bool) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.keys.translate(&k, app.text_mode()),
        Event::Paste(text) => Some(Action::Paste(text)),
        // The wheel moves through lists like the arrow keys.
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                down: false,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                down: true,
            }),
            _ => None,
        },
        Event::Resize(width, height) => {
            *redraw = true;
            Some(Action::Resize { width, height })
        }
        _ => None,
    }
}

/// What the terminal's input has for the loop.
enum Input {
    /// Keys, mouse or resize events to read.
    Ready,
    /// Nothing within the wait (or a signal arrived).
    Idle,
    /// The terminal hung up or its input ended: nothing will ever come.
    Closed,
}

/// Waits up to `wait` for input on the terminal. On a hung-up terminal
/// crossterm's reader sees end of file and retries forever, so the hangup is
/// caught here first, with poll(2) on standard input.
#[cfg(unix)]
fn input(wait: Duration) -> Input {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = wait.as_millis().min(i32::MAX as u128) as libc::c_int;
    // SAFETY: one valid pollfd for the duration of the call.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        return Input::Idle; // EINTR: a signal; the loop checks its flag.
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Input::Closed;
    }
    if n == 0 {
        return Input::Idle;
    }
    // Readable with nothing to read is the end of the input.
    let mut waiting: libc::c_int = 0;
    // SAFETY: FIONREAD writes one c_int into a valid location.
    let asked = unsafe { libc::ioctl(libc::STDIN_FILENO, libc::FIONREAD, &mut waiting) };
    if asked == 0 && waiting == 0 {
        return Input::Closed;
    }
    Input::Ready
}

#[cfg(not(unix))]
fn input(wait: Duration) -> Input {
    match event::poll(wait) {
        Ok(true) => Input::Ready,
        Ok(false) => Input::Idle,
        Err(_) => Input::Closed,
    }
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
                base,
            } => {
                let path = crate::io::home::expand_user(&path);
                // Another writer changed the file: never overwrite it; the
                // user's version goes to a copy beside it.
                if let Some(base) = base
                    && crate::io::save::fingerprint_file(&path).is_some_and(|now| now != base)
                {
                    let copy = crate::io::save::sibling_copy(&path);
                    let copy = crate::io::save::atomic_write(&copy, text.as_bytes())
                        .map(|()| copy)
                        .map_err(|e| e.to_string());
                    match &copy {
                        Ok(c) => outcome.saved.push(c.clone()),
                        Err(e) => outcome.failed.push((path.display().to_string(), e.clone())),
                    }
                    queue.extend(update(app, Action::SaveConflict { path, copy }));
                    continue;
                }
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
            Effect::Backup { path } => {
                let path = crate::io::home::expand_user(&path);
                match crate::io::save::backup(&path) {
                    Ok(Some(bak)) => outcome.saved.push(bak),
                    Ok(None) => {}
                    Err(e) => {
                        // Never rewrite a file whose backup failed.
                        queue.retain(|fx| {
                            !matches!(fx, Effect::Write { path: p, .. }
                                if crate::io::home::expand_user(p) == path)
                        });
                        let error = Some(format!("could not keep a backup of it first: {e}"));
                        queue.extend(update(
                            app,
                            Action::Saved {
                                path,
                                error,
                                autosave: true,
                            },
                        ));
                    }
                }
            }
            Effect::Reload { path } => {
                let path = crate::io::home::expand_user(&path);
                let result = crate::io::load::read_bounded(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|text| {
                        crate::io::load::load_design_str(
                            &text,
                            &path.display().to_string(),
                            &app.lib,
                        )
                        .map(|l| {
                            let fingerprint = crate::io::save::fingerprint(text.as_bytes());
                            Box::new((l.design, fingerprint, text.clone()))
                        })
                        .map_err(|e| crate::text::line(&e.to_string()))
                    });
                queue.extend(update(app, Action::Reloaded { path, result }));
            }
            Effect::LoadReference { scenario } => {
                let stage = app.session.as_ref().and_then(|s| s.design.stage.clone());
                let result =
                    super::store::load_reference(&app.lib, &scenario, stage.as_ref()).map(Box::new);
                queue.extend(update(app, Action::ReferenceLoaded(result)));
            }
            Effect::Record { path, text } => {
                if let Err(e) = crate::io::save::atomic_write(&path, text.as_bytes()) {
                    let error = Some(format!("the session's record was not kept: {e}"));
                    queue.extend(update(
                        app,
                        Action::Saved {
                            path,
                            error,
                            autosave: false,
                        },
                    ));
                }
            }
            Effect::Quit => quit = true,
        }
    }
    quit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;
    use crate::tui::keys::Keymap;

    #[test]
    fn a_tick_redraws_only_when_the_clock_on_screen_moves() {
        // Without a pack the header shows no clock: idle ticks draw nothing.
        let mut plain = App::new(fixture::library(), Keymap::defaults(), None, Vec::new());
        let mut design = fixture::reference();
        design.scenario = None;
        plain.open_design(design, None);
        let mut outcome = Outcome::default();
        for now in 1..4 {
            assert_eq!(
                tick(&mut plain, now, &mut outcome),
                Ticked {
                    quit: false,
                    redraw: false
                }
            );
        }
        // A practice session shows its clock: each second redraws.
        let mut practice = App::new(fixture::library(), Keymap::defaults(), None, Vec::new());
        assert!(practice.start_practice("mini-notify").is_ok());
        assert!(tick(&mut practice, 1, &mut outcome).redraw);
        assert!(tick(&mut practice, 2, &mut outcome).redraw);
    }
}
