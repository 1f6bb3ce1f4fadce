//! Building requests: query options, path segments, headers and bodies. Everything an
//! endpoint's `request_with_base` needs, and nothing that does I/O.

use crate::headers::{ConsistencyLevel, Prefer, Preference};
use serde::Serialize;
use std::fmt;

/// The Graph v1.0 service root that [`Endpoint::request`](crate::Endpoint::request) uses.
///
/// ```
/// assert_eq!(graph_runtime::BASE_URL, graph_runtime::NationalCloud::Global.base_url());
/// ```
pub const BASE_URL: &str = "https://graph.microsoft.com/v1.0";

/// The Graph deployments, each with its own v1.0 service root.
///
/// ```
/// use graph_runtime::NationalCloud;
/// assert_eq!(NationalCloud::UsGovL4.base_url(), "https://graph.microsoft.us/v1.0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NationalCloud {
    /// The global service.
    Global,
    /// US Government L4.
    UsGovL4,
    /// US Government L5 (DOD).
    UsGovL5,
    /// Microsoft Graph China operated by 21Vianet.
    China,
}

impl NationalCloud {
    /// The v1.0 service root of the deployment.
    ///
    /// ```
    /// assert_eq!(graph_runtime::NationalCloud::China.base_url(), "https://microsoftgraph.chinacloudapi.cn/v1.0");
    /// ```
    pub const fn base_url(self) -> &'static str {
        match self {
            NationalCloud::Global => BASE_URL,
            NationalCloud::UsGovL4 => "https://graph.microsoft.us/v1.0",
            NationalCloud::UsGovL5 => "https://dod-graph.microsoft.us/v1.0",
            NationalCloud::China => "https://microsoftgraph.chinacloudapi.cn/v1.0",
        }
    }
}

/// OData system query options.
///
/// ```
/// let q = graph_runtime::QueryOptions { select: vec!["id".into()], top: Some(5), ..Default::default() };
/// assert_eq!(q.pairs(), vec![("$select".to_string(), "id".to_string()), ("$top".to_string(), "5".to_string())]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryOptions {
    /// `$select`: properties to return.
    pub select: Vec<String>,
    /// `$expand`: relationships to expand.
    pub expand: Vec<String>,
    /// `$filter`: a filter expression.
    pub filter: Option<String>,
    /// `$orderby`: sort expressions.
    pub orderby: Vec<String>,
    /// `$top`: page size.
    pub top: Option<u32>,
    /// `$skip`: items to skip.
    pub skip: Option<u32>,
    /// `$count`: ask for the total count.
    pub count: Option<bool>,
    /// `$search`: a search expression.
    pub search: Option<String>,
}

impl QueryOptions {
    /// The options as `(name, value)` pairs, in a fixed order.
    ///
    /// ```
    /// let q = graph_runtime::QueryOptions { count: Some(true), ..Default::default() };
    /// assert_eq!(q.pairs(), vec![("$count".to_string(), "true".to_string())]);
    /// ```
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if !self.select.is_empty() {
            out.push(("$select".to_owned(), self.select.join(",")));
        }
        if !self.expand.is_empty() {
            out.push(("$expand".to_owned(), self.expand.join(",")));
        }
        if let Some(f) = &self.filter {
            out.push(("$filter".to_owned(), f.clone()));
        }
        if !self.orderby.is_empty() {
            out.push(("$orderby".to_owned(), self.orderby.join(",")));
        }
        if let Some(t) = self.top {
            out.push(("$top".to_owned(), t.to_string()));
        }
        if let Some(s) = self.skip {
            out.push(("$skip".to_owned(), s.to_string()));
        }
        if let Some(c) = self.count {
            out.push(("$count".to_owned(), c.to_string()));
        }
        if let Some(s) = &self.search {
            out.push(("$search".to_owned(), s.clone()));
        }
        out
    }
}

