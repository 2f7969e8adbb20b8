//! The home screen: scenarios with fuzzy search, details, recent sessions.

use super::theme::Theme;
use super::widgets::{highlighted, marker, pane, para, rows, truncate};
use crate::text;
use crate::tui::state::{App, HomePane};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The home screen widget.
pub struct HomeView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

/// Scenario pane, detail pane and recent sessions of the home screen.
fn areas(app: &App, area: Rect) -> [Rect; 3] {
    let sessions_h = (app.home.sessions.len() as u16 + 2)
        .clamp(4, 9)
        .min(area.height / 2);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(sessions_h)]).areas(area);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(48), Constraint::Percentage(52)]).areas(top);
    [list, detail, bottom]
}

/// The rows of the scenario list (inside its pane, below the search line).
pub(super) fn scenario_list_area(app: &App, area: Rect) -> Rect {
    let [pane, _, _] = areas(app, area);
    let inner = pane.inner(ratatui::layout::Margin::new(1, 1));
    let [_, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    list
}

impl Widget for HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [list, detail, bottom] = areas(self.app, area);
        self.scenarios(list, buf);
        let scenario = self.selected_id();
        let want = super::progress::height(self.app, scenario, detail.width, &self.theme);
        let detail = if self.app.home.history.is_empty() || detail.height < want + 6 {
            detail
        } else {
            let [top, progress] =
                Layout::vertical([Constraint::Min(6), Constraint::Length(want)]).areas(detail);
            super::progress::ProgressPanel {
                app: self.app,
                scenario,
                theme: self.theme,
            }
            .render(progress, buf);
            top
        };
        self.detail(detail, buf);
        self.sessions(bottom, buf);
    }
}

