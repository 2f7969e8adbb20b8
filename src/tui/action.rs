//! The vocabulary of the app: everything a key, a `:` command, the clock or
//! the runtime can ask for is one [`Action`]. Bindable actions have stable
//! kebab-case names (`move-up`, `add-component`, `undo`) used by `keys.yaml`.

use crate::engine::report::Report;
use crate::model::Design;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One thing the user (or the runtime) wants done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Select the previous row.
    MoveUp,
    /// Select the next row.
    MoveDown,
    /// Previous pane or option.
    MoveLeft,
    /// Next pane or option.
    MoveRight,
    /// Scroll or move a page up.
    PageUp,
    /// Scroll or move a page down.
    PageDown,
    /// First row.
    Top,
    /// Last row.
    Bottom,
    /// Focus the next pane (completes in the command line).
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open, ask, choose or activate the selected thing.
    Confirm,
    /// Close the overlay or leave the field.
    Cancel,
    /// The brief and clarifying questions.
    ScreenBrief,
    /// The design editor.
    ScreenDesign,
    /// The constraint prompts.
    ScreenDecisions,
    /// The report.
    ScreenReport,
    /// The interviewer's follow-ups, after the first report.
    ScreenFollowups,
    /// Show or hide the mentor view (started with `--mentor`).
    ToggleMentor,
    /// The next screen of the session.
    NextScreen,
    /// The previous screen of the session.
    PrevScreen,
    /// Show every key.
    Help,
    /// Open the `:` command line.
    CommandLine,
    /// Search scenarios (home screen).
    Search,
    /// Save and quit.
    Quit,
    /// Add a component from the catalog.
    AddComponent,
    /// Rename the selected component.
    Rename,
    /// One more replica.
    ReplicasUp,
    /// One replica fewer.
    ReplicasDown,
    /// Delete the selected component or link.
    Delete,
    /// Link the selected component to another.
    Link,
    /// Toggle managed / self-hosted.
    ToggleManaged,
    /// Edit the entities the selected component stores.
    EditStores,
    /// Edit props in the inspector.
    EditProps,
    /// Change the kind of the selected component.
    ChangeKind,
    /// Apply the selected finding's suggested fix.
    ApplyFix,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Judge the design at the next stage of the scenario.
    CycleStage,
    /// The context screen: the figures judged against, and where each
    /// comes from, to see and edit them in one place.
    EditContext,
    /// Reveal or hide the pack's reference design (report).
    RevealReference,
    /// Show or hide the diagram (design editor and report).
    ToggleDiagram,
    /// Zoom the diagram out to compact boxes, or back in.
    CompactDiagram,
    /// Show only the next critical flow's components in the diagram.
    FocusFlow,
    /// Pan the diagram left.
    PanLeft,
    /// Pan the diagram down.
    PanDown,
    /// Pan the diagram up.
    PanUp,
    /// Pan the diagram right.
    PanRight,
    /// Delete the character before the cursor in a text field.
    Backspace,
    /// Clear a text field.
    ClearLine,
    /// Start the selected scenario as an interview (home screen).
    StartInterview,
    /// Stop or restart an interview's clock.
    TogglePause,
    /// Move an interview on to its next phase.
    NextPhase,
    /// The estimator: back-of-the-envelope figures, graded against the
    /// stage's real ones.
    OpenEstimator,
    /// Choose the level the next session is judged at (home screen).
    CycleLevel,
    /// A typed character in a text field. Not bindable.
    #[serde(skip)]
    Input(char),
    /// Pasted text. Not bindable.
    #[serde(skip)]
    Paste(String),
    /// The clock: seconds since the app started. Not bindable.
    #[serde(skip)]
    Tick(u64),
    /// A write finished (`error` is `None` on success). Not bindable.
    #[serde(skip)]
    Saved {
        /// The file written.
        path: PathBuf,
        /// Why the write failed, if it did.
        error: Option<String>,
        /// It was the session's own file (autosave, `:w`, quit).
        autosave: bool,
    },
    /// Someone else wrote the session's file since napkin read it; the
    /// user's version went to `copy` (or could not be written). Not bindable.
    #[serde(skip)]
    SaveConflict {
        /// The session's file, left as the other writer left it.
        path: PathBuf,
        /// Where the user's version was written, or why it was not.
        copy: Result<PathBuf, String>,
    },
    /// A design file was read again for `:reload`, with its fingerprint.
    /// Not bindable.
    #[serde(skip)]
    Reloaded {
        /// The file.
        path: PathBuf,
        /// The design, the file's fingerprint and its text, or why it
        /// could not be read.
        result: Result<Box<(crate::model::Design, u64, String)>, String>,
    },
    /// The pack's reference design was read. Not bindable.
    #[serde(skip)]
    ReferenceLoaded(Result<Box<LoadedReference>, String>),
    /// The terminal's size, at start and on every resize. Not bindable.
    #[serde(skip)]
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// A left mouse click at a cell. Not bindable.
    #[serde(skip)]
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// A turn of the mouse wheel at a cell: it scrolls the pane under the
    /// pointer where that pane scrolls, else moves through the list as the
    /// arrow keys do. Not bindable.
    #[serde(skip)]
    Wheel {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
        /// Towards the end (down) rather than the start.
        down: bool,
    },
}

