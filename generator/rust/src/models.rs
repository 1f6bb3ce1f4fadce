//! Structs of entity and complex types: every property of the type and its bases as an
//! `Option` field, documented from the docs, renamed for serde only where the Rust name
//! differs, with the `@odata.type` tag, and a map that keeps instance annotations and
//! undeclared properties (the extension data of open types).

use crate::context::Context;
use crate::naming::{Case, Scope};
use crate::{docs, types, Note};
use codegen_core::diag::Code;
use codegen_ir::TypeDef;
use proc_macro2::TokenStream;
use quote::quote;

/// Field names the generator uses itself in every struct.
pub const RESERVED_FIELDS: &[&str] = &["odata_type", "additional"];

/// One field to emit: a docs name, its type and description.
pub struct FieldSpec<'a> {
    pub name: &'a str,
    pub type_name: &'a str,
    pub collection: bool,
    pub description: &'a str,
    /// Emitted as `T` rather than `Option<T>`.
    pub required: bool,
}

/// The fields of a struct named `owner` (qualified, for cycle checks and messages).
pub fn fields(
    ctx: &Context,
    owner: &str,
    specs: &[FieldSpec],
    source: Option<&codegen_ir::SourceRef>,
    notes: &mut Vec<Note>,
) -> Vec<TokenStream> {
    let mut scope = Scope::new(RESERVED_FIELDS);
    let mut out = Vec::with_capacity(specs.len());
    for spec in specs {
        if spec.name == "@odata.type" {
            // Every struct has its own `odata_type` field for the tag.
            continue;
        }
        let name = scope.name(spec.name, Case::Snake);
        if let Some(why) = &name.renamed {
            notes.push(Note::at(
                Code::E0001,
                format!("property `{}` of `{owner}` is emitted as field `{}`: {why}", spec.name, name.ident),
                source,
            ));
        }
        let (ty, unresolved) = types::field_type(ctx, owner, spec.type_name, spec.collection);
        if let Some(why) = unresolved {
            notes.push(Note::at(
                Code::E0002,
                format!("property `{}` of `{owner}` is typed as `serde_json::Value`: {why}", spec.name),
                source,
            ));
        }
        let doc = docs::doc(spec.description, &format!("The `{}` property.", spec.name));
        // A navigation property into another area exists only with that area's feature.
        let doc = {
            let gate = ctx.gates.ref_cfg(owner, spec.type_name);
            quote!(#gate #doc)
        };
        let field = name.ident();
        let wire = spec.name;
        let rename = if name.bare() != wire { quote!(rename = #wire,) } else { quote!() };
        out.push(if spec.required {
            let attr = if rename.is_empty() { quote!() } else { quote!(#[serde(#rename)]) };
            quote! { #doc #attr pub #field: #ty, }
        } else {
            quote! {
                #doc
                #[serde(#rename skip_serializing_if = "Option::is_none")]
                pub #field: Option<#ty>,
            }
        });
    }
    out
}

/// The struct of an entity or complex type.
pub fn struct_def(ctx: &Context, t: &TypeDef, notes: &mut Vec<Note>) -> TokenStream {
    let q = t.qualified().into_string();
    let Some(names) = ctx.names.get(&q) else { return quote!() };
    let ident = crate::naming::ident(&names.ident);
    let props = ctx.all_properties(t);
    let specs: Vec<FieldSpec> = props
        .iter()
        .map(|p| FieldSpec {
            name: &p.name,
            type_name: &p.ty.name,
            collection: p.ty.collection,
            description: &p.description,
            required: false,
        })
        .collect();
    let source = t.sources.first();
    let fields = fields(ctx, &q, &specs, source, notes);
    let kind = match t.kind {
        codegen_ir::TypeKind::Entity => "entity",
        _ => "complex type",
    };
    let doc = docs::doc(t.description.as_deref().unwrap_or_default(), &format!("The `{q}` {kind}."));
    let tag_doc = format!(" The `@odata.type` tag, e.g. `#{q}`.");
    let additional_doc = if t.open {
        " Properties the docs do not declare (the type is open), kept as sent."
    } else {
        " Instance annotations (`@odata.etag`, `members@odata.bind`, ...) and undeclared properties, kept as sent."
    };
    let additional = quote! {
        #[doc = #additional_doc]
        #[serde(flatten)]
        pub additional: ::std::collections::BTreeMap<String, ::serde_json::Value>,
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #ident {
            #[doc = #tag_doc]
            #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
            pub odata_type: Option<String>,
            #(#fields)*
            #additional
        }
    }
}
