//! `components/schemas`: one schema per IR type, named by its qualified name.

use crate::schema_ref;
use codegen_ir::{walk_bases, Schema, TypeDef, TypeKind, TypeRef};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The property OData names the concrete type of an object with.
pub const DISCRIMINATOR: &str = "@odata.type";

/// Every type of the schema, keyed by qualified name.
pub fn components(schema: &Schema) -> Map<String, Value> {
    let known = known_types(schema);
    // every type deriving from a type, directly or not, for the discriminator mappings
    let bases: BTreeMap<String, &str> =
        schema.types.iter().filter_map(|t| Some((t.qualified().into_string(), t.base.as_ref()?.as_str()))).collect();
    let mut derived: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for q in bases.keys() {
        let chain = walk_bases(q.as_str(), |n| n, |n| bases.get(n).copied());
        for ancestor in chain.iter().skip(1) {
            derived.entry((*ancestor).to_string()).or_default().insert(q.clone());
        }
    }
    let mut out = Map::new();
    for t in &schema.types {
        let q = t.qualified().into_string();
        let value = match t.kind {
            TypeKind::Enum => enum_schema(t),
            _ => object_schema(t, derived.get(&q), &known),
        };
        out.insert(q, value);
    }
    out
}

/// The qualified names `$ref`s may point at.
pub fn known_types(schema: &Schema) -> BTreeSet<String> {
    schema.types.iter().map(|t| t.qualified().into_string()).collect()
}

fn object_schema(t: &TypeDef, derived: Option<&BTreeSet<String>>, known: &BTreeSet<String>) -> Value {
    let mut props = Map::new();
    for p in &t.properties {
        let mut s = property_schema(&p.ty, p.nullable, known);
        if !p.description.is_empty() {
            if let Value::Object(m) = &mut s {
                m.insert("description".into(), Value::String(p.description.clone()));
            }
        }
        props.insert(p.name.clone(), s);
    }
    let mut own = Map::new();
    own.insert("type".into(), json!("object"));
    if let Some(derived) = derived {
        // the discriminator needs the property it names
        props.entry(DISCRIMINATOR.to_string()).or_insert_with(|| json!({ "type": "string" }));
        let mut mapping = Map::new();
        mapping.insert(format!("#{}", t.qualified()), json!(schema_ref(t.qualified().as_str())));
        for d in derived {
            mapping.insert(format!("#{d}"), json!(schema_ref(d)));
        }
        own.insert("discriminator".into(), json!({ "propertyName": DISCRIMINATOR, "mapping": mapping }));
    }
    own.insert("properties".into(), Value::Object(props));
    if t.open {
        own.insert("additionalProperties".into(), json!(true));
    }
    let mut s = match t.base.as_ref().filter(|b| known.contains(b.as_str())) {
        Some(b) => {
            let mut m = Map::new();
            m.insert("allOf".into(), json!([{ "$ref": schema_ref(b.as_str()) }, Value::Object(own)]));
            m
        }
        None => own,
    };
    s.insert("title".into(), json!(t.name));
    if let Some(d) = &t.description {
        s.insert("description".into(), json!(d));
    }
    if t.deprecated.is_some() {
        s.insert("deprecated".into(), json!(true));
    }
    if t.is_abstract {
        s.insert("x-ms-abstract".into(), json!(true));
    }
    Value::Object(s)
}

/// A string enum with the members' names, their values and descriptions in `x-ms-enum`.
/// Graph enums are evolvable (new members appear), so `modelAsString` is true.
fn enum_schema(t: &TypeDef) -> Value {
    let names: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
    let values: Vec<Value> = t
        .members
        .iter()
        .map(|m| {
            let mut v = Map::new();
            v.insert("name".into(), json!(m.name));
            v.insert("value".into(), json!(m.name));
            if let Some(n) = m.value {
                v.insert("x-ms-value".into(), json!(n));
            }
            if !m.description.is_empty() {
                v.insert("description".into(), json!(m.description));
            }
            Value::Object(v)
        })
        .collect();
    let mut s = Map::new();
    s.insert("type".into(), json!("string"));
    s.insert("title".into(), json!(t.name));
    s.insert("enum".into(), json!(names));
    s.insert("x-ms-enum".into(), json!({ "name": t.name, "modelAsString": true, "values": values }));
    let mut note = t.description.clone().unwrap_or_default();
    if t.flags {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str("Flags: a value may combine members, comma-separated.");
        s.insert("x-ms-flags".into(), json!(true));
    }
    if !note.is_empty() {
        s.insert("description".into(), json!(note));
    }
    Value::Object(s)
}

/// The schema of a property, parameter or body: a collection is an array of items (never
/// null), a nullable reference an `allOf` holding it (3.0 ignores siblings of `$ref`).
pub fn property_schema(ty: &TypeRef, nullable: bool, known: &BTreeSet<String>) -> Value {
    let item = type_schema(ty.name.as_str(), known);
    if ty.collection {
        return json!({ "type": "array", "items": item });
    }
    if !nullable {
        return item;
    }
    match item {
        Value::Object(mut m) if !m.contains_key("$ref") && m.contains_key("type") => {
            m.insert("nullable".into(), json!(true));
            Value::Object(m)
        }
        Value::Object(m) if m.contains_key("$ref") => json!({ "allOf": [m], "nullable": true }),
        other => other,
    }
}

/// One value of type `name`: a primitive's type and format, a `$ref` to a known type, or
/// an unconstrained schema naming a type the IR lacks (so no `$ref` dangles).
pub fn type_schema(name: &str, known: &BTreeSet<String>) -> Value {
    let (ty, format) = match name {
        "Edm.String" => ("string", None),
        "Edm.Boolean" => ("boolean", None),
        "Edm.Int16" | "Edm.Int32" => ("integer", Some("int32")),
        "Edm.Int64" => ("integer", Some("int64")),
        "Edm.Byte" => ("integer", Some("uint8")),
        "Edm.SByte" => ("integer", Some("int8")),
        "Edm.Double" => ("number", Some("double")),
        "Edm.Single" => ("number", Some("float")),
        "Edm.Decimal" => ("number", Some("decimal")),
        "Edm.DateTimeOffset" => ("string", Some("date-time")),
        "Edm.Date" => ("string", Some("date")),
        "Edm.TimeOfDay" => ("string", Some("time")),
        "Edm.Duration" => ("string", Some("duration")),
        "Edm.Guid" => ("string", Some("uuid")),
        "Edm.Binary" => ("string", Some("base64url")),
        "Edm.Stream" => ("string", Some("binary")),
        "Edm.Untyped" => return json!({}),
        n if known.contains(n) => return json!({ "$ref": schema_ref(n) }),
        n => return json!({ "x-ms-unresolved-type": n }),
    };
    match format {
        Some(f) => json!({ "type": ty, "format": f }),
        None => json!({ "type": ty }),
    }
}
