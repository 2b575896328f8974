//! The sealed complaint, schema `buzon.complaint.v1`: what an org decrypts from its envelope.
//!
//! Shared by the server (which seals it) and `buzon inbox` (which opens it), so both sides agree
//! on one definition. Labels are written in Spanish for the receiving bodies; codes are stable.
//!
//! # Attachments (added with the Telegram channel, backward compatible)
//!
//! A complaint may carry `attachments`: the files the reporter sent (voice notes, photos,
//! documents, videos). Each entry names a file sealed apart, once per case, to every org whose
//! envelope references it (`file_id`, downloaded through the recipient API and checked against
//! `sha256`); envelopes sealed before that carried the bytes in `data` (standard base64). The field is omitted when there are none, so an SMS complaint is byte-for-byte the
//! shape it was, and a reader that does not know the field ignores it (serde's default). For a
//! picture there are two entries: first the `working_copy`, re-encoded from the decoded pixels
//! so that no metadata (GPS position, device, time) survives and it can be shared, then the
//! untouched `original_evidence`. Every entry says whether it is `cleaned` (added later, read
//! as `false` when absent): only a working copy is; a video, a voice note, a PDF, or a picture
//! that could not be decoded is delivered as it came, and may carry a location or an author.
//! `buzon inbox pull` writes each file next to `complaint.json`, in this order, and leaves
//! `data` out of the `complaint.json` it writes (the file's `name`, `size`, `sha256` and
//! `file_id` stay).
//!
//! # Assisted cases (added with shelter-assisted filing, backward compatible)
//!
//! `assisted` says a shelter volunteer filed the case with the person present: which shelter,
//! the person's language, whether the volunteer interpreted, whether the shelter has a copy.
//! `identity` (name, nationality, age, contact through the shelter) is present only in the
//! envelopes of the bodies the person chose to identify themself to; `identity_given_to` lists
//! them. All three are omitted when unused.

use serde::{Deserialize, Serialize};

use super::{Assistance, CaseId, Channel, Day, Identity, Lang, OrgId};

pub const COMPLAINT_SCHEMA: &str = "buzon.complaint.v1";

/// A code with its label, so that an analyst reads the file without a code book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coded<T> {
    pub code: T,
    pub label: String,
}

/// An org a case was routed to, named in the envelope so every recipient sees who else has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutedOrg {
    pub id: OrgId,
    pub name: String,
}

/// The whole complaint. Deliberately no `Debug`: it holds the reporter's own words.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Complaint {
    /// Always [`COMPLAINT_SCHEMA`]; readers refuse anything else.
    pub schema: String,
    pub case_id: CaseId,
    pub filed_on: Day,
    /// The language the reporter used with Buzón.
    pub language: Lang,
    pub channel: Channel,
    pub violation: Coded<u8>,
    pub perpetrator: Coded<u8>,
    /// ISO 3166-2:MX code, or `unknown`.
    pub state: Coded<String>,
    pub when: Coded<u8>,
    /// Every story message, verbatim and in order.
    pub narrative: Vec<String>,
    pub routed_to: Vec<RoutedOrg>,
    /// The reporter chose civil-society organisations only.
    pub civil_society_only: bool,
    /// An age recipient whose identity only the reporter's receipt can unwrap: replies to the
    /// reporter are sealed to it.
    pub reply_recipient: String,
    /// Files sent with the story, in the order they came; see the module docs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<ComplaintFile>,
    /// Set when a shelter volunteer filed the case with the person; see [`Assistance`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assisted: Option<Assistance>,
    /// The person's identity, present only in the envelopes of the bodies the person chose to
    /// give it to; every other envelope of the same case has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// The bodies that received the identity (the same list in every envelope, so each body
    /// knows whether another has the person's name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identity_given_to: Vec<RoutedOrg>,
}

/// What an attachment entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileRole {
    /// A file as sent (voice note, video, document).
    File,
    /// A picture with its metadata removed, safe to share.
    WorkingCopy,
    /// The untouched picture, metadata included: evidence.
    OriginalEvidence,
}

/// One file of a complaint. Deliberately no `Debug`: it holds the reporter's evidence.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintFile {
    /// File name in the case folder, e.g. `01-photo.jpg` and `01-photo.original.jpg`.
    pub name: String,
    /// `voice`, `audio`, `photo`, `video` or `document`.
    pub kind: String,
    pub role: FileRole,
    pub media_type: String,
    pub size: u64,
    /// Hex SHA-256 of the bytes, so a copy can be checked against the evidence.
    pub sha256: String,
    /// The bytes, standard base64, in envelopes sealed before files were stored apart; empty
    /// since (and in the `complaint.json` that `buzon inbox` writes).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data: String,
    /// The file, sealed apart once per case to every receiving org: downloaded from
    /// `GET /api/v1/cases/{case_id}/files/{file_id}` and checked against `sha256`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// Whether Buzón cleaned these bytes: true only for a working copy re-encoded from a
    /// picture's pixels. False for an original kept as evidence and for what Buzón cannot
    /// clean (video, audio, PDF, a picture that did not decode within the limits): such a file
    /// may carry a location or an author. Complaints sealed before the field existed read as
    /// false: their working copies were filtered, not re-encoded, and could keep metadata.
    #[serde(default)]
    pub cleaned: bool,
}
