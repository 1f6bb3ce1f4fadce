//! Long-running operations without I/O: the monitor of a `202 Accepted` answer.
//!
//! An operation such as copying a drive item answers `202 Accepted` with a monitor URL in
//! `Location` (or `Operation-Location`). [`Monitor::accepted`] reads that answer;
//! [`Monitor::next_poll`] says which `GET` to send and how long to wait first (the last
//! `Retry-After`, else an exponential backoff); [`Monitor::on_response`] reads the status
//! document and says whether the operation is still running, completed (with the resource's
//! id and location) or failed (with its typed error). The number of polls is bounded.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use graph_runtime::{Monitor, Progress};
//! let accepted = http::Response::builder().status(202)
//!     .header("Location", "https://monitor.example/op/1").body(&b""[..]).unwrap();
//! let mut monitor = Monitor::accepted(&accepted).unwrap();
//! let poll = monitor.next_poll(SystemTime::now()).unwrap();
//! assert_eq!(poll.request.uri(), "https://monitor.example/op/1");
//! assert_eq!(poll.wait, Duration::from_secs(1));
//! let done = http::Response::builder().status(200)
//!     .body(&br#"{"status":"completed","resourceId":"01ABC"}"#[..]).unwrap();
//! match monitor.on_response(&done, SystemTime::now()).unwrap() {
//!     Progress::Completed { resource_id, .. } => assert_eq!(resource_id.as_deref(), Some("01ABC")),
//!     other => panic!("{other:?}"),
//! }
//! ```

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::{ErrorDetail, ResponseError, ResponseInfo, RetryAfter};

/// Whether `url` is an absolute `https` URL, or `http` on loopback (the tests' mock server):
/// the only links a monitor or a delta token follows.
pub(crate) fn is_absolute_https(url: &str) -> bool {
    match url.parse::<http::Uri>() {
        Ok(uri) => match (uri.scheme_str(), uri.host()) {
            (Some("https"), Some(_)) => true,
            (Some("http"), Some(host)) => host == "127.0.0.1" || host == "localhost" || host == "[::1]",
            _ => false,
        },
        Err(_) => false,
    }
}

/// `location` as an absolute URL, and whether it is on the service rooted at `base`: a path
/// relative to the root (`/teams('1')/operations('2')`, not `//host/...`) is joined to it, an
/// absolute URL is on the service when it lies under the root. Requests there carry the
/// client's token.
pub(crate) fn on_service(base: &str, location: &str) -> (String, bool) {
    let base = base.trim_end_matches('/');
    if location.starts_with('/') && !location.starts_with("//") {
        return (format!("{base}{location}"), true);
    }
    let under = location.len() > base.len()
        && location.get(..base.len()).is_some_and(|head| head.eq_ignore_ascii_case(base))
        && location.get(base.len()..).is_some_and(|rest| rest.starts_with(['/', '?']));
    (location.to_string(), under)
}

/// The status an operation reports (Graph's `asyncJobStatus`, plus the names other APIs use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationStatus {
    /// `notStarted`.
    NotStarted,
    /// `inProgress` or `running`.
    InProgress,
    /// `completed` or `succeeded`.
    Completed,
    /// `failed`.
    Failed,
    /// Any other value, kept as sent; the operation counts as running.
    Other(String),
}

impl OperationStatus {
    /// Reads a status value.
    ///
    /// ```
    /// use graph_runtime::OperationStatus;
    /// assert_eq!(OperationStatus::parse("inProgress"), OperationStatus::InProgress);
    /// assert_eq!(OperationStatus::parse("waiting"), OperationStatus::Other("waiting".into()));
    /// ```
    /// Case is ignored: OneNote answers `Completed`, Teams `succeeded`, eDiscovery
    /// `partiallySucceeded` (an end, so completed).
    pub fn parse(value: &str) -> Self {
        match value.to_ascii_lowercase().as_str() {
            "notstarted" => OperationStatus::NotStarted,
            "inprogress" | "running" | "processing" => OperationStatus::InProgress,
            "completed" | "succeeded" | "partiallysucceeded" => OperationStatus::Completed,
            "failed" => OperationStatus::Failed,
            _ => OperationStatus::Other(value.to_string()),
        }
    }
}

