//! The round-trip test file of the generated crate: every example body of the docs is
//! read into its generated type (request bodies through `Endpoint::Body`, responses through
//! the endpoint's own decoder), written back, and compared with the example as JSON.

use crate::naming::{self, Case, Scope};
use crate::print::TestFile;
use codegen_ir::Operation;
use quote::quote;

/// One emitted endpoint and the path of its builder.
pub struct TestCase<'a> {
    pub op: &'a Operation,
    pub module: String,
    pub ident: String,
    pub has_body: bool,
    pub has_output: bool,
    /// Path parameters the constructor takes.
    pub params: usize,
    /// The request path with the parameters `id-1`, `id-2`, ...
    pub sample_path: String,
    /// The Cargo features of the crate (tests carry their endpoint's area).
    pub gates: &'a crate::features::Gates,
}

impl TestCase<'_> {
    /// Whether an example answered `status` hands back a monitor (a long-running
    /// operation's `202 Accepted`), not the resource.
    pub fn accepted(&self, status: Option<u16>) -> bool {
        status == Some(202) && self.op.response.as_ref().is_some_and(|r| r.monitor.is_some())
    }
}

/// The tests of all examples; `crate_name` is the library the test file links.
pub fn tests(crate_name: &str, cases: &[TestCase], deprecated: bool) -> TestFile {
    // the tests use every endpoint and model, the deprecated ones too
    let allow = if deprecated {
        quote!(#![allow(unused_imports, dead_code, deprecated)])
    } else {
        quote!(#![allow(unused_imports, dead_code)])
    };
    let mut skipped: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    // A body with placeholder values shows the shape of a payload, not one a service
    // sends (its D0207 diagnostic says so in the docs); a truncated body is tested: it
    // leaves values out, and every field is optional.
    let mut skip = |placeholder: bool| {
        if placeholder {
            *skipped.entry("placeholder values").or_default() += 1;
        }
        placeholder
    };
    let krate = naming::ident(&crate_name.replace('-', "_"));
    let mut scope = Scope::new(&["same", "strip_context", "response"]);
    let mut fns = Vec::new();
    for case in cases {
        let module = naming::ident(&case.module);
        let builder = naming::ident(&case.ident);
        let path = quote!(#krate::endpoints::#module::#builder);
        for ex in &case.op.examples {
            let base = if ex.name.trim().is_empty() { case.ident.clone() } else { ex.name.clone() };
            let source = format!(" Example `{}` of `{}` ({}).", ex.name, case.op.id, ex.source);
            if let (true, Some(body)) =
                (case.has_body, ex.request_body.as_ref().filter(|_| !skip(ex.request_placeholder)))
            {
                let cfg = case.gates.example_cfg(&case.op.id, body);
                let f = scope.name(&format!("{base}_request"), Case::Snake).ident();
                let json = crate::literal::text(&body.to_string());
                fns.push(quote! {
                    #[doc = #source]
                    #cfg
                    #[test]
                    fn #f() {
                        let expected: ::serde_json::Value = ::serde_json::from_str(#json).unwrap();
                        let body: <#path as Endpoint>::Body = ::serde_json::from_str(#json).expect("request body");
                        let actual = ::serde_json::to_value(&body).unwrap();
                        assert!(same(&strip_context(expected.clone()), &strip_context(actual.clone())), "{expected:#}\n!=\n{actual:#}");
                    }
                });
            }
            let failure = ex.response_status.filter(|s| !(200..300).contains(s));
            let response = ex.response_body.as_ref().filter(|_| !skip(ex.response_placeholder));
            if let (Some(body), Some(status)) = (response, failure) {
                let cfg = case.gates.example_cfg(&case.op.id, body);
                let f = scope.name(&format!("{base}_error"), Case::Snake).ident();
                let json = crate::literal::text(&body.to_string());
                fns.push(quote! {
                    #[doc = #source]
                    #cfg
                    #[test]
                    fn #f() {
                        let expected: ::serde_json::Value = ::serde_json::from_str(#json).unwrap();
                        let error = <#path as Endpoint>::parse_response(&response(#status, #json)).expect_err("an error status");
                        let ResponseError::Graph { error, .. } = error else { panic!("not a Graph error: {error}") };
                        let actual = ::serde_json::to_value(&error).unwrap();
                        assert!(same(&expected, &actual), "{expected:#}\n!=\n{actual:#}");
                    }
                });
            }
            // a long-running operation's 202 carries a monitor, not the resource
            let success =
                ex.response_status.is_some_and(|s| (200..300).contains(&s)) && !case.accepted(ex.response_status);
            if let (true, true, Some(body), Some(status)) = (success, case.has_output, response, ex.response_status) {
                let cfg = case.gates.example_cfg(&case.op.id, body);
                let f = scope.name(&format!("{base}_response"), Case::Snake).ident();
                let json = crate::literal::text(&body.to_string());
                fns.push(quote! {
                    #[doc = #source]
                    #cfg
                    #[test]
                    fn #f() {
                        let expected: ::serde_json::Value = ::serde_json::from_str(#json).unwrap();
                        let output = <#path as Endpoint>::parse_response(&response(#status, #json)).expect("response");
                        let actual = ::serde_json::to_value(&output).unwrap();
                        assert!(same(&strip_context(expected.clone()), &strip_context(actual.clone())), "{expected:#}\n!=\n{actual:#}");
                    }
                });
            }
        }
    }
    let mut summary = format!(" {} example bodies tested", fns.len());
    for (why, n) in &skipped {
        summary.push_str(&format!("; {n} skipped ({why})"));
    }
    summary.push('.');
    if fns.is_empty() {
        let head = quote! {
            //! Every example body of the docs, read into its generated type and written back (none yet).
            #![doc = ""]
            #![doc = #summary]
        };
        return TestFile::new(head, &fns);
    }
    let head = quote! {
        //! Every example body of the docs, read into its generated type and written back.
        //! Bodies with placeholder values are no real payloads and get no test; bodies that are
        //! not JSON never reach the IR (D0214).
        #![doc = ""]
        #![doc = #summary]

        #[rustfmt::skip]
        mod cases {
            #allow
            use ::graph_runtime::{Endpoint, ResponseError};

            /// Equal as JSON, numbers compared by value (`1` and `1.0` are the same number) and
            /// a `null` property the same as an absent one (models read both as `None`).
            fn same(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
                use ::serde_json::Value;
                match (a, b) {
                    (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
                    (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
                    (Value::Object(x), Value::Object(y)) => {
                        let covers = |x: &::serde_json::Map<String, Value>, y: &::serde_json::Map<String, Value>| {
                            x.iter().all(|(k, v)| match y.get(k) {
                                Some(w) => same(v, w),
                                None => v.is_null(),
                            })
                        };
                        covers(x, y) && covers(y, x)
                    }
                    _ => a == b,
                }
            }

            /// An answer with this status and body.
            fn response(status: u16, body: &str) -> ::http::Response<&[u8]> {
                let mut response = ::http::Response::new(body.as_bytes());
                *response.status_mut() = ::http::StatusCode::from_u16(status).unwrap();
                response
            }

            /// The top-level `@odata.context` is metadata no model keeps.
            fn strip_context(mut v: ::serde_json::Value) -> ::serde_json::Value {
                if let Some(o) = v.as_object_mut() {
                    o.remove("@odata.context");
                }
                v
            }
        }
    };
    TestFile::new(head, &fns)
}
