//! `cargo xtask`: the project's commands (`ir`, `check`, `gen`, `bench`, `codes`, `fuzz`,
//! `rustc-profile`, ...).

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use codegen_core::diag::{Code, Levels, Severity};
use codegen_core::render;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod bench;
mod corpus;
mod fuzz;
mod gen;
mod rustc_profile;

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
    /// SARIF 2.1.0, one log on stdout.
    Sarif,
}

/// What a command reads: a docs tree, a metadata file, or both (merged).
#[derive(clap::Args, Clone)]
pub struct InputArgs {
    /// The docs tree to read (default `docs-input`, unless only `--csdl` is given).
    #[arg(long)]
    input: Option<PathBuf>,
    /// An OData CSDL metadata file (`$metadata` XML); with `--input`, merged with the docs.
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// With both inputs: keep the metadata's operations that no docs page documents
    /// (left out by default).
    #[arg(long)]
    keep_undocumented_paths: bool,
    /// Where includes the docs tree lacks are looked for (e.g. `docs/includes` for a run on
    /// `docs/api-reference/v1.0`); without it, at the places their paths name and in the
    /// tree's nearest ancestors.
    #[arg(long, value_name = "DIR")]
    includes_root: Option<PathBuf>,
}

impl InputArgs {
    fn docs(&self) -> Option<PathBuf> {
        match (&self.input, &self.csdl) {
            (Some(i), _) => Some(input_path(i)),
            (None, None) => Some(input_path(Path::new("docs-input"))),
            (None, Some(_)) => None,
        }
    }

    fn docs_options(&self) -> generator::inputs::DocsOptions {
        generator::inputs::DocsOptions { includes_root: self.includes_root.as_deref().map(input_path) }
    }

