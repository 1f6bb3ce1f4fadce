//! Stage 2b: `[!INCLUDE]` expansion and link checks, the first stage that sees the whole
//! tree. An include whose file exists is replaced by that file's blocks (so its tables
//! count as if inline); a missing one is a diagnostic at its line. Includes outside the
//! tree are found by [`outside`]; what an included notice says about deprecation and
//! national clouds is kept on the page ([`crate::notices`]).

pub mod outside;

use crate::markdown::{Block, Page};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, FileId};
use codegen_core::source::{Paths, SourceDb};
use outside::Outside;
use rayon::prelude::*;

/// Resolves `target` as written in page `from` to a file of the tree.
pub fn resolve_target(db: Paths, from: &str, target: &str) -> Option<FileId> {
    let target = target.split(['#', '?']).next().unwrap_or("").trim();
    if target.is_empty() || target.contains("://") {
        return None;
    }
    let joined = normalize(from, target)?;
    if let Some(id) = db.find(&joined) {
        return Some(id);
    }
    // Includes written for a deeper repository layout: look for the same path below
    // the tree's own `includes/` folder.
    let tail = target.trim_start_matches("../").trim_start_matches("./");
    let tail = tail.strip_prefix("includes/").unwrap_or(tail);
    db.find(&format!("includes/{tail}")).or_else(|| db.find_ignore_case(&joined))
}

/// Joins a relative link to the folder of `from`; `None` when it climbs above the root.
pub fn normalize(from: &str, target: &str) -> Option<String> {
    // the joined path built as `/seg/seg...` (each segment behind its own slash, so popping
    // one cuts at the last slash), returned without the leading slash
    let mut out = String::with_capacity(from.len() + target.len() + 1);
    let mut depth = 0usize;
    if !target.starts_with('/') {
        // paths are short: a byte loop beats memrchr's setup
        let dir = from.bytes().rposition(|b| b == b'/').and_then(|i| from.get(..i));
        for seg in dir.into_iter().flat_map(|d| d.split('/')) {
            out.push('/');
            out.push_str(seg);
            depth += 1;
        }
    }
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                depth = depth.checked_sub(1)?;
                out.truncate(out.bytes().rposition(|b| b == b'/').unwrap_or(0));
            }
            s => {
                out.push('/');
                out.push_str(s);
                depth += 1;
            }
        }
    }
    if !out.is_empty() {
        out.remove(0);
    }
    Some(out)
}

/// Each page's include targets resolved inside the tree, in block order (`None` where the
/// tree lacks the file): read once, by [`outside::load`] and by [`expand`].
pub type Targets = Vec<Vec<Option<FileId>>>;

/// [`Targets`] of `pages`, on every core.
pub fn targets(db: Paths, pages: &[Page]) -> Targets {
    pages.par_iter().map(|p| p.includes().map(|inc| resolve_target(db, &p.rel, &inc.target)).collect()).collect()
}

/// Replaces resolvable include blocks by the included pages' blocks. `targets` are the
/// in-tree targets of the pages ([`targets`], one entry per page); includes outside the tree
/// resolve through `outside` (empty when none were looked for).
pub fn expand(db: &SourceDb, pages: &mut [Page], targets: &Targets, outside: &Outside, diags: &mut Diagnostics) {
    // each page's includes resolved once, in block order
    let resolved: Vec<Vec<Option<FileId>>> = pages
        .par_iter()
        .zip(targets.par_iter())
        .map(|(p, in_tree)| {
            p.includes().zip(in_tree).map(|(inc, t)| t.or_else(|| outside.get(&p.rel, &inc.target))).collect()
        })
        .collect();
    // only the blocks of files that some page includes are needed (cloned once)
    let targets: std::collections::BTreeSet<FileId> = resolved.iter().flatten().flatten().copied().collect();
    let originals: Vec<Vec<Block>> =
        pages.iter().map(|p| if targets.contains(&p.file) { p.blocks.clone() } else { Vec::new() }).collect();
    let per_page: Vec<Diagnostics> = pages
        .par_iter_mut()
        .zip(resolved.par_iter())
        .map(|(page, known)| {
            let mut d = Diagnostics::default();
            if !known.is_empty() {
                let mut stack = vec![page.file];
                let blocks = std::mem::take(&mut page.blocks);
                let ctx = Expand { db, originals: &originals, known: Some(known), outside };
                let mut notices = crate::notices::Notices::default();
                page.blocks = ctx.blocks(&page.rel, blocks, &mut stack, &mut notices, &mut d);
                page.notices = notices;
            }
            d
        })
        .collect();
    for d in per_page {
        diags.extend(d);
    }
}

