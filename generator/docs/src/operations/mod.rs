//! Operations, tree-wide: the API facts of every page settled against the resolved types
//! (parameter and body types, the response the prose promises, the example's `@odata.type`),
//! then ids, roots and bound operations, then each operation's paths resolved through the
//! types and its example bodies validated.
//!
//! Three steps, so the work stays parallel: [`settle`] runs per page; [`spelling`] (one
//! spelling per path root), [`ids`] and [`roots`] need the whole tree and are cheap;
//! [`finish`] runs per operation.

pub mod finish;
pub mod formats;
pub mod ids;
pub mod navigation;
pub mod resolver;
pub mod roots;
pub mod settle;
pub mod spelling;
pub mod validate;

use crate::extract::api::examples::PendingBody;
use crate::extract::api::ApiFacts;
use crate::resolve::names::Names;
use codegen_core::diag::{Diagnostics, Span};
use codegen_ir::{Operation, Root, Schema};
use rayon::prelude::*;
use settle::ProseResponse;
use std::collections::BTreeMap;

/// Counts of one run, for tests and reports.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub api_pages: usize,
    pub operations: usize,
    pub paths: usize,
    pub paths_resolved: usize,
    pub operations_with_permissions: usize,
    pub examples: usize,
    pub examples_validated: usize,
    pub examples_valid: usize,
    /// Findings in example bodies, by code.
    pub invalid_by_code: BTreeMap<String, usize>,
}

/// One page's operation, settled against the types, before the tree-wide steps.
pub struct PageOps {
    pub op: Operation,
    /// Spans of the operation's templates, in `op.paths` order.
    pub path_spans: Vec<Span>,
    /// Request annotation names with their spans.
    pub names: Vec<(String, Span)>,
    pub prose: Option<ProseResponse>,
    /// Response example annotation: type, collection, span.
    pub example_type: Option<(String, bool, Span)>,
    /// Status line of the first response example.
    pub example_status: Option<(u16, Span)>,
    /// The monitor header of a `202 Accepted` response example.
    pub example_monitor: Option<String>,
    pub value_array: bool,
    /// The first response example's body is one object (no `value` array).
    pub single_object: bool,
    pub bodies: Vec<PendingBody>,
    /// The page lists action parameters in its request body section.
    pub action: bool,
}

/// Builds the operations of every API page (`api`, in file order), and the roots (entity
/// sets and singletons) their paths start from, with the name index `resolve` made.
pub fn build(
    files: codegen_core::source::Paths,
    api: Vec<ApiFacts>,
    names: &Names,
    schema: &mut Schema,
    diags: &mut Diagnostics,
) -> (Vec<Operation>, Vec<Root>, Stats) {
    let mut stats = Stats { api_pages: api.len(), ..Stats::default() };
    let settled: Vec<(Option<PageOps>, Diagnostics)> = api.into_par_iter().map(|f| settle::settle(f, names)).collect();
    let mut found = Vec::with_capacity(settled.len());
    for (ops, d) in settled {
        diags.extend(d);
        found.extend(ops);
    }
    spelling::unify_roots(&mut found, diags);
    ids::assign_ids(&mut found, diags);
    // navigation properties the paths imply, in rounds; the last round's resolver (which
    // found nothing more) is the one the operations are finished with
    let mut round = 0;
    let resolver = loop {
        let r = navigation::prepared(&found, schema);
        let missing = navigation::missing(round, &found, &r);
        if missing.is_empty() {
            break r;
        }
        drop(r);
        round += 1;
        navigation::add(files, missing, schema, diags);
    };
    let roots = resolver.ir_roots();
    let checked: Vec<finish::Finished> = found.into_par_iter().map(|p| finish::finish(p, &resolver, names)).collect();
    let mut ops = Vec::with_capacity(checked.len());
    for (op, d, (np, nr), (validated, valid, by_code)) in checked {
        diags.extend(d);
        stats.paths += np;
        stats.paths_resolved += nr;
        stats.examples += op.examples.len();
        stats.examples_validated += validated;
        stats.examples_valid += valid;
        for (k, v) in by_code {
            *stats.invalid_by_code.entry(k).or_default() += v;
        }
        let p = &op.permissions;
        if !(p.delegated_work.is_empty() && p.delegated_personal.is_empty() && p.application.is_empty()) {
            stats.operations_with_permissions += 1;
        }
        ops.push(op);
    }
    stats.operations = ops.len();
    ops.sort_by(|a, b| a.id.cmp(&b.id));
    (ops, roots, stats)
}
