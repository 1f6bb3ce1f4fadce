//! Lifecycle notices of a page: that its API or resource is deprecated (its own title or
//! prose, or a deprecation include), and the national clouds an availability include
//! lists. Read from the blocks after includes are expanded; the IR carries them on the
//! page's operation or type.

use crate::markdown::{Block, Inline, Page};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::Deprecation;

/// What a page (or one include of it) says about deprecation and availability.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notices {
    pub deprecated: Option<Deprecation>,
    /// Cloud ids of [`codegen_ir::CLOUDS`] (or names as written), in table order.
    pub availability: Vec<String>,
}

impl Notices {
    /// Adds what `other` says that this does not say yet.
    pub fn absorb(&mut self, other: Notices) {
        if self.deprecated.is_none() {
            self.deprecated = other.deprecated;
        }
        for c in other.availability {
            if !self.availability.contains(&c) {
                self.availability.push(c);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.deprecated.is_none() && self.availability.is_empty()
    }
}

/// What an included file says, judged by its label, its file name and its headings: an
/// availability include's table or list of clouds, a deprecation include's text.
pub fn of_include(label: &str, target: &str, blocks: &[Block]) -> Notices {
    let name = target.rsplit('/').next().unwrap_or(target);
    let mut names = vec![label.to_ascii_lowercase(), name.to_ascii_lowercase()];
    names.extend(blocks.iter().filter_map(|b| match b {
        Block::Heading { inline, .. } => Some(inline.text.to_ascii_lowercase()),
        _ => None,
    }));
    let mut out = Notices::default();
    if names.iter().any(|n| says_availability(n)) {
        out.availability = clouds(blocks);
    }
    if names.iter().any(|n| n.contains("deprecat")) {
        let text = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(i) => Some(one_line(&i.text)),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let mut d = sentence_deprecation(&text).unwrap_or_default();
        if d.message.is_empty() {
            d.message = text.chars().take(300).collect();
        }
        out.deprecated = Some(d);
    }
    out
}

fn says_availability(name: &str) -> bool {
    let n = name.replace(['-', '_'], " ");
    n.contains("national cloud") || n.contains("availability") || n.contains("available in")
}

/// The clouds a table or list marks as available: a table with clouds as header cells and
/// marks (`✅`, `Yes`, `✓`) under them, a table of cloud and mark per row, or list items.
fn clouds(blocks: &[Block]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |c: String| {
        if !c.is_empty() && !out.contains(&c) {
            out.push(c);
        }
    };
    for b in blocks {
        match b {
            Block::Table(t) => {
                let header: Vec<Option<String>> = t.header.iter().map(|h| cloud_id(&h.text)).collect();
                if header.iter().any(Option::is_some) {
                    for row in &t.rows {
                        for (cell, cloud) in row.iter().zip(&header) {
                            if let Some(c) = cloud.as_ref().filter(|_| is_yes(&cell.text)) {
                                push(c.clone());
                            }
                        }
                    }
                } else {
                    for row in &t.rows {
                        let (Some(first), Some(mark)) = (row.first(), row.get(1)) else { continue };
                        if let Some(c) = cloud_id(&first.text).filter(|_| is_yes(&mark.text)) {
                            push(c);
                        }
                    }
                }
            }
            // a list item names one cloud; a sentence about clouds is no list of them
            Block::Paragraph(i) if i.text.split_whitespace().count() <= 8 => {
                let text = i.text.trim();
                let (mark, rest) = match text.char_indices().nth(1) {
                    Some((at, _)) if text.starts_with(['✅', '✓', '✔']) => (true, text.get(at..).unwrap_or("")),
                    _ => (false, text),
                };
                let negative = text.starts_with(['❌', '✗', '✘']);
                if let Some(c) = cloud_id(rest).filter(|_| mark || !negative) {
                    push(c);
                }
            }
            _ => {}
        }
    }
    out
}

/// The id of a cloud a cell or list item names.
fn cloud_id(text: &str) -> Option<String> {
    let t = one_line(text).to_ascii_lowercase();
    let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != ')').trim();
    if t.contains("global") {
        Some("global".into())
    } else if t.contains("china") || t.contains("21vianet") {
        Some("china".into())
    } else if t.contains("l5") || t.contains("dod") {
        Some("us-gov-l5".into())
    } else if t.contains("l4") || (t.contains("us") && t.contains("gov")) {
        Some("us-gov-l4".into())
    } else {
        None
    }
}

fn is_yes(cell: &str) -> bool {
    let c = cell.trim().to_ascii_lowercase();
    c.starts_with(['✅', '✓', '✔']) || c == "yes" || c == "available" || c == "supported"
}

/// Everything a page says: its titles' `(deprecated)`, a paragraph that says "this API is
/// deprecated", and its includes' notices; D0021 where its two titles disagree.
pub fn of_page(page: &Page) -> (Notices, Diagnostics) {
    let mut d = Diagnostics::default();
    let mut out = Notices::default();
    for b in &page.blocks {
        if let Block::Paragraph(i) = b {
            // most paragraphs say nothing of deprecation: a byte search rules them out before
            // the paragraph is copied and lower-cased
            if memchr::memmem::find(i.text.as_bytes(), b"eprecat").is_none() {
                continue;
            }
            if let Some(dep) = sentence_deprecation(&one_line(&i.text)) {
                out.deprecated = Some(dep);
                break;
            }
        }
    }
    out.absorb(page.notices.clone());
    out.absorb(Notices { deprecated: None, availability: cloud_section(&page.blocks) });
    let front = page.front.as_ref().and_then(|f| f.title.as_deref()).filter(|t| !t.trim().is_empty());
    let h1 = page.title.as_ref().map(|t| t.text.as_str());
    let marked = |t: Option<&str>| t.map(|t| t.to_ascii_lowercase().contains("(deprecated)"));
    match (marked(front), marked(h1)) {
        (Some(a), Some(b)) if a != b => {
            let span = page.title.as_ref().map_or(Span::new(page.file, 0, 0), |t: &Inline| t.span);
            d.push(
                Diagnostic::new(
                    Code::D0021,
                    span,
                    if b {
                        "the heading marks the page `(deprecated)` but its front-matter title does not"
                    } else {
                        "the front-matter title marks the page `(deprecated)` but its heading does not"
                    },
                )
                .help("mark both titles `(deprecated)`, or neither"),
            );
        }
        _ => {}
    }
    if out.deprecated.is_none() && (marked(front) == Some(true) || marked(h1) == Some(true)) {
        out.deprecated = Some(Deprecation::default());
    }
    (out, d)
}

/// A title without its `(deprecated)` mark (the mark is a notice, not part of the name).
pub fn without_mark(title: &str) -> &str {
    let t = title.trim();
    let lower = t.to_ascii_lowercase();
    match lower.rfind("(deprecated)") {
        Some(at) if lower.get(at..).is_some_and(|r| r.trim() == "(deprecated)") => t.get(..at).unwrap_or(t).trim_end(),
        _ => t,
    }
}

/// The clouds of the page's own section whose heading says national clouds (the blocks up
/// to the next heading of its level or above).
fn cloud_section(blocks: &[Block]) -> Vec<String> {
    let Some((at, level)) = blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Heading { level, inline, .. } if inline.text.to_ascii_lowercase().contains("national cloud") => {
            Some((i, *level))
        }
        _ => None,
    }) else {
        return Vec::new();
    };
    let rest = blocks.get(at + 1..).unwrap_or_default();
    let end =
        rest.iter().position(|b| matches!(b, Block::Heading { level: l, .. } if *l <= level)).unwrap_or(rest.len());
    clouds(rest.get(..end).unwrap_or_default())
}

