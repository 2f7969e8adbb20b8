//! Layer assignment: cycles broken deterministically, layers from the
//! longest path, clients pulled left and stores pushed right, long edges cut
//! into chains of dummy nodes.

/// Where a real node sits in the flow, from its catalog category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Entry point: always in the first layer.
    Client,
    /// Keeps data or is someone else's service: pushed to the last layer when
    /// nothing follows it.
    Store,
    /// Anything else.
    Middle,
}

/// A link between two distinct real nodes.
#[derive(Debug, Clone, Copy)]
pub struct Arc {
    pub from: usize,
    pub to: usize,
    /// Index of the link in the design.
    pub link: usize,
}

/// A node of the layered graph: a real box or a dummy on a long edge.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    /// Index of the real node, `None` for a dummy.
    pub real: Option<usize>,
    pub layer: usize,
}

/// One drawn link as a path through adjacent layers, left to right.
#[derive(Debug, Clone)]
pub struct Chain {
    pub link: usize,
    /// True when the link points right to left (it closed a cycle).
    pub reversed: bool,
    /// Node ids, one per layer, from the left-most to the right-most.
    pub nodes: Vec<usize>,
}

/// The layered graph.
#[derive(Debug, Clone, Default)]
pub struct Layered {
    /// Real nodes first (node `i` is real node `i`), then dummies.
    pub nodes: Vec<Node>,
    pub chains: Vec<Chain>,
    /// Node ids per layer, in their current order.
    pub layers: Vec<Vec<usize>>,
    /// For each node, the chains entering it from the layer on its left, as
    /// `(neighbour node, chain)`.
    pub left: Adjacency,
    /// For each node, the chains leaving it to the layer on its right.
    pub right: Adjacency,
}

/// One side's neighbours of every node, kept in one flat list: large
/// layouts walk them millions of times, and one list per node scattered the
/// walks across the heap.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    /// Node `v`'s entries are `items[start[v]..start[v + 1]]`.
    start: Vec<usize>,
    items: Vec<(usize, usize)>,
}

impl Adjacency {
    /// The lists of `nodes` nodes from `(node, (neighbour, chain))` entries;
    /// each node keeps its entries in the order given.
    fn build(nodes: usize, entries: &[(usize, (usize, usize))]) -> Adjacency {
        let mut start = vec![0usize; nodes + 1];
        for &(v, _) in entries {
            start[v + 1] += 1;
        }
        for v in 0..nodes {
            start[v + 1] += start[v];
        }
        let mut next = start.clone();
        let mut items = vec![(0, 0); entries.len()];
        for &(v, e) in entries {
            items[next[v]] = e;
            next[v] += 1;
        }
        Adjacency { start, items }
    }

    /// The `(neighbour node, chain)` entries of node `v`.
    pub fn of(&self, v: usize) -> &[(usize, usize)] {
        &self.items[self.span(v)]
    }

    /// Where node `v`'s entries sit in the flat list, for data kept beside it.
    pub fn span(&self, v: usize) -> std::ops::Range<usize> {
        self.start[v]..self.start[v + 1]
    }
}

/// Builds the layered graph of `roles.len()` real nodes joined by `arcs`.
pub fn build(roles: &[Role], arcs: &[Arc]) -> Layered {
    let n = roles.len();
    let reversed = break_cycles(roles, arcs);
    // The acyclic orientation: (tail, head) with layer(tail) < layer(head).
    let dag: Vec<(usize, usize)> = arcs
        .iter()
        .zip(&reversed)
        .map(|(a, &r)| if r { (a.to, a.from) } else { (a.from, a.to) })
        .collect();
    let layer = assign_layers(roles, &dag);
    let mut g = Layered {
        nodes: (0..n)
            .map(|i| Node {
                real: Some(i),
                layer: layer[i],
            })
            .collect(),
        ..Layered::default()
    };
    for ((a, &(tail, head)), &rev) in arcs.iter().zip(&dag).zip(&reversed) {
        let mut path = vec![tail];
        for l in layer[tail] + 1..layer[head] {
            g.nodes.push(Node {
                real: None,
                layer: l,
            });
            path.push(g.nodes.len() - 1);
        }
        path.push(head);
        g.chains.push(Chain {
            link: a.link,
            reversed: rev,
            nodes: path,
        });
    }
    let depth = g.nodes.iter().map(|v| v.layer + 1).max().unwrap_or(0);
    link_chains(&mut g);
    g.layers = vec![Vec::new(); depth];
    for v in initial_order(&g, n) {
        let l = g.nodes[v].layer;
        g.layers[l].push(v);
    }
    number_dummies_by_layer(&mut g, n);
    g
}

