//! Cargo features per area: which items are gated by which features, the `[features]`
//! table, and byte-identical generated crates whatever the thread count or run.

mod common;

use codegen_rust::{self as emit, GeneratedFile, Options};

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    files.iter().find(|f| f.path == path).map(|f| f.contents.as_str()).expect("file emitted")
}

fn fixture_files() -> Vec<GeneratedFile> {
    let mut schema: codegen_ir::Schema =
        serde_json::from_str(include_str!("../../rust/tests/fixtures/schema.json")).unwrap();
    schema.sort();
    emit::files(&common::with_fixture_areas(schema), &Options::default()).0
}

/// The text from the line holding `start` up to `len` bytes on.
fn around<'a>(text: &'a str, start: &str, before: usize, len: usize) -> &'a str {
    let at = text.find(start).unwrap_or_else(|| panic!("`{start}` not found"));
    let from = text[..at.saturating_sub(before)].len();
    let from = text[..from].rfind('\n').map_or(0, |i| i + 1);
    &text[from..(at + len).min(text.len())]
}

#[test]
fn cargo_features_list_every_area_and_full_is_the_default() {
    let files = fixture_files();
    let toml = file(&files, "Cargo.toml");
    let table = &toml[toml.find("[features]").expect("features table")..];
    insta::assert_snapshot!(table, @r#"
    [features]
    default = ["full"]
    full = ["bags", "base", "intune", "ops", "rich", "unassigned"]
    bags = ["generated-models/bags", "generated-endpoints-1/bags"]
    base = ["generated-models/base", "generated-endpoints-1/base"]
    intune = ["generated-models/intune", "generated-endpoints-1/intune"]
    ops = ["generated-models/ops", "generated-endpoints-1/ops"]
    rich = ["generated-models/rich", "generated-endpoints-1/rich"]
    unassigned = ["generated-models/unassigned", "generated-endpoints-1/unassigned"]
    # The async client of the runtime (reqwest with rustls, tokio, futures, tracing).
    client = ["graph-runtime/client"]
    "#);
    // the models crate has the same areas, none on by default: the main crate's turn them on
    let models = file(&files, "models/Cargo.toml");
    assert!(models.contains("\n[features]\nbags = []\nbase = []\n"), "{models}");
    assert!(!models.contains("default"), "{models}");
    // an endpoint crate's areas turn on the models' too
    let share = file(&files, "endpoints-1/Cargo.toml");
    assert!(share.contains("\n[features]\nbags = [\"generated-models/bags\"]\n"), "{share}");
}

#[test]
fn items_are_gated_by_the_areas_that_need_them() {
    let files = fixture_files();
    let models = file(&files, "models/src/models/microsoft_graph.rs");
    // `entity` is the base of types of several areas, but not needed by `bags`.
    let entity = around(models, "pub struct Entity ", 200, 0);
    assert!(
        entity.contains(r#"#[cfg(any(feature = "base", feature = "intune", feature = "ops", feature = "rich"))]"#),
        "{entity}"
    );
    // The derived type of another area is a variant only with that area.
    let any = around(models, "pub enum AnyLongRunningOperation", 0, 600);
    assert!(any.contains("#[cfg(feature = \"rich\")]\n    /// A `microsoft.graph.richLongRunningOperation`."), "{any}");
    // A navigation property into another area is a field only with that area.
    let dm = around(models, "pub struct DeviceManagement ", 0, 4000);
    let nav = around(dm, "pub group_policy_uploaded_definition_files", 300, 0);
    assert!(
        nav.contains("#[cfg(feature = \"ops\")]\n    /// The `groupPolicyUploadedDefinitionFiles` property."),
        "{nav}"
    );
    let endpoints: String = files
        .iter()
        .filter(|f| f.path.starts_with("endpoints-1/src/endpoints/"))
        .map(|f| f.contents.as_str())
        .collect();
    assert!(endpoints.contains("#[cfg(feature = \"ops\")]\n/// "), "operation builders are gated by their area");
    let tests = file(&files, "tests/roundtrip.rs");
    assert!(tests.contains("#[cfg(feature = \"ops\")]"));
    // An example naming a derived type of another area needs that area too.
    assert!(tests.contains("#[cfg(all(feature = \"ops\", feature = \"rich\"))]"), "{tests}");
}

#[test]
fn without_areas_nothing_is_gated() {
    let mut schema: codegen_ir::Schema =
        serde_json::from_str(include_str!("../../rust/tests/fixtures/schema.json")).unwrap();
    schema.sort();
    let (files, _) = emit::files(&schema, &Options::default());
    assert!(files.iter().all(|f| !f.contents.contains("#[cfg(feature")), "no cfg without areas");
    assert!(file(&files, "Cargo.toml").contains("full = [\"unassigned\"]"));
}

/// The seeds through the whole generator (front end, areas, emit) on `threads` threads.
fn seeds_crate(threads: usize) -> Vec<GeneratedFile> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
    pool.install(|| {
        let out = codegen_docs::pipeline::run(&common::seeds()).expect("seeds readable");
        emit::files(&out.schema, &Options::default()).0
    })
}

#[test]
fn generated_crate_is_identical_on_one_thread_and_many_and_a_second_gen_writes_nothing() {
    let one = seeds_crate(1);
    let many = seeds_crate(4);
    assert_eq!(one, many);
    assert_eq!(many, seeds_crate(4));
    let dir = tempfile::tempdir().unwrap();
    let first = codegen_core::writer::write(dir.path(), &one, false).unwrap();
    assert_eq!(first.written.len(), one.len());
    let second = codegen_core::writer::write(dir.path(), &many, false).unwrap();
    assert!(second.is_empty(), "second gen rewrote {:?}", second.written);
    assert_eq!(second.unchanged, one.len());
}
