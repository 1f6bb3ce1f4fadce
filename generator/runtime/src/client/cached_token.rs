//! A token source that caches what an identity library gave until shortly before it
//! expires, fetches again when the service rejects it, and shares one fetch between
//! concurrent requests.

use super::token::TokenSource;
use super::BoxFuture;
use crate::error::BoxError;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// An access token with its expiry, as an identity library hands it out.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// let t = graph_runtime::client::AccessToken::new("eyJ0...").expires_at(SystemTime::now() + Duration::from_secs(3600));
/// assert!(t.expires.is_some());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The token (without `Bearer `).
    pub secret: String,
    /// When it stops being valid; `None`: until the service rejects it.
    pub expires: Option<SystemTime>,
}

impl AccessToken {
    /// A token with no known expiry.
    ///
    /// ```
    /// assert_eq!(graph_runtime::client::AccessToken::new("t").expires, None);
    /// ```
    pub fn new(secret: impl Into<String>) -> Self {
        AccessToken { secret: secret.into(), expires: None }
    }

    /// The same token, valid until `at`.
    ///
    /// ```
    /// let at = std::time::SystemTime::UNIX_EPOCH;
    /// assert_eq!(graph_runtime::client::AccessToken::new("t").expires_at(at).expires, Some(at));
    /// ```
    pub fn expires_at(self, at: SystemTime) -> Self {
        AccessToken { expires: Some(at), ..self }
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessToken").field("secret", &"..").field("expires", &self.expires).finish()
    }
}

/// How long before its expiry a cached token is fetched again, so that a request does not
/// leave with a token that expires on the way.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(300);

type Fetch = dyn Fn() -> BoxFuture<'static, Result<AccessToken, BoxError>> + Send + Sync;

/// A [`TokenSource`] over a fetch function: the token is kept until [`REFRESH_MARGIN`]
/// before it expires or until the service rejects it (a 401), then fetched again; the
/// client retries a rejected request once with the new token.
///
/// ```
/// use graph_runtime::client::{cached_token, AccessToken, Client};
/// let source = cached_token(|| async { Ok::<_, graph_runtime::BoxError>(AccessToken::new("t-1")) });
/// let client = Client::builder().token(source).build().unwrap();
/// # drop(client);
/// ```
pub struct CachedToken {
    fetch: Box<Fetch>,
    cached: Arc<tokio::sync::Mutex<Option<AccessToken>>>,
    rejected: Mutex<Option<String>>,
}

/// Wraps a fetch function (e.g. a call into an identity library) as a caching
/// [`TokenSource`].
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// use graph_runtime::client::{cached_token, AccessToken, TokenSource};
/// let source = cached_token(|| async { Ok::<_, graph_runtime::BoxError>(AccessToken::new("t-1")) });
/// assert_eq!(source.token().await.unwrap(), "t-1");
/// assert!(source.rejected("t-1"), "a rejected token is fetched again");
/// # });
/// ```
pub fn cached_token<F, Fut>(fetch: F) -> CachedToken
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AccessToken, BoxError>> + Send + 'static,
{
    CachedToken {
        fetch: Box::new(move || Box::pin(fetch())),
        cached: Arc::new(tokio::sync::Mutex::new(None)),
        rejected: Mutex::new(None),
    }
}

impl CachedToken {
    fn usable(token: &AccessToken, rejected: Option<&str>) -> bool {
        if rejected == Some(token.secret.as_str()) {
            return false;
        }
        match token.expires {
            None => true,
            Some(at) => at.duration_since(SystemTime::now()).is_ok_and(|left| left > REFRESH_MARGIN),
        }
    }
}

impl TokenSource for CachedToken {
    fn token(&self) -> BoxFuture<'_, Result<String, BoxError>> {
        Box::pin(async move {
            // One fetch at a time: concurrent requests wait for it and share its token.
            let mut cached = self.cached.lock().await;
            let rejected = self.rejected.lock().map(|r| r.clone()).unwrap_or_default();
            if let Some(token) = cached.as_ref().filter(|t| Self::usable(t, rejected.as_deref())) {
                return Ok(token.secret.clone());
            }
            let fresh = (self.fetch)().await?;
            let secret = fresh.secret.clone();
            *cached = Some(fresh);
            Ok(secret)
        })
    }

    fn rejected(&self, token: &str) -> bool {
        // The next `token` call fetches again if `token` is still the cached one; if it has
        // been replaced since that request left (or a fetch is under way), the newer one
        // is tried. Either way one more attempt is worth it.
        if let Ok(mut r) = self.rejected.lock() {
            *r = Some(token.to_string());
        }
        true
    }
}
