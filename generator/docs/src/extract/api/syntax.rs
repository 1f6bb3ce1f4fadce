//! The `HTTP request` section's lines (method, path templates, query parameters) and the
//! URL faults of example request lines.

use super::{http, paths, ParamFact, ParamStep, ParamType};
use crate::markdown::CodeBlock;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::{Operation, ParamLocation, TypeRef};

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
}

impl Syntax<'_> {
    /// Reads the request lines of an `HTTP request` syntax block.
    pub fn block(&mut self, cb: &CodeBlock, d: &mut Diagnostics) {
        let Syntax { op, params, spans, method, path_fault } = self;
        syntax_block(cb, op, params, spans, method, path_fault, d);
    }
}

fn syntax_block(
    cb: &CodeBlock,
    op: &mut Operation,
    steps: &mut Vec<ParamStep>,
    spans: &mut Vec<Span>,
    method: &mut Option<String>,
    path_fault: &mut bool,
    d: &mut Diagnostics,
) {
    let ls = http::lines(cb);
    if ls.iter().all(|l| l.text.trim().is_empty()) {
        *path_fault = true;
        d.push(
            Diagnostic::new(Code::D0203, cb.span, "the HTTP request block is empty")
                .help("write the request line(s), e.g. `GET /me/events`"),
        );
        return;
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
        query_of_line(&target, op, steps);
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
}

/// Query parameters written in a syntax line (`?startDateTime={start}&$top=5`): named
/// ones are required query parameters, `$` ones query options.
fn query_of_line(target: &str, op: &mut Operation, steps: &mut Vec<ParamStep>) {
    let Some((_, q)) = target.split_once('?') else { return };
    for pair in q.split('&') {
        let k = pair.split('=').next().unwrap_or("").trim();
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '$' || c == '_' || c == '-') {
            continue;
        }
        if k.starts_with('$') {
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
}
