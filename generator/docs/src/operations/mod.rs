//! Stage 5, operations: API pages -> IR operations (paths, parameters, bodies, responses,
//! permissions, examples), with paths resolved against the schema.
//!
//! Three steps: [`extract_page`] is pure and per page (run in parallel); ids, duplicate
//! example names, roots and bound operations need the whole tree; path resolution and
//! response checks run per operation again in parallel.

pub mod body;
pub mod examples;
pub mod formats;
pub mod http;
pub mod names;
pub mod paths;
pub mod permissions;
pub mod response;

use crate::markdown::{Block, CodeBlock, Inline, Page, PageKind};
use codegen_core::diag::{Code, Diagnostic, Diagnostics, Span};
use codegen_core::source::SourceDb;
use codegen_ir::{
    Example, HttpMethod, Operation, ParamLocation, Parameter, PathTemplate, Response, Root, Schema, TypeRef,
};
use names::Names;
use paths::Resolver;
use rayon::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    Intro,
    Permissions,
    Http,
    Query,
    Params,
    Headers,
    Body,
    Response,
    Examples,
    Other,
}

fn section_of(heading: &str, current: Section) -> Section {
    let h = heading.to_ascii_lowercase();
    if current == Section::Examples && (h.starts_with("request") || h.starts_with("response")) {
        return Section::Examples;
    }
    if h.contains("permission") {
        Section::Permissions
    } else if h.contains("http request") {
        Section::Http
    } else if h.contains("query parameter") {
        Section::Query
    } else if h.contains("request header") {
        Section::Headers
    } else if h.contains("request body") {
        Section::Body
    } else if h.contains("parameter") {
        Section::Params
    } else if h.starts_with("response") {
        Section::Response
    } else if h.starts_with("example") || h.starts_with("sample") {
        Section::Examples
    } else {
        Section::Other
    }
}

fn is_http_lang(lang: &str) -> bool {
    matches!(lang, "http" | "msgraph-interactive" | "" | "https")
}

/// Counts of one run, for tests and reports.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub api_pages: usize,
    pub operations: usize,
    pub paths: usize,
    pub paths_resolved: usize,
    pub operations_with_permissions: usize,
    pub examples: usize,
    pub examples_validated: usize,
    pub examples_valid: usize,
    /// Findings in example bodies, by code.
    pub invalid_by_code: BTreeMap<String, usize>,
}

/// A parsed example body waiting for validation.
struct PendingBody {
    /// The value, when no example holds it (a response with no request).
    value: Option<serde_json::Value>,
    /// Index of the example that holds the value, and whether it is the request's.
    slot: Option<(usize, bool)>,
    text: String,
    lines: Vec<Span>,
    request: bool,
    truncated: bool,
}

/// What one page yields before the tree-wide steps.
struct PageOps {
    op: Operation,
    /// Spans of the operation's templates, in `op.paths` order.
    path_spans: Vec<Span>,
    /// Request annotation names with their spans.
    names: Vec<(String, Span)>,
    id_from_name: bool,
    prose: Option<response::ProseResponse>,
    /// Response example annotation: type, collection, span.
    example_type: Option<(String, bool, Span)>,
    /// Status line of the first response example.
    example_status: Option<(u16, Span)>,
    value_array: bool,
    /// The first response example's body is one object (no `value` array).
    single_object: bool,
    bodies: Vec<PendingBody>,
    /// The page lists action parameters in its request body section.
    action: bool,
    example_count: usize,
}

/// Builds the operations of every API page, and the roots (entity sets and singletons) their
/// paths start from.
pub fn build(db: &SourceDb, pages: &[Page], schema: &Schema, diags: &mut Diagnostics) -> (Vec<Operation>, Vec<Root>) {
    let (ops, roots, _) = build_stats(db, pages, schema, diags);
    (ops, roots)
}

/// [`build`], with the counts of the run.
pub fn build_stats(
    db: &SourceDb,
    pages: &[Page],
    schema: &Schema,
    diags: &mut Diagnostics,
) -> (Vec<Operation>, Vec<Root>, Stats) {
    let (names, api): (Names, Vec<&Page>) = rayon::join(
        || Names::new(schema, pages),
        || pages.par_iter().filter(|p| p.kind == PageKind::Api || has_request_section(p)).collect(),
    );
    let mut stats = Stats { api_pages: api.len(), ..Stats::default() };
    // the resolver's tables are built while the pages are read
    let (base, extracted): (Resolver, Vec<(Option<PageOps>, Diagnostics)>) =
        rayon::join(|| Resolver::new(schema), || api.par_iter().map(|p| extract_page(db, p, &names)).collect());
    let mut found = Vec::new();
    for (ops, d) in extracted {
        diags.extend(d);
        if let Some(o) = ops {
            found.push(o);
        }
    }
    assign_ids(&mut found, diags);
    let mut resolver = base;
    collect_roots(&found, &mut resolver);
    resolver.infer_roots(found.iter().flat_map(|p| p.op.paths.iter()));
    bind_operations(&found, &mut resolver);
    let roots = resolver.ir_roots();
    let checked: Vec<Finished> = found.into_par_iter().map(|p| finish(p, &resolver, &names)).collect();
    let mut ops = Vec::with_capacity(checked.len());
    for (op, d, (np, nr), (validated, valid, by_code)) in checked {
        diags.extend(d);
        stats.paths += np;
        stats.paths_resolved += nr;
        stats.examples += op.examples.len();
        stats.examples_validated += validated;
        stats.examples_valid += valid;
        for (k, v) in by_code {
            *stats.invalid_by_code.entry(k).or_default() += v;
        }
        let p = &op.permissions;
        if !(p.delegated_work.is_empty() && p.delegated_personal.is_empty() && p.application.is_empty()) {
            stats.operations_with_permissions += 1;
        }
        ops.push(op);
    }
    stats.operations = ops.len();
    ops.sort_by(|a, b| a.id.cmp(&b.id));
    (ops, roots, stats)
}

