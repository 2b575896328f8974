//! Handling one inbound message end to end, with the draft update, dedupe record and any new
//! case committed in one transaction *before* the reply is returned.

use std::sync::Arc;

use super::limits::Verdict;
use super::{App, filing, unix_now};
use crate::channels::Inbound;
use crate::crypto::{SealedDraft, SenderId};
use crate::domain::Lang;
use crate::i18n::ids;
use crate::intake::{self, Command, Context, Draft, Effect, Input, Reply, Submission, clean_text};
use crate::store::{DraftWrite, FileRows, StepCommit, StoreError};

/// How long a provider message id is remembered. Twilio and Telegram stop retrying within
/// minutes to hours; two days covers both with room.
const DEDUPE_SECONDS: i64 = 48 * 3600;
/// Attempts when another message from the same sender changed the draft meanwhile. Each retry
/// waits a little longer, with jitter ([`backoff`]), so a burst of messages from one phone
/// spreads out.
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

/// Handles one message in four phases: **plan** (the pure conversation step on the stored
/// draft), **effects** (withdrawal, enrolment, sealing a case: each done at most once per
/// message), **commit** (draft, dedupe record and case in one transaction) and **answer**
/// (replies that may name a receipt, given only once the case is durable). A commit that loses
/// a race with another message from the same sender is planned again on the newer draft.
pub async fn handle(app: &Arc<App>, msg: Inbound) -> Result<Handled, ServiceError> {
    let pseudonym = app.keys.pseudonym(&msg.sender);
    if let Some(early) = admit(app, &msg, &pseudonym) {
        return Ok(early);
    }
    let dedupe = msg
        .provider_id
        .as_deref()
        .map(|id| super::dedupe_key(app, msg.sender.channel(), id));
    // The first attempt asks "handled already?" and loads the draft in one query.
    let mut now = unix_now();
    let Some(mut stored) = app
        .store
        .load_unseen(&pseudonym, dedupe.as_ref(), now)
        .await?
    else {
        return Ok(Handled::Duplicate);
    };
    let input = read_input(&msg);
    let mut done = Done::default();
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            backoff(attempt).await;
            now = unix_now();
            stored = app.store.load_draft(&pseudonym, now).await?;
        }
        let plan = plan(app, &msg, &pseudonym, stored.take(), &input, now).await?;
        effects(app, &msg, &pseudonym, &plan.outcome.effect, &mut done).await?;
        let commit = StepCommit {
            dedupe: dedupe.as_ref().map(|k| (k, dedupe_expiry(now))),
            pseudonym: &pseudonym,
            expected_version: plan.expected_version,
            draft: plan.draft,
            case: done.case_for(&plan.outcome.effect),
            files: plan.files,
        };
        match app.store.commit_step(commit).await {
            Ok(()) => return answer(app, plan.outcome, done).await,
            // Another message from the same sender changed the draft first: plan again.
            Err(StoreError::Conflict) => continue,
            Err(StoreError::Duplicate) => return Ok(Handled::Duplicate),
            Err(e) => return Err(e.into()),
        }
    }
    Err(ServiceError::Contended)
}

/// The rate limits, before any database work: `Some` answers the message at once.
fn admit(app: &App, msg: &Inbound, pseudonym: &crate::crypto::Pseudonym) -> Option<Handled> {
    if msg.rate_checked {
        return None;
    }
    match app
        .limits
        .check(pseudonym, || app.keys.volunteer_key(pseudonym))
    {
        Verdict::Allow => None,
        Verdict::Silence => Some(Handled::Silent),
        Verdict::Notify => {
            // No database work for a limited sender: the language is guessed from the text.
            let lang = msg
                .text
                .as_deref()
                .and_then(|t| crate::i18n::detect(t, app.catalog.languages()))
                .unwrap_or_else(Lang::spanish);
            Some(Handled::Replied {
                lang,
                replies: vec![Reply::msg(ids::RATE_LIMITED)],
            })
        }
    }
}

fn read_input(msg: &Inbound) -> Input {
    match (msg.attachment.clone(), msg.text.as_deref()) {
        (Some(note), caption) => Input::Attachment {
            note,
            caption: caption.map(clean_text),
        },
        (None, Some(text)) => intake::classify(&clean_text(text)),
        (None, None) => Input::Unreadable,
    }
}

