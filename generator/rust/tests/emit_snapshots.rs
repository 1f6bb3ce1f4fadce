//! Snapshots of emitted code for small hand-built schemas, one per emission rule, and the
//! byte-identical output of two runs.

use codegen_ir::{Schema, TypeDef, TypeKind};
use codegen_rust::context::Context;
use codegen_rust::naming::{Case, Scope};
use codegen_rust::print::Piece;
use codegen_rust::{self as emit, dispatch, endpoints, enums, models, Note, Options};

fn fixture() -> Schema {
    let text = include_str!("fixtures/schema.json");
    let mut schema: Schema = serde_json::from_str(text).expect("fixture parses");
    schema.sort();
    schema
}

fn print(pieces: Vec<Piece>) -> String {
    emit::print::unparse(emit::print::items(pieces).expect("emitted tokens parse"))
}

fn find<'a>(schema: &'a Schema, name: &str) -> &'a TypeDef {
    schema.types.iter().find(|t| t.name == name).expect("type in fixture")
}

fn model(name: &str) -> String {
    let schema = fixture();
    let mut notes = Vec::new();
    let ctx = Context::new(&schema, &mut notes);
    let t = find(&schema, name);
    let mut out = match t.kind {
        TypeKind::Enum => vec![enums::enum_def(&ctx, t, &mut notes)],
        _ => models::struct_def(&ctx, t, &mut notes),
    };
    if ctx.descendants.contains_key(t.qualified().as_str()) {
        out.push(dispatch::any_enum(&ctx, t, &mut notes).into());
    }
    print(out)
}

fn endpoint(id: &str) -> String {
    let schema = fixture();
    let mut notes = Vec::new();
    let ctx = Context::new(&schema, &mut notes);
    let op = schema.operations.iter().find(|o| o.id == id).expect("operation in fixture");
    let mut scope = Scope::default();
    let (tokens, _) = endpoints::endpoint(&ctx, op, &mut scope, &mut notes).expect("emitted");
    print(tokens)
}

#[test]
fn struct_with_inherited_properties() {
    insta::assert_snapshot!(model("operation"));
}

#[test]
fn derived_struct_flattens_the_whole_chain() {
    let text = model("richLongRunningOperation");
    assert!(text.contains("pub id: Option<String>"), "entity's id is inherited");
    assert!(text.contains("pub resource_location: Option<String>"), "parent's properties are inherited");
    insta::assert_snapshot!(text);
}

#[test]
fn open_complex_type_with_every_primitive() {
    insta::assert_snapshot!(model("propertyBag"));
}

#[test]
fn self_referencing_type_is_boxed() {
    let text = model("treeNode");
    assert!(text.contains("pub parent: Option<Box<TreeNode>>"));
    assert!(text.contains("pub children: Option<Vec<TreeNode>>"));
    insta::assert_snapshot!(text);
}

#[test]
fn enum_with_catch_all() {
    insta::assert_snapshot!(model("longRunningOperationStatus"));
}

#[test]
fn flags_enum() {
    insta::assert_snapshot!(model("dayOfWeekSet"));
}

#[test]
fn polymorphic_dispatch_on_odata_type() {
    insta::assert_snapshot!(model("longRunningOperation"));
}

#[test]
fn abstract_base_has_no_own_variant() {
    let text = model("entity");
    assert!(!text.contains("Entity(Box<Entity>)"));
    assert!(text.contains("Other(Box<Entity>)"));
    assert!(text.contains("DeviceManagement(Box<DeviceManagement>)"));
}

#[test]
fn names_made_valid_and_unique() {
    insta::assert_snapshot!(model("naming"));
}

#[test]
fn endpoint_list_with_query_options() {
    insta::assert_snapshot!(endpoint("operation-list"));
}

#[test]
fn endpoint_update_with_body_and_no_content() {
    insta::assert_snapshot!(endpoint("operation-update"));
}

#[test]
fn endpoint_action_with_body_parameters() {
    insta::assert_snapshot!(endpoint("operation-cancel"));
}

