//! Entity or complex, from how the tree uses a type. OData allows only entity types as the
//! targets of navigation properties, and only complex (or primitive, enum) types as the
//! values of structural properties. So a complex-looking type that a Relationships row
//! targets is an entity, and a type whose one sign of being an entity is a `keyProperty`
//! annotation, but which the tree only ever uses as a structural property's value (no
//! relationships, no methods, no navigation to it, no stated entity base, no property
//! described as the key), is complex.
//! Both adjust the inputs of `resolve_inheritance`, which decides kinds and keys.

use super::{chain, short_name as short};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::{TypeDef, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Where each type is used: `(owner, property)` pairs, by navigation or structurally.
#[derive(Default)]
struct Uses<'t> {
    navigation: BTreeMap<&'t str, Vec<(&'t str, &'t str)>>,
    structural: BTreeMap<&'t str, Vec<(&'t str, &'t str)>>,
}

fn uses(types: &BTreeMap<String, TypeDef>) -> Uses<'_> {
    let mut u = Uses::default();
    for (q, t) in types {
        for p in &t.properties {
            let map = if p.navigation { &mut u.navigation } else { &mut u.structural };
            map.entry(p.ty.name.as_str()).or_default().push((q.as_str(), p.name.as_str()));
        }
    }
    u
}

/// Adds navigation targets to `has_nav` and drops the keys of types used only as values.
pub fn from_uses(
    types: &BTreeMap<String, TypeDef>,
    decl: &BTreeMap<String, Span>,
    own_keys: &mut BTreeMap<String, String>,
    has_nav: &mut BTreeSet<String>,
    entity: &str,
    diags: &mut Diagnostics,
) {
    let u = uses(types);
    let entity_evidence = |q: &str, own_keys: &BTreeMap<String, String>, has_nav: &BTreeSet<String>| {
        chain(types, q).iter().any(|a| *a == entity || own_keys.contains_key(*a) || has_nav.contains(*a))
    };
    let mut promoted = Vec::new();
    for (target, from) in &u.navigation {
        let Some(t) = types.get(*target) else { continue };
        if t.kind == TypeKind::Enum || entity_evidence(target, own_keys, has_nav) {
            continue;
        }
        promoted.push(target.to_string());
        if let (Some(span), Some((owner, prop))) = (decl.get(*target), from.first()) {
            diags.push(
                Diagnostic::new(
                    Code::D0119,
                    *span,
                    format!(
                        "`{}` is the target of the navigation property `{}.{prop}`; read as an entity",
                        short(target),
                        short(owner)
                    ),
                )
                .help(
                    "give the type a key (`keyProperty`) or the base `entity`, or list the property under Properties",
                ),
            );
        }
    }
    has_nav.extend(promoted);
    // an `id` described as "Key." is the key, whether or not the annotation says so
    for (q, t) in types {
        if t.kind == TypeKind::Enum || entity_evidence(q, own_keys, has_nav) {
            continue;
        }
        if let Some(p) = t.properties.iter().find(|p| p.name == "id" && p.description.contains("Key.")) {
            own_keys.insert(q.clone(), p.name.clone());
        }
    }
    let keyed: Vec<String> = own_keys.keys().cloned().collect();
    for q in keyed {
        let Some(from) = u.structural.get(q.as_str()) else { continue };
        let c = chain(types, &q);
        // "Key. Read-only." in a property's description says so as plainly as the annotation
        let says_key =
            |a: &str| types.get(a).is_some_and(|t| t.properties.iter().any(|p| p.description.contains("Key.")));
        let other_evidence =
            c.iter().any(|a| *a == entity || has_nav.contains(*a) || u.navigation.contains_key(*a) || says_key(a));
        if other_evidence {
            continue;
        }
        own_keys.remove(&q);
        if let (Some(span), Some((owner, prop))) = (decl.get(&q), from.first()) {
            diags.push(
                Diagnostic::new(
                    Code::D0120,
                    *span,
                    format!(
                        "`{}` has a `keyProperty` but is only used as the value of structural properties such as `{}.{prop}`; read as a complex type",
                        short(&q),
                        short(owner)
                    ),
                )
                .help("drop `keyProperty` from the annotation, or list the properties that hold it under Relationships"),
            );
        }
    }
}
