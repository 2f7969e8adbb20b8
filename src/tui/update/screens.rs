//! Keys on the home, brief, decisions and report screens.

use super::diagram_keys::{clear_flow, has_flow};
use super::*;

// ---------------------------------------------------------------- home

pub(super) fn search_key(app: &mut App, action: Action) {
    match action {
        Action::Input(c) => {
            app.home.query.push(c);
            app.refilter_home();
        }
        Action::Paste(s) => {
            push_text(&mut app.home.query, &s);
            app.refilter_home();
        }
        Action::Backspace => {
            app.home.query.pop();
            app.refilter_home();
        }
        Action::ClearLine => {
            app.home.query.clear();
            app.refilter_home();
        }
        Action::Cancel => {
            app.home.searching = false;
            app.home.query.clear();
            app.refilter_home();
        }
        Action::Confirm => {
            app.home.searching = false;
            open_selected_scenario(app);
        }
        Action::NextPane | Action::PrevPane => app.home.searching = false,
        a if is_move(&a) => {
            app.home.selected = move_index(app.home.selected, app.home.matches.len(), &a, 5);
        }
        _ => {}
    }
}

pub(super) fn open_selected_scenario(app: &mut App) {
    let Some(m) = app.home.matches.get(app.home.selected) else {
        app.error("no scenario matches the search");
        return;
    };
    let Some(id) = app.lib.packs().get(m.index).map(|p| p.pack.id.clone()) else {
        return;
    };
    if let Err(e) = app.start_practice(&id) {
        app.error(e);
    } else if app.sessions_dir.is_none() {
        app.info("no home folder: autosave is off (set NAPKIN_HOME); :w FILE saves a copy");
    }
}

pub(super) fn home_key(app: &mut App, action: Action) -> Vec<Effect> {
    let h = &mut app.home;
    match action {
        Action::Search => {
            h.searching = true;
            h.focus = HomePane::Scenarios;
        }
        Action::NextPane | Action::PrevPane | Action::MoveLeft | Action::MoveRight => {
            h.focus = match h.focus {
                HomePane::Scenarios if !h.sessions.is_empty() => HomePane::Sessions,
                _ => HomePane::Scenarios,
            };
        }
        Action::Cancel => {
            h.query.clear();
            app.refilter_home();
        }
        Action::Confirm => match h.focus {
            HomePane::Scenarios => open_selected_scenario(app),
            HomePane::Sessions => {
                if let Some(e) = h.sessions.get(h.session_sel).cloned() {
                    app.open_design(e.design, Some(e.path.clone()));
                    if let Some(s) = app.session.as_mut() {
                        s.on_disk = true;
                        s.disk = e.fingerprint;
                    }
                    app.info(format!("resumed {}", e.path.display()));
                }
            }
        },
        a if is_move(&a) => match h.focus {
            HomePane::Scenarios => h.selected = move_index(h.selected, h.matches.len(), &a, 5),
            HomePane::Sessions => {
                h.session_sel = move_index(h.session_sel, h.sessions.len(), &a, 5)
            }
        },
        _ => {}
    }
    Vec::new()
}

// ---------------------------------------------------------------- brief

pub(super) fn brief_key(app: &mut App, action: Action) {
    let n = app.pack().map(|p| p.questions.len()).unwrap_or(0);
    let selected = app.pack().and_then(|p| {
        let s = app.session.as_ref()?;
        p.questions.get(s.brief.question_sel).map(|q| q.id.clone())
    });
    let Some(s) = app.session.as_mut() else {
        return;
    };
    match action {
        Action::Confirm => match selected {
            Some(id) => ask(app, &id),
            None => app.error("this design has no scenario, so no questions"),
        },
        // Tab moves the keys between the question list and the facts.
        Action::NextPane | Action::PrevPane => s.brief.facts_focus = !s.brief.facts_focus,
        Action::MoveUp | Action::MoveDown if s.brief.facts_focus => {
            s.brief.scroll_facts(action == Action::MoveDown, 1);
        }
        Action::PageUp | Action::PageDown if s.brief.facts_focus => {
            s.brief.scroll_facts(action == Action::PageDown, 5);
        }
        Action::Top if s.brief.facts_focus => s.brief.facts_scroll = 0,
        Action::PageUp => s.brief.brief_scroll = s.brief.brief_scroll.saturating_sub(5),
        Action::PageDown => s.brief.brief_scroll = (s.brief.brief_scroll + 5).min(200),
        a if is_move(&a) => s.brief.question_sel = move_index(s.brief.question_sel, n, &a, 5),
        _ => {}
    }
}

