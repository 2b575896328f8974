//! The Telegram use case: one update end to end: dedupe, the shared intake
//! (`service::handle`), then the replies through the Bot API; files, the erase offer and
//! `/delete`. The wire format (reading updates, drawing menus and buttons) is
//! `channels::telegram`'s; the HTTP edge is `api::telegram`'s.
//!
//! Order matters. The update's effect (draft, dedupe key, case) is committed by
//! `service::handle` before anything is sent, so a receipt is only ever shown for a durable
//! case. Sending comes after: a first attempt inline (so the webhook answers once the reporter
//! has her reply, in the usual case), and what could not be sent is retried in the background
//! for a bounded time. A Bot API failure never turns into a non-2xx webhook answer, which
//! would only make Telegram redeliver an update that is already handled.

use std::sync::Arc;
use std::time::Duration;

use super::{App, Handled, ServiceError, attachments, unix_now};
use crate::channels::Inbound;
use crate::channels::telegram::send::{BotError, MAX_DOWNLOAD_BYTES, Telegram};
use crate::channels::telegram::{
    self, ChatRef, Erase, FileRef, Incoming, MediaType, Parsed, Rendered, Unusable, What,
};
use crate::crypto::DedupeKey;
use crate::domain::{Channel, Lang};
use crate::i18n::ids;
use crate::intake::{AttachmentNote, Holder, Reply, ReplyKind};
use crate::store::Blobs;

/// The longest a webhook answer waits on 429s before handing a reply to the background.
const INLINE_WAIT: Duration = Duration::from_secs(10);
/// The longest one background attempt waits on a 429.
const BACKGROUND_WAIT: Duration = Duration::from_secs(30);

/// How long an update id is remembered (Telegram gives up redelivering well before).
const DEDUPE_SECONDS: i64 = 48 * 3600;
/// Pauses between background attempts at a reply that could not be sent inline.
const BACKGROUND_WAITS: [Duration; 4] = [
    Duration::from_secs(5),
    Duration::from_secs(30),
    Duration::from_secs(120),
    Duration::from_secs(600),
];

/// Handles one parsed update. `Err` only when storage failed before anything was committed
/// (the webhook then answers 503 and Telegram redelivers later).
pub async fn handle_update(app: &Arc<App>, parsed: Parsed) -> Result<(), ServiceError> {
    let Some(bot) = app.telegram.clone() else {
        return Ok(());
    };
    match parsed {
        Parsed::Ignore {
            update_id,
            why,
            chat,
            lang_hint,
        } => {
            let key = update_key(app, update_id);
            if !app
                .store
                .remember(&key, unix_now() + DEDUPE_SECONDS)
                .await?
            {
                return Ok(());
            }
            let notice = match why {
                Unusable::Edited => Some(ids::TELEGRAM_EDITED),
                Unusable::Unsupported => Some(ids::TELEGRAM_UNSUPPORTED),
                Unusable::NotPrivate | Unusable::Other => None,
            };
            if let (Some(chat), Some(id)) = (chat, notice) {
                let hint = hint_lang(app, lang_hint.as_deref());
                let lang = reply_lang(app, chat, hint).await;
                let sent = deliver(app, &bot, chat, &lang, &[Reply::msg(id)]).await;
                record(app, chat, None, &sent).await;
            }
            Ok(())
        }
        Parsed::Use(incoming) => use_update(app, &bot, incoming).await,
    }
}

async fn use_update(app: &Arc<App>, bot: &Telegram, msg: Incoming) -> Result<(), ServiceError> {
    let hint = hint_lang(app, msg.lang_hint.as_deref());
    let chat = msg.chat;
    let user_msg = msg.message_id;
    let (text, callback) = match msg.what {
        What::Text(t) => (t, None),
        What::Erase {
            callback_id,
            choice,
        } => {
            return erase_button(app, bot, chat, msg.update_id, callback_id, choice).await;
        }
        What::Button {
            callback_id,
            key,
            question,
            menu,
        } => {
            if let Some(q) = question
                && !is_current(app, chat, &q).await
            {
                return stale_button(app, bot, chat, msg.update_id, callback_id, menu).await;
            }
            (key, Some((callback_id, menu)))
        }
        What::Delete => return delete_command(app, bot, chat, msg.update_id, user_msg).await,
        What::File { file, caption } => {
            let key = update_key(app, msg.update_id);
            if app.store.seen(&key).await? {
                return Ok(());
            }
            let hold;
            return match receive_file(app, bot, chat, &file).await? {
                Received::File(note, reservation) => {
                    // The room stays held until the step that adds the file is committed.
                    hold = reservation;
                    let mut inbound = inbound(chat, msg.update_id, caption, hint);
                    inbound.attachment = Some(note);
                    inbound.rate_checked = true;
                    let done = finish(app, bot, chat, inbound, None, user_msg).await;
                    drop(hold);
                    done
                }
                Received::Refused(refusal) => {
                    if app
                        .store
                        .remember(&key, unix_now() + DEDUPE_SECONDS)
                        .await?
                        && let Some(refusal) = refusal
                    {
                        let lang = reply_lang(app, chat, hint).await;
                        let sent = deliver(app, bot, chat, &lang, &[Reply::msg(refusal)]).await;
                        record(app, chat, user_msg, &sent).await;
                    }
                    Ok(())
                }
            };
        }
    };
    let inbound = inbound(chat, msg.update_id, Some(text), hint);
    finish(app, bot, chat, inbound, callback, user_msg).await
}

