//! Polymorphism: a base type with derived types gets an `Any<Base>` enum that reads the
//! `@odata.type` tag and deserializes into the derived struct it names; data with no tag,
//! or a tag of no known type, lands in the `Other` variant with the base data.

use crate::context::Context;
use crate::naming::{self, Case, Scope};
use crate::Note;
use codegen_core::diag::Code;
use codegen_ir::TypeDef;
use proc_macro2::TokenStream;
use quote::quote;

pub fn any_enum(ctx: &Context, base: &TypeDef, notes: &mut Vec<Note>) -> TokenStream {
    let q = base.qualified().into_string();
    let (Some(names), Some(derived)) = (ctx.names.get(&q), ctx.descendants.get(&q)) else { return quote!() };
    let Some(any) = names.any.as_deref() else { return quote!() };
    let any = naming::ident(any);
    let base_ident = naming::ident(&names.ident);
    let mut members: Vec<&str> = Vec::new();
    if !base.is_abstract {
        members.push(&q);
    }
    members.extend(derived.iter().map(String::as_str));
    let mut scope = Scope::new(&["Other"]);
    let mut variants = Vec::new();
    let mut ser = Vec::new();
    let mut de = Vec::new();
    let mut tags = Vec::new();
    for member in members {
        let (Some(n), Some(def)) = (ctx.names.get(member), ctx.types.get(member)) else { continue };
        if def.kind == codegen_ir::TypeKind::Enum {
            continue;
        }
        let v = scope.name(&n.ident, Case::Camel);
        if let Some(why) = &v.renamed {
            notes.push(Note::new(
                Code::E0001,
                format!("variant for `{member}` in the enum of `{q}` is `{}`: {why}", v.ident),
                base,
            ));
        }
        let v = v.ident();
        let module = naming::ident(&n.module);
        let ty = naming::ident(&n.ident);
        let doc = format!(" A `{member}`.");
        let tag = format!("#{member}");
        let path = if n.module == names.module { quote!(#ty) } else { quote!(crate::models::#module::#ty) };
        // A derived type of another area is a variant only with that area's feature.
        let gate = ctx.gates.ref_cfg(&q, member);
        variants.push(quote! { #gate #[doc = #doc] #v(Box<#path>), });
        ser.push(
            quote! { #gate Self::#v(value) => crate::support::serialize_tagged(value.as_ref(), #tag, serializer), },
        );
        de.push(quote! { #gate Some(#member) => crate::support::from_value(value).map(Self::#v), });
        tags.push(quote! { #gate Self::#v(_) => Some(#member), });
    }
    let doc = format!(" A `{q}` or any type derived from it, told apart by `@odata.type`.");
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #any {
            #(#variants)*
            /// Data with no `@odata.type`, or one naming no known type: the base data.
            Other(Box<#base_ident>),
        }

        impl #any {
            /// The qualified type name of the variant (no `#`), `None` for [`Self::Other`].
            pub fn odata_type(&self) -> Option<&'static str> {
                match self {
                    #(#tags)*
                    Self::Other(_) => None,
                }
            }
        }

        impl ::serde::Serialize for #any {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#ser)*
                    Self::Other(value) => ::serde::Serialize::serialize(value.as_ref(), serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #any {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match crate::support::odata_tag(&value).as_deref() {
                    #(#de)*
                    _ => crate::support::from_value(value).map(Self::Other),
                }
            }
        }
    }
}
