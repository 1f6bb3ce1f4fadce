//! Stage 4, resolve: merges the per-page facts of the whole tree into the schema IR.
//! The one place that sees every type: it merges duplicates, turns type cells and links
//! into qualified names, resolves inheritance, kinds and keys, and reports what does not fit.

use crate::extract::typecell::TypeCell;
use crate::extract::{split_qualified, BaseSource, Origin, PageFacts, TypeFact};
use crate::includes;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, FileId, Span};
use codegen_core::source::Paths;
use codegen_ir::{Member, Property, Schema, TypeDef, TypeKind, TypeRef, IR_VERSION};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

mod bases;
mod index;
mod inherit;
mod kinds;
mod merge;
pub mod names;

use index::Index;
use inherit::{flags_from_values, inherit_openness, resolve_inheritance, type_string_enums};
use merge::{merge_group, MergeOut};

const ENTITY: &str = "microsoft.graph.entity";

/// A fact with the page it came from.
pub(super) struct Located<'f> {
    pub(super) file: FileId,
    pub(super) fact: &'f TypeFact,
}

/// Merges all facts into the schema's types.
pub fn resolve(db: Paths<'_>, facts: Vec<PageFacts>, diags: &mut Diagnostics) -> (Schema, names::Names) {
    let declared: Vec<(String, String)> =
        facts.iter().filter_map(|f| Some((f.rel.clone(), f.declared.clone()?))).collect();
    let ns_of: BTreeMap<FileId, String> = facts.iter().map(|f| (f.file, f.namespace.clone())).collect();
    // group facts by lower-case qualified name, authoritative first
    let mut groups: BTreeMap<String, Vec<Located>> = BTreeMap::new();
    // pages that declare types, for API-body facts that link to their type's page
    let mut page_type: BTreeMap<FileId, String> = BTreeMap::new();
    for pf in &facts {
        for t in pf.types.iter().filter(|t| t.origin == Origin::Resource) {
            page_type.entry(pf.file).or_insert_with(|| format!("{}.{}", t.namespace, t.name).to_ascii_lowercase());
        }
    }
    for pf in &facts {
        let rel = db.rel(pf.file);
        for t in &pf.types {
            let linked = t
                .body_href
                .as_deref()
                .and_then(|h| includes::resolve_target(db, rel, h))
                .and_then(|f| page_type.get(&f).cloned());
            let key = linked.unwrap_or_else(|| format!("{}.{}", t.namespace, t.name).to_ascii_lowercase());
            groups.entry(key).or_default().push(Located { file: pf.file, fact: t });
        }
    }
    for g in groups.values_mut() {
        g.sort_by(|a, b| {
            (a.fact.origin, primary_rank(db, a), a.file, a.fact.span.start).cmp(&(
                b.fact.origin,
                primary_rank(db, b),
                b.file,
                b.fact.span.start,
            ))
        });
    }
    // drop empty section-only or api-only groups that say nothing
    groups.retain(|_, g| {
        g.iter().any(|l| {
            !l.fact.members.is_empty()
                || !l.fact.properties.is_empty()
                || (l.fact.origin == Origin::Resource && (l.fact.json_span.is_some() || l.fact.base.is_some()))
        })
    });

    let mut index = Index { by_lower: BTreeMap::new(), by_short: BTreeMap::new(), by_page: BTreeMap::new() };
    for (lower, g) in &groups {
        let Some(first) = g.first() else { continue };
        let q = format!("{}.{}", first.fact.namespace, first.fact.name);
        index.by_lower.insert(lower.clone(), q.clone());
        index.by_short.entry(first.fact.name.to_ascii_lowercase()).or_default().push(q.clone());
        for l in g {
            if l.fact.origin != Origin::ApiBody {
                index.by_page.entry(l.file).or_default().push((l.fact.anchor.clone(), q.clone()));
            }
        }
    }

    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    let mut base_spans: BTreeMap<String, Span> = BTreeMap::new();
    let mut own_keys: BTreeMap<String, String> = BTreeMap::new();
    let mut has_nav: BTreeSet<String> = BTreeSet::new();
    let mut derived_enums: BTreeMap<String, (Vec<String>, Span)> = BTreeMap::new();
    // (type, property) -> the row of a String property that lists possible values
    let mut value_rows: BTreeMap<(String, String), Span> = BTreeMap::new();
    // each group merged on its own (in parallel), the results taken in group order
    let merged: Vec<Merged> = groups
        .values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|g| {
            let first = g.first()?;
            let q = format!("{}.{}", first.fact.namespace, first.fact.name);
            let mut d = Diagnostics::default();
            let mut out = MergeOut::default();
            let t = merge_group(db, &index, &ns_of, &q, g, &mut d, &mut out);
            let id_entity = |l: &Located| {
                l.fact.has_relationship_section
                    && l.fact
                        .properties
                        .iter()
                        .any(|p| p.name == "id" && p.description.to_ascii_lowercase().contains("read-only"))
            };
            Some(Merged {
                base_span: g.iter().filter_map(|l| l.fact.base.as_ref()).min_by_key(|b| b.source).map(|b| b.span),
                own_key: g.iter().find_map(|l| l.fact.key.clone()),
                has_nav: g.iter().any(|l| l.fact.has_relationships || l.fact.has_methods || id_entity(l)),
                q,
                t,
                diags: d,
                derived_enums: out.derived_enums,
                value_rows: out.value_rows,
            })
        })
        .collect();
    for m in merged {
        diags.extend(m.diags);
        for (k, v) in m.derived_enums {
            derived_enums.entry(k).or_insert(v);
        }
        for (prop, span) in m.value_rows {
            value_rows.insert((m.q.clone(), prop), span);
        }
        if let Some(span) = m.base_span {
            base_spans.insert(m.q.clone(), span);
        }
        if let Some(k) = m.own_key {
            own_keys.insert(m.q.clone(), k);
        }
        if m.has_nav {
            has_nav.insert(m.q.clone());
        }
        types.insert(m.q, m.t);
    }
    // enums named by a property but documented nowhere, with members from prose
    for (q, (members, span)) in derived_enums {
        if types.contains_key(&q) {
            continue;
        }
        let (ns, name) = split_qualified(&q, "microsoft.graph");
        diags.push(
            Diagnostic::new(
                Code::D0106,
                span,
                format!("enum `{name}` has no page; derived from the possible values listed here"),
            )
            .help(format!("document `{name}` in an enum page or a `## {name} values` section")),
        );
        types.insert(
            q.clone(),
            TypeDef {
                name,
                namespace: ns,
                kind: TypeKind::Enum,
                base: None,
                is_abstract: false,
                open: false,
                key: Vec::new(),
                properties: Vec::new(),
                members: members
                    .into_iter()
                    .map(|m| Member { name: m, value: None, description: String::new(), source: None, origin: None })
                    .collect(),
                flags: false,
                description: None,
                sources: vec![crate::place(db, span)],
                area: None,
                origin: None,
                deprecated: None,
                availability: Vec::new(),
            },
        );
    }
    let stated = base_statements(db, &index, &ns_of, &groups);
    bases::refine(&mut types, &stated, diags);
    let decl: BTreeMap<String, Span> = groups
        .values()
        .filter_map(|g| g.first())
        .map(|f| (format!("{}.{}", f.fact.namespace, f.fact.name), f.fact.span))
        .collect();
    kinds::from_uses(&types, &decl, &mut own_keys, &mut has_nav, ENTITY, diags);
    resolve_inheritance(&mut types, &base_spans, &own_keys, &has_nav, diags);
    inherit_openness(&mut types);
    flags_from_values(&mut types);
    type_string_enums(&mut types, &value_rows, diags);
    let mut schema = Schema {
        ir_version: IR_VERSION,
        types: types.into_values().collect(),
        operations: Vec::new(),
        roots: Vec::new(),
    };
    schema.sort();
    drop(groups);
    // the facts are many small allocations: freed on every core while the name index of
    // the later stages is built
    let (names, ()) = rayon::join(|| names::Names::new(&schema, &declared), || facts.into_par_iter().for_each(drop));
    (schema, names)
}

