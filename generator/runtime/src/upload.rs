//! Resumable uploads of large files without I/O: the chunks of an upload session.
//!
//! `createUploadSession` answers with an upload URL (pre-authenticated, often on another
//! host) that takes the file in chunks. [`UploadSession`] keeps the state of one upload:
//! [`UploadSession::next_chunk`] says which bytes to send, [`UploadSession::request`] builds
//! the `PUT` with its `Content-Range` and no token, and [`UploadSession::on_response`] reads
//! the answer: `202` with the next expected ranges (go on from the first missing byte),
//! `200`/`201` with the item (done), a transient failure (ask the session's status with
//! [`UploadSession::status_request`], whose answer tells where to resume), or `404` (the
//! session expired). Chunk sizes are multiples of 320 KiB; the number of requests is bounded.
//!
//! ```
//! use graph_runtime::{UploadSession, UploadSessionInfo, UploadStep, UPLOAD_CHUNK_UNIT};
//! let created = http::Response::builder().status(200).body(&br#"{
//!     "uploadUrl":"https://up.example/s/1","expirationDateTime":"2030-01-01T00:00:00Z"}"#[..]).unwrap();
//! let info = UploadSessionInfo::from_response(&created).unwrap();
//! let file = vec![7u8; 400_000];
//! let mut session = UploadSession::new(&info, file.len() as u64, UPLOAD_CHUNK_UNIT).unwrap();
//! let range = session.next_chunk().unwrap();
//! let put = session.request(range, range.slice(&file).unwrap()).unwrap();
//! assert_eq!(put.headers()["content-range"], "bytes 0-327679/400000");
//! assert!(put.headers().get("authorization").is_none());
//! let accepted = http::Response::builder().status(202)
//!     .body(&br#"{"nextExpectedRanges":["327680-"]}"#[..]).unwrap();
//! assert!(matches!(session.on_response::<serde_json::Value, _>(&accepted), Ok(UploadStep::Next(_))));
//! let last = session.chunk_request(&file).unwrap().unwrap();
//! assert_eq!(last.headers()["content-range"], "bytes 327680-399999/400000");
//! let created = http::Response::builder().status(201).body(&br#"{"id":"01F","size":400000}"#[..]).unwrap();
//! match session.on_response::<serde_json::Value, _>(&created).unwrap() {
//!     UploadStep::Completed(item) => assert_eq!(item["id"], "01F"),
//!     other => panic!("{other:?}"),
//! }
//! ```

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{decode_empty, ResponseError, ResponseInfo};

/// Chunk sizes are multiples of this: 320 KiB (327,680 bytes).
pub const UPLOAD_CHUNK_UNIT: u64 = 327_680;

/// The chunk size when the caller has no better one: 10 × 320 KiB (3,276,800 bytes).
pub const DEFAULT_UPLOAD_CHUNK: u64 = 10 * UPLOAD_CHUNK_UNIT;

/// What `createUploadSession` answers (and what to store to resume an upload later).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadSessionInfo {
    /// `uploadUrl`: where the chunks go; it carries its own authorization.
    pub upload_url: String,
    /// `expirationDateTime`, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<String>,
    /// `nextExpectedRanges`: the missing byte ranges, such as `"0-"` or `"26-109"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_expected_ranges: Vec<String>,
}

impl UploadSessionInfo {
    /// Reads the answer to `createUploadSession`.
    ///
    /// ```
    /// let r = http::Response::builder().status(400).body(&b""[..]).unwrap();
    /// assert!(graph_runtime::UploadSessionInfo::from_response(&r).is_err());
    /// ```
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self, UploadError> {
        crate::decode_json(response).map_err(UploadError::Response)
    }
}

/// The inclusive byte range `start..=end` of one chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    /// The first byte.
    pub start: u64,
    /// The last byte (inclusive).
    pub end: u64,
}

impl ByteRange {
    /// The number of bytes (0 when `end` is before `start`).
    ///
    /// ```
    /// assert_eq!(graph_runtime::ByteRange { start: 10, end: 19 }.len(), 10);
    /// assert_eq!(graph_runtime::ByteRange { start: 10, end: 9 }.len(), 0);
    /// ```
    pub fn len(&self) -> u64 {
        if self.end < self.start {
            return 0;
        }
        (self.end - self.start).saturating_add(1)
    }

