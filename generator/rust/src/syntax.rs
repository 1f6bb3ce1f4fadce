//! syn trees built directly, for the shapes every model and endpoint repeats: doc lines,
//! fields, types, method calls, and impls whose fixed parts are parsed once per thread and
//! cloned ([`template`]). Parsing `quote!` output was most of `emit` (syn's parse of each
//! item 39% of `gen`'s instructions on v1.0, prettyplease's printing 12%); a tree built
//! here is the tree syn would have parsed, so the printed text is the same.

use proc_macro2::{Ident, Span, TokenStream};
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use syn::punctuated::Punctuated;
use syn::{
    AngleBracketedGenericArguments, Arm, AttrStyle, Attribute, Expr, ExprCall, ExprField, ExprLit, ExprMethodCall,
    ExprPath, ExprReference, Field, FieldMutability, GenericArgument, Lit, LitStr, Member, Meta, MetaNameValue, Pat,
    Path, PathArguments, PathSegment, Stmt, Type, TypePath, Visibility,
};

/// The tree `tokens()` parses into, parsed once per thread under `key` and cloned after
/// that (a key names one template; its tokens never change).
pub fn template<T: syn::parse::Parse + Clone + 'static>(
    key: &'static str,
    tokens: fn() -> TokenStream,
) -> syn::Result<T> {
    thread_local! {
        static PARSED: RefCell<HashMap<&'static str, Box<dyn Any>>> = RefCell::new(HashMap::new());
    }
    PARSED.with(|parsed| {
        if let Some(t) = parsed.borrow().get(key).and_then(|t| t.downcast_ref::<T>()) {
            return Ok(t.clone());
        }
        let t: T = syn::parse2(tokens())?;
        parsed.borrow_mut().insert(key, Box::new(t.clone()));
        Ok(t)
    })
}

/// A template whose tree is not the shape its user expects: a generator bug, reported as
/// the item's E0002 note.
pub fn shape(key: &str) -> syn::Error {
    syn::Error::new(Span::call_site(), format!("template `{key}` has an unexpected shape"))
}

/// An identifier (`r#` for a raw one), as [`crate::naming::ident`].
pub fn ident(name: &str) -> Ident {
    crate::naming::ident(name)
}

/// A string literal expression of `text`, escaped as `quote!` writes a `&str`.
pub fn lit(text: &str) -> Expr {
    Expr::Lit(lit_str(text))
}

/// A string literal of `text` (an expression or a pattern).
pub fn lit_str(text: &str) -> ExprLit {
    ExprLit { attrs: Vec::new(), lit: Lit::Str(LitStr::new(text, Span::call_site())) }
}

/// `Self::name`: a variant of the type being implemented.
pub fn self_path(name: Ident) -> ExprPath {
    let mut path = Path::from(Ident::new("Self", Span::call_site()));
    path.segments.push(PathSegment::from(name));
    ExprPath { attrs: Vec::new(), qself: None, path }
}

/// `pat => body,` in a `match`.
pub fn arm(pat: Pat, body: Expr) -> Arm {
    Arm {
        attrs: Vec::new(),
        pat,
        guard: None,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// `#[doc = "line"]`; `line` is the doc text as written after `///`.
pub fn doc(line: &str) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: Meta::NameValue(MetaNameValue {
            path: Path::from(Ident::new("doc", Span::call_site())),
            eq_token: Default::default(),
            value: Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::new(crate::literal::text(line)) }),
        }),
    }
}

/// Outer attributes written as tokens (a `#[cfg]` gate), or none when they do not parse.
pub fn attrs(tokens: &TokenStream) -> Vec<Attribute> {
    if tokens.is_empty() {
        return Vec::new();
    }
    syn::parse::Parser::parse2(Attribute::parse_outer, tokens.clone()).unwrap_or_default()
}

/// A path of `segments`, from the crate root (`::a::b`) when `global`.
pub fn path(global: bool, segments: &[&str]) -> Path {
    Path {
        leading_colon: global.then(Default::default),
        segments: segments.iter().map(|s| PathSegment::from(ident(s))).collect(),
    }
}