impl HomeView<'_> {
    /// The id of the scenario selected in the list.
    fn selected_id(&self) -> Option<&str> {
        let h = &self.app.home;
        h.matches
            .get(h.selected)
            .and_then(|m| self.app.lib.packs().get(m.index))
            .map(|p| p.pack.id.as_str())
    }

    fn scenarios(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let h = &self.app.home;
        let focused = h.focus == HomePane::Scenarios;
        let title = format!(" Scenarios ({}) ", h.matches.len());
        let block = pane(Span::styled(title, t.title()), focused, t);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 {
            return;
        }
        let [search, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let search_line = if h.searching {
            Line::from(vec![
                Span::styled("/ ", t.key()),
                Span::raw(h.query.clone()),
                Span::styled("█", t.key()),
            ])
        } else if !h.query.is_empty() {
            Line::from(vec![
                Span::styled("/ ", t.key()),
                Span::raw(h.query.clone()),
            ])
        } else {
            Line::from(Span::styled("/ to search", t.dim()))
        };
        Paragraph::new(search_line).render(search, buf);
        if h.matches.is_empty() {
            Paragraph::new(Span::styled("nothing matches", t.dim())).render(list, buf);
            return;
        }
        let width = list.width as usize;
        let items: Vec<Vec<Line<'static>>> = h
            .matches
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let p = &self.app.lib.packs().get(m.index)?.pack;
                let sel = i == h.selected && focused;
                let base = if sel { t.selected() } else { Style::new() };
                let mut spans = vec![Span::styled(marker(i == h.selected), base)];
                spans.extend(highlighted(&p.id, &m.highlight, base, t.matched()));
                let used = 2 + p.id.chars().count();
                let diff = format!("  {}", text::line(&p.difficulty));
                spans.push(Span::styled(
                    truncate(&diff, width.saturating_sub(used)),
                    if sel { base } else { t.dim() },
                ));
                Some(vec![Line::from(spans)])
            })
            .collect();
        rows(list, buf, items, Some(h.selected));
    }

    fn detail(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let h = &self.app.home;
        let pack = h
            .matches
            .get(h.selected)
            .and_then(|m| self.app.lib.packs().get(m.index))
            .map(|p| &p.pack);
        let block = pane(Span::styled(" Scenario ", t.title()), false, t);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(p) = pack else { return };
        let w = inner.width as usize;
        let mut lines = para(&text::line(&p.title), w, 0, t.title());
        lines.extend(para(
            &format!(
                "{} · {} min · {} stages · {} questions",
                text::line(&p.difficulty),
                p.minutes,
                p.stages.len(),
                p.questions.len()
            ),
            w,
            0,
            t.dim(),
        ));
        if p.levels.is_some() {
            let k = self
                .app
                .keys
                .first_key(&crate::tui::action::Action::CycleLevel)
                .unwrap_or_else(|| "?".into());
            lines.extend(para(
                &format!(
                    "Judged as a {} answer ({k}: mid, senior, staff)",
                    self.app.home.level.id()
                ),
                w,
                0,
                t.dim(),
            ));
        }
        lines.push(Line::raw(""));
        lines.extend(para(&text::line(&p.summary), w, 0, Style::new()));
        lines.push(Line::raw(""));
        // Stage titles only: their summaries carry the numbers that the
        // clarifying questions are meant to uncover.
        let stages: Vec<String> = p.stages.iter().map(|s| text::line(&s.title)).collect();
        lines.extend(para(
            &format!("Stages: {}", stages.join(" → ")),
            w,
            0,
            t.dim(),
        ));
        // The brief's opening, where there is room.
        let room = (inner.height as usize).saturating_sub(lines.len() + 1);
        if room >= 3 {
            lines.push(Line::raw(""));
            let brief = para(&text::line(&p.brief), w, 0, Style::new());
            let cut = brief.len() > room;
            lines.extend(brief.into_iter().take(room));
            if cut && let Some(last) = lines.last_mut() {
                *last = Line::raw(format!(
                    "{}…",
                    truncate(&last.to_string(), w.saturating_sub(1))
                ));
            }
        }
        Paragraph::new(lines).render(inner, buf);
    }

    fn sessions(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let h = &self.app.home;
        let focused = h.focus == HomePane::Sessions;
        let block = pane(
            Span::styled(
                format!(" Recent sessions ({}) ", h.sessions.len()),
                t.title(),
            ),
            focused,
            t,
        );
        let inner = block.inner(area);
        block.render(area, buf);
        if h.sessions.is_empty() {
            let msg = match &self.app.sessions_dir {
                Some(d) => format!("none yet: sessions autosave to {}", d.display()),
                None => "autosave is off: no home folder (set NAPKIN_HOME)".into(),
            };
            Paragraph::new(Span::styled(truncate(&msg, inner.width as usize), t.dim()))
                .render(inner, buf);
            return;
        }
        let w = inner.width as usize;
        let name_w = (w * 2 / 5).max(10);
        let scen_w = (w / 4).max(8);
        let items: Vec<Vec<Line<'static>>> = h
            .sessions
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let sel = i == h.session_sel && focused;
                let base = if sel { t.selected() } else { Style::new() };
                let name = if e.design.name.trim().is_empty() {
                    e.path
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default()
                } else {
                    text::line(&e.design.name)
                };
                // A named attempt (`:name`) is told apart by its name.
                let name = match e.design.session.as_ref().and_then(|l| l.name.as_deref()) {
                    Some(n) if !n.trim().is_empty() => format!("{} · {name}", text::line(n)),
                    _ => name,
                };
                let scen = e.design.scenario.clone().unwrap_or_else(|| "-".into());
                let score = e.score.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
                let mut spans = vec![
                    Span::styled(marker(i == h.session_sel), base),
                    Span::styled(
                        format!("{:<name_w$}", truncate(&name, name_w.saturating_sub(1))),
                        base,
                    ),
                    Span::styled(
                        format!("{:<scen_w$}", truncate(&scen, scen_w.saturating_sub(1))),
                        base,
                    ),
                ];
                let score_style = match e.score {
                    Some(s) if !sel => t.score(s),
                    _ => base,
                };
                spans.push(Span::styled(format!("{score:>3}"), score_style));
                spans.push(Span::styled(
                    format!("  {}", e.when),
                    if sel { base } else { t.dim() },
                ));
                vec![Line::from(spans)]
            })
            .collect();
        rows(inner, buf, items, Some(h.session_sel));
    }
}
