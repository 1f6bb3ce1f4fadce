//! The schema IR: plain data, free of markdown details, serialized as contract v1
//! (`../shared/eval/IR-CONTRACT.md`). Every front end fills it; the emitter and
//! `cargo xtask ir` read it.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const IR_VERSION: u32 = 1;
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Schema {
    pub ir_version: u32,
    /// Sorted by qualified name.
    pub types: Vec<TypeDef>,
    /// Sorted by id.
    pub operations: Vec<Operation>,
    /// Entity sets and singletons of the metadata's entity container, sorted by name (the
    /// docs front end fills none, so its IR has no `roots` key).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roots: Vec<Root>,
}

impl Schema {
    /// Index of types by qualified name.
    pub fn type_index(&self) -> BTreeMap<String, &TypeDef> {
        self.types.iter().map(|t| (t.qualified(), t)).collect()
    }

    pub fn find_type(&self, qualified: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|t| t.qualified().as_str().cmp(qualified)).ok().and_then(|i| self.types.get(i))
    }

    /// Sorts types and operations into their contract order.
    pub fn sort(&mut self) {
        self.types.sort_by(|a, b| a.qualified_bytes().cmp(b.qualified_bytes()));
        self.operations.sort_by(|a, b| a.id.cmp(&b.id));
        self.roots.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// The IR as JSON, byte for byte what `serde_json::to_vec` (or `to_vec_pretty`) writes,
    /// with the types and operations serialized on every core.
    pub fn to_json(&self, pretty: bool) -> serde_json::Result<Vec<u8>> {
        let types = json_array(&self.types, pretty)?;
        let operations = json_array(&self.operations, pretty)?;
        let mut out = Vec::with_capacity(types.len() + operations.len() + 64);
        let (head, types_key, operations_key, end) = if pretty {
            ("{\n  \"ir_version\": ", ",\n  \"types\": ", ",\n  \"operations\": ", "\n}")
        } else {
            ("{\"ir_version\":", ",\"types\":", ",\"operations\":", "}")
        };
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(self.ir_version.to_string().as_bytes());
        out.extend_from_slice(types_key.as_bytes());
        out.extend_from_slice(&types);
        out.extend_from_slice(operations_key.as_bytes());
        out.extend_from_slice(&operations);
        if !self.roots.is_empty() {
            let roots = json_array(&self.roots, pretty)?;
            out.extend_from_slice(if pretty { b",\n  \"roots\": " } else { b",\"roots\":" });
            out.extend_from_slice(&roots);
        }
        out.extend_from_slice(end.as_bytes());
        Ok(out)
    }
}

/// A top-level field's array as serde_json writes it (pretty: at depth 1), its items
/// serialized in parallel chunks and joined in order.
fn json_array<T: Serialize + Sync>(items: &[T], pretty: bool) -> serde_json::Result<Vec<u8>> {
    if items.is_empty() {
        return Ok(b"[]".to_vec());
    }
    let chunks: Vec<Vec<u8>> = items
        .par_chunks(32)
        .map(|chunk| {
            let mut buf = Vec::new();
            for item in chunk {
                buf.push(b',');
                if pretty {
                    // an item at depth 2: every line of its own pretty form indented by 4
                    let one = serde_json::to_vec_pretty(item)?;
                    let mut last = 0;
                    buf.extend_from_slice(b"\n    ");
                    for nl in memchr::memchr_iter(b'\n', &one) {
                        buf.extend_from_slice(one.get(last..=nl).unwrap_or_default());
                        buf.extend_from_slice(b"    ");
                        last = nl + 1;
                    }
                    buf.extend_from_slice(one.get(last..).unwrap_or_default());
                } else {
                    serde_json::to_writer(&mut buf, item)?;
                }
            }
            Ok(buf)
        })
        .collect::<serde_json::Result<_>>()?;
    let mut out = Vec::with_capacity(chunks.iter().map(Vec::len).sum::<usize>() + 4);
    out.push(b'[');
    for (i, c) in chunks.iter().enumerate() {
        // the first item has no comma before it
        out.extend_from_slice(if i == 0 { c.get(1..).unwrap_or_default() } else { c });
    }
    out.extend_from_slice(if pretty { b"\n  ]" } else { b"]" });
    Ok(out)
}

/// Which input an item of a merged IR comes from (`None` in the IR of one front end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Both the docs and the metadata have it.
    Both,
    /// Only the docs.
    Docs,
    /// Only the metadata.
    Metadata,
}

/// An entity set or singleton: a name at the root of the service's URLs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Root {
    pub name: String,
    pub kind: RootKind,
    /// Qualified entity type; a set holds a collection of it.
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// `file:line` of the declaration.
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RootKind {
    EntitySet,
    Singleton,
}

