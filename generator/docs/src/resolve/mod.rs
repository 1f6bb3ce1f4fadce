//! Stage 4, resolve: merges the per-page facts of the whole tree into the schema IR.
//! The one place that sees every type: it merges duplicates, turns type cells and links
//! into qualified names, resolves inheritance, kinds and keys, and reports what does not fit.

use crate::extract::typecell::TypeCell;
use crate::extract::{split_qualified, BaseSource, Origin, PageFacts, TypeFact};
use crate::includes;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, FileId, Span};
use codegen_core::source::SourceDb;
use codegen_ir::{Member, Property, Schema, TypeDef, TypeKind, TypeRef, IR_VERSION};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

mod bases;
mod kinds;

const ENTITY: &str = "microsoft.graph.entity";

/// A fact with the page it came from.
struct Located<'f> {
    file: FileId,
    fact: &'f TypeFact,
}

/// Lookup tables over every declared type.
pub struct Index {
    /// lower-case qualified name -> qualified name as declared
    by_lower: BTreeMap<String, String>,
    /// lower-case short name -> qualified names
    by_short: BTreeMap<String, Vec<String>>,
    /// page -> (anchor, qualified) of the types it declares
    by_page: BTreeMap<FileId, Vec<(Option<String>, String)>>,
}

impl Index {
    /// Resolves a type cell written on page `from` (namespace `ns`) to a qualified name;
    /// `Err` holds the qualified guess for a name that no page declares.
    pub fn resolve(&self, db: &SourceDb, from: &str, ns: &str, cell: &TypeCell) -> Result<String, String> {
        if let Some(p) = cell.primitive {
            return Ok(p.to_string());
        }
        if let Some(href) = &cell.href {
            if let Some(q) = self.by_link(db, from, href, &cell.name) {
                return Ok(q);
            }
        }
        self.by_name(ns, &cell.name)
    }

    fn by_link(&self, db: &SourceDb, from: &str, href: &str, text: &str) -> Option<String> {
        let (path, anchor) = match href.split_once('#') {
            Some((p, a)) => (p, Some(a.to_ascii_lowercase())),
            None => (href, None),
        };
        let file = if path.is_empty() { db.find(from)? } else { includes::resolve_target(db, from, path)? };
        let types = self.by_page.get(&file)?;
        if let Some(a) = &anchor {
            if let Some((_, q)) = types.iter().find(|(an, _)| an.as_deref() == Some(a.as_str())) {
                return Some(q.clone());
            }
        }
        let named = types.iter().find(|(_, q)| q.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case(text)));
        named.or_else(|| types.iter().find(|(an, _)| an.is_none())).or(types.first()).map(|(_, q)| q.clone())
    }

    fn by_name(&self, ns: &str, name: &str) -> Result<String, String> {
        let (qns, short) = split_qualified(name, ns);
        if let Some(q) = self.by_lower.get(&format!("{qns}.{short}").to_ascii_lowercase()) {
            return Ok(q.clone());
        }
        if let Some(all) = self.by_short.get(&short.to_ascii_lowercase()) {
            if let [one] = all.as_slice() {
                return Ok(one.clone());
            }
            if let Some(q) = all.iter().find(|q| q.starts_with(&format!("{ns}."))) {
                return Ok(q.clone());
            }
            if let Some(q) = all.iter().find(|q| q.starts_with("microsoft.graph.") && q.matches('.').count() == 2) {
                return Ok(q.clone());
            }
        }
        Err(format!("{qns}.{short}"))
    }
}

