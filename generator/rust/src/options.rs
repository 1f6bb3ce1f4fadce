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

/// Every option method of the builder of `op`.
pub fn methods(op: &Operation, notes: &mut Vec<Note>) -> Vec<TokenStream> {
    let mut methods = Vec::new();
    let mut options: Vec<String> = op.query_options.iter().map(|o| normalize(o)).collect();
    if options.is_empty() && op.method == codegen_ir::HttpMethod::Get {
        options = vec!["$select".into(), "$expand".into()];
    }
    options.sort();
    options.dedup();
    // a fixed query (`$filter=kindId eq {kindId}`) is sent already; no method sets it again
    for o in options.iter().filter(|o| !crate::query::is_fixed(op, o)) {
        methods.push(query_method(o));
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
                self.header(#wire, value)
            }
        });
    }

    methods
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

/// The builder method of one system query option (`$select`, ...); nothing for others.
pub fn query_method(option: &str) -> TokenStream {
    let list = |name: &str, doc: &str| {
        let f = format_ident!("{name}");
        let doc = format!(" Sets `{option}`: {doc}");
        quote! {
            #[doc = #doc]
            pub fn #f<I, S>(mut self, items: I) -> Self
            where
                I: IntoIterator<Item = S>,
                S: Into<String>,
            {
                self.options.query.#f = items.into_iter().map(Into::into).collect();
                self
            }
        }
    };
    let text = |name: &str, doc: &str| {
        let f = format_ident!("{name}");
        let doc = format!(" Sets `{option}`: {doc}");
        quote! {
            #[doc = #doc]
            pub fn #f(mut self, value: impl Into<String>) -> Self {
                self.options.query.#f = Some(value.into());
                self
            }
        }
    };
    let number = |name: &str, ty: TokenStream, doc: &str| {
        let f = format_ident!("{name}");
        let doc = format!(" Sets `{option}`: {doc}");
        quote! {
            #[doc = #doc]
            pub fn #f(mut self, value: #ty) -> Self {
                self.options.query.#f = Some(value);
                self
            }
        }
    };
    match option {
        "$select" => list("select", "the properties to return."),
        "$expand" => list("expand", "the relationships to expand."),
        "$orderby" => list("orderby", "the sort order."),
        "$filter" => text("filter", "a filter expression."),
        "$search" => text("search", "a search expression."),
        "$top" => number("top", quote!(u32), "the page size."),
        "$skip" => number("skip", quote!(u32), "how many items to skip."),
        "$count" => number("count", quote!(bool), "whether to return the total count."),
        _ => quote!(),
    }
}
