//! The app's state: pure data. Everything the screens show is derived from
//! an [`App`]; only [`super::update::update`] changes it.

use super::keys::Keymap;
use crate::engine::price::{PricedFix, price};
use crate::engine::report::{Finding, Report};
use crate::engine::{AnalysisOptions, analyze};
use crate::io::Library;
use crate::model::design::SessionLog;
use crate::model::{Design, Pack, StageRef};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Most snapshots kept for undo.
pub const UNDO_LIMIT: usize = 200;

/// Seconds between autosaves while editing.
pub const AUTOSAVE_EVERY_S: u64 = 2;

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Scenarios and recent sessions.
    Home,
    /// The brief and clarifying questions.
    Brief,
    /// The design editor.
    Design,
    /// Constraint prompts.
    Decisions,
    /// Scores, findings and the reference design.
    Report,
    /// The interviewer's follow-ups (the pack's drills), after the first
    /// report; not in [`Screen::SESSION`], its tab shows once they start.
    Followups,
    /// The mentor view (`--mentor`): hidden facts, rubric, model answers,
    /// notes and the diff against an earlier attempt; its tab shows only
    /// while it does.
    Mentor,
}

impl Screen {
    /// The screens of a session, in tab order.
    pub const SESSION: [Screen; 4] = [
        Screen::Brief,
        Screen::Design,
        Screen::Decisions,
        Screen::Report,
    ];

    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Home => "Home",
            Screen::Brief => "Brief",
            Screen::Design => "Design",
            Screen::Decisions => "Decisions",
            Screen::Report => "Report",
            Screen::Followups => "Follow-ups",
            Screen::Mentor => "Mentor",
        }
    }
}

/// Panes of the design editor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    /// The list of components.
    #[default]
    Components,
    /// The selected component's fields, props, stores and links.
    Inspector,
    /// The live findings.
    Findings,
    /// The diagram, when it replaces the inspector.
    Diagram,
}

/// Panes of the home screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HomePane {
    /// The scenario list (and its search).
    #[default]
    Scenarios,
    /// Recent sessions.
    Sessions,
}

/// A saved session listed on the home screen.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionEntry {
    /// The session file.
    pub path: PathBuf,
    /// Its design, as loaded.
    pub design: Design,
    /// Overall score when listed.
    pub score: Option<u32>,
    /// When it was last saved, as text ("3 min ago").
    pub when: String,
    /// The file's fingerprint when listed (two writers).
    pub fingerprint: Option<u64>,
}

/// A scenario matching the home search, with the matched characters.
#[derive(Debug, Clone, PartialEq)]
pub struct PackMatch {
    /// Index into the library's packs.
    pub index: usize,
    /// Character positions in the pack id that matched.
    pub highlight: Vec<usize>,
}

/// The home screen.
#[derive(Debug, Clone, Default)]
pub struct HomeState {
    /// The search text.
    pub query: String,
    /// The search field has the focus.
    pub searching: bool,
    /// Scenarios matching the search, best first.
    pub matches: Vec<PackMatch>,
    /// Index into `matches`.
    pub selected: usize,
    /// Which list has the focus.
    pub focus: HomePane,
    /// Saved sessions, newest first.
    pub sessions: Vec<SessionEntry>,
    /// Index into `sessions`.
    pub session_sel: usize,
    /// The level new sessions are judged at.
    pub level: crate::model::level::Level,
    /// Finished sessions recorded under the home folder, oldest first.
    pub history: Vec<crate::io::history::Attempt>,
}

/// One row of a fuzzy palette.
#[derive(Debug, Clone, PartialEq)]
pub struct PaletteItem {
    /// What choosing it yields (a kind id, a component id).
    pub value: String,
    /// What is shown and searched.
    pub text: String,
    /// Lines shown while it is highlighted.
    pub detail: Vec<String>,
}

/// What a palette is choosing.
#[derive(Debug, Clone, PartialEq)]
pub enum PalettePurpose {
    /// Pick a kind to add.
    AddComponent,
    /// Pick the other end of a link.
    LinkTarget {
        /// The caller.
        from: String,
    },
    /// Pick a new kind for a component.
    ChangeKind {
        /// The component to change.
        component: String,
    },
}

