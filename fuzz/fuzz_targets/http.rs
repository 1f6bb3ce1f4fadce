//! HTTP messages: the input is the request block and the example exchange of an API page,
//! read by the whole front end (request lines, headers, bodies, paths).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (request, response) = text.split_once("\n\n\n").unwrap_or((&text, "HTTP/1.1 204 No Content"));
    let page = format!(
        "---\ntitle: \"Get thing\"\ndoc_type: apiPageType\n---\n\n# Get thing\n\nNamespace: microsoft.graph\n\n\
         ## HTTP request\n\n```http\n{request}\n```\n\n## Examples\n\n### Request\n\n\
         <!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"get_thing\"\n}} -->\n```http\n{request}\n```\n\n\
         ### Response\n\n<!-- {{\n  \"blockType\": \"response\"\n}} -->\n```http\n{response}\n```\n"
    );
    let mut db = codegen_core::source::SourceDb::default();
    db.add("api/thing-get.md", &page);
    let _ = codegen_docs::pipeline::run_db(db, codegen_core::diag::Diagnostics::default());
});
