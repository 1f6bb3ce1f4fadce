//! Path templates resolved segment by segment against the schema, with the roots (entity
//! sets, singletons) and bound operations read off the tree's operations.

use crate::extract::api::paths::{singular, texts};
use codegen_ir::{walk_bases, PathTemplate, Root, RootKind, Schema, TypeDef, TypeRef};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Resolves templates against the schema, with roots and bound operations collected from
/// the operations themselves.
#[derive(Debug, Default)]
pub struct Resolver<'a> {
    /// The types in qualified-name order, each with its bases.
    types: Vec<Known<'a>>,
    /// Qualified name -> index in `types` (asked for about a million times on v1.0: hashed).
    exact: FxHashMap<String, usize>,
    /// Lower-cased qualified name -> index in `types` (of names equal but for case, the last).
    lower: FxHashMap<String, usize>,
    /// Root name (lower-case) -> target.
    pub roots: BTreeMap<String, TypeRef>,
    /// Root name (lower-case) -> its spelling in the path that set it, and whether it was
    /// inferred.
    spelled: BTreeMap<String, (String, bool)>,
    /// Bound action/function name (lower-case) -> return type, if known.
    pub bound: BTreeMap<String, Option<TypeRef>>,
    /// Names bound operations return different types under (`delta`): untyped unless the
    /// binding type is known.
    ambiguous: std::collections::BTreeSet<String>,
    /// (name, binding type) -> return type, for operations whose binding path resolves.
    bound_on: BTreeMap<(String, String), Option<TypeRef>>,
    /// Property name (lower-case) -> (qualified, lower-case short name) of the entity and
    /// complex types that declare it, for [`Resolver::infer_roots`].
    owners: BTreeMap<String, Vec<(String, String)>>,
}

/// A type of the schema as the resolver knows it.
#[derive(Debug)]
struct Known<'a> {
    /// Its qualified name, with the docs' case.
    name: String,
    def: &'a TypeDef,
    /// The type and its bases, nearest first.
    chain: Vec<&'a TypeDef>,
}

/// A property of a type given by its [`Resolver::ancestors`], matched exactly, else
/// case-insensitively.
pub fn property_in<'a>(anc: &[&'a TypeDef], name: &str) -> Option<&'a codegen_ir::Property> {
    anc.iter()
        .flat_map(|t| t.properties.iter())
        .find(|p| p.name == name)
        .or_else(|| anc.iter().flat_map(|t| t.properties.iter()).find(|p| p.name.eq_ignore_ascii_case(name)))
}

fn bound_key(name: &str) -> String {
    name.split('(').next().unwrap_or(name).rsplit('.').next().unwrap_or(name).to_ascii_lowercase()
}

/// Why a template did not resolve: the segment index and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub segment: usize,
    pub message: String,
}

impl<'a> Resolver<'a> {
    pub fn new(schema: &'a Schema) -> Resolver<'a> {
        // of types with one qualified name, the last
        let by_name: BTreeMap<String, &TypeDef> =
            schema.types.iter().map(|t| (t.qualified().into_string(), t)).collect();
        let mut r = Resolver {
            types: Vec::with_capacity(by_name.len()),
            exact: FxHashMap::default(),
            lower: FxHashMap::default(),
            roots: BTreeMap::new(),
            spelled: BTreeMap::new(),
            bound: BTreeMap::new(),
            ambiguous: Default::default(),
            bound_on: BTreeMap::new(),
            owners: BTreeMap::new(),
        };
        for (i, (name, def)) in by_name.into_iter().enumerate() {
            r.exact.insert(name.clone(), i);
            r.lower.insert(name.to_ascii_lowercase(), i);
            r.types.push(Known { name, def, chain: Vec::new() });
        }
        let chains: Vec<Vec<&'a TypeDef>> = r.types.par_iter().map(|k| r.chain(k.def)).collect();
        for (k, chain) in r.types.iter_mut().zip(chains) {
            k.chain = chain;
        }
        for k in &r.types {
            if k.def.kind == codegen_ir::TypeKind::Enum {
                continue;
            }
            for p in &k.def.properties {
                r.owners
                    .entry(p.name.to_ascii_lowercase())
                    .or_default()
                    .push((k.name.clone(), k.def.name.to_ascii_lowercase()));
            }
        }
        r
    }

    /// The type a qualified name names: exactly, else but for case (not `Edm.` names).
    fn known(&self, qualified: &str) -> Option<&Known<'a>> {
        let i = match self.exact.get(qualified) {
            Some(i) => *i,
            None if qualified.starts_with("Edm.") => return None,
            None => *self.lower.get(&qualified.to_ascii_lowercase())?,
        };
        self.types.get(i)
    }

