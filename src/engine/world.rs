//! The design as a graph, with its critical flows resolved to components and
//! peak load pushed along them. Built once per analysis; every rule reads it.

use super::context::Resolved;
use crate::model::{Catalog, Category, Component, Design, Kind, Link, LinkMode, RateSource, props};
use petgraph::algo::dominators::simple_fast;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// One required target of a flow and the components that satisfy it.
#[derive(Debug, Clone)]
pub struct TargetGroup {
    /// As written: entity, kind, category or component id.
    pub target: String,
    /// Components that satisfy it.
    pub members: Vec<usize>,
    /// Members reachable from the flow's entries.
    pub reachable: Vec<usize>,
    /// Components every path from an entry to this target passes through.
    pub must_pass: Vec<usize>,
}

/// A critical flow resolved onto this design.
#[derive(Debug, Clone)]
pub struct FlowView {
    pub flow: crate::model::Flow,
    pub inferred: bool,
    pub entries: Vec<usize>,
    pub groups: Vec<TargetGroup>,
    /// Components on some path from an entry to a target.
    pub on_path: BTreeSet<usize>,
    /// Components the user waits on: reached from an entry over sync links only.
    pub sync_reach: BTreeSet<usize>,
    pub read_rate: f64,
    pub write_rate: f64,
    /// Component -> (reads/s, writes/s) this flow puts on it.
    pub load: HashMap<usize, (f64, f64)>,
}

impl FlowView {
    /// Required targets this flow reaches from one of its entries.
    pub fn served_targets(&self) -> usize {
        if self.entries.is_empty() {
            return 0;
        }
        self.groups
            .iter()
            .filter(|g| !g.reachable.is_empty())
            .count()
    }

    /// The first required target the flow cannot reach, if any.
    pub fn first_unserved(&self) -> Option<&str> {
        if self.entries.is_empty() {
            return Some(&self.flow.from);
        }
        self.groups
            .iter()
            .find(|g| g.reachable.is_empty())
            .map(|g| g.target.as_str())
    }
}

/// The design, its catalog kinds, resolved context and flows.
pub struct World<'a> {
    pub design: &'a Design,
    pub catalog: &'a Catalog,
    pub ctx: Resolved,
    /// Kind of each component (by index); `None` for unknown kinds.
    pub kinds: Vec<Option<&'a Kind>>,
    pub index: HashMap<&'a str, usize>,
    /// Node i is component i; edge weight is the link index.
    pub graph: DiGraph<usize, usize>,
    pub flows: Vec<FlowView>,
    /// Components taken down by a drill.
    pub failed: HashSet<usize>,
    /// Component -> (reads/s, writes/s) at peak over all flows.
    pub load: HashMap<usize, (f64, f64)>,
}

