//! Stage 3, extract: everything one page states, each fact with its span: types (tables,
//! prose, annotations, the JSON representation), the operation of an API page ([`api`]),
//! and the page's namespace, area and declared type. Pure and per page; `resolve` merges
//! the facts of the whole tree and turns type cells into qualified names, `operations`
//! settles the API facts against the types. No later stage reads pages.

pub mod api;
pub mod json_repr;
pub mod prose;
pub mod tables;
pub mod typecell;

use crate::markdown::{is_todo, Block, Inline, Page, PageKind};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, FileId, Span};
use heck::ToUpperCamelCase;
use tables::Shape;
use typecell::TypeCell;

/// How a type came to be known; lower is more authoritative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// The main type of a resource or enum page.
    Resource,
    /// A `## x values` section.
    EnumSection,
    /// An enum derived from "Possible values" prose or an `Enumeration` cell.
    Derived,
    /// A request-body table of an API page.
    ApiBody,
}

/// Everything one page says.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub file: FileId,
    /// The path relative to the docs root.
    pub rel: String,
    /// The `Namespace:` line, else the default namespace.
    pub namespace: String,
    /// The `ms.prod` of the front matter, when it names one.
    pub area: Option<String>,
    /// A resource page's type as its `resource` annotation names it, qualified.
    pub declared: Option<String>,
    pub types: Vec<TypeFact>,
    /// The operation of an API page.
    pub api: Option<api::ApiFacts>,
}

#[derive(Debug, Clone)]
pub struct TypeFact {
    pub name: String,
    pub namespace: String,
    pub origin: Origin,
    /// `true` when known to be an enum.
    pub is_enum: bool,
    pub span: Span,
    /// Heading anchor (`x-values`) for types declared in a section.
    pub anchor: Option<String>,
    pub base: Option<BaseFact>,
    /// Other base statements of the page, weaker than `base` (kept to be compared).
    pub weaker_bases: Vec<BaseFact>,
    /// Types this page lists as derived from it (a `Derived types` section or prose).
    pub derived: Vec<DerivedFact>,
    pub is_abstract: bool,
    pub open: bool,
    pub key: Option<String>,
    pub has_relationships: bool,
    /// The page lists API methods for the type (only addressable entities have them).
    pub has_methods: bool,
    /// The page has a Relationships section (even an empty one).
    pub has_relationship_section: bool,
    /// For API-body facts: the link to the type's page, if the prose gave one.
    pub body_href: Option<String>,
    pub properties: Vec<PropFact>,
    pub members: Vec<MemberFact>,
    /// Keys of the JSON representation block, with their spans.
    pub json_keys: Vec<(json_repr::JsonKey, Span)>,
    pub json_span: Option<Span>,
    pub description: Option<String>,
}

impl TypeFact {
    fn new(name: &str, namespace: &str, origin: Origin, span: Span) -> TypeFact {
        TypeFact {
            name: name.to_string(),
            namespace: namespace.to_string(),
            origin,
            is_enum: false,
            span,
            anchor: None,
            base: None,
            weaker_bases: Vec::new(),
            derived: Vec::new(),
            is_abstract: false,
            open: false,
            key: None,
            has_relationships: false,
            has_methods: false,
            has_relationship_section: false,
            body_href: None,
            properties: Vec::new(),
            members: Vec::new(),
            json_keys: Vec::new(),
            json_span: None,
            description: None,
        }
    }
}

/// Strength of a base-type statement: annotation > prose > `Inherited from` in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BaseSource {
    Annotation,
    Prose,
    Cell,
    /// The base's page lists this type among its derived types.
    Listed,
}

#[derive(Debug, Clone)]
pub struct BaseFact {
    pub cell: TypeCell,
    pub source: BaseSource,
    pub span: Span,
}

