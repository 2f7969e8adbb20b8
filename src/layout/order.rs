//! Crossing reduction: barycenter sweeps down and up the layers, keeping the
//! best order seen, then a pass of adjacent swaps.

use super::rank::{Adjacency, Layered};

/// Sweeps to try; most designs settle in two or three.
const SWEEPS: usize = 12;
/// Stop after this many sweeps without improvement.
const PATIENCE: usize = 4;

/// Reorders `g.layers` in place to reduce edge crossings.
pub fn reduce_crossings(g: &mut Layered) {
    if g.layers.len() < 2 {
        return;
    }
    let mut pos = positions(g);
    let mut best = g.layers.clone();
    let mut best_count = crossings(g, &pos);
    let mut stale = 0;
    for sweep in 0..SWEEPS {
        if best_count == 0 || stale >= PATIENCE {
            break;
        }
        let down = sweep % 2 == 0;
        let order: Vec<usize> = if down {
            (1..g.layers.len()).collect()
        } else {
            (0..g.layers.len() - 1).rev().collect()
        };
        for l in order {
            sort_layer(g, &mut pos, l, down);
        }
        transpose(g, &mut pos, true);
        let count = crossings(g, &pos);
        if count < best_count {
            best_count = count;
            best = g.layers.clone();
            stale = 0;
        } else {
            stale += 1;
        }
    }
    g.layers = best;
}

