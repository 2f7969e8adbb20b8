//! Reading designs for a command: warnings go to standard error, problems
//! become input failures.

use super::Failure;
use crate::io::Library;
use crate::io::load;
use crate::model::Design;
use std::path::Path;

/// True for the path `-`: standard input.
pub(super) fn is_stdin(file: &Path) -> bool {
    file.as_os_str() == "-"
}

/// Reads standard input, at most as much as napkin reads from a file.
pub(super) fn read_stdin() -> Result<String, Failure> {
    use std::io::Read;
    let mut text = String::new();
    std::io::stdin()
        .take(load::MAX_FILE_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > load::MAX_FILE_BYTES {
        return Err(Failure::Input(vec![crate::model::Problem::error(
            "",
            format!(
                "<stdin>: more than {} bytes; napkin reads designs up to that size",
                load::MAX_FILE_BYTES
            ),
        )]));
    }
    Ok(text)
}

/// Loads a design for a command (`-` reads standard input).
pub(super) fn load_for(lib: &Library, file: &Path) -> Result<Design, Failure> {
    let loaded = if is_stdin(file) {
        load::load_design_str(&read_stdin()?, "<stdin>", lib)?
    } else {
        load::load_design(file, lib)?
    };
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    Ok(loaded.design)
}

pub(super) fn pack_for<'a>(lib: &'a Library, design: &Design) -> Option<&'a crate::model::Pack> {
    design
        .scenario
        .as_deref()
        .and_then(|id| lib.pack(id))
        .map(|p| &p.pack)
}

pub(super) fn design_name(design: &Design, file: &Path) -> String {
    if design.name.trim().is_empty() {
        file.display().to_string()
    } else {
        design.name.clone()
    }
}
