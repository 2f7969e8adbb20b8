//! The design as a graph, with its critical flows resolved to components and
//! peak load pushed along them. Built once per analysis; every rule reads it.

use super::context::Resolved;
use crate::model::{Catalog, Component, Design, Kind, Link, LinkMode, RateSource, Role, props};
use petgraph::algo::dominators::simple_fast;
use petgraph::graph::{DiGraph, NodeIndex};
// Integer and id keys hash with Fx: SipHash's flood resistance buys nothing
// on a design's own indices and cost a tenth of an analysis.
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

/// One required target of a flow and the components that satisfy it.
#[derive(Debug, Clone)]
pub struct TargetGroup {
    /// As written: entity, kind, category or component id.
    pub target: String,
    /// Components that satisfy it.
    pub members: Vec<usize>,
    /// Members reachable from the flow's entries.
    pub reachable: Vec<usize>,
    /// Components every route from an entry to this target passes through.
    pub must_pass: Vec<usize>,
    /// Links on the routes to this target.
    pub route: BTreeSet<usize>,
    /// Where the flow's own declaration names an entry that has no route
    /// here while another component does: that component (a modelling slip,
    /// reported by `validate`, not a product gap).
    pub slip: Option<usize>,
}

/// A critical flow resolved onto this design.
#[derive(Debug, Clone)]
pub struct FlowView {
    pub flow: crate::model::Flow,
    pub inferred: bool,
    pub entries: Vec<usize>,
    pub groups: Vec<TargetGroup>,
    /// Components a request of this flow passes through: its routes to the
    /// targets, and the caches consulted beside them.
    pub on_path: BTreeSet<usize>,
    /// Links a request of this flow takes.
    pub route: BTreeSet<usize>,
    /// Synchronous calls a service on the route makes off it while handling
    /// the request (an auth check, a session store, an inline email): the
    /// request waits on them too.
    pub side: BTreeSet<usize>,
    /// Components someone waits on: reached over sync route links from an
    /// entry where a user or an outside caller waits (none for a flow a
    /// timer or batch run starts). (Side calls are left out: a service serving several flows makes
    /// them for one of those flows, and which one is not drawn.)
    pub sync_reach: BTreeSet<usize>,
    /// Declared by the design itself, not by its scenario: an unreachable
    /// target is a modelling slip reported by `validate`, not a product gap.
    pub own: bool,
    pub read_rate: f64,
    pub write_rate: f64,
    /// Component -> (reads/s, writes/s) this flow puts on it.
    pub load: FxHashMap<usize, (f64, f64)>,
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

/// Reads and writes a second at peak for each flow. A flow's traffic is its
/// `rps`, or its `share` of the figure its `rate` names; flows that give
/// neither split what the others leave of that figure. Writes belong to the
/// `write_rps` flows; the writes they do not claim ride with the `peak_rps`
/// flows in proportion, so a single flow carries the whole mix and a
/// write-heavy ingest carries its writes.
pub fn flow_rates(ctx: &Resolved, flows: &[(crate::model::Flow, bool)]) -> Vec<(f64, f64)> {
    let figure = |r: RateSource| match r {
        RateSource::PeakRps => ctx.peak_rps,
        RateSource::WriteRps => ctx.write_rps,
        RateSource::Events => ctx.peak_events_per_sec,
    };
    let given = |f: &crate::model::Flow| -> Option<f64> {
        f.rps
            .map(|x| x.max(0.0))
            .or(f.share.map(|s| s.max(0.0) * figure(f.rate)))
    };
    let traffic: Vec<f64> = flows
        .iter()
        .map(|(f, _)| {
            given(f).unwrap_or_else(|| {
                let same = flows.iter().filter(|(g, _)| g.rate == f.rate);
                let claimed: f64 = same.clone().filter_map(|(g, _)| given(g)).sum();
                let free = same.filter(|(g, _)| given(g).is_none()).count().max(1);
                (figure(f.rate) - claimed).max(0.0) / free as f64
            })
        })
        .collect();
    let claimed_writes: f64 = flows
        .iter()
        .zip(&traffic)
        .filter(|((f, _), _)| f.rate == RateSource::WriteRps)
        .map(|(_, t)| t)
        .sum();
    let pool_reads = (ctx.peak_rps - ctx.write_rps).max(0.0);
    let pool_writes = (ctx.write_rps - claimed_writes).max(0.0);
    flows
        .iter()
        .zip(traffic)
        .map(|((f, _), t)| match f.rate {
            RateSource::PeakRps if ctx.peak_rps > 0.0 => {
                let s = t / ctx.peak_rps;
                (s * pool_reads, s * pool_writes)
            }
            RateSource::PeakRps => (0.0, 0.0),
            RateSource::WriteRps | RateSource::Events => (0.0, t),
        })
        .collect()
}

/// The design, its catalog kinds, resolved context and flows.
pub struct World<'a> {
    pub design: &'a Design,
    pub catalog: &'a Catalog,
    pub ctx: Resolved,
    /// Kind of each component (by index); `None` for unknown kinds.
    pub kinds: Vec<Option<&'a Kind>>,
    pub index: FxHashMap<&'a str, usize>,
    /// Node i is component i; edge weight is the link index.
    pub graph: DiGraph<usize, usize>,
    /// Caller and callee of each link that joins two components (by link index).
    ends: Vec<(usize, usize)>,
    /// The job each component does: declared, shown by its links, or its
    /// kind's main one.
    pub roles: Vec<Option<Role>>,
    /// For each cache, the component whose data it holds, where known.
    pub cached: Vec<Option<usize>>,
    /// Roles taken for granted where the links did not tell, for the report.
    pub role_assumptions: Vec<String>,
    pub flows: Vec<FlowView>,
    /// Components taken down by a drill.
    pub failed: HashSet<usize>,
    /// Component -> (reads/s, writes/s) at peak over all flows.
    pub load: FxHashMap<usize, (f64, f64)>,
    /// Reads that reach a component only through side calls, which the
    /// design never says which requests make: `all` if every request of
    /// every flow through the caller makes them (what `load` counts), `least`
    /// if only the quietest flow through each caller does.
    pub side_reads: FxHashMap<usize, SideReads>,
    /// Services that only pass requests on to a queue or stream: every
    /// route out of them that carries a flow's load leads to a buffer.
    pub relays: Vec<bool>,
    /// Stores that cold caches would swamp, judged once on first ask
    /// (`rules::capacity::cold_stores`).
    pub cold: std::sync::OnceLock<Vec<ColdStore>>,
    /// Each flow's availability arithmetic, worked out once on first ask
    /// (`availability::flows`): the report and three rules read it.
    pub availability: std::sync::OnceLock<Vec<super::availability::FlowAvailability>>,
}

/// A store that a cold (empty or restarted) cache would push past capacity.
#[derive(Debug, Clone, PartialEq)]
pub struct ColdStore {
    /// The store.
    pub store: usize,
    /// The caches in front of or beside it.
    pub caches: Vec<usize>,
    /// Its utilisation at peak today.
    pub now: f64,
    /// Its utilisation with its caches cold.
    pub cold: f64,
}

