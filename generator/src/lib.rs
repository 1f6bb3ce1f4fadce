//! Reads API reference docs in the Microsoft Graph markdown format into a schema IR,
//! reports every fault of the docs as a diagnostic, and emits Rust code.
//!
//! Pipeline (one stage per module, see ARCHITECTURE.md):
//! [`source`] read -> [`markdown`] parse -> [`includes`] -> [`extract`] -> [`resolve`]
//! -> [`operations`] -> [`emit`]; [`diag`] collects, [`render`] prints.

pub mod annotation;
pub mod diag;
pub mod emit;
pub mod extract;
pub mod frontmatter;
pub mod includes;
pub mod ir;
pub mod markdown;
pub mod operations;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod source;
pub mod writer;
