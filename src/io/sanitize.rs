//! Text from files is untrusted: strip control characters and bound its size
//! before it reaches a terminal.

/// Longest piece of untrusted text we show in one place.
pub const MAX_SHOWN: usize = 4096;

/// Removes control characters (escape sequences included) except newline and
/// tab, and cuts the text at [`MAX_SHOWN`] characters.
pub fn clean(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .map(|c| if c == '\t' { ' ' } else { c })
        .take(MAX_SHOWN)
        .collect();
    if text.chars().count() > MAX_SHOWN {
        out.push('…');
    }
    out
}

/// Like [`clean`], on one line: newlines become spaces.
pub fn line(text: &str) -> String {
    clean(text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_escapes() {
        assert_eq!(super::clean("a\x1b[2Jb\x07c\nd"), "a[2Jbc\nd");
        assert_eq!(super::line("a\nb"), "a b");
        assert!(super::clean(&"x".repeat(10_000)).chars().count() <= super::MAX_SHOWN + 1);
    }
}
