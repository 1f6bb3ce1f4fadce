//! A hostile docs tree of our own (`tests/hostile/`): keywords of every edition as property
//! and type names, names colliding after case conversion with each other and with generated
//! names, prelude names as types, recursive, mutually recursive and cyclic types, enum members
//! that are no identifiers, text-direction and control characters in descriptions, header
//! names and members, HTML, fences, comment ends, bare URLs and brackets, a non-UTF-8 page and
//! a binary file. Nothing is dropped without a diagnostic, and the crate it yields passes
//! clippy and rustdoc with `-D warnings`. Set `SKIP_GENERATED_CRATES=1` to skip the build.

mod common;

use codegen_core::diag::Code;
use codegen_rust::{self as emit, Options};
use common::{cargo, workspace_root};
use std::path::{Path, PathBuf};

fn hostile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

#[test]
fn nothing_is_dropped_without_a_diagnostic() {
    let out = codegen_docs::pipeline::run(&hostile()).expect("hostile tree read");
    let kind = out.schema.types.iter().find(|t| t.name == "hostileKind").expect("hostileKind is in the IR");
    let names: Vec<&str> = kind.members.iter().map(|m| m.name.as_str()).collect();
    for wanted in ["1st", "a b", "", "self", "Self", "Unrecognized", "x\u{202e}y", "a-b"] {
        assert!(names.contains(&wanted), "member {wanted:?} missing from {names:?}");
    }
    let d0121 = out.diags.items.iter().filter(|d| d.code == Code::D0121).count();
    assert_eq!(d0121, 5, "one D0121 per member that is no identifier (1st, a b, empty, x<RLO>y, a-b)");
    let d0122 = out.diags.items.iter().filter(|d| d.code == Code::D0122).count();
    assert_eq!(d0122, 2, "one D0122 per property row left out (9lives, r#type)");
    assert!(out.diags.items.iter().any(|d| d.code == Code::D0001), "the non-UTF-8 page is reported");
    assert!(out.diags.items.iter().any(|d| d.code == Code::D0002), "the binary file is reported");
}

#[test]
fn the_hostile_crate_is_clippy_and_rustdoc_clean() {
    if std::env::var_os("SKIP_GENERATED_CRATES").is_some() {
        eprintln!("SKIP_GENERATED_CRATES is set: the hostile crate is not built");
        return;
    }
    let out = codegen_docs::pipeline::run(&hostile()).expect("hostile tree read");
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-crate");
    // the target folder of `generated_crates.rs`: the runtime and serde are built once
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target");
    std::fs::create_dir_all(&scratch).unwrap();
    if !scratch.join("Cargo.lock").exists() {
        std::fs::copy(workspace_root().join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    }
    let runtime_path = workspace_root().join("generator/runtime").to_string_lossy().into_owned();
    // the endpoints dealt into as many crates as allowed, so the gathered modules are linted and
    // documented too
    let options = Options {
        crate_name: "hostile_generated".into(),
        standalone: false,
        runtime_path,
        share_bytes: 1,
        ..Default::default()
    };
    let (files, _) = emit::files(&out.schema, &options);
    codegen_core::writer::write(&scratch, &files, false).unwrap();
    let manifest = scratch.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    if !text.contains("[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n")).unwrap();
    }
    let shares = files.iter().filter(|f| f.path.starts_with("endpoints-") && f.path.ends_with("/Cargo.toml")).count();
    assert!(shares > 1, "{shares} endpoint crates");
    cargo(
        &scratch,
        &target,
        &["clippy", "--quiet", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"],
    );
    cargo(&scratch, &target, &["doc", "--quiet", "--workspace", "--no-deps", "--all-features"]);
}
