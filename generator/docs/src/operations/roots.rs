//! Roots (entity sets and singletons) and bound operations, read off the operations'
//! paths, and the response type each page promises.

use super::resolver::Resolver;
use super::PageOps;
use codegen_ir::{HttpMethod, PathTemplate, TypeRef};
use rayon::prelude::*;

/// The response type the page promises: prose first, then the example annotation.
pub fn promised(p: &PageOps) -> Option<TypeRef> {
    if let Some(pr) = &p.prose {
        if pr.no_content && pr.type_name.is_none() {
            return None;
        }
        if let Some(t) = &pr.type_name {
            let example_coll = p.example_type.as_ref().is_some_and(|e| e.1 && e.0.eq_ignore_ascii_case(t));
            return Some(TypeRef {
                name: t.as_str().into(),
                collection: pr.collection || example_coll || p.value_array,
            });
        }
    }
    p.example_type.as_ref().map(|e| TypeRef { name: e.0.as_str().into(), collection: e.1 || p.value_array })
}

/// What one path says: a root (its first segment and what it leads to) or a bound
/// operation (its last segment and what it answers).
enum Sighting {
    Root(String, TypeRef),
    Bound(String, Option<TypeRef>),
}

/// Roots (entity sets and singletons) and bound operations, read off the operations' paths:
/// the pages read on every core, what they say recorded in page order.
pub fn collect_roots(found: &[PageOps], r: &mut Resolver) {
    let seen: Vec<Vec<Sighting>> = found.par_iter().map(sightings).collect();
    for s in seen.into_iter().flatten() {
        match s {
            Sighting::Root(name, target) => r.add_root(&name, target),
            Sighting::Bound(name, ret) => r.add_bound(&name, ret),
        }
    }
}

/// The roots and bound operations the paths of one page name, in path order.
fn sightings(p: &PageOps) -> Vec<Sighting> {
    let mut out = Vec::new();
    {
        let ret = promised(p);
        let body = p.op.request_body.as_ref().map(|b| TypeRef { name: b.name.clone(), collection: false });
        for path in &p.op.paths {
            let texts = crate::extract::api::paths::texts(path);
            let segs: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
            let first = segs.first().copied().unwrap_or("");
            if first.contains('(') || first.starts_with('{') {
                continue;
            }
            let key_second = segs.get(1).is_some_and(|s| s.starts_with('{'));
            let root = match (p.op.method, segs.len()) {
                (HttpMethod::Get, 1) => ret.clone(),
                (HttpMethod::Post, 1) => {
                    body.clone().or(ret.clone()).map(|t| TypeRef { name: t.name, collection: true })
                }
                (_, 2) if key_second => ret
                    .clone()
                    .filter(|t| !t.collection)
                    .or(body.clone())
                    .map(|t| TypeRef { name: t.name, collection: true }),
                _ => None,
            };
            if let Some(t) = root {
                out.push(Sighting::Root(first.to_string(), t));
            }
            // bound actions and functions: the last segment of a POST without a resource body,
            // or any call with parentheses
            if let Some(last) = segs.last() {
                let is_call = last.contains('(') && !last.starts_with('{');
                // Graph titles actions and functions `type: name`
                // and a POST without a resource body to a name that is no plural collection is
                // an action too (`/follow`, `/checkin`)
                let bare_post = p.op.method == HttpMethod::Post && p.op.request_body.is_none() && !last.ends_with('s');
                let is_action = segs.len() > 1 && (p.action || p.op.title.contains(':') || bare_post);
                if (is_call || is_action) && !last.starts_with('$') && !last.starts_with('{') && !last.contains(':') {
                    out.push(Sighting::Bound(last.to_string(), ret.clone()));
                }
            }
        }
    }
    out
}

/// Binding types of bound operations: the type the path before the operation leads to
/// (paths resolved on every core, recorded in page order).
pub fn bind_operations(found: &[PageOps], r: &mut Resolver) {
    let bindings: Vec<(String, codegen_ir::QualifiedName, Option<TypeRef>)> = {
        let r = &*r;
        found
            .par_iter()
            .flat_map_iter(|p| {
                p.op.paths.iter().filter_map(move |path| {
                    let (last, before) = path.segments.split_last()?;
                    let last = last.to_string();
                    if before.is_empty() || !r.is_bound(&last) {
                        return None;
                    }
                    let prefix = PathTemplate { segments: before.to_vec() };
                    match r.resolve(&prefix) {
                        Ok(Some(t)) => Some((last, t.name, promised(p))),
                        _ => None,
                    }
                })
            })
            .collect()
    };
    for (name, binding, ret) in bindings {
        r.add_bound_on(&name, &binding, ret);
    }
}
