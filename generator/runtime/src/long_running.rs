//! The output of an operation that may run long: its result at once, or a monitor to poll.
//!
//! An operation whose docs answer `202 Accepted` with a `Location` (or `Operation-Location`)
//! header, such as copying a drive item or cloning a team, has [`LongRunning<T>`] as its
//! output: [`LongRunning::Accepted`] holds the [`Monitor`] of the running operation,
//! [`LongRunning::Done`] the resource when the service finished at once. `T` is the resource
//! the operation makes; the async client's `complete` polls the monitor and fetches it, and
//! gives an [`OperationError`] when the operation fails.
//!
//! ```
//! use graph_runtime::LongRunning;
//! let accepted = http::Response::builder().status(202)
//!     .header("Location", "https://monitor.example/op/1").body(&b""[..]).unwrap();
//! match LongRunning::<serde_json::Value>::parse(&accepted).unwrap() {
//!     LongRunning::Accepted(monitor) => assert_eq!(monitor.url(), "https://monitor.example/op/1"),
//!     LongRunning::Done(_) => unreachable!(),
//! }
//! let done = http::Response::builder().status(200).body(&br#"{"id":"7"}"#[..]).unwrap();
//! assert!(matches!(LongRunning::<serde_json::Value>::parse(&done).unwrap(), LongRunning::Done(_)));
//! ```

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{decode_json, Error, ErrorDetail, Monitor, MonitorError, ResponseError, ResponseInfo};

/// What an operation that may run long answered: see the [module](self) documentation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LongRunning<T> {
    /// The service accepted the operation (`202 Accepted`); poll this monitor.
    Accepted(Monitor),
    /// The service finished at once and answered with the resource.
    Done(T),
}

impl<T: DeserializeOwned> LongRunning<T> {
    /// Reads the operation's answer: `202 Accepted` with a monitor URL, any other success
    /// with the resource as its body, or the error of a failure. A `202` without a usable
    /// monitor URL is an error too: there would be nothing to follow.
    pub fn parse<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self, ResponseError> {
        if response.status() != http::StatusCode::ACCEPTED {
            return decode_json(response).map(LongRunning::Done);
        }
        Monitor::accepted(response).map(LongRunning::Accepted).map_err(|_| ResponseError::Status {
            info: Box::new(ResponseInfo::of(response)),
            body: response.body().as_ref().to_vec(),
        })
    }
}

/// Why a long-running operation gave no resource.
#[derive(Debug)]
pub enum OperationError {
    /// The operation ran and failed, with the error it reported (when it did).
    Failed(Option<ErrorDetail>),
    /// The operation completed but named no location to fetch its resource from; its id,
    /// when the monitor sent one, is kept.
    NoLocation {
        /// `resourceId` of the status document.
        resource_id: Option<String>,
    },
    /// The monitor could not go on (too many polls, a bad URL, an error answer).
    Monitor(MonitorError),
    /// A request failed (the operation itself, a poll on the service, or the resource).
    Client(Error),
}

impl std::fmt::Display for OperationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OperationError::Failed(Some(e)) => write!(f, "the operation failed: {}: {}", e.code, e.message),
            OperationError::Failed(None) => write!(f, "the operation failed without saying why"),
            OperationError::NoLocation { resource_id: Some(id) } => {
                write!(f, "the operation completed (resource `{id}`) but named no location to fetch it from")
            }
            OperationError::NoLocation { resource_id: None } => {
                write!(f, "the operation completed but named no resource")
            }
            OperationError::Monitor(e) => e.fmt(f),
            OperationError::Client(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for OperationError {}

impl From<MonitorError> for OperationError {
    fn from(e: MonitorError) -> Self {
        OperationError::Monitor(e)
    }
}

impl From<Error> for OperationError {
    fn from(e: Error) -> Self {
        OperationError::Client(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::tests::answer;

    #[test]
    fn accepted_done_and_errors() {
        let lr = LongRunning::<serde_json::Value>::parse(&answer(202, &[("Operation-Location", "/ops/1")], ""));
        assert!(matches!(lr, Ok(LongRunning::Accepted(ref m)) if m.on_service()));
        let lr = LongRunning::<serde_json::Value>::parse(&answer(202, &[], ""));
        assert!(matches!(lr, Err(ResponseError::Status { ref info, .. }) if info.status == 202));
        let lr = LongRunning::<serde_json::Value>::parse(&answer(409, &[], r#"{"error":{"code":"x","message":"y"}}"#));
        assert!(matches!(lr, Err(ResponseError::Graph { .. })));
        let lr = LongRunning::<serde_json::Value>::parse(&answer(201, &[], r#"{"id":"1"}"#)).unwrap();
        assert_eq!(serde_json::to_string(&lr).unwrap(), r#"{"done":{"id":"1"}}"#);
    }
}
