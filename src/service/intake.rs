//! Handling one inbound message end to end, with the draft update, dedupe record and any new
//! case committed in one transaction *before* the reply is returned.

use std::sync::Arc;

use super::limits::Verdict;
use super::{App, filing, unix_now};
use crate::channels::Inbound;
use crate::crypto::{SealedDraft, SenderId};
use crate::domain::Lang;
use crate::i18n::ids;
use crate::intake::{self, Command, Context, Draft, Effect, Input, Reply, clean_text};
use crate::store::{DraftWrite, FileRows, StepCommit, StoreError};

/// How long a provider message id is remembered. Twilio and Telegram stop retrying within
/// minutes to hours; two days covers both with room.
const DEDUPE_SECONDS: i64 = 48 * 3600;
/// Attempts when another message from the same sender changed the draft meanwhile. Each retry
/// waits a little longer, with jitter, so a burst of messages from one phone spreads out.
const ATTEMPTS: u32 = 16;

/// What to answer.
pub enum Handled {
    /// The provider retried a message already handled: answer 200 and say nothing.
    Duplicate,
    /// A rate-limited sender already told so: answer 200 and say nothing.
    Silent,
    Replied {
        lang: Lang,
        replies: Vec<Reply>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("storage failed")]
    Store(#[from] StoreError),
    #[error("sealing the case failed")]
    Seal,
    #[error("the draft kept changing under concurrent messages")]
    Contended,
}

pub async fn handle(app: &Arc<App>, msg: Inbound) -> Result<Handled, ServiceError> {
    let pseudonym = app.keys.pseudonym(&msg.sender);
    let channel = msg.sender.channel();
    let verdict = if msg.rate_checked {
        Verdict::Allow
    } else {
        app.limits
            .check(&pseudonym, || app.keys.volunteer_key(&pseudonym))
    };
    match verdict {
        Verdict::Allow => {}
        Verdict::Silence => return Ok(Handled::Silent),
        Verdict::Notify => {
            // No database work for a limited sender: the language is guessed from the text.
            let lang = msg
                .text
                .as_deref()
                .and_then(|t| crate::i18n::detect(t, app.catalog.languages()))
                .unwrap_or_else(Lang::spanish);
            return Ok(Handled::Replied {
                lang,
                replies: vec![Reply::msg(ids::RATE_LIMITED)],
            });
        }
    }
    let dedupe = msg
        .provider_id
        .as_deref()
        .map(|id| super::dedupe_key(app, channel, id));
    // The first attempt asks "handled already?" and loads the draft in one query.
    let now = unix_now();
    let Some(mut first) = app
        .store
        .load_unseen(&pseudonym, dedupe.as_ref(), now)
        .await?
    else {
        return Ok(Handled::Duplicate);
    };
    let input = match (msg.attachment.clone(), msg.text.as_deref()) {
        (Some(note), caption) => Input::Attachment {
            note,
            caption: caption.map(clean_text),
        },
        (None, Some(text)) => intake::classify(&clean_text(text)),
        (None, None) => Input::Unreadable,
    };
    // Done at most once, even if the draft commit below is retried.
    let mut withdrawn: Option<Reply> = None;
    let mut enrolled: Option<Reply> = None;
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            use rand::Rng;
            let ms = rand::thread_rng().gen_range(1..=2 + 4 * u64::from(attempt));
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        }
        let (now, stored) = match attempt {
            0 => (now, first.take()),
            _ => {
                let now = unix_now();
                (now, app.store.load_draft(&pseudonym, now).await?)
            }
        };
        let expected_version = stored.as_ref().map(|s| s.version);
        // An expired draft is opened too, only to learn which files it named: they go now.
        let (previous, expired) = match stored {
            Some(s) => (open_draft(app, &msg.sender, &s.sealed), s.expired),
            None => (None, false),
        };
        let old_files: Vec<String> = previous
            .iter()
            .flat_map(|d| d.attachments.iter().map(|a| a.id.clone()))
            .collect();
        let current = previous.filter(|_| !expired);
        // Only `NUEVA` and assisted drafts need to know whether the sender volunteers.
        let asks_shelter = matches!(
            input,
            Input::Command {
                command: Command::NewAssisted(_),
                ..
            }
        ) || current.as_ref().is_some_and(|d| d.assist.is_some());
        let volunteer = if asks_shelter {
            super::shelter::volunteer_shelter(app, &pseudonym).await?
        } else {
            None
        };
        let ctx = Context {
            languages: app.catalog.languages(),
            greeting_only: app.catalog.greeting_only(),
            routing: &app.routing,
            hint: msg.lang_hint.as_ref(),
            volunteer: volunteer.as_ref(),
        };
        let outcome = intake::step(current, input.clone(), &ctx);
        // The files that left the draft, and only those: the others are not touched.
        let files = match &outcome.draft {
            None if !old_files.is_empty() => FileRows::DropAll,
            None => FileRows::Untouched,
            Some(d) => {
                let gone: Vec<Vec<u8>> = old_files
                    .iter()
                    .filter(|id| !d.attachments.iter().any(|a| &a.id == *id))
                    .filter_map(|id| super::attachments::unhex(id))
                    .collect();
                if gone.is_empty() {
                    FileRows::Untouched
                } else {
                    FileRows::Drop(gone)
                }
            }
        };
        let draft = match &outcome.draft {
            Some(d) => DraftWrite::Keep {
                sealed: seal_draft(app, &msg.sender, d),
                expires_at: now + ttl_seconds(app),
            },
            None => DraftWrite::Erase,
        };
        // A withdrawal happens before the message is recorded as handled: if it fails, the
        // provider's retry is not mistaken for a duplicate and the withdrawal is tried again.
        if let (Effect::Withdraw(receipt), None) = (&outcome.effect, &withdrawn) {
            withdrawn = Some(filing::withdraw(app, receipt.as_ref()).await?);
        }
        // Likewise an enrolment: the code is spent once, whatever happens to the commit.
        if let (Effect::Enrol(code), None) = (&outcome.effect, &enrolled) {
            enrolled = Some(super::shelter::enrol(app, &pseudonym, code).await?);
        }
        let (case, receipt) = match &outcome.effect {
            Effect::Submit(submission) => {
                let files = super::attachments::FileSource::Draft {
                    sender: &msg.sender,
                    pseudonym: &pseudonym,
                };
                let filed = filing::prepare(app, channel, (**submission).clone(), files).await?;
                (Some(filed.case), Some(filed.receipt))
            }
            _ => (None, None),
        };
        let commit = StepCommit {
            dedupe: dedupe.as_ref().map(|k| (k, dedupe_expiry(now))),
            pseudonym: &pseudonym,
            expected_version,
            draft,
            case,
            files,
        };
        match app.store.commit_step(commit).await {
            Ok(()) => {}
            Err(StoreError::Conflict) => {
                // Another message from the same sender won the race: step aside for a short,
                // random while so that a burst of messages does not collide again in lockstep.
                let jitter = rand::Rng::gen_range(&mut rand::thread_rng(), 5..40u64);
                tokio::time::sleep(std::time::Duration::from_millis(jitter)).await;
                continue;
            }
            Err(StoreError::Duplicate) => return Ok(Handled::Duplicate),
            Err(e) => return Err(e.into()),
        }
        // Committed: only now may the reporter be given a receipt.
        let mut replies = outcome.replies;
        replies.extend(withdrawn.clone());
        replies.extend(enrolled.clone());
        let mut lang = outcome.lang;
        if let (Some(receipt), Effect::Submit(s)) = (receipt, &outcome.effect) {
            replies.extend(filing::receipt_replies(app, s, &receipt, &lang));
        }
        if let Effect::Status(receipt) = &outcome.effect {
            let (reply, case_lang) = super::filing::status(app, receipt.as_ref()).await?;
            replies.push(reply);
            if let Some(l) = case_lang.filter(|l| app.catalog.supports(l)) {
                lang = l;
            }
        }
        return Ok(Handled::Replied { lang, replies });
    }
    Err(ServiceError::Contended)
}

/// When a dedupe key may go: 48 hours on, rounded up to a day boundary, so the row written in
/// the same transaction as a new case carries no time finer than a day (invariant 2).
fn dedupe_expiry(now: i64) -> i64 {
    ((now + DEDUPE_SECONDS) / 86_400 + 1) * 86_400
}

fn ttl_seconds(app: &App) -> i64 {
    i64::try_from(app.settings.draft_ttl_minutes.saturating_mul(60)).unwrap_or(i64::MAX / 4)
}

fn seal_draft(app: &App, sender: &SenderId, draft: &Draft) -> SealedDraft {
    super::drafts::seal(app, sender, draft)
}

fn open_draft(app: &App, sender: &SenderId, sealed: &SealedDraft) -> Option<Draft> {
    let draft = super::drafts::open(app, sender, sealed);
    if draft.is_none() {
        // A draft sealed under another server secret, or from an incompatible version: it is
        // replaced by a fresh conversation. Nothing about the sender is logged.
        tracing::warn!("a stored draft could not be opened and was replaced");
    }
    draft
}
