//! Type names: [`QualifiedName`] (`namespace.name`, EDM primitives as `Edm.X`) and
//! [`TypeRef`], a name with its collection flag, the pair every property, parameter, body
//! and response carries.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;

/// The namespace of the EDM primitive types.
pub const EDM: &str = "Edm";

/// EDM primitive type names the IR uses.
pub const PRIMITIVES: &[&str] = &[
    "Edm.String",
    "Edm.Int32",
    "Edm.Int64",
    "Edm.Int16",
    "Edm.Boolean",
    "Edm.DateTimeOffset",
    "Edm.Date",
    "Edm.TimeOfDay",
    "Edm.Duration",
    "Edm.Guid",
    "Edm.Binary",
    "Edm.Double",
    "Edm.Single",
    "Edm.Decimal",
    "Edm.Byte",
    "Edm.SByte",
    "Edm.Stream",
    "Edm.Untyped",
];

/// True for an `Edm.` name.
pub fn is_primitive(t: &str) -> bool {
    t.starts_with("Edm.")
}

/// A CSDL-style qualified type name: `microsoft.graph.user`, `Edm.String`. The namespace
/// is everything before the last `.`; a name without a dot has an empty namespace (a type
/// the docs name but nothing qualifies).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QualifiedName(String);

impl QualifiedName {
    /// `namespace.name`.
    pub fn new(namespace: &str, name: &str) -> QualifiedName {
        let mut s = String::with_capacity(namespace.len() + 1 + name.len());
        s.push_str(namespace);
        s.push('.');
        s.push_str(name);
        QualifiedName(s)
    }

    /// A name already written qualified (or an unqualified word, kept as is).
    pub fn from_text(text: impl Into<String>) -> QualifiedName {
        QualifiedName(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The part before the last `.` (empty when there is none).
    pub fn namespace(&self) -> &str {
        self.0.rsplit_once('.').map_or("", |(ns, _)| ns)
    }

    /// The part after the last `.`.
    pub fn name(&self) -> &str {
        self.0.rsplit_once('.').map_or(self.0.as_str(), |(_, n)| n)
    }

    /// True for an EDM primitive (`Edm.X`).
    pub fn is_primitive(&self) -> bool {
        is_primitive(&self.0)
    }

    /// Case-insensitive equality, as the service compares names.
    pub fn eq_ignore_case(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl std::ops::Deref for QualifiedName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for QualifiedName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for QualifiedName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for QualifiedName {
    fn from(s: String) -> QualifiedName {
        QualifiedName(s)
    }
}

impl From<&str> for QualifiedName {
    fn from(s: &str) -> QualifiedName {
        QualifiedName(s.to_string())
    }
}

impl PartialEq<str> for QualifiedName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for QualifiedName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A type reference with its collection flag: `{"type": "...", "collection": false}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    #[serde(rename = "type")]
    pub name: QualifiedName,
    pub collection: bool,
}

impl TypeRef {
    pub fn new(name: impl Into<QualifiedName>, collection: bool) -> TypeRef {
        TypeRef { name: name.into(), collection }
    }

    /// One element of this type (a collection's item type).
    pub fn single(&self) -> TypeRef {
        TypeRef { name: self.name.clone(), collection: false }
    }

    /// `name` or `name[]`, for messages.
    pub fn display(&self) -> String {
        if self.collection {
            format!("{}[]", self.name)
        } else {
            self.name.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_names() {
        let q = QualifiedName::new("microsoft.graph.callRecords", "session");
        assert_eq!((q.namespace(), q.name()), ("microsoft.graph.callRecords", "session"));
        let bare = QualifiedName::from_text("widget");
        assert_eq!((bare.namespace(), bare.name()), ("", "widget"));
        assert!(QualifiedName::from("Edm.Guid").is_primitive());
        assert_eq!(TypeRef::new("Edm.String", true).display(), "Edm.String[]");
    }
}
