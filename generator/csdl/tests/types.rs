//! Metadata text -> IR facts: types, bases, keys, properties, members, descriptions.

mod common;

use codegen_ir::{Schema, TypeDef, TypeKind};

fn library() -> Schema {
    let l = codegen_csdl::load(&common::fixture("library.xml")).expect("fixture");
    let errors: Vec<_> = l.diags.items.iter().map(|d| d.message.clone()).collect();
    assert!(errors.is_empty(), "the fixture is clean: {errors:?}");
    l.schema
}

fn t<'a>(s: &'a Schema, q: &str) -> &'a TypeDef {
    s.find_type(q).unwrap_or_else(|| panic!("type {q}"))
}

#[test]
fn types_of_every_schema_sorted_by_qualified_name() {
    let s = library();
    let names: Vec<String> = s.types.iter().map(|t| t.qualified().into_string()).collect();
    assert_eq!(
        names,
        [
            "contoso.archive.boxedVolume",
            "contoso.library.branchAddress",
            "contoso.library.catalogRoot",
            "contoso.library.genre",
            "contoso.library.holding",
            "contoso.library.loan",
            "contoso.library.postalAddress",
            "contoso.library.shelfState",
            "contoso.library.volume",
            "contoso.library.writer",
        ]
    );
}

#[test]
fn kinds_bases_flags_and_effective_keys() {
    let s = library();
    let boxed = t(&s, "contoso.archive.boxedVolume");
    // alias of another schema resolved; key inherited over two levels
    assert_eq!(boxed.base.as_deref(), Some("contoso.library.volume"));
    assert_eq!(boxed.key, ["code"]);
    assert_eq!(boxed.kind, TypeKind::Entity);
    let holding = t(&s, "contoso.library.holding");
    assert!(holding.is_abstract && !holding.open);
    let volume = t(&s, "contoso.library.volume");
    assert!(volume.open && !volume.is_abstract);
    assert_eq!(volume.key, ["code"]);
    let addr = t(&s, "contoso.library.branchAddress");
    assert_eq!(addr.kind, TypeKind::Complex);
    assert!(addr.key.is_empty());
    assert_eq!(addr.base.as_deref(), Some("contoso.library.postalAddress"));
    assert!(t(&s, "contoso.library.postalAddress").open);
    assert!(t(&s, "contoso.library.genre").flags);
    assert!(!t(&s, "contoso.library.shelfState").flags);
}

#[test]
fn properties_in_document_order_with_type_collection_nullable_navigation() {
    let s = library();
    let v = t(&s, "contoso.library.volume");
    let got: Vec<(&str, &str, bool, bool, bool, bool)> = v
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.ty.name.as_str(), p.ty.collection, p.nullable, p.navigation, p.contains_target))
        .collect();
    assert_eq!(
        got,
        [
            ("title", "Edm.String", false, true, false, false),
            ("genres", "contoso.library.genre", false, true, false, false),
            ("keywords", "Edm.String", true, false, false, false),
            ("writer", "contoso.library.writer", false, true, true, false),
            ("loans", "contoso.library.loan", true, true, true, true),
        ]
    );
    assert_eq!(v.properties[0].description, "The title on the spine.");
    assert_eq!(v.properties[0].source.as_ref().map(ToString::to_string).as_deref(), Some("library.xml:36:9"));
    assert_eq!(v.sources.iter().map(ToString::to_string).collect::<Vec<_>>(), ["library.xml:35:7"]);
}

#[test]
fn enum_values_count_on_from_the_previous_member() {
    let s = library();
    let values: Vec<(&str, Option<i64>)> =
        t(&s, "contoso.library.shelfState").members.iter().map(|m| (m.name.as_str(), m.value)).collect();
    assert_eq!(values, [("open", Some(0)), ("closed", Some(1)), ("archived", Some(10)), ("lost", Some(11))]);
    let genre = t(&s, "contoso.library.genre");
    assert_eq!(genre.members[2].description, "Plays and scripts.");
}

#[test]
fn descriptions_from_inline_and_external_annotations_with_vocabulary_aliases() {
    let s = library();
    let w = t(&s, "contoso.library.writer");
    assert_eq!(w.description.as_deref(), Some("A person who wrote volumes."));
    assert_eq!(w.properties[1].description, "Where the writer lives.");
}
