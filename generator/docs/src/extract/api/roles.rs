//! Microsoft Entra admin roles under `Permissions`: the roles a caller must hold one of,
//! named in a table (a `Role` column, or rows whose first cell is a role) or in a list that
//! a sentence about roles introduces (`... one of the following Microsoft Entra roles:`).

use crate::markdown::Table;

/// The last words a role's name ends with.
const ROLE_NOUNS: &[&str] = &[
    "administrator",
    "admin",
    "reader",
    "operator",
    "writer",
    "manager",
    "developer",
    "author",
    "approver",
    "analyst",
    "contributor",
    "owner",
    "specialist",
    "engineer",
    "creator",
    "agent",
];

/// The role a piece of text names, when it is one: a few capitalized words ending with a
/// role noun, a description after ` - `, `:` or ` (` cut off.
pub fn role_of(text: &str) -> Option<String> {
    let t = text.trim().trim_start_matches(['-', '*', ' ']);
    let cut = [" - ", " – ", ":", " (", ",", ". "].iter().filter_map(|s| t.find(s)).min().unwrap_or(t.len());
    let name = t.get(..cut).unwrap_or(t).trim().trim_matches(['*', '`', '.', ' ']);
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let capitalized = words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
    let last = words.last().map(|w| w.to_ascii_lowercase()).unwrap_or_default();
    let noun = ROLE_NOUNS.contains(&last.as_str()) || last.strip_suffix('s').is_some_and(|l| ROLE_NOUNS.contains(&l));
    (capitalized && noun).then(|| words.join(" "))
}

/// True when a sentence introduces roles (`... the following ... roles`, `admin role`).
pub fn introduces_roles(text: &str) -> bool {
    let l = text.to_ascii_lowercase();
    (l.contains(" role") || l.starts_with("role")) && !l.contains("permission type")
}

/// The roles of a table: the cells of a column headed `Role`, else first cells that name a
/// role; none for a table of neither kind.
pub fn roles_of_table(t: &Table) -> Vec<String> {
    let col = t.header.iter().position(|c| c.text.to_ascii_lowercase().contains("role"));
    let mut out: Vec<String> = Vec::new();
    for row in &t.rows {
        let cell = row.get(col.unwrap_or(0));
        let Some(role) = cell.and_then(|c| role_of(&c.text)) else {
            continue;
        };
        if !out.contains(&role) {
            out.push(role);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::role_of;

    #[test]
    fn role_names() {
        assert_eq!(role_of("Global Reader").as_deref(), Some("Global Reader"));
        assert_eq!(role_of("- Directory Writers - the least privileged role").as_deref(), Some("Directory Writers"));
        assert_eq!(role_of("Printer Administrator: manages printers").as_deref(), Some("Printer Administrator"));
        assert_eq!(role_of("the signed-in user must be an administrator"), None);
        assert_eq!(role_of("User.Read.All"), None);
    }
}
