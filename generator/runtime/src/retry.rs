//! Retries as a pure policy: given the attempt, what went wrong and the time spent, retry
//! (after how long) or give up. The client runs it; a sans-IO user can run it in a loop of
//! their own. No clock and no randomness inside: both are arguments.

use crate::error::TransportErrorKind;
use std::time::{Duration, SystemTime};

/// A `Retry-After` header: seconds, or an HTTP date.
///
/// ```
/// use graph_runtime::RetryAfter;
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// assert_eq!(RetryAfter::parse("2"), Some(RetryAfter::Seconds(2)));
/// let date = RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
/// let now = UNIX_EPOCH + Duration::from_secs(784_111_770);
/// assert_eq!(date.delay(now), Duration::from_secs(7));
/// assert_eq!(RetryAfter::parse("soon"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: 2`.
    Seconds(u64),
    /// `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT` (any of the three HTTP date forms).
    Date(SystemTime),
}

impl RetryAfter {
    /// Reads a header value; `None` when it is neither seconds nor an HTTP date.
    ///
    /// ```
    /// assert!(graph_runtime::RetryAfter::parse(" 10 ").is_some());
    /// ```
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(RetryAfter::Seconds(seconds));
        }
        httpdate::parse_http_date(value).ok().map(RetryAfter::Date)
    }

    /// How long to wait from `now`; a date in the past means no wait.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// assert_eq!(graph_runtime::RetryAfter::Seconds(3).delay(SystemTime::now()), Duration::from_secs(3));
    /// assert_eq!(graph_runtime::RetryAfter::Date(SystemTime::UNIX_EPOCH).delay(SystemTime::now()), Duration::ZERO);
    /// ```
    pub fn delay(&self, now: SystemTime) -> Duration {
        match self {
            RetryAfter::Seconds(s) => Duration::from_secs(*s),
            RetryAfter::Date(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

/// What went wrong with one attempt.
///
/// ```
/// use graph_runtime::{Failure, TransportErrorKind};
/// let f = Failure::Transport(TransportErrorKind::Connect);
/// assert!(matches!(f, Failure::Transport(_)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The service answered with this status (and maybe a `Retry-After`).
    Status {
        /// The status code.
        status: http::StatusCode,
        /// The `Retry-After` header, if any.
        retry_after: Option<RetryAfter>,
    },
    /// No (complete) answer came.
    Transport(TransportErrorKind),
}

/// One attempt that failed, as the policy sees it.
///
/// ```
/// use graph_runtime::{Attempt, Failure};
/// let a = Attempt {
///     number: 1, method: &http::Method::GET,
///     failure: Failure::Status { status: http::StatusCode::SERVICE_UNAVAILABLE, retry_after: None },
///     elapsed: std::time::Duration::ZERO, now: std::time::SystemTime::now(), jitter: 0.5,
/// };
/// assert!(graph_runtime::RetryPolicy::default().decide(&a).is_retry());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// Attempts made so far, this one included (1 for the first).
    pub number: u32,
    /// The request method.
    pub method: &'a http::Method,
    /// What went wrong.
    pub failure: Failure,
    /// Time since the first attempt started.
    pub elapsed: Duration,
    /// The wall-clock time, for a `Retry-After` date.
    pub now: SystemTime,
    /// A random number in `[0, 1)` for the jitter of the backoff.
    pub jitter: f64,
}

/// Retry, or why not.
///
/// ```
/// use graph_runtime::{GiveUp, RetryDecision};
/// assert!(!RetryDecision::GiveUp(GiveUp::NotRetryable).is_retry());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then send the request again.
    Retry {
        /// The wait.
        delay: Duration,
        /// True when the wait is the service's `Retry-After`, false for backoff.
        from_retry_after: bool,
    },
    /// Do not retry.
    GiveUp(GiveUp),
}

impl RetryDecision {
    /// True for [`RetryDecision::Retry`].
    ///
    /// ```
    /// let d = graph_runtime::RetryDecision::Retry { delay: std::time::Duration::ZERO, from_retry_after: false };
    /// assert!(d.is_retry());
    /// ```
    pub fn is_retry(&self) -> bool {
        matches!(self, RetryDecision::Retry { .. })
    }
}

/// Why a failed attempt is not retried.
///
/// ```
/// assert_ne!(graph_runtime::GiveUp::Attempts, graph_runtime::GiveUp::Elapsed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiveUp {
    /// The failure is none the policy retries (a 400, a 401, a decode error, ...).
    NotRetryable,
    /// The request is not safe to repeat (POST, PATCH) and the caller did not opt in.
    NotIdempotent,
    /// The policy's attempts are used up.
    Attempts,
    /// The wait would go past the policy's total time.
    Elapsed,
}

