//! Seeds and fixtures: operations and the operation diagnostics, as snapshots. Snapshots hold
//! codes, places and our own messages; never the pages' text.

use codegen_docs::pipeline;
use codegen_ir::PathTemplate;
use std::path::Path;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ops");

/// `file:line CODE message` for every operations diagnostic (D02xx and permission TODOs).
fn op_diags(out: &pipeline::Output) -> Vec<String> {
    out.diags
        .items
        .iter()
        .filter(|d| {
            d.code.as_str().starts_with("D02") || (d.code.as_str() == "D0007" && d.message.contains("permissions"))
        })
        .map(|d| {
            let f = out.db.file(d.span.file);
            let line = f.line_col(d.span.start as usize).0;
            let related: Vec<String> = d
                .related
                .iter()
                .map(|(s, l)| {
                    format!("{}:{} {l}", out.db.file(s.file).rel, out.db.file(s.file).line_col(s.start as usize).0)
                })
                .collect();
            let rel = if related.is_empty() { String::new() } else { format!(" [{}]", related.join("; ")) };
            format!("{}:{} {} {}{rel}", f.rel, line, d.code.as_str(), d.message)
        })
        .collect()
}

fn ops_summary(out: &pipeline::Output) -> serde_json::Value {
    let ops: Vec<serde_json::Value> = out
        .schema
        .operations
        .iter()
        .map(|o| {
            serde_json::json!({
                "id": o.id,
                "method": o.method,
                "paths": o.paths,
                "request_body": o.request_body,
                "parameters": o.parameters.iter().map(|p| format!("{:?} {} {}{} {}", p.location, p.name, p.ty.name,
                    if p.ty.collection { "[]" } else { "" }, if p.required { "required" } else { "optional" })).collect::<Vec<_>>(),
                "response": o.response,
                "permissions": o.permissions,
                "headers": o.headers.iter().map(|h| format!("{} {} {}", h.name, h.required, h.value)).collect::<Vec<_>>(),
                "query_options": o.query_options,
                "examples": o.examples.iter().map(|e| format!("{} {} status={:?} truncated={}", e.name, e.source,
                    e.response_status, e.truncated)).collect::<Vec<_>>(),
                "source": o.source,
            })
        })
        .collect();
    serde_json::Value::Array(ops)
}

#[test]
fn seeds_operations() {
    let out = pipeline::run(Path::new(SEEDS)).expect("seeds are readable");
    let ops = &out.schema.operations;
    assert_eq!(ops.len(), 5, "one operation per seed");
    let methods: Vec<(&str, &str)> = ops.iter().map(|o| (o.source.as_str(), o.method.as_str())).collect();
    assert!(methods.contains(&("003_f08cdbf228591eb4.txt", "POST")), "003's method comes from its title: {methods:?}");
    let seed4 = ops.iter().find(|o| o.source.starts_with("004_")).map(|o| o.paths.clone());
    assert_eq!(seed4, Some(vec![PathTemplate::parse("/longRunningOperation")]));
    // ids unique
    let mut ids: Vec<&str> = ops.iter().map(|o| o.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 5);
    insta::assert_json_snapshot!("seeds_operations", ops_summary(&out));
}

#[test]
fn seeds_diagnostics() {
    let out = pipeline::run(Path::new(SEEDS)).expect("seeds are readable");
    let diags = op_diags(&out);
    let has =
        |code: &str, file: &str, line: usize| diags.iter().any(|d| d.starts_with(&format!("{file}:{line} {code} ")));
    // the seed faults, each at its line
    assert!(has("D0201", "001_169df7c632e2c445.txt", 31));
    assert!(has("D0201", "001_169df7c632e2c445.txt", 67));
    assert!(has("D0201", "002_c0b2948825468846.txt", 29));
    assert!(has("D0202", "002_c0b2948825468846.txt", 64));
    assert!(has("D0203", "003_f08cdbf228591eb4.txt", 32));
    assert!(has("D0203", "003_f08cdbf228591eb4.txt", 68));
    assert!(has("D0204", "001_169df7c632e2c445.txt", 90));
    assert!(has("D0205", "001_169df7c632e2c445.txt", 90));
    assert!(has("D0206", "000_b13bda73f5042185.txt", 72));
    assert!(has("D0207", "001_169df7c632e2c445.txt", 75));
    assert!(has("D0208", "001_169df7c632e2c445.txt", 84));
    assert!(has("D0209", "001_169df7c632e2c445.txt", 63));
    assert!(has("D0209", "003_f08cdbf228591eb4.txt", 65));
    assert!(has("D0210", "000_b13bda73f5042185.txt", 45));
    assert!(has("D0212", "003_f08cdbf228591eb4.txt", 32));
    assert!(has("D0007", "002_c0b2948825468846.txt", 19));
    insta::assert_snapshot!("seeds_diagnostics", diags.join("\n"));
}

