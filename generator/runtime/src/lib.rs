//! The runtime of crates generated from Graph-format docs.
//!
//! A generated crate holds typed models and one request builder per operation; this crate
//! holds everything they share, so that every generated crate uses one [`Endpoint`] trait,
//! one error type and one client:
//!
//! | module | what |
//! |---|---|
//! | [`primitives`] | EDM primitives that keep their wire form: [`DateTimeOffset`], [`Date`], [`TimeOfDay`], [`Duration`], [`Guid`], [`Binary`], [`Double`], [`Single`], [`Decimal`], [`Stream`] |
//! | [`enums`] | [`GraphEnum`], what generated enums share, and [`Flags`], flags enumerations as sets |
//! | [`odata`] | payload shapes: [`Collection`], [`PrimitiveValue`], [`GraphError`], the `@odata.type` helpers of polymorphic enums |
//! | [`request`] | building requests: [`QueryOptions`], [`RequestOptions`], [`fill_path`], [`push_segment`], [`build_request`], [`json_body`], [`NationalCloud`] roots |
//! | [`headers`] | typed `Prefer` ([`Prefer`], [`Preference`]) and [`ConsistencyLevel`] headers |
//! | [`endpoint`] | the [`Endpoint`] trait: request builder and response decoder of one operation |
//! | [`builder`] | [`RequestBuilder`] (headers, options) and the [`query`] option traits (`Select`, `Filter`, `Top`, ...) builders share |
//! | [`response`] | decoding answers with status, headers and body: [`decode_json`], [`decode_empty`], [`ResponseError`], [`ResponseInfo`] |
//! | [`error`] | the errors of a whole call: [`Error`], [`TransportError`] |
//! | [`retry`] | [`RetryPolicy`], a pure function of the attempt, the failure and the time spent; [`RetryAfter`] |
//! | [`operation`] | [`Monitor`] of a long-running operation (`202` + `Location`): which poll to send when, [`Progress`] to completed or failed, without I/O |
//! | [`batch`] | JSON batching: [`Batch`] of up to 20 endpoints' requests, [`BatchKey`] to decode each answer of the [`BatchResponse`] by its endpoint, the retriable items' next round, without I/O |
//! | [`upload`] | [`UploadSession`] of a large file: which chunk to `PUT` (`Content-Range`, no token), resumed from the session's next expected ranges, without I/O |
//! | [`long_running`] | [`LongRunning`], the output of an operation that may answer `202 Accepted` with a monitor, and [`OperationError`] |
//! | [`delta`] | [`DeltaItem`] (changed, or `@removed`) and [`DeltaToken`]: the delta link stored (as a string) and resumed from, without I/O |
//! | [`paging`] | [`Page`] and [`Pager`]: next links, page limit, count, delta link, without I/O |
//! | [`patch`] | [`Patch`]: leave as is, set, or set to `null`, per property of an update |
//! | [`object`] | [`ObjectReader`]: how generated structs are read from JSON objects, one call per field |
//! | [`fields`] | [`ObjectFields`], [`write_fields`], [`debug_fields`]: a generated struct's fields listed once, for `Serialize` and `Debug` |
//! | [`permissions`] | [`Permissions`] per [`Scheme`] and [`least_privileged_scopes`] |
//! | `client` (feature `client`) | the async client on reqwest (rustls): token source, transport, timer, retries with `tracing`, paging streams, delta rounds, long-running operations completed into their resource, batches sent in rounds, resumable uploads |
//!
//! # Design
//!
//! - **Sans-IO first.** Everything but `client` is pure: it builds `http::Request`s and
//!   reads `http::Response`s. The default features pull in no HTTP client and no runtime
//!   (serde, serde_json, erased-serde, http, bytes, time, uuid, base64, percent-encoding, iso8601 and
//!   httpdate only).
//! - **Wire form kept.** Primitives are validated strings or wrappers that write back what
//!   they read (Graph's 7-digit fractions, a GUID's letter case, `NaN`/`INF`).
//! - **Answers are read whole.** [`Endpoint::parse_response`] sees status, headers and body, so
//!   errors keep `request-id`, `client-request-id`, `Date` and `Retry-After`, and
//!   successes keep `Location`.
//! - **Policies are data.** [`RetryPolicy::decide`] takes the clock reading and the jitter as
//!   arguments; [`Pager`] takes pages and gives requests. The client only runs them, so the
//!   same logic serves a caller with another HTTP stack.
//! - **Security.** A next link to another scheme, host or port is refused (it would carry the
//!   token); the client follows no redirects; requests not safe to repeat are not retried
//!   unless the caller opts in.
//!
//! # How generated crates use it
//!
//! Generated code names everything `::graph_runtime::X` and re-exports the crate as
//! `runtime`. Inside the workspace the generated manifest depends on this crate by path, so
//! all generated crates share one `Endpoint` trait and one client; a standalone output gets
//! these sources vendored byte for byte into its `graph-runtime/` folder (the generator's
//! `codegen_rust::runtime` lists them, and a test there fails when a file is missing). The
//! generated crate's `client` feature turns on this crate's.
//!
//! # Example: list users with `$select`, all pages, with retry
//!
//! A generated crate gives the endpoint (here written by hand, as the generator writes it);
//! the client sends it. The transport below answers from memory so the example runs
//! anywhere: leave `ClientBuilder::transport` out to use
//! reqwest.
//!
//! ```
//! # #[cfg(feature = "client")] {
//! use bytes::Bytes;
//! use futures_util::TryStreamExt;
//! use graph_runtime::client::{BoxFuture, Client, StaticToken, Transport};
//! use graph_runtime::{build_request, decode_json, Collection, Endpoint, Permissions, RequestError,
//!                     RequestOptions, ResponseError, RetryPolicy, TransportError};
//!
//! #[derive(Default)]
//! struct ListUsers { options: RequestOptions }
//! impl ListUsers {
//!     fn select<const N: usize>(mut self, fields: [&str; N]) -> Self {
//!         self.options.query.select = fields.iter().map(|f| f.to_string()).collect();
//!         self
//!     }
//! }
//! impl Endpoint for ListUsers {
//!     type Body = ();
//!     type Output = Collection<serde_json::Value>;
//!     const METHOD: http::Method = http::Method::GET;
//!     const PERMISSIONS: Permissions = Permissions {
//!         delegated_work: &["User.ReadBasic.All", "User.Read.All"],
//!         delegated_personal: &[],
//!         application: &["User.Read.All"],
//!     };
//!     fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
//!         build_request(Self::METHOD, base, "/users", &self.options, None)
//!     }
//!     fn parse_response<B: AsRef<[u8]>>(r: &http::Response<B>) -> Result<Self::Output, ResponseError> {
//!         decode_json(r)
//!     }
//! }
//!
//! /// Throttles the first request, then answers two pages.
//! #[derive(Default)]
//! struct Canned(std::sync::atomic::AtomicU32);
//! impl Transport for Canned {
//!     fn send(&self, req: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
//!         let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
//!         let (status, body) = match (n, req.uri().query()) {
//!             (0, _) => (429, String::new()),
//!             (_, Some("$select=id,displayName")) => (200, r#"{"value":[{"id":"1","displayName":"Ada"}],
//!                 "@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=2"}"#.to_string()),
//!             _ => (200, r#"{"value":[{"id":"2","displayName":"Grace"}]}"#.to_string()),
//!         };
//!         let resp = http::Response::builder().status(status).header("Retry-After", "0").body(Bytes::from(body));
//!         Box::pin(async move { Ok(resp.unwrap()) })
//!     }
//! }
//!
//! # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
//! let client = Client::builder()
//!     .token(StaticToken::new("eyJ0..."))
//!     .retry(RetryPolicy { max_attempts: 3, ..RetryPolicy::default() })
//!     .transport(Canned::default())
//!     .build()?;
//! let users: Vec<serde_json::Value> =
//!     client.items(&ListUsers::default().select(["id", "displayName"])).try_collect().await?;
//! assert_eq!(users.len(), 2);
//! assert_eq!(users[1]["displayName"], "Grace");
//! # Ok::<(), graph_runtime::Error>(())
//! # }).unwrap();
//! # }
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod batch;
pub mod builder;
pub mod delta;
pub mod endpoint;
pub mod enums;
pub mod error;
pub mod fields;
pub mod headers;
pub mod long_running;
pub mod object;
pub mod odata;
pub mod operation;
pub mod paging;
pub mod patch;
pub mod permissions;
pub mod primitives;
pub mod request;
pub mod response;
pub mod retry;
pub mod upload;

#[cfg(feature = "client")]
pub mod client;

pub use batch::*;
pub use builder::{query, RequestBuilder};
pub use delta::*;
pub use endpoint::*;
pub use enums::*;
pub use error::*;
pub use fields::*;
pub use headers::*;
pub use long_running::*;
pub use object::*;
pub use odata::*;
pub use operation::*;
pub use paging::*;
pub use patch::*;
pub use permissions::*;
pub use primitives::*;
pub use request::*;
pub use response::*;
pub use retry::*;
pub use upload::*;
