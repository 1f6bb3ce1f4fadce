//! The 2026 page format in emitted endpoints: the doc lines set the least privileged
//! permissions apart and name the scenarios and admin roles; a fixed query of the request
//! line (`$filter=kindId eq {kindId}`) makes its placeholders constructor arguments and is
//! sent with every request.

use codegen_ir::{Operation, Schema};
use codegen_rust::context::Context;
use codegen_rust::endpoints;
use codegen_rust::naming::Scope;

/// A small list operation over the fixture's `operation` type, in the 2026 shape.
const OP: &str = r#"{
  "id": "operation-list-by-kind",
  "method": "GET",
  "paths": ["/devicemanagement/operationShelves/{shelf-id}/operations"],
  "parameters": [
    {"name": "shelf-id", "type": "Edm.String", "collection": false, "required": true, "in": "path"},
    {"name": "kindId", "type": "Edm.String", "collection": false, "required": true, "in": "query", "description": "The kind to list."},
    {"name": "region", "type": "Edm.String", "collection": false, "required": true, "in": "query"},
    {"name": "note", "type": "Edm.String", "collection": false, "required": false, "in": "query"}
  ],
  "required_query": [{"name": "$filter", "template": "kindId eq '{kindId}'"}],
  "query_options": ["$filter", "$top"],
  "response": {"status": 200, "type": "microsoft.graph.operation", "collection": true},
  "permissions": {
    "delegated_work": ["Shelf.Read", "Shelf.ReadWrite", "Shelf.Read.All"],
    "delegated_personal": [],
    "application": ["Shelf.Read.All", "Shelf.ReadWrite.All"],
    "least": {"delegated_work": ["Shelf.Read"], "application": ["Shelf.Read.All"]},
    "scenarios": [{
      "scenario": "To list the operations of a locked shelf",
      "all": {"delegated_work": ["Shelf.Unlock.All", "Shelf.ReadWrite.All"]},
      "least": {"delegated_work": ["Shelf.Unlock.All"]}
    }],
    "roles": ["Shelf Reader", "Global Reader"]
  },
  "source": "api/operation-list-by-kind.md",
  "title": "List operations of a kind"
}"#;

fn emitted() -> String {
    let text = include_str!("fixtures/schema.json");
    let mut schema: Schema = serde_json::from_str(text).expect("fixture parses");
    let op: Operation = serde_json::from_str(OP).expect("operation parses");
    schema.operations.push(op.clone());
    schema.sort();
    let mut notes = Vec::new();
    let ctx = Context::new(&schema, &mut notes);
    let mut scope = Scope::default();
    let (tokens, emitted) = endpoints::endpoint(&ctx, &op, &mut scope, &mut notes).expect("emitted");
    assert_eq!(emitted.params, 3, "the shelf, the kind and the region");
    codegen_rust::print::unparse(codegen_rust::print::items(tokens).expect("emitted tokens parse"))
}

#[test]
fn least_privileged_scenarios_and_roles_in_the_doc_lines() {
    let text = emitted();
    assert!(text.contains("Delegated (work or school account): Shelf.Read (least privileged); higher: Shelf.ReadWrite, Shelf.Read.All"), "{text}");
    assert!(text.contains("Application: Shelf.Read.All (least privileged); higher: Shelf.ReadWrite.All"), "{text}");
    assert!(text.contains("least privileged first: Shelf Reader, Global Reader."), "{text}");
    assert!(text.contains("To list the operations of a locked shelf: Delegated (work or school account): Shelf.Unlock.All (least privileged); higher: Shelf.ReadWrite.All"), "{text}");
    assert!(text.contains(r#"delegated_work: &["Shelf.Read", "Shelf.ReadWrite", "Shelf.Read.All"]"#), "{text}");
}

#[test]
fn fixed_and_required_query_are_constructor_arguments() {
    let text = emitted();
    assert!(text.contains("kind_id: impl Into<String>"), "{text}");
    assert!(text.contains("region: impl Into<String>"), "{text}");
    assert!(text.contains("pub fn note("), "the optional one keeps its setter: {text}");
    assert!(!text.contains("pub fn kind_id("), "{text}");
    assert!(!text.contains("pub fn region("), "{text}");
    // the fixed `$filter` is sent; no method sets another one
    assert!(!text.contains("query::Filter for"), "{text}");
    assert!(text.contains("impl ::graph_runtime::query::Top for"), "{text}");
    insta::assert_snapshot!(text);
}
