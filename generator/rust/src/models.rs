//! Structs of entity and complex types: every property of the type and its bases as an
//! `Option` field, documented from the docs, with the `@odata.type` tag, and a map that keeps
//! instance annotations and undeclared properties (the extension data of open types). Their
//! JSON form is written by [`crate::objects`], one line per field.

use crate::context::Context;
use crate::naming::{Case, Scope};
use crate::print::Piece;
use crate::syntax::{self, template};
use crate::{docs, objects, types, Note};
use codegen_core::diag::Code;
use codegen_ir::TypeDef;
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

/// One emitted field: its declaration, its Rust name, its `#[cfg]` (or none), its wire
/// name and whether a value must be present.
pub struct Field {
    pub field: syn::Field,
    pub ident: proc_macro2::Ident,
    pub gate_attrs: Vec<syn::Attribute>,
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
        // A navigation property into another area exists only with that area's feature.
        let gate_attrs = syntax::attrs(&ctx.gates.ref_cfg(owner, spec.type_name));
        let mut attrs = gate_attrs.clone();
        attrs.push(syntax::doc(&docs::line(spec.description, &format!("The `{}` property.", spec.name))));
        let ident = name.ident();
        let ty = if hold == Hold::Patch {
            syntax::generic(syntax::path(true, &["graph_runtime", "Patch"]), ty)
        } else if spec.required {
            ty
        } else {
            syntax::generic(syntax::path(false, &["Option"]), ty)
        };
        let required = spec.required && hold == Hold::Option;
        let field = syntax::field(attrs, ident.clone(), ty);
        out.push(Field { field, ident, gate_attrs, wire: spec.name.to_string(), required });
    }
    out
}

/// The fields of a type and its bases, as [`FieldSpec`]s.
fn specs<'a>(props: &[&'a codegen_ir::Property]) -> Vec<FieldSpec<'a>> {
    props
        .iter()
        .map(|p| FieldSpec {
            name: &p.name,
            type_name: &p.ty.name,
            collection: p.ty.collection,
            description: &p.description,
            required: false,
        })
        .collect()
}

/// The doc line of an update struct's map of extra properties.
const PATCH_ADDITIONAL: &str =
    " Instance annotations (`members@odata.bind`, ...) and undeclared properties, sent as they are.";

/// A generated struct named `ident` (its derives, `odata_type` and `additional` fields
/// parsed once per thread), with `docs` before the derives, `fields` between its two
/// fields, and the doc lines of those two.
fn struct_item(
    ident: proc_macro2::Ident,
    docs: Vec<syn::Attribute>,
    fields: &[Field],
    [tag_doc, additional_doc]: [&str; 2],
) -> syn::Result<syn::Item> {
    let mut item: syn::ItemStruct = template("model", || {
        quote! {
            #[derive(Clone, Default, PartialEq)]
            pub struct Type {
                pub odata_type: Option<String>,
                pub additional: ::std::collections::BTreeMap<String, ::serde_json::Value>,
            }
        }
    })?;
    item.ident = ident;
    item.attrs.splice(0..0, docs);
    let syn::Fields::Named(named) = &mut item.fields else {
        return Err(syntax::shape("model"));
    };
    let mut all: Vec<syn::Field> = std::mem::take(&mut named.named).into_iter().collect();
    let [tag, additional] = all.as_mut_slice() else { return Err(syntax::shape("model")) };
    tag.attrs.insert(0, syntax::doc(tag_doc));
    additional.attrs.insert(0, syntax::doc(additional_doc));
    all.splice(1..1, fields.iter().map(|f| f.field.clone()));
    named.named = all.into_iter().collect();
    Ok(syn::Item::Struct(item))
}

