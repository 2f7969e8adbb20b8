//! The `:` command line: parsing into [`LineCommand`]s and Tab completion.
//!
//! ```text
//! :add KIND [ID]            :link FROM TO [sync|async]   :unlink FROM TO
//! :rm ID                    :replicas ID N               :set ID KEY VALUE
//! :unset ID KEY             :stores ID ENTITY            :kind ID KIND
//! :rename ID NEW-ID         :ask QUESTION                :answer PROMPT OPTION
//! :stage STAGE              :context [KEY VALUE]         :w [FILE]   :q   :wq
//! :undo   :redo   :help
//! :brief  :design  :decisions  :report  :reference
//! :export FORMAT [FILE]     :diagram                     :flow [FLOW|all]
//! :pause  :resume           :phase [PHASE]               (interviews)
//! :followups [DRILL]        :drill [DRILL]   :fail NAME[,NAME]   :spike X
//! :name TEXT                :note [session|ID] TEXT      :mentor   (mentor view)
//! ```

use crate::engine::report::FlowSummary;
use crate::io::export::ExportFormat;
use crate::model::{Catalog, Design, LinkMode, Pack};

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineCommand {
    /// `:add KIND [ID]`
    Add {
        /// Kind id or alias.
        kind: String,
        /// The new component's id; derived from the kind when absent.
        id: Option<String>,
    },
    /// `:link FROM TO [sync|async]`
    Link {
        /// Caller or producer.
        from: String,
        /// Callee or consumer.
        to: String,
        /// Sync unless given; on an existing link, sets its mode.
        mode: Option<LinkMode>,
    },
    /// `:unlink FROM TO`
    Unlink {
        /// Caller or producer.
        from: String,
        /// Callee or consumer.
        to: String,
    },
    /// `:rm ID`
    Rm {
        /// The component to remove with its links.
        id: String,
    },
    /// `:replicas ID N`
    Replicas {
        /// The component.
        id: String,
        /// Instances to run.
        n: u32,
    },
    /// `:set ID KEY VALUE`
    Set {
        /// The component.
        id: String,
        /// A catalog prop, or `managed`, `replicas`, `label`, `kind`.
        key: String,
        /// The rest of the line.
        value: String,
    },
    /// `:unset ID KEY`
    Unset {
        /// The component.
        id: String,
        /// The prop to return to its default.
        key: String,
    },
    /// `:stores ID ENTITY` (toggles)
    Stores {
        /// The component.
        id: String,
        /// The entity it is (or stops being) the system of record for.
        entity: String,
    },
    /// `:kind ID KIND`
    Kind {
        /// The component.
        id: String,
        /// The new kind id or alias.
        kind: String,
    },
    /// `:rename ID NEW-ID`
    Rename {
        /// The component.
        id: String,
        /// Its new id; links follow.
        new_id: String,
    },
    /// `:ask QUESTION`
    Ask {
        /// A question id of the pack.
        question: String,
    },
    /// `:answer PROMPT OPTION`
    Answer {
        /// A constraint prompt id.
        prompt: String,
        /// One of its option ids.
        option: String,
    },
    /// `:stage STAGE`
    Stage {
        /// Stage id or 1-based index.
        stage: String,
    },
    /// `:context [KEY VALUE]`: sets one figure of the design's context;
    /// alone, opens the context screen.
    Context {
        /// `users`, `peak_rps`, `budget`, ... (see `model::FIGURES`).
        key: Option<String>,
        /// The figure, or `-` to go back to the assumed one.
        value: Option<String>,
    },
    /// `:w [FILE]`
    Write {
        /// Where to write a copy; the session file when absent.
        file: Option<String>,
    },
    /// `:pause`: stops an interview's clock, or restarts it when stopped.
    Pause,
    /// `:resume`: restarts a stopped interview clock.
    Resume,
    /// `:phase [PHASE]`: an interview moves on to the next phase, or to
    /// the one named.
    Phase {
        /// A later phase's id (`wrap-up`); the next one when absent.
        phase: Option<String>,
    },
    /// `:reload`: the session's file as it is on disk now; after another
    /// writer changed it, their version (yours stays in its copy).
    Reload,
    /// `:q`
    Quit,
    /// `:wq`
    WriteQuit,
    /// `:undo`
    Undo,
    /// `:redo`
    Redo,
    /// `:help`
    Help,
    /// `:brief`
    Brief,
    /// `:design`
    Design,
    /// `:decisions`
    Decisions,
    /// `:report`
    Report,
    /// `:reference`
    Reference,
    /// `:export FORMAT [FILE]`
    Export {
        /// mermaid, dot, svg or markdown.
        format: ExportFormat,
        /// Where to write; `<design-name>.<ext>` in the current folder when absent.
        file: Option<String>,
    },
    /// `:diagram` (shows or hides it)
    Diagram,
    /// `:flow [FLOW|all]`
    Flow {
        /// The critical flow to show alone; the next one when absent,
        /// every component for `all`.
        flow: Option<String>,
    },
    /// `:followups [DRILL]`: the interviewer's follow-ups.
    Followups {
        /// The pack drill to ask; the current one when absent.
        drill: Option<String>,
    },
    /// `:drill [DRILL]`: runs a pack drill on the design as it is.
    Drill {
        /// The pack drill; the follow-up being asked when absent.
        drill: Option<String>,
    },
    /// `:fail NAME[,NAME]`: these components (ids, kinds or categories) die.
    Fail {
        /// What fails.
        names: Vec<String>,
    },
    /// `:spike X`: traffic times X.
    Spike {
        /// The multiple, as typed (checked to be a positive number).
        times: String,
    },
    /// `:estimate [FIGURE VALUE]`: records a back-of-the-envelope figure
    /// (`-` takes it back); alone, opens the estimator.
    Estimate {
        /// `peak-rps`, `storage-gb-per-year`, ... (see `model::estimate`).
        figure: Option<String>,
        /// The figure as typed.
        value: Option<String>,
    },
    /// `:name TEXT`: names the attempt (`-` clears it).
    Name {
        /// The rest of the line.
        text: String,
    },
    /// `:note [session|ID] TEXT`: a note on the session, a component, or
    /// what has the focus (`-` removes it).
    Note {
        /// The rest of the line.
        text: String,
    },
    /// `:mentor`: shows or hides the mentor view.
    Mentor,
}

