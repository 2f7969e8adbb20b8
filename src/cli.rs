//! The command line: clap commands over the library. Errors become exit codes
//! here and nowhere else: 0 ok, 1 a check failed, 2 bad input or usage.

use crate::io::Library;
use crate::io::home::Home;
use crate::io::load::{self, LoadError, LoadedPack};
use crate::io::sanitize;
use crate::model::{Category, Design, Problem, StageRef};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Practise system design and review real architectures, in the terminal.
#[derive(Debug, Parser)]
#[command(name = "napkin", version, about, long_about = None,
    after_help = "Run `napkin` with no command to open the home screen.\nExamples:\n  napkin practice notification-system\n  napkin score my.napkin.yaml --fail-under 70\n  napkin review docker-compose.yml --users 50000 --engineers 3")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every command napkin has.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score a design and print the critique.
    #[command(
        after_help = "Examples:\n  napkin score my.napkin.yaml\n  napkin score my.napkin.yaml --stage scale --format json\n  napkin score my.napkin.yaml --fail-under 75   # exit 1 when below"
    )]
    Score {
        /// The design file.
        file: PathBuf,
        /// Judge at this stage of the design's scenario (id or 1-based index).
        #[arg(long)]
        stage: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when the overall score is below N.
        #[arg(long, value_name = "N")]
        fail_under: Option<f64>,
    },
    /// Re-judge a design under a failure or a traffic spike.
    #[command(
        after_help = "Examples:\n  napkin drill my.napkin.yaml --fail cache\n  napkin drill my.napkin.yaml --spike 8\n  napkin drill my.napkin.yaml --drill redis-dies"
    )]
    Drill {
        /// The design file.
        file: PathBuf,
        /// A component id, kind id or category that goes down (repeatable).
        #[arg(long = "fail", value_name = "ID")]
        fail: Vec<String>,
        /// Multiply every load figure by X.
        #[arg(long, value_name = "X")]
        spike: Option<f64>,
        /// Run one of the pack's drills by id.
        #[arg(long)]
        drill: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List scenario packs or show one.
    #[command(after_help = "Examples:\n  napkin scenarios\n  napkin scenarios show ticket-booking")]
    Scenarios {
        #[command(subcommand)]
        action: Option<ScenariosAction>,
    },
    /// List component kinds or explain one.
    #[command(after_help = "Examples:\n  napkin catalog\n  napkin catalog kafka")]
    Catalog {
        /// A kind id or alias.
        kind: Option<String>,
    },
    /// Check design files and packs (files or folders); exit 2 on problems.
    #[command(
        after_help = "Examples:\n  napkin validate my.napkin.yaml\n  napkin validate ~/.config/napkin/scenarios/my-pack"
    )]
    Validate {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List the rules napkin judges by, or explain one.
    #[command(
        after_help = "Examples:\n  napkin rules\n  napkin rules single-point-of-failure\n  napkin rules --markdown > docs/RULES.md"
    )]
    Rules {
        /// A rule id.
        id: Option<String>,
        /// Print every rule as Markdown.
        #[arg(long)]
        markdown: bool,
    },
    /// Print a starter design file for a scenario.
    #[command(after_help = "Example:\n  napkin new notification-system > mine.napkin.yaml")]
    New {
        /// Pack id.
        scenario: String,
    },
    /// Start an interactive practice session on a scenario (autosaved).
    #[command(
        after_help = "Example:\n  napkin practice notification-system\nSessions autosave under $NAPKIN_HOME/sessions; press ? in the app for every key."
    )]
    Practice {
        /// Pack id (see `napkin scenarios`).
        scenario: String,
    },
    /// Open a design file in the interactive editor; edits save to it in place.
    #[command(
        after_help = "Examples:\n  napkin open my.napkin.yaml\n  napkin open new-idea.napkin.yaml   # created on the first edit"
    )]
    Open {
        /// The design file.
        file: PathBuf,
    },
    /// Export a design as a diagram (Mermaid, DOT, SVG) or a Markdown debrief.
    #[command(
        after_help = "Examples:\n  napkin export my.napkin.yaml --format mermaid\n  napkin export my.napkin.yaml --format svg -o design.svg\n  napkin export my.napkin.yaml --format markdown --stage scale -o review.md"
    )]
    Export {
        /// The design file.
        file: PathBuf,
        #[arg(long, value_enum)]
        format: crate::io::export::Format,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        /// Judge at this stage of the design's scenario (id or 1-based index).
        #[arg(long)]
        stage: Option<String>,
    },
}

