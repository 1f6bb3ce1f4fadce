//! Example bodies as the docs write them: lenient JSON (Graph's `...`, comments, trailing
//! commas) and the placeholder values that show a payload's shape rather than a real one.

use serde_json::Value;

/// Why a body needed repair before it parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    Elided,
    Comments,
    TrailingCommas,
}

/// Removes comments, `...` elisions and trailing commas outside strings.
fn clean(text: &str) -> (String, Vec<Repair>) {
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut in_str = false;
    while let Some(&c) = chars.get(i) {
        if in_str {
            out.push(c);
            if c == '\\' {
                if let Some(&n) = chars.get(i + 1) {
                    out.push(n);
                    i += 1;
                }
            } else if c == '"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while chars.get(i).is_some_and(|&c| c != '\n') {
                    i += 1;
                }
                if !repairs.contains(&Repair::Comments) {
                    repairs.push(Repair::Comments);
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars.get(i) == Some(&'*') && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
                if !repairs.contains(&Repair::Comments) {
                    repairs.push(Repair::Comments);
                }
                continue;
            }
            '.' if chars.get(i + 1) == Some(&'.') => {
                while chars.get(i) == Some(&'.') {
                    i += 1;
                }
                if !repairs.contains(&Repair::Elided) {
                    repairs.push(Repair::Elided);
                }
                continue;
            }
            '…' => {
                if !repairs.contains(&Repair::Elided) {
                    repairs.push(Repair::Elided);
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    // trailing and doubled commas
    let mut fixed = String::with_capacity(out.len());
    let mut pending_comma = false;
    let mut in_str = false;
    let mut esc = false;
    for c in out.chars() {
        if in_str {
            fixed.push(c);
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        if c == ',' {
            if pending_comma && !repairs.contains(&Repair::TrailingCommas) {
                repairs.push(Repair::TrailingCommas);
            }
            pending_comma = true;
            continue;
        }
        if c.is_whitespace() {
            fixed.push(c);
            continue;
        }
        if pending_comma {
            if c == '}' || c == ']' {
                if !repairs.contains(&Repair::TrailingCommas) {
                    repairs.push(Repair::TrailingCommas);
                }
            } else {
                let last = fixed.trim_end().chars().last();
                if !matches!(last, Some('{') | Some('[') | None) {
                    fixed.push(',');
                } else if !repairs.contains(&Repair::TrailingCommas) {
                    repairs.push(Repair::TrailingCommas);
                }
            }
            pending_comma = false;
        }
        if c == '"' {
            in_str = true;
        }
        fixed.push(c);
    }
    (fixed, repairs)
}

/// Parses a body leniently. `Err` holds the 1-based line of the error and its message.
pub fn parse_body(text: &str) -> Result<(Value, Vec<Repair>), (usize, String)> {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Ok((v, Vec::new())),
        Err(first) => {
            let (fixed, repairs) = clean(text);
            match serde_json::from_str::<Value>(&fixed) {
                Ok(v) => Ok((v, repairs)),
                Err(_) => Err((first.line(), first.to_string())),
            }
        }
    }
}

/// True when the text looks like JSON at all (and not XML, plain text or binary).
pub fn looks_like_json(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') || t.starts_with('[')
}

/// Placeholder values the doc generator leaves: `String`, `String (timestamp)`,
/// `<Property words> value`.
pub fn is_placeholder(prop: &str, v: &str) -> bool {
    let t = v.trim();
    // `"dataType": "String"` names a type: a real value
    let k = prop.to_ascii_lowercase();
    let names_a_type = k == "type" || k.ends_with("datatype") || k.ends_with("valuetype");
    if (t.eq_ignore_ascii_case("string") && !names_a_type) || (t.starts_with("String (") && t.ends_with(')')) {
        return true;
    }
    // `"@odata.type: microsoft.graph.x"` in place of a value, `"status-value"`
    if t.starts_with("@odata.type:") {
        return true;
    }
    if let Some(stem) = t.strip_suffix("-value") {
        if !stem.is_empty() && stem.chars().all(|c| c.is_ascii_alphanumeric()) {
            return true;
        }
    }
    if let Some(words) = t.strip_suffix(" value") {
        let joined: String = words.split_whitespace().collect::<Vec<_>>().concat();
        return !joined.is_empty() && joined.eq_ignore_ascii_case(prop);
    }
    false
}

/// True when a placeholder value (`"String"`, `"<Property> value"`) stands anywhere in `v`:
/// such a body shows the shape of a payload, not one a service sends.
pub fn has_placeholder(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Object(map) => map.iter().any(|(k, val)| match val {
            Value::String(s) => !k.contains('@') && (is_placeholder(k, s) || more_placeholder(k, s)),
            other => has_placeholder(other),
        }),
        Value::Array(items) => items.iter().any(has_placeholder),
        _ => false,
    }
}

/// Placeholders the front end lets pass: `"<word>-value"` (`"datetime-value"`,
/// `"values-value"`) and the name of an EDM type standing for a value (`"Boolean"`, `"Date"`).
fn more_placeholder(key: &str, v: &str) -> bool {
    if let Some(word) = v.strip_suffix("-value") {
        return !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric());
    }
    let k = key.to_ascii_lowercase();
    let names_a_type = k.contains("type") || k.ends_with("kind") || k == "name" || k.ends_with("format");
    let edm = ["Boolean", "Date", "DateTimeOffset", "Int32", "Int64", "Double", "Guid", "Binary", "TimeOfDay"];
    !names_a_type && edm.contains(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient() {
        assert!(parse_body("{\"a\": 1}").is_ok());
        let (v, r) = parse_body("{\n \"a\": 1, // note\n ...\n}").unwrap_or((Value::Null, vec![]));
        assert_eq!(v, serde_json::json!({"a": 1}));
        assert!(r.contains(&Repair::Comments) && r.contains(&Repair::Elided));
        assert!(parse_body("not json").is_err());
        assert!(is_placeholder("statusDetails", "Status Details value"));
        assert!(is_placeholder("x", "String (timestamp)"));
        assert!(!is_placeholder("x", "Strings"));
        assert!(!is_placeholder("dataType", "String"));
        assert!(is_placeholder("status", "status-value"));
        assert!(is_placeholder("feedback", "@odata.type: microsoft.graph.alertFeedback"));
    }
}
