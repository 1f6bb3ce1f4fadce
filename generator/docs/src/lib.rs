//! The docs front end: a tree of Graph-format markdown reference pages -> the schema IR,
//! with every fault of the docs as a diagnostic.
//!
//! Stages (see ARCHITECTURE.md): read ([`codegen_core::source`]) -> [`markdown`] parse ->
//! [`includes`] -> [`extract`] -> [`resolve`] -> [`operations`]; [`pipeline`] runs them.

pub mod annotation;
pub mod extract;
pub mod frontmatter;
pub mod includes;
pub mod markdown;
pub mod operations;
pub mod pipeline;
pub mod resolve;
