//! API-page sections: which `##` heading starts which part of the page, and the few words a
//! title or block says about the method and the kind of block.

use super::http;
use crate::markdown::{Block, Page, PageKind};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    Intro,
    Permissions,
    Http,
    Query,
    Params,
    Headers,
    Body,
    Response,
    Examples,
    Other,
}

pub fn section_of(heading: &str, current: Section) -> Section {
    let h = heading.to_ascii_lowercase();
    if current == Section::Examples && (h.starts_with("request") || h.starts_with("response")) {
        return Section::Examples;
    }
    if h.contains("permission") {
        Section::Permissions
    } else if h.contains("http request") {
        Section::Http
    } else if h.contains("query parameter") {
        Section::Query
    } else if h.contains("request header") {
        Section::Headers
    } else if h.contains("request body") {
        Section::Body
    } else if h.contains("parameter") {
        Section::Params
    } else if h.starts_with("response") {
        Section::Response
    } else if h.starts_with("example") || h.starts_with("sample") {
        Section::Examples
    } else {
        Section::Other
    }
}

pub fn is_http_lang(lang: &str) -> bool {
    matches!(lang, "http" | "msgraph-interactive" | "" | "https")
}

/// An `## HTTP request` section with a code block: API content, whatever the front matter
/// says the page is.
pub fn has_request_section(p: &Page) -> bool {
    if p.kind == PageKind::Include {
        return false;
    }
    let mut in_http = false;
    for b in &p.blocks {
        match b {
            Block::Heading { level: 2, inline, tab: false } => {
                in_http = inline.text.to_ascii_lowercase().contains("http request");
            }
            Block::Code(c) if in_http && is_http_lang(&c.lang) => return true,
            _ => {}
        }
    }
    false
}

pub fn snake(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

pub fn method_from_title(title: &str) -> Option<&'static str> {
    let first = title.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    Some(match first.as_str() {
        "get" | "list" | "read" | "search" | "download" => "GET",
        "create" | "add" | "post" | "send" | "invite" | "assign" | "reply" | "forward" => "POST",
        "update" | "patch" | "edit" => "PATCH",
        "delete" | "remove" => "DELETE",
        "replace" | "upload" | "put" => "PUT",
        _ => return None,
    })
}

/// `request` for a block that starts with a method, `response` for a status line.
pub fn guess_block_type(text: &str) -> &'static str {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let word = first.split_whitespace().next().unwrap_or("");
    if http::METHODS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
        "request"
    } else if word.len() >= 4 && word.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("HTTP")) {
        "response"
    } else {
        ""
    }
}