/// A type named as derived from the page's type, with the link's span.
#[derive(Debug, Clone)]
pub struct DerivedFact {
    pub cell: TypeCell,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct PropFact {
    pub name: String,
    pub cell: TypeCell,
    pub navigation: bool,
    pub nullable: bool,
    pub description: String,
    pub span: Span,
    pub type_span: Span,
    /// Members listed by "Possible values are ..." in the description.
    pub values: Option<Vec<String>>,
    /// Marked Optional./Required. in an API body table.
    pub required: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct MemberFact {
    pub name: String,
    pub value: Option<i64>,
    pub description: String,
    pub span: Span,
}

/// GitHub-style heading anchor: `threatCategory values` -> `threatcategory-values`.
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Name of the type an `X values` / `X enumeration values` heading documents.
fn enum_heading(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(':');
    let lower = t.to_ascii_lowercase();
    for suffix in [" enumeration values", " enum values", " values", " enumeration", " enum type", " enum"] {
        if lower.ends_with(suffix) {
            let name = t.get(..t.len() - suffix.len())?.trim();
            let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name);
            const NOT_TYPES: &[&str] = &[
                "possible",
                "property",
                "properties",
                "enum",
                "enumeration",
                "member",
                "members",
                "return",
                "supported",
                "allowed",
                "valid",
                "default",
                "flag",
                "flags",
                "key",
                "status",
                "type",
            ];
            if is_ident(name) && !NOT_TYPES.contains(&name.to_ascii_lowercase().as_str()) {
                return Some(name.to_string());
            }
        }
    }
    None
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Splits `ns.name` given the page namespace; `graph.` is the alias of `microsoft.graph`.
pub fn split_qualified(raw: &str, page_ns: &str) -> (String, String) {
    let t = raw.trim().trim_start_matches('#').trim();
    let t = match t.strip_prefix("graph.") {
        Some(rest) => format!("microsoft.graph.{rest}"),
        None => t.to_string(),
    };
    match t.rsplit_once('.') {
        Some((ns, name)) if !ns.is_empty() => (ns.to_string(), name.to_string()),
        _ => (page_ns.to_string(), t),
    }
}

/// Name of the main type from a title such as `x resource type`, `x enum type`.
fn title_type(title: &str) -> Option<(String, bool)> {
    let t = title.trim();
    let lower = t.to_ascii_lowercase();
    for (suffix, is_enum) in [
        (" resource type", false),
        (" complex type", false),
        (" entity type", false),
        (" enum type", true),
        (" enumeration type", true),
        (" enumeration", true),
        (" enum", true),
        (" resource", false),
        (" type", false),
        (" object", false),
    ] {
        if lower.ends_with(suffix) {
            let name = t.get(..t.len() - suffix.len())?.trim();
            let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name);
            if is_ident(name) {
                return Some((name.to_string(), is_enum));
            }
        }
    }
    is_ident(t).then(|| (t.to_string(), false))
}

/// The property name of a table's first cell: its first identifier, when the rest of
/// the cell is only a note such as `(deprecated)`.
fn row_name(cell: &Inline) -> Option<String> {
    let t = cell.text.trim().trim_matches('*').trim();
    // the leading run of name characters (all ASCII), as a slice of the text
    let len = t.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'@' || b == b'.'));
    let name = t.get(..len.unwrap_or(t.len())).unwrap_or("");
    let rest = t.get(name.len()..).unwrap_or("").trim_start();
    let name = name.trim_end_matches('.');
    let ok_rest = rest.is_empty() || rest.starts_with(['(', '[', '*', ',', '<', '-', '\u{2020}']);
    (is_ident(name.trim_start_matches('@')) && ok_rest).then(|| name.to_string())
}

fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim().trim_matches('`');
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    t.parse::<i64>().ok()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    Intro,
    Properties,
    Relationships,
    Methods,
    Json,
    Enum(usize),
    /// A `Derived types` section: its tables and list items link the derived types.
    Derived,
    Other,
}

struct Walker<'a> {
    page: &'a Page,
    ns: String,
    facts: PageFacts,
    diags: Diagnostics,
    main: Option<usize>,
    /// The request-body prose already says the properties are required (the operations
    /// stage reports that once for the page; rows are then not reported again).
    body_prose_required: bool,
}

/// The first link of a paragraph to a resource page, as (type name, href, span).
fn resource_link(inline: &Inline) -> Option<(String, Option<String>, Span)> {
    inline
        .links
        .iter()
        .find(|l| is_ident(l.text.trim()) && l.href.contains("resources/"))
        .map(|l| (l.text.trim().to_string(), Some(l.href.clone()), l.span))
}

