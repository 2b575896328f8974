//! Provider message ids handled outside a draft step (an update Buzón cannot use), so that a
//! provider retry of it changes nothing either.

use super::{Store, StoreError};
use crate::crypto::DedupeKey;

impl Store {
    /// Records a dedupe key; `false` if it was already there (the message was handled).
    pub async fn remember(&self, key: &DedupeKey, expires_at: i64) -> Result<bool, StoreError> {
        match self
            .commit(super::step::Step::remember(key, expires_at))
            .await
        {
            Ok(()) => Ok(true),
            Err(StoreError::Duplicate) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
