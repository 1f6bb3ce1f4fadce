//! API pages, per page: the operation a page documents, as written. Everything that needs
//! no other page is read here (sections, the `HTTP request` lines, permissions, headers,
//! query options, examples and their bodies); what names a type (links, type cells, an
//! example's `@odata.type`) is kept as written, with the statements that use it in page
//! order, for the tree-wide step (`operations`), which knows the types.

pub mod examples;
pub mod http;
pub mod json_body;
pub mod params;
pub mod paths;
pub mod permissions;
pub mod prose;
pub mod query_prose;
pub mod roles;
pub mod sections;
pub mod syntax;

use crate::markdown::{Block, CodeBlock, Inline, Link, Page, PageKind};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_ir::{Example, HttpMethod, Operation, ParamLocation, SourceRef, TypeRef};
use examples::{BodyShape, PendingBody};
use sections::{guess_block_type, is_http_lang, method_from_title, section_of, snake, Section};

/// A link as the page writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub text: String,
    pub href: String,
}

impl LinkRef {
    pub fn of(l: &Link) -> LinkRef {
        LinkRef { text: l.text.clone(), href: l.href.clone() }
    }
}

/// A type cell of a parameter table: its text and links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    pub text: String,
    pub links: Vec<LinkRef>,
}

impl CellRef {
    pub fn of(cell: &Inline) -> CellRef {
        CellRef { text: cell.text.clone(), links: cell.links().iter().map(LinkRef::of).collect() }
    }
}

/// A parameter's type: known already, or a cell to read against the tree's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamType {
    Known(TypeRef),
    Cell(CellRef),
}

/// A parameter as a table or request line states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamFact {
    pub name: String,
    pub ty: ParamType,
    pub required: bool,
    pub location: ParamLocation,
    pub description: String,
}

/// A statement about the operation's parameters, in page order; replayed once the types
/// are known, since one statement can complete another's parameter.
#[derive(Debug, Clone)]
pub enum ParamStep {
    /// Add the parameter unless one of that name and location exists.
    PushIfAbsent(ParamFact),
    /// Add the parameter or complete the one of that name.
    Merge(ParamFact),
    /// Add the parameters, as they are.
    Extend(Vec<ParamFact>),
    /// A request-body table: action parameters, or the properties of the body type.
    BodyTable { params: Vec<ParamFact>, is_property_table: bool },
}

/// A `supply a JSON representation of [x]` paragraph.
#[derive(Debug, Clone)]
pub struct BodyProse {
    pub links: Vec<LinkRef>,
    pub collection: bool,
}

/// A paragraph of the `Response` section: the status it names, and its links, each with
/// whether the words around it say a collection.
#[derive(Debug, Clone)]
pub struct ResponseProse {
    pub status: Option<u16>,
    pub links: Vec<(LinkRef, bool)>,
    pub no_content: bool,
    /// The monitor header the text names (`Location`, `Operation-Location`).
    pub monitor: Option<String>,
    pub span: Span,
}

/// The `@odata.type` of the first response example's annotation.
#[derive(Debug, Clone)]
pub struct ExampleType {
    /// As written, `#` and `Collection(...)` removed.
    pub name: String,
    pub collection: bool,
    /// The annotation's line that holds the key.
    pub at: Span,
    /// The whole annotation.
    pub span: Span,
    /// Names the page itself uses for types, to tell a case slip from an unknown type.
    pub mentions: Vec<String>,
}

/// Everything one API page says about its operation.
#[derive(Debug, Clone)]
pub struct ApiFacts {
    /// Source, title, description, method, paths, permissions, query options, headers,
    /// examples and id: what needs no other page. Parameters, body and response are
    /// settled from the fields below.
    pub op: Operation,
    pub params: Vec<ParamStep>,
    /// The links of the page's introduction, in order: the first that names a type is what
    /// the page is about.
    pub intro_links: Vec<LinkRef>,
    pub body_prose: Vec<BodyProse>,
    pub response_prose: Vec<ResponseProse>,
    pub example_type: Option<ExampleType>,
    /// Spans of the operation's templates, in `op.paths` order.
    pub path_spans: Vec<Span>,
    /// Request annotation names with their spans.
    pub names: Vec<(String, Span)>,
    pub id_from_name: bool,
    /// Status line of the first response example.
    pub example_status: Option<(u16, Span)>,
    /// The monitor header of the first response example when it answers `202 Accepted`.
    pub example_monitor: Option<String>,
    pub value_array: bool,
    /// The first response example's body is one object (no `value` array).
    pub single_object: bool,
    pub bodies: Vec<PendingBody>,
    /// False when the page has neither a request line nor a request example (D0219): no
    /// operation is built from it.
    pub usable: bool,
}