/// What every request builder holds besides its path parameters and body: query options,
/// other query parameters, headers and the typed `Prefer` and `ConsistencyLevel` headers.
///
/// ```
/// use graph_runtime::{ConsistencyLevel, RequestOptions};
/// let mut o = RequestOptions::default();
/// o.consistency_level = Some(ConsistencyLevel::Eventual);
/// o.headers.push(("x-trace".into(), "1".into()));
/// let req = graph_runtime::build_request(http::Method::GET, "https://h/v1.0", "/users", &o, None).unwrap();
/// assert_eq!(req.headers()["consistencylevel"], "eventual");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// OData system query options.
    pub query: QueryOptions,
    /// Other query parameters, in the order they were added.
    pub extra_query: Vec<(String, String)>,
    /// Extra request headers (checked when the request is built).
    pub headers: Vec<(String, String)>,
    /// The `Prefer` header.
    pub prefer: Prefer,
    /// The `ConsistencyLevel` header.
    pub consistency_level: Option<ConsistencyLevel>,
}

impl RequestOptions {
    /// Options whose `Prefer` header asks for `include-unknown-enum-members`: the default of
    /// endpoints whose types have evolvable enums.
    ///
    /// ```
    /// use graph_runtime::{Preference, RequestOptions};
    /// assert!(RequestOptions::evolvable_enums().prefer.contains(&Preference::IncludeUnknownEnumMembers));
    /// ```
    pub fn evolvable_enums() -> Self {
        RequestOptions { prefer: Prefer::evolvable_enums(), ..Default::default() }
    }

    /// Adds a preference to the `Prefer` header.
    ///
    /// ```
    /// use graph_runtime::{Preference, RequestOptions};
    /// let mut o = RequestOptions::default();
    /// o.prefer(Preference::ReturnMinimal);
    /// assert_eq!(o.prefer.header_value().as_deref(), Some("return=minimal"));
    /// ```
    pub fn prefer(&mut self, preference: Preference) {
        self.prefer.insert(preference);
    }
}

/// Characters left as they are in a path segment: the unreserved ones but `.`, so that no
/// value can form a `.` or `..` segment, nor add a `/`, `?` or `#`.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');
/// Characters left as they are in a query name or value.
const QUERY: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~').remove(b'.').remove(b'$').remove(b',');

/// Appends one path parameter, percent-encoded so it stays one segment.
///
/// ```
/// let mut path = String::from("/users/");
/// graph_runtime::push_segment(&mut path, "user-id", "a/../b").unwrap();
/// assert_eq!(path, "/users/a%2F%2E%2E%2Fb");
/// assert!(graph_runtime::push_segment(&mut path, "user-id", "").is_err());
/// ```
pub fn push_segment(path: &mut String, name: &'static str, value: &str) -> Result<(), RequestError> {
    if value.is_empty() {
        return Err(RequestError::EmptyPathParameter(name));
    }
    path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
    Ok(())
}

