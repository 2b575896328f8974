//! Providers: one file each. A provider module verifies a request, parses it into a
//! channel-neutral [`Inbound`], and renders replies in its own format. None decides the flow.

pub mod pictures;
pub mod sms;
pub mod telegram;
pub mod twilio;

use crate::crypto::SenderId;
use crate::domain::Lang;

/// One message from a reporter, whatever channel it came through.
pub struct Inbound {
    pub sender: SenderId,
    /// The provider's id for this message, used (hashed) to ignore retries.
    pub provider_id: Option<String>,
    /// The text as typed, or `None` when it could not be read (e.g. invalid UTF-8).
    pub text: Option<String>,
    /// The channel's guess at the reporter's language (Telegram's `language_code`), if it is
    /// one we ship. A hint for the language step only; never stored.
    pub lang_hint: Option<Lang>,
    /// A file already checked and sealed by the channel; `text` is then its caption.
    pub attachment: Option<crate::intake::AttachmentNote>,
    /// The channel already counted this message against the sender's rate limits (a
    /// Telegram file is counted before its download), so the intake does not count it again.
    pub rate_checked: bool,
}

/// Escapes text for XML (TwiML) and HTML (the shelters' web form), content and quoted
/// attributes alike. Characters XML 1.0 cannot carry at all are dropped.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
