//! Required query parameters of a request builder: a query parameter the docs mark
//! required, and each placeholder of a fixed query (`$filter=kindId eq {kindId}`), is an
//! argument of the constructor and is sent with every request; a fixed query is sent with
//! its placeholders filled in.

use codegen_ir::{Operation, ParamLocation, Parameter, Piece, QueryTemplate};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The names of every fixed query's placeholders.
fn placeholders(op: &Operation) -> Vec<&str> {
    op.required_query.iter().flat_map(QueryTemplate::placeholders).collect()
}

/// True when `p` fills a fixed query rather than being sent on its own.
pub fn fills_template(op: &Operation, p: &Parameter) -> bool {
    p.location == ParamLocation::Query && placeholders(op).contains(&p.name.as_str())
}

/// The query parameters the constructor takes, in order, each once: required ones (no
/// `$` option) and the placeholders of the fixed queries.
pub fn required(op: &Operation) -> Vec<&Parameter> {
    let mut out: Vec<&Parameter> = Vec::new();
    let fills = placeholders(op);
    for p in op.parameters.iter().filter(|p| p.location == ParamLocation::Query) {
        let wanted = fills.contains(&p.name.as_str()) || (p.required && !p.name.starts_with('$'));
        if wanted && !out.iter().any(|o| o.name == p.name) {
            out.push(p);
        }
    }
    out
}

/// True when the builder's `name` query option method (`filter` for `$filter`) would send
/// what a fixed query already sends.
pub fn is_fixed(op: &Operation, option: &str) -> bool {
    op.required_query.iter().any(|r| r.name.eq_ignore_ascii_case(option))
}

/// The statements of `request_with_base` that add the required query to a copy of the
/// options (`options`), given the field each parameter is held in; `None` when the
/// operation has no required query (the builder's options are sent as they are).
pub fn send(op: &Operation, fields: &[(String, Ident)]) -> Option<TokenStream> {
    if fields.is_empty() && op.required_query.is_empty() {
        return None;
    }
    let field = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, f)| f);
    let mut code = Vec::new();
    for p in required(op).into_iter().filter(|p| !fills_template(op, p)) {
        let wire = p.name.as_str();
        if let Some(f) = field(wire) {
            code.push(quote! { options.extra_query.push((#wire.to_owned(), self.#f.clone())); });
        }
    }
    for r in &op.required_query {
        let wire = r.name.as_str();
        let pushes: Vec<TokenStream> = r
            .parts()
            .into_iter()
            .map(|part| match part {
                Piece::Literal(t) => match crate::endpoints::single_char(t) {
                    Some(c) => quote! { value.push(#c); },
                    None => quote! { value.push_str(#t); },
                },
                Piece::Param(h) => match field(h) {
                    Some(f) => quote! { value.push_str(&self.#f); },
                    None => {
                        let raw = format!("{{{h}}}");
                        quote! { value.push_str(#raw); }
                    }
                },
            })
            .collect();
        code.push(quote! {
            let mut value = String::new();
            #(#pushes)*
            options.extra_query.push((#wire.to_owned(), value));
        });
    }
    Some(quote! {
        let mut options = self.options.clone();
        #(#code)*
    })
}
