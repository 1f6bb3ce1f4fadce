//! Finished blocks: paragraphs (and includes), tables (with ragged rows and tab-separated
//! tables), headings, code blocks, and the annotations in HTML comments.

use super::inline::InlineBuf;
use super::parser::PageParser;
use super::{code_lines, Block, CodeBlock, Include, Inline};
use crate::annotation::{self, Annotation};
use codegen_core::diag::{Code, Diagnostic};
use codegen_core::source::SourceFile;

impl PageParser<'_> {
    pub(super) fn paragraph(&mut self, buf: InlineBuf) {
        let start = buf.start;
        if self.table_with_tabs(buf.start, buf.end) {
            return;
        }
        let inline = self.finish_inline(buf);
        if is_include(&inline.text) {
            for link in inline.links() {
                self.blocks.push(Block::Include(Include {
                    target: link.href.clone(),
                    label: link.text.clone(),
                    span: link.span,
                }));
            }
            if inline.links().is_empty() {
                self.blocks.push(Block::Include(Include {
                    target: String::new(),
                    label: String::new(),
                    span: inline.span,
                }));
            }
            return;
        }
        if self.namespace.is_none() {
            if let Some(rest) = inline.text.trim_start().strip_prefix("Namespace:") {
                let ns: String =
                    rest.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_').collect();
                let ns = ns.trim_end_matches('.').to_string();
                if !ns.is_empty() {
                    self.namespace = Some((ns, self.span(start, start + inline.text.len().min(80))));
                }
            }
        }
        self.blocks.push(Block::Paragraph(inline));
    }

    /// A paragraph that is a table but for tabs in its rows (pulldown-cmark, like GitHub,
    /// does not take it as a table): read again with each tab as one space, which keeps
    /// every byte offset, and reported.
    pub(super) fn table_with_tabs(&mut self, start: usize, end: usize) -> bool {
        let Some(raw) = self.text.get(start..end) else { return false };
        // most paragraphs hold no tab: the cheapest test first
        if self.nested || memchr::memchr(b'\t', raw.as_bytes()).is_none() {
            return false;
        }
        let mut lines = raw.lines();
        let (Some(head), Some(delim)) = (lines.next(), lines.next()) else { return false };
        let is_delim = delim.trim().starts_with('|')
            && delim.contains('-')
            && delim.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        if !head.trim_start().starts_with('|') || !is_delim {
            return false;
        }
        let spaced = raw.replace('\t', " ");
        let sub = SourceFile::new(self.src.rel.clone(), spaced);
        let mut p = PageParser::new(self.file, &sub);
        p.base = self.base + start;
        p.nested = true;
        p.pending = self.pending.take();
        p.run_body();
        let found = p.blocks.iter().any(|b| matches!(b, Block::Table(_)));
        if !found {
            self.pending = p.pending.take();
            return false;
        }
        let first_tab = start + raw.find('\t').unwrap_or(0);
        self.diags.push(
            Diagnostic::new(
                Code::D0019,
                self.span(first_tab, first_tab + 1),
                "table rows hold tabs; markdown renderers show this table as text",
            )
            .help("replace the tabs in the table with spaces"),
        );
        self.diags.extend(p.diags);
        self.blocks.extend(p.blocks);
        true
    }

    pub(super) fn heading(&mut self, level: u8, buf: InlineBuf) {
        let inline = self.finish_inline(buf);
        let tab = inline.links().iter().any(|l| l.href.starts_with("#tab/"));
        if let Some(a) = self.pending.take() {
            if tab {
                self.pending = Some(a);
            } else {
                self.orphan(&a, "a heading");
            }
        }
        if level == 1 && !tab && self.title.is_none() {
            self.title = Some(inline.clone());
        }
        self.blocks.push(Block::Heading { level, inline, tab });
    }

    pub(super) fn code_block(
        &mut self,
        lang: String,
        body: String,
        text_range: Option<(usize, usize)>,
        start: usize,
        end: usize,
    ) {
        let raw = self.text.get(start..end).unwrap_or("");
        let fence = raw.trim_start();
        let is_fenced = fence.starts_with("```") || fence.starts_with("~~~");
        if is_fenced {
            // the last line, found from the end (the block's lines are not walked)
            let trimmed = raw.trim_end();
            let (multi_line, last) = match trimmed.rfind('\n') {
                Some(i) => (true, trimmed.get(i + 1..).unwrap_or("")),
                None => (false, trimmed),
            };
            let last = last.trim();
            let marker = if fence.starts_with("```") { "```" } else { "~~~" };
            let closed = multi_line
                && last.starts_with(marker)
                && last.trim_start_matches(marker.chars().next().unwrap_or('`')).trim().is_empty();
            if !closed {
                let open_end = start + raw.find('\n').unwrap_or(raw.len());
                self.diags.push(
                    Diagnostic::new(Code::D0008, self.span(start, open_end), "code block is never closed")
                        .help(format!("add a closing {marker} line where the block ends")),
                );
            }
        }
        let text_span = match text_range {
            Some((s, e)) => self.span(s, e),
            None => {
                // empty block: point at the line after the opening fence
                let after = start + raw.find('\n').map_or(raw.len(), |i| i + 1);
                self.span(after, after)
            }
        };
        let annotation = self.pending.take();
        // the source between the fences (`text_range` is relative to the parsed text)
        let src = text_range.and_then(|(s, e)| self.text.get(s..e)).unwrap_or("");
        let lines = code_lines::CodeLines::locate(self.file, src, text_span.start as usize, &body);
        let line = u32::try_from(self.src.line_index(self.base + start) + 1).unwrap_or(u32::MAX);
        self.blocks.push(Block::Code(Box::new(CodeBlock {
            lang,
            text: body,
            text_span,
            lines,
            line,
            span: self.span(start, end),
            annotation,
        })));
    }

    /// An HTML block or inline HTML: looks for `<!-- { ... } -->` annotations.
    pub(super) fn html(&mut self, start: usize, end: usize) {
        let raw = self.text.get(start..end).unwrap_or("");
        let mut pos = 0;
        while let Some(open) = raw.get(pos..).and_then(|r| r.find("<!--")) {
            let open = pos + open;
            let body_start = open + 4;
            let Some(close) = raw.get(body_start..).and_then(|r| r.find("-->")) else {
                // a comment that runs to the end of the HTML block: if that is the end of
                // the file, the comment swallowed the rest of the page
                let span = self.span(start + open, start + body_start);
                let rest_of_file = end >= self.text.trim_end().len();
                if rest_of_file {
                    self.diags.push(
                        Diagnostic::new(Code::D0009, span, "HTML comment is never closed")
                            .help("close the comment with `-->`; everything after it is hidden"),
                    );
                }
                self.maybe_annotation(raw.get(body_start..).unwrap_or(""), start + body_start);
                return;
            };
            let close = body_start + close;
            self.maybe_annotation(raw.get(body_start..close).unwrap_or(""), start + body_start);
            pos = close + 3;
        }
    }

    pub(super) fn maybe_annotation(&mut self, body: &str, at: usize) {
        let trimmed = body.trim_start();
        if !trimmed.starts_with('{') {
            return;
        }
        let lead = body.len() - trimmed.len();
        let json = trimmed.trim_end();
        let span = self.span(at + lead, at + lead + json.len());
        if let Some(a) = annotation::parse(json, span, &mut self.diags) {
            if a.block_type.is_some() && a.raw.get("type").and_then(|t| t.as_str()) != Some("#page.annotation") {
                if let Some(old) = self.pending.replace(Box::new(a)) {
                    self.orphan(&old, "another annotation");
                }
            }
        }
    }

    pub(super) fn orphan(&mut self, a: &Annotation, what: &str) {
        if matches!(a.block_type(), "ignored" | "example" | "samples" | "permissions" | "testParams") {
            return;
        }
        self.diags.push(
            Diagnostic::new(
                Code::D0015,
                a.span,
                format!("`{}` annotation is followed by {what}, not by a table or code block", a.block_type()),
            )
            .help("put the annotation right before the block it describes"),
        );
    }

    pub(super) fn check_row(&mut self, header: &[Inline], start: usize, end: usize) {
        if header.is_empty() {
            return;
        }
        let raw = self.text.get(start..end).unwrap_or("");
        let n = count_cells(raw);
        if n != header.len() && !raw.trim().is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::D0017,
                    self.span(start, end),
                    format!("row has {n} cells, the header has {}", header.len()),
                )
                .help("give every row as many cells as the header; escape a literal pipe as `\\|`"),
            );
        }
    }
}

/// True when a paragraph's text holds `[!INCLUDE` or `[!include`.
pub(super) fn is_include(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'[', b).any(|i| b.get(i + 1..i + 9).is_some_and(|r| r == b"!INCLUDE" || r == b"!include"))
}

/// Number of cells in a raw table row (unescaped pipes outside code spans).
pub(super) fn count_cells(raw: &str) -> usize {
    let s = raw.trim();
    let s = s.strip_prefix('|').unwrap_or(s);
    let mut n = 1;
    // a backslash escapes the byte after it
    let mut escaped_at = None;
    let mut in_code = false;
    let bytes = s.as_bytes();
    for i in memchr::memchr3_iter(b'\\', b'`', b'|', bytes) {
        if escaped_at == Some(i) {
            continue;
        }
        match bytes.get(i) {
            Some(b'\\') => escaped_at = Some(i + 1),
            Some(b'`') => in_code = !in_code,
            Some(b'|') if !in_code && i + 1 < bytes.len() => n += 1,
            _ => {}
        }
    }
    n
}
