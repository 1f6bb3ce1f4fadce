//! Doc comments from docs descriptions, made safe for rustdoc: one line, markdown links
//! reduced to their text, brackets and angle brackets escaped, bare URLs made autolinks,
//! so no description can raise a rustdoc warning or start a doctest.

use proc_macro2::TokenStream;
use quote::quote;

/// Rustdoc-safe text of a description.
pub fn clean(text: &str) -> String {
    // invisible characters as spaces, white-space runs as one space, none at the ends
    let mut one_line = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if is_invisible(c) || c.is_whitespace() {
            space = !one_line.is_empty();
            continue;
        }
        if std::mem::take(&mut space) {
            one_line.push(' ');
        }
        one_line.push(c);
    }
    // every line-break tag starts with `<`: most descriptions have none
    let no_html = if one_line.contains('<') { strip_line_breaks(&one_line) } else { one_line };
    let no_links = strip_links(&no_html);
    let mut out = String::with_capacity(no_links.len() + no_links.len() / 8);
    for word in no_links.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        clean_word(word, &mut out);
    }
    if out.contains("```") {
        out.replace("```", "`")
    } else {
        out
    }
}

/// Control characters and the Unicode text-direction marks, embeddings, overrides and
/// isolates: rustc denies the latter in comments and literals
/// (`text_direction_codepoint_in_comment`), and neither belongs in a doc line.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for an inline code span of a doc line (a header name, a path): invisible
/// characters dropped, backticks turned into quotes so the span cannot end early.
pub fn code(text: &str) -> String {
    text.chars().filter(|c| !is_invisible(*c)).map(|c| if c == '`' { '\'' } else { c }).collect()
}

/// Appends `word` made safe: a bare URL as an autolink, brackets escaped.
fn clean_word(word: &str, out: &mut String) {
    // a URL has `://`: most words have no colon at all
    let at = if word.contains(':') { word.find("https://").or_else(|| word.find("http://")) } else { None };
    if let Some(at) = at {
        let (prefix, rest) = word.split_at(at);
        let url = rest.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', '!', '?']);
        let tail = &rest[url.len()..];
        if !url.contains(['<', '>', '`', '[', ']', '"']) {
            escape(prefix, out);
            out.push('<');
            out.push_str(url);
            out.push('>');
            escape(tail, out);
            return;
        }
    }
    escape(word, out);
}

fn escape(s: &str, out: &mut String) {
    if !s.contains(['[', ']', '<', '>', '\\']) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

fn strip_line_breaks(s: &str) -> String {
    let mut s = s.to_string();
    for tag in ["<br/>", "<br />", "<br>", "<BR>", "<br/ >"] {
        s = s.replace(tag, " ");
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[text](url)` -> `text`.
fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let target = &after[close + 2..];
        let Some(end) = target.find(')') else { break };
        out.push_str(&rest[..open]);
        out.push_str(&after[..close]);
        rest = &target[end + 1..];
    }
    out.push_str(rest);
    out
}

/// `#[doc]` attributes for a description, or for `fallback` when it is empty.
pub fn doc(text: &str, fallback: &str) -> TokenStream {
    let line = crate::literal::text(&line(text, fallback));
    quote! { #[doc = #line] }
}

/// The doc line of a description, or of `fallback` when it is empty, as written after `///`.
pub fn line(text: &str, fallback: &str) -> String {
    let cleaned = clean(text);
    let line = if cleaned.is_empty() { clean(fallback) } else { cleaned };
    format!(" {line}")
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn links_brackets_urls_and_fences() {
        assert_eq!(clean("See [entity](../resources/entity.md) for more."), "See entity for more.");
        assert_eq!(clean("A list<string> of [items]"), "A list\\<string\\> of \\[items\\]");
        assert_eq!(clean("Go to https://example.com/x."), "Go to <https://example.com/x>.");
        assert_eq!(
            clean("e.g. \"https://a.test/b\". Or (https://a.test/)."),
            "e.g. \"<https://a.test/b>\". Or (<https://a.test/>)."
        );
        assert_eq!(clean("line one\n\n    indented ```code```"), "line one indented `code`");
        assert_eq!(clean("a<br/>b"), "a b");
        assert_eq!(clean("left\u{202e}right\u{2066}x\u{200f}\u{0}y\u{7}"), "left right x y");
        assert_eq!(super::code("X-\u{202e}a`b\u{202c}"), "X-a'b");
        assert_eq!(clean("end */ of /* comment"), "end */ of /* comment");
    }
}
