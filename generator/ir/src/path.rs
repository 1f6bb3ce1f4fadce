//! Path templates, parsed once: `/users/{user-id}/events`, `/me/drive/root:/{item-path}:/content`,
//! `/reports/getEmailActivityCounts(period={period})`, `/devices/{device-id}/microsoft.graph.x`.
//!
//! A [`PathTemplate`] is a list of [`Segment`]s and writes back exactly the text it was
//! read from, so it serializes as that text (contract v1). Segments the parser does not
//! recognise are kept as written ([`Segment::Other`]), never dropped.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt::{self, Write};

/// One `/`-separated step of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// A name: an entity set, singleton, property, or a bound action or function written
    /// without parentheses.
    Name(String),
    /// `{name}`: a parameter, most often the key of the collection before it.
    Param(String),
    /// `name(...)`: a function call with parameters, `name()`, or an alternate key
    /// (`directoryRoles(roleTemplateId='{id}')`).
    Call { name: String, args: Vec<CallArg> },
    /// `namespace.type`: a cast to a derived type (or a namespace-qualified bound operation).
    Cast(String),
    /// `$value`: the raw value of a media entity or property.
    Value,
    /// `$ref`: the reference to an entity rather than the entity.
    Ref,
    /// `$count`: the number of items of a collection.
    Count,
    /// `item:/path:` addressing by path inside a drive (`root:/{item-path}:`); `closed` is
    /// false for `root:` alone, where the segments that follow are the item's path.
    Address { item: String, path: String, closed: bool },
    /// Anything else, as written.
    Other(String),
}

/// One argument of a [`Segment::Call`]: `name={param}` or, quoted, `name='{param}'`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CallArg {
    pub name: String,
    pub param: String,
    pub quoted: bool,
}

/// Literal text or a parameter of a template, in order: what a request builder fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Literal(&'a str),
    Param(&'a str),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PathTemplate {
    pub segments: Vec<Segment>,
}

/// Splits a path on `/` outside braces, parentheses, brackets and `:/...:` addressing.
/// Empty segments are dropped.
pub fn split_segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut in_colon = false;
    let mut start = 0;
    let bytes = path.as_bytes();
    // every byte that matters is ASCII: bytes of other characters never match
    for (i, &c) in bytes.iter().enumerate() {
        match c {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => depth -= 1,
            b':' if depth <= 0 => {
                // `root:/a/b:` keeps the item path in one segment
                if bytes.get(i + 1) == Some(&b'/') && !in_colon {
                    in_colon = path.get(i + 1..).is_some_and(|r| r.get(1..).is_some_and(|r| r.contains(':')));
                } else if in_colon {
                    in_colon = false;
                }
            }
            b'/' if depth <= 0 && !in_colon => {
                if let Some(seg) = path.get(start..i) {
                    if !seg.is_empty() {
                        out.push(seg);
                    }
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if let Some(seg) = path.get(start..) {
        if !seg.trim().is_empty() {
            out.push(seg);
        }
    }
    out
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && !s.contains(['{', '}', '(', ')', ':', '/', '\'', '"', '=', ','])
}

/// The inside of `{x}`, when the whole text is one parameter.
fn param_of(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('{')?.strip_suffix('}')?;
    (!inner.is_empty() && !inner.contains(['{', '}'])).then_some(inner)
}

impl Segment {
    /// Reads one segment; a shape it does not know is [`Segment::Other`].
    pub fn parse(raw: &str) -> Segment {
        let parsed = match raw {
            "$value" => Segment::Value,
            "$ref" => Segment::Ref,
            "$count" => Segment::Count,
            _ => Segment::classify(raw),
        };
        // only a form that writes back to the same text is kept
        if parsed.to_string() == raw {
            parsed
        } else {
            Segment::Other(raw.to_string())
        }
    }

    fn classify(raw: &str) -> Segment {
        if let Some(p) = param_of(raw) {
            return Segment::Param(p.to_string());
        }
        if let Some((item, rest)) = raw.split_once(':') {
            if rest.is_empty() {
                return Segment::Address { item: item.to_string(), path: String::new(), closed: false };
            }
            if let Some(path) = rest.strip_prefix('/').and_then(|r| r.strip_suffix(':')) {
                return Segment::Address { item: item.to_string(), path: path.to_string(), closed: true };
            }
            return Segment::Other(raw.to_string());
        }
        if let Some(open) = raw.find('(') {
            let (name, rest) = raw.split_at(open);
            let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
                return Segment::Other(raw.to_string());
            };
            let mut args = Vec::new();
            for arg in inner.split(',').filter(|a| !a.is_empty()) {
                let Some((k, v)) = arg.split_once('=') else { return Segment::Other(raw.to_string()) };
                let (v, quoted) = match v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
                    Some(v) => (v, true),
                    None => (v, false),
                };
                match param_of(v) {
                    Some(p) => args.push(CallArg { name: k.to_string(), param: p.to_string(), quoted }),
                    None => return Segment::Other(raw.to_string()),
                }
            }
            return Segment::Call { name: name.to_string(), args };
        }
        if raw.contains('.') && is_word(raw) {
            return Segment::Cast(raw.to_string());
        }
        if is_word(raw) {
            return Segment::Name(raw.to_string());
        }
        Segment::Other(raw.to_string())
    }

    /// The name a segment navigates by: a name, a call's or an address's name, a cast.
    pub fn name(&self) -> Option<&str> {
        match self {
            Segment::Name(n) | Segment::Cast(n) | Segment::Call { name: n, .. } => Some(n),
            Segment::Address { item, .. } => Some(item),
            _ => None,
        }
    }

    /// The parameters of this segment, in order.
    pub fn params(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.pieces(&mut |p| {
            if let Piece::Param(n) = p {
                out.push(n);
            }
        });
        out
    }

    /// Literal text and parameters of this segment, in order.
    fn pieces<'a>(&'a self, out: &mut dyn FnMut(Piece<'a>)) {
        match self {
            Segment::Name(n) | Segment::Cast(n) => out(Piece::Literal(n)),
            Segment::Param(p) => out(Piece::Param(p)),
            Segment::Value => out(Piece::Literal("$value")),
            Segment::Ref => out(Piece::Literal("$ref")),
            Segment::Count => out(Piece::Literal("$count")),
            Segment::Call { name, args } => {
                out(Piece::Literal(name));
                out(Piece::Literal("("));
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        out(Piece::Literal(","));
                    }
                    out(Piece::Literal(&a.name));
                    out(Piece::Literal(if a.quoted { "='" } else { "=" }));
                    out(Piece::Param(&a.param));
                    if a.quoted {
                        out(Piece::Literal("'"));
                    }
                }
                out(Piece::Literal(")"));
            }
            Segment::Address { item, path, closed } => {
                address_part(item, out);
                out(Piece::Literal(":"));
                if *closed {
                    out(Piece::Literal("/"));
                    address_part(path, out);
                    out(Piece::Literal(":"));
                }
            }
            Segment::Other(raw) => braces(raw, out),
        }
    }
}

