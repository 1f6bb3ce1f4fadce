//! Every example body in `docs-input/` reads into the generated type its response names
//! (`@odata.type` of the response annotation; a request takes the type of its response)
//! and writes back to the same JSON. Pages are read with the generator's own parser.
//!
//! This check is independent of the operations extractor; `generated/tests/roundtrip.rs`
//! (emitted from `Operation::examples`) checks the same bodies through each endpoint.

use codegen_docs::markdown::Block;
use generated::models::microsoft_graph as m;
use generated::runtime::Collection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

fn roundtrip<T: DeserializeOwned + Serialize>(json: &str, collection: bool) -> Result<(Value, Value), String> {
    let expected: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let actual = if collection {
        let v: Collection<T> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        serde_json::to_value(v).map_err(|e| e.to_string())?
    } else {
        let v: T = serde_json::from_str(json).map_err(|e| e.to_string())?;
        serde_json::to_value(v).map_err(|e| e.to_string())?
    };
    Ok((expected, actual))
}

fn check(type_name: &str, json: &str, collection: bool) -> Result<(Value, Value), String> {
    match type_name.trim_start_matches('#') {
        "microsoft.graph.operation" => roundtrip::<m::Operation>(json, collection),
        "microsoft.graph.longRunningOperation" => roundtrip::<m::LongRunningOperation>(json, collection),
        "microsoft.graph.groupPolicyOperation" => roundtrip::<m::GroupPolicyOperation>(json, collection),
        "microsoft.graph.groupPolicyUploadedDefinitionFile" => {
            roundtrip::<m::GroupPolicyUploadedDefinitionFile>(json, collection)
        }
        "microsoft.graph.deviceManagement" => roundtrip::<m::DeviceManagement>(json, collection),
        "microsoft.graph.entity" => roundtrip::<m::AnyEntity>(json, collection),
        "microsoft.graph.user" => roundtrip::<m::User>(json, collection),
        other => Err(format!("no generated type is mapped for `{other}`; add it to this test")),
    }
}

/// The body of an HTTP message: what follows the first blank line.
fn body(message: &str) -> Option<&str> {
    let start = message.find("\n\n").or_else(|| message.find("\r\n\r\n"))?;
    let body = message[start..].trim();
    (!body.is_empty()).then_some(body)
}

#[test]
fn every_docs_example_round_trips_through_its_generated_type() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let out = codegen_docs::pipeline::run(&root).expect("docs-input reads");
    let mut checked = 0;
    let mut failures = Vec::new();
    for id in out.db.ids() {
        let (page, _) = codegen_docs::markdown::parse(id, out.db.file(id));
        let blocks: Vec<_> = page
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Code(c) => c.annotation.as_ref().map(|a| (c, a)),
                _ => None,
            })
            .collect();
        for (i, (code, ann)) in blocks.iter().enumerate() {
            let (type_name, collection) = match ann.block_type() {
                "response" => (ann.odata_type.clone(), ann.is_collection),
                "request" => {
                    let resp = blocks.iter().skip(i + 1).find(|(_, a)| a.block_type() == "response");
                    // an update answered `204 No Content`, or an action answered `202 Accepted`,
                    // names no type here; its body goes through the endpoint's update or
                    // parameters struct in `generated/tests/roundtrip.rs`
                    let untyped = |text: &str| text.contains(" 204 ") || text.contains(" 202 ");
                    if resp.is_some_and(|(c, a)| a.odata_type.is_none() && untyped(&c.text)) {
                        continue;
                    }
                    (resp.and_then(|(_, a)| a.odata_type.clone()), false)
                }
                _ => continue,
            };
            let Some(json) = body(&code.text) else { continue };
            let Some(type_name) = type_name else {
                failures.push(format!("{}: a body with no type to check it against", page.rel));
                continue;
            };
            checked += 1;
            match check(&type_name, json, collection) {
                Ok((expected, actual)) if expected == actual => {}
                Ok((expected, actual)) => failures.push(format!("{}: {expected} != {actual}", page.rel)),
                Err(e) => failures.push(format!("{}: {e}", page.rel)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 14, "only {checked} example bodies found in docs-input");
}
