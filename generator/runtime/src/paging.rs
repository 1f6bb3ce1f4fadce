//! Paging without I/O: a [`Page`] of items with the next link, the count and the delta
//! link, and a [`Pager`] that turns each page's `@odata.nextLink` into the next request
//! (same headers, a page limit, never to another host).

use crate::endpoint::Endpoint;
use crate::odata::Collection;
use crate::request::RequestError;

/// One page of a collection response.
///
/// ```
/// let c: graph_runtime::Collection<u8> = serde_json::from_str(
///     r#"{"value":[1,2],"@odata.count":7,"@odata.nextLink":"https://h/v1.0/x?$skiptoken=2"}"#).unwrap();
/// let page = graph_runtime::Page::from(c);
/// assert_eq!((page.items.len(), page.count), (2, Some(7)));
/// assert!(page.next_link.is_some());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// `@odata.nextLink`: where the next page is, if there is one.
    pub next_link: Option<String>,
    /// `@odata.count`, when `$count=true` was asked.
    pub count: Option<i64>,
    /// `@odata.deltaLink`, on the last page of a delta query.
    pub delta_link: Option<String>,
}

impl<T> From<Collection<T>> for Page<T> {
    fn from(c: Collection<T>) -> Self {
        Page { items: c.value, next_link: c.next_link, count: c.count, delta_link: c.delta_link }
    }
}

/// The state of a paged listing: which request comes next, how many pages were read, and
/// the count and delta link seen.
///
/// ```
/// use graph_runtime::{Collection, Pager};
/// let first = http::Request::get("https://h/v1.0/users?$count=true").header("ConsistencyLevel", "eventual")
///     .body(Vec::<u8>::new()).unwrap();
/// let mut pager = Pager::new(&first).max_pages(Some(10));
/// let page1: Collection<u8> = serde_json::from_str(
///     r#"{"value":[1],"@odata.count":2,"@odata.nextLink":"https://h/v1.0/users?$skiptoken=x"}"#).unwrap();
/// pager.record(page1);
/// let next = pager.next_request().unwrap().unwrap();
/// assert_eq!(next.uri(), "https://h/v1.0/users?$skiptoken=x");
/// assert_eq!(next.headers()["consistencylevel"], "eventual");
/// let page2: Collection<u8> = serde_json::from_str(r#"{"value":[2],"@odata.deltaLink":"https://h/d"}"#).unwrap();
/// pager.record(page2);
/// assert!(pager.next_request().unwrap().is_none());
/// assert_eq!((pager.pages(), pager.count(), pager.delta_link()), (2, Some(2), Some("https://h/d")));
/// ```
#[derive(Debug, Clone)]
pub struct Pager {
    origin: Option<(String, String)>,
    headers: http::HeaderMap,
    next: Option<String>,
    pages: usize,
    max_pages: Option<usize>,
    count: Option<i64>,
    delta_link: Option<String>,
}

/// The scheme and authority of `uri`, lowercased: what a followed link must keep.
pub(crate) fn origin_of(uri: &http::Uri) -> Option<(String, String)> {
    Some((uri.scheme_str()?.to_ascii_lowercase(), uri.authority()?.as_str().to_ascii_lowercase()))
}

impl Pager {
    /// A pager for the listing that `first` starts; next pages are GETs with its headers
    /// (but `Content-Type` and `Content-Length`).
    ///
    /// ```
    /// let first = http::Request::get("https://h/v1.0/users").body(Vec::<u8>::new()).unwrap();
    /// assert_eq!(graph_runtime::Pager::new(&first).pages(), 0);
    /// ```
    pub fn new<B>(first: &http::Request<B>) -> Self {
        let mut headers = first.headers().clone();
        headers.remove(http::header::CONTENT_TYPE);
        headers.remove(http::header::CONTENT_LENGTH);
        Pager {
            origin: origin_of(first.uri()),
            headers,
            next: None,
            pages: 0,
            max_pages: None,
            count: None,
            delta_link: None,
        }
    }

    /// The first request of a collection endpoint against `base`, and the pager of its
    /// next pages: sans-IO paging in one call.
    ///
    /// ```
    /// # use graph_runtime::*;
    /// # struct ListUsers;
    /// # impl Endpoint for ListUsers {
    /// #     type Body = (); type Output = Collection<serde_json::Value>;
    /// #     const METHOD: http::Method = http::Method::GET; const PERMISSIONS: Permissions = Permissions::NONE;
    /// #     fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
    /// #         build_request(Self::METHOD, base, "/users", &RequestOptions::default(), None) }
    /// #     fn parse_response<B: AsRef<[u8]>>(r: &http::Response<B>) -> Result<Self::Output, ResponseError> { decode_json(r) }
    /// # }
    /// let (first, mut pager) = Pager::start(&ListUsers, BASE_URL).unwrap();
    /// assert_eq!(first.uri(), "https://graph.microsoft.com/v1.0/users");
    /// // send `first`, then: let page = pager.record(ListUsers::parse_response(&answer)?);
    /// // and loop while let Some(next) = pager.next_request()? { ... }
    /// # let _ = &mut pager;
    /// ```
    pub fn start<E, T>(endpoint: &E, base: &str) -> Result<(http::Request<Vec<u8>>, Pager), RequestError>
    where
        E: Endpoint<Output = Collection<T>>,
    {
        let first = endpoint.request_with_base(base)?;
        let pager = Pager::new(&first);
        Ok((first, pager))
    }

