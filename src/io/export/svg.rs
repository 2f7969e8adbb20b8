//! A self-contained SVG drawn from napkin's own layout (no Graphviz): boxes,
//! orthogonal links with arrow heads (async dashed), single points of failure
//! in red with a `!`, and a legend. Opens in any browser.

use super::Subject;
use crate::layout::{self, Layout, LayoutOptions, NodeBox, Point};
use crate::model::LinkMode;
use std::fmt::Write;

/// Pixels per character cell, across.
const CW: f64 = 9.0;
/// Pixels per character cell, down.
const CH: f64 = 18.0;
/// Blank border around the drawing.
const MARGIN: f64 = 16.0;
/// Height of the legend strip.
const LEGEND_H: f64 = 40.0;
/// Width the legend needs.
const LEGEND_W: f64 = 600.0;
const SPOF_COLOR: &str = "#c81e1e";
const INK: &str = "#1f2933";
const ASYNC_COLOR: &str = "#0e7490";

/// Escapes text for SVG/XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::line(text, 300).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn px(cells: u32, size: f64) -> f64 {
    f64::from(cells) * size
}

/// Pixel centre of a cell.
fn centre(p: Point) -> (f64, f64) {
    (
        MARGIN + (f64::from(p.x) + 0.5) * CW,
        MARGIN + (f64::from(p.y) + 0.5) * CH,
    )
}

/// The design as an SVG document.
pub fn document(s: &Subject<'_>) -> String {
    let l = layout::layout(s.design, s.catalog, &LayoutOptions::default());
    let spofs = s.spofs();
    let width = (px(l.width, CW) + 2.0 * MARGIN).max(LEGEND_W + 2.0 * MARGIN);
    let height = px(l.height, CH) + 2.0 * MARGIN + LEGEND_H;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="13">"#
    );
    let _ = writeln!(out, "  <title>{}</title>", escape(s.name));
    let _ = writeln!(
        out,
        r##"  <defs>
    <marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>
    <marker id="head-async" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{ASYNC_COLOR}"/></marker>
  </defs>
  <rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    out.push_str("  <g id=\"links\" fill=\"none\" stroke-width=\"1.4\">\n");
    for e in &l.edges {
        edge(&mut out, &l, e);
    }
    out.push_str("  </g>\n  <g id=\"components\">\n");
    for n in &l.nodes {
        node(&mut out, n, spofs.contains(n.id.as_str()));
    }
    out.push_str("  </g>\n");
    legend(&mut out, height - LEGEND_H - MARGIN / 2.0);
    out.push_str("</svg>\n");
    out
}

fn edge(out: &mut String, l: &Layout, e: &layout::Edge) {
    let mut pts: Vec<(f64, f64)> = e.points.iter().map(|&p| centre(p)).collect();
    // Stretch both ends onto the box borders, which sit on cell centres.
    let ends = [(0usize, e.from), (pts.len().saturating_sub(1), e.to)];
    for (i, b) in ends {
        let (Some(p), Some(n)) = (e.points.get(i), l.nodes.get(b)) else {
            continue;
        };
        if p.x == n.right() {
            pts[i].0 -= CW;
        } else if p.x + 1 == n.x {
            pts[i].0 += CW;
        }
    }
    let list: Vec<String> = pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let (color, dash, head) = match e.mode {
        LinkMode::Sync => (INK, "", "head"),
        LinkMode::Async => (ASYNC_COLOR, r#" stroke-dasharray="6 4""#, "head-async"),
    };
    let _ = writeln!(
        out,
        r#"    <polyline points="{}" stroke="{color}"{dash} marker-end="url(#{head})"/>"#,
        list.join(" ")
    );
    // The label sits just above the edge's longest straight run.
    if let (Some(label), Some((at, room))) = (&e.label, e.label_slot()) {
        let (x, y) = centre(at);
        let mid = x + (room as f64 - 1.0) * CW / 2.0;
        let _ = writeln!(
            out,
            r#"    <text class="link-label" x="{mid:.1}" y="{:.1}" text-anchor="middle" fill="{color}">{}</text>"#,
            y - CH * 0.25,
            escape(label)
        );
    }
}

fn node(out: &mut String, n: &NodeBox, spof: bool) {
    let x = MARGIN + (f64::from(n.x) + 0.5) * CW;
    let y = MARGIN + (f64::from(n.y) + 0.5) * CH;
    let w = px(n.w.saturating_sub(1), CW);
    let h = px(n.h.saturating_sub(1), CH);
    let (stroke, width, fill) = if spof {
        (SPOF_COLOR, 2.5, "#fde8e8")
    } else {
        (INK, 1.2, "#f5f7fa")
    };
    let _ = writeln!(out, "    <g id=\"c-{}\">", escape(&n.id));
    let _ = writeln!(
        out,
        "      <title>{}{} ({})</title>",
        if spof {
            "single point of failure: "
        } else {
            ""
        },
        escape(&n.title()),
        escape(&n.kind)
    );
    let _ = writeln!(
        out,
        r#"      <rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>"#
    );
    let inner = n.w.saturating_sub(4) as usize;
    let tx = x + 1.5 * CW;
    let _ = writeln!(
        out,
        r#"      <text x="{tx:.1}" y="{:.1}" font-weight="bold" fill="{}">{}</text>"#,
        y + CH + 4.0,
        if spof { SPOF_COLOR } else { INK },
        escape(&n.title_fit(inner.max(1)))
    );
    if spof {
        // A badge on the top-right corner: the mark survives without colour.
        let (bx, by) = (x + w, y);
        let _ = writeln!(
            out,
            r##"      <circle cx="{bx:.1}" cy="{by:.1}" r="8" fill="{SPOF_COLOR}"/><text x="{bx:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" fill="#ffffff">!</text>"##,
            by + 4.5
        );
    }
    if n.h >= 3 {
        let _ = writeln!(
            out,
            r##"      <text x="{tx:.1}" y="{:.1}" fill="#52606d" font-size="11">{}</text>"##,
            y + 2.0 * CH + 3.0,
            escape(&crate::text::truncate(&n.kind, inner))
        );
    }
    out.push_str("    </g>\n");
}

fn legend(out: &mut String, y: f64) {
    let x = MARGIN;
    let mid = y + 14.0;
    let _ = writeln!(
        out,
        r##"  <g id="legend" font-size="12" fill="{INK}">
    <line x1="{x}" y1="{mid}" x2="{:.1}" y2="{mid}" stroke="{INK}" stroke-width="1.4" marker-end="url(#head)"/>
    <text x="{:.1}" y="{:.1}">sync call</text>
    <line x1="{:.1}" y1="{mid}" x2="{:.1}" y2="{mid}" stroke="{ASYNC_COLOR}" stroke-width="1.4" stroke-dasharray="6 4" marker-end="url(#head-async)"/>
    <text x="{:.1}" y="{:.1}">async (durable hop)</text>
    <rect x="{:.1}" y="{:.1}" width="28" height="16" rx="4" fill="#fde8e8" stroke="{SPOF_COLOR}" stroke-width="2.5"/>
    <text x="{:.1}" y="{:.1}" fill="{SPOF_COLOR}" font-weight="bold">! single point of failure</text>
  </g>"##,
        x + 40.0,
        x + 48.0,
        mid + 4.0,
        x + 130.0,
        x + 170.0,
        x + 178.0,
        mid + 4.0,
        x + 350.0,
        mid - 8.0,
        x + 386.0,
        mid + 4.0,
    );
}