/// What expansion needs: the tree, the blocks of included files, and the top page's
/// include targets resolved beforehand (in block order).
struct Expand<'a> {
    db: &'a SourceDb,
    originals: &'a [Vec<Block>],
    known: Option<&'a [Option<FileId>]>,
    outside: &'a Outside,
}

impl Expand<'_> {
    fn blocks(
        &self,
        rel: &str,
        blocks: Vec<Block>,
        stack: &mut Vec<FileId>,
        notices: &mut crate::notices::Notices,
        diags: &mut Diagnostics,
    ) -> Vec<Block> {
        let mut out = Vec::with_capacity(blocks.len());
        let mut n = 0;
        for b in blocks {
            let Block::Include(inc) = &b else {
                out.push(b);
                continue;
            };
            let target = match self.known.filter(|_| stack.len() == 1).and_then(|k| k.get(n)) {
                Some(t) => *t,
                None => {
                    resolve_target(self.db.paths(), rel, &inc.target).or_else(|| self.outside.get(rel, &inc.target))
                }
            };
            n += 1;
            match target {
                Some(id) if stack.contains(&id) => {
                    diags.push(
                        Diagnostic::new(Code::D0018, inc.span, format!("include `{}` includes itself", inc.target))
                            .help("break the include cycle"),
                    );
                }
                Some(id) => {
                    let inner = self.originals.get(id.0 as usize).cloned().unwrap_or_default();
                    stack.push(id);
                    let inner_rel = self.db.file(id).rel.clone();
                    let inner = self.blocks(&inner_rel, inner, stack, notices, diags);
                    notices.absorb(crate::notices::of_include(&inc.label, &inc.target, &inner));
                    out.extend(inner);
                    stack.pop();
                }
                None => {
                    // only the page itself reports its missing includes
                    if stack.len() == 1 {
                        let what = if inc.target.is_empty() {
                            "an `[!INCLUDE]` without a target".to_string()
                        } else {
                            format!("included file `{}` does not exist", inc.target)
                        };
                        let help = if inc.target.starts_with("../") {
                            "fix the include path or add the file, or name the folder of shared includes with \
                             `--includes-root DIR`; its content is missing from this page"
                        } else {
                            "fix the include path or add the file; its content is missing from this page"
                        };
                        diags.push(Diagnostic::new(Code::D0010, inc.span, what).help(help));
                    }
                }
            }
        }
        out
    }
}

/// Reports links to `.md` pages inside the tree's `api/` and `resources/` folders that do
/// not exist.
pub fn check_links(db: &SourceDb, pages: &[Page]) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let has = |dir: &str| db.files.iter().any(|f| f.rel.starts_with(dir));
    let dirs: Vec<&str> = ["api/", "resources/"].into_iter().filter(|d| has(d)).collect();
    if dirs.is_empty() {
        return diags;
    }
    let per_page: Vec<Diagnostics> = pages.par_iter().map(|page| links_of(db, page, &dirs)).collect();
    for d in per_page {
        diags.extend(d);
    }
    diags
}

fn links_of(db: &SourceDb, page: &Page, dirs: &[&str]) -> Diagnostics {
    let mut diags = Diagnostics::default();
    {
        let mut visit = |inline: &crate::markdown::Inline| {
            for l in inline.links() {
                if l.span.file != page.file {
                    continue;
                }
                let href = l.href.split(['#', '?']).next().unwrap_or("");
                if !href.ends_with(".md") || href.contains("://") || href.starts_with('/') {
                    continue;
                }
                let Some(target) = normalize(&page.rel, href) else { continue };
                if dirs.iter().any(|d| target.starts_with(d)) && db.find(&target).is_none() {
                    let d = match db.find_ignore_case(&target) {
                        Some(f) => Diagnostic::new(
                            Code::D0118,
                            l.span,
                            format!("link target `{}` differs in case from the page `{}`", l.href, db.file(f).rel),
                        )
                        .help("write the file name as it is; links break on case-sensitive hosts"),
                        None => {
                            Diagnostic::new(Code::D0111, l.span, format!("link target `{}` does not exist", l.href))
                                .help("point the link at an existing page")
                        }
                    };
                    diags.push(d);
                }
            }
        };
        for b in &page.blocks {
            match b {
                Block::Heading { inline, .. } | Block::Paragraph(inline) => visit(inline),
                Block::Table(t) => {
                    t.header.iter().for_each(&mut visit);
                    t.rows.iter().flatten().for_each(&mut visit);
                }
                _ => {}
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_joins_and_refuses_to_climb_out() {
        assert_eq!(normalize("api/a.md", "../resources/b.md").as_deref(), Some("resources/b.md"));
        assert_eq!(normalize("api/a.md", "c.md").as_deref(), Some("api/c.md"));
        assert_eq!(normalize("a.md", "../../x.md"), None);
    }
}
