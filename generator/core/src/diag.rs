//! Diagnostics: stable codes, severities, spans, and the sink every stage writes to.
//!
//! Collection is separate from rendering (`render.rs`). A diagnostic always carries a
//! [`Span`] into a read file; line and column are computed only when it is rendered.

use rayon::slice::ParallelSliceMut;
use serde::Serialize;

/// Index of a file in the [`crate::source::SourceDb`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FileId(pub u32);

/// A byte range in one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { file, start, end }
    }

    /// A sub-range of this span, `rel_start..rel_end` bytes from its start, clamped.
    pub fn sub(self, rel_start: usize, rel_end: usize) -> Span {
        let len = (self.end - self.start) as usize;
        let s = rel_start.min(len);
        let e = rel_end.clamp(s, len);
        Span::new(self.file, self.start as usize + s, self.start as usize + e)
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

macro_rules! codes {
    ($($code:ident $sev:ident $name:literal $summary:literal,)*) => {
        /// Every diagnostic code, with its default severity and a one-sentence meaning.
        /// `D0xxx` are faults of the docs, `C0xxx` faults of the metadata (CSDL), `M0xxx`
        /// disagreements between the two; `E0xxx` are limits of the generator.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($code,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code),)* }
            }
            /// Short kebab-case name, shown next to the code.
            pub fn name(self) -> &'static str {
                match self { $(Code::$code => $name,)* }
            }
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$code => Severity::$sev,)* }
            }
            pub fn summary(self) -> &'static str {
                match self { $(Code::$code => $summary,)* }
            }
            pub fn parse(s: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(s) || c.name() == s)
            }
        }
    };
}

