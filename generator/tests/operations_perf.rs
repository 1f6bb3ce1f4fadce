//! Front-end cost against a bare pulldown-cmark parse of the same corpus, in the same run.
//! Ignored by default (timings need `--release`):
//! `cargo test --release -p generator --test operations_perf -- --ignored --nocapture`

use generator::source::SourceDb;
use std::path::Path;
use std::time::{Duration, Instant};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/graph-docs-v1.0");

fn best_of<F: FnMut()>(n: usize, mut f: F) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
#[ignore]
fn front_end_vs_bare_parse() {
    let root = Path::new(CORPUS);
    let Ok((db, diags)) = SourceDb::read_tree(root) else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let opts = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let bare = best_of(5, || {
        use rayon::prelude::*;
        let n: usize = db
            .files
            .par_iter()
            .map(|f| pulldown_cmark::Parser::new_ext(&f.text, opts).into_offset_iter().count())
            .sum();
        assert!(n > 0);
    });
    let mut ops = 0;
    let full = best_of(5, || {
        let out = generator::pipeline::run_db(db.clone(), diags.clone());
        ops = out.schema.operations.len();
    });
    let mut op_only = Duration::ZERO;
    {
        let out = generator::pipeline::run_db(db.clone(), diags.clone());
        op_only = op_only.max(best_of(5, || {
            let mut d = generator::diag::Diagnostics::default();
            let _ = generator::operations::build(&out.db, &out.pages, &out.schema, &mut d);
        }));
    }
    let ratio = full.as_secs_f64() / bare.as_secs_f64().max(1e-9);
    println!("bare parse {bare:?}, front end {full:?} ({ratio:.2}x), operations stage {op_only:?}, {ops} operations");
    assert!(ops > 0);
}

#[test]
#[ignore]
fn operations_stage_loop() {
    let Ok(out) = generator::pipeline::run(Path::new(CORPUS)) else { return };
    for _ in 0..20 {
        let mut d = generator::diag::Diagnostics::default();
        let _ = generator::operations::build(&out.db, &out.pages, &out.schema, &mut d);
    }
}