    /// Qualified name with the docs' case, matched case-insensitively.
    pub fn canonical(&self, qualified: &str) -> Option<&str> {
        self.known(qualified).map(|k| k.name.as_str())
    }

    /// The type a qualified name names, matched case-insensitively.
    pub fn def(&self, qualified: &str) -> Option<&'a TypeDef> {
        self.known(qualified).map(|k| k.def)
    }

    fn chain(&self, start: &'a TypeDef) -> Vec<&'a TypeDef> {
        let find = |n: &str| self.def(n);
        walk_bases(start, |t| t as *const TypeDef, |t| t.base.as_deref().and_then(find))
    }

    /// The type and its bases, nearest first (computed once per type).
    pub fn ancestors(&self, q: &str) -> &[&'a TypeDef] {
        self.known(q).map_or(&[], |k| k.chain.as_slice())
    }

    /// A property (inherited ones too), matched exactly, else case-insensitively.
    pub fn property(&self, q: &str, name: &str) -> Option<&'a codegen_ir::Property> {
        property_in(self.ancestors(q), name)
    }

    /// Number of properties a type has, inherited ones included.
    pub fn property_count(&self, q: &str) -> usize {
        self.ancestors(q).iter().map(|t| t.properties.len()).sum()
    }

    pub fn is_derived_or_same(&self, derived: &str, base: &str) -> bool {
        self.ancestors(derived).iter().any(|t| {
            base.len() == t.namespace.len() + 1 + t.name.len()
                && base.get(..t.namespace.len()).is_some_and(|n| n.eq_ignore_ascii_case(&t.namespace))
                && base.get(t.namespace.len() + 1..).is_some_and(|n| n.eq_ignore_ascii_case(&t.name))
        })
    }

    /// Records a root from a path: its first segment and what it leads to.
    pub fn add_root(&mut self, name: &str, target: TypeRef) {
        let spelling = name.split('(').next().unwrap_or(name);
        let key = spelling.to_ascii_lowercase();
        match self.roots.get(&key) {
            // a collection beats a single (the list page names the entity set)
            Some(old) if old.collection || !target.collection => {}
            _ => {
                self.spelled.insert(key.clone(), (spelling.to_string(), false));
                self.roots.insert(key, target);
            }
        }
    }

    pub fn add_bound(&mut self, name: &str, ret: Option<TypeRef>) {
        let key = bound_key(name);
        let slot = self.bound.entry(key.clone()).or_insert(None);
        match (slot.as_ref(), ret) {
            (None, r) => *slot = r,
            (Some(old), Some(new)) if *old != new => {
                self.ambiguous.insert(key);
            }
            _ => {}
        }
    }

    /// True when `name` is a known bound action or function.
    pub fn is_bound(&self, name: &str) -> bool {
        self.bound.contains_key(&bound_key(name))
    }

    /// Records the return type of a bound operation on one binding type.
    pub fn add_bound_on(&mut self, name: &str, binding: &str, ret: Option<TypeRef>) {
        self.bound_on.entry((bound_key(name), binding.to_string())).or_insert(ret);
    }

    /// The return of bound `short` (lower-case) on `binding` (or a base of it).
    fn bound_return(&self, short: &str, binding: &str) -> Option<Option<TypeRef>> {
        for a in self.ancestors(binding) {
            if let Some(r) = self.bound_on.get(&(short.to_string(), a.qualified().into_string())) {
                return Some(r.clone());
            }
        }
        let r = self.bound.get(short)?;
        Some(if self.ambiguous.contains(short) { None } else { r.clone() })
    }

    /// Walks a template; `Ok(None)` when it resolves to something untyped (an action).
    pub fn resolve(&self, template: &PathTemplate) -> Result<Option<TypeRef>, Unresolved> {
        self.resolve_noting(template, &mut Vec::new())
    }

    /// [`Resolver::resolve`], noting in `respelled` each segment (by index) that names a
    /// property only case-insensitively, with the property's declared name.
    pub fn resolve_noting(
        &self,
        template: &PathTemplate,
        respelled: &mut Vec<(usize, &'a str)>,
    ) -> Result<Option<TypeRef>, Unresolved> {
        let texts = texts(template);
        let segs: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
        let Some(first) = segs.first() else {
            return Err(Unresolved { segment: 0, message: String::from("the path is empty") });
        };
        let root = first.split('(').next().unwrap_or(first).to_ascii_lowercase();
        let keyed = first.contains('(') && !first.ends_with("()");
        let mut cur: Option<TypeRef> = match self.roots.get(&root) {
            Some(t) if keyed && t.collection => Some(TypeRef { name: t.name.clone(), collection: false }),
            Some(t) => Some(t.clone()),
            None if self.bound.contains_key(&root) => self.bound.get(&root).cloned().flatten(),
            None => {
                return Err(Unresolved {
                    segment: 0,
                    message: format!("`{first}` is no entity set or singleton that any operation lists"),
                })
            }
        };
        let mut open_address = false;
        for (i, seg) in segs.iter().enumerate().skip(1) {
            if std::mem::take(&mut open_address) {
                // `root:/{item-path}` with no closing colon: the path is the item's
                continue;
            }
            open_address = seg.ends_with(':') && seg.matches(':').count() == 1;
            // `root:/a/b:` and `{id}:/name:` address an item by path: resolve what comes
            // before the colon, which then stands for one item
            let (seg, addressed) = match seg.find(':') {
                Some(p) => (seg.get(..p).unwrap_or(""), true),
                None => (*seg, false),
            };
            if matches!(seg, "$value" | "$ref" | "$count") || seg.is_empty() {
                if addressed {
                    if let Some(t) = cur.as_mut() {
                        t.collection = false;
                    }
                }
                continue;
            }
            if addressed {
                let r = self.step(cur.clone(), seg, i, respelled)?;
                cur = r.map(|t| TypeRef { name: t.name, collection: false });
                continue;
            }
            cur = self.step(cur, seg, i, respelled)?;
        }
        Ok(cur)
    }

    /// One segment after the root.
    fn step(
        &self,
        cur: Option<TypeRef>,
        seg: &str,
        i: usize,
        respelled: &mut Vec<(usize, &'a str)>,
    ) -> Result<Option<TypeRef>, Unresolved> {
        {
            let Some(t) = cur.clone() else {
                // after an untyped action or function, anything goes
                return Ok(None);
            };
            if seg.starts_with('{') {
                if !t.collection {
                    return Err(Unresolved {
                        segment: i,
                        message: format!("key `{seg}` follows a single `{}`, not a collection", t.name),
                    });
                }
                return Ok(Some(TypeRef { name: t.name, collection: false }));
            }
            let name = seg.split('(').next().unwrap_or(seg);
            if name.contains('.') {
                if let Some(c) = self.canonical(name) {
                    return Ok(Some(TypeRef { name: c.into(), collection: t.collection }));
                }
            }
            if !t.collection {
                if let Some(p) = self.property(&t.name, name) {
                    if p.name != name {
                        respelled.push((i, p.name.as_str()));
                    }
                    // `items('{id}')`: a key in parentheses picks one element
                    let keyed = seg.contains('(') && !seg.ends_with("()");
                    return Ok(Some(TypeRef { name: p.ty.name.clone(), collection: p.ty.collection && !keyed }));
                }
            }
            let short = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
            if let Some(ret) = self.bound_return(&short, &t.name) {
                return Ok(ret);
            }
            let what = t.display();
            Err(Unresolved {
                segment: i,
                message: format!("`{name}` is no property, action, function or cast of `{what}`"),
            })
        }
    }

    /// The roots as IR items, by name. A root whose type is no documented entity or complex
    /// type is left out (paths through it do not resolve either).
    pub fn ir_roots(&self) -> Vec<Root> {
        let mut out = Vec::new();
        for (key, t) in &self.roots {
            let Some((name, inferred)) = self.spelled.get(key) else { continue };
            let Some(q) = self.canonical(&t.name) else { continue };
            let kind = if t.collection { RootKind::EntitySet } else { RootKind::Singleton };
            out.push(Root {
                name: name.clone(),
                kind,
                type_name: q.into(),
                inferred: *inferred,
                description: String::new(),
                source: None,
            });
        }
        out
    }

    /// A path whose first segment is no known root nor bound operation: that segment
    /// lower-cased and as written, whether a key follows it and the name after it (what
    /// [`Resolver::infer_roots`] weighs).
    fn unknown_root<'p>(&self, path: &'p PathTemplate) -> Option<(String, &'p str, bool, String)> {
        // a parameter or a call (the only segments whose text is made) is never a root
        let std::borrow::Cow::Borrowed(first) = path.segments.first()?.text() else { return None };
        if first.contains('(') || first.starts_with('{') || first.contains(':') {
            return None;
        }
        let root = first.to_ascii_lowercase();
        if self.roots.contains_key(&root) || self.bound.contains_key(&root) {
            return None;
        }
        let texts = texts(path);
        let segs: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
        let keyed = segs.get(1).is_some_and(|s| s.starts_with('{'));
        let next = segs.get(if keyed { 2 } else { 1 }).copied().unwrap_or("");
        let next = next.split(['(', ':']).next().unwrap_or("");
        if next.is_empty() || next.starts_with('$') || next.starts_with('{') || next.contains('.') {
            return None;
        }
        Some((root, first, keyed, next.to_string()))
    }

    /// Roots no operation lists on its own (`/education/classes`, `/drives/{id}/items`):
    /// the type that declares the segments that follow them, preferring one named like
    /// the root. `paths` are all templates of the tree.
    pub fn infer_roots<'p>(&mut self, paths: impl IntoParallelIterator<Item = &'p PathTemplate>) {
        // (root, first segment, whether a key follows it, the name after it), on every core
        let seen: Vec<(String, &'p str, bool, String)> = {
            let this = &*self;
            paths.into_par_iter().filter_map(|path| this.unknown_root(path)).collect()
        };
        let mut wanted: BTreeMap<String, (bool, Vec<String>)> = BTreeMap::new();
        for (root, first, keyed, next) in seen {
            self.spelled.entry(root.clone()).or_insert_with(|| (first.to_string(), true));
            let e = wanted.entry(root).or_insert((keyed, Vec::new()));
            e.0 |= keyed;
            if !e.1.iter().any(|n| n.eq_ignore_ascii_case(&next)) {
                e.1.push(next);
            }
        }
        if wanted.is_empty() {
            return;
        }
        let owners = &self.owners;
        for (root, (keyed, next)) in wanted {
            let single = singular(&root).to_ascii_lowercase();
            let mut best: Option<(usize, u8, &str)> = None;
            let mut candidates: Vec<&(String, String)> =
                next.iter().filter_map(|n| owners.get(&n.to_ascii_lowercase())).flatten().collect();
            candidates.sort();
            candidates.dedup();
            for (q, short) in candidates {
                let score = next.iter().filter(|n| self.property(q, n).is_some()).count();
                if score == 0 || score * 2 < next.len() {
                    continue;
                }
                let like = if *short == root || *short == single {
                    3
                } else if short.starts_with(&single) || single.starts_with(short.as_str()) {
                    2
                } else if short.contains(&single) {
                    1
                } else {
                    0
                };
                let better = match best {
                    None => true,
                    Some((s, l, _)) => (score, like) > (s, l),
                };
                if better {
                    best = Some((score, like, q.as_str()));
                }
            }
            if let Some((_, _, q)) = best {
                let q = q.to_string();
                self.roots.insert(root, TypeRef { name: q.into(), collection: keyed });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_inputs_do_not_panic() {
        let schema = Schema::default();
        let r = Resolver::new(&schema);
        for s in ["", "/", "(", "{", "/a(b", "/é(ü)", "/x/é{", ":", "/:/", "root:/", "/a/b:", "/(=)", "/a/'{b}'/é"]
        {
            let _ = r.resolve(&PathTemplate::parse(s));
        }
    }
}