/// Before attempt `attempt` (from 1): a short random pause that grows with each attempt, so
/// a burst of messages from one phone does not collide again in lockstep.
async fn backoff(attempt: u32) {
    use rand::Rng;
    let ms = rand::thread_rng().gen_range(5..=40 + 4 * u64::from(attempt));
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

/// What the conversation decided for this message on one loaded draft, and the writes that
/// record it.
struct Plan {
    outcome: intake::Outcome,
    /// The draft version the step read (`None`: there was no row).
    expected_version: Option<i64>,
    draft: DraftWrite,
    files: FileRows,
}

async fn plan(
    app: &Arc<App>,
    msg: &Inbound,
    pseudonym: &crate::crypto::Pseudonym,
    stored: Option<crate::store::StoredDraft>,
    input: &Input,
    now: i64,
) -> Result<Plan, ServiceError> {
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
        super::shelter::volunteer_shelter(app, pseudonym).await?
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
    let files = leaving_files(&old_files, outcome.draft.as_ref());
    let draft = match &outcome.draft {
        Some(d) => DraftWrite::Keep {
            sealed: seal_draft(app, &msg.sender, d),
            expires_at: now + ttl_seconds(app),
        },
        None => DraftWrite::Erase,
    };
    Ok(Plan {
        outcome,
        expected_version,
        draft,
        files,
    })
}

/// The files that left the draft, and only those: the others are not touched.
fn leaving_files(old: &[String], draft: Option<&Draft>) -> FileRows {
    match draft {
        None if !old.is_empty() => FileRows::DropAll,
        None => FileRows::Untouched,
        Some(d) => {
            let gone: Vec<Vec<u8>> = old
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
    }
}

/// The side effects of a message, each done at most once however often its commit is retried.
#[derive(Default)]
struct Done {
    /// The answer to a withdrawal, done before the message is recorded as handled: if it
    /// fails, the provider's retry is not mistaken for a duplicate and it is tried again.
    withdrawn: Option<Reply>,
    /// The answer to an enrolment: the code is spent once, whatever happens to the commit.
    enrolled: Option<Reply>,
    /// The sealed case and the submission it was sealed from. A retry whose step submits the
    /// same story again reuses it; a different one (the draft changed meanwhile) is sealed anew.
    filed: Option<(Submission, filing::Filed)>,
}

impl Done {
    /// The case to store with this attempt's step: only when the step submits.
    fn case_for(&self, effect: &Effect) -> Option<crate::store::NewCase> {
        match (effect, &self.filed) {
            (Effect::Submit(_), Some((_, filed))) => Some(filed.case.clone()),
            _ => None,
        }
    }
}

async fn effects(
    app: &Arc<App>,
    msg: &Inbound,
    pseudonym: &crate::crypto::Pseudonym,
    effect: &Effect,
    done: &mut Done,
) -> Result<(), ServiceError> {
    match effect {
        Effect::Withdraw(receipt) if done.withdrawn.is_none() => {
            done.withdrawn = Some(filing::withdraw(app, receipt.as_ref()).await?);
        }
        Effect::Enrol(code) if done.enrolled.is_none() => {
            done.enrolled = Some(super::shelter::enrol(app, pseudonym, code).await?);
        }
        Effect::Submit(submission)
            if done.filed.as_ref().is_none_or(|(s, _)| s != &**submission) =>
        {
            let files = super::attachments::FileSource::Draft {
                sender: &msg.sender,
                pseudonym,
            };
            let channel = msg.sender.channel();
            let filed = filing::prepare(app, channel, (**submission).clone(), files).await?;
            done.filed = Some(((**submission).clone(), filed));
        }
        _ => {}
    }
    Ok(())
}

/// The replies, once the step is committed: only now may the reporter be given a receipt.
async fn answer(
    app: &Arc<App>,
    outcome: intake::Outcome,
    done: Done,
) -> Result<Handled, ServiceError> {
    let mut replies = outcome.replies;
    replies.extend(done.withdrawn);
    replies.extend(done.enrolled);
    let mut lang = outcome.lang;
    match &outcome.effect {
        Effect::Submit(s) => {
            if let Some((_, filed)) = &done.filed {
                replies.extend(filing::receipt_replies(app, s, &filed.receipt, &lang));
            }
        }
        Effect::Status(receipt) => {
            let (reply, case_lang) = filing::status(app, receipt.as_ref()).await?;
            replies.push(reply);
            if let Some(l) = case_lang.filter(|l| app.catalog.supports(l)) {
                lang = l;
            }
        }
        _ => {}
    }
    Ok(Handled::Replied { lang, replies })
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

#[cfg(test)]
mod tests;