/// Sub-actions of `napkin scenarios`.
#[derive(Debug, Subcommand)]
pub enum ScenariosAction {
    /// One line per pack.
    List,
    /// The brief, stages, entities and questions of a pack (no hidden answers).
    Show { id: String },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

/// Failure of a command, mapped to an exit code at the edge.
#[derive(Debug)]
pub enum Failure {
    /// Bad input or usage: exit 2.
    Input(Vec<Problem>),
    /// A check failed (e.g. `--fail-under`): exit 1.
    Check(String),
    /// Anything else unexpected: exit 2 with the message.
    Other(anyhow::Error),
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::Input(e.problems())
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Other(e.into())
    }
}

type Outcome = Result<(), Failure>;

/// Entry point used by `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let style = Style::detect();
    match run(cli, style) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Check(msg)) => {
            eprintln!("{msg}");
            ExitCode::from(1)
        }
        Err(Failure::Input(problems)) => {
            for p in &problems {
                eprintln!("{}", style.problem(p));
            }
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            eprintln!("napkin: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn library() -> Result<(Library, Option<Home>), Failure> {
    let home = Home::from_env();
    let lib = Library::with_user_packs(home.as_ref().map(|h| h.packs()).as_deref())?;
    for w in &lib.warnings {
        eprintln!("{w}");
    }
    Ok((lib, home))
}

fn run(cli: Cli, style: Style) -> Outcome {
    let Some(command) = cli.command else {
        let (lib, home) = library()?;
        return crate::tui::run(lib, home, crate::tui::Launch::Home).map_err(Failure::Other);
    };
    match command {
        Command::Scenarios { action } => {
            let (lib, _) = library()?;
            match action {
                None | Some(ScenariosAction::List) => scenarios_list(&lib, style),
                Some(ScenariosAction::Show { id }) => scenarios_show(&lib, &id, style),
            }
        }
        Command::Catalog { kind } => {
            let (lib, _) = library()?;
            catalog(&lib, kind.as_deref(), style)
        }
        Command::Validate { paths } => {
            let (lib, _) = library()?;
            validate(&lib, &paths, style)
        }
        Command::Rules { id, markdown } => rules(id.as_deref(), markdown, style),
        Command::New { scenario } => {
            let (lib, _) = library()?;
            new_design(&lib, &scenario)
        }
        Command::Score {
            file,
            stage,
            format,
            fail_under,
        } => {
            let (lib, _) = library()?;
            score_command(
                &lib,
                &file,
                stage.map(|s| StageRef::parse(&s)),
                format,
                fail_under,
                style,
            )
        }
        Command::Drill {
            file,
            fail,
            spike,
            drill,
            format,
        } => {
            let (lib, _) = library()?;
            drill_command(&lib, &file, &fail, spike, drill.as_deref(), format, style)
        }
        Command::Practice { scenario } => {
            let (lib, home) = library()?;
            if lib.pack(&scenario).is_none() {
                return Err(unknown_pack(&lib, &scenario));
            }
            crate::tui::run(lib, home, crate::tui::Launch::Practice(scenario))
                .map_err(Failure::Other)
        }
        Command::Export {
            file,
            format,
            output,
            stage,
        } => {
            let (lib, _) = library()?;
            let design = load_for(&lib, &file)?;
            let name = design_name(&design, &file);
            let stage = stage.as_deref().map(StageRef::parse);
            let text = crate::io::export::render(&lib, &design, format, stage, &name)
                .map_err(Failure::Input)?;
            match output {
                Some(path) => crate::io::save::atomic_write(&path, text.as_bytes())?,
                None => {
                    let _ = write!(out(), "{text}");
                }
            }
            Ok(())
        }
        Command::Open { file } => {
            let (lib, home) = library()?;
            if file.exists() {
                // Problems in the file are input errors, reported with places.
                load::load_design(&file, &lib)?;
            }
            crate::tui::run(lib, home, crate::tui::Launch::Open(file)).map_err(Failure::Other)
        }
    }
}

/// Terminal styling that respects `NO_COLOR` and non-terminals.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour only on a terminal and only when `NO_COLOR` is unset.
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    /// Wraps text in an SGR code when colour is on.
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Bold text.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dim text.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    fn problem(&self, p: &Problem) -> String {
        let s = p.to_string();
        if !self.color {
            return s;
        }
        let code = if p.is_error() { "31" } else { "33" };
        s.replacen("error:", &self.paint(code, "error:"), 1)
            .replacen("warning:", &self.paint(code, "warning:"), 1)
    }
}

