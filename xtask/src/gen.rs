//! `cargo xtask gen`: docs (or an IR file) -> the generated crate, written only where it
//! changed; `--check` writes nothing, lists stale files and fails when there are any.

use super::{front_end, input_path, project_root, report, DiagArgs, InputArgs};
use anyhow::{Context, Result};
use codegen_rust::{self as emit, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct GenArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Read the schema from an IR JSON file (as `cargo xtask ir` writes it) instead of docs.
    #[arg(long, conflicts_with_all = ["input", "csdl"])]
    ir: Option<PathBuf>,
    /// The crate folder to write.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Write nothing; list the files that are out of date and exit 1 if there are any.
    #[arg(long)]
    check: bool,
    /// Print timings, the size of the output and the peak memory of the process (VmHWM).
    #[arg(long)]
    stats: bool,
    /// Mark the models' and endpoint crates `[hints] mostly-unused`, for dependents built with
    /// nightly cargo's `-Zprofile-hint-mostly-unused` (stable cargo warns that it ignores it).
    #[arg(long)]
    mostly_unused: bool,
    #[command(flatten)]
    diag: DiagArgs,
}

/// True when `out` is the workspace's own `generated/` member.
fn in_workspace(out: &Path) -> bool {
    let member = project_root().join("generated");
    match (out.canonicalize(), member.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

pub fn run(args: GenArgs) -> Result<ExitCode> {
    let out_dir = input_path(&args.out);
    let started = std::time::Instant::now();
    let (mut schema, mut front) = match &args.ir {
        Some(ir) => {
            let text = std::fs::read_to_string(ir).with_context(|| format!("reading `{}`", ir.display()))?;
            let schema: codegen_ir::Schema =
                serde_json::from_str(&text).with_context(|| format!("parsing `{}`", ir.display()))?;
            (schema, None)
        }
        None => {
            let mut out = front_end(&args.inputs)?;
            (std::mem::take(&mut out.schema), Some(out))
        }
    };
    // A metadata-only IR keeps the bound actions and functions no address reaches (for the
    // lint); they have no path to emit.
    schema.operations.retain(|o| !o.paths.is_empty() || o.callable.is_none());
    // The pages are not needed any more: free them before the emitter's peak.
    if let Some(out) = front.as_mut() {
        out.docs = None;
        out.sides = None;
    }
    let options = Options {
        crate_name: "generated".into(),
        standalone: !in_workspace(&out_dir),
        mostly_unused: args.mostly_unused,
        ..Default::default()
    };
    let front_time = started.elapsed();
    let (files, notes) = emit::files(&schema, &options);
    let emit_time = started.elapsed() - front_time;
    match front.as_mut() {
        Some(out) => {
            let extra = generator::notes::to_diagnostics(&out.db, &notes);
            out.diags.extend(extra);
            out.diags.sort();
            report(&out.db, &mut out.diags, &args.diag)?;
        }
        None => {
            for n in &notes {
                eprintln!(
                    "{}[{}]: {} ({})",
                    n.code.default_severity().as_str(),
                    n.code.as_str(),
                    n.message,
                    n.source.as_ref().map_or_else(|| "?".to_string(), ToString::to_string)
                );
            }
        }
    }
    let changes = codegen_core::writer::write(&out_dir, &files, args.check)
        .with_context(|| format!("writing `{}`", out_dir.display()))?;
    if args.stats {
        let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
        let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "stats: front end {:.0} ms, emit {:.0} ms, total {:.0} ms; {} files, {lines} lines, {:.1} MB; peak memory {}",
            ms(front_time),
            ms(emit_time),
            ms(started.elapsed()),
            files.len(),
            bytes as f64 / 1e6,
            crate::peak_memory().map_or_else(|| "unknown".to_string(), |kb| format!("{:.0} MB (VmHWM)", kb as f64 / 1024.0))
        );
    }
    let shown = out_dir.display();
    if args.check {
        for f in &changes.written {
            eprintln!("stale: {shown}/{f}");
        }
        for f in &changes.removed {
            eprintln!("stale (to remove): {shown}/{f}");
        }
        if !changes.is_empty() {
            eprintln!("{} file(s) out of date; run `cargo xtask gen`", changes.written.len() + changes.removed.len());
            return Ok(ExitCode::from(1));
        }
        eprintln!("{shown}: {} file(s) up to date", changes.unchanged);
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "{shown}: {} written, {} removed, {} unchanged",
        changes.written.len(),
        changes.removed.len(),
        changes.unchanged
    );
    Ok(ExitCode::SUCCESS)
}
