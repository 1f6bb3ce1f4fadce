//! Pairs the docs' items with the metadata's: types by qualified name (else ignoring case,
//! when that is unique), properties and members by name (else ignoring case), operations by
//! method and normalized path. Shared by the merge and the lint, so both see one pairing.

use codegen_ir::{Operation, Property, QualifiedName, Schema, TypeDef};
use std::collections::BTreeMap;

/// The docs type -> metadata type pairing, both ways, and how each pair was found.
pub struct Pairs {
    /// Docs qualified name -> (metadata qualified name, matched only ignoring case).
    pub docs_to_meta: BTreeMap<String, (String, bool)>,
    pub meta_to_docs: BTreeMap<String, String>,
}

impl Pairs {
    pub fn new(docs: &Schema, meta: &Schema) -> Pairs {
        let meta_names: BTreeMap<String, ()> = meta.types.iter().map(|t| (t.qualified().into_string(), ())).collect();
        let mut lower: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for q in meta_names.keys() {
            lower.entry(q.to_lowercase()).or_default().push(q.clone());
        }
        let mut docs_to_meta = BTreeMap::new();
        let mut meta_to_docs = BTreeMap::new();
        // exact names first, so a miscased docs type never takes an exact pair's place
        for t in &docs.types {
            let q = t.qualified().into_string();
            if meta_names.contains_key(&q) {
                meta_to_docs.insert(q.clone(), q.clone());
                docs_to_meta.insert(q.clone(), (q, false));
            }
        }
        for t in &docs.types {
            let q = t.qualified().into_string();
            if docs_to_meta.contains_key(&q) {
                continue;
            }
            if let Some([m]) = lower.get(&q.to_lowercase()).map(Vec::as_slice) {
                if !meta_to_docs.contains_key(m) {
                    meta_to_docs.insert(m.clone(), q.clone());
                    docs_to_meta.insert(q, (m.clone(), true));
                }
            }
        }
        Pairs { docs_to_meta, meta_to_docs }
    }

    /// The metadata's name of a docs type reference (unchanged when it has no pair).
    pub fn rename(&self, docs_name: &str) -> QualifiedName {
        self.docs_to_meta.get(docs_name).map_or_else(|| docs_name.into(), |(m, _)| m.as_str().into())
    }
}

/// The docs property of a metadata property's name: exact, else ignoring case.
pub fn property<'a>(docs: &'a TypeDef, name: &str) -> Option<&'a Property> {
    docs.properties
        .iter()
        .find(|p| p.name == name)
        .or_else(|| docs.properties.iter().find(|p| p.name.eq_ignore_ascii_case(name)))
}

/// `METHOD /a/{}/b()` with keys, parameters and namespace qualifiers dropped, lower-cased:
/// the same request whatever the placeholder names or function-call spelling.
pub fn path_key(method: &str, path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default().trim();
    let mut out = String::with_capacity(path.len() + 8);
    out.push_str(&method.to_ascii_uppercase());
    out.push(' ');
    for seg in crate::paths::segments(path) {
        out.push('/');
        if seg.starts_with('{') || (seg.starts_with('(') && seg.ends_with(')')) {
            out.push_str("{}");
            continue;
        }
        let (head, call) = match seg.find('(') {
            Some(i) => (&seg[..i], true),
            None => (seg, false),
        };
        let head = head.rsplit('.').next().unwrap_or(head);
        out.push_str(&head.to_lowercase());
        if call {
            out.push_str("()");
        }
    }
    out
}

/// Every path key of an operation.
pub fn keys(op: &Operation) -> Vec<String> {
    op.paths.iter().map(|p| path_key(op.method.as_str(), &p.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_keys() {
        assert_eq!(
            path_key("get", "/users/{user-id}/microsoft.graph.reminderView(a='{a}')"),
            "GET /users/{}/reminderview()"
        );
        assert_eq!(
            path_key("GET", "/Users/{id | userPrincipalName}/reminderView(a={x})?$top=1"),
            "GET /users/{}/reminderview()"
        );
        assert_eq!(path_key("POST", "/me/drive/root:/a/b:/content"), "POST /me/drive/root:/content");
    }
}
