//! Request paths: raw URLs and syntax lines -> path templates with named parameters, and
//! resolution of templates segment by segment against the schema.

use codegen_ir::path::split_segments;
use codegen_ir::{ParamLocation, Parameter, PathTemplate, Root, RootKind, Schema, TypeDef, TypeRef};
use std::collections::BTreeMap;

/// Why a raw path cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathFault {
    /// `** Collection URI for x not found`-style generator placeholder.
    UriPlaceholder,
    /// Nothing left after the host and query were stripped.
    Empty,
}

/// A normalized path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub path: PathTemplate,
    /// Path parameters, in order of appearance (names unique within the template).
    pub params: Vec<String>,
    /// True when the raw text had a backslash (replaced by `/`).
    pub had_backslash: bool,
}

/// True when the text is a generator placeholder instead of a path.
pub fn is_uri_placeholder(raw: &str) -> bool {
    raw.contains("**") || (raw.contains("URI for") && raw.contains("not found"))
}

/// Strips the scheme, host and version prefix, the query string and a trailing
/// `HTTP/1.1`, leaving the path.
pub fn strip_url(raw: &str) -> &str {
    let mut s = raw.trim().trim_matches('`').trim();
    if let Some(i) = s.find(" HTTP/") {
        s = s.get(..i).unwrap_or(s).trim_end();
    }
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("graph.microsoft.com") {
        let after_scheme = s.find("://").map_or(0, |i| i + 3);
        let rest = s.get(after_scheme..).unwrap_or("");
        s = rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("");
        for v in ["/v1.0", "/beta", "/{version}"] {
            // `/V1.0/...` too
            let prefixed = s.get(..v.len()).is_some_and(|p| p.eq_ignore_ascii_case(v));
            if let Some(r) = s.get(v.len()..).filter(|_| prefixed) {
                if r.is_empty() || r.starts_with(['/', '?']) {
                    s = r;
                    break;
                }
            }
        }
    }
    // cut the query string, but not a `?` inside braces or parentheses
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            '?' if depth <= 0 => return s.get(..i).unwrap_or(s).trim_end(),
            _ => {}
        }
    }
    s.trim_end()
}

fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts.iter().zip([8, 4, 4, 4, 12]).all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// True for a segment that is a literal key value rather than a name.
fn looks_like_key_value(s: &str) -> bool {
    is_guid(s)
        || (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        || s.starts_with('\'')
        // chat and thread ids (`19:...@thread.v2`), base64 ids (`...==`)
        || (s.contains('@') && !s.starts_with('@'))
        || (s.ends_with("==") && s.len() > 8)
}

/// A parameter name from a placeholder's inside: `id | userPrincipalName` -> `id`,
/// `site-id` stays, spaces and quotes go.
fn placeholder_name(inner: &str) -> String {
    let first = inner.split('|').next().unwrap_or("").trim().trim_matches(['\'', '"', ' ']);
    let first = first.trim_matches(['{', '}', '<', '>']);
    let name: String = first.chars().filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
    if name.is_empty() {
        String::from("id")
    } else {
        name
    }
}

fn singular(seg: &str) -> String {
    let s = seg.rsplit('.').next().unwrap_or(seg);
    let s = s.split('(').next().unwrap_or(s);
    if let Some(stem) = s.strip_suffix("ies") {
        format!("{stem}y")
    } else if s.ends_with("ses") || s.ends_with("xes") {
        s.get(..s.len().saturating_sub(2)).unwrap_or(s).to_string()
    } else if let Some(stem) = s.strip_suffix('s') {
        stem.to_string()
    } else {
        s.to_string()
    }
}

struct Namer {
    used: Vec<String>,
}

impl Namer {
    /// A unique parameter name; generic names (`id`) take the previous segment's name.
    fn name(&mut self, inner: &str, prev: Option<&str>) -> String {
        let mut base = placeholder_name(inner);
        let generic = base.eq_ignore_ascii_case("id") || base.eq_ignore_ascii_case("key");
        if generic {
            if let Some(p) = prev.filter(|p| !p.starts_with('{') && !p.starts_with('$')) {
                base = format!("{}-{}", singular(p), base);
            }
        }
        let mut name = base.clone();
        let mut n = 2;
        while self.used.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.used.push(name.clone());
        name
    }
}

/// Normalizes a raw path (syntax line or example URL) into a template.
pub fn normalize(raw: &str) -> Result<Template, PathFault> {
    if is_uri_placeholder(raw) {
        return Err(PathFault::UriPlaceholder);
    }
    let had_backslash = raw.contains('\\');
    let cleaned = raw.replace('\\', "/");
    let path = strip_url(&cleaned);
    let mut namer = Namer { used: Vec::new() };
    let mut segs: Vec<String> = Vec::new();
    for seg in split_segments(path) {
        let seg = seg.trim();
        if seg.is_empty() {
            continue;
        }
        let prev_owned = segs.last().cloned();
        let prev = prev_owned.as_deref();
        // `{id}`, `<id>`, `[id]`, `'{id}'`, literal keys
        let unquoted = seg.trim_matches(['\'', '"']);
        if (unquoted.starts_with('{') && unquoted.ends_with('}'))
            || (unquoted.starts_with('<') && unquoted.ends_with('>'))
            || (unquoted.starts_with('[') && unquoted.ends_with(']'))
        {
            let inner = unquoted.get(1..unquoted.len().saturating_sub(1)).unwrap_or("");
            let name = namer.name(inner, prev);
            segs.push(format!("{{{name}}}"));
            continue;
        }
        // alternate key as a segment: `directoryRoles/roleTemplateId={x}` is
        // `directoryRoles(roleTemplateId='{x}')`
        if let Some((k, v)) = seg.split_once('=') {
            let v = v.trim().trim_matches(['\'', '"']);
            let plain_key = !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric());
            if plain_key && !seg.contains('(') && v.starts_with('{') {
                if let Some(last) = segs.last_mut().filter(|l| !l.starts_with('{') && !l.contains('(')) {
                    let pname = namer.name(v.trim_matches(['{', '}']), None);
                    last.push_str(&format!("({k}='{{{pname}}}')"));
                    continue;
                }
            }
        }
        if looks_like_key_value(seg) && !segs.is_empty() {
            let name = namer.name("id", prev);
            segs.push(format!("{{{name}}}"));
            continue;
        }
        if let Some(open) = seg.find('(') {
            if seg.ends_with(')') && !seg.contains(":/") {
                let name = seg.get(..open).unwrap_or("").trim();
                let args = seg.get(open + 1..seg.len() - 1).unwrap_or("").trim();
                if args.is_empty() {
                    segs.push(format!("{name}()"));
                } else if args.contains('=') {
                    // function call: name(p={p-value},q='{q}')
                    let mut parts = Vec::new();
                    for arg in split_args(args) {
                        let (k, v) = arg.split_once('=').unwrap_or((arg, ""));
                        let k = k.trim();
                        let v = v.trim().trim_matches(['\'', '"']);
                        let pname = if v.starts_with('{') || v.starts_with('<') || v.is_empty() {
                            namer.name(if v.is_empty() { k } else { v }, None)
                        } else {
                            namer.name(k, None)
                        };
                        parts.push(format!("{k}={{{pname}}}"));
                    }
                    segs.push(format!("{name}({})", parts.join(",")));
                } else {
                    // key in parentheses: users('{id}') -> users/{user-id}
                    if !name.is_empty() {
                        segs.push(name.to_string());
                    }
                    let pname = namer.name(args, Some(name));
                    segs.push(format!("{{{pname}}}"));
                }
                continue;
            }
        }
        segs.push(seg.to_string());
    }
    if segs.is_empty() {
        return Err(PathFault::Empty);
    }
    let params = namer.used;
    Ok(Template { path: PathTemplate::parse(&format!("/{}", segs.join("/"))), params, had_backslash })
}

/// Whether a path (an example's, normalized) fits a template, segment by segment: a `{x}` on
/// either side matches any one segment, as does `root:/item/path:` addressing; names, calls
/// and casts compare by the name before `(`, ignoring case.
pub fn fits(path: &PathTemplate, template: &PathTemplate) -> bool {
    let a = texts(path);
    let b = texts(template);
    let name = |s: &str| s.split('(').next().unwrap_or(s).trim().to_ascii_lowercase();
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            x.starts_with('{') || y.starts_with('{') || x.contains(':') || y.contains(':') || name(x) == name(y)
        })
}

/// The text of each segment.
pub fn texts(t: &PathTemplate) -> Vec<String> {
    t.segments.iter().map(ToString::to_string).collect()
}

