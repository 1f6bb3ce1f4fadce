//! The async client (feature `client`): sends an [`Endpoint`]'s request with a bearer
//! token, default headers and a timeout through a [`Transport`], retries under a
//! [`RetryPolicy`], decodes the answer, pages collections as [`Stream`]s, runs delta
//! queries over rounds, waits for long-running operations and uploads large files in chunks.
//!
//! ```
//! use graph_runtime::client::{Client, StaticToken};
//! use graph_runtime::{NationalCloud, RetryPolicy};
//! use std::time::Duration;
//! let client = Client::builder()
//!     .token(StaticToken::new("eyJ0..."))
//!     .cloud(NationalCloud::UsGovL4)
//!     .default_header("x-app", "inventory/1.0")
//!     .timeout(Duration::from_secs(30))
//!     .retry(RetryPolicy { max_attempts: 5, ..RetryPolicy::default() })
//!     .build()
//!     .unwrap();
//! assert_eq!(client.base_url(), "https://graph.microsoft.us/v1.0");
//! ```
//!
//! [`Stream`]: futures_core::Stream

mod batch;
mod cached_token;
mod delta;
mod operation;
mod send;
mod stream;
mod timer;
mod token;
mod transport;
mod upload;

pub use bytes::Bytes;
pub use cached_token::{cached_token, AccessToken, CachedToken, REFRESH_MARGIN};
pub use delta::{DeltaItems, DeltaRound};
pub use stream::{Items, Pages};
pub use timer::{Timer, TokioTimer};
pub use token::{token_fn, StaticToken, TokenFn, TokenSource};
pub use transport::{ReqwestTransport, Transport};

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::odata::Collection;
use crate::request::{NationalCloud, BASE_URL};
use crate::response::ResponseInfo;
use crate::retry::RetryPolicy;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A boxed, sendable future: what the client's traits return.
///
/// ```
/// let f: graph_runtime::client::BoxFuture<'static, u8> = Box::pin(async { 1 });
/// # drop(f);
/// ```
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A decoded answer with what the service said about it.
///
/// ```
/// # fn f(r: graph_runtime::client::Response<u8>) {
/// let graph_runtime::client::Response { value, info, attempts } = r;
/// println!("{value} after {attempts} attempt(s), request-id {:?}", info.request_id);
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The decoded output.
    pub value: T,
    /// Status and headers (`request-id`, `Location`, ...).
    pub info: ResponseInfo,
    /// Attempts made, the first included.
    pub attempts: u32,
}

struct Inner {
    base_url: String,
    token: Option<Arc<dyn TokenSource>>,
    transport: Arc<dyn Transport>,
    timer: Arc<dyn Timer>,
    default_headers: http::HeaderMap,
    timeout: Option<Duration>,
}

/// The Graph client. Cheap to clone (the state is shared); [`Client::with_retry`] gives a
/// clone with another retry policy.
///
/// ```
/// let client = graph_runtime::client::Client::builder().build().unwrap();
/// assert_eq!(client.base_url(), graph_runtime::BASE_URL);
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("base_url", &self.inner.base_url).field("retry", &self.retry).finish()
    }
}

/// Builds a [`Client`].
///
/// ```
/// let b = graph_runtime::client::Client::builder().base_url("http://127.0.0.1:1/v1.0");
/// assert_eq!(b.build().unwrap().base_url(), "http://127.0.0.1:1/v1.0");
/// ```
pub struct ClientBuilder {
    base_url: String,
    token: Option<Arc<dyn TokenSource>>,
    transport: Option<Arc<dyn Transport>>,
    timer: Arc<dyn Timer>,
    default_headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
}

