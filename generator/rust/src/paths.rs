//! Path templates: `/a/{a-id}/b` split into literal text (percent-encoded where a URI
//! needs it) and parameters, and the endpoint area (module) an operation belongs to.

use codegen_ir::Operation;

/// One part of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, already percent-encoded where needed.
    Literal(String),
    /// A `{placeholder}`, by the name it has in the docs.
    Param(String),
}

/// Splits `/a/{b-id}/c` into literal and parameter parts; the query part is dropped.
pub fn parse_template(template: &str) -> Vec<PathPart> {
    let path = template.split('?').next().unwrap_or_default().trim();
    let mut parts = Vec::new();
    let mut literal = String::new();
    if !path.starts_with('/') {
        literal.push('/');
    }
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        literal.push_str(&encode_literal(&rest[..open]));
        if !literal.is_empty() {
            parts.push(PathPart::Literal(std::mem::take(&mut literal)));
        }
        let inner = &rest[open + 1..open + len];
        let name = inner.split('|').next().unwrap_or_default().trim().trim_matches(['\'', '"']);
        parts.push(PathPart::Param(name.to_string()));
        rest = &rest[open + len + 1..];
    }
    literal.push_str(&encode_literal(rest));
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
    let path = op.paths.first()?;
    let first = path.trim_start_matches('/').split(['/', '?', '(']).next().unwrap_or_default();
    if first.is_empty() || first.contains('{') {
        Some("root".to_string())
    } else {
        Some(first.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        assert_eq!(
            parse_template("/a/{a-id}/b"),
            vec![PathPart::Literal("/a/".into()), PathPart::Param("a-id".into()), PathPart::Literal("/b".into())]
        );
        assert_eq!(
            parse_template("users/{id | userPrincipalName}?$x=1"),
            vec![PathPart::Literal("/users/".into()), PathPart::Param("id".into())]
        );
        assert_eq!(parse_template("/a b/{x"), vec![PathPart::Literal("/a%20b/{x".replace('{', "%7B"))]);
    }
}