codes! {
    // --- reading and parsing (D00xx)
    D0001 Warning "not-utf8" "The file is not valid UTF-8; it was decoded with replacement characters.",
    D0002 Error "binary-file" "The file holds NUL bytes and looks binary; it was not read as markdown.",
    D0003 Warning "empty-file" "The file is empty or holds only white space.",
    D0004 Warning "front-matter-invalid" "The YAML front matter does not parse; the page is read without it.",
    D0005 Note "front-matter-missing" "The page has no YAML front matter, so its kind is guessed from folder and title.",
    D0006 Warning "front-matter-empty" "A front-matter field is present but empty.",
    D0007 Warning "todo-placeholder" "A TODO placeholder stands where real content belongs.",
    D0008 Warning "unclosed-fence" "A fenced code block is never closed; it runs to the end of the file.",
    D0009 Warning "unclosed-comment" "An HTML comment is never closed; it swallows the rest of the file.",
    D0010 Warning "include-missing" "An `[!INCLUDE]` names a file that does not exist.",
    D0011 Warning "annotation-repaired" "A JSON annotation is not valid JSON but was repaired (trailing comma, raw newline, ...).",
    D0012 Error "annotation-invalid" "A JSON annotation cannot be parsed, even leniently; it is ignored.",
    D0013 Warning "annotation-unknown-key" "A JSON annotation has a key the generator does not know.",
    D0014 Warning "annotation-unknown-block-type" "A JSON annotation has a blockType the generator does not know.",
    D0015 Warning "annotation-orphan" "A JSON annotation is not followed by the table or code block it should describe.",
    D0016 Note "page-kind-guessed" "The page's doc_type is missing or unknown; its kind was guessed.",
    D0017 Warning "ragged-table-row" "A table row has a different number of cells than the header.",
    D0018 Warning "include-cycle" "An `[!INCLUDE]` includes itself, directly or through other includes.",
    D0019 Warning "table-with-tabs" "A table is not recognized as one because its rows hold tabs; it was read with tabs as spaces.",
    D0020 Warning "doc-type-contradicted" "The page's doc_type disagrees with both its folder and its title; the page is read as they say.",
    D0021 Note "deprecation-disagreement" "The page's front-matter title and its heading disagree about whether it is `(deprecated)`; it is read as deprecated.",
    // --- types (D01xx)
    D0101 Note "unknown-table-shape" "A table's header is of no known shape; the table is not read as type data.",
    D0102 Warning "unresolved-type" "A type reference names no type documented in the tree.",
    D0103 Warning "duplicate-type" "Two pages define the same type; the first one is kept and the rest merged.",
    D0104 Warning "duplicate-property" "A property or member is listed twice for the same type.",
    D0105 Warning "enumeration-without-name" "A type cell says `Enumeration` without naming the enum; a name was derived.",
    D0106 Note "enum-from-prose" "A property lists possible values for a type with no page (an enum was derived) or for a String.",
    D0107 Warning "property-only-in-json" "A property appears in the JSON representation but in no table.",
    D0108 Note "property-missing-from-json" "A table property is absent from the page's JSON representation.",
    D0109 Note "type-from-api-page" "A type has no resource page; it was built from API page tables and examples.",
    D0110 Warning "type-disagreement" "Two pages describe the same property with different types.",
    D0111 Warning "link-missing-page" "A link points to a page that does not exist in the tree.",
    D0112 Warning "empty-type-cell" "A property row has no type; it is typed as String.",
    D0113 Warning "base-type-unresolved" "A base type is named but not documented, or inheritance forms a cycle.",
    D0114 Warning "type-name-mismatch" "The title, annotation and file name of a resource page name different types.",
    D0115 Warning "base-type-disagreement" "Two statements of a type's base name unrelated types; the strongest is kept.",
    D0116 Note "base-type-imprecise" "A base statement names a further ancestor; the more specific base stated elsewhere is kept.",
    D0117 Note "base-type-only-listed" "A type's base comes only from the base's list of derived types; its own page names none.",
    D0118 Note "link-case-mismatch" "A link names an existing page with other letter case; it is followed, but breaks on case-sensitive hosts.",
    D0119 Note "entity-by-navigation" "A type with no key or entity base is the target of a navigation property; it is read as an entity.",
    D0120 Warning "key-on-value-type" "A type has a keyProperty but is only used as the value of structural properties; it is read as a complex type.",
    D0121 Note "member-not-identifier" "An enum member's name is not an identifier (leading digit, spaces, symbols or empty); it is kept with its wire name under a generated variant name.",
    D0122 Warning "property-name-unusable" "A property row's name is one word that is no property name (leading digit, symbols); the row is left out.",
    D0123 Warning "navigation-from-path" "A documented API path goes through a property its type's table does not list; it is read as a navigation property.",
    D0124 Note "enum-candidate" "A String property lists possible values that a documented enum named after it holds, but the enum's members are not exactly those values; the property stays String.",
    // --- operations and examples (D02xx)
    D0201 Error "uri-placeholder" "An `** ... URI ... not found` placeholder stands where a request path belongs.",
    D0202 Error "backslash-in-url" "A URL contains a backslash.",
    D0203 Error "empty-http-block" "An `http` code block is empty.",
    D0204 Warning "no-content-with-body" "A `204 No Content` response carries a body.",
    D0205 Warning "missing-blank-line" "An HTTP message has no blank line between headers and body.",
    D0206 Warning "content-length-mismatch" "A Content-Length header differs from the length of the body.",
    D0207 Warning "placeholder-value" "An example holds a placeholder value such as \"String\" instead of a real one.",
    D0208 Warning "odata-type-case" "An `@odata.type` differs only in letter case from the type it names.",
    D0209 Warning "duplicate-example-name" "Two examples (or operations) use the same annotation name.",
    D0210 Note "required-on-update" "An Update page's body table lists properties as required; PATCH bodies are partial.",
    D0211 Warning "status-mismatch" "The status code in the prose differs from the one in the response example.",
    D0212 Warning "method-from-title" "No HTTP method could be read from the request block; it was derived from the title.",
    D0213 Warning "unresolved-path-segment" "A path segment is no property, function, action or cast of the type before it.",
    D0214 Warning "invalid-json-body" "An example body is not valid JSON.",
    D0215 Warning "unknown-example-property" "An example body has a property the type does not declare.",
    D0216 Warning "example-type-mismatch" "An example value has the wrong JSON type for its property.",
    D0217 Warning "not-enum-member" "An example value is not a member of the property's enum.",
    D0218 Warning "unknown-odata-type" "An `@odata.type` names no known type.",
    D0219 Warning "no-operation" "An API page yields no operation.",
    D0220 Warning "no-request-path" "An operation has no usable request path.",
    D0221 Warning "response-type-mismatch" "The response type in the prose differs from the example or the path.",
    D0222 Warning "malformed-request-line" "An HTTP request or status line cannot be read.",
    D0223 Note "unpaired-example" "A request example has no response example, or the other way round.",
    D0224 Note "lenient-example" "An example body uses `...`, comments or trailing commas; it was read leniently.",
    D0225 Warning "elided-path" "A request path elides segments with `...`; it is no template and is left out.",
    D0226 Warning "value-format" "An example value is not in the wire form of its type (timestamp with offset, date, GUID, base64, duration).",
    D0227 Warning "example-path-unlisted" "An example's request path fits none of the paths in the page's HTTP request block.",
    D0228 Warning "path-name-case" "A request path spells an entity set, singleton or navigation property with other letter case than the docs declare; it is read with the declared spelling.",
    D0229 Warning "query-option-contradicted" "The prose says a query option is not supported, but the page also names it as one (request line, query table or another sentence); it is left out.",
    D0230 Warning "query-placeholder-undocumented" "A placeholder in a request line's fixed query (`$filter=x eq {x}`) names no documented parameter; it is read as a required string.",
    D0231 Warning "permission-ruled-out" "A permissions table names a scope as least privileged, and a note of the same row says it cannot be used; it is not granted.",
    // --- the metadata (CSDL) itself (C0xxx): reading, then checks between elements
    C0001 Error "xml-malformed" "The metadata file is not well-formed XML; nothing of it was read.",
    C0002 Error "not-metadata" "The document is no OData CSDL: its root is not `edmx:Edmx`, or it holds no `Schema`.",
    C0003 Error "missing-attribute" "An element lacks an attribute it needs (`Name`, `Type`, `Namespace`, ...); it is skipped.",
    C0004 Warning "invalid-value" "An attribute or annotation value is not of the form CSDL allows; a default is used.",
    C0005 Warning "unknown-element" "An element is no CSDL element where it stands; it is skipped.",
    C0006 Warning "invalid-name" "A name is no OData identifier; it is kept as written.",
    C0101 Warning "unresolved-metadata-type" "A type reference names no type of the metadata and no EDM type.",
    C0102 Warning "duplicate-declaration" "Two elements declare the same name in one scope; the later one is kept.",
    C0103 Warning "base-type-cycle" "A type's base types lead back to the type itself.",
    C0104 Warning "kind-mismatch" "A base type or navigation target is of the wrong kind (complex from entity, navigation to a non-entity).",
    C0105 Warning "misplaced-key" "A key is declared on a complex type, or on an entity type that inherits one; it is ignored.",
    C0106 Warning "unknown-key-property" "A key names no structural property of the type or its bases.",
    C0107 Warning "entity-without-key" "A non-abstract entity type has no key, declared or inherited.",
    C0108 Warning "no-binding-parameter" "A bound action or function has no parameter to bind to.",
    C0109 Note "unresolved-annotation-target" "An `Annotations` block targets nothing the metadata declares; its annotations are not applied.",
    // --- the docs against the metadata (M0xxx): the merge and `cargo xtask diff`
    M0001 Warning "type-not-in-metadata" "A documented type is not in the metadata (a merge keeps it, from the docs).",
    M0002 Note "type-not-documented" "A type of the metadata has no docs page or section.",
    M0003 Warning "property-not-documented" "A property of the metadata is missing from its type's docs tables.",
    M0004 Warning "property-not-in-metadata" "A documented property is not in the metadata, declared or inherited (a merge keeps it).",
    M0005 Warning "property-type-mismatch" "A documented property has another type than the metadata gives it.",
    M0006 Warning "collection-mismatch" "The docs and the metadata disagree on whether a property is a collection.",
    M0007 Warning "navigation-mismatch" "A documented relationship is a structural property in the metadata, or the other way round.",
    M0008 Warning "member-not-documented" "A member of a metadata enum is missing from the docs.",
    M0009 Warning "member-not-in-metadata" "A documented enum member is not in the metadata (a merge keeps it).",
    M0010 Warning "base-type-mismatch" "The docs give a type another base type (or none) than the metadata.",
    M0011 Warning "key-mismatch" "The docs give an entity type another key than the metadata.",
    M0012 Warning "type-kind-mismatch" "The docs read a type as another kind (entity, complex, enum) than the metadata declares.",
    M0013 Warning "path-not-in-metadata" "A documented request path does not resolve through the metadata's entity sets, singletons, navigation properties and bound operations.",
    M0014 Note "path-not-documented" "An operation of the metadata that no docs page documents; left out of a merged crate unless `--keep-undocumented-paths`.",
    M0015 Warning "name-case-mismatch" "A documented type, property or member name differs only in letter case from the metadata's.",
    M0016 Warning "flags-mismatch" "The docs and the metadata disagree on whether an enum is a flags enum.",
    // --- generator limits (E0xxx)
    E0001 Note "renamed-identifier" "A docs name is not a valid or unique Rust identifier; it was renamed.",
    E0002 Warning "item-skipped" "An item could not be emitted and was left out.",
    E0003 Error "io-failure" "A file could not be read or written.",
}

