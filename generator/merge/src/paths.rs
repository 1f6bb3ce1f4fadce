//! Walks a request path through the metadata's IR as a service resolves it: a root (entity
//! set, singleton, action or function import), then per segment a key, a property
//! (inherited ones too), a cast to a type, or a bound action or function whose binding type
//! is the current type or one of its bases; after a collection, any other literal is a key
//! (key-as-segment, `mailFolders/inbox`). Names compare ignoring case, as Graph does;
//! `$value`, `$ref` and `$count` pass, and `root:/path:` addresses an item of `root`'s type.

use codegen_ir::{Schema, TypeDef};
use std::collections::BTreeMap;

/// Splits a path on `/` outside `{...}` and `(...)`, with `root:/a/b:` addressing as one
/// `root:` segment.
pub fn segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = path.as_bytes();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'(' => depth += 1,
            b'}' | b')' => depth -= 1,
            b':' if depth <= 0 && bytes.get(i + 1) == Some(&b'/') => {
                // `x:/a/b:` -> `x:`; the addressed path runs to the next `:` (or the end)
                let rest = path.get(i + 2..).unwrap_or_default();
                let end = rest.find(':').map_or(bytes.len(), |e| i + 2 + e + 1);
                if let Some(s) = path.get(start..=i) {
                    out.push(s);
                }
                start = end;
                i = end;
                continue;
            }
            b'/' if depth <= 0 => {
                if let Some(s) = path.get(start..i) {
                    out.push(s);
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = path.get(start..) {
        out.push(s);
    }
    out.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// A type reference: qualified name and collection flag.
type Shape = (String, bool);

/// What the walker knows of the metadata.
pub struct Walker<'a> {
    types: BTreeMap<String, &'a TypeDef>,
    lower: BTreeMap<String, String>,
    roots: BTreeMap<String, (String, bool)>,
    /// Short lower-case name -> (binding type, collection, result).
    bound: BTreeMap<String, Vec<(String, bool, Option<Shape>)>>,
}

impl<'a> Walker<'a> {
    pub fn new(meta: &'a Schema) -> Walker<'a> {
        let types: BTreeMap<String, &TypeDef> = meta.types.iter().map(|t| (t.qualified().into_string(), t)).collect();
        let lower = types.keys().map(|q| (q.to_lowercase(), q.clone())).collect();
        let mut roots: BTreeMap<String, (String, bool)> = meta
            .roots
            .iter()
            .map(|r| (r.name.to_lowercase(), (r.type_name.to_string(), r.kind == codegen_ir::RootKind::EntitySet)))
            .collect();
        let mut bound: BTreeMap<String, Vec<_>> = BTreeMap::new();
        for op in &meta.operations {
            let Some(c) = &op.callable else { continue };
            let result = op.response.as_ref().and_then(|r| r.body.as_ref()).map(|b| (b.name.to_string(), b.collection));
            let short = c.name.rsplit('.').next().unwrap_or(&c.name).to_lowercase();
            match &c.bound_to {
                Some(b) => bound.entry(short).or_default().push((b.name.to_string(), b.collection, result)),
                None => {
                    // an import: its path's first segment is a root
                    for p in &op.paths {
                        let p = p.to_string();
                        let first =
                            p.trim_start_matches('/').split(['/', '(']).next().unwrap_or_default().to_lowercase();
                        roots.entry(first).or_insert_with(|| result.clone().unwrap_or(("Edm.Untyped".into(), false)));
                    }
                }
            }
        }
        Walker { types, lower, roots, bound }
    }

    fn ancestors(&self, q: &str) -> Vec<&'a TypeDef> {
        let mut out: Vec<&TypeDef> = Vec::new();
        let mut cur = self.types.get(q).copied();
        while let Some(t) = cur {
            if out.iter().any(|o| o.qualified().into_string() == t.qualified().into_string()) {
                break;
            }
            out.push(t);
            cur = t.base.as_deref().and_then(|b| self.types.get(b).copied());
        }
        out
    }

    /// `Ok(type, collection)` the path leads to, or `Err(why)`.
    pub fn resolve(&self, path: &str) -> Result<(String, bool), String> {
        let path = path.split('?').next().unwrap_or_default();
        let segs = segments(path);
        let Some(first) = segs.first() else { return Err("empty path".into()) };
        let name = first.split('(').next().unwrap_or(first).to_lowercase();
        let Some(mut cur) = self.roots.get(&name).cloned() else {
            return Err(format!("`{name}` is no entity set, singleton or import"));
        };
        if first.contains('(') && cur.1 {
            cur.1 = false;
        }
        for s in segs.iter().skip(1) {
            if matches!(*s, "$value" | "$ref" | "$count") {
                continue;
            }
            if let Some(item) = s.strip_suffix(':') {
                // `root:/a/b:` addresses an item below `root` by its path: an item of the
                // navigation property's type (a drive item's children are drive items)
                let found = (!cur.1)
                    .then(|| {
                        self.ancestors(&cur.0)
                            .into_iter()
                            .find_map(|t| t.properties.iter().find(|p| p.name.eq_ignore_ascii_case(item)))
                    })
                    .flatten();
                if let Some(p) = found {
                    cur = (p.ty.name.to_string(), false);
                }
                continue;
            }
            if s.starts_with('{') || (s.starts_with('(') && s.ends_with(')')) {
                if !cur.1 {
                    return Err(format!("a key `{s}` after a single `{}`", cur.0));
                }
                cur.1 = false;
                continue;
            }
            let name = s.split('(').next().unwrap_or(s);
            if let Some(q) = self.lower.get(&name.to_lowercase()) {
                cur.0 = q.clone();
                continue;
            }
            if !cur.1 {
                let found = self.ancestors(&cur.0).into_iter().find_map(|t| {
                    t.properties
                        .iter()
                        .find(|p| p.name.eq_ignore_ascii_case(name))
                        .map(|p| (p.ty.name.to_string(), p.ty.collection))
                });
                if let Some(p) = found {
                    cur = p;
                    if s.contains('(') && cur.1 {
                        cur.1 = false;
                    }
                    continue;
                }
            }
            let short = name.rsplit('.').next().unwrap_or(name).to_lowercase();
            let chain: Vec<String> = self.ancestors(&cur.0).iter().map(|t| t.qualified().into_string()).collect();
            let hit = self.bound.get(&short).and_then(|cands| {
                cands.iter().find(|(b, coll, _)| *coll == cur.1 && (chain.contains(b) || *b == cur.0))
            });
            match hit {
                Some((_, _, result)) => cur = result.clone().unwrap_or(("Edm.Untyped".into(), false)),
                // key-as-segment: a literal key after a collection (`mailFolders/inbox`)
                None if cur.1 && !s.contains('(') => cur.1 = false,
                None => {
                    return Err(format!(
                        "`{name}` is no property, cast, action or function of `{}`{}",
                        cur.0,
                        if cur.1 { " (a collection)" } else { "" }
                    ))
                }
            }
        }
        Ok(cur)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_addressing_leads_to_the_item_of_the_navigation() {
        let json = r#"{"ir_version":1,"types":[
            {"name":"drive","namespace":"n","kind":"entity","base":null,"abstract":false,"open":false,"key":["id"],
             "properties":[{"name":"root","type":"n.item","collection":false,"nullable":true,"navigation":true}],
             "members":[],"flags":false,"sources":[]},
            {"name":"item","namespace":"n","kind":"entity","base":null,"abstract":false,"open":false,"key":["id"],
             "properties":[{"name":"content","type":"Edm.Stream","collection":false,"nullable":true,"navigation":false}],
             "members":[],"flags":false,"sources":[]}],
            "operations":[],"roots":[{"name":"drives","kind":"entity_set","type":"n.drive"}]}"#;
        let s: Schema = serde_json::from_str(json).expect("schema");
        let w = Walker::new(&s);
        assert_eq!(w.resolve("/drives/{id}/root:/a/b.txt:/content"), Ok(("Edm.Stream".to_string(), false)));
        assert_eq!(w.resolve("/drives/{id}/root:/a/b.txt"), Ok(("n.item".to_string(), false)));
        assert!(w.resolve("/drives/{id}/nothing").is_err());
        assert_eq!(w.resolve("/drives/b!x/root"), Ok(("n.item".to_string(), false)), "a literal key");
        assert!(w.resolve("/volumes").is_err());
    }

    #[test]
    fn split() {
        assert_eq!(segments("/a/{b/c}/f(x='/')/d"), ["a", "{b/c}", "f(x='/')", "d"]);
        assert_eq!(segments("/me/drive/root:/x/y.txt:/content"), ["me", "drive", "root:", "content"]);
        assert_eq!(segments("/me/drive/root:/x/y.txt"), ["me", "drive", "root:"]);
    }
}
