//! Writes generated files like rust-analyzer's `ensure_file_contents`: a file is written
//! only when its content changed, atomically (temp file + rename); generated files that no
//! longer belong (recognised by the header) are removed; `check` reports instead of writing.

use crate::output::{GeneratedFile, HEADER};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// What a write (or check) did, or would do, by path relative to the output folder.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Folders of the main crate that the generator owns; only there, and in the member crates
/// ([`members`]), are stale files removed.
const OWNED: &[&str] = &["src", "tests"];

/// The member crates the generator wrote: the folders right under `out` whose `Cargo.toml`
/// carries the generated-file header (models, endpoint shares, a vendored runtime), sorted.
fn members(out: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(out) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && is_generated(&p.join("Cargo.toml")))
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Writes `files` under `out` (or, with `check`, only computes what would change).
pub fn write(out: &Path, files: &[GeneratedFile], check: bool) -> io::Result<Changes> {
    let mut changes = Changes::default();
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // every file compared on every core
    let differs: Vec<bool> = files
        .par_iter()
        .map(|f| !matches!(std::fs::read(out.join(&f.path)), Ok(old) if old == f.contents.as_bytes()))
        .collect();
    changes.unchanged = differs.iter().filter(|d| !**d).count();
    let changed: Vec<&GeneratedFile> = files.iter().zip(&differs).filter(|(_, d)| **d).map(|(f, _)| f).collect();
    // nothing is written when any changed file is not the generator's
    for f in &changed {
        let path = out.join(&f.path);
        if path.exists() && !is_generated(&path) {
            return Err(io::Error::other(format!(
                "`{}` exists and has no generated-file header; refusing to overwrite it",
                path.display()
            )));
        }
        changes.written.push(f.path.clone());
    }
    if !check {
        changed.par_iter().try_for_each(|f| write_atomic(&out.join(&f.path), f.contents.as_bytes()))?;
    }
    let mut found = Vec::new();
    for dir in OWNED {
        walk(&out.join(dir), &mut found)?;
    }
    let members = members(out)?;
    for member in &members {
        found.push(member.join("Cargo.toml"));
        walk(&member.join("src"), &mut found)?;
    }
    for path in found {
        let rel = rel_path(out, &path);
        if wanted.contains(rel.as_str()) || !is_generated(&path) {
            continue;
        }
        changes.removed.push(rel);
        if !check {
            std::fs::remove_file(&path)?;
        }
    }
    if !check {
        // the folders this left empty, or an earlier layout did; a member left empty goes too
        for dir in OWNED {
            prune_empty(&out.join(dir));
        }
        for member in &members {
            prune_empty(member);
            let _ = std::fs::remove_dir(member);
        }
    }
    changes.removed.sort();
    Ok(changes)
}

/// Removes the empty folders below `dir` (not `dir` itself), deepest first.
fn prune_empty(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() && !path.is_symlink() {
            prune_empty(&path);
            // fails when the folder still holds something
            let _ = std::fs::remove_dir(&path);
        }
    }
}

fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// True when the file's first lines carry the generated-file header (`//` or `#` comment).
pub fn is_generated(path: &Path) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => {
            let head = &bytes[..bytes.len().min(200)];
            String::from_utf8_lossy(head).lines().take(2).any(|l| l.contains(HEADER))
        }
        Err(_) => false,
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    Ok(())
}

/// Writes through a temp file in the same folder and renames it into place.
fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: format!("// {HEADER}\n{body}\n") }
    }

    #[test]
    fn writes_only_changes_and_removes_stale_generated_files() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![file("src/a.rs", "a"), file("src/m/b.rs", "b")];
        let first = write(dir.path(), &files, false).unwrap();
        assert_eq!(first.written, vec!["src/a.rs", "src/m/b.rs"]);
        let again = write(dir.path(), &files, true).unwrap();
        assert!(again.is_empty());
        assert_eq!(again.unchanged, 2);

        std::fs::write(dir.path().join("src/hand.rs"), "// mine\n").unwrap();
        let fewer = vec![file("src/a.rs", "a2")];
        let check = write(dir.path(), &fewer, true).unwrap();
        assert_eq!(check.written, vec!["src/a.rs"]);
        assert_eq!(check.removed, vec!["src/m/b.rs"]);
        assert!(dir.path().join("src/m/b.rs").exists(), "check writes nothing");
        write(dir.path(), &fewer, false).unwrap();
        assert!(!dir.path().join("src/m/b.rs").exists());
        assert!(dir.path().join("src/hand.rs").exists(), "hand-written files stay");
        assert_eq!(std::fs::read_to_string(dir.path().join("src/a.rs")).unwrap(), format!("// {HEADER}\na2\n"));
    }

    #[test]
    fn stale_member_crates_and_emptied_folders_go_too() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = |path: &str| GeneratedFile { path: path.into(), contents: format!("# {HEADER}\n") };
        let files = vec![
            manifest("Cargo.toml"),
            manifest("part-1/Cargo.toml"),
            file("part-1/src/lib.rs", "a"),
            manifest("part-2/Cargo.toml"),
            file("part-2/src/lib.rs", "b"),
            file("part-2/src/deep/c.rs", "c"),
        ];
        write(dir.path(), &files, false).unwrap();
        // a crate of the user's beside them is not the generator's
        std::fs::create_dir_all(dir.path().join("mine/src")).unwrap();
        std::fs::write(dir.path().join("mine/Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        std::fs::write(dir.path().join("mine/src/lib.rs"), format!("// {HEADER}\n")).unwrap();
        let fewer = vec![manifest("Cargo.toml"), manifest("part-1/Cargo.toml"), file("part-1/src/lib.rs", "a")];
        let check = write(dir.path(), &fewer, true).unwrap();
        assert_eq!(check.removed, vec!["part-2/Cargo.toml", "part-2/src/deep/c.rs", "part-2/src/lib.rs"]);
        write(dir.path(), &fewer, false).unwrap();
        assert!(!dir.path().join("part-2").exists(), "the emptied member folder is removed");
        assert!(dir.path().join("part-1/src/lib.rs").exists());
        assert!(dir.path().join("mine/src/lib.rs").exists(), "folders without a generated manifest stay");
        // a module folder emptied inside `src` goes, `src` itself stays while it holds files
        let files = vec![file("src/lib.rs", "l"), file("src/m/x.rs", "x")];
        write(dir.path(), &files, false).unwrap();
        write(dir.path(), &files[..1], false).unwrap();
        assert!(!dir.path().join("src/m").exists());
        assert!(dir.path().join("src/lib.rs").exists());
        // and so does one an earlier run left empty
        std::fs::create_dir_all(dir.path().join("src/old/deeper")).unwrap();
        write(dir.path(), &files[..1], true).unwrap();
        assert!(dir.path().join("src/old/deeper").exists(), "check changes nothing");
        write(dir.path(), &files[..1], false).unwrap();
        assert!(!dir.path().join("src/old").exists());
    }

    #[test]
    fn never_overwrites_a_hand_written_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        let files = vec![GeneratedFile { path: "Cargo.toml".into(), contents: format!("# {HEADER}\n") }];
        assert!(write(dir.path(), &files, true).is_err());
        assert!(write(dir.path(), &files, false).is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(), "[package]\nname = \"mine\"\n");
        // and then nothing else is written either
        let more = vec![file("src/a.rs", "a"), files[0].clone()];
        assert!(write(dir.path(), &more, false).is_err());
        assert!(!dir.path().join("src/a.rs").exists(), "no half-written output");
    }
}
