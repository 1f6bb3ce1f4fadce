//! Doc comments from docs descriptions, made safe for rustdoc: one line, markdown links
//! reduced to their text, brackets and angle brackets escaped, bare URLs made autolinks,
//! so no description can raise a rustdoc warning or start a doctest.

use proc_macro2::TokenStream;
use quote::quote;

/// Rustdoc-safe text of a description.
pub fn clean(text: &str) -> String {
    let visible: String = text.chars().map(|c| if is_invisible(c) { ' ' } else { c }).collect();
    let one_line = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    let no_html = strip_line_breaks(&one_line);
    let no_links = strip_links(&no_html);
    let mut out = String::with_capacity(no_links.len());
    for word in no_links.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&clean_word(word));
    }
    out.replace("```", "`")
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

fn clean_word(word: &str) -> String {
    let at = word.find("https://").or_else(|| word.find("http://"));
    if let Some(at) = at {
        let (prefix, rest) = word.split_at(at);
        let url = rest.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', '!', '?']);
        let tail = &rest[url.len()..];
        if !url.contains(['<', '>', '`', '[', ']', '"']) {
            return format!("{}<{url}>{}", escape(prefix), escape(tail));
        }
    }
    escape(word)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
    let cleaned = clean(text);
    let line = if cleaned.is_empty() { clean(fallback) } else { cleaned };
    let line = crate::literal::text(&format!(" {line}"));
    quote! { #[doc = #line] }
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
