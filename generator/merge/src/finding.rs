//! A finding of the merge or the lint, placed by `file:line` sources (the driver turns
//! them into diagnostics with spans).

use codegen_core::diag::Code;
use codegen_ir::SourceRef;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub code: Code,
    /// The place the finding is about (a docs row where there is one).
    pub at: Option<SourceRef>,
    pub message: String,
    pub help: String,
    /// Other places with a label (the metadata's declaration).
    pub related: Vec<(SourceRef, String)>,
}

impl Finding {
    pub fn new(code: Code, at: Option<&SourceRef>, message: impl Into<String>, help: impl Into<String>) -> Finding {
        Finding { code, at: at.cloned(), message: message.into(), help: help.into(), related: Vec::new() }
    }

    pub fn related(mut self, at: Option<&SourceRef>, label: &str) -> Finding {
        if let Some(at) = at {
            self.related.push((at.clone(), label.to_string()));
        }
        self
    }
}
