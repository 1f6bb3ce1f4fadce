//! Checks between elements: duplicate names (the later declaration is kept, as the
//! metadata's own readers keep the last one), type references that name nothing, base
//! types (cycles, another kind), keys (where they may stand, what they name, entities
//! without one), bound callables without a binding parameter, annotation targets.

use crate::model::*;
use crate::names::is_edm_type;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use std::collections::{BTreeMap, BTreeSet};

/// Removes duplicates from the model and reports every fault between its elements.
pub fn check(model: &mut Model, diags: &mut Diagnostics) {
    dedup_types(model, diags);
    for t in &mut model.types {
        let q = t.qualified();
        dedup(&mut t.properties, |p| p.name.clone(), |p| p.span, &format!("property of `{q}`"), diags);
        dedup(&mut t.members, |m| m.name.clone(), |m| m.span, &format!("member of `{q}`"), diags);
    }
    dedup(&mut model.roots, |r| r.path.clone(), |r| r.span, "item of the entity container", diags);
    let kinds: BTreeMap<String, Kind> = model.types.iter().map(|t| (t.qualified(), t.kind)).collect();
    let defs: BTreeSet<&str> = model.type_definitions.iter().map(|(q, _, _)| q.as_str()).collect();
    let known = |name: &str| kinds.contains_key(name) || defs.contains(name) || is_edm_type(name);
    let unresolved = |diags: &mut Diagnostics, name: &str, span: Span, what: &str| {
        let msg = if name.starts_with("Edm.") {
            format!("`{name}` ({what}) is no EDM type")
        } else {
            format!("type `{name}` ({what}) is declared nowhere in the metadata")
        };
        diags.push(Diagnostic::new(Code::C0101, span, msg).help("declare the type, or fix the name or its alias"));
    };
    for t in &model.types {
        let q = t.qualified();
        for p in &t.properties {
            if !known(&p.ty.name) {
                unresolved(diags, &p.ty.name, p.type_span, &format!("`{q}/{}`", p.name));
            } else if p.navigation && kinds.get(&p.ty.name) != Some(&Kind::Entity) {
                diags.push(
                    Diagnostic::new(
                        Code::C0104,
                        p.type_span,
                        format!("navigation property `{}` of `{q}` targets `{}`, no entity type", p.name, p.ty.name),
                    )
                    .help("navigation properties target entity types; make it a structural property"),
                );
            }
        }
        if let Some((b, span)) = &t.base {
            match kinds.get(b) {
                None => unresolved(diags, b, *span, &format!("base of `{q}`")),
                Some(k) if *k != t.kind => diags.push(
                    Diagnostic::new(Code::C0104, *span, format!("`{q}` derives from `{b}`, a type of another kind"))
                        .help("entity types derive from entity types, complex types from complex types"),
                ),
                _ => {}
            }
        }
    }
    for c in &model.callables {
        let q = c.qualified();
        for p in &c.parameters {
            if !known(&p.ty.name) {
                unresolved(diags, &p.ty.name, p.span, &format!("parameter `{}` of `{q}`", p.name));
            }
        }
        if let Some(r) = &c.returns {
            if !known(&r.name) {
                unresolved(diags, &r.name, c.span, &format!("return type of `{q}`"));
            }
        }
        if c.bound && c.parameters.is_empty() {
            diags.push(
                Diagnostic::new(Code::C0108, c.span, format!("`{q}` is bound but has no binding parameter"))
                    .help("the first parameter of a bound action or function is its binding parameter"),
            );
        }
    }
    let callables: BTreeSet<String> = model.callables.iter().map(CallableEl::qualified).collect();
    for r in &model.roots {
        let ok = match r.kind {
            RootKind::EntitySet | RootKind::Singleton => kinds.get(&r.target) == Some(&Kind::Entity),
            RootKind::ActionImport | RootKind::FunctionImport => callables.contains(&r.target),
        };
        if !ok {
            diags.push(
                Diagnostic::new(
                    Code::C0101,
                    r.target_span,
                    format!(
                        "`{}` of `{}` names no {}",
                        r.target,
                        r.name,
                        match r.kind {
                            RootKind::EntitySet | RootKind::Singleton => "entity type",
                            RootKind::ActionImport => "action",
                            RootKind::FunctionImport => "function",
                        }
                    ),
                )
                .help("fix the name or declare it"),
            );
        }
    }
    bases(model, diags);
    keys(model, diags);
    targets(model, diags);
}

/// The later of two types of one qualified name is kept.
fn dedup_types(model: &mut Model, diags: &mut Diagnostics) {
    dedup(&mut model.types, TypeEl::qualified, |t| t.span, "type", diags);
}

/// Keeps the last item of each key, in the order of the kept items; reports the others.
fn dedup<T>(
    items: &mut Vec<T>,
    key: impl Fn(&T) -> String,
    span: impl Fn(&T) -> Span,
    what: &str,
    diags: &mut Diagnostics,
) {
    let mut last: BTreeMap<String, usize> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        last.insert(key(it), i);
    }
    if last.len() == items.len() {
        return;
    }
    let mut i = 0;
    items.retain(|it| {
        let k = key(it);
        let keep = last.get(&k) == Some(&i);
        if !keep {
            let later = last.get(&k).copied().unwrap_or(i);
            diags.push(
                Diagnostic::new(
                    Code::C0102,
                    span(it),
                    format!("{what} `{k}` is declared again later; this one is dropped"),
                )
                .help(format!("remove one of the two declarations (the later one is item {} of its list)", later + 1)),
            );
        }
        i += 1;
        keep
    });
}

