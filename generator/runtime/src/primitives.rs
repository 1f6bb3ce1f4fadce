//! EDM primitives that keep their wire form: timestamps, dates, times, durations and GUIDs
//! as validated strings, binary as base64, floats with `NaN`/`INF`/`-INF`, decimals.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

macro_rules! string_wrapper {
    ($(#[$doc:meta])* $name:ident, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The value exactly as it was read or built.
///
/// ```
/// let d: graph_runtime::Date = "2024-02-29".parse().unwrap();
/// assert_eq!(d.as_str(), "2024-02-29");
/// ```
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidValue;
            fn from_str(s: &str) -> Result<Self, InvalidValue> {
                match $check(s) {
                    true => Ok($name(s.to_owned())),
                    false => Err(InvalidValue { kind: stringify!($name), value: s.to_owned() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                s.parse().map_err(D::Error::custom)
            }
        }
    };
}

/// A string that is not a valid value of its EDM type.
///
/// ```
/// let e = "2021-02-30".parse::<graph_runtime::Date>().unwrap_err();
/// assert_eq!((e.kind, e.to_string().as_str()), ("Date", "`2021-02-30` is not a valid Date"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    /// The support type that rejected the value.
    pub kind: &'static str,
    /// The rejected text.
    pub value: String,
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.value, self.kind)
    }
}

impl std::error::Error for InvalidValue {}

fn is_date_time(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");
const TIME: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[hour]:[minute]:[second][optional [.[subsecond]]]");
const TIME_SHORT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[hour]:[minute]");

fn is_date(s: &str) -> bool {
    time::Date::parse(s, DATE).is_ok()
}

fn is_time_of_day(s: &str) -> bool {
    time::Time::parse(s, TIME).is_ok() || time::Time::parse(s, TIME_SHORT).is_ok()
}

fn is_guid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok()
}

fn is_duration(s: &str) -> bool {
    iso8601::duration(s.strip_prefix('-').unwrap_or(s)).is_ok()
}

string_wrapper!(
    /// `Edm.DateTimeOffset`: an RFC 3339 timestamp, kept as written (Graph's 7-digit fractions
    /// round-trip unchanged); [`DateTimeOffset::to_time`] parses it.
    ///
    /// ```
    /// let t: graph_runtime::DateTimeOffset = serde_json::from_str(r#""2021-07-16T08:09:10.1234567Z""#).unwrap();
    /// assert_eq!(serde_json::to_string(&t).unwrap(), r#""2021-07-16T08:09:10.1234567Z""#);
    /// ```
    DateTimeOffset,
    is_date_time
);
string_wrapper!(
    /// `Edm.Date`: a calendar date `YYYY-MM-DD`, kept as written.
    ///
    /// ```
    /// assert!("2021-02-30".parse::<graph_runtime::Date>().is_err());
    /// ```
    Date,
    is_date
);
string_wrapper!(
    /// `Edm.TimeOfDay`: `hh:mm:ss` with optional fraction, kept as written.
    ///
    /// ```
    /// assert!("23:59:59.9999999".parse::<graph_runtime::TimeOfDay>().is_ok());
    /// ```
    TimeOfDay,
    is_time_of_day
);
string_wrapper!(
    /// `Edm.Guid`: a UUID, kept as written (letter case included); [`Guid::to_uuid`] parses it.
    ///
    /// ```
    /// let g: graph_runtime::Guid = uuid::Uuid::nil().into();
    /// assert_eq!(g.as_str(), "00000000-0000-0000-0000-000000000000");
    /// ```
    Guid,
    is_guid
);
string_wrapper!(
    /// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`, kept as written.
    ///
    /// ```
    /// assert!("P1DT2H".parse::<graph_runtime::Duration>().is_ok());
    /// ```
    Duration,
    is_duration
);

impl DateTimeOffset {
    /// The timestamp as a [`time::OffsetDateTime`].
    ///
    /// ```
    /// let t: graph_runtime::DateTimeOffset = "2021-07-16T08:09:10.1234567Z".parse().unwrap();
    /// assert_eq!(t.to_time().unwrap().nanosecond(), 123_456_700);
    /// ```
    pub fn to_time(&self) -> Result<time::OffsetDateTime, time::error::Parse> {
        time::OffsetDateTime::parse(&self.0, &time::format_description::well_known::Rfc3339)
    }
}

impl From<time::OffsetDateTime> for DateTimeOffset {
    fn from(value: time::OffsetDateTime) -> Self {
        let text = value.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        DateTimeOffset(text)
    }
}

impl Date {
    /// The date as a [`time::Date`].
    ///
    /// ```
    /// let d: graph_runtime::Date = "2024-02-29".parse().unwrap();
    /// assert_eq!(d.to_date().unwrap().day(), 29);
    /// ```
    pub fn to_date(&self) -> Result<time::Date, time::error::Parse> {
        time::Date::parse(&self.0, DATE)
    }
}

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Date(value.format(DATE).unwrap_or_default())
    }
}

