//! Request paths: raw URLs and syntax lines -> path templates with named parameters.

use super::{ParamFact, ParamType};
use codegen_ir::path::split_segments;
use codegen_ir::{ParamLocation, PathTemplate, TypeRef};

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

pub fn singular(seg: &str) -> String {
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
pub fn path_parameters(t: &Template) -> Vec<ParamFact> {
    t.params
        .iter()
        .map(|p| ParamFact {
            name: p.clone(),
            ty: ParamType::Known(TypeRef::new("Edm.String", false)),
            required: true,
            location: ParamLocation::Path,
            description: String::new(),
        })
        .collect()
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
    }
}
