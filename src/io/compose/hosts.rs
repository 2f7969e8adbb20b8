//! Finding the host names a service's environment and command point at:
//! URLs (`postgres://db:5432/app`), `host:port` (`db:5432`), and bare names
//! under keys that hold a host (`REDIS_HOST=cache`). Only names that are
//! services of the file count; the caller checks that.

/// Words that say a key holds a host or an address (`DB_HOST`, `CART_ADDR`,
/// `KAFKA_BROKERS`, `DATABASE_URL`).
const HOST_WORDS: &[&str] = &[
    "HOST",
    "HOSTS",
    "HOSTNAME",
    "ADDR",
    "ADDRESS",
    "ADDRS",
    "URL",
    "URLS",
    "URI",
    "SERVER",
    "SERVERS",
    "ENDPOINT",
    "DSN",
    "BROKER",
    "BROKERS",
    "UPSTREAM",
    "BACKEND",
    "BOOTSTRAP",
];

/// A key that is just a technology's name holds its host (`REDIS=cache`).
const TECH_WORDS: &[&str] = &[
    "REDIS",
    "MEMCACHED",
    "POSTGRES",
    "MYSQL",
    "MONGO",
    "MONGODB",
    "KAFKA",
    "RABBITMQ",
    "AMQP",
    "ELASTICSEARCH",
    "DB",
    "DATABASE",
    "CACHE",
];

/// Longest value looked at; longer ones are certificates or scripts.
const MAX_VALUE: usize = 4096;

/// True when an environment key names a host or address.
pub fn is_host_key(key: &str) -> bool {
    let upper = key.to_uppercase();
    let words: Vec<&str> = upper
        .split(['_', '-', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| HOST_WORDS.contains(w))
        || matches!(words.as_slice(), [one] if TECH_WORDS.contains(one))
}

/// `${NAME:-default}` and `${NAME-default}` become their default; other
/// placeholders stay as written (napkin reads no `.env` file).
pub fn resolve_defaults(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &after[..end];
        match inner
            .find(":-")
            .map(|i| (i, 2))
            .or(inner.find('-').map(|i| (i, 1)))
        {
            Some((i, n)) => out.push_str(&inner[i + n..]),
            None => out.push_str(&rest[start..start + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The host names in an environment value (`key` is its variable name, when
/// it has one), lower case, in order, without repeats.
pub fn hosts_in_env(key: &str, value: &str) -> Vec<String> {
    let bare = is_host_key(key);
    collect(value, |piece, out| {
        if let Some(h) = host_of_piece(piece) {
            out.push(h);
        } else if bare && is_name(piece) {
            out.push(piece.to_lowercase());
        }
    })
}

/// The host names in a command line: URLs, `host:port`, and the value of
/// flags about hosts (`--db-host=mongodb`, `--redis-addr cache`).
pub fn hosts_in_command(command: &str) -> Vec<String> {
    let mut flag_wants_host = false;
    collect(command, |piece, out| {
        let wanted = std::mem::take(&mut flag_wants_host);
        if let Some(flag) = piece.strip_prefix('-') {
            let flag = flag.trim_start_matches('-');
            match flag.split_once('=') {
                Some((name, v)) if is_host_key(name) => {
                    out.extend(host_of_piece(v).or_else(|| is_name(v).then(|| v.to_lowercase())))
                }
                Some(_) => {}
                None => flag_wants_host = is_host_key(flag),
            }
        } else if let Some(h) = host_of_piece(piece) {
            out.push(h);
        } else if wanted && is_name(piece) {
            out.push(piece.to_lowercase());
        }
    })
}

/// Splits `text` into pieces and gathers what `each` finds, without repeats.
fn collect(text: &str, mut each: impl FnMut(&str, &mut Vec<String>)) -> Vec<String> {
    let text: String = resolve_defaults(text).chars().take(MAX_VALUE).collect();
    let mut found = Vec::new();
    for piece in text.split([',', ' ', ';', '"', '\'', '\n', '\t', '(', ')']) {
        if !piece.is_empty() && !piece.contains('$') {
            each(piece, &mut found);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    found.retain(|h| seen.insert(h.clone()));
    found
}

/// The host of a URL (`scheme://user:pass@host:port/path`) or of `host:port`.
fn host_of_piece(piece: &str) -> Option<String> {
    let host = if let Some((_, after)) = piece.split_once("://") {
        let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
        let authority = authority.rsplit('@').next().unwrap_or_default();
        // Several hosts (`mongodb://a:27017,b:27017`) are split by the caller.
        authority.split(':').next().unwrap_or_default()
    } else {
        let (host, port) = piece.rsplit_once(':')?;
        if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        host.rsplit('@').next().unwrap_or_default()
    };
    is_name(host).then(|| host.to_lowercase())
}

/// A plausible host name: letters, digits, `-`, `_` and `.`, starting with a
/// letter (so `8080` and `/var/lib` are not hosts).
fn is_name(s: &str) -> bool {
    s.len() <= 253
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_host_ports_name_their_host() {
        assert_eq!(
            hosts_in_env("DATABASE_URL", "postgres://app:secret@db:5432/app"),
            ["db"]
        );
        assert_eq!(hosts_in_env("DB_HOST", "db:5432"), ["db"]);
        assert_eq!(
            hosts_in_env("CELERY_BROKER_URL", "redis://:@redis:6379/0"),
            ["redis"]
        );
        assert_eq!(
            hosts_in_env("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092"),
            ["kafka-1", "kafka-2"]
        );
        assert_eq!(
            hosts_in_env("OTHER", "http://otel-collector:4318/v1/traces"),
            ["otel-collector"]
        );
    }

    #[test]
    fn bare_names_count_only_under_host_keys() {
        assert_eq!(hosts_in_env("REDIS_HOST", "cache"), ["cache"]);
        assert_eq!(
            hosts_in_env("REDIS", "azure-vote-back"),
            ["azure-vote-back"]
        );
        assert_eq!(hosts_in_env("CART_ADDR", "cart:7070"), ["cart"]);
        // A database name or user that happens to equal a service is no link.
        assert!(hosts_in_env("POSTGRES_DB", "gitea").is_empty());
        assert!(hosts_in_env("POSTGRES_USER", "gitea").is_empty());
        assert!(hosts_in_env("OTEL_SERVICE_NAME", "cart").is_empty());
        assert!(hosts_in_env("PORT", "8080").is_empty());
    }

    #[test]
    fn placeholders_use_their_default_or_are_skipped() {
        assert_eq!(resolve_defaults("${DB_HOST:-db}:5432"), "db:5432");
        assert_eq!(resolve_defaults("${A-x}/${B}"), "x/${B}");
        assert_eq!(
            hosts_in_env("DB_HOST", "${DB_HOST:-postgres}"),
            ["postgres"]
        );
        assert!(hosts_in_env("OTEL_ENDPOINT", "http://${OTEL_HOST}:4317").is_empty());
        assert_eq!(resolve_defaults("${unclosed"), "${unclosed");
    }

    #[test]
    fn commands_name_hosts_in_urls_and_host_flags() {
        assert_eq!(
            hosts_in_command("--db-host=mongodb --redis-addr cache --port 80"),
            ["mongodb", "cache"]
        );
        assert_eq!(hosts_in_command("wait-for-it db:5432 -- npm start"), ["db"]);
        assert!(hosts_in_command("--providers.docker --entrypoints.web.address=:80").is_empty());
    }
}
