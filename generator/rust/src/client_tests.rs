//! The client test file of the generated crate (`tests/client_examples.rs`, feature
//! `client`): every example exchange of the docs sent through its endpoint and the
//! runtime's client to a transport that plays the service, answering with the example's
//! own status and body. Each test checks the method and path sent, the request body, and
//! that the answer decodes into the documented response (or the documented Graph error).

use crate::naming::{self, Case, Scope};
use crate::print::TestFile;
use crate::roundtrip::TestCase;
use quote::quote;

/// The tests of all examples; `crate_name` is the library the test file links.
pub fn tests(crate_name: &str, cases: &[TestCase], deprecated: bool) -> TestFile {
    // the tests use every endpoint and model, the deprecated ones too
    let allow = if deprecated {
        quote!(#![allow(unused_imports, dead_code, deprecated)])
    } else {
        quote!(#![allow(unused_imports, dead_code)])
    };
    let krate = naming::ident(&crate_name.replace('-', "_"));
    let mut scope = Scope::new(&["same", "strip_context", "exchange", "Docs"]);
    let mut fns = Vec::new();
    for case in cases {
        let module = naming::ident(&case.module);
        let builder = naming::ident(&case.ident);
        let path = quote!(#krate::endpoints::#module::#builder);
        for ex in &case.op.examples {
            if ex.request_placeholder || ex.response_placeholder {
                continue;
            }
            let Some(status) = ex.response_status else { continue };
            if case.has_body && ex.request_body.is_none() {
                continue;
            }
            let base = if ex.name.trim().is_empty() { case.ident.clone() } else { ex.name.clone() };
            let f = scope.name(&format!("{base}_through_the_client"), Case::Snake).ident();
            let doc = format!(" Example `{}` of `{}` ({}).", ex.name, case.op.id, ex.source);
            let mut cfg = case.gates.op_cfg(&case.op.id);
            for body in ex.request_body.iter().chain(ex.response_body.iter()) {
                let c = case.gates.example_cfg(&case.op.id, body);
                if !c.is_empty() {
                    cfg = c;
                }
            }
            let ids: Vec<String> = (1..=case.params).map(|n| format!("id-{n}")).collect();
            let request = crate::literal::text(&ex.request_body.as_ref().map(|b| b.to_string()).unwrap_or_default());
            let answer = crate::literal::text(&ex.response_body.as_ref().map(|b| b.to_string()).unwrap_or_default());
            let body_arg =
                if case.has_body { quote!(::serde_json::from_str(#request).expect("request body"),) } else { quote!() };
            let sample_path = format!("/v1.0{}", case.sample_path);
            let check = if case.accepted(Some(status)) {
                quote! {
                    match result.expect("accepted") {
                        ::graph_runtime::LongRunning::Accepted(monitor) => assert_eq!(monitor.url(), MONITOR),
                        ::graph_runtime::LongRunning::Done(_) => panic!("a 202 answer is a monitor"),
                    }
                }
            } else if (200..300).contains(&status) {
                if case.has_output && ex.response_body.is_some() {
                    quote! {
                        let output = result.expect("decoded");
                        let expected: ::serde_json::Value = ::serde_json::from_str(#answer).unwrap();
                        let actual = ::serde_json::to_value(&output).unwrap();
                        assert!(same(&strip_context(expected.clone()), &strip_context(actual.clone())), "{expected:#}\n!=\n{actual:#}");
                    }
                } else {
                    quote! { result.expect("a success"); }
                }
            } else {
                quote! {
                    let expected: ::serde_json::Value = ::serde_json::from_str(#answer).unwrap_or_default();
                    let code = expected.pointer("/error/code").and_then(::serde_json::Value::as_str);
                    match result {
                        Err(::graph_runtime::Error::Response(e)) => assert_eq!(e.code(), code),
                        other => panic!("expected the documented error, got {other:?}"),
                    }
                }
            };
            let sent_body = if ex.request_body.is_some() {
                quote! {
                    let expected: ::serde_json::Value = ::serde_json::from_str(#request).unwrap();
                    let actual: ::serde_json::Value = ::serde_json::from_slice(&sent.body).expect("a JSON body was sent");
                    assert!(same(&expected, &actual), "sent {actual:#}\n!=\n{expected:#}");
                }
            } else {
                quote!()
            };
            fns.push(quote! {
                #[doc = #doc]
                #cfg
                #[test]
                fn #f() {
                    let endpoint = #path::new(#(#ids,)* #body_arg);
                    let (result, sent) = exchange(&endpoint, #status, #answer);
                    assert_eq!(sent.method, <#path as Endpoint>::METHOD);
                    assert_eq!(sent.path, #sample_path);
                    #sent_body
                    #check
                }
            });
        }
    }
    let summary = format!(" {} example exchanges tested.", fns.len());
    if fns.is_empty() {
        let head = quote! {
            //! Every example exchange of the docs through its endpoint and the client (none yet).
            #![doc = ""]
            #![doc = #summary]
        };
        return TestFile::new(head, &fns);
    }
    let head = quote! {
        //! Every example exchange of the docs through its endpoint and the runtime's client
        //! (feature `client`), to a transport that answers with the example's own status and
        //! body: the method, path and body sent are checked, and the answer must decode into
        //! the documented response.
        #![doc = ""]
        #![doc = #summary]
        #![cfg(feature = "client")]

        #[rustfmt::skip]
        mod cases {
            #allow
            use ::graph_runtime::Endpoint;
            use ::graph_runtime::client::{BoxFuture, Client, Transport};
            use ::std::sync::{Arc, Mutex};

            /// The monitor that the transport names in every `202 Accepted` answer.
            const MONITOR: &str = "https://monitor.example/operations/1";

            /// What the client sent.
            #[derive(Debug, Default, Clone)]
            struct Sent {
                method: ::http::Method,
                path: String,
                body: Vec<u8>,
            }

            /// Plays the service: records the request, answers with the docs' example.
            struct Docs {
                status: u16,
                body: &'static str,
                sent: Arc<Mutex<Vec<Sent>>>,
            }

            impl Transport for Docs {
                fn send(&self, request: ::http::Request<::graph_runtime::client::Bytes>) -> BoxFuture<'_, Result<::http::Response<::graph_runtime::client::Bytes>, ::graph_runtime::TransportError>> {
                    let sent = Sent { method: request.method().clone(), path: request.uri().path().to_owned(), body: request.body().to_vec() };
                    if let Ok(mut all) = self.sent.lock() {
                        all.push(sent);
                    }
                    let mut response = ::http::Response::new(::graph_runtime::client::Bytes::from_static(self.body.as_bytes()));
                    *response.status_mut() = ::http::StatusCode::from_u16(self.status).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR);
                    response.headers_mut().insert("content-type", ::http::HeaderValue::from_static("application/json"));
                    if self.status == 202 {
                        response.headers_mut().insert("location", ::http::HeaderValue::from_static(MONITOR));
                    }
                    Box::pin(async move { Ok(response) })
                }
            }

            /// Sends `endpoint` through a client whose transport answers `status` and `body`.
            fn exchange<E: Endpoint>(endpoint: &E, status: u16, body: &'static str) -> (Result<E::Output, ::graph_runtime::Error>, Sent) {
                let sent = Arc::new(Mutex::new(Vec::new()));
                let client = Client::builder()
                    .transport(Docs { status, body, sent: sent.clone() })
                    .timeout(None)
                    .retry(::graph_runtime::RetryPolicy::none())
                    .build()
                    .expect("client");
                let call = client.send(endpoint);
                let mut call = ::std::pin::pin!(call);
                let mut cx = ::std::task::Context::from_waker(::std::task::Waker::noop());
                // The transport answers at once: a few polls finish the call.
                let mut result = None;
                for _ in 0..64 {
                    if let ::std::task::Poll::Ready(r) = ::std::future::Future::poll(call.as_mut(), &mut cx) {
                        result = Some(r);
                        break;
                    }
                }
                let result = result.expect("the call finishes");
                let sent = sent.lock().map(|s| s.first().cloned().unwrap_or_default()).unwrap_or_default();
                (result, sent)
            }

            /// Equal as JSON, numbers by value, a `null` property the same as an absent one.
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
