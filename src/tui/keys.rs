//! Key bindings: built-in defaults plus overrides from `keys.yaml` in the
//! config folder. Keys are data: each entry names an [`Action`] and the keys
//! that trigger it.
//!
//! ```yaml
//! # ~/.config/napkin/keys.yaml (or $NAPKIN_HOME/keys.yaml)
//! undo: [u, ctrl-z]      # replaces the default keys of `undo`
//! add-component: n
//! quit: []               # unbinds (ctrl-c always quits)
//! toggle-diagram: g      # the diagram on g (`top` keeps home)
//! ```
//!
//! Key names: a character (`a`, `A`, `?`, `+`), `ctrl-x`, `alt-x`, `enter`,
//! `esc`, `tab`, `shift-tab`, `backspace`, `delete`, `insert`, `space`,
//! `up`, `down`, `left`, `right`, `home`, `end`, `pageup`, `pagedown`,
//! `f1`..`f12`. Text fields (search, palette, command line) always use the
//! fixed editing keys: Enter, Esc, Tab, Backspace, arrows, ctrl-u.
//! A file with a bad entry is refused whole, each problem at its line; keys
//! starting with `x-` are the user's own and ignored.

use super::action::Action;
use crate::model::Problem;
use crate::model::contract::is_user_key;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// One key with its modifiers, normalised (a character carries its own case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt or Shift (Shift only for named keys).
    pub mods: KeyModifiers,
}

impl KeySpec {
    /// A key as the terminal reported it, normalised.
    pub fn from_event(ev: &KeyEvent) -> KeySpec {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeySpec { code, mods }
    }

    /// Parses a key name such as `ctrl-r`, `shift-tab`, `?` or `pagedown`.
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("empty key name".into());
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = t;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("c-") && rest.chars().count() > 2 {
                (KeyModifiers::CONTROL, 2)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            mods |= m;
            rest = &rest[len..];
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            f if f.len() >= 2
                && f.starts_with('f')
                && f[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(format!("unknown key `{t}`: function keys are f1 to f12")),
                }
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => {
                        if mods.contains(KeyModifiers::CONTROL) {
                            mods.remove(KeyModifiers::SHIFT);
                            KeyCode::Char(c.to_ascii_lowercase())
                        } else if mods.contains(KeyModifiers::SHIFT) {
                            mods.remove(KeyModifiers::SHIFT);
                            KeyCode::Char(c.to_ascii_uppercase())
                        } else {
                            KeyCode::Char(c)
                        }
                    }
                    _ => {
                        return Err(format!(
                            "unknown key `{t}`: use a single character, ctrl-x, enter, esc, tab, up, pagedown, f1 ..."
                        ));
                    }
                }
            }
        };
        Ok(KeySpec { code, mods })
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The built-in bindings, action by action.
pub const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::MoveUp, &["up", "k"]),
    (Action::MoveDown, &["down", "j"]),
    (Action::MoveLeft, &["left", "h"]),
    (Action::MoveRight, &["right", "l"]),
    (Action::PageUp, &["pageup", "ctrl-b"]),
    (Action::PageDown, &["pagedown", "ctrl-f"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::NextPane, &["tab"]),
    (Action::PrevPane, &["shift-tab"]),
    (Action::Confirm, &["enter", "space"]),
    (Action::Cancel, &["esc"]),
    (Action::ScreenBrief, &["1"]),
    (Action::ScreenDesign, &["2"]),
    (Action::ScreenDecisions, &["3"]),
    (Action::ScreenReport, &["4"]),
    (Action::ScreenFollowups, &["5"]),
    (Action::ToggleMentor, &["M"]),
    (Action::NextScreen, &["]"]),
    (Action::PrevScreen, &["["]),
    (Action::Help, &["?", "f1"]),
    (Action::CommandLine, &[":"]),
    (Action::Search, &["/"]),
    (Action::Quit, &["q"]),
    (Action::AddComponent, &["a"]),
    (Action::Rename, &["r"]),
    (Action::ReplicasUp, &["+", "="]),
    (Action::ReplicasDown, &["-"]),
    (Action::Delete, &["d", "x", "delete"]),
    (Action::Link, &["c"]),
    (Action::ToggleManaged, &["m"]),
    (Action::EditStores, &["s"]),
    (Action::EditProps, &["e"]),
    (Action::ChangeKind, &["t"]),
    (Action::ApplyFix, &["f"]),
    (Action::Undo, &["u", "ctrl-z"]),
    (Action::Redo, &["ctrl-r", "U"]),
    (Action::CycleStage, &["S"]),
    (Action::EditContext, &["C"]),
    (Action::RevealReference, &["v"]),
    (Action::ToggleDiagram, &["D"]),
    (Action::CompactDiagram, &["z"]),
    (Action::FocusFlow, &["F"]),
    (Action::PanLeft, &["H", "shift-left"]),
    (Action::PanDown, &["J", "shift-down"]),
    (Action::PanUp, &["K", "shift-up"]),
    (Action::PanRight, &["L", "shift-right"]),
    (Action::StartInterview, &["i"]),
    (Action::TogglePause, &["p"]),
    (Action::NextPhase, &["N"]),
    (Action::OpenEstimator, &["E"]),
    (Action::CycleLevel, &["V"]),
];

