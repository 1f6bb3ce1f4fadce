//! The docs-vs-metadata lint: every disagreement, at the docs line it concerns (the
//! property's or member's row, else the type's page section, else the metadata's
//! declaration for what the docs lack entirely). Types, properties, members, bases, keys,
//! kinds, flags, and every documented request path walked through the metadata.

use crate::finding::Finding;
use crate::matching::{self, Pairs};
use crate::paths::Walker;
use codegen_core::diag::Code;
use codegen_ir::{Schema, SourceRef, TypeDef, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

fn kind(k: TypeKind) -> &'static str {
    match k {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

fn shown(t: &str, collection: bool) -> String {
    if collection {
        format!("Collection({t})")
    } else {
        t.to_string()
    }
}

pub fn diff(docs: &Schema, meta: &Schema) -> Vec<Finding> {
    let pairs = Pairs::new(docs, meta);
    let meta_by_q: BTreeMap<String, &TypeDef> = meta.types.iter().map(|t| (t.qualified().into_string(), t)).collect();
    let mut out = Vec::new();
    for d in &docs.types {
        let dq = d.qualified().into_string();
        let at = d.sources.first();
        let Some((mq, ci)) = pairs.docs_to_meta.get(&dq) else {
            out.push(Finding::new(
                Code::M0001,
                at,
                format!("`{dq}` is documented but the metadata has no such type"),
                "check the type's name and namespace against the service's $metadata",
            ));
            continue;
        };
        let Some(m) = meta_by_q.get(mq) else { continue };
        let decl = m.sources.first();
        let f = |code, msg: String, help: &str| {
            Finding::new(code, at, msg, help).related(decl, "declared here in the metadata")
        };
        if *ci {
            out.push(f(
                Code::M0015,
                format!("the docs name `{dq}`, the metadata `{mq}`"),
                "write the name as the metadata does",
            ));
        }
        if d.kind != m.kind {
            out.push(f(
                Code::M0012,
                format!("the docs read `{mq}` as {} type, the metadata declares {} type", kind(d.kind), kind(m.kind)),
                "state the kind the metadata declares (a key for entities, none for complex types)",
            ));
            continue;
        }
        let db = d.base.as_deref().map(|b| pairs.rename(b));
        if db.as_deref() != m.base.as_deref() {
            out.push(f(
                Code::M0010,
                format!(
                    "the docs give `{mq}` the base `{}`, the metadata `{}`",
                    db.as_deref().unwrap_or("(none)"),
                    m.base.as_deref().unwrap_or("(none)")
                ),
                "state the metadata's base type on the page",
            ));
        }
        if m.kind == TypeKind::Entity && d.key != m.key {
            out.push(f(
                Code::M0011,
                format!("the docs' key of `{mq}` is [{}], the metadata's [{}]", d.key.join(", "), m.key.join(", ")),
                "mark the metadata's key property on the page",
            ));
        }
        if m.kind == TypeKind::Enum {
            if d.flags != m.flags {
                out.push(f(
                    Code::M0016,
                    format!("`{mq}` is {}a flags enum in the metadata", if m.flags { "" } else { "not " }),
                    "say whether its values combine",
                ));
            }
            members(d, m, at, decl, &mut out);
            continue;
        }
        properties(d, m, &meta_by_q, &pairs, at, decl, &mut out);
    }
    for m in &meta.types {
        if !pairs.meta_to_docs.contains_key(&m.qualified().into_string()) {
            out.push(Finding::new(
                Code::M0002,
                m.sources.first(),
                format!("`{}` has no docs page", m.qualified().into_string()),
                "document the type on a resource page (or an enum section)",
            ));
        }
    }
    let walker = Walker::new(meta);
    for op in &docs.operations {
        for p in &op.paths {
            if let Err(why) = walker.resolve(&p.to_string()) {
                out.push(Finding::new(
                    Code::M0013,
                    Some(&SourceRef::file(op.source.as_str())),
                    format!("`{} {p}` does not resolve through the metadata: {why}", op.method),
                    "fix the path (names, casts, keys), or the operation is missing from the metadata",
                ));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn members(d: &TypeDef, m: &TypeDef, at: Option<&SourceRef>, decl: Option<&SourceRef>, out: &mut Vec<Finding>) {
    let mq = m.qualified().into_string();
    for mm in &m.members {
        let dm = d.members.iter().find(|x| x.name == mm.name);
        if dm.is_some() {
            continue;
        }
        match d.members.iter().find(|x| x.name.eq_ignore_ascii_case(&mm.name)) {
            Some(x) => out.push(
                Finding::new(
                    Code::M0015,
                    x.source.as_ref().or(at),
                    format!("member `{}` of `{mq}` is `{}` in the metadata", x.name, mm.name),
                    "write the member as the metadata does (values are case-sensitive)",
                )
                .related(mm.source.as_ref(), "declared here in the metadata"),
            ),
            None => out.push(
                Finding::new(
                    Code::M0008,
                    at,
                    format!("member `{}` of `{mq}` is missing from the docs", mm.name),
                    "add a row for it",
                )
                .related(mm.source.as_ref().or(decl), "declared here in the metadata"),
            ),
        }
    }
    for dm in &d.members {
        if !m.members.iter().any(|x| x.name.eq_ignore_ascii_case(&dm.name)) {
            out.push(
                Finding::new(
                    Code::M0009,
                    dm.source.as_ref().or(at),
                    format!("member `{}` of `{mq}` is not in the metadata", dm.name),
                    "remove the row, or check the value against the service's $metadata",
                )
                .related(decl, "the metadata's declaration of the enum"),
            );
        }
    }
}

fn properties(
    d: &TypeDef,
    m: &TypeDef,
    meta_by_q: &BTreeMap<String, &TypeDef>,
    pairs: &Pairs,
    at: Option<&SourceRef>,
    decl: Option<&SourceRef>,
    out: &mut Vec<Finding>,
) {
    let mq = m.qualified().into_string();
    let mut inherited = BTreeSet::new();
    let mut seen = BTreeSet::from([mq.clone()]);
    let mut cur = m.base.as_deref().and_then(|b| meta_by_q.get(b));
    while let Some(b) = cur {
        if !seen.insert(b.qualified().into_string()) {
            break;
        }
        inherited.extend(b.properties.iter().map(|p| p.name.to_lowercase()));
        cur = b.base.as_deref().and_then(|x| meta_by_q.get(x));
    }
    for mp in &m.properties {
        let related = mp.source.as_ref().or(decl);
        let Some(dp) = matching::property(d, &mp.name) else {
            out.push(
                Finding::new(
                    Code::M0003,
                    at,
                    format!(
                        "{} `{}` of `{mq}` ({}) is missing from the docs",
                        if mp.navigation { "relationship" } else { "property" },
                        mp.name,
                        shown(&mp.ty.name, mp.ty.collection)
                    ),
                    if mp.navigation {
                        "add a row for it to the relationships table"
                    } else {
                        "add a row for it to the properties table"
                    },
                )
                .related(related, "declared here in the metadata"),
            );
            continue;
        };
        let row = dp.source.as_ref().or(at);
        let f = |code, msg: String, help: &str| {
            Finding::new(code, row, msg, help).related(related, "declared here in the metadata")
        };
        if dp.name != mp.name {
            out.push(f(
                Code::M0015,
                format!("property `{}` of `{mq}` is `{}` in the metadata", dp.name, mp.name),
                "write the name as the metadata does",
            ));
        }
        let dt = pairs.rename(&dp.ty.name);
        if dt != mp.ty.name.as_str() {
            out.push(f(
                Code::M0005,
                format!("`{}` of `{mq}` is `{}` in the docs, `{}` in the metadata", mp.name, dp.ty.name, mp.ty.name),
                "write the metadata's type in the type cell",
            ));
        }
        if dp.ty.collection != mp.ty.collection {
            out.push(f(
                Code::M0006,
                format!(
                    "`{}` of `{mq}` is {}a collection in the metadata ({})",
                    mp.name,
                    if mp.ty.collection { "" } else { "not " },
                    shown(&mp.ty.name, mp.ty.collection)
                ),
                if mp.ty.collection {
                    "write the type cell as `X collection`"
                } else {
                    "drop `collection` from the type cell"
                },
            ));
        }
        if dp.navigation != mp.navigation {
            out.push(f(
                Code::M0007,
                format!(
                    "`{}` of `{mq}` is a {} property in the metadata",
                    mp.name,
                    if mp.navigation { "navigation" } else { "structural" }
                ),
                if mp.navigation {
                    "move the row to the relationships table"
                } else {
                    "move the row to the properties table"
                },
            ));
        }
    }
    for dp in &d.properties {
        let lower = dp.name.to_lowercase();
        if m.properties.iter().any(|p| p.name.to_lowercase() == lower) || inherited.contains(&lower) {
            continue;
        }
        out.push(
            Finding::new(
                Code::M0004,
                dp.source.as_ref().or(at),
                format!("property `{}` of `{mq}` is not in the metadata, declared or inherited", dp.name),
                "remove the row, or check the name against the service's $metadata",
            )
            .related(decl, "the metadata's declaration of the type"),
        );
    }
}
