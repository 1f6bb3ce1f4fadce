//! Request builders: per operation a struct holding its path parameters, typed body and
//! `graph_runtime::RequestOptions` (query options, headers, `Prefer`, `ConsistencyLevel`),
//! implementing `graph_runtime::Endpoint` to build an `http::Request<Vec<u8>>` and decode
//! the response (status, headers, body) into its type or a typed error; the documented
//! permissions as a constant. No I/O.

use crate::builder_struct::{Builder, Param};
use crate::context::Context;
use crate::models::{self, FieldSpec};
use crate::naming::{Case, Scope};
use crate::options;
use crate::paths::{parse_template, PathPart};
use crate::print::Piece;
use crate::syntax;
use crate::{docs, note_rename, types, Note};
use codegen_core::diag::Code;
use codegen_ir::{HttpMethod, Operation, ParamLocation, PathTemplate, SourceRef};
use proc_macro2::TokenStream;
use quote::quote;

/// Field names every builder uses itself.
const RESERVED: &[&str] = &["query", "extra_query", "headers", "body", "options"];

/// The one character of a one-character literal (clippy wants `push(c)` for it).
pub(crate) fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// What the round-trip tests need to know about an emitted endpoint.
pub struct Emitted {
    pub ident: String,
    pub has_body: bool,
    pub has_output: bool,
    /// Path and required query parameters the constructor takes (before the body).
    pub params: usize,
    /// The request path with the parameters `id-1`, `id-2`, ... (no base).
    pub sample_path: String,
}

