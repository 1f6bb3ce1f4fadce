//! Base types stated in several places: a `Derived types` section or prose on the base's
//! page, an annotation that names a further ancestor, prose that disagrees.

use codegen_core::diag::Code;
use std::fs;

fn page(name: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{body}"
    )
}

fn props(rows: &[&str]) -> String {
    let mut s = String::from("## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n");
    for r in rows {
        s.push_str(&format!("|{r}|String|Some text.|\n"));
    }
    s
}

fn annotated(name: &str, base: Option<&str>) -> String {
    let base = base.map_or(String::new(), |b| format!(", \"baseType\": \"microsoft.graph.{b}\""));
    format!(
        "\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{base} }} -->\n```json\n{{ }}\n```\n"
    )
}

/// The JSON representation block of a resource page: none, or an annotation with or
/// without a base.
enum Json {
    None,
    Plain,
    Base(&'static str),
}

/// A resource page: intro prose, a property table of String rows, a JSON representation.
fn resource(name: &str, intro: &str, rows: &[&str], json: Json) -> String {
    let mut body = if intro.is_empty() { String::new() } else { format!("{intro}\n\n") };
    body.push_str(&props(rows));
    match json {
        Json::None => {}
        Json::Plain => body.push_str(&annotated(name, None)),
        Json::Base(b) => body.push_str(&annotated(name, Some(b))),
    }
    page(name, &body)
}

fn run() -> (codegen_docs::pipeline::Output, tempfile::TempDir) {
    let files = [
        ("entity", resource("entity", "", &["id"], Json::Plain)),
        // a section with a table of derived types
        (
            "shape",
            resource(
                "shape",
                "An abstract figure.\n\n## Derived types\n\n|Type|Description|\n|:--|:--|\n|[circle](circle.md)|Round.|\n|[square](square.md)|Four sides.|",
                &["area"],
                Json::None,
            ),
        ),
        ("circle", resource("circle", "", &["radius"], Json::None)),
        ("square", resource("square", "", &["side"], Json::None)),
        // prose that lists the derived types inline, and a list after a colon
        (
            "vehicle",
            resource(
                "vehicle",
                "A thing that moves; the derived types are [car](car.md) and [boat](boat.md).",
                &["wheels"],
                Json::Base("entity"),
            ),
        ),
        ("car", resource("car", "", &["doors"], Json::Plain)),
        ("boat", resource("boat", "", &["keel"], Json::Plain)),
        (
            "payment",
            resource(
                "payment",
                "How a bill is settled. Supported derived types:\n\n- [cardPayment](cardpayment.md) charges a card.\n- [cashPayment](cashpayment.md) is paid in notes.\n\nMore words without a link.",
                &["amount"],
                Json::None,
            ),
        ),
        ("cardpayment", resource("cardPayment", "", &["number"], Json::None)),
        ("cashpayment", resource("cashPayment", "", &["currency"], Json::None)),
        // annotation says `entity`, prose names a derived type of entity: the prose wins
        (
            "truck",
            resource(
                "truck",
                "A heavy [vehicle](vehicle.md) for goods.\nThis type inherits from [vehicle](vehicle.md).",
                &["load"],
                Json::Base("entity"),
            ),
        ),
        // prose names an unrelated type: reported, the annotation is kept
        (
            "kite",
            resource("kite", "Flies on a string. Inherits from [shape](shape.md).", &["tail"], Json::Base("vehicle")),
        ),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("resources")).expect("mkdir");
    for (file, text) in &files {
        fs::write(dir.path().join(format!("resources/{file}.md")), text).expect("write");
    }
    (codegen_docs::pipeline::run(dir.path()).expect("readable"), dir)
}

fn base(out: &codegen_docs::pipeline::Output, name: &str) -> Option<String> {
    out.schema.find_type(&format!("microsoft.graph.{name}")).and_then(|t| t.base.as_ref().map(ToString::to_string))
}

fn diags(out: &codegen_docs::pipeline::Output, code: Code) -> Vec<(String, usize)> {
    out.diags
        .items
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (out.db.file(d.span.file).rel.clone(), out.db.file(d.span.file).line_col(d.span.start as usize).0))
        .collect()
}

#[test]
fn derived_types_listed_on_the_base_page_get_that_base() {
    let (out, _dir) = run();
    for (t, b) in [("circle", "shape"), ("square", "shape"), ("car", "vehicle"), ("boat", "vehicle")] {
        assert_eq!(base(&out, t).as_deref(), Some(format!("microsoft.graph.{b}").as_str()), "{t}");
    }
    assert_eq!(base(&out, "cardPayment").as_deref(), Some("microsoft.graph.payment"));
    assert_eq!(base(&out, "cashPayment").as_deref(), Some("microsoft.graph.payment"));
    // each is a note at the link on the base's page
    let listed = diags(&out, Code::D0117);
    assert!(listed.contains(&("resources/shape.md".to_string(), 16)), "{listed:?}");
    assert_eq!(listed.len(), 6, "{listed:?}");
}

#[test]
fn the_more_specific_of_two_agreeing_bases_wins_and_disagreement_is_reported() {
    let (out, _dir) = run();
    assert_eq!(base(&out, "truck").as_deref(), Some("microsoft.graph.vehicle"));
    assert_eq!(diags(&out, Code::D0116).len(), 1);
    assert_eq!(base(&out, "kite").as_deref(), Some("microsoft.graph.vehicle"));
    let disagree = diags(&out, Code::D0115);
    assert_eq!(disagree, vec![("resources/kite.md".to_string(), 10)]);
}

/// Kinds from use: a navigation target is an entity, a keyed type used only as a value is not.
#[test]
fn kinds_follow_how_the_tree_uses_a_type() {
    let owner = page(
        "garage",
        "## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key. Read-only.|\n|paint|[colour](colour.md)|The paint.|\n|stamp|[badge](badge.md)|Its badge.|\n\n## Relationships\n\n|Relationship|Type|Description|\n|:--|:--|:--|\n|bays|[bay](bay.md) collection|Parking bays.|\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.garage\", \"keyProperty\": \"id\" } -->\n```json\n{ }\n```\n",
    );
    // a value type that claims a key; a keyed type whose id is described as the key
    let colour = page("colour", "## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|hue|String|Which hue.|\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.colour\", \"keyProperty\": \"id\" } -->\n```json\n{ }\n```\n");
    let badge = page("badge", "## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key. Read-only.|\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.badge\", \"keyProperty\": \"id\" } -->\n```json\n{ }\n```\n");
    let bay = page("bay", &props(&["number"]));
    let ticket =
        page("ticket", "## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key. Read-only.|\n");
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("resources")).expect("mkdir");
    for (f, text) in [("garage", owner), ("colour", colour), ("badge", badge), ("bay", bay), ("ticket", ticket)] {
        fs::write(dir.path().join(format!("resources/{f}.md")), text).expect("write");
    }
    let out = codegen_docs::pipeline::run(dir.path()).expect("readable");
    let kind = |n: &str| out.schema.find_type(&format!("microsoft.graph.{n}")).map(|t| t.kind);
    use codegen_ir::TypeKind;
    assert_eq!(kind("bay"), Some(TypeKind::Entity));
    assert_eq!(kind("colour"), Some(TypeKind::Complex));
    assert_eq!(kind("badge"), Some(TypeKind::Entity));
    assert_eq!(kind("ticket"), Some(TypeKind::Entity), "an id described as the key");
    assert_eq!(diags(&out, Code::D0119), vec![("resources/bay.md".to_string(), 6)]);
    assert_eq!(diags(&out, Code::D0120).len(), 1);
}