/// Subjects a sentence must have ("this API", "this resource type") for the whole page
/// to be deprecated, not one of its properties.
const SUBJECTS: &[&str] = &[
    "api",
    "apis",
    "method",
    "endpoint",
    "operation",
    "request",
    "function",
    "action",
    "resource",
    "type",
    "entity",
    "enumeration",
    "enum",
    "version",
];
const VERBS: &[&str] =
    &["is deprecated", "has been deprecated", "is now deprecated", "was deprecated", "are deprecated"];

/// A deprecation a paragraph states of the page's subject: the sentence from "This ..."
/// on, the date it names and what to use instead.
pub fn sentence_deprecation(text: &str) -> Option<Deprecation> {
    let lower = text.to_ascii_lowercase();
    for verb in VERBS {
        let mut from = 0;
        while let Some(at) = lower.get(from..).and_then(|s| s.find(verb)).map(|i| i + from) {
            from = at + verb.len();
            let before = lower.get(..at).unwrap_or("");
            // the sentence's start: after the last `. ` before the verb, or the paragraph's
            let start = before.rfind(". ").map_or(0, |i| i + 2);
            let subject = before.get(start..).unwrap_or("").trim();
            let subject = strip_marker(subject);
            let words: Vec<&str> = subject.split_whitespace().collect();
            let ok = words.first() == Some(&"this")
                && words.len() <= 5
                && words.iter().skip(1).any(|w| SUBJECTS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
            if !ok {
                continue;
            }
            let original_start = start + (before.len() - start - strip_marker(before.get(start..).unwrap_or("")).len());
            let rest = text.get(original_start..).unwrap_or("").trim();
            let message: String = rest.chars().take(300).collect();
            return Some(Deprecation {
                date: date_in(&message),
                replacement: replacement_in(&message),
                message: message.trim().to_string(),
            });
        }
    }
    None
}

/// A sentence without the note marker in front of it (`[!NOTE]`, `Note:`, `Important:`).
fn strip_marker(s: &str) -> &str {
    let mut s = s.trim_start();
    loop {
        let before = s;
        if let Some(rest) = s.strip_prefix("[!") {
            s = rest.split_once(']').map_or(rest, |(_, r)| r).trim_start();
        }
        for m in ["note:", "important:", "caution:", "warning:", "**note:**", "**important:**", "note", "important"] {
            if s.len() >= m.len() && s.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m)) {
                let rest = s.get(m.len()..).unwrap_or("");
                if m.ends_with(':') || m.ends_with("**") || rest.starts_with([':', ' ']) {
                    s = rest.trim_start_matches(':').trim_start();
                }
            }
        }
        if s == before {
            return s;
        }
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The first date of a sentence, as `YYYY-MM-DD` (or `YYYY-MM`) when it is written
/// `June 30, 2023`, `30 June 2023`, `June 2023` or already so.
fn date_in(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_ascii_lowercase())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if is_iso(w) {
            return Some(w.clone());
        }
        let Some(m) = MONTHS.iter().position(|m| m == w || (w.len() == 3 && m.starts_with(w.as_str()))) else {
            continue;
        };
        let num = |j: usize| words.get(j).and_then(|x| x.parse::<u32>().ok());
        let year = |n: Option<u32>| n.filter(|y| (1990..2200).contains(y));
        let day = |n: Option<u32>| n.filter(|d| (1..=31).contains(d));
        if let (Some(d), Some(y)) = (day(num(i + 1)), year(num(i + 2))) {
            return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
        }
        if let (Some(d), Some(y)) = (day(i.checked_sub(1).and_then(num)), year(num(i + 1))) {
            return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
        }
        if let Some(y) = year(num(i + 1)) {
            return Some(format!("{y:04}-{:02}", m + 1));
        }
    }
    None
}

