//! What generated enums share, and flags enumerations as sets.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What every generated enum can do.
///
/// ```
/// use graph_runtime::GraphEnum;
/// #[derive(Debug, PartialEq)]
/// enum Color { Red, Unrecognized(String) }
/// impl From<&str> for Color {
///     fn from(s: &str) -> Self { if s == "red" { Color::Red } else { Color::Unrecognized(s.into()) } }
/// }
/// impl GraphEnum for Color {
///     fn as_str(&self) -> &str { match self { Color::Red => "red", Color::Unrecognized(s) => s } }
/// }
/// assert_eq!(Color::from("blue").as_str(), "blue");
/// ```
pub trait GraphEnum: for<'a> From<&'a str> {
    /// The value as written in Graph JSON.
    fn as_str(&self) -> &str;
}

/// A flags enumeration value: a set of members, written as one comma-separated string.
/// Members keep the order they were read in, so a value round-trips unchanged.
///
/// ```
/// # use graph_runtime::{Flags, GraphEnum};
/// # #[derive(Debug, Clone, PartialEq)] struct Day(String);
/// # impl From<&str> for Day { fn from(s: &str) -> Self { Day(s.into()) } }
/// # impl GraphEnum for Day { fn as_str(&self) -> &str { &self.0 } }
/// let days: Flags<Day> = serde_json::from_str(r#""monday, friday""#).unwrap();
/// assert!(days.contains(&Day("friday".into())));
/// assert_eq!(serde_json::to_string(&days).unwrap(), r#""monday,friday""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<T>(pub Vec<T>);

impl<T> Default for Flags<T> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<T: PartialEq> Flags<T> {
    /// True when the set holds `member`.
    ///
    /// ```
    /// let f = graph_runtime::Flags(vec![1, 2]);
    /// assert!(f.contains(&2));
    /// ```
    pub fn contains(&self, member: &T) -> bool {
        self.0.contains(member)
    }

    /// Adds `member` unless the set holds it already.
    ///
    /// ```
    /// let mut f = graph_runtime::Flags(vec![1]);
    /// f.insert(1);
    /// f.insert(3);
    /// assert_eq!(f.0, vec![1, 3]);
    /// ```
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