/// A fuzzy picker overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// What choosing does.
    pub purpose: PalettePurpose,
    /// Shown on the border.
    pub title: String,
    /// The fuzzy search text.
    pub query: String,
    /// Everything it can choose.
    pub items: Vec<PaletteItem>,
    /// Matching items (index, highlighted character positions), best first.
    pub matches: Vec<(usize, Vec<usize>)>,
    /// Index into `matches`.
    pub selected: usize,
}

impl Palette {
    /// A palette over `items`, showing all of them.
    pub fn new(
        purpose: PalettePurpose,
        title: impl Into<String>,
        items: Vec<PaletteItem>,
    ) -> Palette {
        let mut p = Palette {
            purpose,
            title: title.into(),
            query: String::new(),
            items,
            matches: Vec::new(),
            selected: 0,
        };
        p.refilter();
        p
    }

    /// Recomputes the matches for the query.
    pub fn refilter(&mut self) {
        let texts: Vec<&str> = self.items.iter().map(|i| i.text.as_str()).collect();
        self.matches = fuzzy_filter(&texts, &self.query);
        self.selected = 0;
    }

    /// The highlighted item.
    pub fn current(&self) -> Option<&PaletteItem> {
        self.matches
            .get(self.selected)
            .and_then(|(i, _)| self.items.get(*i))
    }
}

/// Fuzzy-matches `query` against `texts`: (index, matched char positions),
/// best first; everything in order when the query is empty.
pub fn fuzzy_filter(texts: &[&str], query: &str) -> Vec<(usize, Vec<usize>)> {
    let q = query.trim();
    if q.is_empty() {
        return (0..texts.len()).map(|i| (i, Vec::new())).collect();
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize, Vec<usize>)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| matcher.fuzzy_indices(t, q).map(|(s, idx)| (s, i, idx)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i, idx)| (i, idx)).collect()
}

/// What a one-line input overlay edits.
#[derive(Debug, Clone, PartialEq)]
pub enum InputPurpose {
    /// A new id for a component.
    Rename {
        /// The component.
        component: String,
    },
    /// A replica count.
    Replicas {
        /// The component.
        component: String,
    },
    /// A question typed to the interviewer (interview mode).
    Ask,
    /// A prop value (empty: back to the default).
    Prop {
        /// The component.
        component: String,
        /// The prop.
        prop: String,
    },
}

/// A one-line text input overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct InputField {
    /// What Enter does with the text.
    pub purpose: InputPurpose,
    /// Shown on the border.
    pub title: String,
    /// The text typed so far.
    pub text: String,
    /// Shown under the field (allowed values, default).
    pub hint: String,
}

/// Tab completion in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    /// Byte offset of the word being completed.
    pub start: usize,
    /// Every candidate, best first.
    pub candidates: Vec<String>,
    /// The one in the line now.
    pub index: usize,
}

/// The `:` command line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommandLine {
    /// Text after the colon.
    pub text: String,
    /// Tab completion in progress.
    pub completion: Option<Completion>,
    /// Position while browsing history with up/down.
    pub history_pos: Option<usize>,
}

/// What covers the screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Overlay {
    /// Nothing.
    #[default]
    None,
    /// Every key and command.
    Help {
        /// Lines scrolled.
        scroll: usize,
    },
    /// A fuzzy picker.
    Palette(Palette),
    /// A one-line input.
    Input(InputField),
    /// A fix about to be applied: the finding it answers and what it costs,
    /// shown before the design changes (Enter applies, Esc cancels).
    ConfirmFix(Box<ConfirmFix>),
    /// The context screen: every figure judged against, where it comes
    /// from, and an inline editor for the design's own value.
    Context(ContextPanel),
    /// The estimator: the candidate's figures and, once shown, their grades.
    Estimator(super::estimator::EstimatorPanel),
    /// What changed when the session moved to another stage.
    StageDiff(Box<super::growth::StageDiff>),
}

