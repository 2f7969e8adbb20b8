//! The design as boxes and arrows on a terminal: a ratatui [`Widget`] over a
//! [`Layout`].
//!
//! Sync links are solid (`─│`), async links dashed (`╌╎`); arrow heads point
//! at the callee. A single point of failure is drawn red *and* marked with
//! `!` so it shows without colour (`NO_COLOR`); highlighted components (the
//! selected finding's) get heavy borders. Pan with [`Diagram::pan`]; for a
//! large design build it with [`Options::compact`]; for one flow, with
//! [`Options::focus`].

use crate::layout::{self, Edge, Layout, LayoutOptions, NodeBox, Point};
use crate::model::{Catalog, Design, LinkMode};
use crate::text;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;
use std::collections::{BTreeMap, BTreeSet};

/// Marker for a single point of failure, shown with or without colour.
pub const SPOF_MARK: char = '!';

/// A laid-out design plus what to emphasise and where the view is.
#[derive(Debug, Clone, Default)]
pub struct Diagram {
    layout: Layout,
    /// Component ids that are single points of failure.
    pub spofs: BTreeSet<String>,
    /// Component ids to emphasise (the selected finding's).
    pub highlight: BTreeSet<String>,
    /// Top-left cell of the layout shown at the top-left of the area.
    pub pan: (u32, u32),
}

impl Diagram {
    /// Lays out `design`. Keep the result between frames: building it runs
    /// the layout; changing marks or the pan does not.
    pub fn new(design: &Design, catalog: &Catalog, opts: &LayoutOptions) -> Diagram {
        Diagram::from_layout(layout::layout(design, catalog, opts))
    }

    /// Wraps an existing layout.
    pub fn from_layout(layout: Layout) -> Diagram {
        Diagram {
            layout,
            ..Diagram::default()
        }
    }

    /// Marks these component ids as single points of failure.
    pub fn with_spofs<I, S>(mut self, ids: I) -> Diagram
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.spofs = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Highlights these component ids.
    pub fn with_highlight<I, S>(mut self, ids: I) -> Diagram
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.highlight = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the pan offset.
    pub fn with_pan(mut self, x: u32, y: u32) -> Diagram {
        self.pan = (x, y);
        self
    }

    /// The layout being drawn.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Columns and rows the whole diagram needs.
    pub fn size(&self) -> (u32, u32) {
        (self.layout.width, self.layout.height)
    }

    /// The largest useful pan for a view of `width` x `height` cells.
    pub fn max_pan(&self, width: u16, height: u16) -> (u32, u32) {
        (
            self.layout.width.saturating_sub(u32::from(width)),
            self.layout.height.saturating_sub(u32::from(height)),
        )
    }

    /// Moves the pan by `(dx, dy)`, kept inside the diagram for a view of
    /// `width` x `height` cells.
    pub fn pan_by(&mut self, dx: i64, dy: i64, width: u16, height: u16) {
        let (mx, my) = self.max_pan(width, height);
        let clamp = |v: u32, d: i64, max: u32| {
            let moved = (i64::from(v) + d).clamp(0, i64::from(max));
            u32::try_from(moved).unwrap_or(0)
        };
        self.pan = (clamp(self.pan.0, dx, mx), clamp(self.pan.1, dy, my));
    }

    /// Pans so that component `id` is centred in a view of `width` x
    /// `height`; false when the diagram does not show it.
    pub fn center_on(&mut self, id: &str, width: u16, height: u16) -> bool {
        let Some(n) = self.layout.node(id) else {
            return false;
        };
        let (mx, my) = self.max_pan(width, height);
        let cx = (n.x + n.w / 2).saturating_sub(u32::from(width) / 2);
        let cy = (n.y + n.h / 2).saturating_sub(u32::from(height) / 2);
        self.pan = (cx.min(mx), cy.min(my));
        true
    }
}

const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

/// What the edges leave in one cell before it becomes a glyph.
#[derive(Debug, Default, Clone)]
struct Lines {
    /// Direction bits per net (edges sharing a source share a net).
    nets: Vec<(usize, u8)>,
    sync: bool,
    marked: bool,
}