/// One finding, attached to a place in a read file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related.push((span, label.into()));
        self
    }

    pub fn severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }
}

/// A collection of diagnostics, filled by one stage (one file, or the whole tree).
#[derive(Default, Debug, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn emit(&mut self, code: Code, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.items.push(Diagnostic::new(code, span, message));
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Stable order: file, position, code, message.
    pub fn sort(&mut self) {
        // stable, like `sort_by`, on every core
        self.items.par_sort_by(|a, b| {
            (a.span.file, a.span.start, a.code, &a.message, a.span.end).cmp(&(
                b.span.file,
                b.span.start,
                b.code,
                &b.message,
                b.span.end,
            ))
        });
        self.items.dedup();
    }
}

/// `--allow` / `--deny` levels, like clippy's.
#[derive(Default, Debug, Clone)]
pub struct Levels {
    pub allow: Vec<Code>,
    pub deny: Vec<Code>,
    pub deny_warnings: bool,
}

impl Levels {
    /// Applies the levels: allowed codes are dropped, denied ones become errors.
    pub fn apply(&self, diags: &mut Diagnostics) {
        diags.items.retain(|d| !self.allow.contains(&d.code));
        for d in &mut diags.items {
            if self.deny.contains(&d.code) || (self.deny_warnings && d.severity == Severity::Warning) {
                d.severity = Severity::Error;
            }
        }
    }
}
