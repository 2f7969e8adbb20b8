//! The command line: clap commands over the library. Errors become exit codes
//! here and nowhere else: 0 ok, 1 a check failed, 2 bad input or usage.
//! One file per subcommand; `present` holds what they share for output and
//! `input` what they share for reading designs.

use crate::io::Library;
use crate::io::home::Home;
use crate::io::load::{self, LoadError};

use crate::model::{Problem, StageRef};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Practise system design and review real architectures, in the terminal.
#[derive(Debug, Parser)]
#[command(name = "napkin", version, about, long_about = None,
    after_help = "Run `napkin` with no command to open the home screen.\nExamples:\n  napkin practice notification-system\n  napkin score my.napkin.yaml --fail-under 70\n  napkin validate designs/\n  napkin review docker-compose.yml --users 20000")]
pub struct Cli {
    /// When to colour output: `auto` colours a terminal unless `NO_COLOR` is
    /// set (`CLICOLOR_FORCE=1` colours a pipe too).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Every command napkin has.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
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
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
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
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
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
        after_help = "Examples:\n  napkin practice notification-system\n  napkin practice ticket-booking --interview --minutes 30\nSessions autosave under $NAPKIN_HOME/sessions; press ? in the app for every key.\nAn interview hides the score, findings and fixes until wrap-up, takes questions\nin your own words, deals the decisions' options without their consequences,\nand runs requirements, estimation, high-level design, deep dive and wrap-up\non the clock (p pauses, N moves on)."
    )]
    Practice {
        /// Pack id (see `napkin scenarios`).
        scenario: String,
        /// Run it as an interview: hidden judgement until wrap-up, typed questions, phases on the clock.
        #[arg(long)]
        interview: bool,
        /// Length of the interview in minutes (default: the pack's phases, 45 minutes).
        #[arg(long, requires = "interview", value_parser = clap::value_parser!(u32).range(1..=600))]
        minutes: Option<u32>,
        /// The level the answer is judged at: mid, senior (the default) or staff.
        #[arg(long, value_parser = parse_level)]
        level: Option<crate::model::level::Level>,
        /// Add the mentor view (M shows or hides it; an interview starts with it hidden).
        #[arg(long)]
        mentor: bool,
    },
    /// Your finished sessions: attempts per scenario, scores over time,
    /// estimation accuracy, level reached, recurring findings.
    #[command(
        after_help = "Examples:\n  napkin history\n  napkin history --scenario coffee-ordering --format json"
    )]
    History {
        /// Only this scenario's attempts.
        #[arg(long)]
        scenario: Option<String>,
        /// `text` or `json`.
        #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
        format: HistoryFormat,
    },
    /// Open a design file in the interactive editor; edits save to it in place.
    #[command(
        after_help = "Examples:\n  napkin open my.napkin.yaml\n  napkin open new-idea.napkin.yaml   # created on the first edit"
    )]
    Open {
        /// The design file.
        file: PathBuf,
        /// Add the mentor view (M shows or hides it; an interview starts with it hidden).
        #[arg(long)]
        mentor: bool,
    },
    /// Print the JSON Schema of the design format or of `score --format json`.
    #[command(
        after_help = "Examples:\n  napkin schema design > design.schema.json\n  napkin schema report"
    )]
    Schema {
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// Print shell completions.
    #[command(
        after_help = "Examples:\n  napkin completions bash > ~/.local/share/bash-completion/completions/napkin\n  napkin completions zsh > ~/.zfunc/_napkin\n  napkin completions fish > ~/.config/fish/completions/napkin.fish"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  napkin man > napkin.1 && man ./napkin.1")]
    Man,
    /// Review a running system: import a Compose file and judge it, or write it as a design.
    #[command(
        after_help = "Examples:\n  napkin review docker-compose.yml --users 20000 --peak-rps 40 --engineers 3\n  napkin review compose.yaml --format markdown > review.md\n  napkin review compose.yaml -o mine.napkin.yaml --open\nServices map to catalog kinds by image, name and command; the report lists\nevery service left out or judged by the fallback, and the numbers assumed."
    )]
    Review {
        /// The Compose file (`-` reads standard input).
        file: PathBuf,
        #[command(flatten)]
        numbers: review::ReviewNumbers,
        /// Write the design to this new file instead of printing the review.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        /// Then open the written design in the editor to refine it.
        #[arg(long, requires = "output")]
        open: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// What changed between two attempts: components, links, scores, findings, cost.
    #[command(
        after_help = "Examples:\n  napkin diff first.napkin.yaml second.napkin.yaml\n  napkin diff before-feedback after-feedback --format json\nA and B are design files, or sessions under $NAPKIN_HOME/sessions by their\n:name or file name. Each is judged at its own stage."
    )]
    Diff {
        /// The earlier attempt.
        a: String,
        /// The later attempt.
        b: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Export a design as a diagram (Mermaid, DOT, SVG) or a Markdown debrief.
    #[command(
        after_help = "Examples:\n  napkin export my.napkin.yaml --format mermaid\n  napkin export my.napkin.yaml --format svg -o design.svg\n  napkin export my.napkin.yaml --format markdown --stage scale -o review.md"
    )]
    Export {
        /// The design file.
        file: PathBuf,
        #[arg(long, value_enum)]
        format: crate::io::export::ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        /// Judge at this stage of the design's scenario (id or 1-based index).
        #[arg(long)]
        stage: Option<String>,
        /// The debrief compares with this earlier attempt (a file, or a
        /// session's :name); by default the newest earlier session of the
        /// same scenario under $NAPKIN_HOME/sessions.
        #[arg(long, value_name = "A")]
        against: Option<String>,
    },
}