fn is_iso(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// What a sentence says to use instead: `use X instead`, `replaced by X`.
fn replacement_in(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let clause = if let Some(i) = lower.find(" instead") {
        let head = lower.get(..i)?;
        let at = head.rfind("use ")? + 4;
        text.get(at..i)?
    } else {
        let at = lower.find("replaced by ")? + "replaced by ".len();
        let tail = text.get(at..)?;
        tail.split(['.', ',', ';']).next()?
    };
    let clause = clause.trim();
    let clause = clause.strip_prefix("the ").unwrap_or(clause).trim();
    (!clause.is_empty() && clause.len() <= 120).then(|| clause.to_string())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sentence_date_and_replacement() {
        let d = sentence_deprecation(
            "Note: This API is deprecated and will stop returning data on March 31, 2031. Use the paint API instead.",
        )
        .expect("deprecated");
        assert_eq!(d.date.as_deref(), Some("2031-03-31"));
        assert_eq!(d.replacement.as_deref(), Some("paint API"));
        assert!(d.message.starts_with("This API is deprecated"), "{}", d.message);
    }

    #[test]
    fn properties_and_future_tense_are_not_the_page() {
        assert!(sentence_deprecation("This property is deprecated.").is_none());
        assert!(sentence_deprecation("This resource type will be deprecated later.").is_none());
        assert!(sentence_deprecation("This resource type is deprecated.").is_some());
        assert!(sentence_deprecation("Everything about this is deprecated, they said.").is_none());
    }

    #[test]
    fn sentences_are_no_cloud_lists() {
        let p = |t: &str| {
            let page = crate::markdown::parse(
                codegen_core::diag::FileId(0),
                &codegen_core::source::SourceFile::new("includes/c.md", t.to_string()),
            )
            .0;
            clouds(&page.blocks)
        };
        assert_eq!(p("- Global service\n- ❌ China operated by 21Vianet\n"), ["global"]);
        assert!(p("This is not available yet in the US Government clouds or in China at all.\n").is_empty());
    }

    #[test]
    fn cloud_names() {
        assert_eq!(cloud_id("Global service").as_deref(), Some("global"));
        assert_eq!(cloud_id("US Government L5 (DOD)").as_deref(), Some("us-gov-l5"));
        assert_eq!(cloud_id("China operated by 21Vianet").as_deref(), Some("china"));
        assert_eq!(date_in("gone by 2030-05-01").as_deref(), Some("2030-05-01"));
        assert_eq!(date_in("in June 2029").as_deref(), Some("2029-06"));
    }
}
