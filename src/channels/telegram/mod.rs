//! Telegram's wire format: settings, reading a Bot API [`Update`] into what Buzón can use
//! (texts, menu answers, erase choices, files), and rendering replies as messages with inline
//! keyboards. Sending lives in [`send`]; nothing here decides the flow. The use case is
//! `service::telegram`; the HTTP edge is `api::telegram`.
//!
//! Only teloxide-core's *types* and its `Bot` client are used: teloxide's own webhook listener
//! compares the secret with `!=`, queues without bound and logs raw updates. The axum handler
//! is `api::telegram`.
//!
//! Identity: a chat id, user id, username, name or `language_code` is read here and never
//! stored or logged. The chat id leaves this module only inside a [`ChatRef`] (no `Debug`, no
//! `Serialize`), which the service turns into a keyed-hash pseudonym, and which the sender
//! needs to address the reply. teloxide's own types do derive `Debug`: never log them.

pub mod send;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use teloxide_core::types::{
    ChatId, InlineKeyboardButton, InlineKeyboardMarkup, MediaKind, Message, MessageKind, Update,
    UpdateKind,
};

use crate::crypto::SenderId;
use crate::domain::{Channel, Lang, strip_controls};
use crate::i18n::Catalog;
use crate::i18n::ids;
use crate::intake::Reply;

/// `[telegram]` in the config file.
#[derive(Deserialize)]
pub struct TelegramSettings {
    #[serde(default)]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    /// From @BotFather. Part of every Bot API URL: never logged, never in an error message.
    pub bot_token: Option<SecretString>,
    /// Echoed by Telegram in `X-Telegram-Bot-Api-Secret-Token`; checked in constant time.
    pub webhook_secret: Option<SecretString>,
    /// The Bot API server; tests point it at a local stand-in.
    #[serde(default = "default_api_url")]
    pub api_url: String,
}

/// How updates reach the server.
#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Telegram posts to `<public_url>/webhooks/telegram`.
    #[default]
    Webhook,
    /// The server long-polls `getUpdates` (no public URL needed).
    Polling,
}

fn default_api_url() -> String {
    "https://api.telegram.org".into()
}

impl Default for TelegramSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            mode: Mode::Webhook,
            bot_token: None,
            webhook_secret: None,
            api_url: default_api_url(),
        }
    }
}

