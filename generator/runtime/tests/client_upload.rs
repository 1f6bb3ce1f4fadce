//! Resumable uploads through the client against the mock server: 5 MiB in four chunks with
//! one answered `500` (status asked, upload resumed), a reset connection resumed mid-chunk,
//! an expired session, and a session that keeps failing.

mod support;

use graph_runtime::*;
use serde::Deserialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};
use support::server::{MockServer, Recorded, Reply};
use support::{client, VirtualTimer};

const CHUNK: u64 = 4 * UPLOAD_CHUNK_UNIT;

#[derive(Debug, Deserialize, PartialEq)]
struct DriveItem {
    id: String,
    name: String,
    size: u64,
}

/// `bytes start-end/total` of a request.
fn range_of(r: &Recorded) -> (u64, u64, u64) {
    let value = r.header("content-range").expect("content-range");
    let (span, total) = value.strip_prefix("bytes ").expect("bytes").split_once('/').expect("/");
    let (start, end) = span.split_once('-').expect("-");
    (start.parse().unwrap(), end.parse().unwrap(), total.parse().unwrap())
}

/// A file whose bytes differ from chunk to chunk.
fn file(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 253) as u8).collect()
}

/// An upload URL that takes chunks in order (the service's `received` so far), answers a
/// status query with the first missing byte, and the last chunk with the item; `fault`
/// may replace the answer to a request (by its number) and set what the service received.
fn upload_server(
    fault: impl Fn(usize, &Recorded, &mut u64) -> Option<Reply> + Send + Sync + 'static,
) -> impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static {
    let received = Arc::new(Mutex::new(0u64));
    move |n, r| {
        let mut received = received.lock().unwrap();
        if let Some(reply) = fault(n, r, &mut received) {
            return reply;
        }
        let expected =
            format!(r#"{{"expirationDateTime":"2030-01-01T00:00:00Z","nextExpectedRanges":["{}-"]}}"#, *received);
        if r.method == "GET" {
            return Reply::json(200, &expected);
        }
        let (start, end, total) = range_of(r);
        if start != *received || r.body.len() as u64 != end - start + 1 {
            return Reply::json(416, r#"{"error":{"code":"invalidRange"}}"#);
        }
        *received = end + 1;
        if *received == total {
            return Reply::json(201, &format!(r#"{{"id":"01BIG","name":"big.bin","size":{total}}}"#));
        }
        Reply::json(202, &format!(r#"{{"nextExpectedRanges":["{}-"]}}"#, *received))
    }
}

fn session(server: &MockServer) -> UploadSessionInfo {
    UploadSessionInfo {
        upload_url: format!("{}/upload/s1?sig=abc", server.base_url()),
        expiration_date_time: Some("2030-01-01T00:00:00Z".into()),
        next_expected_ranges: vec![],
    }
}

/// The file as the server holds it: the body of every PUT answered 2xx, at its offset.
fn reassembled(sent: &[Recorded], accepted: &[bool], total: usize) -> Vec<u8> {
    let mut out = vec![0u8; total];
    for (r, _) in sent.iter().zip(accepted).filter(|(r, ok)| r.method == "PUT" && **ok) {
        let (start, end, _) = range_of(r);
        out[start as usize..=end as usize].copy_from_slice(&r.body);
    }
    out
}

#[tokio::test]
async fn five_mib_in_four_chunks_one_answered_500_resumed_from_the_status() {
    let failed = AtomicBool::new(false);
    let server = MockServer::start(upload_server(move |_, r, _| {
        let second = r.method == "PUT" && range_of(r).0 == CHUNK;
        (second && !failed.swap(true, Ordering::SeqCst))
            .then(|| Reply::json(500, r#"{"error":{"code":"generalException","message":"try again"}}"#))
    }))
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let bytes = file(5 << 20);
    let item: DriveItem = c.upload(&session(&server), &bytes, CHUNK).await.unwrap();
    assert_eq!(item, DriveItem { id: "01BIG".into(), name: "big.bin".into(), size: 5_242_880 });

    let sent = server.requests();
    let what: Vec<(String, Option<&str>)> =
        sent.iter().map(|r| (r.method.clone(), r.header("content-range"))).collect();
    let put = |range: &'static str| ("PUT".to_string(), Some(range));
    assert_eq!(
        what,
        [
            put("bytes 0-1310719/5242880"),
            put("bytes 1310720-2621439/5242880"),
            ("GET".to_string(), None),
            put("bytes 1310720-2621439/5242880"),
            put("bytes 2621440-3932159/5242880"),
            put("bytes 3932160-5242879/5242880"),
        ]
    );
    assert!(sent.iter().all(|r| r.target == "/v1.0/upload/s1?sig=abc"));
    assert!(sent.iter().all(|r| r.header("authorization").is_none()), "the upload URL gets no token");
    for r in sent.iter().filter(|r| r.method == "PUT") {
        assert_eq!(r.header("content-length"), Some("1310720"));
        assert_eq!(r.body.len(), 1_310_720);
    }
    assert_eq!(sent.iter().filter(|r| r.method == "PUT").map(|r| r.body.len()).sum::<usize>(), 5 * 1_310_720);
    let accepted = [true, false, true, true, true, true];
    assert!(reassembled(&sent, &accepted, bytes.len()) == bytes, "the bytes received are the file");
    // One wait, the policy's first backoff (500 ms, jittered to between half and all of it).
    let waits = timer.waits();
    assert_eq!(waits.len(), 1);
    assert!(waits[0] >= Duration::from_millis(250) && waits[0] <= Duration::from_millis(500), "{waits:?}");
}

#[tokio::test]
async fn reset_connection_resumed_mid_chunk_with_a_short_last_chunk() {
    // The second chunk's connection is reset after the service kept 72,320 of its bytes.
    let server = MockServer::start(upload_server(|n, _, received| {
        (n == 1).then(|| {
            *received = 400_000;
            Reply::Reset
        })
    }))
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let bytes = file(1_000_000);
    let item: serde_json::Value = c.upload(&session(&server), &bytes, UPLOAD_CHUNK_UNIT).await.unwrap();
    assert_eq!(item["size"], 1_000_000);
    let sent = server.requests();
    let ranges: Vec<Option<&str>> = sent.iter().map(|r| r.header("content-range")).collect();
    assert_eq!(
        ranges,
        [
            Some("bytes 0-327679/1000000"),
            Some("bytes 327680-655359/1000000"),
            None,
            Some("bytes 400000-727679/1000000"),
            Some("bytes 727680-999999/1000000"),
        ]
    );
    assert_eq!(sent[4].body.len(), 272_320);
    // What the service kept of the reset chunk, then the rest.
    let mut held = bytes[..400_000].to_vec();
    held.extend(sent[3..].iter().flat_map(|r| r.body.iter().copied()));
    assert!(held == bytes);
}

#[tokio::test]
async fn expired_session_is_a_typed_error() {
    let server = MockServer::script(vec![Reply::json(404, r#"{"error":{"code":"itemNotFound"}}"#)]).await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let err = c.upload::<serde_json::Value, _>(&session(&server), &file(1000), CHUNK).await.unwrap_err();
    assert!(matches!(err, Error::Upload(UploadError::Expired(ref info)) if info.status == 404), "{err}");
    assert_eq!(server.requests().len(), 1);
    assert!(timer.waits().is_empty());
}

#[tokio::test]
async fn keeps_failing_gives_up_after_the_policys_attempts_honouring_retry_after() {
    let server = MockServer::start(|_, _| {
        Reply::json(503, r#"{"error":{"code":"serviceNotAvailable"}}"#).header("Retry-After", "2")
    })
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let policy = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
    let c = client(&server.base_url(), &timer).retry(policy).build().unwrap();
    let err = c.upload::<serde_json::Value, _>(&session(&server), &file(1000), CHUNK).await.unwrap_err();
    assert_eq!(err.response().map(|e| e.status().as_u16()), Some(503), "{err}");
    let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["PUT", "GET", "GET"]);
    assert_eq!(timer.waits(), [Duration::from_secs(2); 2]);
}

#[tokio::test]
async fn bad_chunk_size_and_bad_session_are_refused_before_sending() {
    let server = MockServer::script(vec![]).await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let err = c.upload::<serde_json::Value, _>(&session(&server), &file(10), 1_000_000).await.unwrap_err();
    assert!(matches!(err, Error::Upload(UploadError::ChunkSize(1_000_000))), "{err}");
    let no_url = serde_json::json!({"expirationDateTime": "2030-01-01T00:00:00Z"});
    let err = c.upload::<serde_json::Value, _>(&no_url, &file(10), CHUNK).await.unwrap_err();
    assert!(matches!(err, Error::Upload(UploadError::BadSession(_))), "{err}");
    let elsewhere = serde_json::json!({"uploadUrl": "http://up.example/s"});
    let err = c.upload::<serde_json::Value, _>(&elsewhere, &file(10), CHUNK).await.unwrap_err();
    assert!(matches!(err, Error::Upload(UploadError::BadUrl(_))), "{err}");
    assert!(server.requests().is_empty());
}
