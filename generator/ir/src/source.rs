//! Where an IR item comes from: a file of the input (relative to its root), a 1-based line
//! and column. The IR holds no spans or text of the input; a driver that still has the
//! files turns a [`SourceRef`] back into a span for its diagnostics.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceRef {
    /// Path relative to the input root, with `/`.
    pub file: String,
    /// 1-based line; 0 when only the file is known.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
}

impl SourceRef {
    pub fn new(file: impl Into<String>, line: u32, column: u32) -> SourceRef {
        SourceRef { file: file.into(), line, column }
    }

    /// A whole file, no line.
    pub fn file(file: impl Into<String>) -> SourceRef {
        SourceRef { file: file.into(), line: 0, column: 0 }
    }

    /// Reads `file`, `file:line` or `file:line:column` (what [`fmt::Display`] writes).
    pub fn parse(s: &str) -> SourceRef {
        let number = |t: &str| -> Option<u32> {
            (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
        };
        if let Some((head, last)) = s.rsplit_once(':') {
            if let Some(n) = number(last) {
                if let Some((file, line)) = head.rsplit_once(':') {
                    if let Some(l) = number(line) {
                        return SourceRef::new(file, l, n);
                    }
                }
                return SourceRef::new(head, n, 1);
            }
        }
        SourceRef::file(s)
    }
}

/// `file:line` (contract v1), `file:line:column` when the column is not the first, `file`
/// when there is no line.
impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str(&self.file),
            (l, 0 | 1) => write!(f, "{}:{l}", self.file),
            (l, c) => write!(f, "{}:{l}:{c}", self.file),
        }
    }
}

/// The text form, quoted, as the JSON holds it.
impl fmt::Debug for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl Serialize for SourceRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SourceRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SourceRef, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(SourceRef::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips() {
        for s in ["resources/a.md:41", "api/b.md", "x.md:3:7", "c:/odd:name.md:2", "weird:"] {
            assert_eq!(SourceRef::parse(s).to_string(), s);
        }
        assert_eq!(SourceRef::parse("a.md:4"), SourceRef::new("a.md", 4, 1));
    }
}