/// Maps layout cells onto the visible part of a buffer.
struct View {
    area: Rect,
    pan: (u32, u32),
}

impl View {
    /// Screen position of a layout cell, when visible.
    fn screen(&self, x: i64, y: i64) -> Option<(u16, u16)> {
        let sx = x - i64::from(self.pan.0);
        let sy = y - i64::from(self.pan.1);
        if sx < 0 || sy < 0 || sx >= i64::from(self.area.width) || sy >= i64::from(self.area.height)
        {
            return None;
        }
        let sx = u16::try_from(sx).ok()?;
        let sy = u16::try_from(sy).ok()?;
        Some((self.area.x + sx, self.area.y + sy))
    }

    /// True when the bounding box of `points` meets the view.
    fn overlaps(&self, points: &[Point]) -> bool {
        let (Some(x0), Some(x1)) = (
            points.iter().map(|p| p.x).min(),
            points.iter().map(|p| p.x).max(),
        ) else {
            return false;
        };
        let (y0, y1) = (
            points.iter().map(|p| p.y).min().unwrap_or(0),
            points.iter().map(|p| p.y).max().unwrap_or(0),
        );
        let (px, py) = self.pan;
        x1 >= px
            && y1 >= py
            && u64::from(x0) < u64::from(px) + u64::from(self.area.width)
            && u64::from(y0) < u64::from(py) + u64::from(self.area.height)
    }

    fn visible(&self, p: Point) -> bool {
        self.screen(i64::from(p.x), i64::from(p.y)).is_some()
    }

    fn cell<'b>(&self, buf: &'b mut Buffer, x: i64, y: i64) -> Option<&'b mut Cell> {
        let (sx, sy) = self.screen(x, y)?;
        buf.cell_mut((sx, sy))
    }

    fn put(&self, buf: &mut Buffer, x: i64, y: i64, symbol: &str, style: Style) {
        if let Some(c) = self.cell(buf, x, y) {
            c.set_symbol(symbol).set_style(style);
        }
    }

    /// Writes text from `x`, clipped to the view; a wide character cut by
    /// the view's edge becomes a space.
    fn text(&self, buf: &mut Buffer, x: i64, y: i64, s: &str, style: Style) {
        let mut at = x;
        for ch in s.chars() {
            let w = text::char_width(ch) as i64;
            if w == 0 {
                continue;
            }
            let whole = (0..w).all(|i| self.screen(at + i, y).is_some());
            if whole {
                let mut tmp = [0u8; 4];
                self.put(buf, at, y, ch.encode_utf8(&mut tmp), style);
                for i in 1..w {
                    if let Some(c) = self.cell(buf, at + i, y) {
                        c.reset();
                        c.set_style(style);
                    }
                }
            } else {
                for i in 0..w {
                    self.put(buf, at + i, y, " ", style);
                }
            }
            at += w;
        }
    }
}

impl Widget for &Diagram {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let view = View {
            area,
            pan: self.pan,
        };
        if self.layout.nodes.is_empty() {
            let msg = "no components to draw";
            view.text(buf, 0, 0, msg, Style::default().add_modifier(Modifier::DIM));
            return;
        }
        self.draw_edges(&view, buf);
        for n in &self.layout.nodes {
            if n.right() > self.pan.0
                && n.bottom() > self.pan.1
                && view
                    .screen(
                        i64::from(n.x.max(self.pan.0)),
                        i64::from(n.y.max(self.pan.1)),
                    )
                    .is_some()
            {
                self.draw_box(&view, buf, n);
            }
        }
    }
}

impl Diagram {
    fn marked_edge(&self, e: &Edge) -> bool {
        let ids = |i: usize| self.layout.nodes.get(i).map(|n| n.id.as_str());
        match (ids(e.from), ids(e.to)) {
            (Some(a), Some(b)) => self.highlight.contains(a) && self.highlight.contains(b),
            _ => false,
        }
    }