/// Key -> action, with defaults and the user's overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<KeySpec, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::defaults()
    }
}

impl Keymap {
    /// The built-in bindings.
    pub fn defaults() -> Keymap {
        let mut map = HashMap::new();
        for (action, keys) in DEFAULTS {
            for k in *keys {
                if let Ok(spec) = KeySpec::parse(k) {
                    map.insert(spec, action.clone());
                }
            }
        }
        Keymap { map }
    }

    /// Defaults with the overrides of a `keys.yaml` text applied, or every
    /// problem with the text, placed at its line. A file that cannot be applied
    /// as written is refused whole: a half-applied keymap surprises more than
    /// an error does. Keys starting with `x-` are the user's own and ignored.
    pub fn with_overrides(text: &str, file: &str) -> Result<Keymap, Vec<Problem>> {
        let mut km = Keymap::defaults();
        if text.trim().is_empty() {
            return Ok(km);
        }
        type Entries = Option<BTreeMap<String, serde_json::Value>>;
        let entries = match crate::io::yaml::parse::<Entries>(text, file) {
            Ok(Some(m)) => m,
            Ok(None) => return Ok(km),
            Err(p) => return Err(vec![*p]),
        };
        let mut problems = Vec::new();
        for (name, value) in entries {
            if is_user_key(&name) {
                continue;
            }
            let Some(action) = Action::from_name(&name) else {
                let names: Vec<String> = Action::BINDABLE.iter().filter_map(Action::name).collect();
                let hint = match crate::tui::edit::suggest(
                    &name,
                    names.iter().map(|n| (n.as_str(), n.as_str())),
                ) {
                    Some(s) => format!("did you mean `{s}`? `?` in the app lists every action"),
                    None => "`?` in the app lists every action".to_string(),
                };
                problems.push(Problem::error(&name, format!("unknown action `{name}`")).hint(hint));
                continue;
            };
            let keys: Vec<String> = match value {
                serde_json::Value::String(s) => vec![s],
                serde_json::Value::Array(items) => {
                    let mut out = Vec::new();
                    for item in items {
                        match item {
                            serde_json::Value::String(s) => out.push(s),
                            serde_json::Value::Number(n) => out.push(n.to_string()),
                            other => problems.push(
                                Problem::error(&name, format!("`{other}` is not a key name"))
                                    .hint("write keys as text: `ctrl-z`, `u`, `f5`"),
                            ),
                        }
                    }
                    out
                }
                serde_json::Value::Number(n) => vec![n.to_string()],
                serde_json::Value::Null => Vec::new(),
                other => {
                    problems.push(
                        Problem::error(
                            &name,
                            format!("expected a key or a list of keys, found `{other}`"),
                        )
                        .hint("e.g. `undo: [u, ctrl-z]`; `[]` unbinds the action"),
                    );
                    continue;
                }
            };
            let mut specs = Vec::new();
            for k in &keys {
                match KeySpec::parse(k) {
                    Ok(s) => specs.push(s),
                    Err(e) => problems.push(Problem::error(&name, e)),
                }
            }
            km.map.retain(|_, a| *a != action);
            for s in specs {
                km.map.insert(s, action.clone());
            }
        }
        if problems.is_empty() {
            Ok(km)
        } else {
            Err(crate::io::load::place(problems, text, file))
        }
    }

    /// The action bound to a key in normal mode.
    pub fn lookup(&self, key: &KeySpec) -> Option<&Action> {
        self.map.get(key)
    }

    /// The keys bound to an action, in a stable order (plain keys first).
    pub fn keys_for(&self, action: &Action) -> Vec<KeySpec> {
        let mut keys: Vec<KeySpec> = self
            .map
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_by_key(|k| (k.mods.bits(), key_rank(k.code), k.to_string()));
        keys
    }

    /// The first key of an action as text, or `None` when it is unbound.
    pub fn first_key(&self, action: &Action) -> Option<String> {
        self.keys_for(action).first().map(ToString::to_string)
    }

