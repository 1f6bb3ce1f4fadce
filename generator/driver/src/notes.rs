//! Findings of a back end, placed in the docs: the IR names a `file:line` source, the
//! [`SourceDb`] of the run turns it back into a span.

use codegen_core::diag::{Diagnostic, Diagnostics, Span};
use codegen_core::source::SourceDb;
use codegen_rust::Note;

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

pub fn locate(db: &SourceDb, source: &str) -> Option<Span> {
    let (file, line) = match source.rsplit_once(':') {
        Some((f, l)) if l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty() => (f, l.parse::<usize>().ok()),
        _ => (source, None),
    };
    let id = db.find(file)?;
    let f = db.get(id)?;
    let range = f.line_range(line.unwrap_or(1).saturating_sub(1));
    Some(Span::new(id, range.start, range.end))
}
