use super::*;
use crate::{build_request, decode_json, ConsistencyLevel, Permissions, RequestOptions, ResponseError, RetryAfter};
use serde_json::json;

const BASE: &str = "https://graph.example/v1.0";

/// Any method, path and body; decodes JSON.
struct Raw {
    method: http::Method,
    path: &'static str,
    /// Content type (`None`: no header) and bytes.
    body: Option<(Option<&'static str>, &'static [u8])>,
    options: RequestOptions,
}

fn get(path: &'static str) -> Raw {
    Raw { method: http::Method::GET, path, body: None, options: RequestOptions::default() }
}

fn with(method: http::Method, path: &'static str) -> Raw {
    Raw { method, ..get(path) }
}

impl Endpoint for Raw {
    type Body = ();
    type Output = serde_json::Value;
    const METHOD: http::Method = http::Method::GET;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let body = self.body.map(|(_, b)| b.to_vec());
        let mut r = build_request(self.method.clone(), base, self.path, &self.options, body)?;
        match self.body {
            Some((Some(content_type), _)) => {
                r.headers_mut().insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(content_type));
            }
            Some((None, _)) => drop(r.headers_mut().remove(http::header::CONTENT_TYPE)),
            None => {}
        }
        Ok(r)
    }
    fn parse_response<B: AsRef<[u8]>>(r: &http::Response<B>) -> Result<Self::Output, ResponseError> {
        decode_json(r)
    }
}

fn sent(batch: &Batch) -> serde_json::Value {
    serde_json::from_slice(batch.request().unwrap().body()).unwrap()
}

fn answer(body: serde_json::Value) -> BatchResponse {
    let r = http::Response::builder().status(200).body(serde_json::to_vec(&body).unwrap()).unwrap();
    BatchResponse::parse(&r).unwrap()
}

#[test]
fn ids_are_numbers_unless_given_and_skip_taken_ones() {
    let mut b = Batch::new(format!("{BASE}/"));
    b.add_with(&get("/a"), ItemOptions::id("2")).unwrap();
    let k = b.add(&get("/b")).unwrap();
    b.add(&get("/c")).unwrap();
    assert_eq!(b.ids(), ["2", "3", "4"]);
    assert_eq!(k.id(), "3");
    assert_eq!(b.request().unwrap().uri(), "https://graph.example/v1.0/$batch");
}

#[test]
fn ids_unique_dependencies_earlier_at_most_twenty() {
    let mut b = Batch::new(BASE);
    let first = b.add(&get("/a")).unwrap();
    assert!(matches!(b.add_with(&get("/a"), ItemOptions::id("1")), Err(BatchError::DuplicateId(id)) if id == "1"));
    assert!(matches!(b.add_with(&get("/a"), ItemOptions::id("")), Err(BatchError::EmptyId)));
    let later = ItemOptions::id("x").after_id("y");
    assert!(
        matches!(b.add_with(&get("/a"), later), Err(BatchError::UnknownDependency { depends_on, .. }) if depends_on == "y")
    );
    let own = ItemOptions::id("x").after_id("x");
    assert!(matches!(b.add_with(&get("/a"), own), Err(BatchError::UnknownDependency { .. })));
    b.add_with(&get("/a"), ItemOptions::default().after(&first)).unwrap();
    for _ in 2..MAX_BATCH_REQUESTS {
        b.add(&get("/a")).unwrap();
    }
    assert_eq!(b.len(), 20);
    assert!(matches!(b.add(&get("/a")), Err(BatchError::TooManyRequests)));
}

