//! Interview mode: a session that behaves like the real round. The score,
//! findings, fixes, context figures and reference stay hidden until the
//! wrap-up phase; questions are typed and matched, not picked; prompt
//! options are dealt in a per-session order; phases run on a clock that
//! pauses. What a session records lives in `session.interview` of its
//! design (`model::interview::InterviewLog`); the clock is the app's
//! (`Action::Tick`), so tests drive it without sleeping.

use super::action::Action;
use super::command::LineCommand;
use super::state::{App, InputField, InputPurpose, Overlay, Screen};
use super::update::{Effect, ask};
use crate::engine::interview::{match_questions, option_order};
use crate::model::Prompt;
use crate::model::interview::{InterviewLog, Phase, TypedQuestion, pack_budgets, phase_budgets};
use crate::text;

/// What the interviewer says to a question the pack has no fact for.
pub const DECLINE: &str = "That isn't something I'd worry about here.";

/// The clock's place in a session: where interview time was last counted
/// up to, and whether the next-phase key has been pressed once before
/// wrap-up (it asks again: wrap-up cannot be undone).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Live {
    /// App clock (seconds) up to which phase time has been counted.
    pub mark_s: u64,
    /// The next-phase key was pressed once on the way to wrap-up.
    pub wrap_armed: bool,
}

impl Live {
    /// A clock counted up to `now`.
    pub fn at(now: u64) -> Live {
        Live {
            mark_s: now,
            wrap_armed: false,
        }
    }
}

impl App {
    /// The interview record of the session, when it is an interview.
    pub fn interview(&self) -> Option<&InterviewLog> {
        self.session
            .as_ref()?
            .design
            .session
            .as_ref()?
            .interview
            .as_ref()
    }

    fn interview_mut(&mut self) -> Option<&mut InterviewLog> {
        self.session
            .as_mut()?
            .design
            .session
            .as_mut()?
            .interview
            .as_mut()
    }

    /// True when the session is an interview.
    pub fn in_interview(&self) -> bool {
        self.interview().is_some()
    }

    /// The judgement may be shown: a practice session, or an interview at
    /// wrap-up.
    pub fn revealed(&self) -> bool {
        self.interview().is_none_or(InterviewLog::revealed)
    }

    /// The order the decisions screen lists a prompt's options in, as
    /// indices into the pack's list: the pack's own order in practice, the
    /// session's deal in an interview.
    pub fn option_order(&self, prompt: &Prompt) -> Vec<usize> {
        match self.interview() {
            Some(log) => option_order(log.seed, &prompt.id, prompt.options.len()),
            None => (0..prompt.options.len()).collect(),
        }
    }

    /// Starts an interview on a pack: a practice session whose record says
    /// it is an interview, with each phase's time from the pack (scaled to
    /// `minutes` when given).
    pub fn start_interview(&mut self, scenario: &str, minutes: Option<u32>) -> Result<(), String> {
        if minutes == Some(0) {
            return Err("an interview needs at least one minute".into());
        }
        self.start_practice(scenario)?;
        let budgets = match self.pack() {
            Some(p) => pack_budgets(p, minutes),
            None => phase_budgets(&Default::default(), minutes),
        };
        // The deal differs per session: the app's seed, the session's file
        // and the moment it starts.
        let name = self
            .session
            .as_ref()
            .and_then(|s| s.path.as_ref())
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let seed = name
            .bytes()
            .fold(self.seed ^ (self.now_s as u32), |h, b| {
                h.rotate_left(5) ^ u32::from(b)
            })
            .wrapping_mul(0x9E37_79B9);
        let now = self.now_s;
        let total = budgets.iter().sum::<u64>() / 60;
        let Some(s) = self.session.as_mut() else {
            return Ok(());
        };
        s.design.name = s.design.name.replacen("Practice:", "Interview:", 1);
        s.design
            .session
            .get_or_insert_with(Default::default)
            .interview = Some(InterviewLog::new(budgets, seed));
        s.interview = Live::at(now);
        s.dirty = true;
        let k = |a: &Action| self.keys.first_key(a).unwrap_or_else(|| "?".into());
        let msg = format!(
            "interview: {total} min in five phases; scores and findings wait for wrap-up · Enter asks · {} pause · {} next phase",
            k(&Action::TogglePause),
            k(&Action::NextPhase)
        );
        self.info(msg);
        Ok(())
    }
}

