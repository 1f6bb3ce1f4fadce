//! Includes that live outside the docs tree: a run on `docs/api-reference/v1.0` whose pages
//! include `../../includes/x.md` from `docs/includes/`. An include the tree lacks is looked
//! for under `--includes-root DIR`, or, without it, at the place its relative path names
//! and then in the nearest ancestors of the tree (a bounded walk up). Only the file the
//! include names (its path after the leading `../`) is ever read, never a listing; found
//! files are read through [`SourceDb`], parsed as include pages and appended to the run.

use crate::markdown::{self, Block, Page};
use codegen_core::diag::{Diagnostics, FileId};
use codegen_core::source::SourceDb;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

/// How far above the tree the walk looks for an include.
const MAX_UP: usize = 4;
/// Rounds of includes inside found includes.
const MAX_ROUNDS: usize = 8;
/// Files read from outside the tree, at most.
const MAX_FILES: usize = 4096;

/// The outside files found, by the page and the include target as written.
#[derive(Debug, Default)]
pub struct Outside {
    found: BTreeMap<(String, String), FileId>,
}

impl Outside {
    /// The outside file the include `target` of the page `from` resolved to.
    pub fn get(&self, from: &str, target: &str) -> Option<FileId> {
        if self.found.is_empty() {
            return None;
        }
        self.found.get(&(from.to_string(), target.to_string())).copied()
    }
}

/// One distinct lookup: where the include's path names when it climbs out of the tree (how
/// many folders up, the rest), and its path after the leading `../` and `./`.
type Lookup = (Option<(usize, String)>, String);

/// Where outside includes are looked for.
struct Finder {
    /// The tree's folder, made absolute and free of `.` and `..`.
    root: PathBuf,
    /// `--includes-root`, absolute, with its path relative to the tree (as files name it).
    includes_root: Option<(PathBuf, String)>,
    /// What each candidate path gave (read once).
    files: HashMap<PathBuf, Option<FileId>>,
    /// Whether each folder exists (asked once per folder).
    dirs: HashMap<PathBuf, bool>,
    /// What each distinct lookup gave: the candidates of an include depend only on where
    /// its path climbs to and on its tail, so pages naming the same missing include in the
    /// same way are looked up once.
    lookups: HashMap<Lookup, Option<FileId>>,
}

/// Finds the includes that pages name but the tree lacks, reads and parses them, appends
/// them to `pages` (in id order) and returns where each resolved.
pub fn load(
    db: &mut SourceDb,
    pages: &mut Vec<Page>,
    includes_root: Option<&Path>,
    diags: &mut Diagnostics,
) -> Outside {
    let mut out = Outside::default();
    let root = clean(&db.root);
    let includes_root = includes_root.map(|d| {
        let abs = clean(d);
        let rel = relative(&root, &abs);
        (abs, rel)
    });
    let mut finder =
        Finder { root, includes_root, files: HashMap::new(), dirs: HashMap::new(), lookups: HashMap::new() };
    let mut from = 0usize;
    for _ in 0..MAX_ROUNDS {
        let paths = db.paths();
        let wanted: Vec<(String, String)> = pages
            .get(from..)
            .unwrap_or_default()
            .par_iter()
            .flat_map_iter(|p| {
                p.blocks.iter().filter_map(move |b| match b {
                    Block::Include(i) if super::resolve_target(paths, &p.rel, &i.target).is_none() => {
                        Some((p.rel.clone(), i.target.clone()))
                    }
                    _ => None,
                })
            })
            .collect();
        from = pages.len();
        let before = db.files.len();
        for (rel, target) in wanted {
            if out.found.contains_key(&(rel.clone(), target.clone())) || db.files.len() >= MAX_FILES + before {
                continue;
            }
            if let Some(id) = finder.find(db, &rel, &target, diags) {
                out.found.insert((rel, target), id);
            }
        }
        if db.files.len() == before {
            break;
        }
        for id in (before..db.files.len()).map(|i| FileId(i as u32)) {
            let (page, d) = markdown::parse_include(id, db.file(id));
            diags.extend(d);
            pages.push(page);
        }
    }
    out
}

