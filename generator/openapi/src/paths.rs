//! `paths`: one operation object per (template, method) of the IR's operations, with
//! path parameters from the template's segments, query options, request body, responses,
//! the docs' examples and per-operation security from the permissions.

use crate::schemas::{known_types, property_schema};
use codegen_ir::{Operation, ParamLocation, Schema, TypeRef};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The name of the OAuth2 security scheme.
pub const SCHEME: &str = "azureAd";

/// The `paths` object and every scope an operation names.
pub fn paths(schema: &Schema) -> (Map<String, Value>, BTreeSet<String>) {
    let known = known_types(schema);
    let mut by_path: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut ids = BTreeSet::new();
    let mut scopes = BTreeSet::new();
    // operations are sorted by id, so the first one on a (path, method) wins, every run
    for op in &schema.operations {
        let op_scopes = operation_scopes(op);
        for template in &op.paths {
            let path = template.to_string();
            let method = op.method.as_str().to_ascii_lowercase();
            let item = by_path.entry(path).or_default();
            if item.contains_key(&method) {
                continue;
            }
            let id = unique_id(&op.id, &mut ids);
            let params: Vec<String> = template.params().into_iter().map(str::to_string).collect();
            item.insert(method, operation(op, &id, &params, &op_scopes, &known));
        }
        scopes.extend(op_scopes);
    }
    (by_path.into_iter().map(|(k, v)| (k, Value::Object(v))).collect(), scopes)
}

/// The OAuth2 scheme: the authorization-code flow with the delegated scopes and the
/// client-credentials flow; scopes are listed in both, as Graph's consent covers either.
pub fn security_scheme(scopes: &BTreeSet<String>) -> Value {
    let scopes: Map<String, Value> = scopes.iter().map(|s| (s.clone(), json!(s))).collect();
    json!({
        "type": "oauth2",
        "flows": {
            "authorizationCode": {
                "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "tokenUrl": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                "scopes": scopes,
            },
            "clientCredentials": {
                "tokenUrl": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                "scopes": { "https://graph.microsoft.com/.default": "every application permission granted" },
            },
        },
    })
}

/// `id`, or `id-2`, `id-3`... when taken (an operation on several templates).
fn unique_id(id: &str, ids: &mut BTreeSet<String>) -> String {
    let mut candidate = id.to_string();
    let mut n = 2;
    while ids.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    ids.insert(candidate.clone());
    candidate
}

/// Every permission of the operation, sorted, without the "Not supported." rows.
fn operation_scopes(op: &Operation) -> BTreeSet<String> {
    let p = &op.permissions;
    p.delegated_work
        .iter()
        .chain(&p.delegated_personal)
        .chain(&p.application)
        .map(|s| s.trim())
        .filter(|s| !s.is_empty() && !s.contains(' '))
        .map(str::to_string)
        .collect()
}

fn operation(
    op: &Operation,
    id: &str,
    path_params: &[String],
    scopes: &BTreeSet<String>,
    known: &BTreeSet<String>,
) -> Value {
    let mut o = Map::new();
    o.insert("operationId".into(), json!(id));
    if !op.title.is_empty() {
        o.insert("summary".into(), json!(op.title));
    }
    if !op.description.is_empty() {
        o.insert("description".into(), json!(op.description));
    }
    if op.deprecated.is_some() {
        o.insert("deprecated".into(), json!(true));
    }
    if let Some(a) = &op.area {
        o.insert("tags".into(), json!([a]));
    }
    o.insert("x-ms-docs-source".into(), json!(op.source));
    o.insert("parameters".into(), Value::Array(parameters(op, path_params, known)));
    if let Some(body) = request_body(op, known) {
        o.insert("requestBody".into(), body);
    }
    o.insert("responses".into(), responses(op, known));
    if !scopes.is_empty() {
        // any one of the listed permissions is enough
        let alternatives: Vec<Value> = scopes.iter().map(|s| json!({ SCHEME: [s] })).collect();
        o.insert("security".into(), Value::Array(alternatives));
    }
    Value::Object(o)
}

