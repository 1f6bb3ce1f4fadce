//! A delta query over three rounds through the client against the mock server, the token
//! stored as a string between rounds: round 1 two pages (a next link, then the delta link),
//! round 2 a change and an `@removed` item, round 3 nothing. And a stored token of another
//! host (not sent the bearer token), and an expired one (the service's 410).

mod support;

use futures_util::TryStreamExt;
use graph_runtime::client::DeltaRound;
use graph_runtime::*;
use serde::Deserialize;
use std::sync::{Arc, OnceLock};
use std::time::UNIX_EPOCH;
use support::server::{MockServer, Recorded, Reply};
use support::{client, VirtualTimer};

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Item {
    id: String,
    name: String,
}

fn changed(id: &str, name: &str) -> DeltaItem<Item> {
    DeltaItem::Changed(Item { id: id.into(), name: name.into() })
}

/// `GET /drive/root/delta`, as the generator writes a delta function (with `$select`).
struct DriveDelta;

impl Endpoint for DriveDelta {
    type Body = ();
    type Output = Collection<serde_json::Value>;
    const METHOD: http::Method = http::Method::GET;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut options = RequestOptions::default();
        options.query.select = vec!["id".into(), "name".into()];
        build_request(Self::METHOD, base, "/drive/root/delta", &options, None)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, ResponseError> {
        decode_json(response)
    }
}

/// The delta function of a drive: its answers by query, links to the server itself.
async fn drive() -> MockServer {
    let base = Arc::new(OnceLock::<String>::new());
    let links = base.clone();
    let server = MockServer::start(move |_, r: &Recorded| {
        let base = links.get().cloned().unwrap_or_default();
        let query = r.target.split_once('?').map(|(_, q)| q).unwrap_or("");
        let link = |kind: &str, q: &str| format!(r#""@odata.{kind}":"{base}/drive/root/delta?{q}""#);
        let body = match query {
            "$select=id,name" => format!(
                r#"{{"value":[{{"id":"a","name":"A"}},{{"id":"b","name":"B"}}],{}}}"#,
                link("nextLink", "$skiptoken=p2")
            ),
            "$skiptoken=p2" => format!(r#"{{"value":[{{"id":"c","name":"C"}}],{}}}"#, link("deltaLink", "token=t1")),
            "token=t1" => format!(
                r#"{{"value":[{{"id":"a","name":"A2"}},{{"id":"b","@removed":{{"reason":"deleted"}}}}],{}}}"#,
                link("deltaLink", "token=t2")
            ),
            "token=t2" => format!(r#"{{"value":[],{}}}"#, link("deltaLink", "token=t3")),
            // An expired token: Graph answers 410 Gone and the caller starts over.
            other => {
                return Reply::json(410, &format!(r#"{{"error":{{"code":"resyncRequired","message":"{other}"}}}}"#))
            }
        };
        Reply::json(200, &body)
    })
    .await;
    let _ = base.set(server.base_url());
    server
}

#[tokio::test]
async fn three_rounds_with_the_token_stored_as_a_string() {
    let server = drive().await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();

    // Round 1: the initial sync, over two pages.
    let mut round = c.delta_items_of::<_, Item>(&DriveDelta);
    let items: Vec<DeltaItem<Item>> = (&mut round).try_collect().await.unwrap();
    assert_eq!(items, [changed("a", "A"), changed("b", "B"), changed("c", "C")]);
    assert_eq!(round.pages().pages_read(), 2);
    let stored: String = round.delta_token().expect("a token").to_string();
    assert_eq!(stored, format!("{}/drive/root/delta?token=t1", server.base_url()));

    // Round 2: restored from the string; one change, one removal.
    let token: DeltaToken = stored.parse().unwrap();
    let mut round = c.delta_items::<Item>(&token);
    let items: Vec<DeltaItem<Item>> = (&mut round).try_collect().await.unwrap();
    assert_eq!(items, [changed("a", "A2"), DeltaItem::Removed { id: "b".into(), reason: Some("deleted".into()) }]);
    // Stored the serde way this time, as a JSON string.
    let stored = serde_json::to_string(&round.delta_token().unwrap()).unwrap();

    // Round 3: nothing changed, a new token all the same.
    let token: DeltaToken = serde_json::from_str(&stored).unwrap();
    let DeltaRound { items, token } = c.delta_round::<Item>(&token).await.unwrap();
    assert!(items.is_empty());
    assert_eq!(token.as_ref().and_then(DeltaToken::token), Some("t3"));

    let sent = server.requests();
    let targets: Vec<&str> = sent.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/v1.0/drive/root/delta?$select=id,name",
            "/v1.0/drive/root/delta?$skiptoken=p2",
            "/v1.0/drive/root/delta?token=t1",
            "/v1.0/drive/root/delta?token=t2",
        ]
    );
    assert!(sent.iter().all(|r| r.method == "GET" && r.header("authorization") == Some("Bearer test-token")));
}

#[tokio::test]
async fn a_stored_token_of_another_host_is_refused_before_sending() {
    let server = drive().await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let elsewhere: DeltaToken = "https://elsewhere.example/v1.0/drive/root/delta?token=t1".parse().unwrap();
    let err = c.delta_round::<Item>(&elsewhere).await.unwrap_err();
    assert!(matches!(err, Error::Request(RequestError::ForeignNextLink(_))), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn an_expired_token_is_the_services_410_error() {
    let server = drive().await;
    let timer = VirtualTimer::at(UNIX_EPOCH);
    let c = client(&server.base_url(), &timer).build().unwrap();
    let stale: DeltaToken = format!("{}/drive/root/delta?token=old", server.base_url()).parse().unwrap();
    let err = c.delta_round::<Item>(&stale).await.unwrap_err();
    assert_eq!(err.response().map(|e| (e.status().as_u16(), e.code())), Some((410, Some("resyncRequired"))));
    assert_eq!(server.requests().len(), 1);
}
