//! Bad input never panics: each fault gives a diagnostic and the rest of the tree is read.

use codegen_core::diag::Code;
use std::fs;

fn tree(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, bytes).expect("write");
    }
    dir
}

const GOOD: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n";

fn codes(out: &codegen_docs::pipeline::Output, rel: &str) -> Vec<Code> {
    out.diags.items.iter().filter(|d| out.db.file(d.span.file).rel == rel).map(|d| d.code).collect()
}

#[test]
fn bad_files_are_diagnosed_and_the_good_page_still_read() {
    let mut huge_line = b"# big\n\n".to_vec();
    huge_line.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    let mut big_table = String::from("# t resource type\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n");
    for i in 0..100_000 {
        big_table.push_str(&format!("|p{i}|String|d|\n"));
    }
    let dir = tree(&[
        ("resources/widget.md", GOOD.as_bytes().to_vec()),
        ("resources/empty.md", Vec::new()),
        ("resources/binary.md", vec![0, 159, 146, 150, 0, 1]),
        ("resources/latin1.md", b"# caf\xe9 resource type\n".to_vec()),
        ("resources/fence.md", b"# f resource type\n\n```json\n{\n".to_vec()),
        ("resources/comment.md", b"# c resource type\n\n<!-- { \"blockType\": \"resource\"\n\nrest\n".to_vec()),
        ("resources/huge.md", huge_line),
        ("resources/t.md", big_table.into_bytes()),
    ]);
    let out = codegen_docs::pipeline::run(dir.path()).expect("readable");
    assert!(codes(&out, "resources/empty.md").contains(&Code::D0003));
    assert!(codes(&out, "resources/binary.md").contains(&Code::D0002));
    assert!(codes(&out, "resources/latin1.md").contains(&Code::D0001));
    assert!(codes(&out, "resources/fence.md").contains(&Code::D0008));
    assert!(codes(&out, "resources/comment.md").contains(&Code::D0009));
    assert!(out.schema.find_type("microsoft.graph.widget").is_some_and(|t| t.properties.len() == 1));
    let t = out.schema.find_type("microsoft.graph.t").expect("big table type");
    assert_eq!(t.properties.len(), 100_000);
    // rendering a diagnostic on the 10 MB line stays short
    for d in &out.diags.items {
        let text = codegen_core::render::human(&out.db, d);
        assert!(text.len() < 10_000, "rendered {} bytes", text.len());
    }
}

#[test]
fn malformed_annotations_and_tables_do_not_stop_the_page() {
    let page = "---\ntitle: \"gadget resource type\"\ndoc_type: resourcePageType\n---\n\n# gadget resource type\n\n## Properties\n\n|Property|Type|Description|\n|--|--|--|\n|a|String|x|extra|\n|b|\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadget\", } -->\n```json\n{ \"a\": \"String\" }\n```\n\n<!-- { \"blockType\": [ } -->\n```json\n{}\n```\n";
    let dir = tree(&[("resources/gadget.md", page.as_bytes().to_vec())]);
    let out = codegen_docs::pipeline::run(dir.path()).expect("readable");
    let c = codes(&out, "resources/gadget.md");
    assert!(c.contains(&Code::D0011), "{c:?}");
    assert!(c.contains(&Code::D0012), "{c:?}");
    assert!(c.contains(&Code::D0017), "{c:?}");
    assert!(c.contains(&Code::D0112), "{c:?}");
    let t = out.schema.find_type("microsoft.graph.gadget").expect("type");
    assert_eq!(t.properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
}

#[test]
fn a_link_in_other_case_is_followed_with_a_note() {
    let base = "---\ntitle: \"sprocket resource type\"\ndoc_type: resourcePageType\n---\n\n# sprocket resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|teeth|Int32|How many.|\n";
    let user = "---\ntitle: \"bike resource type\"\ndoc_type: resourcePageType\n---\n\n# bike resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|front|[sprocket](SprocKet.md)|The front one.|\n|rear|[sprocket](nowhere.md)|The rear one.|\n";
    let dir =
        tree(&[("resources/sprocket.md", base.as_bytes().to_vec()), ("resources/bike.md", user.as_bytes().to_vec())]);
    let out = codegen_docs::pipeline::run(dir.path()).expect("readable");
    let bike = codes(&out, "resources/bike.md");
    assert_eq!(bike.iter().filter(|c| **c == Code::D0118).count(), 1, "{bike:?}");
    assert_eq!(bike.iter().filter(|c| **c == Code::D0111).count(), 1, "{bike:?}");
    let t = out.schema.find_type("microsoft.graph.bike").expect("bike");
    assert_eq!(t.properties[0].ty.name, "microsoft.graph.sprocket");
}
