//! Names: schema aliases resolved to namespaces (`graph.user` -> `microsoft.graph.user`),
//! `Collection(...)` type references, vocabulary aliases of annotation terms.

use crate::model::TypeName;
use std::collections::BTreeMap;

/// Alias -> namespace, of every schema of the file and every included vocabulary.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pub aliases: BTreeMap<String, String>,
}

impl Names {
    /// `alias.name` -> `namespace.name`; other names (and `Edm.X`) unchanged, trimmed.
    pub fn qualify(&self, raw: &str) -> String {
        let raw = raw.trim();
        if raw.starts_with("Edm.") {
            return raw.to_string();
        }
        if let Some((prefix, name)) = raw.rsplit_once('.') {
            if let Some(ns) = self.aliases.get(prefix) {
                return format!("{ns}.{name}");
            }
        }
        raw.to_string()
    }

    /// `Collection(graph.x)` -> (`microsoft.graph.x`, collection).
    pub fn type_ref(&self, raw: &str) -> TypeName {
        let raw = raw.trim();
        match raw.strip_prefix("Collection(").and_then(|r| r.strip_suffix(')')) {
            Some(inner) => TypeName { name: self.qualify(inner), collection: true },
            None => TypeName { name: self.qualify(raw), collection: false },
        }
    }

    /// The first qualified name of an annotation target (`graph.user/manager`,
    /// `graph.f(graph.user)`), resolved, with the rest unchanged.
    pub fn target(&self, raw: &str) -> String {
        let raw = raw.trim();
        let end = raw.find(['/', '(']).unwrap_or(raw.len());
        let (head, rest) = raw.split_at(end);
        format!("{}{rest}", self.qualify(head))
    }
}

/// Whether `name` is an OData simple identifier (letter or `_` first, then letters,
/// digits and `_`; at most 128 characters).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    first_ok && name.chars().count() <= 128 && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// Every type name in the `Edm` namespace, primitive or abstract.
pub const EDM_TYPES: &[&str] = &[
    "Binary",
    "Boolean",
    "Byte",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Double",
    "Duration",
    "Guid",
    "Int16",
    "Int32",
    "Int64",
    "SByte",
    "Single",
    "Stream",
    "String",
    "TimeOfDay",
    "Untyped",
    "PrimitiveType",
    "ComplexType",
    "EntityType",
    "AnnotationPath",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnyPropertyPath",
    "ModelElementPath",
    "Geography",
    "GeographyPoint",
    "GeographyLineString",
    "GeographyPolygon",
    "GeographyMultiPoint",
    "GeographyMultiLineString",
    "GeographyMultiPolygon",
    "GeographyCollection",
    "Geometry",
    "GeometryPoint",
    "GeometryLineString",
    "GeometryPolygon",
    "GeometryMultiPoint",
    "GeometryMultiLineString",
    "GeometryMultiPolygon",
    "GeometryCollection",
];

pub fn is_edm_type(name: &str) -> bool {
    name.strip_prefix("Edm.").is_some_and(|n| EDM_TYPES.contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualify() {
        let mut n = Names::default();
        n.aliases.insert("g".into(), "my.ns".into());
        assert_eq!(n.qualify(" g.t "), "my.ns.t");
        assert_eq!(n.qualify("my.ns.t"), "my.ns.t");
        assert_eq!(n.qualify("Edm.String"), "Edm.String");
        assert_eq!(n.type_ref("Collection(g.t)"), TypeName { name: "my.ns.t".into(), collection: true });
        assert_eq!(n.target("g.t/p"), "my.ns.t/p");
        assert_eq!(n.target("g.f(g.t)"), "my.ns.f(g.t)");
        assert!(is_identifier("a_1") && !is_identifier("1a") && !is_identifier("a b") && !is_identifier(""));
    }
}
