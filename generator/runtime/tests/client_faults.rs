//! The client against a mock Graph server on 127.0.0.1, with faults injected: throttling
//! with `Retry-After` in seconds and as a date, 503 then success, a reset connection, a
//! truncated body, an answer past the timeout, a 401 with a Graph error, a refused
//! connection, and the limits of the retry policy. Each test asserts the outcome, the
//! number of requests the server saw, the waits (on a virtual timer: no test sleeps for
//! a retry) and the `tracing` events.

mod support;

use graph_runtime::client::{Client, Timer};
use graph_runtime::*;
use std::time::{Duration, UNIX_EPOCH};
use support::server::{MockServer, Reply};
use support::{client, CreateThing, Events, GetThing, VirtualTimer};
use tracing::instrument::WithSubscriber;

fn timer() -> VirtualTimer {
    VirtualTimer::at(UNIX_EPOCH + Duration::from_secs(1_900_000_000))
}

const THROTTLED: &str = r#"{"error":{"code":"TooManyRequests","message":"Please retry later."}}"#;

fn ms(d: Duration) -> u128 {
    d.as_millis()
}

#[tokio::test]
async fn throttled_with_retry_after_seconds_waits_exactly_that() {
    let server = MockServer::script(vec![
        Reply::json(429, THROTTLED).header("Retry-After", "2"),
        Reply::json(200, r#"{"id":"1"}"#),
    ])
    .await;
    let timer = timer();
    let events = Events::default();
    let c = client(&server.base_url(), &timer).build().unwrap();
    let resp = c.execute(&GetThing("1".into())).with_subscriber(events.clone()).await.unwrap();
    assert_eq!(resp.value["id"], "1");
    assert_eq!(resp.attempts, 2);
    assert_eq!(server.requests().len(), 2);
    assert_eq!(timer.waits(), vec![Duration::from_secs(2)]);
    let all = events.all();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].starts_with("retrying Graph request"), "{all:?}");
    assert!(all[0].contains("delay_ms=2000") && all[0].contains("retry_after=true"), "{all:?}");
    assert!(all[0].contains("failure=429 Too Many Requests") && all[0].contains("attempt=1"), "{all:?}");
}

