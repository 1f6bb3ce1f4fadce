//! A documented API path through a property that the type's tables do not list adds that
//! navigation property, typed by what the path's GET answers, and reports it (D0123).

use std::fs;

fn resource(name: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name} in a test.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Identifier. Read-only.|\n|label|String|A label.|\n\n## Relationships\n\nNone.\n\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"keyProperty\": \"id\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}}-->\n\n```json\n{{\n  \"id\": \"String\",\n  \"label\": \"String\"\n}}\n```\n"
    )
}

fn api(title: &str, request: &str, returns: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\nReads things.\n\n## HTTP request\n\n```http\n{request}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and {returns} in the response body.\n"
    )
}

#[test]
fn a_path_through_an_unlisted_segment_adds_a_navigation_property() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("api")).expect("mkdir");
    fs::create_dir_all(dir.path().join("resources")).expect("mkdir");
    fs::write(dir.path().join("resources/garden.md"), resource("garden")).expect("write");
    fs::write(dir.path().join("resources/plant.md"), resource("plant")).expect("write");
    let get_garden = api("Get garden", "GET /gardens/{id}", "a [garden](../resources/garden.md) object");
    fs::write(dir.path().join("api/garden-get.md"), get_garden).expect("write");
    let list = api("List plants", "GET /gardens/{id}/plants", "a collection of [plant](../resources/plant.md) objects");
    fs::write(dir.path().join("api/garden-list-plants.md"), list).expect("write");
    let out = codegen_docs::pipeline::run(dir.path()).expect("readable");
    let garden = out.schema.types.iter().find(|t| t.name == "garden").expect("garden");
    let p = garden.properties.iter().find(|p| p.name == "plants").expect("plants read from the path");
    assert!(p.navigation);
    assert!(p.ty.collection);
    assert_eq!(p.ty.name.as_str(), "microsoft.graph.plant");
    assert!(out.diags.items.iter().any(|d| d.code == codegen_core::diag::Code::D0123));
    // the property is only inferred where the table lacks it: plant gains nothing
    let plant = out.schema.types.iter().find(|t| t.name == "plant").expect("plant");
    assert_eq!(plant.properties.len(), 2);
}