/// The action or function an operation calls, as the metadata declares it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Callable {
    pub kind: CallableKind,
    /// Qualified name (`microsoft.graph.sendMail`).
    pub name: String,
    /// The binding parameter's type of a bound one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_to: Option<TypeRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallableKind {
    Action,
    Function,
}

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
    pub base: Option<String>,
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
    /// `file:line` of every page section that contributed to the type.
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl TypeDef {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    /// The bytes of [`TypeDef::qualified`], without building the string.
    fn qualified_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        self.namespace.bytes().chain(std::iter::once(b'.')).chain(self.name.bytes())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Property {
    pub name: String,
    /// CSDL-style type reference: `Edm.String` or `namespace.name`.
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
    pub nullable: bool,
    pub navigation: bool,
    #[serde(default)]
    pub description: String,
    /// Values the description lists for a String-typed property ("Possible values are").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    /// The target is contained (`ContainsTarget` of the metadata; navigation only).
    #[serde(default, skip_serializing_if = "is_false")]
    pub contains_target: bool,
    /// `file:line` of the table row (docs) or declaration (metadata). Kept in memory only,
    /// so the IR JSON stays as it was; the docs-vs-metadata lint places findings with it.
    #[serde(default, skip_serializing)]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Member {
    pub name: String,
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// `file:line` of the row or declaration; in memory only, as [`Property::source`].
    #[serde(default, skip_serializing)]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// A type reference with its collection flag.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TypeRef {
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Operation {
    pub id: String,
    pub method: String,
    /// Path templates, e.g. `/users/{user-id}/events`.
    pub paths: Vec<String>,
    pub request_body: Option<TypeRef>,
    /// Body parameters of an action, path and query parameters.
    pub parameters: Vec<Parameter>,
    pub response: Option<Response>,
    pub permissions: Permissions,
    /// `file` (relative to the docs root) of the API page.
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Query options the page says it supports (`$select`, `$filter`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// The action or function of the metadata this operation calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callable: Option<Callable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    Path,
    Query,
    Body,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
    pub required: bool,
    #[serde(rename = "in")]
    pub location: ParamLocation,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Response {
    pub status: u16,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub collection: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Permissions {
    pub delegated_work: Vec<String>,
    pub delegated_personal: Vec<String>,
    pub application: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub required: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
}

/// One example exchange of an operation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Example {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_body: Option<serde_json::Value>,
    pub truncated: bool,
    /// The request body holds placeholder values (`"String"`, `"<Property> value"`): it
    /// shows the shape of a payload, not one a client sends.
    #[serde(default, skip_serializing_if = "is_false")]
    pub request_placeholder: bool,
    /// The response body holds placeholder values.
    #[serde(default, skip_serializing_if = "is_false")]
    pub response_placeholder: bool,
    /// `file:line` of the request block.
    pub source: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

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

pub fn is_primitive(t: &str) -> bool {
    t.starts_with("Edm.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_json_is_what_serde_json_writes() {
        let t = |name: &str| TypeDef {
            name: name.into(),
            namespace: DEFAULT_NAMESPACE.into(),
            kind: TypeKind::Complex,
            base: None,
            is_abstract: false,
            open: false,
            key: Vec::new(),
            properties: Vec::new(),
            members: vec![Member {
                name: "a\nb".into(),
                value: Some(1),
                description: String::new(),
                source: Some("x.md:3".into()),
                origin: Some(Origin::Docs),
            }],
            flags: false,
            description: Some("line\nbreak".into()),
            sources: vec!["x.md:1".into()],
            origin: None,
        };
        let op = |id: &str| Operation {
            id: id.into(),
            examples: vec![Example {
                name: "e".into(),
                request_body: Some(serde_json::json!({"a": [1, {"b": []}], "c": {}})),
                response_status: None,
                response_body: None,
                truncated: false,
                request_placeholder: false,
                response_placeholder: true,
                source: "x.md:2".into(),
            }],
            ..Operation::default()
        };
        let many = Schema {
            ir_version: IR_VERSION,
            types: (0..70).map(|i| t(&format!("t{i}"))).collect(),
            operations: (0..40).map(|i| op(&format!("o{i}"))).collect(),
            roots: Vec::new(),
        };
        let root = |name: &str| Root {
            name: name.into(),
            kind: RootKind::Singleton,
            type_name: "microsoft.graph.t1".into(),
            description: String::new(),
            source: "m.xml:4".into(),
        };
        let with_roots = Schema { roots: (0..40).map(|i| root(&format!("r{i}"))).collect(), ..many.clone() };
        for s in [Schema { ir_version: IR_VERSION, ..Schema::default() }, many, with_roots] {
            assert_eq!(s.to_json(false).ok(), serde_json::to_vec(&s).ok());
            assert_eq!(s.to_json(true).ok(), serde_json::to_vec_pretty(&s).ok());
        }
    }
}