fn bases(model: &Model, diags: &mut Diagnostics) {
    let by_q: BTreeMap<String, &TypeEl> = model.types.iter().map(|t| (t.qualified(), t)).collect();
    for t in &model.types {
        let q = t.qualified();
        let mut seen = BTreeSet::new();
        let mut cur = t.base.as_ref().map(|(b, _)| b.clone());
        while let Some(b) = cur {
            if b == q {
                if let Some((_, span)) = &t.base {
                    diags.push(
                        Diagnostic::new(Code::C0103, *span, format!("the base types of `{q}` lead back to `{q}`"))
                            .help("break the cycle; the type is read without inherited members beyond it"),
                    );
                }
                break;
            }
            if !seen.insert(b.clone()) {
                break;
            }
            cur = by_q.get(&b).and_then(|bt| bt.base.as_ref().map(|(x, _)| x.clone()));
        }
    }
}

/// The base chain of a type (nearest first), stopping at a cycle or an unknown type.
pub fn ancestors<'a>(by_q: &BTreeMap<String, &'a TypeEl>, t: &'a TypeEl) -> Vec<&'a TypeEl> {
    let mut out: Vec<&TypeEl> = Vec::new();
    let mut seen = BTreeSet::from([t.qualified()]);
    let mut cur = t.base.as_ref().map(|(b, _)| b);
    while let Some(b) = cur {
        let Some(bt) = by_q.get(b) else { break };
        if !seen.insert(b.clone()) {
            break;
        }
        out.push(bt);
        cur = bt.base.as_ref().map(|(x, _)| x);
    }
    out
}

fn keys(model: &Model, diags: &mut Diagnostics) {
    let by_q: BTreeMap<String, &TypeEl> = model.types.iter().map(|t| (t.qualified(), t)).collect();
    for t in &model.types {
        let q = t.qualified();
        let chain = ancestors(&by_q, t);
        let inherited = chain.iter().find_map(|b| b.key.as_ref());
        match (&t.key, t.kind) {
            (Some((_, span)), Kind::Complex | Kind::Enum) => diags.push(
                Diagnostic::new(Code::C0105, *span, format!("complex type `{q}` declares a key"))
                    .help("only entity types have keys; the key is ignored"),
            ),
            (Some((_, span)), Kind::Entity) if inherited.is_some() => diags.push(
                Diagnostic::new(Code::C0105, *span, format!("`{q}` declares a key but inherits one from its base"))
                    .help("a derived entity type keeps its base's key; remove this one"),
            ),
            (None, Kind::Entity) if inherited.is_none() && !t.is_abstract => diags.push(
                Diagnostic::new(Code::C0107, t.span, format!("entity type `{q}` has no key, declared or inherited"))
                    .help("declare a `<Key>`, derive from a keyed type, or make it abstract"),
            ),
            _ => {}
        }
        if let (Some((refs, _)), Kind::Entity) = (&t.key, t.kind) {
            for (name, span) in refs {
                let head = name.split('/').next().unwrap_or(name);
                let found = std::iter::once(t)
                    .chain(chain.iter().copied())
                    .any(|x| x.properties.iter().any(|p| p.name == head && !p.navigation));
                if !found {
                    diags.push(
                        Diagnostic::new(Code::C0106, *span, format!("key property `{name}` is no property of `{q}`"))
                            .help("the key names structural properties of the type or its bases"),
                    );
                }
            }
        }
    }
}

/// `<Annotations Target>` must name a type, a member of one, a callable or a container item.
fn targets(model: &Model, diags: &mut Diagnostics) {
    let mut known: BTreeSet<String> = BTreeSet::new();
    for t in &model.types {
        let q = t.qualified();
        for p in &t.properties {
            known.insert(format!("{q}/{}", p.name));
        }
        for m in &t.members {
            known.insert(format!("{q}/{}", m.name));
        }
        known.insert(q);
    }
    for c in &model.callables {
        known.insert(c.qualified());
    }
    for r in &model.roots {
        if let Some((container, _)) = r.path.rsplit_once('/') {
            known.insert(container.to_string());
        }
        known.insert(r.path.clone());
    }
    for (q, _, _) in &model.type_definitions {
        known.insert(q.clone());
    }
    for e in &model.external {
        // an overload (`ns.f(ns.t)`) or a parameter of one is checked by its callable's name
        let head = e.target.split('(').next().unwrap_or(&e.target);
        let base = if e.target.contains('(') { head.to_string() } else { e.target.clone() };
        let base = match base.split('/').collect::<Vec<_>>().as_slice() {
            // a path through a navigation or container item (`user/calendar/events`): its first two steps
            [a, b, _, ..] => format!("{a}/{b}"),
            _ => base,
        };
        if !known.contains(&base) {
            diags.push(
                Diagnostic::new(
                    Code::C0109,
                    e.span,
                    format!("annotation target `{}` names nothing in the metadata", e.target),
                )
                .help("fix the target's name; its annotations are not applied"),
            );
        }
    }
}