/// An update's id as the provider's message id: what the intake's dedupe record is keyed by.
fn provider_id(update_id: u32) -> String {
    update_id.to_string()
}

/// The dedupe key of an update, the same whether the intake records it or this module does.
fn update_key(app: &App, update_id: u32) -> DedupeKey {
    super::dedupe_key(app, Channel::Telegram, &provider_id(update_id))
}

fn inbound(chat: ChatRef, update_id: u32, text: Option<String>, hint: Option<Lang>) -> Inbound {
    Inbound {
        sender: chat.sender(),
        provider_id: Some(provider_id(update_id)),
        text,
        lang_hint: hint,
        attachment: None,
        rate_checked: false,
    }
}

/// What became of a file before the intake sees it.
enum Received<'a> {
    /// Downloaded and sealed; the room it takes in the draft is held until its step commits.
    File(AttachmentNote, attachments::Reservation<'a>),
    /// Refused without a download (or after one that failed): the polite refusal to send, or
    /// `None` for a rate-limited sender already told.
    Refused(Option<&'static str>),
}

/// Checks, downloads and seals a file. Every limit is decided first, from what the update
/// declares: the file's size and type, the sender's rate limit, then the draft's caps (files
/// and bytes, counting files of the same chat still on their way). Only then is the file
/// downloaded, reading at most the room left.
async fn receive_file<'a>(
    app: &'a Arc<App>,
    bot: &Telegram,
    chat: ChatRef,
    file: &FileRef,
) -> Result<Received<'a>, ServiceError> {
    use super::limits::Verdict;
    let refuse = |id| Ok(Received::Refused(Some(id)));
    let declared_size = (file.size != u32::MAX).then_some(u64::from(file.size));
    if declared_size.is_some_and(|n| n > u64::from(MAX_DOWNLOAD_BYTES)) {
        return refuse(ids::ATTACHMENT_TOO_LARGE);
    }
    // Refuse what could never be accepted before downloading it.
    let declared = file.mime.as_deref();
    let plausible = match file.kind {
        MediaType::Photo | MediaType::Voice | MediaType::Video => true,
        MediaType::Audio => declared.is_some_and(|m| m.starts_with("audio/")),
        MediaType::Document => declared.is_some_and(|m| {
            m.starts_with("image/")
                || m.starts_with("audio/")
                || m.starts_with("video/")
                || m == "application/pdf"
        }),
    };
    if !plausible {
        return refuse(ids::ATTACHMENT_TYPE);
    }
    // The sender's rate limit, counted here once (the intake is told it was).
    let sender = chat.sender();
    let pseudonym = app.keys.pseudonym(&sender);
    match app
        .limits
        .check(&pseudonym, || app.keys.volunteer_key(&pseudonym))
    {
        Verdict::Allow => {}
        Verdict::Notify => return refuse(ids::RATE_LIMITED),
        Verdict::Silence => return Ok(Received::Refused(None)),
    }
    // The draft's caps, with the files of this chat already on their way.
    let (count, bytes) = current_draft(app, chat).await.map_or((0, 0), |d| {
        (
            d.attachments.len(),
            d.attachments.iter().map(|a| a.bytes).sum(),
        )
    });
    let Some((reservation, most)) = app.uploads.reserve(&pseudonym, count, bytes, declared_size)
    else {
        return refuse(ids::ATTACHMENT_FULL);
    };
    let bytes = match bot.download(&file.file_id, most).await {
        Ok(b) => b,
        Err(BotError::TooLarge) if most < MAX_DOWNLOAD_BYTES => {
            return refuse(ids::ATTACHMENT_FULL);
        }
        Err(BotError::TooLarge) => return refuse(ids::ATTACHMENT_TOO_LARGE),
        Err(e) => {
            tracing::warn!(error = %e, "downloading a Telegram file failed");
            return refuse(ids::ATTACHMENT_FAILED);
        }
    };
    let Some((kind, media_type)) = attachments::accept(file.kind, declared, &bytes) else {
        return refuse(ids::ATTACHMENT_TYPE);
    };
    let note = attachments::store(app, &sender, kind, &media_type, bytes).await?;
    Ok(Received::File(note, reservation))
}