/// Every resolved statement of every type's base: its own pages' annotations, prose and
/// cells, and the `Derived types` lists of other pages.
fn base_statements(
    db: Paths<'_>,
    index: &Index,
    ns_of: &BTreeMap<FileId, String>,
    groups: &BTreeMap<String, Vec<Located>>,
) -> BTreeMap<String, Vec<bases::Stated>> {
    let mut out: BTreeMap<String, Vec<bases::Stated>> = BTreeMap::new();
    for g in groups.values() {
        let Some(first) = g.first() else { continue };
        let q = format!("{}.{}", first.fact.namespace, first.fact.name);
        let authoritative = first.fact.origin != Origin::ApiBody;
        for l in g.iter().filter(|l| !authoritative || l.fact.origin != Origin::ApiBody) {
            let (rel, ns) = page_context(db, ns_of, l.file);
            for b in l.fact.base.iter().chain(&l.fact.weaker_bases) {
                if let Ok(base) = index.resolve(db, rel, ns, &b.cell) {
                    out.entry(q.clone()).or_default().push(bases::Stated { source: b.source, base, span: b.span });
                }
            }
            for d in &l.fact.derived {
                if let Ok(derived) = index.resolve(db, rel, ns, &d.cell) {
                    let s = bases::Stated { source: BaseSource::Listed, base: q.clone(), span: d.span };
                    out.entry(derived).or_default().push(s);
                }
            }
        }
    }
    out
}

/// One group's type and what the tree-wide steps need from it.
pub(super) struct Merged {
    pub(super) q: String,
    pub(super) t: TypeDef,
    pub(super) base_span: Option<Span>,
    pub(super) own_key: Option<String>,
    pub(super) has_nav: bool,
    pub(super) diags: Diagnostics,
    pub(super) derived_enums: BTreeMap<String, (Vec<String>, Span)>,
    pub(super) value_rows: BTreeMap<String, Span>,
}

/// `q` and its bases, nearest first; stops at a cycle.
fn chain<'t>(types: &'t BTreeMap<String, TypeDef>, q: &'t str) -> Vec<&'t str> {
    codegen_ir::walk_bases(q, |n| n, |n| types.get(n).and_then(|t| t.base.as_deref()))
}

/// The name of a qualified type without its namespace, for messages.
fn short_name(q: &str) -> String {
    split_qualified(q, "").1
}

/// The path and namespace of the page a fact came from: what type cells resolve against.
fn page_context<'a>(db: Paths<'a>, ns_of: &'a BTreeMap<FileId, String>, file: FileId) -> (&'a str, &'a str) {
    (db.rel(file), ns_of.get(&file).map(String::as_str).unwrap_or(codegen_ir::DEFAULT_NAMESPACE))
}

/// Among facts of equal origin, the page whose file name is the type's name comes first.
fn primary_rank(db: Paths<'_>, l: &Located) -> u8 {
    let stem = db.rel(l.file).rsplit('/').next().unwrap_or("").trim_end_matches(".md").to_ascii_lowercase();
    let name = l.fact.name.to_ascii_lowercase();
    if stem == name {
        0
    } else if stem.replace('-', "").ends_with(&name) {
        1
    } else {
        2
    }
}
