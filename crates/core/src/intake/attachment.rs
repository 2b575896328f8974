//! Files a reporter sends with the story (a voice note, a photo, a document, a video), as the
//! conversation knows them: a kind, a type and a size. The bytes never enter the flow: the
//! channel keeps them sealed (see `service::attachments`) under the id named here.

use serde::{Deserialize, Serialize};

/// Files kept per draft; past this the reporter is told the draft is full.
pub const MAX_ATTACHMENTS: usize = 10;
/// Bytes kept per draft, all files together (each is at most 20 MB on Telegram).
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Voice,
    Audio,
    Photo,
    Video,
    Document,
}

impl AttachmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::Voice => "voice",
            AttachmentKind::Audio => "audio",
            AttachmentKind::Photo => "photo",
            AttachmentKind::Video => "video",
            AttachmentKind::Document => "document",
        }
    }

    /// The Fluent id naming this kind ("voice note", "photo", …).
    pub fn label_id(self) -> String {
        format!("attachment-kind-{}", self.as_str())
    }
}

/// One file of a draft: no content, only what the flow shows and where the bytes are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentNote {
    /// Random id (hex) of the sealed bytes.
    pub id: String,
    pub kind: AttachmentKind,
    /// The type Buzón checked the bytes to be (`image/jpeg`, `audio/ogg`, …).
    pub media_type: String,
    pub bytes: u64,
}
