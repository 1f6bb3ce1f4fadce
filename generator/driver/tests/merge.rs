//! Docs + metadata -> the merged IR (structure from the metadata, documentation from the
//! docs, one-side items kept with their origin and reported) and the lint's findings, on
//! a docs tree and a metadata file of this project's own (`fixtures/library-docs`,
//! `generator/csdl/tests/fixtures/library.xml`).

use codegen_core::diag::Code;
use codegen_ir::{Origin, Schema, TypeDef};
use codegen_merge::MergeOptions;
use generator::inputs::{self, Run};
use std::path::PathBuf;

fn docs() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/library-docs"))
}

fn csdl() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../csdl/tests/fixtures/library.xml"))
}

fn merged(keep: bool) -> Run {
    inputs::both(&docs(), &csdl(), &MergeOptions { keep_undocumented_paths: keep }).expect("inputs")
}

fn t<'a>(s: &'a Schema, q: &str) -> &'a TypeDef {
    s.find_type(q).unwrap_or_else(|| panic!("type {q}"))
}

/// `file:line` of a span.
fn place(run: &Run, span: codegen_core::diag::Span) -> String {
    run.db.get(span.file).map_or_else(|| "?".into(), |f| format!("{}:{}", f.rel, f.line_col(span.start as usize).0))
}

/// `code file:line` of every diagnostic of these codes.
fn placed(run: &Run, diags: &[codegen_core::diag::Diagnostic], codes: &[Code]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| codes.contains(&d.code))
        .map(|d| format!("{} {}", d.code.as_str(), place(run, d.span)))
        .collect()
}

#[test]
fn structure_from_the_metadata_documentation_from_the_docs() {
    let run = merged(false);
    let s = &run.schema;
    let v = t(s, "contoso.library.volume");
    assert_eq!(v.origin, Some(Origin::Both));
    assert_eq!(v.description.as_deref(), Some("A bound book on a shelf. Inherits from holding."));
    assert_eq!(v.sources.first().map(ToString::to_string).as_deref(), Some("resources/volume.md:37"));
    let p = |n: &str| v.properties.iter().find(|p| p.name == n).unwrap_or_else(|| panic!("{n}"));
    // the metadata's types, the docs' words
    assert_eq!(
        (p("genres").ty.name.as_str(), p("genres").description.as_str()),
        ("contoso.library.genre", "Kinds of writing in it.")
    );
    assert!(p("keywords").ty.collection);
    assert_eq!(p("title").description, "What the cover says.");
    assert_eq!(p("loans").origin, Some(Origin::Both));
    // a docs-only property is kept, marked; an inherited one listed again is not repeated
    assert_eq!(p("pages").origin, Some(Origin::Docs));
    assert!(v.properties.iter().all(|p| p.name != "code"));
    assert_eq!(t(s, "contoso.library.writer").properties[0].ty.name, "Edm.Guid");
    // a description only the metadata has stays
    assert_eq!(t(s, "contoso.library.writer").properties[1].description, "Where the writer lives, as the docs say.");
    assert_eq!(t(s, "contoso.library.genre").members[2].description, "Plays and scripts.");
    // types of one side only
    assert_eq!(t(s, "contoso.library.ghost").origin, Some(Origin::Docs));
    assert_eq!(t(s, "contoso.archive.boxedVolume").origin, Some(Origin::Metadata));
    let state = t(s, "contoso.library.shelfState");
    let members: Vec<(&str, Option<i64>, Option<Origin>)> =
        state.members.iter().map(|m| (m.name.as_str(), m.value, m.origin)).collect();
    assert_eq!(
        members,
        [
            ("open", Some(0), Some(Origin::Both)),
            ("closed", Some(1), Some(Origin::Both)),
            ("archived", Some(10), Some(Origin::Both)),
            ("lost", Some(11), Some(Origin::Metadata)),
            ("burned", None, Some(Origin::Docs)),
        ]
    );
    assert_eq!(s.roots.len(), 3);
}