/// Merges all facts into the schema's types.
pub fn resolve(db: &SourceDb, facts: Vec<PageFacts>, diags: &mut Diagnostics) -> Schema {
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
        let rel = db.file(pf.file).rel.as_str();
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
    // each group merged on its own (in parallel), the results taken in group order
    let merged: Vec<Merged> = groups
        .values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|g| {
            let first = g.first()?;
            let q = format!("{}.{}", first.fact.namespace, first.fact.name);
            let mut d = Diagnostics::default();
            let mut enums = BTreeMap::new();
            let t = merge_group(db, &index, &ns_of, &q, g, &mut d, &mut enums);
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
                derived_enums: enums,
            })
        })
        .collect();
    for m in merged {
        diags.extend(m.diags);
        for (k, v) in m.derived_enums {
            derived_enums.entry(k).or_insert(v);
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
    type_string_enums(&mut types);
    let mut schema = Schema {
        ir_version: IR_VERSION,
        types: types.into_values().collect(),
        operations: Vec::new(),
        roots: Vec::new(),
    };
    schema.sort();
    drop(groups);
    // the facts are many small allocations: freed on every core
    facts.into_par_iter().for_each(drop);
    schema
}

/// Every resolved statement of every type's base: its own pages' annotations, prose and
/// cells, and the `Derived types` lists of other pages.
fn base_statements(
    db: &SourceDb,
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
struct Merged {
    q: String,
    t: TypeDef,
    base_span: Option<Span>,
    own_key: Option<String>,
    has_nav: bool,
    diags: Diagnostics,
    derived_enums: BTreeMap<String, (Vec<String>, Span)>,
}

/// `q` and its bases, nearest first; stops at a cycle.
fn chain<'t>(types: &'t BTreeMap<String, TypeDef>, q: &'t str) -> Vec<&'t str> {
    let mut out = vec![q];
    let mut cur = q;
    while let Some(b) = types.get(cur).and_then(|t| t.base.as_deref()) {
        if out.contains(&b) {
            break;
        }
        out.push(b);
        cur = b;
    }
    out
}

/// The name of a qualified type without its namespace, for messages.
fn short_name(q: &str) -> String {
    split_qualified(q, "").1
}

/// The path and namespace of the page a fact came from: what type cells resolve against.
fn page_context<'a>(db: &'a SourceDb, ns_of: &'a BTreeMap<FileId, String>, file: FileId) -> (&'a str, &'a str) {
    (db.file(file).rel.as_str(), ns_of.get(&file).map(String::as_str).unwrap_or(codegen_ir::DEFAULT_NAMESPACE))
}

/// Among facts of equal origin, the page whose file name is the type's name comes first.
fn primary_rank(db: &SourceDb, l: &Located) -> u8 {
    let stem = db.file(l.file).rel.rsplit('/').next().unwrap_or("").trim_end_matches(".md").to_ascii_lowercase();
    let name = l.fact.name.to_ascii_lowercase();
    if stem == name {
        0
    } else if stem.replace('-', "").ends_with(&name) {
        1
    } else {
        2
    }
}

fn merge_group(
    db: &SourceDb,
    index: &Index,
    ns_of: &BTreeMap<FileId, String>,
    q: &str,
    g: &[Located],
    diags: &mut Diagnostics,
    derived_enums: &mut BTreeMap<String, (Vec<String>, Span)>,
) -> TypeDef {
    let first = &g[0];
    let authoritative = first.fact.origin != Origin::ApiBody;
    let is_enum = g.iter().any(|l| l.fact.is_enum);
    let mut t = TypeDef {
        name: first.fact.name.clone(),
        namespace: first.fact.namespace.clone(),
        kind: if is_enum { TypeKind::Enum } else { TypeKind::Complex },
        base: None,
        is_abstract: g.iter().any(|l| l.fact.is_abstract),
        open: g.iter().any(|l| l.fact.open),
        key: Vec::new(),
        properties: Vec::new(),
        members: Vec::new(),
        flags: false,
        description: g.iter().find_map(|l| l.fact.description.clone()),
        sources: Vec::new(),
        area: None,
        origin: None,
    };
    if !authoritative {
        diags.push(
            Diagnostic::new(
                Code::D0109,
                first.fact.span,
                format!("type `{q}` has no resource page; built from API pages"),
            )
            .help(format!("add a resource page for `{}`", t.name)),
        );
    }
    // duplicate resource pages
    let resources: Vec<&Located> = g.iter().filter(|l| l.fact.origin == Origin::Resource).collect();
    for dup in resources.iter().skip(1) {
        if dup.file != first.file {
            diags.push(
                Diagnostic::new(Code::D0103, dup.fact.span, format!("type `{q}` is also defined on another page"))
                    .related(first.fact.span, "first definition")
                    .help("keep one page per type; link to it from the others"),
            );
        }
    }
    let mut seen_props: BTreeMap<String, (Span, String)> = BTreeMap::new();
    let mut seen_members: BTreeSet<String> = BTreeSet::new();
    for l in g {
        let f = l.fact;
        let weak = f.origin == Origin::ApiBody && authoritative;
        let (rel, ns) = page_context(db, ns_of, l.file);
        if !weak {
            let place = crate::place(db, f.span);
            if !t.sources.contains(&place) {
                t.sources.push(place);
            }
        }
        for m in &f.members {
            if !seen_members.insert(m.name.clone()) {
                if !weak && l.file == first.file {
                    diags.push(
                        Diagnostic::new(Code::D0104, m.span, format!("member `{}` of `{q}` is listed twice", m.name))
                            .help("remove the repeated row"),
                    );
                }
                continue;
            }
            t.members.push(Member {
                name: m.name.clone(),
                value: m.value,
                description: m.description.clone(),
                source: Some(crate::place(db, m.span)),
                origin: None,
            });
        }
        for p in &f.properties {
            let resolved = index.resolve(db, rel, ns, &p.cell);
            let type_name = match &resolved {
                Ok(q) => q.clone(),
                Err(guess) => guess.clone(),
            };
            if let Some((span, prev_ty)) = seen_props.get(&p.name) {
                if weak || f.origin == Origin::ApiBody {
                    if prev_ty != &type_name && resolved.is_ok() {
                        diags.push(
                            Diagnostic::new(
                                Code::D0110,
                                p.type_span,
                                format!("`{}` is `{type_name}` here but `{prev_ty}` on the type's page", p.name),
                            )
                            .related(*span, "declared here")
                            .help("make both pages state the same type"),
                        );
                    }
                } else if l.file == first.file || f.origin == Origin::Resource {
                    diags.push(
                        Diagnostic::new(Code::D0104, p.span, format!("property `{}` of `{q}` is listed twice", p.name))
                            .related(*span, "first listed here")
                            .help("remove the repeated row"),
                    );
                }
                continue;
            }
            if weak {
                continue;
            }
            let mut possible_values = Vec::new();
            match &resolved {
                Err(guess) => {
                    if let (Some(values), false) = (&p.values, p.cell.enumeration) {
                        derived_enums.entry(guess.clone()).or_insert_with(|| (values.clone(), p.type_span));
                    } else if !p.cell.enumeration {
                        diags.push(
                            Diagnostic::new(
                                Code::D0102,
                                p.type_span,
                                format!("type `{}` of `{}` is not documented in this tree", p.cell.name, p.name),
                            )
                            .help("link the type to its page, or add a page for it"),
                        );
                    }
                }
                Ok(ty) if ty == "Edm.String" => {
                    if let Some(values) = &p.values {
                        possible_values = values.clone();
                    }
                }
                Ok(_) => {}
            }
            seen_props.insert(p.name.clone(), (p.span, type_name.clone()));
            t.properties.push(Property {
                name: p.name.clone(),
                ty: TypeRef { name: type_name.into(), collection: p.cell.collection },
                nullable: p.nullable,
                navigation: p.navigation,
                description: p.description.clone(),
                possible_values,
                contains_target: false,
                source: Some(crate::place(db, p.span)),
                origin: None,
            });
        }
    }
    // the JSON representation against the tables
    if t.kind != TypeKind::Enum {
        for l in g.iter().filter(|l| l.fact.origin == Origin::Resource) {
            let (rel, ns) = page_context(db, ns_of, l.file);
            let table_names: BTreeSet<&str> = l.fact.properties.iter().map(|p| p.name.as_str()).collect();
            for (k, span) in &l.fact.json_keys {
                if seen_props.contains_key(&k.name) || table_names.contains(k.name.as_str()) {
                    continue;
                }
                let Some(tn) = &k.type_name else { continue };
                let cell = TypeCell {
                    name: tn.clone(),
                    primitive: crate::extract::typecell::primitive(tn),
                    ..TypeCell::default()
                };
                let type_name = index.resolve(db, rel, ns, &cell).unwrap_or_else(|g| g);
                diags.push(
                    Diagnostic::new(
                        Code::D0107,
                        *span,
                        format!("property `{}` appears only in the JSON representation", k.name),
                    )
                    .help("add a row for it to the properties table"),
                );
                seen_props.insert(k.name.clone(), (*span, type_name.clone()));
                t.properties.push(Property {
                    name: k.name.clone(),
                    ty: TypeRef { name: type_name.into(), collection: k.collection },
                    nullable: true,
                    navigation: false,
                    description: String::new(),
                    possible_values: Vec::new(),
                    contains_target: false,
                    source: Some(crate::place(db, *span)),
                    origin: None,
                });
            }
            if l.fact.json_span.is_some() && !l.fact.json_keys.is_empty() {
                let json: BTreeSet<&str> = l.fact.json_keys.iter().map(|(k, _)| k.name.as_str()).collect();
                for p in l.fact.properties.iter().filter(|p| !p.navigation && !json.contains(p.name.as_str())) {
                    diags.push(
                        Diagnostic::new(
                            Code::D0108,
                            p.span,
                            format!("property `{}` is missing from the JSON representation", p.name),
                        )
                        .help("add it to the JSON representation block"),
                    );
                }
            }
        }
    }
    // base type
    if let Some(b) = g
        .iter()
        .filter(|l| !authoritative || l.fact.origin != Origin::ApiBody)
        .filter_map(|l| l.fact.base.as_ref().map(|b| (l, b)))
        .min_by_key(|(_, b)| b.source)
    {
        let (l, b) = b;
        let (rel, ns) = page_context(db, ns_of, l.file);
        match index.resolve(db, rel, ns, &b.cell) {
            Ok(q2) if q2 != q && !codegen_ir::is_primitive(&q2) => t.base = Some(q2.into()),
            Ok(_) => {}
            Err(guess) => {
                diags.push(
                    Diagnostic::new(
                        Code::D0113,
                        b.span,
                        format!("base type `{}` is not documented in this tree", b.cell.name),
                    )
                    .help("link the base type to its page"),
                );
                t.base = Some(guess.into());
            }
        }
    }
    t
}

/// Kinds (entity or complex), keys and inheritance cycles, across the whole tree.
fn resolve_inheritance(
    types: &mut BTreeMap<String, TypeDef>,
    base_spans: &BTreeMap<String, Span>,
    own_keys: &BTreeMap<String, String>,
    has_nav: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    // cycles and bases that are enums
    let names: Vec<String> = types.keys().cloned().collect();
    for q in &names {
        let mut seen = BTreeSet::new();
        let mut cur = q.clone();
        seen.insert(cur.clone());
        while let Some(b) = types.get(&cur).and_then(|t| t.base.as_ref()).map(|b| b.to_string()) {
            if !seen.insert(b.clone()) {
                if let Some(t) = types.get_mut(q) {
                    t.base = None;
                }
                if let Some(span) = base_spans.get(q) {
                    diags.push(
                        Diagnostic::new(
                            Code::D0113,
                            *span,
                            format!("inheritance of `{q}` forms a cycle; base dropped"),
                        )
                        .help("fix the base type so that inheritance ends"),
                    );
                }
                break;
            }
            cur = b;
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

/// A `String` property whose listed values are members of a documented enum named after
/// the property (`state` -> `agreementAcceptanceState`) is typed as that enum.
fn type_string_enums(types: &mut BTreeMap<String, TypeDef>) {
    let enums: Vec<(String, String, BTreeSet<String>)> = types
        .iter()
        .filter(|(_, t)| t.kind == TypeKind::Enum)
        .map(|(q, t)| (q.clone(), t.name.to_ascii_lowercase(), t.members.iter().map(|m| m.name.clone()).collect()))
        .collect();
    for t in types.values_mut() {
        let owner = t.name.to_ascii_lowercase();
        for p in &mut t.properties {
            if p.ty.name != "Edm.String" || p.possible_values.is_empty() {
                continue;
            }
            let prop = p.name.to_ascii_lowercase();
            let owner_prop = format!("{owner}{prop}");
            let fits = |(_, name, members): &&(String, String, BTreeSet<String>)| {
                (name.ends_with(&prop) || *name == owner_prop) && p.possible_values.iter().all(|v| members.contains(v))
            };
            let found: Vec<&(String, String, BTreeSet<String>)> = enums.iter().filter(fits).collect();
            let pick = match found.as_slice() {
                [one] => Some(one.0.clone()),
                many => many.iter().find(|e| e.1 == owner_prop).map(|e| e.0.clone()),
            };
            if let Some(q) = pick {
                p.ty.name = q.into();
                p.possible_values.clear();
            }
        }
    }
}