    /// Stops after `limit` pages (`None`: follow every next link).
    ///
    /// ```
    /// let first = http::Request::get("https://h/x").body(()).unwrap();
    /// let pager = graph_runtime::Pager::new(&first).max_pages(Some(0));
    /// assert!(pager.limit_reached());
    /// ```
    pub fn max_pages(mut self, limit: Option<usize>) -> Self {
        self.max_pages = limit;
        self
    }

    /// Takes in one page: its next link, count and delta link; gives back the page.
    ///
    /// ```
    /// let first = http::Request::get("https://h/x").body(()).unwrap();
    /// let mut pager = graph_runtime::Pager::new(&first);
    /// let page = pager.record(graph_runtime::Collection::<u8> { value: vec![1], ..serde_json::from_str(r#"{"value":[]}"#).unwrap() });
    /// assert_eq!(page.items, vec![1]);
    /// ```
    pub fn record<T>(&mut self, collection: Collection<T>) -> Page<T> {
        let page = Page::from(collection);
        self.pages += 1;
        self.next = page.next_link.clone();
        if page.count.is_some() {
            self.count = page.count;
        }
        if page.delta_link.is_some() {
            self.delta_link = page.delta_link.clone();
        }
        page
    }

    /// The request of the next page; `Ok(None)` when the last page was read or the page
    /// limit is reached; an error when the next link is not a URL of the service the
    /// first page came from.
    ///
    /// ```
    /// let first = http::Request::get("https://h/x").body(()).unwrap();
    /// let mut pager = graph_runtime::Pager::new(&first);
    /// pager.record(serde_json::from_str::<graph_runtime::Collection<u8>>(
    ///     r#"{"value":[],"@odata.nextLink":"https://elsewhere/x"}"#).unwrap());
    /// assert!(pager.next_request().is_err());
    /// ```
    pub fn next_request(&self) -> Result<Option<http::Request<Vec<u8>>>, RequestError> {
        let Some(link) = &self.next else { return Ok(None) };
        if self.limit_reached() {
            return Ok(None);
        }
        let uri: http::Uri = link.parse().map_err(|_| RequestError::ForeignNextLink(link.clone()))?;
        if origin_of(&uri).is_none() || origin_of(&uri) != self.origin {
            return Err(RequestError::ForeignNextLink(link.clone()));
        }
        let mut request = http::Request::get(uri).body(Vec::new()).map_err(RequestError::Http)?;
        *request.headers_mut() = self.headers.clone();
        Ok(Some(request))
    }

    /// True when the page limit is reached.
    ///
    /// ```
    /// let first = http::Request::get("https://h/x").body(()).unwrap();
    /// assert!(!graph_runtime::Pager::new(&first).limit_reached());
    /// ```
    pub fn limit_reached(&self) -> bool {
        self.max_pages.is_some_and(|m| self.pages >= m)
    }

    /// True when the last page had a next link (more pages exist, limit or not).
    ///
    /// ```
    /// let first = http::Request::get("https://h/x").body(()).unwrap();
    /// assert!(!graph_runtime::Pager::new(&first).has_more());
    /// ```
    pub fn has_more(&self) -> bool {
        self.next.is_some()
    }

    /// Pages read so far.
    ///
    /// ```
    /// let first = http::Request::get("https://h/x").body(()).unwrap();
    /// assert_eq!(graph_runtime::Pager::new(&first).pages(), 0);
    /// ```
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// The latest `@odata.count` seen.
    ///
    /// ```
    /// let first = http::Request::get("https://h/x").body(()).unwrap();
    /// assert_eq!(graph_runtime::Pager::new(&first).count(), None);
    /// ```
    pub fn count(&self) -> Option<i64> {
        self.count
    }

    /// The `@odata.deltaLink` of the last page, for the next delta query.
    ///
    /// ```
    /// let first = http::Request::get("https://h/x").body(()).unwrap();
    /// assert_eq!(graph_runtime::Pager::new(&first).delta_link(), None);
    /// ```
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(json: &str) -> Collection<u8> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn limit_stops_following() {
        let first =
            http::Request::post("https://h/v1.0/x").header("content-type", "application/json").body(()).unwrap();
        let mut pager = Pager::new(&first).max_pages(Some(1));
        pager.record(page(r#"{"value":[],"@odata.nextLink":"https://h/v1.0/x?p=2"}"#));
        assert!(pager.has_more());
        assert!(pager.next_request().unwrap().is_none());
        let mut pager = Pager::new(&first);
        pager.record(page(r#"{"value":[],"@odata.nextLink":"https://H/v1.0/x?p=2"}"#));
        let next = pager.next_request().unwrap().unwrap();
        assert_eq!(next.method(), http::Method::GET);
        assert!(next.headers().get("content-type").is_none());
    }

    #[test]
    fn foreign_or_relative_links_are_refused() {
        let first = http::Request::get("https://h/v1.0/x").body(()).unwrap();
        for link in ["http://h/v1.0/x", "https://h:444/x", "/v1.0/x?p=2", "not a url"] {
            let mut pager = Pager::new(&first);
            pager.record(page(&format!(r#"{{"value":[],"@odata.nextLink":"{link}"}}"#)));
            assert!(matches!(pager.next_request(), Err(RequestError::ForeignNextLink(_))), "{link}");
        }
    }
}