/// The chat's unexpired draft, opened, if it has one (read-only; errors read as "none").
async fn current_draft(app: &App, chat: ChatRef) -> Option<crate::intake::Draft> {
    super::drafts::current(app, &chat.sender()).await
}

/// The language to answer in outside the flow: the draft's, else the hint, else Spanish.
async fn reply_lang(app: &Arc<App>, chat: ChatRef, hint: Option<Lang>) -> Lang {
    current_draft(app, chat)
        .await
        .and_then(|d| d.lang)
        .or(hint)
        .unwrap_or_else(Lang::spanish)
}

async fn finish(
    app: &Arc<App>,
    bot: &Telegram,
    chat: ChatRef,
    inbound: Inbound,
    callback: Option<(String, Option<i32>)>,
    user_msg: Option<i32>,
) -> Result<(), ServiceError> {
    let handled = super::handle(app, inbound).await;
    // The spinner on a pressed button stops whatever happened; a menu answers once.
    if let Some((id, menu)) = callback {
        bot.answer_button(id).await;
        if let (Ok(Handled::Replied { .. }), Some(menu)) = (&handled, menu) {
            bot.close_menu(chat, menu).await;
        }
    }
    match handled? {
        Handled::Duplicate | Handled::Silent => {}
        Handled::Replied { lang, replies } => {
            // The effect is committed. Sending runs as its own task, awaited here: should the
            // webhook request be cut short (a timeout, a dropped connection), the replies still
            // go out, since a redelivered update would now be a duplicate and answer nothing.
            let (app, bot) = (Arc::clone(app), bot.clone());
            // A volunteer filing for someone keeps no receipts on the shelter's phone.
            let for_someone = replies
                .iter()
                .any(|r| r.kind == ReplyKind::Receipt(Holder::Someone));
            let sending = tokio::spawn(async move {
                let mut sent = deliver(&app, &bot, chat, &lang, &replies).await;
                if sent.iter().any(|s| s.receipt) {
                    // The case is filed: offer to erase the conversation from the phone.
                    let offer = erase_offer(&app, &lang, for_someone);
                    if let Ok(id) = bot.send(chat, &offer, INLINE_WAIT).await {
                        sent.push(Sent { id, receipt: false });
                    }
                }
                record(&app, chat, user_msg, &sent).await;
            });
            if sending.await.is_err() {
                tracing::error!("sending Telegram replies stopped unexpectedly");
            }
        }
    }
    Ok(())
}

/// Whether `question` is the one the chat's draft waits on now.
async fn is_current(app: &Arc<App>, chat: ChatRef, question: &str) -> bool {
    let Some(draft) = current_draft(app, chat).await else {
        return false;
    };
    let ctx = crate::intake::Context {
        languages: app.catalog.languages(),
        greeting_only: app.catalog.greeting_only(),
        routing: &app.routing,
        hint: None,
        // The question asked does not depend on it.
        volunteer: None,
    };
    crate::intake::current_question(&draft, &ctx).as_deref() == Some(question)
}

/// A press on a menu that no longer matches the conversation: nothing changes; the menu
/// loses its buttons and the reporter is pointed at the last question.
/// Records a button press as handled and answers it; `false` when Telegram redelivered a
/// press already handled (then nothing more is done).
async fn answer_once(
    app: &Arc<App>,
    bot: &Telegram,
    update_id: u32,
    callback_id: String,
) -> Result<bool, ServiceError> {
    let key = update_key(app, update_id);
    let fresh = app
        .store
        .remember(&key, unix_now() + DEDUPE_SECONDS)
        .await?;
    bot.answer_button(callback_id).await;
    Ok(fresh)
}

