//! The export of a small hand-built IR: the shapes of properties, enums, bodies and
//! responses, and that the document parses as OpenAPI 3.0.

use codegen_ir::{
    Member, Operation, ParamLocation, Parameter, PathTemplate, Permissions, Property, QualifiedName, Response, Schema,
    TypeDef, TypeKind, TypeRef,
};
use serde_json::Value;

fn ty(name: &str, collection: bool) -> TypeRef {
    TypeRef { name: QualifiedName::from_text(name), collection }
}

fn prop(name: &str, t: TypeRef, nullable: bool) -> Property {
    Property {
        name: name.into(),
        ty: t,
        nullable,
        navigation: false,
        description: String::new(),
        possible_values: vec![],
        contains_target: false,
        source: None,
        origin: None,
    }
}

fn typedef(name: &str, kind: TypeKind, base: Option<&str>, properties: Vec<Property>, members: Vec<Member>) -> TypeDef {
    TypeDef {
        name: name.into(),
        namespace: "ns".into(),
        kind,
        base: base.map(QualifiedName::from_text),
        is_abstract: false,
        open: false,
        key: vec![],
        properties,
        members,
        flags: false,
        description: None,
        sources: vec![],
        area: None,
        origin: None,
        deprecated: None,
        availability: Vec::new(),
    }
}

fn schema() -> Schema {
    let member =
        |n: &str| Member { name: n.into(), value: None, description: String::new(), source: None, origin: None };
    let types = vec![
        typedef("color", TypeKind::Enum, None, vec![], vec![member("red"), member("blue")]),
        typedef(
            "thing",
            TypeKind::Entity,
            None,
            vec![
                prop("id", ty("Edm.String", false), false),
                prop("tint", ty("ns.color", false), true),
                prop("tags", ty("Edm.String", true), false),
                prop("ghost", ty("ns.missing", false), false),
            ],
            vec![],
        ),
        typedef("widget", TypeKind::Entity, Some("ns.thing"), vec![prop("size", ty("Edm.Int32", false), true)], vec![]),
        typedef("gadget", TypeKind::Entity, Some("ns.widget"), vec![], vec![]),
    ];
    let list = Operation {
        id: "list_widgets".into(),
        paths: vec![PathTemplate::parse("/things/{thing-id}/widgets"), PathTemplate::parse("/widgets")],
        response: Some(Response { status: 200, body: Some(ty("ns.widget", true)), monitor: None }),
        query_options: vec!["$top".into(), "$select".into()],
        permissions: Permissions {
            delegated_work: vec!["Widget.Read".into()],
            application: vec!["Widget.Read.All".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    let paint = Operation {
        id: "paint".into(),
        method: codegen_ir::HttpMethod::Post,
        paths: vec![PathTemplate::parse("/widgets/{widget-id}/paint")],
        parameters: vec![Parameter {
            name: "tint".into(),
            ty: ty("ns.color", false),
            required: true,
            location: ParamLocation::Body,
            description: String::new(),
        }],
        response: Some(Response { status: 204, body: None, monitor: None }),
        ..Default::default()
    };
    Schema { ir_version: 1, types, operations: vec![list, paint], roots: vec![] }
}

fn doc() -> Value {
    let bytes = codegen_openapi::to_json(&schema());
    let _: openapiv3::OpenAPI = serde_json::from_slice(&bytes).expect("parses as OpenAPI 3.0");
    serde_json::from_slice(&bytes).expect("JSON")
}

#[test]
fn properties_enums_and_inheritance() {
    let d = doc();
    let s = &d["components"]["schemas"];
    let thing = &s["ns.thing"]["properties"];
    assert_eq!(thing["tint"]["allOf"][0]["$ref"], "#/components/schemas/ns.color");
    assert_eq!(thing["tint"]["nullable"], true);
    assert_eq!(thing["tags"]["type"], "array");
    assert_eq!(thing["ghost"]["x-ms-unresolved-type"], "ns.missing");
    assert_eq!(s["ns.thing"]["discriminator"]["mapping"]["#ns.widget"], "#/components/schemas/ns.widget");
    assert_eq!(s["ns.thing"]["discriminator"]["mapping"]["#ns.gadget"], "#/components/schemas/ns.gadget");
    assert_eq!(s["ns.widget"]["allOf"][0]["$ref"], "#/components/schemas/ns.thing");
    assert_eq!(s["ns.widget"]["allOf"][1]["properties"]["size"]["nullable"], true);
    assert_eq!(s["ns.color"]["enum"], serde_json::json!(["red", "blue"]));
    assert_eq!(s["ns.color"]["x-ms-enum"]["modelAsString"], true);
}

#[test]
fn operations_parameters_bodies_and_security() {
    let d = doc();
    let p = &d["paths"];
    let nested = &p["/things/{thing-id}/widgets"]["get"];
    assert_eq!(nested["operationId"], "list_widgets");
    assert_eq!(p["/widgets"]["get"]["operationId"], "list_widgets-2");
    let names: Vec<&str> =
        nested["parameters"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["thing-id", "$top", "$select"]);
    let page = &nested["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(page["properties"]["value"]["items"]["$ref"], "#/components/schemas/ns.widget");
    assert!(page["properties"]["@odata.nextLink"].is_object());
    let scopes: Vec<&str> =
        nested["security"].as_array().unwrap().iter().map(|x| x["azureAd"][0].as_str().unwrap()).collect();
    assert_eq!(scopes, ["Widget.Read", "Widget.Read.All"]);
    assert!(d["components"]["securitySchemes"]["azureAd"]["flows"]["authorizationCode"]["scopes"]["Widget.Read"]
        .is_string());
    let paint = &p["/widgets/{widget-id}/paint"]["post"];
    let body = &paint["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(body["required"], serde_json::json!(["tint"]));
    assert!(paint["responses"]["204"]["content"].is_null());
}

#[test]
fn same_ir_same_bytes() {
    assert_eq!(codegen_openapi::to_json(&schema()), codegen_openapi::to_json(&schema()));
}

#[test]
fn deprecated_operations_and_schemas_say_so() {
    let mut s = schema();
    for op in s.operations.iter_mut().filter(|o| o.id == "paint") {
        op.deprecated = Some(codegen_ir::Deprecation::default());
    }
    for t in s.types.iter_mut().filter(|t| t.name == "gadget") {
        t.deprecated = Some(codegen_ir::Deprecation::default());
    }
    let bytes = codegen_openapi::to_json(&s);
    let _: openapiv3::OpenAPI = serde_json::from_slice(&bytes).expect("parses as OpenAPI 3.0");
    let d: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(d["paths"]["/widgets/{widget-id}/paint"]["post"]["deprecated"], true);
    assert_eq!(d["paths"]["/widgets"]["get"].get("deprecated"), None);
    let gadget = d["components"]["schemas"].as_object().unwrap().iter().find(|(k, _)| k.ends_with("gadget")).unwrap().1;
    assert_eq!(gadget["deprecated"], true);
}
