//! Talking to the Bot API through teloxide-core's `Bot`: sending replies with bounded retries
//! that respect `retry_after`, answering button presses, deleting messages, downloading files.
//!
//! Every Bot API URL contains the bot token, and the errors of the underlying HTTP client name
//! the URL. So no error from teloxide is ever formatted, logged or returned: they are mapped
//! here to [`BotError`], whose messages are fixed text.

use std::time::Duration;

use teloxide_core::net::Download;
use teloxide_core::payloads::{SendMessageSetters, SetWebhookSetters};
use teloxide_core::requests::Requester;
use teloxide_core::types::{
    AllowedUpdate, BotCommand, BotCommandScope, CallbackQueryId, FileId, MessageId, Recipient,
    Update,
};
use teloxide_core::{ApiError, Bot, RequestError};
use zeroize::Zeroizing;

use super::{ChatRef, Rendered, TelegramSettings};

/// The longest single wait for a `retry_after` Buzón accepts before giving up on a message.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
/// The Bot API serves files up to this size to bots.
pub const MAX_DOWNLOAD_BYTES: u32 = 20 * 1024 * 1024;

/// What went wrong, in words that contain no URL, token or chat id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BotError {
    #[error("the Bot API asked to wait longer than allowed")]
    RateLimited(Duration),
    #[error("the Bot API refused the request")]
    Refused,
    #[error("the Bot API could not be reached or failed")]
    Unavailable,
    #[error("the file is larger than the Bot API lets bots download")]
    TooLarge,
}

impl BotError {
    fn of(e: &RequestError) -> Self {
        match e {
            RequestError::RetryAfter(s) => BotError::RateLimited(s.duration()),
            RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => {
                BotError::Unavailable
            }
            // A 5xx with a JSON body comes back as an unrecognised description.
            RequestError::Api(ApiError::Unknown(_)) => BotError::Unavailable,
            RequestError::Api(_) | RequestError::MigrateToChatId(_) => BotError::Refused,
        }
    }
}

/// The bot, built once from the settings.
#[derive(Clone)]
pub struct Telegram {
    bot: Bot,
}

impl Telegram {
    /// `None` when Telegram is disabled (or its settings unusable, which `check` refuses).
    pub fn from_settings(s: &TelegramSettings) -> Option<Self> {
        use secrecy::ExposeSecret;
        if !s.enabled {
            return None;
        }
        let token = s.bot_token.as_ref()?.expose_secret().to_owned();
        let url = s.api_url_parsed()?;
        Some(Self {
            bot: Bot::new(token).set_api_url(url),
        })
    }

    /// Sends one message. A 429 is waited out and retried as long as the waits asked for
    /// (`retry_after`) add up to at most `budget`; anything else is returned at once for the
    /// caller to retry later (teloxide already pauses 10 s after a 5xx). Returns the id of the
    /// sent message.
    pub async fn send(
        &self,
        chat: ChatRef,
        msg: &Rendered,
        budget: Duration,
    ) -> Result<i32, BotError> {
        let mut waited = Duration::ZERO;
        loop {
            let mut req = self
                .bot
                .send_message(Recipient::Id(chat.chat_id()), msg.text.clone());
            if let Some(k) = &msg.keyboard {
                req = req.reply_markup(k.clone());
            }
            let err = match req.await {
                Ok(sent) => return Ok(sent.id.0),
                Err(e) => BotError::of(&e),
            };
            let BotError::RateLimited(wait) = err else {
                return Err(err);
            };
            if waited + wait > budget.min(MAX_RETRY_AFTER) {
                return Err(err);
            }
            tracing::warn!(
                wait_ms = wait.as_millis() as u64,
                "the Bot API asked to slow down; waiting"
            );
            tokio::time::sleep(wait).await;
            waited += wait;
        }
    }

    /// Stops the spinner on a pressed button. Best effort: the press was already handled.
    pub async fn answer_button(&self, callback_id: String) {
        if let Err(e) = self
            .bot
            .answer_callback_query(CallbackQueryId(callback_id))
            .await
        {
            tracing::debug!(error = %BotError::of(&e), "answering a button press failed");
        }
    }

    /// Takes the buttons off a menu once one was pressed, so an old menu cannot answer a
    /// later question. Best effort.
    pub async fn close_menu(&self, chat: ChatRef, message_id: i32) {
        if let Err(e) = self
            .bot
            .edit_message_reply_markup(Recipient::Id(chat.chat_id()), MessageId(message_id))
            .await
        {
            tracing::debug!(error = %BotError::of(&e), "closing a Telegram menu failed");
        }
    }