fn out() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

/// Prints to stdout, ignoring a closed pipe (`napkin ... | head`).
macro_rules! say {
    ($($t:tt)*) => {{
        let _ = writeln!(out(), $($t)*);
    }};
}

fn unknown_pack(lib: &Library, id: &str) -> Failure {
    let hint = match crate::model::validate::did_you_mean(
        id,
        lib.packs
            .iter()
            .map(|p| (p.pack.id.as_str(), p.pack.id.as_str())),
    ) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "see `napkin scenarios list`".into(),
    };
    Failure::Input(vec![
        Problem::error("", format!("unknown scenario `{id}`")).hint(hint),
    ])
}

fn scenarios_list(lib: &Library, style: Style) -> Outcome {
    let w = lib.packs.iter().map(|p| p.pack.id.len()).max().unwrap_or(0);
    for p in &lib.packs {
        let origin = match &p.origin {
            load::Origin::BuiltIn => String::new(),
            load::Origin::Folder(d) => format!("  ({})", d.display()),
        };
        say!(
            "{}  {:<6} {:>3} min  {}{}",
            style.bold(&format!("{:<w$}", p.pack.id)),
            sanitize::line(&p.pack.difficulty),
            p.pack.minutes,
            sanitize::line(&p.pack.summary),
            origin
        );
    }
    Ok(())
}

fn scenarios_show(lib: &Library, id: &str, style: Style) -> Outcome {
    let Some(lp) = lib.pack(id) else {
        return Err(unknown_pack(lib, id));
    };
    let p = &lp.pack;
    say!(
        "{}  ({}, {} minutes)",
        style.bold(&sanitize::line(&p.title)),
        sanitize::line(&p.difficulty),
        p.minutes
    );
    say!("\n{}", sanitize::clean(p.brief.trim_end()));
    say!("\n{}", style.bold("Stages"));
    for (i, s) in p.stages.iter().enumerate() {
        let ctx = p.stage_context(s);
        say!(
            "  {}. {} ({}): {}",
            i + 1,
            sanitize::line(&s.title),
            s.id,
            context_line(&ctx)
        );
        if !s.summary.is_empty() {
            say!("     {}", sanitize::line(&s.summary));
        }
    }
    say!("\n{}", style.bold("Entities"));
    for e in &p.entities {
        say!(
            "  {:<18} consistency {:?}, contention {:?}{}",
            e.id,
            e.consistency,
            e.contention,
            if e.ordered { ", ordered" } else { "" }
        );
    }
    say!("\n{}", style.bold("Critical flows"));
    for f in &p.flows {
        say!(
            "  {:<22} {} -> {} ({:?})",
            f.id,
            f.from,
            f.to.join(", "),
            f.mode
        );
    }
    say!(
        "\n{} (answers stay hidden until asked in a session)",
        style.bold("Questions you can ask")
    );
    for q in &p.questions {
        say!("  - {}", sanitize::line(&q.ask));
    }
    say!("\n{}", style.bold("Decisions you will be asked to make"));
    for pr in &p.prompts {
        let opts: Vec<&str> = pr.options.iter().map(|o| o.id.as_str()).collect();
        say!(
            "  {:<20} {} [{}]",
            pr.id,
            sanitize::line(&pr.question),
            opts.join(" | ")
        );
    }
    say!("\n{}", style.bold("Follow-ups"));
    for d in &p.drills {
        say!("  {:<20} {}", d.id, sanitize::line(&d.title));
    }
    say!(
        "\nStart: napkin practice {}    Starter file: napkin new {}",
        p.id,
        p.id
    );
    Ok(())
}