/// What an argument of a command is, for usage and completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arg {
    Kind,
    NewId,
    Component,
    Mode,
    Count,
    Key,
    Value,
    Entity,
    Question,
    Prompt,
    PromptOption,
    Stage,
    ContextKey,
    File,
    Format,
    Flow,
    Phase,
    Drill,
    Estimate,
}

/// Every command: name, arguments (required count first), usage.
const SPECS: &[(&str, &[Arg], usize, &str)] = &[
    ("add", &[Arg::Kind, Arg::NewId], 1, ":add KIND [ID]"),
    (
        "link",
        &[Arg::Component, Arg::Component, Arg::Mode],
        2,
        ":link FROM TO [sync|async]",
    ),
    (
        "unlink",
        &[Arg::Component, Arg::Component],
        2,
        ":unlink FROM TO",
    ),
    ("rm", &[Arg::Component], 1, ":rm ID"),
    (
        "replicas",
        &[Arg::Component, Arg::Count],
        2,
        ":replicas ID N",
    ),
    (
        "set",
        &[Arg::Component, Arg::Key, Arg::Value],
        3,
        ":set ID KEY VALUE",
    ),
    ("unset", &[Arg::Component, Arg::Key], 2, ":unset ID KEY"),
    (
        "stores",
        &[Arg::Component, Arg::Entity],
        2,
        ":stores ID ENTITY",
    ),
    ("kind", &[Arg::Component, Arg::Kind], 2, ":kind ID KIND"),
    (
        "rename",
        &[Arg::Component, Arg::NewId],
        2,
        ":rename ID NEW-ID",
    ),
    ("ask", &[Arg::Question], 1, ":ask QUESTION"),
    (
        "answer",
        &[Arg::Prompt, Arg::PromptOption],
        2,
        ":answer PROMPT OPTION",
    ),
    ("stage", &[Arg::Stage], 1, ":stage STAGE"),
    (
        "context",
        &[Arg::ContextKey, Arg::Value],
        0,
        ":context [KEY VALUE]",
    ),
    ("w", &[Arg::File], 0, ":w [FILE]"),
    ("reload", &[], 0, ":reload"),
    ("q", &[], 0, ":q"),
    ("wq", &[], 0, ":wq"),
    ("undo", &[], 0, ":undo"),
    ("redo", &[], 0, ":redo"),
    ("help", &[], 0, ":help"),
    ("brief", &[], 0, ":brief"),
    ("design", &[], 0, ":design"),
    ("decisions", &[], 0, ":decisions"),
    ("report", &[], 0, ":report"),
    ("reference", &[], 0, ":reference"),
    (
        "export",
        &[Arg::Format, Arg::File],
        1,
        ":export FORMAT [FILE]",
    ),
    ("diagram", &[], 0, ":diagram"),
    ("flow", &[Arg::Flow], 0, ":flow [FLOW|all]"),
    ("pause", &[], 0, ":pause"),
    ("resume", &[], 0, ":resume"),
    ("phase", &[Arg::Phase], 0, ":phase [PHASE]"),
    ("followups", &[Arg::Drill], 0, ":followups [DRILL]"),
    ("drill", &[Arg::Drill], 0, ":drill [DRILL]"),
    ("fail", &[Arg::Component], 1, ":fail NAME[,NAME]"),
    ("spike", &[Arg::Count], 1, ":spike X"),
    (
        "estimate",
        &[Arg::Estimate, Arg::Value],
        0,
        ":estimate [FIGURE VALUE]",
    ),
    ("name", &[Arg::Value], 1, ":name TEXT"),
    ("note", &[Arg::Value], 1, ":note [session|ID] TEXT"),
    ("mentor", &[], 0, ":mentor"),
];