    /// Whether the range holds no byte (`end` before `start`).
    ///
    /// ```
    /// assert!(!graph_runtime::ByteRange { start: 0, end: 0 }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.end < self.start
    }

    /// These bytes of the whole file, or `None` when the file is shorter.
    ///
    /// ```
    /// let r = graph_runtime::ByteRange { start: 1, end: 2 };
    /// assert_eq!(r.slice(b"abcd"), Some(&b"bc"[..]));
    /// assert_eq!(r.slice(b"ab"), None);
    /// ```
    pub fn slice<'a>(&self, file: &'a [u8]) -> Option<&'a [u8]> {
        let start = usize::try_from(self.start).ok()?;
        let end = usize::try_from(self.end).ok()?;
        file.get(start..=end)
    }
}

/// What the answer to a chunk or a status query says.
#[derive(Debug)]
pub enum UploadStep<T> {
    /// The service has the bytes so far: send this range next.
    Next(ByteRange),
    /// The last byte arrived: the uploaded item.
    Completed(T),
    /// A transient failure (`5xx`, `429`, `416`): ask the status, then resume. The error
    /// keeps the status and `Retry-After`.
    Retry(ResponseError),
}

/// Why an upload cannot go on.
#[derive(Debug)]
pub enum UploadError {
    /// The chunk size is zero or not a multiple of [`UPLOAD_CHUNK_UNIT`].
    ChunkSize(u64),
    /// An upload session takes no empty file.
    EmptyFile,
    /// The upload URL is not an absolute `https` URL (`http` only on loopback).
    BadUrl(String),
    /// The session given is no upload session (no `uploadUrl`, say).
    BadSession(serde_json::Error),
    /// A `nextExpectedRanges` entry that is no range of the file.
    BadRange(String),
    /// The bytes given are not as long as the range or the file.
    WrongLength {
        /// The length expected.
        expected: u64,
        /// The length given.
        actual: u64,
    },
    /// The session answered `404`: it expired or was cancelled.
    Expired(Box<ResponseInfo>),
    /// The service answered with an error that no retry mends, or a body that does not decode.
    Response(ResponseError),
    /// Every byte was sent and the service still expects more.
    Incomplete,
    /// The upload took more than the allowed number of requests.
    TooManySteps(u32),
    /// An answer was read with no request outstanding.
    NotSent,
    /// The upload already ended.
    Finished,
}

impl std::fmt::Display for UploadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UploadError::ChunkSize(n) => write!(f, "chunk size {n} is not a positive multiple of 327680 bytes"),
            UploadError::EmptyFile => write!(f, "an upload session cannot upload an empty file"),
            UploadError::BadUrl(url) => write!(f, "upload URL `{url}` is not an absolute https URL"),
            UploadError::BadSession(e) => write!(f, "not an upload session: {e}"),
            UploadError::BadRange(r) => write!(f, "`{r}` is not a byte range of the file"),
            UploadError::WrongLength { expected, actual } => write!(f, "expected {expected} bytes, got {actual}"),
            UploadError::Expired(info) => write!(f, "upload session expired ({})", info.status),
            UploadError::Response(e) => write!(f, "upload failed: {e}"),
            UploadError::Incomplete => write!(f, "every byte was sent but the upload is not complete"),
            UploadError::TooManySteps(n) => write!(f, "upload not done after {n} requests"),
            UploadError::NotSent => write!(f, "no upload request is waiting for an answer"),
            UploadError::Finished => write!(f, "the upload has already ended"),
        }
    }
}

impl std::error::Error for UploadError {}

/// What the last request was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    Nothing,
    Chunk(ByteRange),
    Status,
    Ended,
}

/// The status document of a session (`202` to a chunk, `200` to a status query).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusDocument {
    #[serde(default)]
    next_expected_ranges: Vec<String>,
    expiration_date_time: Option<String>,
}

/// One resumable upload: see the [module](self) documentation.
#[derive(Debug, Clone)]
pub struct UploadSession {
    url: String,
    expiration: Option<String>,
    total: u64,
    chunk_size: u64,
    /// The first byte the service still expects.
    offset: u64,
    /// The last byte of the missing range that starts at `offset`.
    gap_end: u64,
    sent: Sent,
    steps: u32,
    /// The most requests (chunks and status queries) before [`UploadError::TooManySteps`];
    /// by default three per chunk, plus 16.
    pub max_steps: u32,
}

