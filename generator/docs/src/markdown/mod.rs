//! Stage 2, parse: one file's markdown -> a [`Page`] of blocks with spans.
//!
//! pulldown-cmark's offset iterator is the only markdown parser; this module consumes its
//! events. Annotations (`<!-- { ... } -->`) are attached to the table or code block that
//! follows them. Front matter goes through [`crate::frontmatter`].

use crate::annotation::{self, Annotation};
use crate::frontmatter::{self, FrontMatter};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, FileId, Span};
use codegen_core::source::SourceFile;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

mod code_lines;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Api,
    Resource,
    Enum,
    Conceptual,
    Include,
    Unknown,
}

/// A parsed page. Blocks are flat, in source order (list items and quotes unwrapped).
#[derive(Debug, Clone)]
pub struct Page {
    pub file: FileId,
    pub rel: String,
    pub kind: PageKind,
    pub front: Option<FrontMatter>,
    /// The first `# ` heading that is not a tab heading.
    pub title: Option<Inline>,
    /// The `Namespace: x.y` line, if any.
    pub namespace: Option<(String, Span)>,
    pub blocks: Vec<Block>,
}

impl Page {
    /// Title from the front matter, else the H1.
    pub fn title_text(&self) -> Option<&str> {
        self.front
            .as_ref()
            .and_then(|f| f.title.as_deref())
            .filter(|t| !t.trim().is_empty())
            .or(self.title.as_ref().map(|t| t.text.as_str()))
    }

    pub fn namespace_or_default(&self) -> &str {
        self.namespace.as_ref().map_or("microsoft.graph", |n| n.0.as_str())
    }

    /// Span of the H1, else the start of the file.
    pub fn title_span(&self) -> Span {
        self.title.as_ref().map_or(Span::new(self.file, 0, 0), |t| t.span)
    }
}

/// Inline content of a paragraph, heading or table cell.
#[derive(Debug, Clone, Default)]
pub struct Inline {
    /// Plain text: markup removed, code spans without backticks, breaks as spaces.
    pub text: String,
    pub links: Vec<Link>,
    /// Text of each code span, in order.
    pub code: Vec<String>,
    /// Byte offset in `text` where each code span starts (parallel to `code`).
    pub code_at: Vec<usize>,
    /// Text of strong (`**x**`) runs, in order.
    pub strong: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub text: String,
    pub href: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading { level: u8, inline: Inline, tab: bool },
    Paragraph(Inline),
    Table(Table),
    Code(CodeBlock),
    Include(Include),
}

impl Block {
    pub fn span(&self) -> Span {
        match self {
            Block::Heading { inline, .. } | Block::Paragraph(inline) => inline.span,
            Block::Table(t) => t.span,
            Block::Code(c) => c.span,
            Block::Include(i) => i.span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<Inline>,
    pub rows: Vec<Vec<Inline>>,
    pub span: Span,
    /// Boxed: most blocks have none, and blocks are moved and cloned often.
    pub annotation: Option<Box<Annotation>>,
}

#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// The info string's first word, lower-cased (`http`, `json`, ...).
    pub lang: String,
    pub text: String,
    /// Span of the content (between the fences).
    pub text_span: Span,
    /// Span of each line of `text`, in its file.
    pub lines: Vec<Span>,
    /// 1-based line of the block's first line (the opening fence), for the IR's sources.
    pub line: u32,
    /// Span of the whole block, fences included.
    pub span: Span,
    /// Boxed: most blocks have none, and blocks are moved and cloned often.
    pub annotation: Option<Box<Annotation>>,
}

#[derive(Debug, Clone)]
pub struct Include {
    pub target: String,
    pub span: Span,
}

/// Parses one file. Never panics on any input; faults become diagnostics.
pub fn parse(file: FileId, src: &SourceFile) -> (Page, Diagnostics) {
    let mut p = PageParser::new(file, src);
    if !src.binary {
        p.run();
    }
    p.finish()
}

struct PageParser<'a> {
    file: FileId,
    /// Offset of `text` in the file (after the front matter, or of a re-read paragraph).
    base: usize,
    /// Re-reading one paragraph (a table with tabs): no further re-reads.
    nested: bool,
    src: &'a SourceFile,
    text: &'a str,
    diags: Diagnostics,
    blocks: Vec<Block>,
    front: Option<FrontMatter>,
    /// Byte range of the front matter's YAML in `text`.
    front_range: Option<(usize, usize)>,
    title: Option<Inline>,
    namespace: Option<(String, Span)>,
    pending: Option<Box<Annotation>>,
}

