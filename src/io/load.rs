//! Loading designs, packs and the catalog, with every problem placed at a
//! file, line and column.

use super::{assets, locate::locate_in, yaml};
use crate::model::contract::{FileFormat, KeyPath, Step, is_user_key, unknown_key};
use crate::model::validate::{validate_design, validate_pack};
use crate::model::{Catalog, Design, NestedExtra, Pack, Problem};
use std::path::{Component as PathPart, Path, PathBuf};
use std::sync::OnceLock;

/// Largest design or pack file we read. Real ones are a few kilobytes.
/// Real designs are a few kilobytes; a generated 30,000-component system is
/// about 7 MB as napkin saves it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: file is {size} bytes; napkin reads files up to {MAX_FILE_BYTES} bytes")]
    TooLarge { path: String, size: u64 },
    #[error("{}", render(.0))]
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// The problems behind this error, each placed where possible.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LoadError::Invalid(p) => p.clone(),
            other => vec![Problem::error("", other.to_string())],
        }
    }
}

fn render(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where a pack came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// Embedded in the binary.
    BuiltIn,
    /// A folder on disk.
    Folder(PathBuf),
}

/// A pack and where to read its reference designs from.
#[derive(Debug, Clone)]
pub struct LoadedPack {
    pub pack: Pack,
    pub origin: Origin,
    /// What `validate` should say about the pack file itself.
    pub warnings: Vec<Problem>,
}

impl LoadedPack {
    /// Reads a file named by the pack (a reference design), refusing paths
    /// that would leave the pack's folder.
    pub fn read(&self, rel: &str) -> Result<String, LoadError> {
        let shown = format!("{}/{rel}", self.pack.id);
        let rel_path = Path::new(rel);
        if rel_path
            .components()
            .any(|c| !matches!(c, PathPart::Normal(_)))
        {
            return Err(LoadError::Invalid(vec![
                Problem::error("", format!("`{rel}` points outside the pack's folder"))
                    .hint("reference files are paths inside the pack folder, like designs/strong.napkin.yaml"),
            ]));
        }
        match &self.origin {
            Origin::BuiltIn => assets::SCENARIOS
                .get_file(format!("{}/{rel}", self.pack.id))
                .and_then(|f| f.contents_utf8())
                .map(str::to_string)
                .ok_or_else(|| LoadError::Read {
                    path: shown,
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "not in the built-in pack",
                    ),
                }),
            Origin::Folder(dir) => read_bounded(&dir.join(rel_path)),
        }
    }

    /// A display name for files of this pack.
    pub fn file_name(&self, rel: &str) -> String {
        match &self.origin {
            Origin::BuiltIn => format!("<built-in>/{}/{rel}", self.pack.id),
            Origin::Folder(dir) => dir.join(rel).display().to_string(),
        }
    }
}

/// The catalog and every pack napkin knows. The catalog is parsed when the
/// library is made; the packs (built-in and the user's) only on first use,
/// so a command that needs none (`catalog`, or `score` of a design that
/// names no scenario) does not pay for parsing them.
#[derive(Debug, Clone)]
pub struct Library {
    pub catalog: Catalog,
    /// The folder of the user's own packs, read with the built-ins.
    user_dir: Option<PathBuf>,
    packs: OnceLock<Packs>,
}

/// The packs once read, and what went wrong reading them.
#[derive(Debug, Clone, Default)]
struct Packs {
    list: Vec<LoadedPack>,
    /// Problems with packs; a broken pack is skipped, not fatal.
    warnings: Vec<Problem>,
}

impl Library {
    /// The built-in catalog and packs only.
    pub fn builtin() -> Result<Library, LoadError> {
        let file = "<built-in>/catalog.yaml";
        let catalog = load_catalog(assets::CATALOG_YAML, file)?;
        let uncovered = place(catalog.uncovered_engine_props(), assets::CATALOG_YAML, file);
        if !uncovered.is_empty() {
            return Err(LoadError::Invalid(uncovered));
        }
        Ok(Library {
            catalog,
            user_dir: None,
            packs: OnceLock::new(),
        })
    }

    /// Built-ins plus the packs in `user_dir` (each a folder with `pack.yaml`).
    /// A broken user pack becomes a warning; a user pack may not replace a built-in id.
    pub fn with_user_packs(user_dir: Option<&Path>) -> Result<Library, LoadError> {
        let mut lib = Library::builtin()?;
        lib.user_dir = user_dir.map(Path::to_path_buf);
        Ok(lib)
    }

    /// A library of this catalog and these packs, already read (tests and
    /// fixtures build their own).
    pub fn from_parts(catalog: Catalog, packs: Vec<LoadedPack>) -> Library {
        Library {
            catalog,
            user_dir: None,
            packs: OnceLock::from(Packs {
                list: packs,
                warnings: Vec::new(),
            }),
        }
    }