/// What one poll of the monitor says.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// Still running: poll again.
    Running {
        /// The reported status.
        status: OperationStatus,
        /// `percentageComplete`, when sent.
        percentage: Option<f64>,
    },
    /// Done: the resource is at `resource_location` (or `resource_id`).
    Completed {
        /// `resourceId`, when sent.
        resource_id: Option<String>,
        /// `resourceLocation`, or the `Location` of a `303 See Other`.
        resource_location: Option<String>,
    },
    /// The operation failed.
    Failed {
        /// The reported error, when sent.
        error: Option<ErrorDetail>,
    },
}

/// The next request of a [`Monitor`].
#[derive(Debug)]
pub struct Poll {
    /// How long to wait before sending it.
    pub wait: Duration,
    /// A `GET` of the monitor URL. It carries no token: monitor URLs are pre-authenticated and
    /// may be on another host, except a monitor [on the service](Monitor::on_service), whose
    /// polls the client sends with its token.
    pub request: http::Request<Vec<u8>>,
}

/// Why a monitor cannot go on.
#[derive(Debug)]
pub enum MonitorError {
    /// The answer to the operation was not `202 Accepted` with a monitor URL.
    NotAccepted(Box<ResponseInfo>),
    /// The monitor URL is not an absolute `https` URL (`http` only on loopback).
    BadUrl(String),
    /// The monitor answered with an error status or a body that is no status document.
    Response(ResponseError),
    /// The operation was still running after the allowed number of polls.
    TooManyPolls(u32),
    /// [`Monitor::next_poll`] was called after the operation had ended.
    Finished,
}

impl std::fmt::Display for MonitorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MonitorError::NotAccepted(info) => {
                write!(f, "expected 202 Accepted with a monitor URL, got {}", info.status)
            }
            MonitorError::BadUrl(url) => write!(f, "monitor URL `{url}` is not an absolute https URL"),
            MonitorError::Response(e) => write!(f, "monitor answered with an error: {e}"),
            MonitorError::TooManyPolls(n) => write!(f, "operation still running after {n} polls"),
            MonitorError::Finished => write!(f, "the operation has already ended"),
        }
    }
}

impl std::error::Error for MonitorError {}

/// The status document a monitor URL answers with.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusDocument {
    /// A string, or an object with a `state` (print operations).
    status: Option<serde_json::Value>,
    /// A number, or a numeric string (OneNote's `percentComplete`).
    #[serde(alias = "percentComplete")]
    percentage_complete: Option<serde_json::Value>,
    /// Teams says `targetResourceId`.
    #[serde(alias = "targetResourceId")]
    resource_id: Option<String>,
    /// Teams says `targetResourceLocation`.
    #[serde(alias = "targetResourceLocation")]
    resource_location: Option<String>,
    error: Option<ErrorDetail>,
}

impl StatusDocument {
    fn status(&self) -> OperationStatus {
        let text = match &self.status {
            Some(serde_json::Value::String(s)) => Some(s.as_str()),
            Some(serde_json::Value::Object(o)) => o.get("state").and_then(serde_json::Value::as_str),
            _ => None,
        };
        OperationStatus::parse(text.unwrap_or("inProgress"))
    }

    fn percentage(&self) -> Option<f64> {
        match &self.percentage_complete {
            Some(serde_json::Value::Number(n)) => n.as_f64(),
            Some(serde_json::Value::String(s)) => s.trim().trim_end_matches('%').parse().ok(),
            _ => None,
        }
    }
}

/// Polls one long-running operation: see the [module](self) documentation.
#[derive(Debug, Clone)]
pub struct Monitor {
    url: String,
    polls: u32,
    /// The most polls before [`MonitorError::TooManyPolls`]; 60 by default.
    pub max_polls: u32,
    /// The first wait when the service sends no `Retry-After`; 1 s by default.
    pub initial_wait: Duration,
    /// The longest wait of the backoff; 30 s by default.
    pub max_wait: Duration,
    retry_after: Option<RetryAfter>,
    finished: bool,
    service: bool,
}

/// What a stored monitor keeps: its URL and whether it is on the service itself.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredMonitor {
    url: String,
    #[serde(default)]
    on_service: bool,
}

impl Serialize for Monitor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredMonitor { url: self.url.clone(), on_service: self.service }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Monitor {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredMonitor::deserialize(deserializer)?;
        let monitor = if stored.url.starts_with('/') || stored.on_service {
            Monitor::new(stored.url, None, true)
        } else {
            Monitor::at(stored.url, None).map_err(serde::de::Error::custom)?
        };
        Ok(Monitor { service: stored.on_service || monitor.service, ..monitor })
    }
}

