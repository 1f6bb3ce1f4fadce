//! The driver: runs a front end into the schema IR, then a back end, and turns what every
//! layer found into diagnostics located in the input files. `xtask` is its command line.
//!
//! Layers (see ARCHITECTURE.md): [`codegen_core`] (files, spans, diagnostics, writer) <-
//! [`codegen_ir`] (the contract) <- front ends ([`codegen_docs`]) and back ends
//! ([`codegen_rust`]); only this crate sees both sides.

pub mod notes;
