//! Path templates: parsing, the pieces, the parameters and the text form never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let t = codegen_ir::PathTemplate::parse(&text);
    let _ = t.params();
    let _ = t.pieces();
    let _ = t.to_string();
    for s in codegen_ir::path::split_segments(&text) {
        let seg = codegen_ir::path::Segment::parse(s);
        let _ = seg.text();
        let _ = seg.params();
    }
});
