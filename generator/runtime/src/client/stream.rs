//! Paged collections as streams: [`Pages`] yields each page, [`Items`] each item, both
//! following `@odata.nextLink` through a [`Pager`] (with its page limit) and keeping the
//! `@odata.count` and the last page's `@odata.deltaLink`.

use super::{BoxFuture, Client};
use crate::error::Error;
use crate::odata::Collection;
use crate::paging::{Page, Pager};
use crate::request::RequestError;
use crate::response::ResponseError;
use bytes::Bytes;
use futures_core::Stream;
use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

type Decode<T> = fn(&http::Response<Bytes>) -> Result<Collection<T>, ResponseError>;

/// The pages of a collection, a [`Stream`] of `Result<Page<T>, Error>`; it ends after the
/// last page, at the page limit, or after the first error.
///
/// ```no_run
/// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
/// use futures_util::StreamExt;
/// let mut pages = client.pages(&list).max_pages(Some(3));
/// while let Some(page) = pages.next().await {
///     println!("{} items", page.unwrap().items.len());
/// }
/// println!("count {:?}, delta link {:?}", pages.odata_count(), pages.delta_link());
/// # }
/// ```
pub struct Pages<T> {
    client: Client,
    decode: Decode<T>,
    first: Option<Result<http::Request<Vec<u8>>, RequestError>>,
    pager: Option<Pager>,
    max_pages: Option<usize>,
    pending: Option<BoxFuture<'static, Result<Collection<T>, Error>>>,
    done: bool,
}

impl<T> std::fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("pager", &self.pager).field("done", &self.done).finish_non_exhaustive()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffer", &self.buffer).finish()
    }
}

impl<T: Send + 'static> Pages<T> {
    pub(crate) fn new(client: Client, first: Result<http::Request<Vec<u8>>, RequestError>, decode: Decode<T>) -> Self {
        Pages { client, decode, first: Some(first), pager: None, max_pages: None, pending: None, done: false }
    }

    /// Stops after `limit` pages (`None`, the default: every page).
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut pages = client.pages(&list).max_pages(Some(2));
    /// while let Some(_) = pages.next().await {}
    /// assert!(pages.pages_read() <= 2);
    /// # }
    /// ```
    pub fn max_pages(mut self, limit: Option<usize>) -> Self {
        self.max_pages = limit;
        if let Some(pager) = self.pager.take() {
            self.pager = Some(pager.max_pages(limit));
        }
        self
    }

    /// Pages read so far.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut pages = client.pages(&list);
    /// while let Some(_) = pages.next().await {}
    /// println!("{} pages", pages.pages_read());
    /// # }
    /// ```
    pub fn pages_read(&self) -> usize {
        self.pager.as_ref().map_or(0, Pager::pages)
    }

    /// The latest `@odata.count` seen (named so, not `count`, which `StreamExt` has).
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut pages = client.pages(&list);
    /// while let Some(_) = pages.next().await {}
    /// println!("{:?} in all", pages.odata_count());
    /// # }
    /// ```
    pub fn odata_count(&self) -> Option<i64> {
        self.pager.as_ref().and_then(Pager::count)
    }

    /// The `@odata.deltaLink` of the last page read.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut pages = client.pages(&list);
    /// while let Some(_) = pages.next().await {}
    /// let next_delta_query = pages.delta_link().map(str::to_owned);
    /// # }
    /// ```
    pub fn delta_link(&self) -> Option<&str> {
        self.pager.as_ref().and_then(Pager::delta_link)
    }

    /// True when the service has more pages than were read (the limit stopped the stream).
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut pages = client.pages(&list).max_pages(Some(1));
    /// while let Some(_) = pages.next().await {}
    /// if pages.has_more() { println!("more pages left"); }
    /// # }
    /// ```
    pub fn has_more(&self) -> bool {
        self.pager.as_ref().is_some_and(Pager::has_more)
    }

    fn fetch(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'static, Result<Collection<T>, Error>> {
        let client = self.client.clone();
        let decode = self.decode;
        Box::pin(async move {
            let (response, _) = client.send_raw(request).await?;
            decode(&response).map_err(Error::Response)
        })
    }

    /// The next request, or `None` at the end.
    fn next_request(&mut self) -> Result<Option<http::Request<Vec<u8>>>, Error> {
        if let Some(first) = self.first.take() {
            let first = first?;
            self.pager = Some(Pager::new(&first).max_pages(self.max_pages));
            if self.max_pages == Some(0) {
                return Ok(None);
            }
            return Ok(Some(first));
        }
        match &self.pager {
            Some(pager) => Ok(pager.next_request()?),
            None => Ok(None),
        }
    }
}

impl<T: Send + 'static> Stream for Pages<T> {
    type Item = Result<Page<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        if this.pending.is_none() {
            match this.next_request() {
                Ok(Some(request)) => this.pending = Some(this.fetch(request)),
                Ok(None) => {
                    this.done = true;
                    return Poll::Ready(None);
                }
                Err(e) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
            }
        }
        let Some(pending) = this.pending.as_mut() else { return Poll::Ready(None) };
        let result = match pending.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.pending = None;
        match (result, this.pager.as_mut()) {
            (Ok(collection), Some(pager)) => Poll::Ready(Some(Ok(pager.record(collection)))),
            (Ok(collection), None) => Poll::Ready(Some(Ok(Page::from(collection)))),
            (Err(e), _) => {
                this.done = true;
                Poll::Ready(Some(Err(e)))
            }
        }
    }
}

/// The items of a collection, page after page: a [`Stream`] of `Result<T, Error>`.
///
/// ```no_run
/// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
/// use futures_util::TryStreamExt;
/// let mut items = client.items(&list);
/// let all: Vec<u8> = (&mut items).try_collect().await.unwrap();
/// assert_eq!(items.odata_count(), Some(all.len() as i64));
/// # }
/// ```
pub struct Items<T> {
    pages: Pages<T>,
    buffer: VecDeque<T>,
}

impl<T: Send + 'static> Items<T> {
    pub(crate) fn new(pages: Pages<T>) -> Self {
        Items { pages, buffer: VecDeque::new() }
    }

    /// Stops after the items of `limit` pages.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut items = client.items(&list).max_pages(Some(1));
    /// while let Some(_) = items.next().await {}
    /// # }
    /// ```
    pub fn max_pages(mut self, limit: Option<usize>) -> Self {
        self.pages = self.pages.max_pages(limit);
        self
    }

    /// The page stream underneath (count, delta link, pages read).
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut items = client.items(&list);
    /// while let Some(_) = items.next().await {}
    /// println!("{} pages", items.pages().pages_read());
    /// # }
    /// ```
    pub fn pages(&self) -> &Pages<T> {
        &self.pages
    }

    /// The latest `@odata.count` seen (named so, not `count`, which `StreamExt` has).
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut items = client.items(&list);
    /// while let Some(_) = items.next().await {}
    /// println!("{:?} in all", items.odata_count());
    /// # }
    /// ```
    pub fn odata_count(&self) -> Option<i64> {
        self.pages.odata_count()
    }

    /// The `@odata.deltaLink` of the last page read.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let mut items = client.items(&list);
    /// while let Some(_) = items.next().await {}
    /// println!("{:?}", items.delta_link());
    /// # }
    /// ```
    pub fn delta_link(&self) -> Option<&str> {
        self.pages.delta_link()
    }
}

impl<T: Send + Unpin + 'static> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        // Bounded: each turn either yields, ends, or reads one more page.
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => this.buffer.extend(page.items),
            }
        }
    }
}
