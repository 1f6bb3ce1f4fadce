//! The one place that builds IR values: the checked [`Model`] and the operation
//! [`Plan`]s -> [`Schema`](ir::Schema). Types keep the metadata's order of properties and members and
//! its effective keys (declared, else the nearest base's); every item keeps its `file:line`.

use crate::annotations::Index;
use crate::check::ancestors;
use crate::model::*;
use crate::operations::{Plan, Verb};
use codegen_core::diag::Span;
use codegen_core::source::SourceDb;
use codegen_ir as ir;
use std::collections::{BTreeMap, BTreeSet};

/// The line and column of a span, as the IR keeps sources.
fn place_in(db: &SourceDb, span: Span) -> ir::SourceRef {
    match db.get(span.file) {
        Some(f) => {
            let (line, col) = f.line_col(span.start as usize);
            ir::SourceRef::new(f.rel.as_str(), u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(col).unwrap_or(1))
        }
        None => ir::SourceRef::file("?"),
    }
}

pub fn schema(db: &SourceDb, model: &Model, index: &Index, plans: &[Plan]) -> ir::Schema {
    let place = |span: Span| place_in(db, span);
    let by_q: BTreeMap<String, &TypeEl> = model.types.iter().map(|t| (t.qualified(), t)).collect();
    let types = model.types.iter().map(|t| type_def(t, &by_q, index, &place)).collect();
    let roots = model
        .roots
        .iter()
        .filter_map(|r| {
            let kind = match r.kind {
                RootKind::EntitySet => ir::RootKind::EntitySet,
                RootKind::Singleton => ir::RootKind::Singleton,
                _ => return None,
            };
            Some(ir::Root {
                name: r.name.clone(),
                kind,
                type_name: r.target.as_str().into(),
                inferred: false,
                description: index.description(&r.annotations, &r.path).unwrap_or_default(),
                source: Some(place(r.span)),
            })
        })
        .collect();
    let mut ids = BTreeSet::new();
    let operations = plans.iter().map(|p| operation(model, index, p, &place, &mut ids)).collect();
    let mut s = ir::Schema { ir_version: ir::IR_VERSION, types, operations, roots };
    s.sort();
    s
}

