//! Stage 2, parse: one file's markdown -> a [`Page`] of blocks with spans.
//!
//! pulldown-cmark's offset iterator is the only markdown parser; this module consumes its
//! events. Annotations (`<!-- { ... } -->`) are attached to the table or code block that
//! follows them. Front matter goes through [`crate::frontmatter`].

use crate::annotation::Annotation;
use crate::frontmatter::FrontMatter;
use codegen_core::diag::{Diagnostics, FileId, Span};
use codegen_core::source::SourceFile;

mod blocks;
mod code_lines;

pub use code_lines::CodeLines;
mod front;
mod inline;
mod kind;
mod parser;

pub use kind::{classify, is_todo};
use parser::PageParser;

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
    /// Deprecation and availability notices of the includes this page includes (set by
    /// the includes stage).
    pub notices: crate::notices::Notices,
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

    /// The page's `[!INCLUDE]` blocks, in order.
    pub fn includes(&self) -> impl Iterator<Item = &Include> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Include(i) => Some(i),
            _ => None,
        })
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
    pub span: Span,
    /// Links, code spans and strong runs: boxed, as most cells and paragraphs have none
    /// (a page holds thousands of inlines).
    marks: Option<Box<Marks>>,
}

/// What an inline holds besides its text.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub links: Vec<Link>,
    /// Text of each code span, in order.
    pub code: Vec<String>,
    /// Byte offset in `text` where each code span starts (parallel to `code`).
    pub code_at: Vec<usize>,
    /// Text of strong (`**x**`) runs, in order.
    pub strong: Vec<String>,
}

impl Inline {
    /// Text without marks, at no place.
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline { text: text.into(), ..Inline::default() }
    }

    pub fn links(&self) -> &[Link] {
        self.marks.as_ref().map_or(&[], |m| &m.links)
    }

    /// Text of each code span, in order.
    pub fn code(&self) -> &[String] {
        self.marks.as_ref().map_or(&[], |m| &m.code)
    }

    /// Byte offset in `text` where each code span starts (parallel to [`Inline::code`]).
    pub fn code_at(&self) -> &[usize] {
        self.marks.as_ref().map_or(&[], |m| &m.code_at)
    }

    /// Text of strong (`**x**`) runs, in order.
    pub fn strong(&self) -> &[String] {
        self.marks.as_ref().map_or(&[], |m| &m.strong)
    }

    /// The marks, made on first use.
    pub fn marks_mut(&mut self) -> &mut Marks {
        self.marks.get_or_insert_with(Default::default)
    }
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
    Code(Box<CodeBlock>),
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
    /// Where each line of `text` stands in its file.
    pub lines: CodeLines,
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
    /// The text in the brackets (`national-cloud-support`), as written.
    pub label: String,
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

/// Parses a file read from outside the tree as an include page, whatever its path says.
pub fn parse_include(file: FileId, src: &SourceFile) -> (Page, Diagnostics) {
    let mut p = PageParser::new(file, src);
    p.force_kind = Some(PageKind::Include);
    if !src.binary {
        p.run();
    }
    p.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen_core::diag::Code;

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
        assert_eq!(t.rows[0][1].links()[0].href, "x.md");
        assert_eq!(t.rows[0][2].code(), ["p", "q"]);
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
