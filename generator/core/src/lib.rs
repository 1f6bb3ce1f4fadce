//! What every layer of the generator shares, and nothing about any one format: the files
//! of a run ([`source`]), spans and diagnostics ([`diag`]), their rendering ([`render`]),
//! and the writer of generated files ([`writer`]). It depends on no other crate of the
//! workspace.

pub mod diag;
pub mod output;
pub mod render;
pub mod sarif;
pub mod source;
pub mod writer;
