//! The figures of a context a person sets by hand (`:context users 50000`,
//! the context screen): one table, so the command, its completion, the
//! screen, the command an edit prints and the format-preserving save all
//! agree on the names, where each lives in the file and how it is read.

use super::context::{Context, Load, Team};

/// Which figure, for code that must treat each one (the engine's effective
/// value); a `match` on it is checked to cover them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureId {
    /// `load.users`
    Users,
    /// `load.peak_rps`
    PeakRps,
    /// `load.write_rps`
    WriteRps,
    /// `load.events_per_day`
    EventsPerDay,
    /// `load.data_gb`
    DataGb,
    /// `team.engineers`
    Engineers,
    /// `team.ops_hours_per_month`
    OpsHours,
    /// `budget_usd_per_month`
    Budget,
    /// `availability`
    Availability,
}

/// How a figure reads to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A plain count: `50,000`.
    Count,
    /// Per second: `25/s`.
    PerSecond,
    /// Gigabytes: `10 GB`.
    Gigabytes,
    /// Hours a month: `32 h/month`.
    HoursPerMonth,
    /// US dollars a month: `$800/month`.
    UsdPerMonth,
    /// A percentage: `99.9%`.
    Percent,
}

impl Unit {
    /// The figure as a person reads it.
    pub fn show(self, v: f64) -> String {
        let n = super::num::fmt(v);
        match self {
            Unit::Count => n,
            Unit::PerSecond => format!("{n}/s"),
            Unit::Gigabytes => format!("{n} GB"),
            Unit::HoursPerMonth => format!("{n} h/month"),
            Unit::UsdPerMonth => format!("${n}/month"),
            Unit::Percent => super::num::pct(v),
        }
    }
}

/// One figure: the name `:context` takes, the other names people type, where
/// it lives in a design file and how to read and write it on a [`Context`].
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    /// Which figure.
    pub id: FigureId,
    /// The name `:context` and the screen use (`peak_rps`).
    pub name: &'static str,
    /// Other spellings accepted (`rps`, `peak-rps`).
    pub aliases: &'static [&'static str],
    /// The mapping under `context:` that holds it (`load`, `team`), or
    /// `None` for a key of `context:` itself.
    pub section: Option<&'static str>,
    /// Its key in the file (`ops_hours_per_month`).
    pub key: &'static str,
    /// One line on what it is, for the screen.
    pub about: &'static str,
    /// How it reads.
    pub unit: Unit,
    /// The figure in a context, if the context gives it.
    pub get: fn(&Context) -> Option<f64>,
    /// Sets (`Some`) or clears (`None`) the figure in a context.
    pub set: fn(&mut Context, Option<f64>),
}

/// Figures are the same figure when their ids are: the table holds each once.
impl PartialEq for Figure {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

fn load(c: &mut Context) -> &mut Load {
    c.load.get_or_insert_with(Load::default)
}

fn team(c: &mut Context) -> &mut Team {
    c.team.get_or_insert_with(Team::default)
}

/// Every figure, in the order the file and the screen list them.
pub const FIGURES: &[Figure] = &[
    Figure {
        id: FigureId::Users,
        name: "users",
        aliases: &[],
        section: Some("load"),
        key: "users",
        about: "people using the system",
        unit: Unit::Count,
        get: |c| c.load.as_ref().and_then(|l| l.users),
        set: |c, v| load(c).users = v,
    },
    Figure {
        id: FigureId::PeakRps,
        name: "peak_rps",
        aliases: &["peak-rps", "rps", "peak"],
        section: Some("load"),
        key: "peak_rps",
        about: "requests a second at peak, all kinds",
        unit: Unit::PerSecond,
        get: |c| c.load.as_ref().and_then(|l| l.peak_rps),
        set: |c, v| load(c).peak_rps = v,
    },
    Figure {
        id: FigureId::WriteRps,
        name: "write_rps",
        aliases: &["write-rps", "writes"],
        section: Some("load"),
        key: "write_rps",
        about: "writes a second at peak",
        unit: Unit::PerSecond,
        get: |c| c.load.as_ref().and_then(|l| l.write_rps),
        set: |c, v| load(c).write_rps = v,
    },
    Figure {
        id: FigureId::EventsPerDay,
        name: "events_per_day",
        aliases: &["events-per-day", "events"],
        section: Some("load"),
        key: "events_per_day",
        about: "background events (messages, jobs) a day",
        unit: Unit::Count,
        get: |c| c.load.as_ref().and_then(|l| l.events_per_day),
        set: |c, v| load(c).events_per_day = v,
    },
    Figure {
        id: FigureId::DataGb,
        name: "data_gb",
        aliases: &["data-gb", "data"],
        section: Some("load"),
        key: "data_gb",
        about: "data kept, in GB",
        unit: Unit::Gigabytes,
        get: |c| c.load.as_ref().and_then(|l| l.data_gb),
        set: |c, v| load(c).data_gb = v,
    },
    Figure {
        id: FigureId::Engineers,
        name: "engineers",
        aliases: &["team"],
        section: Some("team"),
        key: "engineers",
        about: "engineers who build and run it",
        unit: Unit::Count,
        get: |c| c.team.as_ref().and_then(|t| t.engineers),
        set: |c, v| team(c).engineers = v,
    },
    Figure {
        id: FigureId::OpsHours,
        name: "ops_hours",
        aliases: &["ops-hours", "ops_hours_per_month"],
        section: Some("team"),
        key: "ops_hours_per_month",
        about: "hours a month the team can spend keeping it running",
        unit: Unit::HoursPerMonth,
        get: |c| c.team.as_ref().and_then(|t| t.ops_hours_per_month),
        set: |c, v| team(c).ops_hours_per_month = v,
    },
    Figure {
        id: FigureId::Budget,
        name: "budget",
        aliases: &["budget_usd_per_month", "budget-usd"],
        section: None,
        key: "budget_usd_per_month",
        about: "infrastructure budget, US dollars a month",
        unit: Unit::UsdPerMonth,
        get: |c| c.budget_usd_per_month,
        set: |c, v| c.budget_usd_per_month = v,
    },
    Figure {
        id: FigureId::Availability,
        name: "availability",
        aliases: &["target", "sla"],
        section: None,
        key: "availability",
        about: "availability target, percent",
        unit: Unit::Percent,
        get: |c| c.availability,
        set: |c, v| c.availability = v,
    },
];

/// The figure with this name or alias, in any case.
pub fn figure(name: &str) -> Option<&'static Figure> {
    let name = name.to_ascii_lowercase();
    FIGURES
        .iter()
        .find(|f| f.name == name || f.aliases.contains(&name.as_str()))
}