/// The item or path of an address: one parameter, or text.
fn address_part<'a>(s: &'a str, out: &mut dyn FnMut(Piece<'a>)) {
    braces(s, out)
}

/// Text with `{x}` parameters anywhere in it.
fn braces<'a>(s: &'a str, out: &mut dyn FnMut(Piece<'a>)) {
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest.get(open..).and_then(|r| r.find('}')) else { break };
        if open > 0 {
            out(Piece::Literal(rest.get(..open).unwrap_or_default()));
        }
        out(Piece::Param(rest.get(open + 1..open + len).unwrap_or_default()));
        rest = rest.get(open + len + 1..).unwrap_or_default();
    }
    if !rest.is_empty() {
        out(Piece::Literal(rest));
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut result = Ok(());
        self.pieces(&mut |p| {
            if result.is_ok() {
                result = match p {
                    Piece::Literal(s) => f.write_str(s),
                    Piece::Param(n) => write!(f, "{{{n}}}"),
                };
            }
        });
        result
    }
}

impl PathTemplate {
    /// Reads a template; never fails (unknown shapes are kept as [`Segment::Other`]).
    pub fn parse(text: &str) -> PathTemplate {
        PathTemplate { segments: split_segments(text).into_iter().map(Segment::parse).collect() }
    }

    /// Every parameter, in order of appearance.
    pub fn params(&self) -> Vec<&str> {
        self.segments.iter().flat_map(Segment::params).collect()
    }

    /// The template as literal text (with its `/`s) and parameters, in order.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        let mut out = Vec::new();
        for s in &self.segments {
            out.push(Piece::Literal("/"));
            s.pieces(&mut |p| out.push(p));
        }
        out
    }

    /// The first segment, the entity set or singleton the path starts from.
    pub fn root(&self) -> Option<&Segment> {
        self.segments.first()
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.segments {
            f.write_char('/')?;
            fmt::Display::fmt(s, f)?;
        }
        Ok(())
    }
}

/// Compares with the text form.
impl PartialEq<str> for PathTemplate {
    fn eq(&self, other: &str) -> bool {
        self.to_string().as_str() == other
    }
}

impl PartialEq<&str> for PathTemplate {
    fn eq(&self, other: &&str) -> bool {
        self.to_string().as_str() == *other
    }
}

impl Serialize for PathTemplate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PathTemplate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PathTemplate, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(PathTemplate::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_of_each_kind() {
        let t = PathTemplate::parse(
            "/me/drive/root:/{item-path}:/workbook/range(address={address})/microsoft.graph.x/$value",
        );
        assert_eq!(
            t.segments,
            vec![
                Segment::Name("me".into()),
                Segment::Name("drive".into()),
                Segment::Address { item: "root".into(), path: "{item-path}".into(), closed: true },
                Segment::Name("workbook".into()),
                Segment::Call {
                    name: "range".into(),
                    args: vec![CallArg { name: "address".into(), param: "address".into(), quoted: false }]
                },
                Segment::Cast("microsoft.graph.x".into()),
                Segment::Value,
            ]
        );
        assert_eq!(t.params(), vec!["item-path", "address"]);
        let k = PathTemplate::parse("/directoryRoles(roleTemplateId='{id}')/members/{m-id}/$ref");
        assert_eq!(k.params(), vec!["id", "m-id"]);
        assert_eq!(k.segments.last(), Some(&Segment::Ref));
    }

    #[test]
    fn text_round_trips_whatever_it_holds() {
        for s in [
            "/users/{user-id}/events",
            "/me/getMemberGroups()",
            "/groups/{group-id}/drive/root:/{item-path}",
            "/a(b",
            "/x/é{",
            "/a/'{b}'/é",
            "/$entity",
            "/f(a={x},b='{y}')",
            "/g(a=1)",
            "/odd:/x",
        ] {
            let t = PathTemplate::parse(s);
            assert_eq!(t.to_string(), s, "{t:?}");
            let text: String = t
                .pieces()
                .iter()
                .map(|p| match p {
                    Piece::Literal(l) => l.to_string(),
                    Piece::Param(n) => format!("{{{n}}}"),
                })
                .collect();
            assert_eq!(text, s);
        }
    }
}
