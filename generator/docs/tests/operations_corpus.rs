//! The v1.0 corpus: every API page yields an operation or says why not, no panic, and floors
//! for operations, paths, permissions and validated examples. Prints the figures.

use codegen_core::diag::Code;
use codegen_docs::pipeline;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/graph-docs-v1.0");

#[test]
fn corpus_operations() {
    let root = Path::new(CORPUS);
    if !root.is_dir() {
        eprintln!("corpus not found at {CORPUS}; skipped");
        return;
    }
    let t0 = Instant::now();
    let out = pipeline::run(root).expect("corpus is readable");
    let front_end = t0.elapsed();
    let (ops, diags, stats) = (&out.schema.operations, &out.diags, &out.stats);

    // every API page: an operation, or a D0219 saying why not
    let with_op: BTreeSet<&str> = ops.iter().map(|o| o.source.as_str()).collect();
    let said_why: BTreeSet<&str> =
        diags.items.iter().filter(|d| d.code == Code::D0219).map(|d| out.db.file(d.span.file).rel.as_str()).collect();
    let api: Vec<&str> = out
        .db
        .ids()
        .filter(|&id| {
            let f = out.db.file(id);
            f.rel.starts_with("api/")
                || codegen_docs::markdown::parse(id, f).0.kind == codegen_docs::markdown::PageKind::Api
        })
        .map(|id| out.db.file(id).rel.as_str())
        .collect();
    let silent: Vec<&&str> = api.iter().filter(|p| !with_op.contains(**p) && !said_why.contains(**p)).collect();
    assert!(silent.is_empty(), "API pages with neither an operation nor a reason: {silent:?}");

    let with_paths = ops.iter().filter(|o| !o.paths.is_empty()).count();
    let rate = stats.paths_resolved as f64 / stats.paths.max(1) as f64;
    println!("api pages: {}", stats.api_pages);
    println!(
        "operations: {} (with paths: {with_paths}, with permissions: {})",
        stats.operations, stats.operations_with_permissions
    );
    println!("paths: {}, resolved against the IR: {} ({:.4})", stats.paths, stats.paths_resolved, rate);
    println!(
        "examples: {}, bodies validated: {}, valid: {}, invalid: {}",
        stats.examples,
        stats.examples_validated,
        stats.examples_valid,
        stats.examples_validated - stats.examples_valid
    );
    for (code, n) in &stats.invalid_by_code {
        println!("  findings {code}: {n}");
    }
    println!("front end: {front_end:?}");

    assert!(stats.operations >= 2050, "operations: {}", stats.operations);
    assert!(with_paths >= 2000, "operations with paths: {with_paths}");
    assert!(stats.paths >= 3500, "paths: {}", stats.paths);
    assert!(rate >= 0.82, "path resolution against the IR: {rate:.4}");
    assert!(stats.operations_with_permissions >= 1900, "with permissions: {}", stats.operations_with_permissions);
    assert!(stats.examples_validated >= 2500, "validated bodies: {}", stats.examples_validated);
    // ids are unique
    let ids: BTreeSet<&str> = ops.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids.len(), ops.len());
}