/// One line summarising a context's numbers.
pub fn context_line(ctx: &crate::model::Context) -> String {
    use crate::model::num::fmt;
    let mut parts = Vec::new();
    if let Some(l) = &ctx.load {
        if let Some(u) = l.users {
            parts.push(format!("{} users", fmt(u)));
        }
        if let Some(r) = l.peak_rps {
            parts.push(format!("{} rps peak", fmt(r)));
        }
        if let Some(r) = l.write_rps {
            parts.push(format!("{} writes/s", fmt(r)));
        }
        if let Some(e) = l.events_per_day {
            parts.push(format!("{} events/day", fmt(e)));
        }
        if let Some(d) = l.data_gb {
            parts.push(format!("{} GB", fmt(d)));
        }
    }
    if let Some(e) = ctx.team.as_ref().and_then(|t| t.engineers) {
        parts.push(format!("{} engineers", fmt(e)));
    }
    if let Some(b) = ctx.budget_usd_per_month {
        parts.push(format!("${}/month", fmt(b)));
    }
    if let Some(a) = ctx.availability {
        parts.push(format!("{a}% target"));
    }
    parts.join(", ")
}

fn catalog(lib: &Library, kind: Option<&str>, style: Style) -> Outcome {
    use crate::model::num::fmt;
    match kind {
        None => {
            for cat in Category::ALL {
                let kinds: Vec<_> = lib
                    .catalog
                    .kinds()
                    .iter()
                    .filter(|k| k.category == cat)
                    .collect();
                if kinds.is_empty() {
                    continue;
                }
                say!("{}", style.bold(cat.as_str()));
                for k in kinds {
                    say!("  {:<20} {}", k.id, sanitize::line(&k.summary));
                }
            }
            Ok(())
        }
        Some(name) => {
            let Some(k) = lib.catalog.resolve(name) else {
                let names = lib.catalog.kinds().iter().flat_map(|k| {
                    std::iter::once((k.id.as_str(), k.id.as_str()))
                        .chain(k.aliases.iter().map(move |a| (a.as_str(), k.id.as_str())))
                });
                let hint = crate::model::validate::did_you_mean(name, names)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "run `napkin catalog` to list every kind".into());
                return Err(Failure::Input(vec![
                    Problem::error("", format!("unknown kind `{name}`")).hint(hint),
                ]));
            };
            say!("{} ({}, {})", style.bold(&k.name), k.id, k.category);
            say!("{}", sanitize::line(&k.summary));
            if !k.aliases.is_empty() {
                say!("aliases: {}", k.aliases.join(", "));
            }
            if let Some(c) = k.capacity {
                say!(
                    "capacity per instance: {} reads/s, {} writes/s{}",
                    fmt(c.read_rps),
                    fmt(c.write_rps),
                    if k.single_writer {
                        " (one primary takes every write; replicas add reads)"
                    } else {
                        ""
                    }
                );
            }
            if let Some(sw) = &k.strong_when {
                say!(
                    "strongly consistent with `{}: {}`",
                    sw.prop,
                    sw.values.join("|")
                );
            }
            let managed = |v: Option<f64>| v.map(fmt).unwrap_or_else(|| "n/a".into());
            say!(
                "cost per month: ${} self-hosted, ${} managed",
                fmt(k.cost_usd_month.self_hosted),
                managed(k.cost_usd_month.managed)
            );
            say!(
                "operations per month: {} h self-hosted, {} h managed",
                fmt(k.ops_hours_month.self_hosted),
                managed(k.ops_hours_month.managed)
            );
            say!(
                "consistency: {:?}; stateful: {}; highly available as bought: {}",
                k.consistency,
                k.stateful,
                k.highly_available || k.ha_when_managed
            );
            if !k.justified_when.always() {
                let j = &k.justified_when;
                let t: Vec<String> = j
                    .thresholds()
                    .into_iter()
                    .map(|(m, v)| m.phrase(v))
                    .collect();
                say!("justified from: {}", t.join(" or "));
                if let Some(w) = &j.why {
                    say!("  {}", sanitize::line(w));
                }
            }
            if !k.alternatives.is_empty() {
                say!("simpler alternatives: {}", k.alternatives.join(", "));
            }
            if !k.props.is_empty() {
                say!("props:");
                for (name, spec) in &k.props {
                    let vals = if spec.values.is_empty() {
                        format!("{:?}", spec.ty).to_lowercase()
                    } else {
                        spec.values.join("|")
                    };
                    let def = spec
                        .default
                        .as_ref()
                        .map(|d| format!(" (default {d})"))
                        .unwrap_or_default();
                    say!(
                        "  {name}: {vals}{def}  {}",
                        spec.doc.as_deref().map(sanitize::line).unwrap_or_default()
                    );
                }
            }
            if !k.source.is_empty() {
                say!("source: {}", sanitize::line(&k.source));
            }
            Ok(())
        }
    }
}

