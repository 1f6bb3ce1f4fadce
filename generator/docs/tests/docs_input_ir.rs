//! Our own docs pages are clean (the check reports nothing) and their IR is held by a
//! snapshot, so any change of the front end's output on them is reviewed.

use std::path::PathBuf;

fn docs_input() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs-input"))
}

#[test]
fn docs_input_has_no_diagnostics() {
    let out = codegen_docs::pipeline::run(&docs_input()).expect("docs-input readable");
    let lines: Vec<String> = out.diags.items.iter().map(|d| codegen_core::render::json_line(&out.db, d)).collect();
    assert!(lines.is_empty(), "docs-input should be clean:\n{}", lines.join("\n"));
}

#[test]
fn docs_input_ir() {
    let out = codegen_docs::pipeline::run(&docs_input()).expect("docs-input readable");
    insta::assert_json_snapshot!(out.schema);
}
