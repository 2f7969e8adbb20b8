//! Atomic writes: a crash mid-save never leaves a half-written file.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` via a temp file in the same folder, fsyncs it,
/// renames it over the target and fsyncs the folder. A symlink is followed:
/// the file it points to is replaced, not the link. A target that is not a
/// regular file (a device, a FIFO, a folder) or a read-only file is refused
/// with the reason, never replaced.
pub fn atomic_write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let target = match std::fs::canonicalize(path) {
        Ok(real) => real,
        // Not there yet (or a dangling link): write where asked.
        Err(_) => path.to_path_buf(),
    };
    if let Ok(meta) = std::fs::metadata(&target) {
        if !meta.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "{} is not a regular file; napkin saves only to files",
                    path.display()
                ),
            ));
        }
        if meta.permissions().readonly() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{} is read-only; save a copy with :w FILE", path.display()),
            ));
        }
    }
    let path = target.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(contents)?;
    // The temp file is private (0600); a saved file keeps the mode it had,
    // and a new one gets the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| {
        // Name the file the user asked for, not the temp file.
        std::io::Error::new(e.error.kind(), format!("{}: {}", path.display(), e.error))
    })?;
    // The rename is durable only once the directory entry is on disk.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Keeps the file at `path` beside it as `NAME.bak` (then `NAME.bak-2`,
/// ...) before napkin first rewrites a file it did not write. Nothing is
/// copied when there is no file, or when a backup beside it already holds
/// the same bytes. Returns the backup made.
pub fn backup(path: &Path) -> std::io::Result<Option<std::path::PathBuf>> {
    let text = match crate::io::load::read_bounded(path) {
        Ok(t) => t,
        Err(crate::io::load::LoadError::Read { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(None);
        }
        Err(e) => return Err(std::io::Error::other(e.to_string())),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "design.napkin.yaml".into());
    for n in 1..=100 {
        let bak = if n == 1 {
            path.with_file_name(format!("{name}.bak"))
        } else {
            path.with_file_name(format!("{name}.bak-{n}"))
        };
        match std::fs::read(&bak) {
            Ok(old) if old == text.as_bytes() => return Ok(None),
            Ok(_) => continue,
            Err(_) => {
                atomic_write(&bak, text.as_bytes())?;
                return Ok(Some(bak));
            }
        }
    }
    Err(std::io::Error::other(format!(
        "{name} already has 100 backups beside it; remove some"
    )))
}

/// A stable identity of a file's bytes (64-bit FNV-1a), to notice that
/// another writer replaced a file napkin read.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The fingerprint of the file at `path` as it is now; `None` when there is
/// no readable regular file there.
pub fn fingerprint_file(path: &Path) -> Option<u64> {
    crate::io::load::read_bounded(path)
        .ok()
        .map(|text| fingerprint(text.as_bytes()))
}

/// A free name beside `path` for the user's own version when someone else
/// changed the file: `orders.mine.napkin.yaml`, then `orders.mine-2.napkin.yaml`...
pub fn sibling_copy(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "design.napkin.yaml".into());
    let (stem, ext) = match name.find('.') {
        Some(i) if i > 0 => (name[..i].to_string(), name[i..].to_string()),
        _ => (name.clone(), String::new()),
    };
    free_name(path, "mine", |tag| format!("{stem}.{tag}{ext}"))
}

/// The first name beside `path` that is not taken, from `name(tag)` with
/// `tag`, then `tag-2`, `tag-3`...
pub fn free_name(path: &Path, tag: &str, name: impl Fn(&str) -> String) -> std::path::PathBuf {
    (1..)
        .map(|n| {
            let tag = if n == 1 {
                tag.to_string()
            } else {
                format!("{tag}-{n}")
            };
            path.with_file_name(name(&tag))
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_extension(tag))
}

#[cfg(test)]
mod tests {
    #[test]
    fn copies_get_free_names_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("orders.napkin.yaml");
        let first = super::sibling_copy(&p);
        assert_eq!(first, dir.path().join("orders.mine.napkin.yaml"));
        std::fs::write(&first, "x").unwrap();
        assert_eq!(
            super::sibling_copy(&p),
            dir.path().join("orders.mine-2.napkin.yaml")
        );
        assert_ne!(super::fingerprint(b"a"), super::fingerprint(b"b"));
        assert_eq!(
            super::fingerprint_file(&first),
            Some(super::fingerprint(b"x"))
        );
        assert_eq!(super::fingerprint_file(&dir.path().join("none")), None);
    }

    #[test]
    fn backups_are_made_once_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("d.napkin.yaml");
        assert_eq!(super::backup(&p).unwrap(), None, "no file, no backup");
        std::fs::write(&p, "# mine\n").unwrap();
        let bak = super::backup(&p).unwrap().expect("made");
        assert_eq!(bak, dir.path().join("d.napkin.yaml.bak"));
        assert_eq!(super::backup(&p).unwrap(), None, "same bytes: not twice");
        std::fs::write(&p, "# changed\n").unwrap();
        let second = super::backup(&p).unwrap().expect("made");
        assert_eq!(second, dir.path().join("d.napkin.yaml.bak-2"));
        assert_eq!(std::fs::read_to_string(&bak).unwrap(), "# mine\n");
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.yaml");
        super::atomic_write(&p, b"one").unwrap();
        super::atomic_write(&p, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
        assert_eq!(std::fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("d.napkin.yaml");
        super::atomic_write(&p, b"one").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o644
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o664)).unwrap();
        super::atomic_write(&p, b"two").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o664
        );
    }

    #[cfg(unix)]
    #[test]
    fn saves_through_links_and_never_over_devices_or_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.napkin.yaml");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.napkin.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        super::atomic_write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");

        let err = super::atomic_write(std::path::Path::new("/dev/null"), b"x").unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(std::path::Path::new("/dev/null").exists());

        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = super::atomic_write(&real, b"newer").unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }
}
