//! Paths to the shared read-only material (`../shared` beside the project).

#![allow(dead_code)]

use std::path::PathBuf;

pub fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

pub fn seeds() -> PathBuf {
    shared().join("seeds")
}

pub fn corpus() -> PathBuf {
    shared().join("corpus/graph-docs-v1.0")
}

/// Docs file -> `ms.prod` for the emitter's fixture schema (`fixtures/schema.json`): the
/// base in one area, the operations in another, a derived type and a navigation property
/// reaching across areas, the rest unassigned.
pub fn fixture_areas() -> std::collections::BTreeMap<String, String> {
    [
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
    .collect()
}
