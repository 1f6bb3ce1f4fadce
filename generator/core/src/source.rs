//! Stage 1, read: walks a docs tree and loads every page into a [`SourceDb`].
//!
//! This is the only module that reads input from the file system. Files are read in
//! parallel and stored in path order, so ids never depend on the file system's order.

use crate::diag::{Code, Diagnostic, Diagnostics, FileId, Span};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One read file: its path relative to the docs root (with `/`), its text and line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub rel: String,
    pub text: String,
    line_starts: Vec<u32>,
    /// True when the file held NUL bytes and was not parsed.
    pub binary: bool,
}

impl SourceFile {
    pub fn new(rel: impl Into<String>, text: String) -> SourceFile {
        let mut line_starts = Vec::with_capacity(text.len() / 48 + 1);
        line_starts.push(0u32);
        line_starts
            .extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)));
        SourceFile { rel: rel.into(), text, line_starts, binary: false }
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        let off = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.line_starts.binary_search(&off) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of a 0-based line, without its line break.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts.get(line).map_or(self.text.len(), |&s| s as usize);
        let end = self.line_starts.get(line + 1).map_or(self.text.len(), |&s| s as usize);
        let mut end = end.max(start);
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let start = self.line_starts.get(line).map_or(0, |&s| s as usize);
        let offset = offset.min(self.text.len()).max(start);
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// A view of a [`SourceDb`] that gives paths and line numbers, never text: stages that
/// work on facts rather than pages take this, so the compiler keeps them off the text.
#[derive(Debug, Clone, Copy)]
pub struct Paths<'a> {
    db: &'a SourceDb,
}

impl<'a> Paths<'a> {
    /// The path of a file, relative to the root (empty for an unknown id).
    pub fn rel(&self, id: FileId) -> &'a str {
        self.db.get(id).map_or("", |f| f.rel.as_str())
    }

    pub fn find(&self, rel: &str) -> Option<FileId> {
        self.db.find(rel)
    }

    /// See [`SourceDb::find_ignore_case`].
    pub fn find_ignore_case(&self, rel: &str) -> Option<FileId> {
        self.db.find_ignore_case(rel)
    }

    /// The 1-based line a span starts on (0 for an unknown file).
    pub fn line(&self, span: Span) -> u32 {
        self.db.get(span.file).map_or(0, |f| u32::try_from(f.line_index(span.start as usize) + 1).unwrap_or(u32::MAX))
    }
}

/// All files of one run, indexed by [`FileId`].
#[derive(Debug, Default, Clone)]
pub struct SourceDb {
    pub root: PathBuf,
    pub files: Vec<SourceFile>,
    /// Lower-cased paths, sorted, built on the first case-insensitive lookup.
    lower: std::sync::OnceLock<Vec<(String, FileId)>>,
    /// Files `[..sorted]` are in path order; files pushed after them (a metadata file
    /// beside a docs tree) keep their ids and are searched one by one.
    sorted: usize,
}

impl SourceDb {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> {
        (0..self.files.len()).map(|i| FileId(i as u32))
    }

    pub fn find(&self, rel: &str) -> Option<FileId> {
        let sorted = self.files.get(..self.sorted).unwrap_or_default();
        match sorted.binary_search_by(|f| f.rel.as_str().cmp(rel)) {
            Ok(i) => Some(FileId(i as u32)),
            Err(_) => {
                let tail = self.files.get(self.sorted..).unwrap_or_default();
                tail.iter().position(|f| f.rel == rel).map(|i| FileId((self.sorted + i) as u32))
            }
        }
    }

    /// The file whose path equals `rel` but for ASCII case (the web serves Graph's docs
    /// case-insensitively, so links often differ in case from the file name). Of paths that
    /// differ only in case, the first in path order.
    pub fn find_ignore_case(&self, rel: &str) -> Option<FileId> {
        let lower = self.lower.get_or_init(|| {
            let mut v: Vec<(String, FileId)> =
                self.files.iter().enumerate().map(|(i, f)| (f.rel.to_ascii_lowercase(), FileId(i as u32))).collect();
            v.sort();
            v
        });
        let key = rel.to_ascii_lowercase();
        let at = lower.partition_point(|(p, _)| p.as_str() < key.as_str());
        lower.get(at).filter(|(p, _)| *p == key).map(|(_, id)| *id)
    }

