//! The table that maps Compose services to catalog kinds
//! (`assets/compose-map.yaml`, embedded): rules tried in order, matched on the
//! image, the service name or its command.

use crate::model::{Problem, Role};
use serde::Deserialize;

/// `assets/compose-map.yaml`.
pub const COMPOSE_MAP_YAML: &str = include_str!("../../../assets/compose-map.yaml");

/// The whole table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComposeMap {
    pub rules: Vec<MapRule>,
}

/// One rule: what a matching service becomes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapRule {
    /// The catalog kind; absent only on `leave_out` rules.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub role: Option<Role>,
    /// Observability and tooling: kept, but off the request path.
    #[serde(default)]
    pub tooling: bool,
    /// Why services of this rule are left out of the design.
    #[serde(default)]
    pub leave_out: Option<String>,
    #[serde(default)]
    pub image: Vec<String>,
    #[serde(default)]
    pub name: Vec<String>,
    #[serde(default)]
    pub command: Vec<String>,
}

/// What a service was recognised by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchedBy {
    Image,
    Name,
    Command,
}

impl ComposeMap {
    /// The built-in table.
    pub fn builtin() -> Result<ComposeMap, Box<Problem>> {
        crate::io::yaml::parse(COMPOSE_MAP_YAML, "<built-in>/compose-map.yaml")
    }

    /// The first rule that matches, and by what.
    pub fn find(
        &self,
        image: Option<&str>,
        name: &str,
        command: &str,
    ) -> Option<(&MapRule, MatchedBy)> {
        let repo = image.map(repository);
        self.rules.iter().find_map(|r| {
            let by_image = repo
                .as_deref()
                .is_some_and(|i| r.image.iter().any(|p| path_matches(p, i)));
            if by_image {
                return Some((r, MatchedBy::Image));
            }
            if r.command.iter().any(|p| glob(p, &command.to_lowercase())) {
                return Some((r, MatchedBy::Command));
            }
            r.name
                .iter()
                .any(|p| glob(p, &name.to_lowercase()))
                .then_some((r, MatchedBy::Name))
        })
    }
}

/// An image reference without registry, `library/`, tag or digest, in lower
/// case: `docker.io/library/postgres:16` is `postgres`.
pub fn repository(image: &str) -> String {
    let image = image.trim().to_lowercase();
    let image = image.split('@').next().unwrap_or_default();
    // A tag is a `:` after the last `/` (a registry's port comes before it).
    let image = match (image.rfind(':'), image.rfind('/')) {
        (Some(c), Some(s)) if c > s => &image[..c],
        (Some(c), None) => &image[..c],
        _ => image,
    };
    let mut parts: Vec<&str> = image.split('/').collect();
    if parts.len() > 1
        && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost")
    {
        parts.remove(0);
    }
    if parts.len() > 1 && parts[0] == "library" {
        parts.remove(0);
    }
    parts.join("/")
}

/// A pattern with `/` is compared with the whole repository, one without
/// with its last part.
fn path_matches(pattern: &str, repo: &str) -> bool {
    if pattern.contains('/') {
        glob(pattern, repo)
    } else {
        glob(pattern, repo.rsplit('/').next().unwrap_or(repo))
    }
}

