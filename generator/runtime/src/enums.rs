//! What generated enums share, and flags enumerations as sets.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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
