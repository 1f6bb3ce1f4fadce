//! README's client example, run: list with `$select`, all pages, with retry, against a mock
//! server on 127.0.0.1 that throttles the first request (`Retry-After: 0`) and answers two
//! pages with `@odata.count`. (The waits themselves are tested in `graph-runtime`.)

#[path = "../../generator/runtime/tests/support/server.rs"]
mod server;

use futures_util::TryStreamExt;
use generated::endpoints::users::ListUsers;
use generated::models::microsoft_graph::User;
use generated::prelude::*;
use generated::runtime::client::{Client, ReqwestTransport, StaticToken};
use generated::runtime::RetryPolicy;
use server::{MockServer, Reply};

#[tokio::test]
async fn list_with_select_all_pages_with_retry() -> Result<(), generated::runtime::Error> {
    let next = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let link = next.clone();
    let server = MockServer::start(move |n, r| {
        let base = link.get().cloned().unwrap_or_default();
        match (n, r.target.contains("$skiptoken")) {
            (0, _) => Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#)
                .header("Retry-After", "0"),
            (_, false) => Reply::json(
                200,
                &format!(
                    r#"{{"@odata.count":3,"value":[{{"displayName":"Ada","mail":"ada@contoso.example"}},{{"displayName":"Bo","mail":"bo@contoso.example"}}],
                    "@odata.nextLink":"{base}/users?$skiptoken=2"}}"#
                ),
            ),
            (_, true) => Reply::json(200, r#"{"value":[{"displayName":"Cy","mail":null}],"@odata.deltaLink":"d"}"#),
        }
    })
    .await;
    let _ = next.set(server.base_url());
    let (token, base_url) = ("eyJ0...", server.base_url());
    let reqwest = reqwest::Client::builder().no_proxy().build().expect("reqwest");

    // The README's lines, with a transport that ignores proxy settings.
    let client = Client::builder()
        .token(StaticToken::new(token))
        .base_url(base_url)
        .transport(ReqwestTransport::from_client(reqwest))
        .retry(RetryPolicy { max_attempts: 5, ..RetryPolicy::default() })
        .build()?;
    let list = ListUsers::new().select(["displayName", "mail"]).top(2);
    let mut users = client.items(&list);
    let all: Vec<User> = (&mut users).try_collect().await?;

    let names: Vec<_> = all.iter().map(|u| u.display_name.as_deref()).collect();
    assert_eq!(names, [Some("Ada"), Some("Bo"), Some("Cy")]);
    assert_eq!(all[2].mail, None, "a null from the service reads as None");
    assert_eq!((users.odata_count(), users.delta_link()), (Some(3), Some("d")));
    let sent = server.requests();
    let targets: Vec<&str> = sent.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/v1.0/users?$select=displayName,mail&$top=2",
            "/v1.0/users?$select=displayName,mail&$top=2",
            "/v1.0/users?$skiptoken=2"
        ],
        "one retry, then two pages"
    );
    assert!(sent.iter().all(|r| r.header("authorization") == Some("Bearer eyJ0...")));
    Ok(())
}