/// The format names `:export` takes.
pub const FORMATS: &str = "mermaid, dot, svg or markdown";

/// Other spellings people type.
const ALIASES: &[(&str, &str)] = &[
    ("write", "w"),
    ("quit", "q"),
    ("x", "wq"),
    ("remove", "rm"),
    ("delete", "rm"),
    ("del", "rm"),
    ("connect", "link"),
    ("store", "stores"),
    ("mv", "rename"),
    ("u", "undo"),
    ("prompts", "decisions"),
    ("ref", "reference"),
    ("graph", "diagram"),
    ("followup", "followups"),
    ("follow-ups", "followups"),
];

/// Command names for completion and help.
pub fn names() -> impl Iterator<Item = &'static str> {
    SPECS.iter().map(|s| s.0)
}

/// The usage line of a command.
pub fn usage(name: &str) -> Option<&'static str> {
    SPECS.iter().find(|s| s.0 == name).map(|s| s.3)
}

fn canonical(name: &str) -> Option<&'static str> {
    SPECS
        .iter()
        .map(|s| s.0)
        .find(|n| *n == name)
        .or_else(|| ALIASES.iter().find(|(a, _)| *a == name).map(|(_, n)| *n))
}

/// Parses a command line (with or without the leading `:`).
pub fn parse(line: &str) -> Result<LineCommand, String> {
    let line = line.trim();
    let line = line.strip_prefix(':').unwrap_or(line).trim();
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else {
        return Err("type a command, e.g. :add postgres (Tab completes, :help lists all)".into());
    };
    let lower = first.to_ascii_lowercase();
    let Some(name) = canonical(&lower) else {
        let all = SPECS
            .iter()
            .map(|s| (s.0, s.0))
            .chain(ALIASES.iter().copied());
        return Err(match super::edit::suggest(&lower, all) {
            Some(s) => format!("unknown command `:{first}`; did you mean `:{s}`?"),
            None => format!("unknown command `:{first}` (:help lists every command)"),
        });
    };
    let spec = SPECS.iter().find(|s| s.0 == name).copied();
    let (_, args_spec, required, usage) = spec.unwrap_or(("", &[], 0, ""));
    let args: Vec<&str> = words.collect();
    if args.len() < required {
        return Err(format!("missing arguments: {usage}"));
    }
    // `:set` takes the rest of the line as its value, `:ask` as the
    // question; others a fixed count.
    if !matches!(name, "set" | "ask" | "name" | "note") && args.len() > args_spec.len() {
        return Err(format!("too many arguments: {usage}"));
    }
    let s = |i: usize| args.get(i).map(|a| a.to_string()).unwrap_or_default();
    Ok(match name {
        "add" => LineCommand::Add {
            kind: s(0),
            id: args.get(1).map(|a| a.to_string()),
        },
        "link" => LineCommand::Link {
            from: s(0),
            to: s(1),
            mode: match args.get(2).map(|m| m.to_ascii_lowercase()) {
                None => None,
                Some(m) if m == "sync" => Some(LinkMode::Sync),
                Some(m) if m == "async" => Some(LinkMode::Async),
                Some(m) => return Err(format!("a link is `sync` or `async`, not `{m}`")),
            },
        },
        "unlink" => LineCommand::Unlink {
            from: s(0),
            to: s(1),
        },
        "rm" => LineCommand::Rm { id: s(0) },
        "replicas" => {
            let n = s(1)
                .parse::<u32>()
                .map_err(|_| format!("replicas must be a whole number, not `{}`: {usage}", s(1)))?;
            LineCommand::Replicas { id: s(0), n }
        }
        "set" => LineCommand::Set {
            id: s(0),
            key: s(1),
            value: args[2..].join(" "),
        },
        "unset" => LineCommand::Unset {
            id: s(0),
            key: s(1),
        },
        "stores" => LineCommand::Stores {
            id: s(0),
            entity: s(1),
        },
        "kind" => LineCommand::Kind {
            id: s(0),
            kind: s(1),
        },
        "rename" => LineCommand::Rename {
            id: s(0),
            new_id: s(1),
        },
        "ask" => LineCommand::Ask {
            question: args.join(" "),
        },
        "answer" => LineCommand::Answer {
            prompt: s(0),
            option: s(1),
        },
        "stage" => LineCommand::Stage { stage: s(0) },
        "context" if args.len() == 1 => return Err(format!("missing the figure: {usage}")),
        "estimate" if args.len() == 1 => return Err(format!("missing the value: {usage}")),
        "estimate" => LineCommand::Estimate {
            figure: args.first().map(|a| a.to_string()),
            value: args.get(1).map(|a| a.to_string()),
        },
        "context" => LineCommand::Context {
            key: args.first().map(|a| a.to_string()),
            value: args.get(1).map(|a| a.to_string()),
        },
        "w" => LineCommand::Write {
            file: args.first().map(|a| a.to_string()),
        },
        "reload" => LineCommand::Reload,
        "q" => LineCommand::Quit,
        "wq" => LineCommand::WriteQuit,
        "undo" => LineCommand::Undo,
        "redo" => LineCommand::Redo,
        "help" => LineCommand::Help,
        "brief" => LineCommand::Brief,
        "design" => LineCommand::Design,
        "decisions" => LineCommand::Decisions,
        "report" => LineCommand::Report,
        "export" => {
            let name = s(0).to_ascii_lowercase();
            let Some(format) = ExportFormat::parse(&name) else {
                return Err(format!(
                    "unknown format `{}`: use {FORMATS} ({usage})",
                    s(0)
                ));
            };
            LineCommand::Export {
                format,
                file: args.get(1).map(|a| a.to_string()),
            }
        }
        "diagram" => LineCommand::Diagram,
        "flow" => LineCommand::Flow {
            flow: args.first().map(|a| a.to_string()),
        },
        "pause" => LineCommand::Pause,
        "resume" => LineCommand::Resume,
        "phase" => LineCommand::Phase {
            phase: args.first().map(|a| a.to_ascii_lowercase()),
        },
        "followups" => LineCommand::Followups {
            drill: args.first().map(|a| a.to_string()),
        },
        "drill" => LineCommand::Drill {
            drill: args.first().map(|a| a.to_string()),
        },
        "fail" => LineCommand::Fail {
            names: s(0)
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect(),
        },
        "spike" => {
            let times = s(0);
            let x: f64 = times
                .trim_start_matches(['x', 'X'])
                .parse()
                .map_err(|_| format!("`{times}` is not a number: {usage}, e.g. :spike 8"))?;
            if !(x.is_finite() && x > 0.0) {
                return Err(format!(
                    "a spike multiplies traffic by more than 0: {usage}"
                ));
            }
            LineCommand::Spike { times }
        }
        "name" => LineCommand::Name {
            text: args.join(" "),
        },
        "note" => LineCommand::Note {
            text: args.join(" "),
        },
        "mentor" => LineCommand::Mentor,
        _ => LineCommand::Reference,
    })
}

