//! JSON batching through the client against the mock server: five requests of five
//! endpoints in one `POST /$batch`, one throttled (429 with `Retry-After`) and sent again in
//! a round of its own, one running after another (`dependsOn`); a throttled item whose
//! dependant failed with 424 sent again together; rounds that run out.

mod support;

use graph_runtime::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::{Duration, UNIX_EPOCH};
use support::server::{MockServer, Recorded, Reply};
use support::{client, Events, VirtualTimer};
use tracing::instrument::WithSubscriber;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Thing {
    id: String,
    name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Owner {
    #[serde(rename = "displayName")]
    display_name: String,
}

/// `GET /things/{id}`.
struct GetThing(&'static str);

impl Endpoint for GetThing {
    type Body = ();
    type Output = Thing;
    const METHOD: http::Method = http::Method::GET;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut path = String::from("/things/");
        push_segment(&mut path, "thing-id", self.0)?;
        build_request(Self::METHOD, base, &path, &RequestOptions::default(), None)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Thing, ResponseError> {
        decode_json(response)
    }
}

/// `GET /things?$top=2`, `ConsistencyLevel: eventual`.
struct ListThings;

impl Endpoint for ListThings {
    type Body = ();
    type Output = Collection<Thing>;
    const METHOD: http::Method = http::Method::GET;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut options = RequestOptions::default();
        options.query.top = Some(2);
        options.consistency_level = Some(ConsistencyLevel::Eventual);
        build_request(Self::METHOD, base, "/things", &options, None)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, ResponseError> {
        decode_json(response)
    }
}

/// `POST /things`.
struct CreateThing(&'static str);

impl Endpoint for CreateThing {
    type Body = Value;
    type Output = Thing;
    const METHOD: http::Method = http::Method::POST;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        build_request(Self::METHOD, base, "/things", &RequestOptions::default(), json_body(&json!({"name": self.0}))?)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Thing, ResponseError> {
        decode_json(response)
    }
}

/// `GET /things/{id}/owner`.
struct GetOwner(&'static str);

impl Endpoint for GetOwner {
    type Body = ();
    type Output = Owner;
    const METHOD: http::Method = http::Method::GET;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut path = String::from("/things/");
        push_segment(&mut path, "thing-id", self.0)?;
        path.push_str("/owner");
        build_request(Self::METHOD, base, &path, &RequestOptions::default(), None)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Owner, ResponseError> {
        decode_json(response)
    }
}

/// `DELETE /things/{id}`: no content.
struct DeleteThing(&'static str);

impl Endpoint for DeleteThing {
    type Body = ();
    type Output = ();
    const METHOD: http::Method = http::Method::DELETE;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut path = String::from("/things/");
        push_segment(&mut path, "thing-id", self.0)?;
        build_request(Self::METHOD, base, &path, &RequestOptions::default(), None)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<(), ResponseError> {
        decode_empty(response)
    }
}

/// A batch answer of `items`.
fn batch_reply(items: Value) -> Reply {
    Reply::json(200, &json!({ "responses": items }).to_string())
}

fn json_item(id: &str, status: u16, body: Value) -> Value {
    json!({"id": id, "status": status, "headers": {"Content-Type": "application/json"}, "body": body})
}

/// The JSON body of a recorded `/$batch` request, after checking its line and headers.
fn batch_body(r: &Recorded) -> Value {
    assert_eq!((r.method.as_str(), r.target.as_str()), ("POST", "/v1.0/$batch"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("authorization"), Some("Bearer test-token"));
    serde_json::from_slice(&r.body).expect("batch body is JSON")
}

#[tokio::test]
async fn five_requests_one_throttled_then_answered_one_depending_on_another() {
    let server = MockServer::script(vec![
        batch_reply(json!([
            json_item("1", 200, json!({"id": "a", "name": "Anvil"})),
            json_item("new", 201, json!({"id": "n", "name": "Nail"})),
            {"id": "3", "status": 429, "headers": {"Retry-After": "5"}},
            json_item("4", 200, json!({"displayName": "Ada"})),
            {"id": "5", "status": 204},
        ])),
        batch_reply(json!([json_item("3", 200, json!({"value": [{"id": "a", "name": "Anvil"}]}))])),
    ])
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let events = Events::default();
    let c = client(&server.base_url(), &timer).build().unwrap();

    let mut batch = c.batch();
    let get = batch.add(&GetThing("a")).unwrap();
    let create = batch.add_with(&CreateThing("Nail"), ItemOptions::id("new")).unwrap();
    let list = batch.add(&ListThings).unwrap();
    let owner = batch.add_with(&GetOwner("a"), ItemOptions::default().after(&create)).unwrap();
    let delete = batch.add(&DeleteThing("old")).unwrap();
    let response = c.send_batch_retrying(&batch).with_subscriber(events.clone()).await.unwrap();

    let sent = server.requests();
    assert_eq!(sent.len(), 2, "one batch, then one round of the throttled item");
    assert_eq!(
        batch_body(&sent[0]),
        json!({"requests": [
            {"id": "1", "method": "GET", "url": "/things/a"},
            {"id": "new", "method": "POST", "url": "/things", "headers": {"content-type": "application/json"},
             "body": {"name": "Nail"}},
            {"id": "3", "method": "GET", "url": "/things?$top=2", "headers": {"consistencylevel": "eventual"}},
            {"id": "4", "method": "GET", "url": "/things/a/owner", "dependsOn": ["new"]},
            {"id": "5", "method": "DELETE", "url": "/things/old"},
        ]})
    );
    assert_eq!(
        batch_body(&sent[1]),
        json!({"requests": [
            {"id": "3", "method": "GET", "url": "/things?$top=2", "headers": {"consistencylevel": "eventual"}},
        ]})
    );
    assert_eq!(timer.waits(), [Duration::from_secs(5)], "the item's Retry-After");
    let all = events.all();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].starts_with("sending batch items again round=1 items=1 delay_ms=5000 retry_after=true"), "{all:?}");

    assert_eq!(response.get(&get).unwrap().unwrap(), Thing { id: "a".into(), name: "Anvil".into() });
    assert_eq!(response.get(&create).unwrap().unwrap(), Thing { id: "n".into(), name: "Nail".into() });
    let things = response.get(&list).unwrap().unwrap();
    assert_eq!(things.value, [Thing { id: "a".into(), name: "Anvil".into() }]);
    assert_eq!(response.get(&owner).unwrap().unwrap(), Owner { display_name: "Ada".into() });
    response.get(&delete).unwrap().unwrap();
    assert!(response.retriable().is_empty());
    assert_eq!(response.item("new").map(|i| i.status.as_u16()), Some(201));
}

#[tokio::test]
async fn a_throttled_item_goes_again_with_its_424_dependant_a_busy_post_does_not() {
    let server = MockServer::script(vec![
        batch_reply(json!([
            {"id": "1", "status": 429, "headers": {"Retry-After": "2"}},
            {"id": "2", "status": 424, "body": {"error": {"code": "failedDependency", "message": "1 failed"}},
             "headers": {"Content-Type": "application/json"}},
            {"id": "3", "status": 503},
            {"id": "4", "status": 503, "headers": {"Retry-After": "7"}},
        ])),
        batch_reply(json!([
            json_item("4", 200, json!({"id": "d", "name": "Drill"})),
            json_item("1", 200, json!({"id": "n", "name": "Nail"})),
            json_item("2", 200, json!({"displayName": "Grace"})),
        ])),
    ])
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let mut batch = c.batch();
    let thing = batch.add(&GetThing("n")).unwrap();
    let owner = batch.add_with(&GetOwner("n"), ItemOptions::default().after(&thing)).unwrap();
    let create = batch.add(&CreateThing("Saw")).unwrap();
    let drill = batch.add(&GetThing("d")).unwrap();
    let response = c.send_batch_retrying(&batch).await.unwrap();

    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        batch_body(&sent[1]),
        json!({"requests": [
            {"id": "1", "method": "GET", "url": "/things/n"},
            {"id": "2", "method": "GET", "url": "/things/n/owner", "dependsOn": ["1"]},
            {"id": "4", "method": "GET", "url": "/things/d"},
        ]}),
        "the POST answered 503 may have run: not sent again"
    );
    assert_eq!(timer.waits(), [Duration::from_secs(7)], "the largest Retry-After of the round");
    assert_eq!(response.get(&thing).unwrap().unwrap().name, "Nail");
    assert_eq!(response.get(&owner).unwrap().unwrap().display_name, "Grace");
    assert_eq!(response.get(&drill).unwrap().unwrap().id, "d");
    assert_eq!(response.get(&create).unwrap().unwrap_err().status(), 503);
    assert!(response.failed_dependency().is_empty());
    assert_eq!(response.retriable().iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["3"]);
}

#[tokio::test]
async fn rounds_stop_at_the_policys_attempts_and_the_last_answer_stays() {
    let server = MockServer::start(|_, r: &Recorded| {
        let body: Value = serde_json::from_slice(&r.body).unwrap_or_default();
        let ids: Vec<Value> = body["requests"].as_array().cloned().unwrap_or_default();
        let items: Vec<Value> = ids
            .iter()
            .map(|i| match i["id"].as_str() {
                Some("1") => json_item("1", 200, json!({"id": "a", "name": "Anvil"})),
                other => json!({"id": other, "status": 429, "headers": {"Retry-After": "1"}}),
            })
            .collect();
        batch_reply(Value::Array(items))
    })
    .await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let events = Events::default();
    let policy = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
    let c = client(&server.base_url(), &timer).retry(policy).build().unwrap();
    let mut batch = c.batch();
    let fine = batch.add(&GetThing("a")).unwrap();
    let busy = batch.add(&DeleteThing("b")).unwrap();
    let response = c.send_batch_retrying(&batch).with_subscriber(events.clone()).await.unwrap();

    let rounds: Vec<Vec<String>> = server
        .requests()
        .iter()
        .map(|r| batch_body(r)["requests"].as_array().unwrap().iter().map(|i| i["id"].to_string()).collect())
        .collect();
    assert_eq!(rounds, [vec![r#""1""#, r#""2""#], vec![r#""2""#], vec![r#""2""#]]);
    assert_eq!(timer.waits(), [Duration::from_secs(1), Duration::from_secs(1)]);
    assert_eq!(response.get(&fine).unwrap().unwrap().name, "Anvil");
    let err = response.get(&busy).unwrap().unwrap_err();
    assert_eq!((err.status().as_u16(), err.retry_after()), (429, Some(&RetryAfter::Seconds(1))));
    let all = events.all();
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all[2].starts_with("giving up on batch items round=3 items=1 reason=Attempts"), "{all:?}");

    // A Retry-After past the policy's total time: no second round.
    let server =
        MockServer::script(vec![batch_reply(json!([{"id": "1", "status": 429, "headers": {"Retry-After": "600"}}]))])
            .await;
    let c = client(&server.base_url(), &timer).build().unwrap();
    let mut batch = c.batch();
    let late = batch.add(&GetThing("z")).unwrap();
    let response = c.send_batch_retrying(&batch).await.unwrap();
    assert_eq!(server.requests().len(), 1);
    assert_eq!(response.get(&late).unwrap().unwrap_err().status(), 429);
}

#[tokio::test]
async fn an_empty_batch_is_not_sent_and_a_failed_batch_is_an_error() {
    let server = MockServer::script(vec![Reply::json(400, r#"{"error":{"code":"BadRequest","message":"no"}}"#)]).await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let empty = c.send_batch(&c.batch()).await.unwrap();
    assert!(empty.items().is_empty());
    assert!(server.requests().is_empty());
    let mut batch = c.batch();
    batch.add(&GetThing("a")).unwrap();
    let err = c.send_batch(&batch).await.unwrap_err();
    assert_eq!(err.response().and_then(ResponseError::code), Some("BadRequest"));
    assert_eq!(server.requests().len(), 1);
}
