//! Drawing: `View` renders an [`App`] into any buffer (a terminal frame or a
//! test backend). Each screen is its own widget; this module draws the chrome
//! around them: header with tabs and clock, score bar, status and footer.

mod brief;
mod context;
mod decisions;
mod diagram_pane;
mod editor;
mod estimator;
mod followups;
mod growth;
mod home;
mod interview;
mod mentor;
mod overlay;
mod progress;
mod report;
pub mod theme;
pub mod widgets;

use super::action::Action;
use super::state::{App, ClickTarget, Geometry, Overlay, Screen};
use crate::text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use theme::Theme;
use widgets::{centered, clock, truncate};

/// Smallest window the app draws in; below it says so.
pub const MIN_WIDTH: u16 = 44;
/// Smallest window height.
pub const MIN_HEIGHT: u16 = 12;

/// The whole app as a widget.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// What to draw.
    pub app: &'a App,
    /// How to colour it.
    pub theme: Theme,
}

impl<'a> View<'a> {
    /// A view of `app`; `color` is false under `NO_COLOR`.
    pub fn new(app: &'a App, color: bool) -> View<'a> {
        View {
            app,
            theme: Theme::new(color),
        }
    }
}

/// Header, score bar, body, status and footer rows of a window.
fn chrome(app: &App, area: Rect) -> [Rect; 5] {
    let in_session = app.screen != Screen::Home && app.session.is_some();
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(in_session)),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The cells the diagram is drawn in for a window of `area`, when the
/// current screen shows it. `update` uses it to pan by what is on screen.
pub fn diagram_viewport(app: &App, area: Rect) -> Option<Rect> {
    if !crate::tui::diagram_state::visible(app)
        || area.width < MIN_WIDTH
        || area.height < MIN_HEIGHT
    {
        return None;
    }
    let [_, _, body, _, _] = chrome(app, area);
    let rows = diagram_pane::rows(app);
    let pane = match app.screen {
        Screen::Design => editor::diagram_areas(body, rows)[1],
        Screen::Report => report::diagram_areas(body, rows)[1],
        _ => return None,
    };
    Some(diagram_pane::inner(pane))
}

impl Widget for &View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Record where things are for update (clicks, panning).
        self.app.geometry.replace(Geometry {
            clicks: clicks(self.app, area),
            diagram: diagram_viewport(self.app, area),
            facts: facts_area(self.app, area),
        });
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf, &self.theme);
            return;
        }
        let app = self.app;
        let t = &self.theme;
        let in_session = app.screen != Screen::Home && app.session.is_some();
        let [header, bar, body, status, footer] = chrome(app, area);
        render_header(app, t, header, buf);
        if in_session {
            render_score_bar(app, t, bar, buf);
        }
        match app.screen {
            Screen::Home => home::HomeView { app, theme: *t }.render(body, buf),
            Screen::Brief => brief::BriefView { app, theme: *t }.render(body, buf),
            Screen::Design => editor::EditorView { app, theme: *t }.render(body, buf),
            Screen::Decisions => decisions::DecisionsView { app, theme: *t }.render(body, buf),
            Screen::Report => report::ReportView { app, theme: *t }.render(body, buf),
            Screen::Followups => followups::FollowupsView { app, theme: *t }.render(body, buf),
            Screen::Mentor => mentor::MentorView { app, theme: *t }.render(body, buf),
        }
        match &app.overlay {
            Overlay::None => {}
            Overlay::Help { scroll } => overlay::HelpView {
                app,
                theme: *t,
                scroll: *scroll,
            }
            .render(body, buf),
            Overlay::Palette(p) => overlay::PaletteView {
                palette: p,
                theme: *t,
            }
            .render(body, buf),
            Overlay::Input(f) => overlay::InputView {
                field: f,
                theme: *t,
            }
            .render(body, buf),
            Overlay::ConfirmFix(c) => overlay::ConfirmFixView {
                confirm: c,
                theme: *t,
            }
            .render(body, buf),
            Overlay::Context(panel) => context::ContextView {
                app,
                panel,
                theme: *t,
            }
            .render(body, buf),
            Overlay::Estimator(panel) => estimator::EstimatorView {
                app,
                panel,
                theme: *t,
            }
            .render(body, buf),
            Overlay::StageDiff(diff) => growth::GrowthView {
                app,
                diff,
                theme: *t,
            }
            .render(body, buf),
        }
        render_status(app, t, status, buf);
        render_footer(app, t, footer, buf);
    }
}