/// The context screen's place: the selected figure and the edit in progress.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContextPanel {
    /// Index into [`crate::model::FIGURES`].
    pub selected: usize,
    /// The text typed for the selected figure while it is being edited.
    pub editing: Option<String>,
    /// Why the last value typed was refused, shown under the figures.
    pub error: Option<String>,
}

/// What the fix confirmation shows. Everything in it is the engine's: the
/// finding from the report, the trade-off from pricing the one fix.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmFix {
    /// The finding the fix answers.
    pub finding: crate::engine::report::Finding,
    /// The fix priced: score changes and monthly cost, when it could be priced.
    pub priced: Option<crate::engine::price::PricedFix>,
}

/// The status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// Shown as an error.
    pub error: bool,
}

/// A row of the inspector.
#[derive(Debug, Clone, PartialEq)]
pub enum InspectorRow {
    /// The id (Enter renames).
    Id,
    /// The kind (Enter changes it).
    Kind,
    /// Replicas (Enter types a number).
    Replicas,
    /// Managed or self-hosted (Enter toggles).
    Managed,
    /// A catalog prop (Enter toggles, cycles or edits).
    Prop(String),
    /// Whether it stores an entity (Enter toggles).
    Store(String),
    /// A link to another component (Enter toggles sync/async).
    LinkOut(String),
    /// A link from another component (Enter toggles sync/async).
    LinkIn(String),
}

/// A design before an edit, and what the edit did.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    /// The edit that takes the design back (or, on the redo stack, forward).
    pub edit: crate::model::Edit,
    /// The edit's message, shown on undo and redo.
    pub label: String,
}

/// The pack's reference design, once revealed.
pub type Reference = super::action::LoadedReference;

/// The brief screen's place.
#[derive(Debug, Clone, Default)]
pub struct BriefState {
    /// Selected question.
    pub question_sel: usize,
    /// Lines scrolled in the brief.
    pub brief_scroll: usize,
    /// Lines scrolled in the facts pane.
    pub facts_scroll: usize,
    /// The facts pane has the keys (Tab switches), not the question list.
    pub facts_focus: bool,
}

/// The most lines a brief pane scrolls: the view stops at the last line
/// anyway; this keeps a held key from running far past it.
const MAX_SCROLL: usize = 200;

impl BriefState {
    /// Scrolls the facts pane by `lines`, towards the end when `down`.
    pub fn scroll_facts(&mut self, down: bool, lines: usize) {
        self.facts_scroll = if down {
            (self.facts_scroll + lines).min(MAX_SCROLL)
        } else {
            self.facts_scroll.saturating_sub(lines)
        };
    }
}

/// The design editor's place.
#[derive(Debug, Clone, Default)]
pub struct EditorState {
    /// The editor pane with the focus.
    pub focus: Pane,
    /// Selected component.
    pub comp_sel: usize,
    /// Selected inspector row.
    pub insp_sel: usize,
    /// Selected finding.
    pub finding_sel: usize,
}

/// The decisions screen's place.
#[derive(Debug, Clone, Default)]
pub struct DecisionsState {
    /// Selected prompt.
    pub prompt_sel: usize,
    /// Highlighted option of the selected prompt.
    pub option_sel: usize,
    /// The options list has the focus.
    pub options_focus: bool,
}

/// The report screen's place and the reference comparison.
#[derive(Debug, Clone, Default)]
pub struct ReportViewState {
    /// Lines scrolled in the report's findings.
    pub report_scroll: usize,
    /// The reference design, once loaded.
    pub reference: Option<Reference>,
    /// The report shows the comparison.
    pub show_reference: bool,
    /// Why the reference could not be loaded.
    pub reference_error: Option<String>,
}