/// The type at `path`.
pub fn path_type(path: Path) -> Type {
    Type::Path(TypePath { qself: None, path })
}

/// `path<inner>`: `Option<T>`, `Vec<T>`, `::graph_runtime::Patch<T>`, ...
pub fn generic(mut path: Path, inner: Type) -> Type {
    if let Some(last) = path.segments.last_mut() {
        last.arguments = angle(inner);
    }
    path_type(path)
}

/// `<inner>`: the generic argument of a path segment.
pub fn angle(inner: Type) -> PathArguments {
    PathArguments::AngleBracketed(AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: Default::default(),
        args: std::iter::once(GenericArgument::Type(inner)).collect(),
        gt_token: Default::default(),
    })
}

/// `pub name: ty` with `attrs` (gates, then doc lines).
pub fn field(attrs: Vec<Attribute>, name: Ident, ty: Type) -> Field {
    Field {
        attrs,
        vis: Visibility::Public(Default::default()),
        mutability: FieldMutability::None,
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// The variable (or other one-segment path) `name` as an expression.
pub fn var(name: &str) -> Expr {
    var_of(ident(name))
}

/// The variable `name` as an expression.
pub fn var_of(name: Ident) -> Expr {
    Expr::Path(ExprPath { attrs: Vec::new(), qself: None, path: Path::from(name) })
}

/// `receiver.method(args)`.
pub fn call(receiver: Expr, method: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::MethodCall(method_call(Vec::new(), receiver, method, args))
}

/// `receiver.method(args);` with `attrs` (a `#[cfg]` gate) on the call, where syn puts
/// them.
pub fn call_statement(
    attrs: Vec<Attribute>,
    receiver: Expr,
    method: &str,
    args: impl IntoIterator<Item = Expr>,
) -> Stmt {
    Stmt::Expr(Expr::MethodCall(method_call(attrs, receiver, method, args)), Some(Default::default()))
}

fn method_call(
    attrs: Vec<Attribute>,
    receiver: Expr,
    method: &str,
    args: impl IntoIterator<Item = Expr>,
) -> ExprMethodCall {
    ExprMethodCall {
        attrs,
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect::<Punctuated<Expr, syn::Token![,]>>(),
    }
}

/// `path(args)`: a call of the function at `path`.
pub fn call_fn(path: Path, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(Expr::Path(ExprPath { attrs: Vec::new(), qself: None, path })),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `base.field`.
pub fn member(base: Expr, field: Ident) -> Expr {
    Expr::Field(ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        member: Member::Named(field),
    })
}

/// `&expr`.
pub fn borrow(expr: Expr) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// The one-segment type `name` (a type of the same module, `Self`'s name in an impl).
pub fn named_type(name: Ident) -> Type {
    path_type(Path::from(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{quote, ToTokens};

    /// A built tree prints as the parsed one.
    fn same<T: ToTokens>(built: T, parsed: TokenStream) {
        assert_eq!(built.to_token_stream().to_string(), parsed.to_string());
    }

    #[test]
    fn built_trees_are_the_parsed_ones() {
        same(doc(" A line."), quote!(#[doc = r" A line."]));
        same(
            generic(path(true, &["graph_runtime", "Patch"]), named_type(ident("String"))),
            quote!(::graph_runtime::Patch<String>),
        );
        let fields =
            field(vec![doc(" x")], ident("r#type"), generic(path(false, &["Option"]), named_type(ident("i32"))));
        same(fields, quote!(#[doc = r" x"] pub r#type: Option<i32>));
        let gate = attrs(&quote!(#[cfg(feature = "x")]));
        let write =
            call_statement(gate, var("object"), "optional", [lit("a\"b"), borrow(member(var("self"), ident("a")))]);
        same(write, quote!(#[cfg(feature = "x")] object.optional("a\"b", &self.a);));
        let cached: syn::Result<Type> = template("test-type", || quote!(Vec<u8>));
        same(cached.expect("parses"), quote!(Vec<u8>));
        let again: syn::Result<Type> = template("test-type", || quote!(not used));
        same(again.expect("cached"), quote!(Vec<u8>));
    }
}
