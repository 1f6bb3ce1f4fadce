//! JSON batching without I/O: up to 20 endpoints' requests in one `POST {base}/$batch`.
//!
//! [`Batch::add`] turns an endpoint's request into a batch item (its id, method, URL
//! relative to the service root, headers and body: JSON as it is, anything else as base64)
//! and hands back a [`BatchKey`] that remembers the endpoint's type. [`Batch::request`]
//! gives the `POST`; [`BatchResponse::parse`] reads the answer, and
//! [`BatchResponse::get`] rebuilds one item's answer as an `http::Response` and decodes it
//! with that endpoint's own [`Endpoint::parse_response`]. Items throttled or refused for a
//! while (429, 503, 504) are listed with their `Retry-After`, and [`Batch::retry_of`] builds
//! the next round from just those, under the same ids, so the keys stay valid.
//!
//! ```
//! use graph_runtime::{build_request, decode_json, Batch, BatchResponse, Endpoint, ItemOptions,
//!                     Permissions, RequestError, RequestOptions, ResponseError};
//!
//! /// `GET /users/{id}`, written by hand the way the generator writes it.
//! struct GetUser(&'static str);
//! impl Endpoint for GetUser {
//!     type Body = ();
//!     type Output = serde_json::Value;
//!     const METHOD: http::Method = http::Method::GET;
//!     const PERMISSIONS: Permissions = Permissions::NONE;
//!     fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
//!         let mut path = String::from("/users/");
//!         graph_runtime::push_segment(&mut path, "user-id", self.0)?;
//!         build_request(Self::METHOD, base, &path, &RequestOptions::default(), None)
//!     }
//!     fn parse_response<B: AsRef<[u8]>>(r: &http::Response<B>) -> Result<Self::Output, ResponseError> {
//!         decode_json(r)
//!     }
//! }
//!
//! let mut batch = Batch::new("https://graph.microsoft.com/v1.0");
//! let ada = batch.add(&GetUser("ada")).unwrap();
//! let grace = batch.add_with(&GetUser("grace"), ItemOptions::id("g").after(&ada)).unwrap();
//! let request = batch.request().unwrap();
//! assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/$batch");
//! let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
//! assert_eq!(sent["requests"][0], serde_json::json!({"id": "1", "method": "GET", "url": "/users/ada"}));
//! assert_eq!(sent["requests"][1]["dependsOn"], serde_json::json!(["1"]));
//!
//! let answer = http::Response::builder().status(200).body(r#"{"responses":[
//!     {"id":"g","status":429,"headers":{"Retry-After":"3"}},
//!     {"id":"1","status":200,"headers":{"Content-Type":"application/json"},"body":{"id":"ada"}}]}"#).unwrap();
//! let response = BatchResponse::parse(&answer).unwrap();
//! assert_eq!(response.get(&ada).unwrap().unwrap()["id"], "ada");
//! assert_eq!(response.get(&grace).unwrap().unwrap_err().status(), 429);
//! let again = Batch::retry_of(&batch, &response).unwrap();
//! assert_eq!(again.ids(), ["g"]);
//! ```

mod response;
mod retry;

pub use response::{BatchResponse, ItemResponse, Retriable};

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::{Endpoint, RequestError};

/// The most requests Graph takes in one batch.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// One request of a batch, in the wire form of the batch format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchItem {
    /// The id the answer is matched by.
    pub id: String,
    /// The method, e.g. `GET`.
    pub method: String,
    /// The URL relative to the service root, e.g. `/users/1?$select=id`.
    pub url: String,
    /// The request's headers (several values of one name joined with `, `).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The body: JSON as it is, any other content as a base64 string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    /// The ids of earlier items this one runs after.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

/// The id and the decoder of one item: given back by [`Batch::add`], used with
/// [`BatchResponse::get`] to decode that item's answer as `E::Output`.
pub struct BatchKey<E> {
    id: String,
    decoder: PhantomData<fn() -> E>,
}

impl<E> BatchKey<E> {
    /// The item's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<E> Clone for BatchKey<E> {
    fn clone(&self) -> Self {
        BatchKey { id: self.id.clone(), decoder: PhantomData }
    }
}

impl<E> fmt::Debug for BatchKey<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BatchKey").field(&self.id).finish()
    }
}