    /// Deletes messages in a private chat (Telegram allows it for 48 hours). Best effort;
    /// returns whether Telegram accepted the request.
    pub async fn delete(&self, chat: ChatRef, ids: &[i32]) -> bool {
        let mut ok = true;
        // deleteMessages takes at most 100 ids per call.
        for chunk in ids.chunks(100) {
            let ids = chunk.iter().map(|i| MessageId(*i));
            if let Err(e) = self
                .bot
                .delete_messages(Recipient::Id(chat.chat_id()), ids)
                .await
            {
                tracing::warn!(error = %BotError::of(&e), "deleting Telegram messages failed");
                ok = false;
            }
        }
        ok
    }

    /// Downloads a file through `getFile`, refusing anything over `max` bytes. The size
    /// `getFile` announces is checked first; the body is then read as it streams and the
    /// download stops at the first chunk past `max`, so a Bot API that announces no size (or
    /// a wrong one) can make Buzón read at most `max` bytes and a chunk. The bytes stay in
    /// memory (zeroized when dropped); nothing is written to disk.
    pub async fn download(&self, file_id: &str, max: u32) -> Result<Zeroizing<Vec<u8>>, BotError> {
        let max = max.min(MAX_DOWNLOAD_BYTES);
        let file = self
            .bot
            .get_file(FileId(file_id.to_owned()))
            .await
            .map_err(|e| BotError::of(&e))?;
        if file.meta.size > max && file.meta.size != u32::MAX {
            return Err(BotError::TooLarge);
        }
        // Reserved up front, so the buffer is not reallocated (leaving unzeroized copies).
        let capacity = if file.meta.size == u32::MAX {
            max
        } else {
            file.meta.size
        };
        let mut buf = Zeroizing::new(Vec::with_capacity(capacity as usize));
        let mut sink = Bounded {
            buf: &mut buf,
            max: max as usize,
            over: false,
        };
        let fetched = self.bot.download_file(&file.path, &mut sink).await;
        if sink.over {
            return Err(BotError::TooLarge);
        }
        fetched.map_err(|_| BotError::Unavailable)?;
        Ok(buf)
    }

    /// `setWebhook` with the secret and the update kinds Buzón reads.
    pub async fn set_webhook(&self, url: reqwest::Url, secret: &str) -> Result<(), BotError> {
        self.bot
            .set_webhook(url)
            .secret_token(secret)
            .allowed_updates(allowed_updates())
            .drop_pending_updates(false)
            .await
            .map(|_| ())
            .map_err(|e| BotError::of(&e))
    }

    /// `deleteWebhook`, needed before polling.
    pub async fn delete_webhook(&self) -> Result<(), BotError> {
        self.bot
            .delete_webhook()
            .await
            .map(|_| ())
            .map_err(|e| BotError::of(&e))
    }

    /// `setMyCommands` for one language (`None`: the default list).
    pub async fn set_commands(
        &self,
        commands: Vec<BotCommand>,
        language: Option<&str>,
    ) -> Result<(), BotError> {
        use teloxide_core::payloads::SetMyCommandsSetters;
        let mut req = self
            .bot
            .set_my_commands(commands)
            .scope(BotCommandScope::AllPrivateChats);
        if let Some(l) = language {
            req = req.language_code(l);
        }
        req.await.map(|_| ()).map_err(|e| BotError::of(&e))
    }

    /// One long poll of `getUpdates`.
    pub async fn poll(&self, offset: i32, timeout_s: u32) -> Result<Vec<Update>, BotError> {
        use teloxide_core::payloads::GetUpdatesSetters;
        self.bot
            .get_updates()
            .offset(offset)
            .timeout(timeout_s)
            .allowed_updates(allowed_updates())
            .await
            .map_err(|e| BotError::of(&e))
    }
}

/// The update kinds Buzón subscribes to. Edits are included so that an edit can be answered
/// ("send it as a new message") rather than silently lost.
pub fn allowed_updates() -> Vec<AllowedUpdate> {
    vec![
        AllowedUpdate::Message,
        AllowedUpdate::EditedMessage,
        AllowedUpdate::CallbackQuery,
    ]
}

/// A download's destination that refuses to grow past `max`: the write that would cross it
/// fails, which ends the download there (the rest of the body is never read).
struct Bounded<'a> {
    buf: &'a mut Vec<u8>,
    max: usize,
    over: bool,
}

impl tokio::io::AsyncWrite for Bounded<'_> {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        chunk: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        if this.buf.len().saturating_add(chunk.len()) > this.max {
            this.over = true;
            return std::task::Poll::Ready(Err(std::io::Error::other("file over the cap")));
        }
        this.buf.extend_from_slice(chunk);
        std::task::Poll::Ready(Ok(chunk.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}