    fn draw_edges(&self, view: &View, buf: &mut Buffer) {
        let mut grid: BTreeMap<Point, Lines> = BTreeMap::new();
        let mut heads: Vec<(Point, &'static str, Style)> = Vec::new();
        for e in &self.layout.edges {
            if !view.overlaps(&e.points) {
                continue;
            }
            let cells = e.cells();
            let Some(&last) = cells.last() else {
                continue;
            };
            let marked = self.marked_edge(e);
            let net = if e.reversed { e.to } else { e.from };
            let sync = e.mode == LinkMode::Sync;
            for (i, &p) in cells.iter().enumerate() {
                if !view.visible(p) {
                    continue;
                }
                let mut bits = 0;
                if i > 0 {
                    bits |= toward(p, cells[i - 1]);
                }
                if let Some(&next) = cells.get(i + 1) {
                    bits |= toward(p, next);
                }
                if i == 0
                    && let Some(src) = self.layout.nodes.get(e.from)
                {
                    bits |= side_of(p, src);
                }
                let entry = grid.entry(p).or_default();
                match entry.nets.iter_mut().find(|(n, _)| *n == net) {
                    Some((_, b)) => *b |= bits,
                    None => entry.nets.push((net, bits)),
                }
                entry.sync |= sync;
                entry.marked |= marked;
            }
            if view.visible(last) {
                let dir = self
                    .layout
                    .nodes
                    .get(e.to)
                    .map(|t| side_of(last, t))
                    .filter(|&d| d != 0)
                    .unwrap_or_else(|| {
                        cells
                            .iter()
                            .rev()
                            .nth(1)
                            .map_or(RIGHT, |&p| toward(p, last))
                    });
                heads.push((last, arrow(dir), edge_style(sync, marked)));
            }
        }
        for (p, lines) in &grid {
            let glyph = glyph(lines);
            view.put(
                buf,
                i64::from(p.x),
                i64::from(p.y),
                glyph,
                edge_style(lines.sync, lines.marked),
            );
        }
        // Labels sit on their edge's longest straight run, centred, cut to fit.
        for e in &self.layout.edges {
            let (Some(label), Some((at, room))) = (&e.label, e.label_slot()) else {
                continue;
            };
            if !view.overlaps(&e.points) {
                continue;
            }
            let shown = text::truncate(label, room);
            let pad = (room - text::width(&shown)) / 2;
            let style = edge_style(e.mode == LinkMode::Sync, self.marked_edge(e));
            view.text(
                buf,
                i64::from(at.x) + pad as i64,
                i64::from(at.y),
                &shown,
                style,
            );
        }
        for (p, head, style) in heads {
            view.put(buf, i64::from(p.x), i64::from(p.y), head, style);
        }
    }

    fn draw_box(&self, view: &View, buf: &mut Buffer, n: &NodeBox) {
        let spof = self.spofs.contains(&n.id);
        let lit = self.highlight.contains(&n.id);
        let mut border = Style::default();
        if spof {
            border = border.fg(Color::Red).add_modifier(Modifier::BOLD);
        } else if lit {
            border = border.fg(Color::Yellow).add_modifier(Modifier::BOLD);
        }
        let (x, y) = (i64::from(n.x), i64::from(n.y));
        let (w, h) = (i64::from(n.w), i64::from(n.h));
        let label_style = Style::default()
            .add_modifier(Modifier::BOLD)
            .patch(if spof {
                Style::default().fg(Color::Red)
            } else {
                Style::default()
            });
        if h < 3 {
            // Compact: `[api x2]`, `!db]` for a SPOF, reversed when highlighted.
            let style = if lit {
                border.add_modifier(Modifier::REVERSED)
            } else {
                border
            };
            for i in 0..w {
                view.put(buf, x + i, y, " ", style);
            }
            let open = if spof {
                SPOF_MARK.to_string()
            } else {
                "[".to_string()
            };
            view.put(buf, x, y, &open, style);
            view.put(buf, x + w - 1, y, "]", style);
            let inner = usize::try_from(w - 2).unwrap_or(0);
            view.text(buf, x + 1, y, &n.title_fit(inner), label_style.patch(style));
            return;
        }
        let g = if lit {
            ["┏", "┓", "┗", "┛", "━", "┃"]
        } else {
            ["┌", "┐", "└", "┘", "─", "│"]
        };
        for row in 0..h {
            for col in 0..w {
                let sym = match (row, col) {
                    (0, 0) => g[0],
                    (0, c) if c == w - 1 => g[1],
                    (r, 0) if r == h - 1 => g[2],
                    (r, c) if r == h - 1 && c == w - 1 => g[3],
                    (0, _) => g[4],
                    (r, _) if r == h - 1 => g[4],
                    (_, 0) => g[5],
                    (_, c) if c == w - 1 => g[5],
                    _ => " ",
                };
                let style = if sym == " " { Style::default() } else { border };
                view.put(buf, x + col, y + row, sym, style);
            }
        }
        let inner = usize::try_from(w - 4).unwrap_or(0);
        if spof {
            view.put(buf, x + 1, y + 1, &SPOF_MARK.to_string(), border);
        }
        view.text(buf, x + 2, y + 1, &n.title_fit(inner), label_style);
        let kind = text::truncate(&n.kind, inner);
        view.text(
            buf,
            x + 2,
            y + 2,
            &kind,
            Style::default().add_modifier(Modifier::DIM),
        );
    }
}

/// Direction bit from `p` to an adjacent cell `q`.
fn toward(p: Point, q: Point) -> u8 {
    if q.x > p.x {
        RIGHT
    } else if q.x < p.x {
        LEFT
    } else if q.y > p.y {
        DOWN
    } else if q.y < p.y {
        UP
    } else {
        0
    }
}

/// Direction bit from `p` to the box it touches, 0 when it touches none.
fn side_of(p: Point, b: &NodeBox) -> u8 {
    let rows = p.y >= b.y && p.y < b.bottom();
    if rows && p.x + 1 == b.x {
        RIGHT
    } else if rows && p.x == b.right() {
        LEFT
    } else {
        0
    }
}

fn arrow(dir: u8) -> &'static str {
    match dir {
        LEFT => "◀",
        UP => "▲",
        DOWN => "▼",
        _ => "▶",
    }
}

