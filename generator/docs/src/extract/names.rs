//! Names as pages write them: heading slugs, enum headings, qualified names, titles and
//! table row names.

use crate::markdown::Inline;
use codegen_core::diag::Span;

/// GitHub-style heading anchor: `threatCategory values` -> `threatcategory-values`.
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Name of the type an `X values` / `X enumeration values` heading documents.
pub(super) fn enum_heading(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(':');
    let lower = t.to_ascii_lowercase();
    for suffix in [" enumeration values", " enum values", " values", " enumeration", " enum type", " enum"] {
        if lower.ends_with(suffix) {
            let name = t.get(..t.len() - suffix.len())?.trim();
            let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name);
            const NOT_TYPES: &[&str] = &[
                "possible",
                "property",
                "properties",
                "enum",
                "enumeration",
                "member",
                "members",
                "return",
                "supported",
                "allowed",
                "valid",
                "default",
                "flag",
                "flags",
                "key",
                "status",
                "type",
            ];
            if is_type_name(name) && !NOT_TYPES.contains(&name.to_ascii_lowercase().as_str()) {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// A type name as the docs write one: ASCII letters, digits, `_` and `.` (qualified),
/// starting with a letter or `_`. The one check of the front end.
pub fn is_type_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Splits `ns.name` given the page namespace; `graph.` is the alias of `microsoft.graph`.
pub fn split_qualified(raw: &str, page_ns: &str) -> (String, String) {
    let t = raw.trim().trim_start_matches('#').trim();
    let t = match t.strip_prefix("graph.") {
        Some(rest) => format!("microsoft.graph.{rest}"),
        None => t.to_string(),
    };
    match t.rsplit_once('.') {
        Some((ns, name)) if !ns.is_empty() => (ns.to_string(), name.to_string()),
        _ => (page_ns.to_string(), t),
    }
}

/// Name of the main type from a title such as `x resource type`, `x enum type`.
pub(super) fn title_type(title: &str) -> Option<(String, bool)> {
    let t = title.trim();
    let lower = t.to_ascii_lowercase();
    for (suffix, is_enum) in [
        (" resource type", false),
        (" complex type", false),
        (" entity type", false),
        (" enum type", true),
        (" enumeration type", true),
        (" enumeration", true),
        (" enum", true),
        (" resource", false),
        (" type", false),
        (" object", false),
    ] {
        if lower.ends_with(suffix) {
            let name = t.get(..t.len() - suffix.len())?.trim();
            let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name);
            if is_type_name(name) {
                return Some((name.to_string(), is_enum));
            }
        }
    }
    is_type_name(t).then(|| (t.to_string(), false))
}

/// `@odata.type` (or `odata.type`, any case) in a properties or parameters table: the
/// type tag every payload may carry, which the generated models hold themselves; no
/// property of the type and no parameter of the operation.
pub(super) fn is_type_tag(name: &str) -> bool {
    name.trim().trim_start_matches('@').eq_ignore_ascii_case("odata.type")
}

/// The property name of a table's first cell: its first identifier, when the rest of
/// the cell is only a note such as `(deprecated)`.
pub(super) fn row_name(cell: &Inline) -> Option<String> {
    let t = cell.text.trim().trim_matches('*').trim();
    // the leading run of name characters (all ASCII), as a slice of the text
    let len = t.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'@' || b == b'.'));
    let name = t.get(..len.unwrap_or(t.len())).unwrap_or("");
    let rest = t.get(name.len()..).unwrap_or("").trim_start();
    let name = name.trim_end_matches('.');
    let ok_rest = rest.is_empty() || rest.starts_with(['(', '[', '*', ',', '<', '-', '\u{2020}']);
    (is_type_name(name.trim_start_matches('@')) && ok_rest).then(|| name.to_string())
}

pub(super) fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim().trim_matches('`');
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    t.parse::<i64>().ok()
}

/// The first link of a paragraph to a resource page, as (type name, href, span).
pub(super) fn resource_link(inline: &Inline) -> Option<(String, Option<String>, Span)> {
    inline
        .links()
        .iter()
        .find(|l| is_type_name(l.text.trim()) && l.href.contains("resources/"))
        .map(|l| (l.text.trim().to_string(), Some(l.href.clone()), l.span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Inline;

    #[test]
    fn headings_and_titles() {
        assert_eq!(enum_heading("threatCategory values").as_deref(), Some("threatCategory"));
        assert_eq!(enum_heading("Properties"), None);
        assert_eq!(title_type("user resource type"), Some(("user".into(), false)));
        assert_eq!(title_type("riskLevel enum type"), Some(("riskLevel".into(), true)));
        assert_eq!(slug("threatCategory values"), "threatcategory-values");
        assert_eq!(split_qualified("#graph.user", "x"), ("microsoft.graph".into(), "user".into()));
    }

    #[test]
    fn row_names() {
        let c = |t: &str| Inline::plain(t);
        assert_eq!(row_name(&c("id")).as_deref(), Some("id"));
        assert_eq!(row_name(&c("name (deprecated)")).as_deref(), Some("name"));
        assert_eq!(row_name(&c("App role assignments")), None);
        assert_eq!(row_name(&c("@odata.type")).as_deref(), Some("@odata.type"));
    }

    #[test]
    fn type_tags() {
        for tag in ["@odata.type", "odata.type", "@OData.Type", " ODATA.TYPE "] {
            assert!(is_type_tag(tag), "{tag}");
        }
        for other in ["@odata.id", "odataType", "type", "@odata.typeName"] {
            assert!(!is_type_tag(other), "{other}");
        }
    }
}
