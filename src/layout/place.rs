//! Vertical placement: each node moves toward the median row of its
//! neighbours while its layer keeps its order and spacing. One layer is
//! solved exactly as a weighted isotonic regression (pool adjacent violators).

use super::rank::Layered;

/// Sweeps of placement; each is cheap.
const ROUNDS: usize = 6;

/// What placement needs to know about sizes.
pub struct Sizes<'a> {
    /// Height of every node, dummies included, in rows.
    pub height: &'a [u32],
    /// Row offset from a node's top where chain `c` attaches to node `v`.
    pub port: &'a dyn Fn(usize, usize) -> u32,
    /// Empty rows between two nodes of a layer.
    pub gap: u32,
}

/// Top row of every node; the smallest is 0.
pub fn place(g: &Layered, sizes: &Sizes<'_>) -> Vec<u32> {
    let mut y = vec![0i64; g.nodes.len()];
    for layer in &g.layers {
        let mut top = 0i64;
        for &v in layer {
            y[v] = top;
            top += i64::from(sizes.height[v]) + i64::from(sizes.gap);
        }
    }
    let pull = Pull::new(g, sizes);
    let mut scratch = Scratch::default();
    let layers = g.layers.len();
    for round in 0..ROUNDS + 2 {
        let both = round >= ROUNDS;
        for l in 1..layers {
            solve(
                g,
                sizes,
                &pull,
                &mut scratch,
                &mut y,
                l,
                Side::from(both, true),
            );
        }
        for l in (0..layers.saturating_sub(1)).rev() {
            solve(
                g,
                sizes,
                &pull,
                &mut scratch,
                &mut y,
                l,
                Side::from(both, false),
            );
        }
    }
    let min = y.iter().copied().min().unwrap_or(0);
    y.into_iter()
        .map(|v| u32::try_from(v - min).unwrap_or(u32::MAX))
        .collect()
}

/// For every node and side, the neighbours as `(node, row offset)`: a node
/// lines up with neighbour `w` when its top is `y[w] + offset`. Worked out
/// once, since every round reads them again.
struct Pull {
    left: Vec<(usize, i64)>,
    right: Vec<(usize, i64)>,
}

impl Pull {
    fn new(g: &Layered, sizes: &Sizes<'_>) -> Pull {
        let side = |adj: &super::rank::Adjacency| -> Vec<(usize, i64)> {
            (0..g.nodes.len())
                .flat_map(|v| {
                    adj.of(v).iter().map(move |&(w, c)| {
                        (
                            w,
                            i64::from((sizes.port)(w, c)) - i64::from((sizes.port)(v, c)),
                        )
                    })
                })
                .collect()
        };
        Pull {
            left: side(&g.left),
            right: side(&g.right),
        }
    }
}

/// Buffers one layer's solve reuses instead of allocating per node.
#[derive(Default)]
struct Scratch {
    wanted: Vec<i64>,
    targets: Vec<(f64, f64)>,
}

#[derive(Clone, Copy)]
enum Side {
    Left,
    Right,
    Both,
}

impl Side {
    fn from(both: bool, left: bool) -> Side {
        match (both, left) {
            (true, _) => Side::Both,
            (false, true) => Side::Left,
            (false, false) => Side::Right,
        }
    }
}

/// Re-places layer `l` given its neighbours' rows.
fn solve(
    g: &Layered,
    sizes: &Sizes<'_>,
    pull: &Pull,
    scratch: &mut Scratch,
    y: &mut [i64],
    l: usize,
    side: Side,
) {
    let layer = &g.layers[l];
    let Scratch { wanted, targets } = scratch;
    targets.clear();
    let mut offset = 0i64;
    for &v in layer {
        wanted.clear();
        let mut collect = |entries: &[(usize, i64)]| {
            wanted.extend(entries.iter().map(|&(w, d)| y[w] + d));
        };
        match side {
            Side::Left => collect(&pull.left[g.left.span(v)]),
            Side::Right => collect(&pull.right[g.right.span(v)]),
            Side::Both => {
                collect(&pull.left[g.left.span(v)]);
                collect(&pull.right[g.right.span(v)]);
            }
        }
        let dummy = g.nodes[v].real.is_none();
        let (want, weight) = if wanted.is_empty() {
            (y[v], 0.5)
        } else {
            wanted.sort_unstable();
            // Lower median: lines up exactly with one neighbour.
            (
                wanted[(wanted.len() - 1) / 2],
                if dummy { 4.0 } else { 1.0 },
            )
        };
        targets.push(((want - offset) as f64, weight));
        offset += i64::from(sizes.height[v]) + i64::from(sizes.gap);
    }
    let fitted = isotonic(targets);
    let mut offset = 0i64;
    for (&v, q) in layer.iter().zip(fitted) {
        y[v] = q.round() as i64 + offset;
        offset += i64::from(sizes.height[v]) + i64::from(sizes.gap);
    }
}

/// Weighted least-squares fit of a non-decreasing sequence.
fn isotonic(points: &[(f64, f64)]) -> Vec<f64> {
    // Blocks of (weighted sum, total weight, length).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(points.len());
    for &(value, weight) in points {
        let mut block = (value * weight, weight, 1);
        while let Some(&prev) = blocks.last() {
            if prev.0 / prev.1 > block.0 / block.1 {
                block = (prev.0 + block.0, prev.1 + block.1, prev.2 + block.2);
                blocks.pop();
            } else {
                break;
            }
        }
        blocks.push(block);
    }
    blocks
        .into_iter()
        .flat_map(|(sum, weight, len)| std::iter::repeat_n(sum / weight, len))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_violators() {
        let fit = isotonic(&[(1.0, 1.0), (3.0, 1.0), (2.0, 1.0), (5.0, 1.0)]);
        assert_eq!(fit, vec![1.0, 2.5, 2.5, 5.0]);
    }
}
