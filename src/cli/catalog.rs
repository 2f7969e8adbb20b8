//! `napkin catalog`: the kinds, or one kind's figures and props.

use super::present::Style;
use super::{Failure, Outcome};
use crate::io::Library;
use crate::model::{Category, Problem};
use crate::text;
use std::io::Write;

pub(super) fn catalog(lib: &Library, kind: Option<&str>, style: Style) -> Outcome {
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
                    say!("  {:<20} {}", k.id, text::line(&k.summary));
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
            say!("{}", text::line(&k.summary));
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
            // Readers judge single points of failure by this line: say when
            // the kind is HA, not just whether it can be.
            let replicas = if k.props.contains_key(crate::model::props::FAILOVER) {
                "with two or more replicas and `failover: automatic`"
            } else {
                "with two or more replicas"
            };
            let ha = if k.highly_available {
                "as bought".to_string()
            } else if k.ha_when_managed {
                format!("when bought managed (`managed: true`), or {replicas}")
            } else {
                format!("only {replicas}")
            };
            say!(
                "consistency: {:?}; stateful: {}; highly available: {ha}",
                k.consistency,
                k.stateful
            );
            if !k.justified_when.always() {
                let j = &k.justified_when;
                let mut t: Vec<String> = j
                    .thresholds()
                    .into_iter()
                    .map(|(m, v)| m.phrase(v))
                    .collect();
                let together: Vec<String> =
                    j.together().into_iter().map(|(m, v)| m.phrase(v)).collect();
                if !together.is_empty() {
                    t.push(together.join(" with "));
                }
                say!("justified from: {}", t.join(" or "));
                if let Some(w) = &j.why {
                    say!("  {}", text::line(w));
                }
            }
            if !k.alternatives.is_empty() {
                say!("simpler alternatives: {}", k.alternatives.join(", "));
                let plays = k.plays();
                if plays.len() > 1 {
                    let names: Vec<&str> = plays.iter().map(|r| r.as_str()).collect();
                    say!(
                        "roles: {} (the first unless `role:` says otherwise or the links show it)",
                        names.join(", ")
                    );
                    for spec in &k.roles {
                        if let Some(why) =
                            spec.justified_when.as_ref().and_then(|j| j.why.as_deref())
                        {
                            say!("  as a {}: {}", spec.role, text::line(why));
                        }
                    }
                }
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
                        spec.doc.as_deref().map(text::line).unwrap_or_default()
                    );
                }
            }
            if !k.source.is_empty() {
                say!("source: {}", text::line(&k.source));
            }
            Ok(())
        }
    }
}
