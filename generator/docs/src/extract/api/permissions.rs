//! Permission tables: the classic `Permission type | Permissions` table, its transposed form
//! (one column per permission type) and the newer `Least privileged | Higher privileged` form.

use crate::markdown::{is_todo, Inline, Table};
use codegen_core::diag::{Code, Diagnostic, Diagnostics};
use codegen_ir::Permissions;

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

/// Splits a cell into permission names; `Not supported.` and prose give none.
fn names(cell: &Inline) -> Vec<String> {
    let text = cell.text.replace(" and ", ",").replace(" or ", ",").replace(';', ",");
    text.split([',', ' '])
        .map(|s| s.trim().trim_matches(['.', '*', '`', '(', ')']))
        .filter(|s| {
            s.contains('.')
                && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
        })
        .map(str::to_string)
        .chain(
            // single-word permissions such as `User.Read` are caught above; a few are plain words
            text.split(',')
                .map(|s| s.trim().trim_matches(['.', '*', '`']))
                .filter(|s| matches!(*s, "openid" | "profile" | "email" | "offline_access"))
                .map(str::to_string),
        )
        .collect()
}

fn cell(list: &mut Vec<String>, c: &Inline, diags: &mut Diagnostics, what: &str) {
    if is_todo(&c.text) || c.text.contains("TODO") {
        diags.push(
            Diagnostic::new(Code::D0007, c.span, format!("the {what} permissions are a TODO placeholder"))
                .help("name the least privileged permission, or write `Not supported.`"),
        );
        return;
    }
    for n in names(c) {
        push_unique(list, n);
    }
}

fn slot(p: &mut Permissions, k: Kind) -> &mut Vec<String> {
    match k {
        Kind::Work => &mut p.delegated_work,
        Kind::Personal => &mut p.delegated_personal,
        Kind::App => &mut p.application,
    }
}

fn label(k: Kind) -> &'static str {
    match k {
        Kind::Work => "delegated (work or school)",
        Kind::Personal => "delegated (personal account)",
        Kind::App => "application",
    }
}

/// Adds the permissions of one table to `p`.
pub fn read_table(t: &Table, p: &mut Permissions, diags: &mut Diagnostics) {
    let header_kinds: Vec<Option<Kind>> = t.header.iter().map(|c| kind_of(&c.text)).collect();
    if header_kinds.iter().filter(|k| k.is_some()).count() >= 2 {
        // transposed: one column per permission type
        for row in &t.rows {
            for (c, k) in row.iter().zip(&header_kinds) {
                if let Some(k) = k {
                    cell(slot(p, *k), c, diags, label(*k));
                }
            }
        }
        return;
    }
    for row in &t.rows {
        let Some(k) = row.first().and_then(|c| kind_of(&c.text)) else {
            continue;
        };
        // every cell after the type: least privileged, higher privileged, or one list
        for c in row.iter().skip(1) {
            cell(slot(p, k), c, diags, label(k));
        }
    }
}
