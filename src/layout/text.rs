//! Display text in character cells: untrusted labels made single-line and
//! safe, measured and cut to a width with `…`.
//!
//! Widths are summed per `char` (zero-width characters are dropped), so what
//! the layout measures is exactly what the diagram widget paints.

use unicode_width::UnicodeWidthChar;

/// Cells one character takes on a terminal: 0, 1 or 2.
pub fn char_width(c: char) -> usize {
    if c.is_control() {
        0
    } else {
        c.width().unwrap_or(0)
    }
}

/// Display width of text in cells.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// One line of untrusted text: control characters (escape sequences too) and
/// zero-width characters removed, whitespace runs folded to one space, and at
/// most `max_chars` characters kept.
pub fn clean(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if char_width(c) == 0 {
            continue;
        }
        if out.chars().count() >= max_chars {
            break;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Cuts `text` to at most `max` cells, ending in `…` when something was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_wide_characters_twice() {
        assert_eq!(width("api"), 3);
        assert_eq!(width("数据库"), 6);
        assert_eq!(width("a\u{200b}b"), 2);
    }

    #[test]
    fn truncates_by_cells() {
        assert_eq!(truncate("payments", 8), "payments");
        assert_eq!(truncate("payments", 5), "paym…");
        assert_eq!(truncate("数据库", 4), "数…");
        assert_eq!(truncate("数据库", 1), "…");
        assert_eq!(truncate("abc", 0), "");
        assert!(width(&truncate("数据库服务", 5)) <= 5);
    }

    #[test]
    fn cleans_untrusted_text() {
        assert_eq!(clean("a\x1b[2J\n  b\tc", 100), "a[2J b c");
        assert_eq!(clean("  lead", 100), "lead");
        assert_eq!(clean("abcdef", 3), "abc");
    }
}
