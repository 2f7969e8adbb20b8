//! The parts of a Compose file the import reads, out of its untyped tree.
//! Compose is open-ended, so anything not read here is ignored, and nothing
//! here follows a path: `extends`, `env_file` and `include` are only noted.

use super::hosts::resolve_defaults;
use crate::model::Problem;
use serde_json::Value;

/// Most services a file may have; real ones have tens.
pub const MAX_SERVICES: usize = 1000;
/// Most environment entries, volumes or dependencies read per service.
const MAX_ENTRIES: usize = 1000;

/// One service, as far as the import cares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Service {
    pub name: String,
    /// The image with `${NAME:-default}` resolved; `None` when absent.
    pub image: Option<String>,
    /// `build:` as one line (its context, dockerfile and target).
    pub build: Option<String>,
    /// `entrypoint` and `command` as one line.
    pub command: String,
    /// Other names it answers to: `container_name`, `hostname`, network aliases.
    pub aliases: Vec<String>,
    pub depends_on: Vec<String>,
    /// Legacy `links:` targets (`db` of `db:database`).
    pub links: Vec<String>,
    pub env: Vec<(String, String)>,
    /// `deploy.replicas` or `scale`.
    pub replicas: Option<u32>,
    /// Volumes that hold data (named, anonymous or a bind mount on a data
    /// folder), by the name the design's entity takes.
    pub state: Vec<String>,
    /// It publishes ports to the host: people or other systems reach it.
    pub ports: bool,
    /// It runs only with a `profiles:` switch.
    pub optional: bool,
    /// Keys naming other files, which the import does not read.
    pub not_followed: Vec<&'static str>,
}

/// The services of a file, in file order.
#[derive(Debug, Clone, Default)]
pub struct ComposeFile {
    pub services: Vec<Service>,
}

/// Reads the services out of a parsed Compose file.
pub fn parse(doc: &Value) -> Result<ComposeFile, Vec<Problem>> {
    let Some(top) = doc.as_object() else {
        return Err(vec![
            Problem::error("", "not a Compose file: the top level is not a mapping")
                .hint("a Compose file starts with `services:`"),
        ]);
    };
    let Some(services) = top.get("services") else {
        let hint = if top.contains_key("apiVersion") || top.contains_key("kind") {
            "this looks like a Kubernetes manifest; `napkin review` reads Compose files (`services:`)"
        } else {
            "a Compose file lists its containers under a top-level `services:` mapping"
        };
        return Err(vec![
            Problem::error("", "not a Compose file: no `services:`").hint(hint),
        ]);
    };
    let Some(services) = services.as_object() else {
        return Err(vec![
            Problem::error("services", "`services` is not a mapping")
                .hint("write each service as `name:` followed by its settings"),
        ]);
    };
    if services.len() > MAX_SERVICES {
        return Err(vec![
            Problem::error(
                "services",
                format!(
                    "{} services; napkin imports at most {MAX_SERVICES}",
                    services.len()
                ),
            )
            .hint("split the file, or import the part you want to review"),
        ]);
    }
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (name, body) in services {
        match body.as_object() {
            Some(body) => out.push(service(name, body)),
            // `name:` with nothing under it is a service with defaults.
            None if body.is_null() => out.push(Service {
                name: name.clone(),
                ..Default::default()
            }),
            None => problems.push(
                Problem::error(
                    format!("services.{name}"),
                    format!("service `{name}` is not a mapping"),
                )
                .hint("give the service its settings (`image:`, `build:`, ...) as a mapping"),
            ),
        }
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(
            Problem::error("services", "the file has no services")
                .hint("add a service under `services:`"),
        );
    }
    if problems.is_empty() {
        Ok(ComposeFile { services: out })
    } else {
        Err(problems)
    }
}

fn service(name: &str, body: &serde_json::Map<String, Value>) -> Service {
    let text = |key: &str| body.get(key).and_then(scalar);
    let command = ["entrypoint", "command"]
        .iter()
        .filter_map(|k| body.get(*k))
        .map(words)
        .collect::<Vec<_>>()
        .join(" ");
    let mut aliases: Vec<String> = ["container_name", "hostname"]
        .iter()
        .filter_map(|k| text(k))
        .collect();
    if let Some(nets) = body.get("networks").and_then(Value::as_object) {
        for net in nets.values() {
            aliases.extend(net.get("aliases").map(list).unwrap_or_default());
        }
    }
    Service {
        name: name.to_string(),
        image: text("image").map(|i| resolve_defaults(&i)),
        build: body.get("build").map(|b| match b.as_object() {
            Some(m) => ["context", "dockerfile", "target"]
                .iter()
                .filter_map(|k| m.get(*k).and_then(scalar))
                .collect::<Vec<_>>()
                .join(" "),
            None => words(b),
        }),
        command,
        aliases,
        depends_on: body.get("depends_on").map(keys_or_list).unwrap_or_default(),
        links: body
            .get("links")
            .map(list)
            .unwrap_or_default()
            .into_iter()
            .map(|l| l.split(':').next().unwrap_or_default().to_string())
            .collect(),
        env: body.get("environment").map(environment).unwrap_or_default(),
        replicas: replicas(body),
        state: state_volumes(name, body.get("volumes")),
        ports: body.get("ports").is_some_and(|p| !list(p).is_empty()),
        optional: body.get("profiles").is_some_and(|p| !list(p).is_empty()),
        not_followed: ["extends", "env_file"]
            .into_iter()
            .filter(|k| body.contains_key(*k))
            .collect(),
    }
}

