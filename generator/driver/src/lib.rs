//! The driver: runs a front end into the schema IR, then a back end, and turns what every
//! layer found into diagnostics located in the input files. `xtask` is its command line.
//!
//! Layers (see ARCHITECTURE.md): [`codegen_core`] (files, spans, diagnostics, writer) <-
//! [`codegen_ir`] (the contract) <- front ends ([`codegen_docs`], [`codegen_csdl`]), the merge
//! of two IRs ([`codegen_merge`]) and back ends ([`codegen_rust`]); only this crate sees
//! every side. [`inputs`] reads docs, metadata or both.

pub mod findings;
pub mod inputs;
pub mod notes;
pub mod pieces;
