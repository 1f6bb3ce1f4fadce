//! The JSON representation block of a resource page (`blockType: resource`): its
//! top-level keys and the type their placeholder values suggest. The block is often not
//! valid JSON (comments, `...`, placeholders), so keys are read off the tokens of the
//! lenient lexer ([`crate::lenient_json`]).

use crate::lenient_json::{self, Kind, LineBreak, Options, Str, StrEnd};

/// One top-level key of the representation, with its byte offset in the block text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonKey {
    pub name: String,
    pub offset: usize,
    /// CSDL type suggested by the value: `Edm.String`, `microsoft.graph.x`, ...
    pub type_name: Option<String>,
    pub collection: bool,
}

/// How representations are lexed: a string ends at a line break at the latest (one that
/// lost its closing quote does not swallow the next line), `//` starts a comment.
const LEXING: Options = Options {
    typographic_quotes: false,
    line_break: LineBreak::Ends,
    line_comments: true,
    block_comments: false,
    elisions: false,
};

/// Scans the top-level object's keys: closed strings directly inside it followed by `:`
/// (spaces and tabs between).
pub fn keys(text: &str) -> Vec<JsonKey> {
    let mut out = Vec::new();
    for t in lenient_json::tokens(text, LEXING) {
        let Kind::Str(Str { content, end: StrEnd::Quote(_), .. }) = t.kind else { continue };
        if t.depth != 1 {
            continue;
        }
        let after = text.get(t.end()..).unwrap_or("").trim_start_matches([' ', '\t']);
        let Some(value) = after.strip_prefix(':') else { continue };
        if !content.is_empty() && !content.starts_with('@') {
            let (type_name, collection) = value_type(value);
            out.push(JsonKey { name: content.to_string(), offset: t.start, type_name, collection });
        }
    }
    out
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
            let after = head.get(at + "@odata.type".len()..).unwrap_or("");
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
