//! A path root (or a later property segment) written with other letter case than the docs
//! declare is read with the declared spelling, and each page's other spelling is reported
//! once, at its line (D0228).

use codegen_core::diag::Code;
use codegen_docs::pipeline;
use std::fs;
use std::path::Path;

fn resource(name: &str, relationships: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name} for a test.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Identifier. Read-only.|\n|label|String|A label.|\n\n## Relationships\n\n{relationships}\n\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"keyProperty\": \"id\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}}-->\n\n```json\n{{\n  \"id\": \"String\",\n  \"label\": \"String\"\n}}\n```\n"
    )
}

/// An API page; its request lines start at line 15.
fn api(title: &str, requests: &[&str], returns: &str) -> String {
    let requests = requests.join("\n");
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\nDoes a thing.\n\n## HTTP request\n\n```http\n{requests}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and {returns} in the response body.\n"
    )
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

/// `file:line message` of every D0228.
fn case_diags(out: &pipeline::Output) -> Vec<String> {
    out.diags
        .items
        .iter()
        .filter(|d| d.code == Code::D0228)
        .map(|d| {
            let f = out.db.file(d.span.file);
            format!("{}:{} {}", f.rel, f.line_col(d.span.start as usize).0, d.message)
        })
        .collect()
}

fn paths_of(out: &pipeline::Output, page: &str) -> Vec<String> {
    let op = out.schema.operations.iter().find(|o| o.source == page).expect("the page's operation");
    op.paths.iter().map(ToString::to_string).collect()
}

#[test]
fn a_root_in_other_case_is_read_as_declared() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let rel = "|Relationship|Type|Description|\n|:--|:--|:--|\n|pearTrees|[tree](tree.md) collection|Its trees.|";
    write(d, "resources/orchard.md", &resource("orchard", rel));
    write(d, "resources/tree.md", &resource("tree", "None."));
    let orchard = "an [orchard](../resources/orchard.md) object";
    // the list page declares the entity set `orchards`
    let list = api("List orchards", &["GET /orchards"], "a collection of [orchard](../resources/orchard.md) objects");
    write(d, "api/orchard-list.md", &list);
    let get = api("Get orchard", &["GET /Orchards/{orchard-id}", "GET /ORCHARDS/{orchard-id}/label"], orchard);
    write(d, "api/orchard-get.md", &get);
    let trees = api(
        "List trees",
        &["GET /orchards/{orchard-id}/peartrees", "GET /Orchards/{orchard-id}/PearTrees"],
        "a collection of [tree](../resources/tree.md) objects",
    );
    write(d, "api/orchard-list-trees.md", &trees);
    let out = pipeline::run(d).expect("readable");

    assert_eq!(paths_of(&out, "api/orchard-get.md"), ["/orchards/{orchard-id}", "/orchards/{orchard-id}/label"]);
    assert_eq!(
        paths_of(&out, "api/orchard-list-trees.md"),
        ["/orchards/{orchard-id}/pearTrees", "/orchards/{orchard-id}/pearTrees"],
        "a property segment in other case is read as the type declares it"
    );
    let roots: Vec<&str> = out.schema.roots.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(roots, ["orchards"]);
    assert_eq!(
        case_diags(&out),
        [
            "api/orchard-get.md:15 the path starts with `Orchards`, but the docs name this root `orchards`; read as `orchards`",
            "api/orchard-get.md:16 the path starts with `ORCHARDS`, but the docs name this root `orchards`; read as `orchards`",
            "api/orchard-list-trees.md:15 the path goes through `peartrees`, which its type declares as `pearTrees`; read as `pearTrees`",
            "api/orchard-list-trees.md:16 the path goes through `PearTrees`, which its type declares as `pearTrees`; read as `pearTrees`",
            "api/orchard-list-trees.md:16 the path starts with `Orchards`, but the docs name this root `orchards`; read as `orchards`",
        ]
    );
    let one = out.diags.items.iter().find(|d| d.code == Code::D0228).expect("a D0228");
    assert_eq!(one.help.as_deref(), Some("write `orchards`"));
    assert!(out.diags.items.iter().all(|d| d.code != Code::D0213), "every path resolves");
}

#[test]
fn with_no_declaring_page_most_pages_win_then_byte_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(d, "resources/shed.md", &resource("shed", "None."));
    let shed = "a [shed](../resources/shed.md) object";
    write(d, "api/shed-get.md", &api("Get shed", &["GET /sheds/{shed-id}"], shed));
    write(d, "api/shed-update.md", &api("Update shed", &["PATCH /sheds/{shed-id}"], shed));
    write(d, "api/shed-delete.md", &api("Delete shed", &["DELETE /shedS/{shed-id}"], shed));
    write(d, "resources/barn.md", &resource("barn", "None."));
    let barn = "a [barn](../resources/barn.md) object";
    write(d, "api/barn-get.md", &api("Get barn", &["GET /barns/{barn-id}"], barn));
    write(d, "api/barn-update.md", &api("Update barn", &["PATCH /Barns/{barn-id}"], barn));
    let out = pipeline::run(d).expect("readable");

    assert_eq!(paths_of(&out, "api/shed-delete.md"), ["/sheds/{shed-id}"]);
    // a tie: capitals sort first
    assert_eq!(paths_of(&out, "api/barn-get.md"), ["/Barns/{barn-id}"]);
    let diags = case_diags(&out);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    assert!(diags.iter().any(|x| x.starts_with("api/shed-delete.md:15 ")), "{diags:#?}");
    assert!(diags.iter().any(|x| x.starts_with("api/barn-get.md:15 ")), "{diags:#?}");
}
