//! Types of the schema: entity, complex and enum types with their properties and members.

use crate::name::{QualifiedName, TypeRef};
use crate::source::SourceRef;
use crate::Origin;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub namespace: String,
    pub kind: TypeKind,
    /// Qualified name of the base type.
    pub base: Option<QualifiedName>,
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    pub open: bool,
    /// Effective key (inherited keys included), entities only.
    pub key: Vec<String>,
    /// Declared properties, in docs order.
    pub properties: Vec<Property>,
    /// Enum members, in docs order.
    pub members: Vec<Member>,
    pub flags: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every place (page section) that contributed to the type, the defining one first.
    pub sources: Vec<SourceRef>,
    /// The area (product) the type belongs to, as the input names it (`ms.prod` of its
    /// page); back ends turn it into features or modules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Which input of a merged IR the type comes from (`None` from one front end alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// The docs say this is deprecated (a notice of the page or an include).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<crate::Deprecation>,
    /// The national clouds the docs say this is available in (ids of [`crate::CLOUDS`] or
    /// the name as written), empty when they do not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<String>,
}

impl TypeDef {
    pub fn qualified(&self) -> QualifiedName {
        QualifiedName::new(&self.namespace, &self.name)
    }

    /// True when `q` is this type's qualified name, compared without building it.
    pub fn is_named(&self, q: &str) -> bool {
        q.len() == self.namespace.len() + 1 + self.name.len()
            && q.starts_with(self.namespace.as_str())
            && q.as_bytes().get(self.namespace.len()) == Some(&b'.')
            && q.ends_with(self.name.as_str())
    }

    /// The bytes of [`TypeDef::qualified`], without building the string.
    pub(crate) fn qualified_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        self.namespace.bytes().chain(std::iter::once(b'.')).chain(self.name.bytes())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Property {
    pub name: String,
    /// `type` and `collection` in JSON.
    #[serde(flatten)]
    pub ty: TypeRef,
    pub nullable: bool,
    pub navigation: bool,
    #[serde(default)]
    pub description: String,
    /// Values the description lists for a String-typed property ("Possible values are").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    /// The target is contained (`ContainsTarget` of the metadata; navigation only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub contains_target: bool,
    /// The table row (docs) or declaration (metadata). Kept in memory only, so the IR JSON
    /// stays as it was; the docs-vs-metadata lint places its findings with it.
    #[serde(default, skip_serializing)]
    pub source: Option<SourceRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Member {
    pub name: String,
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The row or declaration; in memory only, as [`Property::source`].
    #[serde(default, skip_serializing)]
    pub source: Option<SourceRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// Follows base links from `start`, nearest first: `base(item)` gives the item's base, if
/// any. Stops when a base repeats (`key` tells items apart), so cycles end. The one
/// chain walker of the workspace: front ends walk names before types exist, back ends
/// walk [`TypeDef`]s.
pub fn walk_bases<T: Copy, K: PartialEq>(start: T, key: impl Fn(T) -> K, base: impl Fn(T) -> Option<T>) -> Vec<T> {
    let mut out = vec![start];
    let mut keys = vec![key(start)];
    let mut cur = start;
    while let Some(b) = base(cur) {
        let k = key(b);
        if keys.contains(&k) {
            break;
        }
        keys.push(k);
        out.push(b);
        cur = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::walk_bases;

    #[test]
    fn chains_end_at_unknown_bases_and_cycles() {
        let base = |q: &'static str| match q {
            "c" => Some("b"),
            "b" => Some("a"),
            "x" => Some("y"),
            "y" => Some("x"),
            _ => None,
        };
        assert_eq!(walk_bases("c", |q| q, base), ["c", "b", "a"]);
        assert_eq!(walk_bases("x", |q| q, base), ["x", "y"]);
    }
}
