//! `cargo xtask fuzz [--time SECS] [TARGET]`: seeds each cargo-fuzz target's corpus from the
//! seed pages and `docs-input/` (pages, annotation bodies, HTTP blocks, request paths: made
//! at run time into `fuzz/corpus/`, never committed) and runs the targets one after another
//! with `cargo +nightly fuzz run`, each for the given time.

use anyhow::{bail, Context, Result};
use codegen_core::source::SourceDb;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TARGETS: &[&str] = &["markdown", "annotation", "http", "path_template", "pipeline"];

#[derive(clap::Args)]
pub struct FuzzArgs {
    /// Seconds per target.
    #[arg(long, default_value_t = 60)]
    time: u64,
    /// One target (markdown, annotation, http, path_template, pipeline); all when absent.
    target: Option<String>,
}

/// Corpus inputs of one target from the pages.
fn seeds_for(target: &str, pages: &[String]) -> Vec<String> {
    match target {
        "markdown" => pages.to_vec(),
        "pipeline" => pages.chunks(3).map(|c| c.join("\n=====\n")).collect(),
        "annotation" => {
            pages.iter().flat_map(|p| generator::pieces::between(p, "<!--", "-->")).map(str::to_string).collect()
        }
        "http" => pages
            .iter()
            .flat_map(|p| generator::pieces::between(p, "```http", "```"))
            .map(|b| b.trim_matches('\n').to_string())
            .collect(),
        "path_template" => pages
            .iter()
            .flat_map(|p| generator::pieces::between(p, "```http", "```"))
            .flat_map(str::lines)
            .filter_map(|l| l.split_whitespace().nth(1))
            .filter(|p| p.starts_with('/') || p.starts_with("http"))
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

fn write_corpus(dir: &Path, inputs: &[String]) -> Result<usize> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating `{}`", dir.display()))?;
    let mut seen = std::collections::BTreeSet::new();
    for input in inputs {
        if seen.insert(input.as_str()) {
            let path = dir.join(format!("seed-{:04}", seen.len()));
            std::fs::write(&path, input).with_context(|| format!("writing `{}`", path.display()))?;
        }
    }
    Ok(seen.len())
}

pub fn run(args: FuzzArgs) -> Result<()> {
    let targets: Vec<&str> = match &args.target {
        Some(t) if TARGETS.contains(&t.as_str()) => vec![t.as_str()],
        Some(t) => bail!("no fuzz target `{t}`; the targets are {}", TARGETS.join(", ")),
        None => TARGETS.to_vec(),
    };
    let mut pages = Vec::new();
    for root in [PathBuf::from("../shared/seeds"), PathBuf::from("docs-input")] {
        if root.exists() {
            let (db, _) = SourceDb::read_tree(&root).with_context(|| format!("reading `{}`", root.display()))?;
            pages.extend(db.files.iter().map(|f| f.text.clone()));
        }
    }
    // `cargo fuzz` fails the same way whether a target crashed or the tool is missing
    let probe = Command::new("cargo").args(["+nightly", "fuzz", "--version"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        bail!("`cargo +nightly fuzz` is not available: install it with `cargo install cargo-fuzz`");
    }
    for target in targets {
        let corpus = Path::new("fuzz/corpus").join(target);
        let n = write_corpus(&corpus, &seeds_for(target, &pages))?;
        eprintln!("fuzz `{target}`: {n} seed inputs, {} s", args.time);
        let corpus_arg = Path::new("corpus").join(target);
        let status = Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target])
            .arg(&corpus_arg)
            .arg("--")
            .arg(format!("-max_total_time={}", args.time))
            .current_dir("fuzz")
            .status()
            .context("running `cargo +nightly fuzz` (install it with `cargo install cargo-fuzz`)")?;
        if !status.success() {
            bail!("fuzz target `{target}` failed (crash input under fuzz/artifacts/{target}/)");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_cut_from_pages() {
        let page = "a <!-- {\"x\": 1} --> b\n```http\nGET /me/events\n```\n".to_string();
        assert_eq!(seeds_for("annotation", std::slice::from_ref(&page)), vec![" {\"x\": 1} "]);
        assert_eq!(seeds_for("http", std::slice::from_ref(&page)), vec!["GET /me/events"]);
        assert_eq!(seeds_for("path_template", std::slice::from_ref(&page)), vec!["/me/events"]);
        assert!(seeds_for("nothing", &[page]).is_empty());
    }
}
