//! A long-running operation through the client against the mock server: a copy polled
//! through `inProgress` (with a `Retry-After`) to `completed`, and one to `failed`.

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
    let mut monitor = Monitor::at(format!("{}/monitor/op-1", server.base_url()), None).unwrap();
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
