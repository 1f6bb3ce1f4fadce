//! The metadata as read: schemas flattened into types, callables (actions and functions)
//! and container items, names qualified (aliases resolved), every item with its span.
//! Plain data; [`crate::read`] fills it, [`crate::check`] and [`crate::lower`] read it.

use crate::annotations::Annotation;
use codegen_core::diag::Span;

/// A type reference: qualified name (or `Edm.X`) and the collection flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    pub name: String,
    pub collection: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Entity,
    Complex,
    Enum,
}

#[derive(Debug, Clone)]
pub struct TypeEl {
    pub namespace: String,
    pub name: String,
    pub kind: Kind,
    /// Qualified base type and the span of the `BaseType` attribute.
    pub base: Option<(String, Span)>,
    pub is_abstract: bool,
    pub open: bool,
    /// The type's own `<Key>`: property names with their spans.
    pub key: Option<(Vec<(String, Span)>, Span)>,
    pub properties: Vec<PropertyEl>,
    pub members: Vec<MemberEl>,
    pub flags: bool,
    pub annotations: Vec<Annotation>,
    /// The start tag.
    pub span: Span,
}

impl TypeEl {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

#[derive(Debug, Clone)]
pub struct PropertyEl {
    pub name: String,
    pub ty: TypeName,
    pub nullable: bool,
    pub navigation: bool,
    pub contains_target: bool,
    pub annotations: Vec<Annotation>,
    pub span: Span,
    /// The `Type` attribute.
    pub type_span: Span,
}

#[derive(Debug, Clone)]
pub struct MemberEl {
    pub name: String,
    /// Declared or implicit value; `None` when the declared one is no integer.
    pub value: Option<i64>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallableKind {
    Action,
    Function,
}

#[derive(Debug, Clone)]
pub struct ParameterEl {
    pub name: String,
    pub ty: TypeName,
    pub nullable: bool,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// An action or function (one overload).
#[derive(Debug, Clone)]
pub struct CallableEl {
    pub kind: CallableKind,
    pub namespace: String,
    pub name: String,
    pub bound: bool,
    /// With the binding parameter first when bound.
    pub parameters: Vec<ParameterEl>,
    pub returns: Option<TypeName>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

impl CallableEl {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootKind {
    EntitySet,
    Singleton,
    ActionImport,
    FunctionImport,
}

/// An item of the entity container.
#[derive(Debug, Clone)]
pub struct RootEl {
    pub kind: RootKind,
    pub name: String,
    /// The entity type of a set or singleton, the callable of an import (qualified).
    pub target: String,
    pub target_span: Span,
    /// `Container/name`, as annotation targets name it.
    pub path: String,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// An `<Annotations Target="...">` block, target qualified, for [`crate::annotations`].
#[derive(Debug, Clone)]
pub struct External {
    pub target: String,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    pub types: Vec<TypeEl>,
    pub callables: Vec<CallableEl>,
    pub roots: Vec<RootEl>,
    pub external: Vec<External>,
    /// Qualified names of `TypeDefinition`s (kept by name on the properties that use them).
    pub type_definitions: Vec<(String, String, Span)>,
}
