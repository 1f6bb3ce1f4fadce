//! Annotation comments (`<!-- { ... } -->` bodies): the lenient reader and its repair.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut diags = codegen_core::diag::Diagnostics::default();
    let _ = codegen_docs::annotation::parse(&text, codegen_core::diag::Span::default(), &mut diags);
    let _ = codegen_docs::annotation::repair(&text);
});