fn too_small(area: Rect, buf: &mut Buffer, t: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let msg = format!("window too small: need {MIN_WIDTH}x{MIN_HEIGHT}");
    let lines: Vec<Line> = widgets::wrap(&msg, area.width as usize)
        .into_iter()
        .chain(std::iter::once("q quits".to_string()))
        .map(|l| Line::from(Span::styled(l, t.error())).centered())
        .collect();
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + (area.height - h) / 2;
    Paragraph::new(lines).render(
        Rect {
            y,
            height: h,
            ..area
        },
        buf,
    );
}

fn render_header(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let mut left = vec![Span::styled(" napkin ", t.title())];
    if app.screen == Screen::Home || app.session.is_none() {
        left.push(Span::styled("· practise system design", t.dim()));
    } else {
        for (screen, pad, label) in header_tabs(app, width) {
            if screen == app.screen {
                if !pad.is_empty() {
                    left.push(Span::raw(pad));
                }
                left.push(Span::styled(label, t.selected()));
            } else {
                left.push(Span::styled(format!("{pad}{label}"), t.dim()));
            }
        }
    }
    let used: usize = left.iter().map(|s| s.content.chars().count()).sum();
    let room = width.saturating_sub(used + 1);
    let right = header_right(app)
        .into_iter()
        .find(|r| r.chars().count() <= room)
        .unwrap_or_default();
    let pad = width.saturating_sub(used + right.chars().count());
    left.push(Span::raw(" ".repeat(pad)));
    left.push(Span::styled(right, t.dim()));
    Paragraph::new(Line::from(left)).render(area, buf);
}

/// Width of the header's " napkin " title, before the tabs.
const TITLE_W: u16 = 8;

/// The session's screen tabs in the header: (screen, leading pad, label).
fn header_tabs(app: &App, width: usize) -> Vec<(Screen, String, String)> {
    let wide = width >= 100;
    // The follow-ups' tab shows once they can be asked.
    let followups = (crate::tui::followups::available(app) || app.screen == Screen::Followups)
        .then_some(Screen::Followups);
    // The mentor's tab shows only while the mentor view does.
    let mentor = (app.screen == Screen::Mentor).then_some(Screen::Mentor);
    Screen::SESSION
        .iter()
        .chain(followups.as_ref())
        .chain(mentor.as_ref())
        .enumerate()
        .map(|(i, s)| {
            // The mentor's tab is reached by its own key, not a number.
            let label = match s {
                Screen::Mentor => format!(
                    "{} {}",
                    app.keys
                        .first_key(&crate::tui::action::Action::ToggleMentor)
                        .unwrap_or_default(),
                    s.title()
                ),
                _ => format!("{} {}", i + 1, s.title()),
            };
            if *s == app.screen {
                let pad = if !wide && i > 0 { " " } else { "" };
                (*s, pad.to_string(), format!("[{label}]"))
            } else if wide {
                (*s, String::new(), format!(" {label} "))
            } else {
                (*s, String::new(), format!(" {label}"))
            }
        })
        .collect()
}

/// The brief's facts pane in a window of `area`, when the brief shows it.
fn facts_area(app: &App, area: Rect) -> Option<Rect> {
    if app.screen != Screen::Brief
        || app.pack().is_none()
        || app.session.is_none()
        || area.width < MIN_WIDTH
        || area.height < MIN_HEIGHT
    {
        return None;
    }
    let [_, _, body, _, _] = chrome(app, area);
    Some(brief::facts_area(body))
}

