//! Small drawing helpers shared by the screens: wrapping, truncation,
//! highlighted matches, scrolling row lists, bars and panes.

use super::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// Wraps text to `width` cells (wide characters take two), one paragraph
/// per input line, whitespace runs folded, words longer than a line cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    text.split('\n')
        .flat_map(|para| {
            let folded = para.split_whitespace().collect::<Vec<_>>().join(" ");
            // Ids like `email-provider` stay whole: no breaks at hyphens.
            let opts =
                textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
            textwrap::wrap(&folded, opts)
                .into_iter()
                .map(|l| l.into_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Joins hard-wrapped lines into paragraphs: a blank line separates
/// paragraphs, a single newline is a space (YAML `|` blocks keep them).
pub fn reflow(text: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                paras.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(line.trim());
        }
    }
    if !cur.is_empty() {
        paras.push(cur.join(" "));
    }
    paras.join("\n\n")
}

/// Cutting to a width, by cells (wide characters take two).
pub use crate::text::truncate;

/// `text` with the characters at `indices` in the `hl` style.
pub fn highlighted(text: &str, indices: &[usize], base: Style, hl: Style) -> Vec<Span<'static>> {
    if indices.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    for (i, c) in text.chars().enumerate() {
        let is = indices.contains(&i);
        if is != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { base.patch(hl) } else { base },
            ));
        }
        run_hl = is;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hl { base.patch(hl) } else { base },
        ));
    }
    spans
}

/// A bar of `width` cells filled to `value` out of 100.
pub fn bar(value: u32, width: usize) -> String {
    let filled = ((value.min(100) as usize * width) + 50) / 100;
    format!(
        "{}{}",
        "█".repeat(filled),
        "░".repeat(width.saturating_sub(filled))
    )
}

/// A bordered pane whose border shows whether it has the focus.
pub fn pane<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered().title(title).border_style(if focused {
        theme.focus()
    } else {
        theme.border()
    })
}

/// Renders rows (each one or more lines) scrolled so the selected row shows.
pub fn rows(area: Rect, buf: &mut Buffer, rows: Vec<Vec<Line<'static>>>, selected: Option<usize>) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let height = area.height as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut sel_range = (0usize, 0usize);
    for (i, r) in rows.into_iter().enumerate() {
        let start = lines.len();
        lines.extend(r);
        if Some(i) == selected {
            sel_range = (start, lines.len());
        }
    }
    let visible: Vec<Line<'static>> = lines
        .into_iter()
        .skip(rows_offset(sel_range, height))
        .take(height)
        .collect();
    Paragraph::new(visible).render(area, buf);
}

/// `rows` for lists that may be long, formatting only the rows it shows:
/// `row(i)` is called for the rows in the window (and the selected one), not
/// for all `count`. Every row but the selected one must be one line tall, so
/// the window follows from the selection without formatting the rest; it
/// scrolls exactly as `rows` does.
pub fn rows_window(
    area: Rect,
    buf: &mut Buffer,
    count: usize,
    selected: usize,
    mut row: impl FnMut(usize) -> Vec<Line<'static>>,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let height = area.height as usize;
    let mut chosen = (selected < count).then(|| row(selected));
    let sel_range = chosen
        .as_ref()
        .map_or((0, 0), |l| (selected, selected + l.len()));
    // Rows above the selection are one line each: the first line shown is
    // also the first row shown.
    let first = rows_offset(sel_range, height);
    let mut visible: Vec<Line<'static>> = Vec::with_capacity(height);
    for i in first..count {
        if visible.len() >= height {
            break;
        }
        match chosen.take_if(|_| i == selected) {
            Some(lines) => visible.extend(lines),
            None => visible.extend(row(i)),
        }
    }
    visible.truncate(height);
    Paragraph::new(visible).render(area, buf);
}

/// The first line `rows` shows: scrolled just enough to keep the selected
/// row's lines `[start, end)` in a window `height` lines tall.
fn rows_offset((start, end): (usize, usize), height: usize) -> usize {
    if end > height {
        end.saturating_sub(height).min(start)
    } else {
        0
    }
}

/// Which row a click on line `line` of a `rows` list hits, given each row's
/// height in lines and the selected row (which decides the scroll).
pub fn row_at(heights: &[usize], selected: usize, height: u16, line: usize) -> Option<usize> {
    let start: usize = heights.iter().take(selected).sum();
    let end = start + heights.get(selected).copied().unwrap_or(0);
    let mut at = line + rows_offset((start, end), height as usize);
    for (i, h) in heights.iter().enumerate() {
        if at < *h {
            return Some(i);
        }
        at -= h;
    }
    None
}

