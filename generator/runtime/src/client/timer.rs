//! The clock of the client: the waits between retries and the time they count against.
//! The default is tokio's (which `tokio::time::pause` controls); tests can give their own.

use super::BoxFuture;
use std::time::{Duration, Instant, SystemTime};

/// Sleeps and tells the time.
///
/// ```
/// use graph_runtime::client::{BoxFuture, Timer};
/// use std::sync::{Arc, Mutex};
/// use std::time::{Duration, Instant, SystemTime};
/// /// Records every wait and returns at once; its clock moves by the waits.
/// #[derive(Default)]
/// struct Virtual { waited: Mutex<Vec<Duration>> }
/// impl Timer for Virtual {
///     fn sleep(&self, d: Duration) -> BoxFuture<'_, ()> {
///         self.waited.lock().unwrap().push(d);
///         Box::pin(async {})
///     }
///     fn now(&self) -> Instant { Instant::now() }
///     fn system_now(&self) -> SystemTime { SystemTime::now() }
/// }
/// ```
pub trait Timer: Send + Sync + 'static {
    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()>;
    /// A monotonic now, for the time spent on a call.
    fn now(&self) -> Instant;
    /// The wall-clock now, for `Retry-After` dates.
    fn system_now(&self) -> SystemTime;
}

/// tokio's timer and clock (paused in tests with `tokio::time::pause`).
///
/// ```
/// use graph_runtime::client::{Timer, TokioTimer};
/// # tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap().block_on(async {
/// let start = TokioTimer.now();
/// TokioTimer.sleep(std::time::Duration::from_secs(5)).await;
/// assert_eq!(TokioTimer.now() - start, std::time::Duration::from_secs(5));
/// # });
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioTimer;

impl Timer for TokioTimer {
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(tokio::time::sleep(duration))
    }

    fn now(&self) -> Instant {
        tokio::time::Instant::now().into_std()
    }

    fn system_now(&self) -> SystemTime {
        SystemTime::now()
    }
}