#[test]
fn diagnostics_of_renames_and_skipped_items() {
    let (_, notes) = emit::files(&fixture(), &Options::default());
    let lines: Vec<String> = notes
        .iter()
        .map(|n: &Note| {
            format!(
                "{} {} @ {}",
                n.code.as_str(),
                n.message,
                n.source.as_ref().map_or_else(|| "-".to_string(), ToString::to_string)
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn output_is_byte_identical_across_runs() {
    let a = emit::files(&fixture(), &Options::default());
    let b = emit::files(&fixture(), &Options::default());
    assert_eq!(a, b);
    // The order of the types in the input does not matter either.
    let mut reversed = fixture();
    reversed.types.reverse();
    reversed.operations.reverse();
    let c = emit::files(&reversed, &Options::default());
    assert_eq!(a.0.len(), c.0.len());
    for (x, y) in a.0.iter().zip(&c.0) {
        assert!(x == y, "{} differs when the input order changes", x.path);
    }
}

#[test]
fn every_file_has_the_header() {
    let (files, _) = emit::files(&fixture(), &Options::default());
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    insta::assert_snapshot!(paths.join("\n"));
    for f in &files {
        assert!(f.contents.lines().next().is_some_and(|l| l.contains(emit::HEADER)), "{}", f.path);
    }
}

#[test]
fn standalone_crate_gets_a_workspace_table_and_a_vendored_runtime() {
    let options = Options { crate_name: "generated".into(), standalone: true, ..Default::default() };
    let (files, _) = emit::files(&fixture(), &options);
    let toml = files.iter().find(|f| f.path == "Cargo.toml").expect("Cargo.toml");
    assert!(toml.contents.contains("\n[workspace]\n"));
    assert!(toml.contents.contains("graph-runtime = { path = \"graph-runtime\" }"), "{}", toml.contents);
    let vendored: Vec<&str> =
        files.iter().map(|f| f.path.as_str()).filter(|p| p.starts_with("graph-runtime/")).collect();
    assert!(vendored.contains(&"graph-runtime/Cargo.toml") && vendored.contains(&"graph-runtime/src/client/mod.rs"));
    assert_eq!(vendored.len(), emit::runtime::SOURCES.len() + 1);

    let (files, _) = emit::files(&fixture(), &Options::default());
    let toml = files.iter().find(|f| f.path == "Cargo.toml").expect("Cargo.toml");
    assert!(!toml.contents.contains("[workspace]"));
    assert!(toml.contents.contains("graph-runtime = { path = \"../generator/runtime\" }"));
    assert!(toml.contents.contains("client = [\"graph-runtime/client\"]"));
    assert!(!files.iter().any(|f| f.path.starts_with("graph-runtime/")), "the workspace's runtime is shared");
}

#[test]
fn names_collide_in_one_scope_only() {
    let mut a = Scope::default();
    let mut b = Scope::default();
    assert_eq!(a.name("item", Case::Camel).ident, "Item");
    assert_eq!(b.name("item", Case::Camel).ident, "Item");
    assert_eq!(a.name("ITEM", Case::Camel).ident, "Item2");
}

#[test]
fn enum_members_with_odd_names() {
    let text = model("weirdMembers");
    assert_eq!(text.matches("\"dup\" =>").count(), 1, "a duplicate member is emitted once");
    insta::assert_snapshot!(text);
}

#[test]
fn enum_without_members_still_has_its_catch_all() {
    insta::assert_snapshot!(model("emptyEnum"));
}

#[test]
fn update_struct_of_a_patch_body() {
    let schema = fixture();
    let mut notes = Vec::new();
    let ctx = Context::new(&schema, &mut notes);
    let text = print(models::patch_def(&ctx, find(&schema, "operation"), &mut notes));
    assert!(text.contains("pub status: ::graph_runtime::Patch<OperationStatus>"), "{text}");
    assert!(text.contains("impl From<Operation> for OperationPatch"));
    assert!(
        print(models::patch_def(&ctx, find(&schema, "longRunningOperation"), &mut notes)).is_empty(),
        "no PATCH body"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn evolvable_enums_ask_for_unknown_members() {
    let text = endpoint("longrunningoperation-get");
    assert!(text.contains("RequestOptions::evolvable_enums()"), "{text}");
    assert!(!endpoint("operation-get").contains("evolvable_enums"), "operationStatus has no unknownFutureValue");
    let list = endpoint("operation-list");
    assert!(list.contains("level: ::graph_runtime::ConsistencyLevel"), "{list}");
}