impl Finder {
    fn find(&mut self, db: &mut SourceDb, from: &str, target: &str, diags: &mut Diagnostics) -> Option<FileId> {
        let target = target.split(['#', '?']).next().unwrap_or("").trim();
        if target.is_empty() || target.contains("://") || target.starts_with('/') || target.contains('\\') {
            return None;
        }
        if !target.to_ascii_lowercase().ends_with(".md") {
            return None;
        }
        // the path after its leading `../` and `./`: what every candidate ends with
        let tail: Vec<&str> = target.split('/').skip_while(|s| matches!(*s, ".." | "." | "")).collect();
        if tail.is_empty() || tail.iter().any(|s| matches!(*s, ".." | "." | "")) {
            return None;
        }
        let tail = tail.join("/");
        let climbed = if target.starts_with("../") { climb(from, target).filter(|(ups, _)| *ups > 0) } else { None };
        let key = (climbed, tail);
        if let Some(known) = self.lookups.get(&key) {
            return *known;
        }
        let mut found = None;
        for (path, rel) in self.candidates(target, &key.0, &key.1) {
            if let Some(id) = self.read(db, path, &rel, diags) {
                found = Some(id);
                break;
            }
        }
        self.lookups.insert(key, found);
        found
    }

    /// The places to look for `target`, nearest first, each with the path files name it by:
    /// `climbed` is where the path names when it climbs out of the tree, `tail` the path
    /// after its leading `../` and `./`.
    fn candidates(&mut self, target: &str, climbed: &Option<(usize, String)>, tail: &str) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        if let Some((dir, rel)) = &self.includes_root {
            out.push((dir.join(tail), join_rel(rel, tail)));
            if let Some(short) = tail.strip_prefix("includes/") {
                out.push((dir.join(short), join_rel(rel, short)));
            }
            return out;
        }
        if !target.starts_with("../") {
            return out;
        }
        // the place the path names when it climbs out of the tree
        if let Some((ups, rest)) = climbed {
            if let Some(dir) = self.ancestor(*ups) {
                out.push((dir.join(rest), format!("{}{rest}", "../".repeat(*ups))));
            }
        }
        for ups in 1..=MAX_UP {
            let Some(dir) = self.ancestor(ups) else { break };
            let rel = format!("{}{tail}", "../".repeat(ups));
            if !out.iter().any(|(_, r)| *r == rel) {
                out.push((dir.join(tail), rel));
            }
            // the walk ends at the repository's top
            if self.is_dir(&dir.join(".git")) {
                break;
            }
        }
        out
    }

    fn ancestor(&self, ups: usize) -> Option<PathBuf> {
        let mut dir = self.root.as_path();
        for _ in 0..ups {
            dir = dir.parent()?;
        }
        Some(dir.to_path_buf())
    }

    fn is_dir(&mut self, dir: &Path) -> bool {
        *self.dirs.entry(dir.to_path_buf()).or_insert_with(|| dir.is_dir())
    }

    fn read(&mut self, db: &mut SourceDb, path: PathBuf, rel: &str, diags: &mut Diagnostics) -> Option<FileId> {
        if let Some(known) = self.files.get(&path) {
            return *known;
        }
        let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let id = if self.is_dir(&parent) {
            match db.read_if_file(&path, rel) {
                Ok(Some((id, d))) => {
                    diags.extend(d);
                    Some(id)
                }
                _ => None,
            }
        } else {
            None
        };
        self.files.insert(path, id);
        id
    }
}

/// Joins `target` to the folder of `from` allowing it to climb above the tree: how many
/// folders above the root it ends, and the rest of the path below that folder.
pub fn climb(from: &str, target: &str) -> Option<(usize, String)> {
    let mut ups = 0usize;
    let mut stack: Vec<&str> = Vec::new();
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    for seg in dir.split('/').chain(target.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                if stack.pop().is_none() {
                    ups += 1;
                }
            }
            s => stack.push(s),
        }
    }
    (!stack.is_empty() && ups <= MAX_UP * 4).then(|| (ups, stack.join("/")))
}

/// A path made absolute (against the current folder) with `.` and `..` taken out by hand,
/// without following links.
fn clean(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The path of `to` relative to `from`, with `/` (both absolute and clean); `to` as it is
/// when they share nothing.
fn relative(from: &Path, to: &Path) -> String {
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return to.to_string_lossy().replace('\\', "/");
    }
    let ups = std::iter::repeat_n("..".to_string(), a.len() - common);
    let downs = b.iter().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

fn join_rel(dir: &str, tail: &str) -> String {
    if dir.is_empty() {
        tail.to_string()
    } else {
        format!("{}/{tail}", dir.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn climb_counts_the_folders_above_the_tree() {
        assert_eq!(climb("api/a.md", "../../includes/x.md"), Some((1, "includes/x.md".into())));
        assert_eq!(climb("api/a.md", "../includes/x.md"), Some((0, "includes/x.md".into())));
        assert_eq!(climb("../inc/a.md", "b.md"), Some((1, "inc/b.md".into())));
    }

    #[test]
    fn relative_paths_between_folders() {
        assert_eq!(relative(Path::new("/d/api-ref/v1"), Path::new("/d/includes")), "../../includes");
        assert_eq!(relative(Path::new("/d/v1"), Path::new("/d/v1/inc")), "inc");
    }
}
