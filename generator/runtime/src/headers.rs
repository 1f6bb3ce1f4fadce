//! Typed request headers: `Prefer` preferences and `ConsistencyLevel`.

use std::fmt;

/// One preference of a `Prefer` header.
///
/// ```
/// use graph_runtime::Preference;
/// assert_eq!(Preference::MaxPageSize(50).to_string(), "odata.maxpagesize=50");
/// assert_eq!(Preference::OutlookTimezone("Pacific Standard Time".into()).to_string(),
///            "outlook.timezone=\"Pacific Standard Time\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Preference {
    /// `include-unknown-enum-members`: the service sends members of evolvable enums added
    /// after `unknownFutureValue` instead of `unknownFutureValue` itself.
    IncludeUnknownEnumMembers,
    /// `return=minimal`: no body in the answer of a create or update.
    ReturnMinimal,
    /// `return=representation`: the created or updated entity in the answer.
    ReturnRepresentation,
    /// `respond-async`: run the request as a long-running operation.
    RespondAsync,
    /// `odata.maxpagesize=N`: the preferred page size.
    MaxPageSize(u32),
    /// `odata.track-changes`: start a delta query.
    TrackChanges,
    /// `outlook.timezone="..."`: times of Outlook items in that time zone.
    OutlookTimezone(String),
    /// `outlook.body-content-type="..."`: `text` or `html` bodies.
    OutlookBodyContentType(String),
    /// `IdType="..."`: e.g. `ImmutableId` for Outlook item ids.
    IdType(String),
    /// Any other preference, written as given.
    Other(String),
}

fn quoted(f: &mut fmt::Formatter<'_>, name: &str, value: &str) -> fmt::Result {
    write!(f, "{name}=\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

impl fmt::Display for Preference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Preference::IncludeUnknownEnumMembers => f.write_str("include-unknown-enum-members"),
            Preference::ReturnMinimal => f.write_str("return=minimal"),
            Preference::ReturnRepresentation => f.write_str("return=representation"),
            Preference::RespondAsync => f.write_str("respond-async"),
            Preference::MaxPageSize(n) => write!(f, "odata.maxpagesize={n}"),
            Preference::TrackChanges => f.write_str("odata.track-changes"),
            Preference::OutlookTimezone(tz) => quoted(f, "outlook.timezone", tz),
            Preference::OutlookBodyContentType(t) => quoted(f, "outlook.body-content-type", t),
            Preference::IdType(t) => quoted(f, "IdType", t),
            Preference::Other(p) => f.write_str(p),
        }
    }
}

/// The preferences of one request, sent as one `Prefer` header (`a, b`), each at most once.
///
/// ```
/// use graph_runtime::{Prefer, Preference};
/// let prefer = Prefer::default().with(Preference::ReturnMinimal).with(Preference::MaxPageSize(10));
/// assert_eq!(prefer.header_value().as_deref(), Some("return=minimal, odata.maxpagesize=10"));
/// assert_eq!(Prefer::default().header_value(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prefer(Vec<Preference>);

impl Prefer {
    /// `include-unknown-enum-members` alone: the default of endpoints whose types have
    /// evolvable enums (a member `unknownFutureValue`).
    ///
    /// ```
    /// use graph_runtime::{Prefer, Preference};
    /// assert!(Prefer::evolvable_enums().contains(&Preference::IncludeUnknownEnumMembers));
    /// ```
    pub fn evolvable_enums() -> Self {
        Prefer(vec![Preference::IncludeUnknownEnumMembers])
    }

    /// Adds a preference (a second `MaxPageSize`, say, replaces the first).
    ///
    /// ```
    /// use graph_runtime::{Prefer, Preference};
    /// let p = Prefer::default().with(Preference::MaxPageSize(5)).with(Preference::MaxPageSize(9));
    /// assert_eq!(p.header_value().as_deref(), Some("odata.maxpagesize=9"));
    /// ```
    pub fn with(mut self, preference: Preference) -> Self {
        self.insert(preference);
        self
    }

    /// Adds a preference in place; one of the same kind is replaced.
    ///
    /// ```
    /// use graph_runtime::{Prefer, Preference};
    /// let mut p = Prefer::default();
    /// p.insert(Preference::RespondAsync);
    /// assert!(p.contains(&Preference::RespondAsync));
    /// ```
    pub fn insert(&mut self, preference: Preference) {
        let kind = std::mem::discriminant(&preference);
        let same_kind = |p: &Preference| match (p, &preference) {
            (Preference::Other(a), Preference::Other(b)) => a == b,
            _ => std::mem::discriminant(p) == kind,
        };
        match self.0.iter_mut().find(|p| same_kind(p)) {
            Some(slot) => *slot = preference,
            None => self.0.push(preference),
        }
    }

    /// Removes a preference, e.g. the default `include-unknown-enum-members`.
    ///
    /// ```
    /// use graph_runtime::{Prefer, Preference};
    /// let mut p = Prefer::evolvable_enums();
    /// p.remove(&Preference::IncludeUnknownEnumMembers);
    /// assert!(p.is_empty());
    /// ```
    pub fn remove(&mut self, preference: &Preference) {
        self.0.retain(|p| p != preference);
    }

    /// True when the preference is asked for.
    ///
    /// ```
    /// use graph_runtime::{Prefer, Preference};
    /// assert!(!Prefer::default().contains(&Preference::ReturnMinimal));
    /// ```
    pub fn contains(&self, preference: &Preference) -> bool {
        self.0.contains(preference)
    }

    /// True when no preference is asked for.
    ///
    /// ```
    /// assert!(graph_runtime::Prefer::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The preferences in the order they were added.
    ///
    /// ```
    /// use graph_runtime::{Prefer, Preference};
    /// assert_eq!(Prefer::evolvable_enums().preferences(), &[Preference::IncludeUnknownEnumMembers]);
    /// ```
    pub fn preferences(&self) -> &[Preference] {
        &self.0
    }

    /// The value of the `Prefer` header, `None` when there is no preference.
    ///
    /// ```
    /// use graph_runtime::{Prefer, Preference};
    /// let p = Prefer::default().with(Preference::IdType("ImmutableId".into()));
    /// assert_eq!(p.header_value().as_deref(), Some("IdType=\"ImmutableId\""));
    /// ```
    pub fn header_value(&self) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        Some(parts.join(", "))
    }
}

/// The `ConsistencyLevel` header, which advanced queries on directory objects need
/// (`$count`, `$search`, `$filter` with `endsWith`, ...).
///
/// ```
/// use graph_runtime::ConsistencyLevel;
/// assert_eq!(ConsistencyLevel::Eventual.as_str(), "eventual");
/// assert_eq!(ConsistencyLevel::from("eventual"), ConsistencyLevel::Eventual);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConsistencyLevel {
    /// `eventual`, the one level Graph documents.
    Eventual,
    /// Another value, sent as given.
    Other(String),
}

impl ConsistencyLevel {
    /// The header value.
    ///
    /// ```
    /// assert_eq!(graph_runtime::ConsistencyLevel::Other("strong".into()).as_str(), "strong");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            ConsistencyLevel::Eventual => "eventual",
            ConsistencyLevel::Other(s) => s,
        }
    }
}

impl From<&str> for ConsistencyLevel {
    fn from(value: &str) -> Self {
        if value.eq_ignore_ascii_case("eventual") {
            ConsistencyLevel::Eventual
        } else {
            ConsistencyLevel::Other(value.to_owned())
        }
    }
}

impl fmt::Display for ConsistencyLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
