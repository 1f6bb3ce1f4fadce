//! The OpenAPI export (`codegen-openapi`) of real inputs: the docs-input snapshot, and the
//! v1.0 corpus and its metadata, which must parse as OpenAPI 3.0 (`openapiv3`), hold no
//! dangling `$ref` and no repeated operationId, and come out byte-identical twice.

mod common;

use generator::inputs;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input")
}

/// Every `$ref` of the document.
fn refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.insert(r.clone());
            }
            m.values().for_each(|x| refs(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// Parses with `openapiv3`, checks references and operationIds; returns (paths, schemas).
fn check(bytes: &[u8]) -> (usize, usize) {
    let api: openapiv3::OpenAPI = serde_json::from_slice(bytes).expect("parses as OpenAPI 3.0");
    assert!(api.openapi.starts_with("3.0"));
    let doc: Value = serde_json::from_slice(bytes).expect("JSON");
    let schemas = doc["components"]["schemas"].as_object().expect("components/schemas");
    let mut all = BTreeSet::new();
    refs(&doc, &mut all);
    let dangling: Vec<&String> = all
        .iter()
        .filter(|r| r.strip_prefix("#/components/schemas/").is_none_or(|n| !schemas.contains_key(n)))
        .collect();
    assert!(dangling.is_empty(), "dangling refs: {dangling:?}");
    let mut ids = BTreeSet::new();
    let mut ops = 0;
    for (path, item) in &api.paths.paths {
        let item = item.as_item().expect("inline path item");
        for (_, op) in item.iter() {
            ops += 1;
            let id = op.operation_id.clone().expect("every operation has an id");
            assert!(ids.insert(id.clone()), "operationId {id} repeats (at {path})");
        }
    }
    assert!(ops > 0);
    (api.paths.paths.len(), schemas.len())
}

#[test]
fn docs_input_export_snapshot() {
    let run = inputs::docs(&docs_input()).expect("docs-input reads");
    let bytes = codegen_openapi::to_json(&run.schema);
    check(&bytes);
    let doc: Value = serde_json::from_slice(&bytes).expect("JSON");
    insta::assert_json_snapshot!("docs_input_openapi", doc);
}

#[test]
fn v1_corpus_export_is_valid_and_deterministic() {
    let run = inputs::docs(&common::corpus()).expect("corpus reads");
    let a = codegen_openapi::to_json(&run.schema);
    let (paths, schemas) = check(&a);
    assert!(paths > 1000 && schemas > 1000, "{paths} paths, {schemas} schemas");
    let b = codegen_openapi::to_json(&run.schema);
    assert!(a == b, "two exports of one IR differ");
    // the IR read again gives the same bytes too
    let again = inputs::docs(&common::corpus()).expect("corpus reads");
    assert!(codegen_openapi::to_json(&again.schema) == a, "two runs differ");
}

#[test]
fn csdl_export_is_valid() {
    let run = inputs::metadata(&common::shared().join("eval/graph-v1.0-csdl.xml")).expect("metadata reads");
    let bytes = codegen_openapi::to_json(&run.schema);
    let (paths, schemas) = check(&bytes);
    assert!(paths > 1000 && schemas > 1000, "{paths} paths, {schemas} schemas");
    // inheritance and discriminators: user derives from directoryObject, whose mapping lists it
    let doc: Value = serde_json::from_slice(&bytes).expect("JSON");
    let s = &doc["components"]["schemas"];
    assert_eq!(s["microsoft.graph.user"]["allOf"][0]["$ref"], "#/components/schemas/microsoft.graph.directoryObject");
    let mapping = &s["microsoft.graph.directoryObject"]["allOf"][1]["discriminator"]["mapping"];
    assert_eq!(mapping["#microsoft.graph.user"], "#/components/schemas/microsoft.graph.user");
}
