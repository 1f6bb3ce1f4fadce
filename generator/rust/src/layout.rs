//! The files of the generated crate: which item goes to which file, the header on every
//! file, and printing with prettyplease. Items are sorted by qualified name or operation
//! id, so the output is byte-identical across runs.

use crate::context::Context;
use crate::naming::{self, Case, Scope};
use crate::roundtrip::TestCase;
use crate::{dispatch, endpoints, enums, features, models, paths, roundtrip, support, Note};
use codegen_core::diag::Code;
use codegen_core::output::{GeneratedFile, HEADER};
use codegen_ir::{Operation, Schema, SourceRef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// How the crate is laid out.
#[derive(Debug, Clone)]
pub struct Options {
    /// The package name.
    pub crate_name: String,
    /// Adds an empty `[workspace]` table, for a crate outside any workspace.
    pub standalone: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { crate_name: "generated".into(), standalone: false }
    }
}

/// An item to print: what it is (for messages), its docs source, its tokens, and the
/// `#[cfg]` of its feature (or nothing).
type Pending = (String, Option<SourceRef>, TokenStream, TokenStream);

/// Prints a Rust file with the header, and a blank line between top-level items.
fn print(file: &syn::File) -> String {
    let body = prettyplease::unparse(file);
    let mut out = format!("// {HEADER}\n\n");
    let mut prev = "";
    for line in body.lines() {
        let starts_item = !line.starts_with([' ', '}', ')', ']']) && !line.is_empty();
        let after_item = prev == "}" || prev.ends_with(';') && !prev.starts_with(' ') || prev.starts_with("//!");
        if starts_item && after_item && !line.starts_with("//!") {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev = line;
    }
    out
}

/// Parses `items` one by one: an item whose tokens do not form valid Rust is left out with
/// an E0002 note (a generator bug, never a reason to lose the rest of the file).
fn collect(items: Vec<Pending>, notes: &mut Vec<Note>) -> Vec<syn::Item> {
    let mut out = Vec::new();
    for (label, source, tokens, cfg) in items {
        match syn::parse2::<syn::File>(tokens) {
            Ok(mut f) => {
                features::gate_items(&mut f.items, &cfg);
                out.extend(f.items)
            }
            Err(e) => notes.push(Note::at(Code::E0002, format!("{label} is not emitted: {e}"), source.as_ref())),
        }
    }
    out
}

fn module_file(doc: &str, items: Vec<syn::Item>) -> syn::File {
    let doc = format!(" {doc}");
    let attrs: syn::File = syn::parse_quote! { #![doc = #doc] };
    syn::File { shebang: None, attrs: attrs.attrs, items }
}

fn mod_decls(doc: &str, modules: &[String]) -> syn::File {
    let idents = modules.iter().map(|m| naming::ident(m));
    let doc = format!(" {doc}");
    syn::parse_quote! {
        #![doc = #doc]
        #(pub mod #idents;)*
    }
}

/// Every file of the crate, and the notes of what was renamed or left out.
pub fn files(schema: &Schema, options: &Options) -> (Vec<GeneratedFile>, Vec<Note>) {
    let mut notes = Vec::new();
    let mut ctx = Context::new(schema, &mut notes);
    ctx.gates = features::Gates::compute(schema);
    let mut files = Vec::new();

    // Models, one file per namespace.
    let mut by_ns: BTreeMap<&str, Vec<Pending>> = BTreeMap::new();
    for (q, t) in &ctx.types {
        let mut items = Vec::new();
        if t.kind == TypeKind::Enum {
            items.push(enums::enum_def(&ctx, t, &mut notes));
        } else {
            items.push(models::struct_def(&ctx, t, &mut notes));
            if ctx.descendants.contains_key(q) {
                items.push(dispatch::any_enum(&ctx, t, &mut notes));
            }
        }
        let tokens = quote!(#(#items)*);
        by_ns.entry(t.namespace.as_str()).or_default().push((
            format!("type `{q}`"),
            t.sources.first().cloned(),
            tokens,
            ctx.gates.type_cfg(q),
        ));
    }
    let mut model_modules = Vec::new();
    for (ns, items) in by_ns {
        let Some(module) = ctx.modules.get(ns) else { continue };
        let items = collect(items, &mut notes);
        let file = module_file(&format!("Types of the `{ns}` namespace."), items);
        files.push(GeneratedFile { path: format!("src/models/{module}.rs"), contents: print(&file) });
        model_modules.push(module.clone());
    }
    files.push(GeneratedFile {
        path: "src/models/mod.rs".into(),
        contents: print(&mod_decls("Models: one module per namespace.", &model_modules)),
    });

    // Endpoints, one file per area (first path segment).
    let mut by_area: BTreeMap<String, Vec<&Operation>> = BTreeMap::new();
    let mut operations: Vec<&Operation> = schema.operations.iter().collect();
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    for op in operations {
        match paths::area(op) {
            Some(a) => by_area.entry(a).or_default().push(op),
            None => notes.push(Note::at(
                Code::E0002,
                format!("operation `{}` is not emitted: it has no request path", op.id),
                Some(&SourceRef::file(op.source.as_str())),
            )),
        }
    }
    let mut area_scope = Scope::new(naming::RESERVED_MODULES);
    let mut area_modules = Vec::new();
    let mut cases = Vec::new();
    for (area, ops) in by_area {
        let module = area_scope.name(&area, Case::Snake);
        if let Some(why) = &module.renamed {
            notes.push(Note::bare(Code::E0001, format!("endpoint area `{area}` is module `{}`: {why}", module.ident)));
        }
        let mut scope = Scope::new(naming::RESERVED_TYPES);
        let mut items = Vec::new();
        let mut emitted = Vec::new();
        for op in ops {
            if let Some((tokens, e)) = endpoints::endpoint(&ctx, op, &mut scope, &mut notes) {
                items.push((
                    format!("operation `{}`", op.id),
                    Some(SourceRef::file(op.source.as_str())),
                    tokens,
                    ctx.gates.op_cfg(&op.id),
                ));
                emitted.push((op, e));
            }
        }
        let items = collect(items, &mut notes);
        let file = module_file(&format!("Endpoints under `/{area}`."), items);
        files.push(GeneratedFile { path: format!("src/endpoints/{}.rs", module.ident), contents: print(&file) });
        for (op, e) in emitted {
            cases.push(TestCase {
                op,
                module: module.ident.clone(),
                ident: e.ident,
                has_body: e.has_body,
                has_output: e.has_output,
                gates: &ctx.gates,
            });
        }
        area_modules.push(module.ident);
    }
    files.push(GeneratedFile {
        path: "src/endpoints/mod.rs".into(),
        contents: print(&mod_decls("Request builders and response decoders, one module per area.", &area_modules)),
    });

    for (name, parsed) in support::support_files() {
        match parsed {
            Ok(file) => files.push(GeneratedFile { path: format!("src/support/{name}"), contents: print(&file) }),
            Err(e) => notes.push(Note::bare(Code::E0002, format!("support file `{name}` is not emitted: {e}"))),
        }
    }
    let lib: syn::File = syn::parse_quote! {
        //! Typed models and sans-IO endpoints of the Microsoft Graph API, generated from the docs.
        //!
        //! [`models`] holds one module per namespace, [`endpoints`] one request builder per
        //! operation (see [`support::Endpoint`]), [`support`] the primitive and helper types.
        #![warn(missing_docs)]
        #![allow(clippy::large_enum_variant, clippy::too_many_arguments)]
        #![allow(clippy::match_single_binding)]

        #[rustfmt::skip]
        pub mod endpoints;
        #[rustfmt::skip]
        pub mod models;
        #[rustfmt::skip]
        pub mod support;
    };
    files.push(GeneratedFile { path: "src/lib.rs".into(), contents: print(&lib) });
    match syn::parse2::<syn::File>(roundtrip::tests(&options.crate_name, &cases)) {
        Ok(file) => files.push(GeneratedFile { path: "tests/roundtrip.rs".into(), contents: print(&file) }),
        Err(e) => notes.push(Note::bare(Code::E0002, format!("the round-trip tests are not emitted: {e}"))),
    }
    files.push(GeneratedFile { path: "Cargo.toml".into(), contents: cargo_toml(options, &ctx.gates) });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, notes)
}

fn cargo_toml(options: &Options, gates: &features::Gates) -> String {
    let workspace = if options.standalone { "\n[workspace]\n" } else { "" };
    format!(
        r#"# {HEADER}
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
license = "MIT"
publish = false
description = "Typed models and sans-IO endpoints generated from Graph-format docs by `cargo xtask gen`."

[dependencies]
base64 = "0.22"
http = "1"
iso8601 = "0.6"
percent-encoding = "2"
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
time = {{ version = "0.3", features = ["parsing", "formatting", "macros"] }}
uuid = {{ version = "1", features = ["serde"] }}

{features}{workspace}"#,
        name = options.crate_name,
        features = gates.cargo_features()
    )
}
