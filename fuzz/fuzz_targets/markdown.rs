//! The markdown reader: any bytes, decoded lossily as `SourceDb` does, parse to a page.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut db = codegen_core::source::SourceDb::default();
    let id = db.add("resources/fuzz.md", &text);
    let _ = codegen_docs::markdown::parse(id, db.file(id));
});