/// Counts interview time up to now: the current phase gains what passed
/// since the last count, unless the clock is paused.
pub fn settle(app: &mut App) {
    let now = app.now_s;
    let Some(s) = app.session.as_mut() else {
        return;
    };
    let passed = now.saturating_sub(s.interview.mark_s);
    s.interview.mark_s = now;
    let Some(log) = s.design.session.as_mut().and_then(|l| l.interview.as_mut()) else {
        return;
    };
    if !log.paused {
        let phase = log.phase;
        log.phase_mut(phase).spent_s += passed;
    }
}

/// A tick: counts the time and nudges, once per phase, when the phase has
/// run past its minutes.
pub fn tick(app: &mut App) {
    settle(app);
    let next_key = app
        .keys
        .first_key(&Action::NextPhase)
        .unwrap_or_else(|| ":phase".into());
    let Some(log) = app.interview_mut() else {
        return;
    };
    let (phase, paused) = (log.phase, log.paused);
    let p = log.phase_mut(phase);
    if p.nudged || p.spent_s <= p.budget_s || paused {
        return;
    }
    p.nudged = true;
    let msg = match phase.next() {
        Some(next) => format!(
            "interviewer: we should move on; {} has had its {} min ({next_key}: {})",
            phase.title(),
            p.budget_s.div_ceil(60),
            next.title()
        ),
        None => "interviewer: that's time; thanks, let's stop there".to_string(),
    };
    if let Some(s) = app.session.as_mut() {
        s.dirty = true;
    }
    app.info(msg);
}

/// Moves the round on: to `to` when given (only forward), else to the
/// next phase. Wrap-up asks for a second press; reaching it reveals the
/// report.
pub fn next_phase(app: &mut App, to: Option<&str>) -> Vec<Effect> {
    let Some(current) = app.interview().map(|l| l.phase) else {
        app.error(not_interview());
        return Vec::new();
    };
    let target = match to {
        None => current.next(),
        Some(id) => match Phase::parse(id) {
            Some(p) if p > current => Some(p),
            Some(p) => {
                app.error(format!(
                    "the round is in {} already; phases only move forward",
                    if p == current {
                        p.title()
                    } else {
                        current.title()
                    }
                ));
                return Vec::new();
            }
            None => {
                let ids: Vec<&str> = Phase::ALL.iter().map(|p| p.id()).collect();
                app.error(format!(
                    "no phase `{id}`: the phases are {}",
                    ids.join(", ")
                ));
                return Vec::new();
            }
        },
    };
    let Some(target) = target else {
        app.info("this is the wrap-up: the report is open (4)");
        return Vec::new();
    };
    let armed = app.session.as_ref().is_some_and(|s| s.interview.wrap_armed);
    if target == Phase::WrapUp && to.is_none() && !armed {
        if let Some(s) = app.session.as_mut() {
            s.interview.wrap_armed = true;
        }
        let k = app
            .keys
            .first_key(&Action::NextPhase)
            .unwrap_or_else(|| ":phase".into());
        app.info(format!(
            "{k} again to wrap up: the clock's last phase, and the report with scores, findings and fixes opens"
        ));
        return Vec::new();
    }
    settle(app);
    if let Some(log) = app.interview_mut() {
        log.phase = target;
    }
    if let Some(s) = app.session.as_mut() {
        s.interview.wrap_armed = false;
        s.dirty = true;
    }
    if target == Phase::WrapUp {
        app.overlay = Overlay::None;
        app.screen = Screen::Report;
        app.price_fixes();
        // The first report is shown: the interviewer's follow-ups come next.
        crate::tui::followups::report_shown(app);
        app.info("wrap-up: the report is open; scores, findings, fixes, the reference and the follow-ups (5) are yours to see");
        return crate::tui::progress::record(app);
    } else {
        app.info(format!("on to {}", target.title()));
    }
    Vec::new()
}

/// Stops or restarts the clock. While paused, the design and the questions
/// wait too.
pub fn toggle_pause(app: &mut App) {
    if !app.in_interview() {
        app.error(not_interview());
        return;
    }
    settle(app);
    let k = app
        .keys
        .first_key(&Action::TogglePause)
        .unwrap_or_else(|| ":pause".into());
    let Some(log) = app.interview_mut() else {
        return;
    };
    log.paused = !log.paused;
    let paused = log.paused;
    if let Some(s) = app.session.as_mut() {
        s.dirty = true;
    }
    if paused {
        app.info(format!(
            "paused: the clock stops, and so do edits and questions ({k} resumes)"
        ));
    } else {
        app.info("resumed");
    }
}