/// What completion can draw candidates from.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The design being edited, if any.
    pub design: Option<&'a Design>,
    /// Kinds to complete.
    pub catalog: &'a Catalog,
    /// The design's pack: questions, prompts, stages, entities.
    pub pack: Option<&'a Pack>,
    /// The critical flows of the design's report.
    pub flows: &'a [FlowSummary],
}

/// Completion candidates for the last word of `line`. Returns the byte
/// offset where that word starts and the full candidates, best first.
pub fn complete(line: &str, ctx: Ctx<'_>) -> (usize, Vec<String>) {
    let body_start = line
        .find(|c: char| c != ':' && !c.is_whitespace())
        .unwrap_or(line.len());
    let body = &line[body_start..];
    let word_start = body
        .rfind(char::is_whitespace)
        .map(|i| body_start + i + 1)
        .unwrap_or(body_start);
    let partial = &line[word_start..];
    let words: Vec<&str> = line[body_start..word_start].split_whitespace().collect();
    let pool: Vec<String> = if words.is_empty() {
        names().map(str::to_string).collect()
    } else {
        let Some(name) = canonical(&words[0].to_ascii_lowercase()) else {
            return (word_start, Vec::new());
        };
        let index = words.len() - 1;
        let arg = SPECS
            .iter()
            .find(|s| s.0 == name)
            .and_then(|s| s.1.get(index).copied())
            .or(if name == "set" && index >= 2 {
                Some(Arg::Value)
            } else {
                None
            });
        match arg {
            Some(a) => pool_for(a, &words, ctx),
            None => Vec::new(),
        }
    };
    let lower = partial.to_ascii_lowercase();
    let mut out: Vec<String> = pool
        .iter()
        .filter(|c| c.to_ascii_lowercase().starts_with(&lower))
        .cloned()
        .collect();
    if out.is_empty() && !partial.is_empty() {
        out = pool
            .into_iter()
            .filter(|c| c.to_ascii_lowercase().contains(&lower))
            .collect();
    }
    out.dedup();
    (word_start, out)
}

