//! Reading fixtures and texts of the tests.

#![allow(dead_code)]

use codegen_core::diag::{Code, Diagnostic};
use codegen_core::source::SourceDb;
use codegen_csdl::Output;
use std::path::PathBuf;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")).join(name)
}

/// The metadata text `text` read as `m.xml`: its database and output.
pub fn read(text: &str) -> (SourceDb, Output) {
    let mut db = SourceDb::default();
    let id = db.push("m.xml", text.to_string());
    let out = codegen_csdl::read_file(&db, id);
    (db, out)
}

/// `code` at `line:column` of every diagnostic, for asserting places.
pub fn places(db: &SourceDb, diags: &[Diagnostic]) -> Vec<(Code, usize, usize)> {
    diags
        .iter()
        .map(|d| {
            let (l, c) = db.get(d.span.file).map_or((0, 0), |f| f.line_col(d.span.start as usize));
            (d.code, l, c)
        })
        .collect()
}

pub fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}