/// Fills `left` and `right` from the chains.
fn link_chains(g: &mut Layered) {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (c, chain) in g.chains.iter().enumerate() {
        for w in chain.nodes.windows(2) {
            right.push((w[0], (w[1], c)));
            left.push((w[1], (w[0], c)));
        }
    }
    g.left = Adjacency::build(g.nodes.len(), &left);
    g.right = Adjacency::build(g.nodes.len(), &right);
}

/// Renumbers the dummies in the order they sit in their layers, real nodes
/// keeping their ids. Dummies are most of a large graph's nodes, and the
/// sweeps work layer by layer: numbered by link they were scattered over
/// all of memory, numbered by layer a sweep reads one region at a time.
fn number_dummies_by_layer(g: &mut Layered, real: usize) {
    let mut id: Vec<usize> = (0..g.nodes.len()).collect();
    let mut next = real;
    for layer in &g.layers {
        for &v in layer {
            if v >= real {
                id[v] = next;
                next += 1;
            }
        }
    }
    let mut nodes = g.nodes.clone();
    for (v, node) in g.nodes.iter().enumerate() {
        nodes[id[v]] = *node;
    }
    g.nodes = nodes;
    for chain in &mut g.chains {
        for v in &mut chain.nodes {
            *v = id[*v];
        }
    }
    for layer in &mut g.layers {
        for v in layer {
            *v = id[*v];
        }
    }
    link_chains(g);
}

/// Which arcs to draw right to left so that the rest has no cycle: arcs into
/// clients, then the back edges of a depth-first search that starts at the
/// clients and visits everything in input order.
fn break_cycles(roles: &[Role], arcs: &[Arc]) -> Vec<bool> {
    let n = roles.len();
    let mut reversed: Vec<bool> = arcs
        .iter()
        .map(|a| roles[a.to] == Role::Client && roles[a.from] != Role::Client)
        .collect();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, a) in arcs.iter().enumerate() {
        if !reversed[i] {
            out[a.from].push(i);
        }
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; n];
    let roots = (0..n)
        .filter(|&i| roles[i] == Role::Client)
        .chain((0..n).filter(|&i| roles[i] != Role::Client));
    for root in roots {
        if mark[root] != Mark::New {
            continue;
        }
        mark[root] = Mark::Open;
        // Iterative: a long chain of components must not overflow the stack.
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&arc) = out[v].get(next) {
                top.1 += 1;
                let w = arcs[arc].to;
                match mark[w] {
                    Mark::New => {
                        mark[w] = Mark::Open;
                        stack.push((w, 0));
                    }
                    Mark::Open => reversed[arc] = true,
                    Mark::Done => {}
                }
            } else {
                mark[v] = Mark::Done;
                stack.pop();
            }
        }
    }
    reversed
}