/// Restarts a stopped clock (`:resume`); a running one is left alone.
pub fn resume(app: &mut App) {
    match app.interview().map(|l| l.paused) {
        Some(true) => toggle_pause(app),
        Some(false) => app.info("the clock is running"),
        None => app.error(not_interview()),
    }
}

fn not_interview() -> &'static str {
    "phases and the pause are for interviews: napkin practice ID --interview, or i on the home screen"
}

/// Why a change must wait, when the interview is paused.
pub fn paused_refusal(app: &App) -> Option<String> {
    app.interview().filter(|l| l.paused).map(|_| {
        let k = app
            .keys
            .first_key(&Action::TogglePause)
            .unwrap_or_else(|| ":pause".into());
        format!("the interview is paused: {k} resumes")
    })
}

/// Asks a question typed in the candidate's own words. A match reveals
/// the pack's fact as in practice; anything else gets the interviewer's
/// polite refusal. Both are recorded.
pub fn ask_typed(app: &mut App, typed: &str) {
    if let Some(e) = paused_refusal(app) {
        app.error(e);
        return;
    }
    let typed = text::line(typed).trim().to_string();
    if typed.is_empty() {
        app.error("type a question, e.g. :ask how many people use it?");
        return;
    }
    let clock = app.session_clock();
    let asked = app
        .session
        .as_ref()
        .map(|s| s.design.asked.clone())
        .unwrap_or_default();
    let matched: Vec<String> = app
        .pack()
        .map(|p| match_questions(p, &typed, &asked))
        .unwrap_or_default()
        .into_iter()
        .map(|q| q.id.clone())
        .collect();
    if let Some(log) = app.interview_mut() {
        log.typed.push(TypedQuestion {
            text: typed.clone(),
            matched: matched.clone(),
            at_s: clock,
        });
    }
    if let Some(s) = app.session.as_mut() {
        s.dirty = true;
    }
    if matched.is_empty() {
        app.info(format!("interviewer: \u{201c}{DECLINE}\u{201d}"));
        return;
    }
    for id in &matched {
        ask(app, id);
    }
    // In an interview, the pack's wording of the question is not handed out.
    if app.message.as_ref().is_some_and(|m| !m.error) {
        let again = matched.iter().all(|id| asked.contains(id));
        app.info(if again {
            format!("interviewer: as I said (see Facts) · you asked: {typed}")
        } else {
            format!("interviewer answered (see Facts) · you asked: {typed}")
        });
    }
}

/// A `:ask` line in practice: a question id as before, or words matched as
/// an interview would (what matches nothing gets the did-you-mean error).
fn ask_practice(app: &mut App, question: &str) {
    let id = {
        let Some(p) = app.pack() else {
            ask(app, question);
            return;
        };
        if p.question(question).is_some() {
            question.to_string()
        } else {
            let asked = app
                .session
                .as_ref()
                .map(|s| s.design.asked.clone())
                .unwrap_or_default();
            match match_questions(p, question, &asked).first() {
                Some(q) => q.id.clone(),
                None => question.to_string(),
            }
        }
    };
    ask(app, &id);
}

/// Answers a prompt. In an interview the first choice stands until
/// wrap-up: the consequence shows after choosing, so changing it would
/// make the shuffled, consequence-free list moot.
pub fn answer(app: &mut App, prompt: &str, option: &str) -> bool {
    if let Some(log) = app.interview().filter(|l| !l.revealed())
        && let Some(first) = log.decided.get(prompt)
        && first != option
    {
        let label = app
            .pack()
            .and_then(|p| p.prompt(prompt))
            .and_then(|pr| pr.options.iter().find(|o| o.id == *first))
            .map(|o| text::line(&o.label))
            .unwrap_or_else(|| first.clone());
        app.error(format!(
            "you told the interviewer \u{201c}{label}\u{201d}; it stands until wrap-up"
        ));
        return false;
    }
    let ok = super::update::edit(app, |d, _, p| super::edit::answer(d, p, prompt, option));
    if ok && let Some(log) = app.interview_mut() {
        log.decided
            .entry(prompt.to_string())
            .or_insert_with(|| option.to_string());
    }
    ok
}