impl Monitor {
    /// Reads the `202 Accepted` answer of the operation: `Operation-Location`, else `Location`.
    /// A monitor path relative to the service root (`/teams('1')/operations('2')`, as Teams
    /// answers) is a monitor on the service: see [`Monitor::on_service`].
    pub fn accepted<B>(response: &http::Response<B>) -> Result<Monitor, MonitorError> {
        let info = ResponseInfo::of(response);
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let url = match (info.status, header("operation-location").or(header("location"))) {
            (http::StatusCode::ACCEPTED, Some(url)) => url,
            _ => return Err(MonitorError::NotAccepted(Box::new(info))),
        };
        if url.starts_with('/') && !url.starts_with("//") {
            return Ok(Monitor::new(url, info.retry_after, true));
        }
        Monitor::at(url, info.retry_after)
    }

    fn new(url: String, retry_after: Option<RetryAfter>, service: bool) -> Monitor {
        Monitor {
            url,
            polls: 0,
            max_polls: 60,
            initial_wait: Duration::from_secs(1),
            max_wait: Duration::from_secs(30),
            retry_after,
            finished: false,
            service,
        }
    }

    /// Whether the monitor is a resource of the service itself (its URL was relative to the
    /// service root): its polls need the service's token, unlike the pre-authenticated
    /// monitor URLs of other hosts.
    pub fn on_service(&self) -> bool {
        self.service
    }

    /// Resolves a monitor path relative to the service root against `base` (such as
    /// [`crate::BASE_URL`]); an absolute monitor URL is left as it is.
    ///
    /// ```
    /// let accepted = http::Response::builder().status(202)
    ///     .header("Location", "/teams('7')/operations('9')").body(&b""[..]).unwrap();
    /// let mut m = graph_runtime::Monitor::accepted(&accepted).unwrap();
    /// assert!(m.on_service());
    /// m.resolve("https://graph.microsoft.com/v1.0/").unwrap();
    /// assert_eq!(m.url(), "https://graph.microsoft.com/v1.0/teams('7')/operations('9')");
    /// ```
    pub fn resolve(&mut self, base: &str) -> Result<(), MonitorError> {
        if self.url.starts_with('/') {
            let (url, _) = on_service(base, &self.url);
            if !is_absolute_https(&url) {
                return Err(MonitorError::BadUrl(url));
            }
            self.url = url;
        }
        Ok(())
    }

    /// A monitor of a known URL (stored from an earlier run, say).
    pub fn at(url: impl Into<String>, retry_after: Option<RetryAfter>) -> Result<Monitor, MonitorError> {
        let url = url.into();
        if !is_absolute_https(&url) {
            return Err(MonitorError::BadUrl(url));
        }
        Ok(Monitor::new(url, retry_after, false))
    }

    /// The monitor URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many polls were handed out.
    pub fn polls(&self) -> u32 {
        self.polls
    }

