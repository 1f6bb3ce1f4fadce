//! What a type page's introduction says about the type itself.
//!
//! Abstract: "an abstract class
//! containing ...", "Represents an abstract base type for ...", "Base class for operation
//! types", "This is a base class; the derived types are ...", "A superclass for ...".
//!
//! The sentence must be about the page's own type: "derived from the [extension](x.md)
//! abstract type" speaks of the linked type, and "The ManagedAppEntity is the base entity type
//! for ..." of another name, so neither counts.
//!
//! Open: "this is an open type", "X is an open type": the type takes properties that no table
//! lists.

use crate::markdown::Inline;

/// Nouns that "abstract" or "base" qualify when the sentence describes a type.
const TYPE_NOUNS: &[&str] = &["type", "class", "entity", "resource"];

/// Words that may come before "base type" in a sentence that describes the page's type.
const LEAD_WORDS: &[&str] = &["represents", "a", "an", "the", "this", "it", "is"];

/// Words that may follow "base type" in such a sentence ("base type for ...", "base class that
/// ...", or the sentence's end).
const TAIL_WORDS: &[&str] = &["for", "that", "to", "of", "from", "which", "used"];

/// Words between "base" and its noun: "a base complex type".
const QUALIFIERS: &[&str] = &["complex", "entity", "abstract", "resource"];

/// True when the paragraph says that the page's own type (named `own`) is abstract.
pub fn says_abstract(inline: &Inline, own: &str) -> bool {
    let b = inline.text.as_bytes();
    // every rule needs "abstract", "base" or "superclass": a byte search rules most paragraphs out
    if memchr::memmem::find(b, b"bstract").is_none()
        && memchr::memmem::find(b, b"ase ").is_none()
        && memchr::memmem::find(b, b"uperclass").is_none()
    {
        return false;
    }
    let linked: Vec<String> = inline
        .links()
        .iter()
        .filter_map(|l| l.text.split_whitespace().last())
        .map(|w| clean(w).to_ascii_lowercase())
        .collect();
    sentences(&inline.text).any(|s| sentence_says_abstract(s, own, &linked))
}

/// True when the paragraph says that the page's own type is an open type.
pub fn says_open(inline: &Inline) -> bool {
    if memchr::memmem::find(inline.text.as_bytes(), b"pen type").is_none() {
        return false;
    }
    sentences(&inline.text).any(|s| {
        let words: Vec<String> = s.split_whitespace().map(|w| clean(w).to_ascii_lowercase()).collect();
        words.windows(4).any(|w| w[0] == "is" && (w[1] == "an" || w[1] == "a") && w[2] == "open" && w[3] == "type")
    })
}

/// The paragraph cut at sentence ends (`. `, `; `, `: `).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(". ").flat_map(|s| s.split("; ")).flat_map(|s| s.split(": "))
}

/// A word without the punctuation and quotes around it.
fn clean(w: &str) -> &str {
    w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'))
}

