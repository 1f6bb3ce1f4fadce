//! HTTP messages inside code blocks: request lines, status lines, headers and bodies,
//! parsed tolerantly by hand. Every fault is a diagnostic; nothing here is fatal.

use crate::markdown::CodeBlock;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};

pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// One line of a code block with its span in the source file.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    pub span: Span,
}

/// The lines of a code block, each with its span (located at parse time).
pub fn lines(cb: &CodeBlock) -> Vec<Line<'_>> {
    let texts = cb.text.split('\n').filter(|_| !cb.text.is_empty());
    // `split` yields a last, empty piece after a final line break; the parser's spans do not
    texts.zip(cb.lines.spans(&cb.text)).map(|(t, span)| Line { text: t.trim_end_matches('\r'), span }).collect()
}

/// A request line: method and target.
#[derive(Debug, Clone)]
pub struct RequestLine {
    pub method: String,
    pub target: String,
    pub span: Span,
}

/// A parsed message (an example request or response).
#[derive(Debug, Clone, Default)]
pub struct Message {
    pub request: Option<RequestLine>,
    pub status: Option<(u16, Span)>,
    pub headers: Vec<(String, String, Span)>,
    /// Body text and the span of its first line.
    pub body: Option<(String, Span)>,
    /// Spans of each body line, for locating JSON errors.
    pub body_lines: Vec<Span>,
    pub empty: bool,
}

impl Message {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|h| h.0.eq_ignore_ascii_case(name)).map(|h| h.1.as_str())
    }
}

/// Reads `METHOD target [HTTP/1.1]`; `None` when the line starts with no method.
pub fn request_line(line: &Line) -> Option<RequestLine> {
    let t = line.text.trim();
    let (first, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(first))?;
    let target = rest.trim();
    let target = target.rsplit_once(" HTTP/").map_or(target, |(a, _)| a).trim();
    Some(RequestLine { method: method.to_string(), target: target.to_string(), span: line.span })
}

/// Reads `HTTP/1.1 200 OK` (or `HTTP 200`, `200 OK`).
pub fn status_line(text: &str) -> Option<u16> {
    let t = text.trim();
    let rest = if t.len() >= 4 && t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("HTTP")) {
        t.split_once(char::is_whitespace).map_or("", |(_, r)| r)
    } else {
        t
    };
    let code = rest.split_whitespace().next()?;
    if code.len() == 3 {
        code.parse::<u16>().ok().filter(|c| (100..600).contains(c))
    } else {
        None
    }
}

