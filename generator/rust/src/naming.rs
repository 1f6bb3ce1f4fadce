//! Rust identifiers for docs names: the one place every emitter asks for a name.
//!
//! A docs name is converted with heck, stripped to ASCII identifier characters, and then
//! made valid (keywords, leading digits, empty names) and unique within a [`Scope`]
//! (collisions after case conversion, reserved std and crate names). Every change beyond
//! the plain case conversion is reported, so the caller can emit an E0001 diagnostic.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// The case an identifier is converted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Fields, functions, modules: `snake_case`.
    Snake,
    /// Types and variants: `UpperCamelCase`.
    Camel,
}

/// An identifier handed out by a [`Scope`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The identifier as written in Rust, `r#type` for raw identifiers.
    pub ident: String,
    /// Why the identifier is not the plain case conversion of the docs name, if it is not.
    pub renamed: Option<String>,
}

impl Name {
    /// The identifier as serde sees it (raw prefix stripped).
    pub fn bare(&self) -> &str {
        self.ident.strip_prefix("r#").unwrap_or(&self.ident)
    }

    /// The identifier as a token.
    pub fn ident(&self) -> proc_macro2::Ident {
        ident(&self.ident)
    }
}

/// Turns an identifier string (possibly `r#x`) into a token.
pub fn ident(s: &str) -> proc_macro2::Ident {
    let span = proc_macro2::Span::call_site();
    match s.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, span),
        None => proc_macro2::Ident::new(s, span),
    }
}

/// Strict and reserved keywords of Rust 2021.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names of the std prelude, the derives and the generated crate's own items; a docs
/// type with one of these names would shadow it.
pub const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Default",
    "Debug",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Hash",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "FromIterator",
    "Serialize",
    "Deserialize",
    "Deserializer",
    "Serializer",
    "Value",
    "BTreeMap",
];

/// Module names the generated crate uses itself.
pub const RESERVED_MODULES: &[&str] =
    &["support", "runtime", "graph_runtime", "models", "endpoints", "std", "core", "alloc", "serde", "http"];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Converts a docs name to the case; the flag tells whether characters were dropped.
fn convert(raw: &str, case: Case) -> (String, bool) {
    let converted = match case {
        Case::Snake => raw.to_snake_case(),
        Case::Camel => raw.to_upper_camel_case(),
    };
    let mut kept = String::with_capacity(converted.len());
    for c in converted.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_') {
        // a dropped character between two underscores must not leave `__` (not snake case)
        if !(c == '_' && kept.ends_with('_')) {
            kept.push(c);
        }
    }
    let dropped = kept.len() != converted.len();
    (kept, dropped)
}

/// A valid identifier for one docs name, ignoring uniqueness.
pub fn valid(raw: &str, case: Case) -> Name {
    let (plain, dropped) = convert(raw, case);
    let mut reasons = Vec::new();
    if dropped {
        reasons.push("has characters that are not ASCII letters or digits".to_string());
    }
    let mut ident = plain.trim_matches('_').to_string();
    if ident.is_empty() {
        reasons.push("has no identifier characters".to_string());
        ident = match case {
            Case::Snake => "unnamed".into(),
            Case::Camel => "Unnamed".into(),
        };
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        reasons.push("starts with a digit".to_string());
        ident = match case {
            Case::Snake => format!("n{ident}"),
            Case::Camel => format!("N{ident}"),
        };
    }
    if is_keyword(&ident) {
        reasons.push(format!("`{ident}` is a Rust keyword"));
        if NOT_RAW.contains(&ident.as_str()) || case == Case::Camel {
            ident.push('_');
        } else {
            ident = format!("r#{ident}");
        }
    }
    Name { ident, renamed: if reasons.is_empty() { None } else { Some(reasons.join(", ")) } }
}

/// A set of names that must stay distinct: the items of a module, the fields of a struct,
/// the variants of an enum. Names are handed out in call order, so the caller's order
/// (sorted or docs order) decides who keeps the plain name.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn new(reserved: &[&str]) -> Scope {
        Scope { taken: reserved.iter().map(|s| s.to_string()).collect() }
    }

    /// Takes a name as is (for the generator's own items).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// A valid identifier for `raw` that is unique in this scope.
    pub fn name(&mut self, raw: &str, case: Case) -> Name {
        let mut name = valid(raw, case);
        let bare = name.bare().to_string();
        if self.taken.contains(&bare) {
            // `self_` + 2 is `self_2`, `Self_` + 2 is `Self2`: the case rustc expects
            let stem = bare.trim_end_matches('_');
            let mut n = 2;
            let candidate = loop {
                let c = match case {
                    Case::Snake => format!("{stem}_{n}"),
                    Case::Camel => format!("{stem}{n}"),
                };
                if !self.taken.contains(&c) {
                    break c;
                }
                n += 1;
            };
            let why = format!("`{bare}` is already taken in this scope");
            name.renamed = Some(match name.renamed {
                Some(r) => format!("{r}, {why}"),
                None => why,
            });
            name.ident = candidate;
        }
        self.taken.insert(name.bare().to_string());
        name
    }
}

