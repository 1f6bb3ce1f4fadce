//! OData payload shapes: collections, primitive values, the Graph error, and the
//! `@odata.type` helpers of the polymorphic enums.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A collection response: `{"value": [...], "@odata.nextLink": ...}`.
///
/// ```
/// let c: graph_runtime::Collection<u8> = serde_json::from_str(r#"{"value":[1],"@odata.count":9}"#).unwrap();
/// assert_eq!((c.value, c.count), (vec![1], Some(9)));
/// ```
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
    /// Other annotations of the response, kept as sent.
    #[serde(flatten)]
    pub additional: std::collections::BTreeMap<String, serde_json::Value>,
}

/// A single primitive value in a response: `{"value": ...}`.
///
/// ```
/// let v: graph_runtime::PrimitiveValue<i64> = serde_json::from_str(r#"{"value":42}"#).unwrap();
/// assert_eq!(v.value, 42);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrimitiveValue<T> {
    /// The context URL.
    #[serde(rename = "@odata.context", skip_serializing_if = "Option::is_none")]
    pub odata_context: Option<String>,
    /// The value.
    pub value: T,
}

/// The Graph error body: `{"error": {"code", "message", "innerError", ...}}`.
///
/// ```
/// let e: graph_runtime::GraphError = serde_json::from_str(r#"{"error":{"code":"itemNotFound","message":"gone"}}"#).unwrap();
/// assert_eq!(e.to_string(), "itemNotFound: gone");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphError {
    /// The error.
    pub error: ErrorDetail,
}

/// One Graph error or one of its details.
///
/// ```
/// let d: graph_runtime::ErrorDetail = serde_json::from_str(r#"{"code":"c","details":[{"code":"d"}]}"#).unwrap();
/// assert_eq!(d.details[0].code, "d");
/// ```
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

/// The `@odata.type` of a JSON object, without the leading `#`.
///
/// ```
/// let v = serde_json::json!({"@odata.type": "#microsoft.graph.user"});
/// assert_eq!(graph_runtime::odata_tag(&v).as_deref(), Some("microsoft.graph.user"));
/// ```
pub fn odata_tag(value: &serde_json::Value) -> Option<String> {
    value.get("@odata.type").and_then(serde_json::Value::as_str).map(|s| s.trim_start_matches('#').to_owned())
}

/// Deserializes a boxed value from JSON already read.
///
/// ```
/// let b: Box<u8> = graph_runtime::from_value::<u8, serde_json::Error>(serde_json::json!(7)).unwrap();
/// assert_eq!(*b, 7);
/// ```
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> Result<Box<T>, E> {
    serde_json::from_value(value).map(Box::new).map_err(E::custom)
}

/// Serializes `value`, adding the `@odata.type` tag when it has none.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct User { id: u8 }
/// struct Tagged(User);
/// impl serde::Serialize for Tagged {
///     fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
///         graph_runtime::serialize_tagged(&self.0, "#microsoft.graph.user", s)
///     }
/// }
/// assert_eq!(serde_json::to_string(&Tagged(User { id: 1 })).unwrap(), r##"{"id":1,"@odata.type":"#microsoft.graph.user"}"##);
/// ```
pub fn serialize_tagged<T: Serialize, S: Serializer>(value: &T, tag: &str, serializer: S) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Some(object) = json.as_object_mut() {
        if !object.contains_key("@odata.type") {
            object.insert("@odata.type".to_owned(), serde_json::Value::String(tag.to_owned()));
        }
    }
    json.serialize(serializer)
}
