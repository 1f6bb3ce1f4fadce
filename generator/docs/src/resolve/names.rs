//! The name index of the stages after resolve, handed on by `resolve` (built once from the
//! schema and the types resource pages declare): links resolve to the type their page
//! declares (by the schema's sources), names to the schema's type of that lower-cased
//! name, primitives to `Edm.*`.

use crate::extract::api::{CellRef, LinkRef};
use codegen_ir::{Schema, TypeKind, DEFAULT_NAMESPACE};
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct Names {
    /// `resources/x.md` -> qualified name of the first type the page declares.
    by_page: BTreeMap<String, String>,
    /// lower-cased short and qualified names -> qualified name.
    by_lower: BTreeMap<String, String>,
}

pub use crate::extract::typecell::primitive;

use crate::extract::is_type_name as is_ident;

impl Names {
    /// From the schema's types, then the types resource pages declare by annotation
    /// (`declared`: page -> qualified name) for what the schema does not know.
    pub fn new(schema: &Schema, declared: &[(String, String)]) -> Names {
        let mut n = Names::from_schema(schema);
        for (page, q) in declared {
            let q = n.lookup(q).map_or(q.clone(), str::to_string);
            // the page's own annotation beats the schema's guess from its sources
            n.by_page.insert(page.clone(), q.clone());
            let short = q.rsplit('.').next().unwrap_or(&q).to_ascii_lowercase();
            n.by_lower.entry(short).or_insert_with(|| q.to_string());
            n.by_lower.entry(q.to_ascii_lowercase()).or_insert_with(|| q.to_string());
        }
        n
    }

    pub fn from_schema(schema: &Schema) -> Names {
        let mut n = Names::default();
        // pages -> types they contribute to: entities and complex types before enums, the
        // one named like the file before others
        let mut per_page: BTreeMap<String, Vec<(u8, String)>> = BTreeMap::new();
        for t in &schema.types {
            let q = t.qualified();
            for src in &t.sources {
                let page = src.file.as_str();
                let stem = page.rsplit('/').next().unwrap_or(page).trim_end_matches(".md");
                let rank = match (t.name.eq_ignore_ascii_case(stem), t.kind == TypeKind::Enum) {
                    (true, false) => 0,
                    (false, false) => 1,
                    (true, true) => 2,
                    (false, true) => 3,
                };
                per_page.entry(page.to_string()).or_default().push((rank, q.to_string()));
            }
            n.by_lower.entry(t.name.to_ascii_lowercase()).or_insert_with(|| q.to_string());
            n.by_lower.insert(q.to_ascii_lowercase(), q.to_string());
        }
        for (page, mut v) in per_page {
            v.sort();
            if let Some((_, q)) = v.into_iter().next() {
                n.by_page.insert(page, q);
            }
        }
        n
    }

    pub fn is_empty(&self) -> bool {
        self.by_lower.is_empty()
    }

    /// The known type of that name (short or qualified), case-insensitively.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        let n = name.trim().trim_start_matches('#');
        let key = match n.strip_prefix("graph.") {
            Some(r) => format!("{DEFAULT_NAMESPACE}.{r}").to_ascii_lowercase(),
            None => n.to_ascii_lowercase(),
        };
        self.by_lower.get(&key).map(String::as_str)
    }

    /// A name as a qualified type: known types keep their case, others are qualified as written.
    pub fn qualify(&self, name: &str) -> String {
        let n = name.trim().trim_start_matches('#');
        if let Some(p) = primitive(n) {
            return p.to_string();
        }
        if let Some(k) = self.lookup(n) {
            return k.to_string();
        }
        if n.contains('.') {
            n.to_string()
        } else {
            format!("{DEFAULT_NAMESPACE}.{n}")
        }
    }

    /// The type a link names: the type its page declares, else its file stem or text.
    pub fn link_type(&self, from: &str, link: &LinkRef) -> Option<String> {
        let href = link.href.split(['#', '?']).next().unwrap_or("");
        if !href.ends_with(".md") || href.contains("://") {
            return None;
        }
        let target = crate::includes::normalize(from, href)
            .unwrap_or_else(|| href.trim_start_matches("../").trim_start_matches("./").to_string());
        if let Some(q) = self.by_page.get(&target) {
            return Some(q.clone());
        }
        let stem = target.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
        if !target.starts_with("resources/") && !href.contains("resources/") {
            return None;
        }
        if let Some(q) = self.lookup(stem) {
            return Some(q.to_string());
        }
        let text = link.text.trim().trim_matches('*');
        if is_ident(text) && text.eq_ignore_ascii_case(stem) {
            return Some(self.qualify(text));
        }
        if is_ident(text) && self.is_empty() {
            return Some(self.qualify(text));
        }
        if is_ident(stem) {
            return Some(self.qualify(stem));
        }
        None
    }

    /// The type of a table cell: `String`, `String collection`, `Collection(x)`,
    /// `[x](../resources/x.md) collection`, `microsoft.graph.x`.
    pub fn cell_type(&self, from: &str, cell: &CellRef) -> (String, bool) {
        let text = cell.text.trim();
        let lower = text.to_ascii_lowercase();
        let collection = lower.contains("collection") || lower.ends_with("[]");
        if let Some(t) = cell.links.iter().find_map(|l| self.link_type(from, l)) {
            return (t, collection);
        }
        let mut name = text;
        if let Some(inner) = name.strip_prefix("Collection(").or_else(|| name.strip_prefix("collection(")) {
            name = inner.trim_end_matches(')');
        }
        let name = name.split_whitespace().next().unwrap_or("").trim_end_matches("[]").trim_matches(['`', '*']);
        if name.is_empty() {
            return (String::from("Edm.String"), collection);
        }
        if name.eq_ignore_ascii_case("enumeration") || name.eq_ignore_ascii_case("enum") {
            return (String::from("Edm.String"), collection);
        }
        if !is_ident(name) {
            return (String::from("Edm.String"), collection);
        }
        (self.qualify(name), collection)
    }
}
