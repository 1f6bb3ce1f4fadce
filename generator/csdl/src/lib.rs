//! The metadata front end: an OData CSDL document (`$metadata` XML) -> the schema IR, with
//! every fault of the metadata as a diagnostic (`C0xxx`) at its line and column.
//!
//! Job: read entity, complex and enum types (bases, abstract/open, keys, flags and member
//! values), structural and navigation properties (nullability, containment), entity sets
//! and singletons, bound and unbound actions and functions (parameters, return types), and
//! the descriptions and capabilities annotations, into the same IR the docs front end
//! builds; see [`operations`] for which operations a metadata-only IR has.
//!
//! Stages: [`xml`] (roxmltree, byte positions kept) -> [`read`] (elements -> [`model`],
//! aliases resolved by [`names`], [`annotations`] read) -> [`check`] (faults between
//! elements) -> [`operations`] (plans, with [`capabilities`]) -> [`lower`] (the only
//! module that builds IR values).
//!
//! May depend on: `codegen-core` (files, spans, diagnostics) and `codegen-ir`; never on the
//! docs front end, which in turn never reads the metadata.
//!
//! Invariants: no panic on any input (malformed XML is one C0001 diagnostic, nothing is
//! indexed or unwrapped on input data); output is deterministic (document order, then the
//! IR's sort); every diagnostic spans the element or attribute it is about.

pub mod annotations;
pub mod capabilities;
pub mod check;
pub mod lower;
pub mod model;
pub mod names;
pub mod operations;
pub mod read;
pub mod xml;

use codegen_core::diag::{Diagnostics, FileId};
use codegen_core::source::SourceDb;
use codegen_ir::Schema;
use std::path::Path;

/// What reading one metadata file produces.
pub struct Output {
    pub schema: Schema,
    pub diags: Diagnostics,
}

/// Reads the metadata file `file` of `db` into the IR.
pub fn read_file(db: &SourceDb, file: FileId) -> Output {
    let mut diags = Diagnostics::default();
    let Some(src) = db.get(file) else {
        return Output { schema: empty(), diags };
    };
    let ctx = xml::Ctx { file };
    let doc = match xml::parse(file, src) {
        Ok(doc) => doc,
        Err(d) => {
            diags.push(d);
            return Output { schema: empty(), diags };
        }
    };
    let (mut model, _names) = read::read(ctx, &doc, &mut diags);
    drop(doc);
    check::check(&mut model, &mut diags);
    let index = annotations::Index::new(&model.external);
    let plans = operations::plan(&model, &index);
    let schema = lower::schema(db, &model, &index, &plans);
    diags.sort();
    Output { schema, diags }
}

fn empty() -> Schema {
    Schema { ir_version: codegen_ir::IR_VERSION, ..Schema::default() }
}

/// A metadata file read on its own: its database (one file, named by its file name), IR
/// and diagnostics.
pub struct Loaded {
    pub db: SourceDb,
    pub schema: Schema,
    pub diags: Diagnostics,
}

/// Reads the metadata file at `path` into a database of its own.
pub fn load(path: &Path) -> std::io::Result<Loaded> {
    let mut db = SourceDb::default();
    let (id, mut diags) = db.read_file(path, &file_name(path))?;
    let out = read_file(&db, id);
    diags.extend(out.diags);
    diags.sort();
    Ok(Loaded { db, schema: out.schema, diags })
}

/// The name a metadata file has in diagnostics and IR sources: its file name.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The node count of a bare XML parse of `text` (the floor `cargo xtask bench --csdl`
/// compares with); 0 when it does not parse.
pub fn xml_parse_len(text: &str) -> usize {
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(text, opts).map_or(0, |d| d.descendants().count())
}
