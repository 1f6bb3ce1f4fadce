//! The facts one page states about types, each with its span and origin.

use super::typecell::TypeCell;
use super::{api, json_repr};
use codegen_core::diag::{FileId, Span};

/// How a type came to be known; lower is more authoritative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// The main type of a resource or enum page.
    Resource,
    /// A `## x values` section.
    EnumSection,
    /// An enum derived from "Possible values" prose or an `Enumeration` cell.
    Derived,
    /// A request-body table of an API page.
    ApiBody,
}

/// Everything one page says.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub file: FileId,
    /// The path relative to the docs root.
    pub rel: String,
    /// The `Namespace:` line, else the default namespace.
    pub namespace: String,
    /// The `ms.prod` of the front matter, when it names one.
    pub area: Option<String>,
    /// A resource page's type as its `resource` annotation names it, qualified.
    pub declared: Option<String>,
    pub types: Vec<TypeFact>,
    /// The operation of an API page.
    pub api: Option<api::ApiFacts>,
}

#[derive(Debug, Clone)]
pub struct TypeFact {
    pub name: String,
    pub namespace: String,
    pub origin: Origin,
    /// `true` when known to be an enum.
    pub is_enum: bool,
    pub span: Span,
    /// Heading anchor (`x-values`) for types declared in a section.
    pub anchor: Option<String>,
    pub base: Option<BaseFact>,
    /// Other base statements of the page, weaker than `base` (kept to be compared).
    pub weaker_bases: Vec<BaseFact>,
    /// Types this page lists as derived from it (a `Derived types` section or prose).
    pub derived: Vec<DerivedFact>,
    pub is_abstract: bool,
    pub open: bool,
    pub key: Option<String>,
    pub has_relationships: bool,
    /// The page lists API methods for the type (only addressable entities have them).
    pub has_methods: bool,
    /// The page has a Relationships section (even an empty one).
    pub has_relationship_section: bool,
    /// For API-body facts: the link to the type's page, if the prose gave one.
    pub body_href: Option<String>,
    pub properties: Vec<PropFact>,
    pub members: Vec<MemberFact>,
    /// Keys of the JSON representation block, with their spans.
    pub json_keys: Vec<(json_repr::JsonKey, Span)>,
    pub json_span: Option<Span>,
    pub description: Option<String>,
}

impl TypeFact {
    pub(super) fn new(name: &str, namespace: &str, origin: Origin, span: Span) -> TypeFact {
        TypeFact {
            name: name.to_string(),
            namespace: namespace.to_string(),
            origin,
            is_enum: false,
            span,
            anchor: None,
            base: None,
            weaker_bases: Vec::new(),
            derived: Vec::new(),
            is_abstract: false,
            open: false,
            key: None,
            has_relationships: false,
            has_methods: false,
            has_relationship_section: false,
            body_href: None,
            properties: Vec::new(),
            members: Vec::new(),
            json_keys: Vec::new(),
            json_span: None,
            description: None,
        }
    }
}

/// Strength of a base-type statement: annotation > prose > `Inherited from` in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BaseSource {
    Annotation,
    Prose,
    Cell,
    /// The base's page lists this type among its derived types.
    Listed,
}

#[derive(Debug, Clone)]
pub struct BaseFact {
    pub cell: TypeCell,
    pub source: BaseSource,
    pub span: Span,
}

/// A type named as derived from the page's type, with the link's span.
#[derive(Debug, Clone)]
pub struct DerivedFact {
    pub cell: TypeCell,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct PropFact {
    pub name: String,
    pub cell: TypeCell,
    pub navigation: bool,
    pub nullable: bool,
    pub description: String,
    pub span: Span,
    pub type_span: Span,
    /// Members listed by "Possible values are ..." in the description.
    pub values: Option<Vec<String>>,
    /// Marked Optional./Required. in an API body table.
    pub required: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct MemberFact {
    pub name: String,
    pub value: Option<i64>,
    pub description: String,
    pub span: Span,
}
