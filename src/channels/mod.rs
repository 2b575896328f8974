//! Providers: one file each. A provider module verifies a request, parses it into a
//! channel-neutral [`Inbound`], and renders replies in its own format. None decides the flow.

pub mod sms;
pub mod twilio;

use crate::crypto::SenderId;

/// One message from a reporter, whatever channel it came through.
pub struct Inbound {
    pub sender: SenderId,
    /// The provider's id for this message, used (hashed) to ignore retries.
    pub provider_id: Option<String>,
    /// The text as typed, or `None` when it could not be read (e.g. invalid UTF-8).
    pub text: Option<String>,
}