/// What must wait for wrap-up, by action: `Some(why)` refuses it.
fn hidden_until_wrap_up(app: &App, action: &Action) -> Option<&'static str> {
    if app.revealed() {
        return None;
    }
    match action {
        Action::ApplyFix => Some("fixes come with the report at wrap-up"),
        Action::RevealReference => Some("the reference design is shown at wrap-up"),
        Action::EditContext => {
            Some("the figures are the interviewer's to give: ask for them; they show at wrap-up")
        }
        _ => None,
    }
}

/// Keys interview mode handles before the screens: starting one from home,
/// pause and phases, asking in your own words, and what waits for wrap-up.
/// `None` lets the screens have the key.
pub fn intercept(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::StartInterview => {
            if app.screen == Screen::Home {
                start_from_home(app);
            } else {
                app.info("i on the home screen starts an interview");
            }
            return Some(Vec::new());
        }
        Action::TogglePause => {
            toggle_pause(app);
            return Some(Vec::new());
        }
        Action::NextPhase => return Some(next_phase(app, None)),
        _ => {}
    }
    if !app.in_interview() || app.screen == Screen::Home {
        return None;
    }
    if let Some(s) = app.session.as_mut() {
        s.interview.wrap_armed = false;
    }
    if let Some(why) = hidden_until_wrap_up(app, action) {
        app.error(why);
        return Some(Vec::new());
    }
    let on_questions =
        app.screen == Screen::Brief && app.session.as_ref().is_some_and(|s| !s.brief.facts_focus);
    if on_questions && *action == Action::Confirm {
        open_ask(app);
        return Some(Vec::new());
    }
    None
}

/// The input the candidate types a question into.
pub fn open_ask(app: &mut App) {
    if let Some(e) = paused_refusal(app) {
        app.error(e);
        return;
    }
    app.overlay = Overlay::Input(InputField {
        purpose: InputPurpose::Ask,
        title: "Ask the interviewer".into(),
        text: String::new(),
        hint: "in your own words; Enter asks, Esc cancels".into(),
    });
}

fn start_from_home(app: &mut App) {
    let Some(id) = app
        .home
        .matches
        .get(app.home.selected)
        .and_then(|m| app.lib.packs().get(m.index))
        .map(|p| p.pack.id.clone())
    else {
        app.error("no scenario matches the search");
        return;
    };
    if let Err(e) = app.start_interview(&id, None) {
        app.error(e);
    }
}

/// Commands interview mode answers itself: `:ask` in words, and what waits
/// for wrap-up. `None` runs the command as usual.
pub fn command(app: &mut App, c: &LineCommand) -> Option<Vec<Effect>> {
    match c {
        LineCommand::Ask { question } => {
            if app.in_interview() {
                ask_typed(app, question);
            } else {
                ask_practice(app, question);
            }
            return Some(Vec::new());
        }
        LineCommand::Answer { prompt, option } => {
            answer(app, prompt, option);
            return Some(Vec::new());
        }
        _ => {}
    }
    if app.revealed() {
        return None;
    }
    let why = match c {
        LineCommand::Export { .. } => "exports carry the judgement: they wait for wrap-up",
        LineCommand::Reference => "the reference design is shown at wrap-up",
        LineCommand::Context { .. } => {
            "the figures are the interviewer's to give: ask for them; they show at wrap-up"
        }
        _ => return None,
    };
    app.error(why);
    Some(Vec::new())
}

/// A `:` line whose completion would list the pack's questions.
pub fn completes_questions(line: &str) -> bool {
    let mut words = line.trim_start_matches(':').split_whitespace();
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("ask")) && line.contains(' ')
}

/// Puts `:answer PROMPT` completions in the order the session deals the
/// prompt's options, so Tab does not give back the pack's order.
pub fn deal_completions(app: &App, line: &str, candidates: &mut [String]) {
    let mut words = line.trim_start_matches(':').split_whitespace();
    if !app.in_interview() || words.next() != Some("answer") {
        return;
    }
    let Some(pr) = words.next().and_then(|id| app.pack()?.prompt(id)) else {
        return;
    };
    let order = app.option_order(pr);
    let rank = |id: &str| {
        pr.options
            .iter()
            .position(|o| o.id == id)
            .and_then(|i| order.iter().position(|x| *x == i))
            .unwrap_or(usize::MAX)
    };
    candidates.sort_by_key(|c| rank(c));
}
