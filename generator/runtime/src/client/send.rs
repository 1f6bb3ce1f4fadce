//! One call: the token, default headers and a `client-request-id` added, the request sent
//! with a timeout, retried as the policy says, every retry reported through `tracing`.

use super::Client;
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::response::ResponseInfo;
use crate::retry::{Attempt, Failure, RetryDecision};
use bytes::Bytes;

/// A request that can be sent again: method, URI, headers and body.
struct Replayable {
    method: http::Method,
    uri: http::Uri,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Replayable {
    fn build(&self) -> http::Request<Bytes> {
        let mut request = http::Request::new(self.body.clone());
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        request
    }
}

/// A random UUID (version 4) for the `client-request-id` header.
fn client_request_id() -> String {
    let bytes = fastrand::u128(..).to_le_bytes();
    uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string()
}

impl Client {
    /// Sends `request` (retrying as the policy says) and returns the last answer, whatever
    /// its status, with the number of attempts; an error when no answer came.
    pub(crate) async fn send_raw(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<(http::Response<Bytes>, u32), Error> {
        let (parts, body) = request.into_parts();
        let mut headers = parts.headers;
        for (name, value) in &self.inner.default_headers {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
        if !headers.contains_key("client-request-id") {
            if let Ok(v) = http::HeaderValue::from_str(&client_request_id()) {
                headers.insert("client-request-id", v);
            }
        }
        let mut replay = Replayable { method: parts.method, uri: parts.uri, headers, body: Bytes::from(body) };
        let timer = &self.inner.timer;
        let started = timer.now();
        let mut number = 0u32;
        let mut token_renewed = false;
        loop {
            number += 1;
            let mut sent_token = None;
            if let Some(source) = &self.inner.token {
                let token = source.token().await.map_err(Error::Token)?;
                let value =
                    http::HeaderValue::from_str(&format!("Bearer {token}")).map_err(|e| Error::Token(e.into()))?;
                replay.headers.insert(http::header::AUTHORIZATION, value);
                sent_token = Some(token);
            }
            let sent = self.inner.transport.send(replay.build());
            let outcome = match self.inner.timeout {
                Some(limit) => match tokio::time::timeout(limit, sent).await {
                    Ok(outcome) => outcome,
                    Err(_) => {
                        Err(TransportError::new(TransportErrorKind::Timeout, format!("no answer within {limit:?}")))
                    }
                },
                None => sent.await,
            };
            let failure = match &outcome {
                Ok(response) if response.status().is_success() => return Ok((outcome?, number)),
                Ok(response) if response.status() == http::StatusCode::UNAUTHORIZED && !token_renewed => {
                    // A rejected token: one more attempt, at once, if the source has another.
                    // The service did nothing with the request, so this is safe for any method.
                    let source = self.inner.token.as_ref().zip(sent_token.as_deref());
                    if source.is_some_and(|(source, token)| source.rejected(token)) {
                        token_renewed = true;
                        tracing::info!(
                            target: "graph_runtime::retry",
                            method = %replay.method,
                            path = replay.uri.path(),
                            attempt = number,
                            "token rejected (401); sending again with a fresh token"
                        );
                        continue;
                    }
                    let info = ResponseInfo::of(response);
                    Failure::Status { status: info.status, retry_after: info.retry_after }
                }
                Ok(response) => {
                    let info = ResponseInfo::of(response);
                    Failure::Status { status: info.status, retry_after: info.retry_after }
                }
                Err(e) => Failure::Transport(e.kind()),
            };
            let attempt = Attempt {
                number,
                method: &replay.method,
                failure,
                elapsed: timer.now().saturating_duration_since(started),
                now: timer.system_now(),
                jitter: fastrand::f64(),
            };
            let decision = self.retry.decide(&attempt);
            let what = match &outcome {
                Ok(r) => r.status().to_string(),
                Err(e) => e.to_string(),
            };
            match decision {
                RetryDecision::Retry { delay, from_retry_after } => {
                    tracing::warn!(
                        target: "graph_runtime::retry",
                        method = %replay.method,
                        path = replay.uri.path(),
                        attempt = number,
                        delay_ms = delay.as_millis() as u64,
                        retry_after = from_retry_after,
                        failure = %what,
                        "retrying Graph request"
                    );
                    timer.sleep(delay).await;
                }
                RetryDecision::GiveUp(why) => {
                    if number > 1 {
                        tracing::warn!(
                            target: "graph_runtime::retry",
                            method = %replay.method,
                            path = replay.uri.path(),
                            attempt = number,
                            reason = ?why,
                            failure = %what,
                            "giving up on Graph request"
                        );
                    }
                    return outcome.map(|r| (r, number)).map_err(Error::Transport);
                }
            }
        }
    }
}
