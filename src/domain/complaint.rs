//! The sealed complaint, schema `buzon.complaint.v1`: what an org decrypts from its envelope.
//!
//! Shared by the server (which seals it) and `buzon inbox` (which opens it), so both sides agree
//! on one definition. Labels are written in Spanish for the receiving bodies; codes are stable.

use serde::{Deserialize, Serialize};

use super::{CaseId, Channel, Day, Lang, OrgId};

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
}
