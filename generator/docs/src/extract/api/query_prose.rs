//! What a paragraph of the query-parameters section says about the standard query options:
//! the ones it names as usable, and the ones it says the method does not take
//! ("`$skip` isn't supported", "supports `$select` but not `$expand`").
//!
//! A paragraph is cut into sentences, a sentence into clauses at `but`. A clause denies
//! support when a word of `support` or `available` follows a negation (`not`, `no`,
//! `doesn't`, ...), when it says `unsupported`, or when it starts with `not` (the second half
//! of "supports x but not y"). Every option such a clause names is unsupported, but for the
//! ones after `other than` / `except`, which the clause keeps. A denial narrowed to a case
//! ("not supported on **x**", "in this case", "when ...", "properties of x do not support
//! ...") says nothing about the method as a whole: its options stay usable, as before.

use super::params::QUERY_OPTIONS;

/// The standard options a paragraph names, split by what it says of them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Mentions {
    /// Named with no denial (or the denial is narrowed to a case). An option can be in both
    /// lists when two sentences disagree.
    pub supported: Vec<&'static str>,
    /// Named in a clause that says the method does not take them.
    pub unsupported: Vec<&'static str>,
}

/// Reads one paragraph's plain text.
pub fn read(text: &str) -> Mentions {
    let text = text.replace('\u{2019}', "'");
    let mut m = Mentions::default();
    for sentence in text.split(". ").flat_map(|s| s.split("; ")) {
        for clause in clauses(sentence) {
            let options = options_in(clause);
            if options.is_empty() {
                continue;
            }
            let denial = denial(clause).filter(|&end| !narrowed(clause, end, &options));
            let kept_from = keeps_after(clause);
            for (at, q) in options {
                let denied = denial.is_some() && kept_from.is_none_or(|k| at < k);
                let list = if denied { &mut m.unsupported } else { &mut m.supported };
                if !list.contains(&q) {
                    list.push(q);
                }
            }
        }
    }
    // in the order of the standard list, as the options were always listed
    let rank = |q: &&str| QUERY_OPTIONS.iter().position(|o| o == q);
    m.supported.sort_by_key(rank);
    m.unsupported.sort_by_key(rank);
    m
}

/// The clauses of a sentence, cut before each word `but`.
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, w) in words(sentence) {
        if w.eq_ignore_ascii_case("but") && i > start {
            out.push(sentence.get(start..i).unwrap_or(""));
            start = i + w.len();
        }
    }
    out.push(sentence.get(start..).unwrap_or(""));
    out
}

/// The words of a text (letters, digits, `'`, `$`), with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '$'))
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// The standard options a clause names, with their offsets, in order.
fn options_in(clause: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    for q in QUERY_OPTIONS {
        for (i, _) in clause.match_indices(q) {
            let after = clause.get(i + q.len()..).and_then(|r| r.chars().next());
            if !after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                out.push((i, q));
            }
        }
    }
    out.sort_unstable();
    out
}

fn is_negation(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    matches!(w.as_str(), "not" | "no" | "never" | "cannot" | "nor") || w.ends_with("n't")
}

/// Where the clause's (last) denial of support ends, if it has one.
fn denial(clause: &str) -> Option<usize> {
    let ws: Vec<(usize, &str)> = words(clause).collect();
    let mut end = None;
    for (k, &(i, w)) in ws.iter().enumerate() {
        let l = w.to_ascii_lowercase();
        let negated = l == "unsupported"
            || (l.starts_with("support") || l == "available")
                && ws.get(k.saturating_sub(3)..k).is_some_and(|before| before.iter().any(|(_, b)| is_negation(b)));
        if negated {
            end = Some(i + w.len());
        }
    }
    let first = ws.first().map(|(_, w)| w.to_ascii_lowercase());
    end.or_else(|| (first.as_deref() == Some("not")).then(|| ws.first().map_or(0, |(i, w)| i + w.len())))
}

/// A denial limited to a case: a condition anywhere in the clause, a subject that is some
/// properties, or a preposition right after the denial and the options it names.
fn narrowed(clause: &str, denial_end: usize, options: &[(usize, &str)]) -> bool {
    const CONDITIONS: &[&str] = &["when", "if", "unless", "while", "case", "property", "properties"];
    if words(clause).any(|(_, w)| CONDITIONS.iter().any(|c| w.eq_ignore_ascii_case(c))) {
        return true;
    }
    let last_option = options.iter().map(|(i, q)| i + q.len()).max().unwrap_or(0);
    let tail = clause.get(denial_end.max(last_option)..).unwrap_or("");
    const NARROWING: &[&str] = &["on", "for", "in", "with", "by", "within", "across", "under", "at", "from"];
    words(tail).next().is_some_and(|(_, w)| NARROWING.iter().any(|n| w.eq_ignore_ascii_case(n)))
}

/// Where the options the clause excepts from its denial start (`other than x`, `except x`).
fn keeps_after(clause: &str) -> Option<usize> {
    let l = clause.to_ascii_lowercase();
    ["other than ", "except ", "besides ", "apart from "].iter().filter_map(|p| l.find(p).map(|i| i + p.len())).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denied(text: &str) -> Vec<&'static str> {
        read(text).unsupported
    }

    fn kept(text: &str) -> Vec<&'static str> {
        read(text).supported
    }

    #[test]
    fn denials_remove_only_what_they_name() {
        assert_eq!(denied("$skip isn't supported."), ["$skip"]);
        assert_eq!(denied("This call doesn't support $top."), ["$top"]);
        assert_eq!(denied("The $count parameter is not supported."), ["$count"]);
        assert_eq!(denied("This method does not support the $filter OData query parameter."), ["$filter"]);
        assert_eq!(denied("Here $search is not currently supported"), ["$search"]);
        assert_eq!(denied("There is no support for $orderby."), ["$orderby"]);
        assert_eq!(denied("Unsupported options: $format, $skip."), ["$skip", "$format"]);
        let m = read("The list supports $select but not $expand.");
        assert_eq!((m.supported, m.unsupported), (vec!["$select"], vec!["$expand"]));
        let m = read("Supports $filter. It doesn\u{2019}t support the $top option.");
        assert_eq!((m.supported, m.unsupported), (vec!["$filter"], vec!["$top"]));
    }

    #[test]
    fn positive_and_narrowed_mentions_stay() {
        assert_eq!(kept("This method supports the $select and $expand query parameters."), ["$select", "$expand"]);
        assert_eq!(kept("Use $select to get properties that are not returned by default."), ["$select"]);
        assert_eq!(kept("Send only $top and not $skip on the first call."), ["$top", "$skip"]);
        assert_eq!(kept("$filter is not supported on archived folders."), ["$filter"]);
        assert_eq!(kept("$select is not supported in this case."), ["$select"]);
        assert_eq!(kept("The name properties do not support $orderby."), ["$orderby"]);
        assert_eq!(kept("Query options are not supported other than $filter."), ["$filter"]);
        assert_eq!(kept("It takes no query options, but it needs the $count segment."), ["$count"]);
        assert!(denied("This method supports $select, $top and $skipToken.").is_empty());
    }
}
