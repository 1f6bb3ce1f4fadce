//! Where an API stands in its life: a deprecation notice and the national clouds it is
//! available in, as the docs state them. Both are optional facts of operations and types.

use serde::{Deserialize, Serialize};

/// The docs say the item is deprecated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deprecation {
    /// The notice in one line, as the docs word it (empty when they only mark the item).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// The date the docs give for the end of the item (`2023-06-30` or as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What to use instead, as the docs name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

impl Deprecation {
    /// The notice for a `#[deprecated]` note or a doc line: the message, else a default,
    /// with the date and replacement when the message does not already say them.
    pub fn note(&self) -> String {
        let mut s = if self.message.is_empty() { "deprecated".to_string() } else { self.message.clone() };
        if let Some(d) = self.date.as_deref().filter(|d| !self.message.contains(*d)) {
            s.push_str(&format!(" (until {d})"));
        }
        if let Some(r) = self.replacement.as_deref().filter(|r| !self.message.contains(*r)) {
            s.push_str(&format!("; use {r} instead"));
        }
        s
    }
}

/// The national clouds Graph runs in, as the docs' availability tables name them.
pub const CLOUDS: &[(&str, &str)] = &[
    ("global", "the global service"),
    ("us-gov-l4", "US Government L4"),
    ("us-gov-l5", "US Government L5 (DOD)"),
    ("china", "China operated by 21Vianet"),
];

/// The display name of a cloud id of [`CLOUDS`] (the id itself for others).
pub fn cloud_name(id: &str) -> &str {
    CLOUDS.iter().find(|(i, _)| *i == id).map_or(id, |(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_adds_what_the_message_lacks() {
        let d = Deprecation { message: "Gone soon.".into(), date: Some("2030-01-01".into()), replacement: None };
        assert_eq!(d.note(), "Gone soon. (until 2030-01-01)");
        assert_eq!(Deprecation::default().note(), "deprecated");
        assert_eq!(cloud_name("china"), "China operated by 21Vianet");
    }
}