/// Where a click means something in a window of `area`, by the layout the
/// view draws: the header's tabs in a session, and each row shown of the
/// screen's list.
fn clicks(app: &App, area: Rect) -> Vec<(Rect, ClickTarget)> {
    let mut out = Vec::new();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return out;
    }
    let [header, _, body, _, _] = chrome(app, area);
    let in_session = app.screen != Screen::Home && app.session.is_some();
    if in_session {
        let mut at = header.x + TITLE_W;
        for (screen, pad, label) in header_tabs(app, area.width as usize) {
            let start = at + pad.chars().count() as u16;
            let end = start + label.chars().count() as u16;
            out.push((
                Rect::new(start, header.y, end - start, 1),
                ClickTarget::Screen(screen),
            ));
            at = end;
        }
    }
    // The list, its rows' heights, the selection (which decides the
    // scroll) and what a row is.
    type Row = fn(usize) -> ClickTarget;
    let list: Option<(Rect, Vec<usize>, usize, Row)> = match app.screen {
        Screen::Home => Some((
            home::scenario_list_area(app, body),
            vec![1; app.home.matches.len()],
            app.home.selected,
            ClickTarget::Scenario as Row,
        )),
        Screen::Brief => app.session.as_ref().and_then(|s| {
            let (list, heights) = brief::question_rows(app, body)?;
            Some((
                list,
                heights,
                s.brief.question_sel,
                ClickTarget::Question as Row,
            ))
        }),
        Screen::Design => app.session.as_ref().map(|s| {
            (
                editor::component_list_area(app, body),
                vec![1; s.design.components.len()],
                s.editor.comp_sel,
                ClickTarget::Component as Row,
            )
        }),
        _ => None,
    };
    if let Some((list, heights, sel, target)) = list {
        for row in 0..list.height {
            if let Some(i) = widgets::row_at(&heights, sel, list.height, row as usize) {
                out.push((Rect::new(list.x, list.y + row, list.width, 1), target(i)));
            }
        }
    }
    out
}

/// The header's right side, the status message, and (dirty, last save).
pub type TickFace = (
    Vec<String>,
    Option<(String, bool)>,
    Option<(bool, Option<u64>)>,
);

/// What a tick of the clock can change on screen: the clock and save state
/// in the header, the status line, and the save bookkeeping behind them.
/// The event loop redraws after a tick only when this differs, so an idle
/// session does not format every pane once a second.
pub fn tick_face(app: &App) -> TickFace {
    (
        header_right(app),
        app.message.as_ref().map(|m| (m.text.clone(), m.error)),
        app.session.as_ref().map(|s| (s.dirty, s.last_save_s)),
    )
}

/// The right side of the header, longest first; the first that fits is shown.
fn header_right(app: &App) -> Vec<String> {
    let Some(s) = app.session.as_ref().filter(|_| app.screen != Screen::Home) else {
        let n = app.lib.packs().len();
        return vec![format!("{n} scenario{} ", if n == 1 { "" } else { "s" })];
    };
    let save = match (&s.path, s.dirty, s.on_disk) {
        (None, _, _) => "autosave off",
        (Some(_), true, _) => "● modified",
        (Some(_), false, true) => "saved",
        (Some(_), false, false) => "new",
    };
    let Some(p) = app.pack() else {
        let name = truncate(&text::line(&s.design.name), 24);
        return vec![format!("{name} · {save} "), format!("{save} ")];
    };
    let stage = s
        .design
        .stage
        .as_ref()
        .and_then(|r| p.stage(r))
        .or(p.stages.first())
        .map(|st| text::line(&st.title))
        .unwrap_or_default();
    let time = interview::header_time(app)
        .unwrap_or_else(|| format!("{}/{}:00", clock(app.session_clock()), p.minutes));
    vec![
        format!("{} · {stage} · {time} · {save} ", p.id),
        format!("{stage} · {time} · {save} "),
        format!("{time} · {save} "),
        format!("{time} "),
    ]
}

fn render_score_bar(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    // An interview shows its phases and clock instead of live scores.
    if app.in_interview() {
        interview::render_bar(app, t, area, buf);
        return;
    }
    let Some(s) = app.session.as_ref() else {
        return;
    };
    let width = area.width as usize;
    // Longest first: full names and money, then short names, then less.
    let line = (0..4)
        .map(|level| score_spans(s, t, level))
        .find(|spans| {
            spans
                .iter()
                .map(|x| x.content.chars().count())
                .sum::<usize>()
                <= width
        })
        .unwrap_or_else(|| score_spans(s, t, 3));
    Paragraph::new(Line::from(line)).render(area, buf);
}

