//! The inputs of a run: a docs tree, a metadata file, or both. Reads each with its front
//! end into one [`SourceDb`] (the metadata file is pushed after the docs, so every span
//! stays valid) and, with both, merges the two IRs (`codegen-merge`) and places the
//! merge's findings in the files.

use crate::findings;
use codegen_core::diag::Diagnostics;
use codegen_core::source::SourceDb;
pub use codegen_docs::pipeline::Options as DocsOptions;
use codegen_ir::Schema;
use codegen_merge::MergeOptions;
use std::path::Path;

/// Everything a run produces, whatever its inputs.
pub struct Run {
    pub db: SourceDb,
    pub schema: Schema,
    pub diags: Diagnostics,
    /// The docs front end's output (its schema taken), kept to free it off the main thread.
    pub docs: Option<codegen_docs::pipeline::Output>,
    /// The docs' and the metadata's IR before the merge (only with both inputs).
    pub sides: Option<(Schema, Schema)>,
}

/// Reads the docs tree only.
pub fn docs(root: &Path) -> std::io::Result<Run> {
    docs_with(root, &DocsOptions::default())
}

/// Reads the docs tree only, with the docs front end's options (`--includes-root`).
pub fn docs_with(root: &Path, docs: &DocsOptions) -> std::io::Result<Run> {
    let mut out = codegen_docs::pipeline::run_with(root, docs)?;
    let schema = std::mem::take(&mut out.schema);
    let diags = std::mem::take(&mut out.diags);
    let db = std::mem::take(&mut out.db);
    Ok(Run { db, schema, diags, docs: Some(out), sides: None })
}

/// Reads the metadata file only.
pub fn metadata(path: &Path) -> std::io::Result<Run> {
    let l = codegen_csdl::load(path)?;
    Ok(Run { db: l.db, schema: l.schema, diags: l.diags, docs: None, sides: None })
}

/// Reads both and merges them: structure from the metadata, documentation from the docs.
pub fn both(root: &Path, csdl: &Path, options: &MergeOptions) -> std::io::Result<Run> {
    both_with(root, csdl, options, &DocsOptions::default())
}

/// [`both`], with the docs front end's options.
pub fn both_with(root: &Path, csdl: &Path, options: &MergeOptions, docs: &DocsOptions) -> std::io::Result<Run> {
    let mut run = docs_with(root, docs)?;
    let (id, read_diags) = run.db.read_file(csdl, &codegen_csdl::file_name(csdl))?;
    run.diags.extend(read_diags);
    let meta = codegen_csdl::read_file(&run.db, id);
    run.diags.extend(meta.diags);
    let docs_schema = std::mem::take(&mut run.schema);
    let merged = codegen_merge::merge(&docs_schema, &meta.schema, options);
    run.diags.extend(findings::to_diagnostics(&run.db, &merged.findings));
    run.diags.sort();
    run.schema = merged.schema;
    run.sides = Some((docs_schema, meta.schema));
    Ok(run)
}

/// Reads what is given: docs, metadata or both (`None` for both is the caller's error).
pub fn read(docs_root: Option<&Path>, csdl: Option<&Path>, options: &MergeOptions) -> std::io::Result<Run> {
    read_with(docs_root, csdl, options, &DocsOptions::default())
}

/// [`read`], with the docs front end's options.
pub fn read_with(
    docs_root: Option<&Path>,
    csdl: Option<&Path>,
    options: &MergeOptions,
    docs: &DocsOptions,
) -> std::io::Result<Run> {
    match (docs_root, csdl) {
        (Some(d), Some(c)) => both_with(d, c, options, docs),
        (None, Some(c)) => metadata(c),
        (Some(d), None) => docs_with(d, docs),
        (None, None) => Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "no docs tree and no metadata file")),
    }
}
