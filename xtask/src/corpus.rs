//! `cargo xtask corpus-check`: the whole reference through `gen` into a temp folder, then
//! `cargo check` of the generated crate with one area alone and with `full` (optionally its
//! clippy and its round-trip tests), timing each step. CI runs it; README quotes it.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct CorpusArgs {
    /// The docs tree to generate from.
    #[arg(long, default_value = "../shared/corpus/graph-docs-v1.0")]
    input: PathBuf,
    /// A metadata file to merge with the docs (`gen --input DOCS --csdl FILE`).
    #[arg(long, value_name = "FILE")]
    csdl: Option<PathBuf>,
    /// The crate folder to write (default: `graph-corpus-crate` in the temp folder).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Cargo's target folder for the generated crate (default: `corpus-check` in this
    /// workspace's target folder, so reruns are incremental).
    #[arg(long)]
    target_dir: Option<PathBuf>,
    /// An area (Cargo feature) to check alone (repeatable).
    #[arg(long, default_values_t = ["users".to_string()])]
    area: Vec<String>,
    /// Also run clippy (`-D warnings`, all targets) with `full`.
    #[arg(long)]
    clippy: bool,
    /// Also run clippy (`-D warnings`, all targets) with each area of `Cargo.toml` alone.
    #[arg(long)]
    each_area: bool,
    /// Also run rustdoc (`-D warnings`) with the first area and with `full`.
    #[arg(long)]
    doc: bool,
    /// Also run the round-trip tests of the examples with `full` and count the results.
    #[arg(long)]
    test: bool,
}

fn cargo_cmd(dir: &Path, target: &Path, args: &[&str]) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    // Not incremental: each check of the crate is from scratch (the dependencies are reused),
    // the time a fresh build of a downstream crate pays.
    cmd.args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS");
    cmd
}

/// Runs cargo, fails with its output when it fails; returns the time and the output.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(Duration, String)> {
    let started = Instant::now();
    let out = cargo_cmd(dir, target, args).output().context("running cargo")?;
    let took = started.elapsed();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        bail!("cargo {} failed in {}:\n{text}", args.join(" "), dir.display());
    }
    Ok((took, text))
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// Counts `.rs` files and their lines under `dir`.
fn count_rs(dir: &Path) -> (usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files += 1;
                lines += std::fs::read_to_string(&p).map(|t| t.lines().count()).unwrap_or(0);
            }
        }
    }
    (files, lines)
}