/// A request path: the literal `pieces` with the parameters' values between them, each
/// percent-encoded so it stays one segment (`pieces` has one item more than `params`; extra
/// pieces are appended, missing ones are empty). Generated builders make their path with
/// one call to this, rather than a statement per piece.
///
/// ```
/// let path = graph_runtime::fill_path(&["/users/", "/photos/", "/$value"], &[("user-id", "a/b"), ("size", "48x48")]);
/// assert_eq!(path.unwrap(), "/users/a%2Fb/photos/48x48/$value");
/// assert!(graph_runtime::fill_path(&["/users/", ""], &[("user-id", "")]).is_err());
/// ```
pub fn fill_path(pieces: &[&str], params: &[(&'static str, &str)]) -> Result<String, RequestError> {
    let mut path = String::with_capacity(pieces.iter().map(|p| p.len()).sum::<usize>() + 16 * params.len());
    let mut rest = pieces.iter();
    path.push_str(rest.next().copied().unwrap_or_default());
    for (name, value) in params {
        push_segment(&mut path, name, value)?;
        path.push_str(rest.next().copied().unwrap_or_default());
    }
    rest.for_each(|piece| path.push_str(piece));
    Ok(path)
}

/// Why a request could not be built.
///
/// ```
/// let e = graph_runtime::RequestError::EmptyPathParameter("user-id");
/// assert_eq!(e.to_string(), "path parameter `user-id` is empty");
/// ```
#[derive(Debug)]
pub enum RequestError {
    /// A path parameter is empty.
    EmptyPathParameter(&'static str),
    /// A header name or value is not valid.
    InvalidHeader(String),
    /// The body could not be serialized.
    Body(serde_json::Error),
    /// The URI or request could not be built.
    Http(http::Error),
    /// An `@odata.nextLink` that is no URL of the service the first page came from (it is
    /// not followed: the request would carry the bearer token elsewhere).
    ForeignNextLink(String),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::EmptyPathParameter(name) => write!(f, "path parameter `{name}` is empty"),
            RequestError::InvalidHeader(name) => write!(f, "header `{name}` is not valid"),
            RequestError::Body(e) => write!(f, "request body: {e}"),
            RequestError::Http(e) => write!(f, "request: {e}"),
            RequestError::ForeignNextLink(link) => write!(f, "next link `{link}` leaves the service"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::Body(e) => Some(e),
            RequestError::Http(e) => Some(e),
            _ => None,
        }
    }
}

/// Builds a request: `base` + `path` + query, headers (`Prefer`, `ConsistencyLevel` and
/// the extra ones), JSON body with its `Content-Type`.
///
/// ```
/// use graph_runtime::{build_request, json_body, RequestOptions};
/// let mut o = RequestOptions::default();
/// o.query.select = vec!["id".into(), "displayName".into()];
/// o.extra_query.push(("$skiptoken".into(), "a b".into()));
/// let body = json_body(&serde_json::json!({"a": 1})).unwrap();
/// let req = build_request(http::Method::POST, "https://graph.microsoft.com/v1.0/", "/users", &o, body).unwrap();
/// assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/users?$select=id,displayName&$skiptoken=a%20b");
/// assert_eq!(req.headers()["content-type"], "application/json");
/// assert_eq!(req.body(), br#"{"a":1}"#);
/// ```
pub fn build_request(
    method: http::Method,
    base: &str,
    path: &str,
    options: &RequestOptions,
    body: Option<Vec<u8>>,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let mut uri = String::with_capacity(base.len() + path.len());
    uri.push_str(base.trim_end_matches('/'));
    uri.push_str(path);
    let query = options.query.pairs();
    for (i, (name, value)) in query.iter().chain(options.extra_query.iter()).enumerate() {
        uri.push(if i == 0 { '?' } else { '&' });
        uri.extend(percent_encoding::utf8_percent_encode(name, QUERY));
        uri.push('=');
        uri.extend(percent_encoding::utf8_percent_encode(value, QUERY));
    }
    let mut builder = http::Request::builder().method(method).uri(uri);
    if body.is_some() {
        builder = builder.header(http::header::CONTENT_TYPE, "application/json");
    }
    let typed = [
        options.prefer.header_value().map(|v| ("Prefer".to_owned(), v)),
        options.consistency_level.as_ref().map(|c| ("ConsistencyLevel".to_owned(), c.as_str().to_owned())),
    ];
    for (name, value) in typed.iter().flatten().chain(options.headers.iter()) {
        let name_ok = http::HeaderName::from_bytes(name.as_bytes()).is_ok();
        let value_ok = http::HeaderValue::from_str(value).is_ok();
        if !name_ok || !value_ok {
            return Err(RequestError::InvalidHeader(name.clone()));
        }
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder.body(body.unwrap_or_default()).map_err(RequestError::Http)
}

/// The JSON bytes of a request body.
///
/// ```
/// assert_eq!(graph_runtime::json_body(&[1, 2]).unwrap(), Some(b"[1,2]".to_vec()));
/// ```
pub fn json_body<T: Serialize>(body: &T) -> Result<Option<Vec<u8>>, RequestError> {
    serde_json::to_vec(body).map(Some).map_err(RequestError::Body)
}
