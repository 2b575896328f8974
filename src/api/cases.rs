//! The recipient API: an org lists its cases, downloads its envelopes and their files, and
//! acknowledges them.
//! An org never learns whether a case it was not routed exists: such a case is 404, exactly
//! like one that does not exist.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::{header, request::Parts};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::ApiError;
use crate::domain::{CaseId, Day, OrgId, TokenScope};
use crate::service::App;
use crate::store::{EnvelopeFetch, FileFetch, TokenGrant};

/// A valid `Authorization: Bearer <token>`, of any scope: the org it speaks for and what it may
/// do. Any failure is the same 401.
pub struct OrgAuth(pub TokenGrant);

impl FromRequestParts<Arc<App>> for OrgAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 256)
            .ok_or(ApiError::Unauthorized)?;
        grant_for_token(app, token).await.map(Self)
    }
}

/// The org behind a valid inbox-scoped token: only such a token lists cases, downloads
/// envelopes and acknowledges them. A shelter-form token is 403.
pub struct InboxAuth(pub OrgId);

impl FromRequestParts<Arc<App>> for InboxAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        let OrgAuth(grant) = OrgAuth::from_request_parts(parts, app).await?;
        match grant.scope {
            TokenScope::Inbox => Ok(Self(grant.org)),
            TokenScope::ShelterForm => Err(ApiError::Forbidden(
                "this token is for the shelters' web form only: it cannot list cases, download \
                 envelopes or acknowledge them",
            )),
        }
    }
}

/// What an API token may do, with the per-token and failed-login limits. Any failure is the
/// same 401 (or 429 past a limit). Also the shelters' web form login. The token is looked up
/// by its keyed hash: timing reveals nothing about the token, and nothing compares it in the
/// clear.
pub(crate) async fn grant_for_token(app: &App, token: &str) -> Result<TokenGrant, ApiError> {
    let hash = app.keys.token_hash(token);
    if !app.limits.token_ok(hash.as_bytes()) {
        return Err(ApiError::TooManyRequests);
    }
    let found = app
        .store
        .token_grant(&hash)
        .await
        .map_err(|e| ApiError::Unavailable(e.into()))?;
    let Some(grant) = found else {
        return Err(if app.limits.failed_auth_ok() {
            ApiError::Unauthorized
        } else {
            ApiError::TooManyRequests
        });
    };
    // A token of an org removed from the routing file no longer works.
    if app.routing.org(&grant.org).is_none() {
        return Err(ApiError::Unauthorized);
    }
    Ok(grant)
}

#[derive(Deserialize)]
pub struct ListQuery {
    after: Option<String>,
    limit: Option<u32>,
}

const MAX_PAGE: u32 = 500;

/// `GET /api/v1/cases?after=<case id>&limit=<n>`: clear metadata only.
pub async fn list(
    State(app): State<Arc<App>>,
    InboxAuth(org): InboxAuth,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = query.map_err(|_| {
        ApiError::BadRequest("query: after is a case id, limit a number from 1 to 500")
    })?;
    let after = q
        .after
        .as_deref()
        .map(CaseId::parse)
        .transpose()
        .map_err(|_| ApiError::BadRequest("after must be a case id"))?;
    let limit = q.limit.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE);
    let cases = app
        .store
        .list_cases(&org, after.as_ref(), limit)
        .await
        .map_err(|e| ApiError::Unavailable(e.into()))?;
    let next = (cases.len() == limit as usize).then(|| cases.last().map(|c| c.case_id.clone()));
    Ok(Json(
        json!({ "org": org, "cases": cases, "next_after": next.flatten() }),
    ))
}

fn case_id(raw: &str) -> Result<CaseId, ApiError> {
    // A malformed id is answered like a missing case.
    CaseId::parse(raw).map_err(|_| ApiError::NotFound)
}

/// `GET /api/v1/cases/{id}/envelope`: the org's age file for the case.
pub async fn envelope(
    State(app): State<Arc<App>>,
    InboxAuth(org): InboxAuth,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = case_id(&id)?;
    let envelope = match app
        .store
        .envelope(&org, &id)
        .await
        .map_err(|e| ApiError::Unavailable(e.into()))?
    {
        EnvelopeFetch::Found(bytes) => bytes,
        EnvelopeFetch::Purged => return Err(ApiError::Gone),
        EnvelopeFetch::Missing => return Err(ApiError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}.age\""),
            ),
        ],
        envelope,
    )
        .into_response())
}

/// `GET /api/v1/cases/{id}/files/{file}`: one file of the case, an age file sealed to every
/// org whose envelope references it. Answered like the envelope: 404 for a case (or file) that
/// is not the org's, 410 once the org's envelope was purged.
pub async fn file(
    State(app): State<Arc<App>>,
    InboxAuth(org): InboxAuth,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let id = case_id(&id)?;
    // A file id is 32 hex digits; anything else is answered like a missing file.
    if file.len() != 32 || !file.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    let sealed = match app
        .store
        .case_file(&org, &id, &file.to_ascii_lowercase())
        .await
        .map_err(|e| ApiError::Unavailable(e.into()))?
    {
        FileFetch::Found(bytes) => bytes,
        FileFetch::Purged => return Err(ApiError::Gone),
        FileFetch::Missing => return Err(ApiError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}.age\""),
            ),
        ],
        sealed,
    )
        .into_response())
}

/// `POST /api/v1/cases/{id}/ack`: the org has the case. Idempotent.
pub async fn ack(
    State(app): State<Arc<App>>,
    InboxAuth(org): InboxAuth,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = case_id(&id)?;
    let acked: Day = app
        .store
        .ack(&org, &id, Day::today())
        .await
        .map_err(|e| ApiError::Unavailable(e.into()))?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(json!({ "case_id": id, "acked_on": acked })))
}