#[tokio::test]
async fn throttled_with_retry_after_date_waits_until_that_date() {
    let timer = timer();
    let at = timer.system_now() + Duration::from_secs(7);
    let server = MockServer::script(vec![
        Reply::json(429, THROTTLED).header("Retry-After", &httpdate::fmt_http_date(at)),
        Reply::json(200, r#"{"id":"1"}"#),
    ])
    .await;
    let c = client(&server.base_url(), &timer).build().unwrap();
    let resp = c.execute(&GetThing("1".into())).await.unwrap();
    assert_eq!(resp.attempts, 2);
    assert_eq!(timer.waits(), vec![Duration::from_secs(7)]);
}

#[tokio::test]
async fn service_unavailable_twice_then_success_backs_off_with_jitter() {
    let server = MockServer::script(vec![
        Reply::json(503, ""),
        Reply::json(503, r#"{"error":{"code":"serviceNotAvailable","message":"busy"}}"#),
        Reply::json(200, r#"{"id":"1"}"#),
    ])
    .await;
    let timer = timer();
    let events = Events::default();
    let c = client(&server.base_url(), &timer).build().unwrap();
    let resp = c.execute(&GetThing("1".into())).with_subscriber(events.clone()).await.unwrap();
    assert_eq!(resp.attempts, 3);
    assert_eq!(server.requests().len(), 3);
    let waits = timer.waits();
    assert_eq!(waits.len(), 2);
    // Base 500 ms doubled per retry; jitter keeps half to all of it.
    assert!((250..=500).contains(&ms(waits[0])), "{waits:?}");
    assert!((500..=1000).contains(&ms(waits[1])), "{waits:?}");
    assert_eq!(events.retries(), 2);
    assert!(events.all().iter().all(|e| e.contains("retry_after=false")));
}

#[tokio::test]
async fn reset_connection_is_retried_then_typed_as_transport_error() {
    let server = MockServer::script(vec![Reply::Reset, Reply::json(200, r#"{"id":"1"}"#)]).await;
    let timer = timer();
    let c = client(&server.base_url(), &timer).build().unwrap();
    let resp = c.execute(&GetThing("1".into())).await.unwrap();
    assert_eq!((resp.attempts, server.requests().len(), timer.waits().len()), (2, 2, 1));

    let server = MockServer::start(|_, _| Reply::Reset).await;
    let timer = self::timer();
    let policy = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
    let c = client(&server.base_url(), &timer).retry(policy).build().unwrap();
    let err = c.send(&GetThing("1".into())).await.unwrap_err();
    let kind = err.transport().map(TransportError::kind);
    assert_eq!(kind, Some(TransportErrorKind::Connection), "{err}");
    assert!(err.response().is_none());
    assert_eq!(server.requests().len(), 3);
    assert_eq!(timer.waits().len(), 2);
}

#[tokio::test]
async fn truncated_body_is_a_transport_error_and_retried() {
    let cut = Reply::Truncated { status: 200, declared: 100, body: br#"{"id":"#.to_vec() };
    let server = MockServer::script(vec![cut.clone(), Reply::json(200, r#"{"id":"1"}"#)]).await;
    let timer = timer();
    let c = client(&server.base_url(), &timer).build().unwrap();
    let resp = c.execute(&GetThing("1".into())).await.unwrap();
    assert_eq!((resp.attempts, timer.waits().len()), (2, 1));

    let server = MockServer::script(vec![cut]).await;
    let c = client(&server.base_url(), &timer).retry(RetryPolicy::none()).build().unwrap();
    let err = c.send(&GetThing("1".into())).await.unwrap_err();
    assert_eq!(err.transport().map(TransportError::kind), Some(TransportErrorKind::Body), "{err}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn complete_body_that_is_not_the_type_is_a_decode_error_not_retried() {
    let server = MockServer::script(vec![Reply::json(200, r#"{"id":"#)]).await;
    let timer = timer();
    let c = client(&server.base_url(), &timer).build().unwrap();
    let err = c.send(&GetThing("1".into())).await.unwrap_err();
    assert!(matches!(err, Error::Response(ResponseError::Decode { .. })), "{err}");
    assert_eq!(err.response().map(ResponseError::status), Some(http::StatusCode::OK));
    assert_eq!((server.requests().len(), timer.waits().len()), (1, 0));
}

#[tokio::test]
async fn slow_answer_past_the_timeout_is_a_timeout_error() {
    let late = Reply::Delay(Duration::from_secs(30), Box::new(Reply::json(200, "{}")));
    let server = MockServer::start(move |_, _| late.clone()).await;
    let timer = timer();
    let policy = RetryPolicy { max_attempts: 2, ..RetryPolicy::default() };
    let c = client(&server.base_url(), &timer).timeout(Duration::from_millis(200)).retry(policy).build().unwrap();
    let err = c.send(&GetThing("1".into())).await.unwrap_err();
    assert_eq!(err.transport().map(TransportError::kind), Some(TransportErrorKind::Timeout), "{err}");
    assert_eq!(server.requests().len(), 2, "a timeout of a GET is retried");
    assert_eq!(timer.waits().len(), 1);
}

#[tokio::test]
async fn unauthorized_keeps_the_graph_error_and_the_ids_for_a_support_case() {
    let body = r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.",
        "innerError":{"date":"2024-05-01T10:00:00","request-id":"inner-rid","client-request-id":"inner-cid"}}}"#;
    let server = MockServer::script(vec![Reply::json(401, body)
        .header("request-id", "5f6e-rid")
        .header("client-request-id", "echoed-cid")
        .header("Date", "Wed, 01 May 2024 10:00:00 GMT")])
    .await;
    let timer = timer();
    let events = Events::default();
    let c = client(&server.base_url(), &timer).build().unwrap();
    let err = c.send(&GetThing("1".into())).with_subscriber(events.clone()).await.unwrap_err();
    let Error::Response(resp) = &err else { panic!("expected a response error, got {err}") };
    assert!(matches!(resp, ResponseError::Graph { .. }));
    assert_eq!(resp.status(), http::StatusCode::UNAUTHORIZED);
    assert_eq!(resp.code(), Some("InvalidAuthenticationToken"));
    assert_eq!(resp.message(), Some("Access token has expired or is not yet valid."));
    assert_eq!(resp.request_id(), Some("5f6e-rid"), "the header wins over the inner error");
    assert_eq!(resp.client_request_id(), Some("echoed-cid"));
    assert_eq!(resp.date(), Some("2024-05-01T10:00:00"));
    assert_eq!(resp.info().date.as_deref(), Some("Wed, 01 May 2024 10:00:00 GMT"));
    let inner = resp.inner_error().expect("inner error");
    assert_eq!(inner.request_id.as_deref(), Some("inner-rid"));
    assert_eq!(resp.retry_after(), None);
    assert!(err.to_string().contains("request-id 5f6e-rid"), "{err}");
    assert_eq!((server.requests().len(), timer.waits().len(), events.all().len()), (1, 0, 0));
    let sent = &server.requests()[0];
    assert_eq!(sent.header("authorization"), Some("Bearer test-token"));
    assert_eq!(sent.target, "/v1.0/things/1");
}

#[tokio::test]
async fn post_is_not_retried_unless_the_caller_opts_in() {
    let server = MockServer::script(vec![Reply::json(503, ""), Reply::json(201, r#"{"id":"new"}"#)]).await;
    let timer = timer();
    let c = client(&server.base_url(), &timer).build().unwrap();
    let create = CreateThing(serde_json::json!({"name": "x"}));
    let err = c.send(&create).await.unwrap_err();
    assert_eq!(err.response().map(ResponseError::status), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(server.requests().len(), 1);

    let created = Reply::json(201, r#"{"id":"new"}"#).header("Location", "https://graph.microsoft.com/v1.0/things/new");
    let server = MockServer::script(vec![Reply::json(503, ""), created]).await;
    let c = client(&server.base_url(), &timer).build().unwrap();
    let eager = c.with_retry(RetryPolicy { retry_non_idempotent: true, ..RetryPolicy::default() });
    let resp = eager.execute(&create).await.unwrap();
    assert_eq!((resp.value["id"].as_str(), resp.attempts), (Some("new"), 2));
    assert_eq!(resp.info.status, http::StatusCode::CREATED);
    assert_eq!(
        resp.info.location.as_deref(),
        Some("https://graph.microsoft.com/v1.0/things/new"),
        "headers reach the caller"
    );
    let sent = server.requests();
    assert_eq!(sent[1].body, br#"{"name":"x"}"#, "the body is sent again");
    assert_eq!(sent[1].header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn the_total_time_limit_stops_retries_and_keeps_the_last_answer() {
    let server = MockServer::start(|_, _| Reply::json(429, THROTTLED).header("Retry-After", "2")).await;
    let timer = timer();
    let events = Events::default();
    let policy = RetryPolicy { max_attempts: 10, max_elapsed: Duration::from_secs(5), ..RetryPolicy::default() };
    let c = client(&server.base_url(), &timer).retry(policy).build().unwrap();
    let err = c.send(&GetThing("1".into())).with_subscriber(events.clone()).await.unwrap_err();
    let resp = err.response().expect("the last answer");
    assert_eq!(resp.status(), http::StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.code(), Some("TooManyRequests"));
    assert_eq!(resp.retry_after(), Some(&RetryAfter::Seconds(2)));
    // Waits of 2 s at 0 s and 2 s; a third would end at 6 s, past the 5 s budget.
    assert_eq!(server.requests().len(), 3);
    assert_eq!(timer.waits(), vec![Duration::from_secs(2); 2]);
    assert_eq!(events.retries(), 2);
    let last = events.all().pop().unwrap_or_default();
    assert!(last.starts_with("giving up") && last.contains("reason=Elapsed"), "{last}");
}

#[tokio::test]
async fn the_attempt_limit_stops_retries() {
    let server = MockServer::start(|_, _| Reply::json(504, "")).await;
    let timer = timer();
    let policy = RetryPolicy { max_attempts: 4, ..RetryPolicy::default() };
    let c = client(&server.base_url(), &timer).retry(policy).build().unwrap();
    let err = c.send(&GetThing("1".into())).await.unwrap_err();
    assert!(matches!(err, Error::Response(ResponseError::Status { .. })), "{err}");
    assert_eq!((server.requests().len(), timer.waits().len()), (4, 3));
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let timer = timer();
    let policy = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
    let c = client(&format!("http://127.0.0.1:{port}/v1.0"), &timer).retry(policy).build().unwrap();
    let err = c.send(&CreateThing(serde_json::json!({}))).await.unwrap_err();
    assert_eq!(err.transport().map(TransportError::kind), Some(TransportErrorKind::Connect), "{err}");
    assert_eq!(timer.waits().len(), 2, "nothing was sent, so retrying a POST is safe");
}

#[tokio::test]
async fn token_source_default_headers_and_client_request_id() {
    let server = MockServer::script(vec![
        Reply::json(429, THROTTLED).header("Retry-After", "1"),
        Reply::json(200, r#"{"id":"1"}"#),
    ])
    .await;
    let timer = timer();
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let counter = calls.clone();
    let source = graph_runtime::client::token_fn(move || {
        let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        async move { Ok::<_, BoxError>(format!("token-{n}")) }
    });
    let c = client(&server.base_url(), &timer).token(source).default_header("x-app", "tests/1").build().unwrap();
    c.send(&GetThing("a b".into())).await.unwrap();
    let sent = server.requests();
    assert_eq!(sent[0].header("authorization"), Some("Bearer token-1"));
    assert_eq!(sent[1].header("authorization"), Some("Bearer token-2"), "the source is asked on every attempt");
    assert!(sent.iter().all(|r| r.header("x-app") == Some("tests/1")));
    let id = sent[0].header("client-request-id").expect("client-request-id");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    assert_eq!(sent[1].header("client-request-id"), Some(id), "one id across retries");
    assert_eq!(sent[0].target, "/v1.0/things/a%20b");

    let failing = graph_runtime::client::token_fn(|| async { Err::<String, BoxError>("no credentials".into()) });
    let c = client(&server.base_url(), &timer).token(failing).build().unwrap();
    assert!(matches!(c.send(&GetThing("1".into())).await, Err(Error::Token(_))));
    assert_eq!(server.requests().len(), 2, "no request without a token");
}

#[test]
fn invalid_default_header_is_refused_at_build() {
    let err = Client::builder().default_header("bad header", "v").build().unwrap_err();
    assert!(matches!(err, Error::Request(RequestError::InvalidHeader(_))));
}
