//! Receiving bodies: their ids and kinds, and the rule that no migration authority is one.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ParseError;
use super::authority::names_migration_authority;

/// An org id from the routing file: lowercase ASCII letters, digits and `-`, 1–64 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgId(String);

impl OrgId {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let ok = (1..=64).contains(&s.len())
            && s.bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
            && !s.starts_with('-');
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(ParseError(
                "an org id is 1-64 lowercase letters, digits and '-'",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OrgId {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<OrgId> for String {
    fn from(o: OrgId) -> String {
        o.0
    }
}

impl fmt::Display for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of body an org is. There is deliberately no variant for a migration authority:
/// the INM is not competent to receive complaints (Ley de Migración, art. 93), and a routing
/// file that names one is refused when it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    HumanRightsCommission,
    InternalOversight,
    Prosecutor,
    CivilSociety,
    ChildProtection,
    SearchCommission,
}

impl OrgKind {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Ok(match s {
            "human_rights_commission" => Self::HumanRightsCommission,
            "internal_oversight" => Self::InternalOversight,
            "prosecutor" => Self::Prosecutor,
            "civil_society" => Self::CivilSociety,
            "child_protection" => Self::ChildProtection,
            "search_commission" => Self::SearchCommission,
            k if names_migration_authority(k, Self::CivilSociety) => {
                return Err(ParseError(
                    "a migration authority can never receive complaints (Ley de Migracion art. 93)",
                ));
            }
            _ => {
                return Err(ParseError(
                    "kind is one of human_rights_commission, internal_oversight, prosecutor, \
                     civil_society, child_protection, search_commission",
                ));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_ids_are_strict() {
        assert!(OrgId::parse("oic-inm").is_ok());
        assert!(OrgId::parse("OIC").is_err());
        assert!(OrgId::parse("").is_err());
        assert!(OrgId::parse("a b").is_err());
        assert!(OrgId::parse("-x").is_err());
    }

    #[test]
    fn migration_authorities_are_not_a_kind() {
        assert!(OrgKind::parse("migration_authority").is_err());
        assert!(OrgKind::parse("police").is_err());
        assert_eq!(OrgKind::parse("prosecutor"), Ok(OrgKind::Prosecutor));
    }
}
