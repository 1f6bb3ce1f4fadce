//! Annotations: `<Annotation Term=...>` with a constant or a record/collection value, read
//! inline or from `<Annotations Target=...>` blocks, and the terms the generator uses:
//! descriptions (`Core.Description`, `Core.LongDescription`) and capabilities
//! (`Capabilities.*Restrictions`, `TopSupported`, ...).

use crate::names::Names;
use crate::xml::{elements, local, Ctx};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use roxmltree::Node;

pub const CORE: &str = "Org.OData.Core.V1";
pub const CAPABILITIES: &str = "Org.OData.Capabilities.V1";

/// Deeper records and collections are not read (and reported once).
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Bool(bool),
    /// Any other constant or path, as written.
    Other(String),
    Record(Vec<(String, Value)>),
    Collection(Vec<Value>),
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Qualified term, vocabulary alias resolved.
    pub term: String,
    pub qualifier: Option<String>,
    pub value: Value,
    pub span: Span,
}

const CONSTANTS: &[&str] = &[
    "String",
    "Bool",
    "Int",
    "Float",
    "Decimal",
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "TimeOfDay",
    "Binary",
    "EnumMember",
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
    "ModelElementPath",
];

/// The `<Annotation>` children of an element.
pub fn read_all(ctx: Ctx, names: &Names, node: Node, diags: &mut Diagnostics) -> Vec<Annotation> {
    elements(node).filter(|c| local(*c) == "Annotation").filter_map(|c| read_one(ctx, names, c, diags)).collect()
}

fn read_one(ctx: Ctx, names: &Names, node: Node, diags: &mut Diagnostics) -> Option<Annotation> {
    let span = ctx.tag(node);
    let Some((term, _)) = ctx.attr(node, "Term").filter(|(t, _)| !t.trim().is_empty()) else {
        diags.push(
            Diagnostic::new(Code::C0003, span, "annotation without a `Term`; it is skipped")
                .help("name the term, e.g. `Term=\"Org.OData.Core.V1.Description\"`"),
        );
        return None;
    };
    let value = value_of(ctx, node, 0, diags);
    let qualifier = ctx.attr(node, "Qualifier").map(|(q, _)| q.to_string());
    Some(Annotation { term: names.qualify(term), qualifier, value, span })
}

/// The value of an annotation or property value: a constant attribute, else its element child.
fn value_of(ctx: Ctx, node: Node, depth: usize, diags: &mut Diagnostics) -> Value {
    for a in node.attributes() {
        if CONSTANTS.contains(&a.name()) {
            return constant(a.name(), a.value());
        }
    }
    match elements(node).find(|c| local(*c) != "Annotation") {
        Some(child) => element_value(ctx, child, depth + 1, diags),
        None => Value::None,
    }
}

fn constant(kind: &str, text: &str) -> Value {
    match kind {
        "String" => Value::String(text.to_string()),
        "Bool" => match text.trim() {
            t if t.eq_ignore_ascii_case("true") || t == "1" => Value::Bool(true),
            t if t.eq_ignore_ascii_case("false") || t == "0" => Value::Bool(false),
            t => Value::Other(t.to_string()),
        },
        _ => Value::Other(text.to_string()),
    }
}

fn element_value(ctx: Ctx, node: Node, depth: usize, diags: &mut Diagnostics) -> Value {
    if depth > MAX_DEPTH {
        diags.push(
            Diagnostic::new(
                Code::C0004,
                ctx.tag(node),
                format!("annotation value nested deeper than {MAX_DEPTH} levels"),
            )
            .help("the value is not read below this level"),
        );
        return Value::None;
    }
    let name = local(node);
    match name {
        "Record" => Value::Record(
            elements(node)
                .filter(|c| local(*c) == "PropertyValue")
                .filter_map(|c| {
                    let (prop, _) = ctx.attr(c, "Property")?;
                    Some((prop.to_string(), value_of(ctx, c, depth, diags)))
                })
                .collect(),
        ),
        "Collection" => Value::Collection(elements(node).map(|c| element_value(ctx, c, depth + 1, diags)).collect()),
        n if CONSTANTS.contains(&n) => constant(n, node.text().unwrap_or_default()),
        _ => Value::Other(node.text().unwrap_or_default().to_string()),
    }
}

impl Value {
    pub fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Record(fields) => fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::Other(s) => Some(s),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Value] {
        match self {
            Value::Collection(v) => v,
            _ => &[],
        }
    }
}

/// The annotation of `term` (in vocabulary `vocabulary`) without a qualifier, last wins.
pub fn find<'a>(annotations: &[&'a Annotation], vocabulary: &str, term: &str) -> Option<&'a Annotation> {
    annotations.iter().rev().copied().find(|a| {
        a.qualifier.is_none()
            && a.term.strip_prefix(vocabulary).and_then(|t| t.strip_prefix('.')).is_some_and(|t| t == term)
    })
}

/// `Core.Description`, else `Core.LongDescription`, trimmed; `None` when empty.
pub fn description(annotations: &[&Annotation]) -> Option<String> {
    ["Description", "LongDescription"]
        .iter()
        .filter_map(|t| find(annotations, CORE, t)?.value.as_str())
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

/// A capability stated as a record field (`InsertRestrictions/Insertable`) or as a bare
/// boolean term (`TopSupported`).
pub fn capability(annotations: &[&Annotation], term: &str, field: Option<&str>) -> Option<bool> {
    let a = find(annotations, CAPABILITIES, term)?;
    match field {
        Some(f) => a.value.field(f)?.as_bool(),
        None => a.value.as_bool(),
    }
}

/// `<Annotations Target>` blocks by target, for lookups beside an element's own annotations.
#[derive(Debug, Default)]
pub struct Index<'a> {
    by_target: std::collections::BTreeMap<&'a str, Vec<&'a Annotation>>,
}

impl<'a> Index<'a> {
    pub fn new(external: &'a [crate::model::External]) -> Index<'a> {
        let mut by_target: std::collections::BTreeMap<&str, Vec<&Annotation>> = Default::default();
        for e in external {
            by_target.entry(e.target.as_str()).or_default().extend(e.annotations.iter());
        }
        Index { by_target }
    }

    /// An element's own annotations, then those targeting it from outside (which win).
    pub fn of(&self, own: &'a [Annotation], target: &str) -> Vec<&'a Annotation> {
        let mut out: Vec<&Annotation> = own.iter().collect();
        if let Some(more) = self.by_target.get(target) {
            out.extend(more.iter().copied());
        }
        out
    }

    /// [`description`] of an element.
    pub fn description(&self, own: &'a [Annotation], target: &str) -> Option<String> {
        description(&self.of(own, target))
    }
}
