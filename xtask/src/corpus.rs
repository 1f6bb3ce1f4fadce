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
    /// The crate folder to write (default: `graph-corpus-crate` in the temp folder).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Cargo's target folder for the generated crate (default: `corpus-check` in this
    /// workspace's target folder, so reruns are incremental).
    #[arg(long)]
    target_dir: Option<PathBuf>,
    /// The area (Cargo feature) to check alone.
    #[arg(long, default_value = "users")]
    area: String,
    /// Also run clippy (`-D warnings`, all targets) with `full`.
    #[arg(long)]
    clippy: bool,
    /// Also run the round-trip tests of the examples with `full` and count the results.
    #[arg(long)]
    test: bool,
}

fn cargo_cmd(dir: &Path, target: &Path, args: &[&str]) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(args).current_dir(dir).env("CARGO_TARGET_DIR", target).env_remove("RUSTFLAGS");
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
    let gen = Command::new(exe)
        .args(["gen", "--quiet", "--stats", "--input"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .context("running gen")?;
    let gen_time = started.elapsed();
    let stderr = String::from_utf8_lossy(&gen.stderr);
    if !gen.status.success() && !out.join("Cargo.toml").exists() {
        bail!("gen failed:\n{stderr}");
    }
    let stats = stderr.lines().find(|l| l.starts_with("stats:")).unwrap_or("stats: none").to_string();
    // The workspace's lock pins the dependencies' versions (and lets cargo use its cache).
    let lock = out.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root.join("Cargo.lock"), &lock).context("copying Cargo.lock")?;
    }
    let (files, lines) = count_rs(&out);

    let area = ["check", "--no-default-features", "--features", args.area.as_str()];
    let (area_time, _) = cargo(&out, &target, &area)?;
    let (full_time, _) = cargo(&out, &target, &["check"])?;
    // Again after touching the crate: the crate alone, dependencies already checked.
    let touch = |p: &Path| -> Result<()> {
        let text = std::fs::read(p)?;
        std::fs::write(p, text)?;
        Ok(())
    };
    touch(&out.join("src/lib.rs"))?;
    let (area_again, _) = cargo(&out, &target, &area)?;
    touch(&out.join("src/lib.rs"))?;
    let (full_again, _) = cargo(&out, &target, &["check"])?;

    println!("corpus: {}", input.display());
    println!("{stats}");
    println!("| step | time |");
    println!("|---|---:|");
    println!("| `gen` (child process, writes `{}`) | {} |", out.display(), secs(gen_time));
    println!("| generated crate | {files} `.rs` files, {lines} lines |");
    println!(
        "| `cargo check --no-default-features --features {}` (first, with dependencies) | {} |",
        args.area,
        secs(area_time)
    );
    println!("| `cargo check` (`full`, dependencies already checked) | {} |", secs(full_time));
    println!("| `cargo check --no-default-features --features {}`, crate only | {} |", args.area, secs(area_again));
    println!("| `cargo check` (`full`), crate only | {} |", secs(full_again));
    if args.clippy {
        let (t, _) = cargo(&out, &target, &["clippy", "--all-targets", "--", "-D", "warnings"])?;
        println!("| `cargo clippy --all-targets -- -D warnings` (`full`) | {} |", secs(t));
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
        let rate = if n == 0 { 0.0 } else { passed as f64 * 100.0 / n as f64 };
        println!("round-trip tests: {passed} passed, {} failed ({rate:.1}% pass)", failed.len());
        for f in &failed {
            println!("  failed: {f}");
        }
        if n == 0 {
            bail!("the round-trip tests did not run:\n{}", String::from_utf8_lossy(&res.stderr));
        }
    }
    println!("total: {}", secs(total.elapsed()));
    Ok(())
}