fn split_args(args: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in args.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            ',' if depth <= 0 => {
                out.push(args.get(start..i).unwrap_or("").trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(args.get(start..).unwrap_or("").trim());
    out.into_iter().filter(|a| !a.is_empty()).collect()
}

/// Path parameters of a template, typed as strings.
pub fn path_parameters(t: &Template) -> Vec<Parameter> {
    t.params
        .iter()
        .map(|p| Parameter {
            name: p.clone(),
            ty: TypeRef::new("Edm.String", false),
            required: true,
            location: ParamLocation::Path,
            description: String::new(),
        })
        .collect()
}

/// Resolves templates against the schema, with roots and bound operations collected from
/// the operations themselves.
#[derive(Debug, Default)]
pub struct Resolver<'a> {
    pub types: BTreeMap<String, &'a TypeDef>,
    lower: BTreeMap<String, String>,
    chains: BTreeMap<String, Vec<&'a TypeDef>>,
    /// Root name (lower-case) -> target.
    pub roots: BTreeMap<String, TypeRef>,
    /// Root name (lower-case) -> its spelling in the path that set it, and whether it was
    /// inferred.
    spelled: BTreeMap<String, (String, bool)>,
    /// Bound action/function name (lower-case) -> return type, if known.
    pub bound: BTreeMap<String, Option<TypeRef>>,
    /// Names bound operations return different types under (`delta`): untyped unless the
    /// binding type is known.
    ambiguous: std::collections::BTreeSet<String>,
    /// (name, binding type) -> return type, for operations whose binding path resolves.
    bound_on: BTreeMap<(String, String), Option<TypeRef>>,
    /// Property name (lower-case) -> (qualified, lower-case short name) of the entity and
    /// complex types that declare it, for [`Resolver::infer_roots`].
    owners: BTreeMap<String, Vec<(String, String)>>,
}

/// A property of a type given by its [`Resolver::ancestors`], matched exactly, else
/// case-insensitively.
pub fn property_in<'a>(anc: &[&'a TypeDef], name: &str) -> Option<&'a codegen_ir::Property> {
    anc.iter()
        .flat_map(|t| t.properties.iter())
        .find(|p| p.name == name)
        .or_else(|| anc.iter().flat_map(|t| t.properties.iter()).find(|p| p.name.eq_ignore_ascii_case(name)))
}

fn bound_key(name: &str) -> String {
    name.split('(').next().unwrap_or(name).rsplit('.').next().unwrap_or(name).to_ascii_lowercase()
}

/// Why a template did not resolve: the segment index and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub segment: usize,
    pub message: String,
}

impl<'a> Resolver<'a> {
    pub fn new(schema: &'a Schema) -> Resolver<'a> {
        let types: BTreeMap<String, &TypeDef> = schema.types.iter().map(|t| (t.qualified().into_string(), t)).collect();
        let lower = types.keys().map(|k| (k.to_ascii_lowercase(), k.clone())).collect();
        let mut r = Resolver {
            types,
            lower,
            chains: BTreeMap::new(),
            roots: BTreeMap::new(),
            spelled: BTreeMap::new(),
            bound: BTreeMap::new(),
            ambiguous: Default::default(),
            bound_on: BTreeMap::new(),
            owners: BTreeMap::new(),
        };
        let chains: BTreeMap<String, Vec<&'a TypeDef>> = r.types.keys().map(|k| (k.clone(), r.chain(k))).collect();
        r.chains = chains;
        for (q, t) in &r.types {
            if t.kind == codegen_ir::TypeKind::Enum {
                continue;
            }
            for p in &t.properties {
                r.owners.entry(p.name.to_ascii_lowercase()).or_default().push((q.clone(), t.name.to_ascii_lowercase()));
            }
        }
        r
    }

    /// Qualified name with the docs' case, matched case-insensitively.
    pub fn canonical(&self, qualified: &str) -> Option<&str> {
        if let Some((k, _)) = self.types.get_key_value(qualified) {
            return Some(k.as_str());
        }
        if qualified.starts_with("Edm.") {
            return None;
        }
        self.lower.get(&qualified.to_ascii_lowercase()).map(String::as_str)
    }

    fn chain(&self, q: &str) -> Vec<&'a TypeDef> {
        let mut out: Vec<&'a TypeDef> = Vec::new();
        let mut cur = self.canonical(q).and_then(|c| self.types.get(c)).copied();
        while let Some(t) = cur {
            if out.iter().any(|o| std::ptr::eq(*o, t)) {
                break;
            }
            out.push(t);
            cur = t.base.as_deref().and_then(|b| self.canonical(b)).and_then(|c| self.types.get(c)).copied();
        }
        out
    }

