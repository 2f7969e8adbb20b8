//! What changed between two attempts: two designs and the engine's reports
//! on them. Pure; `napkin diff`, the mentor view and the debrief all show
//! this one value.

use super::report::{Finding, Report};
use crate::model::{Design, LinkMode, Severity};
use serde::Serialize;

/// The changes from `before` to `after`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesignDiff {
    /// Components in `after` only: (id, kind).
    pub components_added: Vec<ComponentRef>,
    /// Components in `before` only.
    pub components_removed: Vec<ComponentRef>,
    /// Components in both whose kind, replicas or managed flag changed.
    pub components_changed: Vec<ComponentChange>,
    /// Links in `after` only.
    pub links_added: Vec<LinkRef>,
    /// Links in `before` only.
    pub links_removed: Vec<LinkRef>,
    /// Links in both whose mode changed (sync to async or back).
    pub links_changed: Vec<LinkChange>,
    /// Each score category, before and after.
    pub scores: Vec<ScoreChange>,
    /// Findings of `after` that `before` did not have.
    pub findings_opened: Vec<FindingRef>,
    /// Findings of `before` that `after` no longer has.
    pub findings_closed: Vec<FindingRef>,
    /// Monthly cost in dollars.
    pub cost_usd_per_month: Change,
    /// Monthly operations hours.
    pub ops_hours_per_month: Change,
}

/// A component by id and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentRef {
    pub id: String,
    pub kind: String,
}

/// A component in both designs that changed, with what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentChange {
    pub id: String,
    /// `kind postgres -> cockroachdb`, `replicas 1 -> 3`, `managed`, ...
    pub changes: Vec<String>,
}

/// A link by its ends and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkRef {
    pub from: String,
    pub to: String,
    pub mode: LinkMode,
}

/// A link in both designs whose mode changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkChange {
    pub from: String,
    pub to: String,
    pub before: LinkMode,
    pub after: LinkMode,
}

/// One score category before and after (absent where not scored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreChange {
    pub category: &'static str,
    pub before: Option<u32>,
    pub after: Option<u32>,
}

impl ScoreChange {
    /// After minus before, when both are scored.
    pub fn delta(&self) -> Option<i64> {
        Some(i64::from(self.after?) - i64::from(self.before?))
    }
}

/// A finding by rule and the components it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRef {
    pub rule: String,
    pub severity: Severity,
    pub components: Vec<String>,
    pub message: String,
}

/// A figure before and after.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    pub before: f64,
    pub after: f64,
}

impl Change {
    /// After minus before.
    pub fn delta(&self) -> f64 {
        self.after - self.before
    }
}

impl DesignDiff {
    /// True when nothing the diff tracks changed.
    pub fn is_empty(&self) -> bool {
        self.components_added.is_empty()
            && self.components_removed.is_empty()
            && self.components_changed.is_empty()
            && self.links_added.is_empty()
            && self.links_removed.is_empty()
            && self.links_changed.is_empty()
            && self.findings_opened.is_empty()
            && self.findings_closed.is_empty()
            && self.scores.iter().all(|s| s.before == s.after)
            && self.cost_usd_per_month.delta() == 0.0
            && self.ops_hours_per_month.delta() == 0.0
    }
}

