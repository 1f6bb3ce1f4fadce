//! The files of the generated crate: which item goes to which file, the header on every
//! file, and printing with prettyplease. Items are sorted by qualified name or operation
//! id, so the output is byte-identical across runs.

use crate::context::Context;
use crate::manifests::{self, MODELS_DIR};
use crate::naming::{self, Case, Scope};
use crate::print::{self, Pending};
use crate::roundtrip::TestCase;
use crate::{client_tests, dispatch, endpoints, enums, features, models, paths, roundtrip, runtime, shares, Note};
use codegen_core::diag::Code;
use codegen_core::output::GeneratedFile;
use codegen_ir::{Operation, Schema, SourceRef, TypeDef, TypeKind};
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// How the crate is laid out.
#[derive(Debug, Clone)]
pub struct Options {
    /// The package name.
    pub crate_name: String,
    /// Adds an empty `[workspace]` table, for a crate outside any workspace, and vendors the
    /// runtime into `graph-runtime/` beside `src/` ([`runtime`]).
    pub standalone: bool,
    /// Where `graph-runtime` is when the crate is not standalone: relative to the generated
    /// crate (the default, `../generator/runtime`, is right for the workspace's `generated/`)
    /// or absolute.
    pub runtime_path: String,
    /// About how much printed endpoint text goes to each endpoint crate ([`shares`]).
    pub share_bytes: usize,
    /// Writes `[hints] mostly-unused = true` into the models' and endpoint crates' manifests:
    /// with nightly cargo's `-Zprofile-hint-mostly-unused`, their code is generated only where
    /// a dependent uses it; stable cargo warns that it ignores the hint, so it is opt-in.
    pub mostly_unused: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "generated".into(),
            standalone: false,
            runtime_path: "../generator/runtime".into(),
            share_bytes: shares::DEFAULT_SHARE_BYTES,
            mostly_unused: false,
        }
    }
}

