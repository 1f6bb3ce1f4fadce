//! One page's API facts settled against the resolved types: the types its links and cells
//! name, the body and response its prose promises, its parameters (the page's statements
//! replayed in order), and the check of its example's `@odata.type`.

use super::PageOps;
use crate::extract::api::{ApiFacts, ParamFact, ParamStep, ParamType, ResponseProse};
use crate::resolve::names::Names;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::{ParamLocation, Parameter, TypeRef};

/// The response a page's prose promises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseResponse {
    pub status: Option<u16>,
    pub type_name: Option<String>,
    pub collection: bool,
    pub no_content: bool,
    /// The monitor header any of the response paragraphs names.
    pub monitor: Option<String>,
    pub span: Span,
}

/// Settles one page; `None` when the page has nothing to build an operation from.
pub fn settle(f: ApiFacts, names: &Names) -> (Option<PageOps>, Diagnostics) {
    let mut d = Diagnostics::default();
    let mut op = f.op;
    let from = op.source.clone();
    let example_type = f.example_type.map(|e| {
        check_annotation_type(&e.name, names, &e.mentions, e.at, &mut d);
        (names.qualify(&e.name), e.collection, e.span)
    });
    if !f.usable {
        return (None, d);
    }
    // what the page is about: the first link of its introduction that names a type
    let intro_type = f.intro_links.iter().find_map(|k| names.link_type(&from, k));
    op.request_body = f.body_prose.iter().find_map(|b| {
        let t = b.links.iter().find_map(|k| names.link_type(&from, k))?;
        Some(TypeRef { name: t.into(), collection: b.collection })
    });
    let mut prose = f.response_prose.iter().find_map(|r| response(r, &from, names));
    if let Some(p) = prose.as_mut() {
        p.monitor = f.response_prose.iter().find_map(|r| r.monitor.clone());
    }
    let param = |p: ParamFact| -> Parameter {
        let ty = match p.ty {
            ParamType::Known(t) => t,
            ParamType::Cell(c) => {
                let (name, collection) = names.cell_type(&from, &c);
                TypeRef { name: name.into(), collection }
            }
        };
        Parameter { name: p.name, ty, required: p.required, location: p.location, description: p.description }
    };
    let mut action = false;
    for step in f.params {
        match step {
            ParamStep::PushIfAbsent(p) => push_if_absent(&mut op.parameters, param(p)),
            ParamStep::Merge(p) => merge_parameter(&mut op.parameters, param(p)),
            ParamStep::Extend(ps) => op.parameters.extend(ps.into_iter().map(param)),
            ParamStep::BodyTable { params, is_property_table } => {
                if is_property_table && op.request_body.is_none() {
                    // a property table with no "JSON representation of [x]" line: the type
                    // the page is about
                    op.request_body = intro_type.clone().map(|t| TypeRef { name: t.into(), collection: false });
                }
                if !is_property_table && op.request_body.is_none() {
                    action = true;
                    for p in params {
                        push_if_absent(&mut op.parameters, param(p));
                    }
                }
            }
        }
    }
    let ops = PageOps {
        op,
        path_spans: f.path_spans,
        names: f.names,
        prose,
        example_type,
        example_status: f.example_status,
        example_monitor: f.example_monitor,
        value_array: f.value_array,
        single_object: f.single_object,
        bodies: f.bodies,
        action,
    };
    (Some(ops), d)
}

/// The prose's response: the first link that names a type, with its collection words.
fn response(r: &ResponseProse, from: &str, names: &Names) -> Option<ProseResponse> {
    let typed = r.links.iter().find_map(|(l, coll)| Some((names.link_type(from, l)?, *coll)));
    if r.status.is_none() && typed.is_none() {
        return None;
    }
    let (type_name, collection) = match typed {
        Some((t, c)) => (Some(t), c),
        None => (None, false),
    };
    Some(ProseResponse {
        status: r.status,
        type_name,
        collection,
        no_content: r.no_content,
        monitor: None,
        span: r.span,
    })
}

/// Adds a parameter unless one of that name exists at its location.
fn push_if_absent(params: &mut Vec<Parameter>, p: Parameter) {
    if !params.iter().any(|q| q.name == p.name && q.location == p.location) {
        params.push(p);
    }
}

/// D0208 / D0218 for an annotation's `@odata.type`.
fn check_annotation_type(t: &str, names: &Names, mentions: &[String], at: Span, d: &mut Diagnostics) {
    if t.starts_with("Collection(") || t.starts_with("Edm.") || crate::extract::typecell::primitive(t).is_some() {
        return;
    }
    let short = t.rsplit('.').next().unwrap_or(t);
    let known = names.lookup(t).map(|k| k.rsplit('.').next().unwrap_or(k).to_string());
    let same_case_elsewhere = mentions.iter().find(|m| m.eq_ignore_ascii_case(short) && m.as_str() != short);
    match known {
        Some(k) if k != short => {
            d.push(
                Diagnostic::new(Code::D0208, at, format!("`@odata.type` `{t}` differs in case from the type `{k}`"))
                    .help(format!("write `{}.{k}`", t.rsplit_once('.').map_or("microsoft.graph", |x| x.0))),
            );
        }
        Some(_) => {}
        None => {
            if let Some(m) = same_case_elsewhere {
                if mentions.iter().all(|x| !x.eq(short)) {
                    d.push(
                        Diagnostic::new(
                            Code::D0208,
                            at,
                            format!("`@odata.type` `{t}` differs in case from `{m}`, as the page writes it elsewhere"),
                        )
                        .help(format!("write `{}.{m}`", t.rsplit_once('.').map_or("microsoft.graph", |x| x.0))),
                    );
                }
            } else if !names.is_empty() {
                d.push(
                    Diagnostic::new(Code::D0218, at, format!("`@odata.type` `{t}` names no documented type"))
                        .help("name a type that a resource page documents"),
                );
            }
        }
    }
}

/// Adds a parameter, or completes the one of that name (a path parameter named
/// `{x-value}` or `{x}` takes the table's type and description).
fn merge_parameter(params: &mut Vec<Parameter>, p: Parameter) {
    let same = |q: &Parameter| {
        q.name.eq_ignore_ascii_case(&p.name)
            || (q.location == ParamLocation::Path
                && q.name.strip_suffix("-value").is_some_and(|n| n.eq_ignore_ascii_case(&p.name)))
    };
    match params.iter_mut().find(|q| same(q)) {
        Some(q) => {
            if q.description.is_empty() {
                q.description = p.description;
            }
            if q.ty.name == "Edm.String" {
                q.ty.name = p.ty.name;
                q.ty.collection = p.ty.collection;
            }
            q.required |= p.required;
        }
        None => params.push(p),
    }
}
