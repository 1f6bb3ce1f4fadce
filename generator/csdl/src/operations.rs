//! Which operations a metadata-only IR has (plans; [`crate::lower`] turns them into IR).
//!
//! The rule: what the entity container addresses within one navigation step.
//! - an entity set: list and create at `/set`, get, update and delete at `/set/{type-id}`;
//! - a singleton: get and update at `/name`;
//! - each navigation property of a set's item or a singleton (inherited ones too): get at
//!   `.../nav`; for a contained collection also create there and get, update and delete
//!   at `.../nav/{type-id}`;
//! - requests the capabilities annotations deny (`Insertable`, `Updatable`, `Deletable`,
//!   `Readable` false) are left out;
//! - each action or function import at `/name` (a function's parameters in the path);
//! - each bound action or function at every one of those addresses whose type is its
//!   binding type or derives from it (at most [`MAX_PATHS`]), namespace-free when it lives
//!   in the container's namespace; one that no address reaches is kept without a path
//!   (the lint resolves docs paths through it).
//!
//! Deeper paths (`/me/mailFolders/{id}/messages/{id}`) are not enumerated: they are
//! unbounded, and the docs say which of them the service serves.

use crate::annotations::Index;
use crate::capabilities::{self, Capabilities, Custom};
use crate::check::ancestors;
use crate::model::*;
use codegen_core::diag::Span;
use std::collections::BTreeMap;

/// Paths kept per bound action or function.
pub const MAX_PATHS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    List,
    Get,
    Create,
    Update,
    Delete,
    Call,
}

/// Key placeholders of a path: name and the entity type each keys.
type Keys = Vec<(String, String)>;

#[derive(Debug, Clone)]
pub struct Plan {
    pub verb: Verb,
    pub method: &'static str,
    pub paths: Vec<String>,
    /// Key placeholders of the paths: name and the entity type it keys.
    pub keys: Keys,
    /// The type the path leads to (the body of create and update, the answer of get).
    pub target: Option<TypeName>,
    /// Index into the model's callables.
    pub callable: Option<usize>,
    pub caps: Capabilities,
    pub nav_query: Vec<Custom>,
    pub span: Span,
    pub description: Option<String>,
}

/// One address: path, the type there and whether it is a collection.
#[derive(Debug, Clone)]
struct Address {
    path: String,
    ty: String,
    collection: bool,
    keys: Vec<(String, String)>,
}

