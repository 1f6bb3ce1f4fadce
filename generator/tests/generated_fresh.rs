//! `generated/` is what `cargo xtask gen` makes of `docs-input/` today: a stale crate
//! fails `cargo test`, like `cargo xtask gen --check` fails CI.

use generator::emit::{self, Options};
use std::path::Path;

#[test]
fn generated_crate_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let out = generator::pipeline::run(&root.join("docs-input")).expect("docs-input reads");
    let options = Options { areas: emit::features::areas_of(&out.pages), ..Default::default() };
    let (files, _) = emit::files(&out.schema, &options);
    let changes = generator::writer::write(&root.join("generated"), &files, true).expect("generated/ reads");
    assert!(
        changes.is_empty(),
        "generated/ is stale, run `cargo xtask gen`: to write {:?}, to remove {:?}",
        changes.written,
        changes.removed
    );
}
