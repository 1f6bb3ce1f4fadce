//! Stage 5, operations: API pages -> IR operations (paths, parameters, bodies, responses,
//! permissions, examples), with paths resolved against the schema.

use crate::diag::Diagnostics;
use crate::ir::{Operation, Schema};
use crate::markdown::Page;
use crate::source::SourceDb;

/// Builds the operations of every API page.
pub fn build(_db: &SourceDb, _pages: &[Page], _schema: &Schema, _diags: &mut Diagnostics) -> Vec<Operation> {
    Vec::new()
}
