//! Parsing and checking the routing file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

use serde::Deserialize;

use super::{Org, Routing, Rule};
use crate::domain::{MxState, OrgId, OrgKind, Perpetrator, Violation, names_migration_authority};

/// One line: the file, the entry and the reason.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {entry}: {reason}")]
pub struct RoutingError {
    pub file: String,
    pub entry: String,
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    org: Vec<RawOrg>,
    #[serde(default)]
    rule: Vec<RawRule>,
    fallback: Option<RawFallback>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrg {
    id: String,
    name: String,
    kind: String,
    #[serde(default)]
    recipients: Vec<String>,
    retain_days_after_ack: Option<u32>,
    #[serde(default)]
    intermediary: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    violation: Option<Vec<u8>>,
    perpetrator: Option<Vec<u8>>,
    state: Option<Vec<String>>,
    to: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFallback {
    to: Vec<String>,
}

impl Routing {
    pub fn load(path: &Path) -> Result<Self, RoutingError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RoutingError {
            file: file.clone(),
            entry: "file".into(),
            reason: format!("cannot be read: {e}"),
        })?;
        Self::parse(&text, &file)
    }

    /// Parses routing TOML; `file` names the source in errors.
    pub fn parse(text: &str, file: &str) -> Result<Self, RoutingError> {
        let err = |entry: String, reason: String| RoutingError {
            file: file.to_owned(),
            entry,
            reason,
        };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| err("file".into(), e.message().replace('\n', " ")))?;

        let mut orgs = BTreeMap::new();
        for (i, o) in raw.org.iter().enumerate() {
            let entry = format!("org {} ({:?})", i + 1, o.id);
            let org = parse_org(o).map_err(|reason| err(entry.clone(), reason))?;
            if orgs.insert(org.id.clone(), org).is_some() {
                return Err(err(entry, "this org id is used twice".into()));
            }
        }

        let known = |ids: &[String], entry: &str| -> Result<Vec<OrgId>, RoutingError> {
            if ids.is_empty() {
                return Err(err(entry.into(), "`to` names no org".into()));
            }
            ids.iter()
                .map(|id| {
                    OrgId::parse(id)
                        .ok()
                        .filter(|id| orgs.contains_key(id))
                        .ok_or_else(|| err(entry.into(), format!("unknown org {id:?}")))
                })
                .collect()
        };

        let mut rules = Vec::new();
        for (i, r) in raw.rule.iter().enumerate() {
            let entry = format!("rule {}", i + 1);
            let to = known(&r.to, &entry)?;
            let violation =
                codes(&r.violation, Violation::try_from).map_err(|e| err(entry.clone(), e))?;
            let perpetrator =
                codes(&r.perpetrator, Perpetrator::try_from).map_err(|e| err(entry.clone(), e))?;
            let state = match &r.state {
                None => None,
                Some(list) => Some(
                    list.iter()
                        .map(|s| match s.as_str() {
                            "unknown" => Ok("unknown".to_owned()),
                            code => MxState::parse_code(code)
                                .map(|s| s.code().to_owned())
                                .map_err(|_| {
                                    err(entry.clone(), format!("unknown state code {code:?}"))
                                }),
                        })
                        .collect::<Result<BTreeSet<_>, _>>()?,
                ),
            };
            rules.push(Rule {
                violation,
                perpetrator,
                state,
                to,
            });
        }

        let Some(fallback) = raw.fallback else {
            return Err(err(
                "fallback".into(),
                "missing: add [fallback] to = [...] for cases no rule matches".into(),
            ));
        };
        let fallback = known(&fallback.to, "fallback")?;
        Ok(Routing {
            orgs,
            rules,
            fallback,
        })
    }
}

fn parse_org(o: &RawOrg) -> Result<Org, String> {
    let id = OrgId::parse(&o.id).map_err(|e| format!("id: {e}"))?;
    let kind = OrgKind::parse(&o.kind).map_err(|e| format!("kind {:?}: {e}", o.kind))?;
    if names_migration_authority(&o.id, kind) || names_migration_authority(&o.name, kind) {
        return Err(
            "names a migration authority, which can never receive complaints \
             (Ley de Migracion art. 93)"
                .into(),
        );
    }
    if o.name.trim().is_empty() {
        return Err("name is empty".into());
    }
    if o.intermediary && kind != OrgKind::CivilSociety {
        return Err(
            "only a civil_society org (a shelter) can be an intermediary that files for people"
                .into(),
        );
    }
    if o.recipients.is_empty() {
        return Err("has no recipients: add the age public key (age1...) of each member".into());
    }
    let recipients = o
        .recipients
        .iter()
        .enumerate()
        .map(|(i, r)| {
            age::x25519::Recipient::from_str(r.trim()).map_err(|_| {
                format!(
                    "recipient {} is not a valid age X25519 recipient (age1...)",
                    i + 1
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Org {
        retain_days_after_ack: o.retain_days_after_ack,
        intermediary: o.intermediary,
        id,
        name: o.name.trim().to_owned(),
        kind,
        recipients,
    })
}

fn codes<T: Ord>(
    list: &Option<Vec<u8>>,
    parse: impl Fn(u8) -> Result<T, crate::domain::ParseError>,
) -> Result<Option<BTreeSet<T>>, String> {
    match list {
        None => Ok(None),
        Some(l) => l
            .iter()
            .map(|n| parse(*n).map_err(|e| e.to_string()))
            .collect::<Result<BTreeSet<T>, String>>()
            .map(Some),
    }
}
