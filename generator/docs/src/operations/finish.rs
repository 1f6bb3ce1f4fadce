//! Per operation: its paths resolved through the types (D0213), its response settled from
//! the prose, the example annotation and the path, its example bodies validated.

use super::resolver::Resolver;
use super::roots::promised;
use super::validate;
use super::PageOps;
use crate::resolve::names::Names;
use codegen_core::diag::{Code, Diagnostic, Diagnostics};
use codegen_ir::{HttpMethod, Operation, ParamLocation, Parameter, Response, TypeRef};
use std::collections::BTreeMap;

/// Resolves paths, settles the response and validates example bodies.
pub type Finished = (Operation, Diagnostics, (usize, usize), (usize, usize, BTreeMap<String, usize>));

pub fn finish(mut p: PageOps, r: &Resolver, names: &Names) -> Finished {
    let mut d = Diagnostics::default();
    super::spelling::unify_segments(&mut p, r, &mut d);
    let mut resolved = 0;
    let mut path_target: Option<TypeRef> = None;
    let mut untyped = false;
    for (i, path) in p.op.paths.iter().enumerate() {
        let at = p.path_spans.get(i).copied().unwrap_or_default();
        match r.resolve(path) {
            Ok(t) => {
                resolved += 1;
                if path_target.is_none() {
                    if let Some(t) = t {
                        path_target = Some(t);
                    } else {
                        untyped = true;
                    }
                }
            }
            Err(u) => {
                let seg = path.segments.get(u.segment).map(ToString::to_string).unwrap_or_default();
                d.push(
                    Diagnostic::new(Code::D0213, at, format!("in `{path}`: {}", u.message))
                        .help(format!("check the spelling and case of `{seg}` against the resource page")),
                );
            }
        }
    }
    let _ = untyped;
    // response
    let promised_t = promised(&p);
    let prose_status = p.prose.as_ref().and_then(|x| x.status);
    if let (Some(ps), Some((es, at))) = (prose_status, p.example_status) {
        if ps != es {
            let mut diag =
                Diagnostic::new(Code::D0211, at, format!("the example answers `{es}` but the prose promises `{ps}`"))
                    .help("make the prose and the example agree");
            if let Some(pr) = &p.prose {
                diag = diag.related(pr.span, "the prose's status");
            }
            d.push(diag);
        }
    }
    let status = prose_status.or(p.example_status.map(|s| s.0)).unwrap_or(match p.op.method.as_str() {
        "POST" => 201,
        "DELETE" => 204,
        _ => 200,
    });
    // prose vs example annotation
    if let (Some(pr), Some((et, _, at))) = (&p.prose, &p.example_type) {
        if let Some(pt) = &pr.type_name {
            if !pt.eq_ignore_ascii_case(et) && !r.is_derived_or_same(et, pt) && !r.is_derived_or_same(pt, et) {
                d.push(
                    Diagnostic::new(
                        Code::D0221,
                        *at,
                        format!("the response example is a `{et}` but the prose promises a `{pt}`"),
                    )
                    .related(pr.span, "the prose's type")
                    .help("make the prose and the example name the same type"),
                );
            }
        }
    }
    // a 204 carries no body, whatever else the prose says
    let mut target = promised_t.clone().filter(|_| status != 204);
    if p.op.method == HttpMethod::Get {
        if let Some(pt) = &path_target {
            match &target {
                None if prose_status != Some(204) => target = Some(pt.clone()),
                // the page documents one derived type of a polymorphic endpoint: the
                // endpoint's static type is the path's
                Some(t) if !t.name.eq_ignore_ascii_case(&pt.name) && r.is_derived_or_same(&t.name, &pt.name) => {
                    target = Some(TypeRef { name: pt.name.clone(), collection: t.collection });
                }
                Some(t)
                    if !t.name.eq_ignore_ascii_case(&pt.name)
                        && !r.is_derived_or_same(&t.name, &pt.name)
                        && !r.is_derived_or_same(&pt.name, &t.name)
                        && !pt.name.starts_with("Edm.") =>
                {
                    let at = p.path_spans.first().copied().unwrap_or_default();
                    d.push(
                        Diagnostic::new(
                            Code::D0221,
                            at,
                            format!("the path leads to `{}` but the page says the response is a `{}`", pt.name, t.name),
                        )
                        .help("check the response type and the last path segment"),
                    );
                }
                _ => {}
            }
        }
    }
    // the prose says a collection, but the path leads to one value and the example is one object
    let example_single = p.single_object && p.example_type.as_ref().is_none_or(|e| !e.1);
    if p.op.method == HttpMethod::Get && example_single && path_target.as_ref().is_some_and(|t| !t.collection) {
        if let Some(t) = target.as_mut().filter(|t| t.collection) {
            t.collection = false;
            let at = p.prose.as_ref().map_or(p.path_spans.first().copied().unwrap_or_default(), |pr| pr.span);
            d.push(
                Diagnostic::new(
                    Code::D0221,
                    at,
                    format!("the prose says a collection of `{}`, but the path leads to one and the example answers one object", t.name),
                )
                .help("say the method returns one object"),
            );
        }
    }
    // a GET whose path ends with a key returns one element
    let ends_with_key = p.op.paths.first().is_some_and(|path| {
        path.segments
            .last()
            .map(ToString::to_string)
            .is_some_and(|s| s.starts_with('{') || (s.ends_with(')') && !s.ends_with("()") && !s.contains('=')))
    });
    if p.op.method == HttpMethod::Get && ends_with_key && path_target.as_ref().is_some_and(|t| !t.collection) {
        if let Some(t) = target.as_mut().filter(|t| t.collection) {
            t.collection = false;
            let at = p.path_spans.first().copied().unwrap_or_default();
            let mut diag = Diagnostic::new(
                Code::D0221,
                at,
                format!("the path ends with a key and returns one `{}`, but the page says a collection", t.name),
            )
            .help("say the method returns one object, or mark the example `\"isCollection\": false`");
            if let Some(pr) = &p.prose {
                diag = diag.related(pr.span, "the prose's response");
            }
            d.push(diag);
        }
    }
    // a long-running operation: a 202 whose example or prose names the monitor header
    let monitor = p.example_monitor.clone().or_else(|| p.prose.as_ref().and_then(|pr| pr.monitor.clone()));
    let monitor = monitor.filter(|_| status == 202);
    p.op.response = Some(Response { status, body: target.clone(), monitor });
    // example bodies
    let mut validated = 0;
    let mut valid = 0;
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    for b in &p.bodies {
        let value = match (b.slot, &b.value) {
            (Some((i, true)), _) => p.op.examples.get(i).and_then(|e| e.request_body.as_ref()),
            (Some((i, false)), _) => p.op.examples.get(i).and_then(|e| e.response_body.as_ref()),
            (None, v) => v.as_ref(),
        };
        let Some(value) = value else { continue };
        let ty = if b.request {
            p.op.request_body.clone()
        } else {
            // bodies show the page's own (possibly derived) type
            promised_t
                .as_ref()
                .filter(|_| status != 204)
                .or(target.as_ref())
                .map(|t| TypeRef { name: t.name.clone(), collection: t.collection })
        };
        let mut v = validate::Validator {
            resolver: r,
            names,
            lines: &b.lines,
            text: &b.text,
            truncated: b.truncated,
            findings: 0,
        };
        let mut local = Diagnostics::default();
        if b.request && p.action && ty.is_none() {
            validate_params(&mut v, value, &p.op.parameters, &mut local);
        } else {
            match &ty {
                Some(t) if t.collection => {
                    let items = match value {
                        serde_json::Value::Object(m) => m.get("value"),
                        other => Some(other),
                    };
                    if let Some(serde_json::Value::Array(items)) = items {
                        for it in items {
                            v.object(it, &t.name, &mut local);
                        }
                    }
                }
                Some(t) => {
                    if r.canonical(&t.name).is_some() {
                        v.object(value, &t.name, &mut local);
                    } else {
                        v.placeholders(value, &mut local);
                    }
                }
                None => v.placeholders(value, &mut local),
            }
        }
        validated += 1;
        if v.findings == 0 {
            valid += 1;
        }
        for x in &local.items {
            *by_code.entry(x.code.as_str().to_string()).or_default() += 1;
        }
        d.extend(local);
    }
    let n_paths = p.op.paths.len();
    (p.op, d, (n_paths, resolved), (validated, valid, by_code))
}

/// Validates an action's body against its parameter table.
fn validate_params(v: &mut validate::Validator, body: &serde_json::Value, params: &[Parameter], d: &mut Diagnostics) {
    let serde_json::Value::Object(map) = body else { return };
    let body_params: Vec<&Parameter> = params.iter().filter(|p| p.location == ParamLocation::Body).collect();
    for (k, val) in map {
        if k.contains('@') {
            continue;
        }
        match body_params.iter().find(|p| p.name.eq_ignore_ascii_case(k)) {
            Some(p) => v.value(k, val, &p.ty.name, p.ty.collection, d),
            None => {
                v.findings += 1;
                let at = v.lines.first().copied().unwrap_or_default();
                let line = v.text.lines().position(|l| l.contains(&format!("\"{k}\"")));
                let at = line.and_then(|i| v.lines.get(i).copied()).unwrap_or(at);
                d.push(
                    Diagnostic::new(Code::D0215, at, format!("`{k}` is no parameter of this action"))
                        .help("remove it, or add it to the request body's parameter table"),
                );
            }
        }
    }
}
