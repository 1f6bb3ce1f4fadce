//! Findings of the merge and the lint, placed in the files: each names `file:line`
//! sources (a docs row, a metadata declaration) that the run's [`SourceDb`] turns into spans.

use crate::notes::locate;
use codegen_core::diag::{Diagnostic, Diagnostics};
use codegen_core::source::SourceDb;
use codegen_merge::Finding;

pub fn to_diagnostics(db: &SourceDb, findings: &[Finding]) -> Diagnostics {
    let mut out = Diagnostics::default();
    for f in findings {
        let span = f.at.as_ref().and_then(|s| locate(db, s)).unwrap_or_default();
        let mut d = Diagnostic::new(f.code, span, f.message.clone()).help(f.help.clone());
        for (src, label) in &f.related {
            if let Some(s) = locate(db, src) {
                d = d.related(s, label.clone());
            }
        }
        out.push(d);
    }
    out.sort();
    out
}
