//! Explicit null: a property of an update body is left as is, set to a value, or set to
//! `null`, written as absent, the value, or `null`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One property of an update (PATCH) body.
///
/// A field of this type carries `#[serde(default, skip_serializing_if = "Patch::is_unchanged")]`,
/// so [`Patch::Unchanged`] is not written at all, [`Patch::Null`] is written as `null`, and
/// [`Patch::Set`] as the value. Reading does the reverse: a missing property is `Unchanged`,
/// a `null` is `Null` (never an error), anything else is `Set`.
///
/// ```
/// use graph_runtime::Patch;
/// #[derive(serde::Serialize, serde::Deserialize, Default)]
/// struct UserPatch {
///     #[serde(rename = "displayName", default, skip_serializing_if = "Patch::is_unchanged")]
///     display_name: Patch<String>,
///     #[serde(rename = "jobTitle", default, skip_serializing_if = "Patch::is_unchanged")]
///     job_title: Patch<String>,
///     #[serde(rename = "officeLocation", default, skip_serializing_if = "Patch::is_unchanged")]
///     office_location: Patch<String>,
/// }
/// let patch = UserPatch { display_name: Patch::Set("Ada".into()), job_title: Patch::Null, ..Default::default() };
/// assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"displayName":"Ada","jobTitle":null}"#);
/// let read: UserPatch = serde_json::from_str(r#"{"jobTitle":null}"#).unwrap();
/// assert!(read.job_title.is_null() && read.display_name.is_unchanged());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Leave the property as it is: not written.
    #[default]
    Unchanged,
    /// Clear the property: written as `null`.
    Null,
    /// Set the property to this value.
    Set(T),
}

impl<T> Patch<T> {
    /// True for [`Patch::Unchanged`]; the `skip_serializing_if` of every `Patch` field.
    ///
    /// ```
    /// assert!(graph_runtime::Patch::<u8>::Unchanged.is_unchanged());
    /// ```
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Patch::Unchanged)
    }

    /// True for [`Patch::Null`].
    ///
    /// ```
    /// assert!(graph_runtime::Patch::<u8>::Null.is_null());
    /// ```
    pub fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// The value of [`Patch::Set`].
    ///
    /// ```
    /// assert_eq!(graph_runtime::Patch::Set(3).value(), Some(&3));
    /// ```
    pub fn value(&self) -> Option<&T> {
        match self {
            Patch::Set(v) => Some(v),
            _ => None,
        }
    }

    /// `Some(v)` becomes `Set(v)`, `None` stays `Unchanged`: a model read from the service
    /// turned into an update that sends what it has.
    ///
    /// ```
    /// use graph_runtime::Patch;
    /// assert_eq!(Patch::set_or_keep(Some(1)), Patch::Set(1));
    /// assert_eq!(Patch::<u8>::set_or_keep(None), Patch::Unchanged);
    /// ```
    pub fn set_or_keep(value: Option<T>) -> Self {
        value.map_or(Patch::Unchanged, Patch::Set)
    }

    /// `Some(v)` becomes `Set(v)`, `None` becomes `Null`: the property is set to exactly this.
    ///
    /// ```
    /// use graph_runtime::Patch;
    /// assert_eq!(Patch::<u8>::set_or_null(None), Patch::Null);
    /// ```
    pub fn set_or_null(value: Option<T>) -> Self {
        value.map_or(Patch::Null, Patch::Set)
    }

    /// From `Option<Option<T>>`: `None` unchanged, `Some(None)` null, `Some(Some(v))` set.
    ///
    /// ```
    /// use graph_runtime::Patch;
    /// assert_eq!(Patch::from_option(Some(None::<u8>)), Patch::Null);
    /// ```
    pub fn from_option(value: Option<Option<T>>) -> Self {
        match value {
            None => Patch::Unchanged,
            Some(None) => Patch::Null,
            Some(Some(v)) => Patch::Set(v),
        }
    }

    /// As `Option<Option<&T>>`: `None` unchanged, `Some(None)` null, `Some(Some(v))` set.
    ///
    /// ```
    /// use graph_runtime::Patch;
    /// assert_eq!(Patch::Set(2).as_option(), Some(Some(&2)));
    /// assert_eq!(Patch::<u8>::Null.as_option(), Some(None));
    /// ```
    pub fn as_option(&self) -> Option<Option<&T>> {
        match self {
            Patch::Unchanged => None,
            Patch::Null => Some(None),
            Patch::Set(v) => Some(Some(v)),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Set(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    /// `Set` writes the value; `Null` and `Unchanged` write `null` (a field skips `Unchanged`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(v) => v.serialize(serializer),
            Patch::Null | Patch::Unchanged => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    /// `null` reads as `Null`, a value as `Set`; a missing field is `Unchanged` (`#[serde(default)]`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Patch::set_or_null(Option::<T>::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        a: Patch<Vec<u8>>,
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        b: Patch<Option<String>>,
    }

    #[test]
    fn three_states_round_trip() {
        for (body, json) in [
            (Body::default(), "{}"),
            (Body { a: Patch::Null, ..Default::default() }, r#"{"a":null}"#),
            (Body { a: Patch::Set(vec![1]), ..Default::default() }, r#"{"a":[1]}"#),
        ] {
            assert_eq!(serde_json::to_string(&body).unwrap(), json);
            assert_eq!(serde_json::from_str::<Body>(json).unwrap(), body);
        }
        assert_eq!(Patch::from_option(Some(None::<u8>)), Patch::Null);
        assert_eq!(Patch::from_option(None::<Option<u8>>), Patch::Unchanged);
        assert_eq!(serde_json::to_string(&Patch::<u8>::Unchanged).unwrap(), "null");
    }
}