/// An `## HTTP request` section with a code block: API content, whatever the front matter
/// says the page is.
fn has_request_section(p: &Page) -> bool {
    if p.kind == PageKind::Include {
        return false;
    }
    let mut in_http = false;
    for b in &p.blocks {
        match b {
            Block::Heading { level: 2, inline, tab: false } => {
                in_http = inline.text.to_ascii_lowercase().contains("http request");
            }
            Block::Code(c) if in_http && is_http_lang(&c.lang) => return true,
            _ => {}
        }
    }
    false
}

fn snake(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

fn method_from_title(title: &str) -> Option<&'static str> {
    let first = title.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    Some(match first.as_str() {
        "get" | "list" | "read" | "search" | "download" => "GET",
        "create" | "add" | "post" | "send" | "invite" | "assign" | "reply" | "forward" => "POST",
        "update" | "patch" | "edit" => "PATCH",
        "delete" | "remove" => "DELETE",
        "replace" | "upload" | "put" => "PUT",
        _ => return None,
    })
}

/// Extracts one page's operation. Pure: reads only the page and the name index.
fn extract_page(db: &SourceDb, page: &Page, names: &Names) -> (Option<PageOps>, Diagnostics) {
    let mut d = Diagnostics::default();
    let from = page.rel.as_str();
    let title = page.title_text().unwrap_or("").trim().to_string();
    let mut op = Operation { source: page.rel.clone(), title: title.clone(), ..Operation::default() };
    op.description = page.front.as_ref().and_then(|f| f.description.clone()).unwrap_or_default().trim().to_string();
    let mut out = PageOps {
        op: Operation::default(),
        path_spans: Vec::new(),
        names: Vec::new(),
        id_from_name: false,
        prose: None,
        example_type: None,
        example_status: None,
        value_array: false,
        single_object: false,
        bodies: Vec::new(),
        action: false,
        example_count: 0,
    };
    let mut section = Section::Intro;
    let mut seen_http_block = false;
    let mut path_fault = false;
    let mut http_block_span: Option<Span> = None;
    let mut method: Option<String> = None;
    let mut last_para: Option<&Inline> = None;
    let mut intro_type: Option<String> = None;
    let mut body_tables: Vec<(&crate::markdown::Table, Option<&Inline>)> = Vec::new();
    let mut requests: Vec<(&CodeBlock, http::Message)> = Vec::new();
    let mut responses: Vec<(&CodeBlock, http::Message)> = Vec::new();

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
                last_para = None;
            }
            Block::Paragraph(p) => {
                if section == Section::Intro && intro_type.is_none() {
                    intro_type = p.links.iter().find_map(|k| names.link_type(from, k));
                }
                match section {
                    Section::Body if op.request_body.is_none() => {
                        op.request_body = body::body_from_prose(from, p, names);
                    }
                    Section::Response if out.prose.is_none() => {
                        out.prose = response::from_prose(from, p, names);
                    }
                    Section::Query => body::query_options(&p.text, &mut op.query_options),
                    _ => {}
                }
                last_para = Some(p);
            }
            Block::Table(t) => match section {
                Section::Permissions => permissions::read_table(t, &mut op.permissions, &mut d),
                _ if permissions::is_permission_table(t) && section != Section::Examples => {
                    permissions::read_table(t, &mut op.permissions, &mut d)
                }
                Section::Headers => body::headers(t, &mut op.headers),
                Section::Query | Section::Params => {
                    if let Some(pt) = body::param_table(from, t, names, ParamLocation::Query) {
                        // "provide the following required query parameters"
                        let intro_required = last_para.is_some_and(|p| {
                            let l = p.text.to_ascii_lowercase();
                            l.contains("required") && !l.contains("optional")
                        });
                        for mut p in pt.params {
                            body::query_options(&p.name, &mut op.query_options);
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
                            merge_parameter(&mut op.parameters, p);
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
                    let m = http::parse_message(db, cb, false, &mut d);
                    requests.push((cb, m));
                } else if bt == "response" {
                    let m = http::parse_message(db, cb, true, &mut d);
                    responses.push((cb, m));
                } else if section == Section::Http && is_http_lang(&cb.lang) {
                    seen_http_block = true;
                    http_block_span.get_or_insert(cb.span);
                    syntax_block(db, cb, &mut op, &mut out.path_spans, &mut method, &mut path_fault, &mut d);
                }
            }
            Block::Include(_) => {}
        }
    }

    // request body tables: action parameters or the properties of the body type
    let is_update = title.to_ascii_lowercase().starts_with("update") || method.as_deref() == Some("PATCH");
    for (t, intro) in body_tables {
        if let Some(pt) = body::param_table(from, t, names, ParamLocation::Body) {
            if is_update {
                body::check_required_on_update(t, intro, &pt, &mut d);
            }
            if pt.is_property_table && op.request_body.is_none() {
                // a property table with no "JSON representation of [x]" line: the type the
                // page is about (its first link to a resource page)
                op.request_body = intro_type.clone().map(|t| TypeRef { name: t.into(), collection: false });
            }
            if !pt.is_property_table && op.request_body.is_none() {
                out.action = true;
                for p in pt.params {
                    if !op.parameters.iter().any(|q| q.name == p.name && q.location == ParamLocation::Body) {
                        op.parameters.push(p);
                    }
                }
            }
        }
    }

    // examples: pair requests and responses by annotation name, then by order
    let pairs = pair_examples(&requests, &responses);
    // whether the first response's body is `{ "value": [ ... ] }`, once it is parsed
    let mut first_shape: Option<BodyShape> = None;
    for (i, (cb, m)) in requests.iter().enumerate() {
        let ann = cb.annotation.as_ref();
        if let Some(name) = ann.and_then(|a| a.name.clone()).filter(|n| !n.trim().is_empty()) {
            let at = ann.map_or(cb.span, |a| key_span(db, a.span, "\"name\""));
            out.names.push((name, at));
        }
        if let Some(rl) = &m.request {
            check_example_url(rl, &mut d);
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
                    op.parameters.extend(paths::path_parameters(&t));
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
            source: crate::place(db, cb.span),
        };
        let idx = op.examples.len();
        if let Some(v) = body_value(m, true, false, &mut out.bodies, &mut d) {
            ex.request_body = Some(v);
            if let Some(b) = out.bodies.last_mut() {
                b.slot = Some((idx, true));
            }
        }
        if let Some((rcb, rm)) = resp {
            let truncated = rcb.annotation.as_ref().is_some_and(|a| a.truncated);
            ex.truncated = truncated;
            ex.response_status = rm.status.map(|s| s.0);
            ex.response_body = body_value(rm, false, truncated, &mut out.bodies, &mut d);
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
        ex.request_placeholder = ex.request_body.as_ref().is_some_and(examples::has_placeholder);
        ex.response_placeholder = ex.response_body.as_ref().is_some_and(examples::has_placeholder);
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
            if let Some(v) = body_value(rm, false, truncated, &mut out.bodies, &mut d) {
                first_shape = first_shape.or(Some(BodyShape::of(&v)));
                if let Some(b) = out.bodies.last_mut() {
                    b.value = Some(v);
                }
            }
        }
    }
    out.example_count = op.examples.len();
    if let Some((rcb, rm)) = responses.first() {
        out.example_status = rm.status;
        if let Some(a) = rcb.annotation.as_ref() {
            if let Some(t) = a.odata_type.as_deref().filter(|t| !t.trim().is_empty()) {
                let t = t.trim().trim_start_matches('#');
                let wrapped = t.len() > 11 && t.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("collection("));
                let (t, coll) = match t.get(11..).and_then(|r| r.strip_suffix(')')).filter(|_| wrapped) {
                    Some(inner) => (inner.trim(), true),
                    None => (t, a.is_collection),
                };
                let q = names.qualify(t);
                let at = key_span(db, a.span, "\"@odata.type\"");
                check_annotation_type(t, names, &page_mentions(page, &responses), at, &mut d);
                out.example_type = Some((q, coll, a.span));
            }
        }
        if let Some((b, _)) = &rm.body {
            // the first response's body is usually parsed above already
            let shape = first_shape
                .unwrap_or_else(|| examples::parse_body(b).map_or(BodyShape::Other, |(v, _)| BodyShape::of(&v)));
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
        return (None, d);
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
    (Some(out), d)
}

