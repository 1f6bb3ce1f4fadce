//! Delta queries over rounds: the first round from a delta endpoint, each later one from the
//! [`DeltaToken`] the round before ended with (stored as a string between rounds). A round
//! is [`DeltaItems`], a stream of every page's [`DeltaItem`]s, then the new token.
//!
//! ```
//! use bytes::Bytes;
//! use futures_util::TryStreamExt;
//! use graph_runtime::client::{BoxFuture, Client, Transport};
//! use graph_runtime::{DeltaItem, DeltaToken, TransportError};
//!
//! /// A delta function that answers token `t1` with one removal and token `t2`.
//! struct Delta;
//! impl Transport for Delta {
//!     fn send(&self, req: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
//!         assert_eq!(req.uri().query(), Some("token=t1"));
//!         let body = r#"{"value":[{"id":"7","@removed":{"reason":"deleted"}}],
//!             "@odata.deltaLink":"https://graph.microsoft.com/v1.0/me/drive/root/delta?token=t2"}"#;
//!         Box::pin(async move { Ok(http::Response::new(Bytes::from(body))) })
//!     }
//! }
//! # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
//! let client = Client::builder().transport(Delta).build()?;
//! let stored = String::from("https://graph.microsoft.com/v1.0/me/drive/root/delta?token=t1");
//! let token: DeltaToken = stored.parse().expect("a delta link");
//! let mut round = client.delta_items::<serde_json::Value>(&token);
//! let items: Vec<_> = (&mut round).try_collect().await?;
//! assert_eq!(items, [DeltaItem::Removed { id: "7".into(), reason: Some("deleted".into()) }]);
//! assert_eq!(round.delta_token().and_then(|t| t.token().map(str::to_owned)).as_deref(), Some("t2"));
//! # Ok::<(), graph_runtime::Error>(())
//! # }).unwrap();
//! ```

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::TryStreamExt;
use serde::de::DeserializeOwned;

use super::{Client, Items, Pages};
use crate::delta::{DeltaItem, DeltaToken};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::odata::Collection;
use crate::paging::origin_of;
use crate::request::RequestError;

/// One round of a delta query: a [`Stream`] of `Result<DeltaItem<T>, Error>` over all its
/// pages; once it has ended, [`DeltaItems::delta_token`] is where the next round starts.
pub struct DeltaItems<T> {
    items: Items<DeltaItem<T>>,
}

impl<T: std::fmt::Debug> std::fmt::Debug for DeltaItems<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeltaItems").field("items", &self.items).finish()
    }
}

/// All of one round: the items, and the token of the next round.
#[derive(Debug, Clone, PartialEq)]
pub struct DeltaRound<T> {
    /// The changed and removed items, in the order sent.
    pub items: Vec<DeltaItem<T>>,
    /// The token the round ended with; `None` if the last page had no usable delta link.
    pub token: Option<DeltaToken>,
}

impl<T: DeserializeOwned + Send + Unpin + 'static> DeltaItems<T> {
    /// The token of the next round: the delta link of the last page, once the stream ended.
    pub fn delta_token(&self) -> Option<DeltaToken> {
        self.items.delta_link().and_then(DeltaToken::from_link)
    }

    /// The page stream underneath (pages read, has more).
    pub fn pages(&self) -> &Pages<DeltaItem<T>> {
        self.items.pages()
    }

    /// Stops after the items of `limit` pages (a round cut short ends with no token).
    pub fn max_pages(mut self, limit: Option<usize>) -> Self {
        self.items = self.items.max_pages(limit);
        self
    }
}

impl<T: Send + Unpin + 'static> Stream for DeltaItems<T> {
    type Item = Result<DeltaItem<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.items).poll_next(cx)
    }
}

impl Client {
    /// The first round of a delta query: the endpoint's request (a `delta` function, with its
    /// query options and headers), its items read as [`DeltaItem<T>`] whatever its output.
    pub fn delta_items_of<E, T>(&self, endpoint: &E) -> DeltaItems<T>
    where
        E: Endpoint,
        T: DeserializeOwned + Send + Unpin + 'static,
    {
        self.delta_from(endpoint.request_with_base(self.base_url()))
    }

    /// The round after `token`: a `GET` of its link, then its next pages. The link must be on
    /// the client's service (same scheme, host and port as the base URL), since the requests
    /// carry the token; another one ends the stream at once with
    /// [`RequestError::ForeignNextLink`].
    pub fn delta_items<T>(&self, token: &DeltaToken) -> DeltaItems<T>
    where
        T: DeserializeOwned + Send + Unpin + 'static,
    {
        let request = token.resume_request();
        let base = self.base_url().parse::<http::Uri>().ok();
        let same = base.as_ref().and_then(origin_of).is_some_and(|o| Some(o) == origin_of(request.uri()));
        let request = if same { Ok(request) } else { Err(RequestError::ForeignNextLink(token.link().to_string())) };
        self.delta_from(request)
    }

    /// All of the round after `token`, collected.
    pub async fn delta_round<T>(&self, token: &DeltaToken) -> Result<DeltaRound<T>, Error>
    where
        T: DeserializeOwned + Send + Unpin + 'static,
    {
        let mut round = self.delta_items(token);
        let items = (&mut round).try_collect().await?;
        Ok(DeltaRound { items, token: round.delta_token() })
    }

    fn delta_from<T>(&self, first: Result<http::Request<Vec<u8>>, RequestError>) -> DeltaItems<T>
    where
        T: DeserializeOwned + Send + Unpin + 'static,
    {
        let decode = crate::response::decode_json::<Collection<DeltaItem<T>>, bytes::Bytes>;
        DeltaItems { items: Items::new(Pages::new(self.clone(), first, decode)) }
    }
}