fn new_design(lib: &Library, id: &str) -> Outcome {
    let Some(lp) = lib.pack(id) else {
        return Err(unknown_pack(lib, id));
    };
    let design = crate::engine::starter::starter_design(&lp.pack, &lib.catalog);
    let text = load::design_to_yaml(&design).map_err(|e| Failure::Other(anyhow::anyhow!(e)))?;
    say!("# A starter design for `{id}`. Score it with: napkin score FILE");
    say!("# Kinds: napkin catalog    Scenario: napkin scenarios show {id}");
    let _ = write!(out(), "{text}");
    Ok(())
}

/// What `validate` found in one file.
struct Checked {
    errors: usize,
    warnings: usize,
}

fn validate(lib: &Library, paths: &[PathBuf], style: Style) -> Outcome {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files, 0)?;
    }
    let mut total = Checked {
        errors: 0,
        warnings: 0,
    };
    let mut lib = lib.clone();
    // Packs first, so designs in the same folders can name them.
    files.sort_by_key(|f| f.file_name().is_none_or(|n| n != "pack.yaml"));
    for f in &files {
        let is_pack = f.file_name().is_some_and(|n| n == "pack.yaml");
        let c = if is_pack {
            check_pack(&mut lib, f, style)
        } else {
            check_design(&lib, f, style)
        };
        total.errors += c.errors;
        total.warnings += c.warnings;
    }
    say!(
        "{} file{} checked: {} error{}, {} warning{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        total.errors,
        if total.errors == 1 { "" } else { "s" },
        total.warnings,
        if total.warnings == 1 { "" } else { "s" }
    );
    if total.errors > 0 {
        Err(Failure::Input(Vec::new()))
    } else {
        Ok(())
    }
}