impl<'a> World<'a> {
    /// Builds the graph and resolves flows and load.
    pub fn new(
        design: &'a Design,
        catalog: &'a Catalog,
        ctx: Resolved,
        failed: HashSet<usize>,
    ) -> World<'a> {
        World::with_flows(design, catalog, ctx, failed, None)
    }

    /// Like [`World::new`], with the flows given (a drill keeps the flows of
    /// the healthy design, so losing a store does not make its flow vanish).
    pub fn with_flows(
        design: &'a Design,
        catalog: &'a Catalog,
        ctx: Resolved,
        failed: HashSet<usize>,
        flows: Option<Vec<(crate::model::Flow, bool)>>,
    ) -> World<'a> {
        let mut graph = DiGraph::with_capacity(design.components.len(), design.links.len());
        let mut index = HashMap::new();
        for (i, c) in design.components.iter().enumerate() {
            graph.add_node(i);
            index.entry(c.id.as_str()).or_insert(i);
        }
        for (li, l) in design.links.iter().enumerate() {
            if let (Some(&a), Some(&b)) = (index.get(l.from.as_str()), index.get(l.to.as_str()))
                && a != b
            {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), li);
            }
        }
        let kinds = design
            .components
            .iter()
            .map(|c| catalog.get(&c.kind))
            .collect();
        let mut world = World {
            design,
            catalog,
            ctx,
            kinds,
            index,
            graph,
            flows: Vec::new(),
            failed,
            load: HashMap::new(),
        };
        world.flows = world.resolve_flows(flows);
        for f in &world.flows {
            for (&c, &(r, w)) in &f.load {
                let e = world.load.entry(c).or_insert((0.0, 0.0));
                e.0 += r;
                e.1 += w;
            }
        }
        world
    }

    /// The component at index `i`.
    pub fn comp(&self, i: usize) -> &'a Component {
        &self.design.components[i]
    }

    /// The link at index `i`.
    pub fn link(&self, i: usize) -> &'a Link {
        &self.design.links[i]
    }

    /// Category of component `i`, if its kind is known.
    pub fn category(&self, i: usize) -> Option<Category> {
        self.kinds[i].map(|k| k.category)
    }

    /// True when component `i` stands for users rather than something we run.
    pub fn is_client(&self, i: usize) -> bool {
        self.category(i) == Some(Category::Client)
    }

    /// Outgoing (link index, target) pairs of `i`, skipping failed components.
    pub fn out(&self, i: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.graph
            .edges(NodeIndex::new(i))
            .map(|e| (*e.weight(), petgraph::visit::EdgeRef::target(&e).index()))
            .filter(|(_, t)| !self.failed.contains(t))
    }

    /// Incoming (link index, source) pairs of `i`, skipping failed components.
    pub fn inc(&self, i: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.graph
            .edges_directed(NodeIndex::new(i), petgraph::Direction::Incoming)
            .map(|e| (*e.weight(), petgraph::visit::EdgeRef::source(&e).index()))
            .filter(|(_, s)| !self.failed.contains(s))
    }

    /// Components matching a flow endpoint: component id, kind id, category,
    /// or (for targets) an entity id via `stores`.
    pub fn matching(&self, name: &str, entity_ok: bool) -> Vec<usize> {
        if let Some(&i) = self.index.get(name) {
            return vec![i];
        }
        if entity_ok && self.ctx.entity(name).is_some() {
            return (0..self.design.components.len())
                .filter(|&i| self.comp(i).stores.iter().any(|s| s == name))
                .collect();
        }
        if let Some(cat) = Category::parse(name) {
            return (0..self.design.components.len())
                .filter(|&i| self.category(i) == Some(cat))
                .collect();
        }
        (0..self.design.components.len())
            .filter(|&i| self.comp(i).kind == name)
            .collect()
    }

    fn default_entries(&self) -> Vec<usize> {
        let n = self.design.components.len();
        // Clients that call something: an unlinked client box is not an entry.
        let clients: Vec<usize> = (0..n)
            .filter(|&i| self.is_client(i) && self.out(i).next().is_some())
            .collect();
        if !clients.is_empty() {
            return clients;
        }
        let edge: Vec<usize> = (0..n)
            .filter(|&i| {
                self.category(i) == Some(Category::Edge)
                    && self.inc(i).next().is_none()
                    && self.out(i).next().is_some()
            })
            .collect();
        if !edge.is_empty() {
            return edge;
        }
        (0..n)
            .filter(|&i| {
                self.inc(i).next().is_none()
                    && self.out(i).next().is_some()
                    && !matches!(
                        self.category(i),
                        Some(Category::Platform | Category::Observability)
                    )
            })
            .collect()
    }

    fn resolve_flows(&self, given: Option<Vec<(crate::model::Flow, bool)>>) -> Vec<FlowView> {
        let flows = given.unwrap_or_else(|| self.flow_defs());
        flows
            .into_iter()
            .map(|(f, inferred)| self.view(f, inferred))
            .collect()
    }

    /// The flow definitions this world judges: the context's, or inferred
    /// ones (flagged `true`) where it declares none.
    pub fn flow_defs(&self) -> Vec<(crate::model::Flow, bool)> {
        let flows: Vec<(crate::model::Flow, bool)> =
            self.ctx.flows.iter().map(|f| (f.clone(), false)).collect();
        if flows.is_empty() {
            self.inferred_flows()
                .into_iter()
                .map(|f| (f, true))
                .collect()
        } else {
            flows
        }
    }

    /// Flows for designs that declare none: each entry to every system of
    /// record (or every stateful component where nothing declares `stores`).
    fn inferred_flows(&self) -> Vec<crate::model::Flow> {
        let n = self.design.components.len();
        let entries = self.default_entries();
        // Only what the entries can reach counts: a store nobody links to
        // is not a flow target (and must not change which others are).
        let reach = self.reach(&entries, |_| true, true);
        let mut targets: Vec<usize> = (0..n)
            .filter(|&i| reach.contains(&i) && !self.comp(i).stores.is_empty())
            .collect();
        if targets.is_empty() {
            targets = (0..n)
                .filter(|&i| {
                    reach.contains(&i)
                        && self.kinds[i].is_some_and(|k| {
                            k.stateful
                                && !matches!(k.category, Category::Cache | Category::Observability)
                        })
                })
                .collect();
        }
        if entries.is_empty() || targets.is_empty() {
            return Vec::new();
        }
        entries
            .iter()
            .map(|&e| crate::model::Flow {
                id: format!("{}-to-data", self.comp(e).id),
                title: Some(format!("{} reaches its data", self.comp(e).id)),
                from: self.comp(e).id.clone(),
                to: targets.iter().map(|&t| self.comp(t).id.clone()).collect(),
                share: 1.0 / entries.len() as f64,
                ..Default::default()
            })
            .collect()
    }

    fn view(&self, flow: crate::model::Flow, inferred: bool) -> FlowView {
        let mut entries: Vec<usize> = self
            .matching(&flow.from, false)
            .into_iter()
            .filter(|i| !self.failed.contains(i))
            .collect();
        if entries.is_empty() && !inferred {
            entries = self.default_entries();
            entries.retain(|i| !self.failed.contains(i));
        }
        let forward = self.reach(&entries, |_| true, true);
        let sync_reach = self.reach(&entries, |li| self.link(li).mode == LinkMode::Sync, true);
        let mut groups = Vec::new();
        let mut all_targets = Vec::new();
        for t in &flow.to {
            let members: Vec<usize> = self
                .matching(t, true)
                .into_iter()
                .filter(|i| !self.failed.contains(i))
                .collect();
            let reachable: Vec<usize> = members
                .iter()
                .copied()
                .filter(|m| forward.contains(m))
                .collect();
            all_targets.extend(reachable.iter().copied());
            groups.push(TargetGroup {
                target: t.clone(),
                members,
                reachable,
                must_pass: Vec::new(),
            });
        }
        let backward = self.reach(&all_targets, |_| true, false);
        let on_path: BTreeSet<usize> = forward.intersection(&backward).copied().collect();
        self.dominate(&entries, &on_path, &mut groups);

        let share = flow.share.max(0.0);
        let (read_rate, write_rate) = if inferred {
            (
                (self.ctx.peak_rps - self.ctx.write_rps).max(0.0) * share,
                self.ctx.write_rps * share,
            )
        } else {
            match flow.rate {
                RateSource::PeakRps => (
                    (self.ctx.peak_rps - self.ctx.write_rps).max(0.0) * share,
                    0.0,
                ),
                RateSource::WriteRps => (0.0, self.ctx.write_rps * share),
                RateSource::Events => (0.0, self.ctx.peak_events_per_sec * share),
            }
        };
        let load = self.push_load(&entries, &on_path, read_rate, write_rate);
        FlowView {
            flow,
            inferred,
            entries,
            groups,
            on_path,
            sync_reach,
            read_rate,
            write_rate,
            load,
        }
    }

    /// Components reachable from `start` (forward or backward) over links that pass `ok`.
    pub fn reach(
        &self,
        start: &[usize],
        ok: impl Fn(usize) -> bool,
        forward: bool,
    ) -> BTreeSet<usize> {
        let mut seen: BTreeSet<usize> = start
            .iter()
            .copied()
            .filter(|i| !self.failed.contains(i))
            .collect();
        let mut queue: VecDeque<usize> = seen.iter().copied().collect();
        while let Some(u) = queue.pop_front() {
            let next: Vec<(usize, usize)> = if forward {
                self.out(u).collect()
            } else {
                self.inc(u).collect()
            };
            for (li, v) in next {
                if ok(li) && seen.insert(v) {
                    queue.push_back(v);
                }
            }
        }
        seen
    }

    /// Fills `must_pass` for each group: the dominators of a virtual sink fed by
    /// the group's reachable members, from a virtual root feeding every entry.
    fn dominate(&self, entries: &[usize], on_path: &BTreeSet<usize>, groups: &mut [TargetGroup]) {
        if entries.is_empty() || on_path.is_empty() {
            return;
        }
        let mut g: DiGraph<usize, ()> = DiGraph::new();
        let mut local: HashMap<usize, NodeIndex> = HashMap::new();
        for &c in on_path {
            local.insert(c, g.add_node(c));
        }
        let root = g.add_node(usize::MAX);
        for &c in on_path {
            for (_, v) in self.out(c) {
                if let Some(&lv) = local.get(&v) {
                    g.add_edge(local[&c], lv, ());
                }
            }
        }
        for e in entries {
            if let Some(&le) = local.get(e) {
                g.add_edge(root, le, ());
            }
        }
        let sinks: Vec<Option<NodeIndex>> = groups
            .iter()
            .map(|grp| {
                if grp.reachable.is_empty() {
                    return None;
                }
                let s = g.add_node(usize::MAX);
                for m in &grp.reachable {
                    if let Some(&lm) = local.get(m) {
                        g.add_edge(lm, s, ());
                    }
                }
                Some(s)
            })
            .collect();
        let dom = simple_fast(&g, root);
        for (grp, sink) in groups.iter_mut().zip(sinks) {
            let Some(sink) = sink else { continue };
            if let Some(ds) = dom.dominators(sink) {
                let mut must: Vec<usize> = ds
                    .filter(|&d| d != sink && d != root)
                    .map(|d| g[d])
                    .collect();
                must.sort_unstable();
                grp.must_pass = must;
            }
        }
    }

    /// Pushes a flow's rate from each entry along its subgraph. From one entry a
    /// component is reached at most once per request (the largest load any
    /// caller sends it), so alternative paths do not double-count, except
    /// where an edge component routed requests down different next hops:
    /// those branches are exclusive, so where they meet again their loads add.
    /// Entries add up.
    fn push_load(
        &self,
        entries: &[usize],
        on_path: &BTreeSet<usize>,
        reads: f64,
        writes: f64,
    ) -> HashMap<usize, (f64, f64)> {
        let mut total: HashMap<usize, (f64, f64)> = HashMap::new();
        let live: Vec<usize> = entries
            .iter()
            .copied()
            .filter(|e| on_path.contains(e))
            .collect();
        if live.is_empty() {
            return total;
        }
        let order = self.topo(on_path);
        let per = live.len() as f64;
        for &e in &live {
            let mut load: HashMap<usize, Parts> = HashMap::new();
            load.insert(e, vec![(None, (reads / per, writes / per))]);
            let mut combined: HashMap<usize, (f64, f64)> = HashMap::new();
            for &u in &order {
                let Some(parts) = load.get(&u) else {
                    continue;
                };
                let (r, w) = combine(parts);
                let inherited: Tag = match parts.as_slice() {
                    [(only, _)] => *only,
                    _ => None,
                };
                combined.insert(u, (r, w));
                let outs: Vec<(usize, usize)> = self
                    .out(u)
                    .filter(|(_, v)| on_path.contains(v) && *v != e)
                    .collect();
                // Cache-aside: a caller that consults a cache (drawn in front
                // of the store or beside it) sends only the misses on.
                let hit = self
                    .out(u)
                    .filter_map(|(_, v)| self.hit_ratio(v))
                    .fold(self.hit_ratio(u).unwrap_or(0.0), f64::max);
                // An edge component routes each request to one of the next
                // hops it has on this flow, not to all of them.
                let router = self.category(u) == Some(Category::Edge) && outs.len() > 1;
                let routes = if router { outs.len() as f64 } else { 1.0 };
                for (branch, (li, v)) in outs.into_iter().enumerate() {
                    let fan = self.link(li).fanout.unwrap_or(1.0).max(0.0) / routes;
                    let miss = if self.hit_ratio(v).is_some() {
                        1.0
                    } else {
                        1.0 - hit
                    };
                    let tag = if router { Some((u, branch)) } else { inherited };
                    let parts = load.entry(v).or_default();
                    let at = match parts.iter().position(|(t, _)| *t == tag) {
                        Some(at) => at,
                        None => {
                            parts.push((tag, (0.0, 0.0)));
                            parts.len() - 1
                        }
                    };
                    let slot = &mut parts[at].1;
                    slot.0 = slot.0.max(r * fan * miss);
                    slot.1 = slot.1.max(w * fan);
                }
            }
            for (c, (r, w)) in combined {
                let t = total.entry(c).or_insert((0.0, 0.0));
                t.0 += r;
                t.1 += w;
            }
        }
        total
    }

    /// Kahn's order over a subgraph; nodes caught in cycles are taken in
    /// index order once nothing else is ready.
    fn topo(&self, nodes: &BTreeSet<usize>) -> Vec<usize> {
        let mut indeg: HashMap<usize, usize> = nodes.iter().map(|&c| (c, 0)).collect();
        for &c in nodes {
            for (_, v) in self.out(c) {
                if let Some(d) = indeg.get_mut(&v) {
                    *d += 1;
                }
            }
        }
        let mut ready: VecDeque<usize> = nodes.iter().copied().filter(|c| indeg[c] == 0).collect();
        let mut done: HashSet<usize> = HashSet::new();
        let mut order = Vec::with_capacity(nodes.len());
        let mut rest = nodes.iter().copied();
        loop {
            while let Some(u) = ready.pop_front() {
                if !done.insert(u) {
                    continue;
                }
                order.push(u);
                for (_, v) in self.out(u) {
                    if let Some(d) = indeg.get_mut(&v) {
                        *d = d.saturating_sub(1);
                        if *d == 0 {
                            ready.push_back(v);
                        }
                    }
                }
            }
            match rest.find(|c| !done.contains(c)) {
                Some(c) => ready.push_back(c),
                None => break,
            }
        }
        order
    }

    /// The hit ratio of a cache component (kinds that accept `hit_ratio`).
    pub fn hit_ratio(&self, i: usize) -> Option<f64> {
        let spec = self.kinds[i]?.props.get(props::HIT_RATIO)?;
        let default = match &spec.default {
            Some(crate::model::PropValue::Float(f)) => Some(*f),
            Some(crate::model::PropValue::Int(i)) => Some(*i as f64),
            _ => None,
        };
        let v = self.comp(i).prop_num(props::HIT_RATIO).or(default)?;
        Some(v.clamp(0.0, 1.0))
    }

    /// Share of the critical flows' required targets (over declared flows)
    /// that the design reaches from an entry: 1.0 when every flow is served.
    pub fn coverage(&self) -> f64 {
        let declared = self.flows.iter().filter(|f| !f.inferred);
        let (served, total) = declared.fold((0, 0), |(s, t), f| {
            (s + f.served_targets(), t + f.groups.len().max(1))
        });
        if total == 0 {
            1.0
        } else {
            served as f64 / total as f64
        }
    }

    /// Peak utilisation of component `i`: load over capacity times replicas
    /// (writes over one instance's capacity where a single primary takes them).
    pub fn utilisation(&self, i: usize) -> f64 {
        let Some(kind) = self.kinds[i] else {
            return 0.0;
        };
        let Some(cap) = kind.capacity else { return 0.0 };
        let r = self.load.get(&i).map_or(0.0, |l| l.0);
        let n = f64::from(self.comp(i).replicas.max(1));
        let reads = if cap.read_rps > 0.0 {
            r / (cap.read_rps * n)
        } else {
            0.0
        };
        reads + self.write_share(i)
    }

    /// The part of component `i`'s utilisation that replicas cannot spread:
    /// its writes where one primary takes them all, else nothing.
    fn unspread(&self, i: usize) -> f64 {
        if self.kinds[i].is_some_and(|k| k.single_writer) {
            self.write_share(i)
        } else {
            0.0
        }
    }

    /// Component `i`'s peak utilisation if it ran `replicas` instances.
    pub fn utilisation_at(&self, i: usize, replicas: u32) -> f64 {
        let fixed = self.unspread(i);
        let n = f64::from(self.comp(i).replicas.max(1));
        (self.utilisation(i) - fixed) * n / f64::from(replicas.max(1)) + fixed
    }

    /// The fewest instances that keep component `i` at or under `target`
    /// utilisation at peak; `None` where no number of replicas can (the
    /// writes on one primary alone exceed it).
    pub fn replicas_for(&self, i: usize, target: f64) -> Option<u32> {
        let fixed = self.unspread(i);
        if fixed >= target {
            return None;
        }
        let n = f64::from(self.comp(i).replicas.max(1));
        let spread = (self.utilisation(i) - fixed) * n;
        Some(((spread / (target - fixed)).ceil() as u32).max(1))
    }

    /// The part of component `i`'s utilisation that its writes take, which
    /// replicas do not spread where one primary takes every write.
    pub fn write_share(&self, i: usize) -> f64 {
        let Some(kind) = self.kinds[i] else {
            return 0.0;
        };
        let Some(cap) = kind.capacity else { return 0.0 };
        let w = self.load.get(&i).map_or(0.0, |l| l.1);
        let n = if kind.single_writer {
            1.0
        } else {
            f64::from(self.comp(i).replicas.max(1))
        };
        if cap.write_rps > 0.0 {
            w / (cap.write_rps * n)
        } else {
            w / (cap.read_rps.max(1.0) * n)
        }
    }

    /// What a reader of component `i` gets: the kind's default consistency,
    /// or strong where a prop asks for it (`strong_when` in the catalog).
    pub fn consistency(&self, i: usize) -> Option<crate::model::Consistency> {
        let k = self.kinds[i]?;
        let upgraded = k.strong_when.as_ref().is_some_and(|sw| {
            self.prop(i, &sw.prop)
                .is_some_and(|v| sw.values.contains(&v))
        });
        Some(if upgraded {
            crate::model::Consistency::Strong
        } else {
            k.consistency
        })
    }

    /// The effective value of a prop: as set, else the kind's default.
    pub fn prop(&self, i: usize, key: &str) -> Option<String> {
        self.comp(i).prop_str(key).or_else(|| {
            self.kinds[i]?
                .props
                .get(key)?
                .default
                .as_ref()
                .map(|d| d.to_string())
        })
    }

    /// True when the prop is set (or defaults) to `true`.
    pub fn prop_true(&self, i: usize, key: &str) -> bool {
        self.prop(i, key).as_deref() == Some("true")
    }

    /// True for message buffers: durable queues and streams that hold work
    /// until a consumer takes it.
    pub fn is_buffer(&self, i: usize) -> bool {
        self.kinds[i]
            .is_some_and(|k| k.durable && matches!(k.category, Category::Queue | Category::Stream))
    }

    /// Why component `i` is not redundant, or `None` when it survives losing
    /// one instance.
    pub fn not_redundant(&self, i: usize) -> Option<String> {
        let kind = self.kinds[i]?;
        let c = self.comp(i);
        if kind.category == Category::Client || kind.inherently_ha(c.managed) {
            return None;
        }
        if c.replicas <= 1 {
            return Some("one instance".into());
        }
        if kind.stateful && kind.props.contains_key(props::FAILOVER) {
            match self.prop(i, props::FAILOVER).as_deref() {
                Some(props::failover::AUTOMATIC) => None,
                Some(props::failover::MANUAL) => Some(format!(
                    "{} replicas but manual failover: someone must promote a replica while it is down",
                    c.replicas
                )),
                _ => Some(format!(
                    "{} replicas but `failover: none`: the replicas share one primary and nothing takes over",
                    c.replicas
                )),
            }
        } else {
            None
        }
    }

    /// Components of the design, ids in order.
    pub fn ids(&self, set: impl IntoIterator<Item = usize>) -> Vec<String> {
        set.into_iter().map(|i| self.comp(i).id.clone()).collect()
    }
}

/// A load contribution's tag: the last router it passed and which branch.
type Tag = Option<(usize, usize)>;

/// A component's load contributions by tag (a handful at most).
type Parts = Vec<(Tag, (f64, f64))>;

/// A component's load from its tagged contributions: the branches of one
/// router add up; anything else is the same request arriving another way.
fn combine(parts: &[(Tag, (f64, f64))]) -> (f64, f64) {
    let mut best = (0.0f64, 0.0f64);
    for (i, (tag, load)) in parts.iter().enumerate() {
        let total = match tag {
            None => *load,
            Some((router, _)) => {
                // Count each router once, at its first branch.
                if parts[..i]
                    .iter()
                    .any(|(t, _)| t.is_some_and(|t| t.0 == *router))
                {
                    continue;
                }
                parts
                    .iter()
                    .filter(|(t, _)| t.is_some_and(|t| t.0 == *router))
                    .fold((0.0, 0.0), |acc, (_, l)| (acc.0 + l.0, acc.1 + l.1))
            }
        };
        best = (best.0.max(total.0), best.1.max(total.1));
    }
    best
}
