//! The conversation: a pure state machine from (draft, message) to (new draft, replies, effect).
//!
//! Nothing here does I/O, knows which channel a message came from, or renders text: steps name
//! Fluent message ids (the constants of [`crate::i18n::ids`]), and the caller persists the
//! draft, performs the effect (filing a case, looking up a receipt) and renders the replies for
//! its channel. A reply that carries a receipt says so in its [`ReplyKind`].
//!
//! [`assisted`] holds the rules of an assisted filing, for the conversation here and for the
//! shelters' web form and filing at the edge.

pub mod assisted;
mod attachment;
mod draft;
mod flow;
mod input;
mod reply;

pub use attachment::{AttachmentKind, AttachmentNote, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};
pub use draft::{Assist, AssistedChoices, Draft, Step, Submission};
pub use flow::{Context, Effect, Outcome, current_question, prompt, step};
pub use input::{Command, EnrolCode, Input, MAX_MESSAGE_CHARS, classify, clean_text};
pub use reply::{Choice, Holder, Reply, ReplyKind};
