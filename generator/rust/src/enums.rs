//! Enum types: one variant per member (serde name kept), and an `Unrecognized` variant that keeps
//! an unknown value and writes it back unchanged, so a newer service never breaks a reader.
//! `unknownFutureValue` is an ordinary member, Graph's evolvable-enum sentinel. Flags enums
//! use the same enum inside `graph_runtime::Flags`, the comma-separated set.

use crate::context::Context;
use crate::naming::{self, Case, Scope};
use crate::print::Piece;
use crate::syntax::{self, shape, template};
use crate::{docs, Note};
use codegen_core::diag::Code;
use codegen_ir::TypeDef;
use proc_macro2::Ident;
use quote::quote;
use syn::{Expr, ImplItem, Item, Stmt};

/// The variant that keeps unknown values. Not `Other`: Graph enums often have an `other`
/// member, which keeps its natural name this way.
pub const CATCH_ALL: &str = "Unrecognized";

/// The enum of an enumeration type and its impls (`KNOWN` and `as_str`, `From<&str>`,
/// `Display`, `GraphEnum`, `Serialize`, `Deserialize`), built as trees around a template.
pub fn enum_def(ctx: &Context, t: &TypeDef, notes: &mut Vec<Note>) -> Piece {
    let q = t.qualified().into_string();
    let Some(names) = ctx.names.get(&q) else { return Piece::Items(Ok(Vec::new())) };
    let ident = naming::ident(&names.ident);
    let mut scope = Scope::new(&[CATCH_ALL]);
    let mut seen = std::collections::BTreeSet::new();
    let mut members = Vec::new();
    for m in &t.members {
        if !seen.insert(m.name.as_str()) {
            notes.push(Note::new(Code::E0002, format!("member `{}` of `{q}` is listed twice; skipped", m.name), t));
            continue;
        }
        let name = scope.name(&m.name, Case::Camel);
        if let Some(why) = &name.renamed {
            notes.push(Note::new(
                Code::E0001,
                format!("member `{}` of `{q}` is emitted as `{}`: {why}", m.name, name.ident),
                t,
            ));
        }
        let fallback = if m.name == "unknownFutureValue" {
            "Evolvable-enum sentinel: marks the end of the members known when the enum was defined.".to_string()
        } else {
            format!("The `{}` value.", m.name)
        };
        members.push(Member { ident: name.ident(), wire: m.name.as_str(), doc: docs::line(&m.description, &fallback) });
    }
    let mut attrs = vec![syntax::doc(&docs::line(
        t.description.as_deref().unwrap_or_default(),
        &format!("The `{q}` enumeration."),
    ))];
    if t.flags {
        attrs.push(syntax::doc(""));
        attrs.push(syntax::doc(" A flags enumeration: properties hold a set of values, see [`graph_runtime::Flags`]."));
    }
    attrs.extend(syntax::attrs(&crate::lifecycle::attrs(t.deprecated.as_ref(), &t.availability)));
    Piece::Items(items(ident, attrs, &members))
}

/// A member to emit: its variant, its wire name and its doc line.
struct Member<'a> {
    ident: Ident,
    wire: &'a str,
    doc: String,
}

fn items(ident: Ident, attrs: Vec<syn::Attribute>, members: &[Member]) -> syn::Result<Vec<Item>> {
    let file: syn::File = template("enum", || {
        quote! {
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum Type {
                /// A value this version of the crate does not know, kept as sent.
                Unrecognized(String),
            }

            impl Type {
                /// Every known value, in docs order.
                pub const KNOWN: &'static [Self] = &[];

                /// The value as it is written in Graph JSON.
                pub fn as_str(&self) -> &str {
                    match self {
                        Self::Unrecognized(value) => value,
                    }
                }
            }

            impl From<&str> for Type {
                fn from(value: &str) -> Self {
                    match value {
                        other => Self::Unrecognized(other.to_owned()),
                    }
                }
            }

            impl ::std::fmt::Display for Type {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::graph_runtime::GraphEnum for Type {
                fn as_str(&self) -> &str {
                    Type::as_str(self)
                }
            }

            impl ::serde::Serialize for Type {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for Type {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                    Ok(Self::from(value.as_str()))
                }
            }
        }
    })?;
    let mut items = file.items;
    let [Item::Enum(def), Item::Impl(inherent), Item::Impl(from), Item::Impl(_), Item::Impl(graph_enum), ..] =
        items.as_mut_slice()
    else {
        return Err(shape("enum"));
    };
    def.ident = ident.clone();
    def.attrs.splice(0..0, attrs);
    let unknown = std::mem::take(&mut def.variants);
    def.variants = members
        .iter()
        .map(|m| syn::Variant {
            attrs: vec![syntax::doc(&m.doc)],
            ident: m.ident.clone(),
            fields: syn::Fields::Unit,
            discriminant: None,
        })
        .chain(unknown)
        .collect();
    known_and_as_str(inherent, members)?;
    from_str(from, members)?;
    // `GraphEnum::as_str` calls the inherent one by the type's name
    let Some(ImplItem::Fn(f)) = graph_enum.items.first_mut() else { return Err(shape("enum")) };
    let Some(Stmt::Expr(Expr::Call(call), None)) = f.block.stmts.first_mut() else { return Err(shape("enum")) };
    let Expr::Path(func) = &mut *call.func else { return Err(shape("enum")) };
    let Some(first) = func.path.segments.first_mut() else { return Err(shape("enum")) };
    first.ident = ident.clone();
    for item in items.iter_mut().skip(1) {
        let Item::Impl(imp) = item else { return Err(shape("enum")) };
        *imp.self_ty = syntax::named_type(ident.clone());
    }
    Ok(items)
}

/// `Self::Member`.
fn variant(m: &Member) -> Expr {
    Expr::Path(syntax::self_path(m.ident.clone()))
}

/// `KNOWN` lists the members, `as_str` gives each one's wire name.
fn known_and_as_str(inherent: &mut syn::ItemImpl, members: &[Member]) -> syn::Result<()> {
    let [ImplItem::Const(known), ImplItem::Fn(as_str)] = inherent.items.as_mut_slice() else {
        return Err(shape("enum"));
    };
    let Expr::Reference(list) = &mut known.expr else { return Err(shape("enum")) };
    let Expr::Array(list) = &mut *list.expr else { return Err(shape("enum")) };
    list.elems = members.iter().map(variant).collect();
    let Some(Stmt::Expr(Expr::Match(to_str), None)) = as_str.block.stmts.first_mut() else { return Err(shape("enum")) };
    to_str.arms.splice(
        0..0,
        members.iter().map(|m| syntax::arm(syn::Pat::Path(syntax::self_path(m.ident.clone())), syntax::lit(m.wire))),
    );
    Ok(())
}

/// `From<&str>` matches each wire name; with no members a single-arm match would be a
/// clippy warning.
fn from_str(from: &mut syn::ItemImpl, members: &[Member]) -> syn::Result<()> {
    let Some(ImplItem::Fn(from_fn)) = from.items.first_mut() else { return Err(shape("enum")) };
    let Some(Stmt::Expr(body, None)) = from_fn.block.stmts.first_mut() else { return Err(shape("enum")) };
    if members.is_empty() {
        *body = template("enum-from-nothing", || quote!(Self::Unrecognized(value.to_owned())))?;
        return Ok(());
    }
    let Expr::Match(from_str) = body else { return Err(shape("enum")) };
    from_str.arms.splice(0..0, members.iter().map(|m| syntax::arm(syn::Pat::Lit(syntax::lit_str(m.wire)), variant(m))));
    Ok(())
}
