//! Navigation properties read from the documented API paths. A path `/S/{id}/P` (or a
//! singleton's `/S/P`) where `S` leads to a type and `P` is no property of it says that the
//! type has a navigation property `P`: its target is what a `GET` (or a `POST` creating an
//! item) on that path answers, and it is a collection when a key follows `P` or the answer is
//! a collection. Each one found is reported (D0123): the type's table lacks it.
//!
//! Properties found this way can open further paths (`/users/{id}/settings/shiftPreferences`
//! needs `settings` first), so the search runs in a few bounded rounds.

use super::resolver::Resolver;
use super::roots::{bind_operations, collect_roots, promised};
use super::PageOps;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::{HttpMethod, PathTemplate, Property, Schema, TypeKind, TypeRef};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Rounds of the search: each round can only extend paths that the one before opened.
const ROUNDS: usize = 4;

/// What the paths say about one missing property of one type.
#[derive(Default)]
struct Evidence {
    /// The spelling of the first path that names it.
    spelling: String,
    /// Target types the answers name, with how many operations name each.
    targets: BTreeMap<String, usize>,
    /// A key follows the segment, or an answer is a collection.
    collection: bool,
    /// The first path naming it (for the report).
    at: Span,
}

/// A resolver with the roots and bound operations of `found`, as the operations stage uses.
pub fn prepared<'s>(found: &[PageOps], schema: &'s Schema) -> Resolver<'s> {
    let mut r = Resolver::new(schema);
    collect_roots(found, &mut r);
    r.infer_roots(found.par_iter().flat_map_iter(|p| p.op.paths.iter()));
    bind_operations(found, &mut r);
    r
}

/// The navigation properties that the paths of `found` go through but no table of the
/// schema `r` was built on declares, in round `round` of the search: none once the rounds
/// are spent. The caller adds them ([`add`]) and asks again on a resolver of the new schema
/// until none are left; that resolver is the one the operations stage goes on with.
pub fn missing(round: usize, found: &[PageOps], r: &Resolver) -> Missing {
    if round < ROUNDS {
        candidates(found, r)
    } else {
        Missing::new()
    }
}

/// Properties to add, by (owner type, lower-case name), with the span to report.
pub type Missing = BTreeMap<(String, String), (Property, Span)>;

/// Adds the properties found in one round to their types and reports each.
pub fn add(files: codegen_core::source::Paths, added: Missing, schema: &mut Schema, diags: &mut Diagnostics) {
    for ((owner, _), (mut prop, at)) in added {
        // the property's place is the first path that goes through it
        prop.source = Some(crate::place(files, at));
        let Some(t) = schema.types.iter_mut().find(|t| t.qualified().into_string() == owner) else { continue };
        let many = if prop.ty.collection { " collection" } else { "" };
        diags.push(
            Diagnostic::new(
                Code::D0123,
                at,
                format!(
                    "this path goes through `{}` of `{}`, which its properties table does not list; read as a navigation property to `{}`{many}",
                    prop.name, t.name, prop.ty.name
                ),
            )
            .help(format!("add `{}` to the relationships table of `{}`", prop.name, t.name)),
        );
        t.properties.push(prop);
    }
}

/// What one path of one page says about a missing property.
struct Sighting {
    /// (owner type, lower-case name).
    key: (String, String),
    spelling: String,
    at: Span,
    keyed: bool,
    /// The answer's target and whether it makes the property a collection, when the
    /// operation answers with the segment's target.
    target: Option<(String, bool)>,
}

/// What the paths of one page say, in path order.
fn sightings(p: &PageOps, r: &Resolver) -> Vec<Sighting> {
    let mut out = Vec::new();
    let answer = promised(p);
    for (i, path) in p.op.paths.iter().enumerate() {
        let Err(u) = r.resolve(path) else { continue };
        let Some(seg) = path.segments.get(u.segment).map(ToString::to_string) else { continue };
        if u.segment == 0 || !is_plain_name(&seg) {
            continue;
        }
        let prefix = PathTemplate { segments: path.segments.get(..u.segment).unwrap_or_default().to_vec() };
        let Ok(Some(owner)) = r.resolve(&prefix) else { continue };
        if owner.collection || r.property(&owner.name, &seg).is_some() {
            continue;
        }
        let Some(owner_name) = r.canonical(&owner.name) else { continue };
        let rest: Vec<String> = path.segments.iter().skip(u.segment + 1).map(ToString::to_string).collect();
        let keyed = rest.first().is_some_and(|s| s.starts_with('{'));
        // the last segment of an action or function page (Graph titles them `type: name`)
        // is the call, even when the docs write a function without parentheses
        if rest.is_empty() && (p.action || p.op.title.contains(':')) {
            continue;
        }
        // what the operation answers is the segment's target only when the path ends
        // at the segment or at one key of it
        let ends_here = rest.is_empty() || (keyed && rest.len() == 1);
        let creates = p.op.method == HttpMethod::Post && rest.is_empty();
        let target = if ends_here && (p.op.method == HttpMethod::Get || creates) {
            answer.as_ref().and_then(|a| Some((r.canonical(&a.name)?.to_string(), (a.collection && !keyed) || creates)))
        } else {
            None
        };
        out.push(Sighting {
            key: (owner_name.to_string(), seg.to_ascii_lowercase()),
            spelling: seg,
            at: p.path_spans.get(i).copied().unwrap_or_default(),
            keyed,
            target,
        });
    }
    out
}

/// The properties to add, by (owner type, lower-case name), with the span to report. Pages
/// are read on every core and their sightings weighed in page order.
fn candidates(found: &[PageOps], r: &Resolver) -> Missing {
    let per_page: Vec<Vec<Sighting>> = found.par_iter().map(|p| sightings(p, r)).collect();
    let mut seen: BTreeMap<(String, String), Evidence> = BTreeMap::new();
    for s in per_page.into_iter().flatten() {
        let e = seen.entry(s.key).or_default();
        if e.spelling.is_empty() {
            e.spelling = s.spelling;
            e.at = s.at;
        }
        e.collection |= s.keyed;
        if let Some((t, collection)) = s.target {
            *e.targets.entry(t).or_default() += 1;
            e.collection |= collection;
        }
    }
    let entity = |q: &str| r.ancestors(q).first().is_some_and(|t| t.kind == TypeKind::Entity);
    seen.into_iter()
        .filter_map(|(k, e)| {
            // the most named target, ties to the first by name
            let (target, _) =
                e.targets.iter().filter(|(t, _)| entity(t)).max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
            let prop = Property {
                name: e.spelling.clone(),
                ty: TypeRef { name: target.as_str().into(), collection: e.collection },
                nullable: true,
                navigation: true,
                description: String::new(),
                possible_values: Vec::new(),
                contains_target: false,
                source: None,
                origin: None,
            };
            Some((k, (prop, e.at)))
        })
        .collect()
}

/// A segment that can be a property name: letters and digits, starting with a letter.
fn is_plain_name(seg: &str) -> bool {
    seg.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && seg.chars().all(|c| c.is_ascii_alphanumeric())
}
