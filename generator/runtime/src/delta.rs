//! Delta queries without I/O: changed and removed items, and the token to resume from.
//!
//! A delta query's pages list changed items and, for deleted ones, stubs with an `@removed`
//! annotation; its last page has an `@odata.deltaLink` whose token the caller stores and
//! sends next time to get only what changed since. [`DeltaItem`] tells the two kinds of item
//! apart; [`DeltaToken`] keeps the link, gives its token and the request that resumes. A
//! token is stored as its link, a string (`to_string`, `parse`, or serde as a JSON string).
//!
//! ```
//! use graph_runtime::{Collection, DeltaItem, DeltaToken};
//! let page: Collection<DeltaItem<serde_json::Value>> = serde_json::from_str(r#"{"value":[
//!     {"id":"1","name":"kept"},{"id":"2","@removed":{"reason":"deleted"}}],
//!     "@odata.deltaLink":"https://g.example/v1.0/me/drive/root/delta?token=abc"}"#).unwrap();
//! assert!(matches!(page.value[0], DeltaItem::Changed(_)));
//! assert_eq!(page.value[1], DeltaItem::Removed { id: "2".into(), reason: Some("deleted".into()) });
//! let token = DeltaToken::from_link(page.delta_link.unwrap()).unwrap();
//! assert_eq!(token.token(), Some("abc"));
//! let stored = token.to_string();
//! let restored: DeltaToken = stored.parse().unwrap();
//! assert_eq!(restored, token);
//! ```

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::{Deserialize, Serialize, Serializer};

/// One item of a delta page: changed (or new), or removed.
#[derive(Debug, Clone, PartialEq)]
pub enum DeltaItem<T> {
    /// A new or changed item, decoded as `T`.
    Changed(T),
    /// An item with an `@removed` annotation: deleted, or moved out of scope.
    Removed {
        /// Its `id`.
        id: String,
        /// `@removed.reason` (`changed` or `deleted`), when sent.
        reason: Option<String>,
    },
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for DeltaItem<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        match value.get("@removed") {
            Some(removed) => {
                let id = value.get("id").and_then(|v| v.as_str()).ok_or_else(|| D::Error::missing_field("id"))?;
                let reason = removed.get("reason").and_then(|v| v.as_str()).map(str::to_string);
                Ok(DeltaItem::Removed { id: id.to_string(), reason })
            }
            None => serde_json::from_value(value).map(DeltaItem::Changed).map_err(D::Error::custom),
        }
    }
}

/// Written back as read: a changed item as `T`, a removed one as its `id` and `@removed`.
///
/// ```
/// use graph_runtime::DeltaItem;
/// let removed: DeltaItem<serde_json::Value> = DeltaItem::Removed { id: "2".into(), reason: Some("deleted".into()) };
/// assert_eq!(serde_json::to_string(&removed).unwrap(), r#"{"id":"2","@removed":{"reason":"deleted"}}"#);
/// ```
impl<T: Serialize> Serialize for DeltaItem<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            DeltaItem::Changed(item) => item.serialize(serializer),
            DeltaItem::Removed { id, reason } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("id", id)?;
                let removed: serde_json::Map<String, serde_json::Value> =
                    reason.iter().map(|r| ("reason".to_string(), serde_json::Value::from(r.as_str()))).collect();
                map.serialize_entry("@removed", &removed)?;
                map.end()
            }
        }
    }
}

/// The `@odata.deltaLink` of a finished delta query: store it, resume from it.
///
/// Its string form is the link: [`Display`](std::fmt::Display) writes it,
/// [`FromStr`](std::str::FromStr) reads it back (with the checks of
/// [`DeltaToken::from_link`]), and serde reads and writes it as a JSON string.
///
/// ```
/// use graph_runtime::DeltaToken;
/// let token = DeltaToken::from_link("https://g.example/v1.0/users/delta?$deltatoken=x1").unwrap();
/// let json = serde_json::to_string(&token).unwrap();
/// assert_eq!(json, r#""https://g.example/v1.0/users/delta?$deltatoken=x1""#);
/// assert_eq!(serde_json::from_str::<DeltaToken>(&json).unwrap(), token);
/// assert!(serde_json::from_str::<DeltaToken>(r#""http://evil.example/d""#).is_err());
/// assert!("not a link".parse::<DeltaToken>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeltaToken {
    link: String,
}

/// A string that is no delta link (not an absolute `https` URL, `http` only on loopback).
///
/// ```
/// let err = "/relative".parse::<graph_runtime::DeltaToken>().unwrap_err();
/// assert_eq!(err.to_string(), "`/relative` is not an absolute https delta link");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidDeltaLink(pub String);

impl std::fmt::Display for InvalidDeltaLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not an absolute https delta link", self.0)
    }
}

impl std::error::Error for InvalidDeltaLink {}

impl std::fmt::Display for DeltaToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.link)
    }
}

