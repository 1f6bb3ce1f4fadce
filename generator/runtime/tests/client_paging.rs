//! Paging through the client: three pages with `$count`, following `@odata.nextLink` with
//! the first request's headers, keeping the count and the last page's delta link, a page
//! limit, a throttled page in the middle, a next link to another host; and the default
//! tokio timer measured against tokio's paused clock.

mod support;

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use graph_runtime::client::{BoxFuture, Client, Transport};
use graph_runtime::*;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};
use support::server::{MockServer, Recorded, Reply};
use support::{client, GetThing, ListThings, VirtualTimer};

/// Five things over three pages; page 2 is throttled once when `throttle` is set.
async fn three_pages(throttle: bool) -> MockServer {
    let throttled = Arc::new(AtomicU32::new(0));
    let port = Arc::new(std::sync::OnceLock::<String>::new());
    let server_port = port.clone();
    let server = MockServer::start(move |_, r: &Recorded| {
        let base = server_port.get().cloned().unwrap_or_default();
        let query = r.target.split_once('?').map(|(_, q)| q).unwrap_or("");
        match query {
            "$count=true" => Reply::json(
                200,
                &format!(r#"{{"@odata.count":5,"value":[{{"id":"a"}},{{"id":"b"}}],"@odata.nextLink":"{base}/things?$skiptoken=p2"}}"#),
            ),
            "$skiptoken=p2" if throttle && throttled.fetch_add(1, Ordering::SeqCst) == 0 => {
                Reply::json(429, "").header("Retry-After", "3")
            }
            "$skiptoken=p2" => Reply::json(
                200,
                &format!(r#"{{"value":[{{"id":"c"}},{{"id":"d"}}],"@odata.nextLink":"{base}/things?$skiptoken=p3"}}"#),
            ),
            "$skiptoken=p3" => {
                Reply::json(200, &format!(r#"{{"value":[{{"id":"e"}}],"@odata.deltaLink":"{base}/things/delta?$deltatoken=d1"}}"#))
            }
            other => Reply::json(400, &format!(r#"{{"error":{{"code":"badQuery","message":"{other}"}}}}"#)),
        }
    })
    .await;
    let _ = port.set(server.base_url());
    server
}

fn ids(items: &[serde_json::Value]) -> Vec<&str> {
    items.iter().filter_map(|v| v["id"].as_str()).collect()
}

#[tokio::test]
async fn items_over_three_pages_keep_count_and_delta_link() {
    let server = three_pages(false).await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let mut items = c.items(&ListThings::counted());
    let all: Vec<serde_json::Value> = (&mut items).try_collect().await.unwrap();
    assert_eq!(ids(&all), ["a", "b", "c", "d", "e"]);
    assert_eq!(items.odata_count(), Some(5));
    assert_eq!(items.delta_link(), Some(format!("{}/things/delta?$deltatoken=d1", server.base_url()).as_str()));
    assert_eq!(items.pages().pages_read(), 3);
    let sent = server.requests();
    let targets: Vec<&str> = sent.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(targets, ["/v1.0/things?$count=true", "/v1.0/things?$skiptoken=p2", "/v1.0/things?$skiptoken=p3"]);
    for r in &sent {
        assert_eq!(r.header("consistencylevel"), Some("eventual"), "{}", r.target);
        assert_eq!(r.header("authorization"), Some("Bearer test-token"), "{}", r.target);
    }
    assert!(timer.waits().is_empty());
}

#[tokio::test]
async fn pages_stop_at_the_limit() {
    let server = three_pages(false).await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let mut pages = c.pages(&ListThings::counted()).max_pages(Some(2));
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        sizes.push(page.items.len());
        assert_eq!(page.delta_link, None);
    }
    assert_eq!(sizes, [2, 2]);
    assert!(pages.has_more(), "the service had a third page");
    assert_eq!(pages.odata_count(), Some(5));
    assert_eq!(server.requests().len(), 2);

    let items: Vec<serde_json::Value> = c.items(&ListThings::counted()).max_pages(Some(1)).try_collect().await.unwrap();
    assert_eq!(ids(&items), ["a", "b"]);
}

#[tokio::test]
async fn a_throttled_page_is_retried_within_the_stream() {
    let server = three_pages(true).await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let all: Vec<serde_json::Value> = c.items(&ListThings::counted()).try_collect().await.unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(server.requests().len(), 4);
    assert_eq!(timer.waits(), vec![Duration::from_secs(3)]);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_with_the_error() {
    let server = MockServer::script(vec![Reply::json(
        200,
        r#"{"value":[{"id":"a"}],"@odata.nextLink":"https://elsewhere.example/v1.0/things?p=2"}"#,
    )])
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let results: Vec<Result<serde_json::Value, Error>> = c.items(&ListThings::counted()).collect().await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(matches!(results[1], Err(Error::Request(RequestError::ForeignNextLink(_)))), "{:?}", results[1]);
    assert_eq!(server.requests().len(), 1, "the token never goes to another host");

    let server = MockServer::script(vec![Reply::json(403, r#"{"error":{"code":"Forbidden","message":"no"}}"#)]).await;
    let c = client(&server.base_url(), &timer).build().unwrap();
    let results: Vec<Result<serde_json::Value, Error>> = c.items(&ListThings::counted()).collect().await;
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].as_ref().err().and_then(Error::response).and_then(ResponseError::code), Some("Forbidden"));
}

/// Answers from memory: a 429 with `Retry-After: 3`, then 503 (backoff), then 200.
#[derive(Default)]
struct Flaky(AtomicU32);

impl Transport for Flaky {
    fn send(&self, _: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        let builder = http::Response::builder();
        let response = match n {
            0 => builder.status(429).header("Retry-After", "3").body(Bytes::new()),
            1 => builder.status(503).body(Bytes::new()),
            _ => builder.status(200).body(Bytes::from_static(br#"{"id":"1"}"#)),
        };
        Box::pin(async move { response.map_err(|e| TransportError::new(TransportErrorKind::Other, e)) })
    }
}

#[tokio::test(start_paused = true)]
async fn default_timer_waits_on_tokios_clock() {
    let c = Client::builder().transport(Flaky::default()).build().unwrap();
    let start = tokio::time::Instant::now();
    let resp = c.execute(&GetThing("1".into())).await.unwrap();
    let waited = start.elapsed();
    assert_eq!(resp.attempts, 3);
    // 3 s of Retry-After, then the second backoff: half to all of 1 s.
    assert!(waited >= Duration::from_millis(3500) && waited <= Duration::from_secs(4), "{waited:?}");
}
