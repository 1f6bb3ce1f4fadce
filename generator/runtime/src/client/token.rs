//! Where the bearer token comes from: a [`TokenSource`], asked before every attempt (so a
//! source that caches and refreshes tokens is asked again on a retry).

use super::BoxFuture;
use crate::error::BoxError;
use std::future::Future;

/// Gives the bearer token for the next request.
///
/// ```
/// use graph_runtime::client::{BoxFuture, TokenSource};
/// struct FromEnv;
/// impl TokenSource for FromEnv {
///     fn token(&self) -> BoxFuture<'_, Result<String, graph_runtime::BoxError>> {
///         Box::pin(async { std::env::var("GRAPH_TOKEN").map_err(Into::into) })
///     }
/// }
/// ```
pub trait TokenSource: Send + Sync + 'static {
    /// The access token (without `Bearer `).
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>>;

    /// Told that the service answered `401 Unauthorized` to a request that carried
    /// `token` (expired early, revoked). Return `true` when [`token`](Self::token) may now
    /// give another token: the client then sends the request once more with it. The
    /// default, `false`, hands the 401 to the caller as an error.
    fn rejected(&self, token: &str) -> bool {
        let _ = token;
        false
    }
}

/// One token for every request.
///
/// ```
/// use graph_runtime::client::{StaticToken, TokenSource};
/// let t = StaticToken::new("eyJ0...");
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// assert_eq!(t.token().await.unwrap(), "eyJ0...");
/// # });
/// ```
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    /// A source that always gives `token`.
    ///
    /// ```
    /// let source = graph_runtime::client::StaticToken::new("eyJ0...");
    /// assert_eq!(format!("{source:?}"), "StaticToken(..)", "the token is not printed");
    /// ```
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(token.into())
    }
}

impl std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// A token source made of a closure that returns a future, e.g. one that asks an identity
/// library for a fresh token.
///
/// ```
/// use graph_runtime::client::{token_fn, TokenSource};
/// let source = token_fn(|| async { Ok::<_, graph_runtime::BoxError>("t-1".to_string()) });
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// assert_eq!(source.token().await.unwrap(), "t-1");
/// # });
/// ```
pub struct TokenFn<F>(F);

/// Wraps a closure as a [`TokenSource`].
///
/// ```
/// let source = graph_runtime::client::token_fn(|| async { Ok::<_, graph_runtime::BoxError>("t".to_string()) });
/// let client = graph_runtime::client::Client::builder().token(source).build().unwrap();
/// # drop(client);
/// ```
pub fn token_fn<F, Fut>(f: F) -> TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    TokenFn(f)
}

impl<F, Fut> TokenSource for TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>> {
        Box::pin((self.0)())
    }
}
