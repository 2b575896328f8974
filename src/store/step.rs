//! One handled message's writes as they wait for the database: the dedupe key, the draft
//! change and the new case, committed together or not at all. [`Step::writes`] lists them in
//! the order they run, each with what its row count means; the group committer (SQLite) and
//! [`super::write::run_all`] (PostgreSQL) run that one list.

use super::cases::NewCase;
use super::drafts::{DraftWrite, FileRows, StepCommit};
use super::write::{Expect, Planned, Write};
use crate::crypto::{DedupeKey, Pseudonym};

/// A [`StepCommit`] that owns its data, so it can wait in the group committer's queue; or
/// one of the two other ways a message is recorded (a dedupe key alone, a web-form filing).
pub(super) struct Step {
    /// The provider message id and when its record may go.
    dedupe: Option<(DedupeKey, i64)>,
    draft: Option<DraftChange>,
    case: Option<NewCase>,
}

/// What a step does to its sender's draft and draft files.
struct DraftChange {
    pseudonym: Pseudonym,
    /// The version loaded, `None` if there was no row.
    expected_version: Option<i64>,
    write: DraftWrite,
    files: FileRows,
}

impl From<StepCommit<'_>> for Step {
    fn from(c: StepCommit<'_>) -> Self {
        Self {
            dedupe: c.dedupe.map(|(k, e)| (k.clone(), e)),
            draft: Some(DraftChange {
                pseudonym: c.pseudonym.clone(),
                expected_version: c.expected_version,
                write: c.draft,
                files: c.files,
            }),
            case: c.case,
        }
    }
}

impl Step {
    /// Records a provider message id alone (an update Buzón cannot use).
    pub(super) fn remember(key: &DedupeKey, expires_at: i64) -> Self {
        Self {
            dedupe: Some((key.clone(), expires_at)),
            draft: None,
            case: None,
        }
    }

    /// Files a case once per dedupe key, with no draft (the shelters' web form).
    pub(super) fn filing(key: &DedupeKey, expires_at: i64, case: NewCase) -> Self {
        Self {
            case: Some(case),
            ..Self::remember(key, expires_at)
        }
    }

    /// Whether the step files a case (the group committer then empties the WAL soon after).
    pub(super) fn files_case(&self) -> bool {
        self.case.is_some()
    }

    /// The dedupe key this step records, if any.
    pub(super) fn dedupe_key(&self) -> Option<&DedupeKey> {
        self.dedupe.as_ref().map(|(k, _)| k)
    }

    /// The step's writes in order: the dedupe insert first (a duplicate then writes nothing),
    /// the draft write under its version check (a conflict writes nothing after it), the
    /// draft files that go, then the new case's rows.
    pub(super) fn writes(&self) -> Vec<Planned<'_>> {
        let mut out = Vec::new();
        if let Some((key, expires_at)) = &self.dedupe {
            let expires_at = *expires_at;
            out.push((Write::Seen { key, expires_at }, Expect::Fresh));
        }
        if let Some(d) = &self.draft {
            let pseudonym = &d.pseudonym;
            let draft = match (&d.write, d.expected_version) {
                (DraftWrite::Keep { sealed, expires_at }, Some(from)) => Some(Write::DraftUpdate {
                    pseudonym,
                    from,
                    sealed,
                    expires_at: *expires_at,
                }),
                (DraftWrite::Keep { sealed, expires_at }, None) => Some(Write::DraftInsert {
                    pseudonym,
                    sealed,
                    expires_at: *expires_at,
                }),
                (DraftWrite::Erase, Some(version)) => {
                    Some(Write::DraftDelete { pseudonym, version })
                }
                (DraftWrite::Erase, None) => None,
            };
            out.extend(draft.map(|w| (w, Expect::Current)));
            match &d.files {
                FileRows::Untouched => {}
                FileRows::Drop(ids) => out.extend(
                    ids.iter()
                        .map(|id| (Write::DraftFileDelete { pseudonym, id }, Expect::Any)),
                ),
                FileRows::DropAll => {
                    out.push((Write::DraftFilesDelete { pseudonym }, Expect::Any));
                }
            }
        }
        if let Some(case) = &self.case {
            out.extend(case.writes().into_iter().map(|w| (w, Expect::Any)));
        }
        out
    }
}
