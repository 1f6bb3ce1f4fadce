//! Facts stated in prose: "Possible values are: ...", "Inherits from [x](x.md)",
//! "Not nullable", "Required.". Works on parsed [`Inline`] text and code spans.

use crate::markdown::{Inline, Link};
use memchr::memmem::Finder;
use std::sync::LazyLock;

const VALUE_PHRASES: &[&str] = &[
    "possible values are",
    "possible values include",
    "possible values:",
    "the possible values are",
    "supported values are",
    "valid values are",
    "allowed values are",
    "can be one of the following",
    "one of the following values",
    "the value can be one of",
    "values are:",
];

/// Searchers built once for the phrases (and the byte tests that rule most texts out).
struct Finders {
    alue: Finder<'static>,
    ne_of: Finder<'static>,
    rom: Finder<'static>,
    ubclass: Finder<'static>,
    values: Vec<Finder<'static>>,
    inherits: Vec<Finder<'static>>,
}

const INHERIT_PHRASES: &[&str] =
    &["inherits from", "inherited from", "derived from", "derives from", "subclass of", "inherits properties from"];

static FINDERS: LazyLock<Finders> = LazyLock::new(|| Finders {
    alue: Finder::new("alue"),
    ne_of: Finder::new("ne of"),
    rom: Finder::new("rom"),
    ubclass: Finder::new("ubclass"),
    values: VALUE_PHRASES.iter().map(Finder::new).collect(),
    inherits: INHERIT_PHRASES.iter().map(Finder::new).collect(),
});

