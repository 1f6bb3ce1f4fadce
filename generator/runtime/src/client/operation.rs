//! Driving a [`Monitor`] of a long-running operation: wait, poll, read, until it ends; and
//! [`Client::complete`], which also fetches the resource the operation made.

use std::time::SystemTime;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::Client;
use crate::operation::{is_absolute_https, on_service};
use crate::{decode_json, Error, LongRunning, Monitor, MonitorError, OperationError, Progress};

impl Client {
    /// Polls `monitor` until the operation completes or fails, waiting with the client's timer
    /// as the monitor says. Polls of a pre-authenticated monitor URL carry no token; a monitor
    /// [on the service](Monitor::on_service) is resolved against the client's base URL and
    /// polled with its token and retry policy, as is an absolute monitor URL under that root. Dropping the future cancels the polling. A
    /// monitor refusing to go on (too many polls, an error answer) gives
    /// `Err(Ok(MonitorError))`; a transport failure `Err(Err(Error))`.
    pub async fn wait_operation(&self, monitor: &mut Monitor) -> Result<Progress, Result<MonitorError, Error>> {
        if monitor.on_service() {
            monitor.resolve(self.base_url()).map_err(Ok)?;
        }
        // an absolute monitor URL under the service root (print operations) is on the service too
        let on_service = monitor.on_service() || on_service(self.base_url(), monitor.url()).1;
        loop {
            let poll = monitor.next_poll(SystemTime::now()).map_err(Ok)?;
            self.inner.timer.sleep(poll.wait).await;
            let response = self.get_operation(poll.request, on_service).await.map_err(Err)?;
            match monitor.on_response(&response, SystemTime::now()).map_err(Ok)? {
                Progress::Running { .. } => continue,
                done => return Ok(done),
            }
        }
    }

    /// The resource of a long-running operation: the one the service answered with at once,
    /// or, once the monitor says the operation completed, the one at its `resourceLocation`
    /// (fetched with the client's token when it is on the service, without otherwise).
    ///
    /// ```no_run
    /// # async fn run(client: graph_runtime::client::Client,
    /// #     answer: graph_runtime::LongRunning<serde_json::Value>) -> Result<(), graph_runtime::OperationError> {
    /// let copied: serde_json::Value = client.complete(answer).await?;
    /// # Ok(()) }
    /// ```
    pub async fn complete<T: DeserializeOwned>(&self, operation: LongRunning<T>) -> Result<T, OperationError> {
        let mut monitor = match operation {
            LongRunning::Done(resource) => return Ok(resource),
            LongRunning::Accepted(monitor) => monitor,
        };
        let (resource_id, location) = match self.wait_operation(&mut monitor).await {
            Ok(Progress::Completed { resource_id, resource_location }) => (resource_id, resource_location),
            Ok(Progress::Failed { error }) => return Err(OperationError::Failed(error)),
            Ok(Progress::Running { .. }) => return Err(MonitorError::TooManyPolls(monitor.polls()).into()),
            Err(Ok(e)) => return Err(e.into()),
            Err(Err(e)) => return Err(e.into()),
        };
        let Some(location) = location else { return Err(OperationError::NoLocation { resource_id }) };
        let (url, on_service) = on_service(self.base_url(), &location);
        if !is_absolute_https(&url) {
            return Err(MonitorError::BadUrl(url).into());
        }
        let request = http::Request::get(url.as_str())
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|_| MonitorError::BadUrl(url.clone()))?;
        let response = self.get_operation(request, on_service).await?;
        decode_json(&response).map_err(|e| OperationError::Client(Error::Response(e)))
    }

    /// A `GET` of a monitor or of the resource it names: on the service with the token and
    /// the retry policy, elsewhere as it is (pre-authenticated URLs get no token).
    async fn get_operation(
        &self,
        request: http::Request<Vec<u8>>,
        on_service: bool,
    ) -> Result<http::Response<Bytes>, Error> {
        if on_service {
            return Ok(self.send_raw(request).await?.0);
        }
        self.inner.transport.send(request.map(Bytes::from)).await.map_err(Error::Transport)
    }
}
