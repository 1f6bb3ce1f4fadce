//! Findings of a back end, placed in the input: the IR names a source (file, line,
//! column), the [`SourceDb`] of the run turns it back into a span.

use codegen_core::diag::{Diagnostic, Diagnostics, Span};
use codegen_core::source::SourceDb;
use codegen_ir::SourceRef;
use codegen_rust::Note;

/// Turns notes into diagnostics, spanning the line their source names (or the start of
/// the first file when the source is unknown).
pub fn to_diagnostics(db: &SourceDb, notes: &[Note]) -> Diagnostics {
    let mut out = Diagnostics::default();
    for n in notes {
        let span = n.source.as_ref().and_then(|s| locate(db, s)).unwrap_or_default();
        let mut d = Diagnostic::new(n.code, span, n.message.clone());
        if n.source.is_none() || span == Span::default() {
            d = d.help("the item has no source line in the docs");
        }
        out.push(d);
    }
    out.sort();
    out
}

/// The span of the line a source names (its first line when it names only the file).
pub fn locate(db: &SourceDb, source: &SourceRef) -> Option<Span> {
    let id = db.find(&source.file)?;
    let f = db.get(id)?;
    let range = f.line_range((source.line.max(1) - 1) as usize);
    Some(Span::new(id, range.start, range.end))
}
