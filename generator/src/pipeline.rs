//! The pipeline: read -> parse -> includes -> extract -> resolve -> operations -> check.
//! Per-file stages run in parallel; results are merged in file order so the thread count
//! never changes the output.

use crate::diag::Diagnostics;
use crate::ir::Schema;
use crate::markdown::{self, Page};
use crate::source::SourceDb;
use rayon::prelude::*;
use std::path::Path;

/// Everything one run produces.
pub struct Output {
    pub db: SourceDb,
    pub pages: Vec<Page>,
    pub schema: Schema,
    pub diags: Diagnostics,
}

impl Drop for Output {
    /// The pages hold most of the run's small allocations: they are freed on every core.
    fn drop(&mut self) {
        std::mem::take(&mut self.pages).into_par_iter().for_each(drop);
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
    crate::includes::check_links(&db, &pages, &mut diags);
    let facts: Vec<(crate::extract::PageFacts, Diagnostics)> =
        pages.par_iter().map(crate::extract::page_facts).collect();
    let mut all_facts = Vec::with_capacity(facts.len());
    for (f, d) in facts {
        diags.extend(d);
        all_facts.push(f);
    }
    let mut schema = crate::resolve::resolve(&db, &pages, all_facts, &mut diags);
    schema.operations = crate::operations::build(&db, &pages, &schema, &mut diags);
    schema.sort();
    diags.sort();
    Output { db, pages, schema, diags }
}
