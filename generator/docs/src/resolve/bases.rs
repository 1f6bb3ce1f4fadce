//! Base types stated in more than one place: the type's own annotation, its prose, an
//! `Inherited from` cell, and the `Derived types` list of the base's page. The strongest
//! statement is kept unless a weaker one names a type that derives from it (the annotation
//! says `entity`, the prose says `teamsAppInstallation`, itself an entity): the more specific
//! base agrees with both, so it wins. Statements that do not agree are reported.

use super::{chain, short_name as short};
use crate::extract::BaseSource;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::TypeDef;
use std::collections::BTreeMap;

/// One resolved statement of a type's base.
#[derive(Debug, Clone)]
pub struct Stated {
    pub source: BaseSource,
    pub base: String,
    pub span: Span,
}

/// Whether `b` is a proper ancestor of `q` by the current bases.
fn is_ancestor(types: &BTreeMap<String, TypeDef>, q: &str, b: &str) -> bool {
    chain(types, q).iter().skip(1).any(|a| *a == b)
}

/// Picks each type's base from its statements (`stated`, in any order) and reports the
/// statements that disagree with the pick. Runs twice, since refining one type's base can
/// make another's statements comparable.
pub fn refine(types: &mut BTreeMap<String, TypeDef>, stated: &BTreeMap<String, Vec<Stated>>, diags: &mut Diagnostics) {
    for round in 0..2 {
        for (q, all) in stated {
            let mut all: Vec<&Stated> = all.iter().filter(|s| s.base != *q && types.contains_key(&s.base)).collect();
            all.sort_by(|a, b| (a.source, &a.base, a.span).cmp(&(b.source, &b.base, b.span)));
            let current = types.get(q).and_then(|t| t.base.as_ref()).map(|b| b.to_string());
            if current.as_ref().is_some_and(|c| !types.contains_key(c.as_str())) {
                continue; // an undocumented base, already reported
            }
            let Some(strongest) = all.first().map(|s| s.base.clone()).or(current.clone()) else { continue };
            let mut pick = current.clone().unwrap_or(strongest);
            // the most specific statement that derives from the pick
            for s in &all {
                if s.base != pick && is_ancestor(types, &s.base, &pick) && !is_ancestor(types, &s.base, q) {
                    pick = s.base.clone();
                }
            }
            if current.as_deref() != Some(pick.as_str()) {
                if let Some(t) = types.get_mut(q) {
                    t.base = Some(pick.as_str().into());
                }
            }
            if round == 1 {
                report(types, q, &pick, &all, diags);
            }
        }
    }
}

fn report(types: &BTreeMap<String, TypeDef>, q: &str, pick: &str, all: &[&Stated], diags: &mut Diagnostics) {
    let mut seen: Vec<&str> = Vec::new();
    for s in all {
        if s.base == pick || seen.contains(&s.base.as_str()) {
            continue;
        }
        seen.push(&s.base);
        if is_ancestor(types, pick, &s.base) {
            if s.source == BaseSource::Cell {
                continue; // "Inherited from [x]" in a row names any ancestor, not the direct base
            }
            diags.push(
                Diagnostic::new(
                    Code::D0116,
                    s.span,
                    format!(
                        "base of `{}` is stated as `{}`; `{}` is more specific and is kept",
                        short(q),
                        short(&s.base),
                        short(pick)
                    ),
                )
                .help(format!("name the direct base `{}` here", short(pick))),
            );
        } else {
            diags.push(
                Diagnostic::new(
                    Code::D0115,
                    s.span,
                    format!(
                        "base of `{}` is stated as `{}` here but as `{}` elsewhere; `{}` is kept",
                        short(q),
                        short(&s.base),
                        short(pick),
                        short(pick)
                    ),
                )
                .help("make the annotation, the prose and the base's list of derived types name the same base"),
            );
        }
    }
    if all.is_empty() {
        return;
    }
    // a base taken only from the base's page: the type's own page says nothing
    if all.iter().all(|s| s.source == BaseSource::Listed) {
        if let Some(s) = all.iter().find(|s| s.base == pick) {
            diags.push(
                Diagnostic::new(
                    Code::D0117,
                    s.span,
                    format!(
                        "`{}` is listed as derived from `{}`, and its own page names no base",
                        short(q),
                        short(pick)
                    ),
                )
                .help(format!(
                    "state the base on the page of `{}` (\"Inherits from [{}](...)\")",
                    short(q),
                    short(pick)
                )),
            );
        }
    }
}
