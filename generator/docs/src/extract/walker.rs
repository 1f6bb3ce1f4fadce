//! The walk over one page's blocks by section: the page's main type, its property,
//! relationship and enum tables, its prose, its JSON representation; enum sections of other
//! pages; the request-body tables of API pages.

use super::names::{enum_heading, is_type_name, resource_link, split_qualified, title_type};
use super::tables::Shape;
use super::typecell::TypeCell;
use super::*;
use crate::markdown::{Block, Page, PageKind};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Section {
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

pub(super) struct Walker<'a> {
    pub(super) page: &'a Page,
    pub(super) ns: String,
    pub(super) facts: PageFacts,
    pub(super) diags: Diagnostics,
    pub(super) main: Option<usize>,
    /// The request-body prose already says the properties are required (the operations
    /// stage reports that once for the page; rows are then not reported again).
    pub(super) body_prose_required: bool,
}

impl<'a> Walker<'a> {
    pub(super) fn add(&mut self, t: TypeFact) -> usize {
        self.facts.types.push(t);
        self.facts.types.len() - 1
    }

    /// Index of a type of this page with that name (case-insensitive), or a new one.
    pub(super) fn type_named(&mut self, name: &str, ns: &str, origin: Origin, span: Span) -> usize {
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

    pub(super) fn main_type(&mut self) -> Option<usize> {
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
                        if is_type_name(&name) {
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
        let formed = |t: Option<&str>| t.and_then(title_type).filter(|_| t.is_some_and(|t| !is_type_name(t.trim())));
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
            if is_type_name(last) {
                let i = self.type_named(last, &self.ns.clone(), Origin::Resource, page.title_span());
                self.main = Some(i);
            }
        }
        self.main
    }

    pub(super) fn type_page(&mut self) {
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
                        match inline.links().first() {
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
                        let t = &mut self.facts.types[m];
                        t.is_abstract |= type_prose::says_abstract(inline, &t.name);
                        t.open |= type_prose::says_open(inline);
                    } else if let (Some(m), Section::Properties | Section::Other) = (main, section) {
                        // later prose counts only when a link names the base
                        if prose::inherits_from(inline).is_some_and(|(_, l)| l.is_some()) {
                            self.base_from_prose(m, inline, BaseSource::Prose);
                        }
                    }
                    if let (Some(m), Section::Intro) = (main, section) {
                        if self.facts.types[m].description.is_none()
                            && !inline.text.starts_with("Namespace:")
                            && !prose::is_note(&inline.text)
                        {
                            self.facts.types[m].description = Some(inline.text.clone());
                        }
                    }
                }
                Block::Table(t) => {
                    let shape = tables::classify(&t.header);
                    if let (Some(m), Section::Derived) = (main, section) {
                        for l in t.rows.iter().filter_map(|r| r.first().and_then(|c| c.links().first())) {
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
                                .any(|r| r.first().is_some_and(|c| c.links().iter().any(|l| l.href.contains("api/"))));
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
                            if !is_type_name(&name) {
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
    pub(super) fn enum_sections_only(&mut self) {
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
    pub(super) fn api_page(&mut self) {
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
                        if let Some(t) = a.odata_type.as_ref().filter(|t| is_type_name(t.trim_start_matches('#'))) {
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
                        if let Some(l) = inline.links().iter().find(|l| is_type_name(l.text.trim())) {
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
                            (single && (verb == "update" || verb == "create") && is_type_name(word))
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
}
