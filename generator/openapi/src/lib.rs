//! The OpenAPI 3.0 back end: turns any schema IR (docs, metadata or merged) into one
//! OpenAPI document, as JSON.
//!
//! - [`schemas`]: `components/schemas` (types with `allOf` inheritance, discriminators on
//!   `@odata.type`, enums with `x-ms-enum`, nullable and collection properties);
//! - [`paths`]: `paths` (parameters, query options, bodies, responses, examples) and the
//!   OAuth2 scopes of the permissions.
//!
//! Output is deterministic: every object's keys are sorted before writing, so two runs
//! on the same IR give the same bytes. Depends on the IR only.

pub mod paths;
pub mod schemas;

use codegen_ir::Schema;
use serde_json::{json, Map, Value};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.0.3";

/// The whole document as a JSON value, keys sorted.
pub fn document(schema: &Schema) -> Value {
    let components = schemas::components(schema);
    let (paths, scopes) = paths::paths(schema);
    let mut doc = json!({
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Microsoft Graph",
            "version": format!("ir-v{}", schema.ir_version),
            "description": "Exported from the generator's schema IR.",
        },
        "servers": [{ "url": "https://graph.microsoft.com/v1.0" }],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": { paths::SCHEME: paths::security_scheme(&scopes) },
        },
    });
    sort_keys(&mut doc);
    doc
}

/// The document as pretty JSON with a final newline.
pub fn to_json(schema: &Schema) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&document(schema)).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Sorts every object's keys, recursively (the workspace's `serde_json` keeps insertion
/// order).
pub fn sort_keys(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut sorted = Map::with_capacity(entries.len());
            for (k, mut val) in entries {
                sort_keys(&mut val);
                sorted.insert(k, val);
            }
            *map = sorted;
        }
        Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

/// `#/components/schemas/NAME`.
pub fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}