/// Sub-actions of `napkin scenarios`.
#[derive(Debug, Subcommand)]
pub enum ScenariosAction {
    /// One line per pack.
    List,
    /// The brief, stages, entities, decisions and follow-ups of a pack (no hidden answers).
    Show {
        id: String,
        /// Also list the clarifying questions (for mentors and pack authors:
        /// an interview expects the candidate to think of them).
        #[arg(long)]
        questions: bool,
    },
}

/// Which schema `napkin schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A `*.napkin.yaml` design.
    Design,
    /// The report of `napkin score --format json`.
    Report,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
}

/// Output of `napkin history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Text,
    Json,
}

fn parse_level(s: &str) -> Result<crate::model::level::Level, String> {
    crate::model::level::Level::parse(s)
        .ok_or_else(|| format!("`{s}` is not a level: mid, senior or staff"))
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

/// Prints to stdout, ignoring a closed pipe (`napkin ... | head`).
macro_rules! say {
    ($($t:tt)*) => {{
        let _ = writeln!($crate::cli::present::out(), $($t)*);
    }};
}

mod catalog;
mod diff;
mod drill;
mod history;
mod input;
mod present;
mod review;
mod rules;
mod scenarios;
mod score;
mod validate;

use input::{design_name, load_for};
use present::{Style, out};

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
    let style = Style::detect(cli.color);
    match run(cli, style) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Check(msg)) => {
            eprintln!("{}", crate::text::clean(&msg));
            ExitCode::from(1)
        }
        Err(Failure::Input(problems)) => {
            for line in style.problems(&problems) {
                eprintln!("{line}");
            }
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            eprintln!("napkin: {}", crate::text::clean(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

/// The catalog, and the packs to read when a command first needs them.
fn library() -> Result<(Library, Option<Home>), Failure> {
    let home = Home::from_env();
    let lib = Library::with_user_packs(home.as_ref().map(|h| h.packs()).as_deref())?;
    Ok((lib, home))
}

/// The library with its packs read and their problems told, for the
/// interactive app, which lists every pack.
fn library_for_app() -> Result<(Library, Option<Home>), Failure> {
    let (lib, home) = library()?;
    lib.packs();
    tell_pack_warnings(&lib);
    Ok((lib, home))
}

/// Problems with the packs, when the command read them; before the
/// command's own errors, which `main` prints.
fn tell_pack_warnings(lib: &Library) {
    for w in lib.read_warnings() {
        eprintln!("{}", crate::text::clean(&w.to_string()));
    }
}

/// A command's outcome, after the problems with any packs it read.
fn finish(lib: &Library, outcome: Outcome) -> Outcome {
    tell_pack_warnings(lib);
    outcome
}

fn run(cli: Cli, style: Style) -> Outcome {
    let Some(command) = cli.command else {
        let (lib, home) = library_for_app()?;
        return crate::tui::run(lib, home, crate::tui::Launch::Home).map_err(Failure::Other);
    };
    match command {
        CliCommand::Scenarios { action } => {
            let (lib, _) = library()?;
            let outcome = match action {
                None | Some(ScenariosAction::List) => scenarios::list(&lib, style),
                Some(ScenariosAction::Show { id, questions }) => {
                    scenarios::show(&lib, &id, questions, style)
                }
            };
            finish(&lib, outcome)
        }
        CliCommand::Catalog { kind } => {
            let (lib, _) = library()?;
            finish(&lib, catalog::catalog(&lib, kind.as_deref(), style))
        }
        CliCommand::Validate { paths } => {
            let (lib, _) = library()?;
            finish(&lib, validate::validate(&lib, &paths, style))
        }
        CliCommand::Rules { id, markdown } => rules::rules(id.as_deref(), markdown, style),
        CliCommand::Schema { which } => {
            let _ = writeln!(out(), "{}", schema_text(which));
            Ok(())
        }
        CliCommand::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "napkin", &mut out());
            Ok(())
        }
        CliCommand::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut page)?;
            // A closed pipe (`napkin man | head`) is not an error.
            let _ = out().write_all(&page);
            Ok(())
        }
        CliCommand::New { scenario } => {
            let (lib, _) = library()?;
            finish(&lib, scenarios::new_design(&lib, &scenario))
        }
        CliCommand::Score {
            file,
            stage,
            format,
            fail_under,
        } => {
            let (lib, _) = library()?;
            let outcome = score::score(
                &lib,
                &file,
                stage.map(|s| StageRef::parse(&s)),
                format,
                fail_under,
                style,
            );
            finish(&lib, outcome)
        }
        CliCommand::Drill {
            file,
            fail,
            spike,
            drill,
            format,
        } => {
            let (lib, _) = library()?;
            let outcome = drill::drill(&lib, &file, &fail, spike, drill.as_deref(), format, style);
            finish(&lib, outcome)
        }
        CliCommand::History { scenario, format } => {
            let home = Home::from_env();
            history::run(
                home.as_ref(),
                scenario.as_deref(),
                format == HistoryFormat::Json,
                style,
            )
        }
        CliCommand::Practice {
            scenario,
            interview,
            minutes,
            level,
            mentor,
        } => {
            let (lib, home) = library_for_app()?;
            if lib.pack(&scenario).is_none() {
                return Err(present::unknown_pack(&lib, &scenario));
            }
            let launch = if interview {
                crate::tui::Launch::Interview(scenario, minutes)
            } else {
                crate::tui::Launch::Practice(scenario)
            };
            crate::tui::run_at(lib, home, launch, level, mentor).map_err(Failure::Other)
        }
        CliCommand::Export {
            file,
            format,
            output,
            stage,
            against,
        } => {
            let (lib, home) = library()?;
            let outcome = export(&lib, home.as_ref(), &file, format, output, stage, against);
            finish(&lib, outcome)
        }
        CliCommand::Review {
            file,
            numbers,
            output,
            open,
            format,
        } => {
            let (lib, home) = library()?;
            let reviewed = review::review(&lib, &file, &numbers, output.as_ref(), format, style);
            finish(&lib, reviewed)?;
            match output.filter(|_| open) {
                Some(written) => open_file(lib, home, written, false),
                None => Ok(()),
            }
        }
        CliCommand::Diff { a, b, format } => {
            let (lib, home) = library()?;
            finish(&lib, diff::diff(&lib, home.as_ref(), &a, &b, format))
        }
        CliCommand::Open { file, mentor } => {
            let (lib, home) = library_for_app()?;
            open_file(lib, home, file, mentor)
        }
    }
}