pub fn run(args: CorpusArgs) -> Result<()> {
    let root = super::project_root();
    let input = super::input_path(&args.input);
    let out = args.out.unwrap_or_else(|| std::env::temp_dir().join("graph-corpus-crate"));
    let target = args.target_dir.unwrap_or_else(|| {
        let t = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
        t.join("corpus-check")
    });
    std::fs::create_dir_all(&out).with_context(|| format!("creating `{}`", out.display()))?;
    let total = Instant::now();

    // gen in a child process, so its peak memory is its own.
    let exe = std::env::current_exe().context("locating xtask")?;
    let started = Instant::now();
    let mut gen = Command::new(exe);
    gen.args(["gen", "--quiet", "--stats", "--input"]).arg(&input).arg("--out").arg(&out);
    if let Some(csdl) = &args.csdl {
        gen.arg("--csdl").arg(super::input_path(csdl));
    }
    let gen = gen.output().context("running gen")?;
    let gen_time = started.elapsed();
    let stderr = String::from_utf8_lossy(&gen.stderr);
    // gen exits 1 when the docs have errors; it has written the crate when it printed its stats.
    let Some(stats) = stderr.lines().find(|l| l.starts_with("stats:")).map(str::to_string) else {
        bail!("gen failed:\n{stderr}");
    };
    // The workspace's lock pins the dependencies' versions (and lets cargo use its cache).
    let lock = out.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root.join("Cargo.lock"), &lock).context("copying Cargo.lock")?;
    }
    let (files, lines) = count_rs(&out);

    // The dependencies and the support module alone first, so the times below are the crate's.
    let (deps_time, _) = cargo(&out, &target, &["check", "--no-default-features"])?;
    // Every crate root rewritten unchanged (the main crate's and its members'), so cargo
    // checks them all again even when nothing changed.
    let touch = || -> Result<()> {
        for root in crate_roots(&out)? {
            let text = std::fs::read(&root)?;
            std::fs::write(&root, text)?;
        }
        Ok(())
    };
    let mut area_times = Vec::new();
    for area in &args.area {
        touch()?;
        let (t, _) = cargo(&out, &target, &["check", "--no-default-features", "--features", area])?;
        area_times.push((area, t));
    }
    touch()?;
    let (full_time, _) = cargo(&out, &target, &["check"])?;

    println!("corpus: {}", input.display());
    if let Some(csdl) = &args.csdl {
        println!("merged with the metadata: {}", csdl.display());
    }
    println!("{stats}");
    // Bodies that are not JSON never reach the IR; gen's summary counts them (D0214).
    let summary = stderr.lines().find(|l| l.starts_with("summary:")).unwrap_or_default();
    let invalid = summary.split(", ").find_map(|p| p.trim().strip_prefix("D0214 invalid-json-body x")).unwrap_or("0");
    println!("example bodies that are not valid JSON (D0214, no test): {invalid}");
    println!("| step | time |");
    println!("|---|---:|");
    println!("| `gen` (child process, writes `{}`) | {} |", out.display(), secs(gen_time));
    println!("| generated crate | {files} `.rs` files, {lines} lines |");
    println!(
        "| `cargo check --no-default-features` (dependencies when not yet built, support module) | {} |",
        secs(deps_time)
    );
    for (area, t) in &area_times {
        println!("| `cargo check --no-default-features --features {area}`, from scratch | {} |", secs(*t));
    }
    println!("| `cargo check` (`full`), from scratch | {} |", secs(full_time));
    if args.clippy {
        let (t, _) = cargo(&out, &target, &["clippy", "--all-targets", "--", "-D", "warnings"])?;
        println!("| `cargo clippy --all-targets -- -D warnings` (`full`) | {} |", secs(t));
    }
    if args.each_area {
        // the models crate's features are the areas, and nothing else
        let toml = std::fs::read_to_string(out.join("models/Cargo.toml")).context("reading the models' Cargo.toml")?;
        let features = toml.split("\n[features]\n").nth(1).unwrap_or_default();
        let areas: Vec<&str> = features
            .lines()
            .take_while(|l| !l.starts_with('['))
            .filter_map(|l| l.split_once(" = ").map(|(name, _)| name))
            .collect();
        if areas.is_empty() {
            bail!("no area features in `{}`", out.join("models/Cargo.toml").display());
        }
        let started = Instant::now();
        for area in &areas {
            let args = ["clippy", "--all-targets", "--no-default-features", "--features", area, "--", "-D", "warnings"];
            cargo(&out, &target, &args)?;
        }
        println!(
            "| `cargo clippy --all-targets -- -D warnings` with each of the {} areas alone | {} |",
            areas.len(),
            secs(started.elapsed())
        );
    }
    if args.doc {
        let mut runs: Vec<Vec<&str>> = Vec::new();
        // `--workspace`: the models and endpoint crates too (and the vendored runtime)
        if let Some(area) = args.area.first() {
            runs.push(vec!["doc", "--no-deps", "--workspace", "--no-default-features", "--features", area]);
        }
        runs.push(vec!["doc", "--no-deps", "--workspace"]);
        for run in runs {
            let started = Instant::now();
            let out_doc = cargo_cmd(&out, &target, &run).env("RUSTDOCFLAGS", "-D warnings").output()?;
            if !out_doc.status.success() {
                bail!("cargo {} failed:\n{}", run.join(" "), String::from_utf8_lossy(&out_doc.stderr));
            }
            println!("| `cargo {}` (rustdoc `-D warnings`) | {} |", run.join(" "), secs(started.elapsed()));
        }
    }
    if args.test {
        let started = Instant::now();
        let res = cargo_cmd(&out, &target, &["test", "--test", "roundtrip", "--", "--test-threads", "2"])
            .output()
            .context("running the round-trip tests")?;
        let text = String::from_utf8_lossy(&res.stdout);
        let passed = text.lines().filter(|l| l.starts_with("test ") && l.ends_with(" ok")).count();
        let failed: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("test ") && l.ends_with(" FAILED"))
            .filter_map(|l| l.split_whitespace().nth(1))
            .collect();
        println!("| round-trip tests (`full`, build and run) | {} |", secs(started.elapsed()));
        let n = passed + failed.len();
        // A failure either did not deserialize (the `expect` message) or came back different.
        let blocks: Vec<&str> = text.split("\n---- ").skip(1).collect();
        let not_read = blocks
            .iter()
            .filter(|b| b.contains("\nrequest body: ") || b.contains("\nresponse: ") || b.contains("not a Graph error"))
            .count();
        let pct = |k: usize| if n == 0 { 0.0 } else { k as f64 * 100.0 / n as f64 };
        println!(
            "round-trip tests: {n} example bodies; {} deserialize into their type ({:.1}%); {passed} also write back \
             identically ({:.1}%); {not_read} do not deserialize, {} lose data on the way back",
            n - not_read,
            pct(n - not_read),
            pct(passed),
            failed.len() - not_read
        );
        for f in failed.iter().take(30) {
            println!("  failed: {f}");
        }
        if failed.len() > 30 {
            println!("  ... and {} more", failed.len() - 30);
        }
        if n == 0 {
            bail!("the round-trip tests did not run:\n{}", String::from_utf8_lossy(&res.stderr));
        }
    }
    println!("total: {}", secs(total.elapsed()));
    Ok(())
}

/// The `src/lib.rs` of the generated crate and of each member crate in its folder (one level
/// down: `models/`, `endpoints-<k>/`, a vendored runtime), sorted.
fn crate_roots(out: &Path) -> Result<Vec<PathBuf>> {
    let mut roots = vec![out.join("src/lib.rs")];
    for entry in std::fs::read_dir(out).with_context(|| format!("listing `{}`", out.display()))? {
        let lib = entry?.path().join("src/lib.rs");
        if lib.is_file() {
            roots.push(lib);
        }
    }
    roots.sort();
    Ok(roots)
}
