//! Type references: EDM primitives to the support types of the generated crate, docs types
//! to their model paths.

use crate::context::Context;
use crate::naming::ident;
use codegen_ir::TypeKind;
use proc_macro2::TokenStream;
use quote::quote;

/// The Rust type of an EDM primitive, or `None` for a name that is no primitive.
pub fn primitive(name: &str) -> Option<TokenStream> {
    let t = match name {
        "Edm.String" => quote!(String),
        "Edm.Boolean" => quote!(bool),
        "Edm.Byte" => quote!(u8),
        "Edm.SByte" => quote!(i8),
        "Edm.Int16" => quote!(i16),
        "Edm.Int32" => quote!(i32),
        "Edm.Int64" => quote!(i64),
        "Edm.Single" => quote!(::graph_runtime::Single),
        "Edm.Double" => quote!(::graph_runtime::Double),
        "Edm.Decimal" => quote!(::graph_runtime::Decimal),
        "Edm.DateTimeOffset" => quote!(::graph_runtime::DateTimeOffset),
        "Edm.Date" => quote!(::graph_runtime::Date),
        "Edm.TimeOfDay" => quote!(::graph_runtime::TimeOfDay),
        "Edm.Duration" => quote!(::graph_runtime::Duration),
        "Edm.Guid" => quote!(::graph_runtime::Guid),
        "Edm.Binary" => quote!(::graph_runtime::Binary),
        "Edm.Stream" => quote!(::graph_runtime::Stream),
        "Edm.Untyped" => quote!(::serde_json::Value),
        _ => return None,
    };
    Some(t)
}

/// [`element_in`] from outside the models.
pub fn element(ctx: &Context, type_name: &str) -> Result<(TokenStream, Shape), String> {
    element_in(ctx, type_name, None)
}

/// How a type reference is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A primitive.
    Primitive,
    /// A struct, an enum, a flags set or a polymorphic enum of the models.
    Model,
}

/// The Rust type of one (non-collection) type reference, written from inside the models
/// module `here` (a type of the same module is named without its path); `Err` says why
/// there is none.
pub fn element_in(ctx: &Context, type_name: &str, here: Option<&str>) -> Result<(TokenStream, Shape), String> {
    if let Some(t) = primitive(type_name) {
        return Ok((t, Shape::Primitive));
    }
    if type_name == "microsoft.graph.Json" {
        // Graph's `Json` complex type stands for any JSON value (workbook ranges, ...).
        return Ok((quote!(::serde_json::Value), Shape::Primitive));
    }
    if type_name.starts_with("Edm.") {
        return Err(format!("`{type_name}` is no EDM primitive the generator knows"));
    }
    let (Some(def), Some(names)) = (ctx.types.get(type_name), ctx.names.get(type_name)) else {
        return Err(format!("type `{type_name}` is not documented"));
    };
    let module = ident(&names.module);
    let item = ident(names.any.as_deref().unwrap_or(&names.ident));
    let path = if here == Some(names.module.as_str()) { quote!(#item) } else { quote!(crate::models::#module::#item) };
    if def.kind == TypeKind::Enum && def.flags {
        return Ok((quote!(::graph_runtime::Flags<#path>), Shape::Model));
    }
    Ok((path, Shape::Model))
}

/// The Rust type of a property or parameter, falling back to `serde_json::Value` (with
/// the reason) when the type cannot be resolved.
pub fn field_type(ctx: &Context, owner: &str, type_name: &str, collection: bool) -> (TokenStream, Option<String>) {
    let here = ctx.names.get(owner).map(|n| n.module.as_str());
    let (inner, why) = match element_in(ctx, type_name, here) {
        Ok((t, _)) => {
            let boxed = !collection && ctx.needs_box(owner, type_name);
            (if boxed { quote!(Box<#t>) } else { t }, None)
        }
        Err(why) => (quote!(::serde_json::Value), Some(why)),
    };
    let t = if collection { quote!(Vec<#inner>) } else { inner };
    (t, why)
}
