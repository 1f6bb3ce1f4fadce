//! What the driver's tests share: the workspace root, a cargo runner for generated crates,
//! the paths to `../shared` (the docs crate's test helper, one copy) and the emitter's
//! fixture schema with areas.

#![allow(dead_code)]

#[path = "../../docs/tests/common.rs"]
mod paths;

#[allow(unused_imports)]
pub use paths::*;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The emitter's fixture schema (`fixtures/schema.json`) with areas by docs file: the
/// base in one area, the operations in another, a derived type and a navigation property
/// reaching across areas, the rest unassigned.
pub fn with_fixture_areas(mut schema: codegen_ir::Schema) -> codegen_ir::Schema {
    let areas: std::collections::BTreeMap<String, String> = [
        ("resources/entity.md", "base"),
        ("resources/devicemanagement.md", "intune"),
        ("resources/operation.md", "ops"),
        ("resources/operationstatus.md", "ops"),
        ("resources/longrunningoperation.md", "ops"),
        ("resources/longrunningoperationstatus.md", "ops"),
        ("resources/richlongrunningoperation.md", "\"rich\""),
        ("api/operation-get.md", "ops"),
        ("api/operation-list.md", "ops"),
        ("api/operation-update.md", "ops"),
        ("api/operation-delete.md", "ops"),
        ("api/operation-cancel.md", "ops"),
        ("api/operation-get-by-key.md", "ops"),
        ("api/longrunningoperation-get.md", "ops"),
        ("api/bag-create.md", "bags"),
    ]
    .into_iter()
    .map(|(f, a)| (f.to_string(), a.to_string()))
    .collect();
    for t in &mut schema.types {
        t.area = t.sources.first().and_then(|s| areas.get(&s.file)).cloned();
    }
    for op in &mut schema.operations {
        op.area = areas.get(&op.source).cloned();
    }
    schema
}

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs cargo in `dir` with `target` as its target folder and rustdoc `-D warnings`; fails
/// the test with cargo's output if it fails.
pub fn cargo(dir: &Path, target: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {args:?} failed in {}:\n{}\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
