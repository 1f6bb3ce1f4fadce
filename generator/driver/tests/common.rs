//! What the driver's tests share: the paths to `../shared` (the docs crate's test helper, one
//! copy) and the emitter's fixture schema with areas.

#![allow(dead_code)]

#[path = "../../docs/tests/common.rs"]
mod paths;

#[allow(unused_imports)]
pub use paths::*;

/// The emitter's fixture schema (`fixtures/schema.json`) with areas by docs file: the
/// base in one area, the operations in another, a derived type and a navigation property
/// reaching across areas, the rest unassigned.
pub fn with_fixture_areas(mut schema: codegen_ir::Schema) -> codegen_ir::Schema {
    let areas: std::collections::BTreeMap<String, String> = [
        ("resources/entity.md", "base"),
        ("resources/devicemanagement.md", "intune"),
        ("resources/operation.md", "ops"),
        ("resources/operationstatus.md", "ops"),
        ("resources/longrunningoperation.md", "ops"),
        ("resources/longrunningoperationstatus.md", "ops"),
        ("resources/richlongrunningoperation.md", "\"rich\""),
        ("api/operation-get.md", "ops"),
        ("api/operation-list.md", "ops"),
        ("api/operation-update.md", "ops"),
        ("api/operation-delete.md", "ops"),
        ("api/operation-cancel.md", "ops"),
        ("api/operation-get-by-key.md", "ops"),
        ("api/longrunningoperation-get.md", "ops"),
        ("api/bag-create.md", "bags"),
    ]
    .into_iter()
    .map(|(f, a)| (f.to_string(), a.to_string()))
    .collect();
    for t in &mut schema.types {
        t.area = t.sources.first().and_then(|s| areas.get(&s.file)).cloned();
    }
    for op in &mut schema.operations {
        op.area = areas.get(&op.source).cloned();
    }
    schema
}
