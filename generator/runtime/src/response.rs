//! Decoding responses: the success body into its type, a failure into a typed error that
//! keeps what a support case needs (status, Graph code and message, inner error,
//! `request-id`, `client-request-id`, date, `Retry-After`).

use crate::odata::GraphError;
use crate::retry::RetryAfter;
use serde::de::DeserializeOwned;
use std::fmt;

/// What the service said about a response besides its body, read off the status and headers.
///
/// ```
/// let resp = http::Response::builder().status(429).header("Retry-After", "2")
///     .header("request-id", "r-1").body(()).unwrap();
/// let info = graph_runtime::ResponseInfo::of(&resp);
/// assert_eq!(info.request_id.as_deref(), Some("r-1"));
/// assert_eq!(info.retry_after, Some(graph_runtime::RetryAfter::Seconds(2)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseInfo {
    /// The status code.
    pub status: http::StatusCode,
    /// The `request-id` header: the service's id of the request, for a support case.
    pub request_id: Option<String>,
    /// The `client-request-id` header: the id the client sent, echoed.
    pub client_request_id: Option<String>,
    /// The `Date` header, as sent.
    pub date: Option<String>,
    /// The `Retry-After` header, when it is seconds or an HTTP date.
    pub retry_after: Option<RetryAfter>,
    /// The `Location` header (a created entity, a long-running operation's monitor).
    pub location: Option<String>,
}

impl ResponseInfo {
    /// Reads the status and the headers of a response.
    ///
    /// ```
    /// let resp = http::Response::builder().status(201).header("Location", "https://x/y").body(()).unwrap();
    /// assert_eq!(graph_runtime::ResponseInfo::of(&resp).location.as_deref(), Some("https://x/y"));
    /// ```
    pub fn of<B>(response: &http::Response<B>) -> Self {
        ResponseInfo::from_parts(response.status(), response.headers())
    }

    /// Reads a status and headers.
    ///
    /// ```
    /// let info = graph_runtime::ResponseInfo::from_parts(http::StatusCode::OK, &http::HeaderMap::new());
    /// assert_eq!(info.request_id, None);
    /// ```
    pub fn from_parts(status: http::StatusCode, headers: &http::HeaderMap) -> Self {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        ResponseInfo {
            status,
            request_id: text("request-id"),
            client_request_id: text("client-request-id"),
            date: text("date"),
            retry_after: headers
                .get(http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(RetryAfter::parse),
            location: text("location"),
        }
    }
}

/// The `innerError` of a Graph error, as Graph fills it.
///
/// ```
/// let v = serde_json::json!({"date": "2024-01-01T00:00:00", "request-id": "r", "client-request-id": "c"});
/// let inner = graph_runtime::InnerError::from_value(&v);
/// assert_eq!(inner.request_id.as_deref(), Some("r"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InnerError {
    /// `innerError.code`, a more specific error code.
    pub code: Option<String>,
    /// `innerError.date`.
    pub date: Option<String>,
    /// `innerError.request-id`.
    pub request_id: Option<String>,
    /// `innerError.client-request-id`.
    pub client_request_id: Option<String>,
}

impl InnerError {
    /// Reads the fields Graph puts in an `innerError` object; others are ignored.
    ///
    /// ```
    /// assert_eq!(graph_runtime::InnerError::from_value(&serde_json::json!(3)), Default::default());
    /// ```
    pub fn from_value(value: &serde_json::Value) -> Self {
        let text = |k: &str| value.get(k).and_then(serde_json::Value::as_str).map(str::to_owned);
        InnerError {
            code: text("code"),
            date: text("date"),
            request_id: text("request-id"),
            client_request_id: text("client-request-id"),
        }
    }
}

