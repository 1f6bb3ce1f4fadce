//! Capabilities of an addressable collection or item, read off the `Org.OData.Capabilities.V1`
//! annotations of an entity set or singleton (falling back to its entity type, where Graph's
//! metadata often puts them) or of a navigation property: which requests it accepts, which
//! query options it supports, its custom headers and query options.

use crate::annotations::{capability, find, Annotation, Value, CAPABILITIES};

/// One custom header or query option: name, required, description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Custom {
    pub name: String,
    pub required: bool,
    pub description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub insertable: bool,
    pub updatable: bool,
    pub deletable: bool,
    pub readable: bool,
    /// `$filter`, `$top`, ... a collection GET supports.
    pub query_options: Vec<String>,
    pub headers: Vec<Custom>,
    pub query: Vec<Custom>,
}

/// The capabilities stated by `own` annotations, then `fallback` ones; unstated ones are
/// supported (the vocabulary's default), except `$search`, which must be stated.
pub fn of(own: &[&Annotation], fallback: &[&Annotation]) -> Capabilities {
    let all: Vec<&Annotation> = fallback.iter().chain(own.iter()).copied().collect();
    let says = |term: &str, field: Option<&str>| capability(&all, term, field);
    let mut options = Vec::new();
    for (opt, term, field, default) in [
        ("$select", "SelectRestrictions", Some("Selectable"), true),
        ("$expand", "ExpandRestrictions", Some("Expandable"), true),
        ("$filter", "FilterRestrictions", Some("Filterable"), true),
        ("$orderby", "SortRestrictions", Some("Sortable"), true),
        ("$top", "TopSupported", None, true),
        ("$skip", "SkipSupported", None, true),
        ("$count", "CountRestrictions", Some("Countable"), true),
        ("$search", "SearchRestrictions", Some("Searchable"), false),
    ] {
        if says(term, field).unwrap_or(default) {
            options.push(opt.to_string());
        }
    }
    let read = find(&all, CAPABILITIES, "ReadRestrictions").map(|a| &a.value);
    Capabilities {
        insertable: says("InsertRestrictions", Some("Insertable")).unwrap_or(true),
        updatable: says("UpdateRestrictions", Some("Updatable")).unwrap_or(true),
        deletable: says("DeleteRestrictions", Some("Deletable")).unwrap_or(true),
        readable: says("ReadRestrictions", Some("Readable")).unwrap_or(true),
        query_options: options,
        headers: read.map(|r| customs(r, "CustomHeaders")).unwrap_or_default(),
        query: read.map(|r| customs(r, "CustomQueryOptions")).unwrap_or_default(),
    }
}

/// The custom query options a `NavigationRestrictions` of a root states for one of its
/// navigation properties (`RestrictedProperties[NavigationProperty = nav]/ReadRestrictions`).
pub fn navigation_query(own: &[&Annotation], nav: &str) -> Vec<Custom> {
    let Some(a) = find(own, CAPABILITIES, "NavigationRestrictions") else { return Vec::new() };
    let Some(list) = a.value.field("RestrictedProperties") else { return Vec::new() };
    list.items()
        .iter()
        .filter(|r| r.field("NavigationProperty").and_then(Value::as_str).map(str::trim) == Some(nav))
        .filter_map(|r| r.field("ReadRestrictions"))
        .flat_map(|r| customs(r, "CustomQueryOptions"))
        .collect()
}

fn customs(record: &Value, field: &str) -> Vec<Custom> {
    let Some(list) = record.field(field) else { return Vec::new() };
    list.items()
        .iter()
        .filter_map(|r| {
            let name = r.field("Name")?.as_str()?.trim().to_string();
            Some(Custom {
                name,
                required: r.field("Required").and_then(Value::as_bool).unwrap_or(false),
                description: r.field("Description").and_then(Value::as_str).unwrap_or_default().trim().to_string(),
            })
        })
        .filter(|c| !c.name.is_empty())
        .collect()
}