/// The first missing range of `ranges` (`"start-"`, `"start-end"` or `"start"`) as
/// `(start, end)`, within a file of `total` bytes.
fn first_range(ranges: &[String], total: u64) -> Result<Option<(u64, u64)>, UploadError> {
    let Some(first) = ranges.first() else { return Ok(None) };
    let bad = || UploadError::BadRange(first.clone());
    let text = first.trim();
    let (start, end) = match text.split_once('-') {
        Some((start, "")) => (start, None),
        Some((start, end)) => (start, Some(end)),
        None => (text, None),
    };
    let start: u64 = start.trim().parse().map_err(|_| bad())?;
    let end = match end {
        Some(end) => end.trim().parse::<u64>().map_err(|_| bad())?.min(total - 1),
        None => total - 1,
    };
    if start > end {
        return Err(bad());
    }
    Ok(Some((start, end)))
}

impl UploadSession {
    /// An upload of `total` bytes in chunks of `chunk_size` to the session `info`; when `info`
    /// lists expected ranges (a session resumed), the upload starts at the first.
    ///
    /// ```
    /// use graph_runtime::{UploadError, UploadSession, UploadSessionInfo};
    /// let info = UploadSessionInfo { upload_url: "https://up.example/s".into(),
    ///     expiration_date_time: None, next_expected_ranges: vec!["655360-".into()] };
    /// let s = UploadSession::new(&info, 1_000_000, 327_680).unwrap();
    /// assert_eq!(s.next_chunk().unwrap().start, 655_360);
    /// assert!(matches!(UploadSession::new(&info, 1_000_000, 100_000), Err(UploadError::ChunkSize(100_000))));
    /// ```
    pub fn new(info: &UploadSessionInfo, total: u64, chunk_size: u64) -> Result<Self, UploadError> {
        if chunk_size == 0 || chunk_size / UPLOAD_CHUNK_UNIT * UPLOAD_CHUNK_UNIT != chunk_size {
            return Err(UploadError::ChunkSize(chunk_size));
        }
        if total == 0 {
            return Err(UploadError::EmptyFile);
        }
        if !crate::operation::is_absolute_https(&info.upload_url) {
            return Err(UploadError::BadUrl(info.upload_url.clone()));
        }
        let chunks = total.div_ceil(chunk_size);
        let max_steps = u32::try_from(chunks.saturating_mul(3).saturating_add(16)).unwrap_or(u32::MAX);
        let mut session = UploadSession {
            url: info.upload_url.clone(),
            expiration: info.expiration_date_time.clone(),
            total,
            chunk_size,
            offset: 0,
            gap_end: total - 1,
            sent: Sent::Nothing,
            steps: 0,
            max_steps,
        };
        if let Some((start, end)) = first_range(&info.next_expected_ranges, total)? {
            (session.offset, session.gap_end) = (start, end);
        }
        Ok(session)
    }

    /// The upload URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The session's `expirationDateTime`, as last sent.
    pub fn expiration(&self) -> Option<&str> {
        self.expiration.as_deref()
    }

    /// The size of the file.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The first byte the service still expects, as far as this session knows.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Requests handed out so far.
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// Whether the upload ended (completed, expired, or failed for good).
    pub fn is_finished(&self) -> bool {
        self.sent == Sent::Ended
    }

    /// The range to send next: from the first missing byte, at most one chunk, within the
    /// missing range; `None` once the upload ended.
    pub fn next_chunk(&self) -> Option<ByteRange> {
        if self.is_finished() || self.offset >= self.total {
            return None;
        }
        let end = self.offset.saturating_add(self.chunk_size - 1).min(self.gap_end);
        Some(ByteRange { start: self.offset, end })
    }

    fn step(&mut self) -> Result<(), UploadError> {
        if self.is_finished() {
            return Err(UploadError::Finished);
        }
        if self.steps >= self.max_steps {
            return Err(UploadError::TooManySteps(self.steps));
        }
        self.steps += 1;
        Ok(())
    }

    /// The `PUT` of `range` with `bytes` (exactly that range's bytes): `Content-Range`,
    /// `Content-Length`, and no `Authorization` (the upload URL is pre-authenticated).
    pub fn request(&mut self, range: ByteRange, bytes: &[u8]) -> Result<http::Request<Vec<u8>>, UploadError> {
        if range.start > range.end || range.end >= self.total {
            return Err(UploadError::BadRange(format!("{}-{}", range.start, range.end)));
        }
        if bytes.len() as u64 != range.len() {
            return Err(UploadError::WrongLength { expected: range.len(), actual: bytes.len() as u64 });
        }
        self.step()?;
        let request = http::Request::put(self.url.as_str())
            .header(http::header::CONTENT_RANGE, format!("bytes {}-{}/{}", range.start, range.end, self.total))
            .header(http::header::CONTENT_LENGTH, range.len())
            .body(bytes.to_vec())
            .map_err(|_| UploadError::BadUrl(self.url.clone()))?;
        self.sent = Sent::Chunk(range);
        Ok(request)
    }