fn score_spans(s: &super::state::Session, t: &Theme, level: u8) -> Vec<Span<'static>> {
    let sc = &s.report.scores;
    let names: [&str; 5] = if level == 0 {
        [
            "over-engineering",
            "resilience",
            "consistency",
            "capacity",
            "discovery",
        ]
    } else {
        ["over-eng", "resil", "consist", "capac", "disc"]
    };
    let sep = if level <= 1 { " │ " } else { "  " };
    let mut spans = vec![
        Span::raw(" score "),
        Span::styled(sc.overall.to_string(), t.score(sc.overall)),
    ];
    let mut push = |name: &str, v: u32| {
        spans.push(Span::styled(sep.to_string(), t.dim()));
        spans.push(Span::raw(format!("{name} ")));
        spans.push(Span::styled(v.to_string(), t.score(v)));
    };
    push(names[0], sc.over_engineering);
    push(names[1], sc.resilience);
    push(names[2], sc.consistency);
    push(names[3], sc.capacity);
    if let Some(d) = sc.discovery {
        push(names[4], d);
    }
    let n = s.report.findings.len();
    spans.push(Span::styled(sep.to_string(), t.dim()));
    match s.report.worst() {
        Some(w) if level <= 2 => spans.push(Span::styled(
            format!(
                "{} {n} finding{}",
                editor::glyph(w),
                if n == 1 { "" } else { "s" }
            ),
            t.severity(w),
        )),
        Some(w) => spans.push(Span::styled(
            format!("{} {n}", editor::glyph(w)),
            t.severity(w),
        )),
        None => spans.push(Span::styled("no findings", t.ok())),
    }
    if level == 0 {
        let m = &s.report.metrics;
        spans.push(Span::styled(
            format!(" │ ${}/mo", crate::model::num::fmt(m.monthly_cost_usd)),
            t.dim(),
        ));
    }
    spans
}

