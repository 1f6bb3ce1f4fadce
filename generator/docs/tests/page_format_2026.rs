//! The 2026 page format: permission tables in includes with a least privileged column kept
//! apart from the higher privileged one, notes in a cell that rule a scope out, scenario
//! sections and admin roles under `Permissions`, and request lines that carry a fixed query.

use codegen_core::diag::Code;
use codegen_docs::pipeline::{self, Output};
use codegen_ir::Operation;
use std::fs;
use std::path::Path;

fn fixture() -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-2026");
    pipeline::run(&root).expect("readable")
}

fn op<'a>(out: &'a Output, source: &str) -> &'a Operation {
    out.schema.operations.iter().find(|o| o.source == source).expect("the page's operation")
}

fn list(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn least_privileged_apart_and_notes_grant_nothing() {
    let out = fixture();
    let p = &op(&out, "api/widget-get.md").permissions;
    assert_eq!(p.delegated_work, list(&["Widget.Read", "Widget.ReadWrite", "Widget.Read.All"]));
    // the note rules `Widget.Read.All` out for personal accounts
    assert_eq!(p.delegated_personal, list(&["Widget.Read", "Widget.ReadWrite"]));
    assert_eq!(p.application, list(&["Widget.Read.All", "Widget.ReadWrite.All"]));
    assert_eq!(p.least.delegated_work, list(&["Widget.Read"]));
    assert_eq!(p.least.delegated_personal, list(&["Widget.Read"]));
    assert_eq!(p.least.application, list(&["Widget.Read.All"]));
    assert!(!p.application.iter().any(|s| s == "Widget.Manage.All"), "{p:?}");
}

#[test]
fn scenario_sections_and_roles_are_read_apart() {
    let out = fixture();
    let p = &op(&out, "api/widget-get.md").permissions;
    assert_eq!(p.scenarios.len(), 1, "{:?}", p.scenarios);
    let s = &p.scenarios[0];
    assert_eq!(s.scenario, "To read the hidden dials of a widget");
    assert_eq!(s.least.delegated_work, list(&["Widget.ReadDials.All"]));
    assert_eq!(s.all.application, list(&["Widget.ReadDials.All", "Widget.ReadWrite.All"]));
    assert!(s.all.delegated_personal.is_empty());
    // the scenario's scopes are not granted for the plain call
    assert!(!p.delegated_work.iter().any(|s| s == "Widget.ReadDials.All"));
    assert_eq!(p.roles, list(&["Widget Reader", "Global Reader", "Widget Administrator"]));
}

/// Runs the pipeline over a tree of one page written to `dir`.
fn one_page(dir: &tempfile::TempDir, rel: &str, text: &str) -> Output {
    let path = dir.path().join(rel);
    fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    fs::write(&path, text).expect("write");
    pipeline::run(dir.path()).expect("readable")
}

#[test]
fn a_least_privileged_scope_that_a_note_rules_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = "---\ntitle: \"Get gadget\"\ndoc_type: apiPageType\n---\n\n# Get gadget\n\nNamespace: microsoft.graph\n\nReads a gadget.\n\n## Permissions\n\n|Permission type|Least privileged permissions|Higher privileged permissions|\n|:--|:--|:--|\n|Delegated (work or school account)|Gadget.Read|Gadget.ReadWrite|\n|Application|Gadget.Read.All|Gadget.ReadWrite.All. Gadget.Read.All isn't supported for apps.|\n\n## HTTP request\n\n```http\nGET /gadgets/{gadget-id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n";
    let out = one_page(&dir, "api/gadget-get.md", page);
    let p = &op(&out, "api/gadget-get.md").permissions;
    assert_eq!(p.application, list(&["Gadget.ReadWrite.All"]));
    assert!(p.least.application.is_empty(), "{p:?}");
    assert_eq!(p.least.delegated_work, list(&["Gadget.Read"]));
    let found: Vec<_> = out.diags.items.iter().filter(|d| d.code == Code::D0231).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let file = out.db.file(found[0].span.file);
    assert_eq!(file.line_col(found[0].span.start as usize).0, 17, "the application row");
}

#[test]
fn roles_table_under_permissions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = "---\ntitle: \"Delete gadget\"\ndoc_type: apiPageType\n---\n\n# Delete gadget\n\nNamespace: microsoft.graph\n\nRemoves a gadget.\n\n## Permissions\n\n|Permission type|Least privileged permissions|Higher privileged permissions|\n|:--|:--|:--|\n|Delegated (work or school account)|Gadget.ReadWrite.All|Not available.|\n|Application|Not supported.|Not supported.|\n\n|Role|What it allows|\n|:--|:--|\n|Gadget Administrator|Deletes any gadget.|\n|Cloud Device Operator|Deletes gadgets of its devices.|\n\n## HTTP request\n\n```http\nDELETE /gadgets/{gadget-id}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";
    let out = one_page(&dir, "api/gadget-delete.md", page);
    let p = &op(&out, "api/gadget-delete.md").permissions;
    assert_eq!(p.delegated_work, list(&["Gadget.ReadWrite.All"]));
    assert!(p.application.is_empty());
    assert_eq!(p.roles, list(&["Gadget Administrator", "Cloud Device Operator"]));
}

/// The request line of `widget-list-by-kind.md`.
const LINE: usize = 23;

#[test]
fn fixed_query_of_the_request_line() {
    let out = fixture();
    let o = op(&out, "api/widget-list-by-kind.md");
    let paths: Vec<String> = o.paths.iter().map(|p| p.to_string()).collect();
    assert_eq!(paths, ["/widgetShelves/containers"]);
    assert_eq!(o.required_query.len(), 1, "{:?}", o.required_query);
    assert_eq!(o.required_query[0].name, "$filter");
    assert_eq!(o.required_query[0].template, "kindId eq {kindId} and shelf eq {shelfId}");
    assert_eq!(o.required_query[0].placeholders(), ["kindId", "shelfId"]);
    for name in ["kindId", "shelfId"] {
        let p = o.parameters.iter().find(|p| p.name == name).expect("a placeholder parameter");
        assert!(p.required, "{p:?}");
        assert_eq!(p.location, codegen_ir::ParamLocation::Query);
    }
    // the second line's other template of `$filter` is not kept, nor its placeholder
    assert!(!o.parameters.iter().any(|p| p.name == "label"), "{:?}", o.parameters);
    let kind = o.parameters.iter().find(|p| p.name == "kindId").expect("kindId");
    assert_eq!(kind.description, "The kind of widget to list.");
    // only the undocumented placeholder is reported, on the request line
    let d0230: Vec<_> = out.diags.items.iter().filter(|d| d.code == Code::D0230).collect();
    assert_eq!(d0230.len(), 1, "{d0230:#?}");
    assert!(d0230[0].message.contains("{shelfId}"), "{}", d0230[0].message);
    let file = out.db.file(d0230[0].span.file);
    assert_eq!(file.rel, "api/widget-list-by-kind.md");
    assert_eq!(file.line_col(d0230[0].span.start as usize).0, LINE);
}