/// When and how long to retry: 429, 503 and 504 answers and transport failures, waiting
/// the service's `Retry-After` when it gives one and an exponential backoff with jitter
/// otherwise, within a number of attempts and a total time. Only requests that are safe
/// to repeat are retried (GET, HEAD, PUT, DELETE, OPTIONS), unless
/// [`RetryPolicy::retry_non_idempotent`] is set; a failed connect is retried for every
/// method, since nothing reached the service.
///
/// ```
/// use graph_runtime::{Attempt, Failure, RetryDecision, RetryPolicy, RetryAfter};
/// use std::time::{Duration, SystemTime};
/// let policy = RetryPolicy::default();
/// let throttled = Failure::Status { status: http::StatusCode::TOO_MANY_REQUESTS, retry_after: Some(RetryAfter::Seconds(2)) };
/// let attempt = Attempt { number: 1, method: &http::Method::GET, failure: throttled,
///                         elapsed: Duration::ZERO, now: SystemTime::now(), jitter: 0.0 };
/// assert_eq!(policy.decide(&attempt), RetryDecision::Retry { delay: Duration::from_secs(2), from_retry_after: true });
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1: never retry).
    pub max_attempts: u32,
    /// The total time budget from the first attempt: no wait ends past it.
    pub max_elapsed: Duration,
    /// The first backoff wait (before jitter); doubled at each retry.
    pub base_delay: Duration,
    /// The longest backoff wait (a `Retry-After` is not capped by it, only by `max_elapsed`).
    pub max_delay: Duration,
    /// Also retry requests that are not safe to repeat (POST, PATCH).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 4 attempts within 60 s, backoff from 500 ms up to 16 s, safe requests only.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_elapsed: Duration::from_secs(60),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(16),
            retry_non_idempotent: false,
        }
    }
}

/// True for methods that are safe to repeat.
///
/// ```
/// assert!(graph_runtime::is_idempotent(&http::Method::DELETE));
/// assert!(!graph_runtime::is_idempotent(&http::Method::PATCH));
/// ```
pub fn is_idempotent(method: &http::Method) -> bool {
    use http::Method;
    [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS, Method::TRACE].contains(method)
}