/// For each request, the index of its response: the one with the same annotation name, else
/// the next unpaired one after it.
fn pair_examples(
    requests: &[(&CodeBlock, http::Message)],
    responses: &[(&CodeBlock, http::Message)],
) -> Vec<Option<usize>> {
    let name = |cb: &CodeBlock| cb.annotation.as_ref().and_then(|a| a.name.clone()).filter(|n| !n.is_empty());
    let mut used = vec![false; responses.len()];
    let mut out = vec![None; requests.len()];
    for (i, (rq, _)) in requests.iter().enumerate() {
        let Some(n) = name(rq) else { continue };
        let hit = responses
            .iter()
            .enumerate()
            .position(|(j, (rs, _))| !used.get(j).copied().unwrap_or(true) && name(rs).as_deref() == Some(n.as_str()));
        if let Some(j) = hit {
            if let (Some(u), Some(o)) = (used.get_mut(j), out.get_mut(i)) {
                *u = true;
                *o = Some(j);
            }
        }
    }
    for (i, (rq, _)) in requests.iter().enumerate() {
        if out.get(i).copied().flatten().is_some() {
            continue;
        }
        let after = rq.span.start;
        let next_rq = requests.get(i + 1).map_or(u32::MAX, |(n, _)| n.span.start);
        let hit = responses.iter().enumerate().position(|(j, (rs, _))| {
            !used.get(j).copied().unwrap_or(true) && rs.span.start > after && rs.span.start < next_rq
        });
        if let Some(j) = hit {
            if let (Some(u), Some(o)) = (used.get_mut(j), out.get_mut(i)) {
                *u = true;
                *o = Some(j);
            }
        }
    }
    out
}

