//! `cargo xtask bench`: times the front end and `gen` on a docs tree next to a bare pulldown-cmark
//! read + parse of the same files in the same process (the floor), and prints a table for
//! README. Medians over `--runs` runs; both sides use every core through rayon.

use anyhow::{Context, Result};
use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn md_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let e = e?;
            let p = e.path();
            if e.file_type()?.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md" || x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads and parses every file with pulldown-cmark, consuming all events with offsets.
fn floor(files: &[PathBuf], parallel: bool) -> usize {
    let one = |p: &PathBuf| -> usize {
        let text = std::fs::read(p).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let opts = Options::ENABLE_TABLES;
        Parser::new_ext(&text, opts).into_offset_iter().map(|(_, r)| r.len() & 1).sum()
    };
    if parallel {
        files.par_iter().map(one).sum()
    } else {
        files.iter().map(one).sum()
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        v.push(t.elapsed());
    }
    median(v)
}

pub fn run(input: &Path, runs: usize) -> Result<()> {
    let files = md_files(input)?;
    let bytes: u64 = files.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    // warm the page cache once
    floor(&files, true);
    let floor_seq = time(runs, || floor(&files, false));
    let floor_par = time(runs, || floor(&files, true));
    // the front end's first two stages alone: what is left of `ir` after them is includes,
    // extract, resolve, operations and the JSON
    let read = time(runs, || codegen_core::source::SourceDb::read_tree(input).map(|(db, _)| db.files.len()));
    let parse = time(runs, || {
        let (db, _) = codegen_core::source::SourceDb::read_tree(input).expect("docs tree");
        let ids: Vec<_> = db.ids().collect();
        ids.par_iter().map(|&id| codegen_docs::markdown::parse(id, db.file(id)).0.blocks.len()).sum::<usize>()
    });
    let front = time(runs, || codegen_docs::pipeline::run(input).map(|o| o.schema.types.len()).unwrap_or(0));
    let ir = time(runs, || {
        let out = codegen_docs::pipeline::run(input).expect("front end");
        out.schema.to_json(false).map(|v| v.len()).unwrap_or(0)
    });
    let out = codegen_docs::pipeline::run(input)?;
    let json = time(runs, || out.schema.to_json(false).map(|v| v.len()).unwrap_or(0));
    let options = codegen_rust::Options { standalone: true, ..Default::default() };
    let emit = time(runs, || codegen_rust::files(&out.schema, &options).0.len());
    let gen = time(runs, || {
        let out = codegen_docs::pipeline::run(input).expect("front end");
        codegen_rust::files(&out.schema, &options).0.len()
    });
    let (generated, _) = codegen_rust::files(&out.schema, &options);
    let lines: usize = generated.iter().map(|f| f.contents.lines().count()).sum();
    let dir = std::env::temp_dir().join(format!("xtask-bench-gen-{}", std::process::id()));
    codegen_core::writer::write(&dir, &generated, false)?;
    let rewrite =
        time(runs, || codegen_core::writer::write(&dir, &generated, false).map(|c| c.written.len()).unwrap_or(0));
    // The whole `gen` in a child process: its wall time and its own peak memory.
    let started = Instant::now();
    let child = std::process::Command::new(std::env::current_exe()?)
        .args(["gen", "--quiet", "--stats", "--input"])
        .arg(input)
        .arg("--out")
        .arg(&dir)
        .output()?;
    let child_time = started.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&child.stderr);
    let stats = stderr.lines().find(|l| l.starts_with("stats:")).unwrap_or("stats: none");
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "input: {} ({} files, {:.1} MB), {} threads, median of {runs} runs",
        input.display(),
        files.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    println!("| step | time (ms) | vs parallel floor |");
    println!("|---|---:|---:|");
    println!(
        "| bare pulldown-cmark read+parse, 1 thread | {:.0} | {:.2}x |",
        ms(floor_seq),
        ms(floor_seq) / ms(floor_par)
    );
    println!("| bare pulldown-cmark read+parse, all cores (floor) | {:.0} | 1.00x |", ms(floor_par));
    let row = |what: &str, d: Duration| println!("| {what} | {:.0} | {:.2}x |", ms(d), ms(d) / ms(floor_par));
    row("front end's read stage: read, decode, line index", read);
    row("front end's read + markdown stages: blocks, front matter (YAML), annotations (JSON)", parse);
    row("front end, all stages (its output dropped)", front);
    row("the IR as JSON (of a kept front-end output)", json);
    println!(
        "| `ir`: read, parse, extract, resolve, operations, JSON | {:.0} | {:.2}x |",
        ms(ir),
        ms(ir) / ms(floor_par)
    );
    println!(
        "| `emit`: IR -> {} files, {lines} lines, in memory | {:.0} | {:.2}x |",
        generated.len(),
        ms(emit),
        ms(emit) / ms(floor_par)
    );
    println!("| `gen` in memory: front end + features + emit | {:.0} | {:.2}x |", ms(gen), ms(gen) / ms(floor_par));
    println!("| second `gen` write: compare every file, rewrite none | {:.0} | |", ms(rewrite));
    println!(
        "| `cargo xtask gen --stats` as a child process (wall, unchanged output) | {:.0} | {:.2}x |",
        ms(child_time),
        ms(child_time) / ms(floor_par)
    );
    println!("{stats}");
    println!(
        "types {}, operations {}, diagnostics {}",
        out.schema.types.len(),
        out.schema.operations.len(),
        out.diags.items.len()
    );
    Ok(())
}

/// `bench --csdl FILE`: reading a metadata file (read, XML parse, model, checks, operation
/// plans, IR, JSON), median of `runs`, next to a bare roxmltree parse of the same text.
pub fn csdl(path: &Path, runs: usize) -> Result<()> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let bare = time(runs, || codegen_csdl::xml_parse_len(&text));
    let full = time(runs, || {
        let l = codegen_csdl::load(path).expect("metadata");
        l.schema.to_json(true).map(|v| v.len()).unwrap_or(0)
    });
    let l = codegen_csdl::load(path)?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "input: {} ({:.1} MB), {} threads, median of {runs} runs",
        path.display(),
        text.len() as f64 / 1e6,
        rayon::current_num_threads()
    );
    println!("| step | time (ms) |");
    println!("|---|---:|");
    println!("| bare roxmltree parse of the text | {:.1} |", ms(bare));
    println!("| `ir --csdl`: read, parse, check, plan, lower, JSON | {:.1} |", ms(full));
    println!(
        "types {}, operations {}, roots {}, diagnostics {}",
        l.schema.types.len(),
        l.schema.operations.len(),
        l.schema.roots.len(),
        l.diags.items.len()
    );
    Ok(())
}
