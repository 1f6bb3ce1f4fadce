//! The `support` module of the generated crate: primitives, flags, collections, the Graph
//! error and the sans-IO request/response helpers. Its source is a template kept in
//! `generator/templates/support.rs`, checked and printed like every emitted file.

use proc_macro2::TokenStream;

/// The template, as written.
pub const TEMPLATE: &str = include_str!("../../templates/support.rs");

/// The support module's tokens.
pub fn support_module() -> Result<TokenStream, syn::Error> {
    let file: syn::File = syn::parse_str(TEMPLATE)?;
    Ok(quote::ToTokens::to_token_stream(&file))
}