pub fn plan(model: &Model, index: &Index) -> Vec<Plan> {
    let by_q: BTreeMap<String, &TypeEl> = model.types.iter().map(|t| (t.qualified(), t)).collect();
    let container_ns: Option<&str> = model
        .roots
        .first()
        .and_then(|r| r.path.rsplit_once('/'))
        .and_then(|(c, _)| c.rsplit_once('.'))
        .map(|(ns, _)| ns);
    let mut plans = Vec::new();
    let mut addresses: Vec<Address> = Vec::new();
    for r in &model.roots {
        let own = index.of(&r.annotations, &r.path);
        let base = |verb, method, path: &str, keys: &[(String, String)], target, caps: &Capabilities| Plan {
            verb,
            method,
            paths: vec![path.to_string()],
            keys: keys.to_vec(),
            target,
            callable: None,
            caps: caps.clone(),
            nav_query: Vec::new(),
            span: r.span,
            description: index.description(&r.annotations, &r.path),
        };
        match r.kind {
            RootKind::EntitySet | RootKind::Singleton => {
                let Some(t) = by_q.get(&r.target) else { continue };
                let type_annots = index.of(&t.annotations, &r.target);
                let caps = capabilities::of(&own, &type_annots);
                let one = TypeName { name: r.target.clone(), collection: false };
                let root = format!("/{}", r.name);
                if r.kind == RootKind::EntitySet {
                    let key = key_name(&t.name, &[]);
                    let item = format!("{root}/{{{key}}}");
                    let keys = vec![(key, r.target.clone())];
                    let many = TypeName { name: r.target.clone(), collection: true };
                    if caps.readable {
                        plans.push(base(Verb::List, "GET", &root, &[], Some(many), &caps));
                        plans.push(base(Verb::Get, "GET", &item, &keys, Some(one.clone()), &caps));
                    }
                    if caps.insertable {
                        plans.push(base(Verb::Create, "POST", &root, &[], Some(one.clone()), &caps));
                    }
                    if caps.updatable {
                        plans.push(base(Verb::Update, "PATCH", &item, &keys, Some(one.clone()), &caps));
                    }
                    if caps.deletable {
                        plans.push(base(Verb::Delete, "DELETE", &item, &keys, None, &caps));
                    }
                    addresses.push(Address { path: root, ty: r.target.clone(), collection: true, keys: Vec::new() });
                    addresses.push(Address { path: item, ty: r.target.clone(), collection: false, keys });
                } else {
                    if caps.readable {
                        plans.push(base(Verb::Get, "GET", &root, &[], Some(one.clone()), &caps));
                    }
                    if caps.updatable {
                        plans.push(base(Verb::Update, "PATCH", &root, &[], Some(one), &caps));
                    }
                    addresses.push(Address { path: root, ty: r.target.clone(), collection: false, keys: Vec::new() });
                }
            }
            RootKind::ActionImport | RootKind::FunctionImport => {
                for (i, c) in model.callables.iter().enumerate() {
                    if c.qualified() != r.target || c.bound {
                        continue;
                    }
                    let mut p =
                        base(Verb::Call, method_of(c), &format!("/{}", r.name), &[], None, &Capabilities::default());
                    p.paths = vec![format!("/{}{}", r.name, function_args(c))];
                    p.callable = Some(i);
                    p.description = index.description(&c.annotations, &c.qualified()).or(p.description);
                    plans.push(p);
                }
            }
        }
    }
    // one navigation step from every item address
    let items: Vec<Address> = addresses.iter().filter(|a| !a.collection).cloned().collect();
    for a in &items {
        let Some(t) = by_q.get(&a.ty) else { continue };
        let root_annots: Vec<&crate::annotations::Annotation> = model
            .roots
            .iter()
            .filter(|r| a.path.trim_start_matches('/').split('/').next() == Some(r.name.as_str()))
            .flat_map(|r| index.of(&r.annotations, &r.path))
            .collect();
        for owner in std::iter::once(*t).chain(ancestors(&by_q, t)) {
            for p in owner.properties.iter().filter(|p| p.navigation) {
                let target = format!("{}/{}", owner.qualified(), p.name);
                let own = index.of(&p.annotations, &target);
                let caps = capabilities::of(&own, &[]);
                let path = format!("{}/{}", a.path, p.name);
                let nav_query = capabilities::navigation_query(&root_annots, &p.name);
                let mk = |verb, method, path: &str, keys: &[(String, String)], target| Plan {
                    verb,
                    method,
                    paths: vec![path.to_string()],
                    keys: keys.to_vec(),
                    target,
                    callable: None,
                    caps: caps.clone(),
                    nav_query: nav_query.clone(),
                    span: p.span,
                    description: index.description(&p.annotations, &format!("{}/{}", owner.qualified(), p.name)),
                };
                let one = TypeName { name: p.ty.name.clone(), collection: false };
                if caps.readable {
                    plans.push(mk(
                        if p.ty.collection { Verb::List } else { Verb::Get },
                        "GET",
                        &path,
                        &a.keys,
                        Some(p.ty.clone()),
                    ));
                }
                addresses.push(Address {
                    path: path.clone(),
                    ty: p.ty.name.clone(),
                    collection: p.ty.collection,
                    keys: a.keys.clone(),
                });
                if p.ty.collection {
                    let short = p.ty.name.rsplit('.').next().unwrap_or(&p.ty.name);
                    let key = key_name(short, &a.keys);
                    let item = format!("{path}/{{{key}}}");
                    let mut keys = a.keys.clone();
                    keys.push((key, p.ty.name.clone()));
                    if p.contains_target {
                        if caps.insertable {
                            plans.push(mk(Verb::Create, "POST", &path, &a.keys, Some(one.clone())));
                        }
                        if caps.readable {
                            plans.push(mk(Verb::Get, "GET", &item, &keys, Some(one.clone())));
                        }
                        if caps.updatable {
                            plans.push(mk(Verb::Update, "PATCH", &item, &keys, Some(one.clone())));
                        }
                        if caps.deletable {
                            plans.push(mk(Verb::Delete, "DELETE", &item, &keys, None));
                        }
                    }
                    addresses.push(Address { path: item, ty: p.ty.name.clone(), collection: false, keys });
                }
            }
        }
    }
    // bound actions and functions at every address that fits their binding parameter: the
    // callables of each binding type, then each address's type and its bases looked up once
    let mut bound_to: BTreeMap<(&str, bool), Vec<usize>> = BTreeMap::new();
    for (i, c) in model.callables.iter().enumerate() {
        if let (true, Some(b)) = (c.bound, c.parameters.first()) {
            bound_to.entry((b.ty.name.as_str(), b.ty.collection)).or_default().push(i);
        }
    }
    let mut chains: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut found: BTreeMap<usize, (Vec<String>, Keys)> = BTreeMap::new();
    for a in &addresses {
        let chain = chains.entry(a.ty.as_str()).or_insert_with(|| {
            let mut v = vec![a.ty.clone()];
            if let Some(t) = by_q.get(&a.ty) {
                v.extend(ancestors(&by_q, t).iter().map(|b| b.qualified()));
            }
            v
        });
        for ty in chain.iter() {
            for &i in bound_to.get(&(ty.as_str(), a.collection)).into_iter().flatten() {
                let Some(c) = model.callables.get(i) else { continue };
                let entry = found.entry(i).or_default();
                if entry.0.len() >= MAX_PATHS {
                    continue;
                }
                let name = if Some(c.namespace.as_str()) == container_ns { c.name.clone() } else { c.qualified() };
                entry.0.push(format!("{}/{name}{}", a.path, function_args(c)));
                if entry.1.is_empty() {
                    entry.1 = a.keys.clone();
                }
            }
        }
    }
    for (i, c) in model.callables.iter().enumerate() {
        if !c.bound || c.parameters.is_empty() {
            continue;
        }
        let (paths, keys) = found.remove(&i).unwrap_or_default();
        plans.push(Plan {
            verb: Verb::Call,
            method: method_of(c),
            paths,
            keys,
            target: None,
            callable: Some(i),
            caps: Capabilities::default(),
            nav_query: Vec::new(),
            span: c.span,
            description: index.description(&c.annotations, &c.qualified()),
        });
    }
    plans
}

fn method_of(c: &CallableEl) -> &'static str {
    match c.kind {
        CallableKind::Action => "POST",
        CallableKind::Function => "GET",
    }
}

/// `(a='{a}',b={b})` for a function's non-binding parameters; empty for an action.
pub fn function_args(c: &CallableEl) -> String {
    if c.kind == CallableKind::Action {
        return String::new();
    }
    let skip = usize::from(c.bound);
    let args: Vec<String> = c
        .parameters
        .iter()
        .skip(skip)
        .map(|p| {
            if p.ty.name == "Edm.String" && !p.ty.collection {
                format!("{0}='{{{0}}}'", p.name)
            } else {
                format!("{0}={{{0}}}", p.name)
            }
        })
        .collect();
    format!("({})", args.join(","))
}

/// `{user-id}`, numbered when the path already has a key of that name.
fn key_name(type_name: &str, taken: &[(String, String)]) -> String {
    let base = format!("{type_name}-id");
    let mut name = base.clone();
    let mut n = 1;
    while taken.iter().any(|(k, _)| *k == name) {
        n += 1;
        name = format!("{base}{n}");
    }
    name
}
