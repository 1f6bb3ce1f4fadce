//! End to end: every example exchange of `docs-input/` goes through its generated endpoint
//! and the runtime's client to a mock server on 127.0.0.1 that answers with the docs' own
//! example response (status and body). The server checks the method, the path and the
//! request body the client sent; the test checks that the answer decodes into the
//! documented response. Every operation of the IR that has examples must be in the table
//! below, so a new page of `docs-input/` fails here until it is wired in.

#[path = "../../generator/runtime/tests/support/server.rs"]
mod server;

use generated::endpoints::device_management as dm;
use generated::endpoints::long_running_operations as lro;
use generated::endpoints::operations as ops;
use generated::runtime::client::{Client, ReqwestTransport, StaticToken};
use generated::runtime::{Endpoint, Error, RetryPolicy};
use serde_json::Value;
use server::{MockServer, Recorded, Reply};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Equal as JSON, numbers by value, a `null` property the same as an absent one.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            let covers = |x: &serde_json::Map<String, Value>, y: &serde_json::Map<String, Value>| {
                x.iter().all(|(k, v)| match y.get(k) {
                    Some(w) => same(v, w),
                    None => v.is_null() || k == "@odata.context",
                })
            };
            covers(x, y) && covers(y, x)
        }
        _ => a == b,
    }
}

async fn call<E: Endpoint>(client: &Client, endpoint: E) -> Result<Value, Error> {
    let output = client.send(&endpoint).await?;
    Ok(serde_json::to_value(output).expect("output serializes"))
}

fn body<T: serde::de::DeserializeOwned>(example: &codegen_ir::Example) -> T {
    let json = example.request_body.clone().unwrap_or(Value::Null);
    serde_json::from_value(json).unwrap_or_else(|e| panic!("{}: request body: {e}", example.source))
}

/// Sends the example's request through the operation's endpoint; `None` when the
/// operation is not in the table.
async fn send(client: &Client, id: &str, ex: &codegen_ir::Example) -> Option<Result<Value, Error>> {
    let (a, b) = ("id-1", "id-2");
    Some(match id {
        "devicemanagement_get" => call(client, dm::GetDeviceManagement::new()).await,
        "grouppolicyoperation_create" => call(client, dm::CreateGroupPolicyOperation::new(a, body(ex))).await,
        "grouppolicyoperation_delete" => call(client, dm::DeleteGroupPolicyOperation::new(a, b)).await,
        "grouppolicyoperation_get" => call(client, dm::GetGroupPolicyOperation::new(a, b)).await,
        "grouppolicyoperation_list" => call(client, dm::ListGroupPolicyOperations::new(a)).await,
        "grouppolicyoperation_update" => call(client, dm::UpdateGroupPolicyOperation::new(a, b, body(ex))).await,
        "grouppolicyuploadeddefinitionfile_get" => call(client, dm::GetGroupPolicyUploadedDefinitionFile::new(a)).await,
        "grouppolicyuploadeddefinitionfile_list" => {
            call(client, dm::ListGroupPolicyUploadedDefinitionFiles::new()).await
        }
        "grouppolicyuploadeddefinitionfile_duplicate" => {
            call(client, dm::GroupPolicyUploadedDefinitionFileDuplicate::new(a, body(ex))).await
        }
        "longrunningoperation_get" => call(client, lro::GetLongRunningOperation::new(a)).await,
        "longrunningoperation_update" => call(client, lro::UpdateLongRunningOperation::new(a, body(ex))).await,
        "operation_delete" => call(client, ops::DeleteOperation::new(a)).await,
        "operation_get" => call(client, ops::GetOperation::new(a)).await,
        "operation_list" => call(client, ops::ListOperations::new()).await,
        "operation_list_by_status" => call(client, ops::ListOperationsByStatus::new("running")).await,
        "operation_update" => call(client, ops::UpdateOperation::new(a, body(ex))).await,
        "list_users" => call(client, generated::endpoints::users::ListUsers::new()).await,
        "update_user" => call(client, generated::endpoints::users::UpdateUser::new(a, body(ex))).await,
        _ => return None,
    })
}

