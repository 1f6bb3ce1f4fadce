//! The JSON form and `Debug` of generated structs (models, update structs, action bodies):
//! `Deserialize` written out as one call per field into the runtime's `ObjectReader`, and
//! the fields listed once for the runtime's `ObjectFields`, through which `Serialize` and
//! `Debug` go (`write_fields`, `debug_fields`), instead of serde's derive and a derived
//! `Debug`; neither is generic over the (de)serializer, so each call is checked against one
//! concrete type. Optional fields return no `Result` (the reader
//! and writer keep the first fault), so no field needs an error conversion checked.
//!
//! Measured on the v1.0 reference (`-Zmacro-stats`, 1,334 structs): the derived `Deserialize`
//! of a struct with a flattened map expanded to 435 lines on average, 580,744 lines in all,
//! more than the crate's own 306,362; the derived `Serialize` to 62. The calls below are one
//! line per field, and the wire format is the same: optional fields left out when absent,
//! fields in declaration order, then the extra properties.
//!
//! Both impls are built as trees ([`crate::syntax`]): their fixed parts parsed once per
//! thread, a field's call made directly.

use crate::models::Field;
use crate::syntax::{self, shape, template};
use proc_macro2::Ident;
use quote::quote;
use syn::{Expr, FieldValue, ImplItem, Item, ItemImpl, Member, Stmt};

/// Whether the struct carries the `@odata.type` tag as its `odata_type` field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Field,
    None,
}

/// The `Deserialize` and `Serialize` impls of struct `ident`: its `fields`, the tag as `tag`
/// says, and its map of extra properties, the field `additional`.
pub fn object(ident: &Ident, fields: &[Field], tag: Tag) -> syn::Result<Vec<Item>> {
    let mut items = vec![Item::Impl(read(ident, fields, tag)?)];
    items.extend(write(ident, fields, tag)?);
    Ok(items)
}

fn read(ident: &Ident, fields: &[Field], tag: Tag) -> syn::Result<ItemImpl> {
    let mut imp: ItemImpl = template("object-read", || {
        quote! {
            impl<'de> ::serde::Deserialize<'de> for Type {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let mut object = ::graph_runtime::ObjectReader::read(deserializer)?;
                    let value = Self {
                        additional: object.rest(),
                    };
                    object.finish(value)
                }
            }
        }
    })?;
    *imp.self_ty = syntax::named_type(ident.clone());
    let mut reads = Vec::with_capacity(fields.len() + 2);
    if tag == Tag::Field {
        reads.push(read_field(Vec::new(), syntax::ident("odata_type"), "@odata.type", false)?);
    }
    for f in fields {
        reads.push(read_field(f.gate_attrs.clone(), f.ident.clone(), &f.wire, f.required)?);
    }
    let Some(Expr::Struct(value)) = first_fn(&mut imp).and_then(|stmts| stmts.get_mut(1)).and_then(|s| match s {
        Stmt::Local(local) => local.init.as_mut().map(|init| &mut *init.expr),
        _ => None,
    }) else {
        return Err(shape("object-read"));
    };
    reads.extend(std::mem::take(&mut value.fields));
    value.fields = reads.into_iter().collect();
    Ok(imp)
}

/// `name: object.optional("wire"),` or, for a required field,
/// `name: object.required::<_, D::Error>("wire")?,`.
fn read_field(attrs: Vec<syn::Attribute>, name: Ident, wire: &str, required: bool) -> syn::Result<FieldValue> {
    let expr = if required {
        let mut expr: Expr = template("object-read-required", || quote!(object.required::<_, D::Error>("")?))?;
        let Expr::Try(t) = &mut expr else { return Err(shape("object-read-required")) };
        let Expr::MethodCall(call) = &mut *t.expr else { return Err(shape("object-read-required")) };
        call.args = std::iter::once(syntax::lit(wire)).collect();
        expr
    } else {
        syntax::call(syntax::var("object"), "optional", [syntax::lit(wire)])
    };
    Ok(FieldValue { attrs, member: Member::Named(name), colon_token: Some(Default::default()), expr })
}

/// `Serialize` and `Debug` through the runtime, and `ObjectFields` listing every field.
fn write(ident: &Ident, fields: &[Field], tag: Tag) -> syn::Result<Vec<Item>> {
    let file: syn::File = template("object-write", || {
        quote! {
            impl ::serde::Serialize for Type {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    ::graph_runtime::write_fields(serializer, self)
                }
            }

            impl ::std::fmt::Debug for Type {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    ::graph_runtime::debug_fields(f, "Type", self)
                }
            }

            impl ::graph_runtime::ObjectFields for Type {
                fn fields(&self, object: &mut ::graph_runtime::FieldVisitor<'_>) {
                    object.rest("additional", &self.additional);
                }
            }
        }
    })?;
    let mut items = file.items;
    let [Item::Impl(_), Item::Impl(debug), Item::Impl(visit)] = items.as_mut_slice() else {
        return Err(shape("object-write"));
    };
    // the name `Debug` prints
    let Some(Stmt::Expr(Expr::Call(call), None)) = first_fn(debug).and_then(|stmts| stmts.first_mut()) else {
        return Err(shape("object-write"));
    };
    let Some(name) = call.args.iter_mut().nth(1) else { return Err(shape("object-write")) };
    *name = syntax::lit(&field_name(ident));
    let Some(stmts) = first_fn(visit) else { return Err(shape("object-write")) };
    let rest = std::mem::take(stmts);
    if tag == Tag::Field {
        stmts.push(visit_field(Vec::new(), syntax::ident("odata_type"), "@odata.type", false));
    }
    for f in fields {
        stmts.push(visit_field(f.gate_attrs.clone(), f.ident.clone(), &f.wire, f.required));
    }
    stmts.extend(rest);
    for item in &mut items {
        if let Item::Impl(imp) = item {
            *imp.self_ty = syntax::named_type(ident.clone());
        }
    }
    Ok(items)
}

/// `object.optional("name", "wire", &self.name);` (`required` for a required field).
fn visit_field(attrs: Vec<syn::Attribute>, name: Ident, wire: &str, required: bool) -> Stmt {
    let method = if required { "required" } else { "optional" };
    let rust_name = syntax::lit(&field_name(&name));
    let value = syntax::borrow(syntax::member(syntax::var("self"), name));
    syntax::call_statement(attrs, syntax::var("object"), method, [rust_name, syntax::lit(wire), value])
}

/// The name a derived `Debug` prints for an identifier: without `r#`.
fn field_name(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_string).unwrap_or(text)
}

/// The statements of the impl's first function.
fn first_fn(imp: &mut ItemImpl) -> Option<&mut Vec<Stmt>> {
    match imp.items.first_mut()? {
        ImplItem::Fn(f) => Some(&mut f.block.stmts),
        _ => None,
    }
}
