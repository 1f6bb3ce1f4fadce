//! Builds crates from the generator's output and runs them: the fixture schema (with its
//! emitted round-trip tests and `fixtures/downstream.rs`, a downstream user of models and
//! endpoints) and the seed pages of `../shared/seeds` (which must compile warning-free).
//! Both crates live in one scratch workspace under the target folder, so rebuilds are
//! incremental. Set `SKIP_GENERATED_CRATES=1` to skip (the test then says so).

mod common;

use codegen_rust::{self as emit, Options};
use common::{cargo, workspace_root};
use std::path::Path;

#[test]
fn generated_crates_compile_lint_and_pass_their_tests() {
    if std::env::var_os("SKIP_GENERATED_CRATES").is_some() {
        eprintln!("SKIP_GENERATED_CRATES is set: generated crates not built");
        return;
    }
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target");
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"fixture\", \"seeds\", \"areas\"]\n",
    )
    .unwrap();
    // The workspace's lock pins the versions (and lets cargo work from its cache).
    std::fs::copy(workspace_root().join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();

    // Crates of the scratch workspace use the workspace's runtime by its absolute path.
    let runtime_path = workspace_root().join("generator/runtime").to_string_lossy().into_owned();
    let in_scratch = |name: &str| Options {
        crate_name: name.into(),
        standalone: false,
        runtime_path: runtime_path.clone(),
        ..Default::default()
    };
    let fixture: codegen_ir::Schema =
        serde_json::from_str(include_str!("../../rust/tests/fixtures/schema.json")).unwrap();
    let (files, _) = emit::files(&fixture, &in_scratch("fixture_generated"));
    codegen_core::writer::write(&scratch.join("fixture"), &files, false).unwrap();
    let downstream = scratch.join("fixture/tests/downstream.rs");
    let wanted = include_str!("fixtures/downstream.rs");
    if std::fs::read_to_string(&downstream).ok().as_deref() != Some(wanted) {
        std::fs::write(&downstream, wanted).unwrap();
    }

    let seeds_dir = workspace_root().join("../shared/seeds");
    let seeds = codegen_docs::pipeline::run(&seeds_dir).expect("seeds read");
    let (files, _) = emit::files(&seeds.schema, &in_scratch("seeds_generated"));
    codegen_core::writer::write(&scratch.join("seeds"), &files, false).unwrap();

    // The fixture again with Cargo features per area (`tests/features.rs` says which), and
    // deprecated items, which must lint, document and test warning-free too.
    let areas = in_scratch("areas_generated");
    let (files, _) = emit::files(&deprecate_some(common::with_fixture_areas(fixture.clone())), &areas);
    codegen_core::writer::write(&scratch.join("areas"), &files, false).unwrap();

    cargo(&scratch, &target, &["clippy", "--quiet", "--workspace", "--all-targets", "--", "-D", "warnings"]);
    // One area alone, and no area at all, compile warning-free too.
    for features in ["ops", "intune", "rich", ""] {
        let deny = ["--", "-D", "warnings"];
        let args =
            ["clippy", "--quiet", "-p", "areas_generated", "--all-targets", "--no-default-features", "--features"];
        cargo(&scratch, &target, &[&args[..], &[features], &deny[..]].concat());
    }
    cargo(
        &scratch,
        &target,
        &["test", "--quiet", "-p", "areas_generated", "--no-default-features", "--features", "ops"],
    );
    cargo(&scratch, &target, &["doc", "--quiet", "--workspace", "--no-deps"]);
    cargo(&scratch, &target, &["test", "--quiet", "-p", "fixture_generated"]);

    // A standalone crate: the runtime vendored into `graph-runtime/`, no workspace around
    // it; its client feature (the vendored client) is linted too.
    let alone = scratch.join("standalone");
    let options = Options { crate_name: "standalone_generated".into(), standalone: true, ..Default::default() };
    let (files, _) = emit::files(&fixture, &options);
    assert!(files.iter().any(|f| f.path == "graph-runtime/src/lib.rs"), "the runtime is vendored");
    codegen_core::writer::write(&alone, &files, false).unwrap();
    if !alone.join("Cargo.lock").exists() {
        std::fs::copy(workspace_root().join("Cargo.lock"), alone.join("Cargo.lock")).unwrap();
    }
    let deny = ["--", "-D", "warnings"];
    cargo(
        &alone,
        &target,
        &[&["clippy", "--quiet", "--workspace", "--all-targets", "--features", "client"][..], &deny[..]].concat(),
    );
    cargo(&alone, &target, &["test", "--quiet", "--features", "client"]);

    // The workspace's own `generated/` must document without warnings too (clippy and
    // rustc see it in CI's workspace runs; rustdoc only here).
    let manifest = workspace_root().join("Cargo.toml");
    let manifest = manifest.to_string_lossy();
    cargo(
        &scratch,
        &target,
        &["doc", "--quiet", "--locked", "--manifest-path", &manifest, "-p", "generated", "--no-deps"],
    );
}

/// Marks an operation, a model and an enum deprecated (and the operation available in two
/// clouds): the crate's own uses of them, and its tests', must raise no warning.
fn deprecate_some(mut schema: codegen_ir::Schema) -> codegen_ir::Schema {
    let note = codegen_ir::Deprecation {
        message: "This API is deprecated.".into(),
        date: Some("2031-02-03".into()),
        replacement: Some("[the list](x.md)".into()),
    };
    for op in schema.operations.iter_mut().filter(|o| o.id == "operation-get") {
        op.deprecated = Some(note.clone());
        op.availability = vec!["global".into(), "us-gov-l4".into()];
    }
    for t in schema.types.iter_mut().filter(|t| matches!(t.name.as_str(), "sample" | "dayOfWeekSet" | "operation")) {
        t.deprecated = Some(codegen_ir::Deprecation::default());
    }
    schema
}
