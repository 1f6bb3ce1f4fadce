//! The wire forms of the primitives: what is accepted, what is rejected, and that a value
//! is written back exactly as it was read.

use super::*;

fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(json: &str) -> String {
    let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json} does not read: {e}"));
    serde_json::to_string(&value).unwrap_or_else(|e| panic!("{json} does not write: {e}"))
}

fn rejects<T: for<'de> Deserialize<'de>>(json: &str) -> bool {
    serde_json::from_str::<T>(json).is_err()
}

#[test]
fn timestamps_keep_graphs_seven_digit_fractions() {
    assert_eq!(round_trip::<DateTimeOffset>(r#""2021-07-16T08:09:10.1234567Z""#), r#""2021-07-16T08:09:10.1234567Z""#);
    assert_eq!(round_trip::<DateTimeOffset>(r#""2021-07-16T08:09:10+02:00""#), r#""2021-07-16T08:09:10+02:00""#);
    let t: DateTimeOffset = "2021-07-16T08:09:10.1234567Z".parse().unwrap();
    assert_eq!(t.to_time().unwrap().nanosecond(), 123_456_700);
    assert!(rejects::<DateTimeOffset>(r#""2021-07-16T08:09:10""#), "no offset");
    assert!(rejects::<DateTimeOffset>(r#""2021-07-16""#));
    assert!(rejects::<DateTimeOffset>("3"));
    let built = DateTimeOffset::from(time::macros::datetime!(2020-01-02 03:04:05 UTC));
    assert_eq!(built.as_str(), "2020-01-02T03:04:05Z");
}

#[test]
fn dates_and_times_of_day() {
    assert_eq!(round_trip::<Date>(r#""2021-02-28""#), r#""2021-02-28""#);
    assert!(rejects::<Date>(r#""2021-02-30""#));
    assert!(rejects::<Date>(r#""2021-02-28T00:00:00Z""#));
    assert_eq!(Date::from(time::macros::date!(2024 - 02 - 29)).as_str(), "2024-02-29");
    assert_eq!("2024-02-29".parse::<Date>().unwrap().to_date().unwrap(), time::macros::date!(2024 - 02 - 29));
    for ok in ["08:00:00", "08:00", "23:59:59.9999999"] {
        assert!(ok.parse::<TimeOfDay>().is_ok(), "{ok}");
        assert!(ok.parse::<TimeOfDay>().unwrap().to_time().is_ok(), "{ok}");
    }
    assert!("25:00:00".parse::<TimeOfDay>().is_err());
    let e = "noon".parse::<TimeOfDay>().unwrap_err();
    assert_eq!(e.to_string(), "`noon` is not a valid TimeOfDay");
}

#[test]
fn guids_keep_their_letter_case() {
    let g: Guid = "0118A350-71FC-4EC3-8F0C-6A1CB8867561".parse().unwrap();
    assert_eq!(g.as_str(), "0118A350-71FC-4EC3-8F0C-6A1CB8867561");
    assert_eq!(g.to_uuid().unwrap().to_string(), "0118a350-71fc-4ec3-8f0c-6a1cb8867561");
    assert!(rejects::<Guid>(r#""not-a-guid""#));
    assert_eq!(Guid::from(uuid::Uuid::nil()).as_str(), "00000000-0000-0000-0000-000000000000");
}

#[test]
fn durations() {
    let d: Duration = "P1DT2H".parse().unwrap();
    assert_eq!(d.to_std(), Some(std::time::Duration::from_secs(26 * 3600)));
    let negative: Duration = "-PT5M".parse().unwrap();
    assert_eq!(negative.as_str(), "-PT5M");
    assert_eq!(negative.to_std(), None);
    assert!(rejects::<Duration>(r#""one hour""#));
}

#[test]
fn binary_is_standard_base64() {
    assert_eq!(round_trip::<Binary>(r#""aGVsbG8=""#), r#""aGVsbG8=""#);
    let b: Binary = serde_json::from_str(r#""aGVsbG8=""#).unwrap();
    assert_eq!(b.0, b"hello");
    assert!(rejects::<Binary>(r#""not base64!""#));
}

#[test]
fn floats_keep_nan_and_infinities() {
    assert_eq!(round_trip::<Double>(r#""INF""#), r#""INF""#);
    assert_eq!(round_trip::<Double>(r#""-INF""#), r#""-INF""#);
    assert_eq!(round_trip::<Double>(r#""NaN""#), r#""NaN""#);
    assert_eq!(round_trip::<Double>("1.5"), "1.5");
    let d: Double = serde_json::from_str(r#""0.25""#).unwrap();
    assert_eq!(d.0, 0.25, "a number written as a string is read");
    assert_eq!(serde_json::to_string(&d).unwrap(), "0.25", "and written as a number");
    assert_eq!(round_trip::<Single>("2.5"), "2.5");
    assert!(rejects::<Double>("true"));
    assert!(rejects::<Double>(r#""many""#));
}

#[test]
fn decimals_and_streams_as_sent() {
    assert_eq!(round_trip::<Decimal>("12.5"), "12.5");
    assert_eq!(round_trip::<Stream>(r#""https://x/y""#), r#""https://x/y""#);
}
