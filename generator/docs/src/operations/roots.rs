//! Roots (entity sets and singletons) and bound operations, read off the operations'
//! paths, and the response type each page promises.

use super::resolver::Resolver;
use super::PageOps;
use codegen_ir::{HttpMethod, PathTemplate, TypeRef};

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

/// Roots (entity sets and singletons) and bound operations, read off the operations' paths.
pub fn collect_roots(found: &[PageOps], r: &mut Resolver) {
    for p in found {
        let ret = promised(p);
        let body = p.op.request_body.as_ref().map(|b| TypeRef { name: b.name.clone(), collection: false });
        for path in &p.op.paths {
            let texts = crate::extract::api::paths::texts(path);
            let segs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let first = segs.first().copied().unwrap_or("");
            if first.contains('(') || first.starts_with('{') {
                continue;
            }
            let key_second = segs.get(1).is_some_and(|s| s.starts_with('{'));
            match (p.op.method, segs.len()) {
                (HttpMethod::Get, 1) => {
                    if let Some(t) = &ret {
                        r.add_root(first, t.clone());
                    }
                }
                (HttpMethod::Post, 1) => {
                    if let Some(t) = body.clone().or(ret.clone()) {
                        r.add_root(first, TypeRef { name: t.name, collection: true });
                    }
                }
                (_, 2) if key_second => {
                    if let Some(t) = ret.clone().filter(|t| !t.collection).or(body.clone()) {
                        r.add_root(first, TypeRef { name: t.name, collection: true });
                    }
                }
                _ => {}
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
                    r.add_bound(last, ret.clone());
                }
            }
        }
    }
}

/// Binding types of bound operations: the type the path before the operation leads to.
pub fn bind_operations(found: &[PageOps], r: &mut Resolver) {
    let mut bindings = Vec::new();
    for p in found {
        for path in &p.op.paths {
            let Some((last, before)) = path.segments.split_last() else { continue };
            let last = last.to_string();
            if before.is_empty() || !r.is_bound(&last) {
                continue;
            }
            let prefix = PathTemplate { segments: before.to_vec() };
            if let Ok(Some(t)) = r.resolve(&prefix) {
                bindings.push((last.to_string(), t.name, promised(p)));
            }
        }
    }
    for (name, binding, ret) in bindings {
        r.add_bound_on(&name, &binding, ret);
    }
}
