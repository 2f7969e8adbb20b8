//! End to end: the real binary in a pseudo-terminal (expectrl), its screen
//! parsed by vt100. Practise the notification system through the `:`
//! command line, watch a finding appear, quit, and check the autosaved
//! session file.

#![cfg(unix)]

use expectrl::Session;
use std::io::ErrorKind;
use std::process::Command;
use std::time::{Duration, Instant};

const ROWS: u16 = 24;
const COLS: u16 = 80;
const TIMEOUT: Duration = Duration::from_secs(20);

struct Term {
    session: Session,
    parser: vt100::Parser,
}

impl Term {
    fn spawn(home: &std::path::Path, args: &[&str]) -> Term {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_napkin"));
        cmd.args(args)
            .env("NAPKIN_HOME", home)
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR");
        let mut session = Session::spawn(cmd).expect("spawn napkin in a pty");
        // The pty starts at 80x24; say so explicitly so the parser matches.
        session
            .get_process_mut()
            .set_window_size(COLS, ROWS)
            .expect("set the window size");
        Term {
            session,
            parser: vt100::Parser::new(ROWS, COLS, 0),
        }
    }

    /// Reads whatever output is ready into the screen model.
    fn pump(&mut self) -> bool {
        let mut buf = [0u8; 8192];
        let mut got = false;
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => return got,
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    got = true;
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return got,
                // The child closed the pty (it exited).
                Err(_) => return got,
            }
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Polls the screen until `pred` holds, failing with the screen after the timeout.
    fn wait_until(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            self.pump();
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for(&mut self, needle: &str) -> String {
        self.wait_until(&format!("`{needle}`"), |s| s.contains(needle))
    }

    fn send(&mut self, text: &str) {
        self.session.send(text).expect("write to the pty");
    }

    /// Runs one `:` command.
    fn command(&mut self, line: &str) {
        self.send(&format!(":{line}\r"));
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        while self.session.is_alive().unwrap_or(false) {
            self.pump();
            if start.elapsed() > TIMEOUT {
                panic!("napkin did not quit; the screen was:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.pump();
    }
}

/// The number in `Findings (N)` on the screen, if shown.
fn findings_count(screen: &str) -> Option<usize> {
    let i = screen.find("Findings (")? + "Findings (".len();
    screen[i..].split(')').next()?.parse().ok()
}

#[test]
fn practise_a_scenario_through_the_command_line() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut t = Term::spawn(home.path(), &["practice", "notification-system"]);
    t.wait_for("Questions (0 of");

    // Ask two clarifying questions; the facts panel shows the answers.
    t.command("ask users");
    t.wait_for("Questions (1 of");
    t.command("ask volume");
    let s = t.wait_for("Questions (2 of");
    assert!(
        s.contains("50,000"),
        "the answer about users is revealed:\n{s}"
    );

    // Draw three components and link them; the editor takes over.
    t.command("add web-client web");
    t.command("add app-server api");
    t.command("add postgres db");
    t.wait_for("Components (3)");
    t.command("link web api");
    t.command("link api db async");
    let s = t.wait_for("linked api -> db (async)");
    assert!(
        s.contains("[2 Design]"),
        "edits show the design editor:\n{s}"
    );

    // The engine re-scored: findings are on screen, with a severity.
    let s = t.wait_until("a finding", |s| {
        findings_count(s).is_some_and(|n| n > 0)
            && ["‼ critical", "▲ high", "● medium", "· low"]
                .iter()
                .any(|g| s.contains(g))
    });
    assert!(s.contains("score "), "the score bar is visible:\n{s}");

    // A bad command shows a clear error and changes nothing.
    t.command("add kafak");
    t.wait_for("did you mean `kafka`?");

    // Quit: the session is saved on the way out.
    t.send("q");
    t.wait_exit();

    let path = home
        .path()
        .join("sessions")
        .join("notification-system-1.napkin.yaml");
    assert!(path.exists(), "autosaved session at {}", path.display());
    let lib = napkin::io::Library::builtin().expect("built-in library");
    let design = napkin::io::load::load_design(&path, &lib)
        .expect("the session loads")
        .design;
    let ids: Vec<&str> = design.components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["web", "api", "db"]);
    let kinds: Vec<&str> = design.components.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["web-client", "app-server", "postgres"]);
    let links: Vec<(String, String, String)> = design
        .links
        .iter()
        .map(|l| (l.from.clone(), l.to.clone(), l.mode.to_string()))
        .collect();
    assert_eq!(
        links,
        [
            ("web".to_string(), "api".to_string(), "sync".to_string()),
            ("api".to_string(), "db".to_string(), "async".to_string())
        ]
    );
    assert_eq!(design.asked, ["users", "volume"]);
    assert_eq!(design.scenario.as_deref(), Some("notification-system"));
    let log = design.session.expect("timing is recorded");
    assert_eq!(log.asked_at.len(), 2);
    assert!(log.first_component_at_s.is_some());
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut t = Term::spawn(home.path(), &["practice", "coffee-ordering"]);
    t.wait_for("Questions (0 of");
    t.command("add postgres db");
    t.wait_for("Components (1)");
    t.send("\x03");
    t.wait_exit();
    // Leaving the alternate screen brings back the normal one.
    assert!(
        !t.parser.screen().alternate_screen(),
        "still on the alternate screen"
    );
    assert!(
        home.path()
            .join("sessions/coffee-ordering-1.napkin.yaml")
            .exists()
    );
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut t = Term::spawn(home.path(), &["practice", "ticket-booking"]);
    t.wait_for("Questions (0 of");
    t.command("add postgres db");
    t.wait_for("Components (1)");
    t.session
        .get_process_mut()
        .kill(expectrl::Signal::SIGTERM)
        .expect("send SIGTERM");
    t.wait_exit();
    assert!(
        !t.parser.screen().alternate_screen(),
        "still on the alternate screen"
    );
    assert!(
        home.path()
            .join("sessions/ticket-booking-1.napkin.yaml")
            .exists()
    );
}

#[test]
fn diagram_and_mermaid_export_from_the_editor() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("temp dir");
    let mut t = Term::spawn(home.path(), &["practice", "notification-system"]);
    t.wait_for("Questions (0 of");
    t.command("add web-client web");
    t.command("add app-server api");
    t.command("add postgres db");
    t.command("link web api");
    t.command("link api db");
    t.wait_for("linked api -> db");

