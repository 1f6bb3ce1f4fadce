//! Operations: a method on one or more path templates, with parameters, body, response,
//! permissions and the examples of the docs.

use crate::name::{QualifiedName, TypeRef};
use crate::path::PathTemplate;
use crate::path::Piece;
use crate::source::SourceRef;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The HTTP methods an operation can have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    #[default]
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl HttpMethod {
    pub const ALL: &'static [HttpMethod] = &[
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
        HttpMethod::Head,
        HttpMethod::Options,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }

    /// Reads a method name in any case.
    pub fn parse(s: &str) -> Option<HttpMethod> {
        HttpMethod::ALL.iter().copied().find(|m| m.as_str().eq_ignore_ascii_case(s))
    }

    /// True when sending the request twice has the effect of sending it once.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Operation {
    pub id: String,
    pub method: HttpMethod,
    /// Path templates, e.g. `/users/{user-id}/events`.
    pub paths: Vec<PathTemplate>,
    pub request_body: Option<TypeRef>,
    /// Body parameters of an action, path and query parameters.
    pub parameters: Vec<Parameter>,
    pub response: Option<Response>,
    pub permissions: Permissions,
    /// The file (relative to the input root) of the API page.
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Query options the page says it supports (`$select`, `$filter`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    /// Query options the request line always sends with a fixed template.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_query: Vec<QueryTemplate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// The area (product) of the operation's page (`ms.prod`), as the input names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The action or function of the metadata this operation calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callable: Option<crate::Callable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::Origin>,
    /// The docs say this is deprecated (a notice of the page or an include).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<crate::Deprecation>,
    /// The national clouds the docs say this is available in (ids of [`crate::CLOUDS`] or
    /// the name as written), empty when they do not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    Path,
    Query,
    Body,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Parameter {
    pub name: String,
    /// `type` and `collection` in JSON.
    #[serde(flatten)]
    pub ty: TypeRef,
    pub required: bool,
    #[serde(rename = "in")]
    pub location: ParamLocation,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The success response: status and body type (`None`: no body).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "ResponseJson", into = "ResponseJson")]
pub struct Response {
    pub status: u16,
    pub body: Option<TypeRef>,
    /// A long-running operation: the header of its `202 Accepted` answer that names the
    /// monitor to poll (`Location` or `Operation-Location`).
    pub monitor: Option<String>,
}

/// Contract v1's shape of a response: `type` may be null, `collection` is always there.
#[derive(Serialize, Deserialize)]
struct ResponseJson {
    status: u16,
    #[serde(rename = "type")]
    type_name: Option<QualifiedName>,
    collection: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    monitor: Option<String>,
}

impl From<ResponseJson> for Response {
    fn from(r: ResponseJson) -> Response {
        Response {
            status: r.status,
            body: r.type_name.map(|name| TypeRef { name, collection: r.collection }),
            monitor: r.monitor,
        }
    }
}

impl From<Response> for ResponseJson {
    fn from(r: Response) -> ResponseJson {
        let collection = r.body.as_ref().is_some_and(|b| b.collection);
        ResponseJson { status: r.status, type_name: r.body.map(|b| b.name), collection, monitor: r.monitor }
    }
}

/// The documented permissions of an operation. The three lists are every permission that
/// grants the call, least privileged first; `least` names the least privileged of them
/// where the docs set those apart (a `Least privileged | Higher privileged` table).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Permissions {
    pub delegated_work: Vec<String>,
    pub delegated_personal: Vec<String>,
    pub application: Vec<String>,
    /// The least privileged permissions per kind; empty where the docs do not say.
    #[serde(default, skip_serializing_if = "Grants::is_empty")]
    pub least: Grants,
    /// Permissions that hold only in a scenario the docs name (a `### ... scenarios`
    /// section under Permissions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<ScenarioPermissions>,
    /// Microsoft Entra admin roles the caller must hold one of, as the docs name them
    /// (`Global Reader`, `User Administrator`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

/// Permissions per kind of access.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Grants {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delegated_work: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delegated_personal: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub application: Vec<String>,
}

impl Grants {
    /// True when no kind lists a permission.
    pub fn is_empty(&self) -> bool {
        self.delegated_work.is_empty() && self.delegated_personal.is_empty() && self.application.is_empty()
    }
}

/// The permissions of one scenario: every permission that grants it (least privileged
/// first) and, apart, the least privileged ones.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ScenarioPermissions {
    /// The scenario as the docs word it (the heading, with the sentence before the table).
    pub scenario: String,
    #[serde(default, skip_serializing_if = "Grants::is_empty")]
    pub all: Grants,
    #[serde(default, skip_serializing_if = "Grants::is_empty")]
    pub least: Grants,
}

/// A query option the request line always sends with a fixed template, e.g. `$filter` with
/// `containerTypeId eq {containerTypeId}`; each `{name}` placeholder is the operation's
/// required query parameter of that name, which fills the template instead of being sent
/// on its own.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct QueryTemplate {
    /// The option's name as sent (`$filter`).
    pub name: String,
    /// The value, with `{name}` placeholders.
    pub template: String,
}

impl QueryTemplate {
    /// The template cut into literal text and `{name}` placeholders (names trimmed, possibly
    /// empty), in order, without empty text.
    pub fn parts(&self) -> Vec<Piece<'_>> {
        let mut out = Vec::new();
        let mut rest = self.template.as_str();
        while let Some(open) = rest.find('{') {
            let after = rest.get(open + 1..).unwrap_or("");
            let Some(close) = after.find('}') else { break };
            out.push(Piece::Literal(rest.get(..open).unwrap_or("")));
            out.push(Piece::Param(after.get(..close).unwrap_or("").trim()));
            rest = after.get(close + 1..).unwrap_or("");
        }
        out.push(Piece::Literal(rest));
        out.retain(|p| !matches!(p, Piece::Literal("")));
        out
    }

    /// The names of the template's `{name}` placeholders, in order, each once.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for part in self.parts() {
            if let Piece::Param(name) = part {
                if !name.is_empty() && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub required: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
}

/// One example exchange of an operation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Example {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_body: Option<serde_json::Value>,
    /// The docs cut the response short (`"truncated": true`): values are left out.
    pub truncated: bool,
    /// The request body holds placeholder values (`"String"`, `"<Property> value"`): it
    /// shows the shape of a payload, not one a client sends.
    #[serde(default, skip_serializing_if = "is_false")]
    pub request_placeholder: bool,
    /// The response body holds placeholder values.
    #[serde(default, skip_serializing_if = "is_false")]
    pub response_placeholder: bool,
    /// The request block.
    pub source: SourceRef,
}

fn is_false(b: &bool) -> bool {
    !*b
}