#[test]
fn operations_from_the_docs_typed_by_the_metadata() {
    let run = merged(false);
    let s = &run.schema;
    let get = s.operations.iter().find(|o| o.title == "Get volume").expect("get");
    assert_eq!(get.origin, Some(Origin::Both));
    assert_eq!(get.permissions.delegated_work, ["Library.Read"]);
    assert_eq!(get.examples.len(), 1);
    let renew = s.operations.iter().find(|o| o.title == "volume: renew").expect("renew");
    assert_eq!(renew.callable.as_ref().map(|c| c.name.as_str()), Some("contoso.library.renew"));
    let days = renew.parameters.iter().find(|p| p.name == "days").expect("days");
    assert_eq!(days.ty.name, "Edm.Int32", "the metadata's parameter type");
    let shelf = s.operations.iter().find(|o| o.title == "Get shelf of volume").expect("shelf");
    assert_eq!(shelf.origin, Some(Origin::Docs));
    // metadata operations no page documents are left out, unless kept
    assert!(s.operations.iter().all(|o| o.origin != Some(Origin::Metadata)));
    let kept = merged(true);
    let extra: Vec<String> = kept
        .schema
        .operations
        .iter()
        .filter(|o| o.origin == Some(Origin::Metadata))
        .filter_map(|o| o.paths.first().map(|p| format!("{} {p}", o.method)))
        .collect();
    assert!(extra.contains(&"GET /writers/{writer-id}".to_string()), "{extra:?}");
    assert!(extra.contains(&"PATCH /volumes/{volume-id}".to_string()), "{extra:?}");
    assert!(!extra.contains(&"GET /volumes/{volume-id}".to_string()), "documented by volume-get.md");
}

#[test]
fn the_merge_reports_what_one_side_only_has() {
    let run = merged(false);
    let got = placed(&run, &run.diags.items, &[Code::M0001, Code::M0004, Code::M0009]);
    assert_eq!(
        got,
        [
            // `shelf` is read from the documented path /volumes/{id}/shelf (D0123); the
            // metadata lacks it, so the lint places it at that path
            "M0004 api/volume-shelf.md:16",
            "M0001 resources/ghost.md:21",
            "M0009 resources/shelfstate.md:17",
            "M0004 resources/volume.md:26"
        ]
    );
    let undocumented = run.diags.items.iter().filter(|d| d.code == Code::M0014).count();
    assert!(undocumented > 5, "{undocumented}");
}

#[test]
fn the_lint_places_each_disagreement_at_its_docs_line() {
    let run = merged(false);
    let (d, m) = run.sides.as_ref().expect("both sides");
    let findings = codegen_merge::diff(d, m);
    let diags = generator::findings::to_diagnostics(&run.db, &findings);
    let all = [
        Code::M0001,
        Code::M0003,
        Code::M0004,
        Code::M0005,
        Code::M0006,
        Code::M0008,
        Code::M0009,
        Code::M0010,
        Code::M0011,
        Code::M0013,
    ];
    assert_eq!(
        placed(&run, &diags.items, &all),
        [
            "M0013 api/volume-shelf.md:1",
            "M0004 api/volume-shelf.md:16",
            "M0001 resources/ghost.md:21",
            "M0008 resources/shelfstate.md:6",
            "M0009 resources/shelfstate.md:17",
            "M0005 resources/volume.md:24",
            "M0006 resources/volume.md:25",
            "M0004 resources/volume.md:26",
            "M0005 resources/writer.md:16",
            "M0003 resources/writer.md:21",
        ]
    );
    // the metadata's declaration is the related place
    let works = diags.items.iter().find(|d| d.code == Code::M0003).expect("M0003");
    assert_eq!(works.related.first().map(|(s, _)| place(&run, *s)).as_deref(), Some("library.xml:50"));
}

#[test]
fn the_docs_ir_alone_is_not_changed_by_the_metadata_front_end() {
    let alone = inputs::docs(&docs()).expect("docs");
    let json = String::from_utf8(alone.schema.to_json(true).expect("json")).expect("utf8");
    for extra in ["\"origin\"", "\"callable\"", "\"source\": \"resources", "contains_target"] {
        assert!(!json.contains(extra), "{extra} in the docs-only IR");
    }
}
