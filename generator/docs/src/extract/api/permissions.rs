//! Permission tables: the classic `Permission type | Permissions` table, its transposed form
//! (one column per permission type) and the newer `Least privileged | Higher privileged`
//! form, whose least privileged column is kept apart. A note in a cell that rules a scope
//! out (`X cannot be used with ...`, `X isn't supported`, `... except X`) grants nothing.

use crate::markdown::{is_todo, Inline, Table};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::{Grants, Permissions, ScenarioPermissions};

#[derive(Clone, Copy)]
enum Kind {
    Work,
    Personal,
    App,
}

fn kind_of(label: &str) -> Option<Kind> {
    let l = label.to_ascii_lowercase();
    if l.contains("personal") {
        Some(Kind::Personal)
    } else if l.contains("delegated") || l.contains("work or school") {
        Some(Kind::Work)
    } else if l.contains("application") || l.contains("app-only") || l.contains("app only") {
        Some(Kind::App)
    } else {
        None
    }
}

/// True when the table is a permissions table of any known form.
pub fn is_permission_table(t: &Table) -> bool {
    let h: Vec<String> = t.header.iter().map(|c| c.text.to_ascii_lowercase()).collect();
    h.first().is_some_and(|f| f.contains("permission type") || f.contains("permission"))
        || h.iter().filter(|c| kind_of(c).is_some()).count() >= 2
}

fn push_unique(list: &mut Vec<String>, v: String) {
    if !list.contains(&v) {
        list.push(v);
    }
}

/// True for a word that is a permission name (`User.Read.All`, `openid`).
fn is_name(s: &str) -> bool {
    (s.contains('.')
        && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-'))
        || matches!(s, "openid" | "profile" | "email" | "offline_access")
}

/// The permission names of a piece of text, in order.
fn names_in(text: &str) -> Vec<String> {
    text.split([',', ' ', ';', '/'])
        .map(|s| s.trim().trim_matches(['.', '*', '`', '(', ')', '"', '\'', ':']))
        .filter(|s| is_name(s))
        .map(str::to_string)
        .collect()
}

/// The clauses of a cell: sentences (a `.` before a space or the end) and the inside of
/// parentheses, each apart.
fn clauses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | ')' | ';' => out.push(std::mem::take(&mut cur)),
            '.' if chars.peek().is_none_or(|n| n.is_whitespace()) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.retain(|c| !c.trim().is_empty());
    out
}

/// The scopes a note of the cell rules out: every name of a clause that says `cannot be
/// used`, `isn't supported` or `not supported`, and the names after `except`.
fn excluded(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for clause in clauses(text) {
        let l = clause.to_ascii_lowercase();
        let denies = ["cannot be used", "can't be used", "isn't supported", "not supported", "is not available"]
            .iter()
            .any(|p| l.contains(p));
        let from = if denies { Some(0) } else { l.find("except").map(|i| i + "except".len()) };
        if let Some(rest) = from.and_then(|i| clause.get(i..)) {
            for n in names_in(rest) {
                push_unique(&mut out, n);
            }
        }
    }
    out
}

/// What one table says, before it is added to an operation's permissions.
#[derive(Default)]
struct Read {
    all: Grants,
    least: Grants,
    ruled_out: Grants,
    /// Where each scope was named least privileged, and where a note ruled it out.
    least_at: Vec<(String, Span)>,
    ruled_out_at: Vec<(String, Span)>,
}

fn slot(g: &mut Grants, k: Kind) -> &mut Vec<String> {
    match k {
        Kind::Work => &mut g.delegated_work,
        Kind::Personal => &mut g.delegated_personal,
        Kind::App => &mut g.application,
    }
}

fn label(k: Kind) -> &'static str {
    match k {
        Kind::Work => "delegated (work or school)",
        Kind::Personal => "delegated (personal account)",
        Kind::App => "application",
    }
}

impl Read {
    fn cell(&mut self, k: Kind, c: &Inline, least: bool, diags: &mut Diagnostics) {
        if is_todo(&c.text) || c.text.contains("TODO") {
            diags.push(
                Diagnostic::new(Code::D0007, c.span, format!("the {} permissions are a TODO placeholder", label(k)))
                    .help("name the least privileged permission, or write `Not supported.`"),
            );
            return;
        }
        for n in excluded(&c.text) {
            self.ruled_out_at.push((n.clone(), c.span));
            push_unique(slot(&mut self.ruled_out, k), n);
        }
        let text = c.text.replace(" and ", ",").replace(" or ", ",");
        for n in names_in(&text) {
            if least {
                self.least_at.push((n.clone(), c.span));
                push_unique(slot(&mut self.least, k), n.clone());
            }
            push_unique(slot(&mut self.all, k), n);
        }
    }

