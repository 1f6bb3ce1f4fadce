//! What a type is, read from what its pages say besides the annotation: "an abstract base
//! type" in the introduction, openness passed down from an open base, bit-flag enums from
//! their values, and a `String` property typed as an enum only when the enum's members are
//! exactly the values the property lists.

use codegen_core::diag::Code;
use codegen_docs::pipeline::Output;
use codegen_ir::TypeDef;

mod common;

/// Runs the pipeline over a tree of `(relative path, text)` pages.
fn run(pages: &[(&str, String)]) -> Output {
    common::run_pages(pages)
}

/// A resource page: its intro, the annotation's extra keys, and property rows.
fn resource(name: &str, intro: &str, annotation: &str, rows: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n{rows}\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",{annotation}\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}} -->\n```json\n{{\n  \"id\": \"String\"\n}}\n```\n"
    )
}

/// An enum page with `(member, value)` rows.
fn enum_page(name: &str, members: &[(&str, i64)]) -> String {
    let rows: String = members.iter().map(|(m, v)| format!("|{m}|{v}|A choice.|\n")).collect();
    format!(
        "---\ntitle: \"{name} enum type\"\ndoc_type: enumPageType\n---\n\n# {name} enum type\n\nNamespace: microsoft.graph\n\nChoices.\n\n## Members\n\n|Member|Value|Description|\n|:---|:---|:---|\n{rows}"
    )
}

fn tree() -> Output {
    run(&[
        (
            "resources/shelfitem.md",
            resource(
                "shelfItem",
                "Represents an abstract base type for the things a shelf holds.",
                "\n  \"openType\": true,",
                "",
            ),
        ),
        (
            "resources/book.md",
            resource(
                "book",
                "A book on the shelf. Inherits from [shelfItem](shelfitem.md).",
                "\n  \"baseType\": \"microsoft.graph.shelfItem\",",
                "|cover|String|How it is bound. Possible values are: `hard`, `soft`.|\n|binding|String|The stitching. Possible values are: `glued`.|\n",
            ),
        ),
        (
            "resources/lamp.md",
            resource("lamp", "A lamp that lights the shelf; unlike the [shelfItem](shelfitem.md) abstract type, it stands alone.", "", ""),
        ),
        ("resources/bookcover.md", enum_page("bookCover", &[("hard", 0), ("soft", 1), ("unknownFutureValue", 2)])),
        ("resources/bookbinding.md", enum_page("bookBinding", &[("glued", 0), ("sewn", 1)])),
        ("resources/shelfside.md", enum_page("shelfSide", &[("none", 0), ("left", 1), ("right", 2), ("back", 4)])),
        ("resources/shelfcolor.md", enum_page("shelfColor", &[("oak", 0), ("pine", 1), ("ash", 2), ("elm", 4), ("fir", 5)])),
    ])
}

fn ty<'o>(out: &'o Output, name: &str) -> &'o TypeDef {
    out.schema.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("type {name}"))
}

#[test]
fn abstract_from_the_types_own_prose_only() {
    let out = tree();
    assert!(ty(&out, "shelfItem").is_abstract);
    assert!(!ty(&out, "book").is_abstract);
    assert!(!ty(&out, "lamp").is_abstract, "the sentence is about the linked type");
}

#[test]
fn a_type_derived_from_an_open_type_is_open() {
    let out = tree();
    assert!(ty(&out, "shelfItem").open);
    assert!(ty(&out, "book").open);
    assert!(!ty(&out, "lamp").open);
}

#[test]
fn distinct_powers_of_two_make_flags() {
    let out = tree();
    assert!(ty(&out, "shelfSide").flags);
    assert!(!ty(&out, "shelfColor").flags, "5 is no single bit");
    assert!(!ty(&out, "bookBinding").flags);
}

#[test]
fn listed_values_take_an_enum_only_when_they_are_all_its_members() {
    let out = tree();
    let book = ty(&out, "book");
    let prop = |n: &str| book.properties.iter().find(|p| p.name == n).unwrap_or_else(|| panic!("{n}"));
    assert_eq!(prop("cover").ty.name.as_str(), "microsoft.graph.bookCover");
    assert_eq!(prop("binding").ty.name.as_str(), "Edm.String");
    assert_eq!(prop("binding").possible_values, ["glued"]);
    let notes: Vec<_> = out.diags.items.iter().filter(|d| d.code == Code::D0124).collect();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(notes[0].message.contains("bookBinding"), "{}", notes[0].message);
}
