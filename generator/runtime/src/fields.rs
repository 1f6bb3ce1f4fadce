//! The declared fields of a generated struct, listed once ([`ObjectFields`]) and visited
//! twice: by `Serialize` ([`write_fields`]), which writes the present ones under their wire
//! names and then the extra properties, and by `Debug` ([`debug_fields`]), which prints every
//! field under its Rust name as a derived `Debug` does. One body per struct instead of a
//! serializer closure and a derived `Debug` of one line per field each: the derive was
//! about a fifth of the time rustc took to check an area's models. See [`crate::object`] for
//! an example.

use crate::object::Omissible;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// A struct whose fields [`write_fields`] and [`debug_fields`] visit, in declaration order.
pub trait ObjectFields {
    /// Hands each field to `object`, then the map of extra properties.
    fn fields(&self, object: &mut FieldVisitor<'_>);
}

/// What a field visit is for: writing JSON or printing `Debug`.
pub struct FieldVisitor<'a> {
    sink: &'a mut dyn FieldSink,
}

impl FieldVisitor<'_> {
    /// A field left out of the JSON when it is omitted (`None`, `Patch::Unchanged`); `name` is
    /// its Rust name, `key` its wire name.
    pub fn optional<T: Serialize + Omissible + fmt::Debug>(&mut self, name: &str, key: &str, value: &T) {
        self.sink.field(name, key, value, !value.is_omitted());
    }

    /// A field always written.
    pub fn required<T: Serialize + fmt::Debug>(&mut self, name: &str, key: &str, value: &T) {
        self.sink.field(name, key, value, true);
    }

    /// The extra properties, written after the fields in key order; `name` is the field that
    /// holds them.
    pub fn rest(&mut self, name: &str, additional: &BTreeMap<String, Value>) {
        self.sink.rest(name, additional);
    }
}

/// A field's value, seen as both of what it can be visited for.
trait FieldValue {
    fn as_serialize(&self) -> &dyn erased_serde::Serialize;
    fn as_debug(&self) -> &dyn fmt::Debug;
}

impl<T: Serialize + fmt::Debug> FieldValue for T {
    fn as_serialize(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn as_debug(&self) -> &dyn fmt::Debug {
        self
    }
}

/// Where visited fields go.
trait FieldSink {
    fn field(&mut self, name: &str, key: &str, value: &dyn FieldValue, present: bool);
    fn rest(&mut self, name: &str, additional: &BTreeMap<String, Value>);
}

/// A serializer's map, seen through one concrete type: entries of any value, faults as text.
trait MapSink {
    fn entry(&mut self, key: &str, value: &dyn erased_serde::Serialize) -> Result<(), String>;
}

impl<M: SerializeMap> MapSink for M {
    fn entry(&mut self, key: &str, value: &dyn erased_serde::Serialize) -> Result<(), String> {
        self.serialize_entry(key, value).map_err(|e| e.to_string())
    }
}

/// Fields written as JSON entries; the first fault of the serializer is kept, and nothing
/// more is written.
struct Writer<'a> {
    map: &'a mut dyn MapSink,
    error: Option<String>,
}

impl Writer<'_> {
    fn entry(&mut self, key: &str, value: &dyn erased_serde::Serialize) {
        if self.error.is_none() {
            if let Err(e) = self.map.entry(key, value) {
                self.error = Some(e);
            }
        }
    }
}

impl FieldSink for Writer<'_> {
    fn field(&mut self, _: &str, key: &str, value: &dyn FieldValue, present: bool) {
        if present {
            self.entry(key, value.as_serialize());
        }
    }

    fn rest(&mut self, _: &str, additional: &BTreeMap<String, Value>) {
        for (key, value) in additional {
            self.entry(key, value);
        }
    }
}

impl FieldSink for fmt::DebugStruct<'_, '_> {
    fn field(&mut self, name: &str, _: &str, value: &dyn FieldValue, _: bool) {
        fmt::DebugStruct::field(self, name, value.as_debug());
    }

    fn rest(&mut self, name: &str, additional: &BTreeMap<String, Value>) {
        fmt::DebugStruct::field(self, name, additional);
    }
}

/// Writes a struct as a JSON object: its present fields in order, then its extra
/// properties; the first fault is the serializer's error.
pub fn write_fields<S: Serializer, T: ObjectFields + ?Sized>(serializer: S, value: &T) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    let mut writer = Writer { map: &mut map, error: None };
    value.fields(&mut FieldVisitor { sink: &mut writer });
    if let Some(e) = writer.error {
        return Err(serde::ser::Error::custom(e));
    }
    map.end()
}

/// Prints a struct named `name` as a derived `Debug` would: every field, in order.
pub fn debug_fields<T: ObjectFields + ?Sized>(f: &mut fmt::Formatter<'_>, name: &str, value: &T) -> fmt::Result {
    let mut out = f.debug_struct(name);
    value.fields(&mut FieldVisitor { sink: &mut out });
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Patch;

    #[derive(Debug)]
    struct Derived {
        r#type: Option<String>,
        watts: Patch<u32>,
        additional: BTreeMap<String, Value>,
    }

    struct Visited(Derived);

    impl ObjectFields for Visited {
        fn fields(&self, o: &mut FieldVisitor<'_>) {
            o.optional("type", "@odata.type", &self.0.r#type);
            o.optional("watts", "watts", &self.0.watts);
            o.rest("additional", &self.0.additional);
        }
    }

    impl fmt::Debug for Visited {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_fields(f, "Derived", self)
        }
    }

    impl Serialize for Visited {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write_fields(serializer, self)
        }
    }

    #[test]
    fn debug_prints_what_the_derive_prints() {
        let additional = BTreeMap::from([("zz".to_string(), Value::from(1))]);
        for value in [
            Derived { r#type: None, watts: Patch::Unchanged, additional: BTreeMap::new() },
            Derived { r#type: Some("#x.lamp".into()), watts: Patch::Set(40), additional },
        ] {
            let derived = (format!("{value:?}"), format!("{value:#?}"));
            let visited = Visited(value);
            assert_eq!((format!("{visited:?}"), format!("{visited:#?}")), derived);
        }
    }

    #[test]
    fn only_present_fields_are_written_then_the_rest() {
        let additional = BTreeMap::from([("zz".to_string(), Value::from(1))]);
        let lamp = Visited(Derived { r#type: None, watts: Patch::Null, additional });
        assert_eq!(serde_json::to_string(&lamp).expect("written"), r#"{"watts":null,"zz":1}"#);
    }
}
