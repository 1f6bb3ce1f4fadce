//! Enum types: one variant per member (serde name kept), and an `Unrecognized` variant that keeps
//! an unknown value and writes it back unchanged, so a newer service never breaks a reader.
//! `unknownFutureValue` is an ordinary member, Graph's evolvable-enum sentinel. Flags enums
//! use the same enum inside `graph_runtime::Flags`, the comma-separated set.

use crate::context::Context;
use crate::naming::{self, Case, Scope};
use crate::{docs, Note};
use codegen_core::diag::Code;
use codegen_ir::TypeDef;
use proc_macro2::TokenStream;
use quote::quote;

/// The variant that keeps unknown values. Not `Other`: Graph enums often have an `other`
/// member, which keeps its natural name this way.
pub const CATCH_ALL: &str = "Unrecognized";

pub fn enum_def(ctx: &Context, t: &TypeDef, notes: &mut Vec<Note>) -> TokenStream {
    let q = t.qualified().into_string();
    let Some(names) = ctx.names.get(&q) else { return quote!() };
    let ident = naming::ident(&names.ident);
    let mut scope = Scope::new(&[CATCH_ALL]);
    let mut seen = std::collections::BTreeSet::new();
    let mut variants = Vec::new();
    let mut to_str = Vec::new();
    let mut from_str = Vec::new();
    let mut known = Vec::new();
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
        let v = name.ident();
        let wire = m.name.as_str();
        let fallback = if m.name == "unknownFutureValue" {
            "Evolvable-enum sentinel: marks the end of the members known when the enum was defined.".to_string()
        } else {
            format!("The `{wire}` value.")
        };
        let doc = docs::doc(&m.description, &fallback);
        variants.push(quote! { #doc #v, });
        to_str.push(quote! { Self::#v => #wire, });
        from_str.push(quote! { #wire => Self::#v, });
        known.push(quote! { Self::#v, });
    }
    // With no members a single-arm match would be a clippy warning.
    let from_body = if from_str.is_empty() {
        quote! { Self::Unrecognized(value.to_owned()) }
    } else {
        quote! {
            match value {
                #(#from_str)*
                other => Self::Unrecognized(other.to_owned()),
            }
        }
    };
    let doc = docs::doc(t.description.as_deref().unwrap_or_default(), &format!("The `{q}` enumeration."));
    let flags_doc = if t.flags {
        quote! {
            #[doc = ""]
            #[doc = " A flags enumeration: properties hold a set of values, see [`graph_runtime::Flags`]."]
        }
    } else {
        quote!()
    };
    let life = crate::lifecycle::attrs(t.deprecated.as_ref(), &t.availability);
    quote! {
        #doc
        #flags_doc
        #life
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ident {
            #(#variants)*
            /// A value this version of the crate does not know, kept as sent.
            Unrecognized(String),
        }

        impl #ident {
            /// Every known value, in docs order.
            pub const KNOWN: &'static [Self] = &[#(#known)*];

            /// The value as it is written in Graph JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unrecognized(value) => value,
                }
            }
        }

        impl From<&str> for #ident {
            fn from(value: &str) -> Self {
                #from_body
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::graph_runtime::GraphEnum for #ident {
            fn as_str(&self) -> &str {
                #ident::as_str(self)
            }
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}