/// The builder of one operation, named in `scope` (the area module), or `None` (with an
/// E0002 note) when the operation cannot be emitted.
pub fn endpoint(
    ctx: &Context,
    op: &Operation,
    scope: &mut Scope,
    notes: &mut Vec<Note>,
) -> Option<(Vec<Piece>, Emitted)> {
    let op_source = SourceRef::file(op.source.as_str());
    let source = Some(&op_source);
    let skip = |notes: &mut Vec<Note>, why: &str| {
        notes.push(Note::at(Code::E0002, format!("operation `{}` is not emitted: {why}", op.id), source));
    };
    let Some(template) = op.paths.first() else {
        skip(notes, "it has no request path");
        return None;
    };
    let raw_name = if op.title.trim().is_empty() { op.id.as_str() } else { op.title.as_str() };
    let name = scope.name(raw_name, Case::Camel);
    note_rename(notes, &format!("the builder of `{}`", op.id), &name, source);
    let ident = name.ident();

    // Path parameters.
    let mut fields_scope = Scope::new(RESERVED);
    let mut params = Vec::new();
    // the path as literal pieces with the parameters between them, filled by one runtime call
    let mut pieces = vec![String::new()];
    let mut path_params = Vec::new();
    let mut sample_path = String::new();
    for part in parse_template(template) {
        match &part {
            PathPart::Literal(text) => sample_path.push_str(text),
            PathPart::Param(_) => sample_path.push_str(&format!("id-{}", params.len() + 1)),
        }
        match part {
            PathPart::Literal(text) => {
                if let Some(last) = pieces.last_mut() {
                    last.push_str(&text);
                }
            }
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
                let doc = docs::line(desc, &format!("The `{raw}` path parameter."));
                params.push(Param { ident: fi.clone(), doc });
                path_params.push((raw, fi));
                pieces.push(String::new());
            }
        }
    }

    // Required query parameters: constructor arguments after the path parameters.
    let mut query_fields = Vec::new();
    for p in crate::query::required(op) {
        let f = fields_scope.name(&p.name, Case::Snake);
        note_rename(notes, &format!("query parameter `{}` of `{}`", p.name, op.id), &f, source);
        let fi = f.ident();
        let doc = docs::line(&p.description, &format!("The required `{}` query parameter.", p.name));
        params.push(Param { ident: fi.clone(), doc });
        query_fields.push((p.name.clone(), fi));
    }
    let query_code = crate::query::send(op, &query_fields).unwrap_or_default();

    // Body.
    let owner = format!("the body of {}", op.id);
    let mut extra_items = Vec::new();
    let body_params: Vec<&codegen_ir::Parameter> =
        op.parameters.iter().filter(|p| p.location == ParamLocation::Body).collect();
    let patch_body = match (&op.request_body, op.method) {
        (Some(rb), HttpMethod::Patch) if !rb.collection => ctx.names.get(rb.name.as_str()).and_then(|n| {
            let patch = n.patch.as_deref()?;
            Some(syntax::path_type(syntax::path(false, &["crate", "models", &n.module, patch])))
        }),
        _ => None,
    };
    let body_type: Option<syn::Type> = if let Some(patch) = patch_body {
        // An update: every property can be left out, set, or set to `null`.
        Some(patch)
    } else if let Some(rb) = &op.request_body {
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
        let declared = fields.iter().map(|f| &f.field);
        extra_items.push(Piece::Tokens(quote! {
            #[doc = #doc]
            #[derive(Clone, #default PartialEq)]
            pub struct #bi {
                #(#declared,)*
                /// Parameters the docs do not list, and instance annotations, kept as sent.
                pub additional: ::std::collections::BTreeMap<String, ::serde_json::Value>,
            }
        }));
        extra_items.push(Piece::Items(crate::objects::object(&bi, &fields, crate::objects::Tag::None)));
        Some(syntax::named_type(bi))
    } else {
        None
    };

    // Response.
    let (output, decode) = output_type(ctx, op, notes);
    let has_output = !output.to_string().eq("()");
    let collection = op.response.as_ref().and_then(|r| r.body.as_ref()).is_some_and(|b| b.collection) && has_output;

    let options::Methods { traits: query_traits, inherent: methods, query_options } =
        options::methods(op, &ident, notes);
    let evolvable = evolvable_types(ctx, op);

    let given = match (params.len() == query_fields.len(), query_fields.is_empty()) {
        (_, true) => "path parameters",
        (true, false) => "query parameters, sent with every request",
        (false, false) => "path parameters and query parameters (sent with every request)",
    };
    let new_doc = match (params.is_empty(), body_type.is_some()) {
        (true, false) => " A request; it takes no path parameters and no body.".to_string(),
        (true, true) => " A request with its body.".to_string(),
        (false, false) => format!(" A request for the given {given}."),
        (false, true) => format!(" A request for the given {given}, with its body."),
    };
    let new_doc = if evolvable {
        format!("{new_doc} Its types have evolvable enums, so it sends `Prefer: include-unknown-enum-members` (remove it through [`options_mut`](::graph_runtime::RequestBuilder::options_mut)).")
    } else {
        new_doc.to_string()
    };
    let doc = builder_doc(op, template, collection, &query_options);
    let life = crate::lifecycle::attrs(op.deprecated.as_ref(), &op.availability);
    let builder = crate::builder_struct::items(&Builder {
        ident: &ident,
        docs: &doc,
        life: &life,
        derive_default: params.is_empty() && body_type.is_none() && !evolvable,
        params: &params,
        body: body_type.as_ref(),
        new_doc: &new_doc,
        evolvable,
        methods: &methods,
    });
    let endpoint = crate::endpoint_impl::endpoint(crate::endpoint_impl::Parts {
        ident: &ident,
        body: body_type.as_ref(),
        output: &output,
        method: op.method,
        permissions: crate::permissions::lists(op),
        pieces: &pieces,
        params: &path_params,
        query: query_code,
        decode: &decode,
    });
    let mut items = extra_items;
    items.push(Piece::Items(builder));
    items.push(Piece::Items(crate::endpoint_impl::request_builder(&ident).map(|i| vec![i])));
    items.push(Piece::Tokens(quote!(#(#query_traits)*)));
    items.push(Piece::Items(endpoint.map(|i| vec![i])));
    Some((
        items,
        Emitted { ident: name.ident, has_body: body_type.is_some(), has_output, params: params.len(), sample_path },
    ))
}

/// True when the body, the body parameters or the response reach an evolvable enum.
fn evolvable_types(ctx: &Context, op: &Operation) -> bool {
    let mut names: Vec<&str> = Vec::new();
    names.extend(op.request_body.as_ref().map(|b| b.name.as_str()));
    names.extend(op.response.as_ref().and_then(|r| r.body.as_ref()).map(|b| b.name.as_str()));
    names.extend(op.parameters.iter().filter(|p| p.location == ParamLocation::Body).map(|p| p.ty.name.as_str()));
    names.iter().any(|n| ctx.evolvable.contains(*n))
}

fn output_type(ctx: &Context, op: &Operation, notes: &mut Vec<Note>) -> (TokenStream, TokenStream) {
    let unit = (quote!(()), quote!(::graph_runtime::decode_empty(response)));
    let Some(resp) = &op.response else { return unit };
    if resp.monitor.is_some() {
        return long_running(ctx, op, resp, notes);
    }
    let Some(body_type) = resp.body.as_ref() else { return unit };
    let type_name = body_type.name.as_str();
    if resp.status == 204 {
        return unit;
    }
    let json = quote!(::graph_runtime::decode_json(response));
    match types::element(ctx, type_name) {
        Ok((t, shape)) => {
            let t = match (body_type.collection, shape) {
                // a delta function's pages hold changed items and `@removed` stubs
                (true, types::Shape::Model) if is_delta(op) => {
                    quote!(::graph_runtime::Collection<::graph_runtime::DeltaItem<#t>>)
                }
                (true, _) => quote!(::graph_runtime::Collection<#t>),
                (false, types::Shape::Primitive) => quote!(::graph_runtime::PrimitiveValue<#t>),
                (false, types::Shape::Model) => quote!(#t),
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

/// The output of a long-running operation: `LongRunning<T>`, `T` the resource it makes (the
/// documented body type, else the type the action is bound to, else any JSON).
fn long_running(
    ctx: &Context,
    op: &Operation,
    resp: &codegen_ir::Response,
    notes: &mut Vec<Note>,
) -> (TokenStream, TokenStream) {
    // a documented type that is the monitor's own status document (a `status` and where the
    // resource will be) is what the polls read, not the resource
    let status_document = |t: &&codegen_ir::TypeRef| {
        ctx.types.get(t.name.as_str()).is_some_and(|def| {
            let props = ctx.all_properties(def);
            let has = |n: &str| props.iter().any(|p| p.name.eq_ignore_ascii_case(n));
            has("status")
                && ["resourceLocation", "targetResourceLocation", "resourceId", "targetResourceId"]
                    .iter()
                    .any(|n| has(n))
        })
    };
    let bound = op.callable.as_ref().and_then(|c| c.bound_to.as_ref());
    let made = resp.body.as_ref().filter(|t| !status_document(t)).or(bound);
    let resource = match made.map(|t| (t, types::element(ctx, t.name.as_str()))) {
        Some((t, Ok((ty, types::Shape::Model)))) if !t.collection => quote!(#ty),
        _ => {
            notes.push(Note::at(
                Code::E0002,
                format!("the resource that the long-running `{}` makes is typed as `serde_json::Value`: the docs name no model for it", op.id),
                Some(&SourceRef::file(op.source.as_str())),
            ));
            quote!(::serde_json::Value)
        }
    };
    (quote!(::graph_runtime::LongRunning<#resource>), quote!(::graph_runtime::LongRunning::parse(response)))
}

/// Whether the operation is a delta query: its path ends with the `delta` function.
fn is_delta(op: &Operation) -> bool {
    let last = op.paths.first().and_then(|p| p.segments.last());
    match last {
        Some(codegen_ir::Segment::Name(n)) | Some(codegen_ir::Segment::Call { name: n, .. }) => {
            n.eq_ignore_ascii_case("delta")
        }
        Some(codegen_ir::Segment::Cast(n)) => n.to_ascii_lowercase().ends_with(".delta"),
        _ => false,
    }
}

fn builder_doc(op: &Operation, template: &PathTemplate, collection: bool, query_options: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    let title = if op.title.is_empty() { op.id.clone() } else { op.title.clone() };
    lines.push(format!(" {}", docs::clean(&title)));
    if !op.description.trim().is_empty() {
        lines.push(String::new());
        lines.push(format!(" {}", docs::clean(&op.description)));
    }
    lines.push(String::new());
    lines.push(format!(" `{} {}`", op.method, docs::code(&template.to_string())));
    if op.paths.len() > 1 {
        lines.push(String::new());
        lines.push(" The service also answers at these paths, which this builder does not use:".to_string());
        for p in op.paths.iter().skip(1) {
            lines.push(format!(" - `{}`", docs::code(&p.to_string())));
        }
    }
    lines.extend(crate::permissions::doc_lines(op));
    if !query_options.is_empty() {
        let list: Vec<String> = query_options.iter().map(|o| format!("`{o}`")).collect();
        lines.push(String::new());
        lines.push(format!(
            " Query options: {}, set by the methods of the `graph_runtime::query` traits (in the crate's `prelude`).",
            list.join(", ")
        ));
    }
    if let Some(header) = op.response.as_ref().and_then(|r| r.monitor.as_deref()) {
        lines.push(String::new());
        lines.push(format!(
            " Long-running: the service answers `202 Accepted` with a `{}` header naming a monitor, so the \
             output is a `graph_runtime::LongRunning` holding the monitor; \
             `graph_runtime::client::Client::complete` polls it and fetches the resource (feature `client`).",
            docs::code(header)
        ));
    }
    if collection {
        lines.push(String::new());
        lines.push(
            " A collection: `graph_runtime::client::Client::items` and `pages` stream every page (feature `client`); \
             `graph_runtime::Pager::start(&builder, base)` gives the first request and follows the next \
             links without I/O."
                .to_string(),
        );
    }
    if is_delta(op) {
        lines.push(String::new());
        lines.push(
            " A delta query: its items are `graph_runtime::DeltaItem`s (changed, or removed with `@removed`); \
             `graph_runtime::client::Client::delta_items_of` runs the first round and its `delta_token()` \
             is where the next one starts (feature `client`)."
                .to_string(),
        );
    }
    lines
}
