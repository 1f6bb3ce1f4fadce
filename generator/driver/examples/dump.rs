//! Prints the parsed blocks of one page (a debugging aid): `cargo run -p generator --example dump -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let file = codegen_core::source::SourceFile::new(path.as_str(), text);
    let (page, diags) = codegen_docs::markdown::parse(codegen_core::diag::FileId(0), &file);
    println!("kind {:?} title {:?} ns {:?}", page.kind, page.title_text(), page.namespace);
    for b in &page.blocks {
        match b {
            codegen_docs::markdown::Block::Heading { level, inline, .. } => println!("H{level} {}", inline.text),
            codegen_docs::markdown::Block::Paragraph(i) => {
                println!("P {}", i.text.chars().take(80).collect::<String>())
            }
            codegen_docs::markdown::Block::Table(t) => {
                let h: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
                println!("T {:?} rows={} annotated={}", h, t.rows.len(), t.annotation.is_some());
            }
            codegen_docs::markdown::Block::Code(c) => {
                println!("C {} {} bytes annotated={}", c.lang, c.text.len(), c.annotation.is_some())
            }
            codegen_docs::markdown::Block::Include(i) => println!("I {}", i.target),
        }
    }
    for d in diags.items {
        println!("diag {} {}", d.code.as_str(), d.message);
    }
}
