//! A mock Graph server on 127.0.0.1 that answers each request with a scripted [`Reply`],
//! faults included: a reset connection, a body cut short, an answer that comes too late.
//! Every request is recorded. One request per connection (`Connection: close`); the accept
//! loop is bounded and the server stops when dropped.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// At most this many connections per server: no test loops for ever.
const MAX_CONNECTIONS: usize = 256;
/// The largest request head or body read (an upload chunk of 4 x 320 KiB fits).
const MAX_REQUEST: usize = 4 << 20;

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// An answer: status, headers, body.
    Send { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Close the connection with a TCP reset, without an answer.
    Reset,
    /// Status and headers with a `Content-Length` of `declared`, then `body` (shorter), then close.
    Truncated { status: u16, declared: usize, body: Vec<u8> },
    /// Wait, then do the reply.
    Delay(Duration, Box<Reply>),
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Send {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// The same reply with one more header.
    pub fn header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Send { status, mut headers, body } => {
                headers.push((name.into(), value.into()));
                Reply::Send { status, headers, body }
            }
            other => other,
        }
    }
}

/// One request the server read.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// A header's value (names compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The port of the `Host` it was sent to: links in an answer can name the same server
    /// under another host name (`localhost`).
    pub fn port(&self) -> &str {
        self.header("host").and_then(|h| h.rsplit(':').next()).unwrap_or("0")
    }
}

type Handler = dyn Fn(usize, &Recorded) -> Reply + Send + Sync;

pub struct MockServer {
    port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl MockServer {
    /// A server whose `n`-th request (from 0) gets `handler(n, &request)`.
    pub async fn start(handler: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static) -> MockServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let recorded = requests.clone();
        let task = tokio::spawn(async move {
            for _ in 0..MAX_CONNECTIONS {
                let Ok((stream, _)) = listener.accept().await else { return };
                let (handler, recorded) = (handler.clone(), recorded.clone());
                tokio::spawn(async move { serve(stream, handler, recorded).await });
            }
        });
        MockServer { port, requests, task }
    }

    /// A server that answers the `n`-th request with `replies[n]`, and 500 past the end.
    pub async fn script(replies: Vec<Reply>) -> MockServer {
        MockServer::start(move |n, _| {
            replies.get(n).cloned().unwrap_or_else(|| Reply::json(500, r#"{"error":{"code":"scriptExhausted"}}"#))
        })
        .await
    }

    /// The service root: `http://127.0.0.1:PORT/v1.0`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1.0", self.port)
    }

    /// The requests read so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("requests").clone()
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_REQUEST {
            return None;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let (method, target) = (start.next()?.to_owned(), start.next()?.to_owned());
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned())).collect();
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_REQUEST);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded { method, target, headers, body })
}

fn head(status: u16, headers: &[(String, String)], length: usize) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {length}\r\n");
    for (n, v) in headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

async fn serve(mut stream: TcpStream, handler: Arc<Handler>, recorded: Arc<Mutex<Vec<Recorded>>>) {
    let Some(request) = read_request(&mut stream).await else { return };
    let n = {
        let mut all = recorded.lock().expect("requests");
        all.push(request.clone());
        all.len() - 1
    };
    let mut reply = handler(n, &request);
    // Bounded: a reply nests a few delays at most.
    for _ in 0..8 {
        match reply {
            Reply::Delay(wait, next) => {
                tokio::time::sleep(wait).await;
                reply = *next;
            }
            _ => break,
        }
    }
    match reply {
        Reply::Send { status, headers, body } => {
            let mut bytes = head(status, &headers, body.len());
            bytes.extend_from_slice(&body);
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Truncated { status, declared, body } => {
            let mut bytes = head(status, &[("Content-Type".into(), "application/json".into())], declared);
            bytes.extend_from_slice(&body);
            let _ = stream.write_all(&bytes).await;
            let _ = stream.flush().await;
            let _ = stream.set_zero_linger();
        }
        Reply::Reset | Reply::Delay(..) => {
            let _ = stream.set_zero_linger();
        }
    }
}
