//! A problem found while validating a file: where, what, and how to fix it.

use serde::Serialize;
use std::fmt;

/// How bad a validation problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemSeverity {
    /// Worth knowing; the file still loads.
    Warning,
    /// The file cannot be used as written.
    Error,
}

/// One validation problem. `path` is a logical location such as
/// `components[2].kind`; the io layer turns it into a file, line and column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: ProblemSeverity,
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
    /// Filled in by the io layer.
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Problem {
    /// An error at a logical path.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: ProblemSeverity::Error,
            path: path.into(),
            message: message.into(),
            hint: None,
            file: None,
            line: None,
            column: None,
        }
    }

    /// A warning at a logical path.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: ProblemSeverity::Warning,
            ..Problem::error(path, message)
        }
    }

    /// Adds a fix-it hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for problems that make the file unusable.
    pub fn is_error(&self) -> bool {
        self.severity == ProblemSeverity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match (&self.file, self.line, self.column) {
            (Some(file), Some(l), Some(c)) => format!("{file}:{l}:{c}: "),
            (Some(file), Some(l), None) => format!("{file}:{l}: "),
            (Some(file), None, _) => format!("{file}: "),
            (None, Some(l), Some(c)) => format!("{l}:{c}: "),
            _ => String::new(),
        };
        let sev = match self.severity {
            ProblemSeverity::Error => "error",
            ProblemSeverity::Warning => "warning",
        };
        write!(f, "{place}{sev}: {}", self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}
