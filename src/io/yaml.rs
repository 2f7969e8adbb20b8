//! The only module that knows the YAML library. Everything else sees serde.

use crate::model::Problem;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Parses YAML into `T`; a failure becomes a problem with line and column.
pub fn parse<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, Box<Problem>> {
    serde_yaml::from_str(text).map_err(|e| Box::new(to_problem(&e, file)))
}

/// Parses YAML into a generic JSON-like value (for unknown keys and imports).
pub fn parse_value(text: &str, file: &str) -> Result<serde_json::Value, Box<Problem>> {
    parse::<serde_json::Value>(text, file)
}

/// Serialises to YAML text.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

fn to_problem(e: &serde_yaml::Error, file: &str) -> Problem {
    let mut message = e.to_string();
    // The library appends " at line L column C"; we show the place ourselves.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let hint = if message.contains("unknown variant") {
        "use one of the values listed above"
    } else if message.contains("missing field") {
        "add the missing field"
    } else if message.contains("invalid type") {
        "check the value's type (number, text, list or mapping)"
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the file nests or repeats aliases too deeply to be a design"
    } else {
        "check indentation and quoting around this place"
    };
    let mut p = Problem::error("", message).hint(hint);
    p.file = Some(file.to_string());
    if let Some(loc) = e.location() {
        p.line = Some(loc.line());
        p.column = Some(loc.column());
    }
    p
}