/// The module name of a namespace: `microsoft.graph.callRecords` -> `microsoft_graph_call_records`.
pub fn namespace_module(namespace: &str) -> Name {
    let joined: Vec<String> = namespace.split('.').map(|p| p.to_snake_case()).collect();
    valid(&joined.join("_"), Case::Snake)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(valid("type", Case::Snake).ident, "r#type");
        assert_eq!(valid("self", Case::Snake).ident, "self_");
        assert_eq!(valid("self", Case::Camel).ident, "Self_");
        assert!(valid("type", Case::Snake).renamed.is_some());
        assert_eq!(valid("fooBar", Case::Snake), Name { ident: "foo_bar".into(), renamed: None });
    }

    #[test]
    fn digits_and_empty_names() {
        assert_eq!(valid("3dModel", Case::Camel).ident, "N3dModel");
        assert_eq!(valid("3dModel", Case::Snake).ident, "n3d_model");
        assert_eq!(valid("@#!", Case::Snake).ident, "unnamed");
        assert_eq!(valid("@odata.type", Case::Snake).ident, "odata_type");
        assert_eq!(valid("ünïcode", Case::Snake).ident, "ncode");
    }

    #[test]
    fn collisions_get_numbered_in_order() {
        let mut s = Scope::new(&["Option"]);
        assert_eq!(s.name("fooBar", Case::Camel).ident, "FooBar");
        let second = s.name("FooBar", Case::Camel);
        assert_eq!(second.ident, "FooBar2");
        assert!(second.renamed.is_some());
        assert_eq!(s.name("foo_bar", Case::Camel).ident, "FooBar3");
        assert_eq!(s.name("option", Case::Camel).ident, "Option2");
    }

    #[test]
    fn collisions_keep_the_case_rustc_expects() {
        let mut s = Scope::default();
        assert_eq!(s.name("self", Case::Snake).ident, "self_");
        assert_eq!(s.name("Self", Case::Snake).ident, "self_2");
        let mut s = Scope::default();
        assert_eq!(s.name("Self", Case::Camel).ident, "Self_");
        assert_eq!(s.name("self", Case::Camel).ident, "Self2");
        let mut s = Scope::default();
        assert_eq!(s.name("type", Case::Snake).ident, "r#type");
        assert_eq!(s.name("Type", Case::Snake).ident, "type_2");
        assert_eq!(valid("a_\u{e9}_b", Case::Snake).ident, "a_b");
    }

    /// rustc's `non_snake_case` and `non_camel_case_types` rules, as far as ASCII goes.
    fn lint_clean(ident: &str, case: Case) -> bool {
        let s = ident.strip_prefix("r#").unwrap_or(ident).trim_matches('_');
        match case {
            Case::Snake => !s.contains("__") && !s.chars().any(|c| c.is_ascii_uppercase()),
            Case::Camel => {
                let b = s.as_bytes();
                !s.starts_with(|c: char| c.is_ascii_lowercase())
                    && !s.contains("__")
                    && !b.windows(2).any(|w| {
                        (w[0].is_ascii_alphabetic() && w[1] == b'_') || (w[1].is_ascii_alphabetic() && w[0] == b'_')
                    })
            }
        }
    }

    #[test]
    fn any_input_gives_a_parseable_identifier() {
        let nasty = [
            "",
            "_",
            "__",
            "r#type",
            "type",
            "Self",
            "self",
            "super",
            "crate",
            "1",
            "9lives",
            "@odata.type",
            "a-b-c",
            "a b",
            "ALLCAPS",
            "x\u{301}y",
            "日本",
            "🙂",
            "$select",
            "async",
            "await",
            "dyn",
            "gen",
            "try",
            "union",
            "Option",
            "default",
            "mod",
            "-",
            "a..b",
            "\\",
            "\"quoted\"",
            "tab\there",
            "CamelCase",
            "snake_case",
            "a_\u{e9}_b",
            "\u{202e}evil",
            "1st",
            "_1",
        ];
        for raw in nasty {
            for case in [Case::Snake, Case::Camel] {
                let mut scope = Scope::new(RESERVED_TYPES);
                let n = scope.name(raw, case);
                let again = scope.name(raw, case);
                for n in [&n, &again] {
                    let parsed = syn::parse_str::<syn::Ident>(&n.ident);
                    assert!(parsed.is_ok(), "{raw:?} -> {:?} does not parse", n.ident);
                    assert!(lint_clean(&n.ident, case), "{raw:?} -> {:?} is not in {case:?} case", n.ident);
                    let _ = n.ident(); // never panics
                }
                assert_ne!(n.bare(), again.bare(), "{raw:?} twice in one scope");
            }
        }
    }

    #[test]
    fn namespaces() {
        assert_eq!(namespace_module("microsoft.graph").ident, "microsoft_graph");
        assert_eq!(namespace_module("microsoft.graph.callRecords").ident, "microsoft_graph_call_records");
    }
}
