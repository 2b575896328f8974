//! Filing a case from the shelters' web form: the use case behind `POST /shelter/file`. The
//! form's id keeps a second submit from filing again; the case is sealed with the same code as
//! the assisted conversation and committed in its own transaction before the receipt is given.

use std::sync::Arc;

use super::attachments::{FileSource, OpenedFile};
use super::{App, filing, unix_now};
use crate::domain::{Channel, Lang, OrgId};
use crate::intake::{Holder, Reply, ReplyKind, Submission};
use crate::store::StoreError;

/// How long a form's id keeps a second submit from filing again.
const FORM_ID_SECONDS: i64 = 48 * 60 * 60;

/// What became of a filing.
pub enum FormFiling {
    /// Committed: the receipt to show, and the language of the person it is for.
    Filed { receipt: Reply, person: Lang },
    /// This form was filed before; nothing more was filed.
    AlreadyFiled,
    /// Storage or sealing failed (logged here); nothing was filed.
    Unavailable,
}

/// Files `submission` for `shelter`, once per `form_id`. `lang` is the volunteer's language.
pub async fn file(
    app: &Arc<App>,
    shelter: &OrgId,
    form_id: &str,
    submission: Submission,
    files: Vec<OpenedFile>,
    lang: &Lang,
) -> FormFiling {
    let key = app
        .keys
        .dedupe_key("web-form", &format!("{}/{form_id}", shelter.as_str()));
    match app.store.seen(&key).await {
        Ok(true) => return FormFiling::AlreadyFiled,
        Ok(false) => {}
        Err(e) => {
            tracing::error!(error = %e, "shelter web form: dedupe lookup failed");
            return FormFiling::Unavailable;
        }
    }
    let kept = submission.clone();
    let filed =
        match filing::prepare(app, Channel::Web, submission, FileSource::Opened(files)).await {
            Ok(f) => f,
            Err(e) => {
                tracing::error!(error = %e, "shelter web form: sealing failed");
                return FormFiling::Unavailable;
            }
        };
    // The store rounds the form id's expiry up to a day boundary: the row is written with the
    // case (invariant 2).
    match app
        .store
        .file_case(&key, unix_now() + FORM_ID_SECONDS, filed.case)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Duplicate) => return FormFiling::AlreadyFiled,
        Err(e) => {
            tracing::error!(error = %e, "shelter web form: filing failed");
            return FormFiling::Unavailable;
        }
    }
    let receipt = filing::receipt_replies(app, &kept, &filed.receipt, lang)
        .into_iter()
        .find(|r| r.kind == ReplyKind::Receipt(Holder::Someone));
    match receipt {
        Some(receipt) => FormFiling::Filed {
            receipt,
            person: filing::person_or(app, &kept, lang),
        },
        None => FormFiling::Unavailable,
    }
}