#[test]
fn fixtures_operations() {
    let out = pipeline::run(Path::new(FIXTURES)).expect("fixtures are readable");
    let diags = op_diags(&out);
    for code in [
        "D0007", "D0201", "D0202", "D0203", "D0204", "D0205", "D0206", "D0207", "D0208", "D0209", "D0211", "D0214",
        "D0215", "D0216", "D0217", "D0219", "D0220", "D0221", "D0222", "D0223", "D0224", "D0225", "D0226", "D0227",
    ] {
        assert!(diags.iter().any(|d| d.contains(&format!(" {code} "))), "{code} is reported: {diags:#?}");
    }
    // the path through `gears`, which the widget's table lacks, now adds that navigation
    assert!(out.diags.items.iter().any(|d| d.code == codegen_core::diag::Code::D0123));
    let get = out.schema.operations.iter().find(|o| o.source == "api/widget-get.md").expect("get page");
    assert!(get.paths.iter().any(|p| p == "/widgets/{widget-id}/gears/{gear-id}"));
    assert_eq!(get.permissions.delegated_work, ["Widget.Read", "Widget.ReadWrite"]);
    let f = out.schema.operations.iter().find(|o| o.source == "api/widget-sizebetween.md").expect("function page");
    assert_eq!(f.permissions.application, ["Widget.Read.All"], "transposed permission table");
    assert_eq!(f.response.as_ref().map(|r| r.body.as_ref().is_some_and(|b| b.collection)), Some(true));
    let del = out.schema.operations.iter().find(|o| o.source == "api/widget-delete.md").expect("delete page");
    assert_eq!(
        del.permissions.delegated_work,
        ["Widget.ReadWrite", "Widget.ReadWrite.All"],
        "permissions from an include"
    );
    assert_eq!(
        del.paths,
        ["/widgets/{widget-id}", "/widgets/{widget-id}/gears/{gear-id}/$ref"],
        "the elided path is left out"
    );
    assert!(diags.iter().any(|d| d.starts_with("api/widget-delete.md:") && d.contains(" D0225 ")));
    // one D0226 per value in a wrong wire form, at its line; the good duration passes
    let formats: Vec<&String> = diags.iter().filter(|d| d.contains(" D0226 ")).collect();
    for line in [43, 44, 45, 46] {
        assert!(formats.iter().any(|d| d.starts_with(&format!("api/widget-stamp.md:{line} "))), "{formats:#?}");
    }
    assert_eq!(formats.len(), 4, "{formats:#?}");
    // the prose promises a collection; the path and the example say one
    let keeper = out.schema.operations.iter().find(|o| o.source == "api/widget-get-keeper.md").expect("keeper page");
    assert_eq!(keeper.response.as_ref().map(|r| r.body.as_ref().is_some_and(|b| b.collection)), Some(false));
    assert!(diags.iter().any(|d| d.starts_with("api/widget-get-keeper.md:21 D0221 ")), "{diags:#?}");
    // its example asks for a path the page does not list
    assert!(diags.iter().any(|d| d.starts_with("api/widget-get-keeper.md:27 D0227 ")), "{diags:#?}");
    insta::assert_json_snapshot!("fixtures_operations", ops_summary(&out));
    insta::assert_snapshot!("fixtures_diagnostics", diags.join("\n"));
}
