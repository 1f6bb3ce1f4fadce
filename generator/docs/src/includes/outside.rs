//! Includes that live outside the docs tree: a run on `docs/api-reference/v1.0` whose pages
//! include `../../includes/x.md` from `docs/includes/`. An include the tree lacks is looked
//! for under `--includes-root DIR`, or, without it, at the place its relative path names
//! and then in the nearest ancestors of the tree (a bounded walk up). Only the file the
//! include names (its path after the leading `../`) is ever read, never a listing; found
//! files are read through [`SourceDb`], parsed as include pages and appended to the run.

use crate::markdown::{self, Page};
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

/// One distinct lookup: the candidates of an include depend only on these.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Lookup {
    /// Where the path names when it climbs out of the tree: how many folders up, the rest.
    climbed: Option<(usize, String)>,
    /// The path after its leading `../` and `./`.
    tail: String,
    /// The path starts with `../` (only such a path is looked for above the tree).
    climbs: bool,
}

/// Where outside includes are looked for.
struct Finder {
    /// The tree's folder, made absolute and free of `.` and `..`.
    root: PathBuf,
    /// `--includes-root`, absolute, with its path relative to the tree (as files name it).
    includes_root: Option<(PathBuf, String)>,
    /// The tree's ancestors, nearest first (`[0]` is one folder up), up to [`MAX_UP`] and
    /// no further than the repository's top (the first with a `.git`).
    ancestors: Vec<PathBuf>,
    /// Whether each folder that a candidate lies in exists (asked once per folder), by the
    /// path files name it by.
    dirs: HashMap<String, bool>,
    /// What each distinct lookup gave: the candidates of an include depend only on where
    /// its path climbs to and on its tail, so pages naming the same missing include in the
    /// same way are looked up once.
    lookups: HashMap<Lookup, Option<FileId>>,
    /// The files read, by path (two lookups can land on one file).
    files: HashMap<PathBuf, FileId>,
}

/// Finds the includes that pages name but the tree lacks, reads and parses them, appends
/// them to `pages` (in id order, with their in-tree targets to `targets`) and returns where
/// each resolved.
///
/// Each round: the includes the new pages name that the tree lacks (on every core), their
/// distinct lookups, the folders their candidates lie in (each asked once), the first
/// candidate of each lookup that is a file (on every core), then the files read in the
/// order the pages name them, so ids never depend on the thread count.
pub fn load(
    db: &mut SourceDb,
    pages: &mut Vec<Page>,
    targets: &mut super::Targets,
    includes_root: Option<&Path>,
    diags: &mut Diagnostics,
) -> Outside {
    let mut out = Outside::default();
    let mut finder = Finder::new(&db.root, includes_root);
    let mut from = 0usize;
    for _ in 0..MAX_ROUNDS {
        let new_pages = pages.get(from..).unwrap_or_default();
        let wanted: Vec<(String, String, Option<Lookup>)> = new_pages
            .par_iter()
            .zip(targets.get(from..).unwrap_or_default())
            .flat_map_iter(|(p, in_tree)| {
                p.includes()
                    .zip(in_tree)
                    .filter(|(_, t)| t.is_none())
                    .map(|(i, _)| (p.rel.clone(), i.target.clone(), lookup(&p.rel, &i.target)))
            })
            .collect();
        from = pages.len();
        let mut located = finder.locate(wanted.iter().filter_map(|w| w.2.as_ref()));
        let before = db.files.len();
        for (rel, target, key) in wanted {
            let Some(key) = key else { continue };
            if db.files.len() >= MAX_FILES + before {
                break;
            }
            let id = match finder.lookups.get(&key) {
                Some(known) => *known,
                None => {
                    let id = located.remove(&key).flatten().and_then(|(path, r)| finder.read(db, path, &r, diags));
                    finder.lookups.insert(key, id);
                    id
                }
            };
            if let Some(id) = id {
                out.found.entry((rel, target)).or_insert(id);
            }
        }
        if db.files.len() == before {
            break;
        }
        let first_new = pages.len();
        for id in (before..db.files.len()).map(|i| FileId(i as u32)) {
            let (page, d) = markdown::parse_include(id, db.file(id));
            diags.extend(d);
            pages.push(page);
        }
        targets.extend(super::targets(db.paths(), pages.get(first_new..).unwrap_or_default()));
    }
    out
}

