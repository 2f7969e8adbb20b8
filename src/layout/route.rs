//! Columns and edge routes. Layers become columns; between two columns is a
//! channel where each edge that changes row gets its own vertical track.
//! Edges leave a box on its right side and enter the next on its left side,
//! so no route ever passes through a box.

use super::Point;
use super::rank::Layered;
use std::collections::{BTreeMap, BTreeSet};

/// What routing needs to know about the placed graph.
pub struct Placed<'a> {
    pub g: &'a Layered,
    /// Top row of every node.
    pub y: &'a [u32],
    /// Width of every real node (dummies are not listed).
    pub width: &'a [u32],
    /// Row offset where chain `c` attaches to node `v`.
    pub port: &'a dyn Fn(usize, usize) -> u32,
    /// Smallest channel width.
    pub min_gap: u32,
    /// Real nodes with a link to themselves.
    pub loops: &'a BTreeSet<usize>,
}

/// Columns and routes.
pub struct Routes {
    /// Left edge of each layer's column.
    pub col_x: Vec<u32>,
    /// Points of each chain in left-to-right order.
    pub chains: Vec<Vec<Point>>,
}

/// A fan-out: every segment leaving one port row of a node in a channel.
struct Group {
    row: u32,
    targets: Vec<u32>,
}

/// Assigns channel tracks and builds every chain's polyline.
pub fn route(p: &Placed<'_>) -> Routes {
    let g = p.g;
    let layers = g.layers.len();
    let col_w: Vec<u32> = g
        .layers
        .iter()
        .map(|layer| {
            layer
                .iter()
                .filter_map(|&v| g.nodes[v].real.map(|r| p.width[r]))
                .max()
                .unwrap_or(1)
                .max(1)
        })
        .collect();
    let row = |v: usize, c: usize| p.y[v] + (p.port)(v, c);
    // Track of each (layer, source row) that needs one, and channel widths.
    let mut tracks: Vec<BTreeMap<u32, u32>> = Vec::with_capacity(layers);
    let mut gap = Vec::with_capacity(layers);
    let mut lead = Vec::with_capacity(layers);
    for l in 0..layers {
        let mut groups: BTreeMap<u32, Group> = BTreeMap::new();
        for &u in &g.layers[l] {
            for &(v, c) in g.right.of(u) {
                let (ys, yt) = (row(u, c), row(v, c));
                let grp = groups.entry(ys).or_insert(Group {
                    row: ys,
                    targets: Vec::new(),
                });
                grp.targets.push(yt);
            }
        }
        let needing: Vec<Group> = groups
            .into_values()
            .filter(|grp| grp.targets.iter().any(|&t| t != grp.row))
            .collect();
        let assigned = assign_tracks(&needing);
        let k = assigned.values().map(|&t| t + 1).max().unwrap_or(0);
        let has_loop = g.layers[l]
            .iter()
            .any(|&v| g.nodes[v].real.is_some_and(|r| p.loops.contains(&r)));
        let first = if has_loop { 2 } else { 1 };
        gap.push(p.min_gap.max(first + k + 2));
        lead.push(first);
        tracks.push(assigned);
    }
    let mut col_x = Vec::with_capacity(layers);
    let mut x = 0u32;
    for l in 0..layers {
        col_x.push(x);
        x = x.saturating_add(col_w[l]).saturating_add(gap[l]);
    }
    let chains = g
        .chains
        .iter()
        .enumerate()
        .map(|(c, chain)| {
            let mut pts: Vec<Point> = Vec::new();
            for w in chain.nodes.windows(2) {
                let (u, v) = (w[0], w[1]);
                let l = g.nodes[u].layer;
                let (ys, yt) = (row(u, c), row(v, c));
                let start = match g.nodes[u].real {
                    Some(r) => col_x[l] + p.width[r],
                    None => col_x[l],
                };
                pts.push(Point { x: start, y: ys });
                if ys != yt {
                    let a = col_x[l] + col_w[l];
                    let t = tracks[l].get(&ys).copied().unwrap_or(0);
                    let tx = a + lead[l] + t;
                    pts.push(Point { x: tx, y: ys });
                    pts.push(Point { x: tx, y: yt });
                }
                let end = match g.nodes[v].real {
                    Some(_) => col_x[l + 1].saturating_sub(1),
                    None => col_x[l + 1],
                };
                pts.push(Point { x: end, y: yt });
            }
            simplify(pts)
        })
        .collect();
    Routes { col_x, chains }
}

