//! Example bodies as the docs write them: lenient JSON (Graph's `...`, comments, trailing
//! commas) and the placeholder values that show a payload's shape rather than a real one.

use crate::lenient_json::{self, Kind, LineBreak, Options};
use serde_json::Value;

/// Why a body needed repair before it parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    Elided,
    Comments,
    TrailingCommas,
}

/// How bodies are lexed: strict strings, `//` and `/* */` comments, `...` elisions.
const LEXING: Options = Options {
    typographic_quotes: false,
    line_break: LineBreak::InString,
    line_comments: true,
    block_comments: true,
    elisions: true,
};

/// Removes comments, `...` elisions and trailing (and doubled) commas outside strings.
/// Repairs are listed comments and elisions first, in the order met, then commas.
fn clean(text: &str) -> (String, Vec<Repair>) {
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    let mut stray_commas = false;
    // a comma seen but not yet written: written only before a next member
    let mut pending_comma = false;
    for t in lenient_json::tokens(text, LEXING) {
        let removed = match t.kind {
            Kind::Comment => Some(Repair::Comments),
            Kind::Elision => Some(Repair::Elided),
            _ => None,
        };
        if let Some(r) = removed {
            if !repairs.contains(&r) {
                repairs.push(r);
            }
            continue;
        }
        match t.kind {
            Kind::Punct(',') => {
                stray_commas |= pending_comma;
                pending_comma = true;
                continue;
            }
            Kind::Space => {
                out.push_str(t.text);
                continue;
            }
            _ => {}
        }
        if pending_comma {
            let closes = t.text.starts_with(['}', ']']);
            if closes || matches!(out.trim_end().chars().last(), Some('{' | '[') | None) {
                stray_commas = true;
            } else {
                out.push(',');
            }
            pending_comma = false;
        }
        out.push_str(t.text);
    }
    // a comma after the last value is stray too
    stray_commas |= pending_comma;
    if stray_commas {
        repairs.push(Repair::TrailingCommas);
    }
    (out, repairs)
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
    fn stray_commas_go_and_are_named_after_comments_and_elisions() {
        let (text, repairs) = clean("[, 1,, 2 /* two */, ...,]");
        // a comma is written again where the next member starts
        assert_eq!(text, "[ 1 ,2  ]");
        assert_eq!(repairs, [Repair::Comments, Repair::Elided, Repair::TrailingCommas]);
        // commas, slashes and dots inside strings are content
        let (text, repairs) = clean("{\"a\": \"x,}//...\\\"\"}");
        assert_eq!((text.as_str(), repairs), ("{\"a\": \"x,}//...\\\"\"}", Vec::new()));
    }

    #[test]
    fn a_comma_after_the_whole_body_is_reported() {
        let (v, repairs) = parse_body("{\"a\": 1},\n").unwrap_or((Value::Null, vec![]));
        assert_eq!((v, repairs), (serde_json::json!({"a": 1}), vec![Repair::TrailingCommas]));
    }

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