async fn stale_button(
    app: &Arc<App>,
    bot: &Telegram,
    chat: ChatRef,
    update_id: u32,
    callback_id: String,
    menu: Option<i32>,
) -> Result<(), ServiceError> {
    if !answer_once(app, bot, update_id, callback_id).await? {
        return Ok(());
    }
    if let Some(menu) = menu {
        bot.close_menu(chat, menu).await;
    }
    let lang = reply_lang(app, chat, None).await;
    let sent = deliver(app, bot, chat, &lang, &[Reply::msg(ids::STALE_MENU)]).await;
    record(app, chat, None, &sent).await;
    Ok(())
}

/// Telegram lets a bot delete messages for 48 hours; the trail is kept a little less.
const TRAIL_SECONDS: i64 = 47 * 3600;

/// The offer to erase the conversation. After a receipt for someone else (a volunteer filing
/// with a person) the only button erases everything: the person has the receipt on paper, and
/// the shelter's phone keeps no list of cases.
fn erase_offer(app: &App, lang: &Lang, for_someone: bool) -> Rendered {
    let choices: &[Erase] = if for_someone {
        &[Erase::All]
    } else {
        &[Erase::KeepReceipts, Erase::All, Erase::No]
    };
    telegram::render_erase_offer(&app.catalog, lang, choices)
}

/// A message the bot sent, and whether it is a receipt.
struct Sent {
    id: i32,
    receipt: bool,
}

/// The message ids of one exchange, sealed under the chat's draft key.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Trail {
    ids: Vec<i32>,
    #[serde(default)]
    receipts: Vec<i32>,
}

/// Remembers (sealed) the ids of the reporter's message and of the bot's answers, so the
/// conversation can be erased from the phone later. Best effort: a failure is logged.
async fn record(app: &Arc<App>, chat: ChatRef, user_msg: Option<i32>, sent: &[Sent]) {
    let trail = Trail {
        ids: user_msg
            .into_iter()
            .chain(sent.iter().map(|s| s.id))
            .collect(),
        receipts: sent.iter().filter(|s| s.receipt).map(|s| s.id).collect(),
    };
    if trail.ids.is_empty() {
        return;
    }
    let sender = chat.sender();
    let json = zeroize::Zeroizing::new(serde_json::to_vec(&trail).unwrap_or_default());
    let sealed = app.keys.seal_draft(&sender, &json);
    let mut id = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut id);
    let pseudonym = app.keys.pseudonym(&sender);
    let put = app
        .store
        .put_blob(
            Blobs::ChatTrail,
            &pseudonym,
            &id,
            sealed.0,
            // Rounded down to the hour: the row says no more than roughly when it was made.
            (unix_now() + TRAIL_SECONDS) / 3600 * 3600,
        )
        .await;
    if let Err(e) = put {
        tracing::warn!(error = %e, "recording a Telegram message trail failed");
    }
}

/// Deletes the recorded conversation from the chat, keeping receipts if asked, and forgets it.
async fn erase_chat(
    app: &Arc<App>,
    bot: &Telegram,
    chat: ChatRef,
    extra: Option<i32>,
    keep_receipts: bool,
) -> Result<(), ServiceError> {
    let sender = chat.sender();
    let pseudonym = app.keys.pseudonym(&sender);
    let rows = app
        .store
        .blobs(Blobs::ChatTrail, &pseudonym, unix_now())
        .await?;
    let mut ids: Vec<i32> = extra.into_iter().collect();
    let mut receipts = Vec::new();
    for (_, sealed) in rows {
        let trail = app
            .keys
            .open_draft(&sender, &crate::crypto::SealedDraft(sealed))
            .and_then(|json| serde_json::from_slice::<Trail>(&json).ok());
        if let Some(t) = trail {
            ids.extend(t.ids);
            receipts.extend(t.receipts);
        }
    }
    if keep_receipts {
        ids.retain(|id| !receipts.contains(id));
    }
    ids.sort_unstable();
    ids.dedup();
    app.store.delete_blobs(Blobs::ChatTrail, &pseudonym).await?;
    if !ids.is_empty() {
        bot.delete(chat, &ids).await;
    }
    Ok(())
}

/// A press on the erase offer.
async fn erase_button(
    app: &Arc<App>,
    bot: &Telegram,
    chat: ChatRef,
    update_id: u32,
    callback_id: String,
    choice: Erase,
) -> Result<(), ServiceError> {
    if !answer_once(app, bot, update_id, callback_id).await? {
        return Ok(());
    }
    match choice {
        Erase::KeepReceipts => erase_chat(app, bot, chat, None, true).await,
        Erase::All => erase_chat(app, bot, chat, None, false).await,
        Erase::No => Ok(()),
    }
}

