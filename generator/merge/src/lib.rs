//! Two schema IRs -> one, and the lint of their disagreements: the docs front end's IR
//! merged into the metadata front end's ([`merge()`]), and every place the docs disagree
//! with the metadata ([`diff()`]), each a [`Finding`] at the docs line it concerns.
//!
//! Job: structure from the metadata, documentation from the docs; items only one side has
//! are kept with their [`codegen_ir::Origin`] and reported (`M0xxx`); metadata operations
//! no page documents are left out unless asked for. Types pair by qualified name (else
//! ignoring case), properties and members by name, operations by method and path
//! ([`matching`]); request paths are walked through the metadata by [`paths`].
//!
//! May depend on: `codegen-ir` (the two schemas) and `codegen-core` (diagnostic codes
//! only); never on either front end. The driver turns findings into diagnostics.
//!
//! Invariants: pure functions of the two schemas; deterministic (sorted findings, the IR's
//! own order); an item kept from one side never duplicates a field of the other.

pub mod diff;
pub mod finding;
pub mod matching;
pub mod merge;
pub mod paths;

pub use diff::diff;
pub use finding::Finding;
pub use merge::{merge, Merged};

/// How the merge treats what only the metadata has.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// Keep the metadata's operations that no docs page documents (left out by default).
    pub keep_undocumented_paths: bool,
}
