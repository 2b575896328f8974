//! What names an org's API token without being it: a random short id (to list and revoke by),
//! a scope (what the token may do), and an operator's label. None of these says anything about
//! a case: the id is random, and the label is whatever the operator typed when issuing it.

use std::fmt;

use super::ParseError;

/// A token's public id: 16 lowercase hex digits, random when the token is issued (never derived
/// from the token, nor from anything about a case).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenId(String);

impl TokenId {
    pub const LEN: usize = 16;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let ok = s.len() == Self::LEN && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(ParseError("a token id is 16 lowercase hex digits"))
        }
    }

    /// A fresh random id.
    pub fn random(bytes: [u8; Self::LEN / 2]) -> Self {
        Self(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TokenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenScope {
    /// The whole recipient API: list cases, download envelopes, acknowledge (which starts
    /// retention), and a shelter's follow-up. Every token issued before scopes existed.
    Inbox,
    /// The shelters' web form only: log in, file, and the follow-up of the shelter's filed
    /// cases (`GET /api/v1/assisted`). No case list, no envelope, no acknowledgement.
    ShelterForm,
}

impl TokenScope {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "inbox" => Ok(Self::Inbox),
            "shelter-form" => Ok(Self::ShelterForm),
            _ => Err(ParseError("a token scope is inbox or shelter-form")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inbox => "inbox",
            Self::ShelterForm => "shelter-form",
        }
    }
}

impl fmt::Display for TokenScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An operator's note on a token ("laptop at the front desk"): 1-64 characters of plain text,
/// printed as typed in `buzon org tokens`, so no control character, no invisible formatting
/// character (bidirectional overrides, zero-width marks) that could disguise what a terminal
/// shows. Surrounding spaces are trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenLabel(String);

impl TokenLabel {
    pub const MAX_CHARS: usize = 64;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let count = s.chars().count();
        if count == 0 || count > Self::MAX_CHARS {
            return Err(ParseError("a token label is 1-64 characters"));
        }
        if s.chars().any(|c| c.is_control() || invisible(c)) {
            return Err(ParseError(
                "a token label is plain text: no control or invisible formatting characters",
            ));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TokenLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Format characters (Unicode category Cf) that change how text around them is shown, and the
/// separators that break a line: a label with one could look like something else.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sixteen_lowercase_hex_digits() {
        assert!(TokenId::parse("0123456789abcdef").is_ok());
        for bad in [
            "",
            "0123456789ABCDEF",
            "0123456789abcde",
            "0123456789abcdefa",
            "g123456789abcdef",
        ] {
            assert!(TokenId::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(TokenId::random([0xab; 8]).as_str(), "abababababababab");
    }

    #[test]
    fn scopes_round_trip() {
        for s in [TokenScope::Inbox, TokenScope::ShelterForm] {
            assert_eq!(TokenScope::parse(s.as_str()), Ok(s));
        }
        assert!(TokenScope::parse("admin").is_err());
    }

    #[test]
    fn labels_are_bounded_plain_text() {
        assert_eq!(
            TokenLabel::parse("  Portátil de recepción ").map(|l| l.0),
            Ok("Portátil de recepción".to_owned())
        );
        assert!(TokenLabel::parse(&"é".repeat(64)).is_ok());
        for bad in [
            String::new(),
            "   ".to_owned(),
            "é".repeat(65),
            "a\u{1b}[31mred".to_owned(),
            "line\nbreak".to_owned(),
            "tab\there".to_owned(),
            "abc\u{202e}fed".to_owned(),
            "zero\u{200b}width".to_owned(),
            "del\u{7f}".to_owned(),
            "c1\u{9b}31m".to_owned(),
        ] {
            assert!(TokenLabel::parse(&bad).is_err(), "{bad:?}");
        }
    }
}
