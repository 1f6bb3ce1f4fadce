//! Deprecation and availability of an item: `#[deprecated = "..."]` on the models and
//! builders the docs say are deprecated, and a doc line naming the national clouds they
//! are available in. Generated code that uses its own deprecated items allows the lint
//! (the crate root and the generated tests), so only the crate's users are warned.

use crate::docs;
use codegen_ir::{cloud_name, Deprecation, Schema};
use proc_macro2::TokenStream;
use quote::quote;

/// The attributes to put after an item's doc line.
pub fn attrs(deprecated: Option<&Deprecation>, availability: &[String]) -> TokenStream {
    let mut out = TokenStream::new();
    if !availability.is_empty() {
        let names: Vec<&str> = availability.iter().map(|c| cloud_name(c)).collect();
        let line = format!(" Available in {}.", docs::clean(&names.join(", ")));
        out.extend(quote! { #[doc = ""] #[doc = #line] });
    }
    if let Some(d) = deprecated {
        let note = docs::clean(&d.note());
        out.extend(quote! { #[deprecated = #note] });
    }
    out
}

/// True when some type or operation of the schema is deprecated: the generated crate and
/// its tests then allow the `deprecated` lint for their own uses.
pub fn any(schema: &Schema) -> bool {
    schema.types.iter().any(|t| t.deprecated.is_some()) || schema.operations.iter().any(|o| o.deprecated.is_some())
}
