//! The schema IR: the contract between front ends (docs, metadata) and back ends (Rust,
//! OpenAPI). Plain typed data, free of any input format's details (no markdown, no spans),
//! serialized as contract v1 (`../shared/eval/IR-CONTRACT.md`; extra fields allowed).
//!
//! - [`name`]: [`QualifiedName`], [`TypeRef`] and the EDM primitives;
//! - [`types`]: entity, complex and enum types;
//! - [`operation`]: operations with [`HttpMethod`], parameters, body, response, examples;
//! - [`path`]: [`PathTemplate`]s, parsed once into [`Segment`]s;
//! - [`source`]: [`SourceRef`], where an item comes from (file, line, column);
//! - [`lifecycle`]: [`Deprecation`] notices and national-cloud availability;
//! - [`Root`]: the entity sets and singletons paths start from.
//!
//! This crate depends on no other crate of the workspace.

pub mod lifecycle;
pub mod name;
pub mod operation;
pub mod path;
pub mod source;
pub mod types;

pub use lifecycle::{cloud_name, Deprecation, CLOUDS};
pub use name::{is_primitive, QualifiedName, TypeRef, EDM, PRIMITIVES};
pub use operation::{
    Example, Grants, Header, HttpMethod, Operation, ParamLocation, Parameter, Permissions, QueryTemplate, Response,
    ScenarioPermissions,
};
pub use path::{CallArg, PathTemplate, Piece, Segment};
pub use source::SourceRef;
pub use types::{walk_bases, Member, Property, TypeDef, TypeKind};

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
    /// Entity sets and singletons, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roots: Vec<Root>,
}

/// Whether a root is a collection (an entity set) or one object (a singleton).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RootKind {
    EntitySet,
    Singleton,
}

/// An entity set or singleton: the first segment of a path and the type it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Root {
    /// The name as the input spells it (paths match it without regard to case).
    pub name: String,
    pub kind: RootKind,
    /// The entity type (of each item, for an entity set).
    #[serde(rename = "type")]
    pub type_name: QualifiedName,
    /// Read off the types that declare the segments after it, not stated by a page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The declaration (the metadata's container item); none for roots read off paths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
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

/// The action or function an operation calls, as the metadata declares it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Callable {
    pub kind: CallableKind,
    /// Qualified name (`microsoft.graph.sendMail`).
    pub name: QualifiedName,
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

impl Root {
    /// What a path that stops at the root gives: a collection for an entity set.
    pub fn target(&self) -> TypeRef {
        TypeRef { name: self.type_name.clone(), collection: self.kind == RootKind::EntitySet }
    }
}

impl Schema {
    /// Index of types by qualified name.
    pub fn type_index(&self) -> BTreeMap<QualifiedName, &TypeDef> {
        self.types.iter().map(|t| (t.qualified(), t)).collect()
    }

    pub fn find_type(&self, qualified: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|t| t.qualified_bytes().cmp(qualified.bytes())).ok().and_then(|i| self.types.get(i))
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
        let roots = if self.roots.is_empty() { None } else { Some(json_array(&self.roots, pretty)?) };
        let mut out = Vec::with_capacity(types.len() + operations.len() + 64);
        let (head, types_key, operations_key, roots_key, end) = if pretty {
            ("{\n  \"ir_version\": ", ",\n  \"types\": ", ",\n  \"operations\": ", ",\n  \"roots\": ", "\n}")
        } else {
            ("{\"ir_version\":", ",\"types\":", ",\"operations\":", ",\"roots\":", "}")
        };
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(self.ir_version.to_string().as_bytes());
        out.extend_from_slice(types_key.as_bytes());
        out.extend_from_slice(&types);
        out.extend_from_slice(operations_key.as_bytes());
        out.extend_from_slice(&operations);
        if let Some(roots) = roots {
            out.extend_from_slice(roots_key.as_bytes());
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
                // in memory only: not written, so the round trip below keeps it `None`
                source: None,
                origin: Some(Origin::Docs),
            }],
            flags: false,
            description: Some("line\nbreak".into()),
            sources: vec![SourceRef::new("x.md", 1, 1)],
            area: Some("a".into()),
            origin: None,
            deprecated: None,
            availability: Vec::new(),
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
                source: SourceRef::new("x.md", 2, 3),
            }],
            ..Operation::default()
        };
        let many = Schema {
            ir_version: IR_VERSION,
            types: (0..70).map(|i| t(&format!("t{i}"))).collect(),
            operations: (0..40).map(|i| op(&format!("o{i}"))).collect(),
            roots: vec![Root {
                name: "widgets".into(),
                kind: RootKind::EntitySet,
                type_name: "microsoft.graph.widget".into(),
                inferred: true,
                description: "Widgets.".into(),
                source: Some(SourceRef::new("m.xml", 4, 7)),
            }],
        };
        let back: Schema = serde_json::from_slice(&many.to_json(true).unwrap_or_default()).unwrap_or_default();
        assert_eq!(back, many);
        for s in [Schema { ir_version: IR_VERSION, ..Schema::default() }, many] {
            assert_eq!(s.to_json(false).ok(), serde_json::to_vec(&s).ok());
            assert_eq!(s.to_json(true).ok(), serde_json::to_vec_pretty(&s).ok());
        }
    }
}
