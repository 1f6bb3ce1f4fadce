//! Driving a [`Monitor`] of a long-running operation: wait, poll, read, until it ends.

use std::time::SystemTime;

use bytes::Bytes;

use super::Client;
use crate::{Error, Monitor, MonitorError, Progress};

impl Client {
    /// Polls `monitor` until the operation completes or fails, waiting with the client's timer
    /// as the monitor says. The polls carry no token (monitor URLs are pre-authenticated).
    /// Dropping the future cancels the polling. A monitor refusing to go on (too many polls,
    /// an error answer) gives `Err(Ok(MonitorError))`; a transport failure `Err(Err(Error))`.
    pub async fn wait_operation(&self, monitor: &mut Monitor) -> Result<Progress, Result<MonitorError, Error>> {
        loop {
            let poll = monitor.next_poll(SystemTime::now()).map_err(Ok)?;
            self.inner.timer.sleep(poll.wait).await;
            let request = poll.request.map(Bytes::from);
            let response = self.inner.transport.send(request).await.map_err(|e| Err(Error::Transport(e)))?;
            match monitor.on_response(&response, SystemTime::now()).map_err(Ok)? {
                Progress::Running { .. } => continue,
                done => return Ok(done),
            }
        }
    }
}
