//! Table shapes: which header says "properties", "relationships", "enum members", or
//! something the type extractor does not read (methods, permissions, headers...).

use crate::markdown::Inline;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Property|Type|Description and its variants.
    Properties { name: usize, ty: usize, desc: Option<usize> },
    /// Relationship|Type|Description: navigation properties.
    Relationships { name: usize, ty: usize, desc: Option<usize> },
    /// Member|Value|Description, Member only, Name|Value|Description, Value|Description.
    Members { name: usize, value: Option<usize>, desc: Option<usize> },
    /// A table of another purpose that the type extractor skips.
    Other,
    /// No known header shape.
    Unknown,
}

fn norm(cell: &Inline) -> String {
    cell.text.trim().trim_matches(|c: char| c == '*' || c == '_' || c == ':').trim().to_ascii_lowercase()
}

/// Classifies a table by its header row.
pub fn classify(header: &[Inline]) -> Shape {
    let cols: Vec<String> = header.iter().map(norm).collect();
    let first = cols.first().map(String::as_str).unwrap_or("");
    let find = |pred: &dyn Fn(&str) -> bool| cols.iter().position(|c| pred(c));
    let ty = find(&|c: &str| {
        c == "type" || c == "data type" || c == "value type" || c.ends_with(" type") && c != "permission type"
    });
    let desc = find(&|c: &str| c.contains("description") || c == "notes" || c == "remarks" || c == "meaning");
    let value = find(&|c: &str| c == "value" || c.ends_with(" value") || c == "int value" || c == "numeric value");
    match first {
        "property" | "property name" | "properties" | "name" | "field" | "property (json)" | "attribute" => match ty {
            Some(ty) if ty != 0 => Shape::Properties { name: 0, ty, desc },
            _ if first == "name" && value.is_some() => Shape::Members { name: 0, value, desc },
            _ if first == "name" => Shape::Other,
            _ => Shape::Unknown,
        },
        "relationship" | "relationship name" | "relationships" | "navigation property" => match ty {
            Some(ty) if ty != 0 => Shape::Relationships { name: 0, ty, desc },
            _ => Shape::Unknown,
        },
        "member" | "members" | "member name" | "enum member" | "enumeration member" => {
            Shape::Members { name: 0, value: value.filter(|v| *v != 0), desc }
        }
        "value" | "values" if ty.is_none() => Shape::Members { name: 0, value: None, desc },
        "method"
        | "methods"
        | "permission type"
        | "permission"
        | "parameter"
        | "parameter name"
        | "header"
        | "request header"
        | "header name"
        | "scenario"
        | "name of the parameter"
        | "query parameter"
        | "http method"
        | "request"
        | "api"
        | "resource"
        | "operation"
        | "status code"
        | "error code"
        | "code"
        | "scope"
        | "role"
        | "setting"
        | "key"
        | "feature"
        | "supported resource"
        | "resource type"
        | "event"
        | "platform" => Shape::Other,
        _ => Shape::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cols: &[&str]) -> Vec<Inline> {
        cols.iter().map(|c| Inline::plain(*c)).collect()
    }

    #[test]
    fn shapes() {
        assert_eq!(
            classify(&header(&["Property", "Type", "Description"])),
            Shape::Properties { name: 0, ty: 1, desc: Some(2) }
        );
        assert_eq!(
            classify(&header(&["Relationship", "Type", "Description"])),
            Shape::Relationships { name: 0, ty: 1, desc: Some(2) }
        );
        assert_eq!(
            classify(&header(&["Member", "Value", "Description"])),
            Shape::Members { name: 0, value: Some(1), desc: Some(2) }
        );
        assert_eq!(classify(&header(&["Member"])), Shape::Members { name: 0, value: None, desc: None });
        assert_eq!(
            classify(&header(&["Name", "Value", "Description"])),
            Shape::Members { name: 0, value: Some(1), desc: Some(2) }
        );
        assert_eq!(classify(&header(&["Method", "Return Type", "Description"])), Shape::Other);
        assert_eq!(classify(&header(&["Wobble", "Flop"])), Shape::Unknown);
    }
}
