//! Wire forms of the EDM primitives that JSON carries as strings. The checks use the same
//! crates, with the same formats, as the generated crate's `support::primitives`, so an
//! example value passes here exactly when the generated model accepts it.

use base64::Engine;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

const DATE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");
const TIME: &[BorrowedFormatItem<'static>] = format_description!("[hour]:[minute]:[second][optional [.[subsecond]]]");
const TIME_SHORT: &[BorrowedFormatItem<'static>] = format_description!("[hour]:[minute]");

/// For a string value of EDM type `type_name`: `None` when it has the type's wire form
/// (or the type has no string form to check), else the form it should have.
pub fn mismatch(type_name: &str, s: &str) -> Option<&'static str> {
    let ok = match type_name {
        "Edm.DateTimeOffset" => time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok(),
        "Edm.Date" => time::Date::parse(s, DATE).is_ok(),
        "Edm.TimeOfDay" => time::Time::parse(s, TIME).is_ok() || time::Time::parse(s, TIME_SHORT).is_ok(),
        "Edm.Guid" => uuid::Uuid::parse_str(s).is_ok(),
        "Edm.Duration" => iso8601::duration(s.strip_prefix('-').unwrap_or(s)).is_ok(),
        "Edm.Binary" => base64::engine::general_purpose::STANDARD.decode(s.as_bytes()).is_ok(),
        _ => return None,
    };
    (!ok).then(|| expected(type_name))
}

fn expected(type_name: &str) -> &'static str {
    match type_name {
        "Edm.DateTimeOffset" => "an RFC 3339 timestamp with an offset, such as `2021-07-01T08:30:00Z`",
        "Edm.Date" => "a date, such as `2021-07-01`",
        "Edm.TimeOfDay" => "a time of day, such as `08:30:00`",
        "Edm.Guid" => "a GUID, such as `7f1c3d52-9a0e-4b8e-a3c1-2f6d8e9b0a14`",
        "Edm.Duration" => "an ISO 8601 duration, such as `PT1H30M`",
        _ => "base64 text, such as `aGVsbG8=`",
    }
}

#[cfg(test)]
mod tests {
    use super::mismatch;

    #[test]
    fn wire_forms() {
        for (t, good, bad) in [
            ("Edm.DateTimeOffset", "2021-07-01T08:30:00.1234567Z", "2021-07-01T08:30:00"),
            ("Edm.Date", "2021-07-01", "2021-07-01T00:00:00Z"),
            ("Edm.TimeOfDay", "08:30", "8 o'clock"),
            ("Edm.Guid", "7f1c3d52-9a0e-4b8e-a3c1-2f6d8e9b0a14", "guid"),
            ("Edm.Duration", "PT1H30M", "90 minutes"),
            ("Edm.Binary", "aGVsbG8=", "not base64!"),
        ] {
            assert_eq!(mismatch(t, good), None, "{t} {good}");
            assert!(mismatch(t, bad).is_some(), "{t} {bad}");
        }
        assert_eq!(mismatch("Edm.String", "anything"), None);
    }
}