/// Whether `s` is a secret Telegram accepts: 1–256 of `A-Z a-z 0-9 _ -`.
pub fn valid_secret(s: &str) -> bool {
    (1..=256).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl TelegramSettings {
    /// One clear line for each way the section can be unusable. Nothing secret in it.
    pub fn check(&self) -> Result<(), &'static str> {
        if !self.enabled {
            return Ok(());
        }
        match self.bot_token.as_ref().map(|t| t.expose_secret().trim()) {
            None | Some("") => {
                return Err("enabled is true but bot_token is not set");
            }
            Some(_) => {}
        }
        if self.api_url_parsed().is_none() {
            return Err("api_url must be an http:// or https:// URL");
        }
        if self.mode == Mode::Webhook {
            match self.webhook_secret.as_ref().map(|s| s.expose_secret()) {
                None => return Err("enabled is true but webhook_secret is not set"),
                Some("change-me") => return Err("webhook_secret is still \"change-me\""),
                Some(s) if !valid_secret(s) => {
                    return Err("webhook_secret must be 1-256 characters of A-Z a-z 0-9 _ -");
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    pub fn api_url_parsed(&self) -> Option<reqwest::Url> {
        let url = reqwest::Url::parse(&self.api_url).ok()?;
        matches!(url.scheme(), "http" | "https").then_some(url)
    }
}

/// A private chat, as much as the service needs of it: where to reply, and the identity the
/// pseudonym is computed from. No `Debug`, no `Serialize`.
#[derive(Clone, Copy)]
pub struct ChatRef(i64);

impl ChatRef {
    pub fn sender(self) -> SenderId {
        SenderId::new(Channel::Telegram, &self.0.to_string())
    }

    pub(crate) fn chat_id(self) -> ChatId {
        ChatId(self.0)
    }

    /// For tests and the polling loop's own bookkeeping only.
    pub fn from_raw(id: i64) -> Self {
        Self(id)
    }
}

/// A file the reporter sent, as the Bot API describes it (not yet downloaded).
#[derive(Clone)]
pub struct FileRef {
    pub kind: MediaType,
    /// Opaque Bot API handle for `getFile`. It identifies a file, not a person, but it is
    /// still never stored or logged.
    pub file_id: String,
    /// As announced by Telegram (`u32::MAX` when it did not say).
    pub size: u32,
    pub mime: Option<String>,
    pub file_name: Option<String>,
}

/// What kind of file, as the reporter sent it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MediaType {
    Voice,
    Audio,
    Photo,
    Video,
    Document,
}

/// What a usable update asks for.
pub enum What {
    /// Typed text (commands already normalised: `/start@bot x` → `/start`).
    Text(String),
    /// An inline button of a menu: the menu key pressed, the question it answered when its
    /// data named one, and `menu`, the message it sits on.
    Button {
        callback_id: String,
        key: String,
        question: Option<String>,
        menu: Option<i32>,
    },
    /// A button of the offer to erase the conversation (see [`Erase`]).
    Erase { callback_id: String, choice: Erase },
    /// `/delete`: erase the draft and the conversation in the chat.
    Delete,
    /// A file, with its caption if any.
    File {
        file: FileRef,
        caption: Option<String>,
    },
}

/// An update from a private chat that goes to the intake.
pub struct Incoming {
    pub update_id: u32,
    pub chat: ChatRef,
    /// The reporter's own message, for erasing the conversation later.
    pub message_id: Option<i32>,
    /// The user's Telegram interface language: a hint, never the final word.
    pub lang_hint: Option<String>,
    pub what: What,
}

/// Why an authentic update is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// Groups, supergroups, channels: the bot is for private chats only and stays silent
    /// there (a reply in a group would expose the person).
    NotPrivate,
    /// An edit of an earlier message: the original was already taken.
    Edited,
    /// A sticker, location, contact, poll, … in a private chat.
    Unsupported,
    /// An update kind Buzón does not subscribe to, or could not read.
    Other,
}

pub enum Parsed {
    Use(Incoming),
    Ignore {
        update_id: u32,
        why: Unusable,
        /// Where a short explanation may be sent (private chats only).
        chat: Option<ChatRef>,
        lang_hint: Option<String>,
    },
}

/// Reads an update. Never fails: whatever cannot be used is [`Parsed::Ignore`].
pub fn parse(update: Update) -> Parsed {
    let update_id = update.id.0;
    let ignore = |why, chat, lang_hint| Parsed::Ignore {
        update_id,
        why,
        chat,
        lang_hint,
    };
    match update.kind {
        UpdateKind::Message(m) => {
            let hint = m.from.as_ref().and_then(|u| u.language_code.clone());
            if !m.chat.is_private() {
                return ignore(Unusable::NotPrivate, None, None);
            }
            let chat = ChatRef(m.chat.id.0);
            match what_of(&m) {
                Some(what) => Parsed::Use(Incoming {
                    update_id,
                    chat,
                    message_id: Some(m.id.0),
                    lang_hint: hint,
                    what,
                }),
                None => ignore(Unusable::Unsupported, Some(chat), hint),
            }
        }
        UpdateKind::EditedMessage(m) => {
            let hint = m.from.as_ref().and_then(|u| u.language_code.clone());
            if m.chat.is_private() {
                ignore(Unusable::Edited, Some(ChatRef(m.chat.id.0)), hint)
            } else {
                ignore(Unusable::NotPrivate, None, None)
            }
        }
        UpdateKind::CallbackQuery(q) => {
            let hint = q.from.language_code.clone();
            let Some(msg) = q.message.as_ref() else {
                return ignore(Unusable::Other, None, None);
            };
            if !msg.chat().is_private() {
                return ignore(Unusable::NotPrivate, None, None);
            }
            let chat = ChatRef(msg.chat().id.0);
            match q.data.as_deref() {
                Some(data) if data.len() <= 64 => Parsed::Use(Incoming {
                    update_id,
                    chat,
                    message_id: None,
                    lang_hint: hint,
                    what: button(q.id.0.clone(), data, msg.id().0),
                }),
                _ => ignore(Unusable::Other, Some(chat), hint),
            }
        }
        UpdateKind::ChannelPost(_) | UpdateKind::EditedChannelPost(_) => {
            ignore(Unusable::NotPrivate, None, None)
        }
        _ => ignore(Unusable::Other, None, None),
    }
}

fn what_of(m: &Message) -> Option<What> {
    let MessageKind::Common(common) = &m.kind else {
        return None;
    };
    // A file, as the Bot API describes it, with its caption (controls stripped).
    let file =
        |kind, meta: &teloxide_core::types::FileMeta, mime, name, caption: &Option<String>| {
            What::File {
                file: FileRef {
                    kind,
                    file_id: meta.id.0.clone(),
                    size: meta.size,
                    mime,
                    file_name: name,
                },
                caption: caption.as_deref().map(strip_controls),
            }
        };
    Some(match &common.media_kind {
        MediaKind::Text(t) => command(&strip_controls(&t.text)),
        MediaKind::Voice(v) => file(
            MediaType::Voice,
            &v.voice.file,
            mime(&v.voice.mime_type),
            None,
            &v.caption,
        ),
        MediaKind::Audio(a) => file(
            MediaType::Audio,
            &a.audio.file,
            mime(&a.audio.mime_type),
            a.audio.file_name.clone(),
            &a.caption,
        ),
        MediaKind::Photo(p) => {
            // The largest size Telegram offers: the closest to what the reporter took.
            let best = p
                .photo
                .iter()
                .max_by_key(|s| u64::from(s.width) * u64::from(s.height))?;
            let jpeg = Some("image/jpeg".into());
            file(MediaType::Photo, &best.file, jpeg, None, &p.caption)
        }
        MediaKind::Video(v) => file(
            MediaType::Video,
            &v.video.file,
            mime(&v.video.mime_type),
            v.video.file_name.clone(),
            &v.caption,
        ),
        MediaKind::VideoNote(v) => {
            let mp4 = Some("video/mp4".into());
            file(MediaType::Video, &v.video_note.file, mp4, None, &None)
        }
        MediaKind::Document(d) => file(
            MediaType::Document,
            &d.document.file,
            mime(&d.document.mime_type),
            d.document.file_name.clone(),
            &d.caption,
        ),
        _ => return None,
    })
}

/// A MIME type as Telegram announced it, without parameters (`audio/ogg; codecs=opus`).
fn mime<M: std::fmt::Display>(m: &Option<M>) -> Option<String> {
    m.as_ref().map(|m| {
        let s = m.to_string();
        s.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    })
}

/// Normalises Telegram commands: `/Start@BuzonBot payload` → `/start`; `/delete` is the
/// channel's own; `/cancel` leaves like `SALIR`. Other text is passed on as typed.
fn command(text: &str) -> What {
    let trimmed = text.trim();
    if !trimmed.starts_with('/') {
        return What::Text(text.to_owned());
    }
    let (first, rest) = match trimmed.split_once(char::is_whitespace) {
        Some((f, r)) => (f, r.trim()),
        None => (trimmed, ""),
    };
    let name = first
        .split('@')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match name.as_str() {
        "/delete" => What::Delete,
        // A deep-link payload after /start is ignored: it could carry anything.
        "/start" => What::Text("/start".into()),
        "/status" if !rest.is_empty() => What::Text(format!("/status {rest}")),
        "/cancel" | "/help" | "/language" | "/status" => What::Text(name),
        _ => What::Text(text.to_owned()),
    }
}

/// The language a Telegram `language_code` names (`es`, `en-US` → `en`), if it is a valid
/// language tag; whether Buzón ships it is the caller's question.
pub fn language_of(code: &str) -> Option<Lang> {
    let base = code.split(['-', '_']).next()?.to_ascii_lowercase();
    Lang::parse(&base).ok()
}

/// Callback data: `key#question`, within Telegram's 64 bytes (just `key` if it would not fit).
pub fn button_data(key: &str, question: &str) -> String {
    let data = format!("{key}#{question}");
    if data.len() <= 64 {
        data
    } else {
        key.to_owned()
    }
}

/// Splits callback data into the menu key and the question it answered, if named.
fn split_button(data: &str) -> (&str, Option<&str>) {
    match data.split_once('#') {
        Some((key, question)) => (key, Some(question)),
        None => (data, None),
    }
}

/// A pressed button, by its callback data: the erase offer's, or a menu's.
fn button(callback_id: String, data: &str, menu: i32) -> What {
    if let Some(choice) = Erase::from_data(data) {
        return What::Erase {
            callback_id,
            choice,
        };
    }
    let (key, question) = split_button(data);
    What::Button {
        callback_id,
        key: key.to_owned(),
        question: question.map(str::to_owned),
        menu: Some(menu),
    }
}

/// The buttons of the offer to erase the conversation from the phone, sent after a receipt.
/// Their callback data starts with [`Erase::PREFIX`], never a menu key of the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erase {
    /// Erase everything but the receipts.
    KeepReceipts,
    /// Erase everything.
    All,
    /// Erase nothing.
    No,
}

impl Erase {
    pub const PREFIX: &'static str = "erase:";
    const ALL: [Erase; 3] = [Erase::KeepReceipts, Erase::All, Erase::No];

    /// The button's callback data.
    pub fn data(self) -> &'static str {
        match self {
            Erase::KeepReceipts => "erase:keep-receipt",
            Erase::All => "erase:all",
            Erase::No => "erase:no",
        }
    }

    /// The message id of the button's label.
    fn label_id(self) -> &'static str {
        match self {
            Erase::KeepReceipts => ids::ERASE_KEEP_RECEIPT,
            Erase::All => ids::ERASE_ALL,
            Erase::No => ids::ERASE_NO,
        }
    }

    /// The button behind callback data, if it is one of the offer's. Data with the offer's
    /// prefix that names no button reads as [`Erase::No`]: it erases nothing.
    pub fn from_data(data: &str) -> Option<Self> {
        if !data.starts_with(Self::PREFIX) {
            return None;
        }
        Some(
            Self::ALL
                .into_iter()
                .find(|e| e.data() == data)
                .unwrap_or(Erase::No),
        )
    }
}