/// Why a response could not be turned into its type.
///
/// ```
/// use graph_runtime::{decode_json, ResponseError};
/// let resp = http::Response::builder().status(404).header("request-id", "r-9")
///     .body(r#"{"error":{"code":"itemNotFound","message":"gone"}}"#).unwrap();
/// let err = decode_json::<serde_json::Value, _>(&resp).unwrap_err();
/// assert_eq!(err.code(), Some("itemNotFound"));
/// assert_eq!(err.request_id(), Some("r-9"));
/// assert!(matches!(err, ResponseError::Graph { .. }));
/// ```
#[derive(Debug)]
pub enum ResponseError {
    /// The service answered with a Graph error.
    Graph {
        /// Status and headers.
        info: Box<ResponseInfo>,
        /// The error body.
        error: Box<GraphError>,
    },
    /// The service answered with an error status and no Graph error body.
    Status {
        /// Status and headers.
        info: Box<ResponseInfo>,
        /// The body, as sent.
        body: Vec<u8>,
    },
    /// A success body does not match the response type.
    Decode {
        /// Status and headers.
        info: Box<ResponseInfo>,
        /// The JSON error.
        error: serde_json::Error,
    },
}

impl ResponseError {
    /// Status and headers of the response.
    ///
    /// ```
    /// let resp = http::Response::builder().status(500).body(&b""[..]).unwrap();
    /// let err = graph_runtime::decode_empty(&resp).unwrap_err();
    /// assert_eq!(err.info().status, 500);
    /// ```
    pub fn info(&self) -> &ResponseInfo {
        match self {
            ResponseError::Graph { info, .. }
            | ResponseError::Status { info, .. }
            | ResponseError::Decode { info, .. } => info,
        }
    }

    /// The status code.
    ///
    /// ```
    /// let resp = http::Response::builder().status(503).body(&b"busy"[..]).unwrap();
    /// assert_eq!(graph_runtime::decode_empty(&resp).unwrap_err().status(), 503);
    /// ```
    pub fn status(&self) -> http::StatusCode {
        self.info().status
    }

    /// The Graph error, when the body was one.
    ///
    /// ```
    /// let resp = http::Response::builder().status(400).body(&b"{\"error\":{\"code\":\"c\"}}"[..]).unwrap();
    /// assert!(graph_runtime::decode_empty(&resp).unwrap_err().graph_error().is_some());
    /// ```
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            ResponseError::Graph { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The Graph error code, e.g. `InvalidAuthenticationToken`.
    ///
    /// ```
    /// let resp = http::Response::builder().status(401).body(&b"{\"error\":{\"code\":\"c\"}}"[..]).unwrap();
    /// assert_eq!(graph_runtime::decode_empty(&resp).unwrap_err().code(), Some("c"));
    /// ```
    pub fn code(&self) -> Option<&str> {
        self.graph_error().map(|e| e.error.code.as_str())
    }

    /// The Graph error message.
    ///
    /// ```
    /// let resp = http::Response::builder().status(401).body(&b"{\"error\":{\"message\":\"m\"}}"[..]).unwrap();
    /// assert_eq!(graph_runtime::decode_empty(&resp).unwrap_err().message(), Some("m"));
    /// ```
    pub fn message(&self) -> Option<&str> {
        self.graph_error().map(|e| e.error.message.as_str())
    }

    /// The Graph error's `innerError`, read.
    ///
    /// ```
    /// let body = br#"{"error":{"code":"c","innerError":{"request-id":"r","date":"d"}}}"#;
    /// let resp = http::Response::builder().status(401).body(&body[..]).unwrap();
    /// let inner = graph_runtime::decode_empty(&resp).unwrap_err().inner_error().unwrap();
    /// assert_eq!(inner.date.as_deref(), Some("d"));
    /// ```
    pub fn inner_error(&self) -> Option<InnerError> {
        self.graph_error().and_then(|e| e.error.inner_error.as_ref()).map(InnerError::from_value)
    }

    /// The `request-id`: the header, else the one of the `innerError`.
    ///
    /// ```
    /// let body = br#"{"error":{"code":"c","innerError":{"request-id":"from-body"}}}"#;
    /// let resp = http::Response::builder().status(403).body(&body[..]).unwrap();
    /// assert_eq!(graph_runtime::decode_empty(&resp).unwrap_err().request_id(), Some("from-body"));
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        self.info().request_id.as_deref().or_else(|| self.inner_text("request-id"))
    }

