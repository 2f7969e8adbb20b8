//! Layered (Sugiyama-style) layout of a design's component graph, in
//! character cells. Pure: no terminal, no files; the same design always gives
//! the same layout.
//!
//! Steps: cycles are broken by a depth-first search in component order
//! ([`rank`]), layers come from the longest path with clients first and
//! stores last, long links become chains of dummy nodes, barycenter sweeps
//! reduce crossings ([`order`]), rows are placed to keep links straight
//! (`place`), and links are routed through channels between the columns
//! (`route`).

pub mod fold;
pub mod order;
mod place;
pub mod rank;
mod route;

use crate::model::{Catalog, Category, Design, LinkMode};
use crate::text;
use rank::{Arc, Role};
use std::collections::{BTreeMap, BTreeSet};

/// Longest label kept, in characters, before any truncation for display.
const MAX_LABEL_CHARS: usize = 200;
/// Widest text inside a normal box, in cells.
const MAX_INNER: usize = 22;
/// Narrowest text area of a normal box.
const MIN_INNER: usize = 5;
/// Widest text inside a compact box, in cells.
const MAX_INNER_COMPACT: usize = 10;
/// Widest text inside a compact box when the design is small.
const MAX_INNER_COMPACT_SMALL: usize = 14;
/// Up to this many components, compact boxes may use the wider text.
const SMALL_DESIGN: usize = 20;

/// How to lay a design out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LayoutOptions {
    /// One-row boxes (`[api x2]`) and narrow channels, for large designs.
    pub compact: bool,
    /// Lay out only these component ids (one flow), when set.
    pub focus: Option<BTreeSet<String>>,
}

/// A cell position: `x` columns right, `y` rows down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Point {
    pub x: u32,
    pub y: u32,
}

/// A component's box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeBox {
    /// Index of the component in the design.
    pub component: usize,
    /// Component id.
    pub id: String,
    /// Display label (the component's `label`, else its id), one safe line.
    pub label: String,
    /// Kind id, one safe line.
    pub kind: String,
    /// Instances the component runs (`x3` on the box when above 1).
    pub replicas: u32,
    /// Catalog category, when the kind is known.
    pub category: Option<Category>,
    /// Column index, 0 = left-most.
    pub layer: usize,
    /// Left column of the box.
    pub x: u32,
    /// Top row of the box.
    pub y: u32,
    /// Width in cells, borders included.
    pub w: u32,
    /// Height in rows, borders included (1 in compact mode).
    pub h: u32,
}

impl NodeBox {
    /// First column right of the box.
    pub fn right(&self) -> u32 {
        self.x + self.w
    }

    /// First row below the box.
    pub fn bottom(&self) -> u32 {
        self.y + self.h
    }

    /// True when the cell is inside the box.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x < self.right() && p.y >= self.y && p.y < self.bottom()
    }

    /// The label with the replica count (`api x3`), as boxes show it.
    pub fn title(&self) -> String {
        format!("{}{}", self.label, self.suffix())
    }

    /// The title cut to `max` cells: the label is shortened first so the
    /// replica count stays visible (`orders-s… x2`).
    pub fn title_fit(&self, max: usize) -> String {
        let suffix = self.suffix();
        let title = self.title();
        if text::width(&title) <= max {
            return title;
        }
        let room = max.saturating_sub(text::width(&suffix));
        if suffix.is_empty() || room < 3 {
            return text::truncate(&title, max);
        }
        format!("{}{suffix}", text::truncate(&self.label, room))
    }

    fn suffix(&self) -> String {
        if self.replicas > 1 {
            format!(" x{}", self.replicas)
        } else {
            String::new()
        }
    }
}

/// One link drawn as an orthogonal polyline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Index of the link in the design.
    pub link: usize,
    /// Index in [`Layout::nodes`] of the link's source box.
    pub from: usize,
    /// Index in [`Layout::nodes`] of the link's target box.
    pub to: usize,
    /// Sync (solid) or async (dashed).
    pub mode: LinkMode,
    /// The link's `label`, one safe line, if it has one.
    pub label: Option<String>,
    /// Drawn right to left because it closes a cycle.
    pub reversed: bool,
    /// Corner points in link direction. The first cell touches the source
    /// box, the last touches the target box and carries the arrow head.
    pub points: Vec<Point>,
}

/// Longest link label, in cells, a channel widens for (longer ones are cut).
const MAX_LABEL_CHANNEL: usize = 18;

/// Channel width that lets the longest link label sit on a straight run;
/// compact diagrams keep their narrow channels and show no labels.
fn label_channel(design: &Design, geo: &Geometry) -> u32 {
    if geo.compact {
        return 0;
    }
    let longest = design
        .links
        .iter()
        .filter_map(edge_label)
        .map(|l| text::width(&l).min(MAX_LABEL_CHANNEL))
        .max()
        .unwrap_or(0);
    if longest == 0 { 0 } else { longest as u32 + 5 }
}

