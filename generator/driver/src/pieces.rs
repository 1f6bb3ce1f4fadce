//! Pieces cut out of pages for the fuzz corpora (`cargo xtask fuzz`) and for the
//! fixed-seed mutation test: one reader, so both feed the targets the same inputs.

/// The bodies between `open` and `close` in a text (annotation comments, HTTP blocks), in
/// order; an `open` with no `close` after it ends the search.
///
/// ```
/// let page = "a <!-- {\"x\":1} --> b <!-- y --> c <!-- z";
/// assert_eq!(generator::pieces::between(page, "<!--", "-->"), [" {\"x\":1} ", " y "]);
/// ```
pub fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        let body = &rest[at + open.len()..];
        let Some(end) = body.find(close) else { break };
        out.push(&body[..end]);
        rest = &body[end + close.len()..];
    }
    out
}
