//! Across the whole tree: inheritance cycles, kinds (entity or complex), keys and openness
//! along the base chains, enums whose values are bit flags, and `String` properties whose
//! listed values are a documented enum.

use super::*;

/// Kinds (entity or complex), keys and inheritance cycles, across the whole tree.
pub(super) fn resolve_inheritance(
    types: &mut BTreeMap<String, TypeDef>,
    base_spans: &BTreeMap<String, Span>,
    own_keys: &BTreeMap<String, String>,
    has_nav: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    // cycles and bases that are enums
    let names: Vec<String> = types.keys().cloned().collect();
    for q in &names {
        // the walk stops at a base it has seen: if the last type still has a base, it does
        let cycle = {
            let c = chain(types, q);
            c.last().and_then(|l| types.get(*l)).is_some_and(|t| t.base.is_some())
        };
        if cycle {
            if let Some(t) = types.get_mut(q) {
                t.base = None;
            }
            if let Some(span) = base_spans.get(q) {
                diags.push(
                    Diagnostic::new(Code::D0113, *span, format!("inheritance of `{q}` forms a cycle; base dropped"))
                        .help("fix the base type so that inheritance ends"),
                );
            }
        }
    }
    let mut kinds: BTreeMap<String, (TypeKind, Vec<String>)> = BTreeMap::new();
    for q in &names {
        let Some(t) = types.get(q) else { continue };
        if t.kind == TypeKind::Enum {
            continue;
        }
        let c = chain(types, q);
        let key = c.iter().find_map(|a| own_keys.get(*a).cloned());
        let root_is_entity = c.contains(&ENTITY);
        let entity = key.is_some() || root_is_entity || c.iter().any(|a| has_nav.contains(*a));
        let key = match key {
            Some(k) => k.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            None if entity => vec!["id".to_string()],
            None => Vec::new(),
        };
        kinds.insert(q.clone(), (if entity { TypeKind::Entity } else { TypeKind::Complex }, key));
    }
    // a base of an entity is an entity too
    for q in &names {
        if kinds.get(q).is_some_and(|k| k.0 == TypeKind::Entity) {
            for a in chain(types, q).into_iter().skip(1) {
                if let Some(k) = kinds.get_mut(a) {
                    if k.0 == TypeKind::Complex {
                        k.0 = TypeKind::Entity;
                        if k.1.is_empty() {
                            k.1 = vec!["id".to_string()];
                        }
                    }
                }
            }
        }
    }
    // Graph convention: an entity keyed by `id` with no stated base derives from `entity`
    let has_entity = types.contains_key(ENTITY);
    for (q, (kind, key)) in kinds {
        if let Some(t) = types.get_mut(&q) {
            t.kind = kind;
            t.key = if kind == TypeKind::Entity { key } else { Vec::new() };
            if has_entity && kind == TypeKind::Entity && t.base.is_none() && q != ENTITY && t.key == ["id"] {
                t.base = Some(ENTITY.into());
            }
        }
    }
}

/// A `String` property whose listed values are exactly the members of a documented enum
/// named after the property (`state` -> `agreementAcceptanceState`) is typed as that enum;
/// the sentinel `unknownFutureValue` may be listed or not. An enum so named that holds the
/// values among others is only a candidate (D0124): the cell's `String` stays, since a
/// description lists the values a property takes, not always all members of its type.
pub(super) fn type_string_enums(
    types: &mut BTreeMap<String, TypeDef>,
    value_rows: &BTreeMap<(String, String), Span>,
    diags: &mut Diagnostics,
) {
    const SENTINEL: &str = "unknownFutureValue";
    let enums: Vec<(String, String, BTreeSet<String>)> = types
        .iter()
        .filter(|(_, t)| t.kind == TypeKind::Enum)
        .map(|(q, t)| {
            let members = t.members.iter().map(|m| m.name.clone()).filter(|m| m != SENTINEL).collect();
            (q.clone(), t.name.to_ascii_lowercase(), members)
        })
        .collect();
    for (tq, t) in types.iter_mut() {
        let owner = t.name.to_ascii_lowercase();
        for p in &mut t.properties {
            if p.ty.name != "Edm.String" || p.possible_values.is_empty() {
                continue;
            }
            let prop = p.name.to_ascii_lowercase();
            let owner_prop = format!("{owner}{prop}");
            let listed: BTreeSet<String> = p.possible_values.iter().filter(|v| *v != SENTINEL).cloned().collect();
            let named =
                |(_, name, _): &&(String, String, BTreeSet<String>)| name.ends_with(&prop) || *name == owner_prop;
            let holding: Vec<&(String, String, BTreeSet<String>)> =
                enums.iter().filter(named).filter(|e| listed.is_subset(&e.2)).collect();
            let exact: Vec<&&(String, String, BTreeSet<String>)> = holding.iter().filter(|e| e.2 == listed).collect();
            let pick = match exact.as_slice() {
                [one] => Some(one.0.clone()),
                many => many.iter().find(|e| e.1 == owner_prop).map(|e| e.0.clone()),
            };
            if let Some(q) = pick {
                p.ty.name = q.into();
                p.possible_values.clear();
            } else if let (Some(candidate), Some(span)) =
                (holding.first(), value_rows.get(&(tq.clone(), p.name.clone())))
            {
                let extra = candidate.2.len() - listed.len();
                diags.push(
                    Diagnostic::new(
                        Code::D0124,
                        *span,
                        format!(
                            "`{}` lists values of enum `{}`, which has {extra} member(s) more; it stays String",
                            p.name,
                            short_name(&candidate.0)
                        ),
                    )
                    .help("type the property with the enum if it takes all its members, or list them all"),
                );
            }
        }
    }
}

/// A type derived from an open type is open too (OData: a derived type may not close what its
/// base leaves open), whether or not its own page says so.
pub(super) fn inherit_openness(types: &mut BTreeMap<String, TypeDef>) {
    let open: Vec<String> = types
        .iter()
        .filter(|(_, t)| t.kind != TypeKind::Enum && !t.open)
        .filter(|(q, _)| chain(types, q).iter().skip(1).any(|b| types.get(*b).is_some_and(|t| t.open)))
        .map(|(q, _)| q.clone())
        .collect();
    for q in open {
        if let Some(t) = types.get_mut(&q) {
            t.open = true;
        }
    }
}

/// An enum whose every member has a value, at least three of them distinct powers of two
/// reaching 4 or more and the rest 0, is a set of bit flags: `1, 2, 4` is no count that
/// happens to skip `3`.
pub(super) fn flags_from_values(types: &mut BTreeMap<String, TypeDef>) {
    for t in types.values_mut().filter(|t| t.kind == TypeKind::Enum && !t.flags) {
        let values: Option<Vec<i64>> = t.members.iter().map(|m| m.value).collect();
        let Some(values) = values else { continue };
        let bits: BTreeSet<i64> = values.iter().copied().filter(|v| *v != 0).collect();
        let all_bits = values.iter().all(|v| *v == 0 || (*v > 0 && v.count_ones() == 1));
        let distinct = bits.len() == values.iter().filter(|v| **v != 0).count();
        if all_bits && distinct && bits.len() >= 3 && bits.last().is_some_and(|m| *m >= 4) {
            t.flags = true;
        }
    }
}