/// A link's label as edges show it: one clean line, or none.
fn edge_label(link: &crate::model::Link) -> Option<String> {
    let label = text::label(link.label.as_deref()?, MAX_LABEL_CHARS);
    (!label.is_empty()).then_some(label)
}

/// A laid-out design.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<Edge>,
    /// Columns needed to show everything.
    pub width: u32,
    /// Rows needed to show everything.
    pub height: u32,
    /// Laid out with one-row boxes.
    pub compact: bool,
}

impl Layout {
    /// The box of a component id.
    pub fn node(&self, id: &str) -> Option<&NodeBox> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

impl Edge {
    /// Every cell the edge passes through, from source to target.
    pub fn cells(&self) -> Vec<Point> {
        let mut out = Vec::new();
        for w in self.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let steps = a.x.abs_diff(b.x).max(a.y.abs_diff(b.y));
            for i in 0..steps {
                out.push(step(a, b, i));
            }
        }
        if let Some(&last) = self.points.last() {
            out.push(last);
        }
        out
    }
}

impl Edge {
    /// Where the edge's label goes: the start of its longest horizontal
    /// run, inset by one cell each side, and the room there in cells.
    /// `None` when no run leaves room for at least three cells of text.
    pub fn label_slot(&self) -> Option<(Point, usize)> {
        let mut best: Option<(Point, usize)> = None;
        for w in self.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a.y != b.y {
                continue;
            }
            let len = a.x.abs_diff(b.x) as usize;
            let room = len.saturating_sub(3);
            if room >= 3 && best.is_none_or(|(_, r)| room > r) {
                let start = Point {
                    x: a.x.min(b.x) + 2,
                    y: a.y,
                };
                best = Some((start, room));
            }
        }
        best
    }
}

fn step(a: Point, b: Point, i: u32) -> Point {
    let mv = |from: u32, to: u32| {
        if to >= from {
            from + i.min(to - from)
        } else {
            from - i.min(from - to)
        }
    };
    Point {
        x: mv(a.x, b.x),
        y: mv(a.y, b.y),
    }
}

/// Box geometry of one mode.
struct Geometry {
    compact: bool,
    /// Widest text inside a compact box.
    compact_inner: usize,
}

impl Geometry {
    fn height(&self) -> u32 {
        if self.compact { 1 } else { 4 }
    }

    /// Row offset of forward links (the label row).
    fn forward_port(&self) -> u32 {
        if self.compact { 0 } else { 1 }
    }

    /// Row offset of links drawn right to left (the kind row).
    fn reverse_port(&self) -> u32 {
        if self.compact { 0 } else { 2 }
    }

    fn gap(&self) -> u32 {
        1
    }

    fn min_channel(&self) -> u32 {
        if self.compact { 3 } else { 6 }
    }

    fn width(&self, title: &str, kind: &str) -> u32 {
        let w = if self.compact {
            text::width(title).clamp(1, self.compact_inner) + 2
        } else {
            text::width(title)
                .max(text::width(kind))
                .clamp(MIN_INNER, MAX_INNER)
                + 4
        };
        w as u32
    }
}

/// Where a category sits left to right.
fn role(category: Option<Category>) -> Role {
    match category {
        Some(Category::Client) => Role::Client,
        Some(Category::Database | Category::Storage | Category::Search | Category::External) => {
            Role::Store
        }
        _ => Role::Middle,
    }
}

/// Removes rows that no node needs: a row is kept when some node covers it
/// or it is the gap just below a node. Only vertical runs of edges pass
/// through the rows removed, so routes keep their shape.
fn compact_rows(y: &[u32], heights: &[u32], gap: u32) -> Vec<u32> {
    let mut spans: Vec<(u32, u32)> = y
        .iter()
        .zip(heights)
        .map(|(&top, &h)| (top, top.saturating_add(h).saturating_add(gap)))
        .collect();
    spans.sort_unstable();
    // Merged kept spans, each with the number of rows removed above it.
    let mut kept: Vec<(u32, u32, u32)> = Vec::new();
    let mut removed = 0u32;
    let mut reach = 0u32;
    for (lo, hi) in spans {
        if lo > reach {
            removed += lo - reach;
        }
        if hi > reach {
            kept.push((lo.max(reach), hi, removed));
            reach = hi;
        }
    }
    y.iter()
        .map(|&top| {
            let i = kept.partition_point(|&(lo, _, _)| lo <= top);
            let shift = i.checked_sub(1).map_or(0, |i| kept[i].2);
            top - shift
        })
        .collect()
}

