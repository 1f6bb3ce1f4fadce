//! Request builders: per operation a struct holding its path parameters, query options,
//! headers and typed body, implementing `support::Endpoint` to build an
//! `http::Request<Vec<u8>>` and decode the response into its type or a Graph error. No I/O.

use crate::context::Context;
use crate::models::{self, FieldSpec};
use crate::naming::{Case, Scope};
use crate::options;
use crate::paths::{parse_template, PathPart};
use crate::{docs, note_rename, types, Note};
use codegen_core::diag::Code;
use codegen_ir::{HttpMethod, Operation, ParamLocation, PathTemplate, SourceRef};
use proc_macro2::TokenStream;
use quote::quote;

/// Field names every builder uses itself.
const RESERVED: &[&str] = &["query", "extra_query", "headers", "body"];

/// The one character of a one-character literal (clippy wants `push(c)` for it).
fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn method_tokens(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote!(::http::Method::GET),
        HttpMethod::Post => quote!(::http::Method::POST),
        HttpMethod::Patch => quote!(::http::Method::PATCH),
        HttpMethod::Put => quote!(::http::Method::PUT),
        HttpMethod::Delete => quote!(::http::Method::DELETE),
        HttpMethod::Head => quote!(::http::Method::HEAD),
        HttpMethod::Options => quote!(::http::Method::OPTIONS),
    }
}

/// What the round-trip tests need to know about an emitted endpoint.
pub struct Emitted {
    pub ident: String,
    pub has_body: bool,
    pub has_output: bool,
}