fn collect(p: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Outcome {
    if p.is_dir() {
        if depth > 4 {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            let name = e
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if e.is_dir() && !name.starts_with('.') {
                collect(&e, out, depth + 1)?;
            } else if name == "pack.yaml"
                || name.ends_with(".napkin.yaml")
                || name.ends_with(".napkin.yml")
            {
                out.push(e);
            }
        }
        Ok(())
    } else if p.exists() {
        out.push(p.to_path_buf());
        Ok(())
    } else {
        Err(Failure::Input(vec![Problem::error(
            "",
            format!("{}: no such file or folder", p.display()),
        )]))
    }
}

fn report_problems(file: &Path, problems: &[Problem], style: Style) -> Checked {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    for p in problems {
        say!("{}", style.problem(p));
    }
    if problems.is_empty() {
        say!("{} {}", style.paint("32", "ok"), file.display());
    }
    Checked { errors, warnings }
}

fn check_design(lib: &Library, f: &Path, style: Style) -> Checked {
    match load::load_design(f, lib) {
        Ok(d) => report_problems(f, &d.warnings, style),
        Err(e) => report_problems(f, &e.problems(), style),
    }
}

fn check_pack(lib: &mut Library, f: &Path, style: Style) -> Checked {
    let dir = f.parent().unwrap_or(Path::new("."));
    match load::load_pack_dir(dir, &lib.catalog) {
        Err(e) => report_problems(f, &e.problems(), style),
        Ok(lp) => {
            let problems = crate::io::packcheck::check_references(lib, &lp);
            if !lib.packs.iter().any(|p| p.pack.id == lp.pack.id) {
                lib.packs.push(lp.clone());
            }
            report_problems(f, &problems, style)
        }
    }
}

/// Loads a design for a command.
pub fn load_for(lib: &Library, file: &Path) -> Result<Design, Failure> {
    let loaded = load::load_design(file, lib)?;
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    Ok(loaded.design)
}

/// A built-in or user pack's reference design, parsed.
pub fn reference_design(lib: &Library, lp: &LoadedPack, rel: &str) -> Result<Design, LoadError> {
    let text = lp.read(rel)?;
    let mut lib2 = lib.clone();
    if lib2.pack(&lp.pack.id).is_none() {
        lib2.packs.push(lp.clone());
    }
    load::load_design_str(&text, &lp.file_name(rel), &lib2).map(|d| d.design)
}

fn pack_for<'a>(lib: &'a Library, design: &Design) -> Option<&'a crate::model::Pack> {
    design
        .scenario
        .as_deref()
        .and_then(|id| lib.pack(id))
        .map(|p| &p.pack)
}

fn print_report(report: &crate::engine::report::Report, name: &str, format: Format, style: Style) {
    use crate::io::render;
    let text = match format {
        Format::Json => render::json(report),
        Format::Markdown => render::markdown(report, name),
        Format::Text => render::text(report, name, render::Paint { color: style.color }),
    };
    let _ = writeln!(out(), "{}", text.trim_end());
}