/// Extracts the type facts of one page.
pub fn page_facts(page: &Page) -> (PageFacts, Diagnostics) {
    let mut w = Walker {
        page,
        ns: page.namespace_or_default().to_string(),
        facts: PageFacts {
            file: page.file,
            rel: page.rel.clone(),
            namespace: page.namespace_or_default().to_string(),
            area: page.front.as_ref().and_then(|f| f.ms_prod.clone()).filter(|p| !p.trim().is_empty()),
            declared: declared_type(page),
            types: Vec::new(),
            api: None,
        },
        diags: Diagnostics::default(),
        main: None,
        body_prose_required: false,
    };
    match page.kind {
        PageKind::Resource | PageKind::Enum | PageKind::Unknown => w.type_page(),
        PageKind::Api => w.api_page(),
        PageKind::Conceptual | PageKind::Include => w.enum_sections_only(),
    }
    let (api, d) = api::api_facts(page);
    w.facts.api = api;
    w.diags.extend(d);
    (w.facts, w.diags)
}

/// The type a resource page's first `resource` annotation names, qualified with the page's
/// namespace when it is written short.
fn declared_type(page: &Page) -> Option<String> {
    if page.kind != PageKind::Resource {
        return None;
    }
    let declared = page.blocks.iter().find_map(|b| match b {
        Block::Code(c) => c.annotation.as_ref().filter(|a| a.block_type() == "resource"),
        Block::Table(t) => t.annotation.as_ref().filter(|a| a.block_type() == "resource"),
        _ => None,
    })?;
    let name = declared.odata_type.as_deref()?.trim().trim_start_matches('#');
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
        return None;
    }
    Some(if name.contains('.') { name.to_string() } else { format!("{}.{name}", page.namespace_or_default()) })
}

impl<'a> Walker<'a> {
    fn add(&mut self, t: TypeFact) -> usize {
        self.facts.types.push(t);
        self.facts.types.len() - 1
    }

    /// Index of a type of this page with that name (case-insensitive), or a new one.
    fn type_named(&mut self, name: &str, ns: &str, origin: Origin, span: Span) -> usize {
        if let Some(i) = self
            .facts
            .types
            .iter()
            .position(|t| t.name.eq_ignore_ascii_case(name) && t.namespace.eq_ignore_ascii_case(ns))
        {
            return i;
        }
        self.add(TypeFact::new(name, ns, origin, span))
    }

    fn main_type(&mut self) -> Option<usize> {
        if self.main.is_some() {
            return self.main;
        }
        let page = self.page;
        // 1. the first resource annotation that names a type
        for b in &page.blocks {
            if let Block::Code(c) = b {
                if let Some(a) = c.annotation.as_ref().filter(|a| a.block_type() == "resource") {
                    if let Some(t) = &a.odata_type {
                        let (ns, name) = split_qualified(t, &self.ns);
                        if is_ident(&name) {
                            let i = self.type_named(&name, &ns, Origin::Resource, a.span);
                            self.main = Some(i);
                            return self.main;
                        }
                    }
                }
            }
        }
        // 2. the title: front matter or H1 of the form `x resource type` first, bare names last
        let front = page.front.as_ref().and_then(|f| f.title.as_deref());
        let h1 = page.title.as_ref().map(|t| t.text.as_str());
        let formed = |t: Option<&str>| t.and_then(title_type).filter(|_| t.is_some_and(|t| !is_ident(t.trim())));
        if let (Some(a), Some(b)) = (formed(front), formed(h1)) {
            if !a.0.eq_ignore_ascii_case(&b.0) {
                self.diags.push(
                    Diagnostic::new(
                        Code::D0114,
                        page.title_span(),
                        format!("the front-matter title names `{}` but the heading names `{}`", a.0, b.0),
                    )
                    .help("make the title and the heading name the same type"),
                );
            }
        }
        let titled = formed(h1)
            .or_else(|| formed(front))
            .or_else(|| h1.and_then(title_type))
            .or_else(|| front.and_then(title_type));
        if let Some((name, is_enum)) = titled {
            let (ns, name) = split_qualified(&name, &self.ns);
            let i = self.type_named(&name, &ns, Origin::Resource, page.title_span());
            self.facts.types[i].is_enum |= is_enum || page.kind == PageKind::Enum;
            self.main = Some(i);
            return self.main;
        }
        // 3. the file name, for pages that hold a property or member table
        let has_table = page.blocks.iter().any(|b| {
            matches!(b, Block::Table(t) if matches!(tables::classify(&t.header), Shape::Properties { .. } | Shape::Members { .. }))
        });
        if has_table && page.kind != PageKind::Enum {
            let stem = page.rel.rsplit('/').next().unwrap_or("").trim_end_matches(".md").trim_end_matches(".txt");
            let last = stem.rsplit('-').next().unwrap_or(stem);
            if is_ident(last) {
                let i = self.type_named(last, &self.ns.clone(), Origin::Resource, page.title_span());
                self.main = Some(i);
            }
        }
        self.main
    }