fn edge_style(sync: bool, marked: bool) -> Style {
    let s = if sync {
        Style::default()
    } else {
        Style::default().fg(Color::Cyan)
    };
    if marked {
        s.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    } else {
        s
    }
}

/// The box-drawing glyph for a cell. Where one net runs straight across
/// another's straight line, the vertical one is drawn over, so a crossing
/// never looks like a junction.
fn glyph(lines: &Lines) -> &'static str {
    let horizontal = LEFT | RIGHT;
    let vertical = UP | DOWN;
    let crossing = lines.nets.len() > 1
        && lines.nets.iter().any(|&(_, b)| b == vertical)
        && lines
            .nets
            .iter()
            .all(|&(_, b)| b == vertical || b == horizontal);
    let bits = if crossing {
        vertical
    } else {
        lines.nets.iter().fold(0, |acc, &(_, b)| acc | b)
    };
    let dashed = !lines.sync;
    match bits {
        b if b == vertical || b == UP || b == DOWN => {
            if dashed {
                "╎"
            } else {
                "│"
            }
        }
        b if b == horizontal || b == LEFT || b == RIGHT => {
            if dashed {
                "╌"
            } else {
                "─"
            }
        }
        b if b == DOWN | RIGHT => "╭",
        b if b == DOWN | LEFT => "╮",
        b if b == UP | RIGHT => "╰",
        b if b == UP | LEFT => "╯",
        b if b == vertical | RIGHT => "├",
        b if b == vertical | LEFT => "┤",
        b if b == horizontal | DOWN => "┬",
        b if b == horizontal | UP => "┴",
        b if b == vertical | horizontal => "┼",
        _ => " ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_merge_and_cross() {
        let one = |b| Lines {
            nets: vec![(0, b)],
            sync: true,
            marked: false,
        };
        assert_eq!(glyph(&one(LEFT | RIGHT)), "─");
        assert_eq!(glyph(&one(UP | RIGHT)), "╰");
        assert_eq!(glyph(&one(UP | DOWN | RIGHT)), "├");
        let cross = Lines {
            nets: vec![(0, LEFT | RIGHT), (1, UP | DOWN)],
            sync: false,
            marked: false,
        };
        assert_eq!(glyph(&cross), "╎");
    }
}
