//! Paths to the shared read-only material (`../shared` beside the project).

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