fn render_status(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    if let Some(c) = app.cmdline.as_ref().and_then(|c| c.completion.as_ref()) {
        let mut spans = vec![Span::styled(" ", t.dim())];
        for (i, cand) in c.candidates.iter().enumerate() {
            let style = if i == c.index { t.selected() } else { t.dim() };
            spans.push(Span::styled(cand.clone(), style));
            spans.push(Span::raw(" "));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
        return;
    }
    let line = match &app.message {
        Some(m) if m.error => Line::from(vec![
            Span::styled(" error: ", t.error()),
            Span::styled(
                truncate(&text::line(&m.text), width.saturating_sub(8)),
                t.error(),
            ),
        ]),
        Some(m) => Line::from(Span::raw(format!(
            " {}",
            truncate(&text::line(&m.text), width.saturating_sub(1))
        ))),
        None => Line::from(Span::styled(
            format!(" {}", truncate(&idle_hint(app), width.saturating_sub(1))),
            t.dim(),
        )),
    };
    Paragraph::new(line).render(area, buf);
}

fn idle_hint(app: &App) -> String {
    let k = |a: &Action| app.keys.first_key(a).unwrap_or_else(|| "?".into());
    if matches!(app.overlay, Overlay::Context(_)) {
        return "the design's own figures win over the stage's; each change re-judges at once"
            .into();
    }
    if matches!(app.overlay, Overlay::Estimator(_)) {
        return "your figures are saved with the session and graded against the stage's own".into();
    }
    if matches!(app.overlay, Overlay::StageDiff(_)) {
        return "the same design, judged at the new stage".into();
    }
    if let Some(hint) = interview::idle_hint(app) {
        return hint;
    }
    match app.screen {
        Screen::Home => format!(
            "{} search · Enter practice · {} interview · {} help",
            k(&Action::Search),
            k(&Action::StartInterview),
            k(&Action::Help)
        ),
        Screen::Brief => "ask before you draw: Enter asks the selected question".into(),
        Screen::Design => match app.selected_finding() {
            Some(f)
                if app
                    .session
                    .as_ref()
                    .is_some_and(|s| s.editor.focus == super::state::Pane::Findings) =>
            {
                format!("→ {}", text::line(&f.suggestion))
            }
            _ if crate::tui::diagram_state::visible(app) => {
                if app
                    .session
                    .as_ref()
                    .is_some_and(|s| s.editor.focus == super::state::Pane::Diagram)
                {
                    "arrows pan · enter centres the selection · tab next pane".into()
                } else {
                    format!(
                        "{} pan · {} zoom · {} one flow · {} hides the diagram",
                        pan_keys(app),
                        k(&Action::CompactDiagram),
                        k(&Action::FocusFlow),
                        k(&Action::ToggleDiagram)
                    )
                }
            }
            _ => format!(
                "{} add · {} link · {} diagram · {} command line",
                k(&Action::AddComponent),
                k(&Action::Link),
                k(&Action::ToggleDiagram),
                k(&Action::CommandLine)
            ),
        },
        Screen::Decisions => "Enter chooses; the reasoning shows once you have chosen".into(),
        Screen::Report => format!(
            "{} reveals the reference design",
            k(&Action::RevealReference)
        ),
        Screen::Followups => {
            "answer, then run the drill on your design; :drill, :fail, :spike run any".into()
        }
        Screen::Mentor => format!(
            ":note TEXT notes the chosen finding; :note session TEXT, :note ID TEXT; :name TEXT names the attempt; {} hides this view",
            k(&Action::ToggleMentor)
        ),
    }
}

/// The four pan keys as one entry: `H/J/K/L`.
fn pan_keys(app: &App) -> String {
    let keys: Vec<String> = [
        Action::PanLeft,
        Action::PanDown,
        Action::PanUp,
        Action::PanRight,
    ]
    .iter()
    .filter_map(|a| app.keys.first_key(a))
    .collect();
    keys.join("/")
}

/// Footer entries for the diagram while it shows.
fn diagram_footer(app: &App) -> Vec<(Action, &'static str)> {
    let Some(s) = app
        .session
        .as_ref()
        .filter(|_| crate::tui::diagram_state::visible(app))
    else {
        return vec![(Action::ToggleDiagram, "diagram")];
    };
    let mut v = vec![
        (Action::ToggleDiagram, "hide diagram"),
        (Action::PanLeft, "pan"),
        (
            Action::CompactDiagram,
            if s.diagram.compact {
                "zoom in"
            } else {
                "zoom out"
            },
        ),
    ];
    if s.diagram.flow.is_some() {
        v.push((Action::FocusFlow, "next flow"));
        v.push((Action::Cancel, "all"));
    } else {
        v.push((Action::FocusFlow, "flow"));
    }
    v
}

/// The keys shown in the footer of each screen.
fn footer_actions(app: &App) -> Vec<(Action, &'static str)> {
    if !matches!(app.overlay, Overlay::None) {
        return match app.overlay {
            Overlay::Help { .. } => vec![(Action::MoveUp, "scroll"), (Action::Cancel, "close")],
            Overlay::ConfirmFix(_) => vec![(Action::Confirm, "apply"), (Action::Cancel, "cancel")],
            Overlay::Context(_) => vec![
                (Action::MoveUp, "move"),
                (Action::Confirm, "edit"),
                (Action::Delete, "clear"),
                (Action::Undo, "undo"),
                (Action::Cancel, "close"),
            ],
            Overlay::Estimator(_) => vec![
                (Action::MoveUp, "move"),
                (Action::Confirm, "enter"),
                (Action::Delete, "take back"),
                (Action::Cancel, "close"),
            ],
            Overlay::StageDiff(_) => vec![
                (Action::MoveDown, "scroll"),
                (Action::Cancel, "close"),
                (Action::CycleStage, "next stage"),
            ],
            _ => vec![],
        };
    }
    let mut v: Vec<(Action, &'static str)> = match app.screen {
        Screen::Home => vec![
            (Action::Search, "search"),
            (Action::MoveUp, "move"),
            (Action::Confirm, "open"),
            (Action::NextPane, "sessions"),
        ],
        // An interview has no list to move through: Tab gives the facts the keys.
        Screen::Brief if app.in_interview() => vec![
            (Action::Confirm, "ask"),
            (Action::NextPane, "facts"),
            (Action::PageDown, "scroll brief"),
        ],
        Screen::Brief => vec![
            (Action::MoveUp, "move"),
            (Action::Confirm, "ask"),
            (Action::PageDown, "scroll brief"),
        ],
        Screen::Design if crate::tui::diagram_state::visible(app) => {
            let mut v = diagram_footer(app);
            v.extend([
                (Action::NextPane, "pane"),
                (Action::AddComponent, "add"),
                (Action::Link, "link"),
                (Action::Undo, "undo"),
                (Action::ApplyFix, "fix"),
            ]);
            v
        }
        Screen::Design => vec![
            (Action::AddComponent, "add"),
            (Action::Link, "link"),
            (Action::Rename, "rename"),
            (Action::ReplicasUp, "+1"),
            (Action::ReplicasDown, "-1"),
            (Action::Delete, "del"),
            (Action::Undo, "undo"),
            (Action::ToggleDiagram, "diagram"),
            (Action::NextPane, "pane"),
            (Action::ApplyFix, "fix"),
        ],
        Screen::Decisions => vec![
            (Action::MoveUp, "move"),
            (Action::MoveRight, "options"),
            (Action::Confirm, "choose"),
        ],
        Screen::Report => {
            let mut v = vec![
                (Action::MoveUp, "scroll"),
                (Action::RevealReference, "reference"),
            ];
            v.extend(diagram_footer(app));
            v
        }
        Screen::Mentor => vec![
            (Action::MoveUp, "finding"),
            (Action::MoveRight, "attempt"),
            (Action::PageDown, "scroll"),
            (Action::ToggleMentor, "hide"),
        ],
        Screen::Followups => vec![
            (Action::Confirm, followups_step(app)),
            (Action::EditProps, "edit answer"),
            (Action::MoveLeft, "prev"),
            (Action::MoveRight, "next"),
            (Action::ScreenDesign, "design"),
        ],
    };
    if !app.revealed() {
        v.retain(|(a, _)| !matches!(a, Action::ApplyFix | Action::RevealReference));
    }
    if app.screen == Screen::Home {
        v.insert(3, (Action::StartInterview, "interview"));
    }
    if app.screen != Screen::Home {
        v.push((Action::NextScreen, "screen"));
        v.push((Action::CommandLine, "cmd"));
    }
    v.push((Action::Help, "help"));
    v.push((Action::Quit, "quit"));
    v
}

fn render_footer(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    if let Some(cl) = &app.cmdline {
        let width = area.width as usize;
        let text = format!(":{}", cl.text);
        // Keep the end of a long line visible.
        let n = text.chars().count();
        let shown: String = text.chars().skip((n + 2).saturating_sub(width)).collect();
        Paragraph::new(Line::from(vec![
            Span::raw(shown),
            Span::styled("█", t.key()),
        ]))
        .render(area, buf);
        return;
    }
    let text_field = app.text_mode();
    let mut spans = Vec::new();
    // The context screen's field takes one value: nothing to move through.
    // So does a follow-up's answer, saved whole by Enter.
    let keys: &[(&str, &str)] = if matches!(app.overlay, Overlay::Context(_))
        || (app.screen == Screen::Followups && app.cmdline.is_none())
    {
        &[("enter", "save"), ("esc", "cancel"), ("ctrl-u", "clear")]
    } else {
        &[
            ("enter", "choose"),
            ("esc", "cancel"),
            ("↑↓", "move"),
            ("ctrl-u", "clear"),
        ]
    };
    if text_field {
        for (k, label) in keys {
            spans.push(Span::styled(format!(" {k}"), t.key()));
            spans.push(Span::raw(format!(" {label} ")));
        }
    } else {
        for (a, label) in footer_actions(app) {
            // Up and down share one entry: `k/j move`; so do the pan keys.
            let key = match (
                &a,
                app.keys.first_key(&a),
                app.keys.first_key(&Action::MoveDown),
            ) {
                (Action::MoveUp, Some(u), Some(d)) => Some(format!("{u}/{d}")),
                (Action::PanLeft, Some(_), _) => Some(pan_keys(app)),
                (_, k, _) => k,
            };
            if let Some(k) = key {
                spans.push(Span::styled(format!(" {k}"), t.key()));
                spans.push(Span::raw(format!(" {label} ")));
            }
        }
    }
    // Drop whole entries that do not fit.
    let mut width = 0usize;
    let mut kept = Vec::new();
    for pair in spans.chunks(2) {
        let w: usize = pair.iter().map(|s| s.content.chars().count()).sum();
        if width + w > area.width as usize {
            break;
        }
        width += w;
        kept.extend(pair.iter().cloned());
    }
    Paragraph::new(Line::from(kept)).render(area, buf);
}

/// Draws a centred box with a title, clearing what is under it; returns the inside.
pub(crate) fn modal(area: Rect, buf: &mut Buffer, w: u16, h: u16, title: &str, t: &Theme) -> Rect {
    let r = centered(area, w, h);
    ratatui::widgets::Clear.render(r, buf);
    let block = widgets::pane(Span::styled(format!(" {title} "), t.title()), true, t);
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

/// What Enter does next on the follow-ups screen.
fn followups_step(app: &App) -> &'static str {
    let Some(d) = crate::tui::followups::current(app) else {
        return "ok";
    };
    let ran = app
        .session
        .as_ref()
        .and_then(|s| s.followups.run.as_ref())
        .is_some_and(|r| r.drill.as_deref() == Some(d.id.as_str()));
    if ran {
        "next follow-up"
    } else if crate::tui::followups::answer(app, &d.id).is_some_and(|a| !a.answer.is_empty()) {
        "run the drill"
    } else {
        "answer"
    }
}
