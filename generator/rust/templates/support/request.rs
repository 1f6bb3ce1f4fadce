//! Building requests: query options, path segments, headers and bodies, and the
//! [`Endpoint`] trait every generated request builder implements.

use super::response::ResponseError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;

/// The Graph v1.0 service root that [`Endpoint::request`] uses.
pub const BASE_URL: &str = "https://graph.microsoft.com/v1.0";

/// OData system query options.
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

/// Characters left as they are in a path segment: the unreserved ones but `.`, so that no
/// value can form a `.` or `..` segment, nor add a `/`, `?` or `#`.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');
/// Characters left as they are in a query name or value.
const QUERY: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~').remove(b'.').remove(b'$').remove(b',');

/// Appends one path parameter, percent-encoded so it stays one segment.
pub fn push_segment(path: &mut String, name: &'static str, value: &str) -> Result<(), RequestError> {
    if value.is_empty() {
        return Err(RequestError::EmptyPathParameter(name));
    }
    path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
    Ok(())
}

/// Why a request could not be built.
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
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::EmptyPathParameter(name) => write!(f, "path parameter `{name}` is empty"),
            RequestError::InvalidHeader(name) => write!(f, "header `{name}` is not valid"),
            RequestError::Body(e) => write!(f, "request body: {e}"),
            RequestError::Http(e) => write!(f, "request: {e}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// A request builder of one operation: builds the request, decodes the response. No I/O.
pub trait Endpoint {
    /// The request body (`()` when the operation takes none).
    type Body: Serialize + DeserializeOwned;
    /// The decoded success response (`()` when the operation returns none).
    type Output: Serialize + DeserializeOwned;

    /// The request against `base` (a service root such as [`BASE_URL`]).
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// The request against the Graph v1.0 service root.
    fn request(&self) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.request_with_base(BASE_URL)
    }

    /// Turns the status and body of a response into the output or an error.
    fn parse_response(status: http::StatusCode, body: &[u8]) -> Result<Self::Output, ResponseError>;
}

/// Builds a request: `base` + `path` + query, headers, JSON body.
pub fn build_request(
    method: http::Method,
    base: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: Option<Vec<u8>>,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let mut uri = String::with_capacity(base.len() + path.len());
    uri.push_str(base.trim_end_matches('/'));
    uri.push_str(path);
    for (i, (name, value)) in query.iter().enumerate() {
        uri.push(if i == 0 { '?' } else { '&' });
        uri.extend(percent_encoding::utf8_percent_encode(name, QUERY));
        uri.push('=');
        uri.extend(percent_encoding::utf8_percent_encode(value, QUERY));
    }
    let mut builder = http::Request::builder().method(method).uri(uri);
    let has_body = body.is_some();
    if has_body {
        builder = builder.header(http::header::CONTENT_TYPE, "application/json");
    }
    for (name, value) in headers {
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
pub fn json_body<T: Serialize>(body: &T) -> Result<Option<Vec<u8>>, RequestError> {
    serde_json::to_vec(body).map(Some).map_err(RequestError::Body)
}