    /// The type and its bases, nearest first (computed once per type).
    pub fn ancestors(&self, q: &str) -> &[&'a TypeDef] {
        self.canonical(q).and_then(|c| self.chains.get(c)).map_or(&[], Vec::as_slice)
    }

    /// A property (inherited ones too), matched exactly, else case-insensitively.
    pub fn property(&self, q: &str, name: &str) -> Option<&'a codegen_ir::Property> {
        property_in(self.ancestors(q), name)
    }

    /// Number of properties a type has, inherited ones included.
    pub fn property_count(&self, q: &str) -> usize {
        self.ancestors(q).iter().map(|t| t.properties.len()).sum()
    }

    pub fn is_derived_or_same(&self, derived: &str, base: &str) -> bool {
        self.ancestors(derived).iter().any(|t| {
            base.len() == t.namespace.len() + 1 + t.name.len()
                && base.get(..t.namespace.len()).is_some_and(|n| n.eq_ignore_ascii_case(&t.namespace))
                && base.get(t.namespace.len() + 1..).is_some_and(|n| n.eq_ignore_ascii_case(&t.name))
        })
    }

    /// Records a root from a path: its first segment and what it leads to.
    pub fn add_root(&mut self, name: &str, target: TypeRef) {
        let spelling = name.split('(').next().unwrap_or(name);
        let key = spelling.to_ascii_lowercase();
        match self.roots.get(&key) {
            // a collection beats a single (the list page names the entity set)
            Some(old) if old.collection || !target.collection => {}
            _ => {
                self.spelled.insert(key.clone(), (spelling.to_string(), false));
                self.roots.insert(key, target);
            }
        }
    }

    pub fn add_bound(&mut self, name: &str, ret: Option<TypeRef>) {
        let key = bound_key(name);
        let slot = self.bound.entry(key.clone()).or_insert(None);
        match (slot.as_ref(), ret) {
            (None, r) => *slot = r,
            (Some(old), Some(new)) if *old != new => {
                self.ambiguous.insert(key);
            }
            _ => {}
        }
    }

    /// True when `name` is a known bound action or function.
    pub fn is_bound(&self, name: &str) -> bool {
        self.bound.contains_key(&bound_key(name))
    }

    /// Records the return type of a bound operation on one binding type.
    pub fn add_bound_on(&mut self, name: &str, binding: &str, ret: Option<TypeRef>) {
        self.bound_on.entry((bound_key(name), binding.to_string())).or_insert(ret);
    }

    /// The return of bound `short` (lower-case) on `binding` (or a base of it).
    fn bound_return(&self, short: &str, binding: &str) -> Option<Option<TypeRef>> {
        for a in self.ancestors(binding) {
            if let Some(r) = self.bound_on.get(&(short.to_string(), a.qualified().into_string())) {
                return Some(r.clone());
            }
        }
        let r = self.bound.get(short)?;
        Some(if self.ambiguous.contains(short) { None } else { r.clone() })
    }

    /// Walks a template; `Ok(None)` when it resolves to something untyped (an action).
    pub fn resolve(&self, template: &PathTemplate) -> Result<Option<TypeRef>, Unresolved> {
        let texts = texts(template);
        let segs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let Some(first) = segs.first() else {
            return Err(Unresolved { segment: 0, message: String::from("the path is empty") });
        };
        let root = first.split('(').next().unwrap_or(first).to_ascii_lowercase();
        let keyed = first.contains('(') && !first.ends_with("()");
        let mut cur: Option<TypeRef> = match self.roots.get(&root) {
            Some(t) if keyed && t.collection => Some(TypeRef { name: t.name.clone(), collection: false }),
            Some(t) => Some(t.clone()),
            None if self.bound.contains_key(&root) => self.bound.get(&root).cloned().flatten(),
            None => {
                return Err(Unresolved {
                    segment: 0,
                    message: format!("`{first}` is no entity set or singleton that any operation lists"),
                })
            }
        };
        let mut open_address = false;
        for (i, seg) in segs.iter().enumerate().skip(1) {
            if std::mem::take(&mut open_address) {
                // `root:/{item-path}` with no closing colon: the path is the item's
                continue;
            }
            open_address = seg.ends_with(':') && seg.matches(':').count() == 1;
            // `root:/a/b:` and `{id}:/name:` address an item by path: resolve what comes
            // before the colon, which then stands for one item
            let (seg, addressed) = match seg.find(':') {
                Some(p) => (seg.get(..p).unwrap_or(""), true),
                None => (*seg, false),
            };
            if matches!(seg, "$value" | "$ref" | "$count") || seg.is_empty() {
                if addressed {
                    if let Some(t) = cur.as_mut() {
                        t.collection = false;
                    }
                }
                continue;
            }
            if addressed {
                let r = self.step(cur.clone(), seg, i)?;
                cur = r.map(|t| TypeRef { name: t.name, collection: false });
                continue;
            }
            cur = self.step(cur, seg, i)?;
        }
        Ok(cur)
    }

    /// One segment after the root.
    fn step(&self, cur: Option<TypeRef>, seg: &str, i: usize) -> Result<Option<TypeRef>, Unresolved> {
        {
            let Some(t) = cur.clone() else {
                // after an untyped action or function, anything goes
                return Ok(None);
            };
            if seg.starts_with('{') {
                if !t.collection {
                    return Err(Unresolved {
                        segment: i,
                        message: format!("key `{seg}` follows a single `{}`, not a collection", t.name),
                    });
                }
                return Ok(Some(TypeRef { name: t.name, collection: false }));
            }
            let name = seg.split('(').next().unwrap_or(seg);
            if name.contains('.') {
                if let Some(c) = self.canonical(name) {
                    return Ok(Some(TypeRef { name: c.into(), collection: t.collection }));
                }
            }
            if !t.collection {
                if let Some(p) = self.property(&t.name, name) {
                    // `items('{id}')`: a key in parentheses picks one element
                    let keyed = seg.contains('(') && !seg.ends_with("()");
                    return Ok(Some(TypeRef { name: p.ty.name.clone(), collection: p.ty.collection && !keyed }));
                }
            }
            let short = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
            if let Some(ret) = self.bound_return(&short, &t.name) {
                return Ok(ret);
            }
            let what = t.display();
            Err(Unresolved {
                segment: i,
                message: format!("`{name}` is no property, action, function or cast of `{what}`"),
            })
        }
    }

    /// The roots as IR items, by name. A root whose type is no documented entity or complex
    /// type is left out (paths through it do not resolve either).
    pub fn ir_roots(&self) -> Vec<Root> {
        let mut out = Vec::new();
        for (key, t) in &self.roots {
            let Some((name, inferred)) = self.spelled.get(key) else { continue };
            let Some(q) = self.canonical(&t.name) else { continue };
            let kind = if t.collection { RootKind::EntitySet } else { RootKind::Singleton };
            out.push(Root { name: name.clone(), kind, type_name: q.into(), inferred: *inferred });
        }
        out
    }

    /// Roots no operation lists on its own (`/education/classes`, `/drives/{id}/items`):
    /// the type that declares the segments that follow them, preferring one named like
    /// the root. `paths` are all templates of the tree.
    pub fn infer_roots<'p>(&mut self, paths: impl Iterator<Item = &'p PathTemplate>) {
        let mut wanted: BTreeMap<String, (bool, Vec<String>)> = BTreeMap::new();
        for path in paths {
            let texts = texts(path);
            let segs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let Some(first) = segs.first() else { continue };
            if first.contains('(') || first.starts_with('{') || first.contains(':') {
                continue;
            }
            let root = first.to_ascii_lowercase();
            if self.roots.contains_key(&root) || self.bound.contains_key(&root) {
                continue;
            }
            let keyed = segs.get(1).is_some_and(|s| s.starts_with('{'));
            let next = segs.get(if keyed { 2 } else { 1 }).copied().unwrap_or("");
            let next = next.split(['(', ':']).next().unwrap_or("");
            if next.is_empty() || next.starts_with('$') || next.starts_with('{') || next.contains('.') {
                continue;
            }
            self.spelled.entry(root.clone()).or_insert_with(|| (first.to_string(), true));
            let e = wanted.entry(root).or_insert((keyed, Vec::new()));
            e.0 |= keyed;
            if !e.1.iter().any(|n| n.eq_ignore_ascii_case(next)) {
                e.1.push(next.to_string());
            }
        }
        if wanted.is_empty() {
            return;
        }
        let owners = &self.owners;
        for (root, (keyed, next)) in wanted {
            let single = singular(&root).to_ascii_lowercase();
            let mut best: Option<(usize, u8, &str)> = None;
            let mut candidates: Vec<&(String, String)> =
                next.iter().filter_map(|n| owners.get(&n.to_ascii_lowercase())).flatten().collect();
            candidates.sort();
            candidates.dedup();
            for (q, short) in candidates {
                let score = next.iter().filter(|n| self.property(q, n).is_some()).count();
                if score == 0 || score * 2 < next.len() {
                    continue;
                }
                let like = if *short == root || *short == single {
                    3
                } else if short.starts_with(&single) || single.starts_with(short.as_str()) {
                    2
                } else if short.contains(&single) {
                    1
                } else {
                    0
                };
                let better = match best {
                    None => true,
                    Some((s, l, _)) => (score, like) > (s, l),
                };
                if better {
                    best = Some((score, like, q.as_str()));
                }
            }
            if let Some((_, _, q)) = best {
                let q = q.to_string();
                self.roots.insert(root, TypeRef { name: q.into(), collection: keyed });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        normalize(s).map(|t| t.path.to_string()).unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn templates() {
        assert_eq!(p("/users/{id | userPrincipalName}/events"), "/users/{user-id}/events");
        assert_eq!(p("/users/{user-id | userPrincipalName}/events"), "/users/{user-id}/events");
        assert_eq!(p("https://graph.microsoft.com/v1.0/me/events?$select=subject"), "/me/events");
        assert_eq!(p("/me/calendars/{id}/events/{id}"), "/me/calendars/{calendar-id}/events/{event-id}");
        assert_eq!(
            p("/me/reminderView(startDateTime={startDateTime-value},endDateTime={endDateTime-value})"),
            "/me/reminderView(startDateTime={startDateTime-value},endDateTime={endDateTime-value})"
        );
        assert_eq!(p("/users('{id}')/photo/$value"), "/users/{user-id}/photo/$value");
        assert_eq!(p("/me/drive/root:/{item-path}:/content"), "/me/drive/root:/{item-path}:/content");
        assert_eq!(p("/groups/{id}/members/$ref"), "/groups/{group-id}/members/$ref");
        assert_eq!(
            p("/directoryObjects/{id}/microsoft.graph.user"),
            "/directoryObjects/{directoryObject-id}/microsoft.graph.user"
        );
        assert_eq!(p("POST ** Collection URI for x not found/$ref"), "UriPlaceholder");
        assert_eq!(p("https://graph.microsoft.com/v1.0"), "Empty");
        assert_eq!(p("/me/getMemberGroups()"), "/me/getMemberGroups()");
        assert_eq!(
            p("/directoryRoles/roleTemplateId={roleTemplateId}/members"),
            "/directoryRoles(roleTemplateId='{roleTemplateId}')/members"
        );
        assert_eq!(p("/chats/19:abc@thread.v2/members"), "/chats/{chat-id}/members");
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    #[test]
    fn example_paths_fit_templates() {
        let p = |s: &str| normalize(s).map(|t| t.path).unwrap_or_default();
        let fits = |a: &str, b: &str| fits(&p(a), &PathTemplate::parse(b));
        assert!(fits("/widgets/abc/gears", "/widgets/{widget-id}/gears"));
        assert!(fits("https://graph.microsoft.com/V1.0/widgets/abc", "/widgets/{widget-id}"));
        assert!(fits("/me/drive/root:/a/b.txt:/content", "/me/drive/root:/{path}:/content"));
        assert!(fits("/Widgets/abc/microsoft.graph.spin", "/widgets/{id}/microsoft.graph.spin"));
        assert!(!fits("/widgets/abc/gears/g1/teeth", "/widgets/{widget-id}/gears"));
        assert!(!fits("/widgets/abc/cogs", "/widgets/{widget-id}/gears"));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "",
            "/",
            "(",
            ")",
            "{",
            "}",
            "()",
            "'",
            "<>",
            "{}",
            "/a(",
            "/a)",
            "/a(b",
            "/é(ü)",
            "/x/é{",
            ":",
            "/:/",
            "root:/",
            "/a/b:",
            "/a=b",
            "=",
            "/(=)",
            "https://",
            "https://h",
            "?",
            "/?(",
            "/a/'{b}'/é",
        ];
        for s in odd {
            let _ = normalize(s);
            let _ = split_segments(s);
        }
        let schema = Schema::default();
        let r = Resolver::new(&schema);
        for s in odd {
            let _ = r.resolve(&PathTemplate::parse(s));
        }
    }
}