/// A table under construction.
struct TableBuf {
    header: Vec<Inline>,
    rows: Vec<Vec<Inline>>,
    start: usize,
    end: usize,
}

/// A code block under construction.
struct CodeBuf {
    lang: String,
    body: String,
    text_range: Option<(usize, usize)>,
    start: usize,
    fenced_end: usize,
}

/// Inline collector for the innermost open paragraph, heading or cell.
#[derive(Default)]
struct InlineBuf {
    inline: Inline,
    start: usize,
    end: usize,
    link_stack: Vec<(String, usize, usize)>,
    strong_start: Option<usize>,
    /// A white-space run is pending (written before the next word).
    space: bool,
}

impl InlineBuf {
    fn new(start: usize, end: usize) -> InlineBuf {
        // the source range bounds the text: reserve it once instead of growing
        let inline =
            Inline { text: String::with_capacity(end.saturating_sub(start).min(16 * 1024)), ..Inline::default() };
        InlineBuf { start, end, inline, ..InlineBuf::default() }
    }

    /// Appends text with white-space runs collapsed to one space (none at the start).
    fn push_text(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let ws = ws_len(s, i);
            if ws > 0 {
                self.space = true;
                i += ws;
                continue;
            }
            // a run of words separated by single ASCII spaces, copied at once
            let start = i;
            loop {
                while let Some(&b) = bytes.get(i) {
                    match BYTE_CLASS[b as usize] {
                        WORD => i += 1,
                        SPACE => break,
                        _ => match ws_len(s, i) {
                            0 => i += s.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8),
                            _ => break,
                        },
                    }
                }
                let next_is_word = bytes.get(i + 1).is_some_and(|&b| BYTE_CLASS[b as usize] == WORD);
                if bytes.get(i) == Some(&b' ') && next_is_word {
                    i += 1;
                } else {
                    break;
                }
            }
            if self.space && !self.inline.text.is_empty() {
                self.inline.text.push(' ');
            }
            self.space = false;
            self.inline.text.push_str(s.get(start..i).unwrap_or(""));
        }
    }

    /// Position where the next pushed word starts (after a pending space).
    fn next_pos(&mut self) -> usize {
        if self.space && !self.inline.text.is_empty() {
            self.inline.text.push(' ');
        }
        self.space = false;
        self.inline.text.len()
    }
}

/// Byte classes for [`InlineBuf::push_text`]: ASCII word byte, ASCII white space, non-ASCII.
const WORD: u8 = 0;
const SPACE: u8 = 1;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = if matches!(b as u8, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) { SPACE } else { WORD };
        b += 1;
    }
    t
};

/// Length of the white-space character at byte `i` of `s` (0 when it is none; zero-width
/// spaces count as white space).
fn ws_len(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        None => 0,
        Some(&b) => match BYTE_CLASS[b as usize] {
            WORD => 0,
            SPACE => 1,
            _ => s.get(i..).and_then(|r| r.chars().next()).map_or(1, |c| {
                if c.is_whitespace() || c == '\u{200b}' {
                    c.len_utf8()
                } else {
                    0
                }
            }),
        },
    }
}

impl<'a> PageParser<'a> {
    fn new(file: FileId, src: &'a SourceFile) -> Self {
        PageParser {
            file,
            base: 0,
            nested: false,
            src,
            text: &src.text,
            diags: Diagnostics::default(),
            blocks: Vec::new(),
            front: None,
            front_range: None,
            title: None,
            namespace: None,
            pending: None,
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.base + start, self.base + end)
    }

