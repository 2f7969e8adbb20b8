//! Numbers written the way people write them: `50000`, not `50000.0`.

use serde::Serializer;

/// Serialises a whole `f64` as an integer so saved files stay tidy.
pub fn ser<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// Same as [`ser`] for optional numbers.
pub fn ser_opt<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser(v, s),
        None => s.serialize_none(),
    }
}

/// A number exactly, as a file or a command takes it: `50000`, `99.95`
/// (whole numbers without `.0`, as [`ser`] writes them).
pub fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        (v as i64).to_string()
    } else {
        v.to_string()
    }
}

/// Formats a number for prose: `0.035`, `12`, `3,000`, `1.2k` is not used on purpose:
/// reports show the number a person can check.
pub fn fmt(v: f64) -> String {
    if v.is_nan() {
        return "?".into();
    }
    if v.abs() >= 100.0 || v.fract() == 0.0 {
        group(v.round() as i64)
    } else if v.abs() >= 1.0 {
        format!("{v:.1}")
    } else if v.abs() >= 0.01 {
        format!("{v:.2}")
    } else if v == 0.0 {
        "0".into()
    } else {
        format!("{v:.3}")
    }
}

/// Formats a percentage with the precision it was written with: `99.95%`.
pub fn pct(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}%")
}

fn group(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::fmt;
    #[test]
    fn formats_for_people() {
        assert_eq!(fmt(3000.0), "3,000");
        assert_eq!(fmt(0.0347), "0.03");
        assert_eq!(fmt(12.0), "12");
        assert_eq!(fmt(1.25), "1.2");
        assert_eq!(fmt(1_234_567.0), "1,234,567");
        assert_eq!(fmt(0.0012), "0.001");
        assert_eq!(super::pct(99.99), "99.99%");
        assert_eq!(super::pct(99.9), "99.9%");
    }
}