// ---------------------------------------------------------------- decisions

pub(super) fn decisions_key(app: &mut App, action: Action) {
    let Some(p) = app.pack() else {
        if matches!(action, Action::Confirm) {
            app.error("this design has no scenario, so no constraint prompts");
        }
        return;
    };
    let prompts = p.prompts.len();
    let Some(s) = app.session.as_ref() else {
        return;
    };
    let prompt = p.prompts.get(s.decisions.prompt_sel).cloned();
    let options = prompt.as_ref().map(|p| p.options.len()).unwrap_or(0);
    let focus = s.decisions.options_focus;
    match action {
        Action::MoveLeft | Action::Cancel => set_options_focus(app, false),
        Action::MoveRight | Action::NextPane | Action::PrevPane => {
            set_options_focus(app, !focus || action == Action::MoveRight)
        }
        Action::Confirm if !focus => set_options_focus(app, true),
        Action::Confirm => {
            let Some(pr) = prompt else { return };
            // The cursor moves over the options as shown (dealt in an interview).
            let order = app.option_order(&pr);
            let Some(opt) = app
                .session
                .as_ref()
                .and_then(|s| order.get(s.decisions.option_sel))
                .and_then(|i| pr.options.get(*i))
                .map(|o| o.id.clone())
            else {
                return;
            };
            crate::tui::interview_mode::answer(app, &pr.id, &opt);
        }
        Action::Delete if !app.revealed() => {
            app.error("in an interview your answers stand until wrap-up");
        }
        Action::Delete => {
            let Some(pr) = prompt else { return };
            edit(app, |d, c, _| {
                if !d.answers.contains_key(&pr.id) {
                    return Err(format!("`{}` has no answer yet", pr.id));
                }
                let undo = crate::model::Edit::SetAnswer {
                    prompt: pr.id.clone(),
                    option: None,
                }
                .apply(d, c);
                Ok((format!("{}: answer cleared", pr.id), undo))
            });
        }
        a if is_move(&a) => {
            if focus {
                if let Some(s) = app.session.as_mut() {
                    s.decisions.option_sel = move_index(s.decisions.option_sel, options, &a, 3);
                }
            } else {
                if let Some(s) = app.session.as_mut() {
                    s.decisions.prompt_sel = move_index(s.decisions.prompt_sel, prompts, &a, 3);
                }
                app.sync_option_sel();
            }
        }
        _ => {}
    }
}

pub(super) fn set_options_focus(app: &mut App, on: bool) {
    if let Some(s) = app.session.as_mut() {
        s.decisions.options_focus = on;
    }
}

// ---------------------------------------------------------------- report

pub(super) fn report_key(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Cancel && has_flow(app) {
        clear_flow(app);
        return Vec::new();
    }
    let Some(s) = app.session.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::RevealReference | Action::Confirm => return toggle_reference(app),
        Action::MoveUp => {
            s.report_view.report_scroll = s.report_view.report_scroll.saturating_sub(1)
        }
        Action::MoveDown => {
            s.report_view.report_scroll = (s.report_view.report_scroll + 1).min(500)
        }
        Action::PageUp => {
            s.report_view.report_scroll = s.report_view.report_scroll.saturating_sub(10)
        }
        Action::PageDown => {
            s.report_view.report_scroll = (s.report_view.report_scroll + 10).min(500)
        }
        Action::Top => s.report_view.report_scroll = 0,
        Action::Bottom => s.report_view.report_scroll = 500,
        _ => {}
    }
    Vec::new()
}

pub(super) fn toggle_reference(app: &mut App) -> Vec<Effect> {
    let scenario = app.pack().map(|p| p.id.clone());
    let Some(s) = app.session.as_mut() else {
        return Vec::new();
    };
    if s.report_view.show_reference {
        s.report_view.show_reference = false;
        return Vec::new();
    }
    // A reference judged at another stage is loaded again at this one.
    if s.report_view
        .reference
        .as_ref()
        .is_some_and(|r| r.report.context.stage == s.report.context.stage)
    {
        s.report_view.show_reference = true;
        return Vec::new();
    }
    match scenario {
        Some(scenario) => {
            app.info("loading the reference design…");
            vec![Effect::LoadReference { scenario }]
        }
        None => {
            app.error("no reference design: this design has no scenario");
            Vec::new()
        }
    }
}
