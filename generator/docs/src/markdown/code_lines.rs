//! Where each line of a code block stands in its file. Blocks inside lists or quotes have
//! their indentation stripped by pulldown-cmark, so the lines are found in the source once,
//! at parse time; later stages read the spans, never the source text.

use codegen_core::diag::{FileId, Span};

/// Where the lines of a code block stand in its file, decided at parse time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeLines {
    /// The block's text is the source between the fences, which starts at `base`: each
    /// line's span follows from the text (most blocks; nothing is stored per line).
    Exact { file: FileId, base: u32 },
    /// The parser stripped indentation (a block in a list or quote): each line found in the
    /// source.
    Found(Vec<Span>),
}

impl CodeLines {
    /// Locates the block's lines: `src` is the source between the fences, from byte `base`.
    pub fn locate(file: FileId, src: &str, base: usize, text: &str) -> CodeLines {
        if src == text {
            CodeLines::Exact { file, base: u32::try_from(base).unwrap_or(u32::MAX) }
        } else {
            CodeLines::Found(line_spans(file, src, base, text))
        }
    }

    /// The span of every line of `text` (the block's text).
    pub fn spans(&self, text: &str) -> Vec<Span> {
        match self {
            CodeLines::Exact { file, base } => line_spans(*file, text, *base as usize, text),
            CodeLines::Found(spans) => spans.clone(),
        }
    }
}

/// The span of every line of `text` (split at `\n`, without the line break), located in
/// `src`, the source between the fences, which starts at byte `base` of the file.
fn line_spans(file: FileId, src: &str, base: usize, text: &str) -> Vec<Span> {
    let exact = src == text;
    let mut out = Vec::new();
    let mut off = 0usize;
    let mut cursor = 0usize;
    // the line ends found in one pass over the block
    let bytes = text.as_bytes();
    let mut from = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).map(|i| i + 1).chain(std::iter::once(bytes.len()));
    let raws = ends.filter_map(|end| {
        let raw = text.get(from..end).filter(|r| !r.is_empty());
        from = end;
        raw
    });
    for raw in raws {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = if exact {
            off
        } else {
            let needle = line.trim();
            match src.get(cursor..).and_then(|r| if needle.is_empty() { None } else { r.find(needle) }) {
                Some(i) => cursor + i,
                None => cursor,
            }
        };
        let len = if exact { line.len() } else { line.trim().len() };
        out.push(Span::new(file, base + start, base + start + len));
        if !exact {
            cursor = (start + len).min(src.len());
        }
        off += raw.len();
    }
    out
}
