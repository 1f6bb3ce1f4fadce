//! The response a page's prose promises: status code, and the links one of which names
//! the type (with whether the words around it say a collection).

use super::{LinkRef, ResponseProse};
use crate::markdown::Inline;

/// First `NNN Reason` status code in the text.
fn status_in(text: &str) -> Option<u16> {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 3 <= b.len() {
        let is_digits = b.get(i..i + 3).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        let before_ok = i == 0 || !b.get(i - 1).is_some_and(u8::is_ascii_alphanumeric);
        let after = b.get(i + 3).copied();
        if is_digits && before_ok && !after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            let code = text.get(i..i + 3).and_then(|s| s.parse::<u16>().ok());
            let next_word = text.get(i + 3..).unwrap_or("").trim_start();
            let reason = next_word.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            if let Some(c) = code.filter(|c| (200..600).contains(c)) {
                if reason || text.get(i.saturating_sub(12)..i).is_some_and(|s| s.contains("code")) {
                    return Some(c);
                }
            }
        }
        i += 1;
    }
    None
}

/// Reads `returns a `200 OK` response code and a [x] object / collection of [x] objects`.
pub fn from_prose(p: &Inline) -> Option<ResponseProse> {
    let status = status_in(&p.text);
    let l = p.text.to_ascii_lowercase();
    if status.is_none() && !l.contains("return") {
        return None;
    }
    let mut links = Vec::new();
    for link in p.links() {
        // "collection of [x]" / "[x] collection" / "list of [x]"
        let at = p.text.find(link.text.as_str()).unwrap_or(0);
        let before = p.text.get(..at).unwrap_or("").to_ascii_lowercase();
        let before = before.get(before.len().saturating_sub(40)..).unwrap_or(&before);
        let after = p.text.get(at + link.text.len()..).unwrap_or("").to_ascii_lowercase();
        let after = after.get(..after.len().min(24)).unwrap_or("");
        let collection = before.contains("collection")
            || before.contains("list of")
            || before.contains("array of")
            || after.trim_start().starts_with("collection")
            || after.trim_start().starts_with("objects")
            || after.trim_start().starts_with("resources")
            || after.trim_start().starts_with("entities");
        links.push((LinkRef::of(link), collection));
    }
    let no_content = status == Some(204) || l.contains("no content");
    Some(ResponseProse { status, links, no_content, monitor: monitor_in(&l), span: p.span })
}

/// The monitor header that lowercased `l` names: `operation-location`, or `location`
/// followed by `header` (the word alone is too common).
fn monitor_in(l: &str) -> Option<String> {
    if l.contains("operation-location") {
        return Some("Operation-Location".into());
    }
    let mut rest = l;
    while let Some(at) = rest.find("location") {
        let before = rest.get(..at).unwrap_or("");
        let after = rest.get(at + "location".len()..).unwrap_or("");
        let word_start = !before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '-');
        let next = after.trim_start_matches(['`', '*', '"', '\'']).trim_start();
        if word_start && (next.starts_with("header") || next.starts_with("response header")) {
            return Some("Location".into());
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::status_in;

    #[test]
    fn monitor_headers() {
        use super::monitor_in;
        assert_eq!(
            monitor_in("returns `202 accepted` and an `operation-location` header").as_deref(),
            Some("Operation-Location")
        );
        assert_eq!(monitor_in("a `location` header names the monitor").as_deref(), Some("Location"));
        assert_eq!(monitor_in("the location of the file"), None);
        assert_eq!(monitor_in("its contentlocation header"), None);
    }

    #[test]
    fn statuses() {
        assert_eq!(status_in("returns a 200 OK response code"), Some(200));
        assert_eq!(status_in("returns `201 Created`"), Some(201));
        assert_eq!(status_in("version 1234 of x"), None);
    }
}