/// A practice or editing session on one design.
#[derive(Debug, Clone)]
pub struct Session {
    /// The design being edited.
    pub design: Design,
    /// The interview clock's place (used when the design records an interview).
    pub interview: super::interview_mode::Live,
    /// Where autosave writes; `None` when there is no home folder.
    pub path: Option<PathBuf>,
    /// The engine's judgement of `design`, refreshed on every edit.
    pub report: Report,
    /// The report's fixes with their price (each re-runs the engine), worked
    /// out when the Report screen is shown; `None` until then or after an edit.
    pub fixes: Option<Vec<PricedFix>>,
    /// Earlier designs, newest last.
    pub undo: Vec<Undo>,
    /// Undone designs, newest last.
    pub redo: Vec<Undo>,
    /// Changed since the last save.
    pub dirty: bool,
    /// App clock at the last save.
    pub last_save_s: Option<u64>,
    /// The file holds this design (resumed, opened, or saved since).
    pub on_disk: bool,
    /// The fingerprint of the session's file as napkin last read or wrote
    /// it; a save first checks the file still has it (two writers).
    pub disk: Option<u64>,
    /// The fingerprint of the write in flight to the session's file.
    pub writing: Option<u64>,
    /// The text of the session's file as napkin last read or wrote it, for
    /// files opened with `napkin open`: saves keep its comments and layout
    /// wherever the edits do not reach (see `io::preserve`).
    pub source: Option<String>,
    /// The text of the write in flight to the session's file.
    pub writing_text: Option<String>,
    /// The file napkin did not write was copied to a `.bak` before its
    /// first save.
    pub backed_up: bool,
    /// The file another writer changed, after a save went to a copy.
    pub conflict: Option<PathBuf>,
    /// App clock when the session opened.
    pub opened_at_s: u64,
    /// Session seconds already spent before it was opened (resume).
    pub base_elapsed_s: u64,
    /// The brief screen: the selected question and the scroll.
    pub brief: BriefState,
    /// The design editor: the focused pane and the selections.
    pub editor: EditorState,
    /// The decisions screen: the selected prompt and option.
    pub decisions: DecisionsState,
    /// The report screen: the scroll and the reference comparison.
    pub report_view: ReportViewState,
    /// The diagram: shown or not, zoom, flow focus, pan, cached layout.
    pub diagram: super::diagram_state::DiagramState,
    /// The interviewer's follow-ups: the one asked, the answer being
    /// typed, the last drill run.
    pub followups: super::followups::Followups,
    /// The level report, kept for the design it was worked out for.
    pub progress: super::progress::Cache,
}

/// What a mouse click lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClickTarget {
    /// A screen tab in the header.
    Screen(Screen),
    /// A row of the home screen's scenario list (index into the matches).
    Scenario(usize),
    /// A row of the brief's question list.
    Question(usize),
    /// A row of the editor's component list.
    Component(usize),
}

/// Where the last frame drew what clicks and panning need. The view records
/// it as it draws; update reads it and never lays out the screen itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Geometry {
    /// The places a click means something, and what.
    pub clicks: Vec<(ratatui::layout::Rect, ClickTarget)>,
    /// The diagram's inner area, when it shows.
    pub diagram: Option<ratatui::layout::Rect>,
    /// The brief's facts pane, when it shows (the wheel scrolls it).
    pub facts: Option<ratatui::layout::Rect>,
}

impl Geometry {
    /// What a click at (`x`, `y`) lands on.
    pub fn click(&self, x: u16, y: u16) -> Option<ClickTarget> {
        let at = ratatui::layout::Position { x, y };
        self.clicks
            .iter()
            .find(|(r, _)| r.contains(at))
            .map(|(_, t)| *t)
    }
}

