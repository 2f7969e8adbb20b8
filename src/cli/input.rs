//! Reading designs for a command: warnings go to standard error, problems
//! become input failures.

use super::Failure;
use crate::io::Library;
use crate::io::load;
use crate::model::Design;
use std::path::Path;

/// Loads a design for a command.
pub(super) fn load_for(lib: &Library, file: &Path) -> Result<Design, Failure> {
    let loaded = load::load_design(file, lib)?;
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
