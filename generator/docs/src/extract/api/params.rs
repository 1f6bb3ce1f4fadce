//! Request bodies, parameter tables, query options and request headers, as written: type
//! cells and links are kept for the tree-wide step, which knows the types.

use super::{BodyProse, CellRef, LinkRef, ParamFact, ParamType};
use crate::extract::prose::required_of;
use crate::markdown::{Inline, Table};
use codegen_core::diag::{Code, Diagnostic, Diagnostics};
use codegen_ir::{Header, ParamLocation, TypeRef};

/// Standard OData query options, as the docs write them.
pub const QUERY_OPTIONS: &[&str] =
    &["$select", "$expand", "$filter", "$top", "$skip", "$orderby", "$count", "$search", "$format", "$skipToken"];

fn col(t: &Table, names: &[&str]) -> Option<usize> {
    t.header.iter().position(|h| {
        let l = h.text.trim().to_ascii_lowercase();
        names.iter().any(|n| l == *n)
    })
}

/// A `supply a JSON representation of [x]` paragraph: its links, one of which names the
/// body's type.
pub fn body_from_prose(p: &Inline) -> Option<BodyProse> {
    let l = p.text.to_ascii_lowercase();
    if !(l.contains("json representation") || l.contains("supply a") || l.contains("provide a")) {
        return None;
    }
    if l.contains("parameters") && !l.contains("json representation") {
        return None;
    }
    Some(BodyProse { links: p.links().iter().map(LinkRef::of).collect(), collection: l.contains("collection of") })
}

/// A table of `Parameter | Type | Description` (action parameters) or `Property | Type | ...`.
pub struct ParamTable {
    pub params: Vec<ParamFact>,
    pub is_property_table: bool,
}

pub fn param_table(t: &Table, location: ParamLocation) -> Option<ParamTable> {
    let name_col = col(t, &["parameter", "name", "property", "parameter name", "query parameter"])?;
    let type_col = col(t, &["type", "value", "data type"]);
    let desc_col = col(t, &["description", "notes", "details"]);
    let req_col = col(t, &["required", "required?", "optional"]);
    let is_property_table = t.header.get(name_col).is_some_and(|h| h.text.trim().eq_ignore_ascii_case("property"));
    let mut params = Vec::new();
    for row in &t.rows {
        let Some(nc) = row.get(name_col) else { continue };
        let name = nc.text.trim().trim_matches(['*', '`', ' ']);
        let name = name.split_whitespace().next().unwrap_or("");
        if name.is_empty() || crate::extract::names::is_type_tag(name) {
            continue;
        }
        let ty = match type_col.and_then(|c| row.get(c)) {
            Some(c) => ParamType::Cell(CellRef::of(c)),
            None => ParamType::Known(TypeRef::new("Edm.String", false)),
        };
        let desc = desc_col.and_then(|c| row.get(c)).map_or("", |c| c.text.as_str());
        let required = match req_col.and_then(|c| row.get(c)) {
            Some(c) => {
                let l = c.text.trim().to_ascii_lowercase();
                l.starts_with("yes") || l.starts_with("true") || l == "required"
            }
            None => required_of(desc).unwrap_or(false),
        };
        params.push(ParamFact { name: name.to_string(), ty, required, location, description: desc.to_string() });
    }
    Some(ParamTable { params, is_property_table })
}

/// D0210: an Update page whose prose calls the body table's properties required. (A row
/// marked `Required.` is reported by the type extractor, which reads the same table.)
pub fn check_required_on_update(t: &Table, intro: Option<&Inline>, pt: &ParamTable, diags: &mut Diagnostics) {
    let intro_says = intro.is_some_and(|p| {
        let l = p.text.to_ascii_lowercase();
        l.contains("required") && !l.contains("optional")
    });
    if intro_says && pt.is_property_table {
        let at = intro.map_or(t.span, |p| p.span);
        diags.push(
            Diagnostic::new(Code::D0210, at, "this Update page says its body properties are required")
                .related(t.span, "the table it introduces")
                .help("PATCH bodies are partial: say the properties are optional"),
        );
    }
}

/// Query options named in a paragraph (`$select`, `$filter`, ...).
pub fn query_options(text: &str, out: &mut Vec<String>) {
    for q in QUERY_OPTIONS {
        let found = text.match_indices(q).any(|(i, _)| {
            let after = text.get(i + q.len()..).and_then(|r| r.chars().next());
            !after.is_some_and(|c| c.is_ascii_alphanumeric())
        });
        if found && !out.iter().any(|o| o == q) {
            out.push(q.to_string());
        }
    }
}

/// Request headers from a `Name | Description` (or `Header | Value`) table.
pub fn headers(t: &Table, out: &mut Vec<Header>) {
    let name_col = col(t, &["name", "header", "request header", "header name"]).unwrap_or(0);
    let value_col =
        col(t, &["description", "value", "notes"]).or(if t.header.len() > 1 { Some(t.header.len() - 1) } else { None });
    for row in &t.rows {
        let Some(nc) = row.get(name_col) else { continue };
        let raw = nc.text.trim().trim_matches(['*', '`']);
        if raw.is_empty() {
            continue;
        }
        let (name, mut value) = match raw.split_once(':') {
            Some((n, v)) => (n.trim().to_string(), v.trim().to_string()),
            None => (raw.to_string(), String::new()),
        };
        let desc = value_col.and_then(|c| row.get(c)).map_or("", |c| c.text.as_str());
        // headers the docs list are required unless they say otherwise
        let required = required_of(desc).or_else(|| required_of(&nc.text)).unwrap_or(true);
        if value.is_empty() {
            // `application/json. Required.` -> `application/json`
            let first = desc.split(". ").next().unwrap_or("").trim().trim_end_matches('.');
            if first.len() < 60 && !first.contains(' ') || first.starts_with("Bearer") {
                value = first.to_string();
            }
        }
        if !out.iter().any(|h| h.name.eq_ignore_ascii_case(&name) && h.value == value) {
            out.push(Header { name, required, value });
        }
    }
}
