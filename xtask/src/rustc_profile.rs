//! `cargo xtask rustc-profile --crate DIR [--features F]`: where rustc spends its time checking
//! a generated crate, per kind of body. It runs `cargo +nightly rustc --profile check` on the
//! crate with `-Zself-profile` (query keys on), reads the profile with `analyzeme`, and prints
//! the queries by self time and the outermost per-body queries (`typeck`, `mir_borrowck`,
//! `mir_built`, `check_well_formed`, ...) summed by the module kind and the name of the item
//! they check: `model deserialize` is every `deserialize` body under `models::`. That is how
//! the shape of the generated code is decided (README, "Figures"). Wall times on a shared
//! machine are noisy; the split between kinds in one run is not. The generated crate is a
//! facade over its members, so the folder to profile is one of them: `models/` or an
//! `endpoints-<k>/`.

use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

#[derive(clap::Args)]
pub struct ProfileArgs {
    /// The crate to check (a folder with `Cargo.toml`): a member of a generated crate,
    /// `models/` or `endpoints-<k>/`, or the generated crate itself (its facade only).
    #[arg(long = "crate", value_name = "DIR")]
    krate: PathBuf,
    /// The features to check with (`--no-default-features` plus these); when absent, `full`
    /// on a crate that has it, every feature on a member crate.
    #[arg(long)]
    features: Option<String>,
    /// Cargo's target folder (default `rustc-profile` in this workspace's target folder).
    #[arg(long)]
    target_dir: Option<PathBuf>,
    /// How many rows of each table to print.
    #[arg(long, default_value_t = 30)]
    top: usize,
}

/// The per-body queries whose outermost occurrence is charged to the body it checks.
const BODY_QUERIES: &[&str] =
    &["typeck_root", "typeck", "mir_borrowck", "mir_built", "thir_body", "check_well_formed", "check_mod_type_wf"];

pub fn run(args: ProfileArgs) -> Result<()> {
    let manifest = args.krate.join("Cargo.toml");
    if !manifest.is_file() {
        bail!("no `Cargo.toml` in `{}`", args.krate.display());
    }
    let target = args.target_dir.unwrap_or_else(|| {
        let t = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::project_root().join("target"));
        t.join("rustc-profile")
    });
    let out = target.join("self-profile");
    std::fs::create_dir_all(&out).with_context(|| format!("creating `{}`", out.display()))?;
    // the crate is checked again even when nothing changed: its root is touched
    let lib = args.krate.join("src/lib.rs");
    std::fs::File::options()
        .append(true)
        .open(&lib)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .with_context(|| format!("touching `{}`", lib.display()))?;
    let mut cmd = Command::new("cargo");
    cmd.args(["+nightly", "rustc", "--profile", "check", "--lib", "--manifest-path"]).arg(&manifest);
    match &args.features {
        Some(f) => cmd.args(["--no-default-features", "--features", f]),
        None => {
            let toml =
                std::fs::read_to_string(&manifest).with_context(|| format!("reading `{}`", manifest.display()))?;
            if toml.lines().any(|l| l.starts_with("full = ")) {
                cmd.args(["--features", "full"])
            } else {
                cmd.arg("--all-features")
            }
        }
    };
    cmd.arg("--").arg(format!("-Zself-profile={}", out.display())).arg("-Zself-profile-events=default,query-keys");
    cmd.env("CARGO_TARGET_DIR", &target).env("CARGO_INCREMENTAL", "0");
    let started = SystemTime::now();
    let status = cmd.status().context("running `cargo +nightly rustc` (is the nightly toolchain installed?)")?;
    if !status.success() {
        bail!("`cargo +nightly rustc` failed");
    }
    let profile = newest_profile(&out, started)?;
    let data = analyzeme::ProfilingData::new(&profile)
        .map_err(|e| anyhow::anyhow!("reading the profile `{}`: {e}", profile.display()))?;
    let tables = Tables::of(&data);
    print!("{}", tables.render(args.top));
    Ok(())
}

/// The profile this run wrote (`<crate>-<pid>.mm_profdata`), as the path stem analyzeme takes.
fn newest_profile(dir: &Path, since: SystemTime) -> Result<PathBuf> {
    let mut newest: Option<(SystemTime, PathBuf)> = None;
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading `{}`", dir.display()))? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("mm_profdata") {
            continue;
        }
        let modified = std::fs::metadata(&path)?.modified()?;
        if modified >= since && newest.as_ref().is_none_or(|(t, _)| modified > *t) {
            newest = Some((modified, path));
        }
    }
    match newest {
        Some((_, path)) => Ok(path.with_extension("")),
        None => bail!("rustc wrote no profile into `{}`", dir.display()),
    }
}

