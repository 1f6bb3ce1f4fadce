//! Type cells: `String`, `string collection`, `[x](x.md) collection`, `Collection(x)`,
//! `microsoft.graph.x`, `Edm.Int32`, `Enumeration`, ... -> a [`TypeCell`].
//! Names are resolved to qualified types later, in `resolve`, where the whole tree is known.

use crate::markdown::Inline;

/// What a type cell says, before resolution.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TypeCell {
    /// The type name as written (link text or plain word), without `collection` words.
    pub name: String,
    /// Link target, when the cell links to a page.
    pub href: Option<String>,
    pub collection: bool,
    /// `Edm.X` when the name is a primitive.
    pub primitive: Option<&'static str>,
    /// The cell says `Enumeration`/`enum` without naming the enum.
    pub enumeration: bool,
}

impl TypeCell {
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.href.is_none()
    }
}

/// Maps a primitive name (any case, with or without `Edm.`) to its CSDL name.
pub fn primitive(name: &str) -> Option<&'static str> {
    let n = name.trim().trim_matches('`').trim();
    let n = n.strip_prefix("Edm.").or_else(|| n.strip_prefix("edm.")).unwrap_or(n);
    let lower = n.to_ascii_lowercase();
    Some(match lower.as_str() {
        "string" | "str" | "text" | "url" | "uri" => "Edm.String",
        "int32" | "int" | "integer" | "number" => "Edm.Int32",
        "int64" | "long" => "Edm.Int64",
        "int16" | "short" => "Edm.Int16",
        "boolean" | "bool" => "Edm.Boolean",
        "datetimeoffset" | "datetime" | "timestamp" => "Edm.DateTimeOffset",
        "date" => "Edm.Date",
        "timeofday" | "time" => "Edm.TimeOfDay",
        "duration" | "timespan" => "Edm.Duration",
        "guid" | "uuid" => "Edm.Guid",
        "binary" | "byte[]" | "base64" => "Edm.Binary",
        "double" => "Edm.Double",
        "single" | "float" => "Edm.Single",
        "decimal" => "Edm.Decimal",
        "byte" => "Edm.Byte",
        "sbyte" => "Edm.SByte",
        "stream" => "Edm.Stream",
        "untyped" => "Edm.Untyped",
        _ => return None,
    })
}

/// Parses a type cell.
pub fn parse(cell: &Inline) -> TypeCell {
    let text = cell.text.trim();
    let lower = text.to_ascii_lowercase();
    let mut out = TypeCell {
        collection: lower.contains("collection")
            || lower.ends_with("[]")
            || lower.starts_with("array of")
            || lower.starts_with("list of"),
        ..TypeCell::default()
    };
    // a link whose text is a name: prefer it (skip links to generic pages like enums.md
    // without text)
    if let Some(link) = cell.links().iter().find(|l| !l.text.trim().is_empty()) {
        out.href = Some(link.href.clone());
        out.name = clean_name(&link.text);
    }
    if out.name.is_empty() {
        out.name = clean_name(text);
    }
    let name_lower = out.name.to_ascii_lowercase();
    if name_lower == "enumeration" || name_lower == "enum" {
        out.enumeration = true;
        out.name.clear();
        return out;
    }
    let lower_name = out.name.to_ascii_lowercase();
    if out.href.is_none() && (lower_name == "json" || lower_name == "untyped" || lower_name == "object") {
        // Graph's type for arbitrary JSON
        out.name = "microsoft.graph.Json".into();
        return out;
    }
    if out.href.is_none() || primitive(&out.name).is_some() {
        out.primitive = primitive(&out.name);
    }
    out
}

/// Strips `collection`, `Collection(...)`, `of`, backticks, `[]` and trailing notes.
fn clean_name(s: &str) -> String {
    let mut t = s.trim().trim_matches('`').trim().to_string();
    for (open, close) in [("Collection(", ")"), ("collection(", ")"), ("Collection (", ")")] {
        if let Some(inner) = t.strip_prefix(open) {
            t = inner.trim_end().trim_end_matches(close).to_string();
        }
    }
    let lower = t.to_ascii_lowercase();
    for prefix in ["collection of ", "array of ", "list of ", "a collection of "] {
        if lower.starts_with(prefix) {
            t = t.get(prefix.len()..).unwrap_or("").to_string();
            break;
        }
    }
    // first identifier-like token: letters, digits, `_`, `.`
    let token: String = t
        .trim()
        .trim_matches(|c: char| c == '`' || c == '*' || c == '[' || c == '(')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    token.trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Link;

    fn cell(text: &str, link: Option<(&str, &str)>) -> Inline {
        let mut i = Inline::plain(text);
        if let Some((t, h)) = link {
            i.marks_mut().links.push(Link { text: t.to_string(), href: h.to_string(), span: Default::default() });
        }
        i
    }

    #[test]
    fn primitives_in_every_case() {
        for (t, want) in [
            ("String", "Edm.String"),
            ("string", "Edm.String"),
            ("Int32", "Edm.Int32"),
            ("DateTimeOffset", "Edm.DateTimeOffset"),
            ("Edm.Guid", "Edm.Guid"),
            ("Binary", "Edm.Binary"),
            ("Duration", "Edm.Duration"),
            ("Single", "Edm.Single"),
        ] {
            assert_eq!(parse(&cell(t, None)).primitive, Some(want), "{t}");
        }
    }

    #[test]
    fn collections_links_and_enumeration() {
        let c = parse(&cell("identitySet collection", Some(("identitySet", "identityset.md"))));
        assert_eq!((c.name.as_str(), c.collection, c.href.as_deref()), ("identitySet", true, Some("identityset.md")));
        let c = parse(&cell("Collection(microsoft.graph.alert)", None));
        assert_eq!((c.name.as_str(), c.collection), ("microsoft.graph.alert", true));
        let c = parse(&cell("String collection", None));
        assert_eq!((c.primitive, c.collection), (Some("Edm.String"), true));
        assert!(parse(&cell("Enumeration", None)).enumeration);
    }
}
