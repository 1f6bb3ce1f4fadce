//! The XML layer: roxmltree parses the file (byte ranges kept), and helpers read elements
//! by local name and attributes with their spans. A document that is not well-formed is
//! one C0001 diagnostic at the place the parser stopped.

use codegen_core::diag::{Code, Diagnostic, FileId, Span};
use codegen_core::source::SourceFile;
use roxmltree::{Document, Node, ParsingOptions};

/// Where the reader is: the file, for spans.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub file: FileId,
}

impl Ctx {
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end)
    }

    /// The span of an element's start tag name (`<EntityType`), so a snippet shows one line.
    pub fn tag(&self, node: Node) -> Span {
        let start = node.range().start;
        let text = node.document().input_text();
        // `<` and the (maybe prefixed) name, up to white space, `>` or `/`
        let end = text
            .get(start + 1..)
            .and_then(|s| s.find(|c: char| c.is_whitespace() || c == '>' || c == '/'))
            .map_or(start + 1, |e| start + 1 + e);
        Span::new(self.file, start, end)
    }

    /// An attribute's value and the span of the whole attribute (`Name="x"`).
    pub fn attr<'a>(&self, node: Node<'a, '_>, name: &str) -> Option<(&'a str, Span)> {
        let a = node.attributes().find(|a| a.name() == name && a.namespace().is_none())?;
        Some((a.value(), self.span(a.range())))
    }
}

/// Parses the file; `Err` is the C0001 diagnostic.
pub fn parse<'a>(file: FileId, src: &'a SourceFile) -> Result<Document<'a>, Diagnostic> {
    // DTDs are allowed (roxmltree bounds entity expansion); anything else malformed stops here
    let opts = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    Document::parse_with_options(&src.text, opts).map_err(|e| {
        let pos = e.pos();
        let offset = offset_of(src, pos.row as usize, pos.col as usize);
        Diagnostic::new(
            Code::C0001,
            Span::new(file, offset, offset),
            format!("the metadata is not well-formed XML: {e}"),
        )
        .help("fix the XML at this place; nothing of the file was read")
    })
}

/// Byte offset of a 1-based row and column (in characters).
fn offset_of(src: &SourceFile, row: usize, col: usize) -> usize {
    let range = src.line_range(row.saturating_sub(1));
    let line = src.text.get(range.clone()).unwrap_or_default();
    let within = line.char_indices().nth(col.saturating_sub(1)).map_or(line.len(), |(i, _)| i);
    range.start + within
}

/// The element children of `node`.
pub fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(Node::is_element)
}

/// The local name of an element (namespaces are not compared, as OData readers do not).
pub fn local<'i>(node: Node<'_, 'i>) -> &'i str {
    node.tag_name().name()
}