    fn type_page(&mut self) {
        let main = self.main_type();
        let page = self.page;
        let mut section = Section::Intro;
        let mut section_level = 1u8;
        // after "Supported derived types:", each following paragraph (a list item) names one
        let mut derived_list = false;
        for b in &page.blocks {
            if !matches!(b, Block::Paragraph(_)) {
                derived_list = false;
            }
            match b {
                Block::Heading { level, inline, tab } => {
                    if *tab {
                        continue;
                    }
                    let lower = inline.text.to_ascii_lowercase();
                    if *level >= 2 {
                        if let Some(name) = enum_heading(&inline.text) {
                            let (ns, name) = split_qualified(&name, &self.ns);
                            let i = self.type_named(&name, &ns, Origin::EnumSection, inline.span);
                            let t = &mut self.facts.types[i];
                            t.is_enum = true;
                            t.anchor = Some(slug(&inline.text));
                            if t.origin > Origin::EnumSection {
                                t.origin = Origin::EnumSection;
                            }
                            section = Section::Enum(i);
                            section_level = *level;
                            continue;
                        }
                    }
                    if *level >= 2 && (lower.starts_with("derived type") || lower == "subtypes") {
                        section = Section::Derived;
                        section_level = *level;
                        continue;
                    }
                    if *level <= section_level || matches!(section, Section::Intro | Section::Other | Section::Enum(_))
                    {
                        section = if *level == 1 {
                            Section::Intro
                        } else if lower.starts_with("relationship") || lower.starts_with("navigation") {
                            Section::Relationships
                        } else if lower.starts_with("propert")
                            || lower.starts_with("members")
                            || lower.ends_with("values")
                        {
                            Section::Properties
                        } else if lower.starts_with("method")
                            || lower.starts_with("function")
                            || lower.starts_with("action")
                        {
                            Section::Methods
                        } else if lower.contains("json") {
                            Section::Json
                        } else {
                            Section::Other
                        };
                        section_level = *level;
                        if let (Some(m), Section::Relationships) = (main, section) {
                            self.facts.types[m].has_relationship_section = true;
                        }
                    }
                }
                Block::Paragraph(inline) => {
                    if let (Some(m), true) = (main, derived_list || section == Section::Derived) {
                        match inline.links.first() {
                            Some(l) => self.derived_link(m, l),
                            None => derived_list = false,
                        }
                        continue;
                    }
                    if let (Some(m), Section::Intro) = (main, section) {
                        match prose::derived_types(inline) {
                            Some(prose::DerivedList::Inline(links)) => {
                                for l in links {
                                    self.derived_link(m, l);
                                }
                            }
                            Some(prose::DerivedList::Follows) => derived_list = true,
                            None => {}
                        }
                        self.base_from_prose(m, inline, BaseSource::Prose);
                    } else if let (Some(m), Section::Properties | Section::Other) = (main, section) {
                        // later prose counts only when a link names the base
                        if prose::inherits_from(inline).is_some_and(|(_, l)| l.is_some()) {
                            self.base_from_prose(m, inline, BaseSource::Prose);
                        }
                    }
                    if let (Some(m), Section::Intro) = (main, section) {
                        if self.facts.types[m].description.is_none() && !inline.text.starts_with("Namespace:") {
                            self.facts.types[m].description = Some(inline.text.clone());
                        }
                    }
                }
                Block::Table(t) => {
                    let shape = tables::classify(&t.header);
                    if let (Some(m), Section::Derived) = (main, section) {
                        for l in t.rows.iter().filter_map(|r| r.first().and_then(|c| c.links.first())) {
                            self.derived_link(m, l);
                        }
                        continue;
                    }
                    match (shape, section) {
                        (Shape::Members { name, value, desc }, Section::Enum(i)) => {
                            self.members(i, t, name, value, desc)
                        }
                        (Shape::Members { name, value, desc }, _) => {
                            if let Some(m) = main {
                                if self.facts.types[m].properties.is_empty() {
                                    self.facts.types[m].is_enum = true;
                                    self.members(m, t, name, value, desc);
                                }
                            }
                        }
                        (Shape::Properties { name, ty, desc }, s) | (Shape::Relationships { name, ty, desc }, s) => {
                            let nav = matches!(shape, Shape::Relationships { .. }) || s == Section::Relationships;
                            let target = match s {
                                Section::Enum(_) => None,
                                _ => main,
                            };
                            if let Some(m) = target {
                                if nav {
                                    self.facts.types[m].has_relationships = true;
                                }
                                self.properties(m, t, name, ty, desc, nav, false);
                            }
                        }
                        (Shape::Other, Section::Methods) => {
                            let links_api = t
                                .rows
                                .iter()
                                .any(|r| r.first().is_some_and(|c| c.links.iter().any(|l| l.href.contains("api/"))));
                            if let (Some(m), true) = (main, links_api) {
                                self.facts.types[m].has_methods = true;
                            }
                        }
                        (Shape::Unknown, _) if matches!(page.kind, PageKind::Resource | PageKind::Enum) => {
                            self.diags.push(
                                Diagnostic::new(
                                    Code::D0101,
                                    t.header.first().map_or(t.span, |h| h.span),
                                    format!(
                                        "table header `{}` is of no known shape",
                                        t.header.iter().map(|h| h.text.as_str()).collect::<Vec<_>>().join(" | ")
                                    ),
                                )
                                .help("use `Property | Type | Description`, `Relationship | Type | Description` or `Member | Value | Description`"),
                            );
                        }
                        _ => {}
                    }
                }
                Block::Code(c) => {
                    let Some(a) = c.annotation.as_ref().filter(|a| a.block_type() == "resource") else { continue };
                    let idx = match &a.odata_type {
                        Some(t) => {
                            let (ns, name) = split_qualified(t, &self.ns);
                            if !is_ident(&name) {
                                continue;
                            }
                            self.type_named(&name, &ns, Origin::Resource, a.span)
                        }
                        None => match main {
                            Some(m) => m,
                            None => continue,
                        },
                    };
                    let t = &mut self.facts.types[idx];
                    if let Some(bt) = &a.base_type {
                        let stated = BaseFact {
                            cell: TypeCell { name: bt.clone(), ..TypeCell::default() },
                            source: BaseSource::Annotation,
                            span: a.span,
                        };
                        if let Some(old) = t.base.replace(stated) {
                            t.weaker_bases.push(old);
                        }
                    }
                    t.is_abstract |= a.abstract_;
                    t.open |= a.open_type;
                    if let Some(k) = &a.key_property {
                        t.key = Some(k.clone());
                    }
                    if t.json_span.is_none() {
                        t.json_span = Some(c.text_span);
                        for k in json_repr::keys(&c.text) {
                            let span = c.text_span.sub(k.offset, k.offset + k.name.len() + 2);
                            t.json_keys.push((k, span));
                        }
                    }
                }
                Block::Include(_) => {}
            }
        }
    }