/// A reference design and its report, loaded on request.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedReference {
    /// The reference file, relative to its pack.
    pub file: String,
    /// The pack's one-line summary of it.
    pub summary: String,
    /// The reference design.
    pub design: Design,
    /// Its judgement at the session's stage.
    pub report: Report,
}

/// Where an action is useful; groups the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere.
    Global,
    /// Moving around lists and panes.
    Navigation,
    /// The design editor.
    Editor,
    /// The report.
    Report,
    /// The diagram, in the design editor and the report.
    Diagram,
    /// Text fields (search, palette, command line).
    Text,
}

impl Scope {
    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Navigation => "Moving around",
            Scope::Editor => "Design editor",
            Scope::Report => "Report",
            Scope::Diagram => "Diagram (design editor and report)",
            Scope::Text => "Text fields",
        }
    }
}

impl Action {
    /// Every action a key can be bound to, in help order.
    pub const BINDABLE: &'static [Action] = &[
        Action::Help,
        Action::CommandLine,
        Action::Quit,
        Action::ScreenBrief,
        Action::ScreenDesign,
        Action::ScreenDecisions,
        Action::ScreenReport,
        Action::ScreenFollowups,
        Action::ToggleMentor,
        Action::NextScreen,
        Action::PrevScreen,
        Action::Search,
        Action::Undo,
        Action::Redo,
        Action::CycleStage,
        Action::EditContext,
        Action::MoveUp,
        Action::MoveDown,
        Action::MoveLeft,
        Action::MoveRight,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::NextPane,
        Action::PrevPane,
        Action::Confirm,
        Action::Cancel,
        Action::AddComponent,
        Action::Rename,
        Action::ReplicasUp,
        Action::ReplicasDown,
        Action::Delete,
        Action::Link,
        Action::ToggleManaged,
        Action::EditStores,
        Action::EditProps,
        Action::ChangeKind,
        Action::ApplyFix,
        Action::RevealReference,
        Action::ToggleDiagram,
        Action::CompactDiagram,
        Action::FocusFlow,
        Action::PanLeft,
        Action::PanDown,
        Action::PanUp,
        Action::PanRight,
        Action::Backspace,
        Action::ClearLine,
        Action::StartInterview,
        Action::TogglePause,
        Action::NextPhase,
        Action::OpenEstimator,
        Action::CycleLevel,
    ];

    /// The `keys.yaml` name (`move-up`), for bindable actions.
    pub fn name(&self) -> Option<String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The action with this `keys.yaml` name.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    /// One line for the help overlay.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::MoveUp => "previous row",
            Action::MoveDown => "next row",
            Action::MoveLeft => "previous pane or option",
            Action::MoveRight => "next pane or option",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first row",
            Action::Bottom => "last row",
            Action::NextPane => "next pane (completes in the command line)",
            Action::PrevPane => "previous pane",
            Action::Confirm => "open, ask, choose or edit the selected row",
            Action::Cancel => "close the overlay or field",
            Action::ScreenBrief => "brief and questions",
            Action::ScreenDesign => "design editor",
            Action::ScreenDecisions => "constraint prompts",
            Action::ScreenReport => "report",
            Action::ScreenFollowups => "the interviewer's follow-ups (after the first report)",
            Action::ToggleMentor => "show or hide the mentor view (napkin started with --mentor)",
            Action::NextScreen => "next screen",
            Action::PrevScreen => "previous screen",
            Action::Help => "this help",
            Action::CommandLine => "command line (:add, :link, :rm, :w, :q ...)",
            Action::Search => "search scenarios",
            Action::Quit => "save and quit",
            Action::AddComponent => "add a component from the catalog",
            Action::Rename => "rename the selected component",
            Action::ReplicasUp => "one more replica",
            Action::ReplicasDown => "one replica fewer",
            Action::Delete => "delete the selected component or link",
            Action::Link => "link the selected component to another",
            Action::ToggleManaged => "toggle managed / self-hosted",
            Action::EditStores => "choose the entities it stores",
            Action::EditProps => "edit props in the inspector",
            Action::ChangeKind => "change the kind of the component",
            Action::ApplyFix => "apply the selected finding's fix, after showing its trade-off",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::CycleStage => "a stage on (today, a year on, scale): what changed",
            Action::EditContext => "the context: users, load, team, budget, target (edit them)",
            Action::RevealReference => "reveal the reference design",
            Action::ToggleDiagram => "show or hide the diagram",
            Action::CompactDiagram => "zoom out to compact boxes, or back in",
            Action::FocusFlow => "show only the next critical flow (esc: all)",
            Action::PanLeft => "pan left (arrows when the diagram has the focus)",
            Action::PanDown => "pan down",
            Action::PanUp => "pan up",
            Action::PanRight => "pan right",
            Action::Backspace => "delete a character",
            Action::ClearLine => "clear the field",
            Action::StartInterview => "start the selected scenario as an interview (home)",
            Action::TogglePause => "pause or resume the interview clock",
            Action::NextPhase => "interview: on to the next phase (twice for wrap-up)",
            Action::OpenEstimator => "the estimator: your figures, graded against the stage's",
            Action::CycleLevel => "home: the level to be judged at (mid, senior, staff)",
            Action::Input(_)
            | Action::Paste(_)
            | Action::Tick(_)
            | Action::Saved { .. }
            | Action::SaveConflict { .. }
            | Action::Reloaded { .. }
            | Action::ReferenceLoaded(_)
            | Action::Resize { .. }
            | Action::Click { .. }
            | Action::Wheel { .. } => "",
        }
    }

    /// Where the action applies, for the help overlay.
    pub fn scope(&self) -> Scope {
        match self {
            Action::MoveUp
            | Action::MoveDown
            | Action::MoveLeft
            | Action::MoveRight
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
            | Action::NextPane
            | Action::PrevPane
            | Action::Confirm
            | Action::Cancel => Scope::Navigation,
            Action::AddComponent
            | Action::Rename
            | Action::ReplicasUp
            | Action::ReplicasDown
            | Action::Delete
            | Action::Link
            | Action::ToggleManaged
            | Action::EditStores
            | Action::EditProps
            | Action::ChangeKind
            | Action::ApplyFix => Scope::Editor,
            Action::RevealReference => Scope::Report,
            Action::ToggleDiagram
            | Action::CompactDiagram
            | Action::FocusFlow
            | Action::PanLeft
            | Action::PanDown
            | Action::PanUp
            | Action::PanRight => Scope::Diagram,
            Action::Backspace | Action::ClearLine => Scope::Text,
            _ => Scope::Global,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::BINDABLE {
            let name = a.name().expect("bindable actions have names");
            assert_eq!(Action::from_name(&name).as_ref(), Some(a), "{name}");
            assert!(!a.describe().is_empty(), "{name} has no description");
        }
        assert_eq!(Action::MoveUp.name().as_deref(), Some("move-up"));
        assert_eq!(
            Action::from_name("add-component"),
            Some(Action::AddComponent)
        );
        assert_eq!(Action::from_name("tick"), None);
        assert_eq!(Action::Tick(3).name(), None);
        assert_eq!(
            Action::from_name("toggle-diagram"),
            Some(Action::ToggleDiagram)
        );
        assert_eq!(Action::PanLeft.name().as_deref(), Some("pan-left"));
        assert_eq!(
            Action::Resize {
                width: 1,
                height: 1
            }
            .name(),
            None
        );
        assert_eq!(Action::FocusFlow.scope(), Scope::Diagram);
    }
}
