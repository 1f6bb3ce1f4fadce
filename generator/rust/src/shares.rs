//! The endpoints dealt into crates of their own. Once the models are checked, cargo checks
//! the endpoint crates side by side (one rustc each, each with its own peak memory), where one
//! crate would be one rustc on one core. The endpoints are dealt round-robin in operation
//! order across all areas, so any set of area features is spread evenly too; the main crate
//! puts each area's module back together from its shares (`pub use ::<share>::endpoints::<m>::*`),
//! so the paths are `<name>::endpoints::<area>::<Builder>` whatever the number of shares.

use crate::layout::Options;
use crate::manifests::{self, crate_ident};
use crate::{naming, print};
use codegen_core::output::GeneratedFile;
use proc_macro2::TokenStream;

/// Printed endpoint text per endpoint crate, by default: the v1.0 reference (6.5 MB of
/// endpoints) makes two crates, the beta reference (16 MB) four, a small docs tree one.
pub const DEFAULT_SHARE_BYTES: usize = 4_000_000;

/// At most this many endpoint crates, however large the docs.
const MAX_SHARES: usize = 8;

/// One area's endpoints, printed.
pub struct AreaModule {
    /// The area (first path segment) as the docs spell it.
    pub area: String,
    /// The module's name.
    pub module: String,
    /// Each endpoint's printed text, in operation order.
    pub items: Vec<String>,
}

/// How many endpoint crates `modules` make, at about `share_bytes` of text each.
pub fn count(modules: &[AreaModule], share_bytes: usize) -> usize {
    let items: usize = modules.iter().map(|m| m.items.len()).sum();
    let bytes: usize = modules.iter().flat_map(|m| &m.items).map(String::len).sum();
    bytes.div_ceil(share_bytes.max(1)).clamp(1, MAX_SHARES.min(items.max(1)))
}

fn area_doc(area: &str) -> String {
    format!("Endpoints under `/{area}`.")
}

/// The files of `shares` endpoint crates and the main crate's `src/endpoints.rs`.
pub fn files(options: &Options, modules: &[AreaModule], shares: usize, lib_attrs: &TokenStream) -> Vec<GeneratedFile> {
    let shares = shares.max(1);
    // per share, per module (in module order): that share's items of the module
    let mut dealt: Vec<Vec<(usize, Vec<&str>)>> = vec![Vec::new(); shares];
    let mut next = 0;
    for (m, module) in modules.iter().enumerate() {
        for item in &module.items {
            let share = &mut dealt[next % shares];
            match share.last_mut() {
                Some((last, items)) if *last == m => items.push(item),
                _ => share.push((m, vec![item])),
            }
            next += 1;
        }
    }
    let mut files = Vec::new();
    // which shares hold each module
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); modules.len()];
    for (s, share) in dealt.iter().enumerate() {
        let k = s + 1;
        let dir = manifests::endpoints_dir(k);
        let mut names = Vec::new();
        for (m, items) in share {
            let module = &modules[*m];
            let head = print::module_head(&area_doc(&module.area));
            files.push(GeneratedFile {
                path: format!("{dir}/src/endpoints/{}.rs", module.module),
                contents: print::file(&head, items.iter().copied()),
            });
            holders[*m].push(k);
            names.push(module.module.clone());
        }
        let doc = format!("Share {k} of {shares} of the endpoints, one module per area.");
        files.push(GeneratedFile {
            path: format!("{dir}/src/endpoints/mod.rs"),
            contents: print::mod_decls(&doc, &names),
        });
        files.push(GeneratedFile {
            path: format!("{dir}/src/lib.rs"),
            contents: share_lib(options, k, shares, lib_attrs),
        });
    }
    files.push(GeneratedFile { path: "src/endpoints.rs".into(), contents: facade(options, modules, &holders) });
    files
}

/// An endpoint crate's root: the models under their usual path, `crate::models`.
fn share_lib(options: &Options, k: usize, shares: usize, lib_attrs: &TokenStream) -> String {
    let doc = format!(
        " Share {k} of {shares} of the endpoints of `{}`, which re-exports them as its `endpoints` module.",
        options.crate_name
    );
    let models = crate_ident(&manifests::models_package(options));
    let file: syn::File = syn::parse_quote! {
        #![doc = #doc]
        #lib_attrs

        #[allow(unused_imports)]
        use ::#models::models;

        #[rustfmt::skip]
        pub mod endpoints;
    };
    print::file(&file, std::iter::empty())
}

/// The main crate's `endpoints` module: every area's module, gathered from its shares.
fn facade(options: &Options, modules: &[AreaModule], holders: &[Vec<usize>]) -> String {
    let mods = modules.iter().zip(holders).map(|(module, shares)| {
        let ident = naming::ident(&module.module);
        let doc = format!(" {}", area_doc(&module.area));
        let uses = shares.iter().map(|&k| {
            let share = crate_ident(&manifests::endpoints_package(options, k));
            quote::quote!(pub use ::#share::endpoints::#ident::*;)
        });
        quote::quote! {
            pub mod #ident {
                #![doc = #doc]
                #(#uses)*
            }
        }
    });
    // a share's module holds nothing when the features leave out all its builders
    let file: syn::File = syn::parse_quote! {
        //! Request builders and response decoders, one module per area.
        #![allow(unused_imports)]
        #(#mods)*
    };
    print::file(&file, std::iter::empty())
}