    /// The files' paths and lines, without their text: what the stages after parsing
    /// may read.
    pub fn paths(&self) -> Paths<'_> {
        Paths { db: self }
    }

    /// Adds an in-memory file (tests, fixtures). Keeps the path order.
    pub fn add(&mut self, rel: &str, text: &str) -> FileId {
        self.files.push(SourceFile::new(rel, text.to_string()));
        self.files.sort_by(|a, b| a.rel.cmp(&b.rel));
        self.sorted = self.files.len();
        self.lower = std::sync::OnceLock::new();
        self.find(rel).unwrap_or(FileId(0))
    }

    /// Appends a file without moving the others (their ids, and every span into them, stay
    /// valid): a metadata file read beside a docs tree.
    pub fn push(&mut self, rel: &str, text: String) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile::new(rel, text));
        self.lower = std::sync::OnceLock::new();
        id
    }

    /// Reads one file (a metadata document) and [`SourceDb::push`]es it as `rel`; a BOM is
    /// dropped, and text that is not UTF-8 decoded lossily (reported as D0001).
    pub fn read_file(&mut self, path: &Path, rel: &str) -> std::io::Result<(FileId, Diagnostics)> {
        let bytes = std::fs::read(path)?;
        let (file, code) = decode(rel, bytes);
        let id = self.push(rel, file.text);
        let mut diags = Diagnostics::default();
        if let Some(code) = code {
            let msg = match code {
                Code::D0001 => format!("`{rel}` is not valid UTF-8"),
                Code::D0002 => format!("`{rel}` holds NUL bytes and was not read"),
                _ => format!("`{rel}` is empty"),
            };
            diags.push(Diagnostic::new(code, Span::new(id, 0, 0), msg).help("the file should be UTF-8 text"));
        }
        Ok((id, diags))
    }

    /// Reads the file at `path` as `rel` when it is a regular file (an include outside the
    /// docs tree); `None`, without reading anything, when there is no such file.
    pub fn read_if_file(&mut self, path: &Path, rel: &str) -> std::io::Result<Option<(FileId, Diagnostics)>> {
        if !path.is_file() {
            return Ok(None);
        }
        self.read_file(path, rel).map(Some)
    }

    /// Reads a docs tree. Pages are the `.md` files under `api/`, `resources/` and
    /// `includes/` when any of those exist, otherwise every `.md` and `.txt` file.
    pub fn read_tree(root: &Path) -> std::io::Result<(SourceDb, Diagnostics)> {
        let mut paths = Vec::new();
        let known: Vec<PathBuf> =
            ["api", "resources", "includes"].iter().map(|d| root.join(d)).filter(|p| p.is_dir()).collect();
        if known.is_empty() {
            walk(root, &mut paths, &["md", "txt"])?;
        } else {
            for dir in &known {
                walk(dir, &mut paths, &["md"])?;
            }
        }
        let mut rels: Vec<(String, PathBuf)> = paths
            .into_par_iter()
            .map(|p| {
                let rel = p.strip_prefix(root).unwrap_or(&p);
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                (rel, p)
            })
            .collect();
        rels.sort();
        rels.dedup_by(|a, b| a.0 == b.0);
        let loaded: Vec<std::io::Result<(SourceFile, Option<Code>)>> = rels
            .par_iter()
            .map(|(rel, path)| {
                let bytes = std::fs::read(path)?;
                Ok(decode(rel, bytes))
            })
            .collect();
        let mut db = SourceDb {
            root: root.to_path_buf(),
            files: Vec::with_capacity(loaded.len()),
            lower: Default::default(),
            sorted: loaded.len(),
        };
        let mut diags = Diagnostics::default();
        for item in loaded {
            let (file, code) = item?;
            let id = FileId(db.files.len() as u32);
            if let Some(code) = code {
                let span = Span::new(id, 0, 0);
                let msg = match code {
                    Code::D0001 => format!("`{}` is not valid UTF-8", file.rel),
                    Code::D0002 => format!("`{}` holds NUL bytes and was skipped", file.rel),
                    _ => format!("`{}` is empty", file.rel),
                };
                let help = match code {
                    Code::D0001 => "save the file as UTF-8",
                    Code::D0002 => "docs pages are text; remove the file or move it out of the docs tree",
                    _ => "write the page or delete the file",
                };
                diags.push(Diagnostic::new(code, span, msg).help(help));
            }
            db.files.push(file);
        }
        Ok((db, diags))
    }
}

fn decode(rel: &str, bytes: Vec<u8>) -> (SourceFile, Option<Code>) {
    if bytes.contains(&0) {
        let mut f = SourceFile::new(rel, String::new());
        f.binary = true;
        return (f, Some(Code::D0002));
    }
    let (text, code) = match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(Code::D0001)),
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    };
    let code = code.or_else(|| text.trim().is_empty().then_some(Code::D0003));
    (SourceFile::new(rel, text), code)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, exts: &[&str]) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ty = entry.file_type()?;
        if ty.is_dir() {
            walk(&path, out, exts)?;
        } else if ty.is_file() {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            if exts.contains(&ext.as_str()) {
                out.push(path);
            }
        }
    }
    Ok(())
}

/// Lets codespan-reporting render snippets straight from the database.
impl<'a> codespan_reporting::files::Files<'a> for SourceDb {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.get(id).map(|f| f.rel.as_str()).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.get(id).map(|f| f.text.as_str()).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        self.get(id).map(|f| f.line_index(byte_index)).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        let f = self.get(id).ok_or(codespan_reporting::files::Error::FileMissing)?;
        if line_index >= f.line_count() {
            return Err(codespan_reporting::files::Error::LineTooLarge { given: line_index, max: f.line_count() });
        }
        let start = f.line_starts[line_index] as usize;
        let end = f.line_starts.get(line_index + 1).map_or(f.text.len(), |&s| s as usize);
        Ok(start..end)
    }
}