/// `request` for a block that starts with a method, `response` for a status line.
fn guess_block_type(text: &str) -> &'static str {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let word = first.split_whitespace().next().unwrap_or("");
    if http::METHODS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
        "request"
    } else if word.len() >= 4 && word.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("HTTP")) {
        "response"
    } else {
        ""
    }
}

/// The span of the line in an annotation that holds `key`, else the annotation's.
fn key_span(db: &SourceDb, span: Span, key: &str) -> Span {
    let text = db.get(span.file).and_then(|f| f.text.get(span.range())).unwrap_or("");
    match text.find(key) {
        Some(i) => {
            let end = text.get(i..).and_then(|r| r.find('\n')).map_or(text.len(), |e| i + e);
            span.sub(i, end)
        }
        None => span,
    }
}

/// Names the page itself uses for types: link texts and `@odata.type` values in bodies.
fn page_mentions(page: &Page, responses: &[(&CodeBlock, http::Message)]) -> Vec<String> {
    let mut out = Vec::new();
    for b in &page.blocks {
        if let Block::Paragraph(p) = b {
            for l in &p.links {
                if l.href.contains("resources/") {
                    out.push(l.text.trim().to_string());
                }
            }
        }
    }
    for (_, m) in responses {
        if let Some((b, _)) = &m.body {
            for part in b.split("\"@odata.type\"").skip(1) {
                let v = part.split('"').nth(1).unwrap_or("").trim_start_matches('#');
                out.push(v.rsplit('.').next().unwrap_or(v).to_string());
            }
        }
    }
    out
}

/// D0208 / D0218 for an annotation's `@odata.type`.
fn check_annotation_type(t: &str, names: &Names, mentions: &[String], at: Span, d: &mut Diagnostics) {
    if t.starts_with("Collection(") || t.starts_with("Edm.") || names::primitive(t).is_some() {
        return;
    }
    let short = t.rsplit('.').next().unwrap_or(t);
    let known = names.lookup(t).map(|k| k.rsplit('.').next().unwrap_or(k).to_string());
    let same_case_elsewhere = mentions.iter().find(|m| m.eq_ignore_ascii_case(short) && m.as_str() != short);
    match known {
        Some(k) if k != short => {
            d.push(
                Diagnostic::new(Code::D0208, at, format!("`@odata.type` `{t}` differs in case from the type `{k}`"))
                    .help(format!("write `{}.{k}`", t.rsplit_once('.').map_or("microsoft.graph", |x| x.0))),
            );
        }
        Some(_) => {}
        None => {
            if let Some(m) = same_case_elsewhere {
                if mentions.iter().all(|x| !x.eq(short)) {
                    d.push(
                        Diagnostic::new(
                            Code::D0208,
                            at,
                            format!("`@odata.type` `{t}` differs in case from `{m}`, as the page writes it elsewhere"),
                        )
                        .help(format!("write `{}.{m}`", t.rsplit_once('.').map_or("microsoft.graph", |x| x.0))),
                    );
                }
            } else if !names.is_empty() {
                d.push(
                    Diagnostic::new(Code::D0218, at, format!("`@odata.type` `{t}` names no documented type"))
                        .help("name a type that a resource page documents"),
                );
            }
        }
    }
}

/// URL faults of an example request line.
fn check_example_url(rl: &http::RequestLine, d: &mut Diagnostics) {
    if rl.target.contains('\\') {
        d.push(
            Diagnostic::new(Code::D0202, rl.span, "the request URL contains a backslash")
                .help("URLs separate segments with `/`"),
        );
    }
    if paths::is_uri_placeholder(&rl.target) {
        d.push(
            Diagnostic::new(Code::D0201, rl.span, "a `** URI ... not found` placeholder stands where the URL belongs")
                .help("write the real request URL, e.g. `https://graph.microsoft.com/v1.0/...`"),
        );
    }
}

