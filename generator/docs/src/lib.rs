//! The docs front end: a tree of Graph-format markdown reference pages -> the schema IR,
//! with every fault of the docs as a diagnostic.
//!
//! Stages (see ARCHITECTURE.md): read ([`codegen_core::source`]) -> [`markdown`] parse ->
//! [`includes`] -> [`extract`] (with [`notices`]) -> [`resolve`] -> [`operations`]; [`pipeline`] runs them.

pub mod annotation;
pub mod extract;
pub mod frontmatter;
pub mod includes;
pub mod lenient_json;
pub mod markdown;
pub mod notices;
pub mod operations;
pub mod pipeline;
pub mod resolve;

use codegen_core::diag::Span;
use codegen_core::source::Paths;
use codegen_ir::SourceRef;

/// The IR's reference to a place of the docs: the file and line of the span's start. The
/// docs' items (type sections, example blocks) are lines, so the column is the first.
pub fn place(files: Paths, span: Span) -> SourceRef {
    match files.rel(span.file) {
        "" => SourceRef::file("?"),
        rel => SourceRef::new(rel, files.line(span), 1),
    }
}
