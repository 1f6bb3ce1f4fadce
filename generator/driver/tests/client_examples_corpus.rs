//! The client end to end on a sample of the Graph v1.0 reference: the crate generated
//! from the whole reference, built with the areas `users`, `groups` and `outlook` (241
//! operations) and the runtime's `client` feature, runs its emitted
//! `tests/client_examples.rs`: every example exchange of those pages sent through its
//! endpoint and the client to a transport that answers with the docs' own example. The
//! reference has faults, so the test asserts a floor (200 exchanges and 90% of them) and
//! prints the failures. On the reference: 206 of 220 pass; of the 14 others, 6 are docs
//! faults (`"false"` for a boolean, `skuId-value-1` for a GUID, bad base64, a date in a
//! timestamp), 7 send a documented body the IR gives the operation no type for (`$ref`
//! POSTs, PATCHes of group, contact, event: the endpoint takes no body) and 1 answers MIME
//! (`$value`) where the endpoint decodes JSON.

mod common;

use codegen_rust::{self as emit, Options};
use std::path::Path;
use std::process::Command;

const AREAS: &[&str] = &["users", "groups", "outlook"];

fn counts(output: &str) -> (usize, usize) {
    let mut passed = 0;
    let mut failed = 0;
    for line in output.lines().filter(|l| l.starts_with("test result:")) {
        let number = |word: &str| {
            line.split(';')
                .find(|p| p.trim_end().ends_with(word))
                .and_then(|p| p.split_whitespace().rev().nth(1))
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
        };
        passed += number("passed");
        failed += number("failed");
    }
    (passed, failed)
}

#[test]
fn reference_sample_examples_go_through_the_client() {
    let out = codegen_docs::pipeline::run(&common::corpus()).expect("the reference reads");
    let ops = out.schema.operations.iter().filter(|o| o.area.as_deref().is_some_and(|a| AREAS.contains(&a))).count();
    assert!(ops >= 200, "only {ops} operations in {AREAS:?}");

    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("client-sample");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("client-sample-target");
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::write(scratch.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"sample\"]\n").unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if !scratch.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    }
    let runtime_path = root.join("generator/runtime").to_string_lossy().into_owned();
    let options =
        Options { crate_name: "sample_generated".into(), standalone: false, runtime_path, ..Default::default() };
    let (files, _) = emit::files(&out.schema, &options);
    codegen_core::writer::write(&scratch.join("sample"), &files, false).unwrap();

    let features = [AREAS, &["client"]].concat().join(",");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The emitted client tests are lint-clean too.
    let lint = Command::new(&cargo)
        .args(["clippy", "--quiet", "-p", "sample_generated", "--no-default-features", "--features", &features])
        .args(["--tests", "--", "-D", "warnings"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(lint.status.success(), "clippy:\n{}", String::from_utf8_lossy(&lint.stderr));
    let run = Command::new(cargo)
        .args(["test", "-p", "sample_generated", "--no-default-features", "--features", &features])
        .args(["--test", "client_examples", "--no-fail-fast", "--", "--test-threads", "2"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let (passed, failed) = counts(&stdout);
    let failures: Vec<&str> = stdout.lines().filter(|l| l.ends_with("FAILED") && l.starts_with("test ")).collect();
    eprintln!("client examples of {AREAS:?}: {passed} passed, {failed} failed\n{}", failures.join("\n"));
    assert!(passed + failed > 0, "no test ran:\n{stdout}\n{stderr}");
    assert!(passed >= 200, "only {passed} exchanges passed ({failed} failed):\n{}", failures.join("\n"));
    assert!(
        passed * 100 >= (passed + failed) * 90,
        "{failed} of {} exchanges failed:\n{}",
        passed + failed,
        failures.join("\n")
    );
}