    /// The `PUT` of the next chunk, cut from the whole `file`; `None` when nothing is left.
    pub fn chunk_request(&mut self, file: &[u8]) -> Result<Option<http::Request<Vec<u8>>>, UploadError> {
        if file.len() as u64 != self.total {
            return Err(UploadError::WrongLength { expected: self.total, actual: file.len() as u64 });
        }
        let Some(range) = self.next_chunk() else { return Ok(None) };
        let bytes = range.slice(file).ok_or(UploadError::WrongLength { expected: self.total, actual: 0 })?;
        self.request(range, bytes).map(Some)
    }

    /// The `GET` of the upload URL, whose answer lists the ranges still missing.
    pub fn status_request(&mut self) -> Result<http::Request<Vec<u8>>, UploadError> {
        self.step()?;
        let request = http::Request::get(self.url.as_str())
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|_| UploadError::BadUrl(self.url.clone()))?;
        self.sent = Sent::Status;
        Ok(request)
    }

    /// The `DELETE` of the upload URL, which cancels the session (not counted as a step).
    pub fn cancel_request(&self) -> Result<http::Request<Vec<u8>>, UploadError> {
        http::Request::delete(self.url.as_str()).body(Vec::new()).map_err(|_| UploadError::BadUrl(self.url.clone()))
    }

    /// Reads the answer to the last request: see [`UploadStep`]. The item of the last chunk's
    /// answer is decoded as `T` (a `driveItem`, or `serde_json::Value`).
    pub fn on_response<T: DeserializeOwned, B: AsRef<[u8]>>(
        &mut self,
        response: &http::Response<B>,
    ) -> Result<UploadStep<T>, UploadError> {
        let sent = std::mem::replace(&mut self.sent, Sent::Nothing);
        let status = response.status();
        match sent {
            Sent::Ended => {
                self.sent = Sent::Ended;
                return Err(UploadError::Finished);
            }
            Sent::Nothing => return Err(UploadError::NotSent),
            _ => {}
        }
        let code = status.as_u16();
        if code == 429 || code == 416 || status.is_server_error() {
            let error = decode_empty(response).err().unwrap_or_else(|| ResponseError::Status {
                info: Box::new(ResponseInfo::of(response)),
                body: response.body().as_ref().to_vec(),
            });
            return Ok(UploadStep::Retry(error));
        }
        if code == 404 {
            self.sent = Sent::Ended;
            return Err(UploadError::Expired(Box::new(ResponseInfo::of(response))));
        }
        if let Err(e) = decode_empty(response) {
            self.sent = Sent::Ended;
            return Err(UploadError::Response(e));
        }
        let body = response.body().as_ref();
        if matches!(sent, Sent::Chunk(_)) && (code == 200 || code == 201) {
            self.sent = Sent::Ended;
            return serde_json::from_slice(body).map(UploadStep::Completed).map_err(|error| {
                UploadError::Response(ResponseError::Decode { info: Box::new(ResponseInfo::of(response)), error })
            });
        }
        let doc: StatusDocument = if body.iter().all(u8::is_ascii_whitespace) {
            StatusDocument { next_expected_ranges: Vec::new(), expiration_date_time: None }
        } else {
            serde_json::from_slice(body).map_err(|error| {
                UploadError::Response(ResponseError::Decode { info: Box::new(ResponseInfo::of(response)), error })
            })?
        };
        if doc.expiration_date_time.is_some() {
            self.expiration = doc.expiration_date_time;
        }
        match (first_range(&doc.next_expected_ranges, self.total)?, sent) {
            (Some((start, end)), _) => (self.offset, self.gap_end) = (start, end),
            // A chunk taken with no ranges listed: go on after it.
            (None, Sent::Chunk(range)) => (self.offset, self.gap_end) = (range.end + 1, self.total - 1),
            (None, _) => self.offset = self.total,
        }
        self.next_chunk().map(UploadStep::Next).ok_or(UploadError::Incomplete)
    }
}

#[cfg(test)]
#[path = "upload_tests.rs"]
mod tests;
