//! README's workflow examples, run against a mock server on 127.0.0.1 with generated
//! endpoints and models: a JSON batch of three generated endpoints (one depending on
//! another, one throttled and sent again), a delta round resumed from a token stored as a
//! string, and a large upload in 320 KiB chunks. (Faults in depth are tested in
//! `graph-runtime`'s `client_batch`, `client_delta` and `client_upload`.)

#[path = "../../generator/runtime/tests/support/server.rs"]
mod server;

use generated::endpoints::device_management::{
    GetDeviceManagement, GetGroupPolicyUploadedDefinitionFile, ListGroupPolicyOperations,
};
use generated::models::microsoft_graph::{DeviceManagement, GroupPolicyUploadedDefinitionFile, User};
use generated::runtime::client::{Client, DeltaRound, ReqwestTransport, StaticToken};
use generated::runtime::{DeltaItem, DeltaToken, ItemOptions, UploadSessionInfo, UPLOAD_CHUNK_UNIT};
use serde_json::{json, Value};
use server::{MockServer, Reply};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn client_of(server: &MockServer) -> Result<Client> {
    let reqwest = reqwest::Client::builder().no_proxy().build()?;
    Ok(Client::builder()
        .token(StaticToken::new("eyJ0..."))
        .base_url(server.base_url())
        .transport(ReqwestTransport::from_client(reqwest))
        .build()?)
}

/// The ids and urls of a `$batch` body.
fn items_of(body: &[u8]) -> Vec<(String, String, Vec<String>)> {
    let v: Value = serde_json::from_slice(body).unwrap_or_default();
    let items = v["requests"].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .map(|r| {
            let after = r["dependsOn"].as_array().into_iter().flatten().filter_map(Value::as_str).map(String::from);
            (r["id"].as_str().unwrap_or("").to_string(), r["url"].as_str().unwrap_or("").to_string(), after.collect())
        })
        .collect()
}

#[tokio::test]
async fn batch_of_generated_endpoints_with_a_dependency_and_a_throttled_item() -> Result {
    let server = MockServer::start(|n, _| {
        let body = match n {
            0 => json!({"responses": [
                {"id": "1", "status": 200, "body": {"id": "f1", "displayName": "Templates"}},
                {"id": "2", "status": 200, "body": {"value": [{"id": "o1", "operationStatus": "success"}]}},
                {"id": "3", "status": 429, "headers": {"Retry-After": "0"},
                 "body": {"error": {"code": "TooManyRequests", "message": "later"}}}]}),
            _ => json!({"responses": [{"id": "3", "status": 200, "body": {"id": "dm"}}]}),
        };
        Reply::json(200, &body.to_string())
    })
    .await;
    let client = client_of(&server)?;

    // The README's lines.
    let mut batch = client.batch();
    let file = batch.add(&GetGroupPolicyUploadedDefinitionFile::new("f1"))?;
    let ops = batch.add_with(&ListGroupPolicyOperations::new("f1"), ItemOptions::default().after(&file))?;
    let dm = batch.add(&GetDeviceManagement::new())?;
    let answers = client.send_batch_retrying(&batch).await?;
    let file: GroupPolicyUploadedDefinitionFile = answers.get(&file).expect("answered")?;
    let operations = answers.get(&ops).expect("answered")?.value;
    let dm: DeviceManagement = answers.get(&dm).expect("answered after the retry")?;

    assert_eq!(file.display_name.as_deref(), Some("Templates"));
    assert_eq!(operations.len(), 1);
    assert_eq!(dm.id.as_deref(), Some("dm"));
    let sent = server.requests();
    assert_eq!(sent.len(), 2, "one batch, then a round with the throttled item");
    assert!(sent.iter().all(|r| r.method == "POST" && r.target == "/v1.0/$batch"));
    let f = "/deviceManagement/groupPolicyUploadedDefinitionFiles/f1";
    assert_eq!(
        items_of(&sent[0].body),
        [
            ("1".into(), f.to_string(), vec![]),
            ("2".into(), format!("{f}/groupPolicyOperations"), vec!["1".to_string()]),
            ("3".into(), "/deviceManagement".into(), vec![]),
        ]
    );
    assert_eq!(items_of(&sent[1].body), [("3".into(), "/deviceManagement".into(), vec![])]);
    Ok(())
}

#[tokio::test]
async fn delta_round_from_a_stored_token() -> Result {
    let server = MockServer::start(|_, r| {
        let port = r.port();
        Reply::json(
            200,
            &json!({"value": [{"id": "u1", "displayName": "Ada"}, {"id": "u2", "@removed": {"reason": "deleted"}}],
                    "@odata.deltaLink": format!("http://127.0.0.1:{port}/v1.0/users/delta?$deltatoken=next")})
            .to_string(),
        )
    })
    .await;
    let client = client_of(&server)?;
    let stored = format!("{}/users/delta?$deltatoken=before", server.base_url());

    // The README's lines.
    let token: DeltaToken = stored.parse()?;
    let DeltaRound { items, token } = client.delta_round::<User>(&token).await?;
    for item in &items {
        match item {
            DeltaItem::Changed(user) => println!("changed: {:?}", user.display_name),
            DeltaItem::Removed { id, reason } => println!("removed: {id} ({reason:?})"),
        }
    }
    let next = token.map(|t| t.to_string()); // store it for the next round

    assert!(matches!(&items[0], DeltaItem::Changed(u) if u.display_name.as_deref() == Some("Ada")));
    assert_eq!(items[1], DeltaItem::Removed { id: "u2".into(), reason: Some("deleted".into()) });
    assert_eq!(next, Some(format!("{}/users/delta?$deltatoken=next", server.base_url())));
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].target, "/v1.0/users/delta?$deltatoken=before");
    assert_eq!(sent[0].header("authorization"), Some("Bearer eyJ0..."));
    Ok(())
}

#[tokio::test]
async fn large_upload_in_chunks() -> Result {
    let total = 2 * UPLOAD_CHUNK_UNIT as usize + 1000;
    let server = MockServer::start(move |n, _| match n {
        0 | 1 => Reply::json(
            202,
            &json!({"nextExpectedRanges": [format!("{}-", (n + 1) * UPLOAD_CHUNK_UNIT as usize)]}).to_string(),
        ),
        _ => Reply::json(201, r#"{"id":"item-1","name":"report.bin"}"#),
    })
    .await;
    let client = client_of(&server)?;
    let bytes: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
    let session: UploadSessionInfo = serde_json::from_value(json!({
        "uploadUrl": format!("{}/upload/session-1", server.base_url().replace("127.0.0.1", "localhost")),
        "expirationDateTime": "2030-01-01T00:00:00Z",
    }))?;

    // The README's lines (the session is the answer of `createUploadSession`).
    let item: Value = client.upload(&session, &bytes, UPLOAD_CHUNK_UNIT).await?;

    assert_eq!(item["id"], "item-1");
    let sent = server.requests();
    let ranges: Vec<_> = sent.iter().map(|r| r.header("content-range").unwrap_or("").to_string()).collect();
    let last = total - 1;
    assert_eq!(
        ranges,
        [
            format!("bytes 0-327679/{total}"),
            format!("bytes 327680-655359/{total}"),
            format!("bytes 655360-{last}/{total}")
        ]
    );
    assert!(sent.iter().all(|r| r.method == "PUT" && r.header("authorization").is_none()));
    let received: Vec<u8> = sent.iter().flat_map(|r| r.body.clone()).collect();
    assert!(received == bytes, "the chunks put together are the file");
    Ok(())
}
