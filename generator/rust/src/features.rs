//! Cargo features per area, so a user of the generated crate compiles only what it needs.
//!
//! An area is the `ms.prod` of the page a type or operation comes from (passed in
//! [`Options::areas`](crate::Options) by docs file, normalized to a feature name). Gating
//! is per item, not per area: an area's feature turns on the types and endpoints of the area
//! and every type they need to compile (bases, non-navigation properties, the types of their
//! operations' parameters, bodies and responses), transitively. So a type carries
//! `#[cfg(any(feature = "a", feature = "b"))]` listing the areas that need it, and no `cfg`
//! when every area does. The soft references, navigation properties and the variants of a
//! polymorphic `Any<Base>` enum, are gated by the areas of their own type: a user of one
//! area does not pay for the relationships into all the others. (Closing over areas
//! instead, `a = ["b", "c"]`, pulls in nearly the whole Graph reference for any area: one
//! property of one type of `b` is enough to need all of `b`.)
//!
//! `full` turns on every area and is the default; `default-features = false` and a list of
//! areas compiles only those.

use codegen_ir::{Operation, Schema, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The area of items whose page names none.
pub const UNASSIGNED: &str = "unassigned";

/// Feature names Cargo or the generator use themselves.
const RESERVED: &[&str] = &["default", "full"];

/// A set of areas: the features any of which turns an item on.
pub type AreaSet = BTreeSet<String>;

/// Which areas need which item.
#[derive(Debug, Clone, Default)]
pub struct Gates {
    /// Every area, sorted (the features besides `default` and `full`).
    pub areas: AreaSet,
    /// Qualified type name -> the areas that need it.
    types: BTreeMap<String, AreaSet>,
    /// Operation id -> its area.
    ops: BTreeMap<String, String>,
}

/// A `ms.prod` value as a Cargo feature name: lowercase ASCII letters, digits and `-`.
pub fn feature_name(prod: &str) -> String {
    let prod = prod.trim().trim_matches(['"', '\'']).trim();
    // A placeholder (`**TODO: Add MS prod ...**`) or prose names no area.
    if !prod.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return UNASSIGNED.to_string();
    }
    let mut out = String::new();
    for c in prod.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        return UNASSIGNED.to_string();
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "area-");
    }
    if RESERVED.contains(&out.as_str()) {
        out.push_str("-area");
    }
    out
}

/// The types an operation needs to compile.
fn op_types(op: &Operation) -> impl Iterator<Item = &str> {
    let body = op.request_body.iter().map(|b| b.name.as_str());
    let params = op.parameters.iter().map(|p| p.ty.name.as_str());
    let response = op.response.iter().filter_map(|r| r.body.as_ref()).map(|b| b.name.as_str());
    body.chain(params).chain(response)
}

impl Gates {
    /// Computes the areas of every type and operation from the IR's `area`s. With fewer
    /// than two areas nothing is gated.
    pub fn compute(schema: &Schema) -> Gates {
        let area_of = |area: Option<&str>| -> String { area.map_or_else(|| UNASSIGNED.to_string(), feature_name) };
        let known: BTreeSet<String> = schema.types.iter().map(|t| t.qualified().into_string()).collect();
        // Hard references: what a type needs to compile.
        let mut hard: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut home: BTreeMap<String, String> = BTreeMap::new();
        let quals: Vec<String> = schema.types.iter().map(|t| t.qualified().into_string()).collect();
        for (t, q) in schema.types.iter().zip(&quals) {
            home.entry(q.clone()).or_insert_with(|| area_of(t.area.as_deref()));
            if t.kind == TypeKind::Enum {
                continue;
            }
            let refs = hard.entry(q.as_str()).or_default();
            refs.extend(t.base.as_deref().filter(|b| known.contains(*b)));
            for p in t.properties.iter().filter(|p| !p.navigation) {
                if known.contains(p.ty.name.as_str()) {
                    refs.push(&p.ty.name);
                }
            }
        }
        let mut ops = BTreeMap::new();
        let mut seeds: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for (q, a) in &home {
            seeds.entry(a.clone()).or_default().push(q.as_str());
        }
        for op in &schema.operations {
            let a = area_of(op.area.as_deref());
            seeds.entry(a.clone()).or_default().extend(op_types(op).filter(|t| known.contains(*t)));
            ops.insert(op.id.clone(), a);
        }
        let all: AreaSet = seeds.keys().cloned().collect();
        let mut types: BTreeMap<String, AreaSet> = BTreeMap::new();
        if all.len() > 1 {
            for (area, start) in &seeds {
                let mut stack: Vec<&str> = start.clone();
                let mut seen: BTreeSet<&str> = BTreeSet::new();
                while let Some(q) = stack.pop() {
                    if !seen.insert(q) {
                        continue;
                    }
                    types.entry(q.to_string()).or_default().insert(area.clone());
                    stack.extend(hard.get(q).into_iter().flatten().copied());
                }
            }
        }
        Gates { areas: all, types, ops }
    }

    fn is_gated(&self) -> bool {
        self.areas.len() > 1
    }

    /// The areas that need a type; `None` when it is always compiled.
    pub fn type_areas(&self, q: &str) -> Option<&AreaSet> {
        if !self.is_gated() {
            return None;
        }
        self.types.get(q).filter(|s| s.len() < self.areas.len())
    }

    /// `#[cfg(...)]` of a type, empty when it is always compiled.
    pub fn type_cfg(&self, q: &str) -> TokenStream {
        self.type_areas(q).map(cfg).unwrap_or_default()
    }