/// A string, number or boolean as text.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The scalars of a list (or a single scalar), at most [`MAX_ENTRIES`].
fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().take(MAX_ENTRIES).filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

/// A list of names, or the keys of a mapping (`depends_on` has both forms).
fn keys_or_list(v: &Value) -> Vec<String> {
    match v.as_object() {
        Some(m) => m.keys().take(MAX_ENTRIES).cloned().collect(),
        None => list(v),
    }
}

/// A command as one line: a string, or a list of words.
fn words(v: &Value) -> String {
    list(v).join(" ")
}

/// `environment:` as a mapping or as a list of `KEY=VALUE` (a bare `KEY`
/// passes the host's value through and says nothing about links).
fn environment(v: &Value) -> Vec<(String, String)> {
    match v.as_object() {
        Some(m) => m
            .iter()
            .take(MAX_ENTRIES)
            .filter_map(|(k, v)| scalar(v).map(|v| (k.clone(), v)))
            .collect(),
        None => list(v)
            .into_iter()
            .filter_map(|e| {
                e.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
            })
            .collect(),
    }
}

/// `deploy.replicas` or the older `scale`, when a whole number.
fn replicas(body: &serde_json::Map<String, Value>) -> Option<u32> {
    let deploy = body.get("deploy").and_then(|d| d.get("replicas"));
    [deploy, body.get("scale")]
        .into_iter()
        .flatten()
        .find_map(|v| scalar(v).and_then(|s| resolve_defaults(&s).trim().parse::<u32>().ok()))
}

/// Folders a database keeps its files in, for bind mounts (`./data:/var/lib/mysql`).
fn is_data_folder(target: &str) -> bool {
    target.starts_with("/var/lib/")
        || target == "/data"
        || target.starts_with("/data/")
        || target.starts_with("/bitnami/")
        || target.ends_with("/data")
}

/// The volumes that hold data: a named volume by its name; an anonymous
/// volume or a bind mount on a data folder as `SERVICE-data`.
fn state_volumes(service: &str, v: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(items)) = v else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter().take(MAX_ENTRIES) {
        let (kind, source, target) = match item {
            Value::String(s) => {
                let mut parts = s.splitn(3, ':');
                let first = parts.next().unwrap_or_default().to_string();
                match parts.next() {
                    Some(target) => (None, first, target.to_string()),
                    None => (None, String::new(), first),
                }
            }
            Value::Object(m) => (
                m.get("type").and_then(scalar),
                m.get("source").and_then(scalar).unwrap_or_default(),
                m.get("target").and_then(scalar).unwrap_or_default(),
            ),
            _ => continue,
        };
        if kind
            .as_deref()
            .is_some_and(|k| k != "volume" && k != "bind")
        {
            continue;
        }
        let source = resolve_defaults(&source);
        let named = !source.is_empty()
            && !source.starts_with(['.', '/', '~', '$'])
            && kind.as_deref() != Some("bind");
        let name = if named {
            source
        } else if (source.is_empty() && target.starts_with('/')) || is_data_folder(&target) {
            format!("{service}-data")
        } else {
            continue;
        };
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_forms_compose_allows() {
        let doc = json!({"services": {
            "web": {
                "image": "${WEB_IMAGE:-shop/web}:1",
                "command": ["gunicorn", "app"],
                "depends_on": {"db": {"condition": "service_healthy"}},
                "links": ["cache:redis"],
                "environment": ["DB_HOST=db", "PASSTHROUGH"],
                "deploy": {"replicas": 3},
                "ports": ["80:80"],
                "volumes": [".:/code", "uploads:/srv/uploads"],
                "env_file": ".env"
            },
            "db": {
                "image": "postgres:16",
                "environment": {"POSTGRES_DB": "app", "PORT": 5432},
                "volumes": [{"type": "bind", "source": "./pg", "target": "/var/lib/postgresql/data"}],
                "scale": 2
            },
            "cache": null
        }});
        let f = parse(&doc).expect("parses");
        let by = |n: &str| f.services.iter().find(|s| s.name == n).expect("service");
        let web = by("web");
        assert_eq!(web.image.as_deref(), Some("shop/web:1"));
        assert_eq!(web.command, "gunicorn app");
        assert_eq!(web.depends_on, ["db"]);
        assert_eq!(web.links, ["cache"]);
        assert_eq!(web.env, [("DB_HOST".to_string(), "db".to_string())]);
        assert_eq!(web.replicas, Some(3));
        assert!(web.ports);
        assert_eq!(web.state, ["uploads"]);
        assert_eq!(web.not_followed, ["env_file"]);
        let db = by("db");
        assert_eq!(db.state, ["db-data"]);
        assert_eq!(db.replicas, Some(2));
        assert_eq!(db.env.len(), 2);
        assert_eq!(by("cache").image, None);
    }

    #[test]
    fn refuses_what_is_not_compose() {
        let k8s = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
        let err = parse(&k8s).unwrap_err();
        assert!(
            err[0]
                .hint
                .as_deref()
                .unwrap_or_default()
                .contains("Kubernetes")
        );
        assert!(parse(&json!(["a"])).is_err());
        assert!(parse(&json!({"services": {}})).is_err());
        assert!(parse(&json!({"services": {"a": 3}})).is_err());
    }
}