/// Reads the request lines of an `HTTP request` syntax block.
fn syntax_block(
    db: &SourceDb,
    cb: &CodeBlock,
    op: &mut Operation,
    spans: &mut Vec<Span>,
    method: &mut Option<String>,
    path_fault: &mut bool,
    d: &mut Diagnostics,
) {
    let ls = http::lines(db, cb);
    if ls.iter().all(|l| l.text.trim().is_empty()) {
        *path_fault = true;
        d.push(
            Diagnostic::new(Code::D0203, cb.span, "the HTTP request block is empty")
                .help("write the request line(s), e.g. `GET /me/events`"),
        );
        return;
    }
    for l in &ls {
        let t = l.text.trim();
        if t.is_empty() || t.starts_with("//") || t.starts_with('#') {
            continue;
        }
        let (m, target) = match http::request_line(l) {
            Some(rl) => (Some(rl.method), rl.target),
            None if t.starts_with('/') || t.to_ascii_lowercase().starts_with("http") => (None, t.to_string()),
            None => continue,
        };
        if let Some(m) = m {
            if method.is_none() {
                *method = Some(m);
            }
        }
        if target.contains('\\') {
            d.push(
                Diagnostic::new(Code::D0202, l.span, "the request path contains a backslash")
                    .help("paths separate segments with `/`"),
            );
        }
        query_of_line(&target, op);
        match paths::normalize(&target) {
            Ok(tpl) if paths::texts(&tpl.path).iter().any(|s| s.starts_with("..") || s.starts_with('…')) => {
                d.push(
                    Diagnostic::new(Code::D0225, l.span, "this path elides segments with `...`; it is left out")
                        .help("write each full path on a line of its own"),
                );
            }
            Ok(tpl) => {
                if !op.paths.contains(&tpl.path) {
                    for p in paths::path_parameters(&tpl) {
                        if !op.parameters.iter().any(|q| q.name == p.name && q.location == ParamLocation::Path) {
                            op.parameters.push(p);
                        }
                    }
                    op.paths.push(tpl.path);
                    spans.push(l.span);
                }
            }
            Err(paths::PathFault::UriPlaceholder) => {
                *path_fault = true;
                d.push(
                    Diagnostic::new(
                        Code::D0201,
                        l.span,
                        "a `** URI ... not found` placeholder stands where the request path belongs",
                    )
                    .help("write the path template, e.g. `/deviceManagement/things/{thing-id}`"),
                );
            }
            Err(paths::PathFault::Empty) => {
                *path_fault = true;
                d.push(
                    Diagnostic::new(Code::D0222, l.span, "this request line has no path")
                        .help("write the path after the method"),
                );
            }
        }
    }
}

/// Query parameters written in a syntax line (`?startDateTime={start}&$top=5`): named
/// ones are required query parameters, `$` ones query options.
fn query_of_line(target: &str, op: &mut Operation) {
    let Some((_, q)) = target.split_once('?') else { return };
    for pair in q.split('&') {
        let k = pair.split('=').next().unwrap_or("").trim();
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '$' || c == '_' || c == '-') {
            continue;
        }
        if k.starts_with('$') {
            body::query_options(k, &mut op.query_options);
        } else {
            merge_parameter(
                &mut op.parameters,
                Parameter {
                    name: k.to_string(),
                    ty: TypeRef::new("Edm.String", false),
                    required: true,
                    location: ParamLocation::Query,
                    description: String::new(),
                },
            );
        }
    }
}

/// Adds a parameter, or completes the one of that name (a path parameter named
/// `{x-value}` or `{x}` takes the table's type and description).
fn merge_parameter(params: &mut Vec<Parameter>, p: Parameter) {
    let same = |q: &Parameter| {
        q.name.eq_ignore_ascii_case(&p.name)
            || (q.location == ParamLocation::Path
                && q.name.strip_suffix("-value").is_some_and(|n| n.eq_ignore_ascii_case(&p.name)))
    };
    match params.iter_mut().find(|q| same(q)) {
        Some(q) => {
            if q.description.is_empty() {
                q.description = p.description;
            }
            if q.ty.name == "Edm.String" {
                q.ty.name = p.ty.name;
                q.ty.collection = p.ty.collection;
            }
            q.required |= p.required;
        }
        None => params.push(p),
    }
}

/// What a response body looks like: `{ "value": [ ... ] }`, another object, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyShape {
    ValueArray,
    Object,
    Other,
}

impl BodyShape {
    fn of(v: &serde_json::Value) -> BodyShape {
        match v {
            serde_json::Value::Object(map) if matches!(map.get("value"), Some(serde_json::Value::Array(_))) => {
                BodyShape::ValueArray
            }
            serde_json::Value::Object(_) => BodyShape::Object,
            _ => BodyShape::Other,
        }
    }
}

