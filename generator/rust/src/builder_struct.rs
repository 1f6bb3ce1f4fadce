//! The struct of a request builder and its constructor, built as trees ([`crate::syntax`]):
//! the fixed parts (derives, the `options` field, `new`'s signature and its `options` init)
//! from templates, the doc lines, parameter fields, arguments and inits put in directly.

use crate::syntax::{self, shape, template};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::{Expr, FieldValue, FnArg, ImplItem, Item, ItemImpl, ItemStruct, Member, Stmt, Visibility};

/// A path or required query parameter: its field and the field's doc line.
pub struct Param {
    pub ident: Ident,
    pub doc: String,
}

/// What one builder's struct and inherent impl say.
pub struct Builder<'a> {
    pub ident: &'a Ident,
    /// The struct's doc lines, each as written after `///`.
    pub docs: &'a [String],
    /// Deprecation and availability attributes, as tokens.
    pub life: &'a TokenStream,
    /// Derives `Default` (no parameters, no body, no evolvable enums).
    pub derive_default: bool,
    pub params: &'a [Param],
    /// The body type, if the operation takes one.
    pub body: Option<&'a syn::Type>,
    pub new_doc: &'a str,
    /// `new` sends `Prefer: include-unknown-enum-members`.
    pub evolvable: bool,
    /// The option methods of the inherent impl, one fn each.
    pub methods: &'a [TokenStream],
}

/// The struct, `Default` when it is `new()` but not derived, and the inherent impl.
pub fn items(b: &Builder) -> syn::Result<Vec<Item>> {
    let mut items = vec![Item::Struct(definition(b)?)];
    if b.params.is_empty() && b.body.is_none() && b.evolvable {
        let mut imp: ItemImpl = template("builder-default", || {
            quote! {
                impl Default for Type {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }
        })?;
        *imp.self_ty = syntax::named_type(b.ident.clone());
        items.push(Item::Impl(imp));
    }
    items.push(Item::Impl(inherent(b)?));
    Ok(items)
}

fn definition(b: &Builder) -> syn::Result<ItemStruct> {
    let mut def: ItemStruct = if b.derive_default {
        template("builder-struct-default", || {
            quote! {
                #[derive(Debug, Clone, Default, PartialEq)]
                pub struct Type {
                    /// Query options, headers, `Prefer` and `ConsistencyLevel`.
                    options: ::graph_runtime::RequestOptions,
                }
            }
        })?
    } else {
        template("builder-struct", || {
            quote! {
                #[derive(Debug, Clone, PartialEq)]
                pub struct Type {
                    /// Query options, headers, `Prefer` and `ConsistencyLevel`.
                    options: ::graph_runtime::RequestOptions,
                }
            }
        })?
    };
    def.ident = b.ident.clone();
    let mut attrs: Vec<syn::Attribute> = b.docs.iter().map(|l| syntax::doc(l)).collect();
    attrs.extend(syntax::attrs(b.life));
    def.attrs.splice(0..0, attrs);
    let syn::Fields::Named(named) = &mut def.fields else { return Err(shape("builder-struct")) };
    let mut fields: Vec<syn::Field> = b
        .params
        .iter()
        .map(|p| private(syntax::field(vec![syntax::doc(&p.doc)], p.ident.clone(), crate::types::local("String"))))
        .collect();
    if let Some(body) = b.body {
        let body = syntax::field(vec![syntax::doc(" The request body.")], syntax::ident("body"), body.clone());
        fields.push(private(body));
    }
    fields.extend(std::mem::take(&mut named.named));
    named.named = fields.into_iter().collect();
    Ok(def)
}

fn private(mut field: syn::Field) -> syn::Field {
    field.vis = Visibility::Inherited;
    field
}

fn inherent(b: &Builder) -> syn::Result<ItemImpl> {
    let mut imp: ItemImpl = if b.evolvable {
        template("builder-new-evolvable", || {
            quote! {
                impl Type {
                    pub fn new() -> Self {
                        Self {
                            options: ::graph_runtime::RequestOptions::evolvable_enums(),
                        }
                    }
                }
            }
        })?
    } else {
        template("builder-new", || {
            quote! {
                impl Type {
                    pub fn new() -> Self {
                        Self {
                            options: ::graph_runtime::RequestOptions::default(),
                        }
                    }
                }
            }
        })?
    };
    *imp.self_ty = syntax::named_type(b.ident.clone());
    let Some(ImplItem::Fn(new)) = imp.items.first_mut() else { return Err(shape("builder-new")) };
    new.attrs.insert(0, syntax::doc(b.new_doc));
    let into_string: syn::Type = template("impl-into-string", || quote!(impl Into<String>))?;
    let mut inits: Vec<FieldValue> = Vec::with_capacity(b.params.len() + 2);
    for p in b.params {
        new.sig.inputs.push(argument(p.ident.clone(), into_string.clone()));
        inits.push(FieldValue {
            attrs: Vec::new(),
            member: Member::Named(p.ident.clone()),
            colon_token: Some(Default::default()),
            expr: syntax::call(syntax::var_of(p.ident.clone()), "into", []),
        });
    }
    if let Some(body) = b.body {
        new.sig.inputs.push(argument(syntax::ident("body"), body.clone()));
        inits.push(template("builder-body-init", || quote!(body))?);
    }
    let Some(Stmt::Expr(Expr::Struct(value), None)) = new.block.stmts.first_mut() else {
        return Err(shape("builder-new"));
    };
    inits.extend(std::mem::take(&mut value.fields));
    value.fields = inits.into_iter().collect();
    for m in b.methods {
        imp.items.push(syn::parse2(m.clone())?);
    }
    Ok(imp)
}

/// `name: ty` in a signature.
fn argument(name: Ident, ty: syn::Type) -> FnArg {
    FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(syn::Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: None,
            ident: name,
            subpat: None,
        })),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}