    /// Every pack, read on the first call.
    pub fn packs(&self) -> &[LoadedPack] {
        &self.loaded().list
    }

    /// Every pack, read first if they were not yet, to add or change one.
    pub fn packs_mut(&mut self) -> &mut Vec<LoadedPack> {
        if self.packs.get().is_none() {
            self.packs = OnceLock::from(self.read_packs());
        }
        match self.packs.get_mut() {
            Some(p) => &mut p.list,
            // Filled just above.
            None => unreachable!("the packs were read"),
        }
    }

    /// Problems with the packs (a broken one is skipped), reading them first.
    pub fn warnings(&self) -> &[Problem] {
        &self.loaded().warnings
    }

    /// Problems with the packs if they have been read, nothing otherwise:
    /// what a command that may not have needed them reports at its end.
    pub fn read_warnings(&self) -> &[Problem] {
        self.packs.get().map_or(&[], |p| p.warnings.as_slice())
    }

    /// Whether the packs have been read yet.
    pub fn packs_read(&self) -> bool {
        self.packs.get().is_some()
    }

    /// The pack with this id.
    pub fn pack(&self, id: &str) -> Option<&LoadedPack> {
        self.packs().iter().find(|p| p.pack.id == id)
    }

    fn loaded(&self) -> &Packs {
        self.packs.get_or_init(|| self.read_packs())
    }

