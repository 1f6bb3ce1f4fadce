//! Paths to the shared read-only material (`../shared` beside the project), and the
//! pipeline run over a small tree a test writes.

#![allow(dead_code)]

use std::path::PathBuf;

pub fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

pub fn seeds() -> PathBuf {
    shared().join("seeds")
}

pub fn corpus() -> PathBuf {
    shared().join("corpus/graph-docs-v1.0")
}

/// Runs the docs pipeline over a tree of `(relative path, text)` pages written to a temp dir.
pub fn run_pages<S: AsRef<str>>(pages: &[(&str, S)]) -> codegen_docs::pipeline::Output {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, text) in pages {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, text.as_ref()).expect("write");
    }
    codegen_docs::pipeline::run(dir.path()).expect("readable")
}
