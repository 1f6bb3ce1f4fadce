//! SARIF 2.1.0 output: one log with one run, a rule per code that occurs (its name and
//! one-sentence meaning), a result per diagnostic with its region and related locations.

use crate::diag::{Code, Diagnostic, Severity};
use crate::source::SourceDb;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn location(db: &SourceDb, span: crate::diag::Span, message: Option<&str>) -> Value {
    let (uri, (line, column), (end_line, end_column)) = match db.get(span.file) {
        Some(f) => (f.rel.as_str(), f.line_col(span.start as usize), f.line_col(span.end as usize)),
        None => ("?", (1, 1), (1, 1)),
    };
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": {
                "startLine": line.max(1), "startColumn": column.max(1),
                "endLine": end_line.max(1), "endColumn": end_column.max(1),
            }
        }
    });
    if let (Some(m), Some(obj)) = (message, loc.as_object_mut()) {
        obj.insert("message".into(), json!({ "text": m }));
    }
    loc
}

/// The SARIF log of `diags`, as one JSON text.
pub fn log(db: &SourceDb, diags: &[Diagnostic]) -> String {
    let used: BTreeSet<Code> = diags.iter().map(|d| d.code).collect();
    let rules: Vec<Value> = used
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.name(),
                "shortDescription": { "text": c.summary() },
                "defaultConfiguration": { "level": level(c.default_severity()) },
            })
        })
        .collect();
    let index = |c: Code| used.iter().position(|u| *u == c).unwrap_or(0);
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let text = match &d.help {
                Some(h) => format!("{} (help: {h})", d.message),
                None => d.message.clone(),
            };
            let mut r = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": index(d.code),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [location(db, d.span, None)],
            });
            if !d.related.is_empty() {
                let related: Vec<Value> = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, (s, m))| {
                        let mut l = location(db, *s, Some(m));
                        if let Some(o) = l.as_object_mut() {
                            o.insert("id".into(), json!(i));
                        }
                        l
                    })
                    .collect();
                if let Some(o) = r.as_object_mut() {
                    o.insert("relatedLocations".into(), Value::Array(related));
                }
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "graph-docs-codegen",
                "rules": rules,
            }},
            "results": results,
        }]
    });
    serde_json::to_string(&log).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    #[test]
    fn a_result_per_diagnostic_and_a_rule_per_code() {
        let mut db = SourceDb::default();
        let id = db.add("a.md", "one\ntwo three\n");
        let d = Diagnostic::new(Code::D0007, Span::new(id, 8, 13), "todo")
            .help("write it")
            .related(Span::new(id, 0, 3), "here");
        let v: Value = serde_json::from_str(&log(&db, &[d.clone(), d])).expect("json");
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["runs"][0]["tool"]["driver"]["rules"].as_array().map(Vec::len), Some(1));
        let r = &v["runs"][0]["results"][1];
        assert_eq!(r["ruleId"], "D0007");
        assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
        assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startColumn"], 5);
        assert_eq!(r["relatedLocations"][0]["message"]["text"], "here");
    }
}