    /// The next poll: the last `Retry-After` as of `now` if the service sent one, else
    /// `initial_wait * 2^polls`, capped at `max_wait`.
    pub fn next_poll(&mut self, now: SystemTime) -> Result<Poll, MonitorError> {
        if self.finished {
            return Err(MonitorError::Finished);
        }
        if self.url.starts_with('/') {
            // a monitor on the service that was not resolved against its root
            return Err(MonitorError::BadUrl(self.url.clone()));
        }
        if self.polls >= self.max_polls {
            return Err(MonitorError::TooManyPolls(self.polls));
        }
        let wait = match self.retry_after.take() {
            Some(after) => after.delay(now).min(self.max_wait),
            None => {
                let factor = 1u32.checked_shl(self.polls.min(16)).unwrap_or(u32::MAX);
                self.initial_wait.saturating_mul(factor).min(self.max_wait)
            }
        };
        self.polls += 1;
        let request = http::Request::get(self.url.as_str())
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|_| MonitorError::BadUrl(self.url.clone()))?;
        Ok(Poll { wait, request })
    }

    /// Reads the answer to a poll. `_now` is kept for symmetry with [`Monitor::next_poll`].
    pub fn on_response<B: AsRef<[u8]>>(
        &mut self,
        response: &http::Response<B>,
        _now: SystemTime,
    ) -> Result<Progress, MonitorError> {
        let info = ResponseInfo::of(response);
        self.retry_after = info.retry_after;
        if info.status == http::StatusCode::SEE_OTHER {
            self.finished = true;
            return Ok(Progress::Completed { resource_id: None, resource_location: info.location });
        }
        if !info.status.is_success() {
            let err = crate::decode_empty(response).err();
            self.finished = true;
            return Err(MonitorError::Response(
                err.unwrap_or(ResponseError::Status { info: Box::new(info), body: response.body().as_ref().to_vec() }),
            ));
        }
        let doc: StatusDocument = serde_json::from_slice(response.body().as_ref())
            .map_err(|error| MonitorError::Response(ResponseError::Decode { info: Box::new(info.clone()), error }))?;
        let status = doc.status();
        let progress = match status {
            OperationStatus::Completed => {
                Progress::Completed { resource_id: doc.resource_id, resource_location: doc.resource_location }
            }
            OperationStatus::Failed => Progress::Failed { error: doc.error },
            status => Progress::Running { status, percentage: doc.percentage() },
        };
        self.finished = !matches!(progress, Progress::Running { .. });
        Ok(progress)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An answer with this status, headers and body (the unit tests' service).
    pub(crate) fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
        let mut b = http::Response::builder().status(status);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn polls_through_in_progress_to_completed_with_backoff_and_retry_after() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut m = Monitor::accepted(&answer(202, &[("Location", "https://m.example/op/7")], "")).unwrap();
        assert_eq!(m.next_poll(now).unwrap().wait, Duration::from_secs(1));
        let p = m.on_response(&answer(200, &[], r#"{"status":"inProgress","percentageComplete":40.5}"#), now);
        assert_eq!(p.unwrap(), Progress::Running { status: OperationStatus::InProgress, percentage: Some(40.5) });
        let second = m.next_poll(now).unwrap();
        assert_eq!(second.wait, Duration::from_secs(2));
        assert_eq!(second.request.method(), http::Method::GET);
        assert!(second.request.headers().get("authorization").is_none());
        let p = m.on_response(&answer(200, &[("Retry-After", "5")], r#"{"status":"inProgress"}"#), now);
        assert!(matches!(p.unwrap(), Progress::Running { .. }));
        assert_eq!(m.next_poll(now).unwrap().wait, Duration::from_secs(5));
        let done = r#"{"status":"completed","resourceId":"01X","resourceLocation":"https://g.example/items/01X"}"#;
        assert_eq!(
            m.on_response(&answer(200, &[], done), now).unwrap(),
            Progress::Completed {
                resource_id: Some("01X".into()),
                resource_location: Some("https://g.example/items/01X".into())
            }
        );
        assert_eq!(m.polls(), 3);
        assert!(matches!(m.next_poll(now), Err(MonitorError::Finished)));
    }

    #[test]
    fn failed_operation_keeps_its_error() {
        let now = SystemTime::UNIX_EPOCH;
        let mut m = Monitor::accepted(&answer(202, &[("Operation-Location", "https://m.example/o")], "")).unwrap();
        m.next_poll(now).unwrap();
        let body = r#"{"status":"failed","error":{"code":"nameAlreadyExists","message":"taken"}}"#;
        match m.on_response(&answer(200, &[], body), now).unwrap() {
            Progress::Failed { error: Some(e) } => assert_eq!(e.code, "nameAlreadyExists"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn see_other_completes_with_its_location() {
        let mut m = Monitor::at("https://m.example/o", None).unwrap();
        m.next_poll(SystemTime::UNIX_EPOCH).unwrap();
        let p = m.on_response(&answer(303, &[("Location", "https://g.example/r")], ""), SystemTime::UNIX_EPOCH);
        assert_eq!(
            p.unwrap(),
            Progress::Completed { resource_id: None, resource_location: Some("https://g.example/r".into()) }
        );
    }

    #[test]
    fn refuses_non_accepted_answers_bad_urls_and_endless_polling() {
        assert!(matches!(
            Monitor::accepted(&answer(200, &[("Location", "https://m.example/o")], "")),
            Err(MonitorError::NotAccepted(_))
        ));
        assert!(matches!(Monitor::accepted(&answer(202, &[], "")), Err(MonitorError::NotAccepted(_))));
        assert!(matches!(Monitor::at("http://evil.example/o", None), Err(MonitorError::BadUrl(_))));
        assert!(matches!(Monitor::at("/relative", None), Err(MonitorError::BadUrl(_))));
        let mut m = Monitor::at("https://m.example/o", None).unwrap();
        m.max_polls = 3;
        m.max_wait = Duration::from_secs(3);
        let mut waits = Vec::new();
        for _ in 0..3 {
            waits.push(m.next_poll(SystemTime::UNIX_EPOCH).unwrap().wait.as_secs());
            m.on_response(&answer(200, &[], r#"{"status":"notStarted"}"#), SystemTime::UNIX_EPOCH).unwrap();
        }
        assert_eq!(waits, [1, 2, 3]);
        assert!(matches!(m.next_poll(SystemTime::UNIX_EPOCH), Err(MonitorError::TooManyPolls(3))));
    }

    #[test]
    fn error_status_and_garbage_body_are_errors() {
        let mut m = Monitor::at("https://m.example/o", None).unwrap();
        m.next_poll(SystemTime::UNIX_EPOCH).unwrap();
        let err = m.on_response(&answer(404, &[], ""), SystemTime::UNIX_EPOCH).unwrap_err();
        assert!(matches!(err, MonitorError::Response(ref e) if e.status() == 404));
        let mut m = Monitor::at("https://m.example/o", None).unwrap();
        m.next_poll(SystemTime::UNIX_EPOCH).unwrap();
        let err = m.on_response(&answer(200, &[], "not json"), SystemTime::UNIX_EPOCH).unwrap_err();
        assert!(matches!(err, MonitorError::Response(ResponseError::Decode { .. })));
    }

    #[test]
    fn status_documents_of_other_services() {
        let now = SystemTime::UNIX_EPOCH;
        let teams = r#"{"status":"succeeded","targetResourceId":"t9","targetResourceLocation":"/teams('t9')"}"#;
        let print = r#"{"status":{"state":"failed","description":"no"}}"#;
        let onenote = r#"{"status":"Running","percentComplete":"10"}"#;
        let mut m = Monitor::at("https://m.example/o", None).unwrap();
        m.next_poll(now).unwrap();
        assert_eq!(
            m.on_response(&answer(200, &[], teams), now).unwrap(),
            Progress::Completed { resource_id: Some("t9".into()), resource_location: Some("/teams('t9')".into()) }
        );
        let mut m = Monitor::at("https://m.example/o", None).unwrap();
        m.next_poll(now).unwrap();
        assert_eq!(m.on_response(&answer(200, &[], print), now).unwrap(), Progress::Failed { error: None });
        let mut m = Monitor::at("https://m.example/o", None).unwrap();
        m.next_poll(now).unwrap();
        let p = m.on_response(&answer(200, &[], onenote), now).unwrap();
        assert_eq!(p, Progress::Running { status: OperationStatus::InProgress, percentage: Some(10.0) });
    }

    #[test]
    fn a_relative_monitor_is_on_the_service_and_polls_only_once_resolved() {
        let mut m = Monitor::accepted(&answer(202, &[("Location", "/teams('1')/operations('2')")], "")).unwrap();
        assert!(m.on_service());
        assert!(matches!(m.next_poll(SystemTime::UNIX_EPOCH), Err(MonitorError::BadUrl(_))));
        assert!(matches!(m.clone().resolve("http://evil.example/v1.0"), Err(MonitorError::BadUrl(_))));
        m.resolve("https://g.example/v1.0").unwrap();
        assert_eq!(
            m.next_poll(SystemTime::UNIX_EPOCH).unwrap().request.uri(),
            "https://g.example/v1.0/teams('1')/operations('2')"
        );
        // stored and restored
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"url":"https://g.example/v1.0/teams('1')/operations('2')","onService":true}"#);
        let back: Monitor = serde_json::from_str(&json).unwrap();
        assert!(back.on_service());
        assert_eq!(back.url(), m.url());
        assert!(serde_json::from_str::<Monitor>(r#"{"url":"http://evil.example/o"}"#).is_err());
        // a protocol-relative URL is no service path
        assert!(Monitor::accepted(&answer(202, &[("Location", "//evil.example/o")], "")).is_err());
    }
}
