//! The JSON form of generated structs (models, update structs, action bodies): `Deserialize`
//! and `Serialize` written out as one call per field into the runtime's `ObjectReader` and
//! `ObjectWriter` (inside `write_object`), instead of serde's derive; neither is generic over
//! the (de)serializer, so each call is checked against one concrete type. Optional fields return no `Result` (the reader
//! and writer keep the first fault), so no field needs an error conversion checked.
//!
//! Measured on the v1.0 reference (`-Zmacro-stats`, 1,334 structs): the derived `Deserialize`
//! of a struct with a flattened map expanded to 435 lines on average, 580,744 lines in all,
//! more than the crate's own 306,362; the derived `Serialize` to 62. The calls below are one
//! line per field, and the wire format is the same: optional fields left out when absent,
//! fields in declaration order, then the extra properties.

use crate::models::Field;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Whether the struct carries the `@odata.type` tag as its `odata_type` field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Field,
    None,
}

/// The `Deserialize` and `Serialize` impls of struct `ident`: its `fields`, the tag as `tag`
/// says, and its map of extra properties, the field `additional`.
pub fn object(ident: &Ident, fields: &[Field], tag: Tag) -> TokenStream {
    let reads = fields.iter().map(|f| {
        let (gate, i, wire) = (&f.gate, &f.ident, &f.wire);
        if f.required {
            quote!(#gate #i: object.required::<_, D::Error>(#wire)?,)
        } else {
            quote!(#gate #i: object.optional(#wire),)
        }
    });
    let writes = fields.iter().map(|f| {
        let (gate, i, wire) = (&f.gate, &f.ident, &f.wire);
        if f.required {
            quote!(#gate object.required(#wire, &self.#i);)
        } else {
            quote!(#gate object.optional(#wire, &self.#i);)
        }
    });
    let (read_tag, write_tag) = match tag {
        Tag::Field => (
            quote!(odata_type: object.optional("@odata.type"),),
            quote!(object.optional("@odata.type", &self.odata_type);),
        ),
        Tag::None => (quote!(), quote!()),
    };
    // with no field that is always there, a build without the features of the gated ones
    // leaves the writer unused (the reader always lends itself to `rest`)
    let always = tag == Tag::Field || fields.iter().any(|f| f.gate.is_empty());
    let used = if always { quote!() } else { quote!(let _ = &object;) };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut object = ::graph_runtime::ObjectReader::read(deserializer)?;
                let value = Self {
                    #read_tag
                    #(#reads)*
                    additional: object.rest(),
                };
                object.finish(value)
            }
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::graph_runtime::write_object(serializer, &self.additional, |object| {
                    #used
                    #write_tag
                    #(#writes)*
                })
            }
        }
    }
}