/// The monitor that the server names in a `202 Accepted` answer.
const MONITOR: &str = "https://monitor.example/operations/7";

/// The template with its parameters replaced by `id-1`, `id-2`, ... in order.
fn expected_path(template: &str) -> String {
    let mut out = String::from("/v1.0");
    let mut n = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        n += 1;
        out.push_str(&rest[..open]);
        out.push_str(&format!("id-{n}"));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn every_docs_example_goes_through_its_endpoint_and_the_client() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let out = codegen_docs::pipeline::run(&root).expect("docs-input reads");
    let reply: Arc<Mutex<Reply>> = Arc::new(Mutex::new(Reply::json(500, "")));
    let current = reply.clone();
    let server = MockServer::start(move |_, _: &Recorded| current.lock().expect("reply").clone()).await;
    let reqwest = reqwest::Client::builder().no_proxy().build().expect("reqwest");
    let client = Client::builder()
        .base_url(server.base_url())
        .token(StaticToken::new("t"))
        .transport(ReqwestTransport::from_client(reqwest))
        .retry(RetryPolicy::none())
        .build()
        .expect("client");

    let (mut checked, mut failures, mut missing) = (0, Vec::new(), Vec::new());
    for op in &out.schema.operations {
        for ex in &op.examples {
            if ex.request_placeholder || ex.response_placeholder {
                continue;
            }
            let status = ex.response_status.unwrap_or(200);
            let answer = ex.response_body.as_ref().map(Value::to_string).unwrap_or_default();
            // a `202 Accepted` names its monitor
            let answered = Reply::json(status, &answer);
            *reply.lock().expect("reply") = if status == 202 { answered.header("Location", MONITOR) } else { answered };
            let before = server.requests().len();
            let Some(result) = send(&client, &op.id, ex).await else {
                missing.push(op.id.clone());
                break;
            };
            checked += 1;
            let here = format!("{} ({})", op.id, ex.source);
            let sent = server.requests();
            let Some(request) = sent.get(before) else {
                failures.push(format!("{here}: no request reached the server"));
                continue;
            };
            let template = op.paths.first().map(|p| p.to_string()).unwrap_or_default();
            if request.method != op.method.as_str()
                || request.target.split('?').next() != Some(&expected_path(&template))
            {
                failures.push(format!("{here}: sent {} {}", request.method, request.target));
            }
            if let Some(expected) = &ex.request_body {
                let actual: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
                if !same(expected, &actual) {
                    failures.push(format!("{here}: request body {actual} != {expected}"));
                }
            }
            match (result, &ex.response_body) {
                (Ok(actual), Some(expected)) if (200..300).contains(&status) => {
                    if !same(expected, &actual) {
                        failures.push(format!("{here}: decoded {actual} != documented {expected}"));
                    }
                }
                (Ok(actual), None) if status == 202 => {
                    if actual.pointer("/accepted/url") != Some(&Value::from(MONITOR)) {
                        failures.push(format!("{here}: a 202 gave {actual}, not the monitor"));
                    }
                }
                (Ok(actual), None) if (200..300).contains(&status) => {
                    if !actual.is_null() {
                        failures.push(format!("{here}: no body documented, decoded {actual}"));
                    }
                }
                (Err(Error::Response(e)), Some(expected)) if !(200..300).contains(&status) => {
                    let code = expected.pointer("/error/code").and_then(Value::as_str);
                    if e.code() != code {
                        failures.push(format!("{here}: error code {:?} != {code:?}", e.code()));
                    }
                }
                (other, _) => failures.push(format!("{here}: status {status}: {other:?}")),
            }
        }
    }
    assert!(missing.is_empty(), "operations with examples but no row in the table: {missing:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 14, "only {checked} examples checked");
}