/// The offer to erase the conversation, with a button for each of `choices`.
pub fn render_erase_offer(catalog: &Catalog, lang: &Lang, choices: &[Erase]) -> Rendered {
    let rows = choices.iter().map(|e| {
        vec![InlineKeyboardButton::callback(
            catalog.get(lang, e.label_id()),
            e.data(),
        )]
    });
    Rendered {
        text: catalog.get(lang, ids::ERASE_OFFER),
        keyboard: Some(InlineKeyboardMarkup::new(rows)),
        is_receipt: false,
    }
}

/// One Telegram message: its text and, for a menu, one button per choice. The button shows
/// the key too, so that typing the number keeps working and reads the same.
pub struct Rendered {
    pub text: String,
    pub keyboard: Option<InlineKeyboardMarkup>,
    /// This message carries the receipt (kept when the reporter erases the conversation).
    pub is_receipt: bool,
}

pub fn render(catalog: &Catalog, lang: &Lang, replies: &[Reply]) -> Vec<Rendered> {
    replies
        .iter()
        .map(|r| {
            let mut lines = vec![catalog.render(lang, &r.text)];
            for footer in &r.footer {
                lines.push(catalog.render(lang, footer));
            }
            // Each button names its question too, so a press on an old menu is recognised.
            let question = r.message_ids().first().cloned().unwrap_or_default();
            let keyboard = (!r.menu.is_empty()).then(|| {
                InlineKeyboardMarkup::new(r.menu.iter().map(|c| {
                    vec![InlineKeyboardButton::callback(
                        format!("{} · {}", c.key, catalog.render(lang, &c.label)),
                        button_data(&c.key, &question),
                    )]
                }))
            });
            Rendered {
                text: lines.join("\n"),
                keyboard,
                is_receipt: r.is_receipt(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
