//! Deprecated items: `#[deprecated]` on their models and builders, a doc line naming the
//! clouds they are available in, and the generated crate and tests allowing their own use.

use codegen_ir::{Deprecation, Schema};
use codegen_rust::{self as emit, Options};

fn schema() -> Schema {
    let text = include_str!("fixtures/schema.json");
    let mut schema: Schema = serde_json::from_str(text).expect("fixture parses");
    schema.sort();
    let retired = Deprecation {
        message: "This API is deprecated; it goes away [soon](x.md).".into(),
        date: Some("2031-02-03".into()),
        replacement: Some("the cancel action".into()),
    };
    for op in schema.operations.iter_mut().filter(|o| o.id == "operation-get") {
        op.deprecated = Some(retired.clone());
        op.availability = vec!["global".into(), "china".into()];
    }
    for t in schema.types.iter_mut().filter(|t| t.name == "sample" || t.name == "dayOfWeekSet") {
        t.deprecated = Some(Deprecation::default());
    }
    schema
}

fn file<'a>(files: &'a [emit::GeneratedFile], path: &str) -> &'a str {
    files.iter().find(|f| f.path == path).map(|f| f.contents.as_str()).expect("file emitted")
}

#[test]
fn deprecated_builders_and_models_carry_the_attribute() {
    let (files, _) = emit::files(&schema(), &Options::default());
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(
        all.contains(
            r#"#[deprecated = "This API is deprecated; it goes away soon. (until 2031-02-03); use the cancel action instead"]"#
        ),
        "no deprecated builder"
    );
    assert!(all.contains("/// Available in the global service, China operated by 21Vianet."));
    assert_eq!(all.matches(r#"#[deprecated = "deprecated"]"#).count(), 2, "the struct and the enum");
    assert!(file(&files, "src/lib.rs").contains("#![allow(deprecated)]"));
    assert!(file(&files, "tests/roundtrip.rs").contains("dead_code, deprecated"));
}

#[test]
fn nothing_deprecated_changes_nothing() {
    let text = include_str!("fixtures/schema.json");
    let schema: Schema = serde_json::from_str(text).expect("fixture parses");
    let (files, _) = emit::files(&schema, &Options::default());
    assert!(files.iter().all(|f| !f.contents.contains("deprecated")));
}
