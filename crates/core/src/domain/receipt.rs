//! The 16-digit receipt a reporter keeps to check her case.

use std::fmt;

use rand::Rng;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::ParseError;

/// Sixteen decimal digits from the OS CSPRNG (about 53 bits). Stored only as a keyed hash, never
/// logged: there is deliberately no `Debug` or `Serialize`, and the digits are zeroized on drop.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Receipt(String);

impl Receipt {
    pub fn generate() -> Self {
        let mut rng = rand::rngs::OsRng;
        Self(
            (0..16)
                .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
                .collect(),
        )
    }

    /// Accepts the digits as a reporter types them: spaces, dashes and dots between groups
    /// are ignored; exactly 16 digits must remain.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let mut digits = String::with_capacity(16);
        for c in s.chars() {
            // Arabic-Indic, Persian or fullwidth digits are the same digits.
            let c = crate::i18n::ascii_digit(c).unwrap_or(c);
            match c {
                '0'..='9' if digits.len() < 17 => digits.push(c),
                '0'..='9' => return Err(ParseError("a receipt has 16 digits")),
                ' ' | '-' | '.' | '\u{a0}' => {}
                _ => return Err(ParseError("a receipt has 16 digits")),
            }
        }
        if digits.len() == 16 {
            Ok(Self(digits))
        } else {
            Err(ParseError("a receipt has 16 digits"))
        }
    }

    /// The bare digits, for keyed hashing and key derivation.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// Four groups of four digits, the way it is shown to the reporter.
    pub fn grouped(&self) -> String {
        let b = self.0.as_bytes();
        b.chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Debug for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Receipt(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_sixteen_digits_and_parse_as_typed() {
        let r = Receipt::generate();
        assert_eq!(r.digits().len(), 16);
        assert!(r.digits().bytes().all(|b| b.is_ascii_digit()));
        let grouped = r.grouped();
        assert_eq!(grouped.len(), 19);
        assert_eq!(Receipt::parse(&grouped).ok(), Some(r.clone()));
        assert_eq!(
            Receipt::parse("1234-5678-9012-3456")
                .map(|r| r.grouped())
                .ok()
                .as_deref(),
            Some("1234 5678 9012 3456")
        );
        assert!(Receipt::parse("123").is_err());
        assert!(Receipt::parse("12345678901234567").is_err());
        assert!(Receipt::parse("1234abcd90123456").is_err());
        // Typed on an Arabic, Persian or fullwidth keyboard: the same receipt.
        let ascii = Receipt::parse("1234 5678 9012 3456").expect("ascii");
        for typed in [
            "١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦",
            "۱۲۳۴-۵۶۷۸-۹۰۱۲-۳۴۵۶",
            "１２３４５６７８９０１２３４５６",
        ] {
            assert_eq!(Receipt::parse(typed).ok(), Some(ascii.clone()), "{typed}");
        }
    }

    #[test]
    fn debug_never_shows_the_digits() {
        let r = Receipt::parse("1111222233334444").expect("valid");
        assert!(!format!("{r:?}").contains("1111"));
    }
}
