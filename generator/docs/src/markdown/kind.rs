//! The kind of a page (API, resource, enum, conceptual, include): its `doc_type`, unless its
//! folder and its title both say otherwise.

use super::PageKind;
use crate::frontmatter::FrontMatter;

pub(super) fn kind_name(k: PageKind) -> &'static str {
    match k {
        PageKind::Api => "api",
        PageKind::Resource => "resource",
        PageKind::Enum => "enum",
        PageKind::Conceptual => "conceptual",
        PageKind::Include => "include",
        PageKind::Unknown => "unknown",
    }
}

pub(super) fn doc_type_name(k: PageKind) -> &'static str {
    match k {
        PageKind::Api => "apiPageType",
        PageKind::Resource => "resourcePageType",
        PageKind::Enum => "enumPageType",
        _ => "conceptualPageType",
    }
}

pub(super) fn doc_type_kind(d: &str) -> Option<PageKind> {
    match d.trim().to_ascii_lowercase().as_str() {
        "apipagetype" => Some(PageKind::Api),
        "resourcepagetype" => Some(PageKind::Resource),
        "enumpagetype" => Some(PageKind::Enum),
        "conceptualpagetype" | "conceptual" => Some(PageKind::Conceptual),
        _ => None,
    }
}

/// Page kind from `doc_type`, else the folder, else the title. A `doc_type` that both the
/// folder and the title contradict (`apiPageType` on `resources/x.md`, "x resource type")
/// is a slip of the docs: folder and title win (reported by the parser as D0020).
pub fn classify(rel: &str, front: Option<&FrontMatter>, h1: Option<&str>) -> PageKind {
    let folder = folder_kind(rel);
    let titled = title_kind(front, h1);
    if let Some(k) = front.and_then(|f| f.doc_type.as_deref()).and_then(doc_type_kind) {
        return match (folder, titled) {
            (Some(f), Some(t)) if f == t && f != k && f != PageKind::Include => f,
            _ => k,
        };
    }
    folder.or(titled).unwrap_or(PageKind::Unknown)
}

pub(super) fn folder_kind(rel: &str) -> Option<PageKind> {
    match rel.split('/').next().unwrap_or("") {
        "api" => Some(PageKind::Api),
        "resources" => Some(PageKind::Resource),
        "includes" => Some(PageKind::Include),
        _ => None,
    }
}

/// The kind the H1 says, else the kind the front-matter title says.
pub(super) fn title_kind(front: Option<&FrontMatter>, h1: Option<&str>) -> Option<PageKind> {
    h1.and_then(kind_of_title).or_else(|| front.and_then(|f| f.title.as_deref()).and_then(kind_of_title))
}

pub(super) fn kind_of_title(title: &str) -> Option<PageKind> {
    let title = title.trim().to_ascii_lowercase();
    if title.ends_with(" enum") || title.ends_with(" enum type") || title.ends_with(" enumeration") {
        return Some(PageKind::Enum);
    }
    if title.ends_with("resource type") || title.ends_with(" complex type") || title.ends_with(" resource") {
        return Some(PageKind::Resource);
    }
    const VERBS: &[&str] = &["get", "list", "create", "update", "delete", "add", "remove", "post", "patch", "put"];
    let first_word = title.split_whitespace().next().unwrap_or("");
    (VERBS.contains(&first_word) || title.contains("method")).then_some(PageKind::Api)
}

/// True for the Graph docs' TODO placeholders (`**TODO: ...**`, `TODO: ...`).
pub fn is_todo(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c == '*' || c.is_whitespace());
    t.len() >= 4 && t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("todo"))
}
