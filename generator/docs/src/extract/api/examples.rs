//! Example requests and responses: paired, their bodies read as JSON for the IR and queued
//! for validation against the types.

use super::{http, json_body};
use crate::markdown::{Block, CodeBlock, Page};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};

/// A parsed example body waiting for validation.
#[derive(Debug, Clone)]
pub struct PendingBody {
    /// The value, when no example holds it (a response with no request).
    pub value: Option<serde_json::Value>,
    /// Index of the example that holds the value, and whether it is the request's.
    pub slot: Option<(usize, bool)>,
    pub text: String,
    pub lines: Vec<Span>,
    pub request: bool,
    pub truncated: bool,
}

/// For each request, the index of its response: the one with the same annotation name, else
/// the next unpaired one after it.
pub fn pair_examples(
    requests: &[(&CodeBlock, http::Message)],
    responses: &[(&CodeBlock, http::Message)],
) -> Vec<Option<usize>> {
    let name = |cb: &CodeBlock| cb.annotation.as_ref().and_then(|a| a.name.clone()).filter(|n| !n.is_empty());
    let mut used = vec![false; responses.len()];
    let mut out = vec![None; requests.len()];
    for (i, (rq, _)) in requests.iter().enumerate() {
        let Some(n) = name(rq) else { continue };
        let hit = responses
            .iter()
            .enumerate()
            .position(|(j, (rs, _))| !used.get(j).copied().unwrap_or(true) && name(rs).as_deref() == Some(n.as_str()));
        if let Some(j) = hit {
            if let (Some(u), Some(o)) = (used.get_mut(j), out.get_mut(i)) {
                *u = true;
                *o = Some(j);
            }
        }
    }
    for (i, (rq, _)) in requests.iter().enumerate() {
        if out.get(i).copied().flatten().is_some() {
            continue;
        }
        let after = rq.span.start;
        let next_rq = requests.get(i + 1).map_or(u32::MAX, |(n, _)| n.span.start);
        let hit = responses.iter().enumerate().position(|(j, (rs, _))| {
            !used.get(j).copied().unwrap_or(true) && rs.span.start > after && rs.span.start < next_rq
        });
        if let Some(j) = hit {
            if let (Some(u), Some(o)) = (used.get_mut(j), out.get_mut(i)) {
                *u = true;
                *o = Some(j);
            }
        }
    }
    out
}

/// Names the page itself uses for types: link texts and `@odata.type` values in bodies.
pub fn page_mentions(page: &Page, responses: &[(&CodeBlock, http::Message)]) -> Vec<String> {
    let mut out = Vec::new();
    for b in &page.blocks {
        if let Block::Paragraph(p) = b {
            for l in p.links() {
                if l.href.contains("resources/") {
                    out.push(l.text.trim().to_string());
                }
            }
        }
    }
    for (_, m) in responses {
        if let Some((b, _)) = &m.body {
            for part in b.split("\"@odata.type\"").skip(1) {
                let v = part.split('"').nth(1).unwrap_or("").trim_start_matches('#');
                out.push(v.rsplit('.').next().unwrap_or(v).to_string());
            }
        }
    }
    out
}

/// What a response body looks like: `{ "value": [ ... ] }`, another object, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyShape {
    ValueArray,
    Object,
    Other,
}

impl BodyShape {
    pub fn of(v: &serde_json::Value) -> BodyShape {
        match v {
            serde_json::Value::Object(map) if matches!(map.get("value"), Some(serde_json::Value::Array(_))) => {
                BodyShape::ValueArray
            }
            serde_json::Value::Object(_) => BodyShape::Object,
            _ => BodyShape::Other,
        }
    }
}

/// Parses a message body as JSON for the IR and queues it for validation.
pub fn body_value(
    m: &http::Message,
    request: bool,
    truncated: bool,
    queue: &mut Vec<PendingBody>,
    d: &mut Diagnostics,
) -> Option<serde_json::Value> {
    let (text, at) = m.body.as_ref()?;
    let json_header = m.header("content-type").is_some_and(|c| c.contains("json"));
    if !json_body::looks_like_json(text) {
        if json_header {
            d.push(
                Diagnostic::new(Code::D0214, *at, "the body is not JSON although Content-Type says it is")
                    .help("write the body as JSON, or give its real Content-Type"),
            );
        }
        return None;
    }
    match json_body::parse_body(text) {
        Ok((v, repairs)) => {
            if !repairs.is_empty() {
                let what: Vec<&str> = repairs
                    .iter()
                    .map(|r| match r {
                        json_body::Repair::Elided => "`...` elisions",
                        json_body::Repair::Comments => "comments",
                        json_body::Repair::TrailingCommas => "stray commas",
                    })
                    .collect();
                d.push(
                    Diagnostic::new(
                        Code::D0224,
                        *at,
                        format!("the body has {}; it was read leniently", what.join(", ")),
                    )
                    .help("JSON has no comments or elisions; real payloads will differ"),
                );
            }
            queue.push(PendingBody {
                value: None,
                slot: None,
                text: text.clone(),
                lines: m.body_lines.clone(),
                request,
                truncated,
            });
            Some(v)
        }
        Err((line, msg)) => {
            let span = m.body_lines.get(line.saturating_sub(1)).copied().unwrap_or(*at);
            d.push(
                Diagnostic::new(Code::D0214, span, format!("the body is not valid JSON: {msg}"))
                    .help("fix the JSON so that it parses"),
            );
            None
        }
    }
}
