//! The [`Endpoint`] trait: one operation's request builder and response decoder, the same
//! trait for every generated crate that depends on this runtime.

use crate::permissions::Permissions;
use crate::request::{RequestError, BASE_URL};
use crate::response::ResponseError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A request builder of one operation: builds the request, decodes the response (status,
/// headers and body). No I/O: send the request with any client, or with
/// `graph_runtime::client::Client` (feature `client`).
///
/// ```
/// use graph_runtime::{build_request, decode_json, Collection, Endpoint, Permissions, RequestError,
///                     RequestOptions, ResponseError};
///
/// /// `GET /users`, written by hand the way the generator writes it.
/// struct ListUsers { options: RequestOptions }
///
/// impl Endpoint for ListUsers {
///     type Body = ();
///     type Output = Collection<serde_json::Value>;
///     const METHOD: http::Method = http::Method::GET;
///     const PERMISSIONS: Permissions = Permissions {
///         delegated_work: &["User.ReadBasic.All", "User.Read.All"],
///         delegated_personal: &[],
///         application: &["User.Read.All"],
///     };
///     fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
///         build_request(Self::METHOD, base, "/users", &self.options, None)
///     }
///     fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, ResponseError> {
///         decode_json(response)
///     }
/// }
///
/// let req = ListUsers { options: RequestOptions::default() }.request().unwrap();
/// assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/users");
/// let resp = http::Response::builder().status(200).body(&br#"{"value":[{"id":"1"}]}"#[..]).unwrap();
/// assert_eq!(ListUsers::parse_response(&resp).unwrap().value.len(), 1);
/// ```
pub trait Endpoint {
    /// The request body (`()` when the operation takes none).
    type Body: Serialize + DeserializeOwned;
    /// The decoded success response (`()` when the operation returns none).
    type Output: Serialize + DeserializeOwned;

    /// The HTTP method.
    const METHOD: http::Method;

    /// The documented permissions per scheme, least privileged first.
    const PERMISSIONS: Permissions;

    /// The request against `base` (a service root such as [`BASE_URL`]).
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// The request against the Graph v1.0 service root.
    fn request(&self) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.request_with_base(BASE_URL)
    }

    /// Turns a response (status, headers, body) into the output or an error.
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, ResponseError>;
}
