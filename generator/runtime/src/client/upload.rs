//! Driving an [`UploadSession`]: chunk after chunk, and after a failed one the session's
//! status, then on from the first byte the service lacks.
//!
//! ```
//! use bytes::Bytes;
//! use graph_runtime::client::{BoxFuture, Client, Transport};
//! use graph_runtime::{TransportError, UploadSessionInfo, UPLOAD_CHUNK_UNIT};
//!
//! /// An upload URL that takes every chunk, and answers the last with the item.
//! struct Takes;
//! impl Transport for Takes {
//!     fn send(&self, req: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
//!         let range = req.headers()["content-range"].to_str().unwrap().to_string();
//!         let (status, body) = if range.ends_with("-399999/400000") {
//!             (201, r#"{"id":"01F","name":"big.bin"}"#.to_string())
//!         } else {
//!             (202, r#"{"nextExpectedRanges":["327680-"]}"#.to_string())
//!         };
//!         Box::pin(async move { Ok(http::Response::builder().status(status).body(Bytes::from(body)).unwrap()) })
//!     }
//! }
//! # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
//! let client = Client::builder().transport(Takes).build()?;
//! let session = UploadSessionInfo {
//!     upload_url: "https://up.example/s/1".into(), expiration_date_time: None, next_expected_ranges: vec![] };
//! let item: serde_json::Value = client.upload(&session, &vec![0u8; 400_000], UPLOAD_CHUNK_UNIT).await?;
//! assert_eq!(item["name"], "big.bin");
//! # Ok::<(), graph_runtime::Error>(())
//! # }).unwrap();
//! ```

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Client;
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::upload::{UploadError, UploadSession, UploadSessionInfo, UploadStep};

impl Client {
    /// Uploads `bytes` to the upload session `session` (the answer of `createUploadSession`:
    /// an [`UploadSessionInfo`], the generated `uploadSession` model, or its JSON) in chunks
    /// of `chunk_size` (a multiple of [`UPLOAD_CHUNK_UNIT`](crate::UPLOAD_CHUNK_UNIT)), and
    /// decodes the uploaded item as `T`. See [`Client::upload_session`].
    pub async fn upload<T, S>(&self, session: &S, bytes: &[u8], chunk_size: u64) -> Result<T, Error>
    where
        T: DeserializeOwned,
        S: Serialize + ?Sized,
    {
        let info: UploadSessionInfo =
            serde_json::to_value(session).and_then(serde_json::from_value).map_err(UploadError::BadSession)?;
        let mut session = UploadSession::new(&info, bytes.len() as u64, chunk_size)?;
        self.upload_session(&mut session, bytes).await
    }

    /// Sends the chunks of `bytes` (the whole file) that `session` still lacks. A failed
    /// chunk (`5xx`, `429`, `416`, no answer) is followed by a wait (the `Retry-After`, else
    /// the retry policy's backoff) and a status query, and the upload resumes where the
    /// service says; after the policy's `max_attempts` failures in a row it gives up. The
    /// requests carry no token and none of the default headers (the upload URL is
    /// pre-authenticated, often on another host). Dropping the future stops the upload; the
    /// session can be driven again later.
    pub async fn upload_session<T: DeserializeOwned>(
        &self,
        session: &mut UploadSession,
        bytes: &[u8],
    ) -> Result<T, Error> {
        let timer = &self.inner.timer;
        let mut failures = 0u32;
        let mut ask_status = false;
        // Bounded: every turn hands out one request, and the session allows `max_steps`.
        loop {
            let request = if ask_status {
                session.status_request()?
            } else {
                session.chunk_request(bytes)?.ok_or(UploadError::Incomplete)?
            };
            let what = if ask_status { "status" } else { "chunk" };
            let failure = match self.send_once(request).await {
                Ok(response) => match session.on_response::<T, _>(&response)? {
                    UploadStep::Completed(item) => return Ok(item),
                    UploadStep::Next(_) => {
                        (failures, ask_status) = (0, false);
                        continue;
                    }
                    UploadStep::Retry(error) => Error::Response(error),
                },
                Err(error) => Error::Transport(error),
            };
            failures += 1;
            if failures >= self.retry.max_attempts {
                return Err(failure);
            }
            let delay = match failure.response().and_then(|e| e.retry_after()) {
                Some(after) => after.delay(timer.system_now()),
                None => self.retry.backoff(failures, fastrand::f64()),
            };
            tracing::warn!(
                target: "graph_runtime::retry",
                request = what,
                offset = session.offset(),
                attempt = failures,
                delay_ms = delay.as_millis() as u64,
                failure = %failure,
                "upload request failed; asking the session status"
            );
            timer.sleep(delay).await;
            ask_status = true;
        }
    }

    /// One request to an upload URL, as is, within the client's timeout.
    async fn send_once(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Bytes>, TransportError> {
        let sent = self.inner.transport.send(request.map(Bytes::from));
        match self.inner.timeout {
            Some(limit) => tokio::time::timeout(limit, sent).await.unwrap_or_else(|_| {
                Err(TransportError::new(TransportErrorKind::Timeout, format!("no answer within {limit:?}")))
            }),
            None => sent.await,
        }
    }
}