    /// Conceptual pages and includes: only `## x values` enum sections count.
    fn enum_sections_only(&mut self) {
        let page = self.page;
        let mut current: Option<usize> = None;
        for b in &page.blocks {
            match b {
                Block::Heading { level, inline, .. } if *level >= 2 => {
                    current = enum_heading(&inline.text).map(|name| {
                        let (ns, name) = split_qualified(&name, &self.ns);
                        let i = self.type_named(&name, &ns, Origin::EnumSection, inline.span);
                        self.facts.types[i].is_enum = true;
                        self.facts.types[i].anchor = Some(slug(&inline.text));
                        i
                    });
                }
                Block::Table(t) => {
                    if let (Some(i), Shape::Members { name, value, desc }) = (current, tables::classify(&t.header)) {
                        self.members(i, t, name, value, desc);
                    }
                }
                _ => {}
            }
        }
        self.facts.types.retain(|t| !t.members.is_empty());
    }

    /// API pages: the request-body property table describes the body's type. Kept as a
    /// weak fact: it only defines a type that has no resource page.
    fn api_page(&mut self) {
        let page = self.page;
        let mut in_body = false;
        let mut body_type: Option<(String, Option<String>, Span)> = None;
        let is_update = page.title_text().is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("update"));
        // The type the page returns, as a fallback for a body table without a link: the
        // first type link of the Response section, else a response example's @odata.type.
        let mut in_response = false;
        let mut returned: Option<(String, Option<String>, Span)> = None;
        // The summary before the first section ("Update the properties of a [x](...) object"),
        // for "Update x" pages whose title uses another word than the type's name.
        let mut in_intro = true;
        let mut summarized: Option<(String, Option<String>, Span)> = None;
        for b in &page.blocks {
            match b {
                Block::Heading { level, inline, tab: false } if *level >= 2 => {
                    in_response = inline.text.eq_ignore_ascii_case("response");
                    in_intro = false;
                }
                Block::Paragraph(inline) if in_intro && summarized.is_none() => summarized = resource_link(inline),
                Block::Paragraph(inline) if in_response && returned.is_none() => returned = resource_link(inline),
                Block::Code(c) if returned.is_none() => {
                    if let Some(a) = c.annotation.as_ref().filter(|a| a.block_type() == "response" && !a.is_collection)
                    {
                        if let Some(t) = a.odata_type.as_ref().filter(|t| is_ident(t.trim_start_matches('#'))) {
                            returned = Some((t.trim_start_matches('#').to_string(), None, a.span));
                        }
                    }
                }
                _ => {}
            }
        }
        for b in &page.blocks {
            match b {
                Block::Heading { level, inline, tab: false } if *level >= 2 => {
                    in_body = inline.text.to_ascii_lowercase().contains("request body");
                }
                Block::Paragraph(inline) if in_body => {
                    let lower = inline.text.to_ascii_lowercase();
                    self.body_prose_required |= lower.contains("required");
                    if body_type.is_none() && (lower.contains("representation") || lower.contains("properties")) {
                        if let Some(l) = inline.links.iter().find(|l| is_ident(l.text.trim())) {
                            body_type = Some((l.text.trim().to_string(), Some(l.href.clone()), l.span));
                        }
                    }
                }
                Block::Table(t) if in_body => {
                    let Shape::Properties { name, ty, desc } = tables::classify(&t.header) else { continue };
                    if t.header.first().is_some_and(|h| h.text.to_ascii_lowercase().starts_with("param")) {
                        continue;
                    }
                    let named =
                        body_type.clone().or_else(|| returned.clone()).or_else(|| summarized.clone()).or_else(|| {
                            // "Update x" / "Create x": the title names the body's type
                            let title = page.title_text()?;
                            let mut words = title.split_whitespace();
                            let verb = words.next()?.to_ascii_lowercase();
                            let word = words.next()?;
                            let single = words.next().is_none();
                            (single && (verb == "update" || verb == "create") && is_ident(word))
                                .then(|| (word.to_string(), None, page.title_span()))
                        });
                    let Some((tname, href, span)) = named else { continue };
                    let (ns, tname) = split_qualified(&tname, &self.ns);
                    let i = self.type_named(&tname, &ns, Origin::ApiBody, span);
                    self.facts.types[i].body_href = href;
                    self.properties(i, t, name, ty, desc, false, is_update);
                }
                _ => {}
            }
        }
        self.facts.types.retain(|t| !t.properties.is_empty() || !t.members.is_empty());
    }

    fn derived_link(&mut self, m: usize, l: &crate::markdown::Link) {
        let name = l.text.trim().trim_matches('`');
        if is_ident(name) {
            let cell = TypeCell { name: name.to_string(), href: Some(l.href.clone()), ..TypeCell::default() };
            self.facts.types[m].derived.push(DerivedFact { cell, span: l.span });
        }
    }

    fn base_from_prose(&mut self, m: usize, inline: &Inline, source: BaseSource) {
        let Some((word, link)) = prose::inherits_from(inline) else { return };
        let t = &mut self.facts.types[m];
        let cell = TypeCell { name: word, href: link.map(|l| l.href.clone()), ..TypeCell::default() };
        let stated = BaseFact { cell, source, span: link.map_or(inline.span, |l| l.span) };
        if t.base.as_ref().is_some_and(|b| b.source <= source) {
            t.weaker_bases.push(stated);
        } else if let Some(old) = t.base.replace(stated) {
            t.weaker_bases.push(old);
        }
    }

    fn members(
        &mut self,
        i: usize,
        t: &crate::markdown::Table,
        name: usize,
        value: Option<usize>,
        desc: Option<usize>,
    ) {
        for row in &t.rows {
            let Some(cell) = row.get(name) else { continue };
            let Some(n) = row_name(cell) else { continue };
            let v = value.and_then(|v| row.get(v)).and_then(|c| parse_int(&c.text));
            let d = desc.and_then(|d| row.get(d)).map(|c| c.text.clone()).unwrap_or_default();
            self.facts.types[i].members.push(MemberFact { name: n, value: v, description: d, span: cell.span });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn properties(
        &mut self,
        i: usize,
        t: &crate::markdown::Table,
        name: usize,
        ty: usize,
        desc: Option<usize>,
        nav: bool,
        is_update: bool,
    ) {
        for row in &t.rows {
            let Some(name_cell) = row.get(name) else { continue };
            let Some(n) = row_name(name_cell) else { continue };
            let empty = Inline::default();
            let type_cell = row.get(ty).unwrap_or(&empty);
            let desc_cell = desc.and_then(|d| row.get(d)).unwrap_or(&empty);
            let mut cell = typecell::parse(type_cell);
            let type_span = if type_cell.span == Span::default() { name_cell.span } else { type_cell.span };
            if cell.is_empty() && !cell.enumeration {
                self.diags.push(
                    Diagnostic::new(Code::D0112, type_span, format!("property `{n}` has no type"))
                        .help("write the type in the Type column; it is read as String until then"),
                );
                cell.primitive = Some("Edm.String");
                cell.name = "String".into();
            }
            if is_todo(&desc_cell.text) || desc_cell.strong.iter().any(|s| is_todo(s)) {
                self.diags.push(
                    Diagnostic::new(Code::D0007, desc_cell.span, format!("description of `{n}` is a TODO placeholder"))
                        .help("describe the property"),
                );
            }
            // "Inherited from [entity](entity.md)" in a row: a weak base hint
            let lower = desc_cell.text.to_ascii_lowercase();
            if lower.contains("inherited from") {
                self.base_from_prose(i, desc_cell, BaseSource::Cell);
            }
            let values = prose::possible_values(desc_cell);
            if cell.enumeration {
                let owner = self.facts.types[i].name.clone();
                let derived = format!("{owner}{}", n.to_upper_camel_case());
                self.diags.push(
                    Diagnostic::new(
                        Code::D0105,
                        type_span,
                        format!("type of `{n}` is `Enumeration` without an enum name; named it `{derived}`"),
                    )
                    .help(format!("name the enum type in the Type column, e.g. `{derived}`, and document its members")),
                );
                cell.name = derived.clone();
                let ns = self.facts.types[i].namespace.clone();
                let e = self.type_named(&derived, &ns, Origin::Derived, type_span);
                self.facts.types[e].is_enum = true;
                if self.facts.types[e].members.is_empty() {
                    for v in values.iter().flatten() {
                        self.facts.types[e].members.push(MemberFact {
                            name: v.clone(),
                            value: None,
                            description: String::new(),
                            span: desc_cell.span,
                        });
                    }
                }
            }
            let required = if lower.contains("required") && !lower.contains("not required") {
                Some(true)
            } else if lower.contains("optional") {
                Some(false)
            } else {
                None
            };
            if is_update && required == Some(true) && !self.body_prose_required {
                self.diags.push(
                    Diagnostic::new(Code::D0210, desc_cell.span, format!("`{n}` is marked required on an Update page"))
                        .help("PATCH bodies are partial: mark the property Optional"),
                );
            }
            let nullable = !prose::not_nullable(&desc_cell.text);
            self.facts.types[i].properties.push(PropFact {
                name: n,
                cell,
                navigation: nav,
                nullable,
                description: desc_cell.text.clone(),
                span: name_cell.span,
                type_span,
                values,
                required,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_titles() {
        assert_eq!(enum_heading("threatCategory values").as_deref(), Some("threatCategory"));
        assert_eq!(enum_heading("Properties"), None);
        assert_eq!(title_type("user resource type"), Some(("user".into(), false)));
        assert_eq!(title_type("riskLevel enum type"), Some(("riskLevel".into(), true)));
        assert_eq!(slug("threatCategory values"), "threatcategory-values");
        assert_eq!(split_qualified("#graph.user", "x"), ("microsoft.graph".into(), "user".into()));
    }

    #[test]
    fn row_names() {
        let c = |t: &str| Inline { text: t.into(), ..Inline::default() };
        assert_eq!(row_name(&c("id")).as_deref(), Some("id"));
        assert_eq!(row_name(&c("name (deprecated)")).as_deref(), Some("name"));
        assert_eq!(row_name(&c("App role assignments")), None);
        assert_eq!(row_name(&c("@odata.type")).as_deref(), Some("@odata.type"));
    }
}