/// Lays out `design`. Links naming a missing component are skipped; links of
/// a component to itself are drawn as a small loop on its right side.
pub fn layout(design: &Design, catalog: &Catalog, opts: &LayoutOptions) -> Layout {
    let shown = design
        .components
        .iter()
        .filter(|c| opts.focus.as_ref().is_none_or(|f| f.contains(&c.id)))
        .count();
    let geo = Geometry {
        compact: opts.compact,
        compact_inner: if shown <= SMALL_DESIGN {
            MAX_INNER_COMPACT_SMALL
        } else {
            MAX_INNER_COMPACT
        },
    };
    let mut nodes: Vec<NodeBox> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in design.components.iter().enumerate() {
        if opts.focus.as_ref().is_some_and(|f| !f.contains(&c.id))
            || index.contains_key(c.id.as_str())
        {
            continue;
        }
        let label = text::label(c.label.as_deref().unwrap_or(&c.id), MAX_LABEL_CHARS);
        let kind = text::label(&c.kind, MAX_LABEL_CHARS);
        let mut node = NodeBox {
            component: i,
            id: c.id.clone(),
            label: if label.is_empty() { "?".into() } else { label },
            kind,
            replicas: c.replicas,
            category: catalog.get(&c.kind).map(|k| k.category),
            layer: 0,
            x: 0,
            y: 0,
            w: 0,
            h: geo.height(),
        };
        node.w = geo.width(&node.title(), &node.kind);
        index.insert(c.id.as_str(), nodes.len());
        nodes.push(node);
    }
    let mut arcs = Vec::new();
    let mut loops: Vec<(usize, usize)> = Vec::new();
    for (i, l) in design.links.iter().enumerate() {
        let (Some(&a), Some(&b)) = (index.get(l.from.as_str()), index.get(l.to.as_str())) else {
            continue;
        };
        if a == b {
            loops.push((i, a));
        } else {
            arcs.push(Arc {
                from: a,
                to: b,
                link: i,
            });
        }
    }
    let roles: Vec<Role> = nodes.iter().map(|n| role(n.category)).collect();
    let mut g = rank::build(&roles, &arcs);
    order::reduce_crossings(&mut g);

    let port = |v: usize, c: usize| -> u32 {
        match (g.nodes[v].real, g.chains[c].reversed) {
            (None, _) => 0,
            (Some(_), false) => geo.forward_port(),
            (Some(_), true) => geo.reverse_port(),
        }
    };
    let heights: Vec<u32> = g
        .nodes
        .iter()
        .map(|v| if v.real.is_some() { geo.height() } else { 1 })
        .collect();
    let y = place::place(
        &g,
        &place::Sizes {
            height: &heights,
            port: &port,
            gap: geo.gap(),
        },
    );
    let y = compact_rows(&y, &heights, geo.gap());
    let widths: Vec<u32> = nodes.iter().map(|n| n.w).collect();
    let loop_set: BTreeSet<usize> = loops.iter().map(|&(_, v)| v).collect();
    let routes = route::route(&route::Placed {
        g: &g,
        y: &y,
        width: &widths,
        port: &port,
        min_gap: geo.min_channel().max(label_channel(design, &geo)),
        loops: &loop_set,
    });
    for (i, n) in nodes.iter_mut().enumerate() {
        let layer = g.nodes[i].layer;
        n.layer = layer;
        n.x = routes.col_x.get(layer).copied().unwrap_or(0);
        n.y = y[i];
    }
    let mut edges: Vec<Edge> = g
        .chains
        .iter()
        .zip(routes.chains)
        .map(|(chain, mut points)| {
            if chain.reversed {
                points.reverse();
            }
            let (from, to) = match chain.reversed {
                false => (chain.nodes[0], chain.nodes[chain.nodes.len() - 1]),
                true => (chain.nodes[chain.nodes.len() - 1], chain.nodes[0]),
            };
            Edge {
                link: chain.link,
                from,
                to,
                mode: design.links[chain.link].mode,
                label: edge_label(&design.links[chain.link]),
                reversed: chain.reversed,
                points,
            }
        })
        .collect();
    for (link, v) in loops {
        let n = &nodes[v];
        let (r, py) = (n.right(), n.y + geo.forward_port());
        edges.push(Edge {
            link,
            from: v,
            to: v,
            mode: design.links[link].mode,
            label: edge_label(&design.links[link]),
            reversed: false,
            points: vec![
                Point { x: r, y: py },
                Point { x: r + 1, y: py },
                Point {
                    x: r + 1,
                    y: py + 1,
                },
                Point { x: r, y: py + 1 },
            ],
        });
    }
    edges.sort_by_key(|e| e.link);
    let width = nodes
        .iter()
        .map(NodeBox::right)
        .chain(edges.iter().flat_map(|e| e.points.iter().map(|p| p.x + 1)))
        .max()
        .unwrap_or(0);
    let height = nodes
        .iter()
        .map(NodeBox::bottom)
        .chain(edges.iter().flat_map(|e| e.points.iter().map(|p| p.y + 1)))
        .max()
        .unwrap_or(0);
    Layout {
        nodes,
        edges,
        width,
        height,
        compact: opts.compact,
    }
}
