//! Decoding responses: the success body into its type, a failure into the Graph error.

use super::odata::GraphError;
use serde::de::DeserializeOwned;
use std::fmt;

/// Why a response could not be turned into its type.
#[derive(Debug)]
pub enum ResponseError {
    /// The service answered with a Graph error.
    Graph {
        /// The status code.
        status: http::StatusCode,
        /// The error body.
        error: Box<GraphError>,
    },
    /// The service answered with an error status and no Graph error body.
    Status {
        /// The status code.
        status: http::StatusCode,
        /// The body, as sent.
        body: Vec<u8>,
    },
    /// A success body does not match the response type.
    Decode {
        /// The status code.
        status: http::StatusCode,
        /// The JSON error.
        error: serde_json::Error,
    },
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Graph { status, error } => write!(f, "{status}: {error}"),
            ResponseError::Status { status, body } => write!(f, "{status} ({} bytes)", body.len()),
            ResponseError::Decode { status, error } => write!(f, "{status}: response body: {error}"),
        }
    }
}

impl std::error::Error for ResponseError {}

fn error_of(status: http::StatusCode, body: &[u8]) -> ResponseError {
    match serde_json::from_slice::<GraphError>(body) {
        Ok(error) => ResponseError::Graph { status, error: Box::new(error) },
        Err(_) => ResponseError::Status { status, body: body.to_vec() },
    }
}

/// Decodes a JSON success body, or the error of a failure status.
pub fn decode_json<T: DeserializeOwned>(status: http::StatusCode, body: &[u8]) -> Result<T, ResponseError> {
    if !status.is_success() {
        return Err(error_of(status, body));
    }
    serde_json::from_slice(body).map_err(|error| ResponseError::Decode { status, error })
}

/// Accepts any success status (the body is ignored), or returns the error of a failure.
pub fn decode_empty(status: http::StatusCode, body: &[u8]) -> Result<(), ResponseError> {
    if status.is_success() {
        Ok(())
    } else {
        Err(error_of(status, body))
    }
}