/// Parses a message body as JSON for the IR and queues it for validation.
fn body_value(
    m: &http::Message,
    request: bool,
    truncated: bool,
    queue: &mut Vec<PendingBody>,
    d: &mut Diagnostics,
) -> Option<serde_json::Value> {
    let (text, at) = m.body.as_ref()?;
    let json_header = m.header("content-type").is_some_and(|c| c.contains("json"));
    if !examples::looks_like_json(text) {
        if json_header {
            d.push(
                Diagnostic::new(Code::D0214, *at, "the body is not JSON although Content-Type says it is")
                    .help("write the body as JSON, or give its real Content-Type"),
            );
        }
        return None;
    }
    match examples::parse_body(text) {
        Ok((v, repairs)) => {
            if !repairs.is_empty() {
                let what: Vec<&str> = repairs
                    .iter()
                    .map(|r| match r {
                        examples::Repair::Elided => "`...` elisions",
                        examples::Repair::Comments => "comments",
                        examples::Repair::TrailingCommas => "stray commas",
                    })
                    .collect();
                d.push(
                    Diagnostic::new(
                        Code::D0224,
                        *at,
                        format!("the body has {}; it was read leniently", what.join(", ")),
                    )
                    .help("JSON has no comments or elisions; real payloads will differ"),
                );
            }
            queue.push(PendingBody {
                value: None,
                slot: None,
                text: text.clone(),
                lines: m.body_lines.clone(),
                request,
                truncated,
            });
            Some(v)
        }
        Err((line, msg)) => {
            let span = m.body_lines.get(line.saturating_sub(1)).copied().unwrap_or(*at);
            d.push(
                Diagnostic::new(Code::D0214, span, format!("the body is not valid JSON: {msg}"))
                    .help("fix the JSON so that it parses"),
            );
            None
        }
    }
}

/// Gives every operation a unique id (the first page in file order keeps a shared one) and
/// reports request names used more than once.
fn assign_ids(found: &mut [PageOps], d: &mut Diagnostics) {
    let mut by_name: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    for p in found.iter() {
        for (n, s) in &p.names {
            by_name.entry(n.as_str()).or_default().push(*s);
        }
    }
    for (name, spans) in &by_name {
        if spans.len() < 2 {
            continue;
        }
        for (i, s) in spans.iter().enumerate() {
            let mut diag =
                Diagnostic::new(Code::D0209, *s, format!("the example name `{name}` is used {} times", spans.len()))
                    .help("give each example a name of its own");
            for (j, o) in spans.iter().enumerate() {
                if i != j {
                    diag = diag.related(*o, "also used here");
                }
            }
            d.push(diag);
        }
    }
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for p in found.iter_mut() {
        let base = p.op.id.clone();
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let mut k = *n;
            let mut id = format!("{base}_{k}");
            while used.contains_key(&id) {
                k += 1;
                id = format!("{base}_{k}");
            }
            used.insert(id.clone(), 1);
            p.op.id = id;
        }
    }
}

/// The response type the page promises: prose first, then the example annotation.
fn promised(p: &PageOps) -> Option<TypeRef> {
    if let Some(pr) = &p.prose {
        if pr.no_content && pr.type_name.is_none() {
            return None;
        }
        if let Some(t) = &pr.type_name {
            let example_coll = p.example_type.as_ref().is_some_and(|e| e.1 && e.0.eq_ignore_ascii_case(t));
            return Some(TypeRef {
                name: t.as_str().into(),
                collection: pr.collection || example_coll || p.value_array,
            });
        }
    }
    p.example_type.as_ref().map(|e| TypeRef { name: e.0.as_str().into(), collection: e.1 || p.value_array })
}

/// Roots (entity sets and singletons) and bound operations, read off the operations' paths.
fn collect_roots(found: &[PageOps], r: &mut Resolver) {
    for p in found {
        let ret = promised(p);
        let body = p.op.request_body.as_ref().map(|b| TypeRef { name: b.name.clone(), collection: false });
        for path in &p.op.paths {
            let texts = paths::texts(path);
            let segs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let first = segs.first().copied().unwrap_or("");
            if first.contains('(') || first.starts_with('{') {
                continue;
            }
            let key_second = segs.get(1).is_some_and(|s| s.starts_with('{'));
            match (p.op.method, segs.len()) {
                (HttpMethod::Get, 1) => {
                    if let Some(t) = &ret {
                        r.add_root(first, t.clone());
                    }
                }
                (HttpMethod::Post, 1) => {
                    if let Some(t) = body.clone().or(ret.clone()) {
                        r.add_root(first, TypeRef { name: t.name, collection: true });
                    }
                }
                (_, 2) if key_second => {
                    if let Some(t) = ret.clone().filter(|t| !t.collection).or(body.clone()) {
                        r.add_root(first, TypeRef { name: t.name, collection: true });
                    }
                }
                _ => {}
            }
            // bound actions and functions: the last segment of a POST without a resource body,
            // or any call with parentheses
            if let Some(last) = segs.last() {
                let is_call = last.contains('(') && !last.starts_with('{');
                // Graph titles actions and functions `type: name`
                // and a POST without a resource body to a name that is no plural collection is
                // an action too (`/follow`, `/checkin`)
                let bare_post = p.op.method == HttpMethod::Post && p.op.request_body.is_none() && !last.ends_with('s');
                let is_action = segs.len() > 1 && (p.action || p.op.title.contains(':') || bare_post);
                if (is_call || is_action) && !last.starts_with('$') && !last.starts_with('{') && !last.contains(':') {
                    r.add_bound(last, ret.clone());
                }
            }
        }
    }
}

