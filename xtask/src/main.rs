//! `cargo xtask`: the project's commands (`ir`, `check`, `gen`, `bench`, `codes`).

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use codegen_core::diag::{Code, Levels, Severity};
use codegen_core::render;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod bench;
mod corpus;
mod gen;

/// The front end allocates many small strings; mimalloc makes that markedly cheaper.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Docs -> schema IR -> Rust code generator")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum, Default, PartialEq, Eq)]
enum Format {
    #[default]
    Human,
    Json,
}

#[derive(clap::Args, Clone)]
struct DiagArgs {
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Drop diagnostics of this code (repeatable), e.g. `--allow D0010`.
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,
    /// Turn this code into an error (repeatable); `--deny warnings` for all warnings.
    #[arg(long, value_name = "CODE|warnings")]
    deny: Vec<String>,
    /// Print only the summary line, not each diagnostic.
    #[arg(long)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write the schema IR of a docs tree as JSON (contract v1).
    Ir {
        #[arg(long, default_value = "docs-input")]
        input: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        diag: DiagArgs,
    },
    /// Check a docs tree and print its diagnostics, like a linter.
    Check {
        #[arg(long, default_value = "docs-input")]
        input: PathBuf,
        #[command(flatten)]
        diag: DiagArgs,
    },
    /// Generate the Rust crate from the docs (`--check`: fail if `generated/` is stale).
    Gen(gen::GenArgs),
    /// List every diagnostic code with its meaning.
    Codes,
    /// Generate the crate of a whole docs tree into a temp folder and `cargo check` it with
    /// one area and with `full` (CI runs this on the Graph reference).
    CorpusCheck(corpus::CorpusArgs),
    /// Time the front end against a bare pulldown-cmark parse of the same files.
    Bench {
        #[arg(long, default_value = "../shared/corpus/graph-docs-v1.0")]
        input: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

fn main() -> ExitCode {
    // Large OS pages (transparent huge pages where the kernel allows them): the front end
    // builds a few hundred MB of small objects on the corpus, and first-touch page faults
    // were half of its time. Safe: only a hint to the allocator.
    unsafe { libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_large_os_pages, 1) };
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Peak resident memory of this process in kB (`VmHWM` of `/proc/self/status`; Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs from the workspace root, so default paths work from any folder.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn input_path(p: &Path) -> PathBuf {
    if p.is_absolute() || p.exists() {
        p.to_path_buf()
    } else {
        project_root().join(p)
    }
}

fn levels(args: &DiagArgs) -> Result<Levels> {
    let mut lv = Levels::default();
    for a in &args.allow {
        lv.allow.push(Code::parse(a).with_context(|| format!("unknown code `{a}` (see `cargo xtask codes`)"))?);
    }
    for d in &args.deny {
        if d == "warnings" {
            lv.deny_warnings = true;
        } else {
            lv.deny.push(Code::parse(d).with_context(|| format!("unknown code `{d}` (see `cargo xtask codes`)"))?);
        }
    }
    Ok(lv)
}

fn front_end(input: &Path) -> Result<codegen_docs::pipeline::Output> {
    let input = input_path(input);
    if !input.is_dir() {
        anyhow::bail!("input `{}` is not a folder", input.display());
    }
    codegen_docs::pipeline::run(&input).with_context(|| format!("reading `{}`", input.display()))
}

/// Prints diagnostics to stderr (human) or stdout (json); returns the exit code.
fn report(out: &mut codegen_docs::pipeline::Output, args: &DiagArgs) -> Result<ExitCode> {
    levels(args)?.apply(&mut out.diags);
    let summary = render::Summary::of(&out.diags.items);
    if !args.quiet {
        match args.format {
            Format::Json => {
                let stdout = std::io::stdout();
                let mut w = std::io::BufWriter::new(stdout.lock());
                for d in &out.diags.items {
                    writeln!(w, "{}", render::json_line(&out.db, d))?;
                }
            }
            Format::Human => {
                let stderr = std::io::stderr();
                let mut w = std::io::BufWriter::new(stderr.lock());
                for d in &out.diags.items {
                    write!(w, "{}", render::human(&out.db, d))?;
                }
            }
        }
    }
    eprintln!("{}", summary.line());
    let failed = out.diags.items.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.cmd {
        Cmd::Bench { input, runs } => {
            bench::run(&input_path(&input), runs.max(1))?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Gen(args) => gen::run(args),
        Cmd::CorpusCheck(args) => {
            corpus::run(args)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Codes => {
            print!("{}", render::code_table());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Check { input, diag } => {
            let mut out = front_end(&input)?;
            let code = report(&mut out, &diag);
            // the process ends here: skip freeing a few hundred thousand small objects
            std::mem::forget(out);
            code
        }
        Cmd::Ir { input, out: file, diag } => {
            let mut out = front_end(&input)?;
            let mut json = out.schema.to_json(true)?;
            json.push(b'\n');
            match file {
                Some(f) => std::fs::write(&f, json).with_context(|| format!("writing `{}`", f.display()))?,
                None => std::io::stdout().lock().write_all(&json)?,
            }
            let quiet = DiagArgs { quiet: true, ..diag };
            report(&mut out, &quiet)?;
            std::mem::forget(out);
            // `ir` succeeds whenever the IR was written; `check` is the linter.
            Ok(ExitCode::SUCCESS)
        }
    }
}