/// Where a group sorts among its channel's tracks: groups heading down
/// first, the lowest start left-most; then groups heading up, the highest
/// start left-most.
fn track_order(g: &Group) -> (u8, i64) {
    let sum: i64 = g
        .targets
        .iter()
        .map(|&t| i64::from(t) - i64::from(g.row))
        .sum();
    if sum >= 0 {
        (0, -i64::from(g.row))
    } else {
        (1, i64::from(g.row))
    }
}

/// The rows a group's vertical run covers, from its start to its targets.
fn row_span(g: &Group) -> (u32, u32) {
    let rows = || g.targets.iter().copied().chain([g.row]);
    (rows().min().unwrap_or(g.row), rows().max().unwrap_or(g.row))
}

/// Puts the groups of one channel on tracks 0, 1, ...: groups heading down
/// first, the lowest start left-most; then groups heading up, the highest
/// start left-most. A group that starts on the row where another ends must
/// sit left of it, or their horizontal runs would overlap. Groups whose rows
/// are apart share a track, which keeps channels narrow.
fn assign_tracks(groups: &[Group]) -> BTreeMap<u32, u32> {
    let n = groups.len();
    let mut indeg = vec![0usize; n];
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    // Group `a` must sit left of every group `b` with a target on `a`'s
    // row. Rows are unique per group, so a lookup by row finds `a`: linear
    // in the segments, where comparing every pair of groups was quadratic.
    let by_row: BTreeMap<u32, usize> = groups.iter().enumerate().map(|(i, g)| (g.row, i)).collect();
    let mut ends: Vec<u32> = Vec::new();
    for (b, gb) in groups.iter().enumerate() {
        ends.clear();
        ends.extend(gb.targets.iter().copied().filter(|&t| t != gb.row));
        ends.sort_unstable();
        ends.dedup();
        for t in &ends {
            if let Some(&a) = by_row.get(t)
                && a != b
            {
                after[a].push(b);
                before[b].push(a);
                indeg[b] += 1;
            }
        }
    }
    let mut ready: BTreeSet<((u8, i64), usize)> = (0..n)
        .filter(|&i| indeg[i] == 0)
        .map(|i| (track_order(&groups[i]), i))
        .collect();
    let mut done = vec![false; n];
    let mut track: Vec<Option<u32>> = vec![None; n];
    // Rows taken on each track so far: disjoint (low -> high) spans, kept
    // in order so a track is checked with one lookup.
    let mut used: Vec<BTreeMap<u32, u32>> = Vec::new();
    let mut remaining = n;
    while remaining > 0 {
        let pick = match ready.pop_first() {
            Some((_, i)) => i,
            // A cycle of constraints: take the least constrained group.
            None => match (0..n)
                .filter(|&i| !done[i])
                .min_by_key(|&i| (indeg[i], track_order(&groups[i]), i))
            {
                Some(i) => i,
                None => break,
            },
        };
        if done[pick] {
            continue;
        }
        done[pick] = true;
        remaining -= 1;
        let lowest = before[pick]
            .iter()
            .filter_map(|&p| track[p].map(|t| t + 1))
            .max()
            .unwrap_or(0);
        let (lo, hi) = row_span(&groups[pick]);
        // Free when no span reaches within a row of [lo, hi]. Spans on a
        // track are disjoint, so only the last one starting at or above
        // hi + 1 can (the ones before it end earlier).
        let free = |spans: &BTreeMap<u32, u32>| {
            spans
                .range(..=hi.saturating_add(1))
                .next_back()
                .is_none_or(|(_, &b)| b.saturating_add(1) < lo)
        };
        let t = (lowest as usize..used.len())
            .find(|&t| free(&used[t]))
            .unwrap_or(used.len().max(lowest as usize));
        while used.len() <= t {
            used.push(BTreeMap::new());
        }
        used[t].insert(lo, hi);
        track[pick] = Some(t as u32);
        for &b in &after[pick] {
            indeg[b] = indeg[b].saturating_sub(1);
            if indeg[b] == 0 && !done[b] {
                ready.insert((track_order(&groups[b]), b));
            }
        }
    }
    groups
        .iter()
        .zip(track)
        .filter_map(|(g, t)| t.map(|t| (g.row, t)))
        .collect()
}