/// The lookup an include names: `None` for what is never looked for outside the tree (a
/// web address, an absolute path, a file that is not markdown).
fn lookup(from: &str, target: &str) -> Option<Lookup> {
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
    let climbs = target.starts_with("../");
    let climbed = if climbs { climb(from, target).filter(|(ups, _)| *ups > 0) } else { None };
    Some(Lookup { climbed, tail: tail.join("/"), climbs })
}

impl Finder {
    fn new(root: &Path, includes_root: Option<&Path>) -> Finder {
        let root = clean(root);
        let includes_root = includes_root.map(|d| {
            let abs = clean(d);
            let rel = relative(&root, &abs);
            (abs, rel)
        });
        let mut ancestors = Vec::new();
        if includes_root.is_none() {
            let mut dir = root.as_path();
            while let Some(up) = dir.parent().filter(|_| ancestors.len() < MAX_UP) {
                ancestors.push(up.to_path_buf());
                // the walk ends at the repository's top
                if up.join(".git").is_dir() {
                    break;
                }
                dir = up;
            }
        }
        Finder { root, includes_root, ancestors, dirs: HashMap::new(), lookups: HashMap::new(), files: HashMap::new() }
    }

    /// The first candidate of each new lookup that is a file, with the path files name it by.
    fn locate<'k>(&mut self, keys: impl Iterator<Item = &'k Lookup>) -> HashMap<Lookup, Option<(PathBuf, String)>> {
        let fresh: std::collections::HashSet<&Lookup> = keys.filter(|k| !self.lookups.contains_key(*k)).collect();
        let fresh: Vec<(&Lookup, Vec<(PathBuf, String)>)> =
            fresh.into_par_iter().map(|k| (k, self.candidates(k))).collect();
        // the folders the candidates lie in, by the path files name them by (a folder of the
        // tree's ancestors is named the same way from every page)
        let mut folders: HashMap<&str, &Path> = HashMap::new();
        for (path, rel) in fresh.iter().flat_map(|(_, c)| c) {
            if let Some(dir) = path.parent() {
                folders.entry(folder_of(rel)).or_insert(dir);
            }
        }
        let asked: Vec<(String, bool)> = folders
            .into_par_iter()
            .filter(|(rel, _)| !self.dirs.contains_key(*rel))
            .map(|(rel, dir)| (rel.to_string(), dir.is_dir()))
            .collect();
        self.dirs.extend(asked);
        let dirs = &self.dirs;
        fresh
            .into_par_iter()
            .map(|(k, candidates)| {
                let hit = candidates
                    .into_iter()
                    .find(|(path, rel)| dirs.get(folder_of(rel)).copied().unwrap_or(false) && path.is_file());
                (k.clone(), hit)
            })
            .collect()
    }

    /// The places to look for a lookup, nearest first, each with the path files name it by.
    fn candidates(&self, Lookup { climbed, tail, climbs }: &Lookup) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        if let Some((dir, rel)) = &self.includes_root {
            out.push((dir.join(tail), join_rel(rel, tail)));
            if let Some(short) = tail.strip_prefix("includes/") {
                out.push((dir.join(short), join_rel(rel, short)));
            }
            return out;
        }
        if !climbs {
            return out;
        }
        // the place the path names when it climbs out of the tree
        if let Some((ups, rest)) = climbed {
            if let Some(dir) = self.root.ancestors().nth(*ups) {
                out.push((dir.join(rest), format!("{}{rest}", "../".repeat(*ups))));
            }
        }
        for (i, dir) in self.ancestors.iter().enumerate() {
            let rel = format!("{}{tail}", "../".repeat(i + 1));
            if !out.iter().any(|(_, r)| *r == rel) {
                out.push((dir.join(tail), rel));
            }
        }
        out
    }

    fn read(&mut self, db: &mut SourceDb, path: PathBuf, rel: &str, diags: &mut Diagnostics) -> Option<FileId> {
        if let Some(known) = self.files.get(&path) {
            return Some(*known);
        }
        let (id, d) = db.read_if_file(&path, rel).ok().flatten()?;
        diags.extend(d);
        self.files.insert(path, id);
        Some(id)
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

/// The folder part of a path as files name it (`../includes` of `../includes/x.md`).
fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
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