/// The page's operation, when the page is an API page (its kind, or an `HTTP request`
/// section with a code block, says so).
pub fn api_facts(page: &Page) -> (Option<ApiFacts>, Diagnostics) {
    if !(page.kind == PageKind::Api || sections::has_request_section(page)) {
        return (None, Diagnostics::default());
    }
    let (facts, d) = read_page(page);
    (Some(facts), d)
}

/// Takes out the query options the prose denies; D0229 where the page also names one as
/// usable (in its request line, its query table or another sentence).
fn drop_denied_options(denied: &[(&'static str, Span)], options: &mut Vec<String>, d: &mut Diagnostics) {
    let mut reported: Vec<&str> = Vec::new();
    for &(q, at) in denied {
        let before = options.len();
        options.retain(|o| !o.eq_ignore_ascii_case(q));
        if options.len() < before && !reported.contains(&q) {
            reported.push(q);
            d.push(
                Diagnostic::new(
                    Code::D0229,
                    at,
                    format!("this says `{q}` is not supported, but the page also names it as a query option; it is left out"),
                )
                .help(format!("drop `{q}` from the request line and the query parameters, or correct this sentence")),
            );
        }
    }
}

/// D0230 for each placeholder of a fixed query that no parameter table documents.
fn undocumented_placeholders(placeholders: &[(String, Span)], documented: &[String], d: &mut Diagnostics) {
    let mut reported: Vec<&str> = Vec::new();
    for (name, at) in placeholders {
        if documented.iter().any(|p| p.eq_ignore_ascii_case(name)) || reported.contains(&name.as_str()) {
            continue;
        }
        reported.push(name);
        d.push(
            Diagnostic::new(
                Code::D0230,
                *at,
                format!("the query of this request line holds `{{{name}}}`, which no parameter table documents; it is read as a required string"),
            )
            .help(format!("document `{name}` in the page's parameter table")),
        );
    }
}

fn read_page(page: &Page) -> (ApiFacts, Diagnostics) {
    let mut d = Diagnostics::default();
    let from = page.rel.as_str();
    let title = crate::notices::without_mark(page.title_text().unwrap_or("")).to_string();
    let mut op = Operation { source: page.rel.clone(), title: title.clone(), ..Operation::default() };
    op.description = page.front.as_ref().and_then(|f| f.description.clone()).unwrap_or_default().trim().to_string();
    let mut out = ApiFacts {
        op: Operation::default(),
        params: Vec::new(),
        intro_links: Vec::new(),
        body_prose: Vec::new(),
        response_prose: Vec::new(),
        example_type: None,
        path_spans: Vec::new(),
        names: Vec::new(),
        id_from_name: false,
        example_status: None,
        example_monitor: None,
        value_array: false,
        single_object: false,
        bodies: Vec::new(),
        usable: true,
    };
    let mut section = Section::Intro;
    let mut seen_http_block = false;
    let mut path_fault = false;
    let mut http_block_span: Option<Span> = None;
    let mut method: Option<String> = None;
    let mut last_para: Option<&Inline> = None;
    let mut body_tables: Vec<(&crate::markdown::Table, Option<&Inline>)> = Vec::new();
    let mut requests: Vec<(&CodeBlock, http::Message)> = Vec::new();
    let mut responses: Vec<(&CodeBlock, http::Message)> = Vec::new();
    // query options the prose says the method does not take, where it says so
    let mut denied: Vec<(&'static str, Span)> = Vec::new();
    // under Permissions: the `###` heading of a scenario section, and whether a sentence
    // about admin roles introduced what follows
    let mut perm_sub: Option<String> = None;
    // placeholders of the request lines' fixed queries, and the parameters tables document
    let mut placeholders: Vec<(String, Span)> = Vec::new();
    let mut documented: Vec<String> = Vec::new();
    let mut roles_follow = false;

    for block in &page.blocks {
        match block {
            Block::Heading { level, inline, tab } => {
                if *tab || *level == 1 {
                    continue;
                }
                if *level == 2 || section_of(&inline.text, section) != Section::Other || section == Section::Intro {
                    let s = section_of(&inline.text, section);
                    if *level == 2 || s != Section::Other {
                        section = s;
                    }
                }
                let h = inline.text.to_ascii_lowercase();
                let p = &op.permissions;
                let granted =
                    !(p.delegated_work.is_empty() && p.delegated_personal.is_empty() && p.application.is_empty());
                perm_sub = (section == Section::Permissions && *level >= 3 && (granted || h.contains("scenario")))
                    .then(|| inline.text.trim().to_string());
                roles_follow = false;
                last_para = None;
            }
            Block::Paragraph(p) => {
                if section == Section::Intro {
                    out.intro_links.extend(p.links().iter().map(LinkRef::of));
                }
                match section {
                    Section::Body => out.body_prose.extend(params::body_from_prose(p)),
                    Section::Response => out.response_prose.extend(prose::from_prose(p)),
                    Section::Permissions => {
                        if roles::introduces_roles(&p.text) {
                            roles_follow = true;
                        } else if let Some(r) = roles::role_of(&p.text).filter(|_| roles_follow) {
                            if !op.permissions.roles.contains(&r) {
                                op.permissions.roles.push(r);
                            }
                        }
                    }
                    Section::Query => {
                        let said = query_prose::read(&p.text);
                        for q in said.supported {
                            if !op.query_options.iter().any(|o| o == q) {
                                op.query_options.push(q.to_string());
                            }
                        }
                        denied.extend(said.unsupported.into_iter().map(|q| (q, p.span)));
                    }
                    _ => {}
                }
                last_para = Some(p);
            }
            Block::Table(t) => match section {
                Section::Permissions => {
                    let role_column = t.header.iter().any(|c| c.text.to_ascii_lowercase().contains("role"));
                    let named = roles::roles_of_table(t);
                    if role_column || (!permissions::is_permission_table(t) && !named.is_empty()) {
                        for r in named {
                            if !op.permissions.roles.contains(&r) {
                                op.permissions.roles.push(r);
                            }
                        }
                    } else if let Some(heading) = &perm_sub {
                        // the sentence before the table words the scenario best
                        let words = last_para.map_or(heading.as_str(), |p| p.text.trim().trim_end_matches(':'));
                        permissions::read_scenario_table(t, words, &mut op.permissions, &mut d);
                    } else {
                        permissions::read_table(t, &mut op.permissions, &mut d);
                    }
                }
                _ if permissions::is_permission_table(t) && section != Section::Examples => {
                    permissions::read_table(t, &mut op.permissions, &mut d)
                }
                Section::Headers => params::headers(t, &mut op.headers),
                Section::Query | Section::Params => {
                    if let Some(pt) = params::param_table(t, ParamLocation::Query) {
                        // "provide the following required query parameters"
                        let intro_required = last_para.is_some_and(|p| {
                            let l = p.text.to_ascii_lowercase();
                            l.contains("required") && !l.contains("optional")
                        });
                        documented.extend(pt.params.iter().map(|p| p.name.clone()));
                        for mut p in pt.params {
                            params::query_options(&p.name, &mut op.query_options);
                            if p.name.starts_with('$') {
                                // page-specific options such as `$deltatoken`
                                if !op.query_options.iter().any(|q| q.eq_ignore_ascii_case(&p.name)) {
                                    op.query_options.push(p.name.clone());
                                }
                                continue;
                            }
                            if intro_required && !p.description.to_ascii_lowercase().contains("optional") {
                                p.required = true;
                            }
                            out.params.push(ParamStep::Merge(p));
                        }
                    }
                }
                Section::Body => body_tables.push((t, last_para)),
                _ => {}
            },
            Block::Code(cb) => {
                let mut bt = cb.annotation.as_ref().map_or("", |a| a.block_type());
                if bt.is_empty() && section == Section::Examples && is_http_lang(&cb.lang) {
                    // unannotated example blocks: told apart by their first line
                    bt = guess_block_type(&cb.text);
                }
                if bt == "request" {
                    let m = http::parse_message(cb, false, &mut d);
                    requests.push((cb, m));
                } else if bt == "response" {
                    let m = http::parse_message(cb, true, &mut d);
                    responses.push((cb, m));
                } else if section == Section::Http && is_http_lang(&cb.lang) {
                    seen_http_block = true;
                    http_block_span.get_or_insert(cb.span);
                    let mut at = syntax::Syntax {
                        op: &mut op,
                        params: &mut out.params,
                        spans: &mut out.path_spans,
                        method: &mut method,
                        path_fault: &mut path_fault,
                        placeholders: &mut placeholders,
                    };
                    at.block(cb, &mut d);
                }
            }
            Block::Include(_) => {}
        }
    }

    drop_denied_options(&denied, &mut op.query_options, &mut d);
    undocumented_placeholders(&placeholders, &documented, &mut d);

    // request body tables: action parameters or the properties of the body type
    let is_update = title.to_ascii_lowercase().starts_with("update") || method.as_deref() == Some("PATCH");
    for (t, intro) in body_tables {
        if let Some(pt) = params::param_table(t, ParamLocation::Body) {
            if is_update {
                params::check_required_on_update(t, intro, &pt, &mut d);
            }
            out.params.push(ParamStep::BodyTable { params: pt.params, is_property_table: pt.is_property_table });
        }
    }

    // examples: pair requests and responses by annotation name, then by order
    let pairs = examples::pair_examples(&requests, &responses);
    // whether the first response's body is `{ "value": [ ... ] }`, once it is parsed
    let mut first_shape: Option<BodyShape> = None;
    for (i, (cb, m)) in requests.iter().enumerate() {
        let ann = cb.annotation.as_ref();
        if let Some(name) = ann.and_then(|a| a.name.clone()).filter(|n| !n.trim().is_empty()) {
            let at = ann.map_or(cb.span, |a| a.key_line("name"));
            out.names.push((name, at));
        }
        if let Some(rl) = &m.request {
            syntax::check_example_url(rl, &mut d);
            // a notification the service sends to the app's own URL is no request of this API
            let lower = rl.target.to_ascii_lowercase();
            let to_graph = !lower.starts_with("http") || lower.contains("graph.microsoft.");
            if seen_http_block && !op.paths.is_empty() && to_graph {
                if let Ok(t) = paths::normalize(&rl.target) {
                    if !op.paths.iter().any(|tp| paths::fits(&t.path, tp)) {
                        d.push(
                            Diagnostic::new(
                                Code::D0227,
                                rl.span,
                                format!("the example requests `{}`, which fits none of the page's paths", t.path),
                            )
                            .help("list the path in the HTTP request block, or correct the example's URL"),
                        );
                    }
                }
            }
            if method.is_none() {
                method = Some(rl.method.clone());
            }
            if op.paths.is_empty() && !seen_http_block {
                if let Ok(t) = paths::normalize(&rl.target) {
                    out.path_spans.push(rl.span);
                    op.paths.push(t.path.clone());
                    out.params.push(ParamStep::Extend(paths::path_parameters(&t)));
                }
            }
        }
        let resp_index = pairs.get(i).copied().flatten();
        let resp = resp_index.and_then(|j| responses.get(j));
        let ex_name = ann.and_then(|a| a.name.clone()).unwrap_or_else(|| format!("example_{}", i + 1));
        let mut ex = Example {
            name: ex_name,
            request_body: None,
            response_status: None,
            response_body: None,
            truncated: false,
            request_placeholder: false,
            response_placeholder: false,
            source: SourceRef::new(from, cb.line, 1),
        };
        let idx = op.examples.len();
        if let Some(v) = examples::body_value(m, true, false, &mut out.bodies, &mut d) {
            ex.request_body = Some(v);
            if let Some(b) = out.bodies.last_mut() {
                b.slot = Some((idx, true));
            }
        }
        if let Some((rcb, rm)) = resp {
            let truncated = rcb.annotation.as_ref().is_some_and(|a| a.truncated);
            ex.truncated = truncated;
            ex.response_status = rm.status.map(|s| s.0);
            ex.response_body = examples::body_value(rm, false, truncated, &mut out.bodies, &mut d);
            if resp_index == Some(0) {
                first_shape = first_shape.or(ex.response_body.as_ref().map(BodyShape::of));
            }
            if ex.response_body.is_some() {
                if let Some(b) = out.bodies.last_mut() {
                    b.slot = Some((idx, false));
                }
            }
        } else if !m.empty {
            d.push(
                Diagnostic::new(Code::D0223, cb.span, "this request example has no response example")
                    .help("add a response block annotated `\"blockType\": \"response\"`"),
            );
        }
        ex.request_placeholder = ex.request_body.as_ref().is_some_and(json_body::has_placeholder);
        ex.response_placeholder = ex.response_body.as_ref().is_some_and(json_body::has_placeholder);
        op.examples.push(ex);
    }
    for (j, (cb, _)) in responses.iter().enumerate() {
        if pairs.contains(&Some(j)) {
            continue;
        }
        d.push(
            Diagnostic::new(Code::D0223, cb.span, "this response example has no request example before it")
                .help("add the request it answers, annotated `\"blockType\": \"request\"`"),
        );
    }
    if requests.is_empty() {
        for (rcb, rm) in responses.iter().take(1) {
            let truncated = rcb.annotation.as_ref().is_some_and(|a| a.truncated);
            if let Some(v) = examples::body_value(rm, false, truncated, &mut out.bodies, &mut d) {
                first_shape = first_shape.or(Some(BodyShape::of(&v)));
                if let Some(b) = out.bodies.last_mut() {
                    b.value = Some(v);
                }
            }
        }
    }
    if let Some((rcb, rm)) = responses.first() {
        out.example_status = rm.status;
        // a 202 whose body is the resource itself (with the resource's `Location`) is no monitor
        let body_empty = rm
            .body
            .as_ref()
            .is_none_or(|(b, _)| matches!(b.split_whitespace().collect::<String>().as_str(), "" | "{}"));
        if rm.status.is_some_and(|s| s.0 == 202) && body_empty {
            out.example_monitor = ["Operation-Location", "Location"]
                .into_iter()
                .find(|h| rm.header(h).is_some_and(|v| !v.trim().is_empty()))
                .map(str::to_string);
        }
        if let Some(a) = rcb.annotation.as_ref() {
            if let Some(t) = a.odata_type.as_deref().filter(|t| !t.trim().is_empty()) {
                let t = t.trim().trim_start_matches('#');
                let wrapped = t.len() > 11 && t.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("collection("));
                let (t, coll) = match t.get(11..).and_then(|r| r.strip_suffix(')')).filter(|_| wrapped) {
                    Some(inner) => (inner.trim(), true),
                    None => (t, a.is_collection),
                };
                out.example_type = Some(ExampleType {
                    name: t.to_string(),
                    collection: coll,
                    at: a.key_line("@odata.type"),
                    span: a.span,
                    mentions: examples::page_mentions(page, &responses),
                });
            }
        }
        if let Some((b, _)) = &rm.body {
            // the first response's body is usually parsed above already
            let shape = first_shape
                .unwrap_or_else(|| json_body::parse_body(b).map_or(BodyShape::Other, |(v, _)| BodyShape::of(&v)));
            out.value_array = shape == BodyShape::ValueArray;
            out.single_object = shape == BodyShape::Object;
        }
    }

    if !seen_http_block && requests.is_empty() {
        d.push(
            Diagnostic::new(
                Code::D0219,
                page.title_span(),
                "this API page has no HTTP request block and no request example",
            )
            .help("add an `## HTTP request` section with the request line"),
        );
        // nothing to build an operation from; the example's type is still checked
        out.usable = false;
        return (out, d);
    }
    let method = match method {
        Some(m) => m,
        None => {
            let derived = method_from_title(&title).unwrap_or("GET");
            let at = http_block_span.unwrap_or_else(|| page.title_span());
            d.push(
                Diagnostic::new(
                    Code::D0212,
                    at,
                    format!("no HTTP method could be read here; `{derived}` was derived from the title"),
                )
                .related(page.title_span(), "the title")
                .help("write the request line, e.g. `POST /path`"),
            );
            derived.to_string()
        }
    };
    op.method = HttpMethod::parse(&method).unwrap_or_default();
    if op.paths.is_empty() && !path_fault {
        let at = http_block_span.unwrap_or_else(|| page.title_span());
        d.push(
            Diagnostic::new(Code::D0220, at, "this operation has no usable request path")
                .help("write the request path in the HTTP request block"),
        );
    }
    if let Some(name) = out.names.first() {
        op.id = name.0.clone();
        out.id_from_name = true;
    } else {
        op.id = snake(if title.is_empty() { from } else { &title });
        if op.id.is_empty() {
            op.id = snake(from);
        }
    }
    out.op = op;
    (out, d)
}