/// Position of every node inside its layer.
fn positions(g: &Layered) -> Vec<usize> {
    let mut pos = vec![0; g.nodes.len()];
    for layer in &g.layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Sorts one layer by the mean position of its neighbours in the layer
/// before (`down`) or after it. Nodes without neighbours keep their place.
fn sort_layer(g: &mut Layered, pos: &mut [usize], l: usize, down: bool) {
    let layer = &g.layers[l];
    let mut keyed: Vec<(f64, usize, usize)> = layer
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let adj = if down { g.left.of(v) } else { g.right.of(v) };
            let key = if adj.is_empty() {
                i as f64
            } else {
                adj.iter().map(|&(w, _)| pos[w] as f64).sum::<f64>() / adj.len() as f64
            };
            (key, i, v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let sorted: Vec<usize> = keyed.into_iter().map(|(_, _, v)| v).collect();
    for (i, &v) in sorted.iter().enumerate() {
        pos[v] = i;
    }
    g.layers[l] = sorted;
}

/// Swaps neighbours inside a layer while that removes crossings. With
/// `skip_untouched`, later passes count only pairs near an earlier swap.
fn transpose(g: &mut Layered, pos: &mut [usize], skip_untouched: bool) {
    // A pair's count depends only on its two nodes and their neighbours'
    // positions, so after the first pass only pairs near a swap are counted
    // again: the same swaps as counting every pair, without re-reading the
    // untouched bulk of a large graph. `moved[v]` is the last pass that
    // moved `v` or a neighbour of `v`.
    let mut moved = vec![0usize; g.nodes.len()];
    // Bounded: each full pass must strictly improve, and we cap the passes.
    for pass in 1..=4 {
        let mut improved = false;
        for l in 0..g.layers.len() {
            for i in 1..g.layers[l].len() {
                let (u, v) = (g.layers[l][i - 1], g.layers[l][i]);
                if skip_untouched && pass > 1 && moved[u] < pass - 1 && moved[v] < pass - 1 {
                    continue;
                }
                let (before, after) = pair_crossings(g, pos, u, v);
                if after < before {
                    g.layers[l].swap(i - 1, i);
                    pos[u] = i;
                    pos[v] = i - 1;
                    improved = true;
                    for x in [u, v] {
                        moved[x] = pass;
                        for &(w, _) in g.left.of(x).iter().chain(g.right.of(x)) {
                            moved[w] = pass;
                        }
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between the edges of `u` and those of `v`, on both sides:
/// first with `u` just above `v`, then with `v` just above `u`. Both come
/// from one pass, since a pair of edges that does not cross one way crosses
/// the other unless they share an end.
fn pair_crossings(g: &Layered, pos: &[usize], u: usize, v: usize) -> (usize, usize) {
    let side = |adj: &Adjacency| {
        let (us, vs) = (adj.of(u), adj.of(v));
        let (mut above, mut below) = (0, 0);
        if us.len() * vs.len() <= SMALL_PAIR {
            for &(a, _) in us {
                for &(b, _) in vs {
                    match pos[a].cmp(&pos[b]) {
                        std::cmp::Ordering::Greater => above += 1,
                        std::cmp::Ordering::Less => below += 1,
                        std::cmp::Ordering::Equal => {}
                    }
                }
            }
            return (above, below);
        }
        // Busy nodes: count by binary search in `v`'s sorted ends instead
        // of comparing every pair.
        let mut ends: Vec<usize> = vs.iter().map(|&(b, _)| pos[b]).collect();
        ends.sort_unstable();
        for &(a, _) in us {
            above += ends.partition_point(|&b| b < pos[a]);
            below += ends.len() - ends.partition_point(|&b| b <= pos[a]);
        }
        (above, below)
    };
    let (l, r) = (side(&g.left), side(&g.right));
    (l.0 + r.0, l.1 + r.1)
}

/// Up to this many edge pairs, two nodes' crossings are counted pair by pair.
const SMALL_PAIR: usize = 64;

/// Total crossings between every pair of adjacent layers.
pub fn crossings(g: &Layered, pos: &[usize]) -> usize {
    (0..g.layers.len().saturating_sub(1))
        .map(|l| layer_crossings(g, pos, l))
        .sum()
}

/// Crossings between layer `l` and `l + 1`: inversions among the edges
/// sorted by their left end, counted with a Fenwick tree.
fn layer_crossings(g: &Layered, pos: &[usize], l: usize) -> usize {
    let mut edges: Vec<(usize, usize)> = g.layers[l]
        .iter()
        .flat_map(|&u| g.right.of(u).iter().map(move |&(v, _)| (pos[u], pos[v])))
        .collect();
    edges.sort_unstable();
    let size = g.layers.get(l + 1).map_or(0, Vec::len);
    let mut tree = vec![0usize; size + 1];
    let mut count = 0;
    for (seen, &(_, b)) in edges.iter().enumerate() {
        // Edges already inserted that end strictly below b cross this one.
        let mut le = 0;
        let mut i = b + 1;
        while i > 0 {
            le += tree[i];
            i &= i - 1;
        }
        count += seen - le;
        let mut i = b + 1;
        while i <= size {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::super::rank::{Arc, Role, build};
    use super::*;

    #[test]
    fn pair_crossings_match_counting_every_pair() {
        // A busy node (many links, so the sorted count runs) beside a quiet
        // one, and two quiet ones, in both orders.
        let mut roles = vec![Role::Client; 3];
        roles.extend(vec![Role::Middle; 30]);
        let mut arcs = Vec::new();
        for t in 3..33 {
            arcs.push(Arc {
                from: 0,
                to: t,
                link: arcs.len(),
            });
        }
        for t in [5, 9, 20, 31] {
            arcs.push(Arc {
                from: 1,
                to: t,
                link: arcs.len(),
            });
            arcs.push(Arc {
                from: 2,
                to: t + 1,
                link: arcs.len(),
            });
        }
        let g = build(&roles, &arcs);
        let pos = positions(&g);
        let brute = |u: usize, v: usize| {
            [&g.left, &g.right]
                .iter()
                .map(|adj| {
                    adj.of(u)
                        .iter()
                        .flat_map(|&(a, _)| adj.of(v).iter().map(move |&(b, _)| (a, b)))
                        .filter(|&(a, b)| pos[a] > pos[b])
                        .count()
                })
                .sum::<usize>()
        };
        for (u, v) in [(0, 1), (1, 0), (1, 2), (2, 1), (0, 2)] {
            assert_eq!(
                pair_crossings(&g, &pos, u, v),
                (brute(u, v), brute(v, u)),
                "{u} {v}"
            );
        }
    }

    #[test]
    fn skipping_untouched_pairs_swaps_exactly_as_counting_every_pair() {
        // Tangled random graphs over a few layers, transposed straight from
        // their first order (no barycenter sort first, so many swaps).
        let mut seed = 7u64;
        let mut below = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        for _ in 0..40 {
            let n = 20 + below(60);
            let mut roles = vec![Role::Client; 3];
            roles.extend((3..n).map(|i| {
                if i % 5 == 0 {
                    Role::Store
                } else {
                    Role::Middle
                }
            }));
            let arcs: Vec<Arc> = (0..n * 2)
                .map(|link| Arc {
                    from: below(n),
                    to: 3 + below(n - 3),
                    link,
                })
                .filter(|a| a.from != a.to)
                .collect();
            let g = build(&roles, &arcs);
            let (mut fast, mut full) = (g.clone(), g);
            let (mut pf, mut pa) = (positions(&fast), positions(&full));
            transpose(&mut fast, &mut pf, true);
            transpose(&mut full, &mut pa, false);
            assert_eq!(fast.layers, full.layers);
            assert_eq!(pf, pa);
        }
    }

    #[test]
    fn untangles_a_simple_cross() {
        // Two clients each call the store on the "wrong" side.
        let roles = [Role::Client, Role::Client, Role::Middle, Role::Middle];
        let arcs = [
            Arc {
                from: 0,
                to: 3,
                link: 0,
            },
            Arc {
                from: 1,
                to: 2,
                link: 1,
            },
        ];
        let mut g = build(&roles, &arcs);
        g.layers[1] = vec![2, 3];
        let pos = positions(&g);
        assert_eq!(crossings(&g, &pos), 1);
        reduce_crossings(&mut g);
        assert_eq!(crossings(&g, &positions(&g)), 0);
    }
}