/// True for a note set off from the text (`> **Note:** ...`, `> [!IMPORTANT]`): an aside
/// about licences or previews, not what a type is.
pub fn is_note(text: &str) -> bool {
    let t = text.trim_start();
    ["Note:", "NOTE:", "Note :", "[!NOTE]", "[!IMPORTANT]", "[!CAUTION]", "[!WARNING]", "[!TIP]"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Byte offset right after the earliest match of any of `phrases` in `text`.
fn after_earliest(text: &str, phrases: &[Finder<'static>]) -> Option<usize> {
    phrases.iter().filter_map(|f| f.find(text.as_bytes()).map(|i| i + f.needle().len())).min()
}

/// Enum members listed after a "Possible values are" phrase. Code spans after the phrase
/// win; without them, the comma-separated words up to the end of the sentence.
pub fn possible_values(cell: &Inline) -> Option<Vec<String>> {
    // every phrase holds "value" or "one of" (any case): a byte search rules most cells out
    let bytes = cell.text.as_bytes();
    let f = &*FINDERS;
    if f.alue.find(bytes).is_none() && f.ne_of.find(bytes).is_none() {
        return None;
    }
    let lower = cell.text.to_ascii_lowercase();
    let at = after_earliest(&lower, &f.values)?;
    let mut out: Vec<String> = Vec::new();
    for (code, pos) in cell.code().iter().zip(cell.code_at()) {
        if *pos >= at {
            let v = code.trim().trim_matches('"').trim();
            if is_member_name(v) && !out.iter().any(|x| x == v) {
                out.push(v.to_string());
            }
        }
    }
    if out.is_empty() {
        let rest = cell.text.get(at..).unwrap_or("");
        let rest = rest.trim_start_matches([':', ' ', '-']);
        let sentence_end = rest.find(". ").or_else(|| rest.strip_suffix('.').map(|r| r.len())).unwrap_or(rest.len());
        let sentence = rest.get(..sentence_end).unwrap_or(rest);
        for part in sentence.split([',', ';']) {
            let mut w = part.trim();
            for lead in ["and ", "or "] {
                w = w.strip_prefix(lead).unwrap_or(w).trim();
            }
            let w = w.trim_matches(|c: char| c == '"' || c == '\'' || c == '.' || c == '*');
            if is_member_name(w) && !out.iter().any(|x| x == w) {
                out.push(w.to_string());
            } else if !w.is_empty() {
                // prose, not a list: give up rather than invent members
                if out.is_empty() {
                    return None;
                }
                break;
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

fn is_member_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The base type named by "Inherits from `[x](x.md)`" / "derived from `[x]`" in a paragraph
/// or cell: the link (preferred) or the word after the phrase.
pub fn inherits_from(inline: &Inline) -> Option<(String, Option<&Link>)> {
    let bytes = inline.text.as_bytes();
    let f = &*FINDERS;
    if f.rom.find(bytes).is_none() && f.ubclass.find(bytes).is_none() {
        return None;
    }
    let lower = inline.text.to_ascii_lowercase();
    let at = after_earliest(&lower, &f.inherits)?;
    let rest = inline.text.get(at..).unwrap_or("");
    // the first link whose text follows the phrase
    let link = inline
        .links()
        .iter()
        .filter_map(|l| {
            let t = l.text.trim().trim_matches('`');
            (!t.is_empty()).then(|| rest.find(t).map(|pos| (pos, l))).flatten()
        })
        // at the same place, the longest text: `[teamsAppInstallation]`, not an earlier `[teamsApp]`
        .min_by_key(|(pos, l)| (*pos, std::cmp::Reverse(l.text.len())))
        .filter(|(pos, _)| *pos < 40)
        .map(|(_, l)| l);
    if let Some(l) = link {
        let word = l.text.trim().trim_matches('`').to_string();
        return Some((word, Some(l)));
    }
    // "inherited from a group", "from an ancestor": an indefinite article starts plain
    // prose, not the name of a type
    let first = rest.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    if first == "a" || first == "an" {
        return None;
    }
    const FILLER: &[&str] = &["the", "base", "abstract", "type", "class", "resource", "entity"];
    let word = rest
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .map(|w| w.trim_end_matches('.'))
        .find(|w| !w.is_empty() && (!FILLER.contains(&w.to_ascii_lowercase().as_str()) || *w == "entity"))?;
    Some((word.to_string(), None))
}

/// What a paragraph of a base type's page says about its derived types.
#[derive(Debug)]
pub enum DerivedList<'a> {
    /// "the derived types are [x](x.md) and [y](y.md)": the links after the phrase.
    Inline(Vec<&'a Link>),
    /// "Supported derived types:": the list that follows names them.
    Follows,
}

/// Reads "derived types are `[x]`, `[y]`" or "Derived types include:" in a paragraph.
pub fn derived_types(inline: &Inline) -> Option<DerivedList<'_>> {
    memchr::memmem::find(inline.text.as_bytes(), b"erived type")?;
    let lower = inline.text.to_ascii_lowercase();
    let at = lower.find("derived types").map(|i| i + "derived types".len())?;
    let rest = inline.text.get(at..).unwrap_or("");
    let links_after: Vec<&Link> = inline
        .links()
        .iter()
        .filter(|l| {
            let t = l.text.trim().trim_matches('`');
            !t.is_empty() && rest.contains(t)
        })
        .collect();
    if !links_after.is_empty() {
        return Some(DerivedList::Inline(links_after));
    }
    inline.text.trim_end().ends_with(':').then_some(DerivedList::Follows)
}

/// Whether a description says the property can't be null.
pub fn not_nullable(desc: &str) -> bool {
    if memchr::memmem::find(desc.as_bytes(), b"ull").is_none() {
        return false;
    }
    let l = desc.to_ascii_lowercase();
    l.contains("not nullable") || l.contains("non-nullable") || l.contains("cannot be null") || l.contains("not null.")
}

/// Whether a description says its property or parameter is required. A sentence that is
/// only the word (`Required.`, `Optional.`, `Not required.`) decides; without one, the
/// prose does, `optional` and `not required` before `required` (so `the minimum required
/// confidence ... optional` is optional). `None` when it says neither.
pub fn required_of(desc: &str) -> Option<bool> {
    // most descriptions say neither: skip them without lower-casing
    static WORDS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 4]> =
        std::sync::LazyLock::new(|| ["equired", "EQUIRED", "ptional", "PTIONAL"].map(memchr::memmem::Finder::new));
    if WORDS.iter().all(|w| w.find(desc.as_bytes()).is_none()) {
        return None;
    }
    let l = desc.to_ascii_lowercase();
    for sentence in l.split(['.', ';', '\n']).map(|s| s.trim().trim_matches(|c: char| c == '*' || c == '_')) {
        match sentence {
            "required" => return Some(true),
            "optional" | "not required" => return Some(false),
            _ => {}
        }
    }
    if l.contains("optional") || l.contains("not required") {
        Some(false)
    } else if l.contains("required") {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_words_as_statement_and_as_prose() {
        assert_eq!(required_of("Required. The gadget's label."), Some(true));
        assert_eq!(required_of("**true** if a badge is not required to enter. Required."), Some(true));
        assert_eq!(required_of("The least required share of votes, in percent. Optional."), Some(false));
        assert_eq!(required_of("A code in the required shape, its suffix optional."), Some(false));
        assert_eq!(required_of("The label is required when the gadget is shared."), Some(true));
        assert_eq!(required_of("The gadget's label."), None);
    }

    fn inline(text: &str, code: &[&str]) -> Inline {
        let mut i = Inline::plain(text);
        for c in code {
            let at = text.find(c).unwrap_or(0);
            i.marks_mut().code.push(c.to_string());
            i.marks_mut().code_at.push(at);
        }
        i
    }

    #[test]
    fn base_named_in_prose_but_not_by_plain_words() {
        let named = |t: &str| inherits_from(&inline(t, &[])).map(|(w, _)| w);
        assert_eq!(named("This type inherits from entity.").as_deref(), Some("entity"));
        assert_eq!(named("Inherits from the base type outlookItem.").as_deref(), Some("outlookItem"));
        assert_eq!(named("Either direct or inherited from a group."), None);
        assert_eq!(named("A facet inherited from an ancestor folder."), None);
    }

    #[test]
    fn code_spans_after_the_phrase() {
        let i = inline(
            "The kind. Possible values are: red, blue, unknownFutureValue.",
            &["red", "blue", "unknownFutureValue"],
        );
        assert_eq!(possible_values(&i).unwrap(), vec!["red", "blue", "unknownFutureValue"]);
    }

    #[test]
    fn plain_list_and_prose_refusal() {
        let i = inline("The possible values are: low, medium, high.", &[]);
        assert_eq!(possible_values(&i).unwrap(), vec!["low", "medium", "high"]);
        let i = inline("Possible values are described in the table below.", &[]);
        assert_eq!(possible_values(&i), None);
    }

    #[test]
    fn inherits() {
        let i = Inline::plain("Inherits from entity.");
        assert_eq!(inherits_from(&i).unwrap().0, "entity");
    }
}
