//! The errors of a whole call: building the request, getting a token, the transport, the
//! response. Transport failures (no complete answer) and response failures (an answer that
//! is an error or does not decode) are kept apart.

use crate::request::RequestError;
use crate::response::ResponseError;
use crate::upload::UploadError;
use std::fmt;

/// A boxed error of another crate (a token source's, a transport's).
///
/// ```
/// let e: graph_runtime::BoxError = "no credentials".into();
/// assert_eq!(e.to_string(), "no credentials");
/// ```
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What kind of transport failure: the retry policy and the caller decide on it.
///
/// ```
/// assert_eq!(graph_runtime::TransportErrorKind::Timeout.to_string(), "timed out");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, TLS handshake): nothing was sent.
    Connect,
    /// The connection broke after it was made (reset, closed before the answer).
    Connection,
    /// No answer within the timeout.
    Timeout,
    /// The answer's body broke off (truncated, reset while reading).
    Body,
    /// Anything else.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Connection => "connection broken",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Body => "response body broken off",
            TransportErrorKind::Other => "transport failed",
        })
    }
}

/// A request that got no complete answer.
///
/// ```
/// use graph_runtime::{TransportError, TransportErrorKind};
/// let e = TransportError::new(TransportErrorKind::Connection, "reset by peer");
/// assert_eq!(e.kind(), TransportErrorKind::Connection);
/// assert_eq!(e.to_string(), "connection broken: reset by peer");
/// ```
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: BoxError,
}

impl TransportError {
    /// A transport error of `kind`, caused by `source`.
    ///
    /// ```
    /// let e = graph_runtime::TransportError::new(graph_runtime::TransportErrorKind::Other, String::from("x"));
    /// assert!(std::error::Error::source(&e).is_some());
    /// ```
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        TransportError { kind, source: source.into() }
    }

    /// The kind of failure.
    ///
    /// ```
    /// let e = graph_runtime::TransportError::new(graph_runtime::TransportErrorKind::Body, "eof");
    /// assert_eq!(e.kind(), graph_runtime::TransportErrorKind::Body);
    /// ```
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.source)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// Why a call failed.
///
/// ```
/// use graph_runtime::{Error, RequestError};
/// let e = Error::from(RequestError::EmptyPathParameter("user-id"));
/// assert!(e.response().is_none());
/// assert_eq!(e.to_string(), "path parameter `user-id` is empty");
/// ```
#[derive(Debug)]
pub enum Error {
    /// The request could not be built.
    Request(RequestError),
    /// The token source failed.
    Token(BoxError),
    /// No complete answer came (after the retries the policy allowed).
    Transport(TransportError),
    /// The answer is an error, or its body does not decode (after the retries).
    Response(ResponseError),
    /// A resumable upload could not go on (a session expired, a bad chunk size, ...).
    Upload(UploadError),
}

impl Error {
    /// The response error, when there was an answer.
    ///
    /// ```
    /// let resp = http::Response::builder().status(404).body(&b""[..]).unwrap();
    /// let e = graph_runtime::Error::from(graph_runtime::decode_empty(&resp).unwrap_err());
    /// assert_eq!(e.response().map(|r| r.status().as_u16()), Some(404));
    /// ```
    pub fn response(&self) -> Option<&ResponseError> {
        match self {
            Error::Response(r) => Some(r),
            _ => None,
        }
    }

    /// The transport error, when there was no complete answer.
    ///
    /// ```
    /// use graph_runtime::{Error, TransportError, TransportErrorKind};
    /// let e = Error::from(TransportError::new(TransportErrorKind::Timeout, "slow"));
    /// assert_eq!(e.transport().map(TransportError::kind), Some(TransportErrorKind::Timeout));
    /// ```
    pub fn transport(&self) -> Option<&TransportError> {
        match self {
            Error::Transport(t) => Some(t),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Request(e) => e.fmt(f),
            Error::Token(e) => write!(f, "token: {e}"),
            Error::Transport(e) => e.fmt(f),
            Error::Response(e) => e.fmt(f),
            Error::Upload(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Request(e) => Some(e),
            Error::Token(e) => Some(&**e),
            Error::Transport(e) => Some(e),
            Error::Response(e) => Some(e),
            Error::Upload(e) => Some(e),
        }
    }
}

impl From<RequestError> for Error {
    fn from(e: RequestError) -> Self {
        Error::Request(e)
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(e)
    }
}

impl From<ResponseError> for Error {
    fn from(e: ResponseError) -> Self {
        Error::Response(e)
    }
}

impl From<UploadError> for Error {
    fn from(e: UploadError) -> Self {
        Error::Upload(e)
    }
}
