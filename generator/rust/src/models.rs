//! Structs of entity and complex types: every property of the type and its bases as an
//! `Option` field, documented from the docs, with the `@odata.type` tag, and a map that keeps
//! instance annotations and undeclared properties (the extension data of open types). Their
//! JSON form is written by [`crate::objects`], one line per field.

use crate::context::Context;
use crate::naming::{Case, Scope};
use crate::{docs, objects, types, Note};
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

/// How a field holds its value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// `Option<T>` (or `T` when required): models and action bodies.
    Option,
    /// `graph_runtime::Patch<T>`: update bodies, which can send `null`.
    Patch,
}

/// One emitted field: its declaration, its Rust name, its `#[cfg]` (or nothing), its wire
/// name and whether a value must be present.
pub struct Field {
    pub tokens: TokenStream,
    pub ident: proc_macro2::Ident,
    pub gate: TokenStream,
    pub wire: String,
    pub required: bool,
}

/// The fields of a struct named `owner` (qualified, for cycle checks and messages).
pub fn fields(
    ctx: &Context,
    owner: &str,
    specs: &[FieldSpec],
    source: Option<&codegen_ir::SourceRef>,
    notes: &mut Vec<Note>,
) -> Vec<Field> {
    held_fields(ctx, owner, specs, Hold::Option, source, notes)
}

/// The fields of a struct named `owner`, held as `hold` says.
pub fn held_fields(
    ctx: &Context,
    owner: &str,
    specs: &[FieldSpec],
    hold: Hold,
    source: Option<&codegen_ir::SourceRef>,
    notes: &mut Vec<Note>,
) -> Vec<Field> {
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
        let gate = ctx.gates.ref_cfg(owner, spec.type_name);
        let doc = quote!(#gate #doc);
        let field = name.ident();
        let tokens = if hold == Hold::Patch {
            quote! { #doc pub #field: ::graph_runtime::Patch<#ty>, }
        } else if spec.required {
            quote! { #doc pub #field: #ty, }
        } else {
            quote! { #doc pub #field: Option<#ty>, }
        };
        let required = spec.required && hold == Hold::Option;
        out.push(Field { tokens, ident: field, gate, wire: spec.name.to_string(), required });
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
    let tag_doc = crate::literal::text(&format!(" The `@odata.type` tag, e.g. `#{q}`."));
    let additional_doc = crate::literal::text(if t.open {
        " Properties the docs do not declare (the type is open), kept as sent."
    } else {
        " Instance annotations (`@odata.etag`, `members@odata.bind`, ...) and undeclared properties, kept as sent."
    });
    let object = objects::object(&ident, &fields, objects::Tag::Field);
    let tokens = fields.iter().map(|f| &f.tokens);
    let life = crate::lifecycle::attrs(t.deprecated.as_ref(), &t.availability);
    quote! {
        #doc
        #life
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #ident {
            #[doc = #tag_doc]
            pub odata_type: Option<String>,
            #(#tokens)*
            #[doc = #additional_doc]
            pub additional: ::std::collections::BTreeMap<String, ::serde_json::Value>,
        }

        #object
    }
}

/// The update struct of a type that is the body of a PATCH operation: every property a
/// `graph_runtime::Patch` (left out, a value, or `null`), and `From` the model (its `Some`
/// fields set, its `None` fields left as they are).
pub fn patch_def(ctx: &Context, t: &TypeDef, notes: &mut Vec<Note>) -> TokenStream {
    let q = t.qualified().into_string();
    let Some(names) = ctx.names.get(&q) else { return quote!() };
    let Some(patch) = names.patch.as_deref() else { return quote!() };
    let (model, ident) = (crate::naming::ident(&names.ident), crate::naming::ident(patch));
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
    let fields = held_fields(ctx, &q, &specs, Hold::Patch, t.sources.first(), notes);
    let tokens = fields.iter().map(|f| &f.tokens);
    let inits = fields.iter().map(|f| {
        let (gate, i) = (&f.gate, &f.ident);
        quote! { #gate #i: ::graph_runtime::Patch::set_or_keep(value.#i), }
    });
    let doc = format!(
        " An update of [`{}`]: each property left as it is (`Patch::Unchanged`, not sent), set \
         (`Patch::Set`) or cleared (`Patch::Null`, sent as `null`).",
        names.ident
    );
    let tag_doc = crate::literal::text(&format!(" The `@odata.type` tag, e.g. `#{q}`."));
    let object = objects::object(&ident, &fields, objects::Tag::Field);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #ident {
            #[doc = #tag_doc]
            pub odata_type: Option<String>,
            #(#tokens)*
            /// Instance annotations (`members@odata.bind`, ...) and undeclared properties, sent as they are.
            pub additional: ::std::collections::BTreeMap<String, ::serde_json::Value>,
        }

        #object

        impl From<#model> for #ident {
            /// The model's `Some` properties set, its `None` properties left as they are.
            fn from(value: #model) -> Self {
                Self {
                    odata_type: value.odata_type,
                    #(#inits)*
                    additional: value.additional,
                }
            }
        }
    }
}
