//! The runtime the generated crate depends on: the workspace crate `graph-runtime`
//! (`generator/runtime`). Generated code names it `::graph_runtime::X` in both layouts:
//!
//! - inside a workspace ([`Options::standalone`] false): a path dependency on the
//!   workspace's crate ([`Options::runtime_path`], relative to the generated crate or
//!   absolute), so every generated crate of the workspace shares one `Endpoint` trait and
//!   one client;
//! - standalone: the runtime's sources are vendored, byte for byte, as a crate of their
//!   own in `graph-runtime/` next to `src/`, with a manifest of plain versions, and the
//!   generated crate depends on it by the path `graph-runtime`. It compiles with no
//!   workspace around it (the generated manifest has its own `[workspace]`).
//!
//! [`Options::standalone`]: crate::Options::standalone
//! [`Options::runtime_path`]: crate::Options::runtime_path

use codegen_core::output::{GeneratedFile, HEADER};

/// The package name of the runtime.
pub const PACKAGE: &str = "graph-runtime";

/// The folder of a vendored runtime, relative to the generated crate.
pub const VENDORED_DIR: &str = "graph-runtime";

/// The runtime's sources, by their path under `src/`.
pub const SOURCES: &[(&str, &str)] = &[
    ("batch.rs", include_str!("../../runtime/src/batch.rs")),
    ("batch/response.rs", include_str!("../../runtime/src/batch/response.rs")),
    ("batch/retry.rs", include_str!("../../runtime/src/batch/retry.rs")),
    ("batch/tests.rs", include_str!("../../runtime/src/batch/tests.rs")),
    ("builder.rs", include_str!("../../runtime/src/builder.rs")),
    ("client/batch.rs", include_str!("../../runtime/src/client/batch.rs")),
    ("client/cached_token.rs", include_str!("../../runtime/src/client/cached_token.rs")),
    ("client/delta.rs", include_str!("../../runtime/src/client/delta.rs")),
    ("client/mod.rs", include_str!("../../runtime/src/client/mod.rs")),
    ("client/operation.rs", include_str!("../../runtime/src/client/operation.rs")),
    ("client/send.rs", include_str!("../../runtime/src/client/send.rs")),
    ("client/stream.rs", include_str!("../../runtime/src/client/stream.rs")),
    ("client/timer.rs", include_str!("../../runtime/src/client/timer.rs")),
    ("client/token.rs", include_str!("../../runtime/src/client/token.rs")),
    ("client/transport.rs", include_str!("../../runtime/src/client/transport.rs")),
    ("client/upload.rs", include_str!("../../runtime/src/client/upload.rs")),
    ("delta.rs", include_str!("../../runtime/src/delta.rs")),
    ("endpoint.rs", include_str!("../../runtime/src/endpoint.rs")),
    ("enums.rs", include_str!("../../runtime/src/enums.rs")),
    ("error.rs", include_str!("../../runtime/src/error.rs")),
    ("fields.rs", include_str!("../../runtime/src/fields.rs")),
    ("headers.rs", include_str!("../../runtime/src/headers.rs")),
    ("lib.rs", include_str!("../../runtime/src/lib.rs")),
    ("long_running.rs", include_str!("../../runtime/src/long_running.rs")),
    ("object.rs", include_str!("../../runtime/src/object.rs")),
    ("odata.rs", include_str!("../../runtime/src/odata.rs")),
    ("operation.rs", include_str!("../../runtime/src/operation.rs")),
    ("paging.rs", include_str!("../../runtime/src/paging.rs")),
    ("patch.rs", include_str!("../../runtime/src/patch.rs")),
    ("permissions.rs", include_str!("../../runtime/src/permissions.rs")),
    ("primitives.rs", include_str!("../../runtime/src/primitives.rs")),
    ("primitives_tests.rs", include_str!("../../runtime/src/primitives_tests.rs")),
    ("request.rs", include_str!("../../runtime/src/request.rs")),
    ("response.rs", include_str!("../../runtime/src/response.rs")),
    ("retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("upload.rs", include_str!("../../runtime/src/upload.rs")),
    ("upload_tests.rs", include_str!("../../runtime/src/upload_tests.rs")),
];

/// The manifest of a vendored runtime: the workspace's dependencies as plain versions.
fn vendored_manifest() -> String {
    format!(
        r#"# {HEADER}
# A copy of the workspace crate `graph-runtime`, vendored so that this crate stands alone.
[package]
name = "{PACKAGE}"
version = "0.1.0"
edition = "2021"
license = "MIT"
publish = false
description = "The runtime of crates generated from Graph-format docs (vendored copy)."

[features]
default = []
client = ["dep:reqwest", "dep:tokio", "dep:futures-core", "dep:futures-util", "dep:tracing", "dep:fastrand"]

[dependencies]
base64 = "0.22"
bytes = "1"
erased-serde = "0.4"
http = "1"
httpdate = "1"
iso8601 = "0.6"
percent-encoding = "2"
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
time = {{ version = "0.3", features = ["parsing", "formatting", "macros"] }}
uuid = {{ version = "1", features = ["serde"] }}
fastrand = {{ version = "2", optional = true }}
futures-core = {{ version = "0.3", optional = true }}
futures-util = {{ version = "0.3", default-features = false, features = ["std"], optional = true }}
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls", "json"], optional = true }}
tokio = {{ version = "1", features = ["time", "sync"], optional = true }}
tracing = {{ version = "0.1", optional = true }}
"#
    )
}

/// The files of a vendored runtime, under [`VENDORED_DIR`]. Sources keep their text; each
/// file starts with the generated-file header so the writer may replace it.
pub fn vendored_files() -> Vec<GeneratedFile> {
    let mut files = vec![GeneratedFile { path: format!("{VENDORED_DIR}/Cargo.toml"), contents: vendored_manifest() }];
    for (path, text) in SOURCES {
        files.push(GeneratedFile {
            path: format!("{VENDORED_DIR}/src/{path}"),
            contents: format!("// {HEADER}\n\n{text}"),
        });
    }
    files
}

/// The dependency line of a generated manifest `depth` folders below the main crate (0 for
/// the main crate, 1 for its members): a relative path climbs that many folders more.
pub fn dependency(standalone: bool, runtime_path: &str, depth: usize) -> String {
    let path = if standalone { VENDORED_DIR } else { runtime_path };
    let path = if std::path::Path::new(path).is_absolute() { path.to_string() } else { "../".repeat(depth) + path };
    format!("{PACKAGE} = {{ path = {} }}", toml_string(&path))
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn listed(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() {
                listed(&e.path(), &format!("{prefix}{name}/"), out);
            } else if name.ends_with(".rs") {
                out.push(format!("{prefix}{name}"));
            }
        }
    }

    #[test]
    fn every_runtime_source_is_vendored() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
        let mut on_disk = Vec::new();
        listed(&root, "", &mut on_disk);
        on_disk.sort();
        let vendored: Vec<String> = SOURCES.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(vendored, on_disk, "add new runtime files to SOURCES");
    }

    #[test]
    fn the_vendored_manifest_has_every_runtime_dependency() {
        let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/Cargo.toml"))
            .expect("runtime manifest");
        let deps = manifest.split("[dependencies]").nth(1).and_then(|s| s.split("\n[").next()).unwrap_or_default();
        let names: Vec<&str> = deps
            .lines()
            .filter_map(|l| l.split(['=', '.']).next())
            .map(str::trim)
            .filter(|n| !n.is_empty() && !n.starts_with('#'))
            .collect();
        assert!(names.len() >= 10, "{names:?}");
        let vendored = vendored_manifest();
        for n in names {
            assert!(
                vendored.lines().any(|l| l.starts_with(&format!("{n} ="))),
                "`{n}` is not in the vendored manifest"
            );
        }
        let features = manifest.split("client = ").nth(1).and_then(|s| s.lines().next()).unwrap_or_default();
        assert!(vendored.contains(&format!("client = {features}")), "the client feature differs");
    }

    #[test]
    fn dependency_lines() {
        assert_eq!(dependency(true, "x", 0), r#"graph-runtime = { path = "graph-runtime" }"#);
        assert_eq!(dependency(false, r"C:\a", 0), r#"graph-runtime = { path = "C:\\a" }"#);
        assert_eq!(dependency(true, "x", 1), r#"graph-runtime = { path = "../graph-runtime" }"#);
        assert_eq!(dependency(false, "../r", 1), r#"graph-runtime = { path = "../../r" }"#);
    }
}