/// The whole app.
#[derive(Debug, Clone)]
pub struct App {
    /// Catalog and packs.
    pub lib: Library,
    /// Key bindings.
    pub keys: Keymap,
    /// The screen showing.
    pub screen: Screen,
    /// The home screen's state.
    pub home: HomeState,
    /// The open session, if any.
    pub session: Option<Session>,
    /// What covers the screen.
    pub overlay: Overlay,
    /// The `:` line while open.
    pub cmdline: Option<CommandLine>,
    /// Commands run, oldest first.
    pub history: Vec<String>,
    /// The status line.
    pub message: Option<Message>,
    /// Seconds since the app started (from `Tick`).
    pub now_s: u64,
    /// Where new sessions are saved; `None` without a home folder.
    pub sessions_dir: Option<PathBuf>,
    /// File names already used in the sessions folder.
    pub taken: BTreeSet<String>,
    /// Set once quitting has begun.
    pub quitting: bool,
    /// Problems found at start-up (keys.yaml, user packs), listed in help.
    pub warnings: Vec<String>,
    /// The terminal's columns and rows (from `Action::Resize`), so moves
    /// that depend on a pane's size, such as panning, can be computed.
    pub term_size: (u16, u16),
    /// The last frame's geometry, written by the view while it draws (it
    /// only has `&App`), read by update.
    pub geometry: std::cell::RefCell<Geometry>,
    /// Seeds the order interviews deal prompt options in (set at start-up
    /// from the time; 0 in tests).
    pub seed: u32,
    /// Unix time when the app started (0 in tests): `now_s` after it dates
    /// the records of finished sessions.
    pub epoch_s: u64,
    /// The mentor view, when napkin was started with `--mentor`.
    pub mentor: Option<super::mentor::MentorState>,
}

impl App {
    /// A new app on the home screen.
    pub fn new(
        lib: Library,
        keys: Keymap,
        sessions_dir: Option<PathBuf>,
        sessions: Vec<SessionEntry>,
    ) -> App {
        let taken = sessions
            .iter()
            .filter_map(|s| s.path.file_name().map(|n| n.to_string_lossy().to_string()))
            .collect();
        let mut app = App {
            lib,
            keys,
            screen: Screen::Home,
            home: HomeState {
                sessions,
                ..HomeState::default()
            },
            session: None,
            overlay: Overlay::None,
            cmdline: None,
            history: Vec::new(),
            message: None,
            now_s: 0,
            sessions_dir,
            taken,
            quitting: false,
            warnings: Vec::new(),
            term_size: (80, 24),
            geometry: Default::default(),
            seed: 0,
            epoch_s: 0,
            mentor: None,
        };
        app.refilter_home();
        app
    }