    /// Translates a key press into an action. `text` is true when a text
    /// field has the focus: characters then type, and only the fixed editing
    /// keys act. Ctrl-C always quits.
    pub fn translate(&self, ev: &KeyEvent, text: bool) -> Option<Action> {
        let spec = KeySpec::from_event(ev);
        if spec.mods.contains(KeyModifiers::CONTROL) && spec.code == KeyCode::Char('c') {
            return Some(Action::Quit);
        }
        if text {
            return text_key(&spec);
        }
        self.lookup(&spec).cloned()
    }
}

/// Plain characters sort before named keys in listings.
fn key_rank(code: KeyCode) -> u8 {
    match code {
        KeyCode::Char(c) if c.is_ascii_alphanumeric() => 0,
        KeyCode::Char(' ') => 2,
        KeyCode::Char(_) => 1,
        _ => 2,
    }
}

/// The fixed keys of text fields.
fn text_key(spec: &KeySpec) -> Option<Action> {
    let ctrl = spec.mods.contains(KeyModifiers::CONTROL);
    let alt = spec.mods.contains(KeyModifiers::ALT);
    match spec.code {
        KeyCode::Char('u') if ctrl => Some(Action::ClearLine),
        KeyCode::Char('p') if ctrl => Some(Action::MoveUp),
        KeyCode::Char('n') if ctrl => Some(Action::MoveDown),
        KeyCode::Char(c) if !ctrl && !alt => Some(Action::Input(c)),
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Esc => Some(Action::Cancel),
        KeyCode::Backspace => Some(Action::Backspace),
        KeyCode::Tab => Some(Action::NextPane),
        KeyCode::BackTab => Some(Action::PrevPane),
        KeyCode::Up => Some(Action::MoveUp),
        KeyCode::Down => Some(Action::MoveDown),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn every_default_parses_and_every_bindable_action_has_a_key() {
        for (a, keys) in DEFAULTS {
            for k in *keys {
                assert!(KeySpec::parse(k).is_ok(), "{k}");
            }
            assert!(Action::BINDABLE.contains(a));
        }
        let km = Keymap::defaults();
        for a in Action::BINDABLE {
            if matches!(a, Action::Backspace | Action::ClearLine) {
                continue;
            }
            assert!(km.first_key(a).is_some(), "{a:?} is unbound");
        }
        // No key is bound twice.
        let total: usize = DEFAULTS.iter().map(|(_, k)| k.len()).sum();
        assert_eq!(km.map.len(), total);
    }

    #[test]
    fn parses_names() {
        let k = KeySpec::parse("ctrl-r").unwrap();
        assert_eq!(k.code, KeyCode::Char('r'));
        assert_eq!(k.mods, KeyModifiers::CONTROL);
        assert_eq!(KeySpec::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(KeySpec::parse("shift-a").unwrap().code, KeyCode::Char('A'));
        assert_eq!(KeySpec::parse("f5").unwrap().code, KeyCode::F(5));
        assert_eq!(KeySpec::parse("PageDown").unwrap().code, KeyCode::PageDown);
        assert!(KeySpec::parse("f13").is_err());
        assert!(KeySpec::parse("banana").is_err());
        assert!(KeySpec::parse("").is_err());
        assert_eq!(KeySpec::parse("ctrl-r").unwrap().to_string(), "ctrl-r");
        assert_eq!(KeySpec::parse("space").unwrap().to_string(), "space");
    }

    #[test]
    fn translates_keys_in_normal_and_text_mode() {
        let km = Keymap::defaults();
        let j = ev(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(km.translate(&j, false), Some(Action::MoveDown));
        assert_eq!(km.translate(&j, true), Some(Action::Input('j')));
        let colon = ev(KeyCode::Char(':'), KeyModifiers::SHIFT);
        assert_eq!(km.translate(&colon, false), Some(Action::CommandLine));
        assert_eq!(km.translate(&colon, true), Some(Action::Input(':')));
        let big_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(km.translate(&big_g, false), Some(Action::Bottom));
        let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.translate(&ctrl_c, false), Some(Action::Quit));
        assert_eq!(km.translate(&ctrl_c, true), Some(Action::Quit));
        let tab = ev(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(km.translate(&tab, true), Some(Action::NextPane));
        let esc = ev(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(km.translate(&esc, true), Some(Action::Cancel));
        let f9 = ev(KeyCode::F(9), KeyModifiers::NONE);
        assert_eq!(km.translate(&f9, false), None);
    }

    #[test]
    fn overrides_replace_defaults() {
        let text = "undo: [ctrl-z, z]\nadd-component: n\nquit: []\nx-note: mine\n";
        let km = Keymap::with_overrides(text, "keys.yaml").unwrap();
        let z = KeySpec::parse("z").unwrap();
        assert_eq!(km.lookup(&z), Some(&Action::Undo));
        assert_eq!(km.lookup(&KeySpec::parse("u").unwrap()), None);
        assert_eq!(
            km.lookup(&KeySpec::parse("n").unwrap()),
            Some(&Action::AddComponent)
        );
        assert_eq!(km.lookup(&KeySpec::parse("a").unwrap()), None);
        assert!(km.keys_for(&Action::Quit).is_empty());
    }

    #[test]
    fn bad_entries_are_errors_at_their_line() {
        let text = "undo: [ctrl-z, z]\nfly: x\nredo: banana\nhelp: {a: 1}\nudno: u\n";
        let problems = Keymap::with_overrides(text, "keys.yaml").unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().all(Problem::is_error));
        let fly = problems
            .iter()
            .find(|p| p.message.contains("`fly`"))
            .unwrap();
        assert_eq!((fly.line, fly.column), (Some(2), Some(1)));
        assert_eq!(fly.file.as_deref(), Some("keys.yaml"));
        let udno = problems
            .iter()
            .find(|p| p.message.contains("`udno`"))
            .unwrap();
        assert!(udno.hint.as_deref().unwrap().contains("`undo`"), "{udno:?}");
        assert!(problems.iter().any(|p| p.message.contains("banana")));
        assert_eq!(
            problems.iter().find(|p| p.path == "redo").unwrap().line,
            Some(3)
        );
    }

    #[test]
    fn diagram_keys_are_bound_and_overridable() {
        let km = Keymap::defaults();
        let key = |c| ev(KeyCode::Char(c), KeyModifiers::SHIFT);
        assert_eq!(km.translate(&key('D'), false), Some(Action::ToggleDiagram));
        assert_eq!(km.translate(&key('F'), false), Some(Action::FocusFlow));
        assert_eq!(km.translate(&key('H'), false), Some(Action::PanLeft));
        assert_eq!(km.translate(&key('L'), false), Some(Action::PanRight));
        let z = ev(KeyCode::Char('z'), KeyModifiers::NONE);
        assert_eq!(km.translate(&z, false), Some(Action::CompactDiagram));
        for (code, action) in [
            (KeyCode::Left, Action::PanLeft),
            (KeyCode::Down, Action::PanDown),
            (KeyCode::Up, Action::PanUp),
            (KeyCode::Right, Action::PanRight),
        ] {
            assert_eq!(
                km.translate(&ev(code, KeyModifiers::SHIFT), false),
                Some(action)
            );
        }
        // Plain arrows still move.
        let left = ev(KeyCode::Left, KeyModifiers::NONE);
        assert_eq!(km.translate(&left, false), Some(Action::MoveLeft));
        assert_eq!(km.first_key(&Action::PanLeft).as_deref(), Some("H"));
        // `g` for the diagram, as some prefer, takes it from `top`.
        let km = Keymap::with_overrides("toggle-diagram: g\n", "keys.yaml").unwrap();
        assert_eq!(
            km.lookup(&KeySpec::parse("g").unwrap()),
            Some(&Action::ToggleDiagram)
        );
        assert_eq!(km.lookup(&KeySpec::parse("D").unwrap()), None);
        assert_eq!(
            km.keys_for(&Action::Top),
            vec![KeySpec::parse("home").unwrap()]
        );
    }

    #[test]
    fn the_context_screen_key_is_bound_and_rebindable() {
        let km = Keymap::defaults();
        let big_c = ev(KeyCode::Char('C'), KeyModifiers::SHIFT);
        assert_eq!(km.translate(&big_c, false), Some(Action::EditContext));
        assert_eq!(Action::EditContext.name().as_deref(), Some("edit-context"));
        let km = Keymap::with_overrides("edit-context: [ctrl-k, f4]\n", "keys.yaml").unwrap();
        assert_eq!(
            km.lookup(&KeySpec::parse("ctrl-k").unwrap()),
            Some(&Action::EditContext)
        );
        assert_eq!(km.lookup(&KeySpec::parse("C").unwrap()), None);
    }

    #[test]
    fn broken_yaml_is_an_error_at_its_place() {
        let problems = Keymap::with_overrides("undo: [u\n", "keys.yaml").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].line.is_some(), "{problems:?}");
        assert!(Keymap::with_overrides("", "keys.yaml").is_ok());
    }

    /// Every action a user can bind is listed in docs/FORMAT.md.
    #[test]
    fn format_doc_lists_every_bindable_action() {
        let doc = include_str!("../../docs/FORMAT.md");
        let section = doc.split("\n## Key bindings").nth(1).expect("section");
        let missing: Vec<String> = Action::BINDABLE
            .iter()
            .filter_map(Action::name)
            .filter(|n| !section.contains(&format!("`{n}`")))
            .collect();
        assert!(missing.is_empty(), "undocumented actions: {missing:?}");
    }
}