    /// The `client-request-id`: the header, else the one of the `innerError`.
    ///
    /// ```
    /// let resp = http::Response::builder().status(403).header("client-request-id", "c-1").body(&b""[..]).unwrap();
    /// assert_eq!(graph_runtime::decode_empty(&resp).unwrap_err().client_request_id(), Some("c-1"));
    /// ```
    pub fn client_request_id(&self) -> Option<&str> {
        self.info().client_request_id.as_deref().or_else(|| self.inner_text("client-request-id"))
    }

    /// The date of the error: the `innerError`'s, else the `Date` header.
    ///
    /// ```
    /// let resp = http::Response::builder().status(500).header("Date", "Sun, 06 Nov 1994 08:49:37 GMT").body(&b""[..]).unwrap();
    /// assert_eq!(graph_runtime::decode_empty(&resp).unwrap_err().date(), Some("Sun, 06 Nov 1994 08:49:37 GMT"));
    /// ```
    pub fn date(&self) -> Option<&str> {
        self.inner_text("date").or(self.info().date.as_deref())
    }

    /// The `Retry-After` of the response, when it had one.
    ///
    /// ```
    /// let resp = http::Response::builder().status(429).header("Retry-After", "7").body(&b""[..]).unwrap();
    /// assert_eq!(graph_runtime::decode_empty(&resp).unwrap_err().retry_after(), Some(&graph_runtime::RetryAfter::Seconds(7)));
    /// ```
    pub fn retry_after(&self) -> Option<&RetryAfter> {
        self.info().retry_after.as_ref()
    }

    fn inner_text(&self, key: &str) -> Option<&str> {
        self.graph_error()?.error.inner_error.as_ref()?.get(key)?.as_str()
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Graph { info, error } => write!(f, "{}: {error}", info.status)?,
            ResponseError::Status { info, body } => write!(f, "{} ({} bytes)", info.status, body.len())?,
            ResponseError::Decode { info, error } => write!(f, "{}: response body: {error}", info.status)?,
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request-id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Graph { error, .. } => Some(&**error),
            ResponseError::Decode { error, .. } => Some(error),
            ResponseError::Status { .. } => None,
        }
    }
}

fn error_of(info: ResponseInfo, body: &[u8]) -> ResponseError {
    let info = Box::new(info);
    match serde_json::from_slice::<GraphError>(body) {
        Ok(error) => ResponseError::Graph { info, error: Box::new(error) },
        Err(_) => ResponseError::Status { info, body: body.to_vec() },
    }
}

/// Decodes a JSON success body, or the error of a failure status.
///
/// ```
/// let resp = http::Response::builder().status(200).body(&b"[1,2]"[..]).unwrap();
/// assert_eq!(graph_runtime::decode_json::<Vec<u8>, _>(&resp).unwrap(), vec![1, 2]);
/// ```
pub fn decode_json<T: DeserializeOwned, B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<T, ResponseError> {
    let info = ResponseInfo::of(response);
    let body = response.body().as_ref();
    if !info.status.is_success() {
        return Err(error_of(info, body));
    }
    serde_json::from_slice(body).map_err(|error| ResponseError::Decode { info: Box::new(info), error })
}

/// Accepts any success status (the body is ignored), or returns the error of a failure.
///
/// ```
/// let resp = http::Response::builder().status(204).body(&b""[..]).unwrap();
/// assert!(graph_runtime::decode_empty(&resp).is_ok());
/// ```
pub fn decode_empty<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<(), ResponseError> {
    if response.status().is_success() {
        Ok(())
    } else {
        Err(error_of(ResponseInfo::of(response), response.body().as_ref()))
    }
}
