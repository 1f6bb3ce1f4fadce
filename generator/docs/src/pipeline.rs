//! The pipeline: read -> parse -> includes -> extract -> resolve -> operations -> check.
//! Per-file stages run in parallel; results are merged in file order so the thread count
//! never changes the output.

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
    pub pages: Vec<Page>,
    pub schema: Schema,
    pub diags: Diagnostics,
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
    let facts: Vec<(crate::extract::PageFacts, Diagnostics)> =
        pages.par_iter().map(crate::extract::page_facts).collect();
    let mut all_facts = Vec::with_capacity(facts.len());
    let mut extract_diags = Diagnostics::default();
    for (f, d) in facts {
        extract_diags.extend(d);
        all_facts.push(f);
    }
    // resolve is mostly sequential: the link checks run beside it; the diagnostics are
    // collected in stage order as before (links, extract, resolve)
    let mut resolve_diags = Diagnostics::default();
    let (mut schema, link_diags) = rayon::join(
        || crate::resolve::resolve(&db, &pages, all_facts, &mut resolve_diags),
        || crate::includes::check_links(&db, &pages),
    );
    diags.extend(link_diags);
    diags.extend(extract_diags);
    diags.extend(resolve_diags);
    (schema.operations, schema.roots) = crate::operations::build(&db, &pages, &schema, &mut diags);
    assign_areas(&mut schema, &areas_of(&pages));
    schema.sort();
    diags.sort();
    Output { db, pages, schema, diags }
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

/// Docs file -> `ms.prod` of every page that names one.
fn areas_of(pages: &[Page]) -> BTreeMap<String, String> {
    pages
        .iter()
        .filter_map(|p| Some((p.rel.clone(), p.front.as_ref()?.ms_prod.clone()?)))
        .filter(|(_, prod)| !prod.trim().is_empty())
        .collect()
}
