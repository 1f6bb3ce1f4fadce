//! `generated/` is what `cargo xtask gen` makes of `docs-input/` today: a stale crate
//! fails `cargo test`, like `cargo xtask gen --check` fails CI.

use codegen_rust::{self as emit, Options};
use std::path::Path;

#[test]
fn generated_crate_is_up_to_date() {
    let root = &Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = codegen_docs::pipeline::run(&root.join("docs-input")).expect("docs-input reads");
    let (files, _) = emit::files(&out.schema, &Options::default());
    let changes = codegen_core::writer::write(&root.join("generated"), &files, true).expect("generated/ reads");
    assert!(
        changes.is_empty(),
        "generated/ is stale, run `cargo xtask gen`: to write {:?}, to remove {:?}",
        changes.written,
        changes.removed
    );
}
