//! The endpoints dealt into crates of their own: every builder in exactly one share, every
//! area's module gathered back in the main crate from the shares that hold its builders, and
//! the manifests naming every share.

use codegen_ir::Schema;
use codegen_rust::{self as emit, GeneratedFile, Options};

fn fixture_files(share_bytes: usize) -> Vec<GeneratedFile> {
    let mut schema: Schema = serde_json::from_str(include_str!("fixtures/schema.json")).expect("fixture parses");
    schema.sort();
    emit::files(&schema, &Options { share_bytes, ..Options::default() }).0
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    files.iter().find(|f| f.path == path).map(|f| f.contents.as_str()).unwrap_or_else(|| panic!("{path} emitted"))
}

/// The `pub struct` names of the endpoint files of share `k`, by module.
fn builders(files: &[GeneratedFile], k: usize) -> Vec<(String, String)> {
    let prefix = format!("endpoints-{k}/src/endpoints/");
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.path.starts_with(&prefix) && !f.path.ends_with("/mod.rs")) {
        let module = f.path[prefix.len()..].trim_end_matches(".rs").to_string();
        for line in f.contents.lines() {
            if let Some(rest) = line.strip_prefix("pub struct ") {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.push((module.clone(), name));
            }
        }
    }
    out
}

#[test]
fn a_small_crate_has_one_share() {
    let files = fixture_files(codegen_rust::shares::DEFAULT_SHARE_BYTES);
    assert!(files.iter().any(|f| f.path == "endpoints-1/Cargo.toml"));
    assert!(!files.iter().any(|f| f.path.starts_with("endpoints-2/")));
    assert!(!files.iter().any(|f| f.path.starts_with("src/endpoints/")), "no endpoints in the main crate");
}

#[test]
fn builders_are_dealt_round_robin_and_gathered_back() {
    let one = fixture_files(codegen_rust::shares::DEFAULT_SHARE_BYTES);
    let all = builders(&one, 1);
    assert!(all.len() >= 4, "the fixture has several builders: {all:?}");
    let files = fixture_files(1);
    let shares = files.iter().filter(|f| f.path.starts_with("endpoints-") && f.path.ends_with("/Cargo.toml")).count();
    assert_eq!(shares, all.len().min(8), "one builder per share, up to eight shares");
    let mut dealt: Vec<(String, String)> = (1..=shares).flat_map(|k| builders(&files, k)).collect();
    dealt.sort();
    let mut expected = all.clone();
    expected.sort();
    assert_eq!(dealt, expected, "every builder in exactly one share");
    // the facade re-exports a module from each share that holds its builders, and only those
    let facade = file(&files, "src/endpoints.rs");
    for k in 1..=shares {
        for (module, _) in builders(&files, k) {
            let line = format!("pub use ::generated_endpoints_{k}::endpoints::{module}::*;");
            assert!(facade.contains(&line), "{line} in\n{facade}");
        }
    }
    let uses = facade.matches("pub use ::").count();
    let held: std::collections::BTreeSet<(usize, String)> =
        (1..=shares).flat_map(|k| builders(&files, k).into_iter().map(move |(m, _)| (k, m))).collect();
    assert_eq!(uses, held.len(), "{facade}");
    // the main crate depends on every share and forwards its features to each
    let toml = file(&files, "Cargo.toml");
    for k in 1..=shares {
        assert!(toml.contains(&format!("generated-endpoints-{k} = {{ path = \"endpoints-{k}\" }}")), "{toml}");
    }
    let last = format!("\"generated-endpoints-{shares}/");
    assert!(toml.lines().filter(|l| l.contains("generated-models/")).all(|l| l.contains(&last)), "{toml}");
    // each share reaches the models under the usual path
    let lib = file(&files, "endpoints-2/src/lib.rs");
    assert!(lib.contains("use ::generated_models::models;"), "{lib}");
}

#[test]
fn the_mostly_unused_hint_is_opt_in_and_only_on_the_members() {
    let mut schema: Schema = serde_json::from_str(include_str!("fixtures/schema.json")).expect("fixture parses");
    schema.sort();
    let hint = "\n[hints]\nmostly-unused = true\n";
    let plain = emit::files(&schema, &Options::default()).0;
    assert!(plain.iter().all(|f| !f.contents.contains("[hints]")));
    let hinted = emit::files(&schema, &Options { mostly_unused: true, ..Options::default() }).0;
    assert!(file(&hinted, "models/Cargo.toml").ends_with(hint));
    assert!(file(&hinted, "endpoints-1/Cargo.toml").ends_with(hint));
    assert!(!file(&hinted, "Cargo.toml").contains("[hints]"), "the facade has nothing to defer");
}
