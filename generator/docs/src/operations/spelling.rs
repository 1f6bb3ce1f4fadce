//! One spelling per path root. The service reads request paths without regard to letter
//! case, so the docs drift: `/directoryroles/{id}/scopedMembers` beside `/directoryRoles`.
//! Whatever keys by the root's text (the generated crate's endpoint modules) would then see
//! two roots, so every path's first segment is rewritten to one spelling per root:
//!
//! 1. the spelling of the pages that document the root itself (a path that is the root
//!    alone: its list, create or singleton page), the most used of those;
//! 2. else the spelling most pages use;
//!
//! ties to the first in byte order (capitals sort first: `directoryRoles` before
//! `directoryroles`). A page that writes another spelling is reported once per spelling,
//! at its first path so written (D0228).
//!
//! Later segments that name a property only case-insensitively are rewritten to the
//! property's declared name the same way, once the paths resolve ([`unify_segments`]).

use super::resolver::Resolver;
use super::PageOps;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::Segment;
use std::collections::{BTreeMap, BTreeSet};

/// How one spelling of a root is used: by how many pages that document the root alone,
/// and by how many pages at all; where it is first written (a declaring path first).
#[derive(Default, Clone, Copy)]
struct Use {
    declaring: usize,
    pages: usize,
    at: Option<(bool, Span)>,
}

impl Use {
    fn weight(&self) -> (usize, usize) {
        (self.declaring, self.pages)
    }
}

/// The name a first segment gives its root, if it names one (a name, a call, an address).
fn root_name(seg: &Segment) -> Option<&str> {
    match seg {
        Segment::Name(n) | Segment::Call { name: n, .. } | Segment::Address { item: n, .. } => Some(n),
        _ => None,
    }
}

fn rename(seg: &mut Segment, to: &str) {
    if let Segment::Name(n) | Segment::Call { name: n, .. } | Segment::Address { item: n, .. } = seg {
        *n = to.to_string();
    }
}

/// The spelling each root (by lower-case name) is written with, and where it is first
/// written, for roots written more than one way.
fn chosen(found: &[PageOps]) -> BTreeMap<String, (String, Span)> {
    let mut uses: BTreeMap<String, BTreeMap<String, Use>> = BTreeMap::new();
    for p in found {
        // each page counts once per spelling, at its first path so spelled
        let mut seen: BTreeMap<&str, (bool, Span)> = BTreeMap::new();
        for (i, path) in p.op.paths.iter().enumerate() {
            let Some(name) = path.segments.first().and_then(root_name) else { continue };
            let alone = path.segments.len() == 1 && matches!(path.segments.first(), Some(Segment::Name(_)));
            let at = p.path_spans.get(i).copied().unwrap_or_default();
            let e = seen.entry(name).or_insert((alone, at));
            if alone && !e.0 {
                *e = (true, at);
            }
        }
        for (name, (alone, at)) in seen {
            let u = uses.entry(name.to_ascii_lowercase()).or_default().entry(name.to_string()).or_default();
            u.pages += 1;
            u.declaring += usize::from(alone);
            if u.at.is_none_or(|(declaring, _)| alone && !declaring) {
                u.at = Some((alone, at));
            }
        }
    }
    uses.into_iter()
        .filter(|(_, spellings)| spellings.len() > 1)
        .filter_map(|(key, spellings)| {
            // the most used, ties to the first in byte order
            let best = spellings.iter().max_by(|a, b| a.1.weight().cmp(&b.1.weight()).then(b.0.cmp(a.0)))?;
            Some((key, (best.0.clone(), best.1.at.map(|a| a.1).unwrap_or_default())))
        })
        .collect()
}

/// Rewrites the first segment of every path of `found` to its root's one spelling, and
/// reports each page's other spellings.
pub fn unify_roots(found: &mut [PageOps], diags: &mut Diagnostics) {
    let chosen = chosen(found);
    if chosen.is_empty() {
        return;
    }
    for p in found.iter_mut() {
        let mut reported: BTreeSet<String> = BTreeSet::new();
        for (i, path) in p.op.paths.iter_mut().enumerate() {
            let Some(first) = path.segments.first_mut() else { continue };
            let Some(name) = root_name(first) else { continue };
            let Some((want, there)) = chosen.get(&name.to_ascii_lowercase()) else { continue };
            if name == want {
                continue;
            }
            if reported.insert(name.to_string()) {
                let at: Span = p.path_spans.get(i).copied().unwrap_or_default();
                diags.push(
                    Diagnostic::new(
                        Code::D0228,
                        at,
                        format!(
                            "the path starts with `{name}`, but the docs name this root `{want}`; read as `{want}`"
                        ),
                    )
                    .related(*there, "spelled so here")
                    .help(format!("write `{want}`")),
                );
            }
            rename(first, want);
        }
    }
}

/// Rewrites the segments of `p`'s paths that name a property only case-insensitively to
/// the property's declared name, and reports each other spelling once (D0228).
pub fn unify_segments(p: &mut PageOps, r: &Resolver, d: &mut Diagnostics) {
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    let mut respelled = Vec::new();
    for (i, path) in p.op.paths.iter_mut().enumerate() {
        respelled.clear();
        // a path that does not resolve is reported when the operation is finished
        let _ = r.resolve_noting(path, &mut respelled);
        for &(k, want) in &respelled {
            let Some(seg) = path.segments.get_mut(k) else { continue };
            let Some(name) = root_name(seg).map(str::to_string) else { continue };
            if name == want || !name.eq_ignore_ascii_case(want) {
                continue;
            }
            if reported.insert((name.clone(), want.to_string())) {
                let at = p.path_spans.get(i).copied().unwrap_or_default();
                d.push(
                    Diagnostic::new(
                        Code::D0228,
                        at,
                        format!(
                            "the path goes through `{name}`, which its type declares as `{want}`; read as `{want}`"
                        ),
                    )
                    .help(format!("write `{want}`")),
                );
            }
            rename(seg, want);
        }
    }
}