fn score_command(
    lib: &Library,
    file: &Path,
    stage: Option<StageRef>,
    format: Format,
    fail_under: Option<f64>,
    style: Style,
) -> Outcome {
    let design = load_for(lib, file)?;
    let pack = pack_for(lib, &design);
    if let (Some(st), Some(p)) = (&stage, pack)
        && p.stage(st).is_none()
    {
        return Err(Failure::Input(vec![
            Problem::error("", format!("scenario `{}` has no stage `{st}`", p.id)).hint(format!(
                "stages: {}",
                p.stages
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ]));
    }
    if stage.is_some() && pack.is_none() {
        return Err(Failure::Input(vec![
            Problem::error("", "--stage needs a design with a `scenario:`")
                .hint("describe your own numbers under `context:` instead"),
        ]));
    }
    let opts = crate::engine::Options {
        stage,
        ..Default::default()
    };
    let report = crate::engine::analyze_with_fixes(&design, &lib.catalog, pack, &opts);
    print_report(&report, &design_name(&design, file), format, style);
    if let Some(min) = fail_under
        && f64::from(report.scores.overall) < min
    {
        return Err(Failure::Check(format!(
            "napkin: overall score {} is below --fail-under {min}",
            report.scores.overall
        )));
    }
    Ok(())
}

fn design_name(design: &Design, file: &Path) -> String {
    if design.name.trim().is_empty() {
        file.display().to_string()
    } else {
        design.name.clone()
    }
}

fn drill_command(
    lib: &Library,
    file: &Path,
    fail: &[String],
    spike: Option<f64>,
    drill: Option<&str>,
    format: Format,
    style: Style,
) -> Outcome {
    let design = load_for(lib, file)?;
    let pack = pack_for(lib, &design);
    let mut opts = crate::engine::Options {
        fail: fail.to_vec(),
        spike,
        ..Default::default()
    };
    if let Some(id) = drill {
        let Some(p) = pack else {
            return Err(Failure::Input(vec![
                Problem::error("", "--drill needs a design with a `scenario:`")
                    .hint("use --fail and --spike for designs without a scenario"),
            ]));
        };
        let Some(d) = p.drills.iter().find(|d| d.id == id) else {
            return Err(Failure::Input(vec![
                Problem::error("", format!("scenario `{}` has no drill `{id}`", p.id)).hint(
                    format!(
                        "drills: {}",
                        p.drills
                            .iter()
                            .map(|d| d.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            ]));
        };
        opts.fail.extend(d.fail.iter().cloned());
        opts.spike = opts.spike.or(d.spike);
        opts.stage = d.stage.as_ref().map(|s| StageRef::Id(s.clone()));
        if format == Format::Text {
            say!(
                "{}\n{}\n",
                style.bold(&sanitize::line(&d.title)),
                sanitize::line(&d.question)
            );
        }
    }
    if opts.fail.is_empty() && opts.spike.is_none() {
        return Err(Failure::Input(vec![
            Problem::error("", "a drill needs --fail, --spike or --drill")
                .hint("e.g. napkin drill FILE --fail redis, or --spike 8"),
        ]));
    }
    if let Some(x) = opts.spike
        && !(x.is_finite() && x > 0.0)
    {
        return Err(Failure::Input(vec![Problem::error(
            "",
            format!("--spike {x} must be a positive number"),
        )]));
    }
    let unknown: Vec<&String> = opts
        .fail
        .iter()
        .filter(|n| {
            crate::engine::failed_set(&design, &lib.catalog, std::slice::from_ref(n)).is_empty()
        })
        .collect();
    if !unknown.is_empty() && format == Format::Text {
        say!(
            "note: nothing in the design matches {}",
            unknown
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let report = crate::engine::analyze(&design, &lib.catalog, pack, &opts);
    print_report(
        &report,
        &design_name(&design, file),
        match format {
            Format::Markdown => Format::Text,
            f => f,
        },
        style,
    );
    Ok(())
}

fn rules(id: Option<&str>, markdown: bool, style: Style) -> Outcome {
    use crate::engine::rules::{RULES, rule};
    if markdown {
        let _ = write!(out(), "{}", crate::engine::rules::markdown());
        return Ok(());
    }
    match id {
        None => {
            for r in RULES {
                say!(
                    "{:<34} {:<17} {}",
                    style.bold(r.id),
                    r.category.as_str(),
                    r.title
                );
            }
            say!("\nExplain one: napkin rules ID");
            Ok(())
        }
        Some(id) => match rule(id) {
            Some(r) => {
                say!("{} ({})\n{}\n", style.bold(r.id), r.category, r.title);
                say!("{}", r.story);
                Ok(())
            }
            None => {
                let hint =
                    crate::model::validate::did_you_mean(id, RULES.iter().map(|r| (r.id, r.id)))
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| "run `napkin rules` to list them".into());
                Err(Failure::Input(vec![
                    Problem::error("", format!("unknown rule `{id}`")).hint(hint),
                ]))
            }
        },
    }
}
