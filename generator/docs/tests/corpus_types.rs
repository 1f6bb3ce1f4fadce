//! The whole Graph v1.0 reference goes through the front end without a panic, and the
//! type extraction keeps its floors (counts measured when they were set, minus a margin).

mod common;

use codegen_ir::TypeKind;
use std::collections::BTreeMap;

#[test]
fn corpus_types_keep_their_floors() {
    let root = common::corpus();
    let out = codegen_docs::pipeline::run(&root).expect("corpus readable");
    let types = &out.schema.types;
    let count = |k: TypeKind| types.iter().filter(|t| t.kind == k).count();
    let (entities, complexes, enums) = (count(TypeKind::Entity), count(TypeKind::Complex), count(TypeKind::Enum));
    let properties: usize = types.iter().map(|t| t.properties.len()).sum();
    let navigation: usize = types.iter().flat_map(|t| &t.properties).filter(|p| p.navigation).count();
    let members: usize = types.iter().map(|t| t.members.len()).sum();
    let with_base = types.iter().filter(|t| t.base.is_some()).count();
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &out.diags.items {
        *by_code.entry(d.code.as_str()).or_default() += 1;
    }
    println!(
        "files {} types {} (entity {entities}, complex {complexes}, enum {enums}) properties {properties} \
         (navigation {navigation}) members {members} with base {with_base}",
        out.db.files.len(),
        types.len()
    );
    println!("diagnostics by code: {by_code:?}");
    assert!(out.db.files.len() >= 3300, "files read: {}", out.db.files.len());
    assert!(entities >= 480, "entities {entities}");
    assert!(complexes >= 480, "complex types {complexes}");
    assert!(enums >= 300, "enums {enums}");
    assert!(properties >= 7000, "properties {properties}");
    assert!(navigation >= 780, "navigation properties {navigation}");
    assert!(members >= 2300, "enum members {members}");
    assert!(with_base >= 570, "types with a base {with_base}");
    // every type keeps where it came from, and every reference is qualified
    for t in types {
        assert!(!t.sources.is_empty(), "{} has no source", t.qualified());
        for p in &t.properties {
            assert!(p.ty.name.contains('.'), "{}.{} has unqualified type {}", t.name, p.name, p.ty.name);
        }
    }
    // every diagnostic points into a read file
    for d in &out.diags.items {
        assert!(out.db.get(d.span.file).is_some());
        assert!(d.span.end as usize <= out.db.file(d.span.file).text.len().max(1));
    }
}