/// `/delete`: the draft is erased (like leaving) and so is the conversation in the chat,
/// the `/delete` message included; receipts of cases already filed are kept. Nothing is sent
/// afterwards, so the chat is left empty.
async fn delete_command(
    app: &Arc<App>,
    bot: &Telegram,
    chat: ChatRef,
    update_id: u32,
    user_msg: Option<i32>,
) -> Result<(), ServiceError> {
    let inbound = inbound(chat, update_id, Some("/cancel".into()), None);
    if let Handled::Duplicate = super::handle(app, inbound).await? {
        return Ok(());
    }
    // Files of a draft are deleted with it; this also takes any left from a restarted one.
    let pseudonym = app.keys.pseudonym(&chat.sender());
    app.store
        .delete_blobs(Blobs::DraftFiles, &pseudonym)
        .await?;
    erase_chat(app, bot, chat, user_msg, true).await
}

/// A supported language named by Telegram's `language_code` (`es`, `en-US` → `en`).
fn hint_lang(app: &App, code: Option<&str>) -> Option<Lang> {
    let lang = telegram::language_of(code?)?;
    app.catalog.languages().contains(&lang).then_some(lang)
}

/// Sends the replies in order. What fails inline is retried in the background; ids of sent
/// messages are returned in order (for erasing the conversation later).
async fn deliver(
    app: &Arc<App>,
    bot: &Telegram,
    chat: ChatRef,
    lang: &Lang,
    replies: &[Reply],
) -> Vec<Sent> {
    let rendered = telegram::render(&app.catalog, lang, replies);
    let mut sent = Vec::new();
    for (i, msg) in rendered.iter().enumerate() {
        match bot.send(chat, msg, INLINE_WAIT).await {
            Ok(id) => sent.push(Sent {
                id,
                receipt: msg.is_receipt,
            }),
            Err(e) => {
                tracing::warn!(error = %e, "a Telegram reply could not be sent; retrying later");
                let rest: Vec<Rendered> = rendered.into_iter().skip(i).collect();
                tokio::spawn(retry_later(bot.clone(), chat, rest, e));
                break;
            }
        }
    }
    sent
}

async fn retry_later(bot: Telegram, chat: ChatRef, messages: Vec<Rendered>, first: BotError) {
    if first == BotError::Refused {
        return;
    }
    let mut pending = messages.into_iter().peekable();
    let mut last = first;
    for wait in BACKGROUND_WAITS {
        // Never sooner than Telegram asked.
        let asked = match last {
            BotError::RateLimited(d) => d,
            _ => Duration::ZERO,
        };
        tokio::time::sleep(wait.max(asked)).await;
        while let Some(msg) = pending.peek() {
            match bot.send(chat, msg, BACKGROUND_WAIT).await {
                Ok(_) => {
                    pending.next();
                }
                Err(BotError::Refused) => {
                    tracing::warn!("a Telegram reply was refused; giving up on it");
                    return;
                }
                Err(e) => {
                    last = e;
                    break;
                }
            }
        }
        if pending.peek().is_none() {
            return;
        }
    }
    tracing::error!("a Telegram reply could not be sent after all retries");
}

/// `[telegram] mode = "polling"`: asks Telegram for updates instead of being called, for an
/// operator without a public URL. Each update is handled like a webhook call; the offset only
/// moves past an update once it is handled (or could never be), so a storage failure retries.
pub async fn poll_loop(app: Arc<App>) {
    let Some(bot) = app.telegram.clone() else {
        return;
    };
    // getUpdates refuses to run while a webhook is set.
    if let Err(e) = bot.delete_webhook().await {
        tracing::warn!(error = %e, "removing the Telegram webhook before polling failed");
    }
    let mut offset = 0i32;
    loop {
        let asked = std::time::Instant::now();
        match bot.poll(offset, POLL_SECONDS).await {
            Ok(updates) if updates.is_empty() => {
                // A long poll that came back at once (a proxy, a stand-in): do not spin.
                if asked.elapsed() < Duration::from_secs(1) {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }
            Ok(updates) => {
                for update in updates {
                    let next = update.id.as_offset();
                    if let Err(e) = handle_update(&app, telegram::parse(update)).await {
                        tracing::warn!(error = %e, "handling a polled Telegram update failed");
                        tokio::time::sleep(Duration::from_secs(5)).await;
                        break;
                    }
                    offset = next;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "polling Telegram failed; trying again shortly");
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }
    }
}

/// Long-poll timeout; below the Bot client's own 17-second request timeout.
const POLL_SECONDS: u32 = 10;
