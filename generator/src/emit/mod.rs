//! Stage 6, emit: IR -> Rust files (models and endpoints), printed with prettyplease.
//!
//! [`layout::files`] is the entry point: it names everything once ([`context`], through
//! [`naming`]), asks one emitter per concept for a `TokenStream` ([`models`], [`enums`],
//! [`dispatch`], [`endpoints`], [`roundtrip`], [`support`]) and prints the files. The
//! writer (`crate::writer`) puts them on disk.

pub mod context;
pub mod dispatch;
pub mod docs;
pub mod endpoints;
pub mod enums;
pub mod features;
pub mod layout;
pub mod models;
pub mod naming;
pub mod options;
pub mod paths;
pub mod roundtrip;
pub mod support;
pub mod types;

use crate::diag::{Code, Diagnostic, Diagnostics, Span};
use crate::ir::TypeDef;
use crate::source::SourceDb;

pub use layout::{files, GeneratedFile, Options, HEADER};

/// A finding of the emitter, placed by the IR's `file:line` source (the IR has no spans).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub code: Code,
    pub message: String,
    pub source: Option<String>,
}

impl Note {
    /// A note about a type, placed at its first source.
    pub fn new(code: Code, message: String, t: &TypeDef) -> Note {
        Note { code, message, source: t.sources.first().cloned() }
    }

    pub fn at(code: Code, message: String, source: Option<&str>) -> Note {
        Note { code, message, source: source.map(str::to_string) }
    }

    pub fn bare(code: Code, message: String) -> Note {
        Note { code, message, source: None }
    }
}

/// Turns notes into diagnostics, spanning the line their source names (or the start of
/// the first file when the source is unknown).
pub fn to_diagnostics(db: &SourceDb, notes: &[Note]) -> Diagnostics {
    let mut out = Diagnostics::default();
    for n in notes {
        let span = n.source.as_deref().and_then(|s| locate(db, s)).unwrap_or_default();
        let mut d = Diagnostic::new(n.code, span, n.message.clone());
        if n.source.is_none() || span == Span::default() {
            d = d.help("the item has no source line in the docs");
        }
        out.push(d);
    }
    out.sort();
    out
}

fn locate(db: &SourceDb, source: &str) -> Option<Span> {
    let (file, line) = match source.rsplit_once(':') {
        Some((f, l)) if l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty() => (f, l.parse::<usize>().ok()),
        _ => (source, None),
    };
    let id = db.find(file)?;
    let f = db.get(id)?;
    let range = f.line_range(line.unwrap_or(1).saturating_sub(1));
    Some(Span::new(id, range.start, range.end))
}
