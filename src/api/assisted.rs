//! `GET /api/v1/assisted`: a shelter sees the per-body delivery and acknowledgement of the cases
//! its volunteers filed, never their content (it reads that only from its own copy, if the
//! person chose one).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::ApiError;
use super::cases::OrgAuth;
use crate::service::App;

pub async fn list(
    State(app): State<Arc<App>>,
    OrgAuth(grant): OrgAuth,
) -> Result<Json<Value>, ApiError> {
    // Either scope: this is the shelter's follow-up, which a web-form token may read too.
    let org = grant.org;
    if !app.routing.org(&org).is_some_and(|o| o.intermediary) {
        return Err(ApiError::Forbidden(
            "only a shelter marked intermediary = true in the routing file files assisted cases",
        ));
    }
    let cases = crate::service::shelter::assisted_cases(&app, &org)
        .await
        .map_err(|e| ApiError::Unavailable(e.into()))?;
    Ok(Json(json!({ "shelter": org, "cases": cases })))
}
