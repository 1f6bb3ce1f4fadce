//! Path templates: `/a/{a-id}/b` split into literal text (percent-encoded where a URI
//! needs it) and parameters, and the endpoint area (module) an operation belongs to.

use codegen_ir::{Operation, PathTemplate, Piece};
use std::collections::BTreeMap;

/// One part of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, already percent-encoded where needed.
    Literal(String),
    /// A `{placeholder}`, by the name it has in the docs.
    Param(String),
}

/// Splits a template into literal text (percent-encoded where a URI needs it) and
/// parameters, adjacent literals joined.
pub fn parse_template(template: &PathTemplate) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    for piece in template.pieces() {
        match piece {
            Piece::Literal(text) => literal.push_str(&encode_literal(text)),
            Piece::Param(name) => {
                if !literal.is_empty() {
                    parts.push(PathPart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(PathPart::Param(name.to_string()));
            }
        }
    }
    if !literal.is_empty() {
        parts.push(PathPart::Literal(literal));
    }
    parts
}

/// Percent-encodes what may not stand in a URI path (spaces, quotes, non-ASCII).
fn encode_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The endpoint area (module) of an operation: the first literal segment of its path.
pub fn area(op: &Operation) -> Option<String> {
    let first = op.paths.first()?.segments.first().map(ToString::to_string).unwrap_or_default();
    let first = first.split(['/', '?', '(']).next().unwrap_or_default();
    if first.is_empty() || first.contains('{') {
        Some("root".to_string())
    } else {
        Some(first.to_string())
    }
}

/// Gathers `(area, op)` pairs under one area per root. Paths are read without regard to
/// case by the service, so areas that differ only in case are one: it is spelled as most of
/// its operations spell it, ties to the first in byte order.
pub fn by_area<'a>(ops: impl IntoIterator<Item = (String, &'a Operation)>) -> BTreeMap<String, Vec<&'a Operation>> {
    let mut groups: BTreeMap<String, (BTreeMap<String, usize>, Vec<&'a Operation>)> = BTreeMap::new();
    for (area, op) in ops {
        let g = groups.entry(area.to_ascii_lowercase()).or_default();
        *g.0.entry(area).or_default() += 1;
        g.1.push(op);
    }
    groups
        .into_values()
        .filter_map(|(spellings, ops)| {
            let (area, _) = spellings.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((area, ops))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_that_differ_in_case_are_one() {
        let op = Operation::default();
        let got = by_area([("fooBars".to_string(), &op), ("foobars".to_string(), &op), ("fooBars".to_string(), &op)]);
        assert_eq!(got.keys().collect::<Vec<_>>(), ["fooBars"]);
        assert_eq!(got.get("fooBars").map(Vec::len), Some(3));
        // a tie goes to the first in byte order
        let got = by_area([("bazs".to_string(), &op), ("bAzs".to_string(), &op)]);
        assert_eq!(got.keys().collect::<Vec<_>>(), ["bAzs"]);
    }

    #[test]
    fn templates() {
        let t = |s: &str| parse_template(&PathTemplate::parse(s));
        assert_eq!(
            t("/a/{a-id}/b"),
            vec![PathPart::Literal("/a/".into()), PathPart::Param("a-id".into()), PathPart::Literal("/b".into())]
        );
        assert_eq!(
            t("/f(x={x},y='{y}')"),
            vec![
                PathPart::Literal("/f(x=".into()),
                PathPart::Param("x".into()),
                PathPart::Literal(",y='".into()),
                PathPart::Param("y".into()),
                PathPart::Literal("')".into())
            ]
        );
        assert_eq!(t("/a b/{x"), vec![PathPart::Literal("/a%20b/{x".replace('{', "%7B"))]);
    }
}