    /// Shows an informational message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    /// Shows an error message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// True when a text field has the keyboard.
    pub fn text_mode(&self) -> bool {
        self.cmdline.is_some()
            || matches!(self.overlay, Overlay::Palette(_) | Overlay::Input(_))
            || matches!(&self.overlay, Overlay::Context(p) if p.editing.is_some())
            || matches!(&self.overlay, Overlay::Estimator(p) if p.editing.is_some())
            || (self.screen == Screen::Home && self.home.searching)
            || (self.screen == Screen::Followups
                && self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.followups.editing.is_some()))
    }

    /// The pack of the current session.
    pub fn pack(&self) -> Option<&Pack> {
        let id = self.session.as_ref()?.design.scenario.as_deref()?;
        self.lib.pack(id).map(|p| &p.pack)
    }

    /// Seconds into the current session.
    pub fn session_clock(&self) -> u64 {
        self.session
            .as_ref()
            .map(|s| s.base_elapsed_s + self.now_s.saturating_sub(s.opened_at_s))
            .unwrap_or(0)
    }

    /// Re-filters the scenario list for the home query.
    pub fn refilter_home(&mut self) {
        let ids: Vec<&str> = self
            .lib
            .packs()
            .iter()
            .map(|p| p.pack.id.as_str())
            .collect();
        let titles: Vec<String> = self
            .lib
            .packs()
            .iter()
            .map(|p| format!("{} {}", p.pack.id, p.pack.title))
            .collect();
        let q = self.home.query.trim();
        self.home.matches = if q.is_empty() {
            (0..ids.len())
                .map(|index| PackMatch {
                    index,
                    highlight: Vec::new(),
                })
                .collect()
        } else {
            // Search id and title; highlight only what falls inside the id.
            let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
            fuzzy_filter(&refs, q)
                .into_iter()
                .map(|(index, idx)| {
                    let n = ids.get(index).map(|s| s.chars().count()).unwrap_or(0);
                    PackMatch {
                        index,
                        highlight: idx.into_iter().filter(|&i| i < n).collect(),
                    }
                })
                .collect()
        };
        if self.home.selected >= self.home.matches.len() {
            self.home.selected = self.home.matches.len().saturating_sub(1);
        }
    }

    /// The next free session file for a scenario: `<scenario>-<n>.napkin.yaml`.
    pub fn next_session_path(&self, scenario: &str) -> Option<PathBuf> {
        let dir = self.sessions_dir.as_ref()?;
        let name = (1..)
            .map(|n| format!("{scenario}-{n}.napkin.yaml"))
            .find(|name| !self.taken.contains(name))?;
        Some(dir.join(name))
    }

    /// Starts a practice session on a pack.
    pub fn start_practice(&mut self, scenario: &str) -> Result<(), String> {
        let Some(lp) = self.lib.pack(scenario) else {
            let hint = crate::tui::edit::suggest(
                scenario,
                self.lib
                    .packs()
                    .iter()
                    .map(|p| (p.pack.id.as_str(), p.pack.id.as_str())),
            )
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
            return Err(format!("unknown scenario `{scenario}`{hint}"));
        };
        let pack = &lp.pack;
        let design = Design {
            name: format!("Practice: {}", crate::text::line(&pack.title)),
            scenario: Some(pack.id.clone()),
            stage: pack.stages.first().map(|s| StageRef::Id(s.id.clone())),
            session: Some(SessionLog::default()),
            ..Design::default()
        };
        let path = self.next_session_path(&pack.id);
        if let Some(name) = path.as_ref().and_then(|p| p.file_name()) {
            self.taken.insert(name.to_string_lossy().to_string());
        }
        self.open_design(design, path);
        self.screen = Screen::Brief;
        super::progress::set_level(self, self.home.level);
        Ok(())
    }

    /// Opens a design (new, resumed or from a file) for editing.
    pub fn open_design(&mut self, mut design: Design, path: Option<PathBuf>) {
        let base = design
            .session
            .as_ref()
            .and_then(|s| s.elapsed_s)
            .unwrap_or(0);
        if design.scenario.is_some() && design.session.is_none() {
            design.session = Some(SessionLog::default());
        }
        let report = self.judge(&design);
        self.session = Some(Session {
            design,
            interview: super::interview_mode::Live::at(self.now_s),
            path,
            report,
            undo: Vec::new(),
            redo: Vec::new(),
            dirty: false,
            last_save_s: None,
            on_disk: false,
            disk: None,
            writing: None,
            source: None,
            writing_text: None,
            backed_up: false,
            conflict: None,
            opened_at_s: self.now_s,
            base_elapsed_s: base,
            brief: BriefState::default(),
            editor: EditorState::default(),
            decisions: DecisionsState::default(),
            report_view: ReportViewState::default(),
            fixes: None,
            diagram: Default::default(),
            followups: Default::default(),
            progress: Default::default(),
        });
        self.overlay = Overlay::None;
        self.cmdline = None;
        self.screen = if self.pack().is_some() {
            Screen::Brief
        } else {
            Screen::Design
        };
        self.sync_option_sel();
    }

    /// Judges a design with the library.
    pub fn judge(&self, design: &Design) -> Report {
        let pack = design
            .scenario
            .as_deref()
            .and_then(|id| self.lib.pack(id))
            .map(|p| &p.pack);
        analyze(design, &self.lib.catalog, pack, &AnalysisOptions::default())
    }

    /// Prices the current report's fixes unless already done. Costs one
    /// engine run per distinct fix, so it runs for the Report screen only.
    pub fn price_fixes(&mut self) {
        let Some(s) = self.session.as_ref() else {
            return;
        };
        if s.fixes.is_some() {
            return;
        }
        let pack = s
            .design
            .scenario
            .as_deref()
            .and_then(|id| self.lib.pack(id))
            .map(|p| &p.pack);
        let fixes = price(
            &s.design,
            &self.lib.catalog,
            pack,
            &AnalysisOptions::default(),
            &s.report,
        );
        if let Some(s) = self.session.as_mut() {
            s.fixes = Some(fixes);
        }
    }

    /// Re-scores the current design and keeps selections in range.
    pub fn rescore(&mut self) {
        let Some(design) = self.session.as_ref().map(|s| &s.design) else {
            return;
        };
        let report = self.judge(design);
        let reference = super::mentor::rejudged_reference(self, &report);
        let rows = self.inspector_rows().len();
        let on_report = self.screen == Screen::Report;
        if let Some(s) = self.session.as_mut() {
            s.report = report;
            s.fixes = None;
            s.editor.comp_sel = s
                .editor
                .comp_sel
                .min(s.design.components.len().saturating_sub(1));
            s.editor.finding_sel = s
                .editor
                .finding_sel
                .min(s.report.findings.len().saturating_sub(1));
            s.editor.insp_sel = s.editor.insp_sel.min(rows.saturating_sub(1));
            s.diagram.refresh(&s.report.flows);
            // A drill's outcome was for the design before the edit.
            s.followups.run = None;
            if let (Some(r), Some(report)) = (s.report_view.reference.as_mut(), reference) {
                r.report = report;
            }
        }
        if on_report {
            self.price_fixes();
        }
    }

    /// Puts the option cursor of the decisions screen on the chosen option.
    pub fn sync_option_sel(&mut self) {
        let chosen = self.pack().and_then(|p| {
            let s = self.session.as_ref()?;
            let pr = p.prompts.get(s.decisions.prompt_sel)?;
            let ans = s.design.answers.get(&pr.id)?;
            let chosen = pr.options.iter().position(|o| o.id == *ans)?;
            self.option_order(pr).iter().position(|i| *i == chosen)
        });
        if let Some(s) = self.session.as_mut() {
            s.decisions.option_sel = chosen.unwrap_or(0);
        }
    }

    /// The selected component's id.
    pub fn selected_component(&self) -> Option<&str> {
        let s = self.session.as_ref()?;
        s.design
            .components
            .get(s.editor.comp_sel)
            .map(|c| c.id.as_str())
    }

    /// The selected finding.
    pub fn selected_finding(&self) -> Option<&Finding> {
        // An interview shows no findings before wrap-up.
        let s = self.session.as_ref().filter(|_| self.revealed())?;
        s.report.findings.get(s.editor.finding_sel)
    }

    /// Components named by the selected finding while the findings pane has
    /// the focus: the list highlights them.
    pub fn highlighted(&self) -> BTreeSet<String> {
        match (&self.session, self.selected_finding()) {
            (Some(s), Some(f)) if s.editor.focus == Pane::Findings => {
                f.components.iter().cloned().collect()
            }
            _ => BTreeSet::new(),
        }
    }

    /// The inspector rows of the selected component.
    pub fn inspector_rows(&self) -> Vec<InspectorRow> {
        let Some(s) = self.session.as_ref() else {
            return Vec::new();
        };
        let Some(c) = s.design.components.get(s.editor.comp_sel) else {
            return Vec::new();
        };
        let mut rows = vec![
            InspectorRow::Id,
            InspectorRow::Kind,
            InspectorRow::Replicas,
            InspectorRow::Managed,
        ];
        if let Some(k) = self.lib.catalog.get(&c.kind) {
            rows.extend(k.props.keys().map(|p| InspectorRow::Prop(p.clone())));
        }
        // Props set in the file that the kind does not list stay visible.
        for p in c.props.keys() {
            if !rows.contains(&InspectorRow::Prop(p.clone())) {
                rows.push(InspectorRow::Prop(p.clone()));
            }
        }
        let mut ents = super::edit::entities(&s.design, self.pack());
        for e in &c.stores {
            if !ents.contains(e) {
                ents.push(e.clone());
            }
        }
        rows.extend(ents.into_iter().map(InspectorRow::Store));
        rows.extend(
            s.design
                .links
                .iter()
                .filter(|l| l.from == c.id)
                .map(|l| InspectorRow::LinkOut(l.to.clone())),
        );
        rows.extend(
            s.design
                .links
                .iter()
                .filter(|l| l.to == c.id)
                .map(|l| InspectorRow::LinkIn(l.from.clone())),
        );
        rows
    }

    /// The session's screen tabs are reachable.
    pub fn in_session(&self) -> bool {
        self.session.is_some()
    }
}