fn parameters(op: &Operation, path_params: &[String], known: &BTreeSet<String>) -> Vec<Value> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for name in path_params {
        if !seen.insert(name.clone()) {
            continue;
        }
        let declared = op.parameters.iter().find(|p| p.location == ParamLocation::Path && &p.name == name);
        let schema = declared.map_or_else(|| json!({ "type": "string" }), |p| property_schema(&p.ty, false, known));
        let mut p = json!({ "name": name, "in": "path", "required": true, "schema": schema });
        if let Some(d) = declared.filter(|d| !d.description.is_empty()) {
            p["description"] = json!(d.description);
        }
        out.push(p);
    }
    let mut query = BTreeSet::new();
    for p in op.parameters.iter().filter(|p| p.location == ParamLocation::Query) {
        if query.insert(p.name.clone()) {
            let mut v = json!({ "name": p.name, "in": "query", "required": p.required,
                "schema": property_schema(&p.ty, false, known) });
            if !p.description.is_empty() {
                v["description"] = json!(p.description);
            }
            out.push(v);
        }
    }
    for q in &op.query_options {
        let name = if q.starts_with('$') { q.clone() } else { format!("${q}") };
        if query.insert(name.clone()) {
            out.push(json!({ "name": name, "in": "query", "required": false, "schema": query_option_schema(&name) }));
        }
    }
    out
}

/// The schema of an OData system query option's value.
fn query_option_schema(name: &str) -> Value {
    match name.to_ascii_lowercase().as_str() {
        "$top" | "$skip" => json!({ "type": "integer", "minimum": 0 }),
        "$count" => json!({ "type": "boolean" }),
        _ => json!({ "type": "string" }),
    }
}

/// The body: the IR's body type, or an object of an action's body parameters.
fn request_body(op: &Operation, known: &BTreeSet<String>) -> Option<Value> {
    let schema = match &op.request_body {
        Some(ty) => property_schema(ty, false, known),
        None => {
            let body: Vec<_> = op.parameters.iter().filter(|p| p.location == ParamLocation::Body).collect();
            if body.is_empty() {
                return None;
            }
            let props: Map<String, Value> =
                body.iter().map(|p| (p.name.clone(), property_schema(&p.ty, !p.required, known))).collect();
            let required: Vec<&str> = body.iter().filter(|p| p.required).map(|p| p.name.as_str()).collect();
            let mut s = json!({ "type": "object", "properties": props });
            if !required.is_empty() {
                s["required"] = json!(required);
            }
            s
        }
    };
    let mut media = json!({ "schema": schema });
    let examples = examples(op, |e| e.request_body.as_ref().filter(|_| !e.request_placeholder));
    if !examples.is_empty() {
        media["examples"] = Value::Object(examples);
    }
    Some(json!({ "required": true, "content": { "application/json": media } }))
}

fn responses(op: &Operation, known: &BTreeSet<String>) -> Value {
    let mut out = Map::new();
    let (status, body) = match &op.response {
        Some(r) => (r.status, r.body.as_ref()),
        None => (200, None),
    };
    let monitor = op.response.as_ref().and_then(|r| r.monitor.as_deref());
    let mut r = json!({ "description": "Success" });
    if let Some(header) = monitor {
        // a long-running operation: the answer names a monitor; the resource comes later
        r = json!({
            "description": "Accepted: the operation runs on; poll the monitor this header names",
            "headers": { header: { "required": true, "schema": { "type": "string", "format": "uri-reference" } } },
        });
        if let Some(ty) = body {
            r["x-resource"] = response_schema(ty, known);
        }
    } else if let Some(ty) = body {
        let mut media = json!({ "schema": response_schema(ty, known) });
        let examples = examples(op, |e| {
            e.response_body
                .as_ref()
                .filter(|_| e.response_status.unwrap_or(status) == status && !e.response_placeholder)
        });
        if !examples.is_empty() {
            media["examples"] = Value::Object(examples);
        }
        r["content"] = json!({ "application/json": media });
    }
    out.insert(status.to_string(), r);
    out.insert("default".into(), json!({ "description": "An OData error (`error` with `code` and `message`)" }));
    Value::Object(out)
}

/// A collection comes wrapped: `value` holds a page, `@odata.nextLink` the next one.
fn response_schema(ty: &TypeRef, known: &BTreeSet<String>) -> Value {
    if !ty.collection {
        return property_schema(ty, false, known);
    }
    json!({
        "type": "object",
        "properties": {
            "value": property_schema(ty, false, known),
            "@odata.nextLink": { "type": "string", "nullable": true },
        },
    })
}

/// The examples `pick` gives a body for, keyed by a name safe in a JSON pointer.
fn examples<'a>(op: &'a Operation, pick: impl Fn(&'a codegen_ir::Example) -> Option<&'a Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for e in &op.examples {
        let Some(value) = pick(e) else { continue };
        let base: String = e.name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        let base = if base.is_empty() { "example".to_string() } else { base };
        let mut key = base.clone();
        let mut n = 2;
        while out.contains_key(&key) {
            key = format!("{base}-{n}");
            n += 1;
        }
        let mut ex = json!({ "value": value });
        if e.truncated {
            ex["description"] = json!("Cut short by the docs: some values are left out.");
        }
        out.insert(key, ex);
    }
    out
}
