//! Bearer tokens that stop working: a 401 answered by fetching a fresh token and sending
//! the request once more (any method, at once, not counted as a retry wait), a second 401
//! handed to the caller, a static token never resent, and the cache of `cached_token`
//! (kept until shortly before expiry, one fetch shared by concurrent requests).

mod support;

use graph_runtime::client::{cached_token, AccessToken, TokenSource};
use graph_runtime::*;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use support::server::{MockServer, Reply};
use support::{client, CreateThing, Events, GetThing, VirtualTimer};
use tracing::instrument::WithSubscriber;

const EXPIRED: &str = r#"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#;

fn timer() -> VirtualTimer {
    VirtualTimer::at(UNIX_EPOCH + Duration::from_secs(1_900_000_000))
}

/// A source numbering its tokens `t-1`, `t-2`, ..., valid for `valid`; and its fetch count.
fn numbered(valid: Duration) -> (impl TokenSource, Arc<AtomicU32>) {
    let fetches = Arc::new(AtomicU32::new(0));
    let counter = fetches.clone();
    let source = cached_token(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move { Ok::<_, BoxError>(AccessToken::new(format!("t-{n}")).expires_at(SystemTime::now() + valid)) }
    });
    (source, fetches)
}

const HOUR: Duration = Duration::from_secs(3600);

#[tokio::test]
async fn a_rejected_token_is_fetched_again_and_the_request_sent_once_more() {
    let server = MockServer::script(vec![Reply::json(401, EXPIRED), Reply::json(201, r#"{"id":"9"}"#)]).await;
    let timer = timer();
    let events = Events::default();
    let (source, fetches) = numbered(HOUR);
    let c = client(&server.base_url(), &timer).token(source).build().unwrap();
    let resp = c.execute(&CreateThing(serde_json::json!({"name":"n"}))).with_subscriber(events.clone()).await.unwrap();
    assert_eq!(resp.value["id"], "9");
    assert_eq!(resp.attempts, 2);
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].header("authorization"), Some("Bearer t-1"));
    assert_eq!(sent[1].header("authorization"), Some("Bearer t-2"));
    assert_eq!((sent[0].method.as_str(), sent[1].method.as_str()), ("POST", "POST"), "a POST too: nothing was done");
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
    assert!(timer.waits().is_empty(), "no backoff before a fresh token");
    let all = events.all();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].starts_with("token rejected (401)"), "{all:?}");
}

#[tokio::test]
async fn a_second_401_reaches_the_caller_with_the_graph_error() {
    let server = MockServer::script(vec![Reply::json(401, EXPIRED), Reply::json(401, EXPIRED)]).await;
    let timer = timer();
    let (source, fetches) = numbered(HOUR);
    let c = client(&server.base_url(), &timer).token(source).build().unwrap();
    let err = c.send(&GetThing("1".into())).await.unwrap_err();
    let Error::Response(resp) = &err else { panic!("expected a response error, got {err}") };
    assert_eq!(resp.status(), http::StatusCode::UNAUTHORIZED);
    assert_eq!(resp.code(), Some("InvalidAuthenticationToken"));
    assert_eq!((server.requests().len(), fetches.load(Ordering::SeqCst)), (2, 2), "one renewal per call");
}

#[tokio::test]
async fn a_static_token_is_not_sent_again_after_a_401() {
    let server = MockServer::script(vec![Reply::json(401, EXPIRED), Reply::json(200, r#"{"id":"1"}"#)]).await;
    let timer = timer();
    let c = client(&server.base_url(), &timer).build().unwrap();
    assert!(c.send(&GetThing("1".into())).await.is_err());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn the_cache_keeps_a_token_until_shortly_before_it_expires() {
    let (lasting, fetches) = numbered(HOUR);
    assert_eq!(lasting.token().await.unwrap(), "t-1");
    assert_eq!(lasting.token().await.unwrap(), "t-1", "cached");
    assert_eq!(fetches.load(Ordering::SeqCst), 1);

    let (expiring, fetches) = numbered(graph_runtime::client::REFRESH_MARGIN / 2);
    assert_eq!(expiring.token().await.unwrap(), "t-1");
    assert_eq!(expiring.token().await.unwrap(), "t-2", "inside the refresh margin: fetched again");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);

    let (source, fetches) = numbered(HOUR);
    let source = Arc::new(source);
    let both = futures_util::future::join_all((0..4).map(|_| {
        let source = source.clone();
        async move { source.token().await.unwrap() }
    }))
    .await;
    assert_eq!(both, vec!["t-1"; 4], "concurrent callers share one fetch");
    assert_eq!(fetches.load(Ordering::SeqCst), 1);
    assert!(source.rejected("t-1"));
    assert_eq!(source.token().await.unwrap(), "t-2");
}

#[tokio::test]
async fn a_failed_fetch_is_a_token_error_and_nothing_is_sent() {
    let server = MockServer::script(vec![Reply::json(200, r#"{"id":"1"}"#)]).await;
    let timer = timer();
    let source = cached_token(|| async { Err::<AccessToken, BoxError>("identity service down".into()) });
    let c = client(&server.base_url(), &timer).token(source).build().unwrap();
    let err = c.send(&GetThing("1".into())).await.unwrap_err();
    assert!(matches!(err, Error::Token(_)), "{err}");
    assert!(server.requests().is_empty());
}
