//! Case identity and the coarse facts stored in the clear beside a case: channel kind and day.

use std::fmt;

use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::ParseError;

/// A case's random identifier: 128 bits from the OS CSPRNG, as 32 lowercase hex digits.
/// Random (not sequential) so that ids reveal neither order nor volume.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseId(String);

impl CaseId {
    pub fn random() -> Self {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        if s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(Self(s.to_owned()))
        } else {
            Err(ParseError("a case id is 32 lowercase hexadecimal digits"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CaseId {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CaseId> for String {
    fn from(c: CaseId) -> String {
        c.0
    }
}

impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kind of channel a complaint came through: stored in the clear, it says nothing about who.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Telegram,
    Web,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Telegram => "telegram",
            Channel::Web => "web",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "sms" => Ok(Channel::Sms),
            "telegram" => Ok(Channel::Telegram),
            "web" => Ok(Channel::Web),
            _ => Err(ParseError("channel is one of sms, telegram, web")),
        }
    }
}

/// A calendar day (UTC), the finest time Buzón keeps about a case (invariant 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day(time::Date);

const DAY_FORMAT: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl Day {
    pub fn today() -> Self {
        Self(time::OffsetDateTime::now_utc().date())
    }

    /// The day `days` days before this one (saturating at the calendar's start).
    pub fn minus_days(self, days: u32) -> Self {
        Self(
            self.0
                .checked_sub(time::Duration::days(i64::from(days)))
                .unwrap_or(time::Date::MIN),
        )
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        time::Date::parse(s, DAY_FORMAT)
            .map(Self)
            .map_err(|_| ParseError("a day is written YYYY-MM-DD"))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.format(DAY_FORMAT).map_err(|_| fmt::Error)?;
        f.write_str(&s)
    }
}

impl TryFrom<String> for Day {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Day> for String {
    fn from(d: Day) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_ids_are_random_hex_and_round_trip() {
        let a = CaseId::random();
        let b = CaseId::random();
        assert_ne!(a, b);
        assert_eq!(CaseId::parse(a.as_str()), Ok(a));
        assert!(CaseId::parse("../../etc/passwd").is_err());
        assert!(CaseId::parse(&"A".repeat(32)).is_err());
    }

    #[test]
    fn days_round_trip() {
        let d = Day::parse("2026-11-28").expect("valid day");
        assert_eq!(d.to_string(), "2026-11-28");
        assert!(Day::parse("2026-13-01").is_err());
        assert_eq!(d.minus_days(30).to_string(), "2026-10-29");
    }
}
