//! Stage 6, emit: IR -> Rust files (models and endpoints), printed with prettyplease.
//!
//! [`layout::files`] is the entry point: it names everything once ([`context`], through
//! [`naming`]), asks one emitter per concept for a `TokenStream` ([`models`], [`enums`],
//! [`dispatch`], [`endpoints`], [`roundtrip`]; [`lifecycle`] marks deprecated items; [`runtime`] says how the crate reaches `graph-runtime`) and prints the files. The
//! writer (`codegen_core::writer`) puts them on disk.

pub mod builder_struct;
pub mod client_tests;
pub mod context;
pub mod dispatch;
pub mod docs;
pub mod endpoint_impl;
pub mod endpoints;
pub mod enums;
pub mod features;
pub mod layout;
pub mod lifecycle;
pub mod literal;
pub mod manifests;
pub mod models;
pub mod naming;
pub mod objects;
pub mod options;
pub mod paths;
pub mod permissions;
pub mod print;
pub mod query;
pub mod roundtrip;
pub mod runtime;
pub mod shares;
pub mod syntax;
pub mod types;

use codegen_core::diag::Code;
use codegen_ir::{SourceRef, TypeDef};

pub use codegen_core::output::{GeneratedFile, HEADER};
pub use layout::{files, Options};

/// A finding of the emitter, placed at the IR's source of the item (the IR has no spans).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub code: Code,
    pub message: String,
    pub source: Option<SourceRef>,
}

impl Note {
    /// A note about a type, placed at its first source.
    pub fn new(code: Code, message: String, t: &TypeDef) -> Note {
        Note { code, message, source: t.sources.first().cloned() }
    }

    pub fn at(code: Code, message: String, source: Option<&SourceRef>) -> Note {
        Note { code, message, source: source.cloned() }
    }

    pub fn bare(code: Code, message: String) -> Note {
        Note { code, message, source: None }
    }
}

/// E0001 when a name had to change to be a valid, unique Rust identifier.
pub(crate) fn note_rename(notes: &mut Vec<Note>, what: &str, name: &naming::Name, source: Option<&SourceRef>) {
    if let Some(why) = &name.renamed {
        notes.push(Note::at(Code::E0001, format!("{what} is emitted as `{}`: {why}", name.ident), source));
    }
}