/// One interval of the profile.
struct Interval {
    start: SystemTime,
    end: SystemTime,
    label: String,
    key: String,
}

impl Interval {
    fn seconds(&self) -> f64 {
        self.end.duration_since(self.start).map(|d| d.as_secs_f64()).unwrap_or(0.0)
    }
}

/// Self time per query, and time of the outermost per-body queries per kind of body.
struct Tables {
    self_time: Vec<(String, f64)>,
    bodies: Vec<(String, f64, usize)>,
}

impl Tables {
    fn of(data: &analyzeme::ProfilingData) -> Tables {
        let mut threads: HashMap<u32, Vec<Interval>> = HashMap::new();
        for event in data.iter_full() {
            if let analyzeme::EventPayload::Timestamp(analyzeme::Timestamp::Interval { start, end }) = event.payload {
                let key = event.additional_data.first().map(|k| k.to_string()).unwrap_or_default();
                threads.entry(event.thread_id).or_default().push(Interval {
                    start,
                    end,
                    label: event.label.to_string(),
                    key,
                });
            }
        }
        let mut self_time: HashMap<String, f64> = HashMap::new();
        let mut bodies: HashMap<String, (f64, usize)> = HashMap::new();
        for (_, mut intervals) in threads {
            intervals.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            // (index, time of its children) of the enclosing intervals; the body root's depth
            let mut stack: Vec<(usize, f64)> = Vec::new();
            let mut body_depth: Option<usize> = None;
            for i in 0..intervals.len() {
                while let Some(&(j, children)) = stack.last() {
                    if intervals[j].end > intervals[i].start {
                        break;
                    }
                    stack.pop();
                    *self_time.entry(intervals[j].label.clone()).or_default() += intervals[j].seconds() - children;
                    if body_depth == Some(stack.len()) {
                        body_depth = None;
                    }
                }
                let seconds = intervals[i].seconds();
                if let Some(parent) = stack.last_mut() {
                    parent.1 += seconds;
                }
                if body_depth.is_none() && BODY_QUERIES.contains(&intervals[i].label.as_str()) {
                    body_depth = Some(stack.len());
                    let entry = bodies.entry(body_kind(&intervals[i].key)).or_default();
                    entry.0 += seconds;
                    entry.1 += 1;
                }
                stack.push((i, 0.0));
            }
            for (j, children) in stack {
                *self_time.entry(intervals[j].label.clone()).or_default() += intervals[j].seconds() - children;
            }
        }
        let mut self_time: Vec<(String, f64)> = self_time.into_iter().collect();
        self_time.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut bodies: Vec<(String, f64, usize)> = bodies.into_iter().map(|(k, (t, n))| (k, t, n)).collect();
        bodies.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Tables { self_time, bodies }
    }

    fn render(&self, top: usize) -> String {
        let total: f64 = self.self_time.iter().map(|(_, t)| t).sum();
        let in_bodies: f64 = self.bodies.iter().map(|(_, t, _)| t).sum();
        let mut out =
            format!("rustc self time {total:.2} s (profiling included); per-body queries {in_bodies:.2} s\n\n");
        out.push_str("self time  query\n");
        for (label, t) in self.self_time.iter().take(top) {
            out.push_str(&format!("{t:9.3}  {label}\n"));
        }
        out.push_str("\n     time  queries  body kind (module kind, item name)\n");
        for (kind, t, n) in self.bodies.iter().take(top) {
            out.push_str(&format!("{t:9.3}  {n:7}  {kind}\n"));
        }
        out
    }
}

/// `generated::models::microsoft_graph::{{impl}}[12]::deserialize` -> `model deserialize`.
fn body_kind(key: &str) -> String {
    let module = if key.contains("::endpoints::") {
        "endpoint"
    } else if key.contains("::models::") {
        "model"
    } else {
        "other"
    };
    let item = key.rsplit("::").next().unwrap_or_default();
    let item = if item.starts_with("{{") { "(impl)" } else { item };
    format!("{module} {item}")
}

#[cfg(test)]
mod tests {
    use super::body_kind;

    #[test]
    fn bodies_are_grouped_by_module_kind_and_item_name() {
        assert_eq!(body_kind("generated::models::microsoft_graph::{{impl}}[3020]::eq"), "model eq");
        assert_eq!(
            body_kind("generated::endpoints::users::{{impl}}[7]::request_with_base"),
            "endpoint request_with_base"
        );
        assert_eq!(body_kind("generated::endpoints::users::{{impl}}[7]"), "endpoint (impl)");
        assert_eq!(body_kind("generated::support::x"), "other x");
    }
}
