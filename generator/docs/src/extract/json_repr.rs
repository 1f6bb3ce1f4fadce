//! The JSON representation block of a resource page (`blockType: resource`): its
//! top-level keys and the type their placeholder values suggest. The block is often not
//! valid JSON (comments, `...`, placeholders), so keys are read with a tolerant scanner.

/// One top-level key of the representation, with its byte offset in the block text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonKey {
    pub name: String,
    pub offset: usize,
    /// CSDL type suggested by the value: `Edm.String`, `microsoft.graph.x`, ...
    pub type_name: Option<String>,
    pub collection: bool,
}

/// Scans the top-level object's keys.
pub fn keys(text: &str) -> Vec<JsonKey> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                let end = string_end(b, i);
                if depth == 1 {
                    // a key is a string followed by `:`
                    let mut j = end;
                    while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                        j += 1;
                    }
                    if b.get(j) == Some(&b':') {
                        let name = text.get(start + 1..end.saturating_sub(1)).unwrap_or("").to_string();
                        let (type_name, collection) = value_type(text.get(j + 1..).unwrap_or(""));
                        if !name.is_empty() && !name.starts_with('@') {
                            out.push(JsonKey { name, offset: start, type_name, collection });
                        }
                    }
                }
                i = end;
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    out
}

/// Index just past the closing quote of the string starting at `start`.
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// Type suggested by a placeholder value such as `"String"`, `"String (timestamp)"`,
/// `1024`, `true`, `{"@odata.type": "microsoft.graph.x"}` or `["String"]`.
fn value_type(rest: &str) -> (Option<String>, bool) {
    let v = rest.trim_start();
    if let Some(inner) = v.strip_prefix('[') {
        let (t, _) = value_type(inner);
        return (t, true);
    }
    if v.starts_with('{') {
        let head: String = v.chars().take(200).collect();
        if let Some(at) = head.find("@odata.type") {
            let after = &head[at + "@odata.type".len()..];
            let q1 = after.find('"').and_then(|i| after.get(i + 1..));
            let q1 = q1.and_then(|s| s.find('"').and_then(|i| s.get(i + 1..)));
            if let Some(s) = q1 {
                let name: String = s.chars().take_while(|c| *c != '"').collect();
                let name = name.trim_start_matches('#').to_string();
                if !name.is_empty() {
                    return (Some(name), false);
                }
            }
        }
        return (None, false);
    }
    if let Some(s) = v.strip_prefix('"') {
        let lit: String = s.chars().take_while(|c| *c != '"').collect();
        let l = lit.to_ascii_lowercase();
        let t = if l.contains("timestamp") || l == "datetimeoffset" {
            "Edm.DateTimeOffset"
        } else if l.starts_with("string") || l == "url" {
            "Edm.String"
        } else if l.starts_with("guid") {
            "Edm.Guid"
        } else if l.starts_with("int64") {
            "Edm.Int64"
        } else if l.starts_with("int32") || l == "integer" {
            "Edm.Int32"
        } else if l.starts_with("boolean") {
            "Edm.Boolean"
        } else if l.starts_with("date") && !l.contains("time") {
            "Edm.Date"
        } else if l.starts_with("duration") {
            "Edm.Duration"
        } else if l.starts_with("binary") {
            "Edm.Binary"
        } else {
            return (Some("Edm.String".into()), false);
        };
        return (Some(t.into()), false);
    }
    if v.starts_with("true") || v.starts_with("false") {
        return (Some("Edm.Boolean".into()), false);
    }
    if v.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        let num: String = v.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
        return (Some(if num.contains('.') { "Edm.Double" } else { "Edm.Int32" }.into()), false);
    }
    (None, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_placeholder_types() {
        let k = keys("{\n  \"id\": \"String (identifier)\",\n  \"when\": \"String (timestamp)\",\n  \"n\": 1024, // note\n  \"who\": {\"@odata.type\": \"microsoft.graph.identitySet\"},\n  \"tags\": [\"String\"],\n  \"inner\": {\"x\": 1}\n}");
        let names: Vec<(&str, Option<&str>, bool)> =
            k.iter().map(|k| (k.name.as_str(), k.type_name.as_deref(), k.collection)).collect();
        assert_eq!(
            names,
            vec![
                ("id", Some("Edm.String"), false),
                ("when", Some("Edm.DateTimeOffset"), false),
                ("n", Some("Edm.Int32"), false),
                ("who", Some("microsoft.graph.identitySet"), false),
                ("tags", Some("Edm.String"), true),
                ("inner", None, false),
            ]
        );
    }

    #[test]
    fn garbage_never_panics() {
        for s in ["", "{", "{\"a", "{\"a\":", "}}]]", "{\"\\", "[{\"a\": [}"] {
            let _ = keys(s);
        }
    }
}
