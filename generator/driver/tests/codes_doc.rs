//! DIAGNOSTICS.md lists every code; this test fails when it falls behind `diag.rs`
//! (regenerate it with `cargo xtask codes > DIAGNOSTICS.md` after the header lines).

const HEADER: &str =
    "# Diagnostic codes\n\n`D0xxx` are faults of the docs, `C0xxx` faults of the metadata (CSDL), `M0xxx` \
disagreements between the docs and the metadata (the merge and `cargo xtask diff`), `E0xxx` limits of the generator. \
Allow one with `--allow CODE`, make one an error with `--deny CODE` (or all warnings with `--deny warnings`).\n\n";

#[test]
fn diagnostics_md_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../DIAGNOSTICS.md");
    let want = format!("{HEADER}{}", codegen_core::render::code_table());
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have != want {
        if std::env::var_os("UPDATE_DIAGNOSTICS_MD").is_some() {
            std::fs::write(path, &want).expect("write DIAGNOSTICS.md");
        } else {
            panic!("DIAGNOSTICS.md is stale: run `UPDATE_DIAGNOSTICS_MD=1 cargo test -p generator --test codes_doc`");
        }
    }
}