/// `*` matches any run of characters; everything else itself.
pub fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == text;
    };
    if parts.len() == 1 {
        return pattern == text;
    }
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for m in middle {
        match rest.find(m) {
            Some(at) => rest = &rest[at + m.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(image: Option<&str>, name: &str, command: &str) -> String {
        let map = ComposeMap::builtin().expect("the table loads");
        match map.find(image, name, command) {
            Some((r, _)) => r
                .kind
                .clone()
                .or_else(|| r.leave_out.as_ref().map(|w| format!("left out: {w}")))
                .unwrap_or_default(),
            None => "none".into(),
        }
    }

    #[test]
    fn images_lose_registry_tag_and_digest() {
        assert_eq!(repository("postgres:16"), "postgres");
        assert_eq!(repository("docker.io/library/postgres:16"), "postgres");
        assert_eq!(
            repository("mcr.microsoft.com/oss/bitnami/redis:6.0.8"),
            "oss/bitnami/redis"
        );
        assert_eq!(repository("localhost:5000/shop/api"), "shop/api");
        assert_eq!(repository("busybox:1.38.0@sha256:fd8d"), "busybox");
        assert_eq!(repository("Bitnami/Redis"), "bitnami/redis");
    }

    #[test]
    fn globs() {
        assert!(glob("*-worker", "airflow-worker"));
        assert!(glob("redis*", "redis"));
        assert!(glob("*celery*worker*", "celery -a app worker -l info"));
        assert!(!glob("*-worker", "worker"));
        assert!(!glob("a*b*c", "acb"));
        assert!(glob("*", ""));
    }

    #[test]
    fn images_map_to_kinds() {
        for (image, want) in [
            ("postgres:9.4", "postgres"),
            ("bitnami/postgresql:15", "postgres"),
            ("bitnami/redis:7.2", "redis"),
            ("mcr.microsoft.com/oss/bitnami/redis:6.0.8", "redis"),
            ("redislabs/redismod", "redis"),
            ("valkey/valkey:8", "redis"),
            ("confluentinc/cp-kafka:7.5.0", "kafka"),
            ("mongo:4.4.6", "mongodb"),
            ("mariadb:10.5", "mariadb"),
            ("mysql:8", "mysql"),
            ("nginx", "reverse-proxy"),
            ("traefik:2.6", "reverse-proxy"),
            ("envoyproxy/envoy:v1.11.1", "reverse-proxy"),
            ("kong:2.8.1", "api-gateway"),
            ("prom/prometheus", "prometheus"),
            ("grafana/grafana", "grafana"),
            ("jaegertracing/all-in-one:latest", "tracing"),
            ("otel/opentelemetry-collector-contrib:0.100", "log-pipeline"),
            ("dpage/pgadmin4", "left out: admin UI"),
            ("adminer", "left out: admin UI"),
            ("wordpress:latest", "app-server"),
            ("hashicorp/consul:latest", "service-discovery"),
        ] {
            assert_eq!(kind(Some(image), "svc", ""), want, "{image}");
        }
    }

    #[test]
    fn names_and_commands_decide_when_the_image_does_not() {
        assert_eq!(kind(None, "nginx", ""), "reverse-proxy");
        assert_eq!(kind(None, "db-postgres", ""), "postgres");
        assert_eq!(kind(None, "worker", ""), "worker");
        assert_eq!(
            kind(Some("apache/airflow:3"), "x", "celery worker"),
            "worker"
        );
        assert_eq!(kind(Some("myshop/api"), "api", "sidekiq -c 5"), "worker");
        // A web server's worker count is no worker.
        assert_eq!(kind(None, "web", "gunicorn --workers 4 app:app"), "none");
        assert_eq!(kind(None, "otel-collector", ""), "log-pipeline");
        assert_eq!(
            kind(None, "airflow-init", ""),
            "left out: one-shot setup job"
        );
        assert_eq!(kind(None, "backend", ""), "none");
    }

    #[test]
    fn every_kind_in_the_table_is_in_the_catalog() {
        let lib = crate::io::Library::builtin().expect("library");
        let map = ComposeMap::builtin().expect("table");
        for r in &map.rules {
            match (&r.kind, &r.leave_out) {
                (Some(k), None) => assert!(lib.catalog.get(k).is_some(), "unknown kind {k}"),
                (None, Some(_)) => {}
                _ => panic!("a rule needs exactly one of kind and leave_out: {r:?}"),
            }
            assert!(
                !r.image.is_empty() || !r.name.is_empty() || !r.command.is_empty(),
                "{r:?}"
            );
        }
    }
}
