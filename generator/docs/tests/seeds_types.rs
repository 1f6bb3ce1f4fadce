//! Snapshots of what the seeds yield: every diagnostic (code, severity, place, our
//! message) and a description-free summary of the IR types.

mod common;

use std::fmt::Write;

#[test]
fn seed_diagnostics() {
    let out = codegen_docs::pipeline::run(&common::seeds()).expect("seeds readable");
    let mut s = String::new();
    for d in &out.diags.items {
        let j = codegen_core::render::to_json(&out.db, d);
        let _ = writeln!(s, "{} {} {}:{}:{} {}", j.code, j.severity, j.file, j.line, j.column, j.message);
    }
    insta::assert_snapshot!(s);
}

#[test]
fn seed_types() {
    let out = codegen_docs::pipeline::run(&common::seeds()).expect("seeds readable");
    let mut s = String::new();
    for t in &out.schema.types {
        let _ = writeln!(
            s,
            "{} {:?} base={} key={:?} sources={:?}",
            t.qualified(),
            t.kind,
            t.base.as_deref().unwrap_or("-"),
            t.key,
            t.sources
        );
        for p in &t.properties {
            let _ = writeln!(s, "  {}: {}{}", p.name, p.ty.name, if p.ty.collection { "[]" } else { "" });
        }
        for m in &t.members {
            let _ = writeln!(s, "  = {}", m.name);
        }
    }
    insta::assert_snapshot!(s);
}