/// Binding types of bound operations: the type the path before the operation leads to.
fn bind_operations(found: &[PageOps], r: &mut Resolver) {
    let mut bindings = Vec::new();
    for p in found {
        for path in &p.op.paths {
            let Some((last, before)) = path.segments.split_last() else { continue };
            let last = last.to_string();
            if before.is_empty() || !r.is_bound(&last) {
                continue;
            }
            let prefix = PathTemplate { segments: before.to_vec() };
            if let Ok(Some(t)) = r.resolve(&prefix) {
                bindings.push((last.to_string(), t.name, promised(p)));
            }
        }
    }
    for (name, binding, ret) in bindings {
        r.add_bound_on(&name, &binding, ret);
    }
}

/// Resolves paths, settles the response and validates example bodies.
type Finished = (Operation, Diagnostics, (usize, usize), (usize, usize, BTreeMap<String, usize>));

fn finish(mut p: PageOps, r: &Resolver, names: &Names) -> Finished {
    let mut d = Diagnostics::default();
    let mut resolved = 0;
    let mut path_target: Option<TypeRef> = None;
    let mut untyped = false;
    for (i, path) in p.op.paths.iter().enumerate() {
        let at = p.path_spans.get(i).copied().unwrap_or_default();
        match r.resolve(path) {
            Ok(t) => {
                resolved += 1;
                if path_target.is_none() {
                    if let Some(t) = t {
                        path_target = Some(t);
                    } else {
                        untyped = true;
                    }
                }
            }
            Err(u) => {
                let seg = path.segments.get(u.segment).map(ToString::to_string).unwrap_or_default();
                d.push(
                    Diagnostic::new(Code::D0213, at, format!("in `{path}`: {}", u.message))
                        .help(format!("check the spelling and case of `{seg}` against the resource page")),
                );
            }
        }
    }
    let _ = untyped;
    // response
    let promised_t = promised(&p);
    let prose_status = p.prose.as_ref().and_then(|x| x.status);
    if let (Some(ps), Some((es, at))) = (prose_status, p.example_status) {
        if ps != es {
            let mut diag =
                Diagnostic::new(Code::D0211, at, format!("the example answers `{es}` but the prose promises `{ps}`"))
                    .help("make the prose and the example agree");
            if let Some(pr) = &p.prose {
                diag = diag.related(pr.span, "the prose's status");
            }
            d.push(diag);
        }
    }
    let status = prose_status.or(p.example_status.map(|s| s.0)).unwrap_or(match p.op.method.as_str() {
        "POST" => 201,
        "DELETE" => 204,
        _ => 200,
    });
    // prose vs example annotation
    if let (Some(pr), Some((et, _, at))) = (&p.prose, &p.example_type) {
        if let Some(pt) = &pr.type_name {
            if !pt.eq_ignore_ascii_case(et) && !r.is_derived_or_same(et, pt) && !r.is_derived_or_same(pt, et) {
                d.push(
                    Diagnostic::new(
                        Code::D0221,
                        *at,
                        format!("the response example is a `{et}` but the prose promises a `{pt}`"),
                    )
                    .related(pr.span, "the prose's type")
                    .help("make the prose and the example name the same type"),
                );
            }
        }
    }
    // a 204 carries no body, whatever else the prose says
    let mut target = promised_t.clone().filter(|_| status != 204);
    if p.op.method == HttpMethod::Get {
        if let Some(pt) = &path_target {
            match &target {
                None if prose_status != Some(204) => target = Some(pt.clone()),
                // the page documents one derived type of a polymorphic endpoint: the
                // endpoint's static type is the path's
                Some(t) if !t.name.eq_ignore_ascii_case(&pt.name) && r.is_derived_or_same(&t.name, &pt.name) => {
                    target = Some(TypeRef { name: pt.name.clone(), collection: t.collection });
                }
                Some(t)
                    if !t.name.eq_ignore_ascii_case(&pt.name)
                        && !r.is_derived_or_same(&t.name, &pt.name)
                        && !r.is_derived_or_same(&pt.name, &t.name)
                        && !pt.name.starts_with("Edm.") =>
                {
                    let at = p.path_spans.first().copied().unwrap_or_default();
                    d.push(
                        Diagnostic::new(
                            Code::D0221,
                            at,
                            format!("the path leads to `{}` but the page says the response is a `{}`", pt.name, t.name),
                        )
                        .help("check the response type and the last path segment"),
                    );
                }
                _ => {}
            }
        }
    }
    // the prose says a collection, but the path leads to one value and the example is one object
    let example_single = p.single_object && p.example_type.as_ref().is_none_or(|e| !e.1);
    if p.op.method == HttpMethod::Get && example_single && path_target.as_ref().is_some_and(|t| !t.collection) {
        if let Some(t) = target.as_mut().filter(|t| t.collection) {
            t.collection = false;
            let at = p.prose.as_ref().map_or(p.path_spans.first().copied().unwrap_or_default(), |pr| pr.span);
            d.push(
                Diagnostic::new(
                    Code::D0221,
                    at,
                    format!("the prose says a collection of `{}`, but the path leads to one and the example answers one object", t.name),
                )
                .help("say the method returns one object"),
            );
        }
    }
    // a GET whose path ends with a key returns one element
    let ends_with_key = p.op.paths.first().is_some_and(|path| {
        path.segments
            .last()
            .map(ToString::to_string)
            .is_some_and(|s| s.starts_with('{') || (s.ends_with(')') && !s.ends_with("()") && !s.contains('=')))
    });
    if p.op.method == HttpMethod::Get && ends_with_key && path_target.as_ref().is_some_and(|t| !t.collection) {
        if let Some(t) = target.as_mut().filter(|t| t.collection) {
            t.collection = false;
            let at = p.path_spans.first().copied().unwrap_or_default();
            let mut diag = Diagnostic::new(
                Code::D0221,
                at,
                format!("the path ends with a key and returns one `{}`, but the page says a collection", t.name),
            )
            .help("say the method returns one object, or mark the example `\"isCollection\": false`");
            if let Some(pr) = &p.prose {
                diag = diag.related(pr.span, "the prose's response");
            }
            d.push(diag);
        }
    }
    p.op.response = Some(Response { status, body: target.clone() });
    // example bodies
    let mut validated = 0;
    let mut valid = 0;
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    for b in &p.bodies {
        let value = match (b.slot, &b.value) {
            (Some((i, true)), _) => p.op.examples.get(i).and_then(|e| e.request_body.as_ref()),
            (Some((i, false)), _) => p.op.examples.get(i).and_then(|e| e.response_body.as_ref()),
            (None, v) => v.as_ref(),
        };
        let Some(value) = value else { continue };
        let ty = if b.request {
            p.op.request_body.clone()
        } else {
            // bodies show the page's own (possibly derived) type
            promised_t
                .as_ref()
                .filter(|_| status != 204)
                .or(target.as_ref())
                .map(|t| TypeRef { name: t.name.clone(), collection: t.collection })
        };
        let mut v = examples::Validator {
            resolver: r,
            names,
            lines: &b.lines,
            text: &b.text,
            truncated: b.truncated,
            findings: 0,
        };
        let mut local = Diagnostics::default();
        if b.request && p.action && ty.is_none() {
            validate_params(&mut v, value, &p.op.parameters, &mut local);
        } else {
            match &ty {
                Some(t) if t.collection => {
                    let items = match value {
                        serde_json::Value::Object(m) => m.get("value"),
                        other => Some(other),
                    };
                    if let Some(serde_json::Value::Array(items)) = items {
                        for it in items {
                            v.object(it, &t.name, &mut local);
                        }
                    }
                }
                Some(t) => {
                    if r.canonical(&t.name).is_some() {
                        v.object(value, &t.name, &mut local);
                    } else {
                        v.placeholders(value, &mut local);
                    }
                }
                None => v.placeholders(value, &mut local),
            }
        }
        validated += 1;
        if v.findings == 0 {
            valid += 1;
        }
        for x in &local.items {
            *by_code.entry(x.code.as_str().to_string()).or_default() += 1;
        }
        d.extend(local);
    }
    let _ = p.example_count;
    let _ = p.id_from_name;
    let n_paths = p.op.paths.len();
    (p.op, d, (n_paths, resolved), (validated, valid, by_code))
}

/// Validates an action's body against its parameter table.
fn validate_params(v: &mut examples::Validator, body: &serde_json::Value, params: &[Parameter], d: &mut Diagnostics) {
    let serde_json::Value::Object(map) = body else { return };
    let body_params: Vec<&Parameter> = params.iter().filter(|p| p.location == ParamLocation::Body).collect();
    for (k, val) in map {
        if k.contains('@') {
            continue;
        }
        match body_params.iter().find(|p| p.name.eq_ignore_ascii_case(k)) {
            Some(p) => v.value(k, val, &p.ty.name, p.ty.collection, d),
            None => {
                v.findings += 1;
                let at = v.lines.first().copied().unwrap_or_default();
                let line = v.text.lines().position(|l| l.contains(&format!("\"{k}\"")));
                let at = line.and_then(|i| v.lines.get(i).copied()).unwrap_or(at);
                d.push(
                    Diagnostic::new(Code::D0215, at, format!("`{k}` is no parameter of this action"))
                        .help("remove it, or add it to the request body's parameter table"),
                );
            }
        }
    }
}