/// The id and the dependencies of an item: [`Batch::add_with`].
///
/// ```
/// let o = graph_runtime::ItemOptions::id("me").after_id("1");
/// assert_eq!(o.depends_on, ["1"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemOptions {
    /// The id; `None` takes the next free number (`"1"`, `"2"`, ...).
    pub id: Option<String>,
    /// The ids of earlier items to run after.
    pub depends_on: Vec<String>,
}

impl ItemOptions {
    /// Options with this id.
    pub fn id(id: impl Into<String>) -> Self {
        ItemOptions { id: Some(id.into()), depends_on: Vec::new() }
    }

    /// Runs after the item of `key`.
    pub fn after<F>(self, key: &BatchKey<F>) -> Self {
        self.after_id(key.id())
    }

    /// Runs after the item with this id.
    pub fn after_id(mut self, id: impl Into<String>) -> Self {
        self.depends_on.push(id.into());
        self
    }
}

/// Why an item cannot join a batch.
///
/// ```
/// let e = graph_runtime::BatchError::DuplicateId("1".into());
/// assert_eq!(e.to_string(), "batch id `1` is used twice");
/// ```
#[derive(Debug)]
pub enum BatchError {
    /// The batch holds [`MAX_BATCH_REQUESTS`] already.
    TooManyRequests,
    /// An id is empty.
    EmptyId,
    /// Two items have this id.
    DuplicateId(String),
    /// `dependsOn` names an id that no earlier item has.
    UnknownDependency {
        /// The item's id.
        id: String,
        /// The id it depends on.
        depends_on: String,
    },
    /// The endpoint's request could not be built.
    Request(RequestError),
    /// The request's URL is not under the batch's service root.
    ForeignUrl(String),
    /// A header value is not text.
    InvalidHeader(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::TooManyRequests => write!(f, "a batch holds at most {MAX_BATCH_REQUESTS} requests"),
            BatchError::EmptyId => write!(f, "batch id is empty"),
            BatchError::DuplicateId(id) => write!(f, "batch id `{id}` is used twice"),
            BatchError::UnknownDependency { id, depends_on } => {
                write!(f, "batch item `{id}` depends on `{depends_on}`, which is no earlier item")
            }
            BatchError::Request(e) => e.fmt(f),
            BatchError::ForeignUrl(url) => write!(f, "`{url}` is not under the batch's service root"),
            BatchError::InvalidHeader(name) => write!(f, "header `{name}` is not text"),
        }
    }
}

impl std::error::Error for BatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BatchError::Request(e) => Some(e),
            _ => None,
        }
    }
}

impl From<RequestError> for BatchError {
    fn from(e: RequestError) -> Self {
        BatchError::Request(e)
    }
}

/// Up to [`MAX_BATCH_REQUESTS`] requests sent as one: see the [module](self) documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    base: String,
    items: Vec<BatchItem>,
}

/// The wire form of a batch request.
#[derive(Serialize)]
struct Requests<'a> {
    requests: &'a [BatchItem],
}

impl Batch {
    /// An empty batch against the service root `base`, e.g. [`BASE_URL`](crate::BASE_URL).
    pub fn new(base: impl Into<String>) -> Batch {
        Batch { base: base.into().trim_end_matches('/').to_owned(), items: Vec::new() }
    }

    /// The service root.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The items, in the order they were added.
    pub fn items(&self) -> &[BatchItem] {
        &self.items
    }

    /// The items' ids, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.items.iter().map(|i| i.id.as_str()).collect()
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when the batch holds no item.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds the endpoint's request under the next free number, depending on nothing.
    pub fn add<E: Endpoint>(&mut self, endpoint: &E) -> Result<BatchKey<E>, BatchError> {
        self.add_with(endpoint, ItemOptions::default())
    }

    /// Adds the endpoint's request with an id and dependencies of the caller's.
    pub fn add_with<E: Endpoint>(&mut self, endpoint: &E, options: ItemOptions) -> Result<BatchKey<E>, BatchError> {
        let request = endpoint.request_with_base(&self.base)?;
        let item = self.item_of(request, options)?;
        let id = item.id.clone();
        self.push(item)?;
        Ok(BatchKey { id, decoder: PhantomData })
    }