    /// `#[cfg(...)]` of a field or variant of `owner` holding a `target`: empty when
    /// `target` is compiled whenever `owner` is.
    pub fn ref_cfg(&self, owner: &str, target: &str) -> TokenStream {
        let Some(t) = self.type_areas(target) else { return quote!() };
        if !self.types.contains_key(owner) {
            // Owners that are no type (the bodies of operations) hold hard references only.
            return quote!();
        }
        match self.type_areas(owner) {
            Some(o) if o.is_subset(t) => quote!(),
            _ => cfg(t),
        }
    }

    /// `#[cfg(feature = "area")]` of an operation's builder and tests.
    pub fn op_cfg(&self, op_id: &str) -> TokenStream {
        if !self.is_gated() {
            return quote!();
        }
        match self.ops.get(op_id) {
            Some(a) => cfg(&AreaSet::from([a.clone()])),
            None => quote!(),
        }
    }

    /// `#[cfg(...)]` of the round-trip test of one example body of an operation: the
    /// operation's area, and for every type the body names by `@odata.type`, one of the
    /// areas of that type (without it, the body would be read as its base and lose data).
    pub fn example_cfg(&self, op_id: &str, body: &serde_json::Value) -> TokenStream {
        if !self.is_gated() {
            return quote!();
        }
        let mut tagged = BTreeSet::new();
        odata_types(body, &mut tagged);
        let mut terms: Vec<TokenStream> = Vec::new();
        if let Some(a) = self.ops.get(op_id) {
            terms.push(quote!(feature = #a));
        }
        let mut sets: BTreeSet<&AreaSet> = BTreeSet::new();
        for q in &tagged {
            if let Some(set) = self.type_areas(q) {
                let covered = self.ops.get(op_id).is_some_and(|a| set.contains(a));
                if !covered {
                    sets.insert(set);
                }
            }
        }
        for set in sets {
            let names = set.iter().map(String::as_str);
            terms.push(if set.len() == 1 { quote!(#(feature = #names)*) } else { quote!(any(#(feature = #names),*)) });
        }
        match terms.len() {
            0 => quote!(),
            1 => quote!(#[cfg(#(#terms)*)]),
            _ => quote!(#[cfg(all(#(#terms),*))]),
        }
    }

    /// The `[features]` table of the main crate's `Cargo.toml`: `full` (the default) turns on
    /// every area, each area turns on the same feature of the member crates `members`.
    pub fn cargo_features(&self, members: &[String]) -> String {
        let mut out = String::from("[features]\ndefault = [\"full\"]\n");
        let list: Vec<String> = self.areas.iter().map(|a| format!("\"{a}\"")).collect();
        out.push_str(&format!("full = [{}]\n", list.join(", ")));
        out.push_str(&self.member_features(members));
        out
    }

    /// One feature per area, none on by default, each turning on the same feature of the
    /// crates `forwarded` (the `[features]` table of a member crate has this after its header).
    pub fn member_features(&self, forwarded: &[String]) -> String {
        let mut out = String::new();
        for a in &self.areas {
            let list: Vec<String> = forwarded.iter().map(|c| format!("\"{c}/{a}\"")).collect();
            out.push_str(&format!("{a} = [{}]\n", list.join(", ")));
        }
        out
    }
}

fn cfg(set: &AreaSet) -> TokenStream {
    let names = set.iter().map(|a| a.as_str());
    if set.len() == 1 {
        quote!(#[cfg(#(feature = #names)*)])
    } else {
        quote!(#[cfg(any(#(feature = #names),*))])
    }
}

/// Qualified names in the `@odata.type` values of a JSON value, at any depth.
fn odata_types(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, val) in map {
                match val {
                    serde_json::Value::String(t) if k == "@odata.type" => {
                        out.insert(t.trim_start_matches('#').to_string());
                    }
                    other => odata_types(other, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| odata_types(i, out)),
        _ => {}
    }
}

/// Puts `attr` (a `#[cfg]` or nothing) on every item.
pub fn gate_items(items: &mut [syn::Item], attr: &TokenStream) {
    if attr.is_empty() {
        return;
    }
    let Ok(parsed) = syn::parse::Parser::parse2(syn::Attribute::parse_outer, attr.clone()) else { return };
    for item in items {
        let attrs = match item {
            syn::Item::Const(i) => &mut i.attrs,
            syn::Item::Enum(i) => &mut i.attrs,
            syn::Item::Fn(i) => &mut i.attrs,
            syn::Item::Impl(i) => &mut i.attrs,
            syn::Item::Mod(i) => &mut i.attrs,
            syn::Item::Static(i) => &mut i.attrs,
            syn::Item::Struct(i) => &mut i.attrs,
            syn::Item::Trait(i) => &mut i.attrs,
            syn::Item::Type(i) => &mut i.attrs,
            syn::Item::Union(i) => &mut i.attrs,
            syn::Item::Use(i) => &mut i.attrs,
            _ => continue,
        };
        attrs.splice(0..0, parsed.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names() {
        assert_eq!(feature_name("\"microsoft-teams\""), "microsoft-teams");
        assert_eq!(feature_name("SharePoint"), "sharepoint");
        assert_eq!(feature_name(""), UNASSIGNED);
        assert_eq!(feature_name("full"), "full-area");
        assert_eq!(feature_name("3d_stuff"), "area-3d-stuff");
        assert_eq!(feature_name("**TODO: Add MS prod. See [topic](https://aka.ms/x)**"), UNASSIGNED);
    }
}