fn type_def(
    t: &TypeEl,
    by_q: &BTreeMap<String, &TypeEl>,
    index: &Index,
    place: &impl Fn(Span) -> ir::SourceRef,
) -> ir::TypeDef {
    let q = t.qualified();
    let key = match t.kind {
        Kind::Entity => std::iter::once(t)
            .chain(ancestors(by_q, t))
            .find_map(|x| x.key.as_ref().filter(|(k, _)| !k.is_empty()))
            .map(|(k, _)| k.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    ir::TypeDef {
        name: t.name.clone(),
        namespace: t.namespace.clone(),
        kind: match t.kind {
            Kind::Entity => ir::TypeKind::Entity,
            Kind::Complex => ir::TypeKind::Complex,
            Kind::Enum => ir::TypeKind::Enum,
        },
        base: t.base.as_ref().map(|(b, _)| b.as_str().into()),
        is_abstract: t.is_abstract,
        open: t.open,
        key,
        properties: t
            .properties
            .iter()
            .map(|p| ir::Property {
                name: p.name.clone(),
                ty: type_ref(&p.ty),
                nullable: p.nullable,
                navigation: p.navigation,
                description: index.description(&p.annotations, &format!("{q}/{}", p.name)).unwrap_or_default(),
                possible_values: Vec::new(),
                contains_target: p.contains_target,
                source: Some(place(p.span)),
                origin: None,
            })
            .collect(),
        members: t
            .members
            .iter()
            .map(|m| ir::Member {
                name: m.name.clone(),
                value: m.value,
                description: index.description(&m.annotations, &format!("{q}/{}", m.name)).unwrap_or_default(),
                source: Some(place(m.span)),
                origin: None,
            })
            .collect(),
        flags: t.flags,
        description: index.description(&t.annotations, &q),
        sources: vec![place(t.span)],
        area: None,
        origin: None,
        deprecated: None,
        availability: Vec::new(),
    }
}

fn type_ref(t: &TypeName) -> ir::TypeRef {
    ir::TypeRef::new(t.name.as_str(), t.collection)
}

fn operation(
    model: &Model,
    index: &Index,
    p: &Plan,
    place: &impl Fn(Span) -> ir::SourceRef,
    ids: &mut BTreeSet<String>,
) -> ir::Operation {
    let callable = p.callable.and_then(|i| model.callables.get(i));
    let first = p.paths.first().map(String::as_str).unwrap_or_default();
    let segments: Vec<&str> = first
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .map(|s| s.split('(').next().unwrap_or(s))
        .collect();
    let verb = match p.verb {
        Verb::List => "list",
        Verb::Get => "get",
        Verb::Create => "create",
        Verb::Update => "update",
        Verb::Delete => "delete",
        Verb::Call => "call",
    };
    let item = if first.ends_with('}') { " item" } else { "" };
    let (base_id, title) = match callable {
        Some(c) => {
            let on = c.parameters.first().filter(|_| c.bound).map(|b| {
                let short = b.ty.name.rsplit('.').next().unwrap_or(&b.ty.name);
                if b.ty.collection {
                    format!("({short} collection)")
                } else {
                    format!("({short})")
                }
            });
            let kind = if c.kind == CallableKind::Action { "action" } else { "function" };
            (
                format!("{kind}:{}{}", c.qualified(), on.clone().unwrap_or_default()),
                format!("{} {}", c.name, on.unwrap_or_default()),
            )
        }
        None => (format!("{}:{first}", p.method.to_ascii_lowercase()), format!("{verb} {}{item}", segments.join(" "))),
    };
    let mut id = base_id.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        n += 1;
        id = format!("{base_id}#{n}");
    }
    let mut parameters: Vec<ir::Parameter> = p
        .keys
        .iter()
        .map(|(k, t)| ir::Parameter {
            name: k.clone(),
            ty: ir::TypeRef::new("Edm.String", false),
            required: true,
            location: ir::ParamLocation::Path,
            description: format!("The key of a `{t}`."),
        })
        .collect();
    let mut request_body = None;
    let response;
    if let Some(c) = callable {
        let q = c.qualified();
        let in_path = c.kind == CallableKind::Function;
        for par in c.parameters.iter().skip(usize::from(c.bound)) {
            parameters.push(ir::Parameter {
                name: par.name.clone(),
                ty: type_ref(&par.ty),
                required: !par.nullable || in_path,
                location: if in_path { ir::ParamLocation::Path } else { ir::ParamLocation::Body },
                description: index.description(&par.annotations, &format!("{q}/{}", par.name)).unwrap_or_default(),
            });
        }
        response = Some(match &c.returns {
            Some(r) => ir::Response { status: 200, body: Some(type_ref(r)), monitor: None },
            None => ir::Response { status: 204, body: None, monitor: None },
        });
    } else {
        match p.verb {
            Verb::List | Verb::Get => {
                response =
                    p.target.as_ref().map(|t| ir::Response { status: 200, body: Some(type_ref(t)), monitor: None })
            }
            Verb::Create => {
                request_body = p.target.as_ref().map(type_ref);
                response =
                    p.target.as_ref().map(|t| ir::Response { status: 201, body: Some(type_ref(t)), monitor: None });
            }
            Verb::Update => {
                request_body = p.target.as_ref().map(type_ref);
                response = Some(ir::Response { status: 204, body: None, monitor: None });
            }
            Verb::Delete | Verb::Call => response = Some(ir::Response { status: 204, body: None, monitor: None }),
        }
    }
    let is_get = p.method == "GET" && callable.is_none();
    let query_options = match p.verb {
        Verb::List if is_get => p.caps.query_options.clone(),
        Verb::Get if is_get => {
            p.caps.query_options.iter().filter(|o| *o == "$select" || *o == "$expand").cloned().collect()
        }
        _ => Vec::new(),
    };
    let mut headers = Vec::new();
    if is_get {
        for h in &p.caps.headers {
            headers.push(ir::Header { name: h.name.clone(), required: h.required, value: String::new() });
        }
        for c in p.caps.query.iter().chain(&p.nav_query) {
            if parameters.iter().any(|x| x.name == c.name) {
                continue;
            }
            parameters.push(ir::Parameter {
                name: c.name.clone(),
                ty: ir::TypeRef::new("Edm.String", false),
                required: c.required,
                location: ir::ParamLocation::Query,
                description: c.description.clone(),
            });
        }
    }
    ir::Operation {
        id,
        method: ir::HttpMethod::parse(p.method).unwrap_or_default(),
        paths: p.paths.iter().map(|x| ir::PathTemplate::parse(x)).collect(),
        request_body,
        parameters,
        response,
        permissions: ir::Permissions::default(),
        source: place(p.span).file,
        title: title.trim().to_string(),
        description: p.description.clone().unwrap_or_default(),
        query_options,
        required_query: Vec::new(),
        headers,
        examples: Vec::new(),
        area: None,
        callable: callable.map(|c| ir::Callable {
            kind: match c.kind {
                CallableKind::Action => ir::CallableKind::Action,
                CallableKind::Function => ir::CallableKind::Function,
            },
            name: c.qualified().into(),
            bound_to: c.parameters.first().filter(|_| c.bound).map(|b| type_ref(&b.ty)),
        }),
        origin: None,
        deprecated: None,
        availability: Vec::new(),
    }
}
