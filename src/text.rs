//! Text for a terminal, in one place. Text from files (packs, designs,
//! imports) is untrusted: escape sequences, control characters and bidi
//! overrides are removed whole before it is shown, and its size is bounded.
//! Widths are counted in character cells, summed per `char` (zero-width
//! characters count 0), so what the layout measures is what is painted.

use unicode_width::UnicodeWidthChar;

/// Longest piece of untrusted text shown in one place, in characters.
pub const MAX_SHOWN: usize = 4096;

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

/// Characters that reorder or hide text on a terminal: the bidi embeddings,
/// overrides and isolates (a `U+202E` can make `gpj.exe` read `exe.jpg`).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// The characters of `text` with terminal escape sequences removed whole
/// (CSI `ESC [ ... final`, OSC `ESC ] ... BEL/ST`, the 8-bit forms, other
/// `ESC x` pairs), other control characters but newline and tab removed,
/// and bidi controls removed.
fn safe_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Text,
        /// After ESC.
        Escape,
        /// Inside a CSI sequence: up to a final byte in `@`..=`~`.
        Csi,
        /// Inside an OSC, DCS, SOS, PM or APC string: up to BEL or ST.
        Str,
        /// ESC seen inside a string: `\` ends it.
        StrEscape,
    }
    let mut mode = Mode::Text;
    text.chars().filter(move |&c| {
        mode = match (mode, c) {
            (Mode::Text, '\u{1b}') => Mode::Escape,
            (Mode::Text, '\u{9b}') => Mode::Csi,
            (Mode::Text, '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}') => Mode::Str,
            (Mode::Text, _) => {
                // U+FFFE and U+FFFF are no characters at all (and not allowed in XML).
                let keep = (!c.is_control() || c == '\n' || c == '\t')
                    && !is_bidi_control(c)
                    && !matches!(c, '\u{fffe}' | '\u{ffff}');
                return keep;
            }
            (Mode::Escape, '[') => Mode::Csi,
            (Mode::Escape, ']' | 'P' | 'X' | '^' | '_') => Mode::Str,
            (Mode::Escape, _) => Mode::Text,
            (Mode::Csi, '@'..='~') => Mode::Text,
            (Mode::Csi, _) => Mode::Csi,
            (Mode::Str, '\u{7}' | '\u{9c}') => Mode::Text,
            (Mode::Str, '\u{1b}') => Mode::StrEscape,
            (Mode::Str, _) => Mode::Str,
            (Mode::StrEscape, '\\') => Mode::Text,
            (Mode::StrEscape, _) => Mode::Str,
        };
        false
    })
}

/// Untrusted text made safe for a terminal, newlines kept, tabs as spaces,
/// cut at [`MAX_SHOWN`] characters (with `…`).
pub fn clean(text: &str) -> String {
    let mut out = String::new();
    for (n, c) in safe_chars(text).enumerate() {
        if n == MAX_SHOWN {
            out.push('…');
            break;
        }
        out.push(if c == '\t' { ' ' } else { c });
    }
    out
}

/// Like [`clean`], on one line: newlines become spaces.
pub fn line(text: &str) -> String {
    clean(text).replace('\n', " ")
}

/// One short line of untrusted text for a box or a label: made safe,
/// zero-width characters dropped, whitespace runs folded to one space, at
/// most `max_chars` characters kept.
pub fn label(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    let mut kept = 0;
    for c in safe_chars(text) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if char_width(c) == 0 {
            continue;
        }
        if kept >= max_chars {
            break;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
        kept += 1;
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
    fn escape_sequences_leave_no_remnant() {
        assert_eq!(clean("a\x1b[2Jb\x07c\nd"), "abc\nd");
        // OSC 52 (write the clipboard), ended by BEL or by ST.
        assert_eq!(clean("x\x1b]52;c;aGk=\x07y"), "xy");
        assert_eq!(
            clean("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y"),
            "xlinky"
        );
        // 8-bit CSI and a bare ESC pair.
        assert_eq!(clean("a\u{9b}31mb\x1bcc"), "abc");
        // Bidi overrides and isolates.
        assert_eq!(line("exe.\u{202e}gpj"), "exe.gpj");
        assert_eq!(line("a\u{2066}b\u{2069}"), "ab");
        assert_eq!(line("a\u{fffe}b\u{ffff}"), "ab");
        assert_eq!(line("a\nb"), "a b");
        assert!(clean(&"x".repeat(10_000)).chars().count() <= MAX_SHOWN + 1);
    }

    #[test]
    fn labels_are_one_short_safe_line() {
        assert_eq!(label("a\x1b[2J\n  b\tc", 100), "a b c");
        assert_eq!(label("  lead", 100), "lead");
        assert_eq!(label("abcdef", 3), "abc");
        assert_eq!(label("a\u{200b}b", 10), "ab");
    }
}