/// The builder of one operation, named in `scope` (the area module), or `None` (with an
/// E0002 note) when the operation cannot be emitted.
pub fn endpoint(
    ctx: &Context,
    op: &Operation,
    scope: &mut Scope,
    notes: &mut Vec<Note>,
) -> Option<(TokenStream, Emitted)> {
    let op_source = SourceRef::file(op.source.as_str());
    let source = Some(&op_source);
    let skip = |notes: &mut Vec<Note>, why: &str| {
        notes.push(Note::at(Code::E0002, format!("operation `{}` is not emitted: {why}", op.id), source));
    };
    let Some(template) = op.paths.first() else {
        skip(notes, "it has no request path");
        return None;
    };
    let method = method_tokens(op.method);
    let raw_name = if op.title.trim().is_empty() { op.id.as_str() } else { op.title.as_str() };
    let name = scope.name(raw_name, Case::Camel);
    note_rename(notes, &format!("the builder of `{}`", op.id), &name, source);
    let ident = name.ident();

    // Path parameters.
    let mut fields_scope = Scope::new(RESERVED);
    let mut path_fields = Vec::new();
    let mut ctor_args = Vec::new();
    let mut ctor_inits = Vec::new();
    let mut path_code = Vec::new();
    for part in parse_template(template) {
        match part {
            PathPart::Literal(text) => path_code.push(match single_char(&text) {
                Some(c) => quote! { path.push(#c); },
                None => quote! { path.push_str(#text); },
            }),
            PathPart::Param(raw) => {
                let f = fields_scope.name(&raw, Case::Snake);
                note_rename(notes, &format!("path parameter `{raw}` of `{}`", op.id), &f, source);
                let fi = f.ident();
                let desc = op
                    .parameters
                    .iter()
                    .find(|p| p.location == ParamLocation::Path && p.name == raw)
                    .map(|p| p.description.as_str())
                    .unwrap_or_default();
                let doc = docs::doc(desc, &format!("The `{raw}` path parameter."));
                path_fields.push(quote! { #doc #fi: String, });
                ctor_args.push(quote! { #fi: impl Into<String>, });
                ctor_inits.push(quote! { #fi: #fi.into(), });
                path_code.push(quote! { crate::support::push_segment(&mut path, #raw, &self.#fi)?; });
            }
        }
    }

    // Body.
    let owner = format!("the body of {}", op.id);
    let mut extra_items = Vec::new();
    let body_params: Vec<&codegen_ir::Parameter> =
        op.parameters.iter().filter(|p| p.location == ParamLocation::Body).collect();
    let body_type: Option<TokenStream> = if let Some(rb) = &op.request_body {
        let (t, why) = types::field_type(ctx, &owner, &rb.name, rb.collection);
        if let Some(why) = why {
            notes.push(Note::at(
                Code::E0002,
                format!("the body of `{}` is typed as `serde_json::Value`: {why}", op.id),
                source,
            ));
        }
        Some(t)
    } else if !body_params.is_empty() {
        let body_name = scope.name(&format!("{}Body", name.ident), Case::Camel);
        note_rename(notes, &format!("the body of `{}`", op.id), &body_name, source);
        let bi = body_name.ident();
        let specs: Vec<FieldSpec> = body_params
            .iter()
            .map(|p| FieldSpec {
                name: &p.name,
                type_name: &p.ty.name,
                collection: p.ty.collection,
                description: &p.description,
                required: p.required,
            })
            .collect();
        let fields = models::fields(ctx, &owner, &specs, source, notes);
        let doc = format!(" The body parameters of [`{}`].", name.ident);
        let default = if body_params.iter().any(|p| p.required) { quote!() } else { quote!(Default,) };
        extra_items.push(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, #default PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #bi {
                #(#fields)*
                /// Parameters the docs do not list, and instance annotations, kept as sent.
                #[serde(flatten)]
                pub additional: ::std::collections::BTreeMap<String, ::serde_json::Value>,
            }
        });
        Some(quote!(#bi))
    } else {
        None
    };
    let (body_field, body_arg, body_init, body_assoc, body_code) = match &body_type {
        Some(t) => (
            quote! { /// The request body.
            body: #t, },
            quote! { body: #t, },
            quote! { body, },
            quote! { #t },
            quote! { crate::support::json_body(&self.body)? },
        ),
        None => (quote!(), quote!(), quote!(), quote!(()), quote!(None)),
    };

    // Response.
    let (output, decode) = output_type(ctx, op, notes);
    let has_output = !output.to_string().eq("()");

    let methods = options::methods(op, notes);

    let new_doc = match (ctor_args.is_empty(), body_type.is_some()) {
        (true, false) => " A request; it takes no path parameters and no body.",
        (true, true) => " A request with its body.",
        (false, false) => " A request for the given path parameters.",
        (false, true) => " A request for the given path parameters, with its body.",
    };
    let doc = builder_doc(op, template);
    let derive_default = if ctor_args.is_empty() && body_type.is_none() { quote!(Default,) } else { quote!() };
    let tokens = quote! {
        #(#extra_items)*

        #doc
        #[derive(Debug, Clone, #derive_default PartialEq)]
        pub struct #ident {
            #(#path_fields)*
            #body_field
            /// OData query options.
            query: crate::support::QueryOptions,
            /// Other query parameters.
            extra_query: Vec<(String, String)>,
            /// Extra request headers.
            headers: Vec<(String, String)>,
        }

        impl #ident {
            #[doc = #new_doc]
            pub fn new(#(#ctor_args)* #body_arg) -> Self {
                Self {
                    #(#ctor_inits)*
                    #body_init
                    query: crate::support::QueryOptions::default(),
                    extra_query: Vec::new(),
                    headers: Vec::new(),
                }
            }

            /// Adds a request header (checked when the request is built).
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.headers.push((name.into(), value.into()));
                self
            }

            #(#methods)*
        }

        impl crate::support::Endpoint for #ident {
            type Body = #body_assoc;
            type Output = #output;

            fn request_with_base(&self, base: &str) -> Result<::http::Request<Vec<u8>>, crate::support::RequestError> {
                let mut path = String::new();
                #(#path_code)*
                let mut query = self.query.pairs();
                query.extend(self.extra_query.iter().cloned());
                let body = #body_code;
                crate::support::build_request(#method, base, &path, &query, &self.headers, body)
            }

            fn parse_response(status: ::http::StatusCode, body: &[u8]) -> Result<Self::Output, crate::support::ResponseError> {
                #decode
            }
        }
    };
    Some((tokens, Emitted { ident: name.ident, has_body: body_type.is_some(), has_output }))
}

fn output_type(ctx: &Context, op: &Operation, notes: &mut Vec<Note>) -> (TokenStream, TokenStream) {
    let unit = (quote!(()), quote!(crate::support::decode_empty(status, body)));
    let Some(resp) = &op.response else { return unit };
    let Some(body_type) = resp.body.as_ref() else { return unit };
    let type_name = body_type.name.as_str();
    if resp.status == 204 {
        return unit;
    }
    let json = quote!(crate::support::decode_json(status, body));
    match types::element(ctx, type_name) {
        Ok((t, shape)) => {
            let t = match (body_type.collection, shape) {
                (true, _) => quote!(crate::support::Collection<#t>),
                (false, types::Shape::Primitive) => quote!(crate::support::PrimitiveValue<#t>),
                (false, types::Shape::Model) => t,
            };
            (t, json)
        }
        Err(why) => {
            notes.push(Note::at(
                Code::E0002,
                format!("the response of `{}` is typed as `serde_json::Value`: {why}", op.id),
                Some(&SourceRef::file(op.source.as_str())),
            ));
            (quote!(::serde_json::Value), json)
        }
    }
}

fn builder_doc(op: &Operation, template: &PathTemplate) -> TokenStream {
    let mut lines = Vec::new();
    let title = if op.title.is_empty() { op.id.clone() } else { op.title.clone() };
    lines.push(format!(" {}", docs::clean(&title)));
    if !op.description.trim().is_empty() {
        lines.push(String::new());
        lines.push(format!(" {}", docs::clean(&op.description)));
    }
    lines.push(String::new());
    lines.push(format!(" `{} {}`", op.method, template.to_string().replace('`', "'")));
    if op.paths.len() > 1 {
        lines.push(String::new());
        lines.push(" The service also answers at these paths, which this builder does not use:".to_string());
        for p in op.paths.iter().skip(1) {
            lines.push(format!(" - `{}`", p.to_string().replace('`', "'")));
        }
    }
    let perms = [
        ("Delegated (work or school account)", &op.permissions.delegated_work),
        ("Delegated (personal Microsoft account)", &op.permissions.delegated_personal),
        ("Application", &op.permissions.application),
    ];
    if perms.iter().any(|(_, p)| !p.is_empty()) {
        lines.push(String::new());
        lines.push(" Permissions, least privileged first:".to_string());
        for (kind, p) in perms {
            if !p.is_empty() {
                lines.push(format!(" - {kind}: {}", docs::clean(&p.join(", "))));
            }
        }
    }
    quote! { #(#[doc = #lines])* }
}