/// Bounds on the reads a component gets from side calls (see
/// [`World::side_reads`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SideReads {
    pub least: f64,
    pub all: f64,
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
        let mut index = FxHashMap::default();
        for (i, c) in design.components.iter().enumerate() {
            graph.add_node(i);
            index.entry(c.id.as_str()).or_insert(i);
        }
        let mut ends = vec![(usize::MAX, usize::MAX); design.links.len()];
        for (li, l) in design.links.iter().enumerate() {
            if let (Some(&a), Some(&b)) = (index.get(l.from.as_str()), index.get(l.to.as_str()))
                && a != b
            {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), li);
                ends[li] = (a, b);
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
            ends,
            roles: Vec::new(),
            cached: Vec::new(),
            role_assumptions: Vec::new(),
            flows: Vec::new(),
            failed,
            load: FxHashMap::default(),
            side_reads: FxHashMap::default(),
            relays: Vec::new(),
            cold: std::sync::OnceLock::new(),
            availability: std::sync::OnceLock::new(),
        };
        world.resolve_roles();
        (world.flows, world.side_reads) = world.resolve_flows(flows);
        world.relays = world.find_relays();
        for f in &world.flows {
            for (&c, &(r, w)) in &f.load {
                let e = world.load.entry(c).or_insert((0.0, 0.0));
                e.0 += r;
                e.1 += w;
            }
        }
        world
    }

    /// Which components relay (see [`World::relays`]); only kinds whose
    /// capacity names a `relay_rps` are asked.
    fn find_relays(&self) -> Vec<bool> {
        let mut onward: Vec<Option<bool>> = vec![None; self.design.components.len()];
        for f in &self.flows {
            for &li in &f.route {
                let (u, v) = self.ends[li];
                let relaying = self.kinds[u].is_some_and(|k| k.capacity().relay_rps.is_some());
                if !relaying || f.load.get(&u).is_none_or(|l| l.0 + l.1 <= 0.0) {
                    continue;
                }
                let to_buffer = self.is_buffer(v);
                onward[u] = Some(onward[u].unwrap_or(true) && to_buffer);
            }
        }
        onward.into_iter().map(|o| o == Some(true)).collect()
    }

    /// Capacity per instance of component `i` in the job it does: a relay
    /// passes writes on at its kind's `relay_rps`.
    pub fn capacity(&self, i: usize) -> Option<crate::model::catalog::Capacity> {
        let measured = self.comp(i).capacity;
        // A job that costs more than plain reads and writes (a jobs table's
        // claim and completion, a ranked full-text query) has its own figure.
        let kind_cap = self.kinds[i].and_then(|k| {
            self.role(i)
                .and_then(|r| k.role_spec(r))
                .and_then(|s| s.capacity)
                .or(k.capacity)
        });
        let mut cap = match (kind_cap, measured) {
            (Some(cap), _) => cap,
            (None, Some(m)) => crate::model::catalog::Capacity {
                read_rps: m.read_rps.or(m.write_rps)?,
                write_rps: m.write_rps.unwrap_or(0.0),
                relay_rps: None,
            },
            (None, None) => return None,
        };
        if self.relays.get(i).copied().unwrap_or(false) {
            cap.write_rps = cap.relay_rps.unwrap_or(cap.write_rps);
        }
        // Slow jobs: an instance finishes as many a second as it runs at
        // once over how long each takes, whatever the kind's quick-job figure.
        if let Some(ms) = self.comp(i).prop_num(props::JOB_MS).filter(|ms| *ms > 0.0) {
            let at_once = self
                .prop_num_or_default(i, props::CONCURRENCY)
                .unwrap_or(1.0);
            let jobs = at_once.max(1.0) * 1000.0 / ms;
            cap.read_rps = jobs;
            cap.write_rps = jobs;
        }
        if let Some(m) = measured {
            cap.read_rps = m.read_rps.unwrap_or(cap.read_rps);
            cap.write_rps = m.write_rps.unwrap_or(cap.write_rps);
        }
        Some(cap)
    }

    /// Whether component `i`'s capacity was measured by the team rather
    /// than taken from the catalog's rough figure for its kind.
    pub fn measured(&self, i: usize) -> bool {
        self.comp(i).capacity.is_some()
    }

    /// Caller and callee of link `li` (by component index).
    pub fn link_ends(&self, li: usize) -> (usize, usize) {
        self.ends[li]
    }

    /// This world over `design`, an edit of its design that changes nothing
    /// a world is built from (only replicas, `managed` or props other than a
    /// hit ratio): the roles, flows, routes and loads stay as they are, the
    /// rules read the edited components. The caller vouches for the edit.
    pub fn rebind<'b>(&self, design: &'b Design) -> World<'b>
    where
        'a: 'b,
    {
        let mut index =
            FxHashMap::with_capacity_and_hasher(design.components.len(), Default::default());
        for (i, c) in design.components.iter().enumerate() {
            index.entry(c.id.as_str()).or_insert(i);
        }
        World {
            design,
            catalog: self.catalog,
            ctx: self.ctx.clone(),
            kinds: self.kinds.clone(),
            index,
            graph: self.graph.clone(),
            ends: self.ends.clone(),
            roles: self.roles.clone(),
            cached: self.cached.clone(),
            role_assumptions: self.role_assumptions.clone(),
            flows: self.flows.clone(),
            failed: self.failed.clone(),
            load: self.load.clone(),
            side_reads: self.side_reads.clone(),
            relays: self.relays.clone(),
            cold: std::sync::OnceLock::new(),
            availability: std::sync::OnceLock::new(),
        }
    }

    /// The component at index `i`.
    pub fn comp(&self, i: usize) -> &'a Component {
        &self.design.components[i]
    }

    /// The link at index `i`.
    pub fn link(&self, i: usize) -> &'a Link {
        &self.design.links[i]
    }

    /// True when component `i` plays `role`: the data job resolved for it
    /// (see [`World::role`]) or what its kind is in the system (a client, a
    /// router, a service, a provider, platform, telemetry).
    pub fn plays(&self, i: usize, role: Role) -> bool {
        self.role(i) == Some(role) || self.kinds[i].is_some_and(|k| k.is(role))
    }

    /// True when component `i` stands for users rather than something we run.
    pub fn is_client(&self, i: usize) -> bool {
        self.plays(i, Role::Client)
    }

    /// True when a request starting at `i` has someone waiting for its
    /// answer: a user's client, or an outside service calling in.
    pub fn waits_for_answer(&self, i: usize) -> bool {
        self.plays(i, Role::Client) || self.plays(i, Role::Provider)
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
        (0..self.design.components.len())
            .filter(|&i| {
                self.comp(i).kind == name || self.kinds[i].is_some_and(|k| k.answers_to(name))
            })
            .collect()
    }

    /// True when `start` reaches one of `targets` over synchronous links.
    fn reaches_over_sync(&self, start: usize, targets: &FxHashSet<usize>) -> bool {
        let mut seen = FxHashSet::default();
        let mut queue = VecDeque::from([start]);
        while let Some(u) = queue.pop_front() {
            if targets.contains(&u) {
                return true;
            }
            if !seen.insert(u) {
                continue;
            }
            queue.extend(
                self.out(u)
                    .filter(|&(li, _)| self.link(li).mode == LinkMode::Sync)
                    .map(|(_, v)| v),
            );
        }
        false
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
                self.plays(i, Role::Router)
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
                    && !self.plays(i, Role::Platform)
                    && !self.plays(i, Role::Telemetry)
            })
            .collect()
    }

    fn resolve_flows(
        &self,
        given: Option<Vec<(crate::model::Flow, bool)>>,
    ) -> (Vec<FlowView>, FxHashMap<usize, SideReads>) {
        let flows = given.unwrap_or_else(|| self.flow_defs());
        let rates = flow_rates(&self.ctx, &flows);
        let mut views: Vec<FlowView> = flows
            .into_iter()
            .zip(rates)
            .map(|((f, inferred), rate)| self.view(f, inferred, rate))
            .collect();
        // A link some flow's route takes belongs to that flow; the other
        // synchronous calls a service makes are side calls of every flow
        // it serves.
        let routed: BTreeSet<usize> = views.iter().flat_map(|v| v.route.iter().copied()).collect();
        let mut side_all: FxHashMap<usize, f64> = FxHashMap::default();
        // Per side link, the calls of the quietest flow that makes it: at
        // least one flow through the caller must.
        let mut per_link: BTreeMap<usize, f64> = BTreeMap::new();
        for v in &mut views {
            let before = v.load.clone();
            v.side = self.side_calls(&routed, &v.on_path, &mut v.load);
            for (&c, &(r, _)) in &v.load {
                let was = before.get(&c).map_or(0.0, |l| l.0);
                if r > was {
                    *side_all.entry(c).or_insert(0.0) += r - was;
                }
            }
            for &li in &v.side {
                let (u, c) = self.ends[li];
                if self.hit_ratio(c).is_some() {
                    continue;
                }
                let here = v.load.get(&u).map_or(0.0, |l| l.0 + l.1);
                let link = self.link(li);
                let calls = here * link.fanout.unwrap_or(1.0).max(0.0) / self.read_batch_of(li);
                if calls > 0.0 {
                    let e = per_link.entry(li).or_insert(f64::INFINITY);
                    *e = e.min(calls);
                }
            }
            let failed = &self.failed;
            v.on_path
                .extend(v.load.keys().copied().filter(|c| !failed.contains(c)));
        }
        let mut least: FxHashMap<usize, f64> = FxHashMap::default();
        for (li, calls) in per_link {
            let e = least.entry(self.ends[li].1).or_insert(0.0);
            *e = e.max(calls);
        }
        let side = side_all
            .into_iter()
            .map(|(c, all)| {
                let least = least.get(&c).copied().unwrap_or(0.0).min(all);
                (c, SideReads { least, all })
            })
            .collect();
        (views, side)
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
    /// record (or every stateful component where nothing declares `stores`)
    /// and to every end of the line it reaches (a service or provider that
    /// calls nothing further): without a declared flow, a request is taken
    /// to do everything its entry's calls lead to.
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
                        && self.role(i) != Some(Role::Cache)
                        && self.kinds[i].is_some_and(|k| k.stateful && !k.is(Role::Telemetry))
                })
                .collect();
        }
        // Marks, not `contains` on the lists: a large design has thousands
        // of targets and every reachable component is checked against them.
        let mut marked = vec![false; n];
        for &i in entries.iter().chain(&targets) {
            marked[i] = true;
        }
        let ends = (0..n).filter(|&i| {
            reach.contains(&i)
                && !marked[i]
                && self.out(i).next().is_none()
                // A cache at the end of a call is consulted beside the route.
                && self.role(i) != Some(Role::Cache)
                && ![Role::Client, Role::Platform, Role::Telemetry]
                    .iter()
                    .any(|&r| self.plays(i, r))
        });
        targets.extend(ends.collect::<Vec<_>>());
        if entries.is_empty() || targets.is_empty() {
            return Vec::new();
        }
        // One flow for every entry: its requests are split between them, and
        // an analysis costs the same however many entry points there are.
        let (id, from) = match entries.as_slice() {
            [one] => {
                let id = &self.comp(*one).id;
                (format!("{id}-to-data"), id.clone())
            }
            _ => ("entries-to-data".to_string(), "entries".to_string()),
        };
        vec![crate::model::Flow {
            title: Some(format!("{from} reach their data")),
            id,
            from,
            to: targets.iter().map(|&t| self.comp(t).id.clone()).collect(),
            share: Some(1.0),
            ..Default::default()
        }]
    }

    fn view(&self, flow: crate::model::Flow, inferred: bool, rate: (f64, f64)) -> FlowView {
        let mut entries: Vec<usize> = self
            .matching(&flow.from, false)
            .into_iter()
            .filter(|i| !self.failed.contains(i))
            .collect();
        if entries.is_empty() && !inferred {
            entries = self.default_entries();
            entries.retain(|i| !self.failed.contains(i));
        }
        if inferred {
            // Inferred flows start wherever requests enter the design.
            let mut entries = self.default_entries();
            entries.retain(|i| !self.failed.contains(i));
            return self.view_everything(flow, entries, rate);
        }
        // A flow the user waits on starts only where its data is reached
        // over synchronous calls: a category such as `client` may also
        // match devices that feed the same data in through a queue.
        if flow.mode == crate::model::FlowMode::Sync
            && entries.len() > 1
            && !self.index.contains_key(flow.from.as_str())
        {
            let targets: FxHashSet<usize> = flow
                .to
                .iter()
                .flat_map(|t| self.matching(t, true))
                .collect();
            let waited: Vec<usize> = entries
                .iter()
                .copied()
                .filter(|&e| self.reaches_over_sync(e, &targets))
                .collect();
            if !waited.is_empty() {
                entries = waited;
            }
        }
        let own = self.ctx.own_flows.contains(&flow.id);
        let words = name_words(std::iter::once(flow.id.as_str()).chain(flow.title.as_deref()));
        let mut waypoints: Vec<Vec<usize>> = flow
            .via
            .iter()
            .map(|v| self.matching(v, false))
            .filter(|m| !m.is_empty())
            .collect();
        if waypoints.is_empty()
            && let Some(w) = self.named_branch(&entries, &flow)
        {
            waypoints.push(vec![w]);
        }
        // Routes are those of the healthy design: when a drill takes a
        // component down, requests do not find a longer way round; only the
        // equal alternatives a balancer or router offers remain.
        let mut groups = Vec::new();
        let mut per_entry: Vec<Vec<BTreeSet<usize>>> = Vec::new();
        // Hops from each start (an entry, or the waypoints reached), shared
        // by every target: one search per start, not one per target.
        let mut hops: FxHashMap<Vec<usize>, Vec<u32>> = FxHashMap::default();
        for t in &flow.to {
            let all = self.matching(t, true);
            // Events an entry publishes travel as messages: where it hands
            // them to a queue or stream that leads to the target, that is
            // their route, not a direct call it makes for another purpose.
            let feeding = if flow.rate == RateSource::Events && flow.via.is_empty() {
                self.buffers_towards(&all)
            } else {
                Vec::new()
            };
            // Data that must be fresh is not read from a copy in front.
            let fresh = self
                .ctx
                .entity(t)
                .is_some_and(|e| e.consistency == crate::model::Consistency::Strong);
            let routes: Vec<BTreeSet<usize>> = entries
                .iter()
                .map(|&e| {
                    let published: Vec<usize> = self
                        .out(e)
                        .filter(|&(li, v)| {
                            self.link(li).mode == LinkMode::Async && feeding.contains(&v)
                        })
                        .map(|(_, v)| v)
                        .collect();
                    // Otherwise, a buffer named after the flow (`clicks`
                    // for `count-clicks`) that leads to the target is where
                    // a service behind the entry publishes them: their
                    // route, not a read path that happens to be shorter.
                    let hand_off = if published.is_empty() {
                        feeding
                            .iter()
                            .copied()
                            .filter(|&b| self.named_after(b, &words))
                            .collect()
                    } else {
                        published
                    };
                    // A read of data that may lag goes through the cache its
                    // client calls first (a CDN in front), even where a
                    // direct link to the origin is a hop shorter: that link
                    // is there for what the cache does not serve.
                    let front: Vec<usize> = if hand_off.is_empty()
                        && flow.rate == RateSource::PeakRps
                        && flow.via.is_empty()
                        && !fresh
                    {
                        self.out(e)
                            .filter(|&(li, v)| {
                                self.link(li).mode == LinkMode::Sync && self.hit_ratio(v).is_some()
                            })
                            .map(|(_, v)| v)
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let through = if !front.is_empty() {
                        let mut stops = vec![front];
                        stops.extend(waypoints.iter().cloned());
                        Some(stops)
                    } else {
                        (!hand_off.is_empty()).then(|| {
                            let mut stops = waypoints.clone();
                            stops.push(hand_off);
                            stops
                        })
                    };
                    through
                        .and_then(|stops| self.route_from(e, &stops, &all, &words, &mut hops))
                        .or_else(|| self.route_from(e, &waypoints, &all, &words, &mut hops))
                        .unwrap_or_default()
                })
                .collect();
            let route: BTreeSet<usize> = routes.iter().flatten().copied().collect();
            let members: Vec<usize> = all
                .iter()
                .copied()
                .filter(|i| !self.failed.contains(i))
                .collect();
            let live = self.reach_over(&entries, &route);
            let reachable: Vec<usize> = members
                .iter()
                .copied()
                .filter(|m| live.contains(m))
                .collect();
            let slip = if own && route.is_empty() && !all.iter().any(|m| entries.contains(m)) {
                self.other_start(&all)
            } else {
                None
            };
            groups.push(TargetGroup {
                target: t.clone(),
                members,
                reachable,
                must_pass: Vec::new(),
                route,
                slip,
            });
            per_entry.push(routes);
        }
        // The flow's rate is split over the entries that have a route.
        let serving: Vec<usize> = (0..entries.len())
            .filter(|&k| {
                per_entry
                    .iter()
                    .zip(&groups)
                    .any(|(routes, g)| !routes[k].is_empty() || g.members.contains(&entries[k]))
            })
            .collect();
        let route: BTreeSet<usize> = groups
            .iter()
            .flat_map(|g| g.route.iter().copied())
            .collect();
        for g in &mut groups {
            self.dominate(&entries, g);
        }
        let mut load: FxHashMap<usize, (f64, f64)> = FxHashMap::default();
        let (reads, writes) = rate;
        let n = serving.len().max(1) as f64;
        for routes in &per_entry {
            let mut group_load: FxHashMap<usize, (f64, f64)> = FxHashMap::default();
            for &k in &serving {
                self.push_load(
                    entries[k],
                    &routes[k],
                    (reads / n, writes / n),
                    flow.rate == RateSource::Events,
                    &mut group_load,
                );
            }
            // One request passes a component shared by the routes to several
            // targets once.
            for (c, (r, w)) in group_load {
                let slot = load.entry(c).or_insert((0.0, 0.0));
                slot.0 = slot.0.max(r);
                slot.1 = slot.1.max(w);
            }
        }
        let live_entries: Vec<usize> = serving.iter().map(|&k| entries[k]).collect();
        let (on_path, sync_reach) = self.touched(&route, &live_entries, &load);
        FlowView {
            flow,
            inferred,
            entries,
            groups,
            on_path,
            route,
            side: BTreeSet::new(),
            sync_reach,
            own,
            read_rate: reads,
            write_rate: writes,
            load,
        }
    }

    /// The synchronous calls services on the route make off it, followed
    /// through the services they reach. Each callee is consulted once per
    /// request its caller handles: a lookup, so reads; the request's writes
    /// land on its targets. (Caches beside the route already have theirs.)
    fn side_calls(
        &self,
        routed: &BTreeSet<usize>,
        on_route: &BTreeSet<usize>,
        load: &mut FxHashMap<usize, (f64, f64)>,
    ) -> BTreeSet<usize> {
        let service = |c: usize| self.kinds[c].is_some_and(|k| k.deployable || k.is(Role::Service));
        let mut side = BTreeSet::new();
        let mut queue: VecDeque<usize> = on_route.iter().copied().filter(|&c| service(c)).collect();
        let mut seen = FxHashSet::default();
        while let Some(u) = queue.pop_front() {
            if !seen.insert(u) {
                continue;
            }
            let here = load.get(&u).copied().unwrap_or((0.0, 0.0));
            for (li, v) in self.out(u) {
                let link = self.link(li);
                if routed.contains(&li) || on_route.contains(&v) || link.mode != LinkMode::Sync {
                    continue;
                }
                side.insert(li);
                if self.hit_ratio(v).is_none() {
                    let fan = link.fanout.unwrap_or(1.0).max(0.0);
                    let batch = self.read_batch_of(li);
                    let slot = load.entry(v).or_insert((0.0, 0.0));
                    slot.0 = slot.0.max((here.0 + here.1) * fan / batch);
                }
                if service(v) {
                    queue.push_back(v);
                }
            }
        }
        side
    }

    /// A component with no callers of its own (a client, a timer, an
    /// outside sender) whose requests do reach `targets`, for a flow whose
    /// declared entry cannot.
    fn other_start(&self, targets: &[usize]) -> Option<usize> {
        let last = self.dist_to(targets);
        (0..self.design.components.len())
            .filter(|c| !targets.contains(c) && last.contains_key(c))
            .filter(|&c| self.inc(c).next().is_none())
            .min_by_key(|c| (last[c], *c))
    }

    /// Hops from each component to the nearest of `stops`, over every link
    /// of the healthy design.
    fn dist_to(&self, stops: &[usize]) -> FxHashMap<usize, u32> {
        let mut dist: FxHashMap<usize, u32> = stops.iter().map(|&s| (s, 0)).collect();
        let mut queue: VecDeque<usize> = stops.iter().copied().collect();
        while let Some(v) = queue.pop_front() {
            let d = dist[&v];
            for e in self
                .graph
                .edges_directed(NodeIndex::new(v), petgraph::Direction::Incoming)
            {
                let u = petgraph::visit::EdgeRef::source(&e).index();
                if let std::collections::hash_map::Entry::Vacant(slot) = dist.entry(u) {
                    slot.insert(d + 1);
                    queue.push_back(u);
                }
            }
        }
        dist
    }

    /// An inferred flow: with no flow declared, a request is taken to do
    /// everything its entry's calls lead to, so it follows the shortest
    /// routes to every target at once and each component passes it to all
    /// of its next hops on them (an edge component routes it to one). One
    /// search per entry and one dominator tree serve every target.
    fn view_everything(
        &self,
        flow: crate::model::Flow,
        entries: Vec<usize>,
        (reads, writes): (f64, f64),
    ) -> FlowView {
        let targets: Vec<Vec<usize>> = flow.to.iter().map(|t| self.matching(t, true)).collect();
        let flat: Vec<usize> = targets.iter().flatten().copied().collect();
        // One search from every entry at once: each target is reached by
        // the routes from its nearest entries.
        let dist = self.dist_from(&entries);
        let reached: Vec<usize> = flat
            .iter()
            .copied()
            .filter(|&t| dist[t] != u32::MAX)
            .collect();
        let route = self.ancestors(&dist, reached);
        let mut on_route: FxHashSet<usize> = FxHashSet::default();
        for &li in &route {
            let (a, b) = self.ends[li];
            on_route.extend([a, b]);
        }
        let serving: Vec<usize> = entries
            .iter()
            .copied()
            .filter(|e| on_route.contains(e) || flat.contains(e))
            .collect();
        let live = self.reach_over(&entries, &route);
        let mut groups: Vec<TargetGroup> = flow
            .to
            .iter()
            .zip(targets)
            .map(|(t, all)| {
                let members: Vec<usize> = all
                    .into_iter()
                    .filter(|i| !self.failed.contains(i))
                    .collect();
                let reachable = members
                    .iter()
                    .copied()
                    .filter(|m| live.contains(m))
                    .collect();
                TargetGroup {
                    target: t.clone(),
                    members,
                    reachable,
                    must_pass: Vec::new(),
                    route: BTreeSet::new(),
                    slip: None,
                }
            })
            .collect();
        self.dominate_all(&entries, &route, &mut groups);
        let load = self.push_everywhere(&serving, &route, reads, writes);
        let (on_path, sync_reach) = self.touched(&route, &serving, &load);
        FlowView {
            flow,
            inferred: true,
            entries,
            groups,
            on_path,
            route,
            side: BTreeSet::new(),
            sync_reach,
            own: false,
            read_rate: reads,
            write_rate: writes,
            load,
        }
    }

    /// What a flow's requests touch (the route, its entries and whatever
    /// got load, such as caches beside it) and what the user waits on (what
    /// the entries reach over the route's sync links), failed parts left out.
    fn touched(
        &self,
        route: &BTreeSet<usize>,
        entries: &[usize],
        load: &FxHashMap<usize, (f64, f64)>,
    ) -> (BTreeSet<usize>, BTreeSet<usize>) {
        let mut on_path: BTreeSet<usize> = load.keys().copied().collect();
        for &li in route {
            let (a, b) = self.ends[li];
            on_path.extend([a, b]);
        }
        on_path.extend(entries.iter().copied());
        on_path.retain(|c| !self.failed.contains(c));
        // Only someone outside the system waits for an answer: a user's
        // client, or a partner calling in (a webhook). A flow a timer or a
        // batch run starts has nobody waiting; what it reaches only delays.
        let waiting: Vec<usize> = entries
            .iter()
            .copied()
            .filter(|&e| self.waits_for_answer(e))
            .collect();
        let sync_links: BTreeSet<usize> = route
            .iter()
            .copied()
            .filter(|&li| self.link(li).mode == LinkMode::Sync)
            .collect();
        (on_path, self.reach_over(&waiting, &sync_links))
    }

    /// The links on shortest routes from the start of `dist` to any of `ends`.
    fn ancestors(&self, dist: &[u32], ends: Vec<usize>) -> BTreeSet<usize> {
        let mut links = BTreeSet::new();
        let mut seen: FxHashSet<usize> = ends.iter().copied().collect();
        let mut stack = ends;
        while let Some(v) = stack.pop() {
            if dist[v] == 0 || dist[v] == u32::MAX {
                continue;
            }
            for e in self
                .graph
                .edges_directed(NodeIndex::new(v), petgraph::Direction::Incoming)
            {
                let u = petgraph::visit::EdgeRef::source(&e).index();
                if dist[u] == dist[v] - 1 {
                    links.insert(*e.weight());
                    if seen.insert(u) {
                        stack.push(u);
                    }
                }
            }
        }
        links
    }

    /// Fills every group's `must_pass` from one dominator tree over `route`:
    /// the dominators of a virtual sink per group fed by its reachable
    /// members, from a virtual root feeding every entry.
    fn dominate_all(&self, entries: &[usize], route: &BTreeSet<usize>, groups: &mut [TargetGroup]) {
        if entries.is_empty() {
            return;
        }
        let mut g: DiGraph<usize, ()> = DiGraph::with_capacity(route.len() + 1, route.len() * 2);
        // Component -> its node here; a table, since a route may span most
        // of a large design.
        let mut local: Vec<Option<NodeIndex>> = vec![None; self.design.components.len()];
        let mut node =
            |g: &mut DiGraph<usize, ()>, c: usize| *local[c].get_or_insert_with(|| g.add_node(c));
        for &li in route {
            let (a, b) = self.ends[li];
            if self.failed.contains(&a) || self.failed.contains(&b) {
                continue;
            }
            let (na, nb) = (node(&mut g, a), node(&mut g, b));
            g.add_edge(na, nb, ());
        }
        let root = g.add_node(usize::MAX);
        for &e in entries {
            let ne = node(&mut g, e);
            g.add_edge(root, ne, ());
        }
        let sinks: Vec<Option<NodeIndex>> = groups
            .iter()
            .map(|grp| {
                if grp.reachable.is_empty() {
                    return None;
                }
                let s = g.add_node(usize::MAX);
                for &m in &grp.reachable {
                    let nm = node(&mut g, m);
                    g.add_edge(nm, s, ());
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

    /// Pushes an inferred flow's rate from each entry along its routes: a
    /// component passes a request to every next hop on them, once per
    /// request however many ways it arrives, except an edge component, which
    /// routes each request to one next hop: those branches are exclusive, so
    /// where they meet again their loads add. Entries add up.
    fn push_everywhere(
        &self,
        entries: &[usize],
        route: &BTreeSet<usize>,
        reads: f64,
        writes: f64,
    ) -> FxHashMap<usize, (f64, f64)> {
        let mut total: FxHashMap<usize, (f64, f64)> = FxHashMap::default();
        let live: Vec<usize> = entries
            .iter()
            .copied()
            .filter(|e| !self.failed.contains(e))
            .collect();
        if live.is_empty() {
            return total;
        }
        let mut nodes: BTreeSet<usize> = live.iter().copied().collect();
        for &li in route {
            let (a, b) = self.ends[li];
            nodes.extend([a, b]);
        }
        let order = self.topo_over(&nodes, route);
        let on_route = Members::of(route, self.ends.len());
        let per = live.len() as f64;
        // The entries are the branches of a virtual router: their requests
        // are different requests, so they add where they meet.
        let mut load: FxHashMap<usize, Parts> = FxHashMap::default();
        for (k, &e) in live.iter().enumerate() {
            load.insert(
                e,
                vec![(Some((usize::MAX, k)), (reads / per, writes / per))],
            );
        }
        for &u in &order {
            if self.failed.contains(&u) {
                continue;
            }
            let Some(parts) = load.get(&u) else {
                continue;
            };
            let (r, w) = combine(parts);
            let inherited: Tag = match parts.as_slice() {
                [(only, _)] => *only,
                _ => None,
            };
            let slot = total.entry(u).or_insert((0.0, 0.0));
            slot.0 += r;
            slot.1 += w;
            let outs: Vec<(usize, usize)> = self
                .out(u)
                .filter(|&(li, v)| on_route.contains(li) && !live.contains(&v))
                .collect();
            // Cache-aside: a caller that consults a cache (drawn in front
            // of the store or beside it) sends only the misses on.
            let beside = self.caches_beside(u, |li, _| on_route.contains(li));
            let hit_for = |v: usize| self.hit_towards(u, v, &beside);
            if r > 0.0 {
                for &(c, _) in &beside {
                    let slot = total.entry(c).or_insert((0.0, 0.0));
                    slot.0 = slot.0.max(r);
                }
            }
            let router = self.plays(u, Role::Router) && outs.len() > 1;
            let routes = if router { outs.len() as f64 } else { 1.0 };
            for (branch, (li, v)) in outs.into_iter().enumerate() {
                let link = self.link(li);
                let fan = link.fanout.unwrap_or(1.0).max(0.0) / routes;
                // A consumer's bulk inserts batch what it writes; the
                // queries it answers on the same link are one call each.
                let read_batch = self.read_batch_of(li);
                let write_batch = self.batch_of(li);
                let miss = if self.hit_ratio(v).is_some() {
                    1.0
                } else {
                    1.0 - hit_for(v)
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
                slot.0 = slot.0.max(r * fan * miss / read_batch);
                slot.1 = slot.1.max(w * fan / write_batch);
            }
        }
        total
    }

    /// Hops from the nearest of `sources` to every component, over every
    /// link of the healthy design (`u32::MAX` where out of reach).
    fn dist_from(&self, sources: &[usize]) -> Vec<u32> {
        let mut dist = vec![u32::MAX; self.design.components.len()];
        let mut queue = VecDeque::new();
        for &s in sources {
            if dist[s] == u32::MAX {
                dist[s] = 0;
                queue.push_back(s);
            }
        }
        while let Some(u) = queue.pop_front() {
            let d = dist[u] + 1;
            for v in self.graph.neighbors(NodeIndex::new(u)) {
                if dist[v.index()] == u32::MAX {
                    dist[v.index()] = d;
                    queue.push_back(v.index());
                }
            }
        }
        dist
    }

    /// The links of every shortest route to the nearest of `stops`, given
    /// the hops from the route's start, and the stops it reaches.
    fn shortest_to(&self, dist: &[u32], stops: &[usize]) -> Option<(BTreeSet<usize>, Vec<usize>)> {
        let best = stops.iter().map(|&s| dist[s]).min()?;
        if best == u32::MAX {
            return None;
        }
        let reached: Vec<usize> = stops.iter().copied().filter(|&s| dist[s] == best).collect();
        let links = self.ancestors(dist, reached.clone());
        Some((links, reached))
    }

    /// The links of every shortest route from `start` through each waypoint
    /// in turn, then to the nearest target; `None` when one is out of reach.
    fn route_from(
        &self,
        start: usize,
        waypoints: &[Vec<usize>],
        targets: &[usize],
        words: &BTreeSet<String>,
        hops: &mut FxHashMap<Vec<usize>, Vec<u32>>,
    ) -> Option<BTreeSet<usize>> {
        let mut links = BTreeSet::new();
        let mut sources = vec![start];
        for stop in waypoints.iter().map(Vec::as_slice).chain([targets]) {
            let dist = hops
                .entry(sources.clone())
                .or_insert_with(|| self.dist_from(&sources));
            let (found, reached) = self.shortest_to(dist, stop)?;
            links.extend(self.prefer_named(found, &sources, words));
            sources = reached;
        }
        Some(links)
    }

    /// Where equally short routes part through services that are not copies
    /// of each other (a gateway in front of `feed-svc` and `like-svc`, both
    /// reaching the store), a request goes to the one its flow is about: the
    /// branches whose names share a word with the flow's id or title. Copies
    /// (same kind, same callees) stay alternatives that split the load, and
    /// with no name to go by every branch is kept.
    fn prefer_named(
        &self,
        links: BTreeSet<usize>,
        sources: &[usize],
        words: &BTreeSet<String>,
    ) -> BTreeSet<usize> {
        let mut by_caller: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for &li in &links {
            let (a, b) = self.ends[li];
            by_caller.entry(a).or_default().push((li, b));
        }
        let mut kept = BTreeSet::new();
        for outs in by_caller.values() {
            let next: Vec<usize> = outs.iter().map(|&(_, v)| v).collect();
            if outs.len() > 1 && !words.is_empty() && !self.copies(&next) {
                let named: Vec<usize> = outs
                    .iter()
                    .filter(|&&(_, v)| self.named_after(v, words))
                    .map(|&(li, _)| li)
                    .collect();
                if !named.is_empty() && named.len() < outs.len() {
                    kept.extend(named);
                    continue;
                }
            }
            kept.extend(outs.iter().map(|&(li, _)| li));
        }
        if kept.len() == links.len() {
            return links;
        }
        // Keep what the sources still reach over the kept links.
        let mut reached: FxHashSet<usize> = sources.iter().copied().collect();
        let mut stack: Vec<usize> = sources.to_vec();
        let mut out = BTreeSet::new();
        while let Some(u) = stack.pop() {
            for &(li, v) in by_caller.get(&u).map(Vec::as_slice).unwrap_or(&[]) {
                if kept.contains(&li) {
                    out.insert(li);
                    if reached.insert(v) {
                        stack.push(v);
                    }
                }
            }
        }
        out
    }

    /// A service behind a balancer or gateway that is named after the flow
    /// (`ingest` for the flow `ingest`, `feed-svc` for `read-home-feed`): a
    /// router sends a flow's requests to the service for them, even where
    /// another backend reaches the target in fewer hops. Only the flow's id
    /// counts, the service must lead on to every target, and it must be the
    /// one best named: two services each sharing a word leave it open.
    fn named_branch(&self, entries: &[usize], flow: &crate::model::Flow) -> Option<usize> {
        let words = name_words([flow.id.as_str()]);
        if words.is_empty() || entries.is_empty() {
            return None;
        }
        let from_entries = self.dist_from(entries);
        let targets: Vec<Vec<usize>> = flow.to.iter().map(|t| self.matching(t, true)).collect();
        let named: Vec<(usize, usize)> = (0..self.design.components.len())
            .filter(|&c| from_entries[c] != u32::MAX && !entries.contains(&c))
            .filter(|&c| self.kinds[c].is_some_and(|k| k.deployable || k.is(Role::Service)))
            .filter(|&c| self.inc(c).any(|(_, u)| self.plays(u, Role::Router)))
            .filter(|&c| self.named_after(c, &words))
            .filter(|&c| {
                let onward = self.dist_from(&[c]);
                targets
                    .iter()
                    .all(|t| t.iter().any(|&m| onward[m] != u32::MAX))
            })
            .map(|c| (self.shared_words(c, &words), c))
            .collect::<Vec<_>>();
        let best = named.iter().map(|&(n, _)| n).max()?;
        match named
            .iter()
            .filter(|&&(n, _)| n == best)
            .collect::<Vec<_>>()[..]
        {
            [&(_, c)] => Some(c),
            _ => None,
        }
    }

    /// How many of `words` the component's id or label has.
    fn shared_words(&self, c: usize, words: &BTreeSet<String>) -> usize {
        let comp = self.comp(c);
        name_words(std::iter::once(comp.id.as_str()).chain(comp.label.as_deref()))
            .intersection(words)
            .count()
    }

    /// True when the components are copies of one service: the same kind
    /// calling the same things.
    fn copies(&self, comps: &[usize]) -> bool {
        let sig = |c: usize| {
            let callees: BTreeSet<usize> = self.out(c).map(|(_, v)| v).collect();
            (self.comp(c).kind.as_str(), callees)
        };
        let first = sig(comps[0]);
        comps[1..].iter().all(|&c| sig(c) == first)
    }

    /// True when the component's id or label shares a word with `words`.
    fn named_after(&self, c: usize, words: &BTreeSet<String>) -> bool {
        let comp = self.comp(c);
        let own = name_words(std::iter::once(comp.id.as_str()).chain(comp.label.as_deref()));
        !own.is_disjoint(words)
    }

    /// Components reached from `start` over the given links, around failed ones.
    fn reach_over(&self, start: &[usize], links: &BTreeSet<usize>) -> BTreeSet<usize> {
        let on = Members::of(links, self.ends.len());
        self.reach(start, |li| on.contains(li), true)
    }

    /// Components reachable from `start` (forward or backward) over links that pass `ok`.
    pub fn reach(
        &self,
        start: &[usize],
        ok: impl Fn(usize) -> bool,
        forward: bool,
    ) -> BTreeSet<usize> {
        let mut seen = vec![false; self.design.components.len()];
        let mut queue: VecDeque<usize> = VecDeque::new();
        for &i in start {
            if !self.failed.contains(&i) && !std::mem::replace(&mut seen[i], true) {
                queue.push_back(i);
            }
        }
        while let Some(u) = queue.pop_front() {
            // No list of the next hops per component: walked in place.
            if forward {
                for (li, v) in self.out(u) {
                    if ok(li) && !std::mem::replace(&mut seen[v], true) {
                        queue.push_back(v);
                    }
                }
            } else {
                for (li, v) in self.inc(u) {
                    if ok(li) && !std::mem::replace(&mut seen[v], true) {
                        queue.push_back(v);
                    }
                }
            }
        }
        (0..seen.len()).filter(|&i| seen[i]).collect()
    }

    /// Fills the group's `must_pass` over its own route.
    fn dominate(&self, entries: &[usize], grp: &mut TargetGroup) {
        let route = grp.route.clone();
        self.dominate_all(entries, &route, std::slice::from_mut(grp));
    }

    /// Pushes one entry's share of a flow along its route to one target.
    /// Where the route offers equal alternatives (a balancer's backends, two
    /// replicas that both hold the data) a request takes one of them, so the
    /// load splits. A link's `fanout` multiplies what crosses it and its
    /// `batch` divides it. Reads that pass a cache, in front of the next hop
    /// or consulted beside it, continue only as misses; the cache itself sees
    /// them all.
    fn push_load(
        &self,
        entry: usize,
        route: &BTreeSet<usize>,
        (reads, writes): (f64, f64),
        events: bool,
        total: &mut FxHashMap<usize, (f64, f64)>,
    ) {
        if self.failed.contains(&entry) {
            return;
        }
        let mut at: FxHashMap<usize, (f64, f64)> = FxHashMap::default();
        at.insert(entry, (reads, writes));
        let nodes: BTreeSet<usize> = std::iter::once(entry)
            .chain(route.iter().map(|&li| self.ends[li].1))
            .collect();
        // Events drive the consumers behind the first durable hand-off: the
        // requests that raised them are counted by their own flows.
        let mut active: FxHashSet<usize> = FxHashSet::default();
        if !events
            || !route
                .iter()
                .any(|&li| self.link(li).mode == LinkMode::Async)
        {
            active.insert(entry);
        }
        let on_route = Members::of(route, self.ends.len());
        let on_nodes = Members::of(&nodes, self.design.components.len());
        for u in self.topo_over(&nodes, route) {
            let Some(&(r, w)) = at.get(&u) else { continue };
            if self.failed.contains(&u) {
                continue;
            }
            let on = active.contains(&u);
            if on {
                let slot = total.entry(u).or_insert((0.0, 0.0));
                slot.0 += r;
                slot.1 += w;
            }
            let outs: Vec<(usize, usize)> = self
                .graph
                .edges(NodeIndex::new(u))
                .filter(|e| on_route.contains(*e.weight()))
                .map(|e| (*e.weight(), petgraph::visit::EdgeRef::target(&e).index()))
                .collect();
            if outs.is_empty() {
                continue;
            }
            // Caches beside the route: linked from `u`, not on the route.
            // Not beside a client: its reads that its CDN may answer
            // are routed through it, so a call it makes past the CDN is for
            // what the CDN does not serve.
            let beside = if u == entry && self.waits_for_answer(entry) {
                Vec::new()
            } else {
                self.caches_beside(u, |li, v| on_route.contains(li) || on_nodes.contains(v))
            };
            let hit_for = |v: usize| self.hit_towards(u, v, &beside);
            if r > 0.0 {
                for &(c, _) in &beside {
                    let slot = total.entry(c).or_insert((0.0, 0.0));
                    slot.0 += r;
                }
            }
            let k = outs.len() as f64;
            for (li, v) in outs {
                let link = self.link(li);
                let fan = link.fanout.unwrap_or(1.0).max(0.0);
                let miss = if self.hit_ratio(v).is_some() {
                    1.0
                } else {
                    1.0 - hit_for(v)
                };
                let next = at.entry(v).or_insert((0.0, 0.0));
                next.0 += r * fan * miss / self.read_batch_of(li) / k;
                next.1 += w * fan / self.batch_of(li) / k;
                if on || link.mode == LinkMode::Async {
                    active.insert(v);
                }
            }
        }
    }

    /// Kahn's order over the given nodes and links.
    /// `nodes` in an order where each comes after its callers over `links`
    /// (cycles broken by id).
    pub fn topo_over(&self, nodes: &BTreeSet<usize>, links: &BTreeSet<usize>) -> Vec<usize> {
        let on = Members::of(links, self.ends.len());
        let mut indeg: FxHashMap<usize, usize> = nodes.iter().map(|&c| (c, 0)).collect();
        for &li in links {
            let v = self.ends[li].1;
            if let Some(d) = indeg.get_mut(&v) {
                *d += 1;
            }
        }
        let mut ready: VecDeque<usize> = nodes.iter().copied().filter(|c| indeg[c] == 0).collect();
        let mut done: FxHashSet<usize> = FxHashSet::default();
        let mut order = Vec::with_capacity(nodes.len());
        // A cycle is broken at its component first by id, not by its place
        // in the file: the load pushed round it must not depend on order.
        // Sorted only when a cycle is met: most routes have none.
        let mut rest: Option<std::vec::IntoIter<usize>> = None;
        loop {
            while let Some(u) = ready.pop_front() {
                if !done.insert(u) {
                    continue;
                }
                order.push(u);
                for e in self.graph.edges(NodeIndex::new(u)) {
                    if !on.contains(*e.weight()) {
                        continue;
                    }
                    let v = petgraph::visit::EdgeRef::target(&e).index();
                    if let Some(d) = indeg.get_mut(&v) {
                        *d = d.saturating_sub(1);
                        if *d == 0 {
                            ready.push_back(v);
                        }
                    }
                }
            }
            if done.len() == nodes.len() {
                break;
            }
            let rest = rest.get_or_insert_with(|| {
                let mut by_id: Vec<usize> = nodes.iter().copied().collect();
                by_id.sort_by(|&a, &b| self.comp(a).id.cmp(&self.comp(b).id));
                by_id.into_iter()
            });
            match rest.find(|c| !done.contains(c)) {
                Some(c) => ready.push_back(c),
                None => break,
            }
        }
        order
    }

    /// The role of component `i`, if it has one.
    pub fn role(&self, i: usize) -> Option<Role> {
        self.roles.get(i).copied().flatten()
    }

    /// Decides each component's role: as declared; else as its links show
    /// (an async hand-off to a worker is a queue, a cache consulted beside or
    /// in front of a store is that store's cache, a component that keeps an
    /// entity is a store); else its kind's main role, noted as assumed where
    /// the kind could do several jobs.
    fn resolve_roles(&mut self) {
        let n = self.design.components.len();
        let service =
            |w: &World, c: usize| w.kinds[c].is_some_and(|k| k.deployable || k.is(Role::Service));
        let mut roles = vec![None; n];
        for (i, role) in roles.iter_mut().enumerate() {
            let Some(k) = self.kinds[i] else { continue };
            let c = self.comp(i);
            if c.role.is_some() {
                *role = c.role;
                continue;
            }
            let plays = k.plays();
            if plays.len() <= 1 {
                *role = plays.first().copied();
                continue;
            }
            let hands_off = self
                .out(i)
                .any(|(li, v)| self.link(li).mode == LinkMode::Async && service(self, v));
            let kept = !c.stores.is_empty();
            *role = if hands_off && plays.contains(&Role::Queue) {
                Some(Role::Queue)
            } else if hands_off && plays.contains(&Role::Stream) {
                Some(Role::Stream)
            } else if plays.contains(&Role::Cache) && (c.caches.is_some() || self.beside_store(i)) {
                Some(Role::Cache)
            } else if kept && plays.contains(&Role::Store) {
                Some(Role::Store)
            } else {
                let main = k.main_role();
                if let Some(m) = main {
                    let others: Vec<String> = plays
                        .iter()
                        .filter(|r| **r != m)
                        .map(|r| r.to_string())
                        .collect();
                    self.role_assumptions.push(format!(
                        "`{}` ({}) taken as a {m}; its links do not show it as a {} (say `role:` if it is one)",
                        c.id,
                        c.kind,
                        others.join(" or ")
                    ));
                }
                main
            };
        }
        self.roles = roles;
        self.cached = (0..n).map(|i| self.cache_target(i)).collect();
    }

    /// A store this cache sits in front of, or beside (a caller of the
    /// cache also calls the store).
    fn beside_store(&self, i: usize) -> bool {
        self.store_cached_by(i).is_some()
    }

    fn store_cached_by(&self, i: usize) -> Option<usize> {
        let is_store = |c: usize| {
            c != i
                && self.kinds[c].is_some_and(|k| k.main_role() == Some(Role::Store))
                && !self.comp(c).stores.is_empty()
        };
        // Where several stores qualify, the one first by id: the verdict
        // must not depend on the order of links in the file.
        let first = |found: Vec<usize>| found.into_iter().min_by_key(|&s| &self.comp(s).id);
        first(
            self.out(i)
                .map(|(_, s)| s)
                .filter(|&s| is_store(s))
                .collect(),
        )
        .or_else(|| {
            first(
                self.inc(i)
                    .flat_map(|(_, u)| self.out(u).map(|(_, s)| s).collect::<Vec<_>>())
                    .filter(|&s| is_store(s))
                    .collect(),
            )
        })
    }

    fn cache_target(&self, i: usize) -> Option<usize> {
        if self.role(i) != Some(Role::Cache) {
            return None;
        }
        if let Some(t) = &self.comp(i).caches {
            return self.index.get(t.as_str()).copied();
        }
        self.store_cached_by(i)
    }

    /// The caches `u` consults beside its route (links `on_route` does not
    /// take), with their hit ratios.
    fn caches_beside(
        &self,
        u: usize,
        on_route: impl Fn(usize, usize) -> bool,
    ) -> Vec<(usize, f64)> {
        self.out(u)
            .filter(|&(li, v)| !on_route(li, v))
            .filter_map(|(_, v)| self.hit_ratio(v).map(|h| (v, h)))
            .collect()
    }

    /// The share of the reads `u` sends towards `v` that a cache answers:
    /// `u`'s own, if it is a cache in front, or one beside it that caches `v`.
    fn hit_towards(&self, u: usize, v: usize, beside: &[(usize, f64)]) -> f64 {
        beside
            .iter()
            .filter(|&&(c, _)| self.caches_for(c, v))
            .map(|&(_, h)| h)
            .fold(self.hit_ratio(u).unwrap_or(0.0), f64::max)
    }

    /// True when the reads `u` sends to `v` may be answered by cache `c`
    /// beside it: `c` caches `v`; or nothing says what it caches and it is
    /// not drawn in front of something else (a CDN in front of a bucket of
    /// static files does not answer the API calls its client makes).
    fn caches_for(&self, c: usize, v: usize) -> bool {
        match self.cached.get(c).copied().flatten() {
            Some(t) => t == v,
            None => self.out(c).all(|(_, x)| x == v),
        }
    }

    /// The store a component playing a cache keeps copies of: named by
    /// `caches:`, or the one it is drawn in front of or beside.
    pub fn cached_store(&self, i: usize) -> Option<usize> {
        if self.role(i) != Some(Role::Cache) {
            return None;
        }
        self.cached.get(i).copied().flatten()
    }

    /// True when cache `c` holds copies of `entity`: one its store keeps
    /// and, for a cache beside the store whose id or label names some of
    /// the store's entities (a `rates-cache` beside a store of rates and
    /// sessions), one of those it names.
    pub fn cache_holds(&self, c: usize, entity: &str) -> bool {
        let Some(store) = self.cached_store(c) else {
            return false;
        };
        let kept = &self.comp(store).stores;
        // Drawn in front, every read to the store passes through it; only a
        // cache beside it holds what its callers choose to put there.
        if self.out(c).any(|(_, v)| v == store) {
            return kept.iter().any(|e| e == entity);
        }
        let stem = |w: String| w.strip_suffix('s').map(str::to_string).unwrap_or(w);
        let words = |texts: Vec<&str>| -> BTreeSet<String> {
            name_words(texts).into_iter().map(stem).collect()
        };
        let comp = self.comp(c);
        let mine = words(
            std::iter::once(comp.id.as_str())
                .chain(comp.label.as_deref())
                .collect(),
        );
        let named: Vec<&String> = kept
            .iter()
            .filter(|e| !words(vec![e.as_str()]).is_disjoint(&mine))
            .collect();
        kept.iter().any(|e| e == entity) && (named.is_empty() || named.iter().any(|e| *e == entity))
    }

    /// The hit ratio of a component playing a cache (kinds that accept `hit_ratio`).
    pub fn hit_ratio(&self, i: usize) -> Option<f64> {
        if self.role(i) != Some(Role::Cache) {
            return None;
        }
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
            // A slip in the design's own flow is reported by `validate`; it
            // says nothing about what the design delivers.
            let slips = f.groups.iter().filter(|g| g.slip.is_some()).count();
            let counted = f.groups.len().saturating_sub(slips);
            if !f.groups.is_empty() && counted == 0 {
                return (s, t);
            }
            (s + f.served_targets(), t + counted.max(1))
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
        self.utilisation_with(i, self.load.get(&i).copied().unwrap_or((0.0, 0.0)))
    }

    /// Component `i`'s peak utilisation under the given (reads/s, writes/s).
    pub fn utilisation_with(&self, i: usize, (r, w): (f64, f64)) -> f64 {
        let Some(cap) = self.capacity(i) else {
            return 0.0;
        };
        let n = f64::from(self.comp(i).replicas.max(1));
        let reads = if cap.read_rps > 0.0 {
            r / (cap.read_rps * n)
        } else {
            0.0
        };
        reads + self.write_share_with(i, w)
    }

    /// Component `i`'s utilisation counting its side-call reads as only the
    /// quietest flow through each caller making them (`least: true`), or
    /// none of them: what is known without knowing which requests call it.
    pub fn utilisation_without_side(&self, i: usize, least: bool) -> f64 {
        let (r, w) = self.load.get(&i).copied().unwrap_or((0.0, 0.0));
        let side = self.side_reads.get(&i).copied().unwrap_or_default();
        let kept = if least { side.least } else { 0.0 };
        self.utilisation_with(i, ((r - side.all + kept).max(0.0), w))
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
        self.write_share_with(i, self.load.get(&i).map_or(0.0, |l| l.1))
    }

    fn write_share_with(&self, i: usize, w: f64) -> f64 {
        let Some(cap) = self.capacity(i) else {
            return 0.0;
        };
        let n = if self.kinds[i].is_some_and(|k| k.single_writer) {
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

    /// What a reader of component `i` gets: its role's or kind's default
    /// consistency, or strong where a prop asks for it (`strong_when`).
    pub fn consistency(&self, i: usize) -> Option<crate::model::Consistency> {
        let k = self.kinds[i]?;
        let upgraded = k.strong_when.as_ref().is_some_and(|sw| {
            self.prop(i, &sw.prop)
                .is_some_and(|v| sw.values.contains(&v))
        });
        // A role may read differently from the kind's usual job.
        let usual = self
            .role(i)
            .and_then(|r| k.role_spec(r))
            .and_then(|s| s.consistency)
            .unwrap_or(k.consistency);
        Some(if upgraded {
            crate::model::Consistency::Strong
        } else {
            usual
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

    /// A number prop of component `i`, or its kind's default for it.
    pub fn prop_num_or_default(&self, i: usize, key: &str) -> Option<f64> {
        self.comp(i).prop_num(key).or_else(|| {
            match self.kinds[i]?.props.get(key)?.default.as_ref()? {
                crate::model::PropValue::Int(n) => Some(*n as f64),
                crate::model::PropValue::Float(f) => Some(*f),
                _ => None,
            }
        })
    }

    /// True when the prop is set (or defaults) to `true`.
    pub fn prop_true(&self, i: usize, key: &str) -> bool {
        self.prop_is(i, key, "true")
    }

    /// True when the effective value of a prop, as [`World::prop`] writes
    /// it, is `want`: without writing it out for the usual strings and
    /// booleans (rules ask this of every component).
    pub fn prop_is(&self, i: usize, key: &str, want: &str) -> bool {
        let value = self.comp(i).props.get(key).or_else(|| {
            self.kinds[i]
                .and_then(|k| k.props.get(key))
                .and_then(|spec| spec.default.as_ref())
        });
        match value {
            None => false,
            Some(crate::model::PropValue::Str(s)) => s == want,
            Some(crate::model::PropValue::Bool(b)) => want == if *b { "true" } else { "false" },
            Some(v) => v.to_string() == want,
        }
    }

    /// True for message buffers: durable queues and streams that hold work
    /// until a consumer takes it.
    pub fn is_buffer(&self, i: usize) -> bool {
        let Some(role) = self.role(i).filter(|r| r.buffers()) else {
            return false;
        };
        self.kinds[i].is_some_and(|k| {
            k.role_spec(role)
                .and_then(|s| s.durable)
                .unwrap_or(k.durable)
        })
    }

    /// True when someone waits on component `i` in some flow: it is reached
    /// over sync links from a user or an outside caller.
    pub fn waited_on(&self, i: usize) -> bool {
        self.flows.iter().any(|f| {
            f.sync_reach.contains(&i)
                || f.side.iter().any(|&li| {
                    let (a, b) = self.ends[li];
                    b == i && f.sync_reach.contains(&a)
                })
        })
    }

    /// Durable queues and streams from which one of `targets` can be reached.
    fn buffers_towards(&self, targets: &[usize]) -> Vec<usize> {
        let upstream = self.reach(targets, |_| true, false);
        upstream
            .into_iter()
            .filter(|&c| self.is_buffer(c) && !targets.contains(&c))
            .collect()
    }

    /// Reads per call over link `li`: only a `batch` the link states; a
    /// consumer's bulk inserts (see [`World::batch_of`]) batch its writes,
    /// not the queries it answers over the same link.
    pub fn read_batch_of(&self, li: usize) -> f64 {
        self.link(li).batch.map_or(1.0, |b| b.max(1.0))
    }

    /// Items one operation over link `li` carries: its `batch`, else the
    /// bulk size of the store it writes when the writer drains a queue or a
    /// stream (a consumer inserts what it took in one go), else one.
    pub fn batch_of(&self, li: usize) -> f64 {
        let link = self.link(li);
        if let Some(b) = link.batch {
            return b.max(1.0);
        }
        let (u, v) = self.ends[li];
        if v == usize::MAX {
            return 1.0;
        }
        let bulk = self.kinds[v].and_then(|k| k.consumer_batch);
        match bulk {
            Some(b) if self.drains_buffer(u) => b.max(1.0),
            _ => 1.0,
        }
    }

    /// True when `u` takes its work from a durable queue or stream.
    pub fn drains_buffer(&self, u: usize) -> bool {
        self.graph
            .edges_directed(NodeIndex::new(u), petgraph::Direction::Incoming)
            .any(|e| {
                let s = petgraph::visit::EdgeRef::source(&e).index();
                self.link(*e.weight()).mode == LinkMode::Async && self.is_buffer(s)
            })
    }

    /// Distinct services that consume from `i` over async links: the
    /// independent readers a log or a topic serves.
    pub fn consumers(&self, i: usize) -> u32 {
        let readers: BTreeSet<usize> = self
            .out(i)
            .filter(|&(li, v)| {
                self.link(li).mode == LinkMode::Async
                    && self.kinds[v].is_some_and(|k| k.is(Role::Service))
            })
            .map(|(_, v)| v)
            .collect();
        readers.len() as u32
    }

    /// Why component `i` is not redundant, or `None` when it survives losing
    /// one instance.
    pub fn not_redundant(&self, i: usize) -> Option<String> {
        let replicas = self.comp(i).replicas;
        self.lack_of_redundancy(i).map(|lack| match lack {
            Lack::OneInstance => "one instance".into(),
            Lack::ManualFailover => format!(
                "{replicas} replicas but manual failover: someone must promote a replica while it is down"
            ),
            Lack::NoFailover => format!(
                "{replicas} replicas but `failover: none`: the replicas share one primary and nothing takes over"
            ),
        })
    }

    /// True when component `i` survives losing one instance: what
    /// [`World::not_redundant`] decides, without wording why (the rules ask
    /// it of every component on every path).
    pub fn is_redundant(&self, i: usize) -> bool {
        self.lack_of_redundancy(i).is_none()
    }

    fn lack_of_redundancy(&self, i: usize) -> Option<Lack> {
        let kind = self.kinds[i]?;
        let c = self.comp(i);
        if kind.is(Role::Client) || kind.inherently_ha(c.managed) {
            return None;
        }
        if c.replicas <= 1 {
            return Some(Lack::OneInstance);
        }
        if kind.stateful && kind.props.contains_key(props::FAILOVER) {
            if self.prop_is(i, props::FAILOVER, props::failover::AUTOMATIC) {
                None
            } else if self.prop_is(i, props::FAILOVER, props::failover::MANUAL) {
                Some(Lack::ManualFailover)
            } else {
                Some(Lack::NoFailover)
            }
        } else {
            None
        }
    }

    /// Availability of one instance of component `i`, percent: what the
    /// design says it is (a vendor's SLA), else its kind's figure for how it
    /// is run.
    pub fn instance_availability(&self, i: usize) -> f64 {
        let c = self.comp(i);
        c.availability.unwrap_or_else(|| {
            self.kinds[i]
                .map(|k| k.availability(c.managed))
                .unwrap_or(super::policy::UNKNOWN_KIND_AVAILABILITY)
        })
    }

    /// Components of the design, ids in order.
    pub fn ids(&self, set: impl IntoIterator<Item = usize>) -> Vec<String> {
        set.into_iter().map(|i| self.comp(i).id.clone()).collect()
    }
}

/// Why a component does not survive losing one instance.
enum Lack {
    OneInstance,
    ManualFailover,
    NoFailover,
}

/// The distinctive words of names and titles, for matching a flow to the
/// services it is about (`read-home-feed` and `feed-svc` share `feed`).
fn name_words<'t>(texts: impl IntoIterator<Item = &'t str>) -> BTreeSet<String> {
    const GENERIC: &[&str] = &[
        "api", "app", "svc", "service", "server", "the", "and", "for", "with", "from", "into",
        "its", "their", "new", "get", "set",
    ];
    texts
        .into_iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !GENERIC.contains(&w.as_str()))
        .collect()
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

/// Which of the ids below some bound a set holds, for lookups in a loop:
/// a table when the set is a large share of them (a route through most of a
/// large design, where a tree lookup per link was most of the time), a hash
/// set when it is a few (a short route in a large design, built per entry).
enum Members {
    Table(Vec<bool>),
    Few(FxHashSet<usize>),
}

impl Members {
    /// The members of `set`, every one below `bound`.
    fn of(set: &BTreeSet<usize>, bound: usize) -> Members {
        if set.len().saturating_mul(16) >= bound {
            let mut table = vec![false; bound];
            for &i in set {
                table[i] = true;
            }
            Members::Table(table)
        } else {
            Members::Few(set.iter().copied().collect())
        }
    }

    fn contains(&self, i: usize) -> bool {
        match self {
            Members::Table(t) => t.get(i).copied().unwrap_or(false),
            Members::Few(f) => f.contains(&i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_answer_as_the_set_does_as_a_table_or_a_few() {
        let many: BTreeSet<usize> = (0..100).filter(|i| i % 3 == 0).collect();
        let few: BTreeSet<usize> = [2, 50, 99].into();
        for (set, table) in [(&many, true), (&few, false)] {
            let m = Members::of(set, 100);
            assert_eq!(matches!(m, Members::Table(_)), table);
            for i in 0..120 {
                assert_eq!(m.contains(i), set.contains(&i), "{i}");
            }
        }
    }
}