impl Figure {
    /// Reads a value as people type it: `50000`, `50,000`, `$800`, `99.9%`;
    /// `-`, `none`, `default` or `unset` clears it (`Ok(None)`).
    pub fn parse(&self, typed: &str) -> Result<Option<f64>, String> {
        let v = typed.trim();
        if matches!(v, "-" | "none" | "default" | "unset") {
            return Ok(None);
        }
        let digits: String = v
            .trim_start_matches('$')
            .trim_end_matches('%')
            .chars()
            .filter(|c| !matches!(c, ',' | '_'))
            .collect();
        let x = match digits.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.0 => x,
            _ => {
                return Err(format!(
                    "`{}` is not a figure: give a number of 0 or more (or `-` to go back to the assumed one)",
                    crate::text::label(typed, 40)
                ));
            }
        };
        if self.unit == Unit::Percent && x > 100.0 {
            return Err(format!("{} is a percentage, e.g. 99.9", self.name));
        }
        Ok(Some(x))
    }

    /// `context` with this figure set or cleared, tidied: a `load` or
    /// `team` left empty is dropped, and so is a context left empty, so the
    /// file never gains an empty `{}`.
    pub fn with(&self, context: Option<&Context>, value: Option<f64>) -> Option<Context> {
        let mut c = context.cloned().unwrap_or_default();
        (self.set)(&mut c, value);
        if c.load.as_ref().is_some_and(|l| *l == Load::default()) {
            c.load = None;
        }
        if c.team.as_ref().is_some_and(|t| *t == Team::default()) {
            c.team = None;
        }
        (c != Context::default()).then_some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_reads_back_what_it_sets_and_names_are_unique() {
        let mut names = std::collections::BTreeSet::new();
        for f in FIGURES {
            assert!(names.insert(f.name), "{} twice", f.name);
            for a in f.aliases {
                assert!(names.insert(a), "{a} twice");
            }
            let c = f.with(None, Some(7.0)).expect("a context");
            assert_eq!((f.get)(&c), Some(7.0), "{}", f.name);
            // Only this figure is set.
            let others = FIGURES
                .iter()
                .filter(|g| g.id != f.id)
                .filter(|g| (g.get)(&c).is_some())
                .count();
            assert_eq!(others, 0, "{}", f.name);
            assert_eq!(f.with(Some(&c), None), None, "{} clears", f.name);
            assert_eq!(figure(f.name).map(|g| g.id), Some(f.id));
        }
        assert_eq!(figure("RPS").map(|f| f.name), Some("peak_rps"));
        assert!(figure("usres").is_none());
    }

    #[test]
    fn parses_figures_as_people_type_them() {
        let users = figure("users").expect("users");
        let avail = figure("availability").expect("availability");
        assert_eq!(users.parse("50,000"), Ok(Some(50_000.0)));
        assert_eq!(users.parse(" $800 "), Ok(Some(800.0)));
        assert_eq!(avail.parse("99.9%"), Ok(Some(99.9)));
        assert_eq!(users.parse("-"), Ok(None));
        assert!(users.parse("lots").is_err());
        assert!(users.parse("-5").is_err());
        assert!(users.parse("NaN").is_err());
        assert!(avail.parse("120").unwrap_err().contains("percentage"));
        assert_eq!(Unit::UsdPerMonth.show(800.0), "$800/month");
        assert_eq!(Unit::Percent.show(99.95), "99.95%");
    }
}
