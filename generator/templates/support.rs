//! Support types of the generated crate: EDM primitives that keep their wire form, flags
//! sets, OData collections, the Graph error, query options and the sans-IO request and
//! response helpers every endpoint uses.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The Graph v1.0 service root that [`Endpoint::request`] uses.
pub const BASE_URL: &str = "https://graph.microsoft.com/v1.0";

macro_rules! string_wrapper {
    ($(#[$doc:meta])* $name:ident, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The value exactly as it was read or built.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidValue;
            fn from_str(s: &str) -> Result<Self, InvalidValue> {
                match $check(s) {
                    true => Ok($name(s.to_owned())),
                    false => Err(InvalidValue { kind: stringify!($name), value: s.to_owned() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                s.parse().map_err(D::Error::custom)
            }
        }
    };
}

/// A string that is not a valid value of its EDM type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    /// The support type that rejected the value.
    pub kind: &'static str,
    /// The rejected text.
    pub value: String,
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.value, self.kind)
    }
}

impl std::error::Error for InvalidValue {}

fn is_date_time(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

const DATE: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!("[year]-[month]-[day]");
const TIME: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[hour]:[minute]:[second][optional [.[subsecond]]]");
const TIME_SHORT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[hour]:[minute]");

fn is_date(s: &str) -> bool {
    time::Date::parse(s, DATE).is_ok()
}

fn is_time_of_day(s: &str) -> bool {
    time::Time::parse(s, TIME).is_ok() || time::Time::parse(s, TIME_SHORT).is_ok()
}

fn is_duration(s: &str) -> bool {
    iso8601::duration(s.strip_prefix('-').unwrap_or(s)).is_ok()
}

string_wrapper!(
    /// `Edm.DateTimeOffset`: an RFC 3339 timestamp, kept as written (Graph's 7-digit fractions
    /// round-trip unchanged); [`DateTimeOffset::to_time`] parses it.
    DateTimeOffset,
    is_date_time
);
string_wrapper!(
    /// `Edm.Date`: a calendar date `YYYY-MM-DD`, kept as written.
    Date,
    is_date
);
string_wrapper!(
    /// `Edm.TimeOfDay`: `hh:mm:ss` with optional fraction, kept as written.
    TimeOfDay,
    is_time_of_day
);
string_wrapper!(
    /// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`, kept as written.
    Duration,
    is_duration
);

impl DateTimeOffset {
    /// The timestamp as a [`time::OffsetDateTime`].
    pub fn to_time(&self) -> Result<time::OffsetDateTime, time::error::Parse> {
        time::OffsetDateTime::parse(&self.0, &time::format_description::well_known::Rfc3339)
    }
}

impl From<time::OffsetDateTime> for DateTimeOffset {
    fn from(value: time::OffsetDateTime) -> Self {
        let text = value.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        DateTimeOffset(text)
    }
}

impl Date {
    /// The date as a [`time::Date`].
    pub fn to_date(&self) -> Result<time::Date, time::error::Parse> {
        time::Date::parse(&self.0, DATE)
    }
}

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Date(value.format(DATE).unwrap_or_default())
    }
}

impl TimeOfDay {
    /// The time as a [`time::Time`].
    pub fn to_time(&self) -> Result<time::Time, time::error::Parse> {
        time::Time::parse(&self.0, TIME).or_else(|_| time::Time::parse(&self.0, TIME_SHORT))
    }
}

impl Duration {
    /// The duration as a [`std::time::Duration`]; years and months count as 365 and 30 days.
    /// `None` for a negative duration.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        if self.0.starts_with('-') {
            return None;
        }
        iso8601::duration(&self.0).ok().map(std::time::Duration::from)
    }
}

/// `Edm.Binary`: bytes, written as standard base64 in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Binary(pub Vec<u8>);

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use base64::Engine as _;
        let s = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD.decode(s.as_bytes()).map(Binary).map_err(D::Error::custom)
    }
}

/// `Edm.Stream`: the content or link of a stream property, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stream(pub String);

/// `Edm.Decimal`: a JSON number, kept as parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Decimal(pub serde_json::Number);

macro_rules! float_wrapper {
    ($(#[$doc:meta])* $name:ident, $t:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
        pub struct $name(pub $t);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if self.0.is_nan() {
                    serializer.serialize_str("NaN")
                } else if self.0.is_infinite() {
                    serializer.serialize_str(if self.0 > 0.0 { "INF" } else { "-INF" })
                } else {
                    self.0.serialize(serializer)
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                match serde_json::Value::deserialize(deserializer)? {
                    serde_json::Value::Number(n) => match n.as_f64() {
                        Some(v) => Ok($name(v as $t)),
                        None => Err(D::Error::custom("number out of range")),
                    },
                    serde_json::Value::String(s) => match s.as_str() {
                        "NaN" => Ok($name(<$t>::NAN)),
                        "INF" => Ok($name(<$t>::INFINITY)),
                        "-INF" => Ok($name(<$t>::NEG_INFINITY)),
                        other => other.parse::<$t>().map($name).map_err(D::Error::custom),
                    },
                    other => Err(D::Error::custom(format!("expected a number, got {other}"))),
                }
            }
        }
    };
}

float_wrapper!(
    /// `Edm.Double`: a number, or the strings `NaN`, `INF` and `-INF`.
    Double,
    f64
);
float_wrapper!(
    /// `Edm.Single`: a number, or the strings `NaN`, `INF` and `-INF`.
    Single,
    f32
);