fn pool_for(arg: Arg, words: &[&str], ctx: Ctx<'_>) -> Vec<String> {
    let comps = || -> Vec<String> {
        ctx.design
            .map(|d| d.components.iter().map(|c| c.id.clone()).collect())
            .unwrap_or_default()
    };
    let kind_of = |id: &str| {
        ctx.design
            .and_then(|d| d.component(id))
            .and_then(|c| ctx.catalog.get(&c.kind))
    };
    match arg {
        Arg::Kind => ctx.catalog.kinds().iter().map(|k| k.id.clone()).collect(),
        // `:link a b`: the second end is any component but the first.
        Arg::Component if words.len() >= 2 && matches!(words[0], "link" | "unlink" | "connect") => {
            comps().into_iter().filter(|c| c != words[1]).collect()
        }
        Arg::Component => comps(),
        Arg::Mode => vec!["sync".into(), "async".into()],
        Arg::Key => {
            let mut keys: Vec<String> = words
                .get(1)
                .and_then(|id| kind_of(id))
                .map(|k| k.props.keys().cloned().collect())
                .unwrap_or_default();
            keys.extend(["managed", "replicas", "label", "kind"].map(String::from));
            keys
        }
        Arg::ContextKey => crate::model::FIGURES
            .iter()
            .map(|f| f.name.to_string())
            .collect(),
        Arg::Value if words.first() == Some(&"context") => vec!["-".into()],
        Arg::Value => {
            let key = words.get(2).copied().unwrap_or_default();
            match key {
                "managed" => vec!["true".into(), "false".into()],
                "kind" => ctx.catalog.kinds().iter().map(|k| k.id.clone()).collect(),
                _ => match words
                    .get(1)
                    .and_then(|id| kind_of(id))
                    .and_then(|k| k.props.get(key))
                {
                    Some(spec) if spec.ty == crate::model::PropType::Bool => {
                        vec!["true".into(), "false".into()]
                    }
                    Some(spec) => spec.values.clone(),
                    None => Vec::new(),
                },
            }
        }
        Arg::Entity => match ctx.design {
            Some(d) => super::edit::entities(d, ctx.pack),
            None => super::edit::entities(&Design::default(), ctx.pack),
        },
        Arg::Question => ctx
            .pack
            .map(|p| p.questions.iter().map(|q| q.id.clone()).collect())
            .unwrap_or_default(),
        Arg::Prompt => ctx
            .pack
            .map(|p| p.prompts.iter().map(|q| q.id.clone()).collect())
            .unwrap_or_default(),
        Arg::PromptOption => ctx
            .pack
            .and_then(|p| words.get(1).and_then(|id| p.prompt(id)))
            .map(|p| p.options.iter().map(|o| o.id.clone()).collect())
            .unwrap_or_default(),
        Arg::Stage => ctx
            .pack
            .map(|p| p.stages.iter().map(|s| s.id.clone()).collect())
            .unwrap_or_default(),
        Arg::Format => ExportFormat::ALL
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        Arg::Flow => ctx
            .flows
            .iter()
            .map(|f| f.id.clone())
            .chain(std::iter::once("all".to_string()))
            .collect(),
        Arg::Phase => crate::model::interview::Phase::ALL
            .iter()
            .map(|p| p.id().to_string())
            .collect(),
        Arg::Drill => ctx
            .pack
            .map(|p| p.drills.iter().map(|d| d.id.clone()).collect())
            .unwrap_or_default(),
        Arg::Estimate => crate::model::estimate::Quantity::ALL
            .iter()
            .map(|q| q.id().to_string())
            .collect(),
        Arg::NewId | Arg::Count | Arg::File => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Component;
    use crate::tui::fixture;

    #[test]
    fn parses_every_command() {
        let cases: &[(&str, LineCommand)] = &[
            (
                ":add postgres",
                LineCommand::Add {
                    kind: "postgres".into(),
                    id: None,
                },
            ),
            (
                "add pg main-db",
                LineCommand::Add {
                    kind: "pg".into(),
                    id: Some("main-db".into()),
                },
            ),
            (
                ":link a b",
                LineCommand::Link {
                    from: "a".into(),
                    to: "b".into(),
                    mode: None,
                },
            ),
            (
                ":link a b async",
                LineCommand::Link {
                    from: "a".into(),
                    to: "b".into(),
                    mode: Some(LinkMode::Async),
                },
            ),
            (
                ":connect a b SYNC",
                LineCommand::Link {
                    from: "a".into(),
                    to: "b".into(),
                    mode: Some(LinkMode::Sync),
                },
            ),
            (
                ":unlink a b",
                LineCommand::Unlink {
                    from: "a".into(),
                    to: "b".into(),
                },
            ),
            (":rm a", LineCommand::Rm { id: "a".into() }),
            (":delete a", LineCommand::Rm { id: "a".into() }),
            (
                ":replicas a 3",
                LineCommand::Replicas {
                    id: "a".into(),
                    n: 3,
                },
            ),
            (
                ":set a label Main db",
                LineCommand::Set {
                    id: "a".into(),
                    key: "label".into(),
                    value: "Main db".into(),
                },
            ),
            (
                ":unset a failover",
                LineCommand::Unset {
                    id: "a".into(),
                    key: "failover".into(),
                },
            ),
            (
                ":stores db orders",
                LineCommand::Stores {
                    id: "db".into(),
                    entity: "orders".into(),
                },
            ),
            (
                ":kind db redis",
                LineCommand::Kind {
                    id: "db".into(),
                    kind: "redis".into(),
                },
            ),
            (
                ":rename db main",
                LineCommand::Rename {
                    id: "db".into(),
                    new_id: "main".into(),
                },
            ),
            (
                ":ask users",
                LineCommand::Ask {
                    question: "users".into(),
                },
            ),
            (
                ":answer send-path enqueue",
                LineCommand::Answer {
                    prompt: "send-path".into(),
                    option: "enqueue".into(),
                },
            ),
            (
                ":stage growth",
                LineCommand::Stage {
                    stage: "growth".into(),
                },
            ),
            (":w", LineCommand::Write { file: None }),
            (
                ":w copy.napkin.yaml",
                LineCommand::Write {
                    file: Some("copy.napkin.yaml".into()),
                },
            ),
            (":reload", LineCommand::Reload),
            (":q", LineCommand::Quit),
            (":quit", LineCommand::Quit),
            (":wq", LineCommand::WriteQuit),
            (":undo", LineCommand::Undo),
            (":redo", LineCommand::Redo),
            (":help", LineCommand::Help),
            (":brief", LineCommand::Brief),
            (":design", LineCommand::Design),
            (":decisions", LineCommand::Decisions),
            (":report", LineCommand::Report),
            (":reference", LineCommand::Reference),
            (
                ":export mermaid",
                LineCommand::Export {
                    format: ExportFormat::Mermaid,
                    file: None,
                },
            ),
            (
                ":export MD review.md",
                LineCommand::Export {
                    format: ExportFormat::Markdown,
                    file: Some("review.md".into()),
                },
            ),
            (":diagram", LineCommand::Diagram),
            (":graph", LineCommand::Diagram),
            (":flow", LineCommand::Flow { flow: None }),
            (
                ":flow place-order",
                LineCommand::Flow {
                    flow: Some("place-order".into()),
                },
            ),
            (
                "  :ADD   redis  ",
                LineCommand::Add {
                    kind: "redis".into(),
                    id: None,
                },
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse(line).as_ref(), Ok(want), "{line}");
        }
    }

    #[test]
    fn errors_are_clear() {
        let e = parse(":ad postgres").unwrap_err();
        assert!(e.contains("did you mean `:add`"), "{e}");
        assert!(parse(":frobnicate").unwrap_err().contains(":help"));
        assert_eq!(
            parse(":add").unwrap_err(),
            "missing arguments: :add KIND [ID]"
        );
        assert_eq!(parse(":rm a b").unwrap_err(), "too many arguments: :rm ID");
        assert!(
            parse(":replicas a lots")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(
            parse(":link a b maybe")
                .unwrap_err()
                .contains("`sync` or `async`")
        );
        assert!(parse(":").unwrap_err().contains("type a command"));
        assert!(
            parse(":set a failover")
                .unwrap_err()
                .contains(":set ID KEY VALUE")
        );
        let e = parse(":export png").unwrap_err();
        assert!(
            e.contains("unknown format `png`") && e.contains("mermaid, dot, svg or markdown"),
            "{e}"
        );
        assert_eq!(
            parse(":export").unwrap_err(),
            "missing arguments: :export FORMAT [FILE]"
        );
        assert!(parse(":export dot a b").unwrap_err().contains("too many"));
        assert!(parse(":flow a b").unwrap_err().contains("too many"));
    }

    #[test]
    fn completes_names_kinds_components_and_values() {
        let lib = fixture::library();
        let pack = fixture::pack();
        let mut d = Design::default();
        d.components.push(Component::new("api", "app-server"));
        d.components.push(Component::new("db", "postgres"));
        let flows = vec![FlowSummary {
            id: "place-order".into(),
            title: None,
            inferred: false,
            components: vec!["api".into(), "db".into()],
        }];
        let ctx = Ctx {
            design: Some(&d),
            catalog: &lib.catalog,
            pack: Some(&pack),
            flows: &flows,
        };
        assert_eq!(
            complete(":a", ctx),
            (1, vec!["add".into(), "ask".into(), "answer".into()])
        );
        assert_eq!(complete(":add p", ctx), (5, vec!["postgres".into()]));
        assert_eq!(complete(":add red", ctx).1, vec!["redis".to_string()]);
        // No prefix match: fall back to contains.
        assert_eq!(complete(":add gres", ctx).1, vec!["postgres".to_string()]);
        assert_eq!(complete(":link api ", ctx), (10, vec!["db".into()]));
        assert_eq!(
            complete(":link ", ctx),
            (6, vec!["api".into(), "db".into()])
        );
        assert_eq!(complete(":link api db a", ctx).1, vec!["async".to_string()]);
        assert_eq!(complete(":set db f", ctx).1, vec!["failover".to_string()]);
        assert_eq!(
            complete(":set db failover ", ctx).1,
            vec!["none", "manual", "automatic"]
        );
        assert_eq!(complete(":set db managed ", ctx).1, vec!["true", "false"]);
        assert_eq!(complete(":stores db o", ctx).1, vec!["orders".to_string()]);
        assert_eq!(complete(":ask v", ctx).1, vec!["volume".to_string()]);
        assert_eq!(
            complete(":answer send-path ", ctx).1,
            vec!["inline", "enqueue"]
        );
        assert_eq!(complete(":stage g", ctx).1, vec!["growth".to_string()]);
        assert!(complete(":q ", ctx).1.is_empty());
        assert_eq!(
            complete(":export ", ctx).1,
            vec!["mermaid", "dot", "svg", "markdown"]
        );
        assert_eq!(complete(":export m", ctx).1, vec!["mermaid", "markdown"]);
        assert_eq!(complete(":export s", ctx), (8, vec!["svg".into()]));
        assert!(complete(":export svg ", ctx).1.is_empty());
        assert_eq!(complete(":flow ", ctx).1, vec!["place-order", "all"]);
        assert_eq!(complete(":ex", ctx).1, vec!["export"]);
        assert!(complete(":nope x", ctx).1.is_empty());
        assert_eq!(complete("", ctx).1.len(), names().count());
    }
}