/// Longest-path layers over the acyclic arcs; then stores with nothing after
/// them go to the last layer and sources that are not clients move right,
/// next to what they feed.
fn assign_layers(roles: &[Role], dag: &[(usize, usize)]) -> Vec<usize> {
    let n = roles.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for &(t, h) in dag {
        succ[t].push(h);
        indeg[h] += 1;
    }
    let has_pred: Vec<bool> = indeg.iter().map(|&d| d > 0).collect();
    // Kahn's algorithm, smallest index first, for a deterministic order.
    let mut ready: std::collections::BTreeSet<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    while let Some(v) = ready.pop_first() {
        topo.push(v);
        for &w in &succ[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.insert(w);
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &v in &topo {
        for &w in &succ[v] {
            layer[w] = layer[w].max(layer[v] + 1);
        }
    }
    let last = layer.iter().copied().max().unwrap_or(0);
    for v in 0..n {
        if roles[v] == Role::Store && succ[v].is_empty() {
            layer[v] = last;
        }
    }
    // Reverse topological order: a moved source never feeds another source.
    for &v in topo.iter().rev() {
        if roles[v] != Role::Client && !has_pred[v] && !succ[v].is_empty() {
            let first = succ[v].iter().map(|&w| layer[w]).min().unwrap_or(1);
            layer[v] = first.saturating_sub(1);
        }
    }
    layer
}

/// A first order inside each layer: depth-first discovery from the left-most
/// layer, so that connected boxes start near each other.
fn initial_order(g: &Layered, real: usize) -> Vec<usize> {
    let total = g.nodes.len();
    let mut seen = vec![false; total];
    let mut order = Vec::with_capacity(total);
    let mut roots: Vec<usize> = (0..real).collect();
    roots.sort_by_key(|&v| g.nodes[v].layer);
    for root in roots {
        if seen[root] {
            continue;
        }
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            order.push(v);
            for &(w, _) in g.right.of(v).iter().rev() {
                if !seen[w] {
                    stack.push(w);
                }
            }
        }
    }
    order.extend((0..total).filter(|&v| !seen[v]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arc(from: usize, to: usize, link: usize) -> Arc {
        Arc { from, to, link }
    }

    #[test]
    fn chain_gets_one_layer_per_hop() {
        let roles = [Role::Client, Role::Middle, Role::Store];
        let g = build(&roles, &[arc(0, 1, 0), arc(1, 2, 1)]);
        let layers: Vec<usize> = g.nodes.iter().map(|n| n.layer).collect();
        assert_eq!(layers, vec![0, 1, 2]);
        assert!(g.chains.iter().all(|c| !c.reversed));
    }

    #[test]
    fn cycles_are_broken_and_stores_go_last() {
        // client -> a -> b -> a (cycle), a -> db
        let roles = [Role::Client, Role::Middle, Role::Middle, Role::Store];
        let g = build(
            &roles,
            &[arc(0, 1, 0), arc(1, 2, 1), arc(2, 1, 2), arc(1, 3, 3)],
        );
        assert!(g.chains[2].reversed);
        assert_eq!(g.nodes[3].layer, 2, "the store shares the last layer");
        for c in &g.chains {
            for w in c.nodes.windows(2) {
                assert_eq!(g.nodes[w[0]].layer + 1, g.nodes[w[1]].layer);
            }
        }
    }

    #[test]
    fn arcs_into_clients_point_back() {
        let roles = [Role::Middle, Role::Client];
        let g = build(&roles, &[arc(0, 1, 0)]);
        assert!(g.chains[0].reversed);
        assert_eq!(g.nodes[1].layer, 0);
    }

    #[test]
    fn sources_move_next_to_what_they_feed() {
        // client -> a -> b -> c; cron -> c
        let g = build(
            &client_then(4),
            &[arc(0, 1, 0), arc(1, 2, 1), arc(2, 3, 2), arc(4, 3, 3)],
        );
        assert_eq!(g.nodes[4].layer, 2);
        assert_eq!(g.nodes.len(), 5, "no dummy needed");
    }

    /// A client, then `n` middle nodes.
    fn client_then(n: usize) -> Vec<Role> {
        std::iter::once(Role::Client)
            .chain(std::iter::repeat_n(Role::Middle, n))
            .collect()
    }

    #[test]
    fn dummies_are_numbered_layer_by_layer() {
        // Two long links from the client, each crossing two middle layers.
        let g = build(
            &client_then(4),
            &[
                arc(0, 1, 0),
                arc(1, 2, 1),
                arc(2, 3, 2),
                arc(0, 3, 3),
                arc(0, 4, 4),
                arc(3, 4, 5),
            ],
        );
        let dummies: Vec<(usize, usize)> =
            (5..g.nodes.len()).map(|v| (g.nodes[v].layer, v)).collect();
        assert!(
            g.nodes[..5]
                .iter()
                .enumerate()
                .all(|(i, n)| n.real == Some(i))
        );
        assert!(g.nodes[5..].iter().all(|n| n.real.is_none()));
        assert!(dummies.windows(2).all(|w| w[0] <= w[1]), "{dummies:?}");
        for (c, chain) in g.chains.iter().enumerate() {
            for w in chain.nodes.windows(2) {
                assert_eq!(g.nodes[w[0]].layer + 1, g.nodes[w[1]].layer);
                assert!(g.right.of(w[0]).contains(&(w[1], c)));
                assert!(g.left.of(w[1]).contains(&(w[0], c)));
            }
        }
        for layer in &g.layers {
            let dummies: Vec<usize> = layer.iter().copied().filter(|&v| v >= 5).collect();
            assert!(dummies.windows(2).all(|w| w[0] + 1 == w[1]), "{layer:?}");
        }
    }

    #[test]
    fn long_arcs_get_dummies() {
        let roles = [Role::Client, Role::Middle, Role::Middle, Role::Middle];
        let g = build(
            &roles,
            &[arc(0, 1, 0), arc(1, 2, 1), arc(2, 3, 2), arc(0, 3, 3)],
        );
        assert_eq!(g.chains[3].nodes.len(), 4);
        assert_eq!(g.nodes.len(), 6);
    }
}
