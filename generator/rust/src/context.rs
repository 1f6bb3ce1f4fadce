//! What every emitter needs to know about the schema: the Rust name of every type and
//! module (handed out once, in sorted order, so names never depend on emission order),
//! the derived types of every base, and which fields must be boxed to break cycles.

use crate::naming::{self, Case, Name, Scope};
use crate::Note;
use codegen_core::diag::Code;
use codegen_ir::{Property, Schema, TypeDef, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// The Rust names of one docs type.
#[derive(Debug, Clone)]
pub struct TypeNames {
    /// Module under `crate::models`.
    pub module: String,
    /// The struct or enum.
    pub ident: String,
    /// The polymorphic enum, for a base type with derived types.
    pub any: Option<String>,
}

/// Names and relations of the whole schema.
pub struct Context<'a> {
    pub schema: &'a Schema,
    pub types: BTreeMap<String, &'a TypeDef>,
    pub names: BTreeMap<String, TypeNames>,
    /// Namespace -> module name.
    pub modules: BTreeMap<String, String>,
    /// Qualified base -> its derived types (transitively), sorted.
    pub descendants: BTreeMap<String, Vec<String>>,
    /// The Cargo feature of every item (set by the layout; empty: nothing is gated).
    pub gates: crate::features::Gates,
}

impl<'a> Context<'a> {
    pub fn new(schema: &'a Schema, notes: &mut Vec<Note>) -> Context<'a> {
        let mut types: BTreeMap<String, &TypeDef> = BTreeMap::new();
        for t in &schema.types {
            let q = t.qualified().into_string();
            if types.contains_key(&q) {
                notes.push(Note::new(Code::E0002, format!("type `{q}` is defined twice; the first is emitted"), t));
                continue;
            }
            types.insert(q, t);
        }
        let mut module_scope = Scope::new(naming::RESERVED_MODULES);
        let mut modules = BTreeMap::new();
        let namespaces: BTreeSet<&str> = types.values().map(|t| t.namespace.as_str()).collect();
        for ns in namespaces {
            let wanted = naming::namespace_module(ns);
            let name = module_scope.name(&wanted.ident, Case::Snake);
            if let Some(why) = name.renamed.as_ref().or(wanted.renamed.as_ref()) {
                notes.push(Note::bare(Code::E0001, format!("namespace `{ns}` becomes module `{}`: {why}", name.ident)));
            }
            modules.insert(ns.to_string(), name.ident);
        }
        let descendants = descendants(&types);
        let mut scopes: BTreeMap<String, Scope> = BTreeMap::new();
        let mut names = BTreeMap::new();
        // Plain type names first, then the polymorphic enums, so a docs type keeps its name.
        for (q, t) in &types {
            let scope = scopes.entry(t.namespace.clone()).or_insert_with(|| Scope::new(naming::RESERVED_TYPES));
            let name = scope.name(&t.name, Case::Camel);
            rename_note(notes, &format!("type `{q}`"), &name, t);
            let module = modules.get(&t.namespace).cloned().unwrap_or_default();
            names.insert(q.clone(), TypeNames { module, ident: name.ident, any: None });
        }
        for (q, t) in &types {
            if t.kind == TypeKind::Enum || !descendants.contains_key(q) {
                continue;
            }
            let scope = scopes.entry(t.namespace.clone()).or_insert_with(|| Scope::new(naming::RESERVED_TYPES));
            let base = names.get(q).map(|n| n.ident.clone()).unwrap_or_default();
            let name = scope.name(&format!("Any{base}"), Case::Camel);
            rename_note(notes, &format!("the polymorphic enum of `{q}`"), &name, t);
            if let Some(n) = names.get_mut(q) {
                n.any = Some(name.ident);
            }
        }
        Context { schema, types, names, modules, descendants, gates: Default::default() }
    }

    /// The chain of a type from its root base down to itself; stops at unknown bases and cycles.
    pub fn chain(&self, t: &'a TypeDef) -> Vec<&'a TypeDef> {
        let mut chain = codegen_ir::walk_bases(
            t,
            |t| t as *const TypeDef,
            |t| t.base.as_deref().and_then(|b| self.types.get(b).copied()),
        );
        chain.reverse();
        chain
    }

    /// Declared and inherited properties, base first; a later duplicate name is dropped.
    pub fn all_properties(&self, t: &'a TypeDef) -> Vec<&'a Property> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for ty in self.chain(t) {
            for p in &ty.properties {
                if seen.insert(p.name.as_str()) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// True when a field of type `to` inside `from` must be boxed: `to` is a plain struct
    /// that contains `from` again through non-collection, non-boxed fields.
    pub fn needs_box(&self, from: &str, to: &str) -> bool {
        if !self.is_plain_struct(to) {
            return false;
        }
        let mut stack = vec![to.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(cur) = stack.pop() {
            if cur == from {
                return true;
            }
            if !seen.insert(cur.clone()) {
                continue;
            }
            let Some(t) = self.types.get(&cur) else { continue };
            for p in self.all_properties(t) {
                if !p.ty.collection && self.is_plain_struct(&p.ty.name) {
                    stack.push(p.ty.name.to_string());
                }
            }
        }
        false
    }

    /// A struct type without derived types (those are held through their boxed enum).
    fn is_plain_struct(&self, q: &str) -> bool {
        self.types.get(q).is_some_and(|t| t.kind != TypeKind::Enum) && !self.descendants.contains_key(q)
    }

    /// The first source of a type.
    pub fn source_of(&self, q: &str) -> Option<codegen_ir::SourceRef> {
        self.types.get(q).and_then(|t| t.sources.first().cloned())
    }
}

fn rename_note(notes: &mut Vec<Note>, what: &str, name: &Name, t: &TypeDef) {
    if let Some(why) = &name.renamed {
        notes.push(Note::new(Code::E0001, format!("{what} is emitted as `{}`: {why}", name.ident), t));
    }
}

fn descendants(types: &BTreeMap<String, &TypeDef>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (q, t) in types {
        if t.kind == TypeKind::Enum {
            continue;
        }
        let bases = codegen_ir::walk_bases(
            *t,
            |t| t as *const TypeDef,
            |t| t.base.as_deref().and_then(|b| types.get(b).copied()),
        );
        for b in bases.into_iter().skip(1) {
            out.entry(b.qualified().into_string()).or_default().insert(q.clone());
        }
    }
    out.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect()
}
