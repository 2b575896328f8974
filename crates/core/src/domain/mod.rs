//! Domain types: every value that crosses the edge is parsed into one of these newtypes once,
//! and nothing past the edge carries domain meaning in a raw `String`.
//!
//! This module imports no web, database or Telegram crate.

mod assisted;
mod authority;
mod case;
mod codes;
mod complaint;
mod lang;
mod org;
mod receipt;
mod state;
mod text;
mod token;

pub use assisted::{Assistance, Identity};
pub use authority::names_migration_authority;
pub use case::{CaseId, Channel, Day};
pub use codes::{Perpetrator, Violation, When};
pub use complaint::{COMPLAINT_SCHEMA, Coded, Complaint, ComplaintFile, FileRole, RoutedOrg};
pub use lang::Lang;
pub use org::{OrgId, OrgKind};
pub use receipt::Receipt;
pub use state::{MxState, StateAnswer};
pub use text::strip_controls;
pub use token::{TokenId, TokenLabel, TokenScope};

/// A value that failed to parse at the edge; the message says what was expected, never echoing
/// the input (which may be a complaint's words).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub &'static str);