    /// Consumes the parser's events over `self.text` (spans shifted by `self.base`).
    fn run_body(&mut self) {
        let opts = Options::ENABLE_TABLES;
        let parser = Parser::new_ext(self.text, opts).into_offset_iter();
        // innermost inline container
        let mut inl: Option<InlineBuf> = None;
        let mut heading: Option<u8> = None;
        // table under construction
        let mut table: Option<TableBuf> = None;
        let mut row: Vec<Inline> = Vec::new();
        // code block under construction
        let mut code: Option<CodeBuf> = None;
        let mut html_block: Option<(usize, usize)> = None;

        for (ev, range) in parser {
            match ev {
                Event::Start(Tag::Paragraph) => {
                    // text of a list item before its first paragraph (loose lists) or a
                    // nested list is a paragraph of its own
                    if let Some(buf) = inl.take() {
                        self.item_text(buf);
                    }
                    inl = Some(InlineBuf::new(range.start, range.end));
                }
                Event::End(TagEnd::Paragraph) => {
                    if let Some(buf) = inl.take() {
                        self.paragraph(buf);
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    heading = Some(level as u8);
                    inl = Some(InlineBuf::new(range.start, range.end));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let (Some(level), Some(buf)) = (heading.take(), inl.take()) {
                        self.heading(level, buf);
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    table = Some(TableBuf { header: Vec::new(), rows: Vec::new(), start: range.start, end: range.end })
                }
                Event::Start(Tag::TableHead) => {
                    row.clear();
                }
                Event::End(TagEnd::TableHead) => {
                    if let Some(t) = table.as_mut() {
                        t.header = std::mem::take(&mut row);
                    }
                }
                // a row has as many cells as the header, as a rule: sized once
                Event::Start(Tag::TableRow) => {
                    row = Vec::with_capacity(table.as_ref().map_or(0, |t| t.header.len()));
                }
                Event::End(TagEnd::TableRow) => {
                    if let Some(t) = table.as_mut() {
                        let cells = std::mem::take(&mut row);
                        self.check_row(&t.header, range.start, range.end);
                        t.rows.push(cells);
                    }
                }
                Event::Start(Tag::TableCell) => inl = Some(InlineBuf::new(range.start, range.end)),
                Event::End(TagEnd::TableCell) => {
                    if let Some(buf) = inl.take() {
                        row.push(self.finish_inline(buf));
                    }
                }
                Event::End(TagEnd::Table) => {
                    if let Some(TableBuf { header, rows, start, end }) = table.take() {
                        let annotation = self.pending.take();
                        self.blocks.push(Block::Table(Table { header, rows, span: self.span(start, end), annotation }));
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match &kind {
                        CodeBlockKind::Fenced(info) => info
                            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                            .next()
                            .unwrap_or("")
                            .to_ascii_lowercase(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                    code = Some(CodeBuf {
                        lang,
                        body: String::new(),
                        text_range: None,
                        start: range.start,
                        fenced_end: if fenced { range.end } else { 0 },
                    });
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(CodeBuf { lang, body, text_range, start, fenced_end }) = code.take() {
                        self.code_block(lang, body, text_range, start, range.end.max(fenced_end));
                    }
                }
                Event::Text(t) => {
                    if let Some(c) = code.as_mut() {
                        c.body.push_str(&t);
                        c.text_range = Some(match c.text_range {
                            Some((s, _)) => (s, range.end),
                            None => (range.start, range.end),
                        });
                    } else if let Some(buf) = inl.as_mut() {
                        buf.push_text(&t);
                        buf.end = buf.end.max(range.end);
                    }
                }
                Event::Code(t) => {
                    if let Some(buf) = inl.as_mut() {
                        let at = buf.next_pos();
                        buf.inline.code_at.push(at);
                        buf.push_text(&t);
                        buf.inline.code.push(t.to_string());
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(buf) = inl.as_mut() {
                        buf.push_text(" ");
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                    if let Some(buf) = inl.as_mut() {
                        let at = buf.next_pos();
                        buf.link_stack.push((dest_url.to_string(), at, range.start));
                    }
                }
                Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                    if let Some(buf) = inl.as_mut() {
                        if let Some((href, at, start)) = buf.link_stack.pop() {
                            let text = buf.inline.text.get(at..).unwrap_or("").to_string();
                            let span = self.span(start, range.end);
                            buf.inline.links.push(Link { text, href, span });
                        }
                    }
                }
                Event::Start(Tag::Strong) => {
                    if let Some(buf) = inl.as_mut() {
                        buf.strong_start = Some(buf.next_pos());
                    }
                }
                Event::End(TagEnd::Strong) => {
                    if let Some(buf) = inl.as_mut() {
                        if let Some(at) = buf.strong_start.take() {
                            let s = buf.inline.text.get(at..).unwrap_or("").to_string();
                            buf.inline.strong.push(s);
                        }
                    }
                }
                Event::Start(Tag::HtmlBlock) => html_block = Some((range.start, range.end)),
                Event::Html(_) => {
                    if let Some(h) = html_block.as_mut() {
                        h.1 = h.1.max(range.end);
                    }
                }
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some((s, e)) = html_block.take() {
                        self.html(s, e.max(range.end));
                    }
                }
                Event::InlineHtml(h) => {
                    let lower = h.to_ascii_lowercase();
                    if lower.starts_with("<!--") {
                        self.html(range.start, range.end);
                    } else if let Some(buf) = inl.as_mut() {
                        if lower.starts_with("<br")
                            || lower.starts_with("<li")
                            || lower.starts_with("</li")
                            || lower.starts_with("<p")
                        {
                            buf.push_text(" ");
                        }
                    }
                }
                // tight list items hold inline text without a paragraph: collect it as one
                Event::Start(Tag::Item) => {
                    if let Some(buf) = inl.take() {
                        self.item_text(buf);
                    }
                    inl = Some(InlineBuf::new(range.start, range.start));
                }
                Event::End(TagEnd::Item) | Event::Start(Tag::List(_)) => {
                    if let Some(buf) = inl.take() {
                        self.item_text(buf);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self) {
        // Front matter is only the block at the very start of the file; pulldown-cmark
        // parses the markdown after it (a `---` pair further down is markdown, not YAML).
        let body_start = self.split_front_matter();
        let full = self.text;
        self.text = full.get(body_start..).unwrap_or("");
        self.base = body_start;
        self.run_body();
        self.text = full;
        self.base = 0;
        if let Some(a) = self.pending.take() {
            self.orphan(&a, "the end of the page");
        }
    }

    fn finish_inline(&self, buf: InlineBuf) -> Inline {
        let mut inline = buf.inline;
        let len = inline.text.trim_end().len();
        inline.text.truncate(len);
        for at in &mut inline.code_at {
            *at = (*at).min(len);
        }
        inline.span = self.span(buf.start, buf.end);
        inline
    }

    fn item_text(&mut self, buf: InlineBuf) {
        if !buf.inline.text.trim().is_empty() {
            self.paragraph(buf);
        }
    }

    fn paragraph(&mut self, buf: InlineBuf) {
        let start = buf.start;
        if self.table_with_tabs(buf.start, buf.end) {
            return;
        }
        let inline = self.finish_inline(buf);
        if is_include(&inline.text) {
            for link in &inline.links {
                self.blocks.push(Block::Include(Include { target: link.href.clone(), span: link.span }));
            }
            if inline.links.is_empty() {
                self.blocks.push(Block::Include(Include { target: String::new(), span: inline.span }));
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
    fn table_with_tabs(&mut self, start: usize, end: usize) -> bool {
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

    fn heading(&mut self, level: u8, buf: InlineBuf) {
        let inline = self.finish_inline(buf);
        let tab = inline.links.iter().any(|l| l.href.starts_with("#tab/"));
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

    fn code_block(&mut self, lang: String, body: String, text_range: Option<(usize, usize)>, start: usize, end: usize) {
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
        let lines = code_lines::line_spans(self.file, src, text_span.start as usize, &body);
        let line = u32::try_from(self.src.line_index(self.base + start) + 1).unwrap_or(u32::MAX);
        self.blocks.push(Block::Code(CodeBlock {
            lang,
            text: body,
            text_span,
            lines,
            line,
            span: self.span(start, end),
            annotation,
        }));
    }

    /// An HTML block or inline HTML: looks for `<!-- { ... } -->` annotations.
    fn html(&mut self, start: usize, end: usize) {
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

    fn maybe_annotation(&mut self, body: &str, at: usize) {
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

    fn orphan(&mut self, a: &Annotation, what: &str) {
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

    fn check_row(&mut self, header: &[Inline], start: usize, end: usize) {
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

    fn front_matter(&mut self, yaml: &str, at: usize) {
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

    fn lint_front(&mut self, fm: &FrontMatter, yaml: &str, at: usize) {
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
    fn split_front_matter(&mut self) -> usize {
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

    fn finish(self) -> (Page, Diagnostics) {
        let kind = classify(&self.src.rel, self.front.as_ref(), self.title.as_ref().map(|t| t.text.as_str()));
        let mut diags = self.diags;
        if !self.src.binary && !self.text.trim().is_empty() {
            if self.front.is_none() && !self.text.starts_with("---") && kind != PageKind::Include {
                diags.push(
                    Diagnostic::new(Code::D0005, Span::new(self.file, 0, 0), "page has no front matter")
                        .help("start the page with `---`, `title:`, `description:`, `doc_type:` and `---`"),
                );
            }
            let has_doc_type =
                self.front.as_ref().and_then(|f| f.doc_type.as_deref()).is_some_and(|d| doc_type_kind(d).is_some());
            if let Some(stated) = self.front.as_ref().and_then(|f| f.doc_type.as_deref()).and_then(doc_type_kind) {
                if stated != kind {
                    let span = self
                        .front_range
                        .and_then(|(a, b)| Some((a, yaml_key_span(self.text.get(a..b)?, "doc_type")?)))
                        .map_or(Span::new(self.file, 0, 0), |(a, (s, e))| {
                            Span::new(self.file, self.base + a + s, self.base + a + e)
                        });
                    diags.push(
                        Diagnostic::new(
                            Code::D0020,
                            span,
                            format!(
                                "`doc_type` says `{}` but the folder and the title say `{}`; read as `{}`",
                                kind_name(stated),
                                kind_name(kind),
                                kind_name(kind)
                            ),
                        )
                        .help(format!("set `doc_type: {}`", doc_type_name(kind))),
                    );
                }
            }
            if !has_doc_type && kind != PageKind::Include && self.front.is_some() {
                diags.push(
                    Diagnostic::new(Code::D0016, Span::new(self.file, 0, 0), format!("page kind guessed as `{}`", kind_name(kind)))
                        .help("set `doc_type:` (apiPageType, resourcePageType, enumPageType, conceptualPageType) in the front matter"),
                );
            }
        }
        let page = Page {
            file: self.file,
            rel: self.src.rel.clone(),
            kind,
            front: self.front,
            title: self.title,
            namespace: self.namespace,
            blocks: self.blocks,
        };
        (page, diags)
    }
}

fn kind_name(k: PageKind) -> &'static str {
    match k {
        PageKind::Api => "api",
        PageKind::Resource => "resource",
        PageKind::Enum => "enum",
        PageKind::Conceptual => "conceptual",
        PageKind::Include => "include",
        PageKind::Unknown => "unknown",
    }
}

fn doc_type_name(k: PageKind) -> &'static str {
    match k {
        PageKind::Api => "apiPageType",
        PageKind::Resource => "resourcePageType",
        PageKind::Enum => "enumPageType",
        _ => "conceptualPageType",
    }
}

fn doc_type_kind(d: &str) -> Option<PageKind> {
    match d.trim().to_ascii_lowercase().as_str() {
        "apipagetype" => Some(PageKind::Api),
        "resourcepagetype" => Some(PageKind::Resource),
        "enumpagetype" => Some(PageKind::Enum),
        "conceptualpagetype" | "conceptual" => Some(PageKind::Conceptual),
        _ => None,
    }
}

/// Page kind from `doc_type`, else the folder, else the title. A `doc_type` that both the
/// folder and the title contradict (`apiPageType` on `resources/x.md`, "x resource type")
/// is a slip of the docs: folder and title win (reported by the parser as D0020).
pub fn classify(rel: &str, front: Option<&FrontMatter>, h1: Option<&str>) -> PageKind {
    let folder = folder_kind(rel);
    let titled = title_kind(front, h1);
    if let Some(k) = front.and_then(|f| f.doc_type.as_deref()).and_then(doc_type_kind) {
        return match (folder, titled) {
            (Some(f), Some(t)) if f == t && f != k && f != PageKind::Include => f,
            _ => k,
        };
    }
    folder.or(titled).unwrap_or(PageKind::Unknown)
}

fn folder_kind(rel: &str) -> Option<PageKind> {
    match rel.split('/').next().unwrap_or("") {
        "api" => Some(PageKind::Api),
        "resources" => Some(PageKind::Resource),
        "includes" => Some(PageKind::Include),
        _ => None,
    }
}

/// The kind the H1 says, else the kind the front-matter title says.
fn title_kind(front: Option<&FrontMatter>, h1: Option<&str>) -> Option<PageKind> {
    h1.and_then(kind_of_title).or_else(|| front.and_then(|f| f.title.as_deref()).and_then(kind_of_title))
}

fn kind_of_title(title: &str) -> Option<PageKind> {
    let title = title.trim().to_ascii_lowercase();
    if title.ends_with(" enum") || title.ends_with(" enum type") || title.ends_with(" enumeration") {
        return Some(PageKind::Enum);
    }
    if title.ends_with("resource type") || title.ends_with(" complex type") || title.ends_with(" resource") {
        return Some(PageKind::Resource);
    }
    const VERBS: &[&str] = &["get", "list", "create", "update", "delete", "add", "remove", "post", "patch", "put"];
    let first_word = title.split_whitespace().next().unwrap_or("");
    (VERBS.contains(&first_word) || title.contains("method")).then_some(PageKind::Api)
}

/// True for the Graph docs' TODO placeholders (`**TODO: ...**`, `TODO: ...`).
pub fn is_todo(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c == '*' || c.is_whitespace());
    t.len() >= 4 && t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("todo"))
}

/// Byte range of the line `key: ...` inside the YAML text.
fn yaml_key_span(yaml: &str, key: &str) -> Option<(usize, usize)> {
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

/// True when a paragraph's text holds `[!INCLUDE` or `[!include`.
fn is_include(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'[', b).any(|i| b.get(i + 1..i + 9).is_some_and(|r| r == b"!INCLUDE" || r == b"!include"))
}

/// Number of cells in a raw table row (unescaped pipes outside code spans).
fn count_cells(raw: &str) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Page, Diagnostics) {
        let f = SourceFile::new("api/x.md", text.to_string());
        parse(FileId(0), &f)
    }

    #[test]
    fn doc_type_contradicted_by_folder_and_title() {
        let page = |rel: &str, doc_type: &str, title: &str| {
            let text = format!("---\ntitle: \"{title}\"\ndoc_type: {doc_type}\n---\n\n# {title}\n");
            parse(FileId(0), &SourceFile::new(rel, text))
        };
        // folder and title both say resource: the doc_type is the slip
        let (p, d) = page("resources/gizmo.md", "apiPageType", "gizmo resource type");
        assert_eq!(p.kind, PageKind::Resource);
        let d20: Vec<_> = d.items.iter().filter(|d| d.code == Code::D0020).collect();
        assert_eq!(d20.len(), 1);
        // at the `doc_type:` line
        assert_eq!(d20[0].span.start, 33);
        // only the folder disagrees: the doc_type stands
        let (p, d) = page("resources/gizmo.md", "apiPageType", "Get gizmo");
        assert_eq!(p.kind, PageKind::Api);
        assert!(d.items.iter().all(|d| d.code != Code::D0020));
        let (p, _) = page("api/gizmo-update.md", "resourcePageType", "Update gizmo");
        assert_eq!(p.kind, PageKind::Api);
    }

    #[test]
    fn annotation_attaches_to_next_code_block() {
        let (p, d) = parse_str(
            "# T\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"n\"\n}\n-->\n```http\nGET /me\n```\n",
        );
        assert!(d.items.iter().all(|d| d.code == Code::D0005), "{:?}", d.items);
        let code = p.blocks.iter().find_map(|b| if let Block::Code(c) = b { Some(c) } else { None }).unwrap();
        assert_eq!(code.lang, "http");
        assert_eq!(code.text, "GET /me\n");
        assert_eq!(code.annotation.as_ref().unwrap().name.as_deref(), Some("n"));
    }

    #[test]
    fn table_cells_keep_links_code_and_escaped_pipes() {
        let (p, _) =
            parse_str("|Property|Type|Description|\n|:--|:--|:--|\n|a|[x](x.md) collection|One of `p`, `q` a\\|b|\n");
        let Block::Table(t) = &p.blocks[0] else { panic!() };
        assert_eq!(t.header.len(), 3);
        assert_eq!(t.rows[0][1].links[0].href, "x.md");
        assert_eq!(t.rows[0][2].code, vec!["p", "q"]);
        assert!(t.rows[0][2].text.ends_with("a|b"));
    }

    #[test]
    fn unclosed_fence_and_comment_are_reported() {
        let (_, d) = parse_str("# T\n\n```http\nGET /x\n");
        assert_eq!(d.items.iter().filter(|d| d.code == Code::D0008).count(), 1);
        let (_, d) = parse_str("# T\n\n<!-- { \"blockType\": \"request\"\n\ntext\n");
        assert!(d.items.iter().any(|d| d.code == Code::D0009));
    }

    #[test]
    fn includes_and_namespace_are_recognized() {
        let (p, _) = parse_str("# T\n\nNamespace: microsoft.graph.callRecords\n\n[!INCLUDE [a](../includes/a.md)]\n");
        assert_eq!(p.namespace.as_ref().unwrap().0, "microsoft.graph.callRecords");
        assert!(matches!(&p.blocks[2], Block::Include(i) if i.target == "../includes/a.md"));
    }

    #[test]
    fn tight_list_items_are_paragraphs() {
        let (p, _) = parse_str("# T\n\n- first `$select`\n- second\n  - nested\n\n1. loose\n\n2. items\n");
        let texts: Vec<&str> = p
            .blocks
            .iter()
            .filter_map(|b| if let Block::Paragraph(i) = b { Some(i.text.as_str()) } else { None })
            .collect();
        assert_eq!(texts, ["first $select", "second", "nested", "loose", "items"]);
    }

    #[test]
    fn front_matter_only_at_the_start() {
        let (p, d) = parse_str(
            "---\ntitle: \"x resource type\"\ndoc_type: resourcePageType\n---\n# x\n\ntext\n\n---\nnot: yaml\n---\n",
        );
        assert_eq!(p.front.as_ref().and_then(|f| f.title.as_deref()), Some("x resource type"));
        assert!(d.items.is_empty(), "{:?}", d.items);
        assert_eq!(p.title.as_ref().map(|t| t.text.as_str()), Some("x"));
        let (_, d) = parse_str("---\ntitle: x\n# never closed\n");
        assert_eq!(d.items.iter().filter(|d| d.code == Code::D0004).count(), 1);
    }

    #[test]
    fn table_with_tabs_is_read_and_reported() {
        let text = "---\ntitle: t\n---\n# T\n\n| Property\t| Type |\n| --- |---\t\t|\n| a\t| String |\n";
        let (p, d) = parse_str(text);
        let t = p.blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(&text[t.rows[0][0].span.range()].trim(), &"a");
        assert!(d.items.iter().any(|d| d.code == Code::D0019));
    }

    #[test]
    fn todo_detection() {
        assert!(is_todo("**TODO: Provide"));
        assert!(is_todo("todo"));
        assert!(!is_todo("Today"));
    }
}
