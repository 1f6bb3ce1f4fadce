//! The tree-wide index of type names: a type cell's link or name resolved to the qualified
//! name of a documented type.

use super::*;

/// Lookup tables over every declared type.
pub struct Index {
    /// lower-case qualified name -> qualified name as declared
    pub(super) by_lower: BTreeMap<String, String>,
    /// lower-case short name -> qualified names
    pub(super) by_short: BTreeMap<String, Vec<String>>,
    /// page -> (anchor, qualified) of the types it declares
    pub(super) by_page: BTreeMap<FileId, Vec<(Option<String>, String)>>,
}

impl Index {
    /// Resolves a type cell written on page `from` (namespace `ns`) to a qualified name;
    /// `Err` holds the qualified guess for a name that no page declares.
    pub fn resolve(&self, db: Paths<'_>, from: &str, ns: &str, cell: &TypeCell) -> Result<String, String> {
        if let Some(p) = cell.primitive {
            return Ok(p.to_string());
        }
        if let Some(href) = &cell.href {
            if let Some(q) = self.by_link(db, from, href, &cell.name) {
                return Ok(q);
            }
        }
        self.by_name(ns, &cell.name)
    }

    fn by_link(&self, db: Paths<'_>, from: &str, href: &str, text: &str) -> Option<String> {
        let (path, anchor) = match href.split_once('#') {
            Some((p, a)) => (p, Some(a.to_ascii_lowercase())),
            None => (href, None),
        };
        let file = if path.is_empty() { db.find(from)? } else { includes::resolve_target(db, from, path)? };
        let types = self.by_page.get(&file)?;
        if let Some(a) = &anchor {
            if let Some((_, q)) = types.iter().find(|(an, _)| an.as_deref() == Some(a.as_str())) {
                return Some(q.clone());
            }
        }
        let named = types.iter().find(|(_, q)| q.rsplit('.').next().is_some_and(|n| n.eq_ignore_ascii_case(text)));
        named.or_else(|| types.iter().find(|(an, _)| an.is_none())).or(types.first()).map(|(_, q)| q.clone())
    }

    fn by_name(&self, ns: &str, name: &str) -> Result<String, String> {
        let (qns, short) = split_qualified(name, ns);
        if let Some(q) = self.by_lower.get(&format!("{qns}.{short}").to_ascii_lowercase()) {
            return Ok(q.clone());
        }
        if let Some(all) = self.by_short.get(&short.to_ascii_lowercase()) {
            if let [one] = all.as_slice() {
                return Ok(one.clone());
            }
            if let Some(q) = all.iter().find(|q| q.starts_with(&format!("{ns}."))) {
                return Ok(q.clone());
            }
            if let Some(q) = all.iter().find(|q| q.starts_with("microsoft.graph.") && q.matches('.').count() == 2) {
                return Ok(q.clone());
            }
        }
        Err(format!("{qns}.{short}"))
    }
}
