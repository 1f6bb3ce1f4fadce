//! Stage 3, extract: everything one page states, each fact with its span: types (tables,
//! prose, annotations, the JSON representation), the operation of an API page ([`api`]),
//! and the page's namespace, area and declared type. Pure and per page; `resolve` merges
//! the facts of the whole tree and turns type cells into qualified names, `operations`
//! settles the API facts against the types. No later stage reads pages.

pub mod api;
mod facts;
pub mod json_repr;
mod names;
pub mod prose;
mod rows;
pub mod tables;
mod type_prose;
pub mod typecell;
mod walker;

pub use facts::*;
pub use names::{is_type_name, slug, split_qualified};

use crate::markdown::{Block, Page, PageKind};
use codegen_core::diag::Diagnostics;
use walker::Walker;

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
    if !is_type_name(name) {
        return None;
    }
    Some(if name.contains('.') { name.to_string() } else { format!("{}.{name}", page.namespace_or_default()) })
}
