//! What the client tests share: the mock server, a virtual timer, a capture of the
//! `tracing` events, and endpoints written by hand the way the generator writes them.

#![allow(dead_code)]

pub mod server;

use graph_runtime::client::{BoxFuture, Client, ClientBuilder, ReqwestTransport, StaticToken, Timer};
use graph_runtime::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// A timer whose waits return at once and move its clock: every wait is recorded, and the
/// time the retry policy sees is exactly the sum of the waits.
#[derive(Clone)]
pub struct VirtualTimer {
    start: Instant,
    wall: SystemTime,
    waited: Arc<Mutex<Vec<Duration>>>,
}

impl VirtualTimer {
    /// A timer whose wall clock starts at `wall`.
    pub fn at(wall: SystemTime) -> Self {
        VirtualTimer { start: Instant::now(), wall, waited: Arc::default() }
    }

    pub fn waits(&self) -> Vec<Duration> {
        self.waited.lock().expect("waits").clone()
    }

    fn offset(&self) -> Duration {
        self.waits().iter().sum()
    }
}

impl Timer for VirtualTimer {
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        self.waited.lock().expect("waits").push(duration);
        Box::pin(async {})
    }

    fn now(&self) -> Instant {
        self.start + self.offset()
    }

    fn system_now(&self) -> SystemTime {
        self.wall + self.offset()
    }
}

/// The `graph_runtime::retry` events, each as `message field=value ...`.
#[derive(Clone)]
pub struct Events(Arc<Mutex<Vec<String>>>);

/// A global subscriber that is interested in every callsite. Tests run on many threads and
/// set their own subscriber per future; without a global one, a callsite first reached by
/// a test with no subscriber can be cached as of no interest while another test registers
/// its subscriber (a race in `tracing-core`), and that test then misses its events.
struct Interested;

impl tracing::Subscriber for Interested {
    fn register_callsite(&self, _: &'static tracing::Metadata<'static>) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::sometimes()
    }
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        false
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Installs [`Interested`] once, before any client of the tests runs.
fn interested() {
    static GLOBAL: std::sync::Once = std::sync::Once::new();
    GLOBAL.call_once(|| {
        // Err only when a global subscriber is already set, which serves as well
        let _ = tracing::subscriber::set_global_default(Interested);
    });
}

impl Default for Events {
    fn default() -> Events {
        interested();
        Events(Arc::default())
    }
}

impl Events {
    pub fn all(&self) -> Vec<String> {
        self.0.lock().expect("events").clone()
    }

    pub fn retries(&self) -> usize {
        self.all().iter().filter(|e| e.starts_with("retrying")).count()
    }
}

struct Line(String);

impl tracing::field::Visit for Line {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0.insert_str(0, &format!("{value:?}"));
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }
}

impl tracing::Subscriber for Events {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        if event.metadata().target() == "graph_runtime::retry" {
            let mut line = Line(String::new());
            event.record(&mut line);
            self.0.lock().expect("events").push(line.0);
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// A client of the mock server: reqwest without proxies, the virtual timer, a token.
pub fn client(base: &str, timer: &VirtualTimer) -> ClientBuilder {
    interested();
    let reqwest = reqwest::Client::builder().no_proxy().build().expect("reqwest");
    Client::builder()
        .base_url(base)
        .token(StaticToken::new("test-token"))
        .transport(ReqwestTransport::from_client(reqwest))
        .timer(timer.clone())
        .timeout(Duration::from_secs(10))
}

/// `GET /things/{id}`.
pub struct GetThing(pub String);

impl Endpoint for GetThing {
    type Body = ();
    type Output = serde_json::Value;
    const METHOD: http::Method = http::Method::GET;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        let mut path = String::from("/things/");
        push_segment(&mut path, "thing-id", &self.0)?;
        build_request(Self::METHOD, base, &path, &RequestOptions::default(), None)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, ResponseError> {
        decode_json(response)
    }
}

/// `GET /things`, with `$count` and `ConsistencyLevel: eventual`.
pub struct ListThings(pub RequestOptions);

impl ListThings {
    pub fn counted() -> Self {
        let mut o = RequestOptions::default();
        o.query.count = Some(true);
        o.consistency_level = Some(ConsistencyLevel::Eventual);
        ListThings(o)
    }
}

impl Endpoint for ListThings {
    type Body = ();
    type Output = Collection<serde_json::Value>;
    const METHOD: http::Method = http::Method::GET;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        build_request(Self::METHOD, base, "/things", &self.0, None)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, ResponseError> {
        decode_json(response)
    }
}

/// `POST /things`: not safe to repeat.
pub struct CreateThing(pub serde_json::Value);

impl Endpoint for CreateThing {
    type Body = serde_json::Value;
    type Output = serde_json::Value;
    const METHOD: http::Method = http::Method::POST;
    const PERMISSIONS: Permissions = Permissions::NONE;
    fn request_with_base(&self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        build_request(Self::METHOD, base, "/things", &RequestOptions::default(), json_body(&self.0)?)
    }
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, ResponseError> {
        decode_json(response)
    }
}
