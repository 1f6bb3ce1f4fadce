//! The `HTTP request` section's lines (method, path templates, query parameters) and the
//! URL faults of example request lines.

use super::{http, paths, ParamFact, ParamStep, ParamType};
use crate::markdown::CodeBlock;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::{Operation, ParamLocation, QueryTemplate, TypeRef};

/// URL faults of an example request line.
pub fn check_example_url(rl: &http::RequestLine, d: &mut Diagnostics) {
    if rl.target.contains('\\') {
        d.push(
            Diagnostic::new(Code::D0202, rl.span, "the request URL contains a backslash")
                .help("URLs separate segments with `/`"),
        );
    }
    if paths::is_uri_placeholder(&rl.target) {
        d.push(
            Diagnostic::new(Code::D0201, rl.span, "a `** URI ... not found` placeholder stands where the URL belongs")
                .help("write the real request URL, e.g. `https://graph.microsoft.com/v1.0/...`"),
        );
    }
}

/// What the request lines of a page add to its operation.
pub struct Syntax<'a> {
    pub op: &'a mut Operation,
    pub params: &'a mut Vec<ParamStep>,
    /// Spans of the templates, in `op.paths` order.
    pub spans: &'a mut Vec<Span>,
    pub method: &'a mut Option<String>,
    /// A line stood where a path belongs but gave none.
    pub path_fault: &'a mut bool,
    /// The placeholders of fixed query templates, with the line that holds them.
    pub placeholders: &'a mut Vec<(String, Span)>,
}

impl Syntax<'_> {
    /// Reads the request lines of an `HTTP request` syntax block.
    pub fn block(&mut self, cb: &CodeBlock, d: &mut Diagnostics) {
        let Syntax { op, params, spans, method, path_fault, placeholders } = self;
        placeholders.extend(syntax_block(cb, op, params, spans, method, path_fault, d));
    }
}

/// Reads the lines; gives the placeholders of fixed query templates with their lines.
fn syntax_block(
    cb: &CodeBlock,
    op: &mut Operation,
    steps: &mut Vec<ParamStep>,
    spans: &mut Vec<Span>,
    method: &mut Option<String>,
    path_fault: &mut bool,
    d: &mut Diagnostics,
) -> Vec<(String, Span)> {
    let mut placeholders = Vec::new();
    let ls = http::lines(cb);
    if ls.iter().all(|l| l.text.trim().is_empty()) {
        *path_fault = true;
        d.push(
            Diagnostic::new(Code::D0203, cb.span, "the HTTP request block is empty")
                .help("write the request line(s), e.g. `GET /me/events`"),
        );
        return placeholders;
    }
    for l in &ls {
        let t = l.text.trim();
        if t.is_empty() || t.starts_with("//") || t.starts_with('#') {
            continue;
        }
        let (m, target) = match http::request_line(l) {
            Some(rl) => (Some(rl.method), rl.target),
            None if t.starts_with('/') || t.to_ascii_lowercase().starts_with("http") => (None, t.to_string()),
            None => continue,
        };
        if let Some(m) = m {
            if method.is_none() {
                *method = Some(m);
            }
        }
        if target.contains('\\') {
            d.push(
                Diagnostic::new(Code::D0202, l.span, "the request path contains a backslash")
                    .help("paths separate segments with `/`"),
            );
        }
        for name in query_of_line(&target, op, steps) {
            placeholders.push((name, l.span));
        }
        match paths::normalize(&target) {
            Ok(tpl) if paths::texts(&tpl.path).iter().any(|s| s.starts_with("..") || s.starts_with('…')) => {
                d.push(
                    Diagnostic::new(Code::D0225, l.span, "this path elides segments with `...`; it is left out")
                        .help("write each full path on a line of its own"),
                );
            }
            Ok(tpl) => {
                if !op.paths.contains(&tpl.path) {
                    steps.extend(paths::path_parameters(&tpl).into_iter().map(ParamStep::PushIfAbsent));
                    op.paths.push(tpl.path);
                    spans.push(l.span);
                }
            }
            Err(paths::PathFault::UriPlaceholder) => {
                *path_fault = true;
                d.push(
                    Diagnostic::new(
                        Code::D0201,
                        l.span,
                        "a `** URI ... not found` placeholder stands where the request path belongs",
                    )
                    .help("write the path template, e.g. `/deviceManagement/things/{thing-id}`"),
                );
            }
            Err(paths::PathFault::Empty) => {
                *path_fault = true;
                d.push(
                    Diagnostic::new(Code::D0222, l.span, "this request line has no path")
                        .help("write the path after the method"),
                );
            }
        }
    }
    placeholders
}

/// Query parameters written in a syntax line (`?startDateTime={start}&$top=5`): named
/// ones are required query parameters, `$` ones query options; a `$` option with a value
/// that holds placeholders (`$filter=containerTypeId eq {containerTypeId}`) is a query the
/// operation always sends, each placeholder a required query parameter. Gives the
/// placeholders.
fn query_of_line(target: &str, op: &mut Operation, steps: &mut Vec<ParamStep>) -> Vec<String> {
    let mut placeholders = Vec::new();
    let Some((_, q)) = target.split_once('?') else { return placeholders };
    for pair in q.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = k.trim();
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '$' || c == '_' || c == '-') {
            continue;
        }
        let fixed = QueryTemplate { name: k.to_string(), template: decode(v.trim()) };
        // a `$select` list names what to return, the caller's choice: never a fixed query;
        // nor is a value that is only a placeholder (`$top={n}`): the option takes a value
        let fixed_query = k.starts_with('$') && !k.eq_ignore_ascii_case("$select") && has_literal_text(&fixed);
        if fixed_query && !fixed.placeholders().is_empty() {
            // another line's template of the same option was kept: its placeholders, not these
            if op.required_query.iter().any(|r| r.name.eq_ignore_ascii_case(k)) {
                continue;
            }
            for name in fixed.placeholders() {
                placeholders.push(name.to_string());
                steps.push(ParamStep::Merge(ParamFact {
                    name: name.to_string(),
                    ty: ParamType::Known(TypeRef::new("Edm.String", false)),
                    required: true,
                    location: ParamLocation::Query,
                    description: String::new(),
                }));
            }
            op.required_query.push(fixed);
        } else if k.starts_with('$') {
            super::params::query_options(k, &mut op.query_options);
        } else {
            steps.push(ParamStep::Merge(ParamFact {
                name: k.to_string(),
                ty: ParamType::Known(TypeRef::new("Edm.String", false)),
                required: true,
                location: ParamLocation::Query,
                description: String::new(),
            }));
        }
    }
    placeholders
}

/// True when a template holds text besides its placeholders and quotes.
fn has_literal_text(t: &QueryTemplate) -> bool {
    let mut rest = t.template.clone();
    for name in t.placeholders() {
        rest = rest.replace(&format!("{{{name}}}"), "");
    }
    rest.chars().any(|c| !c.is_whitespace() && !matches!(c, '\'' | '"' | '{' | '}'))
}

/// The text with its `%XX` escapes (`%20`) decoded; a broken escape stays as written.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        let hex = hex.and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()).filter(|_| b == b'%') {
            Some(v) => {
                out.push(v);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(decode("kind%20eq%20'{k}'"), "kind eq '{k}'");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
    }
}