impl Client {
    /// A builder: the global v1.0 root, no token, reqwest, tokio's timer, a 100 s timeout,
    /// the default retry policy.
    ///
    /// ```
    /// let client = graph_runtime::client::Client::builder().build().unwrap();
    /// # drop(client);
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            base_url: BASE_URL.to_owned(),
            token: None,
            transport: None,
            timer: Arc::new(TokioTimer),
            default_headers: Vec::new(),
            timeout: Some(Duration::from_secs(100)),
            retry: RetryPolicy::default(),
        }
    }

    /// The service root requests go to.
    ///
    /// ```
    /// let c = graph_runtime::client::Client::builder().cloud(graph_runtime::NationalCloud::China).build().unwrap();
    /// assert_eq!(c.base_url(), "https://microsoftgraph.chinacloudapi.cn/v1.0");
    /// ```
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The retry policy.
    ///
    /// ```
    /// let c = graph_runtime::client::Client::builder().build().unwrap();
    /// assert_eq!(c.retry_policy(), &graph_runtime::RetryPolicy::default());
    /// ```
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The same client with another retry policy, e.g. to opt a POST into retries.
    ///
    /// ```
    /// use graph_runtime::RetryPolicy;
    /// let c = graph_runtime::client::Client::builder().build().unwrap();
    /// let eager = c.with_retry(RetryPolicy { retry_non_idempotent: true, ..RetryPolicy::default() });
    /// assert!(eager.retry_policy().retry_non_idempotent);
    /// ```
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        Client { inner: self.inner.clone(), retry }
    }

    /// Sends the endpoint's request and decodes the answer.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint>(client: graph_runtime::client::Client, endpoint: E) -> Result<(), graph_runtime::Error> {
    /// let output: E::Output = client.send(&endpoint).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.execute(endpoint).await.map(|r| r.value)
    }

    /// Sends the endpoint's request and decodes the answer, keeping status, headers and
    /// the number of attempts.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint>(client: graph_runtime::client::Client, endpoint: E) -> Result<(), graph_runtime::Error> {
    /// let response = client.execute(&endpoint).await?;
    /// println!("{} attempt(s), request-id {:?}", response.attempts, response.info.request_id);
    /// # Ok(()) }
    /// ```
    pub async fn execute<E: Endpoint>(&self, endpoint: &E) -> Result<Response<E::Output>, Error> {
        let request = endpoint.request_with_base(&self.inner.base_url)?;
        let (response, attempts) = self.send_raw(request).await?;
        let info = ResponseInfo::of(&response);
        let value = E::parse_response(&response)?;
        Ok(Response { value, info, attempts })
    }

    /// The pages of a collection endpoint, following `@odata.nextLink`.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::StreamExt;
    /// let first = client.pages(&list).next().await;
    /// # }
    /// ```
    pub fn pages<E, T>(&self, endpoint: &E) -> Pages<T>
    where
        E: Endpoint<Output = Collection<T>>,
        T: Send + 'static,
    {
        Pages::new(self.clone(), endpoint.request_with_base(&self.inner.base_url), E::parse_response::<bytes::Bytes>)
    }

    /// The items of a collection endpoint, page after page.
    ///
    /// ```
    /// # async fn f<E: graph_runtime::Endpoint<Output = graph_runtime::Collection<u8>>>(client: graph_runtime::client::Client, list: E) {
    /// use futures_util::TryStreamExt;
    /// let all: Vec<u8> = client.items(&list).max_pages(Some(10)).try_collect().await.unwrap();
    /// # }
    /// ```
    pub fn items<E, T>(&self, endpoint: &E) -> Items<T>
    where
        E: Endpoint<Output = Collection<T>>,
        T: Send + 'static,
    {
        Items::new(self.pages(endpoint))
    }
}

impl ClientBuilder {
    /// The token source (none: no `Authorization` header, e.g. behind a proxy that adds it).
    ///
    /// ```
    /// use graph_runtime::client::{Client, StaticToken};
    /// let b = Client::builder().token(StaticToken::new("eyJ0..."));
    /// # drop(b);
    /// ```
    pub fn token(mut self, source: impl TokenSource) -> Self {
        self.token = Some(Arc::new(source));
        self
    }

    /// The service root, e.g. `https://graph.microsoft.com/beta`.
    ///
    /// ```
    /// let c = graph_runtime::client::Client::builder().base_url("https://graph.microsoft.com/beta/").build().unwrap();
    /// assert_eq!(c.base_url(), "https://graph.microsoft.com/beta");
    /// ```
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// The v1.0 root of a national cloud.
    ///
    /// ```
    /// let c = graph_runtime::client::Client::builder().cloud(graph_runtime::NationalCloud::UsGovL5).build().unwrap();
    /// assert_eq!(c.base_url(), "https://dod-graph.microsoft.us/v1.0");
    /// ```
    pub fn cloud(self, cloud: NationalCloud) -> Self {
        self.base_url(cloud.base_url())
    }

    /// A header sent with every request that does not set it itself.
    ///
    /// ```
    /// let b = graph_runtime::client::Client::builder().default_header("x-app", "inventory/1.0");
    /// assert!(b.build().is_ok());
    /// ```
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// The time one attempt may take, the whole body read included (`None`: no limit).
    ///
    /// ```
    /// let b = graph_runtime::client::Client::builder().timeout(std::time::Duration::from_secs(30));
    /// # drop(b);
    /// ```
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = timeout.into();
        self
    }

    /// The retry policy.
    ///
    /// ```
    /// let b = graph_runtime::client::Client::builder().retry(graph_runtime::RetryPolicy::none());
    /// assert_eq!(b.build().unwrap().retry_policy().max_attempts, 1);
    /// ```
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Another transport than reqwest.
    ///
    /// ```
    /// let t = graph_runtime::client::ReqwestTransport::from_client(reqwest::Client::new());
    /// let b = graph_runtime::client::Client::builder().transport(t);
    /// # drop(b);
    /// ```
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Another timer than tokio's (tests).
    ///
    /// ```
    /// let b = graph_runtime::client::Client::builder().timer(graph_runtime::client::TokioTimer);
    /// # drop(b);
    /// ```
    pub fn timer(mut self, timer: impl Timer) -> Self {
        self.timer = Arc::new(timer);
        self
    }

    /// The client; fails when a default header is not valid or reqwest cannot start.
    ///
    /// ```
    /// let err = graph_runtime::client::Client::builder().default_header("bad name", "v").build();
    /// assert!(err.is_err());
    /// ```
    pub fn build(self) -> Result<Client, Error> {
        let mut default_headers = http::HeaderMap::new();
        for (name, value) in &self.default_headers {
            let invalid = || Error::Request(crate::request::RequestError::InvalidHeader(name.clone()));
            let n = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let v = http::HeaderValue::from_str(value).map_err(|_| invalid())?;
            default_headers.append(n, v);
        }
        let transport: Arc<dyn Transport> = match self.transport {
            Some(t) => t,
            None => Arc::new(ReqwestTransport::new().map_err(Error::Transport)?),
        };
        let inner = Inner {
            base_url: self.base_url,
            token: self.token,
            transport,
            timer: self.timer,
            default_headers,
            timeout: self.timeout,
        };
        Ok(Client { inner: Arc::new(inner), retry: self.retry })
    }
}