impl std::str::FromStr for DeltaToken {
    type Err = InvalidDeltaLink;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DeltaToken::from_link(s).ok_or_else(|| InvalidDeltaLink(s.to_string()))
    }
}

impl Serialize for DeltaToken {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.link)
    }
}

impl<'de> Deserialize<'de> for DeltaToken {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let link = String::deserialize(deserializer)?;
        link.parse().map_err(D::Error::custom)
    }
}

impl DeltaToken {
    /// Keeps a delta link; `None` unless it is an absolute `https` URL (`http` only on loopback).
    ///
    /// ```
    /// assert!(graph_runtime::DeltaToken::from_link("/relative?token=1").is_none());
    /// ```
    pub fn from_link(link: impl Into<String>) -> Option<DeltaToken> {
        let link = link.into();
        crate::operation::is_absolute_https(&link).then_some(DeltaToken { link })
    }

    /// The link, as sent (what to store).
    pub fn link(&self) -> &str {
        &self.link
    }

    /// The token in the link's query: `$deltatoken`, `deltatoken` or `token`.
    pub fn token(&self) -> Option<&str> {
        let query = self.link.split_once('?')?.1;
        query.split('&').find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            matches!(name, "$deltatoken" | "%24deltatoken" | "deltatoken" | "token").then_some(value)
        })
    }

    /// The `GET` of the link that resumes the delta query: only changes since the token.
    pub fn resume_request(&self) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(Vec::new());
        *request.method_mut() = http::Method::GET;
        // `from_link` checked that the link parses as a URI.
        if let Ok(uri) = self.link.parse() {
            *request.uri_mut() = uri;
        }
        request
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Collection, Pager};

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    struct Item {
        id: String,
        name: String,
    }

    fn page(json: &str) -> Collection<DeltaItem<Item>> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn three_rounds_resume_from_the_stored_token() {
        // Round 1: the initial sync, two pages.
        let first = http::Request::get("https://g.example/v1.0/drive/root/delta").body(()).unwrap();
        let mut pager = Pager::new(&first);
        let p1 = pager.record(page(
            r#"{"value":[{"id":"a","name":"A"}],
            "@odata.nextLink":"https://g.example/v1.0/drive/root/delta?token=p2"}"#,
        ));
        assert_eq!(p1.items, [DeltaItem::Changed(Item { id: "a".into(), name: "A".into() })]);
        assert_eq!(pager.next_request().unwrap().unwrap().uri(), "https://g.example/v1.0/drive/root/delta?token=p2");
        pager.record(page(
            r#"{"value":[{"id":"b","name":"B"}],
            "@odata.deltaLink":"https://g.example/v1.0/drive/root/delta?token=t1"}"#,
        ));
        let stored = DeltaToken::from_link(pager.delta_link().unwrap()).unwrap().link().to_string();
        // Round 2: resumed from the stored link; one change, one removal.
        let token = DeltaToken::from_link(stored).unwrap();
        assert_eq!(token.token(), Some("t1"));
        let resume = token.resume_request();
        assert_eq!((resume.method(), resume.uri().query()), (&http::Method::GET, Some("token=t1")));
        let mut pager = Pager::new(&resume);
        let p = pager.record(page(
            r#"{"value":[{"id":"a","name":"A2"},{"id":"b","@removed":{"reason":"deleted"}}],
            "@odata.deltaLink":"https://g.example/v1.0/drive/root/delta?token=t2"}"#,
        ));
        assert_eq!(
            p.items,
            [
                DeltaItem::Changed(Item { id: "a".into(), name: "A2".into() }),
                DeltaItem::Removed { id: "b".into(), reason: Some("deleted".into()) }
            ]
        );
        // Round 3: nothing changed; a new token all the same.
        let token = DeltaToken::from_link(pager.delta_link().unwrap()).unwrap();
        assert_eq!(token.token(), Some("t2"));
        let mut pager = Pager::new(&token.resume_request());
        let p = pager.record(page(
            r#"{"value":[],"@odata.deltaLink":"https://g.example/v1.0/drive/root/delta?$deltatoken=t3"}"#,
        ));
        assert!(p.items.is_empty());
        assert_eq!(DeltaToken::from_link(pager.delta_link().unwrap()).unwrap().token(), Some("t3"));
    }

    #[test]
    fn removed_without_id_and_bad_items_are_errors() {
        assert!(serde_json::from_str::<DeltaItem<Item>>(r#"{"@removed":{}}"#).is_err());
        assert!(serde_json::from_str::<DeltaItem<Item>>(r#"{"id":"x"}"#).is_err());
        assert_eq!(
            serde_json::from_str::<DeltaItem<Item>>(r#"{"id":"x","@removed":{}}"#).unwrap(),
            DeltaItem::Removed { id: "x".into(), reason: None }
        );
        assert!(DeltaToken::from_link("http://evil.example/d?token=1").is_none());
        assert_eq!(DeltaToken::from_link("https://g.example/d").unwrap().token(), None);
    }
}
