//! The documented permissions of an endpoint: its `const PERMISSIONS` (per scheme, least
//! privileged first) and the doc lines that tell the least privileged permissions from the
//! higher ones, the permissions of specific scenarios and the admin roles.

use crate::docs;
use codegen_ir::{Grants, Operation};

/// A documented permission, or a note such as `Not supported.` that is none.
fn is_permission(p: &str) -> bool {
    let p = p.trim();
    !p.is_empty() && !p.contains(' ') && !p.eq_ignore_ascii_case("none")
}

/// `least` first, then the rest of `all`, each once.
fn least_first<'a>(least: &'a [String], all: &'a [String]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for p in least.iter().chain(all).map(|p| p.trim()).filter(|p| is_permission(p)) {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The three kinds of access: label, every permission, the least privileged ones.
fn kinds<'a>(all: &'a Grants, least: &'a Grants) -> [(&'static str, &'a [String], &'a [String]); 3] {
    [
        ("Delegated (work or school account)", &all.delegated_work, &least.delegated_work),
        ("Delegated (personal Microsoft account)", &all.delegated_personal, &least.delegated_personal),
        ("Application", &all.application, &least.application),
    ]
}

fn top_level(op: &Operation) -> Grants {
    let p = &op.permissions;
    Grants {
        delegated_work: p.delegated_work.clone(),
        delegated_personal: p.delegated_personal.clone(),
        application: p.application.clone(),
    }
}

/// The documented permissions per scheme (work or school, personal, application), least
/// privileged first: the lists of `const PERMISSIONS`.
pub fn lists(op: &Operation) -> [Vec<&str>; 3] {
    let p = &op.permissions;
    [
        least_first(&p.least.delegated_work, &p.delegated_work),
        least_first(&p.least.delegated_personal, &p.delegated_personal),
        least_first(&p.least.application, &p.application),
    ]
}

/// One kind's text: `a, b` when the docs set no least privileged ones apart, else
/// `a (least privileged); higher: b, c`.
fn kind_text(all: &[String], least: &[String]) -> Option<String> {
    let least: Vec<&str> = least_first(least, &[]);
    let ordered = least_first(&[], all);
    let higher: Vec<&str> = ordered.iter().copied().filter(|p| !least.contains(p)).collect();
    match (least.is_empty(), higher.is_empty()) {
        (true, true) => None,
        (true, false) => Some(higher.join(", ")),
        (false, true) => Some(format!("{} (least privileged)", least.join(", "))),
        (false, false) => Some(format!("{} (least privileged); higher: {}", least.join(", "), higher.join(", "))),
    }
}

/// The doc lines of the permissions, each with its leading space; none when the docs name
/// none.
pub fn doc_lines(op: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    let p = &op.permissions;
    let all = top_level(op);
    let listed: Vec<String> = kinds(&all, &p.least)
        .iter()
        .filter_map(|(kind, all, least)| kind_text(all, least).map(|t| format!(" - {kind}: {}", docs::clean(&t))))
        .collect();
    if !listed.is_empty() {
        lines.push(String::new());
        lines.push(" Permissions, least privileged first:".to_string());
        lines.extend(listed);
    }
    if !p.roles.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            " Microsoft Entra roles, one of which a signed-in work or school user needs, least privileged first: {}.",
            docs::clean(&p.roles.join(", "))
        ));
    }
    if !p.scenarios.is_empty() {
        lines.push(String::new());
        lines.push(" Permissions for specific scenarios:".to_string());
        for s in &p.scenarios {
            let parts: Vec<String> = kinds(&s.all, &s.least)
                .iter()
                .filter_map(|(kind, all, least)| kind_text(all, least).map(|t| format!("{kind}: {t}")))
                .collect();
            lines.push(format!(
                " - {}: {}",
                docs::clean(s.scenario.trim_end_matches(['.', ':'])),
                docs::clean(&parts.join("; "))
            ));
        }
    }
    lines
}
