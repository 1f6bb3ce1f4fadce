//! The option methods of a request builder: typed OData query options (`$select`,
//! `$filter`, `$top`, ...), query parameters and documented request headers.

use crate::docs;
use crate::naming::{Case, Scope};
use crate::note_rename;
use crate::Note;
use codegen_ir::{Operation, ParamLocation, SourceRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Methods every builder has, or may have for the system query options.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "header",
    "options_mut",
    "prefer",
    "consistency_level",
    "select",
    "expand",
    "filter",
    "orderby",
    "top",
    "skip",
    "count",
    "search",
];

/// The option methods of the builder of `op`: its system query options as impls of the
/// runtime's `query` traits (`impl Select for ListUsers {}`), whose methods are written
/// once in the runtime, and its query parameters and documented headers as inherent methods.
pub struct Methods {
    /// `impl ::graph_runtime::query::X for #builder {}`, one per documented option.
    pub traits: Vec<TokenStream>,
    /// Methods of the builder's inherent `impl`.
    pub inherent: Vec<TokenStream>,
    /// The system query options that have a trait impl, as written on the wire (`$select`).
    pub query_options: Vec<String>,
}

/// Every option method of the builder `builder` of `op`.
pub fn methods(op: &Operation, builder: &syn::Ident, notes: &mut Vec<Note>) -> Methods {
    let mut methods = Vec::new();
    let mut options: Vec<String> = op.query_options.iter().map(|o| normalize(o)).collect();
    if options.is_empty() && op.method == codegen_ir::HttpMethod::Get {
        options = vec!["$select".into(), "$expand".into()];
    }
    options.sort();
    options.dedup();
    // a fixed query (`$filter=kindId eq {kindId}`) is sent already; no method sets it again
    let mut traits = Vec::new();
    let mut query_options = Vec::new();
    for o in options.iter().filter(|o| !crate::query::is_fixed(op, o)) {
        if let Some(t) = query_trait(o) {
            traits.push(quote! { impl ::graph_runtime::query::#t for #builder {} });
            query_options.push(o.clone());
        }
    }
    let mut method_scope = Scope::new(RESERVED_METHODS);
    let mut seen_params = std::collections::BTreeSet::new();
    // the constructor takes the required ones
    let required = crate::query::required(op);
    for p in op.parameters.iter().filter(|p| p.location == ParamLocation::Query) {
        if required.iter().any(|r| r.name == p.name) {
            continue;
        }
        if !seen_params.insert(p.name.as_str()) {
            continue;
        }
        let m = method_scope.name(&p.name, Case::Snake);
        note_rename(
            notes,
            &format!("query parameter `{}` of `{}`", p.name, op.id),
            &m,
            Some(&SourceRef::file(op.source.as_str())),
        );
        let mi = m.ident();
        let doc = docs::doc(&p.description, &format!("Sets the `{}` query parameter.", p.name));
        let wire = p.name.as_str();
        methods.push(quote! {
            #doc
            pub fn #mi(mut self, value: impl Into<String>) -> Self {
                self.options.extra_query.push((#wire.to_owned(), value.into()));
                self
            }
        });
    }
    let mut seen_headers = std::collections::BTreeSet::new();
    for h in &op.headers {
        let lower = h.name.trim().to_ascii_lowercase();
        if lower.is_empty() || matches!(lower.as_str(), "authorization" | "content-type" | "content-length") {
            continue;
        }
        if !seen_headers.insert(lower.clone()) {
            // A header documented twice (once per preference, say) gets one method.
            continue;
        }
        // cleaned before it is joined: cleaning trims, which would take the space after the sentence before it
        let hint = if h.value.trim().is_empty() {
            String::new()
        } else {
            format!(" Documented value: {}", docs::clean(&h.value))
        };
        let required = if h.required { " Required by the service." } else { "" };
        if lower == "prefer" {
            let doc = format!(" Adds a preference to the `Prefer` request header.{required}{hint}");
            methods.push(quote! {
                #[doc = #doc]
                pub fn prefer(mut self, preference: ::graph_runtime::Preference) -> Self {
                    self.options.prefer(preference);
                    self
                }
            });
            continue;
        }
        if lower == "consistencylevel" {
            let doc = format!(" Sets the `ConsistencyLevel` request header.{required}{hint}");
            methods.push(quote! {
                #[doc = #doc]
                pub fn consistency_level(mut self, level: ::graph_runtime::ConsistencyLevel) -> Self {
                    self.options.consistency_level = Some(level);
                    self
                }
            });
            continue;
        }
        let m = method_scope.name(&h.name, Case::Snake);
        note_rename(
            notes,
            &format!("header `{}` of `{}`", h.name, op.id),
            &m,
            Some(&SourceRef::file(op.source.as_str())),
        );
        let mi = m.ident();
        let doc = format!(" Sets the `{}` request header.{required}{hint}", docs::code(&h.name));
        let wire = h.name.trim();
        methods.push(quote! {
            #[doc = #doc]
            pub fn #mi(self, value: impl Into<String>) -> Self {
                ::graph_runtime::RequestBuilder::header(self, #wire, value)
            }
        });
    }

    Methods { traits, inherent: methods, query_options }
}

/// `select`, `$SELECT`, ` $select ` -> `$select`.
fn normalize(option: &str) -> String {
    let o = option.trim().to_ascii_lowercase();
    if o.starts_with('$') {
        o
    } else {
        format!("${o}")
    }
}

/// The runtime's trait of one system query option (`$select` -> `Select`); `None` for others.
fn query_trait(option: &str) -> Option<syn::Ident> {
    let name = match option {
        "$select" => "Select",
        "$expand" => "Expand",
        "$orderby" => "OrderBy",
        "$filter" => "Filter",
        "$search" => "Search",
        "$top" => "Top",
        "$skip" => "Skip",
        "$count" => "Count",
        _ => return None,
    };
    Some(format_ident!("{name}"))
}