    /// Adds an item in wire form, checked as [`Batch::add_with`] checks.
    pub fn push(&mut self, item: BatchItem) -> Result<(), BatchError> {
        if self.items.len() >= MAX_BATCH_REQUESTS {
            return Err(BatchError::TooManyRequests);
        }
        if item.id.is_empty() {
            return Err(BatchError::EmptyId);
        }
        if self.items.iter().any(|i| i.id == item.id) {
            return Err(BatchError::DuplicateId(item.id));
        }
        if let Some(missing) = item.depends_on.iter().find(|d| !self.items.iter().any(|i| &i.id == *d)) {
            return Err(BatchError::UnknownDependency { id: item.id.clone(), depends_on: missing.clone() });
        }
        self.items.push(item);
        Ok(())
    }

    /// The `POST {base}/$batch`. An empty batch gives `{"requests":[]}`, which the service
    /// refuses; the client sends none.
    pub fn request(&self) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.request_with_base(&self.base)
    }

    /// The `POST {base}/$batch` against another root of the same version (the item URLs
    /// are relative).
    pub fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let body = serde_json::to_vec(&Requests { requests: &self.items }).map_err(RequestError::Body)?;
        http::Request::post(format!("{}/$batch", base.trim_end_matches('/')))
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::ACCEPT, "application/json")
            .body(body)
            .map_err(RequestError::Http)
    }

    /// The first number not yet an id.
    fn next_id(&self) -> String {
        (self.items.len() + 1..)
            .map(|n| n.to_string())
            .find(|id| !self.items.iter().any(|i| &i.id == id))
            .unwrap_or_default()
    }

    /// The batch item of a built request.
    fn item_of(&self, request: http::Request<Vec<u8>>, options: ItemOptions) -> Result<BatchItem, BatchError> {
        let url = self.relative(request.uri())?;
        let mut headers = BTreeMap::<String, String>::new();
        for (name, value) in request.headers() {
            let value = value.to_str().map_err(|_| BatchError::InvalidHeader(name.to_string()))?;
            headers
                .entry(name.as_str().to_owned())
                .and_modify(|v| {
                    v.push_str(", ");
                    v.push_str(value);
                })
                .or_insert_with(|| value.to_owned());
        }
        let body = body_of(request.body(), &mut headers)?;
        Ok(BatchItem {
            id: options.id.unwrap_or_else(|| self.next_id()),
            method: request.method().as_str().to_owned(),
            url,
            headers,
            body,
            depends_on: options.depends_on,
        })
    }

    /// The URL of `uri` relative to the service root: `/users/1?$select=id`.
    fn relative(&self, uri: &http::Uri) -> Result<String, BatchError> {
        let foreign = || BatchError::ForeignUrl(uri.to_string());
        let base: http::Uri = self.base.parse().map_err(|_| foreign())?;
        let same_host = base.scheme() == uri.scheme()
            && base.authority().map(|a| a.as_str().to_ascii_lowercase())
                == uri.authority().map(|a| a.as_str().to_ascii_lowercase());
        let root = base.path().trim_end_matches('/');
        let rest = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/").strip_prefix(root).ok_or_else(foreign)?;
        if !same_host || !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')) {
            return Err(foreign());
        }
        Ok(if rest.starts_with('/') { rest.to_owned() } else { format!("/{rest}") })
    }
}

/// True when a `Content-Type` names JSON (`application/json`, `...+json`, with parameters).
pub(crate) fn is_json(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|c| {
        let essence = c.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        essence == "application/json" || essence.ends_with("+json")
    })
}

/// The body of an item: JSON when it is JSON, else base64; a body without a `Content-Type`
/// gets one (the format requires it): JSON when it reads as JSON, else octet-stream. A body
/// said to be JSON that is none is an error.
fn body_of(bytes: &[u8], headers: &mut BTreeMap<String, String>) -> Result<Option<serde_json::Value>, BatchError> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let json = match headers.get("content-type").map(String::as_str) {
        Some(c) if is_json(Some(c)) => {
            Some(serde_json::from_slice::<serde_json::Value>(bytes).map_err(RequestError::Body)?)
        }
        Some(_) => None,
        None => serde_json::from_slice::<serde_json::Value>(bytes).ok(),
    };
    let fallback = if json.is_some() { "application/json" } else { "application/octet-stream" };
    headers.entry("content-type".to_owned()).or_insert_with(|| fallback.to_owned());
    Ok(Some(json.unwrap_or_else(|| base64::engine::general_purpose::STANDARD.encode(bytes).into())))
}

#[cfg(test)]
mod tests;
