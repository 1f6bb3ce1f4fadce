//! The answer to a batch: one status, headers and body per item id, rebuilt into an
//! `http::Response` per item and decoded by that item's endpoint.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use serde::Deserialize;

use super::{is_json, BatchKey};
use crate::{decode_json, Endpoint, ResponseError, ResponseInfo, RetryAfter};

/// One item's answer, as the batch response gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResponse {
    /// The item's id.
    pub id: String,
    /// Its status.
    pub status: http::StatusCode,
    /// Its headers.
    pub headers: BTreeMap<String, String>,
    /// Its body: JSON, or a base64 string for other content.
    pub body: Option<serde_json::Value>,
}

impl ItemResponse {
    /// The item's answer as an `http::Response`: the status, the headers that are valid
    /// HTTP headers, and the body (JSON written out, base64 decoded).
    pub fn to_http(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.body_bytes());
        *response.status_mut() = self.status;
        for (name, value) in &self.headers {
            let name = http::HeaderName::from_bytes(name.as_bytes());
            let value = http::HeaderValue::from_str(value);
            if let (Ok(name), Ok(value)) = (name, value) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }

    /// A header's value (names compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The `Retry-After` of the item, when it has one.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.header("retry-after").and_then(RetryAfter::parse)
    }

    /// True for the statuses worth sending again after a while: 429, 503, 504.
    pub fn is_retriable(&self) -> bool {
        matches!(self.status.as_u16(), 429 | 503 | 504)
    }

    fn body_bytes(&self) -> Vec<u8> {
        match &self.body {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(serde_json::Value::String(text)) if !is_json(self.header("content-type")) => {
                base64::engine::general_purpose::STANDARD.decode(text).unwrap_or_else(|_| text.as_bytes().to_vec())
            }
            Some(value) => serde_json::to_vec(value).unwrap_or_default(),
        }
    }
}

/// An item to send again, with what the service said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retriable {
    /// The item's id.
    pub id: String,
    /// 429, 503 or 504.
    pub status: http::StatusCode,
    /// Its `Retry-After`, when it has one.
    pub retry_after: Option<RetryAfter>,
}

/// The answer to a batch, by item id: see the [module](super) documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResponse {
    info: ResponseInfo,
    items: Vec<ItemResponse>,
}

/// The wire form of a batch answer.
#[derive(Deserialize)]
struct Responses {
    responses: Vec<WireItem>,
}

#[derive(Deserialize)]
struct WireItem {
    id: String,
    status: u16,
    /// Header values are strings; anything else is kept as its JSON text.
    #[serde(default)]
    headers: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    body: Option<serde_json::Value>,
}

/// A header value of the wire form as text.
fn header_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text,
        other => other.to_string(),
    }
}

impl BatchResponse {
    /// Reads the answer to a `POST /$batch`: the error of a failure status, or the items.
    /// An item with a status out of range, or two with one id, make a decode error.
    pub fn parse<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<BatchResponse, ResponseError> {
        let info = ResponseInfo::of(response);
        let wire: Responses = decode_json(response)?;
        let decode_error = |message: String| ResponseError::Decode {
            info: Box::new(info.clone()),
            error: <serde_json::Error as serde::de::Error>::custom(message),
        };
        let mut items: Vec<ItemResponse> = Vec::with_capacity(wire.responses.len());
        for item in wire.responses {
            let status = http::StatusCode::from_u16(item.status)
                .map_err(|_| decode_error(format!("batch item `{}`: status {}", item.id, item.status)))?;
            if items.iter().any(|i| i.id == item.id) {
                return Err(decode_error(format!("batch item `{}` answered twice", item.id)));
            }
            let headers = item.headers.into_iter().map(|(name, value)| (name, header_text(value))).collect();
            items.push(ItemResponse { id: item.id, status, headers, body: item.body });
        }
        Ok(BatchResponse { info, items })
    }

    /// A response of no items (what an empty batch gets without being sent).
    pub fn empty(info: ResponseInfo) -> BatchResponse {
        BatchResponse { info, items: Vec::new() }
    }

    /// Status and headers of the `POST /$batch` answer (of the last round, after a merge).
    pub fn info(&self) -> &ResponseInfo {
        &self.info
    }

    /// The items' answers, in the order the service gave them.
    pub fn items(&self) -> &[ItemResponse] {
        &self.items
    }

    /// The answer to the item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemResponse> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The answer to `key`'s item decoded by its endpoint; `None` when the service gave
    /// no answer for that id.
    pub fn get<E: Endpoint>(&self, key: &BatchKey<E>) -> Option<Result<E::Output, ResponseError>> {
        self.item(key.id()).map(|item| E::parse_response(&item.to_http()))
    }

    /// The items to send again (429, 503, 504), with their `Retry-After`.
    pub fn retriable(&self) -> Vec<Retriable> {
        let items = self.items.iter().filter(|i| i.is_retriable());
        items.map(|i| Retriable { id: i.id.clone(), status: i.status, retry_after: i.retry_after() }).collect()
    }

    /// The ids of the items refused because an item they depend on failed (424).
    pub fn failed_dependency(&self) -> Vec<&str> {
        let failed = self.items.iter().filter(|i| i.status == http::StatusCode::FAILED_DEPENDENCY);
        failed.map(|i| i.id.as_str()).collect()
    }

    /// The largest `Retry-After` of the retriable items, as a wait from `now`.
    pub fn retry_after(&self, now: SystemTime) -> Option<Duration> {
        self.largest_retry_after(now).map(|r| r.delay(now))
    }

    /// The retriable items' `Retry-After` with the longest wait from `now`.
    pub fn largest_retry_after(&self, now: SystemTime) -> Option<RetryAfter> {
        self.retriable().into_iter().filter_map(|r| r.retry_after).max_by_key(|r| r.delay(now))
    }

    /// Takes the answers of a later round: an item answered again replaces the earlier
    /// answer, a new one is added; the outer status and headers become the later ones.
    pub fn merge(&mut self, later: BatchResponse) {
        self.info = later.info;
        for item in later.items {
            match self.items.iter_mut().find(|i| i.id == item.id) {
                Some(old) => *old = item,
                None => self.items.push(item),
            }
        }
    }
}