/// `napkin export`: the design as a diagram or a debrief.
fn export(
    lib: &Library,
    home: Option<&Home>,
    file: &std::path::Path,
    format: crate::io::export::ExportFormat,
    output: Option<PathBuf>,
    stage: Option<String>,
    against: Option<String>,
) -> Outcome {
    let design = load_for(lib, file)?;
    let name = design_name(&design, file);
    let stage = stage.as_deref().map(StageRef::parse);
    let previous = match format {
        crate::io::export::ExportFormat::Markdown => {
            diff::previous(lib, home, file, &design, against.as_deref())?
        }
        _ => None,
    };
    let text = crate::io::export::render_against(
        lib,
        &design,
        format,
        stage,
        &name,
        previous
            .as_ref()
            .map(|(d, n)| crate::io::export::Previous { design: d, name: n }),
    )
    .map_err(Failure::Input)?;
    match output {
        Some(path) => crate::io::save::atomic_write(&path, text.as_bytes())?,
        None => {
            let _ = write!(out(), "{text}");
        }
    }
    Ok(())
}

/// The editor on `file`: its design when it exists, a new one otherwise.
fn open_file(lib: Library, home: Option<Home>, file: PathBuf, mentor: bool) -> Outcome {
    let launch = if file.exists() {
        // Problems in the file are input errors, reported with places; the
        // design read here is the one the app opens, parsed once.
        let text = load::read_bounded(&file)?;
        let loaded = load::load_design_str(&text, &file.display().to_string(), &lib)?;
        crate::tui::Launch::Loaded(file, Box::new(loaded.design), text)
    } else {
        crate::tui::Launch::Open(file)
    };
    crate::tui::run_at(lib, home, launch, None, mentor).map_err(Failure::Other)
}

/// The JSON Schema text of a format, as `napkin schema` prints it and
/// `docs/schema/` keeps it.
pub fn schema_text(which: SchemaKind) -> String {
    let schema = match which {
        SchemaKind::Design => crate::model::contract::FileFormat::Design.schema(),
        SchemaKind::Report => schemars::schema_for!(crate::engine::report::Report).to_value(),
    };
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schemas checked into docs/schema/ are the ones the types give;
    /// regenerate with `napkin schema design > docs/schema/design.json`.
    #[test]
    fn checked_in_schemas_are_current() {
        for (which, file, text) in [
            (
                SchemaKind::Design,
                "design.json",
                include_str!("../../docs/schema/design.json"),
            ),
            (
                SchemaKind::Report,
                "report.json",
                include_str!("../../docs/schema/report.json"),
            ),
        ] {
            assert_eq!(
                text.trim_end(),
                schema_text(which),
                "docs/schema/{file} is stale: run `napkin schema {}` > docs/schema/{file}",
                file.trim_end_matches(".json")
            );
        }
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        <Cli as clap::CommandFactory>::command().debug_assert();
    }
}