    fn options(&self) -> codegen_merge::MergeOptions {
        codegen_merge::MergeOptions { keep_undocumented_paths: self.keep_undocumented_paths }
    }
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
        #[command(flatten)]
        inputs: InputArgs,
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        diag: DiagArgs,
    },
    /// Export the schema IR (docs, metadata or merged) as an OpenAPI 3.0 JSON document.
    Openapi {
        #[command(flatten)]
        inputs: InputArgs,
        /// Export this IR JSON file (as `cargo xtask ir` writes it) instead of reading inputs.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["input", "csdl"])]
        ir: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check a docs tree and print its diagnostics, like a linter.
    Check {
        #[command(flatten)]
        inputs: InputArgs,
        #[command(flatten)]
        diag: DiagArgs,
    },
    /// The docs-vs-metadata lint: every disagreement of a docs tree with a metadata file.
    Diff {
        #[arg(long, default_value = "docs-input")]
        input: PathBuf,
        #[arg(long, value_name = "FILE")]
        csdl: PathBuf,
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
    /// Run each cargo-fuzz target (nightly, cargo-fuzz) for `--time` seconds, corpora
    /// seeded from the seed pages and `docs-input/`.
    Fuzz(fuzz::FuzzArgs),
    /// Check a generated crate with nightly rustc's self-profile and print where the time
    /// goes, per query and per kind of generated body (`model deserialize`, ...).
    RustcProfile(rustc_profile::ProfileArgs),
    /// Time the front end against a bare pulldown-cmark parse of the same files.
    Bench {
        #[arg(long, default_value = "../shared/corpus/graph-docs-v1.0")]
        input: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Time reading this metadata file instead (read, parse, check, lower, JSON).
        #[arg(long, value_name = "FILE")]
        csdl: Option<PathBuf>,
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

/// Reads what `inputs` name with the front ends (and merges them when both are given).
fn front_end(inputs: &InputArgs) -> Result<generator::inputs::Run> {
    let docs = inputs.docs();
    if let Some(d) = &docs {
        if !d.is_dir() {
            anyhow::bail!("input `{}` is not a folder", d.display());
        }
    }
    let csdl = inputs.csdl.as_ref().map(|c| input_path(c));
    generator::inputs::read_with(docs.as_deref(), csdl.as_deref(), &inputs.options(), &inputs.docs_options())
        .with_context(|| {
            let mut what: Vec<String> = docs.iter().map(|d| d.display().to_string()).collect();
            what.extend(csdl.iter().map(|c| c.display().to_string()));
            format!("reading `{}`", what.join("` and `"))
        })
}

/// Prints diagnostics to stderr (human) or stdout (json, sarif); returns the exit code.
/// Writes the diagnostics rendered by `render`, in their order: rendered on every core a
/// chunk at a time (the human form of the v1.0 reference's 20k diagnostics took a tenth of
/// `gen` on one thread), so at most one chunk of text is held at once.
fn write_rendered(
    w: &mut impl Write,
    items: &[codegen_core::diag::Diagnostic],
    render: impl Fn(&codegen_core::diag::Diagnostic) -> String + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    const CHUNK: usize = 2048;
    for chunk in items.chunks(CHUNK) {
        let texts: Vec<String> = chunk.par_iter().map(&render).collect();
        for t in texts {
            w.write_all(t.as_bytes())?;
        }
    }
    Ok(())
}

fn report(
    db: &codegen_core::source::SourceDb,
    diags: &mut codegen_core::diag::Diagnostics,
    args: &DiagArgs,
) -> Result<ExitCode> {
    levels(args)?.apply(diags);
    let summary = render::Summary::of(&diags.items);
    if !args.quiet {
        match args.format {
            Format::Json => {
                let stdout = std::io::stdout();
                let mut w = std::io::BufWriter::new(stdout.lock());
                write_rendered(&mut w, &diags.items, |d| format!("{}\n", render::json_line(db, d)))?;
            }
            Format::Sarif => {
                let stdout = std::io::stdout();
                let mut w = std::io::BufWriter::new(stdout.lock());
                writeln!(w, "{}", codegen_core::sarif::log(db, &diags.items))?;
            }
            Format::Human => {
                let stderr = std::io::stderr();
                let mut w = std::io::BufWriter::new(stderr.lock());
                write_rendered(&mut w, &diags.items, |d| render::human(db, d))?;
            }
        }
    }
    eprintln!("{}", summary.line());
    let failed = diags.items.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.cmd {
        Cmd::Bench { input, runs, csdl } => {
            match csdl {
                Some(c) => bench::csdl(&input_path(&c), runs.max(1))?,
                None => bench::run(&input_path(&input), runs.max(1))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Gen(args) => gen::run(args),
        Cmd::Fuzz(args) => {
            fuzz::run(args)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::RustcProfile(args) => {
            rustc_profile::run(args)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::CorpusCheck(args) => {
            corpus::run(args)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Codes => {
            print!("{}", render::code_table());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Check { inputs, diag } => {
            let mut out = front_end(&inputs)?;
            let code = report(&out.db, &mut out.diags, &diag);
            // the process ends here: skip freeing a few hundred thousand small objects
            std::mem::forget(out);
            code
        }
        Cmd::Diff { input, csdl, diag } => {
            let inputs =
                InputArgs { input: Some(input), csdl: Some(csdl), keep_undocumented_paths: false, includes_root: None };
            let out = front_end(&inputs)?;
            let Some((docs, meta)) = &out.sides else { anyhow::bail!("the lint needs both inputs") };
            let findings = codegen_merge::diff(docs, meta);
            let mut diags = generator::findings::to_diagnostics(&out.db, &findings);
            let code = report(&out.db, &mut diags, &diag);
            std::mem::forget(out);
            code
        }
        Cmd::Openapi { inputs, ir, out } => {
            let doc = match ir {
                Some(f) => {
                    let f = input_path(&f);
                    let text = std::fs::read(&f).with_context(|| format!("reading `{}`", f.display()))?;
                    let schema: codegen_ir::Schema =
                        serde_json::from_slice(&text).with_context(|| format!("reading the IR `{}`", f.display()))?;
                    codegen_openapi::to_json(&schema)
                }
                None => {
                    let run = front_end(&inputs)?;
                    let doc = codegen_openapi::to_json(&run.schema);
                    std::mem::forget(run);
                    doc
                }
            };
            std::fs::write(&out, doc).with_context(|| format!("writing `{}`", out.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Ir { inputs, out: file, diag } => {
            let mut out = front_end(&inputs)?;
            let mut json = out.schema.to_json(true)?;
            json.push(b'\n');
            match file {
                Some(f) => std::fs::write(&f, json).with_context(|| format!("writing `{}`", f.display()))?,
                None => std::io::stdout().lock().write_all(&json)?,
            }
            let quiet = DiagArgs { quiet: true, ..diag };
            report(&out.db, &mut out.diags, &quiet)?;
            std::mem::forget(out);
            // `ir` succeeds whenever the IR was written; `check` is the linter.
            Ok(ExitCode::SUCCESS)
        }
    }
}