/// Drops repeated points and the middle of straight runs.
pub fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small pseudo-random sequence for the tests below.
    fn lcg(seed: &mut u64, n: u32) -> u32 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*seed >> 33) % u64::from(n)) as u32
    }

    /// The track assignment as first written: every pair of groups
    /// compared, each track's spans checked one by one. Quadratic, and the
    /// reference the faster one must agree with.
    fn assign_tracks_as_before(groups: &[Group]) -> BTreeMap<u32, u32> {
        let n = groups.len();
        let mut indeg = vec![0usize; n];
        let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (a, ga) in groups.iter().enumerate() {
            for (b, gb) in groups.iter().enumerate() {
                if a != b && gb.targets.iter().any(|&t| t == ga.row && t != gb.row) {
                    after[a].push(b);
                    before[b].push(a);
                    indeg[b] += 1;
                }
            }
        }
        let mut ready: BTreeSet<((u8, i64), usize)> = (0..n)
            .filter(|&i| indeg[i] == 0)
            .map(|i| (track_order(&groups[i]), i))
            .collect();
        let mut done = vec![false; n];
        let mut track: Vec<Option<u32>> = vec![None; n];
        // Rows taken on each track so far, as (low, high) spans.
        let mut used: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut remaining = n;
        while remaining > 0 {
            let pick = match ready.pop_first() {
                Some((_, i)) => i,
                // A cycle of constraints: take the least constrained group.
                None => match (0..n)
                    .filter(|&i| !done[i])
                    .min_by_key(|&i| (indeg[i], track_order(&groups[i]), i))
                {
                    Some(i) => i,
                    None => break,
                },
            };
            if done[pick] {
                continue;
            }
            done[pick] = true;
            remaining -= 1;
            let lowest = before[pick]
                .iter()
                .filter_map(|&p| track[p].map(|t| t + 1))
                .max()
                .unwrap_or(0);
            let (lo, hi) = row_span(&groups[pick]);
            let free = |spans: &Vec<(u32, u32)>| {
                spans
                    .iter()
                    .all(|&(a, b)| hi.saturating_add(1) < a || b.saturating_add(1) < lo)
            };
            let t = (lowest as usize..used.len())
                .find(|&t| free(&used[t]))
                .unwrap_or(used.len().max(lowest as usize));
            while used.len() <= t {
                used.push(Vec::new());
            }
            used[t].push((lo, hi));
            track[pick] = Some(t as u32);
            for &b in &after[pick] {
                indeg[b] = indeg[b].saturating_sub(1);
                if indeg[b] == 0 && !done[b] {
                    ready.insert((track_order(&groups[b]), b));
                }
            }
        }
        groups
            .iter()
            .zip(track)
            .filter_map(|(g, t)| t.map(|t| (g.row, t)))
            .collect()
    }

    #[test]
    fn tracks_are_the_same_as_before_on_random_channels() {
        let mut seed = 7;
        for _ in 0..500 {
            let n = 1 + lcg(&mut seed, 16) as usize;
            let mut rows: Vec<u32> = (0..n).map(|_| lcg(&mut seed, 40)).collect();
            rows.sort_unstable();
            rows.dedup();
            let groups: Vec<Group> = rows
                .iter()
                .map(|&row| Group {
                    row,
                    targets: (0..1 + lcg(&mut seed, 4))
                        .map(|_| lcg(&mut seed, 40))
                        .collect(),
                })
                .collect();
            assert_eq!(assign_tracks(&groups), assign_tracks_as_before(&groups));
        }
    }

    #[test]
    fn simplify_merges_straight_runs() {
        let pts = vec![
            Point { x: 0, y: 0 },
            Point { x: 2, y: 0 },
            Point { x: 2, y: 0 },
            Point { x: 5, y: 0 },
            Point { x: 5, y: 3 },
            Point { x: 5, y: 4 },
        ];
        assert_eq!(
            simplify(pts),
            vec![
                Point { x: 0, y: 0 },
                Point { x: 5, y: 0 },
                Point { x: 5, y: 4 }
            ]
        );
    }

    #[test]
    fn a_group_ending_where_another_starts_goes_right() {
        // Group at row 5 goes down to 10; group at row 10 goes up to 5.
        // Both start where the other ends: a cycle, still every group placed.
        let groups = vec![
            Group {
                row: 5,
                targets: vec![10],
            },
            Group {
                row: 10,
                targets: vec![5],
            },
        ];
        let t = assign_tracks(&groups);
        assert_eq!(t.len(), 2);
        // Row 2 -> 8 and row 8 -> 12: the group starting at 8 must be left of
        // the one ending at 8.
        let groups = vec![
            Group {
                row: 2,
                targets: vec![8],
            },
            Group {
                row: 8,
                targets: vec![12],
            },
        ];
        let t = assign_tracks(&groups);
        assert!(t[&8] < t[&2]);
    }
}
