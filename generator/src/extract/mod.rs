//! Stage 3, extract: per-page facts about types (tables, prose, annotations), each with
//! its span. Pure and per file; `resolve` merges the facts of the whole tree.

use crate::diag::{Diagnostics, FileId};
use crate::markdown::Page;
use crate::source::SourceDb;

/// What one page says about types.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub file: Option<FileId>,
}

pub fn page_facts(_db: &SourceDb, page: &Page) -> (PageFacts, Diagnostics) {
    (PageFacts { file: Some(page.file) }, Diagnostics::default())
}
