//! How a request travels: a [`Transport`] from `http::Request` to `http::Response`, with a
//! reqwest (rustls) one provided. The client adds the token, headers, timeout and retries.

use super::BoxFuture;
use crate::error::{TransportError, TransportErrorKind};
use bytes::Bytes;

/// Sends one request and reads the whole answer. Errors are typed by kind, which the retry
/// policy decides on.
///
/// ```
/// use bytes::Bytes;
/// use graph_runtime::client::{BoxFuture, Transport};
/// use graph_runtime::TransportError;
/// /// Answers every request with `204 No Content`.
/// struct NoContent;
/// impl Transport for NoContent {
///     fn send(&self, _: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
///         Box::pin(async { Ok(http::Response::builder().status(204).body(Bytes::new()).unwrap()) })
///     }
/// }
/// ```
pub trait Transport: Send + Sync + 'static {
    /// Sends `request`, returns the answer with its whole body.
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;
}

/// The transport on reqwest with rustls.
///
/// ```
/// let transport = graph_runtime::client::ReqwestTransport::new().unwrap();
/// # drop(transport);
/// ```
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A reqwest client with rustls, a 10 s connect timeout and no redirects followed
    /// (Graph's redirects, such as a download URL, are the caller's to follow).
    ///
    /// ```
    /// let client = graph_runtime::client::Client::builder()
    ///     .transport(graph_runtime::client::ReqwestTransport::new().unwrap())
    ///     .build().unwrap();
    /// # drop(client);
    /// ```
    pub fn new() -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(std::time::Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
        Ok(ReqwestTransport { client })
    }

    /// Uses a reqwest client built elsewhere (proxies, certificates, ...).
    ///
    /// ```
    /// let t = graph_runtime::client::ReqwestTransport::from_client(reqwest::Client::new());
    /// # drop(t);
    /// ```
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }
}

/// The kind of a reqwest error.
fn kind_of(e: &reqwest::Error) -> TransportErrorKind {
    if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else if e.is_body() || e.is_decode() {
        TransportErrorKind::Body
    } else if e.is_request() {
        TransportErrorKind::Connection
    } else {
        TransportErrorKind::Other
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request.map(reqwest::Body::from))
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
            let response = self.client.execute(request).await.map_err(|e| TransportError::new(kind_of(&e), e))?;
            let status = response.status();
            let version = response.version();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(|e| {
                let kind = if e.is_timeout() { TransportErrorKind::Timeout } else { TransportErrorKind::Body };
                TransportError::new(kind, e)
            })?;
            let mut out = http::Response::new(body);
            *out.status_mut() = status;
            *out.version_mut() = version;
            *out.headers_mut() = headers;
            Ok(out)
        })
    }
}
