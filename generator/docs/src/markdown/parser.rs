//! The page parser: consumes pulldown-cmark's events with offsets into blocks, with the
//! state of the block being built.

use super::front::yaml_key_span;
use super::inline::InlineBuf;
use super::kind::{classify, doc_type_kind, doc_type_name, kind_name};
use super::{Block, Inline, Link, Page, PageKind, Table};
use crate::annotation::Annotation;
use crate::frontmatter::FrontMatter;
use codegen_core::diag::{Code, Diagnostic, Diagnostics, FileId, Span};
use codegen_core::source::SourceFile;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

pub(super) struct PageParser<'a> {
    pub(super) file: FileId,
    /// Offset of `text` in the file (after the front matter, or of a re-read paragraph).
    pub(super) base: usize,
    /// Re-reading one paragraph (a table with tabs): no further re-reads.
    pub(super) nested: bool,
    pub(super) src: &'a SourceFile,
    pub(super) text: &'a str,
    pub(super) diags: Diagnostics,
    pub(super) blocks: Vec<Block>,
    pub(super) front: Option<FrontMatter>,
    /// Byte range of the front matter's YAML in `text`.
    pub(super) front_range: Option<(usize, usize)>,
    pub(super) title: Option<Inline>,
    pub(super) namespace: Option<(String, Span)>,
    /// The kind to give the page whatever it says (includes read from outside the tree).
    pub(super) force_kind: Option<PageKind>,
    pub(super) pending: Option<Box<Annotation>>,
}

/// A table under construction.
pub(super) struct TableBuf {
    pub(super) header: Vec<Inline>,
    pub(super) rows: Vec<Vec<Inline>>,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A code block under construction.
pub(super) struct CodeBuf {
    pub(super) lang: String,
    pub(super) body: String,
    pub(super) text_range: Option<(usize, usize)>,
    pub(super) start: usize,
    pub(super) fenced_end: usize,
}

impl<'a> PageParser<'a> {
    pub(super) fn new(file: FileId, src: &'a SourceFile) -> Self {
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
            force_kind: None,
            pending: None,
        }
    }

    pub(super) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.base + start, self.base + end)
    }

    /// Consumes the parser's events over `self.text` (spans shifted by `self.base`).
    pub(super) fn run_body(&mut self) {
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
                        buf.push_text(&t);
                        let marks = buf.inline.marks_mut();
                        marks.code_at.push(at);
                        marks.code.push(t.into_string());
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
                        buf.link_stack.push((dest_url.into_string(), at, range.start));
                    }
                }
                Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                    if let Some(buf) = inl.as_mut() {
                        if let Some((href, at, start)) = buf.link_stack.pop() {
                            let text = buf.inline.text.get(at..).unwrap_or("").to_string();
                            let span = self.span(start, range.end);
                            buf.inline.marks_mut().links.push(Link { text, href, span });
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
                            buf.inline.marks_mut().strong.push(s);
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

    pub(super) fn run(&mut self) {
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

    pub(super) fn finish_inline(&self, buf: InlineBuf) -> Inline {
        let mut inline = buf.inline;
        let len = inline.text.trim_end().len();
        inline.text.truncate(len);
        if let Some(m) = inline.marks.as_mut() {
            for at in &mut m.code_at {
                *at = (*at).min(len);
            }
        }
        inline.span = self.span(buf.start, buf.end);
        inline
    }

    pub(super) fn item_text(&mut self, buf: InlineBuf) {
        if !buf.inline.text.trim().is_empty() {
            self.paragraph(buf);
        }
    }

    pub(super) fn finish(self) -> (Page, Diagnostics) {
        let kind = self.force_kind.unwrap_or_else(|| {
            classify(&self.src.rel, self.front.as_ref(), self.title.as_ref().map(|t| t.text.as_str()))
        });
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
            notices: Default::default(),
        };
        (page, diags)
    }
}
