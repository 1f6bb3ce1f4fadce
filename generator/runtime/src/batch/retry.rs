//! The next round of a batch: the items the service asked to send again, and the items
//! refused only because one of those had not run.

use super::{Batch, BatchItem, BatchResponse};
use crate::is_idempotent;

impl Batch {
    /// The items of `previous` to send again after `response`, under the same ids (so the
    /// keys of `previous` decode the merged answers), or `None` when there are none:
    ///
    /// - a 429 item, whatever its method (a throttled request was not run);
    /// - a 503 or 504 item whose method is safe to repeat;
    /// - a 424 item that depends on an item sent again.
    ///
    /// `dependsOn` keeps only the ids sent again; the others have run. An item the answer
    /// lacks is not sent again.
    pub fn retry_of(previous: &Batch, response: &BatchResponse) -> Option<Batch> {
        Batch::next_round(previous, response, false)
    }

    /// As [`Batch::retry_of`], with 503 and 504 items sent again whatever their method
    /// (for a caller whose requests are safe to repeat, as
    /// [`RetryPolicy::retry_non_idempotent`](crate::RetryPolicy::retry_non_idempotent)).
    pub fn retry_all_of(previous: &Batch, response: &BatchResponse) -> Option<Batch> {
        Batch::next_round(previous, response, true)
    }

    fn next_round(previous: &Batch, response: &BatchResponse, any_method: bool) -> Option<Batch> {
        let mut next = Batch { base: previous.base.clone(), items: Vec::new() };
        for item in &previous.items {
            let Some(answer) = response.item(&item.id) else { continue };
            let again = match answer.status.as_u16() {
                429 => true,
                503 | 504 => any_method || method_is_idempotent(item),
                424 => item.depends_on.iter().any(|d| next.items.iter().any(|n| &n.id == d)),
                _ => false,
            };
            if again {
                let mut item = item.clone();
                item.depends_on.retain(|d| next.items.iter().any(|n| &n.id == d));
                next.items.push(item);
            }
        }
        (!next.items.is_empty()).then_some(next)
    }
}

fn method_is_idempotent(item: &BatchItem) -> bool {
    http::Method::from_bytes(item.method.as_bytes()).is_ok_and(|m| is_idempotent(&m))
}