    /// The built-in packs, then the user's. A built-in pack that does not
    /// load is a bug the tests catch; should one slip through, it is
    /// skipped with its problems rather than stopping every command.
    fn read_packs(&self) -> Packs {
        let mut out = Packs::default();
        let mut dirs: Vec<_> = assets::SCENARIOS.dirs().collect();
        dirs.sort_by_key(|d| d.path().to_path_buf());
        for dir in dirs {
            let id = dir.path().display().to_string();
            let file = format!("<built-in>/{id}/pack.yaml");
            let Some(text) = dir
                .get_file(dir.path().join("pack.yaml"))
                .and_then(|f| f.contents_utf8())
            else {
                continue;
            };
            match parse_pack(text, &file, &self.catalog) {
                Ok((pack, warnings)) => out.list.push(LoadedPack {
                    pack,
                    origin: Origin::BuiltIn,
                    warnings,
                }),
                Err(e) => out.warnings.extend(e.problems()),
            }
        }
        let Some(dir) = &self.user_dir else {
            return out;
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return out;
        };
        let mut folders: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.join("pack.yaml").is_file())
            .collect();
        folders.sort();
        for folder in folders {
            match load_pack_dir(&folder, &self.catalog) {
                Ok(p) if out.list.iter().any(|b| b.pack.id == p.pack.id) => {
                    out.warnings.push(Problem::warning(
                        "",
                        format!(
                            "{}: pack id `{}` is already taken by a built-in pack; skipped",
                            folder.display(),
                            p.pack.id
                        ),
                    ))
                }
                Ok(p) => out.list.push(p),
                Err(e) => out.warnings.extend(e.problems()),
            }
        }
        out
    }
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`], without the UTF-8
/// byte-order mark some editors write. A device, a FIFO or a folder is
/// refused before it is opened (`/dev/zero` never ends, a FIFO may never
/// answer), and no more than the limit is read even if the file grows.
pub fn read_bounded(path: &Path) -> Result<String, LoadError> {
    use std::io::Read;
    let shown = path.display().to_string();
    let read_error = |source| LoadError::Read {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(read_error(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (napkin reads designs and packs from files, or `-` for standard input)",
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: shown,
            size: meta.len(),
        });
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
        });
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| read_error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Parses and checks the catalog.
pub fn load_catalog(text: &str, file: &str) -> Result<Catalog, LoadError> {
    let (catalog, unknown): (Catalog, _) =
        yaml::parse_checked(text, file).map_err(|p| LoadError::Invalid(vec![*p]))?;
    let (mut problems, _) = split_unknown(unknown, FileFormat::Catalog);
    problems.extend(catalog.problems());
    let problems = place(problems, text, file);
    if problems.iter().any(Problem::is_error) {
        return Err(LoadError::Invalid(problems));
    }
    Ok(catalog)
}

fn parse_pack(
    text: &str,
    file: &str,
    catalog: &Catalog,
) -> Result<(Pack, Vec<Problem>), LoadError> {
    let (pack, unknown): (Pack, _) =
        yaml::parse_checked(text, file).map_err(|p| LoadError::Invalid(vec![*p]))?;
    let (mut problems, _) = split_unknown(unknown, FileFormat::Pack);
    problems.extend(validate_pack(&pack, catalog));
    let problems = place(problems, text, file);
    if problems.iter().any(Problem::is_error) {
        return Err(LoadError::Invalid(problems));
    }
    Ok((pack, problems))
}

/// Loads a pack folder (`pack.yaml` and the designs it names).
pub fn load_pack_dir(dir: &Path, catalog: &Catalog) -> Result<LoadedPack, LoadError> {
    let file = dir.join("pack.yaml");
    let text = read_bounded(&file)?;
    let (pack, warnings) = parse_pack(&text, &file.display().to_string(), catalog)?;
    Ok(LoadedPack {
        pack,
        origin: Origin::Folder(dir.to_path_buf()),
        warnings,
    })
}

/// Most problems shown (and placed) for one file: past that, a line says how
/// many more there are. Placing each costs a pass over the text, and nobody
/// reads twenty thousand copies of one mistake.
pub const MAX_PROBLEMS: usize = 200;

/// Attaches file, line and column to each problem, errors first; only the
/// first [`MAX_PROBLEMS`] are placed (the rest keep their file and path).
pub fn place(mut problems: Vec<Problem>, text: &str, file: &str) -> Vec<Problem> {
    problems.sort_by_key(|p| !p.is_error());
    // Split once for every problem placed, not once per problem.
    let lines: Vec<&str> = if problems.iter().any(|p| p.line.is_none()) {
        text.lines().collect()
    } else {
        Vec::new()
    };
    problems
        .into_iter()
        .enumerate()
        .map(|(n, mut p)| {
            p.file.get_or_insert_with(|| file.to_string());
            if n < MAX_PROBLEMS
                && p.line.is_none()
                && !p.path.is_empty()
                && let Some((l, c)) = locate_in(&lines, &p.path)
            {
                p.line = Some(l);
                p.column = Some(c);
            }
            p
        })
        .collect()
}

/// A design that loaded, with any warnings about it.
#[derive(Debug, Clone)]
pub struct LoadedDesign {
    pub design: Design,
    pub warnings: Vec<Problem>,
}

/// Parses and validates design text. Errors carry every problem at once.
pub fn load_design_str(text: &str, file: &str, lib: &Library) -> Result<LoadedDesign, LoadError> {
    let (mut design, unknown): (Design, _) =
        yaml::parse_checked(text, file).map_err(|p| LoadError::Invalid(vec![*p]))?;
    let (mut problems, kept) = split_unknown(unknown, FileFormat::Design);
    if !kept.is_empty() {
        let values = yaml::values_at(text, &kept);
        keep_user_keys(&mut design, kept.into_iter().zip(values));
    }
    // Only a design that names a scenario needs the packs read.
    let packs: Vec<&Pack> = match design.scenario {
        Some(_) => lib.packs().iter().map(|p| &p.pack).collect(),
        None => Vec::new(),
    };
    problems.extend(validate_design(&design, &lib.catalog, &packs));
    problems.extend(accepted_rule_problems(&design));
    if !problems.iter().any(Problem::is_error) {
        let pack = design
            .scenario
            .as_deref()
            .and_then(|s| lib.pack(s))
            .map(|p| &p.pack);
        problems.extend(crate::engine::modelling::flow_problems(
            &design,
            &lib.catalog,
            pack,
        ));
    }
    let problems = place(problems, text, file);
    if problems.iter().any(Problem::is_error) {
        return Err(LoadError::Invalid(problems));
    }
    Ok(LoadedDesign {
        design,
        warnings: problems,
    })
}

/// A design's text read as napkin reads it (the user's `x-` keys kept),
/// without validation: what a save would write can then be compared with
/// what a file holds. `None` when it does not parse or has unknown keys.
pub fn design_from_text(text: &str) -> Option<Design> {
    let (mut design, unknown): (Design, _) = yaml::parse_checked(text, "").ok()?;
    let (problems, kept) = split_unknown(unknown, FileFormat::Design);
    if !problems.is_empty() {
        return None;
    }
    if !kept.is_empty() {
        let values = yaml::values_at(text, &kept);
        keep_user_keys(&mut design, kept.into_iter().zip(values));
    }
    Some(design)
}

/// True when `text` parses as a design (whatever its validation says).
pub fn parses_as_design(text: &str) -> bool {
    yaml::parse_checked::<Design>(text, "").is_ok()
}

/// Reads, parses and validates a design file.
pub fn load_design(path: &Path, lib: &Library) -> Result<LoadedDesign, LoadError> {
    let text = read_bounded(path)?;
    load_design_str(&text, &path.display().to_string(), lib)
}

/// An accepted trade-off must name a rule that exists: a typo would accept
/// nothing and leave the finding open without a word.
fn accepted_rule_problems(design: &Design) -> Vec<Problem> {
    use crate::engine::rules::{RULES, rule};
    use crate::model::validate::did_you_mean;
    design
        .accepted
        .iter()
        .enumerate()
        .filter(|(_, a)| rule(&a.rule).is_none())
        .map(|(i, a)| {
            let hint = match did_you_mean(&a.rule, RULES.iter().map(|r| (r.id, r.id))) {
                Some(s) => format!("did you mean `{s}`? (`napkin rules` lists every rule)"),
                None => "`napkin rules` lists every rule".to_string(),
            };
            Problem::error(
                format!("accepted[{i}].rule"),
                format!("accepted trade-off names unknown rule `{}`", a.rule),
            )
            .hint(hint)
        })
        .collect()
}

/// Splits the keys a format does not take into errors (with the key meant)
/// and the user's own `x-` keys, which are kept.
fn split_unknown(unknown: Vec<KeyPath>, format: FileFormat) -> (Vec<Problem>, Vec<KeyPath>) {
    let (kept, wrong): (Vec<_>, Vec<_>) = unknown
        .into_iter()
        .partition(|p| p.last_key().is_some_and(is_user_key));
    if wrong.is_empty() {
        return (Vec::new(), kept);
    }
    let schema = format.schema();
    (
        wrong.iter().map(|p| unknown_key(&schema, p)).collect(),
        kept,
    )
}

/// Attaches the user's `x-` keys to what holds them: the design, a component,
/// a link, or (deeper) the path of their mapping.
fn keep_user_keys(
    design: &mut Design,
    kept: impl IntoIterator<Item = (KeyPath, Option<crate::model::UserValue>)>,
) {
    for (path, value) in kept {
        let (Some(key), Some(value)) = (path.last_key(), value) else {
            continue;
        };
        let key = key.to_string();
        let holder = match path.0.as_slice() {
            [_] => Some(&mut design.extra),
            [Step::Key(list), Step::Index(i), _] if list == "components" => {
                design.components.get_mut(*i).map(|c| &mut c.extra)
            }
            [Step::Key(list), Step::Index(i), _] if list == "links" => {
                design.links.get_mut(*i).map(|l| &mut l.extra)
            }
            _ => None,
        };
        match holder {
            Some(map) => {
                map.insert(key, value);
            }
            None => design.nested_extra.push(NestedExtra {
                path: path.parent(),
                key,
                value,
            }),
        }
    }
}

/// Design text as saved: known fields in schema order, with the user's `x-`
/// keys back where they were (components and links keep theirs when moved).
pub fn design_to_yaml(design: &Design) -> Result<String, String> {
    let mut additions = Vec::new();
    let at = |steps: Vec<Step>| KeyPath(steps);
    for (k, v) in &design.extra {
        additions.push((at(vec![]), k.clone(), v.clone()));
    }
    for (i, c) in design.components.iter().enumerate() {
        for (k, v) in &c.extra {
            let path = at(vec![Step::Key("components".into()), Step::Index(i)]);
            additions.push((path, k.clone(), v.clone()));
        }
    }
    for (i, l) in design.links.iter().enumerate() {
        for (k, v) in &l.extra {
            let path = at(vec![Step::Key("links".into()), Step::Index(i)]);
            additions.push((path, k.clone(), v.clone()));
        }
    }
    for n in &design.nested_extra {
        additions.push((n.path.clone(), n.key.clone(), n.value.clone()));
    }
    if additions.is_empty() {
        yaml::to_string(design)
    } else {
        yaml::to_string_with(design, &additions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &str = "napkin: 1\nname: plain\ncomponents:\n  - { id: api, kind: app-server }\n";

    #[test]
    fn packs_are_read_when_first_needed() {
        let lib = Library::builtin().unwrap();
        assert!(!lib.packs_read(), "making the library read the packs");
        load_design_str(PLAIN, "plain.napkin.yaml", &lib).unwrap();
        assert!(
            !lib.packs_read(),
            "a design naming no scenario read the packs"
        );
        assert!(lib.read_warnings().is_empty());
        let named = format!("{PLAIN}scenario: coffee-ordering\n");
        load_design_str(&named, "named.napkin.yaml", &lib).unwrap();
        assert!(lib.packs_read());
        assert!(lib.pack("coffee-ordering").is_some());
    }

    #[test]
    fn an_unknown_scenario_is_still_an_error_with_a_suggestion() {
        let lib = Library::builtin().unwrap();
        let text = format!("{PLAIN}scenario: coffee-orderin\n");
        let Err(e) = load_design_str(&text, "typo.napkin.yaml", &lib) else {
            panic!("an unknown scenario loaded");
        };
        let all = e.to_string();
        assert!(all.contains("did you mean `coffee-ordering`"), "{all}");
    }

    #[test]
    fn a_clone_made_before_reading_reads_on_its_own() {
        let lib = Library::builtin().unwrap();
        let mut copy = lib.clone();
        copy.packs_mut().clear();
        assert!(copy.packs().is_empty());
        assert!(!lib.packs().is_empty(), "the original lost its packs");
    }
}
