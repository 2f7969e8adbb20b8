//! `napkin rules`: what each rule judges, and why.

use super::present::{Style, out};
use super::{Failure, Outcome};
use crate::model::Problem;
use std::io::Write;

pub(super) fn rules(id: Option<&str>, markdown: bool, style: Style) -> Outcome {
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