/// A camelCase word (`eventMessage`, `ManagedAppEntity`) names a type, not a property of one.
fn is_type_name(w: &str) -> bool {
    let mut prev_lower = false;
    for c in w.chars() {
        if c.is_uppercase() && prev_lower {
            return true;
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// The words before "base type" leave the page's type as the subject: at most two plain
/// words besides articles and nouns, no other type named or linked, and the type's own
/// name only as the subject of "represents" ("The X type is the base type for Y" says
/// that Y derives from X, not that X has no instances of its own).
fn lead_names_own_type(lead: &[&str], own: &str, linked: &[String]) -> bool {
    let lower: Vec<String> = lead.iter().map(|l| l.to_ascii_lowercase()).collect();
    let names_own = lead.iter().any(|l| l.eq_ignore_ascii_case(own));
    if names_own && !lower.iter().any(|l| l == "represents") {
        return false;
    }
    let foreign = lead
        .iter()
        .zip(&lower)
        .any(|(l, low)| !l.eq_ignore_ascii_case(own) && (is_type_name(l) || linked.contains(low)));
    let plain = lead
        .iter()
        .zip(&lower)
        .filter(|(l, low)| {
            !l.eq_ignore_ascii_case(own) && !LEAD_WORDS.contains(&low.as_str()) && !TYPE_NOUNS.contains(&low.as_str())
        })
        .count();
    !foreign && plain <= 2 && lead.len() <= if names_own { 6 } else { 3 }
}

fn is_noun(w: Option<&String>) -> bool {
    w.is_some_and(|w| TYPE_NOUNS.contains(&w.as_str()))
}

fn sentence_says_abstract(s: &str, own: &str, linked: &[String]) -> bool {
    let raw: Vec<&str> = s.split_whitespace().map(clean).filter(|w| !w.is_empty()).collect();
    let words: Vec<String> = raw.iter().map(|w| w.to_ascii_lowercase()).collect();
    for (i, w) in words.iter().enumerate() {
        match w.as_str() {
            // "abstract class", "abstract base type", "abstract <misspelt noun> type"
            "abstract" => {
                let about_link = i > 0 && words.get(i - 1).is_some_and(|p| linked.contains(p));
                let qualifies = is_noun(words.get(i + 1))
                    || (words.get(i + 1).is_some_and(|n| !TAIL_WORDS.contains(&n.as_str()))
                        && is_noun(words.get(i + 2)));
                if qualifies && !about_link {
                    return true;
                }
            }
            // "[Represents] [a|the] [two plain words] base [complex] type for ..." at the
            // sentence's start; "The <own> resource represents a base type" counts as
            // "Represents a base type"
            "base" | "superclass" => {
                let mut noun_at = i;
                if w == "base" {
                    noun_at = i + 1;
                    if words.get(noun_at).is_some_and(|q| QUALIFIERS.contains(&q.as_str()))
                        && is_noun(words.get(noun_at + 1))
                    {
                        noun_at += 1;
                    }
                    if !is_noun(words.get(noun_at)) {
                        continue;
                    }
                }
                let tail = words.get(noun_at + 1);
                let tail_ok = tail.is_none_or(|t| TAIL_WORDS.contains(&t.as_str()));
                if tail_ok && lead_names_own_type(&raw[..i], own, linked) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Link;

    fn para(text: &str, links: &[&str]) -> Inline {
        let mut i = Inline::plain(text);
        for l in links {
            let span = i.span;
            i.marks_mut().links.push(Link { text: l.to_string(), href: format!("{l}.md"), span });
        }
        i
    }

    #[test]
    fn own_type_stated_abstract() {
        for text in [
            "An abstract class that holds what every gadget shares.",
            "Represents an abstract base type for gadget kinds.",
            "This is an abstract resouce type for shelf items.",
            "Base class for widget operations such as the spin operation.",
            "Gadget base type.",
            "Represents a base type for the small and big gadgets.",
            "The score of a match. This is a base class; the derived types are listed below.",
            "A superclass for all parts in the shop.",
            "A base complex type for the rules of a gadget.",
            "The shelfPart resource represents a base type for shop items.",
        ] {
            assert!(says_abstract(&para(text, &[]), "shelfPart"), "{text}");
        }
    }

    #[test]
    fn open_when_the_type_is_said_to_be_one() {
        assert!(says_open(&para("Names vary by client, hence this is an open type.", &["open type"])));
        assert!(!says_open(&para("Add data with an open type extension.", &[])));
        assert!(!says_open(&para("The gadget is no open type.", &[])));
    }

    #[test]
    fn other_types_or_other_senses_are_not() {
        for (text, links) in [
            ("Stored under items, which is derived from the widget abstract type.", &["widget"][..]),
            ("The WidgetEntity is the base entity type for every gadget.", &[]),
            ("The directory object type is the base type for many other types.", &[]),
            ("The shelfPart type is the base type for many other types.", &[]),
            ("Inherits from base class shelfItem.", &[]),
            ("Holds an abstract definition for a task.", &[]),
            ("A gadget that the shop sells.", &[]),
        ] {
            assert!(!says_abstract(&para(text, links), "shelfPart"), "{text}");
        }
    }
}
