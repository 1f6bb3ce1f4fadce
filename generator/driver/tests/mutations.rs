//! The pipeline never panics: every seed page, cut at many places and with bytes flipped,
//! inserted and duplicated (a fixed pseudo-random sequence, so failures reproduce), still
//! goes through the whole front end and the emitter.

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
