//! Two rules of the page format: an `@odata.type` row of a properties or parameters table is
//! the payload's type tag, not a property; prose that denies a query option ("`$skip` isn't
//! supported") takes that option off the operation, and only that one.

use codegen_core::diag::{Code, Severity};
use codegen_docs::pipeline::Output;

mod common;

/// Runs the pipeline over a tree of `(relative path, text)` pages.
fn run(pages: &[(&str, &str)]) -> Output {
    common::run_pages(pages)
}

const GADGET: &str = "---\ntitle: \"gadget resource type\"\ndoc_type: resourcePageType\n---\n\n# gadget resource type\n\nNamespace: microsoft.graph\n\nA small tool that comes in kinds.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|@odata.type|String|Which kind of gadget this is.|\n|id|String|Identifier.|\n|ODATA.Type|String|The same tag, spelled otherwise.|\n|label|String|Shown to people.|\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.gadget\"\n} -->\n```json\n{\n  \"@odata.type\": \"#microsoft.graph.gadget\",\n  \"id\": \"String\",\n  \"label\": \"String\"\n}\n```\n";

const GADGET_CREATE: &str = "---\ntitle: \"Create gadget\"\ndoc_type: apiPageType\n---\n\n# Create gadget\n\nNamespace: microsoft.graph\n\nAdds a [gadget](../resources/gadget.md) of a chosen kind.\n\n## HTTP request\n\n```http\nPOST /gadgets/{id}/sparkle\n```\n\n## Request body\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|odata.type|String|The kind to make.|\n|brightness|Int32|How much it shines.|\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";

#[test]
fn odata_type_rows_are_no_properties_and_no_parameters() {
    let out = run(&[("resources/gadget.md", GADGET), ("api/gadget-sparkle.md", GADGET_CREATE)]);
    let gadget = out.schema.types.iter().find(|t| t.name == "gadget").expect("the gadget type");
    let names: Vec<&str> = gadget.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "label"]);
    let op = out.schema.operations.first().expect("one operation");
    let params: Vec<&str> = op.parameters.iter().map(|p| p.name.as_str()).collect();
    assert!(params.contains(&"brightness"), "{params:?}");
    assert!(!params.iter().any(|p| p.to_ascii_lowercase().contains("odata")), "{params:?}");
    // nothing to report: the docs may list the tag; only errors and property faults would matter
    assert!(!out.diags.items.iter().any(|d| d.severity == Severity::Error), "{:#?}", out.diags.items);
    assert!(
        !out.diags.items.iter().any(|d| matches!(d.code, Code::D0122 | Code::D0104 | Code::D0108)),
        "{:#?}",
        out.diags.items
    );
}

/// An API list page whose query section says `query`, with the request line `line`.
fn list_page(line: &str, query: &str) -> String {
    format!("---\ntitle: \"List gadgets\"\ndoc_type: apiPageType\n---\n\n# List gadgets\n\nNamespace: microsoft.graph\n\nLists the [gadget](../resources/gadget.md) objects.\n\n## HTTP request\n\n```http\n{line}\n```\n\n## Optional query parameters\n\n{query}\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [gadget](../resources/gadget.md) objects.\n")
}

fn options_of(line: &str, query: &str) -> (Vec<String>, Output) {
    let page = list_page(line, query);
    let out = run(&[("resources/gadget.md", GADGET), ("api/gadget-list.md", &page)]);
    let op = out.schema.operations.first().expect("one operation");
    (op.query_options.clone(), out)
}

#[test]
fn denied_query_options_are_left_out_one_by_one() {
    let cases: &[(&str, &[&str])] = &[
        (
            "This method supports the `$select` and `$top` query parameters. `$skip` isn't supported.",
            &["$select", "$top"],
        ),
        ("This method does not support the `$filter` OData query parameter. It takes `$expand`.", &["$expand"]),
        ("You may use `$top` and `$orderby`; `$search` is not supported.", &["$top", "$orderby"]),
        ("The list doesn't support `$top`, but `$count` works.", &["$count"]),
        ("The `$count` parameter is not supported. Use `$filter` instead.", &["$filter"]),
        ("The list supports `$select` but not `$expand`.", &["$select"]),
        ("- There is no support for `$search`.\n- `$filter` narrows the list.", &["$filter"]),
    ];
    for (query, want) in cases {
        let (got, out) = options_of("GET /gadgets", query);
        assert_eq!(&got, want, "{query}");
        assert!(!out.diags.items.iter().any(|d| d.code == Code::D0229), "{query}: {:#?}", out.diags.items);
    }
}

#[test]
fn positive_and_narrowed_query_prose_still_adds_options() {
    let cases: &[(&str, &[&str])] = &[
        (
            "This method supports the `$filter`, `$select` and `$top` OData query parameters.",
            &["$select", "$filter", "$top"],
        ),
        ("Use `$select` to ask for properties that are not returned by default.", &["$select"]),
        ("`$orderby` is not supported on archived gadgets.", &["$orderby"]),
        ("Query parameters are not supported other than `$filter`.", &["$filter"]),
    ];
    for (query, want) in cases {
        let (mut got, _) = options_of("GET /gadgets", query);
        let mut want: Vec<&str> = want.to_vec();
        got.sort();
        want.sort_unstable();
        assert_eq!(got, want, "{query}");
    }
}

#[test]
fn a_denial_of_an_option_the_request_line_uses_wins_and_is_reported() {
    let (got, out) = options_of("GET /gadgets?$top={n}", "This method supports `$select`. It doesn't support `$top`.");
    assert_eq!(got, ["$select"]);
    let d = out.diags.items.iter().find(|d| d.code == Code::D0229).expect("D0229 is reported");
    assert!(d.message.contains("`$top`"), "{}", d.message);
    assert_eq!(d.severity, Severity::Warning);
}
