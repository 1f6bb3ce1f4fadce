//! Operation ids: from the first request example's name, else the title; shared ones made
//! unique in file order, and example names used more than once reported.

use super::PageOps;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use std::collections::BTreeMap;

/// Gives every operation a unique id (the first page in file order keeps a shared one) and
/// reports request names used more than once.
pub fn assign_ids(found: &mut [PageOps], d: &mut Diagnostics) {
    let mut by_name: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    for p in found.iter() {
        for (n, s) in &p.names {
            by_name.entry(n.as_str()).or_default().push(*s);
        }
    }
    for (name, spans) in &by_name {
        if spans.len() < 2 {
            continue;
        }
        for (i, s) in spans.iter().enumerate() {
            let mut diag =
                Diagnostic::new(Code::D0209, *s, format!("the example name `{name}` is used {} times", spans.len()))
                    .help("give each example a name of its own");
            for (j, o) in spans.iter().enumerate() {
                if i != j {
                    diag = diag.related(*o, "also used here");
                }
            }
            d.push(diag);
        }
    }
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for p in found.iter_mut() {
        let base = p.op.id.clone();
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let mut k = *n;
            let mut id = format!("{base}_{k}");
            while used.contains_key(&id) {
                k += 1;
                id = format!("{base}_{k}");
            }
            used.insert(id.clone(), 1);
            p.op.id = id;
        }
    }
}