fn is_header(text: &str) -> bool {
    let Some((name, _)) = text.split_once(':') else {
        return false;
    };
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn starts_body(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') || t.starts_with('[') || t.starts_with('<') || t.starts_with('"')
}

/// Parses an example message. `response` selects a status line instead of a request line.
/// Faults go to `diags`; a block that is not HTTP (`json`) is read as a bare body.
pub fn parse_message(cb: &CodeBlock, response: bool, diags: &mut Diagnostics) -> Message {
    let ls = lines(cb);
    let mut msg = Message::default();
    let mut i = 0;
    while ls.get(i).is_some_and(|l| l.text.trim().is_empty()) {
        i += 1;
    }
    let Some(first) = ls.get(i) else {
        msg.empty = true;
        diags.push(Diagnostic::new(Code::D0203, cb.span, "this `http` block is empty").help(if response {
            "write the status line, headers and body of the response"
        } else {
            "write the request line, e.g. `GET /me`"
        }));
        return msg;
    };
    let bare_body = starts_body(first.text);
    if !bare_body {
        if response {
            match status_line(first.text) {
                Some(code) => msg.status = Some((code, first.span)),
                None => diags.push(
                    Diagnostic::new(Code::D0222, first.span, "cannot read a status line here")
                        .help("start a response with `HTTP/1.1 <code> <reason>`"),
                ),
            }
        } else {
            match request_line(first) {
                Some(rl) => msg.request = Some(rl),
                None => diags.push(
                    Diagnostic::new(Code::D0222, first.span, "cannot read a request line here")
                        .help("start a request with a method and a path, e.g. `GET /me`"),
                ),
            }
        }
        i += 1;
        // a blank line right after the start line, before headers, is tolerated
        let mut j = i;
        while ls.get(j).is_some_and(|l| l.text.trim().is_empty()) {
            j += 1;
        }
        if j > i && ls.get(j).is_some_and(|l| is_header(l.text.trim()) && !starts_body(l.text)) {
            i = j;
        }
        // headers
        while let Some(l) = ls.get(i) {
            if l.text.trim().is_empty() {
                i += 1;
                break;
            }
            if starts_body(l.text) || !is_header(l.text.trim()) {
                if starts_body(l.text) {
                    diags.push(
                        Diagnostic::new(
                            Code::D0205,
                            l.span,
                            "the body starts right after the headers, with no blank line",
                        )
                        .help("put an empty line between the last header and the body"),
                    );
                }
                break;
            }
            let (n, v) = l.text.trim().split_once(':').unwrap_or((l.text, ""));
            msg.headers.push((n.trim().to_string(), v.trim().to_string(), l.span));
            i += 1;
        }
    }
    let rest: Vec<&Line> = ls.get(i..).unwrap_or(&[]).iter().collect();
    let last_non_empty = rest.iter().rposition(|l| !l.text.trim().is_empty());
    if let Some(end) = last_non_empty {
        let body_lines = rest.get(..=end).unwrap_or(&[]);
        let text: String = body_lines.iter().map(|l| l.text).collect::<Vec<_>>().join("\n");
        let start = body_lines.iter().find(|l| !l.text.trim().is_empty()).map_or(cb.span, |l| l.span);
        msg.body_lines = body_lines.iter().map(|l| l.span).collect();
        msg.body = Some((text, start));
    }
    check_length(&msg, diags);
    if let (Some((204, at)), Some((_, body_at))) = (msg.status, &msg.body) {
        diags.push(
            Diagnostic::new(Code::D0204, *body_at, "a `204 No Content` response carries a body")
                .related(at, "the status says there is no content")
                .help("drop the body, or give the status that returns it (e.g. `200 OK`)"),
        );
    }
    msg
}

fn check_length(msg: &Message, diags: &mut Diagnostics) {
    let Some((_, value, span)) = msg.headers.iter().find(|h| h.0.eq_ignore_ascii_case("content-length")) else {
        return;
    };
    let Ok(declared) = value.trim().parse::<usize>() else {
        diags.push(
            Diagnostic::new(Code::D0206, *span, format!("Content-Length `{value}` is not a number"))
                .help("give the body length in bytes, or drop the header"),
        );
        return;
    };
    let (lf, crlf) = match &msg.body {
        Some((b, _)) => (b.len(), b.len() + b.matches('\n').count()),
        None => (0, 0),
    };
    if declared != lf {
        let help = if declared == crlf {
            String::from(
                "the value counts CRLF line ends; the body as written has LF ends: give its length or drop the header",
            )
        } else {
            String::from("correct the header to the body's length, or drop it")
        };
        diags.push(
            Diagnostic::new(Code::D0206, *span, format!("Content-Length says {declared} bytes but the body has {lf}"))
                .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        assert_eq!(status_line("HTTP/1.1 204 No Content"), Some(204));
        assert_eq!(status_line("HTTP 200 OK"), Some(200));
        assert_eq!(status_line("Content-Type: x"), None);
    }

    #[test]
    fn request_lines() {
        let l = Line { text: "patch https://x/v1.0/me HTTP/1.1", span: Span::default() };
        let r = request_line(&l);
        assert_eq!(r.as_ref().map(|r| r.method.as_str()), Some("PATCH"));
        assert_eq!(r.as_ref().map(|r| r.target.as_str()), Some("https://x/v1.0/me"));
        assert!(request_line(&Line { text: "Content-Type: a", span: Span::default() }).is_none());
    }
}