/// What every generated enum can do.
pub trait GraphEnum: for<'a> From<&'a str> {
    /// The value as written in Graph JSON.
    fn as_str(&self) -> &str;
}

/// A flags enumeration value: a set of members, written as one comma-separated string.
/// Members keep the order they were read in, so a value round-trips unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<T>(pub Vec<T>);

impl<T> Default for Flags<T> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<T: PartialEq> Flags<T> {
    /// True when the set holds `member`.
    pub fn contains(&self, member: &T) -> bool {
        self.0.contains(member)
    }

    /// Adds `member` unless the set holds it already.
    pub fn insert(&mut self, member: T) {
        if !self.0.contains(&member) {
            self.0.push(member);
        }
    }
}

impl<T: GraphEnum> Serialize for Flags<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let parts: Vec<&str> = self.0.iter().map(GraphEnum::as_str).collect();
        serializer.serialize_str(&parts.join(","))
    }
}

impl<'de, T: GraphEnum> Deserialize<'de> for Flags<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Ok(Flags(s.split(',').map(str::trim).filter(|p| !p.is_empty()).map(T::from).collect()))
    }
}

/// A collection response: `{"value": [...], "@odata.nextLink": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// The context URL.
    #[serde(rename = "@odata.context", skip_serializing_if = "Option::is_none")]
    pub odata_context: Option<String>,
    /// The URL of the next page, if there is one.
    #[serde(rename = "@odata.nextLink", skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// The delta link of a delta query's last page.
    #[serde(rename = "@odata.deltaLink", skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    /// The total count, when `$count=true` was asked.
    #[serde(rename = "@odata.count", skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
}

/// A single primitive value in a response: `{"value": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrimitiveValue<T> {
    /// The context URL.
    #[serde(rename = "@odata.context", skip_serializing_if = "Option::is_none")]
    pub odata_context: Option<String>,
    /// The value.
    pub value: T,
}

/// The Graph error body: `{"error": {"code", "message", "innerError", ...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphError {
    /// The error.
    pub error: ErrorDetail,
}

/// One Graph error or one of its details.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// The error code, e.g. `Request_ResourceNotFound`.
    #[serde(default)]
    pub code: String,
    /// The error message.
    #[serde(default)]
    pub message: String,
    /// The target of the error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// More errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
    /// Service details (request id, date, ...), as sent.
    #[serde(rename = "innerError", skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<serde_json::Value>,
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error.code, self.error.message)
    }
}

impl std::error::Error for GraphError {}

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

/// Why a response could not be turned into its type.
#[derive(Debug)]
pub enum ResponseError {
    /// The service answered with a Graph error.
    Graph {
        /// The status code.
        status: http::StatusCode,
        /// The error body.
        error: Box<GraphError>,
    },
    /// The service answered with an error status and no Graph error body.
    Status {
        /// The status code.
        status: http::StatusCode,
        /// The body, as sent.
        body: Vec<u8>,
    },
    /// A success body does not match the response type.
    Decode {
        /// The status code.
        status: http::StatusCode,
        /// The JSON error.
        error: serde_json::Error,
    },
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Graph { status, error } => write!(f, "{status}: {error}"),
            ResponseError::Status { status, body } => write!(f, "{status} ({} bytes)", body.len()),
            ResponseError::Decode { status, error } => write!(f, "{status}: response body: {error}"),
        }
    }
}

impl std::error::Error for ResponseError {}

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

fn error_of(status: http::StatusCode, body: &[u8]) -> ResponseError {
    match serde_json::from_slice::<GraphError>(body) {
        Ok(error) => ResponseError::Graph { status, error: Box::new(error) },
        Err(_) => ResponseError::Status { status, body: body.to_vec() },
    }
}

/// Decodes a JSON success body, or the error of a failure status.
pub fn decode_json<T: DeserializeOwned>(status: http::StatusCode, body: &[u8]) -> Result<T, ResponseError> {
    if !status.is_success() {
        return Err(error_of(status, body));
    }
    serde_json::from_slice(body).map_err(|error| ResponseError::Decode { status, error })
}

/// Accepts any success status (the body is ignored), or returns the error of a failure.
pub fn decode_empty(status: http::StatusCode, body: &[u8]) -> Result<(), ResponseError> {
    if status.is_success() {
        Ok(())
    } else {
        Err(error_of(status, body))
    }
}

/// The `@odata.type` of a JSON object, without the leading `#`.
pub fn odata_tag(value: &serde_json::Value) -> Option<String> {
    value.get("@odata.type").and_then(serde_json::Value::as_str).map(|s| s.trim_start_matches('#').to_owned())
}

/// Deserializes a boxed value from JSON already read.
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> Result<Box<T>, E> {
    serde_json::from_value(value).map(Box::new).map_err(E::custom)
}

/// Serializes `value`, adding the `@odata.type` tag when it has none.
pub fn serialize_tagged<T: Serialize, S: Serializer>(value: &T, tag: &str, serializer: S) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Some(object) = json.as_object_mut() {
        if !object.contains_key("@odata.type") {
            object.insert("@odata.type".to_owned(), serde_json::Value::String(tag.to_owned()));
        }
    }
    json.serialize(serializer)
}