#[test]
fn items_have_relative_urls_headers_and_json_or_base64_bodies() {
    let mut b = Batch::new(BASE);
    let mut counted = get("/users");
    counted.options.query.count = Some(true);
    counted.options.consistency_level = Some(ConsistencyLevel::Eventual);
    b.add(&counted).unwrap();
    let patch = Raw { body: Some((Some("application/json"), br#"{"a":1}"#)), ..with(http::Method::PATCH, "/users/1") };
    b.add(&patch).unwrap();
    let photo = Raw { body: Some((Some("image/png"), b"\x89PNG")), ..with(http::Method::PUT, "/me/photo/$value") };
    b.add(&photo).unwrap();
    let untyped_json = Raw { body: Some((None, b"[1]")), ..with(http::Method::POST, "/x") };
    b.add(&untyped_json).unwrap();
    let untyped_bytes = Raw { body: Some((None, b"\x00")), ..with(http::Method::POST, "/y") };
    b.add(&untyped_bytes).unwrap();
    let not_json = Raw { body: Some((Some("application/json"), b"{")), ..with(http::Method::POST, "/z") };
    assert!(matches!(b.add(&not_json), Err(BatchError::Request(RequestError::Body(_)))));
    assert_eq!(
        sent(&b)["requests"],
        json!([
            {"id": "1", "method": "GET", "url": "/users?$count=true", "headers": {"consistencylevel": "eventual"}},
            {"id": "2", "method": "PATCH", "url": "/users/1", "headers": {"content-type": "application/json"},
             "body": {"a": 1}},
            {"id": "3", "method": "PUT", "url": "/me/photo/$value", "headers": {"content-type": "image/png"},
             "body": "iVBORw=="},
            {"id": "4", "method": "POST", "url": "/x", "headers": {"content-type": "application/json"}, "body": [1]},
            {"id": "5", "method": "POST", "url": "/y", "headers": {"content-type": "application/octet-stream"},
             "body": "AA=="},
        ])
    );
}

#[test]
fn a_url_off_the_root_is_refused() {
    /// Built against its own root, whatever the batch's.
    struct Elsewhere(&'static str);
    impl Endpoint for Elsewhere {
        type Body = ();
        type Output = ();
        const METHOD: http::Method = http::Method::GET;
        const PERMISSIONS: Permissions = Permissions::NONE;
        fn request_with_base(&self, _: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
            build_request(Self::METHOD, self.0, "/users", &RequestOptions::default(), None)
        }
        fn parse_response<B: AsRef<[u8]>>(r: &http::Response<B>) -> Result<(), ResponseError> {
            crate::decode_empty(r)
        }
    }
    for root in ["https://evil.example/v1.0", "http://graph.example/v1.0", "https://graph.example/v1.0x"] {
        assert!(matches!(Batch::new(BASE).add(&Elsewhere(root)), Err(BatchError::ForeignUrl(_))), "{root}");
    }
    assert_eq!(Batch::new(BASE).add(&Elsewhere("https://GRAPH.example/v1.0")).map(|k| k.id().to_owned()).unwrap(), "1");
    let mut b = Batch::new("https://graph.example/v1");
    assert!(matches!(b.add(&Elsewhere(BASE)), Err(BatchError::ForeignUrl(_))), "/v1 is no prefix of /v1.0");
}

#[test]
fn answers_decode_per_item_json_and_base64() {
    let mut b = Batch::new(BASE);
    let json_key = b.add(&get("/a")).unwrap();
    let bin_key = b.add(&get("/b")).unwrap();
    let missing = b.add(&get("/c")).unwrap();
    let r = answer(json!({"responses": [
        {"id": "2", "status": 200, "headers": {"Content-Type": "text/plain", "x-count": 3}, "body": "WyJoaSJd"},
        {"id": "1", "status": 404, "headers": {"Content-Type": "application/json"},
         "body": {"error": {"code": "itemNotFound", "message": "no"}}},
    ]}));
    assert_eq!(r.get(&json_key).unwrap().unwrap_err().code(), Some("itemNotFound"));
    assert_eq!(r.get(&bin_key).unwrap().unwrap(), json!(["hi"]), "base64 of [\"hi\"], decoded then read");
    assert!(r.get(&missing).is_none());
    assert_eq!(r.item("2").unwrap().to_http().headers()["content-type"], "text/plain");
    assert_eq!(r.item("2").unwrap().header("X-Count"), Some("3"));
}

#[test]
fn bad_answers_are_decode_errors() {
    let parse = |status: u16, body: &str| {
        BatchResponse::parse(&http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap())
    };
    assert!(matches!(parse(200, r#"{"responses":[{"id":"1","status":1000}]}"#), Err(ResponseError::Decode { .. })));
    let twice = r#"{"responses":[{"id":"1","status":200},{"id":"1","status":200}]}"#;
    assert!(matches!(parse(200, twice), Err(ResponseError::Decode { .. })));
    assert!(matches!(parse(200, "[]"), Err(ResponseError::Decode { .. })));
    assert_eq!(parse(400, r#"{"error":{"code":"BadRequest"}}"#).unwrap_err().code(), Some("BadRequest"));
}

#[test]
fn retry_round_takes_throttled_and_their_dependants() {
    let mut b = Batch::new(BASE);
    let throttled_post = b.add(&with(http::Method::POST, "/a")).unwrap();
    b.add(&with(http::Method::POST, "/b")).unwrap();
    b.add(&get("/c")).unwrap();
    b.add_with(&get("/d"), ItemOptions::default().after(&throttled_post).after_id("3")).unwrap();
    b.add(&get("/e")).unwrap();
    b.add_with(&get("/f"), ItemOptions::default().after_id("5")).unwrap();
    let r = answer(json!({"responses": [
        {"id": "1", "status": 429, "headers": {"Retry-After": "7"}},
        {"id": "2", "status": 503, "headers": {"Retry-After": "9"}},
        {"id": "3", "status": 504},
        {"id": "4", "status": 424},
        {"id": "5", "status": 404},
        {"id": "6", "status": 424},
    ]}));
    assert_eq!(r.failed_dependency(), ["4", "6"]);
    let ids: Vec<(String, Option<RetryAfter>)> = r.retriable().into_iter().map(|r| (r.id, r.retry_after)).collect();
    assert_eq!(
        ids,
        [("1".into(), Some(RetryAfter::Seconds(7))), ("2".into(), Some(RetryAfter::Seconds(9))), ("3".into(), None)]
    );
    assert_eq!(r.retry_after(std::time::SystemTime::UNIX_EPOCH), Some(std::time::Duration::from_secs(9)));
    let next = Batch::retry_of(&b, &r).unwrap();
    assert_eq!(next.ids(), ["1", "3", "4"], "a 503 POST may have run; 6 depends on a 404");
    assert_eq!(next.items()[2].depends_on, ["1", "3"]);
    assert_eq!(Batch::retry_all_of(&b, &r).unwrap().ids(), ["1", "2", "3", "4"]);

    let mut merged = r.clone();
    merged.merge(answer(json!({"responses": [{"id": "1", "status": 200, "body": {"ok": true}}]})));
    assert_eq!(merged.get(&throttled_post).unwrap().unwrap(), json!({"ok": true}));
    assert_eq!(merged.items().len(), 6);
    let done = answer(json!({"responses": [{"id": "1", "status": 200}]}));
    assert!(Batch::retry_of(&b, &done).is_none());
}
