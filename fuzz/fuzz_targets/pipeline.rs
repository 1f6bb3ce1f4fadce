//! The whole pipeline from a small docs tree: the input is split at `\n=====\n` into up to
//! four pages (resources first, then API pages), which go through the front end and the
//! Rust back end.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut db = codegen_core::source::SourceDb::default();
    for (i, page) in text.split("\n=====\n").take(4).enumerate() {
        let rel = if i % 2 == 0 { format!("resources/page{i}.md") } else { format!("api/page{i}.md") };
        db.add(&rel, page);
    }
    let out = codegen_docs::pipeline::run_db(db, codegen_core::diag::Diagnostics::default());
    let _ = codegen_rust::files(&out.schema, &codegen_rust::Options::default());
});