    // D shows the diagram in place of the inspector: boxes and arrows,
    // the selected component (db) with a heavy border.
    t.send("D");
    // (The whole frame is waited for: the screen is read as it arrives.)
    t.wait_until("boxes, arrows and the diagram's keys", |s| {
        s.contains("┌ Diagram")
            && s.contains("│ web ")
            && s.contains("─▶┃ db")
            && !s.contains("Inspector")
            && s.contains("hide diagram")
    });

    // F focuses the first critical flow; Esc shows everything again.
    t.send("F");
    t.wait_for("Diagram · flow");
    t.send("\x1b");
    t.wait_until("the whole design again", |s| {
        s.contains("every component again") && !s.contains("Diagram · flow")
    });

    // :export writes through the runtime and says where.
    let file = out.path().join("design.mmd");
    t.command(&format!("export mermaid {}", file.display()));
    t.wait_for("wrote ");
    let text = std::fs::read_to_string(&file).expect("the export was written");
    assert!(text.starts_with("flowchart"), "{text}");
    assert!(text.contains("api") && text.contains("db"), "{text}");

    t.send("q");
    t.wait_exit();
}

/// Reviewing a hand-written file: `C` opens the context screen, a figure is
/// typed in place and re-judged, and the save changes only its line.
#[test]
fn context_screen_edits_a_review_in_place() {
    const HAND: &str = "# Invoices, as they run today.\nnapkin: 1\nname: Invoices\ncontext:\n  load:\n    users: 20000        # monthly actives\n  availability: 99.9    # the SLA we sell\ncomponents:\n  - { id: web, kind: web-client }\n  - { id: api, kind: app-server }   # one box\nlinks:\n  - { from: web, to: api }\n";
    let home = tempfile::tempdir().expect("temp dir");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("invoices.napkin.yaml");
    std::fs::write(&file, HAND).expect("write the review");
    let path = file.display().to_string();
    let mut t = Term::spawn(home.path(), &["open", &path]);
    t.wait_for("Components (2)");
    t.send("C");
    t.wait_until("every figure and its source", |s| {
        s.contains("Context: the figures") && s.contains("20,000") && s.contains("this design")
    });
    t.send("\r");
    t.wait_for("> 20000");
    // Clear the field (ctrl-u), type the new figure, save it.
    t.send("\x15");
    t.send("50,000\r");
    t.wait_for("context: users 50,000");
    t.send("\x1b");
    t.wait_until("the screen closed", |s| !s.contains("Context: the figures"));
    t.send("q");
    t.wait_exit();
    let text = std::fs::read_to_string(&file).expect("saved");
    assert_eq!(text, HAND.replace("users: 20000 ", "users: 50000 "));
    let bak = dir.path().join("invoices.napkin.yaml.bak");
    assert_eq!(std::fs::read_to_string(bak).expect("a backup"), HAND);
}

