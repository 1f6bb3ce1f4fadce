//! The pipeline never panics: every seed page, cut at many places and with bytes flipped,
//! inserted and duplicated (a fixed pseudo-random sequence, so failures reproduce), still
//! goes through the whole front end and the emitter. A second test is the fixed-seed subset
//! of the fuzz targets for annotations, path templates and HTTP blocks.

mod common;

use codegen_core::diag::Diagnostics;
use codegen_core::source::SourceDb;

/// A small deterministic generator (xorshift), enough to spread mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NASTY: &[&str] = &[
    "|", "`", "```", "<!--", "-->", "{", "}", "\"", "\\", "\n", "\r\n", "#", "[", "](", ")", "**", "\u{200b}", "é",
    "\t",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => bytes.truncate(at),
            1 => {
                let s = NASTY[rng.below(NASTY.len())];
                bytes.splice(at..at, s.bytes());
            }
            2 => {
                let end = (at + rng.below(200)).min(bytes.len());
                let chunk = bytes[at..end].to_vec();
                bytes.splice(at..at, chunk);
            }
            _ => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = (rng.next() & 0xff) as u8;
                }
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn mutated_seed_pages_never_panic() {
    let (seeds, _) = SourceDb::read_tree(&common::seeds()).expect("seeds readable");
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for round in 0..200 {
        let mut db = SourceDb::default();
        for f in &seeds.files {
            db.add(&format!("api/{round}-{}", f.rel), &mutate(&f.text, &mut rng));
        }
        db.add("resources/extra.md", &mutate(&seeds.files[round % seeds.files.len()].text, &mut rng));
        let out = codegen_docs::pipeline::run_db(db, Diagnostics::default());
        let (files, _) = codegen_rust::files(&out.schema, &codegen_rust::Options::default());
        assert!(!files.is_empty());
        for d in &out.diags.items {
            let _ = codegen_core::render::human(&out.db, d);
        }
    }
}

/// The fixed-seed subset of the `annotation`, `path_template` and `http` fuzz targets
/// (`fuzz/`): annotation bodies, request paths and whole HTTP blocks of the seeds and of
/// the hostile tree, mutated, never panic their readers.
#[test]
fn mutated_annotations_paths_and_http_blocks_never_panic() {
    let (seeds, _) = SourceDb::read_tree(&common::seeds()).expect("seeds readable");
    let hostile = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let (hostile, _) = SourceDb::read_tree(&hostile).expect("hostile tree readable");
    let texts: Vec<&str> = seeds.files.iter().chain(&hostile.files).map(|f| f.text.as_str()).collect();
    let annotations: Vec<&str> = texts.iter().flat_map(|t| generator::pieces::between(t, "<!--", "-->")).collect();
    let blocks: Vec<&str> = texts.iter().flat_map(|t| generator::pieces::between(t, "```http", "```")).collect();
    let paths: Vec<&str> = blocks.iter().flat_map(|b| b.lines()).filter_map(|l| l.split_whitespace().nth(1)).collect();
    assert!(!annotations.is_empty() && !blocks.is_empty() && !paths.is_empty());
    let mut rng = Rng(0x0bad_cafe_f00d_0001);
    for round in 0..400 {
        let a = mutate(annotations[round % annotations.len()], &mut rng);
        let mut diags = Diagnostics::default();
        let _ = codegen_docs::annotation::parse(&a, codegen_core::diag::Span::default(), &mut diags);
        let _ = codegen_docs::annotation::repair(&a);
        let p = mutate(paths[round % paths.len()], &mut rng);
        let t = codegen_ir::PathTemplate::parse(&p);
        let _ = (t.params(), t.pieces(), t.to_string());
        for s in codegen_ir::path::split_segments(&p) {
            let seg = codegen_ir::Segment::parse(s);
            let _ = (seg.text(), seg.params());
        }
    }
    for round in 0..60 {
        let request = mutate(blocks[round % blocks.len()], &mut rng);
        let response = mutate(blocks[(round * 7 + 1) % blocks.len()], &mut rng);
        let page = format!(
            "---\ntitle: \"Get thing\"\ndoc_type: apiPageType\n---\n\n# Get thing\n\n## HTTP request\n\n\
             ```http\n{request}\n```\n\n## Examples\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"t\" }} -->\n\
             ```http\n{request}\n```\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\n{response}\n```\n"
        );
        let mut db = SourceDb::default();
        db.add("api/thing-get.md", &page);
        let out = codegen_docs::pipeline::run_db(db, Diagnostics::default());
        let _ = codegen_rust::files(&out.schema, &codegen_rust::Options::default());
    }
}
