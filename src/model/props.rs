//! The props the engine reads, declared once with their type and the values
//! it tells apart. The catalog is checked against this list when it loads, so
//! renaming a prop or a value in `catalog.yaml` (say `automatic` to `auto`) is
//! an error at load time instead of a judgement that silently changes.

use super::PropType;

/// One prop the engine reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EngineProp {
    pub name: &'static str,
    pub ty: PropType,
    /// For enums: every value the engine knows. A kind may offer fewer.
    pub values: &'static [&'static str],
}

/// Hit ratio of a cache in front of a store (0-1).
pub const HIT_RATIO: &str = "hit_ratio";
/// How a replicated store replaces a lost primary.
pub const FAILOVER: &str = "failover";
/// Regions a component runs in.
pub const REGIONS: &str = "regions";
/// How concurrent writers to the same row are kept apart.
pub const LOCKING: &str = "locking";
/// Transaction isolation level.
pub const ISOLATION: &str = "isolation";
/// Whether more than one region accepts writes.
pub const WRITE_MODE: &str = "write_mode";
/// How a cache learns that its data changed.
pub const INVALIDATION: &str = "invalidation";
/// Writes and their events commit together (transactional outbox).
pub const OUTBOX: &str = "outbox";
/// The callee deduplicates retried requests by key.
pub const IDEMPOTENCY_KEYS: &str = "idempotency_keys";
/// A queue parks poison messages instead of redelivering them forever.
pub const DLQ: &str = "dlq";
/// The key a stream orders messages by.
pub const PARTITION_KEY: &str = "partition_key";

/// How long one job takes, in milliseconds (a worker's own work).
pub const JOB_MS: &str = "job_ms";
/// Jobs one instance runs at once.
pub const CONCURRENCY: &str = "concurrency";

/// Failover values.
pub mod failover {
    pub const NONE: &str = "none";
    pub const MANUAL: &str = "manual";
    pub const AUTOMATIC: &str = "automatic";
}

/// Locking values that keep concurrent writers apart.
pub const GUARDING_LOCKS: &[&str] = &["row", "optimistic", "atomic"];
/// The isolation level that serialises conflicting transactions.
pub const SERIALIZABLE: &str = "serializable";
/// The write mode where several regions take writes at once.
pub const ACTIVE_ACTIVE: &str = "active-active";
/// Invalidation strategies that bound how stale a cache gets.
pub const BOUNDED_INVALIDATION: &[&str] = &["ttl", "write-through", "event"];

/// Every prop the engine reads.
pub const ENGINE_PROPS: &[EngineProp] = &[
    EngineProp {
        name: HIT_RATIO,
        ty: PropType::Number,
        values: &[],
    },
    EngineProp {
        name: FAILOVER,
        ty: PropType::Enum,
        values: &[failover::NONE, failover::MANUAL, failover::AUTOMATIC],
    },
    EngineProp {
        name: REGIONS,
        ty: PropType::Int,
        values: &[],
    },
    EngineProp {
        name: LOCKING,
        ty: PropType::Enum,
        values: &["none", "row", "optimistic", "atomic"],
    },
    EngineProp {
        name: ISOLATION,
        ty: PropType::Enum,
        values: &["read-committed", "repeatable-read", SERIALIZABLE],
    },
    EngineProp {
        name: WRITE_MODE,
        ty: PropType::Enum,
        values: &["single-writer", ACTIVE_ACTIVE],
    },
    EngineProp {
        name: INVALIDATION,
        ty: PropType::Enum,
        values: &["none", "ttl", "write-through", "event"],
    },
    EngineProp {
        name: OUTBOX,
        ty: PropType::Bool,
        values: &[],
    },
    EngineProp {
        name: IDEMPOTENCY_KEYS,
        ty: PropType::Bool,
        values: &[],
    },
    EngineProp {
        name: DLQ,
        ty: PropType::Bool,
        values: &[],
    },
    EngineProp {
        name: JOB_MS,
        ty: PropType::Int,
        values: &[],
    },
    EngineProp {
        name: CONCURRENCY,
        ty: PropType::Int,
        values: &[],
    },
    EngineProp {
        name: PARTITION_KEY,
        ty: PropType::String,
        values: &[],
    },
];

/// The contract entry for a prop name.
pub fn engine_prop(name: &str) -> Option<&'static EngineProp> {
    ENGINE_PROPS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_values_are_in_the_contract() {
        let values = |name| engine_prop(name).unwrap().values;
        assert!(values(FAILOVER).contains(&failover::AUTOMATIC));
        assert!(values(ISOLATION).contains(&SERIALIZABLE));
        assert!(values(WRITE_MODE).contains(&ACTIVE_ACTIVE));
        for v in GUARDING_LOCKS {
            assert!(values(LOCKING).contains(v));
        }
        for v in BOUNDED_INVALIDATION {
            assert!(values(INVALIDATION).contains(v));
        }
    }
}
