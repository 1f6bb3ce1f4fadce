//! The trait impls of a request builder, `graph_runtime::RequestBuilder` and
//! `graph_runtime::Endpoint`, built as trees ([`crate::syntax`]): their signatures, parsed
//! once per thread, are the same for every builder, and what differs (the types, the method,
//! the permissions, the path and its parameters) is put in directly. The `Endpoint` impl was
//! the largest share of the endpoint files and of their parse.

use crate::syntax::{self, shape, template};
use codegen_ir::HttpMethod;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::{Expr, ImplItem, Item, ItemImpl, Stmt};

/// What one builder's `Endpoint` impl says.
pub struct Parts<'a> {
    pub ident: &'a Ident,
    /// The body type, if the operation takes one (`Body` is `()` when it takes none).
    pub body: Option<&'a syn::Type>,
    pub output: &'a TokenStream,
    pub method: HttpMethod,
    /// The permissions per scheme (work, personal, application), least privileged first.
    pub permissions: [Vec<&'a str>; 3],
    /// The path's literal pieces, with a parameter between each two.
    pub pieces: &'a [String],
    /// Each parameter's name in the template and the field that holds it.
    pub params: &'a [(String, Ident)],
    /// Statements that make `options` (required query parameters), or none.
    pub query: TokenStream,
    /// The expression that decodes `response`.
    pub decode: &'a TokenStream,
}

/// `impl graph_runtime::RequestBuilder for Builder`.
pub fn request_builder(ident: &Ident) -> syn::Result<Item> {
    let mut imp: ItemImpl = template("request-builder", || {
        quote! {
            impl ::graph_runtime::RequestBuilder for Type {
                fn options_mut(&mut self) -> &mut ::graph_runtime::RequestOptions {
                    &mut self.options
                }
            }
        }
    })?;
    *imp.self_ty = syntax::named_type(ident.clone());
    Ok(Item::Impl(imp))
}

/// `impl graph_runtime::Endpoint for Builder`.
pub fn endpoint(parts: Parts) -> syn::Result<Item> {
    let mut imp: ItemImpl = template("endpoint", || {
        quote! {
            impl ::graph_runtime::Endpoint for Type {
                type Body = ();
                type Output = ();
                const METHOD: ::http::Method = ::http::Method::GET;
                const PERMISSIONS: ::graph_runtime::Permissions = ::graph_runtime::Permissions {
                    delegated_work: &[],
                    delegated_personal: &[],
                    application: &[],
                };

                fn request_with_base(&self, base: &str) -> Result<::http::Request<Vec<u8>>, ::graph_runtime::RequestError> {}

                fn parse_response<B: AsRef<[u8]>>(response: &::http::Response<B>) -> Result<Self::Output, ::graph_runtime::ResponseError> {}
            }
        }
    })?;
    *imp.self_ty = syntax::named_type(parts.ident.clone());
    let [ImplItem::Type(body), ImplItem::Type(output), ImplItem::Const(method), ImplItem::Const(permissions), ImplItem::Fn(request), ImplItem::Fn(parse)] =
        imp.items.as_mut_slice()
    else {
        return Err(shape("endpoint"));
    };
    if let Some(t) = parts.body {
        body.ty = t.clone();
    }
    output.ty = syn::parse2(parts.output.clone())?;
    method.expr = Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syntax::path(true, &["http", "Method", method_name(parts.method)]),
    });
    let Expr::Struct(lists) = &mut permissions.expr else { return Err(shape("endpoint")) };
    for (field, names) in lists.fields.iter_mut().zip(&parts.permissions) {
        field.expr = slice(names.iter().map(|n| syntax::lit(n)));
    }
    request.block.stmts = request_stmts(&parts)?;
    parse.block.stmts = vec![Stmt::Expr(syn::parse2(parts.decode.clone())?, None)];
    Ok(Item::Impl(imp))
}

/// `let path = ..; let body = ..; (options) build_request(..)`.
fn request_stmts(parts: &Parts) -> syn::Result<Vec<Stmt>> {
    let mut stmts = Vec::with_capacity(4);
    if parts.params.is_empty() {
        let mut stmt: Stmt = template("request-path", || quote!(let path = "";))?;
        set_init(&mut stmt, syntax::lit(&parts.pieces.concat()))?;
        stmts.push(stmt);
    } else {
        let mut stmt: Stmt =
            template("request-fill-path", || quote!(let path = &::graph_runtime::fill_path(&[], &[])?;))?;
        let pieces = slice(parts.pieces.iter().map(|p| syntax::lit(p)));
        let params = slice(parts.params.iter().map(|(raw, field)| {
            let value = syntax::call(syntax::member(syntax::var("self"), field.clone()), "as_str", []);
            Expr::Tuple(syn::ExprTuple {
                attrs: Vec::new(),
                paren_token: Default::default(),
                elems: [syntax::lit(raw), value].into_iter().collect(),
            })
        }));
        let Some(Expr::Reference(r)) = init(&mut stmt) else { return Err(shape("request-fill-path")) };
        let Expr::Try(t) = &mut *r.expr else { return Err(shape("request-fill-path")) };
        let Expr::Call(call) = &mut *t.expr else { return Err(shape("request-fill-path")) };
        call.args = [pieces, params].into_iter().collect();
        stmts.push(stmt);
    }
    let body = if parts.body.is_some() {
        template("request-body", || quote!(let body = ::graph_runtime::json_body(&self.body)?;))?
    } else {
        template("request-no-body", || quote!(let body = None;))?
    };
    stmts.push(body);
    let send = if parts.query.is_empty() {
        template("request-send", || {
            quote!(::graph_runtime::build_request(Self::METHOD, base, path, &self.options, body))
        })?
    } else {
        stmts.extend(syn::parse::Parser::parse2(syn::Block::parse_within, parts.query.clone())?);
        template("request-send-options", || {
            quote!(::graph_runtime::build_request(Self::METHOD, base, path, &options, body))
        })?
    };
    stmts.push(Stmt::Expr(send, None));
    Ok(stmts)
}

fn method_name(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Put => "PUT",
        HttpMethod::Delete => "DELETE",
        HttpMethod::Head => "HEAD",
        HttpMethod::Options => "OPTIONS",
    }
}

/// `&[a, b, ..]`.
fn slice(elems: impl Iterator<Item = Expr>) -> Expr {
    syntax::borrow(Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.collect(),
    }))
}

fn init(stmt: &mut Stmt) -> Option<&mut Expr> {
    match stmt {
        Stmt::Local(local) => local.init.as_mut().map(|init| &mut *init.expr),
        _ => None,
    }
}

fn set_init(stmt: &mut Stmt, value: Expr) -> syn::Result<()> {
    let Some(expr) = init(stmt) else { return Err(shape("request-path")) };
    *expr = value;
    Ok(())
}
