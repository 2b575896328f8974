//! A language code as used for locale folders (`es`, `en`, `ht`, …).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ParseError;

/// A BCP 47 primary language subtag: 2 or 3 lowercase ASCII letters. Which languages are
/// *supported* is decided by the locale catalogue, not here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Lang(String);

impl Lang {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        if (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase()) {
            Ok(Self(s.to_owned()))
        } else {
            Err(ParseError("a language code is 2 or 3 lowercase letters"))
        }
    }

    /// Spanish: the fallback for any message a locale lacks.
    pub fn spanish() -> Self {
        Self("es".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Lang {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Lang> for String {
    fn from(l: Lang) -> String {
        l.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
