//! The pipeline: read -> parse -> includes -> extract -> resolve -> operations. Pages live
//! until extract; later stages read facts and the schema only.
//! Per-file stages run in parallel; results are merged in file order so the thread count
//! never changes the output.

use crate::extract::api::ApiFacts;
use crate::extract::PageFacts;
use crate::markdown::{self, Page};
use codegen_core::diag::Diagnostics;
use codegen_core::source::SourceDb;
use codegen_ir::Schema;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Everything one run produces.
pub struct Output {
    pub db: SourceDb,
    pub schema: Schema,
    pub diags: Diagnostics,
    /// Counts of the operations stage.
    pub stats: crate::operations::Stats,
    /// The parsed pages, which no stage reads after extract: kept only to be freed with the
    /// output (a command that exits right away never frees them).
    pages: Vec<Page>,
}

impl Output {
    /// Frees the parsed pages now (before a back end's peak of memory).
    pub fn release_pages(&mut self) {
        std::mem::take(&mut self.pages).into_par_iter().for_each(drop);
    }
}

impl Drop for Output {
    /// The pages, operations (with their example bodies) and diagnostics hold most of the
    /// run's small allocations: they are freed on every core.
    fn drop(&mut self) {
        let pages = std::mem::take(&mut self.pages);
        let operations = std::mem::take(&mut self.schema.operations);
        let diags = std::mem::take(&mut self.diags.items);
        rayon::join(
            || pages.into_par_iter().for_each(drop),
            || rayon::join(|| operations.into_par_iter().for_each(drop), || drop(diags)),
        );
    }
}

/// Reads the docs tree at `root` and runs the whole front end.
pub fn run(root: &Path) -> std::io::Result<Output> {
    let (db, diags) = SourceDb::read_tree(root)?;
    Ok(run_db(db, diags))
}

/// Runs the front end on files already in memory.
pub fn run_db(db: SourceDb, mut diags: Diagnostics) -> Output {
    let parsed: Vec<(Page, Diagnostics)> =
        db.ids().collect::<Vec<_>>().par_iter().map(|&id| markdown::parse(id, db.file(id))).collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (page, d) in parsed {
        diags.extend(d);
        pages.push(page);
    }
    crate::includes::expand(&db, &mut pages, &mut diags);
    // the link checks run beside extract; the diagnostics are sorted at the end
    let (facts, link_diags): (Vec<(PageFacts, Diagnostics)>, Diagnostics) = rayon::join(
        || pages.par_iter().map(crate::extract::page_facts).collect(),
        || crate::includes::check_links(&db, &pages),
    );
    diags.extend(link_diags);
    let mut all_facts = Vec::with_capacity(facts.len());
    for (f, d) in facts {
        diags.extend(d);
        all_facts.push(f);
    }
    let api: Vec<ApiFacts> = all_facts.iter_mut().filter_map(|f| f.api.take()).collect();
    let areas: BTreeMap<String, String> =
        all_facts.iter().filter_map(|f| Some((f.rel.clone(), f.area.clone()?))).collect();
    let mut resolve_diags = Diagnostics::default();
    let (mut schema, names) = crate::resolve::resolve(db.paths(), all_facts, &mut resolve_diags);
    diags.extend(resolve_diags);
    let (operations, roots, stats) = crate::operations::build(db.paths(), api, &names, &mut schema, &mut diags);
    schema.operations = operations;
    schema.roots = roots;
    assign_areas(&mut schema, &areas);
    schema.sort();
    diags.sort();
    Output { db, schema, diags, stats, pages }
}

/// The area of each type (its defining page's `ms.prod`) and operation (its page's).
fn assign_areas(schema: &mut Schema, areas: &BTreeMap<String, String>) {
    for t in &mut schema.types {
        t.area = t.sources.first().and_then(|s| areas.get(&s.file)).cloned();
    }
    for op in &mut schema.operations {
        op.area = areas.get(&op.source).cloned();
    }
}
