//! The YAML front matter at the top of a page: split off, parsed and linted.

use super::kind::is_todo;
use super::parser::PageParser;
use crate::frontmatter::{self, FrontMatter};
use codegen_core::diag::{Code, Diagnostic};

impl PageParser<'_> {
    pub(super) fn front_matter(&mut self, yaml: &str, at: usize) {
        self.front_range = Some((at, at + yaml.len()));
        match frontmatter::parse(yaml) {
            Ok(fm) => {
                self.lint_front(&fm, yaml, at);
                self.front = Some(fm);
            }
            Err(e) => {
                let off = at + e.offset.unwrap_or(0).min(yaml.len());
                let line_end = self.text.get(off..).and_then(|r| r.find('\n')).map_or(self.text.len(), |i| off + i);
                self.diags.push(
                    Diagnostic::new(
                        Code::D0004,
                        self.span(off, line_end),
                        format!("front matter is not valid YAML: {}", e.message),
                    )
                    .help("quote values that hold `:` or start with `*`, `[` or `{`"),
                );
            }
        }
    }

    pub(super) fn lint_front(&mut self, fm: &FrontMatter, yaml: &str, at: usize) {
        for (key, value) in fm.fields() {
            let Some(value) = value else { continue };
            let span = yaml_key_span(yaml, key).map_or(self.span(at, at), |(s, e)| self.span(at + s, at + e));
            if value.trim().is_empty() {
                self.diags.push(
                    Diagnostic::new(Code::D0006, span, format!("front-matter field `{key}` is empty"))
                        .help(format!("give `{key}` a value or remove the line")),
                );
            } else if is_todo(value) {
                self.diags.push(
                    Diagnostic::new(Code::D0007, span, format!("front-matter field `{key}` is a TODO placeholder"))
                        .help(format!("replace the placeholder with the real `{key}`")),
                );
            }
        }
    }

    /// Reads a leading `---` ... `---` block as front matter; returns where the markdown
    /// starts (0 when there is no front matter, or it is never closed).
    pub(super) fn split_front_matter(&mut self) -> usize {
        let text = self.text;
        let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
        if text.get(..first_end).map(str::trim_end) != Some("---") {
            return 0;
        }
        let mut off = first_end;
        for line in text.get(first_end..).unwrap_or("").split_inclusive('\n') {
            let t = line.trim_end();
            if t == "---" || t == "..." {
                let yaml = text.get(first_end..off).unwrap_or("");
                self.front_matter(yaml, first_end);
                return off + line.len();
            }
            off += line.len();
        }
        self.diags.push(
            Diagnostic::new(
                Code::D0004,
                self.span(0, first_end.saturating_sub(1)),
                "front matter is not closed by a `---` line",
            )
            .help("end the front matter with a line holding only `---`"),
        );
        0
    }
}

/// Byte range of the line `key: ...` inside the YAML text.
pub(super) fn yaml_key_span(yaml: &str, key: &str) -> Option<(usize, usize)> {
    let mut off = 0;
    for line in yaml.split_inclusive('\n') {
        let t = line.trim_start();
        if t.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with(':')) {
            let lead = line.len() - t.len();
            return Some((off + lead, off + line.trim_end().len()));
        }
        if key == "ms.localizationpriority" && t.starts_with("localization_priority") {
            let lead = line.len() - t.len();
            return Some((off + lead, off + line.trim_end().len()));
        }
        off += line.len();
    }
    None
}