/// The struct of an entity or complex type.
pub fn struct_def(ctx: &Context, t: &TypeDef, notes: &mut Vec<Note>) -> Vec<Piece> {
    let q = t.qualified().into_string();
    let Some(names) = ctx.names.get(&q) else { return Vec::new() };
    let ident = crate::naming::ident(&names.ident);
    let props = ctx.all_properties(t);
    let source = t.sources.first();
    let fields = fields(ctx, &q, &specs(&props), source, notes);
    let kind = match t.kind {
        codegen_ir::TypeKind::Entity => "entity",
        _ => "complex type",
    };
    let mut docs =
        vec![syntax::doc(&docs::line(t.description.as_deref().unwrap_or_default(), &format!("The `{q}` {kind}.")))];
    docs.extend(syntax::attrs(&crate::lifecycle::attrs(t.deprecated.as_ref(), &t.availability)));
    let additional_doc = if t.open {
        " Properties the docs do not declare (the type is open), kept as sent."
    } else {
        " Instance annotations (`@odata.etag`, `members@odata.bind`, ...) and undeclared properties, kept as sent."
    };
    let tag_doc = format!(" The `@odata.type` tag, e.g. `#{q}`.");
    vec![
        Piece::Items(struct_item(ident.clone(), docs, &fields, [&tag_doc, additional_doc]).map(|s| vec![s])),
        Piece::Items(objects::object(&ident, &fields, objects::Tag::Field)),
    ]
}

/// The update struct of a type that is the body of a PATCH operation: every property a
/// `graph_runtime::Patch` (left out, a value, or `null`), and `From` the model (its `Some`
/// fields set, its `None` fields left as they are).
pub fn patch_def(ctx: &Context, t: &TypeDef, notes: &mut Vec<Note>) -> Vec<Piece> {
    let q = t.qualified().into_string();
    let Some(names) = ctx.names.get(&q) else { return Vec::new() };
    let Some(patch) = names.patch.as_deref() else { return Vec::new() };
    let (model, ident) = (crate::naming::ident(&names.ident), crate::naming::ident(patch));
    let props = ctx.all_properties(t);
    let fields = held_fields(ctx, &q, &specs(&props), Hold::Patch, t.sources.first(), notes);
    let doc = format!(
        " An update of [`{}`]: each property left as it is (`Patch::Unchanged`, not sent), set \
         (`Patch::Set`) or cleared (`Patch::Null`, sent as `null`).",
        names.ident
    );
    let tag_doc = format!(" The `@odata.type` tag, e.g. `#{q}`.");
    vec![
        Piece::Items(
            struct_item(ident.clone(), vec![syntax::doc(&doc)], &fields, [&tag_doc, PATCH_ADDITIONAL]).map(|s| vec![s]),
        ),
        Piece::Items(objects::object(&ident, &fields, objects::Tag::Field)),
        Piece::Items(from_model(model, ident, &fields).map(|i| vec![i])),
    ]
}

/// `impl From<Model> for ModelPatch`: each field `Patch::set_or_keep` of the model's.
fn from_model(model: proc_macro2::Ident, ident: proc_macro2::Ident, fields: &[Field]) -> syn::Result<syn::Item> {
    let mut imp: syn::ItemImpl = template("patch-from", || {
        quote! {
            impl From<Model> for Type {
                /// The model's `Some` properties set, its `None` properties left as they are.
                fn from(value: Model) -> Self {
                    Self {
                        odata_type: value.odata_type,
                        additional: value.additional,
                    }
                }
            }
        }
    })?;
    let shape = || syntax::shape("patch-from");
    let model_type = syntax::named_type(model);
    *imp.self_ty = syntax::named_type(ident);
    let Some((_, trait_path, _)) = &mut imp.trait_ else { return Err(shape()) };
    let Some(last) = trait_path.segments.last_mut() else { return Err(shape()) };
    last.arguments = syntax::angle(model_type.clone());
    let Some(syn::ImplItem::Fn(f)) = imp.items.first_mut() else { return Err(shape()) };
    if let Some(syn::FnArg::Typed(arg)) = f.sig.inputs.first_mut() {
        *arg.ty = model_type;
    }
    let Some(syn::Stmt::Expr(syn::Expr::Struct(value), None)) = f.block.stmts.first_mut() else { return Err(shape()) };
    let mut inits: Vec<syn::FieldValue> = std::mem::take(&mut value.fields).into_iter().collect();
    let keep = syntax::path(true, &["graph_runtime", "Patch", "set_or_keep"]);
    inits.splice(
        1..1,
        fields.iter().map(|f| syn::FieldValue {
            attrs: f.gate_attrs.clone(),
            member: syn::Member::Named(f.ident.clone()),
            colon_token: Some(Default::default()),
            expr: syntax::call_fn(keep.clone(), [syntax::member(syntax::var("value"), f.ident.clone())]),
        }),
    );
    value.fields = inits.into_iter().collect();
    Ok(syn::Item::Impl(imp))
}
