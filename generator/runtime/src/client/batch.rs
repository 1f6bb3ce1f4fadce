//! Sending a [`Batch`]: one `POST {base}/$batch`, and rounds that send the items the
//! service asked to wait for again, until each item has its final answer.

use super::Client;
use crate::{Attempt, Batch, BatchResponse, Error, Failure, ResponseInfo, RetryDecision};

impl Client {
    /// An empty batch against the client's service root.
    ///
    /// ```
    /// let client = graph_runtime::client::Client::builder().build().unwrap();
    /// assert_eq!(client.batch().base(), graph_runtime::BASE_URL);
    /// ```
    pub fn batch(&self) -> Batch {
        Batch::new(self.base_url())
    }

    /// Sends `batch` as one `POST {base}/$batch`, with the token, the default headers, the
    /// timeout and the retry policy of every call (the `POST` itself is retried only when
    /// the policy retries requests not safe to repeat), and reads the answer. The items'
    /// answers are not retried: see [`Client::send_batch_retrying`]. An empty batch is not
    /// sent and gets an empty answer.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint>(client: graph_runtime::client::Client, endpoint: E) -> Result<(), Box<dyn std::error::Error>> {
    /// let mut batch = client.batch();
    /// let key = batch.add(&endpoint)?;
    /// let response = client.send_batch(&batch).await?;
    /// let output: Option<Result<E::Output, _>> = response.get(&key);
    /// # Ok(()) }
    /// ```
    pub async fn send_batch(&self, batch: &Batch) -> Result<BatchResponse, Error> {
        if batch.is_empty() {
            return Ok(BatchResponse::empty(ResponseInfo::from_parts(http::StatusCode::OK, &http::HeaderMap::new())));
        }
        let request = batch.request_with_base(self.base_url())?;
        let (response, _) = self.send_raw(request).await?;
        Ok(BatchResponse::parse(&response)?)
    }

    /// Sends `batch`, then the items answered 429, 503 or 504 again, in rounds of their own
    /// ([`Batch::retry_of`], or [`Batch::retry_all_of`] when the policy retries requests not
    /// safe to repeat), as long as the client's retry policy allows: at most `max_attempts`
    /// rounds in all, each after the largest `Retry-After` of the round before (a backoff
    /// when none was sent), within `max_elapsed`. The answers are merged, so the keys of
    /// `batch` decode each item's last answer (still a 429 when the rounds ran out). A
    /// round that gets no answer ends the call with its error.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint>(client: graph_runtime::client::Client, endpoint: E) -> Result<(), Box<dyn std::error::Error>> {
    /// let mut batch = client.batch();
    /// let key = batch.add(&endpoint)?;
    /// let response = client.send_batch_retrying(&batch).await?;
    /// assert!(response.retriable().is_empty() || response.get(&key).is_some());
    /// # Ok(()) }
    /// ```
    pub async fn send_batch_retrying(&self, batch: &Batch) -> Result<BatchResponse, Error> {
        let timer = &self.inner.timer;
        let started = timer.now();
        let mut merged = self.send_batch(batch).await?;
        let mut round = batch.clone();
        let mut last = merged.clone();
        for number in 1..=self.retry.max_attempts {
            let next = if self.retry.retry_non_idempotent {
                Batch::retry_all_of(&round, &last)
            } else {
                Batch::retry_of(&round, &last)
            };
            let Some(next) = next else { break };
            let now = timer.system_now();
            let status = last.retriable().first().map_or(http::StatusCode::TOO_MANY_REQUESTS, |r| r.status);
            let attempt = Attempt {
                number,
                // The round holds only items safe to send again: `retry_of` chose them.
                method: &http::Method::GET,
                failure: Failure::Status { status, retry_after: last.largest_retry_after(now) },
                elapsed: timer.now().saturating_duration_since(started),
                now,
                jitter: fastrand::f64(),
            };
            match self.retry.decide(&attempt) {
                RetryDecision::Retry { delay, from_retry_after } => {
                    tracing::warn!(
                        target: "graph_runtime::retry",
                        round = number,
                        items = next.len(),
                        delay_ms = delay.as_millis() as u64,
                        retry_after = from_retry_after,
                        "sending batch items again"
                    );
                    timer.sleep(delay).await;
                }
                RetryDecision::GiveUp(why) => {
                    tracing::warn!(
                        target: "graph_runtime::retry",
                        round = number,
                        items = next.len(),
                        reason = ?why,
                        "giving up on batch items"
                    );
                    break;
                }
            }
            let answer = self.send_batch(&next).await?;
            merged.merge(answer.clone());
            last = answer;
            round = next;
        }
        Ok(merged)
    }
}
