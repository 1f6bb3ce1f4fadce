//! Example bodies validated against the schema: unknown properties, JSON types, enum
//! members, placeholders, `@odata.type`.

use super::resolver::{property_in, Resolver};
use crate::extract::api::json_body::is_placeholder;
use crate::resolve::names::Names;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::TypeKind;
use serde_json::Value;

/// Validation context of one body.
pub struct Validator<'r, 'a> {
    pub resolver: &'r Resolver<'a>,
    pub names: &'r Names,
    /// Span of the body's first line; findings point at the line that holds the key.
    pub lines: &'r [Span],
    pub text: &'r str,
    pub truncated: bool,
    pub findings: usize,
}

impl Validator<'_, '_> {
    /// Span of the first body line that holds `"key"` (and `value`, if given), else the body start.
    fn at(&self, key: &str, value: Option<&str>) -> Span {
        // search the quoted key in the whole body at once (memchr's memmem), then look at
        // the line of each hit only
        let quoted = format!("\"{key}\"");
        let text = self.text;
        for pos in memchr::memmem::find_iter(text.as_bytes(), quoted.as_bytes()) {
            let start = text.get(..pos).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
            let end = text.get(pos..).and_then(|t| t.find('\n')).map_or(text.len(), |i| pos + i);
            let line = text.get(start..end).unwrap_or("");
            if value.is_none_or(|v| line.contains(v)) {
                let index = memchr::memchr_iter(b'\n', text.get(..start).unwrap_or("").as_bytes()).count();
                if let Some(s) = self.lines.get(index) {
                    return *s;
                }
            }
        }
        self.lines.first().copied().unwrap_or_default()
    }

    fn push(&mut self, diags: &mut Diagnostics, d: Diagnostic) {
        self.findings += 1;
        diags.push(d);
    }

    /// Checks an `@odata.type` value: known type (D0218) with the same case (D0208).
    pub fn odata_type(&mut self, value: &str, diags: &mut Diagnostics) -> Option<String> {
        let name = value.trim().trim_start_matches('#');
        let name = name.strip_prefix("graph.").map_or(name.to_string(), |r| format!("microsoft.graph.{r}"));
        if name.starts_with("Collection(") || name.starts_with("Edm.") {
            return None;
        }
        match self.names.lookup(&name) {
            Some(k) if k == name => Some(k.to_string()),
            Some(k) => {
                let k = k.to_string();
                let at = self.at("@odata.type", Some(value));
                self.push(
                    diags,
                    Diagnostic::new(
                        Code::D0208,
                        at,
                        format!("`@odata.type` `{name}` differs in case from the type `{k}`"),
                    )
                    .help(format!("write `{k}`")),
                );
                Some(k)
            }
            None if !self.names.is_empty() => {
                let at = self.at("@odata.type", Some(value));
                self.push(
                    diags,
                    Diagnostic::new(Code::D0218, at, format!("`@odata.type` `{name}` names no documented type"))
                        .help("name a type that a resource page documents"),
                );
                None
            }
            None => None,
        }
    }

