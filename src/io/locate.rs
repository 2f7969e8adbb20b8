//! Maps a logical path such as `components[2].props.failover` to a line and
//! column in the YAML text it came from. The YAML library gives positions only
//! for syntax errors, so semantic problems are placed by reading the text:
//! block and flow style both work; when a step cannot be found, the nearest
//! enclosing place is returned.

/// One step of a logical path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        if part.is_empty() {
            continue;
        }
        let (name, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            steps.push(Step::Key(name.to_string()));
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                steps.push(Step::Index(i));
            }
        }
    }
    steps
}

/// A range of lines `[start, end)` and the column where the current node starts.
#[derive(Debug, Clone, Copy)]
struct Region {
    start: usize,
    end: usize,
    line: usize,
    col: usize,
    /// The node is written inline on one line (`{ ... }` or `[ ... ]`).
    inline: bool,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn blank(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// Finds `key:` on a line as a mapping key (block or inside `{}`); returns its byte column.
fn key_col(line: &str, key: &str) -> Option<usize> {
    let pat = format!("{key}:");
    let mut from = 0;
    while let Some(i) = line[from..].find(&pat) {
        let at = from + i;
        let before = line[..at].trim_end();
        let ok_before = before.is_empty()
            || before.ends_with('-')
            || before.ends_with('{')
            || before.ends_with(',')
            || before.ends_with('"')
            || before.ends_with('\'');
        let after = line[at + pat.len()..].chars().next();
        let ok_after = matches!(after, None | Some(' ') | Some('\t'));
        // Quoted keys: "key": -- step back over the quote.
        if ok_before && ok_after {
            return Some(at);
        }
        from = at + pat.len();
    }
    None
}

/// Returns 1-based (line, column) for `path` in `text`, or `None` when even the
/// first step cannot be found.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    locate_in(&lines, path)
}

/// [`locate`] over the text's lines, split once by a caller that places
/// many paths in one file.
pub fn locate_in(lines: &[&str], path: &str) -> Option<(usize, usize)> {
    let mut region = Region {
        start: 0,
        end: lines.len(),
        line: 0,
        col: 0,
        inline: false,
    };
    let mut found_any = false;
    for step in parse_path(path) {
        let next = if region.inline {
            inline_step(lines[region.line], &step, region)
        } else {
            block_step(lines, &step, region)
        };
        match next {
            Some(r) => {
                region = r;
                found_any = true;
            }
            None => break,
        }
    }
    found_any.then_some((region.line + 1, region.col + 1))
}

fn inline_step(line: &str, step: &Step, r: Region) -> Option<Region> {
    match step {
        Step::Key(k) => key_col(&line[r.col..], k).map(|c| Region {
            col: r.col + c,
            ..r
        }),
        Step::Index(i) => {
            // Walk to the i-th element of the first `[...]` after the column.
            let open = line[r.col..].find('[')? + r.col;
            let mut depth = 0;
            let mut idx = 0;
            for (off, ch) in line[open..].char_indices() {
                match ch {
                    '[' | '{' => depth += 1,
                    ']' | '}' => depth -= 1,
                    ',' if depth == 1 => {
                        idx += 1;
                        if idx == *i {
                            let col = open + off + 1;
                            let skip = line[col..].len() - line[col..].trim_start().len();
                            return Some(Region {
                                col: col + skip,
                                ..r
                            });
                        }
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
            if *i == 0 {
                Some(Region { col: open + 1, ..r })
            } else {
                None
            }
        }
    }
}

fn block_step(lines: &[&str], step: &Step, r: Region) -> Option<Region> {
    match step {
        Step::Key(k) => {
            // The key at the shallowest column among this node's lines is the child.
            let mut best: Option<(usize, usize)> = None;
            for (n, line) in lines.iter().enumerate().take(r.end).skip(r.start) {
                if blank(line) {
                    continue;
                }
                let from = if n == r.line {
                    r.col.min(line.len())
                } else {
                    0
                };
                if let Some(c) = key_col(&line[from..], k) {
                    let c = c + from;
                    if best.is_none_or(|(_, bc)| c < bc) {
                        best = Some((n, c));
                    }
                    // Nothing is shallower than column 0: a top-level key
                    // needs no scan of the rest of a large file.
                    if c == 0 {
                        break;
                    }
                }
            }
            let (n, c) = best?;
            let rest = lines[n][c + k.len() + 1..].trim();
            let mut end = n + 1;
            while end < r.end {
                let l = lines[end];
                let deeper = indent(l) > c || (indent(l) == c && l.trim_start().starts_with("- "));
                if !(blank(l) || deeper) {
                    break;
                }
                end += 1;
            }
            Some(Region {
                start: n + 1,
                end,
                line: n,
                col: c,
                inline: rest.starts_with('{') || rest.starts_with('['),
            })
        }
        Step::Index(i) => {
            let items: Vec<(usize, usize)> = lines
                .iter()
                .enumerate()
                .take(r.end)
                .skip(r.start)
                .filter(|(_, l)| l.trim_start().starts_with("- ") || l.trim() == "-")
                .map(|(n, l)| (n, indent(l)))
                .collect();
            let min = items.iter().map(|(_, c)| *c).min()?;
            let items: Vec<usize> = items
                .iter()
                .filter(|(_, c)| *c == min)
                .map(|(n, _)| *n)
                .collect();
            let n = *items.get(*i)?;
            let end = items.get(i + 1).copied().unwrap_or(r.end);
            let line = lines[n];
            let col = (indent(line) + 2).min(line.len());
            let rest = line[col..].trim();
            Some(Region {
                start: n,
                end,
                line: n,
                col,
                inline: rest.starts_with('{') || rest.starts_with('['),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    const DOC: &str = "napkin: 1
name: x
components:
  - id: api
    kind: app-server
    props: { idempotency_keys: true }
  - id: db
    kind: postgress
    props:
      failover: automatic
      lockin: row
links:
  - { from: api, to: dbb, mode: sync }
  - from: api
    to: cache
answers: { payment-mode: sync }
";

    #[test]
    fn finds_block_and_flow_places() {
        assert_eq!(locate(DOC, "components[1].kind"), Some((8, 5)));
        assert_eq!(locate(DOC, "components[0].kind"), Some((5, 5)));
        assert_eq!(locate(DOC, "components[1].props.lockin"), Some((11, 7)));
        assert_eq!(
            locate(DOC, "components[0].props.idempotency_keys"),
            Some((6, 14))
        );
        assert_eq!(locate(DOC, "links[0].to"), Some((13, 18)));
        assert_eq!(locate(DOC, "links[1].to"), Some((15, 5)));
        assert_eq!(locate(DOC, "answers.payment-mode"), Some((16, 12)));
        assert_eq!(locate(DOC, "name"), Some((2, 1)));
    }

    #[test]
    fn falls_back_to_enclosing_node() {
        assert_eq!(locate(DOC, "components[1].nothing"), Some((7, 5)));
        assert_eq!(locate(DOC, "nope"), None);
    }
}
