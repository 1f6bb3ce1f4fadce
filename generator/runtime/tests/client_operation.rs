//! A long-running operation through the client against the mock server: a copy polled
//! through `inProgress` (with a `Retry-After`) to `completed`, and one to `failed`; an
//! endpoint whose output is a `LongRunning` completed into its resource, through a monitor on
//! another host (polled without the token) and through one on the service (with it).

mod support;

use graph_runtime::*;
use std::time::{Duration, UNIX_EPOCH};
use support::server::{MockServer, Reply};
use support::{client, VirtualTimer};

#[tokio::test]
async fn copy_polled_through_in_progress_to_completed() {
    let server = MockServer::script(vec![
        Reply::json(200, r#"{"status":"notStarted"}"#),
        Reply::json(200, r#"{"status":"inProgress","percentageComplete":50.0}"#).header("Retry-After", "4"),
        Reply::json(200, r#"{"status":"completed","resourceId":"01COPY"}"#),
    ])
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    // on `localhost`, another host than the service's `127.0.0.1`: a pre-authenticated URL
    let mut monitor =
        Monitor::at(format!("{}/monitor/op-1", server.base_url().replace("127.0.0.1", "localhost")), None).unwrap();
    let done = c.wait_operation(&mut monitor).await.unwrap();
    assert_eq!(done, Progress::Completed { resource_id: Some("01COPY".into()), resource_location: None });
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    assert!(sent.iter().all(|r| r.method == "GET" && r.target == "/v1.0/monitor/op-1"));
    assert!(sent.iter().all(|r| r.header("authorization").is_none()));
    assert_eq!(timer.waits(), [Duration::from_secs(1), Duration::from_secs(2), Duration::from_secs(4)]);
}

#[tokio::test]
async fn copy_polled_to_failed() {
    let server = MockServer::script(vec![
        Reply::json(200, r#"{"status":"inProgress"}"#),
        Reply::json(200, r#"{"status":"failed","error":{"code":"nameAlreadyExists","message":"x"}}"#),
    ])
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let mut monitor = Monitor::at(format!("{}/monitor/op-2", server.base_url()), None).unwrap();
    match c.wait_operation(&mut monitor).await.unwrap() {
        Progress::Failed { error: Some(e) } => assert_eq!(e.code, "nameAlreadyExists"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests().len(), 2);
}

/// `POST /things/{id}/copy`, answered `202 Accepted` with a monitor, as the generator writes
/// an operation whose docs answer so.
struct CopyThing(&'static str);

impl Endpoint for CopyThing {
    type Body = ();
    type Output = LongRunning<serde_json::Value>;
    const METHOD: http::Method = http::Method::POST;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut path = String::from("/things/");
        push_segment(&mut path, "thing-id", self.0)?;
        path.push_str("/copy");
        build_request(Self::METHOD, base, &path, &RequestOptions::default(), None)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, ResponseError> {
        LongRunning::parse(response)
    }
}

#[tokio::test]
async fn copy_through_a_monitor_on_another_host_completes_into_the_resource() {
    // the monitor is on `localhost`, the service on `127.0.0.1`: another host, no token
    let server = MockServer::start(|n, req| {
        let port = req.port();
        match n {
            0 => Reply::json(202, "").header("Location", &format!("http://localhost:{port}/monitor/op-3")),
            1 => Reply::json(200, r#"{"status":"inProgress","percentageComplete":10.0}"#),
            2 => Reply::json(200, &format!(r#"{{"status":"completed","resourceId":"c1","resourceLocation":"http://127.0.0.1:{port}/v1.0/things/c1"}}"#)),
            3 => Reply::json(200, r#"{"id":"c1","name":"the copy"}"#),
            _ => Reply::json(500, "{}"),
        }
    })
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let accepted = c.send(&CopyThing("t 1")).await.unwrap();
    assert!(matches!(accepted, LongRunning::Accepted(ref m) if !m.on_service()));
    let copy = c.complete(accepted).await.unwrap();
    assert_eq!(copy["name"], "the copy");
    let sent = server.requests();
    let lines: Vec<_> = sent.iter().map(|r| format!("{} {}", r.method, r.target)).collect();
    assert_eq!(
        lines,
        ["POST /v1.0/things/t%201/copy", "GET /monitor/op-3", "GET /monitor/op-3", "GET /v1.0/things/c1"]
    );
    let tokens: Vec<_> = sent.iter().map(|r| r.header("authorization").is_some()).collect();
    assert_eq!(tokens, [true, false, false, true], "monitor polls carry no token; the service's requests do");
    assert_eq!(timer.waits(), [Duration::from_secs(1), Duration::from_secs(2)]);
}

#[tokio::test]
async fn a_monitor_on_the_service_is_polled_with_the_token_and_a_failure_is_typed() {
    let server = MockServer::script(vec![
        Reply::json(202, "").header("Location", "/things('t1')/operations('o1')").header("Retry-After", "3"),
        Reply::json(200, r#"{"status":"running"}"#),
        Reply::json(200, r#"{"status":"failed","error":{"code":"quotaLimitReached","message":"full"}}"#),
    ])
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let accepted = c.send(&CopyThing("t1")).await.unwrap();
    match c.complete(accepted).await {
        Err(OperationError::Failed(Some(e))) => assert_eq!(e.code, "quotaLimitReached"),
        other => panic!("{other:?}"),
    }
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    assert!(sent[1..].iter().all(|r| r.target == "/v1.0/things('t1')/operations('o1')"));
    assert!(sent.iter().all(|r| r.header("authorization") == Some("Bearer test-token")));
    assert_eq!(timer.waits(), [Duration::from_secs(3), Duration::from_secs(2)]);
}

#[tokio::test]
async fn an_absolute_monitor_under_the_service_root_is_polled_with_the_token() {
    // print operations name `https://graph.microsoft.com/v1.0/print/operations/{id}`
    let server = MockServer::script(vec![Reply::json(200, r#"{"status":{"state":"succeeded"}}"#)]).await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let mut monitor = Monitor::at(format!("{}/print/operations/p1", server.base_url()), None).unwrap();
    assert!(matches!(c.wait_operation(&mut monitor).await, Ok(Progress::Completed { .. })));
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].header("authorization"), Some("Bearer test-token"));
}
