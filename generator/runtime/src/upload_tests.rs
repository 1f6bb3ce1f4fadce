//! Unit tests of [`UploadSession`](super::UploadSession): chunking, resuming, failures.

use super::*;

const UNIT: u64 = UPLOAD_CHUNK_UNIT;

fn info(url: &str, ranges: &[&str]) -> UploadSessionInfo {
    UploadSessionInfo {
        upload_url: url.into(),
        expiration_date_time: Some("2030-01-01T00:00:00Z".into()),
        next_expected_ranges: ranges.iter().map(|r| r.to_string()).collect(),
    }
}

/// An answer with this status and body and no headers.
fn answer(status: u16, body: &str) -> http::Response<Vec<u8>> {
    crate::operation::tests::answer(status, &[], body)
}

fn content_range(r: &http::Request<Vec<u8>>) -> &str {
    r.headers()["content-range"].to_str().unwrap()
}

type Step = Result<UploadStep<serde_json::Value>, UploadError>;

#[test]
fn chunks_cover_the_file_with_a_short_last_one() {
    let file: Vec<u8> = (0..(2 * UNIT + 5)).map(|i| (i % 251) as u8).collect();
    let mut s = UploadSession::new(&info("https://up.example/s", &[]), file.len() as u64, UNIT).unwrap();
    let mut got = Vec::new();
    let mut ranges = Vec::new();
    for _ in 0..3 {
        let put = s.chunk_request(&file).unwrap().unwrap();
        assert_eq!(put.method(), http::Method::PUT);
        assert_eq!(put.headers()["content-length"], put.body().len().to_string().as_str());
        assert!(put.headers().get("authorization").is_none());
        ranges.push(content_range(&put).to_string());
        got.extend_from_slice(put.body());
        let end = s.offset() + put.body().len() as u64;
        let reply = if end == s.total() {
            answer(201, r#"{"id":"01"}"#)
        } else {
            answer(202, &format!(r#"{{"nextExpectedRanges":["{end}-"]}}"#))
        };
        let _ = s.on_response::<serde_json::Value, _>(&reply).unwrap();
    }
    assert_eq!(ranges, ["bytes 0-327679/655365", "bytes 327680-655359/655365", "bytes 655360-655364/655365"]);
    assert_eq!(got, file);
    assert!(s.is_finished());
    assert_eq!(s.steps(), 3);
    assert!(matches!(s.chunk_request(&file), Ok(None)));
    assert!(matches!(s.status_request(), Err(UploadError::Finished)));
}

#[test]
fn a_failed_chunk_resumes_from_the_status() {
    let mut s = UploadSession::new(&info("https://up.example/s", &[]), 4 * UNIT, 2 * UNIT).unwrap();
    let file = vec![1u8; 4 * UNIT as usize];
    s.chunk_request(&file).unwrap();
    let step: Step = s.on_response(&answer(500, r#"{"error":{"code":"generalException"}}"#));
    match step.unwrap() {
        UploadStep::Retry(e) => assert_eq!((e.status().as_u16(), e.code()), (500, Some("generalException"))),
        other => panic!("{other:?}"),
    }
    let get = s.status_request().unwrap();
    assert_eq!((get.method(), get.uri().to_string()), (&http::Method::GET, "https://up.example/s".into()));
    assert!(get.headers().get("authorization").is_none());
    // The service had received part of the chunk: resume mid-chunk, up to the gap's end.
    let step: Step = s.on_response(&answer(
        200,
        r#"{"expirationDateTime":"2031-01-01T00:00:00Z","nextExpectedRanges":["100000-199999","400000-"]}"#,
    ));
    assert_eq!(step.unwrap().next(), Some(ByteRange { start: 100_000, end: 199_999 }));
    assert_eq!(s.expiration(), Some("2031-01-01T00:00:00Z"));
    let put = s.chunk_request(&file).unwrap().unwrap();
    assert_eq!(content_range(&put), "bytes 100000-199999/1310720");
    // A 202 with no ranges: on after the chunk sent.
    let step: Step = s.on_response(&answer(202, ""));
    assert_eq!(step.unwrap().next(), Some(ByteRange { start: 200_000, end: 200_000 + 2 * UNIT - 1 }));
}

impl<T> UploadStep<T> {
    fn next(&self) -> Option<ByteRange> {
        match self {
            UploadStep::Next(r) => Some(*r),
            _ => None,
        }
    }
}

#[test]
fn expired_session_and_other_errors_end_the_upload() {
    let mut s = UploadSession::new(&info("https://up.example/s", &[]), UNIT, UNIT).unwrap();
    s.status_request().unwrap();
    let step: Step = s.on_response(&answer(404, r#"{"error":{"code":"itemNotFound"}}"#));
    assert!(matches!(step, Err(UploadError::Expired(ref i)) if i.status == 404));
    assert!(s.is_finished());
    let mut s = UploadSession::new(&info("https://up.example/s", &[]), UNIT, UNIT).unwrap();
    s.chunk_request(&vec![0; UNIT as usize]).unwrap();
    let step: Step = s.on_response(&answer(409, r#"{"error":{"code":"nameAlreadyExists"}}"#));
    assert!(matches!(step, Err(UploadError::Response(ref e)) if e.code() == Some("nameAlreadyExists")));
    let mut s = UploadSession::new(&info("https://up.example/s", &[]), UNIT, UNIT).unwrap();
    s.chunk_request(&vec![0; UNIT as usize]).unwrap();
    let step: Step = s.on_response(&answer(201, "not json"));
    assert!(matches!(step, Err(UploadError::Response(ResponseError::Decode { .. }))));
}

#[test]
fn refuses_bad_sizes_urls_ranges_lengths_and_endless_uploads() {
    let ok = info("https://up.example/s", &[]);
    assert!(matches!(UploadSession::new(&ok, 10, 0), Err(UploadError::ChunkSize(0))));
    assert!(matches!(UploadSession::new(&ok, 10, UNIT + 1), Err(UploadError::ChunkSize(_))));
    assert!(matches!(UploadSession::new(&ok, 0, UNIT), Err(UploadError::EmptyFile)));
    for url in ["http://up.example/s", "/up/s", "ftp://up.example/s"] {
        assert!(matches!(UploadSession::new(&info(url, &[]), 10, UNIT), Err(UploadError::BadUrl(_))), "{url}");
    }
    assert!(UploadSession::new(&info("http://127.0.0.1:9/s", &[]), 10, UNIT).is_ok());
    for range in ["x-", "10-", "5-2", "-3"] {
        assert!(matches!(UploadSession::new(&info("https://u/s", &[range]), 10, UNIT), Err(UploadError::BadRange(_))));
    }
    let s = UploadSession::new(&info("https://u/s", &[" 4 - 99 "]), 10, UNIT).unwrap();
    assert_eq!(s.next_chunk(), Some(ByteRange { start: 4, end: 9 }));
    let mut s = UploadSession::new(&ok, 10, UNIT).unwrap();
    assert!(matches!(s.chunk_request(&[0; 9]), Err(UploadError::WrongLength { expected: 10, actual: 9 })));
    let range = s.next_chunk().unwrap();
    assert!(matches!(s.request(range, &[0; 3]), Err(UploadError::WrongLength { .. })));
    assert!(matches!(s.request(ByteRange { start: 5, end: 10 }, &[0; 6]), Err(UploadError::BadRange(_))));
    assert!(matches!(s.on_response::<serde_json::Value, _>(&answer(202, "")), Err(UploadError::NotSent)));
    s.max_steps = 2;
    for _ in 0..2 {
        s.chunk_request(&[0; 10]).unwrap();
        assert!(matches!(s.on_response::<serde_json::Value, _>(&answer(503, "")), Ok(UploadStep::Retry(_))));
    }
    assert!(matches!(s.chunk_request(&[0; 10]), Err(UploadError::TooManySteps(2))));
    let cancel = s.cancel_request().unwrap();
    assert_eq!(cancel.method(), http::Method::DELETE);
}

#[test]
fn all_sent_but_not_complete_is_an_error_and_info_round_trips() {
    let mut s = UploadSession::new(&info("https://u/s", &[]), 10, UNIT).unwrap();
    s.chunk_request(&[0; 10]).unwrap();
    assert!(matches!(s.on_response::<serde_json::Value, _>(&answer(202, "{}")), Err(UploadError::Incomplete)));
    let stored = serde_json::to_string(&info("https://u/s", &["5-"])).unwrap();
    assert_eq!(
        stored,
        r#"{"uploadUrl":"https://u/s","expirationDateTime":"2030-01-01T00:00:00Z","nextExpectedRanges":["5-"]}"#
    );
    let back: UploadSessionInfo = serde_json::from_str(&stored).unwrap();
    assert_eq!(UploadSession::new(&back, 10, UNIT).unwrap().offset(), 5);
}