impl TimeOfDay {
    /// The time as a [`time::Time`].
    ///
    /// ```
    /// let t: graph_runtime::TimeOfDay = "08:30".parse().unwrap();
    /// assert_eq!(t.to_time().unwrap().minute(), 30);
    /// ```
    pub fn to_time(&self) -> Result<time::Time, time::error::Parse> {
        time::Time::parse(&self.0, TIME).or_else(|_| time::Time::parse(&self.0, TIME_SHORT))
    }
}

impl Guid {
    /// The value as a [`uuid::Uuid`].
    ///
    /// ```
    /// let g: graph_runtime::Guid = "0118A350-71FC-4EC3-8F0C-6A1CB8867561".parse().unwrap();
    /// assert_eq!(g.to_uuid().unwrap().to_string(), "0118a350-71fc-4ec3-8f0c-6a1cb8867561");
    /// ```
    pub fn to_uuid(&self) -> Result<uuid::Uuid, uuid::Error> {
        uuid::Uuid::parse_str(&self.0)
    }
}

impl From<uuid::Uuid> for Guid {
    fn from(value: uuid::Uuid) -> Self {
        Guid(value.hyphenated().to_string())
    }
}

impl Duration {
    /// The duration as a [`std::time::Duration`]; years and months count as 365 and 30 days.
    /// `None` for a negative duration.
    ///
    /// ```
    /// let d: graph_runtime::Duration = "PT1H30M".parse().unwrap();
    /// assert_eq!(d.to_std(), Some(std::time::Duration::from_secs(5400)));
    /// ```
    pub fn to_std(&self) -> Option<std::time::Duration> {
        if self.0.starts_with('-') {
            return None;
        }
        iso8601::duration(&self.0).ok().map(std::time::Duration::from)
    }
}

/// `Edm.Binary`: bytes, written as standard base64 in JSON.
///
/// ```
/// let b: graph_runtime::Binary = serde_json::from_str(r#""aGk=""#).unwrap();
/// assert_eq!(b.0, b"hi");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Binary(pub Vec<u8>);

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use base64::Engine as _;
        let s = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD.decode(s.as_bytes()).map(Binary).map_err(D::Error::custom)
    }
}

/// `Edm.Stream`: the content or link of a stream property, as sent.
///
/// ```
/// let s: graph_runtime::Stream = serde_json::from_str(r#""https://x/content""#).unwrap();
/// assert_eq!(s.0, "https://x/content");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stream(pub String);

/// `Edm.Decimal`: a JSON number, kept as parsed.
///
/// ```
/// let d: graph_runtime::Decimal = serde_json::from_str("12.5").unwrap();
/// assert_eq!(d.0.as_f64(), Some(12.5));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Decimal(pub serde_json::Number);

macro_rules! float_wrapper {
    ($(#[$doc:meta])* $name:ident, $t:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
        pub struct $name(pub $t);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if self.0.is_nan() {
                    serializer.serialize_str("NaN")
                } else if self.0.is_infinite() {
                    serializer.serialize_str(if self.0 > 0.0 { "INF" } else { "-INF" })
                } else {
                    self.0.serialize(serializer)
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                match serde_json::Value::deserialize(deserializer)? {
                    serde_json::Value::Number(n) => match n.as_f64() {
                        Some(v) => Ok($name(v as $t)),
                        None => Err(D::Error::custom("number out of range")),
                    },
                    serde_json::Value::String(s) => match s.as_str() {
                        "NaN" => Ok($name(<$t>::NAN)),
                        "INF" => Ok($name(<$t>::INFINITY)),
                        "-INF" => Ok($name(<$t>::NEG_INFINITY)),
                        other => other.parse::<$t>().map($name).map_err(D::Error::custom),
                    },
                    other => Err(D::Error::custom(format!("expected a number, got {other}"))),
                }
            }
        }
    };
}

float_wrapper!(
    /// `Edm.Double`: a number, or the strings `NaN`, `INF` and `-INF`.
    ///
    /// ```
    /// let d: graph_runtime::Double = serde_json::from_str(r#""INF""#).unwrap();
    /// assert_eq!(serde_json::to_string(&d).unwrap(), r#""INF""#);
    /// ```
    Double,
    f64
);
float_wrapper!(
    /// `Edm.Single`: a number, or the strings `NaN`, `INF` and `-INF`.
    ///
    /// ```
    /// let s: graph_runtime::Single = serde_json::from_str("2.5").unwrap();
    /// assert_eq!(s.0, 2.5);
    /// ```
    Single,
    f32
);

#[cfg(test)]
#[path = "primitives_tests.rs"]
mod tests;