    /// The grants with the ruled-out scopes taken away; D0231 where a row names a scope
    /// least privileged and a note of the same row rules it out.
    fn settle(mut self, diags: &mut Diagnostics) -> (Grants, Grants) {
        for k in [Kind::Work, Kind::Personal, Kind::App] {
            let out = slot(&mut self.ruled_out, k).clone();
            slot(&mut self.all, k).retain(|n| !out.contains(n));
            let least = slot(&mut self.least, k);
            for n in least.iter().filter(|n| out.contains(n)) {
                let named = self.least_at.iter().find(|(m, _)| m == n).map(|(_, at)| *at);
                let Some((_, note)) = self.ruled_out_at.iter().find(|(m, at)| m == n && Some(*at) != named) else {
                    continue;
                };
                let mut diag = Diagnostic::new(
                    Code::D0231,
                    *note,
                    format!(
                        "this note says `{n}` cannot be used, but the row names it least privileged; it is not granted"
                    ),
                )
                .help(format!("take `{n}` out of the least privileged column, or correct the note"));
                if let Some(at) = named {
                    diag = diag.related(at, "named least privileged here");
                }
                diags.push(diag);
            }
            least.retain(|n| !out.contains(n));
        }
        (self.all, self.least)
    }
}

/// The columns of a `Permission type | Least privileged | Higher privileged` table: which
/// one holds the least privileged permissions (not a `from least to most privileged` list).
fn least_column(t: &Table) -> Option<usize> {
    t.header.iter().position(|c| {
        let h = c.text.to_ascii_lowercase();
        h.contains("least") && !h.contains("most") && !h.contains("higher") && !h.contains(" to ")
    })
}

fn read(t: &Table, diags: &mut Diagnostics) -> Read {
    let mut r = Read::default();
    let header_kinds: Vec<Option<Kind>> = t.header.iter().map(|c| kind_of(&c.text)).collect();
    if header_kinds.iter().filter(|k| k.is_some()).count() >= 2 {
        // transposed: one column per permission type
        for row in &t.rows {
            for (c, k) in row.iter().zip(&header_kinds) {
                if let Some(k) = k {
                    r.cell(*k, c, false, diags);
                }
            }
        }
        return r;
    }
    let least = least_column(t);
    for row in &t.rows {
        let Some(k) = row.first().and_then(|c| kind_of(&c.text)) else {
            continue;
        };
        // every cell after the type: least privileged, higher privileged, or one list
        for (i, c) in row.iter().enumerate().skip(1) {
            r.cell(k, c, least == Some(i), diags);
        }
    }
    r
}

/// Adds the grants `from`, kind by kind, to the lists `to` (work, personal, application).
fn add(to: [&mut Vec<String>; 3], from: Grants) {
    for (list, names) in to.into_iter().zip([from.delegated_work, from.delegated_personal, from.application]) {
        for n in names {
            push_unique(list, n);
        }
    }
}

/// Adds the permissions of one table to `p`: every granting permission to the three
/// lists (least privileged first), the least privileged ones to `p.least` as well.
pub fn read_table(t: &Table, p: &mut Permissions, diags: &mut Diagnostics) {
    let (all, least) = read(t, diags).settle(diags);
    add([&mut p.delegated_work, &mut p.delegated_personal, &mut p.application], all);
    let l = &mut p.least;
    add([&mut l.delegated_work, &mut l.delegated_personal, &mut l.application], least);
}

/// Adds a table of a `### ... scenarios` section as the permissions of `scenario`; a
/// transposed table whose first column names no permission type gives one scenario per
/// row, the row's first cell added to the words.
pub fn read_scenario_table(t: &Table, scenario: &str, p: &mut Permissions, diags: &mut Diagnostics) {
    let header_kinds: Vec<Option<Kind>> = t.header.iter().map(|c| kind_of(&c.text)).collect();
    let per_row =
        header_kinds.iter().filter(|k| k.is_some()).count() >= 2 && header_kinds.first().is_some_and(Option::is_none);
    if per_row {
        for row in &t.rows {
            let Some(first) = row.first().map(|c| c.text.trim()).filter(|c| !c.is_empty()) else {
                continue;
            };
            let one = Table { header: t.header.clone(), rows: vec![row.clone()], span: t.span, annotation: None };
            let words = if scenario.is_empty() { first.to_string() } else { format!("{scenario}: {first}") };
            let r = read(&one, diags).settle(diags);
            push_scenario(p, words, r);
        }
        return;
    }
    let r = read(t, diags).settle(diags);
    push_scenario(p, scenario.to_string(), r);
}

fn push_scenario(p: &mut Permissions, scenario: String, (all, least): (Grants, Grants)) {
    if all.is_empty() {
        return;
    }
    p.scenarios.push(ScenarioPermissions { scenario, all, least });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_rule_scopes_out() {
        assert_eq!(excluded("Not supported."), Vec::<String>::new());
        assert_eq!(excluded("Files.Read. Files.Read.All cannot be used with this account."), vec!["Files.Read.All"]);
        assert_eq!(excluded("Sites.Read.All (Sites.Manage.All isn't supported)"), vec!["Sites.Manage.All"]);
        assert_eq!(excluded("Any Notes permission except Notes.Create"), vec!["Notes.Create"]);
        assert_eq!(excluded("Mail.Read, except for shared folders"), Vec::<String>::new());
    }
}