/// Every file of the crate, and the notes of what was renamed or left out.
pub fn files(schema: &Schema, options: &Options) -> (Vec<GeneratedFile>, Vec<Note>) {
    let mut notes = Vec::new();
    let mut ctx = Context::new(schema, &mut notes);
    ctx.gates = features::Gates::compute(schema);
    let mut files = Vec::new();

    // Models, one file per namespace; every type emitted and printed on its own thread.
    let types: Vec<(&String, &&TypeDef)> = ctx.types.iter().collect();
    let printed: Vec<(&str, String, Vec<Note>)> = types
        .par_iter()
        .map(|&(q, t)| {
            let mut notes = Vec::new();
            let mut pieces = Vec::new();
            if t.kind == TypeKind::Enum {
                pieces.push(enums::enum_def(&ctx, t, &mut notes));
            } else {
                pieces.extend(models::struct_def(&ctx, t, &mut notes));
                pieces.extend(models::patch_def(&ctx, t, &mut notes));
                if ctx.descendants.contains_key(q) {
                    pieces.push(dispatch::any_enum(&ctx, t, &mut notes).into());
                }
            }
            let pending = Pending {
                label: format!("type `{q}`"),
                source: t.sources.first().cloned(),
                pieces,
                cfg: ctx.gates.type_cfg(q),
            };
            let text = print::item(pending, &mut notes);
            (t.namespace.as_str(), text, notes)
        })
        .collect();
    let mut by_ns: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (ns, text, type_notes) in printed {
        notes.extend(type_notes);
        by_ns.entry(ns).or_default().push(text);
    }
    let mut model_modules = Vec::new();
    for (ns, texts) in by_ns {
        let Some(module) = ctx.modules.get(ns) else { continue };
        let head = print::module_head(&format!("Types of the `{ns}` namespace."));
        let contents = print::file(&head, texts.iter().map(String::as_str));
        files.push(GeneratedFile { path: format!("{MODELS_DIR}/src/models/{module}.rs"), contents });
        model_modules.push(module.clone());
    }
    files.push(GeneratedFile {
        path: format!("{MODELS_DIR}/src/models/mod.rs"),
        contents: print::mod_decls("Models: one module per namespace.", &model_modules),
    });

    // Endpoints, one file per area (first path segment).
    let mut with_area: Vec<(String, &Operation)> = Vec::new();
    let mut operations: Vec<&Operation> = schema.operations.iter().collect();
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    for op in operations {
        match paths::area(op) {
            Some(a) => with_area.push((a, op)),
            None => notes.push(Note::at(
                Code::E0002,
                format!("operation `{}` is not emitted: it has no request path", op.id),
                Some(&SourceRef::file(op.source.as_str())),
            )),
        }
    }
    let by_area = paths::by_area(with_area);
    let mut area_scope = Scope::new(naming::RESERVED_MODULES);
    let mut areas = Vec::new();
    for (area, ops) in by_area {
        let module = area_scope.name(&area, Case::Snake);
        if let Some(why) = &module.renamed {
            notes.push(Note::bare(Code::E0001, format!("endpoint area `{area}` is module `{}`: {why}", module.ident)));
        }
        areas.push((area, module.ident, ops));
    }
    // One area per task: the names within an area are handed out in operation order.
    let printed: Vec<_> = areas
        .par_iter()
        .map(|(_, _, ops)| {
            let mut notes = Vec::new();
            let mut scope = Scope::new(naming::RESERVED_TYPES);
            let mut texts = Vec::new();
            let mut emitted = Vec::new();
            for &op in ops {
                if let Some((pieces, e)) = endpoints::endpoint(&ctx, op, &mut scope, &mut notes) {
                    let pending = Pending {
                        label: format!("operation `{}`", op.id),
                        source: Some(SourceRef::file(op.source.as_str())),
                        pieces,
                        cfg: ctx.gates.op_cfg(&op.id),
                    };
                    texts.push(print::item(pending, &mut notes));
                    emitted.push((op, e));
                }
            }
            (texts, emitted, notes)
        })
        .collect();
    let mut modules = Vec::new();
    let mut cases = Vec::new();
    for ((area, module, _), (items, emitted, area_notes)) in areas.iter().zip(printed) {
        notes.extend(area_notes);
        for (op, e) in emitted {
            cases.push(TestCase {
                op,
                module: module.clone(),
                ident: e.ident,
                has_body: e.has_body,
                has_output: e.has_output,
                params: e.params,
                sample_path: e.sample_path,
                gates: &ctx.gates,
            });
        }
        modules.push(shares::AreaModule { area: area.clone(), module: module.clone(), items });
    }
    let share_count = shares::count(&modules, options.share_bytes);

    if options.standalone {
        files.extend(runtime::vendored_files());
    }
    let deprecated = crate::lifecycle::any(schema);
    let allow_deprecated = if deprecated { quote!(#![allow(deprecated)]) } else { quote!() };
    // the lints every crate's root sets for the generated code
    let lib_attrs = quote! {
        #![warn(missing_docs)]
        #![allow(clippy::large_enum_variant, clippy::too_many_arguments)]
        #![allow(clippy::match_single_binding)]
        #allow_deprecated
    };
    files.extend(shares::files(options, &modules, share_count, &lib_attrs));
    let models_crate = manifests::crate_ident(&manifests::models_package(options));
    let lib: syn::File = syn::parse_quote! {
        //! Typed models and sans-IO endpoints of the Microsoft Graph API, generated from the docs.
        //!
        //! [`models`] holds one module per namespace, [`endpoints`] one request builder per
        //! operation (see [`runtime::Endpoint`]); [`runtime`] is the `graph-runtime` crate the
        //! generated code uses (primitives, errors, retries, paging, and with the `client`
        //! feature the async client). `use` the [`prelude`] for the builders' shared methods
        //! (`header`, `select`, `filter`, `top`, ...) and the `Endpoint` trait.
        #lib_attrs

        #[rustfmt::skip]
        pub mod endpoints;

        pub use ::#models_crate::models;
        pub use ::graph_runtime as runtime;

        /// The traits of the request builders: `use` them all to call `header`,
        /// `options_mut`, the query options a builder documents (`select`, `filter`, `top`,
        /// ...) and `request`.
        pub mod prelude {
            pub use ::graph_runtime::query::*;
            pub use ::graph_runtime::{Endpoint, RequestBuilder};
        }
    };
    files.push(GeneratedFile { path: "src/lib.rs".into(), contents: print(&lib) });
    let models_lib: syn::File = syn::parse_quote! {
        //! The models of the crate beside this folder (which re-exports [`models`]): one module
        //! per namespace. A crate of their own, so that rustc checks them and the endpoints in
        //! processes of their own, each with its own peak memory.
        #lib_attrs

        #[rustfmt::skip]
        pub mod models;
    };
    files.push(GeneratedFile { path: format!("{MODELS_DIR}/src/lib.rs"), contents: print(&models_lib) });
    files.push(GeneratedFile {
        path: format!("{MODELS_DIR}/Cargo.toml"),
        contents: manifests::models_toml(options, &ctx.gates),
    });
    for k in 1..=share_count {
        files.push(GeneratedFile {
            path: format!("{}/Cargo.toml", manifests::endpoints_dir(k)),
            contents: manifests::endpoints_toml(options, &ctx.gates, k, share_count),
        });
    }
    // the two test files side by side, each made and printed on its own thread (tokens stay
    // on the thread that made them)
    let test_file = |label: &str, make: fn(&str, &[TestCase], bool) -> print::TestFile| {
        let mut notes = Vec::new();
        let printed = print::test_file(make(&options.crate_name, &cases, deprecated), label, &mut notes);
        (printed.map_err(|e| Note::bare(Code::E0002, format!("{label} are not emitted: {e}"))), notes)
    };
    let (client, roundtrip) = rayon::join(
        || test_file("the client example tests", client_tests::tests),
        || test_file("the round-trip tests", roundtrip::tests),
    );
    for (path, (printed, file_notes)) in [("tests/client_examples.rs", client), ("tests/roundtrip.rs", roundtrip)] {
        notes.extend(file_notes);
        match printed {
            Ok(contents) => files.push(GeneratedFile { path: path.into(), contents }),
            Err(note) => notes.push(note),
        }
    }
    files.push(GeneratedFile {
        path: "Cargo.toml".into(),
        contents: manifests::main_toml(options, &ctx.gates, share_count),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, notes)
}

/// Prints a Rust file with the header, and a blank line between top-level items.
fn print(file: &syn::File) -> String {
    print::file(file, std::iter::empty())
}