impl RetryPolicy {
    /// A policy that never retries.
    ///
    /// ```
    /// assert_eq!(graph_runtime::RetryPolicy::none().max_attempts, 1);
    /// ```
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// The backoff wait before retry number `retry` (1 for the first retry), with `jitter`
    /// in `[0, 1)`: between half and all of `base_delay * 2^(retry-1)`, at most `max_delay`.
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = graph_runtime::RetryPolicy::default();
    /// assert_eq!(p.backoff(1, 0.0), Duration::from_millis(250));
    /// assert_eq!(p.backoff(3, 1.0), Duration::from_secs(2));
    /// assert_eq!(p.backoff(30, 0.0), Duration::from_secs(8));
    /// ```
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponent = retry.saturating_sub(1).min(30);
        let full = self.base_delay.saturating_mul(1u32 << exponent).min(self.max_delay);
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
        full.mul_f64(0.5 + jitter / 2.0)
    }

    /// True when the failure is one the policy retries, whatever the method.
    fn retryable(failure: &Failure) -> bool {
        match failure {
            Failure::Status { status, .. } => matches!(status.as_u16(), 429 | 503 | 504),
            Failure::Transport(_) => true,
        }
    }

    /// Retry (after how long) or give up.
    ///
    /// ```
    /// use graph_runtime::{Attempt, Failure, GiveUp, RetryDecision, RetryPolicy};
    /// let a = Attempt { number: 1, method: &http::Method::POST,
    ///     failure: Failure::Status { status: http::StatusCode::GATEWAY_TIMEOUT, retry_after: None },
    ///     elapsed: Default::default(), now: std::time::SystemTime::now(), jitter: 0.0 };
    /// assert_eq!(RetryPolicy::default().decide(&a), RetryDecision::GiveUp(GiveUp::NotIdempotent));
    /// ```
    pub fn decide(&self, attempt: &Attempt<'_>) -> RetryDecision {
        if !Self::retryable(&attempt.failure) {
            return RetryDecision::GiveUp(GiveUp::NotRetryable);
        }
        let nothing_sent = attempt.failure == Failure::Transport(TransportErrorKind::Connect);
        if !nothing_sent && !self.retry_non_idempotent && !is_idempotent(attempt.method) {
            return RetryDecision::GiveUp(GiveUp::NotIdempotent);
        }
        if attempt.number >= self.max_attempts {
            return RetryDecision::GiveUp(GiveUp::Attempts);
        }
        let (delay, from_retry_after) = match attempt.failure {
            Failure::Status { retry_after: Some(after), .. } => (after.delay(attempt.now), true),
            _ => (self.backoff(attempt.number, attempt.jitter), false),
        };
        if attempt.elapsed.saturating_add(delay) > self.max_elapsed {
            return RetryDecision::GiveUp(GiveUp::Elapsed);
        }
        RetryDecision::Retry { delay, from_retry_after }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{Method, StatusCode};

    fn attempt(number: u32, method: &Method, failure: Failure, elapsed: u64) -> Attempt<'_> {
        Attempt {
            number,
            method,
            failure,
            elapsed: Duration::from_secs(elapsed),
            now: SystemTime::UNIX_EPOCH,
            jitter: 0.5,
        }
    }

    fn status(code: u16, retry_after: Option<RetryAfter>) -> Failure {
        Failure::Status { status: StatusCode::from_u16(code).unwrap(), retry_after }
    }

    #[test]
    fn statuses_retried_and_not() {
        let p = RetryPolicy::default();
        for code in [429, 503, 504] {
            assert!(p.decide(&attempt(1, &Method::GET, status(code, None), 0)).is_retry(), "{code}");
        }
        for code in [400, 401, 403, 404, 409, 500, 502] {
            assert_eq!(
                p.decide(&attempt(1, &Method::GET, status(code, None), 0)),
                RetryDecision::GiveUp(GiveUp::NotRetryable),
                "{code}"
            );
        }
    }

    #[test]
    fn retry_after_seconds_and_date_win_over_backoff() {
        let p = RetryPolicy::default();
        let d = p.decide(&attempt(1, &Method::GET, status(429, Some(RetryAfter::Seconds(2))), 0));
        assert_eq!(d, RetryDecision::Retry { delay: Duration::from_secs(2), from_retry_after: true });
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(9);
        let d = p.decide(&attempt(1, &Method::GET, status(503, Some(RetryAfter::Date(at))), 0));
        assert_eq!(d, RetryDecision::Retry { delay: Duration::from_secs(9), from_retry_after: true });
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let p = RetryPolicy::default();
        let waits: Vec<Duration> = (1..=6).map(|n| p.backoff(n, 0.5)).collect();
        let ms: Vec<u128> = waits.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, vec![375, 750, 1500, 3000, 6000, 12000]);
        assert_eq!(p.backoff(7, 0.5), Duration::from_secs(12), "capped at max_delay before jitter");
        assert_eq!(p.backoff(1, f64::NAN), Duration::from_millis(250));
        assert_eq!(p.backoff(u32::MAX, 1.0), Duration::from_secs(16));
    }

    #[test]
    fn limits_on_attempts_and_total_time() {
        let p = RetryPolicy { max_attempts: 3, max_elapsed: Duration::from_secs(5), ..RetryPolicy::default() };
        let throttled = status(429, Some(RetryAfter::Seconds(2)));
        assert!(p.decide(&attempt(2, &Method::GET, throttled, 2)).is_retry());
        assert_eq!(p.decide(&attempt(3, &Method::GET, throttled, 4)), RetryDecision::GiveUp(GiveUp::Attempts));
        let p = RetryPolicy { max_attempts: 10, ..p };
        assert_eq!(p.decide(&attempt(3, &Method::GET, throttled, 4)), RetryDecision::GiveUp(GiveUp::Elapsed));
        assert!(!RetryPolicy::none().decide(&attempt(1, &Method::GET, throttled, 0)).is_retry());
    }

    #[test]
    fn only_safe_requests_unless_opted_in() {
        let p = RetryPolicy::default();
        let busy = status(503, None);
        for m in [Method::POST, Method::PATCH] {
            assert_eq!(p.decide(&attempt(1, &m, busy, 0)), RetryDecision::GiveUp(GiveUp::NotIdempotent));
            let reset = Failure::Transport(TransportErrorKind::Connection);
            assert_eq!(p.decide(&attempt(1, &m, reset, 0)), RetryDecision::GiveUp(GiveUp::NotIdempotent));
            let refused = Failure::Transport(TransportErrorKind::Connect);
            assert!(p.decide(&attempt(1, &m, refused, 0)).is_retry(), "nothing was sent");
        }
        let opted = RetryPolicy { retry_non_idempotent: true, ..p };
        assert!(opted.decide(&attempt(1, &Method::POST, busy, 0)).is_retry());
        for m in [Method::GET, Method::PUT, Method::DELETE] {
            assert!(p.decide(&attempt(1, &m, busy, 0)).is_retry());
        }
    }

    #[test]
    fn retry_after_header_forms() {
        assert_eq!(RetryAfter::parse("120"), Some(RetryAfter::Seconds(120)));
        let epoch_plus = |s| Some(RetryAfter::Date(SystemTime::UNIX_EPOCH + Duration::from_secs(s)));
        assert_eq!(RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT"), epoch_plus(784_111_777));
        assert_eq!(RetryAfter::parse("Sunday, 06-Nov-94 08:49:37 GMT"), epoch_plus(784_111_777));
        assert_eq!(RetryAfter::parse("Sun Nov  6 08:49:37 1994"), epoch_plus(784_111_777));
        for bad in ["", "-1", "1.5", "tomorrow", "Sun, 32 Nov 1994 08:49:37 GMT"] {
            assert_eq!(RetryAfter::parse(bad), None, "{bad:?}");
        }
    }
}
