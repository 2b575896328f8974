//! The stable code lists of a complaint: violation, perpetrator and when it happened.
//!
//! Codes are never renumbered, only retired: analysts count cases by them across years.
//! Labels live in `locales/` under `violation-N`, `perpetrator-N` and `when-N`.

use serde::{Deserialize, Serialize};

use super::ParseError;

macro_rules! code_list {
    ($(#[$doc:meta])* $name:ident, $range:expr, $prefix:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "u8", into = "u8")]
        pub struct $name(u8);

        impl $name {
            /// Every code in menu order.
            pub fn all() -> impl Iterator<Item = Self> {
                $range.map(Self)
            }

            pub fn code(self) -> u8 {
                self.0
            }

            /// The Fluent message id of this code's label.
            pub fn label_id(self) -> String {
                format!("{}-{}", $prefix, self.0)
            }
        }

        impl TryFrom<u8> for $name {
            type Error = ParseError;
            fn try_from(n: u8) -> Result<Self, ParseError> {
                if $range.contains(&n) {
                    Ok(Self(n))
                } else {
                    Err(ParseError($what))
                }
            }
        }

        impl From<$name> for u8 {
            fn from(c: $name) -> u8 {
                c.0
            }
        }
    };
}

code_list!(
    /// What kind of abuse: 1 robbery … 15 other abuse of authority.
    Violation,
    1u8..=15,
    "violation",
    "a violation code is 1 to 15"
);
code_list!(
    /// Who did it: 1 migration agents (INM) … 9 individuals, 0 don't know.
    Perpetrator,
    0u8..=9,
    "perpetrator",
    "a perpetrator code is 0 to 9"
);
code_list!(
    /// When it happened, coarsely: 1 today or yesterday, 2 this week, 3 this month, 4 earlier.
    When,
    1u8..=4,
    "when",
    "a when code is 1 to 4"
);

impl Perpetrator {
    /// Migration agents of the INM: the authority complaints are most often about.
    pub const MIGRATION_AGENTS: Perpetrator = Perpetrator(1);
    /// "Don't know", offered as 0 in the menu.
    pub const UNKNOWN: Perpetrator = Perpetrator(0);

    /// Menu order: 1..=9 first, then 0 (don't know) last, as it is typed.
    pub fn menu() -> impl Iterator<Item = Self> {
        (1u8..=9).chain(std::iter::once(0)).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_at_the_edge() {
        assert!(Violation::try_from(0).is_err());
        assert!(Violation::try_from(16).is_err());
        assert_eq!(Violation::all().count(), 15);
        assert_eq!(Perpetrator::menu().count(), 10);
        assert_eq!(Perpetrator::menu().last(), Some(Perpetrator::UNKNOWN));
        assert!(When::try_from(5).is_err());
        assert_eq!(
            Violation::try_from(2).map(Violation::label_id),
            Ok("violation-2".into())
        );
    }

    #[test]
    fn codes_refuse_out_of_range_json() {
        assert!(serde_json::from_str::<Violation>("99").is_err());
        assert_eq!(
            serde_json::from_str::<When>("3").map(When::code).ok(),
            Some(3)
        );
    }
}
