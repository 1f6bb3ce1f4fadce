//! Rendering of diagnostics: human (codespan-reporting snippets), JSON lines, and a
//! summary with counts per code. Collection lives in `diag.rs`.

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceDb;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::term::{self, Config};
use serde::Serialize;
use std::collections::BTreeMap;

/// Lines longer than this are shown without a snippet (a 10 MB line stays readable).
const MAX_SNIPPET_LINE: usize = 400;

/// One diagnostic as written by `--format json` (one object per line).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
    pub help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonRelated<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub message: &'a str,
}

pub fn to_json<'a>(db: &'a SourceDb, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (file, (line, column), (end_line, end_column)) = match db.get(d.span.file) {
        Some(f) => (f.rel.as_str(), f.line_col(d.span.start as usize), f.line_col(d.span.end as usize)),
        None => ("?", (0, 0), (0, 0)),
    };
    let related = d
        .related
        .iter()
        .map(|(span, message)| {
            let (file, (line, column)) = match db.get(span.file) {
                Some(f) => (f.rel.as_str(), f.line_col(span.start as usize)),
                None => ("?", (0, 0)),
            };
            JsonRelated { file, line, column, message }
        })
        .collect();
    JsonDiagnostic {
        code: d.code.as_str(),
        name: d.code.name(),
        severity: d.severity.as_str(),
        file,
        line,
        column,
        end_line,
        end_column,
        message: &d.message,
        help: d.help.as_deref(),
        related,
    }
}

pub fn json_line(db: &SourceDb, d: &Diagnostic) -> String {
    serde_json::to_string(&to_json(db, d)).unwrap_or_default()
}

/// Human rendering with a source snippet, as rustc shows it.
pub fn human(db: &SourceDb, d: &Diagnostic) -> String {
    let long_line = db.get(d.span.file).is_some_and(|f| {
        let line = f.line_index(d.span.start as usize);
        f.line_range(line).len() > MAX_SNIPPET_LINE
    });
    let mut cs = CsDiagnostic::new(match d.severity {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        Severity::Note => codespan_reporting::diagnostic::Severity::Note,
    })
    .with_code(format!("{}/{}", d.code.as_str(), d.code.name()))
    .with_message(&d.message);
    if long_line || db.get(d.span.file).is_none() {
        let j = to_json(db, d);
        cs = cs.with_notes(vec![format!("at {}:{}:{} (line too long to show)", j.file, j.line, j.column)]);
    } else {
        let mut labels = vec![Label::primary(d.span.file, d.span.range())];
        for (span, msg) in &d.related {
            labels.push(Label::secondary(span.file, span.range()).with_message(msg));
        }
        cs = cs.with_labels(labels);
    }
    if let Some(help) = &d.help {
        cs = cs.with_notes(vec![format!("help: {help}")]);
    }
    let config = Config::default();
    term::emit_into_string(&config, db, &cs).unwrap_or_else(|_| {
        let j = to_json(db, d);
        format!("{}[{}]: {}\n  --> {}:{}:{}\n", j.severity, j.code, j.message, j.file, j.line, j.column)
    })
}

/// Counts per severity and per code.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub by_code: BTreeMap<&'static str, usize>,
}

impl Summary {
    pub fn of(diags: &[Diagnostic]) -> Summary {
        let mut s = Summary::default();
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
            *s.by_code.entry(d.code.as_str()).or_default() += 1;
        }
        s
    }

    pub fn line(&self) -> String {
        let codes: Vec<String> =
            self.by_code.iter().map(|(c, n)| format!("{c} {} x{n}", Code::parse(c).map_or("", |c| c.name()))).collect();
        format!(
            "summary: {} error(s), {} warning(s), {} note(s){}{}",
            self.errors,
            self.warnings,
            self.notes,
            if codes.is_empty() { "" } else { "; " },
            codes.join(", ")
        )
    }
}

/// The list of codes with their meaning, for `cargo xtask codes` and the docs.
pub fn code_table() -> String {
    let mut out = String::from("| code | name | default | meaning |\n|---|---|---|---|\n");
    for c in Code::ALL {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            c.as_str(),
            c.name(),
            c.default_severity().as_str(),
            c.summary()
        ));
    }
    out
}
