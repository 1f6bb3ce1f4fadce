//! tmp
pub mod finding;
use codegen_ir::Schema;
pub use finding::Finding;

#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    pub keep_undocumented_paths: bool,
}

pub struct Merged {
    pub schema: Schema,
    pub findings: Vec<Finding>,
}

pub fn merge(docs: &Schema, _metadata: &Schema, _o: &MergeOptions) -> Merged {
    Merged { schema: docs.clone(), findings: Vec::new() }
}

pub fn diff(_docs: &Schema, _metadata: &Schema) -> Vec<Finding> {
    Vec::new()
}