/// Renders lines with a scroll offset, clamped so the last line can reach
/// the bottom. Returns true when more lines lie below the window.
pub fn scrolled(area: Rect, buf: &mut Buffer, lines: Vec<Line<'static>>, scroll: usize) -> bool {
    let height = area.height as usize;
    let max = lines.len().saturating_sub(height);
    let offset = scroll.min(max);
    let more = offset < max;
    let visible: Vec<Line<'static>> = lines.into_iter().skip(offset).take(height).collect();
    Paragraph::new(visible).render(area, buf);
    more
}

/// Lines for `scrolled`, keeping no more than a window scrolled to `scroll`
/// can show, plus one to know that more lie below: long reports stop
/// formatting once it is `full`, and `scrolled` still shows and marks the
/// same window it would with every line.
pub struct Lines {
    lines: Vec<Line<'static>>,
    cap: usize,
}

impl Lines {
    /// Room for a window `height` lines tall scrolled to `scroll`.
    pub fn upto(scroll: usize, height: usize) -> Lines {
        Lines {
            lines: Vec::new(),
            cap: scroll.saturating_add(height).saturating_add(1),
        }
    }

    /// Adds a line, unless the window already has all it can show.
    pub fn push(&mut self, line: Line<'static>) {
        if !self.full() {
            self.lines.push(line);
        }
    }

    /// True when further lines would never be shown.
    pub fn full(&self) -> bool {
        self.lines.len() >= self.cap
    }

    /// The lines kept, for `scrolled`.
    pub fn into_vec(self) -> Vec<Line<'static>> {
        self.lines
    }
}

impl Extend<Line<'static>> for Lines {
    fn extend<I: IntoIterator<Item = Line<'static>>>(&mut self, iter: I) {
        for l in iter {
            self.push(l);
        }
    }
}

/// Writes a "more below" mark on the bottom border of a pane.
pub fn more_below(pane: Rect, buf: &mut Buffer, text: &str, theme: &Theme) {
    let w = text.chars().count() as u16 + 2;
    if pane.height < 2 || pane.width < w + 4 {
        return;
    }
    let x = pane.x + pane.width - w - 2;
    let y = pane.y + pane.height - 1;
    buf.set_string(x, y, format!(" {text} "), theme.key());
}

/// The selection marker for a row.
pub fn marker(selected: bool) -> &'static str {
    if selected { "▶ " } else { "  " }
}

/// Lines of wrapped text in one style, each indented by `indent` spaces.
pub fn para(text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("{pad}{l}"), style)))
        .collect()
}

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(s: u64) -> String {
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn row_at_follows_the_scroll_of_rows() {
        use super::row_at;
        let flat = vec![1; 20];
        assert_eq!(row_at(&flat, 3, 10, 0), Some(0));
        // Selected row 15 of 20 in a 10-line window: lines 6..16 show.
        assert_eq!(row_at(&flat, 15, 10, 0), Some(6));
        assert_eq!(row_at(&flat, 15, 10, 9), Some(15));
        assert_eq!(row_at(&flat, 3, 30, 25), None);
        // A selected row that wraps to three lines.
        let wrapped = [1, 3, 1, 1];
        assert_eq!(row_at(&wrapped, 1, 10, 2), Some(1));
        assert_eq!(row_at(&wrapped, 1, 10, 4), Some(2));
    }

    use super::*;

    #[test]
    fn wraps_by_cells_and_keeps_ids_whole() {
        // Six cells a line: each three-character Chinese word fills one.
        assert_eq!(wrap("数据库 数据库", 6), vec!["数据库", "数据库"]);
        assert_eq!(
            wrap("call `email-provider` now", 12),
            vec!["call", "`email-provi", "der` now"]
        );
        assert_eq!(wrap("a  b\n\nc", 10), vec!["a b", "", "c"]);
    }

    #[test]
    fn wraps_and_truncates() {
        assert_eq!(
            wrap("the quick brown fox", 9),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), vec![""]);
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
        assert_eq!(reflow("a\nb\n\n c \n"), "a b\n\nc");
        assert_eq!(truncate("hello", 3), "he…");
        assert_eq!(truncate("hi", 3), "hi");
        assert_eq!(truncate("hi", 0), "");
        assert_eq!(bar(50, 10), "█████░░░░░");
        assert_eq!(bar(200, 4), "████");
        assert_eq!(clock(75), "01:15");
        assert_eq!(clock(3725), "1:02:05");
    }

    #[test]
    fn highlights_runs() {
        let spans = highlighted("kafka", &[0, 1], Style::new(), Style::new());
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].content, "ka");
        assert_eq!(spans[1].content, "fka");
    }
}
