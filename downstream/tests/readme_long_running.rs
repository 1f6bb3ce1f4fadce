//! README's long-running example, run: a generated action that the docs say answers
//! `202 Accepted` with a `Location` header returns a `LongRunning` monitor; the client polls
//! it (on another host, so without the token) through `inProgress` to `completed` and fetches
//! the new resource from the service (with the token). The mock server is on 127.0.0.1 and
//! names its monitor on `localhost`.

#[path = "../../generator/runtime/tests/support/server.rs"]
mod server;

use generated::endpoints::device_management::{
    GroupPolicyUploadedDefinitionFileDuplicate, GroupPolicyUploadedDefinitionFileDuplicateBody,
};
use generated::models::microsoft_graph::GroupPolicyUploadedDefinitionFile;
use generated::runtime::client::{Client, ReqwestTransport, StaticToken};
use generated::runtime::LongRunning;
use server::{MockServer, Reply};

#[tokio::test]
async fn a_long_running_copy_is_polled_to_its_resource() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start(|n, r| {
        let port = r.port();
        match n {
            0 => Reply::json(202, "")
                .header("Location", &format!("http://localhost:{port}/monitors/dup-1"))
                .header("Retry-After", "0"),
            1 => Reply::json(200, r#"{"status":"inProgress","percentageComplete":60}"#).header("Retry-After", "0"),
            2 => Reply::json(
                200,
                &format!(
                    r#"{{"status":"completed","resourceLocation":"http://127.0.0.1:{port}/v1.0/deviceManagement/groupPolicyUploadedDefinitionFiles/f2"}}"#
                ),
            ),
            3 => Reply::json(200, r#"{"id":"f2","displayName":"Templates (copy)"}"#),
            _ => Reply::json(500, "{}"),
        }
    })
    .await;
    let reqwest = reqwest::Client::builder().no_proxy().build()?;
    let client = Client::builder()
        .token(StaticToken::new("eyJ0..."))
        .base_url(server.base_url())
        .transport(ReqwestTransport::from_client(reqwest))
        .build()?;
    let body = GroupPolicyUploadedDefinitionFileDuplicateBody {
        display_name: Some("Templates (copy)".into()),
        ..Default::default()
    };

    // The README's lines.
    let answer = client.send(&GroupPolicyUploadedDefinitionFileDuplicate::new("f1", body)).await?;
    assert!(matches!(answer, LongRunning::Accepted(_)), "202 Accepted: a monitor to poll");
    let copy: GroupPolicyUploadedDefinitionFile = client.complete(answer).await?;

    assert_eq!(copy.display_name.as_deref(), Some("Templates (copy)"));
    let sent = server.requests();
    let lines: Vec<String> = sent.iter().map(|r| format!("{} {}", r.method, r.target)).collect();
    assert_eq!(
        lines,
        [
            "POST /v1.0/deviceManagement/groupPolicyUploadedDefinitionFiles/f1/duplicate",
            "GET /monitors/dup-1",
            "GET /monitors/dup-1",
            "GET /v1.0/deviceManagement/groupPolicyUploadedDefinitionFiles/f2",
        ]
    );
    let with_token: Vec<bool> = sent.iter().map(|r| r.header("authorization").is_some()).collect();
    assert_eq!(with_token, [true, false, false, true], "the monitor on another host gets no token");
    assert_eq!(sent[0].body, br#"{"displayName":"Templates (copy)"}"#);
    Ok(())
}