    /// Validates a value against a type reference.
    pub fn value(&mut self, key: &str, v: &Value, type_name: &str, collection: bool, diags: &mut Diagnostics) {
        if v.is_null() {
            return;
        }
        if collection {
            match v {
                Value::Array(items) => {
                    for item in items {
                        self.value(key, item, type_name, false, diags);
                    }
                }
                _ => {
                    let at = self.at(key, None);
                    self.push(
                        diags,
                        Diagnostic::new(Code::D0216, at, format!("`{key}` should be an array of `{type_name}`"))
                            .help("wrap the value in `[ ]`"),
                    );
                }
            }
            return;
        }
        if let Value::String(s) = v {
            if is_placeholder(key, s) {
                let at = self.at(key, Some(s));
                self.push(
                    diags,
                    Diagnostic::new(Code::D0207, at, format!("`{key}` holds the placeholder `{s}`"))
                        .help("give a realistic value of the property's type"),
                );
                return;
            }
        }
        let tn = type_name;
        let expected = match tn {
            "Edm.String" | "Edm.DateTimeOffset" | "Edm.Date" | "Edm.TimeOfDay" | "Edm.Duration" | "Edm.Guid"
            | "Edm.Binary" => Some(("a string", v.is_string())),
            "Edm.Boolean" => Some(("a boolean", v.is_boolean())),
            "Edm.Int32" | "Edm.Int64" | "Edm.Int16" | "Edm.Byte" | "Edm.SByte" => {
                Some(("an integer", v.is_i64() || v.is_u64() || v.as_str().is_some_and(|s| s.parse::<i64>().is_ok())))
            }
            "Edm.Double" | "Edm.Single" | "Edm.Decimal" => {
                Some(("a number", v.is_number() || v.as_str().is_some_and(|s| matches!(s, "NaN" | "INF" | "-INF"))))
            }
            _ if tn.starts_with("Edm.") => None,
            _ => None,
        };
        if let Some((s, form)) = v.as_str().and_then(|s| Some((s, super::formats::mismatch(tn, s)?))) {
            let at = self.at(key, Some(s));
            self.push(
                diags,
                Diagnostic::new(Code::D0226, at, format!("`{key}` holds `{s}`, which is no `{tn}`"))
                    .help(format!("write {form}")),
            );
            return;
        }
        if let Some((what, ok)) = expected {
            if !ok {
                let at = self.at(key, None);
                self.push(
                    diags,
                    Diagnostic::new(Code::D0216, at, format!("`{key}` should be {what} (`{tn}`)"))
                        .help("give a value of the property's type"),
                );
            }
            return;
        }
        let Some(canon) = self.resolver.canonical(tn).map(str::to_string) else {
            return;
        };
        let Some(def) = self.resolver.def(canon.as_str()) else { return };
        match def.kind {
            TypeKind::Enum => {
                let Value::String(s) = v else {
                    let at = self.at(key, None);
                    self.push(
                        diags,
                        Diagnostic::new(Code::D0216, at, format!("`{key}` should be a member name of `{canon}`"))
                            .help("give the member as a string"),
                    );
                    return;
                };
                for part in s.split(',') {
                    let part = part.trim();
                    if !part.is_empty() && !def.members.iter().any(|m| m.name.eq_ignore_ascii_case(part)) {
                        let at = self.at(key, Some(s));
                        self.push(
                            diags,
                            Diagnostic::new(Code::D0217, at, format!("`{part}` is no member of `{canon}`"))
                                .help("use one of the enum's documented members"),
                        );
                    }
                }
            }
            TypeKind::Entity | TypeKind::Complex if self.resolver.property_count(&canon) == 0 => {}
            TypeKind::Entity | TypeKind::Complex => match v {
                Value::Object(_) => self.object(v, &canon, diags),
                _ => {
                    let at = self.at(key, None);
                    self.push(
                        diags,
                        Diagnostic::new(Code::D0216, at, format!("`{key}` should be an object (`{canon}`)"))
                            .help("give the value as a JSON object"),
                    );
                }
            },
        }
    }

    /// Validates an object's members against type `q` (or the type its `@odata.type` names).
    pub fn object(&mut self, v: &Value, q: &str, diags: &mut Diagnostics) {
        let Value::Object(map) = v else { return };
        let mut ty = q.to_string();
        if let Some(Value::String(ot)) = map.get("@odata.type") {
            if let Some(k) = self.odata_type(ot, diags) {
                if self.resolver.canonical(&k).is_some() {
                    ty = k;
                }
            }
        }
        let Some(canon) = self.resolver.canonical(&ty).map(str::to_string) else { return };
        let open = self.resolver.def(canon.as_str()).is_some_and(|t| t.open);
        // the type's chain looked up once for all its members
        let resolver: &Resolver = self.resolver;
        let anc = resolver.ancestors(&canon);
        if anc.iter().map(|t| t.properties.len()).sum::<usize>() == 0 {
            // a type with no documented properties (`Json`, abstract roots): nothing to check
            return;
        }
        // `{ "value": { ... } }` or `{ "value": [ ... ] }` around an entity
        let data_keys: Vec<&String> = map.keys().filter(|k| !k.contains('@')).collect();
        if data_keys.len() == 1
            && data_keys.first().is_some_and(|k| k.as_str() == "value")
            && property_in(anc, "value").is_none()
        {
            match map.get("value") {
                Some(inner @ Value::Object(_)) => return self.object(inner, &canon, diags),
                Some(Value::Array(items)) => {
                    for it in items {
                        self.object(it, &canon, diags);
                    }
                    return;
                }
                _ => {}
            }
        }
        for (k, val) in map {
            if k.contains('@') || k.starts_with('#') {
                continue;
            }
            match property_in(anc, k) {
                Some(p) => self.value(k, val, &p.ty.name, p.ty.collection, diags),
                None if open => {}
                None => {
                    let at = self.at(k, None);
                    self.push(
                        diags,
                        Diagnostic::new(Code::D0215, at, format!("`{k}` is no property of `{canon}`"))
                            .help("remove it, or document it on the type's resource page"),
                    );
                }
            }
        }
    }

    /// Placeholders anywhere in a body whose type is unknown.
    pub fn placeholders(&mut self, v: &Value, diags: &mut Diagnostics) {
        match v {
            Value::Object(map) => {
                for (k, val) in map {
                    if let Value::String(s) = val {
                        if !k.contains('@') && is_placeholder(k, s) {
                            let at = self.at(k, Some(s));
                            self.push(
                                diags,
                                Diagnostic::new(Code::D0207, at, format!("`{k}` holds the placeholder `{s}`"))
                                    .help("give a realistic value of the property's type"),
                            );
                        }
                    } else {
                        self.placeholders(val, diags);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| self.placeholders(i, diags)),
            _ => {}
        }
    }
}
