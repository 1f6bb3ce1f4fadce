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
