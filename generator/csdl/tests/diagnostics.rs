//! Faults of the metadata: each one diagnostic at its line and column, never a panic.

mod common;

use codegen_core::diag::Code;
use common::{places, read};

#[test]
fn every_fault_of_the_faulty_fixture_at_its_place() {
    let text = std::fs::read_to_string(common::fixture("faulty.xml")).expect("fixture");
    let (db, out) = read(&text);
    let got = places(&db, &out.diags.items);
    let want = [
        (Code::C0003, 4, 7),  // EntityType without Name
        (Code::C0107, 7, 7),  // loop1 -> loop2 -> loop1: no key anywhere
        (Code::C0103, 7, 32), // ... and a cycle, at `BaseType`
        (Code::C0107, 8, 7),
        (Code::C0103, 8, 32),
        (Code::C0004, 9, 33),  // Abstract="maybe"
        (Code::C0105, 10, 9),  // key on a complex type
        (Code::C0102, 11, 9),  // `side` declared twice: the first is dropped
        (Code::C0101, 13, 32), // unknown type, at `Type`
        (Code::C0101, 14, 33), // unknown EDM type
        (Code::C0005, 15, 9),  // unknown element
        (Code::C0106, 18, 27), // key names no property, at `Name`
        (Code::C0104, 20, 44), // navigation to a complex type
        (Code::C0107, 22, 7),  // entity without key
        (Code::C0004, 24, 28), // Value="one"
        (Code::C0108, 27, 7),  // bound without parameters
        (Code::C0109, 28, 7),  // annotation target names nothing
    ];
    assert_eq!(got, want, "{:#?}", out.diags.items.iter().map(|d| &d.message).collect::<Vec<_>>());
    for d in &out.diags.items {
        assert!(d.help.is_some(), "every diagnostic has help: {}", d.message);
    }
    // the later `side` is kept; the member after a bad value counts on from nothing known
    let shape = out.schema.find_type("bad.ns.shape").expect("shape");
    assert_eq!(shape.properties.first().map(|p| p.ty.name.as_str()), Some("Edm.Int64"));
    let level = out.schema.find_type("bad.ns.level").expect("level");
    assert_eq!(level.members.iter().map(|m| m.value).collect::<Vec<_>>(), [None, Some(0)]);
}

#[test]
fn malformed_xml_is_one_error_at_the_place_the_parser_stopped() {
    let (db, out) =
        read("<edmx:Edmx xmlns:edmx=\"x\">\n  <Schema Namespace=\"a\">\n    <EntityType Name=\"t\">\n  </Schema>\n");
    assert_eq!(places(&db, &out.diags.items), [(Code::C0001, 4, 3)]);
    assert!(out.schema.types.is_empty());
}

#[test]
fn not_metadata() {
    let (db, out) = read("<html><body>hello</body></html>");
    let codes: Vec<Code> = places(&db, &out.diags.items).into_iter().map(|p| p.0).collect();
    assert_eq!(codes, [Code::C0002, Code::C0002]);
}

#[test]
fn odd_inputs_never_panic() {
    let deep = format!(
        "<Edmx><Schema Namespace=\"n\"><Annotations Target=\"n.x\"><Annotation Term=\"T\">{}{}</Annotation></Annotations></Schema></Edmx>",
        "<Collection>".repeat(200),
        "</Collection>".repeat(200)
    );
    let huge_name =
        format!("<Edmx><Schema Namespace=\"n\"><ComplexType Name=\"{}\"/></Schema></Edmx>", "é".repeat(5000));
    let inputs = [
        "",
        "   ",
        "\u{feff}<Edmx/>",
        "<Edmx><Schema/></Edmx>",
        "<Edmx><Schema Namespace=\"n\"><EnumType Name=\"e\"><Member Name=\"a\" Value=\"9223372036854775807\"/><Member Name=\"b\"/></EnumType></Schema></Edmx>",
        "<Edmx><Schema Namespace=\"n\"><EntityType Name=\"t\" BaseType=\"n.t\"><Key><PropertyRef/></Key></EntityType></Schema></Edmx>",
        "<Edmx><Schema Namespace=\"n\"><EntityType Name=\"t\"><Property Name=\"p\" Type=\"Collection(Collection(n.t))\"/></EntityType></Schema></Edmx>",
        "<Edmx><Schema Namespace=\"n\"><ComplexType Name=\"c\"><Property Name=\"untyped\"/></ComplexType></Schema></Edmx>",
        "<Edmx><Schema Namespace=\"n\"><EntityContainer Name=\"c\"><EntitySet Name=\"s\" EntityType=\"n.none\"/><FunctionImport Name=\"f\" Function=\"n.f\"/></EntityContainer></Schema></Edmx>",
        "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Edmx>&c;</Edmx>",
        &deep,
        &huge_name,
    ];
    for text in inputs {
        let (db, out) = read(text);
        for d in &out.diags.items {
            assert!(db.get(d.span.file).is_some());
            assert!(!d.message.is_empty());
        }
    }
    // the largest value ends the count on: the next member has no value, not an overflow
    let (_, out) = read(inputs[4]);
    let e = out.schema.find_type("n.e").expect("enum");
    assert_eq!(e.members.iter().map(|m| m.value).collect::<Vec<_>>(), [Some(i64::MAX), None]);
    // a property without a type keeps its name, untyped
    let (_, out) = read(inputs[7]);
    let c = out.schema.find_type("n.c").expect("complex");
    assert_eq!(c.properties.first().map(|p| p.ty.name.as_str()), Some("Edm.Untyped"));
    assert_eq!(out.diags.items.first().map(|d| d.code), Some(Code::C0003));
}

#[test]
fn output_is_deterministic() {
    let text = std::fs::read_to_string(common::fixture("library.xml")).expect("fixture");
    let (_, a) = read(&text);
    let (_, b) = read(&text);
    assert_eq!(a.schema.to_json(true).ok(), b.schema.to_json(true).ok());
}