#[test]
fn review_writes_a_design_and_opens_it_in_the_editor() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("voting.napkin.yaml");
    let compose = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/compose/docker__awesome-compose__flask-redis__compose.yml"
    );
    let path = out.display().to_string();
    let mut t = Term::spawn(
        home.path(),
        &["review", compose, "--users", "500", "-o", &path, "--open"],
    );
    // The import summary scrolls past, then the editor takes the screen on
    // the design just written.
    t.wait_until("the editor on the written design", |s| {
        s.contains("Components (") && s.contains("redis")
    });
    t.send("q");
    t.wait_exit();
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.starts_with("# Imported by `napkin review`"), "{text}");
}

/// napkin in a tmux session on a socket of its own, so the test never
/// touches the user's tmux; the server is killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in a 100x30 (or wider) window; `None` when tmux is
    /// missing outside CI.
    fn start(name: &str, width: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but tmux is missing"
            );
            eprintln!("note: tmux not found; skipping the {name} test");
            return None;
        }
        let t = Tmux {
            socket: format!("napkin-test-{name}-{}", std::process::id()),
        };
        let width = width.to_string();
        t.run(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &width,
            "-y",
            "30",
            command,
        ]);
        Some(t)
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    /// Types `keys` and presses Enter.
    fn enter(&self, keys: &str) {
        self.run(&["send-keys", "-t", "t", keys, "Enter"]);
    }

    fn wait(&self, what: &str, ok: &dyn Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the file at `path` holds `needle`.
    fn wait_file(&self, what: &str, path: &std::path::Path, needle: &str) {
        let start = Instant::now();
        while !std::fs::read_to_string(path).is_ok_and(|text| text.contains(needle)) {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn kill(&self) {
        self.run(&["kill-server"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Closing the terminal under a running session (its tmux session killed,
/// as closing a terminal window does) ends napkin within seconds, and the
/// edit made just before is in the session file. Before, crossterm's reader
/// spun on the closed input forever and the edit was lost.
#[test]
fn a_closed_terminal_saves_and_exits() {
    let home = tempfile::tempdir().expect("temp dir");
    let launch = format!(
        "exec env NAPKIN_HOME='{}' TERM=xterm-256color '{}' practice ticket-booking",
        home.path().display(),
        env!("CARGO_BIN_EXE_napkin")
    );
    let Some(t) = Tmux::start("closed", 100, &launch) else {
        return;
    };
    let pid: u32 = t
        .run(&["display-message", "-p", "-t", "t", "#{pane_pid}"])
        .trim()
        .parse()
        .expect("pane pid");
    t.wait("the brief", &|s| s.contains("Questions (0 of"));
    t.enter(":add postgres db");
    t.wait("the edit", &|s| s.contains("added db"));
    t.kill();
    let start = Instant::now();
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    while proc_dir.exists() {
        if start.elapsed() > Duration::from_secs(5) {
            // Do not leave a spinning napkin behind a failed run.
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("napkin still runs 5 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let saved = std::fs::read_to_string(home.path().join("sessions/ticket-booking-1.napkin.yaml"))
        .expect("the session was saved");
    assert!(saved.contains("kind: postgres"), "{saved}");
}

/// Two writers: the file napkin opened is replaced by someone else, then
/// the user saves. napkin leaves their file as it is, puts the user's
/// version in a copy beside it, says so, and saves there from then on.
#[test]
fn another_writer_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("shop.napkin.yaml");
    std::fs::write(
        &file,
        "napkin: 1\nname: shop\ncomponents:\n  - { id: api, kind: app-server }\n",
    )
    .expect("write");
    let launch = format!(
        "exec env NAPKIN_HOME='{}' TERM=xterm-256color '{}' open '{}'",
        dir.path().join("home").display(),
        env!("CARGO_BIN_EXE_napkin"),
        file.display()
    );
    let Some(t) = Tmux::start("writers", 160, &launch) else {
        return;
    };
    t.wait("the design", &|s| s.contains("api"));
    let theirs = "napkin: 1\nname: shop\ncomponents:\n  - { id: api, kind: app-server }\n  - { id: theirs, kind: redis }\n";
    std::fs::write(&file, theirs).expect("the other writer");
    t.enter(":add postgres db");
    t.wait("the edit", &|s| s.contains("added db"));
    t.enter(":w");
    t.wait("the conflict", &|s| s.contains("changed on disk"));
    let copy = dir.path().join("shop.mine.napkin.yaml");
    let mine = std::fs::read_to_string(&copy).expect("the user's copy");
    assert!(mine.contains("id: db"), "{mine}");
    assert_eq!(std::fs::read_to_string(&file).expect("theirs"), theirs);
    // Later saves go to the copy, never to their file.
    t.enter(":add redis cache");
    t.wait("the second edit", &|s| s.contains("added cache"));
    t.enter(":w");
    t.wait_file("the second save in the copy", &copy, "id: cache");
    assert_eq!(std::fs::read_to_string(&file).expect("theirs"), theirs);
    // `:reload` opens their version; saves go back to their file.
    t.enter(":reload");
    t.wait("their version", &|s| {
        s.contains("reloaded") && s.contains("theirs")
    });
    t.enter(":add sqs queue");
    t.wait("an edit on theirs", &|s| s.contains("added queue"));
    t.enter(":w");
    t.wait_file("the save after :reload in their file", &file, "id: queue");
    let merged = std::fs::read_to_string(&file).expect("their file");
    assert!(merged.contains("id: theirs"), "{merged}");
    assert!(!merged.contains("id: db"), "{merged}");
}

/// A short interview with the real binary: typed questions (one answered,
/// one declined), no score until wrap-up, a decision whose consequence
/// shows only once chosen, the pause, then wrap-up reveals the report; the
/// saved session is still an interview, at wrap-up.
#[test]
fn a_short_interview_through_to_wrap_up() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut t = Term::spawn(
        home.path(),
        &[
            "practice",
            "notification-system",
            "--interview",
            "--minutes",
            "10",
        ],
    );
    let s = t.wait_for("Your questions (0 answered)");
    assert!(s.contains("interview │"), "the phase bar:\n{s}");
    assert!(!s.contains("score "), "no live score:\n{s}");
    assert!(
        !s.contains("How many customers do we have"),
        "the questions are not listed:\n{s}"
    );

    // Enter opens the question input; a plain question finds its fact.
    t.send("\r");
    t.wait_for("Ask the interviewer");
    t.send("how many users do we have?\r");
    let s = t.wait_for("Your questions (1 answered)");
    assert!(s.contains("50,000"), "the fact about users:\n{s}");
    t.command("ask what font do the emails use");
    t.wait_for("worry about here");

    // Tab completes no question.
    t.send(":ask v\t");
    t.wait_for("no completion");
    // (Esc alone: one followed by `:` at once would read as alt-:.)
    t.send("\x1b");
    t.wait_until("the command line closed", |s| !s.contains(":ask v"));

    // Draw; findings wait for wrap-up.
    t.command("add web-client web");
    t.command("add app-server api");
    t.command("link web api");
    t.wait_for("linked web -> api");
    let s = t.wait_for("findings come");
    assert!(!s.contains("Findings ("), "no findings count:\n{s}");

    // Pause stops the clock and the edits; resume.
    t.send("p");
    t.wait_for("⏸ paused");
    t.command("add postgres db");
    t.wait_for("the interview is paused");
    t.command("resume");
    t.wait_for("resumed");

    // Phases move on; wrap-up takes a second press and opens the report.
    t.send("N");
    t.wait_for("on to estimation");
    t.command("phase deep-dive");
    t.wait_for("on to deep dive");
    // The follow-ups are the interviewer's, after wrap-up.
    t.send("5");
    t.wait_for("after wrap-up");
    t.send("N");
    t.wait_for("again to wrap up");
    t.send("N");
    let s = t.wait_until("the report", |s| {
        s.contains("[4 Report]") && s.contains("overall") && s.contains("score ")
    });
    assert!(s.contains("Interview"), "time per phase:\n{s}");

    // The first follow-up, answered and drilled on the design.
    t.send("5");
    t.wait_for("Follow-up 1 of");
    t.send("\r");
    t.send("One api box: it goes down and so does everything");
    t.send("\r");
    t.wait_for("answer saved");
    t.send("\r");
    t.wait_for("Drill · ");

    t.send("q");
    t.wait_exit();
    let path = home
        .path()
        .join("sessions")
        .join("notification-system-1.napkin.yaml");
    let lib = napkin::io::Library::builtin().expect("built-in library");
    let design = napkin::io::load::load_design(&path, &lib)
        .expect("the session loads")
        .design;
    let answered = design
        .session
        .as_ref()
        .map(|s| s.followups.clone())
        .unwrap_or_default();
    let log = design
        .session
        .and_then(|s| s.interview)
        .expect("saved as an interview");
    assert_eq!(log.phase, napkin::model::interview::Phase::WrapUp);
    assert_eq!(log.typed.len(), 2);
    assert_eq!(log.typed[0].matched, ["users"]);
    assert!(log.typed[1].matched.is_empty());
    assert_eq!(log.budget_s(), 600);
    assert_eq!(design.asked, ["users"]);
    assert_eq!(answered.len(), 1, "{answered:?}");
    assert!(answered[0].drilled);
}

#[test]
fn a_follow_up_is_answered_drilled_and_saved() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut t = Term::spawn(home.path(), &["practice", "coffee-ordering"]);
    t.wait_for("Questions (0 of");
    t.command("add mobile-client app");
    t.command("add app-server api");
    t.command("add postgres db");
    t.command("link app api");
    t.command("link api db");
    t.wait_for("linked api -> db");

    // The follow-ups wait for the first report.
    t.send("5");
    t.wait_for("after your first report");
    t.send("4");
    t.wait_for("[4 Report]");
    t.send("5");
    t.wait_for("Follow-up 1 of");
    t.wait_for("Morning rush, 8x");

    // Enter opens the answer; what is typed goes into it (even `q`).
    t.send("\r");
    t.send("The api and db hold at 8x; the bar is the real queue");
    t.send("\r");
    t.wait_for("answer saved");
    let s = t.screen();
    assert!(
        !s.contains("App servers are stateless"),
        "the model answer waits for the drill:\n{s}"
    );

    // Enter runs the drill on the design and reveals the model answer.
    t.send("\r");
    let s = t.wait_for("App servers are");
    assert!(s.contains("Drill · Morning rush"), "{s}");
    assert!(s.contains("The api and db hold"), "{s}");

    t.send("q");
    t.wait_exit();
    let path = home
        .path()
        .join("sessions")
        .join("coffee-ordering-1.napkin.yaml");
    let lib = napkin::io::Library::builtin().expect("built-in library");
    let design = napkin::io::load::load_design(&path, &lib)
        .expect("the session loads")
        .design;
    let log = design.session.expect("the session log");
    assert_eq!(log.followups.len(), 1, "{:?}", log.followups);
    assert_eq!(log.followups[0].drill, "morning-rush-8x");
    assert_eq!(
        log.followups[0].answer,
        "The api and db hold at 8x; the bar is the real queue"
    );
    assert!(log.followups[0].drilled);
}

#[test]
fn finish_an_interview_move_a_year_on_and_see_it_in_history() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut t = Term::spawn(
        home.path(),
        &[
            "practice",
            "coffee-ordering",
            "--interview",
            "--minutes",
            "5",
            "--level",
            "mid",
        ],
    );
    t.wait_for("interview");
    t.command("ask how many orders a day");
    t.wait_for("interviewer answered");
    t.command("estimate peak-rps 6");
    t.wait_for("estimate: peak requests/s 6");
    for line in [
        "add mobile-client app",
        "add app-server api",
        "add postgres db",
        "link app api",
        "link api db",
    ] {
        t.command(line);
    }
    t.wait_for("linked api -> db");
    // Wrap up: the report opens and the session is recorded.
    t.command("phase wrap-up");
    t.wait_for("wrap-up: the report is open");
    // A year later: the same design, judged again, with the diff.
    t.send("S");
    let s = t.wait_for("A stage on:");
    assert!(s.contains("Now a problem"), "{s}");
    // Esc and q apart: sent together they read as alt-q.
    t.send("\x1b");
    t.wait_until("the diff to close", |s| !s.contains("A stage on:"));
    t.send("q");
    t.wait_exit();

    let out = Command::new(env!("CARGO_BIN_EXE_napkin"))
        .arg("history")
        .env("NAPKIN_HOME", home.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("napkin history runs");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("coffee-ordering  1 attempt"), "{text}");
    assert!(text.contains("interview growth"), "{text}");
    assert!(text.contains("overall"), "{text}");
    assert!(text.contains("level mid"), "{text}");

    let out = Command::new(env!("CARGO_BIN_EXE_napkin"))
        .args(["history", "--format", "json"])
        .env("NAPKIN_HOME", home.path())
        .output()
        .expect("napkin history --format json runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let a = &json[0];
    assert_eq!(a["scenario"], "coffee-ordering");
    assert_eq!(a["stage"], "growth");
    assert_eq!(a["level"], "mid");
    assert_eq!(a["mode"], "interview");
    assert_eq!(a["estimates"][0], 1, "6 requests/s is the launch figure");
    assert!(a["scores"]["overall"].as_u64().is_some());
}
