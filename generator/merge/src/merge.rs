//! The merge: structure from the metadata (kinds, bases, keys, properties and their types,
//! members and values, roots, callables), documentation from the docs (descriptions,
//! possible values, permissions, examples, operation pages and their areas). An item only
//! one side has is kept with its origin and reported; the metadata's operations that no
//! page documents are left out unless [`MergeOptions::keep_undocumented_paths`].

use crate::finding::Finding;
use crate::matching::{self, Pairs};
use crate::MergeOptions;
use codegen_core::diag::Code;
use codegen_ir::{Operation, Origin, Property, Schema, SourceRef, TypeDef, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

pub struct Merged {
    pub schema: Schema,
    pub findings: Vec<Finding>,
}

fn pick(docs: &str, meta: &str) -> String {
    if docs.trim().is_empty() {
        meta.to_string()
    } else {
        docs.to_string()
    }
}

pub fn merge(docs: &Schema, meta: &Schema, options: &MergeOptions) -> Merged {
    let pairs = Pairs::new(docs, meta);
    let docs_by_q: BTreeMap<String, &TypeDef> = docs.types.iter().map(|t| (t.qualified().into_string(), t)).collect();
    let mut findings = Vec::new();
    let mut types: Vec<TypeDef> = Vec::with_capacity(meta.types.len() + 64);
    for m in &meta.types {
        let q = m.qualified().into_string();
        let d = pairs.meta_to_docs.get(&q).and_then(|dq| docs_by_q.get(dq)).copied();
        types.push(match d {
            Some(d) => both(d, m, &pairs, &mut findings),
            None => {
                findings.push(Finding::new(
                    Code::M0002,
                    m.sources.first(),
                    format!("`{q}` has no docs page"),
                    "document the type on a resource page (or an enum section)",
                ));
                let mut t = m.clone();
                t.origin = Some(Origin::Metadata);
                mark(&mut t, Origin::Metadata);
                t
            }
        });
    }
    for d in &docs.types {
        let q = d.qualified().into_string();
        if pairs.docs_to_meta.contains_key(&q) {
            continue;
        }
        findings.push(Finding::new(
            Code::M0001,
            d.sources.first(),
            format!("`{q}` is documented but not in the metadata; kept as the docs describe it"),
            "check the type's name and namespace against the service's $metadata, or remove the page",
        ));
        let mut t = d.clone();
        t.base = t.base.as_deref().map(|b| pairs.rename(b));
        for p in &mut t.properties {
            p.ty.name = pairs.rename(&p.ty.name);
        }
        t.origin = Some(Origin::Docs);
        mark(&mut t, Origin::Docs);
        types.push(t);
    }
    drop_inherited_repeats(&mut types);
    // what is left of the docs-only properties of paired types is kept, and reported
    for t in types.iter().filter(|t| t.origin == Some(Origin::Both)) {
        let decl = t.sources.iter().find(|s| meta_source(meta, s));
        for p in t.properties.iter().filter(|p| p.origin == Some(Origin::Docs)) {
            findings.push(
                Finding::new(
                    Code::M0004,
                    p.source.as_ref().or(t.sources.first()),
                    format!(
                        "property `{}` of `{}` is not in the metadata; kept as the docs describe it",
                        p.name,
                        t.qualified().into_string()
                    ),
                    "remove the row, or check the name against the service's $metadata",
                )
                .related(decl, "the metadata's declaration of the type"),
            );
        }
    }
    let operations = operations(docs, meta, &pairs, options, &mut findings);
    let mut schema = Schema { ir_version: meta.ir_version, types, operations, roots: meta.roots.clone() };
    schema.sort();
    findings.sort();
    Merged { schema, findings }
}

/// Whether `source` (`file:line`) is one of the metadata's: its file is the file of the
/// metadata's first type.
fn meta_source(meta: &Schema, source: &SourceRef) -> bool {
    meta.types.first().and_then(|t| t.sources.first()).is_some_and(|m| m.file == source.file)
}

fn mark(t: &mut TypeDef, origin: Origin) {
    for p in &mut t.properties {
        p.origin = Some(origin);
    }
    for m in &mut t.members {
        m.origin = Some(origin);
    }
}

/// A type both sides have: the metadata's, documented by the docs.
fn both(d: &TypeDef, m: &TypeDef, pairs: &Pairs, findings: &mut Vec<Finding>) -> TypeDef {
    let mut t = m.clone();
    t.origin = Some(Origin::Both);
    t.area = d.area.clone();
    t.deprecated = d.deprecated.clone().or(t.deprecated);
    if !d.availability.is_empty() {
        t.availability = d.availability.clone();
    }
    if let Some(desc) = d.description.as_ref().filter(|s| !s.trim().is_empty()) {
        t.description = Some(desc.clone());
    }
    // docs pages first: the emitter's areas and notes follow the first source
    t.sources = d.sources.iter().chain(m.sources.iter()).cloned().collect();
    let mut used = BTreeSet::new();
    for p in &mut t.properties {
        match matching::property(d, &p.name) {
            Some(dp) => {
                used.insert(dp.name.clone());
                // a row of other case may carry the description the exact one lacks
                let other = d
                    .properties
                    .iter()
                    .find(|x| x.name.eq_ignore_ascii_case(&p.name) && !x.description.trim().is_empty());
                let docs_desc = if dp.description.trim().is_empty() {
                    other.map_or("", |x| x.description.as_str())
                } else {
                    &dp.description
                };
                p.description = pick(docs_desc, &p.description);
                if p.ty.name == "Edm.String" {
                    p.possible_values = dp.possible_values.clone();
                }
                p.source = dp.source.clone().or(p.source.take());
                p.origin = Some(Origin::Both);
            }
            None => p.origin = Some(Origin::Metadata),
        }
    }
    for dp in d.properties.iter().filter(|p| !used.contains(&p.name)) {
        let mut p: Property = dp.clone();
        p.ty.name = pairs.rename(&p.ty.name);
        p.origin = Some(Origin::Docs);
        t.properties.push(p);
    }
    let mut used = BTreeSet::new();
    for mm in &mut t.members {
        let dm = d
            .members
            .iter()
            .find(|x| x.name == mm.name)
            .or_else(|| d.members.iter().find(|x| x.name.eq_ignore_ascii_case(&mm.name)));
        match dm {
            Some(dm) => {
                used.insert(dm.name.clone());
                mm.description = pick(&dm.description, &mm.description);
                mm.source = dm.source.clone().or(mm.source.take());
                mm.origin = Some(Origin::Both);
            }
            None => mm.origin = Some(Origin::Metadata),
        }
    }
    for dm in d.members.iter().filter(|x| !used.contains(&x.name)) {
        findings.push(Finding::new(
            Code::M0009,
            dm.source.as_ref().or(d.sources.first()),
            format!(
                "member `{}` of `{}` is not in the metadata; kept as the docs list it",
                dm.name,
                m.qualified().into_string()
            ),
            "remove the row, or check the value against the service's $metadata",
        ));
        let mut x = dm.clone();
        x.value = None;
        x.origin = Some(Origin::Docs);
        t.members.push(x);
    }
    t
}

/// Drops docs-only properties a type's merged bases already have, and docs-only names that
/// repeat another of the type's properties ignoring case (one field each in the crate).
fn drop_inherited_repeats(types: &mut [TypeDef]) {
    let by_q: BTreeMap<String, usize> =
        types.iter().enumerate().map(|(i, t)| (t.qualified().into_string(), i)).collect();
    let mut inherited: Vec<BTreeSet<String>> = Vec::with_capacity(types.len());
    for t in types.iter() {
        let mut names = BTreeSet::new();
        let mut seen = BTreeSet::from([t.qualified().into_string()]);
        let mut cur = t.base.as_deref().and_then(|b| by_q.get(b)).copied();
        while let Some(i) = cur {
            let Some(b) = types.get(i) else { break };
            if !seen.insert(b.qualified().into_string()) {
                break;
            }
            names.extend(b.properties.iter().map(|p| p.name.to_lowercase()));
            cur = b.base.as_deref().and_then(|x| by_q.get(x)).copied();
        }
        inherited.push(names);
    }
    for (t, names) in types.iter_mut().zip(inherited) {
        let mut own = BTreeSet::new();
        t.properties.retain(|p| {
            let lower = p.name.to_lowercase();
            let docs_only = p.origin == Some(Origin::Docs);
            let fresh = own.insert(lower.clone());
            !docs_only || (fresh && !names.contains(&lower))
        });
    }
}

/// Docs operations, with the structure of the metadata operations they match; the
/// metadata's others reported and (unless kept) left out.
fn operations(
    docs: &Schema,
    meta: &Schema,
    pairs: &Pairs,
    options: &MergeOptions,
    findings: &mut Vec<Finding>,
) -> Vec<Operation> {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, op) in meta.operations.iter().enumerate() {
        for k in matching::keys(op) {
            by_key.entry(k).or_default().push(i);
        }
    }
    let meta_types: BTreeMap<String, &TypeDef> = meta.types.iter().map(|t| (t.qualified().into_string(), t)).collect();
    let derives = |from: &str, base: &str| {
        let mut cur = Some(from.to_string());
        let mut n = 0;
        while let Some(c) = cur {
            if c == base {
                return true;
            }
            n += 1;
            cur = if n > 64 { None } else { meta_types.get(&c).and_then(|t| t.base.as_ref().map(|b| b.to_string())) };
        }
        false
    };
    let mut used = vec![false; meta.operations.len()];
    let mut out = Vec::with_capacity(docs.operations.len());
    for d in &docs.operations {
        let mut op = d.clone();
        rename_refs(&mut op, pairs);
        let matched: Vec<usize> = matching::keys(d).iter().filter_map(|k| by_key.get(k)).flatten().copied().collect();
        for &i in &matched {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
        op.origin = Some(if matched.is_empty() { Origin::Docs } else { Origin::Both });
        if let Some(m) = matched.first().and_then(|&i| meta.operations.get(i)) {
            op.callable = m.callable.clone();
            // the metadata's types, unless the docs name one derived from it
            if let (Some(dr), Some(mr)) = (op.response.as_mut(), m.response.as_ref()) {
                if let (Some(dt), Some(mt)) = (dr.body.as_mut(), mr.body.as_ref()) {
                    if !derives(&dt.name, &mt.name) {
                        *dt = mt.clone();
                    }
                }
            }
            if let (Some(db), Some(mb)) = (op.request_body.as_mut(), m.request_body.as_ref()) {
                if !derives(&db.name, &mb.name) {
                    *db = TypeRef::new(mb.name.clone(), mb.collection);
                }
            }
            for p in &mut op.parameters {
                if let Some(mp) =
                    m.parameters.iter().find(|x| x.location == p.location && x.name.eq_ignore_ascii_case(&p.name))
                {
                    if p.location != codegen_ir::ParamLocation::Path {
                        p.ty.name = mp.ty.name.clone();
                        p.ty.collection = mp.ty.collection;
                    }
                    p.description = pick(&p.description, &mp.description);
                }
            }
        }
        out.push(op);
    }
    for (i, m) in meta.operations.iter().enumerate() {
        if used.get(i).copied().unwrap_or(true) || m.paths.is_empty() {
            continue;
        }
        findings.push(Finding::new(
            Code::M0014,
            Some(&SourceRef::parse(&m.source)),
            format!(
                "`{} {}` is in the metadata but no docs page documents it",
                m.method,
                m.paths.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ")
            ),
            if options.keep_undocumented_paths {
                "kept (`--keep-undocumented-paths`); document it on an API page"
            } else {
                "left out of the crate; document it on an API page, or pass `--keep-undocumented-paths`"
            },
        ));
        if options.keep_undocumented_paths {
            let mut op = m.clone();
            op.origin = Some(Origin::Metadata);
            out.push(op);
        }
    }
    // ids stay unique: a kept metadata operation never takes a docs one's id
    let mut ids = BTreeSet::new();
    for op in &mut out {
        let base = op.id.clone();
        let mut n = 1;
        while !ids.insert(op.id.clone()) {
            n += 1;
            op.id = format!("{base}#{n}");
        }
    }
    out
}

fn rename_refs(op: &mut Operation, pairs: &Pairs) {
    if let Some(b) = &mut op.request_body {
        b.name = pairs.rename(&b.name);
    }
    if let Some(r) = &mut op.response {
        if let Some(b) = &mut r.body {
            b.name = pairs.rename(&b.name);
        }
    }
    for p in &mut op.parameters {
        p.ty.name = pairs.rename(&p.ty.name);
    }
}
