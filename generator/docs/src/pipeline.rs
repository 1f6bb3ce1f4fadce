//! The pipeline: read -> parse -> includes -> extract -> resolve -> operations. Pages live
//! until extract; later stages read facts and the schema only.
//! Per-file stages run in parallel; results are merged in file order so the thread count
//! never changes the output.

use crate::extract::api::ApiFacts;
use crate::extract::PageFacts;
use crate::markdown::{self, Page, PageKind};
use crate::notices::Notices;
use codegen_core::diag::Diagnostics;
use codegen_core::source::SourceDb;
use codegen_ir::Schema;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// How a run reads its tree.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where includes the tree lacks are looked for (`--includes-root`); without it, at
    /// the places their paths name and in the tree's nearest ancestors.
    pub includes_root: Option<PathBuf>,
}

/// Reads the docs tree at `root` and runs the whole front end.
pub fn run(root: &Path) -> std::io::Result<Output> {
    run_with(root, &Options::default())
}

/// Reads the docs tree at `root`, and the includes outside it that its pages name, and
/// runs the whole front end.
pub fn run_with(root: &Path, options: &Options) -> std::io::Result<Output> {
    let (db, diags) = SourceDb::read_tree(root)?;
    Ok(run_pages(db, diags, Some(options)))
}

/// Runs the front end on files already in memory.
pub fn run_db(db: SourceDb, diags: Diagnostics) -> Output {
    run_pages(db, diags, None)
}

/// The stages; includes outside the tree are read only with `options` (a tree on disk).
fn run_pages(mut db: SourceDb, mut diags: Diagnostics, options: Option<&Options>) -> Output {
    let parsed: Vec<(Page, Diagnostics)> =
        db.ids().collect::<Vec<_>>().par_iter().map(|&id| markdown::parse(id, db.file(id))).collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (page, d) in parsed {
        diags.extend(d);
        pages.push(page);
    }
    let mut targets = crate::includes::targets(db.paths(), &pages);
    let outside = match options {
        Some(o) => {
            crate::includes::outside::load(&mut db, &mut pages, &mut targets, o.includes_root.as_deref(), &mut diags)
        }
        None => Default::default(),
    };
    crate::includes::expand(&db, &mut pages, &targets, &outside, &mut diags);
    let noticed: Vec<(Notices, Diagnostics)> = pages.par_iter().map(crate::notices::of_page).collect();
    let mut notices = BTreeMap::new();
    for (page, (n, d)) in pages.iter().zip(noticed) {
        diags.extend(d);
        if !n.is_empty() && matches!(page.kind, PageKind::Api | PageKind::Resource | PageKind::Enum) {
            notices.insert(page.rel.clone(), (page.kind, n));
        }
    }
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
    let mut api: Vec<ApiFacts> = Vec::with_capacity(all_facts.len());
    api.extend(all_facts.iter_mut().filter_map(|f| f.api.take()));
    let areas: BTreeMap<String, String> =
        all_facts.iter().filter_map(|f| Some((f.rel.clone(), f.area.clone()?))).collect();
    let declared: BTreeMap<String, String> =
        all_facts.iter().filter_map(|f| Some((f.rel.clone(), f.declared.clone()?))).collect();
    let mut resolve_diags = Diagnostics::default();
    let (mut schema, names) = crate::resolve::resolve(db.paths(), all_facts, &mut resolve_diags);
    diags.extend(resolve_diags);
    let (operations, roots, stats) = crate::operations::build(db.paths(), api, &names, &mut schema, &mut diags);
    schema.operations = operations;
    schema.roots = roots;
    assign_areas(&mut schema, &areas);
    assign_notices(&mut schema, &notices, &declared);
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

/// The notices of each page on its operation, and on the type its page declares (else the
/// one type the page defines).
fn assign_notices(
    schema: &mut Schema,
    notices: &BTreeMap<String, (PageKind, Notices)>,
    declared: &BTreeMap<String, String>,
) {
    if notices.is_empty() {
        return;
    }
    let mut defined: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &schema.types {
        if let Some(s) = t.sources.first() {
            *defined.entry(s.file.as_str()).or_default() += 1;
        }
    }
    let mut chosen: Vec<(usize, Notices)> = Vec::new();
    for (i, t) in schema.types.iter().enumerate() {
        let Some(file) = t.sources.first().map(|s| s.file.as_str()) else { continue };
        let Some((_, n)) = notices.get(file).filter(|(k, _)| *k != PageKind::Api) else { continue };
        let mine = match declared.get(file) {
            Some(q) => t.is_named(q),
            None => defined.get(file) == Some(&1),
        };
        if mine {
            chosen.push((i, n.clone()));
        }
    }
    for (i, n) in chosen {
        if let Some(t) = schema.types.get_mut(i) {
            t.deprecated = n.deprecated;
            t.availability = n.availability;
        }
    }
    for op in &mut schema.operations {
        if let Some((_, n)) = notices.get(&op.source) {
            op.deprecated = n.deprecated.clone();
            op.availability = n.availability.clone();
        }
    }
}
