//! Types built from API pages take their name from what the page links, not from a word
//! of its title.

use std::fs;

#[test]
fn an_update_page_body_table_names_the_type_its_summary_links() {
    let page = "---\ntitle: \"Update prefs\"\ndoc_type: apiPageType\n---\n\n# Update prefs\n\nNamespace: microsoft.graph\n\nChanges the [userPrefs](../resources/userprefs.md) of a person.\n\n## HTTP request\n\n```http\nPATCH /me/prefs\n```\n\n## Request body\n\n|Property|Type|Description|\n|:--|:--|:--|\n|darkMode|Boolean|Whether the screen is dark.|\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n";
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("api")).expect("mkdir");
    fs::create_dir_all(dir.path().join("resources")).expect("mkdir");
    fs::write(dir.path().join("api/userprefs-update.md"), page).expect("write");
    let out = codegen_docs::pipeline::run(dir.path()).expect("readable");
    let names: Vec<&str> = out.schema.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["userPrefs"]);
    assert_eq!(out.schema.types[0].properties[0].name, "darkMode");
}

/// Resource tables and API parameter tables read type words with one table: a `number`
/// parameter is an `Edm.Int32`, as a `number` property is (it was once typed
/// `microsoft.graph.number`, a type no page declares).
#[test]
fn parameter_tables_read_type_words_as_resource_tables_do() {
    let page = "---\ntitle: \"grid: cellAt\"\ndoc_type: apiPageType\n---\n\n# grid: cellAt\n\nNamespace: microsoft.graph\n\nReads one cell of a grid.\n\n## HTTP request\n\n```http\nPOST /grids/{id}/cellAt\n```\n\n## Request body\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|row|number|Zero-based row.|\n|label|Str|A tag.|\n|when|untyped|Anything.|\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n";
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("api")).expect("mkdir");
    fs::write(dir.path().join("api/grid-cellat.md"), page).expect("write");
    let out = codegen_docs::pipeline::run(dir.path()).expect("readable");
    let op = out.schema.operations.first().expect("one operation");
    let types: Vec<(&str, &str)> = op.parameters.iter().map(|p| (p.name.as_str(), p.ty.name.as_str())).collect();
    assert!(types.contains(&("row", "Edm.Int32")), "{types:?}");
    assert!(types.contains(&("label", "Edm.String")), "{types:?}");
    assert!(types.contains(&("when", "Edm.Untyped")), "{types:?}");
}