/// What changed from `before` (judged as `rb`) to `after` (judged as `ra`).
pub fn diff(before: &Design, rb: &Report, after: &Design, ra: &Report) -> DesignDiff {
    let cref = |c: &crate::model::Component| ComponentRef {
        id: c.id.clone(),
        kind: c.kind.clone(),
    };
    let components_added = after
        .components
        .iter()
        .filter(|c| before.component(&c.id).is_none())
        .map(cref)
        .collect();
    let components_removed = before
        .components
        .iter()
        .filter(|c| after.component(&c.id).is_none())
        .map(cref)
        .collect();
    let components_changed = after
        .components
        .iter()
        .filter_map(|a| {
            let b = before.component(&a.id)?;
            let mut changes = Vec::new();
            if a.kind != b.kind {
                changes.push(format!("kind {} -> {}", b.kind, a.kind));
            }
            if a.replicas != b.replicas {
                changes.push(format!("replicas {} -> {}", b.replicas, a.replicas));
            }
            if a.managed != b.managed {
                changes.push(if a.managed { "managed" } else { "self-hosted" }.to_string());
            }
            if a.stores != b.stores {
                changes.push(format!("stores [{}]", a.stores.join(", ")));
            }
            if a.props != b.props {
                let keys: Vec<&str> = a
                    .props
                    .keys()
                    .chain(b.props.keys())
                    .filter(|k| a.props.get(*k) != b.props.get(*k))
                    .map(String::as_str)
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                changes.push(format!("props {}", keys.join(", ")));
            }
            (!changes.is_empty()).then(|| ComponentChange {
                id: a.id.clone(),
                changes,
            })
        })
        .collect();
    let find = |d: &Design, from: &str, to: &str| {
        d.links
            .iter()
            .find(|l| l.from == from && l.to == to)
            .map(|l| l.mode)
    };
    let lref = |l: &crate::model::Link| LinkRef {
        from: l.from.clone(),
        to: l.to.clone(),
        mode: l.mode,
    };
    let links_added = after
        .links
        .iter()
        .filter(|l| find(before, &l.from, &l.to).is_none())
        .map(lref)
        .collect();
    let links_removed = before
        .links
        .iter()
        .filter(|l| find(after, &l.from, &l.to).is_none())
        .map(lref)
        .collect();
    let links_changed = after
        .links
        .iter()
        .filter_map(|l| {
            let was = find(before, &l.from, &l.to)?;
            (was != l.mode).then(|| LinkChange {
                from: l.from.clone(),
                to: l.to.clone(),
                before: was,
                after: l.mode,
            })
        })
        .collect();
    let (sb, sa) = (&rb.scores, &ra.scores);
    let scores = vec![
        score("overall", Some(sb.overall), Some(sa.overall)),
        score("resilience", Some(sb.resilience), Some(sa.resilience)),
        score("consistency", Some(sb.consistency), Some(sa.consistency)),
        score("capacity", Some(sb.capacity), Some(sa.capacity)),
        score(
            "over-engineering",
            Some(sb.over_engineering),
            Some(sa.over_engineering),
        ),
        score("discovery", sb.discovery, sa.discovery),
    ];
    DesignDiff {
        components_added,
        components_removed,
        components_changed,
        links_added,
        links_removed,
        links_changed,
        scores,
        findings_opened: only_in(&ra.findings, &rb.findings),
        findings_closed: only_in(&rb.findings, &ra.findings),
        cost_usd_per_month: Change {
            before: rb.metrics.monthly_cost_usd,
            after: ra.metrics.monthly_cost_usd,
        },
        ops_hours_per_month: Change {
            before: rb.metrics.ops_hours_per_month,
            after: ra.metrics.ops_hours_per_month,
        },
    }
}

fn score(category: &'static str, before: Option<u32>, after: Option<u32>) -> ScoreChange {
    ScoreChange {
        category,
        before,
        after,
    }
}

/// Findings of `a` with no finding of the same rule on the same components
/// in `b`; the message may differ (its numbers moved), the finding is the
/// same one.
fn only_in(a: &[Finding], b: &[Finding]) -> Vec<FindingRef> {
    let same = |x: &Finding, y: &Finding| {
        let mut cx = x.components.clone();
        let mut cy = y.components.clone();
        cx.sort();
        cy.sort();
        x.rule == y.rule && cx == cy
    };
    a.iter()
        .filter(|f| !b.iter().any(|g| same(f, g)))
        .map(|f| FindingRef {
            rule: f.rule.clone(),
            severity: f.severity,
            components: f.components.clone(),
            message: f.message.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Link};

    fn report(overall: u32, cost: f64, findings: &[(&str, &[&str])]) -> Report {
        let mut r = Report::default();
        r.scores.overall = overall;
        r.metrics.monthly_cost_usd = cost;
        r.findings = findings
            .iter()
            .map(|(rule, comps)| Finding {
                rule: rule.to_string(),
                category: crate::engine::report::FindingCategory::Spof,
                severity: Severity::High,
                components: comps.iter().map(|c| c.to_string()).collect(),
                message: format!("{rule} message"),
                suggestion: String::new(),
                fix: None,
            })
            .collect();
        r
    }

    #[test]
    fn components_links_findings_and_figures() {
        let a = Design {
            components: vec![
                Component::new("api", "app-server"),
                Component::new("db", "postgres"),
            ],
            links: vec![Link::new("api", "db", LinkMode::Sync)],
            ..Default::default()
        };
        let mut b = a.clone();
        b.components.push(Component::new("cache", "redis"));
        b.components[1].replicas = 2;
        b.links.push(Link::new("api", "cache", LinkMode::Sync));
        b.links[0].mode = LinkMode::Async;
        b.components.remove(0);
        let ra = report(50, 100.0, &[("spof", &["db"]), ("x", &["api", "db"])]);
        let rb = report(70, 150.0, &[("x", &["db", "api"]), ("new", &[])]);
        let d = diff(&a, &ra, &b, &rb);
        assert_eq!(d.components_added[0].id, "cache");
        assert_eq!(d.components_removed[0].id, "api");
        assert_eq!(d.components_changed[0].changes, vec!["replicas 1 -> 2"]);
        assert_eq!(d.links_added.len(), 1);
        assert_eq!(d.links_changed[0].after, LinkMode::Async);
        assert_eq!(d.scores[0].delta(), Some(20));
        let opened: Vec<&str> = d.findings_opened.iter().map(|f| f.rule.as_str()).collect();
        let closed: Vec<&str> = d.findings_closed.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(opened, ["new"]);
        assert_eq!(
            closed,
            ["spof"],
            "same rule on the same set in another order is kept"
        );
        assert_eq!(d.cost_usd_per_month.delta(), 50.0);
        assert!(!d.is_empty());
        assert!(diff(&a, &ra, &a, &ra).is_empty());
    }
}
